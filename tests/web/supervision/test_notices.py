"""The region-year 通报: drafted from the confirmed findings only (a dismissed one never counts,
an unreviewed one is counted as waiting), its figures fields filled from the data, edited in
the browser with an unknown field refused beside its paragraph, written as DOCX (read back) and
HTML, issued and then frozen; the deadline refused when empty or not after today."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from docx import Document

from gongkai.web.errors import InvalidInput
from gongkai.web.supervision import notices, services
from gongkai.web.supervision.models import Notice, NoticeEdit, NoticeStatus
from tests.supervision.region import unit_document
from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db

PER_UNIT_RECEIVED = unit_document("某单位", None)["applications"]["received"]["total"]
LATE = "落款日期 2026-04-10 晚于发布期限 2026-03-31"  # 临淄区人民政府's PUB-LATE
EMPTY = "第五部分没有实际内容"  # 齐都镇's SUP-PROBLEMS-EMPTY, dismissed below
THIN = "第五部分只有 0 个字"  # 齐都镇's PROBLEMS-THIN, left unreviewed


@pytest.fixture
def region(people, tree):
    supervisor = people["supervisor"]
    services.import_roster(
        supervisor, tree["gov"], YEAR, SimpleUploadedFile("名单.csv", ROSTER_CSV.encode())
    )
    services.start_run(supervisor, tree["gov"], YEAR, [SimpleUploadedFile("区.zip", region_zip())])
    return tree["gov"]


def _finding(region, code):
    rows = notices.region_year(region, YEAR).rows
    return next(r for r in rows if r.item.finding.code == code)


def _decide(people, region, code, decision, reason=""):
    row = _finding(region, code)
    services.review(people["supervisor"], region, YEAR, row.unit.id, row.item.key, decision, reason)


@pytest.fixture
def reviewed(people, region):
    _decide(people, region, "PUB-LATE", "confirmed")
    _decide(people, region, "SUP-PROBLEMS-EMPTY", "dismissed", "该镇另行公开了问题清单")
    return region


def _client(actor) -> Client:
    client = Client()
    client.force_login(actor.staff.user)
    return client


def _later(days: int = 30) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _draft(client, region, deadline=None) -> Notice:
    response = client.post(
        f"/supervision/{region.pk}/notices/new/",
        {"year": YEAR, "deadline": deadline or _later(), "issuer": "临淄区政务公开办公室"},
    )
    assert response.status_code == 302, response.content.decode()
    return Notice.objects.latest("pk")


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_draft_counts_confirmed_findings_only_and_the_docx_carries_the_data(people, reviewed):
    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    assert notice.number == 1 and notice.status == NoticeStatus.DRAFT
    assert notice.created_by == "李红梅" and notice.pending == 1  # THIN, not reviewed
    assert any("{应发布单位数}" in p["text"] for p in notice.paragraphs)  # a field, not "5"

    page = client.get(f"/supervision/{reviewed.pk}/notices/{notice.pk}/edit/").content.decode()
    assert "1 条问题尚未审核" in page

    response = client.get(f"/supervision/{reviewed.pk}/notices/{notice.pk}/download/docx/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert "草稿——未印发" in text
    assert "共有5个单位应当发布2025年度政府信息公开工作年度报告" in text
    assert "已发布3个（其中按时发布2个、逾期发布1个" in text
    assert f"全年共收到政府信息公开申请{3 * PER_UNIT_RECEIVED}件" in text  # 3 units summed
    assert "（一）未发布年度报告。共2个单位" in text
    assert "临淄区财政局：未发布2025年度政府信息公开工作年度报告。" in text
    assert "（二）发布不及时。共1个问题，涉及1个单位" in text
    assert f"临淄区人民政府：{LATE}" in text
    assert EMPTY not in text  # dismissed
    assert THIN not in text  # not reviewed
    deadline = notice.deadline
    assert f"于{deadline.year}年{deadline.month}月{deadline.day}日前完成整改" in text
    assert "请临淄区人民政府、临淄区财政局、临淄区文化旅游局于" in text
    assert "整改情况书面报送临淄区政务公开办公室" in text

    html = client.get(f"/supervision/{reviewed.pk}/notices/{notice.pk}/download/html/")
    assert html.status_code == 200 and LATE in html.content.decode()
    assert (
        client.get(f"/supervision/{reviewed.pk}/notices/{notice.pk}/download/pdf/").status_code
        == 404
    )


def test_the_items_for_rectification(people, reviewed):
    notice = _draft(_client(people["supervisor"]), reviewed)
    items = notices.notice_items(notice)
    assert [(i.unit_id, i.category) for i in items] == [
        ("临淄区财政局", "未发布年度报告"),
        ("临淄区文化旅游局", "未发布年度报告"),
        ("临淄区人民政府", "发布不及时"),
    ]
    assert {i.deadline for i in items} == {notice.deadline}
    assert items[2].problem.startswith(LATE) and items[2].finding_key
    assert items[0].finding_key == ""


def test_an_edit_changes_words_not_figures_and_an_unknown_field_is_refused(people, reviewed):
    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    url = f"/supervision/{reviewed.pk}/notices/{notice.pk}/edit/"
    texts = {f"p{i}": p["text"] for i, p in enumerate(notice.paragraphs)}
    index = next(i for i, p in enumerate(notice.paragraphs) if "{应发布单位数}" in p["text"])
    form = {"title": notice.title, "deadline": notice.deadline.isoformat(), "issuer": notice.issuer}

    bad = {**form, **texts, f"p{index}": "全区共有{应发布单位}个单位。"}
    refused = client.post(url, bad)
    assert refused.status_code == 422
    page = refused.content.decode()
    block = page[page.index(f'id="para-{index}"') :]
    assert "没有这个数据项：{应发布单位}" in block[: block.index("</div>\n    </div>")]
    notice.refresh_from_db()
    assert "{应发布单位数}" in notice.paragraphs[index]["text"]  # nothing saved

    good = {**form, **texts, f"p{index}": "经统计，{地区}共有{应发布单位数}个单位。"}
    assert client.post(url, good).status_code == 302
    notice.refresh_from_db()
    assert notice.paragraphs[index]["text"] == "经统计，{地区}共有{应发布单位数}个单位。"
    edit = NoticeEdit.objects.filter(notice=notice, action="修改").get()
    assert edit.actor_name == "李红梅" and edit.changed == 1
    preview = client.get(f"/supervision/{reviewed.pk}/notices/{notice.pk}/").content.decode()
    assert '<span class="chip" data-field="应发布单位数">5</span>' in preview
    text = _docx_text(notice_docx(client, reviewed, notice))
    assert "经统计，临淄区人民政府共有5个单位。" in text


def notice_docx(client, region, notice) -> bytes:
    return client.get(f"/supervision/{region.pk}/notices/{notice.pk}/download/docx/").content


def test_figures_changed_since_the_draft_are_shown(people, reviewed):
    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    _decide(people, reviewed, "PROBLEMS-THIN", "confirmed")
    page = client.get(f"/supervision/{reviewed.pk}/notices/{notice.pk}/edit/").content.decode()
    assert 'id="changes"' in page
    row = page[page.index('data-field="确认问题数"') :]
    row = row[: row.index("</tr>")]
    assert 'class="cited"' in row and "<td>1</td><td>2</td>" in row
    assert "尚未审核" not in page  # nothing waits any more


@pytest.mark.parametrize(
    ("deadline", "message"),
    [("", "请填写整改期限。"), ("2020-05-31", "须晚于今天"), (None, "须晚于今天")],
)
def test_a_deadline_empty_or_not_after_today_is_refused_beside_the_field(
    people, reviewed, deadline, message
):
    value = timezone.localdate().isoformat() if deadline is None else deadline
    response = _client(people["supervisor"]).post(
        f"/supervision/{reviewed.pk}/notices/new/", {"year": YEAR, "deadline": value}
    )
    assert response.status_code == 422
    page = response.content.decode()
    field = page[page.index('for="id_deadline"') : page.index('for="id_issuer"')]
    assert message in field[field.index('<ul class="errorlist"') :]
    assert not Notice.objects.exists()


def test_an_issued_notice_is_frozen(people, reviewed):
    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    base = f"/supervision/{reviewed.pk}/notices/{notice.pk}"
    assert client.post(f"{base}/issue/").status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.ISSUED and notice.issued_by == "李红梅"
    issued = notice_docx(client, reviewed, notice)
    assert hashlib.sha256(issued).hexdigest() == notice.issued_sha256
    before = _docx_text(issued)
    assert "草稿" not in before and LATE in before

    # the data change: the issued text does not
    _decide(people, reviewed, "PROBLEMS-THIN", "confirmed")
    _decide(people, reviewed, "PUB-LATE", "dismissed", "落款日期有误，网页发布日期为3月20日")
    assert notice_docx(client, reviewed, notice) == issued  # the same bytes
    assert [i.unit_id for i in notices.notice_items(notice)][-1] == "临淄区人民政府"

    # editing and issuing again are refused
    form = {"title": "改过的标题", "deadline": _later(), "issuer": "x"}
    texts = {f"p{i}": "改" for i in range(len(notice.paragraphs))}
    refused = client.post(f"{base}/edit/", {**form, **texts})
    assert refused.status_code == 422 and "已印发的通报不能再修改" in refused.content.decode()
    assert client.get(f"{base}/edit/").status_code == 302
    again = client.post(f"{base}/issue/")
    assert again.status_code == 422 and "已经印发" in again.content.decode()
    notice.refresh_from_db()
    assert notice.title.startswith("关于临淄区人民政府2025年度") and notice.issuer != "x"
    with pytest.raises(InvalidInput, match="已印发"):
        notices.save_draft(people["supervisor"], notice, "t", [], notice.deadline, "")
    # a new version is a new draft
    second = _draft(client, reviewed)
    assert second.number == 2 and second.status == NoticeStatus.DRAFT


def test_issuing_after_the_deadline_has_passed_is_refused(people, reviewed):
    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    Notice.objects.filter(pk=notice.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    response = client.post(f"/supervision/{reviewed.pk}/notices/{notice.pk}/issue/")
    assert response.status_code == 422
    page = response.content.decode()
    assert "须晚于今天" in page[page.index('id="issue-form"') :]
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT


def test_only_the_region_s_supervisors_draft_and_others_see_nothing(people, reviewed, tree):
    url = f"/supervision/{reviewed.pk}/notices/"
    for name in ("tez_supervisor", "clerk"):
        assert _client(people[name]).get(url).status_code == 404
    notice = _draft(_client(people["supervisor"]), reviewed)
    admin = _client(people["admin"])
    assert admin.get(f"{url}{notice.pk}/").status_code == 200
    # a supervisor above reads a region below but may not draft there
    services.import_roster(
        people["supervisor"], tree["civil"], YEAR, SimpleUploadedFile("r.csv", ROSTER_CSV.encode())
    )
    below = _client(people["supervisor"]).post(
        f"/supervision/{tree['civil'].pk}/notices/new/", {"year": YEAR, "deadline": _later()}
    )
    assert below.status_code == 403


def test_a_field_the_data_do_not_know_stops_the_download_not_the_preview(people, reviewed):
    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    paragraphs = [*notice.paragraphs, {"kind": "paragraph", "text": "{旧数据项}", "level": 1}]
    Notice.objects.filter(pk=notice.pk).update(paragraphs=paragraphs)
    base = f"/supervision/{reviewed.pk}/notices/{notice.pk}"
    preview = client.get(f"{base}/")
    assert preview.status_code == 200
    assert '<span class="chip unknown" data-field="旧数据项">{旧数据项}</span>' in (
        preview.content.decode()
    )
    download = client.get(f"{base}/download/docx/")
    assert download.status_code == 400
    assert "无法识别的数据项{旧数据项}" in download.content.decode()
    refused = client.post(f"{base}/issue/")
    assert refused.status_code == 422 and "无法识别的数据项{旧数据项}" in refused.content.decode()


def test_an_issued_notice_orders_each_named_unit_to_rectify_once(people, reviewed):
    from gongkai.web.supervision.models import RectificationItem, RectificationSource

    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    base = f"/supervision/{reviewed.pk}/notices/{notice.pk}"
    # a draft orders nothing
    refused = client.post(f"{base}/rectify/")
    assert refused.status_code == 422 and "印发后才能下达整改事项" in refused.content.decode()
    assert not RectificationItem.objects.exists()

    assert client.post(f"{base}/issue/").status_code == 302
    assert 'id="rectify-form"' in client.get(f"{base}/").content.decode()
    done = client.post(f"{base}/rectify/", follow=True)
    assert "已下达3项整改事项" in done.content.decode()
    items = RectificationItem.objects.order_by("pk")
    assert [(i.unit_id, i.source, i.deadline) for i in items] == [
        ("临淄区财政局", RectificationSource.NOTICE, notice.deadline),
        ("临淄区文化旅游局", RectificationSource.NOTICE, notice.deadline),
        ("临淄区人民政府", RectificationSource.NOTICE, notice.deadline),
    ]
    assert items[2].problem == f"发布不及时：{notices.notice_items(notice)[2].problem}"
    assert items[2].finding_key and all(i.source_ref == "2025年度通报第1稿" for i in items)

    # ordered again: nothing is made twice
    again = client.post(f"{base}/rectify/", follow=True)
    assert "已下达0项整改事项，另有3项问题此前已有整改事项" in again.content.decode()
    assert RectificationItem.objects.count() == 3
    # only the region's writers order rectification
    assert _client(people["clerk"]).post(f"{base}/rectify/").status_code == 404


def test_a_refused_item_leaves_no_item_of_the_notice_behind(people, reviewed):
    from gongkai.web.supervision.models import RectificationItem

    client = _client(people["supervisor"])
    notice = _draft(client, reviewed)
    assert client.post(f"/supervision/{reviewed.pk}/notices/{notice.pk}/issue/").status_code == 302
    # the deadline has passed since the notice was issued: no item may be ordered
    Notice.objects.filter(pk=notice.pk).update(deadline=timezone.localdate())
    response = client.post(f"/supervision/{reviewed.pk}/notices/{notice.pk}/rectify/")
    assert response.status_code == 422
    page = response.content.decode()
    assert "rectify-error" in page
    assert not RectificationItem.objects.exists()
