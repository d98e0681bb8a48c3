"""The visitor's, exhibitors' and organiser's journey in headless Chromium.

Runs the real `chainfair` binary on a fresh SQLite database with the small
demo, drives Debian's Chromium through chromedriver, and fails on any
browser console error or failed request. Every step leaves a screenshot in
target/browser/ (look at them).

    python tests/browser/journey.py path/to/chainfair
"""
import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BINARY = os.path.abspath(sys.argv[1])
SHOTS = os.path.join(os.path.dirname(__file__), "..", "..", "target", "browser")
PASSWORD = "journey password 1"
EDITION = "cisce-2024"


def run(db, *args, stdin=None):
    """Runs chainfair on the database; its standard output."""
    done = subprocess.run(
        [BINARY, "--db", db, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "CHAINFAIR_LOG": "warn"},
    )
    if done.returncode != 0:
        sys.exit(f"chainfair {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Journey:
    def __init__(self, base):
        self.base = base
        self.step = 0
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--window-size=1280,1000",
        ]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(options=options, service=service)

    def check(self, name, allow_status_errors=False):
        """Screenshot the page; fail on console errors and failed loads.

        A form the server refuses answers with an error status, which the
        browser logs; `allow_status_errors` accepts exactly those."""
        self.step += 1
        self.driver.save_screenshot(os.path.join(SHOTS, f"{self.step:02d}-{name}.png"))
        errors = [
            entry["message"]
            for entry in self.driver.get_log("browser")
            if entry["level"] == "SEVERE"
            and not (allow_status_errors and "the server responded with a status of 4" in entry["message"])
        ]
        if errors:
            sys.exit(f"step {self.step} ({name}): browser errors: {errors}")

    def phone(self, name):
        """The page at a phone's width, then back to the desktop's."""
        self.driver.set_window_size(390, 844)
        self.driver.refresh()
        self.check(name)
        wide = self.driver.execute_script(
            "return document.documentElement.scrollWidth > window.innerWidth + 1")
        self.driver.set_window_size(1280, 1000)
        if wide:
            sys.exit(f"step {self.step} ({name}): the page is wider than a phone")

    def wait_for(self, words, what, seconds=10):
        """Waits for words on the page (htmx changes it in place)."""
        deadline = time.time() + seconds
        while words not in self.text():
            if time.time() > deadline:
                sys.exit(f"step {self.step}: {what}: {words!r} never came on {self.driver.current_url}")
            time.sleep(0.1)

    def wait_for_element(self, xpath, what, seconds=10):
        deadline = time.time() + seconds
        while not self.driver.find_elements(By.XPATH, xpath):
            if time.time() > deadline:
                sys.exit(f"step {self.step}: {what}: {xpath} never came on {self.driver.current_url}")
            time.sleep(0.1)

    def open(self, path, name):
        self.driver.get(self.base + path)
        self.check(name)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def expect(self, words, what):
        if words not in self.text():
            sys.exit(f"step {self.step}: {what}: {words!r} not on {self.driver.current_url}")

    def sign_in(self, email):
        self.open("/login", f"sign-in-{email.split('@')[0]}")
        self.driver.find_element(By.NAME, "email").send_keys(email)
        self.driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        self.driver.find_element(By.CSS_SELECTOR, "form.stack button").click()
        self.check(f"signed-in-{email.split('@')[0]}")

    def sign_out(self):
        self.driver.find_element(By.CSS_SELECTOR, "header .account form button").click()
        self.check("signed-out")
        if "Sign in" not in self.text() and "登录" not in self.text():
            sys.exit(f"step {self.step}: not signed out on {self.driver.current_url}")

    def switch_language(self, name):
        """The switch in the header: to the other language, back to this page."""
        self.driver.find_element(By.CSS_SELECTOR, "#lang-switch button").click()
        self.check(name)


def main():
    shutil.rmtree(SHOTS, ignore_errors=True)
    os.makedirs(SHOTS)
    work = tempfile.mkdtemp()
    db = f"sqlite:{work}/journey.db"
    run(db, "demo", "--scale", "small")
    rows = lambda kind: list(csv.DictReader(io.StringIO(run(db, "export", kind, "--edition", EDITION))))
    exhibitors = [r["organization"] for r in rows("participations") if r["role"] == "exhibitor"]
    names = {r["id"]: r["name"] for r in rows("organizations")}
    a, b = exhibitors[0], exhibitors[1]
    for email, role, org in [
        ("chair@expo.test", "organiser", None),
        ("a@exhibitor.test", "exhibitor", a),
        ("b@exhibitor.test", "exhibitor", b),
        ("v@visitor.test", "visitor", None),
    ]:
        extra = ["--organization", org] if org else []
        run(db, "user", "add", "--role", role, "--email", email, "--name", email.split("@")[0],
            *extra, "--password-stdin", stdin=PASSWORD)
    port = free_port()
    server = subprocess.Popen(
        [BINARY, "--db", db, "serve", "--addr", f"127.0.0.1:{port}"],
        env={**os.environ, "CHAINFAIR_LOG": "warn"},
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        j = Journey(base)
        try:
            walk(j, db, a, b, names)
        finally:
            j.driver.quit()
    finally:
        server.terminate()
        server.wait()
    print(f"browser journey passed: {j.step} steps, screenshots in {os.path.abspath(SHOTS)}")


def walk(j, db, a, b, names):
    # The organiser: the edition's page, the door page on a phone, and the
    # organiser's page (an upload with errors, an invitation code).
    j.sign_in("chair@expo.test")
    j.open(f"/editions/{EDITION}", "edition-organiser")
    j.expect("exhibiting organisations", "the headline figures")
    j.driver.find_element(By.LINK_TEXT, "Check-in").click()
    j.phone("checkin-page-phone")
    j.expect("Badge code", "the door page")
    j.open(f"/editions/{EDITION}/organiser", "organiser")
    bad = os.path.join(tempfile.mkdtemp(), "organizations.csv")
    with open(bad, "w") as f:
        f.write("id,name,name_zh,country,kind\no-900,Good Ltd,,GB,company\no-901,Bad Ltd,,XX,company\n")
    Select(j.driver.find_element(By.NAME, "kind")).select_by_value("organizations")
    j.driver.find_element(By.NAME, "file").send_keys(bad)
    j.driver.find_element(By.CSS_SELECTOR, "#import button").click()
    j.check("import-errors", allow_status_errors=True)
    j.expect("nothing was imported", "the upload refused")
    j.expect("4 (country)", "the error's line and column")
    Select(j.driver.find_element(By.CSS_SELECTOR, "#invitations select")).select_by_value(a)
    j.driver.find_element(By.CSS_SELECTOR, "#invitations button").click()
    j.check("invitation-code")
    j.expect("shown only now", "the invitation code")
    j.sign_out()

    # A finds B through search and filters, and asks for a meeting.
    j.sign_in("a@exhibitor.test")
    j.open(f"/editions/{EDITION}/exhibitors", "directory")
    j.driver.find_element(By.NAME, "q").send_keys(names[b].split()[0])
    Select(j.driver.find_element(By.NAME, "role")).select_by_value("exhibitor")
    j.driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    j.wait_for(names[b], "B found")
    j.check("directory-found")
    j.driver.find_element(By.LINK_TEXT, names[b]).click()
    j.check("partner-page")
    j.driver.find_element(By.NAME, "message").send_keys("Shall we talk about supply for 2025?")
    j.driver.find_element(By.CSS_SELECTOR, "#request-meeting button").click()
    j.check("inbox-a")
    j.expect("requested", "A's request in A's inbox")
    j.sign_out()

    # B accepts it (in place, with htmx).
    j.sign_in("b@exhibitor.test")
    j.open(f"/editions/{EDITION}/my/meetings", "inbox-b")
    j.expect("asks you", "the request in B's inbox")
    j.driver.find_element(By.XPATH, "//button[text()='Accept']").click()
    j.wait_for("accepted", "the meeting accepted")
    j.check("accepted")
    j.sign_out()

    # The organiser schedules from the organiser's page.
    j.sign_in("chair@expo.test")
    j.open(f"/editions/{EDITION}/organiser", "organiser-schedule")
    seconds = j.driver.find_element(By.NAME, "seconds")
    seconds.clear()
    seconds.send_keys("1")
    j.driver.find_element(By.CSS_SELECTOR, "#schedule button").click()
    j.check("scheduled")
    j.expect("accepted meetings placed", "the scheduling run")
    j.sign_out()

    # Both agendas and B's calendar show it.
    j.sign_in("b@exhibitor.test")
    j.open(f"/editions/{EDITION}/agenda/{b}", "agenda-b")
    j.expect(names[a], "A in B's agenda")
    j.open(f"/editions/{EDITION}/my/meetings", "inbox-scheduled")
    ics_url = j.driver.find_element(By.PARTIAL_LINK_TEXT, "/calendars/").get_attribute("href")
    ics = urllib.request.urlopen(ics_url).read().decode()
    if f"urn:chainfair:organization:{a}" not in ics or "BEGIN:VEVENT" not in ics:
        sys.exit(f"B's calendar lacks the meeting with A:\n{ics}")
    j.sign_out()
    j.sign_in("a@exhibitor.test")
    j.open(f"/editions/{EDITION}/agenda/{a}", "agenda-a")
    j.expect(names[b], "B in A's agenda")

    # A records an agreement with B.
    j.open(f"/editions/{EDITION}/agreements", "agreements-a")
    j.driver.find_element(By.NAME, "b").send_keys(b)
    j.driver.find_element(By.NAME, "amount").send_keys("2500000.00")
    date = j.driver.find_element(By.NAME, "date")
    j.driver.execute_script("arguments[0].value = '2024-11-28'", date)
    j.driver.find_element(By.CSS_SELECTOR, "#record-agreement button").click()
    j.check("agreement-recorded")
    j.expect("2500000.00 CNY", "the agreement on the page")

    # The floor plan finds A's booth; a chain map, then in Chinese.
    j.open("/floor", "floor")
    j.driver.find_element(By.NAME, "q").send_keys(names[a])
    j.driver.find_element(By.CSS_SELECTOR, "form.search button").click()
    j.check("floor-found")
    j.expect("highlighted below", "A's booth found")
    j.open("/chains/coffee", "chain-map")
    j.switch_language("chain-map-zh")
    j.expect("咖啡", "the map in Chinese")
    j.open(f"/editions/{EDITION}", "edition-zh")
    j.expect("家参展机构", "A's choice of Chinese kept for the next page")
    j.open(f"/editions/{EDITION}/agreements", "agreements-zh")
    j.expect("登记签约", "the agreements page in Chinese")
    j.switch_language("agreements-en")
    j.expect("Record an agreement", "back to English")
    j.sign_out()

    # B signs it, in place.
    j.sign_in("b@exhibitor.test")
    j.open(f"/editions/{EDITION}/agreements", "agreements-b")
    row = j.driver.find_element(By.XPATH, "//tr[contains(., '2500000.00 CNY')]")
    row.find_element(By.XPATH, ".//button[text()='sign']").click()
    j.wait_for_element("//tr[contains(., '2500000.00 CNY') and contains(., 'signed')]", "signed by B")
    j.check("agreement-signed")
    j.sign_out()

    # A visitor signs in, registers and finds the badge; the public pages.
    j.sign_in("v@visitor.test")
    j.open(f"/editions/{EDITION}/register", "register")
    j.driver.find_element(By.NAME, "name").send_keys("Wang Fang")
    j.driver.find_element(By.CSS_SELECTOR, "form.stack button").click()
    j.check("badge")
    j.open("/my/badges", "my-badges")
    j.expect("Wang Fang", "the visitor's badge")
    loaded = j.driver.execute_script(
        "const i = document.querySelector('figure.badge img'); return i.complete && i.naturalWidth > 0")
    if not loaded:
        sys.exit("the badge image did not load")
    j.open(f"/editions/{EDITION}/exhibitors", "directory-visitor")
    j.phone("directory-phone")
    j.open("/chains", "chains-visitor")
    j.sign_out()


if __name__ == "__main__":
    main()
