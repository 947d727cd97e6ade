"""The long lists rendered by Jinja2 (web/jinja.py): what a case's fields say is escaped, the
dates read as Django's ``date:"Y-m-d"`` does, and the pager keeps the filters."""

from __future__ import annotations

from datetime import UTC, date, datetime

from gongkai.web.jinja import ymd
from tests.web.conftest import today_is
from tests.web.test_permissions import client_for

NAME = "<b>林\"国'娟&</b>"


def test_names_are_escaped_in_every_list(people, make_case, monkeypatch):
    today_is(monkeypatch, date(2025, 10, 31))
    make_case(date(2025, 9, 1), applicant_name=NAME)  # overdue by now
    clerk = client_for(people["clerk"])
    for url in ("/cases/", "/", "/deadlines/overdue/"):
        html = clerk.get(url).content.decode()
        assert "<b>林" not in html, url
        assert "&lt;b&gt;林&#34;国&#39;娟&amp;&lt;/b&gt;" in html, url
        assert "2025-09-01" in html, url  # the receipt date


def test_the_pager_keeps_the_filters(people, make_case):
    for day in range(1, 28):
        make_case(date(2025, 9, day))
        make_case(date(2025, 9, day))
    html = client_for(people["clerk"]).get("/cases/?phase=open&q=林").content.decode()
    assert "共 54 件，第 1/2 页" in html
    assert 'href="?phase=open&q=%E6%9E%97&page=2">下一页</a>' in html


def test_ymd_reads_as_djangos_date_filter():
    assert ymd(None) == "" and ymd(date(2025, 1, 5)) == "2025-01-05"
    # an aware time is read in the site's time zone (Asia/Shanghai)
    assert ymd(datetime(2025, 1, 5, 17, 0, tzinfo=UTC)) == "2025-01-06"


def test_url_is_reverse_for_every_number_and_under_a_script_prefix():
    from django.urls import reverse, set_script_prefix

    from gongkai.web.jinja import url

    for pk in (0, 7, 123456789012):
        assert url("cases:detail", pk) == reverse("cases:detail", args=[pk])
    assert url("cases:deadlines", "overdue") == reverse("cases:deadlines", args=["overdue"])
    set_script_prefix("/gongkai/")
    try:
        assert url("cases:detail", 5) == "/gongkai/cases/5/" == reverse("cases:detail", args=[5])
    finally:
        set_script_prefix("/")
    assert url("cases:detail", 5) == "/cases/5/"
