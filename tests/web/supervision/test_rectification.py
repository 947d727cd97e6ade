"""整改 tracking: an item from a confirmed finding or by hand (the deadline ahead), the unit's
answer (a note, a corrected report read and checked), the supervisor passing or returning it,
every refusal in Chinese, the append-only log, overdue items, who sees which page, the export."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from gongkai.report.canonical import from_canonical
from gongkai.report.render import render
from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.supervision import board, rectification, services
from gongkai.web.supervision.models import (
    RectificationEvent,
    RectificationItem,
    RectificationSource,
    RectificationStatus,
)
from tests.supervision.region import unit_document
from tests.web.conftest import today_is
from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db

TOWN = "临淄区齐都镇人民政府"
CIVIL = "临淄区民政局"


def _upload(name: str, data: bytes | str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.encode("utf-8") if isinstance(data, str) else data)


def _client(actor) -> Client:
    client = Client()
    client.force_login(actor.staff.user)
    return client


def _ahead(days: int = 30) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def region(people, tree):
    services.import_roster(people["supervisor"], tree["gov"], YEAR, _upload("名单.csv", ROSTER_CSV))
    services.start_run(people["supervisor"], tree["gov"], YEAR, [_upload("区.zip", region_zip())])
    return tree["gov"]


def _finding(region, code: str, unit: str = TOWN):
    rows = board.load(region).findings[YEAR]
    return next(r for r in rows if r.item.finding.code == code and r.unit.name == unit)


@pytest.fixture
def thin(people, region):
    """The town's confirmed PROBLEMS-THIN finding (section 五 empty), a rule of the catalogue."""
    row = _finding(region, "PROBLEMS-THIN")
    services.review(people["supervisor"], region, YEAR, TOWN, row.item.key, "confirmed", "")
    return row


@pytest.fixture
def item(people, region, thin):
    return rectification.open_from_finding(
        people["supervisor"], region, YEAR, TOWN, thin.item.key, _ahead()
    )


PROBLEMS = (
    "本镇存在的主要问题是政策解读不够深入，回应关切不够及时。"
    "下一步将加强解读材料的编写，建立舆情收集和回应机制，提升公开工作质量。"
) * 2


def _report(problems: str = PROBLEMS, name: str = "齐都镇政府") -> SimpleUploadedFile:
    doc = unit_document(name, "2026-01-10", problems=problems)
    return _upload("更正后的报告.md", render(from_canonical(doc), "md"))


# ------------------------------------------------------------------------------ services


def test_a_confirmed_finding_becomes_an_item_with_its_place_and_a_log(people, item, thin):
    assert item.status == RectificationStatus.OPEN and item.source == RectificationSource.FINDING
    assert item.unit_name == TOWN and item.finding["code"] == "PROBLEMS-THIN"
    assert (
        item.problem.startswith("五、存在的主要问题及改进情况：")
        and "PROBLEMS-THIN" in item.problem
    )
    [opened] = rectification.events(item)
    assert opened.actor_name == "李红梅" and opened.action == "opened"
    assert item.deadline.isoformat() in opened.note
    with pytest.raises(InvalidInput, match=f"已有整改事项（第{item.pk}号）"):
        rectification.open_from_finding(
            people["supervisor"], item.region, YEAR, TOWN, thin.item.key, _ahead()
        )


def test_only_a_confirmed_finding_becomes_an_item(people, region):
    row = _finding(region, "SUP-PROBLEMS-EMPTY")
    with pytest.raises(InvalidInput, match="只有已确认的问题"):
        rectification.open_from_finding(
            people["supervisor"], region, YEAR, TOWN, row.item.key, _ahead()
        )
    services.review(
        people["supervisor"], region, YEAR, TOWN, row.item.key, "dismissed", "已另行公开"
    )
    with pytest.raises(InvalidInput, match="只有已确认的问题"):
        rectification.open_from_finding(
            people["supervisor"], region, YEAR, TOWN, row.item.key, _ahead()
        )
    with pytest.raises(NotFound, match="没有这个问题"):
        rectification.open_from_finding(
            people["supervisor"], region, YEAR, TOWN, "0" * 32, _ahead()
        )
    assert not RectificationItem.objects.exists()


def test_open_item_by_hand_refuses_a_past_deadline_an_empty_problem_and_a_stranger(people, region):
    open_item = rectification.open_item
    supervisor = people["supervisor"]
    with pytest.raises(InvalidInput, match="整改期限须晚于今天") as caught:
        open_item(region, YEAR, CIVIL, "未按时更新目录", timezone.localdate(), "manual", supervisor)
    assert caught.value.fields == {"deadline": "整改期限须晚于今天。"}
    with pytest.raises(InvalidInput, match="不能晚于"):
        open_item(region, YEAR, CIVIL, "未按时更新目录", _ahead(400), "manual", supervisor)
    with pytest.raises(InvalidInput, match="请写明需要整改的问题"):
        open_item(region, YEAR, CIVIL, "  ", _ahead(), "manual", supervisor)
    with pytest.raises(InvalidInput, match="名单中没有这个单位"):
        open_item(region, YEAR, "临淄区教育局", "问题", _ahead(), "manual", supervisor)
    with pytest.raises(InvalidInput, match="来源无效"):
        open_item(region, YEAR, CIVIL, "问题", _ahead(), "rumour", supervisor)
    for name in ("clerk", "tez_supervisor"):  # not a writer of this region
        with pytest.raises(Forbidden):
            open_item(region, YEAR, CIVIL, "问题", _ahead(), "manual", people[name])
    assert not RectificationItem.objects.exists()
    notice = open_item(
        region,
        YEAR,
        CIVIL,
        "年度报告表三数据不符",
        _ahead(15),
        "notice",
        supervisor,
        source_ref="临政公开通报〔2026〕1号",
    )
    assert notice.source == "notice" and notice.source_ref == "临政公开通报〔2026〕1号"
    assert notice.unit_name == CIVIL and notice.status == "open"


def test_answer_return_answer_pass_and_every_refused_step(people, item, tmp_path):
    supervisor, town = people["supervisor"], people["town_clerk"]
    region = item.region
    with pytest.raises(InvalidInput, match="单位尚未答复，还不能审核"):
        rectification.pass_item(supervisor, region, item.pk)
    with pytest.raises(InvalidInput, match="请写明整改情况"):
        rectification.answer(town, item.pk, "  ")
    for name in ("clerk", "tez_clerk"):  # staff of another unit: the item does not exist
        with pytest.raises(NotFound):
            rectification.answer(people[name], item.pk, "已整改")
    with pytest.raises(Forbidden, match="只有被整改单位的工作人员"):  # the supervisor reads it
        rectification.answer(supervisor, item.pk, "已整改")

    # first answer: the corrected report still has section 五 empty
    answered = rectification.answer(town, item.pk, "已修改第五部分", _report(problems=""))
    assert answered.status == RectificationStatus.ANSWERED
    with pytest.raises(InvalidInput, match="已答复，正在等待监督机关审核"):
        rectification.answer(town, item.pk, "再次答复")
    last = rectification.events(answered)[-1]
    assert last.file_name == "更正后的报告.md" and last.report_year == YEAR
    assert "PROBLEMS-THIN" in {f["code"] for f in last.findings}
    assert rectification.rechecked(answered, last) == "更正后的报告中原问题仍然存在。"
    assert rectification.stored_file(last).read_bytes() == _report(problems="").read()

    with pytest.raises(InvalidInput, match="退回须写明理由") as caught:
        rectification.return_item(supervisor, region, item.pk, " ")
    assert caught.value.fields == {"note": "退回须写明理由。"}
    with pytest.raises(Forbidden):
        rectification.return_item(people["tez_supervisor"], region, item.pk, "理由")
    returned = rectification.return_item(supervisor, region, item.pk, "第五部分仍为空")
    assert returned.status == RectificationStatus.RETURNED
    with pytest.raises(InvalidInput, match="单位尚未答复"):
        rectification.return_item(supervisor, region, item.pk, "再退")

    # second answer: a report of another year is refused, then the right one
    with pytest.raises(InvalidInput, match="是2024年度的报告") as caught:
        doc = unit_document("齐都镇政府", "2025-01-10", year=YEAR - 1)
        rectification.answer(
            town, item.pk, "已更正", _upload("旧.md", render(from_canonical(doc), "md"))
        )
    assert "report" in caught.value.fields
    with pytest.raises(InvalidInput, match=r"broken\.pdf"):
        rectification.answer(town, item.pk, "已更正", _upload("broken.pdf", b"%PDF-1.4\n%%EOF"))
    assert RectificationItem.objects.get(pk=item.pk).status == RectificationStatus.RETURNED
    again = rectification.answer(town, item.pk, "已补充问题和改进措施", _report())
    assert rectification.rechecked(again, rectification.events(again)[-1]) == (
        "更正后的报告中已不再出现原问题。"
    )
    passed = rectification.pass_item(supervisor, region, item.pk, "整改到位")
    assert passed.status == RectificationStatus.PASSED
    with pytest.raises(InvalidInput, match="已审核通过，不能再次审核"):
        rectification.return_item(supervisor, region, item.pk, "再退")
    with pytest.raises(InvalidInput, match="已审核通过，无需再答复"):
        rectification.answer(town, item.pk, "再答")
    log = [(e.action, e.status, e.actor_name) for e in rectification.events(passed)]
    assert log == [
        ("opened", "open", "李红梅"),
        ("answered", "answered", "陈静"),
        ("returned", "returned", "李红梅"),
        ("answered", "answered", "陈静"),
        ("passed", "passed", "李红梅"),
    ]
    assert rectification.events(passed)[2].note == "第五部分仍为空"


def test_the_log_is_append_only(item):
    [opened] = rectification.events(item)
    opened.note = "改写"
    with pytest.raises(ValueError, match="只能新增"):
        opened.save()
    with pytest.raises(ValueError, match="只能新增"):
        opened.delete()
    assert RectificationEvent.objects.get(pk=opened.pk).note != "改写"


def test_overdue_means_past_the_deadline_and_still_awaiting_an_answer(people, item, monkeypatch):
    region, town = item.region, people["town_clerk"]
    assert rectification.overdue_count(region) == 0
    today_is(monkeypatch, item.deadline + timedelta(days=1))
    assert rectification.overdue_count(region) == 1 and item.overdue_on(
        item.deadline + timedelta(1)
    )
    rectification.answer(town, item.pk, "已整改")
    assert rectification.overdue_count(region) == 0  # answered: waits for the supervisor
    rectification.return_item(people["supervisor"], region, item.pk, "不完整")
    assert rectification.overdue_count(region) == 1  # returned and the deadline is past
    page = _client(people["supervisor"]).get(f"/supervision/{region.pk}/rectify/?overdue=1")
    assert page.status_code == 200 and "逾期1" in page.content.decode()
    assert page.context["items"] == [RectificationItem.objects.get(pk=item.pk)]
    board_page = _client(people["supervisor"]).get(f"/supervision/{region.pk}/")
    assert "整改事项（逾期1）" in board_page.content.decode()
    mine = _client(town).get("/supervision/rectify/").content.decode()
    assert 'id="unit-overdue">1<' in mine and "整改（1）" in mine


# ------------------------------------------------------------------------------ pages


def test_who_sees_which_page(people, region, item):
    civil_item = rectification.open_item(
        region, YEAR, CIVIL, "目录未更新", _ahead(), "manual", people["supervisor"]
    )
    gov = region.pk
    supervisor_pages = (
        f"/supervision/{gov}/rectify/",
        f"/supervision/{gov}/rectify/{item.pk}/",
    )
    for url in supervisor_pages:
        assert _client(people["supervisor"]).get(url).status_code == 200
        assert _client(people["admin"]).get(url).status_code == 200
        for outsider in ("tez_supervisor", "tez_clerk", "clerk", "town_clerk"):
            assert _client(people[outsider]).get(url).status_code == 404, (outsider, url)
    # the unit's staff see their own unit's items only
    town = _client(people["town_clerk"])
    assert town.get(f"/supervision/rectify/{item.pk}/").status_code == 200
    assert town.get(f"/supervision/rectify/{civil_item.pk}/").status_code == 404
    listed = town.get("/supervision/rectify/").context["items"]
    assert [i.pk for i in listed] == [item.pk]
    civil = _client(people["clerk"])
    assert [i.pk for i in civil.get("/supervision/rectify/").context["items"]] == [civil_item.pk]
    assert civil.get(f"/supervision/rectify/{item.pk}/").status_code == 404
    assert civil.post(f"/supervision/rectify/{item.pk}/", {"note": "x"}).status_code == 404
    for outsider in ("tez_clerk", "tez_supervisor"):
        client = _client(people[outsider])
        assert client.get("/supervision/rectify/").context["items"] == []
        assert client.get(f"/supervision/rectify/{item.pk}/").status_code == 404
    # a supervisor of the region does not answer on the unit's page, nor a unit decide
    assert (
        _client(people["tez_supervisor"])
        .post(f"/supervision/{gov}/rectify/{item.pk}/", {"decision": "passed"})
        .status_code
        == 404
    )
    assert (
        town.post(f"/supervision/{gov}/rectify/{item.pk}/", {"decision": "passed"}).status_code
        == 404
    )
    assert RectificationItem.objects.get(pk=item.pk).status == RectificationStatus.OPEN


def test_the_pages_refuse_beside_the_form_and_the_list_exports_with_its_filters(
    people, region, item
):
    gov = region.pk
    supervisor = _client(people["supervisor"])
    refused = supervisor.post(
        f"/supervision/{gov}/rectify/",
        {"year": YEAR, "unit": CIVIL, "problem": "目录未更新", "deadline": "2020-01-01"},
    )
    assert refused.status_code == 422
    assert refused.context["form"].errors["deadline"] == ["整改期限须晚于今天。"]
    made = supervisor.post(
        f"/supervision/{gov}/rectify/",
        {"year": YEAR, "unit": CIVIL, "problem": "=目录未更新", "deadline": _ahead().isoformat()},
    )
    assert made.status_code == 302
    decided = supervisor.post(f"/supervision/{gov}/rectify/{item.pk}/", {"decision": "passed"})
    assert decided.status_code == 422 and "单位尚未答复" in decided.content.decode()
    answer = _client(people["town_clerk"]).post(f"/supervision/rectify/{item.pk}/", {"note": ""})
    assert answer.status_code == 422 and answer.context["form"].errors["note"]
    csv = supervisor.get(f"/supervision/{gov}/rectify/?unit={CIVIL}&format=csv").content.decode()
    assert CIVIL in csv and TOWN not in csv and "'=目录未更新" in csv
    xlsx = supervisor.get(f"/supervision/{gov}/rectify/?status=open&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    passed = supervisor.get(f"/supervision/{gov}/rectify/?status=passed&format=csv")
    assert CIVIL not in passed.content.decode() and TOWN not in passed.content.decode()
    # the finding page links a confirmed finding to the new-item page, prefilled
    findings = supervisor.get(f"/supervision/{gov}/{YEAR}/findings/").content.decode()
    assert "转为整改事项" in findings
    new = supervisor.get(
        f"/supervision/{gov}/rectify/new/", {"year": YEAR, "unit": TOWN, "key": item.finding_key}
    )
    assert new.status_code == 200 and new.context["existing"] == item


def test_the_corrected_report_is_kept_and_shown_to_the_unit_and_the_region_only(people, item):
    rectification.answer(people["town_clerk"], item.pk, "已更正", _report())
    answer = rectification.events(item)[-1]
    file_url = f"/supervision/rectify/{item.pk}/file/{answer.pk}/"
    report_url = f"/supervision/rectify/{item.pk}/report/{answer.pk}/"
    for name in ("town_clerk", "supervisor", "admin"):
        client = _client(people[name])
        download = client.get(file_url)
        assert download.status_code == 200 and download.content == _report().read()
        assert "attachment" in download["Content-Disposition"]
        shown = client.get(report_url)
        assert shown.status_code == 200 and "sandbox" in shown["Content-Security-Policy"]
        assert "齐都镇政府" in shown.content.decode()
    for name in ("clerk", "tez_clerk", "tez_supervisor"):
        client = _client(people[name])
        assert client.get(file_url).status_code == 404
        assert client.get(report_url).status_code == 404
    opened = rectification.events(item)[0]  # a log line without a report
    assert (
        _client(people["supervisor"])
        .get(f"/supervision/rectify/{item.pk}/file/{opened.pk}/")
        .status_code
        == 404
    )


def test_an_answer_after_the_deadline_shows_how_late_it_came(people, item):
    RectificationItem.objects.filter(pk=item.pk).update(
        deadline=timezone.localdate() - timedelta(days=3)
    )
    item.refresh_from_db()
    assert rectification.overdue_count(item.region) == 1
    rectification.answer(people["town_clerk"], item.pk, "已整改")
    log = rectification.events(item)
    assert rectification.days_late(item, log) == {log[-1].pk: 3}
    page = _client(people["supervisor"]).get(f"/supervision/{item.region.pk}/rectify/{item.pk}/")
    assert "逾期3天" in page.content.decode()
    assert rectification.overdue_count(item.region) == 0  # answered: no longer overdue


def test_the_navigation_link_only_for_an_agency_a_roster_lists(people, item):
    """The link to a unit's items costs a page one simple query when no roster lists the
    agency (most agencies); staff of a listed unit see it with their open items."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.web.supervision.models import RosterUnit

    tez = people["tez_clerk"]
    assert not RosterUnit.objects.filter(agency_id=tez.staff.agency_id).exists()
    assert not rectification.linked_to_a_roster(tez)
    assert rectification.linked_to_a_roster(people["town_clerk"])
    with CaptureQueriesContext(connection) as queries:
        page = _client(tez).get("/").content.decode()
    assert 'id="nav-unit-rectify"' not in page
    assert not [q for q in queries if "supervision_rectificationitem" in q["sql"]]
    assert 'id="nav-unit-rectify"' in _client(people["town_clerk"]).get("/").content.decode()
