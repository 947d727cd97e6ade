"""The public form (issue 11 item 10): identity and telephone numbers checked, the description
bounded, every message in Chinese beside its field whatever language the browser asks for; only
accepted submissions count toward the rate limit, keyed on the client address (X-Forwarded-For
only from a configured proxy)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from gongkai.web.applications.models import Application
from gongkai.web.public.models import PublicAttempt
from gongkai.web.public.ratelimit import client_address
from tests.web.test_public import form_data

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def field_errors(page: str, name: str) -> str:
    """The text of the errors shown inside the block of field ``name``."""
    start = page.index(f'for="id_{name}"')
    end = min(
        i for i in (page.find('<div class="field', start), page.find("</fieldset>", start)) if i > 0
    )
    block = page[start:end]
    return " ".join(re.findall(r'<ul class="errorlist">(.*?)</ul>', block, re.S))


def post(tree: dict[str, Any], client: Client | None = None, **fields: Any) -> Any:
    return (client or Client()).post("/apply/", form_data(tree, **fields))


def test_a_wrong_check_digit_is_refused_beside_the_number(tree: dict[str, Any]) -> None:
    response = post(tree, id_number="370305198001010012")
    page = response.content.decode()
    assert response.status_code == 400 and not Application.objects.exists()
    assert "校验位" in field_errors(page, "id_number")
    assert not field_errors(page, "phone")


def test_a_valid_number_is_stored_in_upper_case(tree: dict[str, Any]) -> None:
    assert post(tree, id_number=" 11010519491231002x ").status_code == 200
    assert Application.objects.get().id_number == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("3703051980010100", "您填写了16位"),
        ("990305198001010010", "省级行政区划代码"),
        ("370305198002300010", "不是有效的日期"),
    ],
)
def test_other_mistakes_in_the_number(tree: dict[str, Any], number: str, words: str) -> None:
    page = post(tree, id_number=number).content.decode()
    assert words in field_errors(page, "id_number")


def test_other_documents_are_not_checksummed(tree: dict[str, Any]) -> None:
    assert post(tree, id_type="护照", id_number="e12345678").status_code == 200
    assert Application.objects.get().id_number == "E12345678"
    page = post(tree, id_type="护照", id_number="E1").content.decode()
    assert "5至30位" in field_errors(page, "id_number")


def test_the_document_type_is_one_of_the_list(tree: dict[str, Any]) -> None:
    page = post(tree, id_type="身份证").content.decode()
    assert "选择一个有效的选项" in field_errors(page, "id_type")
    page = post(tree, id_type="统一社会信用代码", id_number="91370305MA3C4LXX8Q").content.decode()
    assert "自然人请选择身份证件" in field_errors(page, "id_type")
    assert not Application.objects.exists()
    data = {"applicant_type": "business", "applicant_name": "某某有限公司"}
    assert (
        post(tree, id_type="统一社会信用代码", id_number="91370305MA3C4LXX8Q", **data).status_code
        == 200
    )


def test_phone_numbers(tree: dict[str, Any]) -> None:
    page = post(tree, phone="0533-123").content.decode()
    assert "固定电话须带区号" in field_errors(page, "phone")
    assert "至少填写一种联系方式" not in page  # the phone given was refused, not missing
    assert post(tree, phone="(0533) 721 2036 转 8").status_code == 200
    assert Application.objects.get().phone == "0533-7212036-8"


def test_a_long_description_is_refused_with_its_length(tree: dict[str, Any]) -> None:
    text = "请公开2024年度城乡低保资金发放明细。" * 120  # 20 × 120 = 2400 characters
    assert len(text) == 2400
    response = post(tree, description=text)
    errors = field_errors(response.content.decode(), "description")
    assert response.status_code == 400 and not Application.objects.exists()
    assert "不能超过2000字" in errors and "您填写了2400字" in errors
    assert 'maxlength="' not in response.content.decode().split('id="id_description"')[0][-300:]
    line_breaks = ("x" * 99 + "\r\n") * 20  # 2,000 characters once CRLF counts as one
    assert post(tree, description=line_breaks.strip() + "x").status_code == 200


def test_other_text_fields_are_bounded(tree: dict[str, Any]) -> None:
    page = post(tree, applicant_name="林" * 201, address="路" * 301).content.decode()
    assert "不超过 200 字符 (目前字符数 201)" in field_errors(page, "applicant_name")
    assert "不超过 300 字符 (目前字符数 301)" in field_errors(page, "address")


def test_messages_are_chinese_whatever_the_browser_asks_for(tree: dict[str, Any]) -> None:
    client = Client(**ENGLISH)
    client.cookies["django_language"] = "en"
    response = client.post("/apply/", {"agency": tree["civil"].pk, "email": "not-an-email"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "这个字段是必填项。" in field_errors(page, "applicant_name")
    assert "输入一个有效的 Email 地址。" in field_errors(page, "email")
    assert "This field is required" not in page and "valid email" not in page
    assert response.get("Content-Language", "zh-hans") == "zh-hans"
    page = post(tree, Client(**ENGLISH), applicant_name="林" * 201).content.decode()
    assert "确保该变量包含不超过 200 字符" in page and "Ensure this value" not in page


def test_refused_submissions_do_not_count(tree: dict[str, Any], settings: Any) -> None:
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    client = Client(REMOTE_ADDR="10.3.0.1")
    refused = [post(tree, client, id_number="370305198001010012").status_code for _ in range(5)]
    assert refused == [400] * 5 and not PublicAttempt.objects.exists()
    assert [post(tree, client).status_code for _ in range(3)] == [200, 200, 429]
    assert Application.objects.count() == 2
    # over the limit, the form comes back with what was typed and the reason
    page = post(tree, client).content.decode()
    assert "提交过于频繁" in page and "2024年度城乡低保资金发放情况" in page
    assert PublicAttempt.objects.count() == 2


def test_a_submission_that_fails_on_the_way_is_not_counted(
    tree: dict[str, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.web.errors import Busy
    from gongkai.web.public import views

    def fails(*args: Any, **kwargs: Any) -> Any:
        raise Busy

    monkeypatch.setattr(views, "submit_public", fails)
    assert post(tree, Client(REMOTE_ADDR="10.3.0.2")).status_code == 409
    assert not PublicAttempt.objects.exists()


def _address(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


def test_the_header_is_ignored_unless_the_proxy_is_trusted(settings: Any) -> None:
    assert _address("203.0.113.5", "198.51.100.1") == "203.0.113.5"  # nothing configured
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.2", "10.1.0.0/16"]
    # from the proxy: the address it appended; what the client wrote further left is not read
    assert _address("10.0.0.2", "1.2.3.4, 198.51.100.7") == "198.51.100.7"
    # two trusted proxies in a row: the right-most address that is not one of them
    assert _address("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.1.4.4") == "198.51.100.7"
    # not from the proxy: the header is the client's own and is ignored
    assert _address("203.0.113.5", "198.51.100.1") == "203.0.113.5"
    # from the proxy with garbage, or nothing, where it should have written the address
    assert _address("10.0.0.2", "1.2.3.4, not-an-address") == "10.0.0.2"
    assert _address("10.0.0.2") == "10.0.0.2"
    assert _address("10.0.0.2", "198.51.100.7:51234") == "198.51.100.7"
    assert _address("10.0.0.2", "[2001:db8:1:2::9]:443") == "2001:db8:1:2::/64"


def test_ipv6_clients_are_counted_by_their_network() -> None:
    assert (
        _address("2001:db8:1:2:aaaa::1") == _address("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::/64"
    )
    assert _address("2001:db8:1:3::1") != _address("2001:db8:1:2::1")
    assert _address("::ffff:203.0.113.5") == "203.0.113.5"


def test_forged_headers_change_nothing_behind_a_trusted_proxy(
    tree: dict[str, Any], settings: Any
) -> None:
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.2"]
    codes = [  # one client behind the proxy, forging a new address each time
        post(
            tree, Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 198.51.100.7")
        ).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]
    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert post(tree, other).status_code == 200
    direct = [  # not through the proxy: the header is ignored, REMOTE_ADDR counts
        post(tree, Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"1.1.2.{n}")).status_code
        for n in range(3)
    ]
    assert direct == [200, 200, 429]


def test_a_wrong_proxy_setting_stops_the_start() -> None:
    from gongkai.web.deploy import trusted_proxies

    assert trusted_proxies(" 10.0.0.2, 10.1.0.0/16 ,") == ["10.0.0.2", "10.1.0.0/16"]
    with pytest.raises(ImproperlyConfigured, match=r"proxy\.example"):
        trusted_proxies("10.0.0.2, proxy.example")
