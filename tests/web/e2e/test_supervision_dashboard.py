"""The dashboard in Chromium: the charts draw (a canvas each, no error in the console), and a
click on a bar opens the units behind it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.web.e2e.test_browser import login, shot, wait
from tests.web.supervision.test_dashboard import ROSTER, YEAR, _zip

pytestmark = pytest.mark.django_db(transaction=True)

WATCH = """
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
var original = console.error;
console.error = function () {
  window.__errors.push(Array.prototype.join.call(arguments, ' '));
  original.apply(console, arguments);
};
"""


@pytest.fixture
def region(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_agency, create_staff
    from gongkai.web.supervision import services

    gov = create_agency(name="临淄区人民政府", kind="government")
    staff = create_staff(
        username="supervisor",
        password="pw-supervisor",
        agency=gov,
        role="supervisor",
        display_name="李红梅",
    )
    actor = actor_for(staff.user)
    services.import_roster(actor, gov, YEAR, SimpleUploadedFile("名单.csv", ROSTER.encode()))
    run = services.start_run(actor, gov, YEAR, [SimpleUploadedFile("区.zip", _zip())])
    services.process_run(run.pk)  # what the worker does (tests/web/e2e/… runs a real one)
    return gov


def test_the_charts_draw_and_a_bar_opens_its_units(browser, live_server, region):
    base = live_server.url
    login(browser, base, "supervisor")
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    browser.get(f"{base}/supervision/{region.pk}/dashboard/")
    for key in ("trend", "outcomes", "corrected", "timeliness", "scores", "days"):
        wait(browser).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, f"#chart-{key} canvas"))
        )
    assert browser.execute_script("return window.__errors") == []
    shot(browser, "supervision-dashboard")

    # the bar of 逾期1–15天 (one unit: the district government, 10 days late)
    canvas = browser.find_element(By.CSS_SELECTOR, "#chart-timeliness canvas")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", canvas)
    x, y = browser.execute_script(
        "return window.gongkaiCharts.timeliness.convertToPixel({seriesIndex: 0}, [1, 0.5]);"
    )
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()
    table = wait(browser).until(ec.presence_of_element_located((By.ID, "figure-units")))
    assert "/figure/" in browser.current_url and "late_1_15" in browser.current_url
    names = [
        r.get_attribute("data-unit") for r in table.find_elements(By.CSS_SELECTOR, "tr[data-unit]")
    ]
    assert names == ["临淄区人民政府"]
    assert browser.execute_script("return window.__errors") == []
