"""Fixtures of the web console's real-browser tests.

The tests drive Debian's chromium (headless) through chromium-driver with Selenium against the
real `assistd serve` over TLS. Nothing is faked:

- `server` runs `assistd admin bootstrap` on a fresh database, then `assistd serve` on a free
  loopback port with the development certificates and `Config/development.json`, and waits for
  `/healthz`. At the end it is stopped with SIGTERM and must exit 0. Its output goes to a file;
  when a test fails, the part written during that test is added to the failure report.
- `world` makes the customers, people, contracts and passwords the tests use: through the JSON
  API with the bootstrap admin's token, and `assistd admin set-password` for the passwords.
- The browser trusts the development CA the honest way: a temporary HOME whose NSS database
  (`~/.pki/nssdb`, made with certutil from libnss3-tools) holds `Certs/dev/ca.pem`. No
  certificate error is ignored: without that database every page is chromium's privacy error.
- `ASSIST_BIN` overrides the server binary (default `.build/debug/assistd`);
  `ASSIST_SCREENSHOTS=DIR` makes the journey save PNGs of its pages into DIR.

The page contract the tests rely on (URLs, element ids) is the web console's; the tests use
nothing else of the server's insides.
"""

from __future__ import annotations

import atexit
import base64
import datetime as dt
import html.parser
import http.client
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pytest

# Selenium Manager must never go to the network for a driver: the driver is Debian's.
os.environ["SE_OFFLINE"] = "true"

# With ASSIST_TEST_CLOCK_START (RFC 3339) the servers these tests start run on a clock shifted to
# begin there when this run began: the turn of a year, a holiday, any hour (Scripts/test-loaded --clock).
_clock_start = os.environ.get("ASSIST_TEST_CLOCK_START")
CLOCK_OFFSET = (dt.datetime.fromisoformat(_clock_start) - dt.datetime.now(dt.timezone.utc)) if _clock_start else None

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoSuchElementException, TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEV_CERTS = REPO / "Certs" / "dev"
CA_FILE = DEV_CERTS / "ca.pem"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ADMIN_EMAIL = "admin@example.test"
SESSION_COOKIE = "__Host-assist-session"
# Moscow time has no DST: UTC+3 all year; invoices take Moscow dates.
MOSCOW = dt.timezone(dt.timedelta(hours=3))
WAIT_SECONDS = 20


def assistd_binary() -> Path:
    configured = os.environ.get("ASSIST_BIN")
    return Path(configured) if configured else REPO / ".build" / "debug" / "assistd"


def now_utc() -> dt.datetime:
    """Now, on the suite's clock (shifted with ASSIST_TEST_CLOCK_START)."""
    return dt.datetime.now(dt.timezone.utc) + (CLOCK_OFFSET or dt.timedelta())


def moscow_today() -> str:
    return now_utc().astimezone(MOSCOW).date().isoformat()


def free_port() -> int:
    """A port nobody listens on now: bound to 0 and closed again."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unique(prefix: str = "") -> str:
    return f"{prefix}{secrets.token_hex(4)}"


# MARK: - HTTPS without a browser


@dataclass
class HTTPAnswer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def all_headers(self, name: str) -> list[str]:
        return self.headers.get_all(name) or []

    def json(self):
        return json.loads(self.body) if self.body else None


class HTTPS:
    """One request per connection, redirects not followed, the development CA trusted."""

    def __init__(self, port: int):
        self.port = port
        self.context = ssl.create_default_context(cafile=str(CA_FILE))

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None, body: bytes | None = None,
                timeout: float = 30) -> HTTPAnswer:
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return HTTPAnswer(response.status, response.headers, response.read())
        finally:
            connection.close()


class API:
    """The JSON API (`/v1`) with a bearer token."""

    def __init__(self, https: HTTPS, token: str):
        self.https = https
        self.token = token

    def as_token(self, token: str) -> "API":
        return API(self.https, token)

    def call(self, method: str, path: str, body=None, *, expect: Iterable[int] = (200, 201)):
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        answer = self.https.request(method, path, headers=headers, body=data)
        if answer.status not in tuple(expect):
            raise AssertionError(f"API {method} {path} answered {answer.status}: {answer.text[:2000]}")
        return answer.json()

    def get(self, path: str, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body=None, **kwargs):
        return self.call("POST", path, {} if body is None else body, **kwargs)

    def patch(self, path: str, body, **kwargs):
        return self.call("PATCH", path, body, **kwargs)


# MARK: - The server


_RUNNING_SERVERS: list["AssistServer"] = []


class AssistServer:
    """`assistd serve` on a fresh database in `directory`, with its bootstrap admin."""

    def __init__(self, directory: Path, label: str = "assistd"):
        self.directory = directory
        self.label = label
        self.binary = assistd_binary()
        self.database = directory / "assist.sqlite"
        self.token_file = directory / "admin-token"
        self.credentials_key = directory / "credentials.key"
        self.log_path = directory / "assistd.log"
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._log = None
        self.https: HTTPS | None = None
        self.admin: API | None = None

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        # Only the settings given here: an ASSIST_* left in the caller's shell (a mail relay,
        # a token file) must not leak into the tests.
        environment = {key: value for key, value in os.environ.items() if not key.startswith("ASSIST_")}
        if CLOCK_OFFSET is not None:
            # The suite's shifted clock (ASSIST_TEST_CLOCK_START, as the Swift tests take it):
            # the server's runs by the same offset.
            environment["ASSIST_CLOCK_OFFSET_SECONDS"] = str(CLOCK_OFFSET.total_seconds())
        environment.update({
            "ASSIST_HOST": "127.0.0.1",
            "ASSIST_PORT": str(self.port),
            "ASSIST_DATABASE": str(self.database),
            "ASSIST_TLS_CERT": str(DEV_CERTS / "server.pem"),
            "ASSIST_TLS_KEY": str(DEV_CERTS / "server.key"),
            "ASSIST_CREDENTIALS_KEY_FILE": str(self.credentials_key),
            "ASSIST_CONFIG": str(REPO / "Config" / "development.json"),
        })
        return environment

    def run_admin(self, arguments: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(self.binary), "admin", *arguments], input=stdin, capture_output=True, text=True, cwd=REPO,
            env=self.environment(), timeout=120)
        if result.returncode != 0:
            raise AssertionError(
                f"assistd admin {' '.join(arguments)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def start(self) -> "AssistServer":
        if not self.binary.exists():
            pytest.fail(f"{self.binary} does not exist: build it first (swift build), or set ASSIST_BIN", pytrace=False)
        if not (DEV_CERTS / "server.pem").exists():
            pytest.fail("Certs/dev is missing: run Scripts/gen-certs", pytrace=False)
        self.directory.mkdir(parents=True, exist_ok=True)
        # 32 random bytes, readable only by us, created with that mode (the server refuses others).
        descriptor = os.open(self.credentials_key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as key:
            key.write(secrets.token_bytes(32))
        self.port = free_port()
        self.run_admin(["bootstrap", "--database", str(self.database), "--token-file", str(self.token_file),
                        "--email", ADMIN_EMAIL])
        token = self.token_file.read_text().strip()
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(self.binary), "serve"], cwd=REPO, env=self.environment(), stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=subprocess.STDOUT)
        _RUNNING_SERVERS.append(self)
        self.https = HTTPS(self.port)
        self.admin = API(self.https, token)
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"assistd serve exited with {self.process.returncode} before answering /healthz:\n{self.log_tail()}")
            try:
                answer = self.https.request("GET", "/healthz", timeout=5)
                if answer.status == 200:
                    return
                last_error = f"status {answer.status}"
            except (OSError, http.client.HTTPException) as error:
                last_error = repr(error)
            time.sleep(0.1)
        self.stop(check=False)
        raise AssertionError(f"assistd serve did not answer /healthz on {self.base_url} within {seconds} s "
                             f"({last_error}):\n{self.log_tail()}")

    def stop(self, check: bool = True) -> None:
        """SIGTERM, as an operator stops it; it lets requests finish and must exit 0."""
        if self.process is None:
            return
        process, self.process = self.process, None
        if self in _RUNNING_SERVERS:
            _RUNNING_SERVERS.remove(self)
        code = process.poll()
        if code is None:
            process.send_signal(signal.SIGTERM)
            try:
                code = process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                if self._log:
                    self._log.close()
                if check:
                    raise AssertionError(f"assistd serve did not stop within 30 s of SIGTERM:\n{self.log_tail()}")
                return
        if self._log:
            self._log.close()
        if check and code != 0:
            raise AssertionError(f"assistd serve exited with {code} after SIGTERM (expected 0):\n{self.log_tail()}")

    def set_password(self, email: str, password: str) -> None:
        """`assistd admin set-password` reads the password from standard input (one line)."""
        self.run_admin(["set-password", "--email", email, "--database", str(self.database)], stdin=password + "\n")

    def log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_since(self, offset: int, max_lines: int = 300) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(offset)
                lines = log.read().decode("utf-8", "replace").splitlines()
        except OSError as error:
            return f"(cannot read {self.log_path}: {error})"
        skipped = len(lines) - max_lines
        if skipped > 0:
            lines = [f"… {skipped} earlier lines in {self.log_path}"] + lines[-max_lines:]
        return "\n".join(lines) or "(nothing written)"

    def log_tail(self) -> str:
        return self.log_since(0)


@atexit.register
def _stop_leftover_servers() -> None:
    for server in list(_RUNNING_SERVERS):
        server.stop(check=False)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterable[AssistServer]:
    """The server most tests share (a fresh database for the run)."""
    started = AssistServer(tmp_path_factory.mktemp("assistd")).start()
    yield started
    started.stop()


@pytest.fixture
def fresh_server(tmp_path) -> Iterable[AssistServer]:
    """A server of the test's own, for tests whose traces (sign-in throttling) must not reach others."""
    started = AssistServer(tmp_path / "assistd", label="assistd (own)").start()
    yield started
    started.stop()


# MARK: - The people and customers


@dataclass
class Person:
    id: int
    name: str
    email: str
    password: str
    role: str
    customer_id: int | None = None
    phone: str | None = None
    token: str | None = None


@dataclass
class World:
    customers: dict[str, dict] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Person:
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        raise AttributeError(name)


def make_person(server: AssistServer, *, name: str, email: str, role: str, customer_id: int | None = None,
                phone: str | None = None, with_token: bool = False) -> Person:
    body = {"displayName": name, "email": email, "role": role}
    if customer_id is not None:
        body["customerId"] = customer_id
    if phone is not None:
        body["phone"] = phone
    user = server.admin.post("/v1/users", body)
    password = f"correct horse {secrets.token_hex(6)}"
    server.set_password(email, password)
    token = None
    if with_token:
        token = server.admin.post(f"/v1/users/{user['id']}/tokens", {"label": "browser tests", "expiresInDays": 1})["token"]
    return Person(id=user["id"], name=name, email=email, password=password, role=role, customer_id=customer_id,
                  phone=phone, token=token)


@pytest.fixture(scope="session")
def world(server) -> World:
    """Customers and people on the shared server, each with a password.

    - anna: customer «Ромашка» (free support) — the journey's customer;
    - boris: customer «Лютик» — refusals (CSRF, stolen cookie) and the intruder at others' URLs;
    - clara: customer «Одуванчик» — owns the ticket, session and invoice boris must not see;
    - vera: customer «Василёк» with a VIP contract, her address on the licence (R-4.7);
    - petr: agent on duty with a phone (the VIP contact); ivan: agent off duty, no phone;
    - olga: accounting; admin: the bootstrap admin (given a password too).
    """
    api = server.admin
    world = World()
    for key, name in [("romashka", "ООО «Ромашка»"), ("lutik", "ООО «Лютик»"), ("oduvanchik", "ООО «Одуванчик»"),
                      ("vasilek", "ООО «Василёк»")]:
        world.customers[key] = api.post("/v1/customers", {"name": name})
    customers = world.customers
    people = world.people
    people["anna"] = make_person(server, name="Анна Ромашкина", email="anna@romashka.test", role="customer",
                                 customer_id=customers["romashka"]["id"])
    people["boris"] = make_person(server, name="Борис Лютиков", email="boris@lutik.test", role="customer",
                                  customer_id=customers["lutik"]["id"])
    people["clara"] = make_person(server, name="Клара Одуванчикова", email="clara@oduvanchik.test", role="customer",
                                  customer_id=customers["oduvanchik"]["id"], with_token=True)
    people["vera"] = make_person(server, name="Вера Васильковая", email="vera@vasilek.test", role="customer",
                                 customer_id=customers["vasilek"]["id"])
    people["petr"] = make_person(server, name="Пётр Агентов", email="petr@istom.test", role="agent",
                                 phone="+7 495 123-45-67")
    people["ivan"] = make_person(server, name="Иван Дежурнов", email="ivan@istom.test", role="agent", with_token=True)
    people["olga"] = make_person(server, name="Ольга Счетова", email="olga@istom.test", role="accounting")
    admin_password = f"admin horse {secrets.token_hex(6)}"
    server.set_password(ADMIN_EMAIL, admin_password)
    me = api.get("/v1/me")
    people["admin"] = Person(id=me["id"], name=me.get("displayName", "Administrator"), email=ADMIN_EMAIL,
                             password=admin_password, role="admin", token=api.token)
    # a VIP ticket gets an agent on duty with a phone.
    api.patch(f"/v1/users/{people['petr'].id}", {"onDuty": True})
    # a VIP contract, and Vera's address on the licence so her tickets get it.
    vasilek = customers["vasilek"]["id"]
    api.post(f"/v1/customers/{vasilek}/contracts", {"tier": "vip", "term": "year"})
    api.post(f"/v1/customers/{vasilek}/emails", {"email": people["vera"].email})
    return world


@dataclass
class Documents:
    tid: str
    subject: str
    session_id: int
    invoice_number: str


@pytest.fixture(scope="session")
def clara_documents(server, world) -> Documents:
    """A ticket, a joined remote session and an invoice of «Одуванчик», made through the API."""
    clara, ivan = world.clara, world.ivan
    as_clara, as_ivan = server.admin.as_token(clara.token), server.admin.as_token(ivan.token)
    subject = f"Документы Одуванчика {unique()}"
    view = as_clara.post("/v1/tickets", {
        "subject": subject, "description": "Касса не печатает чек после обновления.",
        "productVersion": "5.2", "problemClass": "standard"})
    tid = view["ticket"]["tid"]
    opened = as_ivan.post(f"/v1/tickets/{tid}/sessions", {"tool": "teamviewer", "customerRemoteId": "123456789"})
    session_id = opened["session"]["id"]
    as_clara.post(f"/v1/sessions/{session_id}/join", {"pin": opened["credentials"]["pin"]})
    metered = as_ivan.post(f"/v1/tickets/{tid}/metered", {"kind": "update", "channel": "remote"})
    as_ivan.post(f"/v1/metered/{metered['id']}/stop")
    today = moscow_today()
    invoice = server.admin.post("/v1/invoices", {"customerId": clara.customer_id, "from": today, "to": today})
    return Documents(tid=tid, subject=subject, session_id=session_id, invoice_number=invoice["number"])


# MARK: - The browser


@pytest.fixture(scope="session")
def chromium_home(tmp_path_factory) -> Path:
    """A HOME whose NSS database trusts the development CA (and nothing else of ours)."""
    for tool, package in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")]:
        if not Path(tool).exists():
            pytest.fail(f"{tool} is missing: install the Debian package {package} (Scripts/test does)", pytrace=False)
    certutil = shutil.which("certutil")
    if certutil is None:
        pytest.fail("certutil is missing: install the Debian package libnss3-tools (Scripts/test does)", pytrace=False)
    home = tmp_path_factory.mktemp("chromium-home")
    nssdb = home / ".pki" / "nssdb"
    nssdb.mkdir(parents=True)
    subprocess.run([certutil, "-d", f"sql:{nssdb}", "-N", "--empty-password"], check=True, capture_output=True)
    subprocess.run([certutil, "-d", f"sql:{nssdb}", "-A", "-t", "C,,", "-n", "assist-dev", "-i", str(CA_FILE)],
                   check=True, capture_output=True)
    return home


_OPEN_PAGES: list["Page"] = []


class FormDidNotNavigate(AssertionError):
    pass


class Page:
    """One browser (its own profile, so its own cookies) on the console, with helpers."""

    def __init__(self, driver: webdriver.Chrome, base_url: str, name: str):
        self.driver = driver
        self.base_url = base_url
        self.name = name
        self._last_document: tuple[str, int] | None = None

    # Navigation

    def go(self, path: str) -> "Page":
        self._forget_last_document()
        self.driver.get(path if path.startswith("https://") else self.base_url + path)
        self._wait_loaded()
        return self

    def _wait_loaded(self) -> None:
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete")

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.driver.current_url).path

    def status(self) -> int | None:
        """The HTTP status of the document now shown (after redirects), from chromium's network log."""
        self._drain_network_log()
        return self._last_document[1] if self._last_document else None

    def _forget_last_document(self) -> None:
        """Before a navigation: a page that never answers (a dropped connection) has no status."""
        self._drain_network_log()
        self._last_document = None

    def _drain_network_log(self) -> None:
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"]).get("message", {})
            if message.get("method") != "Network.responseReceived":
                continue
            params = message.get("params", {})
            if params.get("type") == "Document":
                response = params.get("response", {})
                self._last_document = (response.get("url", ""), int(response.get("status", 0)))

    # Elements

    def find(self, css: str) -> WebElement:
        try:
            return self.driver.find_element(By.CSS_SELECTOR, css)
        except NoSuchElementException:
            raise AssertionError(f"no element {css!r} on {self.driver.current_url} "
                                 f"(status {self.status()}; #message: {self.message()!r})") from None

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def has(self, css: str) -> bool:
        return bool(self.find_all(css))

    def text(self, css: str) -> str:
        return self.find(css).text

    def body_text(self) -> str:
        return self.driver.execute_script("return document.body ? document.body.innerText : ''")

    def message(self) -> str:
        found = self.find_all("#message")
        return found[0].text if found else ""

    def message_classes(self) -> str:
        found = self.find_all("#message")
        return found[0].get_attribute("class") or "" if found else ""

    def type_into(self, css: str, text: str) -> None:
        element = self.find(css)
        element.clear()
        element.send_keys(text)

    def choose(self, css: str, *values: str) -> str:
        """Selects the first option whose value is one of `values` (in that order of preference)."""
        select = Select(self.find(css))
        available = [option.get_attribute("value") for option in select.options]
        for value in values:
            if value in available:  # the option's value property (its text when it has no value attribute)
                select.select_by_index(available.index(value))
                return value
        raise AssertionError(f"{css} offers none of {values}: its options are {available}")

    def choose_by_text(self, css: str, text: str) -> None:
        select = Select(self.find(css))
        for option in select.options:
            if text in option.text:
                select.select_by_visible_text(option.text)
                return
        raise AssertionError(f"{css} has no option containing {text!r}: {[o.text for o in select.options]}")

    def set_value(self, css: str, value: str) -> None:
        """Sets an input (a date input, whose typing depends on the locale) as a person's picker would."""
        self.driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", self.find(css), value)

    def submit(self, button_css: str) -> "Page":
        """Clicks a form's button and waits for the page the server answers with."""
        self._forget_last_document()
        # A mark on this document's window: the next document has none. (Waiting for the old
        # <html> to go stale is racy: while it is torn down chromedriver may answer with an
        # "inspector error" instead of "stale element".)
        marker = secrets.token_hex(8)
        self.driver.execute_script("window.__assistTestDocument = arguments[0]", marker)
        self.find(button_css).click()

        def next_document_loaded(driver) -> bool:
            try:
                return driver.execute_script(
                    "return window.__assistTestDocument !== arguments[0] && document.readyState === 'complete'", marker)
            except WebDriverException:  # between two documents
                return False

        try:
            WebDriverWait(self.driver, WAIT_SECONDS).until(next_document_loaded)
        except TimeoutException:
            invalid = self.driver.execute_script(
                "return Array.from(document.querySelectorAll(':invalid'))"
                ".filter(e => e.tagName !== 'FORM').map(e => (e.id || e.name) + ': ' + e.validationMessage)")
            raise FormDidNotNavigate(
                f"clicking {button_css} on {self.driver.current_url} loaded no page within {WAIT_SECONDS} s "
                f"(fields the browser finds invalid: {invalid})") from None
        self._wait_loaded()
        return self

    # People

    def sign_in(self, email: str, password: str) -> "Page":
        self.go("/signin")
        self.type_into("#email", email)
        self.type_into("#password", password)
        return self.submit("#signin-submit")

    def sign_in_as(self, person: Person, expect_home: str | None = None) -> "Page":
        self.sign_in(person.email, person.password)
        if expect_home is not None:
            assert self.path == expect_home, (
                f"{person.email} ({person.role}) signed in and landed on {self.driver.current_url}, "
                f"not {expect_home} (status {self.status()}, #message {self.message()!r})")
        return self

    def sign_out(self) -> "Page":
        return self.submit("#signout-submit")

    def session_cookie(self) -> dict | None:
        return self.driver.get_cookie(SESSION_COOKIE)

    # Layout and evidence

    def emulate_viewport(self, width: int, height: int) -> None:
        """A viewport of exactly this many CSS pixels (a window cannot be narrower than 500 px here)."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def shot(self, name: str) -> Path | None:
        """With ASSIST_SCREENSHOTS=DIR, saves the whole page as DIR/name.png."""
        directory = os.environ.get("ASSIST_SCREENSHOTS")
        if not directory:
            return None
        target = Path(directory) / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            clip = {"x": 0, "y": 0, "width": max(1, math.ceil(size["width"])),
                    "height": max(1, min(20000, math.ceil(size["height"]))), "scale": 1}
            data = self.driver.execute_cdp_cmd(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})["data"]
            target.write_bytes(base64.b64decode(data))
        except Exception:  # a viewport shot is better than none
            self.driver.save_screenshot(str(target))
        return target

    def describe(self) -> str:
        try:
            return (f"url: {self.driver.current_url}\nstatus: {self.status()}\n#message: {self.message()!r}\n"
                    f"text:\n{self.body_text()[:3000]}")
        except Exception as error:  # the browser itself may be what failed
            return f"(cannot describe: {error!r})"


@pytest.fixture
def browser(chromium_home, server, tmp_path):
    """Opens browsers on the shared server: `browser("anna")`, `browser("phone", width=360, height=740)`.

    Each has its own profile (its own cookies); all are closed after the test.
    """
    pages: list[Page] = []
    opener = _make_opener(chromium_home, tmp_path, pages)
    yield lambda name="browser", width=1280, height=900: opener(server, name, width=width, height=height)
    _close(pages)


@pytest.fixture
def browser_on(chromium_home, tmp_path):
    """Opens browsers on another server: `browser_on(fresh_server, "name")`."""
    pages: list[Page] = []
    yield _make_opener(chromium_home, tmp_path, pages)
    _close(pages)


def _make_opener(chromium_home: Path, tmp_path: Path, pages: list[Page]):
    def open_browser(on: AssistServer, name: str = "browser", width: int = 1280, height: int = 900) -> Page:
        profile = tmp_path / f"profile-{len(pages)}-{name}"
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        arguments = [
            "--headless=new", f"--window-size={width},{height}", f"--user-data-dir={profile}", "--lang=ru-RU",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
        ]
        if os.geteuid() == 0:
            arguments.append("--no-sandbox")  # chromium refuses to run as root with its sandbox
        for argument in arguments:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
        environment = dict(os.environ, HOME=str(chromium_home))
        service = Service(executable_path=CHROMEDRIVER, env=environment, log_output=str(tmp_path / f"chromedriver-{name}.log"))
        driver = webdriver.Chrome(service=service, options=options)
        driver.set_page_load_timeout(60)
        page = Page(driver, on.base_url, name)
        if width < 500:
            page.emulate_viewport(width, height)
        pages.append(page)
        _OPEN_PAGES.append(page)
        return page

    return open_browser


def _close(pages: list[Page]) -> None:
    for page in pages:
        if page in _OPEN_PAGES:
            _OPEN_PAGES.remove(page)
        try:
            page.driver.quit()
        except Exception:
            pass
    pages.clear()


# MARK: - Forms without a browser


class FormFields(html.parser.HTMLParser):
    """The named inputs of one form (by id), for requests sent without a browser."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, str] = {}
        self.found = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
            self.found = True
        elif tag == "input" and self.inside and attributes.get("name"):
            self.fields[attributes["name"]] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form_fields(page_html: str, form_id: str) -> dict[str, str]:
    parser = FormFields(form_id)
    parser.feed(page_html)
    assert parser.found, f"no form#{form_id} in the page:\n{page_html[:2000]}"
    return parser.fields


def cookie_pairs(answer: HTTPAnswer) -> dict[str, str]:
    pairs = {}
    for line in answer.all_headers("Set-Cookie"):
        name, _, rest = line.partition("=")
        pairs[name.strip()] = rest.split(";", 1)[0]
    return pairs


def sign_in_without_browser(server: AssistServer, email: str, password: str) -> tuple[HTTPAnswer, HTTPAnswer]:
    """GET /signin, then POST it with the CSRF token scraped from the form; returns both answers."""
    page = server.https.request("GET", "/signin")
    assert page.status == 200, f"GET /signin answered {page.status}"
    fields = form_fields(page.text, "signin")
    assert "csrf" in fields, f"form#signin has no csrf input: {fields}"
    fields.update({"email": email, "password": password})
    cookies = cookie_pairs(page)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": server.base_url,
               "Referer": server.base_url + "/signin"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    answer = server.https.request("POST", "/signin", headers=headers, body=urllib.parse.urlencode(fields).encode())
    return page, answer


# MARK: - Failure reports


_OFFSETS = pytest.StashKey[dict]()


@pytest.fixture(autouse=True)
def _remember_log_offsets(request):
    request.node.stash[_OFFSETS] = {id(server): server.log_size() for server in _RUNNING_SERVERS}
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    offsets = item.stash.get(_OFFSETS, {})
    for server in list(_RUNNING_SERVERS):
        report.sections.append(
            (f"{server.label} output during the test ({server.log_path})", server.log_since(offsets.get(id(server), 0))))
    for page in list(_OPEN_PAGES):
        report.sections.append((f"browser {page.name}", page.describe()))


def tid_from_path(path: str) -> str:
    match = re.fullmatch(r"/tickets/(TID-[^/]+)", path)
    assert match, f"expected /tickets/TID-…, got {path}"
    return match.group(1)
