"""The site in a real browser (issue 14): headless Chromium from Debian's packages, driven by selenium through
Debian's chromedriver, one browser session for every test here. Runs where the browser is installed (`make
test` installs it where missing); skipped elsewhere.

Checked: the home page's search finds Resolution 2 by a word of its title; the owner box answers for G.711;
the deadline calculator gives the dates of a TAP case; a validation upload shows the report; every internal
link of a Resolution page resolves; the language switch. With ``ITUT_KB_SCREENSHOTS=DIR`` (``make
screenshots``) the main pages are written there as PNG.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import httpx
import pytest

from liveserver import ROOT, Live

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
    "--lang=zh-CN",
)
WAIT_S = 30
SCREENSHOTS = os.environ.get("ITUT_KB_SCREENSHOTS")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="Chromium and chromedriver are not installed"),
]
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="itut-kb-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(
            options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER)
        )
        driver.set_page_load_timeout(WAIT_S)
        try:
            yield driver
        finally:
            driver.quit()


def wait(driver: webdriver.Chrome) -> WebDriverWait:
    return WebDriverWait(driver, WAIT_S)


def screenshot(driver: webdriver.Chrome, name: str, height: int = 1000) -> None:
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS) if Path(SCREENSHOTS).is_absolute() else ROOT / SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1280, height)
    driver.save_screenshot(str(folder / f"{name}.png"))
    driver.set_window_size(1280, 1000)


def test_home_search_finds_resolution_2_by_a_word_of_its_title(browser: webdriver.Chrome, live: Live) -> None:
    browser.get(live.url + "/?lang=zh")
    assert browser.find_element(By.ID, "q").get_attribute("type") == "search"
    screenshot(browser, "home", 1100)
    box = browser.find_element(By.ID, "q")
    box.send_keys("职权")
    box.submit()
    wait(browser).until(ec.presence_of_element_located((By.ID, "search-count")))
    results = browser.find_element(By.CSS_SELECTOR, 'section.results[data-kind="resolution"]')
    links = [a.get_attribute("href") for a in results.find_elements(By.TAG_NAME, "a")]
    assert live.url + "/id/resolution/2" in links


def test_owner_box_answers_for_g711(browser: webdriver.Chrome, live: Live) -> None:
    browser.get(live.url + "/")
    browser.find_element(By.ID, "owner-number").send_keys("G.711")
    browser.find_element(By.CSS_SELECTOR, "#owner-form button").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "owner-answer"), "SG21"))
    answer = browser.find_element(By.ID, "owner-answer").text
    assert "G.711" in answer
    assert "G.710 – G.729" in answer  # the Annex C basis
    badge = browser.find_element(By.CSS_SELECTOR, "#owner-answer a.group-badge")
    assert badge.get_attribute("href") == live.url + "/id/group/SG21"


def test_deadline_calculator_gives_the_dates_of_a_tap_case(browser: webdriver.Chrome, live: Live) -> None:
    browser.get(live.url + "/deadlines")
    Select(browser.find_element(By.ID, "case-kind")).select_by_value("tap-approval")
    for field, day in (("meeting_date", "2025-06-16"), ("announcement_date", "2025-03-10")):
        element = browser.find_element(By.ID, f"date-{field}")
        browser.execute_script("arguments[0].value = arguments[1];", element, day)
    browser.find_element(By.ID, "compute").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "rules")))
    rows = {
        r.get_attribute("data-rule"): r.find_element(By.CSS_SELECTOR, "td.date").text
        for r in browser.find_elements(By.CSS_SELECTOR, "#rules tr.rule")
    }
    assert rows["res1-9.3.3"].startswith("2025-03-16")  # the announcement reaches the membership by then
    assert rows["res1-9.3.5"].startswith("2025-05-16")  # the draft text is distributed by then
    screenshot(browser, "deadlines", 1300)


def test_validation_upload_shows_the_report(browser: webdriver.Chrome, live: Live) -> None:
    browser.get(live.url + "/validate")
    upload = ROOT / "examples" / "submissions" / "invalid" / "draft-wrong-group.json"
    browser.find_element(By.ID, "submission-file").send_keys(str(upload))
    wait(browser).until(lambda d: "X.1280" in d.find_element(By.ID, "submission-text").get_attribute("value"))
    browser.find_element(By.ID, "validate-button").click()
    wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#report section.severity-violation"))
    )
    report = browser.find_element(By.ID, "report").text
    assert "SG17" in report  # Annex C gives X.1280 to SG17, not SG15
    assert "Res. 1 9.3.6" in report
    assert "2 violation(s)" in report


def test_every_link_of_a_resolution_page_resolves(browser: webdriver.Chrome, live: Live) -> None:
    browser.get(live.url + "/id/resolution/2")
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "article.document")))
    screenshot(browser, "resolution", 1600)
    hrefs = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a[href]")}
    ids = set(browser.execute_script("return Array.from(document.querySelectorAll('[id]')).map(e => e.id)"))
    internal = {h for h in hrefs if h and h.startswith(live.url)}
    assert len(internal) > 50
    for href in internal:
        page, fragment = urldefrag(href)
        if fragment and urlparse(page).path == "/id/resolution/2":
            assert fragment in ids, href
    with httpx.Client(timeout=60) as client:
        for page in sorted({urldefrag(h)[0] for h in internal}):
            status = client.get(page, headers={"accept": "text/html"}).status_code
            assert status == 200, (page, status)


def test_group_page_and_language_switch(browser: webdriver.Chrome, live: Live) -> None:
    browser.get(live.url + "/id/group/SG17?lang=zh")
    assert "Arnaud TADDEI" in browser.find_element(By.CSS_SELECTOR, "dl.management").text
    screenshot(browser, "group", 1400)
    browser.find_element(By.ID, "lang-switch").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.TAG_NAME, "body"), "Management"))
    browser.find_element(By.ID, "lang-switch").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.TAG_NAME, "body"), "管理团队"))
