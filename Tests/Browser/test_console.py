"""The web console in a real browser (chromium headless) over TLS, journeys end to end.

Each test names the rule it checks: a clause of the regulation (R-x.y, ../shared/reference/RULES.md)
or, for the console's own safety rules, the design's "Web conventions" / "API conventions".
The pages are driven only through the console's page contract (URLs, element ids).
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import time
import urllib.parse
import zlib
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import (
    SESSION_COOKIE,
    Page,
    make_person,
    moscow_today,
    now_utc,
    sign_in_without_browser,
    tid_from_path,
    unique,
)

WRONG_CREDENTIALS = "Неверный e-mail или пароль"
TOO_MANY_ATTEMPTS = "Слишком много попыток"
XSS_PAYLOADS = ['<script>window.__xss=1</script>', '"><img src=x onerror="window.__xss=1">']


# MARK: - Helpers


def digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def tiny_png() -> bytes:
    """A valid 1×1 PNG (R-4.6 checks the content, not the name)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xcc\x33\x00")) + chunk(b"IEND", b"")


def fill_ticket_form(page: Page, *, subject: str, description: str, steps: str = "", version: str = "5.2",
                     operational: bool = False, attachment: Path | None = None) -> None:
    page.find("form#new-ticket")
    page.type_into("#subject", subject)
    page.type_into("#description", description)
    if steps:
        page.type_into("#steps", steps)
    page.type_into("#product-version", version)
    checkbox = page.find("#operational")
    if checkbox.is_selected() != operational:
        checkbox.click()
    if attachment is not None:
        page.find("#attachments").send_keys(str(attachment))


def file_ticket(page: Page, **fields) -> str:
    """Files a ticket through /tickets/new and returns its TID (from the page the form leads to)."""
    page.go("/tickets/new")
    fill_ticket_form(page, **fields)
    page.submit("#file-ticket-submit")
    assert page.status() == 200, f"filing a ticket ended on {page.driver.current_url} with {page.status()}: {page.message()!r}"
    tid = tid_from_path(page.path)
    assert tid in page.text("h1"), f"the ticket page's h1 does not name {tid}: {page.text('h1')!r}"
    assert_no_swift_leaks(page, "the new ticket's page")
    return tid


def thread_bodies(page: Page) -> list[str]:
    return [element.text for element in page.find_all("ol#thread > li.message .message-body")]


def reply(page: Page, body: str) -> None:
    page.type_into("#reply-body", body)
    page.submit("#reply-submit")
    assert "error" not in page.message_classes(), f"the reply was refused: {page.message()!r}"
    assert_no_swift_leaks(page, "the ticket page after a reply")


def follow(page: Page, element) -> Page:
    """Clicks a link or a form's button inside `element`'s row and waits for the next page."""
    marker = f"follow-{unique()}"
    page.driver.execute_script("arguments[0].setAttribute('data-follow', arguments[1])", element, marker)
    return page.submit(f'[data-follow="{marker}"]')


def link_to(container, path: str):
    """The first link inside `container` (a page's driver or an element) leading to `path`, or None."""
    for link in container.find_elements(By.CSS_SELECTOR, "a[href]"):
        if urllib.parse.unquote(urllib.parse.urlsplit(link.get_attribute("href")).path) == path:
            return link
    return None


def assert_no_error(page: Page, what: str) -> None:
    assert page.status() == 200 and "error" not in page.message_classes(), (
        f"{what}: {page.driver.current_url} answered {page.status()} with {page.message()!r}")
    assert_no_swift_leaks(page, what)


def assert_no_swift_leaks(page: Page, what: str) -> None:
    """An absent value is shown as nothing (or a Russian word), never as Swift's `nil` / `Optional(…)`."""
    leaks = re.findall(r"\bnil\b|Optional\(", page.body_text())
    assert not leaks, f"{what}: {page.driver.current_url} shows {leaks} (a Swift optional rendered as text)"


def assert_inert(page: Page, payload: str, where: str) -> None:
    """Nothing typed ran or became markup: no `window.__xss`, no injected <img>/<script>."""
    time.sleep(0.5)  # an injected <img src=x onerror=…> fires once its image fails to load
    assert page.driver.execute_script("return typeof window.__xss") == "undefined", f"the payload ran on {where}"
    injected = page.driver.execute_script(
        "return document.querySelectorAll('img[src=\"x\"], [onerror]').length"
        " + Array.from(document.scripts).filter(s => s.textContent.includes('__xss')).length")
    assert injected == 0, f"{where}: the payload {payload!r} became markup"


def running_timer_time(page: Page):
    timer = page.find("#running-timer")
    if timer.tag_name.lower() == "time":
        return timer
    return timer.find_element(By.CSS_SELECTOR, "time[datetime]")


def parse_instant(text: str) -> dt.datetime:
    instant = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert instant.tzinfo is not None, f"{text!r} has no offset"
    return instant


def assert_fits_width(page: Page, width: int, where: str) -> None:
    inner, scroll = page.driver.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
    assert inner == width, f"the viewport is {inner} px wide, not {width}"
    assert scroll <= inner, f"{where} scrolls sideways at {width} px: the page is {scroll} px wide"


# MARK: - Journeys


def test_r_4_1_r_4_4_r_1_4_r_3_2_web_ticket_to_answer_remote_session_billed_time_and_invoice(server, world, browser, tmp_path):
    """R-4.1 the web form is a channel; R-2.2 the ticket waits in the agent's queue with its deadline;
    R-4.4 the customer sees the whole correspondence; R-1.4 help runs through a remote session the
    customer joins with the PIN; R-3.2 billed time is metered and invoiced; the customer opens the invoice."""
    anna, petr, olga = world.anna, world.petr, world.olga
    screenshot = tmp_path / "kassa-error.png"
    screenshot.write_bytes(tiny_png())

    # The customer files a ticket through the web form.
    customer = browser("anna")
    customer.go("/signin")
    customer.shot("01-signin")
    customer.sign_in_as(anna, expect_home="/tickets")
    customer.shot("02-customer-tickets")
    follow(customer, customer.find("a#new-ticket"))
    assert customer.path == "/tickets/new"
    subject = f"Касса не запускается после обновления {unique()}"
    description = "После обновления до 5.2 касса пишет «Ошибка 500» и закрывается."
    fill_ticket_form(customer, subject=subject, description=description,
                     steps="1. Обновить до 5.2\n2. Запустить кассу", version="5.2", attachment=screenshot)
    customer.shot("03-new-ticket")
    customer.submit("#file-ticket-submit")
    assert_no_error(customer, "filing the ticket")
    tid = tid_from_path(customer.path)
    assert tid in customer.text("h1")
    assert customer.text("#ticket-state").strip(), "the ticket page shows no state"
    assert customer.text("#ticket-level").strip(), "the ticket page shows no SLA level"
    attachments = [link.text for link in customer.find_all("a.attachment")]
    assert any(screenshot.name in text for text in attachments), f"the attached file is not listed: {attachments}"
    customer.shot("04-ticket-thread")
    customer.go("/tickets")
    assert link_to(customer.find(f'table#tickets tr[data-tid="{tid}"]'), f"/tickets/{tid}"), \
        "the ticket list has no link to the new ticket"

    # The agent finds it in the queue with its reaction deadline, and answers.
    agent = browser("petr").sign_in_as(petr, expect_home="/queue")
    row = agent.find(f'table#queue tr[data-tid="{tid}"]')
    countdown = row.find_element(By.CSS_SELECTOR, "time.countdown[datetime]")
    deadline = parse_instant(countdown.get_attribute("datetime"))
    stored = server.admin.get(f"/v1/tickets/{tid}")["ticket"]
    assert deadline == parse_instant(stored["reactionDeadline"]), (
        f"the queue shows the deadline {deadline}, the ticket has {stored['reactionDeadline']}")
    assert stored["subject"] == subject and stored["description"] == description
    agent.shot("05-agent-queue")
    link = link_to(row, f"/tickets/{tid}")
    if link is not None:
        follow(agent, link)
    else:
        agent.go(f"/tickets/{tid}")
    assert agent.path == f"/tickets/{tid}"
    answer = f"Здравствуйте! Подключимся удалённо и поправим настройки. {unique()}"
    reply(agent, answer)
    assert any(answer in body for body in thread_bodies(agent)), "the agent's answer is not in the thread"
    agent.shot("06-agent-ticket")

    # The customer reads the answer.
    customer.go(f"/tickets/{tid}")
    assert any(answer in body for body in thread_bodies(customer)), (
        f"the customer does not see the agent's answer; thread: {thread_bodies(customer)}")

    # The agent opens a remote session.
    agent.go(f"/tickets/{tid}")
    agent.choose("#session-tool-select", "teamviewer")
    agent.type_into("#customer-remote-id", "123 456 789")
    agent.type_into("#agent-remote-id", "987 654 321")
    agent.submit("#open-session-submit")
    assert_no_error(agent, "opening the session")
    match = re.fullmatch(r"/sessions/(\d+)", agent.path)
    assert match, f"opening a session led to {agent.path}, not /sessions/{{id}}"
    session_id = match.group(1)
    assert agent.text("#session-state").strip()
    agent.shot("07-agent-session")

    # The customer reads the credentials and joins with the PIN.
    customer.go(f"/tickets/{tid}")
    session_link = link_to(customer.find("section#sessions"), f"/sessions/{session_id}")
    assert session_link is not None and "session" in (session_link.get_attribute("class") or "").split(), \
        f"section#sessions has no a.session to /sessions/{session_id}"
    follow(customer, session_link)
    assert customer.path == f"/sessions/{session_id}"
    assert "teamviewer" in customer.text("#session-tool").lower()
    assert customer.text("#session-code").strip(), "no connection code shown"
    pin = customer.text("#session-pin").strip()
    assert pin, "no PIN shown"
    customer.shot("08-session")
    customer.type_into("#join-pin", pin)
    customer.submit("#join-submit")
    assert_no_error(customer, "joining with the PIN")
    assert customer.has("form#pass-password"), "after joining there is no form to pass the one-time password"
    assert not customer.has("#session-pin") or pin not in customer.text("#session-pin"), "the used PIN is still shown"
    customer.type_into("#one-time-password", "4829 1735")
    customer.submit("#pass-password-submit")
    assert_no_error(customer, "passing the one-time password")

    # The agent meters billed help: start, the running timer, stop.
    agent.go(f"/tickets/{tid}")
    agent.choose("#metering-kind", "update", "update-repair", "install")
    agent.choose("#metering-channel", "remote")
    agent.submit("#metering-start-submit")
    assert_no_error(agent, "starting billed time")
    started = parse_instant(running_timer_time(agent).get_attribute("datetime"))
    assert abs((now_utc() - started).total_seconds()) < 120, f"the timer started at {started}"
    assert agent.has("form#metering-stop")
    time.sleep(1.5)
    agent.submit("#metering-stop-submit")
    assert_no_error(agent, "stopping billed time")
    assert not agent.has("#running-timer"), "the timer still runs after stopping"
    metered = server.admin.get(f"/v1/metered?ticket={tid}")
    assert len(metered) == 1 and metered[0].get("stoppedAt"), f"the metered session is not stored stopped: {metered}"

    # Accounting sees it and issues the invoice for today.
    accountant = browser("olga").sign_in_as(olga, expect_home="/accounting/metering")
    accountant.find(f'table#metering tr[data-id="{metered[0]["id"]}"]')
    accountant.go("/accounting/invoices")
    try:
        accountant.choose("#invoice-customer", str(anna.customer_id))
    except AssertionError:
        accountant.choose_by_text("#invoice-customer", world.customers["romashka"]["name"])
    today = moscow_today()
    accountant.set_value("#invoice-from", today)
    accountant.set_value("#invoice-to", today)
    accountant.submit("#issue-invoice-submit")
    assert_no_error(accountant, "issuing the invoice")
    match = re.fullmatch(r"/invoices/([^/]+)", accountant.path)
    assert match, f"issuing led to {accountant.path}, not /invoices/{{number}}"
    number = urllib.parse.unquote(match.group(1))
    assert number in accountant.text("#invoice-number")
    invoice = server.admin.get(f"/v1/invoices/{urllib.parse.quote(number)}")
    assert invoice["totalKopecks"] > 0, f"the invoice is empty: {invoice}"
    assert str(invoice["totalKopecks"] // 100) in digits(accountant.text("#invoice-total"))

    # The customer finds and opens it.
    customer.go("/invoices")
    invoice_link = link_to(customer.find(f'table#invoices tr[data-number="{number}"]'), f"/invoices/{number}")
    assert invoice_link is not None, f"the invoice list has no link to /invoices/{number}"
    follow(customer, invoice_link)
    assert urllib.parse.unquote(customer.path) == f"/invoices/{number}"
    assert_no_error(customer, "opening the invoice")
    assert number in customer.text("#invoice-number")
    assert str(invoice["totalKopecks"] // 100) in digits(customer.text("#invoice-total"))
    assert "аннулир" not in customer.body_text().lower(), "a freshly issued invoice says it is annulled (cancelled)"
    customer.shot("09-invoice")


def test_r_2_5_3_a_vip_ticket_shows_the_responsible_agents_phone(world, browser):
    """R-2.5.3: when a VIP ticket is opened the customer gets the phone of the agent responsible for it."""
    vera = browser("vera").sign_in_as(world.vera, expect_home="/tickets")
    file_ticket(vera, subject=f"Спецобращение: не проходит оплата {unique()}",
                description="Терминал не принимает карты с утра.")
    contact = vera.find("#vip-contact")
    assert world.petr.name in contact.text, f"#vip-contact does not name the responsible agent: {contact.text!r}"
    phone = contact.find_element(By.CSS_SELECTOR, 'a[href^="tel:"]')
    assert digits(phone.get_attribute("href")) == digits(world.petr.phone), (
        f"the tel: link {phone.get_attribute('href')!r} is not {world.petr.phone}")


# MARK: - Refusals


def test_web_forms_without_a_valid_csrf_token_are_refused_and_store_nothing(server, world, browser):
    """Web conventions: every form carries a CSRF token; a post without it (or with a forged one)
    gets 403 and the page message, and nothing is stored."""
    boris = world.boris
    page = browser("boris").sign_in_as(boris, expect_home="/tickets")

    page.go("/tickets/new")
    subject = f"Без токена {unique()}"
    fill_ticket_form(page, subject=subject, description="Эту заявку никто не должен принять.")
    removed = page.driver.execute_script(
        "const inputs = document.querySelectorAll('form#new-ticket input[name=\"csrf\"]');"
        "inputs.forEach(input => input.remove()); return inputs.length;")
    assert removed == 1, f"form#new-ticket has {removed} csrf inputs, not 1"
    page.submit("#file-ticket-submit")
    assert page.status() == 403, f"the form without its token answered {page.status()}"
    assert page.message() and "error" in page.message_classes(), f"no error message: {page.message()!r}"
    assert page.find("#message").get_attribute("role") == "alert"
    stored = server.admin.get(f"/v1/tickets?customerId={boris.customer_id}")
    assert subject not in [ticket["subject"] for ticket in stored], "the ticket was stored without a token"
    page.go("/tickets")
    assert subject not in page.body_text()

    # A reply with a forged token: refused too.
    tid = file_ticket(page, subject=f"С токеном {unique()}", description="Эта заявка принята по-честному.")
    before = server.admin.get(f"/v1/tickets/{tid}")["messages"]
    forged = f"Подделка {unique()}"
    page.type_into("#reply-body", forged)
    changed = page.driver.execute_script(
        "const input = document.querySelector('form#reply input[name=\"csrf\"]');"
        "if (!input) return false; input.value = 'AAAA' + input.value.slice(4).split('').reverse().join(''); return true;")
    assert changed, "form#reply has no csrf input"
    page.submit("#reply-submit")
    assert page.status() == 403, f"the reply with a forged token answered {page.status()}"
    assert page.message() and "error" in page.message_classes()
    after = server.admin.get(f"/v1/tickets/{tid}")["messages"]
    assert len(after) == len(before) and all(forged not in message["body"] for message in after), \
        "the reply was stored with a forged token"


def test_web_a_copied_session_cookie_is_worthless_after_sign_out(world, browser):
    """Web conventions: sign-out ends the session on the server, so a copied cookie opens nothing."""
    owner = browser("boris").sign_in_as(world.boris, expect_home="/tickets")
    cookie = owner.session_cookie()
    assert cookie, f"no {SESSION_COOKIE} cookie after signing in: {owner.driver.get_cookies()}"
    assert cookie["secure"] and cookie["httpOnly"] and cookie.get("sameSite") == "Lax" and cookie["path"] == "/"
    stolen = {"name": SESSION_COOKIE, "value": cookie["value"], "path": "/", "secure": True, "httpOnly": True,
              "sameSite": "Lax"}

    # While the owner is signed in, the copy works: the test could fail.
    thief = browser("thief")
    thief.go("/signin")
    thief.driver.add_cookie(stolen)
    thief.go("/tickets")
    assert thief.path == "/tickets", f"the copied cookie did not even work before sign-out: {thief.driver.current_url}"

    owner.sign_out()
    assert owner.path == "/signin", f"sign-out led to {owner.driver.current_url}"
    owner.go("/tickets")
    assert owner.path == "/signin"

    late_thief = browser("late-thief")
    late_thief.go("/signin")
    late_thief.driver.add_cookie(stolen)
    late_thief.go("/tickets")
    assert late_thief.path == "/signin", f"the old cookie still opens {late_thief.driver.current_url}"
    thief.go("/tickets")
    assert thief.path == "/signin", f"the old cookie still opens {thief.driver.current_url}"


def test_web_sign_out_everywhere_ends_the_sessions_of_every_browser(world, browser):
    """Web conventions: /account's sign-out-everywhere ends every session of the person."""
    desk = browser("desk").sign_in_as(world.vera, expect_home="/tickets")
    laptop = browser("laptop").sign_in_as(world.vera, expect_home="/tickets")
    desk.go("/account")
    desk.submit("#signout-everywhere-submit")
    laptop.go("/tickets")
    assert laptop.path == "/signin", f"the other browser is still signed in: {laptop.driver.current_url}"
    desk.go("/tickets")
    assert desk.path == "/signin"


def test_web_another_customers_ticket_session_and_invoice_are_404(world, clara_documents, browser):
    """API conventions: a customer never sees another customer's data, and the answer is 404, not 403."""
    paths = [f"/tickets/{clara_documents.tid}", f"/sessions/{clara_documents.session_id}",
             f"/invoices/{clara_documents.invoice_number}"]
    owner = browser("clara").sign_in_as(world.clara, expect_home="/tickets")
    for path in paths:
        owner.go(path)
        assert owner.status() == 200 and owner.path == path, f"the owner cannot open {path}: {owner.status()}"
    assert clara_documents.subject in owner.go(paths[0]).body_text()

    intruder = browser("boris").sign_in_as(world.boris, expect_home="/tickets")
    for path in paths:
        intruder.go(path)
        assert intruder.status() == 404, f"another customer's {path} answered {intruder.status()}, not 404"
        assert intruder.path == path
        text = intruder.body_text()
        assert clara_documents.subject not in text
        for secret in ["#session-code", "#session-pin", "#invoice-total", "ol#thread"]:
            assert not intruder.has(secret), f"{path} shows {secret} to another customer"


@pytest.mark.parametrize("payload", XSS_PAYLOADS, ids=["script-element", "attribute-breakout"])
def test_r_4_2_ticket_fields_and_replies_are_shown_as_typed_and_never_run(server, world, browser, payload):
    """R-4.2 / Web conventions: every text a person typed (subject, description, steps, version,
    reply) is stored and shown as typed — escaped, never run — to the customer and to the agent."""
    customer = browser("boris").sign_in_as(world.boris, expect_home="/tickets")
    tid = file_ticket(customer, subject=payload, description=payload, steps=payload, version=payload)
    stored = server.admin.get(f"/v1/tickets/{tid}")["ticket"]
    assert [stored["subject"], stored["description"], stored["stepsToReproduce"], stored["productVersion"]] == [payload] * 4, \
        "the text was not stored as typed"
    assert_inert(customer, payload, "the customer's new ticket")
    assert payload in customer.body_text(), "the typed text is not shown literally on the ticket page"
    reply(customer, payload)
    assert_inert(customer, payload, "the customer's ticket after the reply")
    assert payload in [body.strip() for body in thread_bodies(customer)], \
        f"the reply is not shown as typed: {thread_bodies(customer)}"
    customer.go("/tickets")
    assert_inert(customer, payload, "the customer's ticket list")

    agent = browser("petr").sign_in_as(world.petr, expect_home="/queue")
    assert_inert(agent, payload, "the agent's queue")
    agent.go(f"/tickets/{tid}")
    assert_inert(agent, payload, "the agent's ticket page")
    assert payload in [body.strip() for body in thread_bodies(agent)]


def test_web_a_failed_sign_in_does_not_say_whether_the_address_exists(world, browser):
    """Web conventions: a wrong password and an unknown address get the same 401 answer."""
    page = browser("guesser")
    page.sign_in(world.olga.email, "certainly not her password")
    assert page.status() == 401 and WRONG_CREDENTIALS in page.message(), (page.status(), page.message())
    assert page.find("#message").get_attribute("role") == "alert"
    known = page.message()
    page.sign_in(f"nobody-{unique()}@example.test", "certainly not a password")
    assert page.status() == 401 and page.message() == known, (page.status(), page.message())


def test_web_sign_in_is_throttled_after_five_failures_even_for_the_right_password(fresh_server, browser_on):
    """Web conventions: failed sign-ins are throttled — after 5 failures for one e-mail, even the
    right password is refused (429, "Слишком много попыток"). On a server of its own."""
    person = make_person(fresh_server, name="Тимур Тормозов", email="timur@throttle.test", role="agent")
    page = browser_on(fresh_server, "timur")
    page.sign_in_as(person, expect_home="/queue")  # the password is right
    page.sign_out()
    for attempt in range(1, 7):
        page.sign_in(person.email, f"wrong password {attempt}")
        if attempt <= 5:
            assert page.status() == 401 and WRONG_CREDENTIALS in page.message(), (attempt, page.status(), page.message())
        else:
            assert page.status() in (401, 429), (attempt, page.status(), page.message())
    page.sign_in(person.email, person.password)
    assert page.status() == 429, f"the right password after 6 failures answered {page.status()}"
    assert TOO_MANY_ATTEMPTS in page.message(), f"#message: {page.message()!r}"
    page.go("/queue")
    assert page.path == "/signin", "the throttled sign-in opened a session anyway"


def test_web_signed_out_visitors_are_sent_to_sign_in(browser):
    """Web conventions: every console page needs a signed-in person; others are sent to /signin."""
    page = browser("visitor")
    for path in ["/tickets", "/tickets/new", "/invoices", "/account", "/queue", "/accounting/metering",
                 "/accounting/invoices", "/admin/users", "/admin/customers"]:
        page.go(path)
        assert page.path == "/signin", f"{path} let a signed-out visitor in: {page.driver.current_url}"


def test_web_an_admin_gives_a_one_time_set_password_link(server, world, browser):
    """Web conventions: people get their password through a one-time link from an admin; the link
    works once (then 410) and the person signs in to their role's home."""
    admin = browser("admin").sign_in_as(world.admin, expect_home="/admin/users")
    email = f"nina-{unique()}@istom.test"
    admin.type_into("#user-name", "Нина Новенькая")
    admin.type_into("#user-email", email)
    admin.choose("#user-role", "accounting")
    admin.submit("#new-user-submit")
    assert_no_error(admin, "creating the user")
    admin.go("/admin/users")
    rows = [row for row in admin.find_all("table#users tr[data-user-id]") if email in row.text]
    assert len(rows) == 1, f"table#users has {len(rows)} rows for {email}"
    button = rows[0].find_element(By.CSS_SELECTOR, "form.password-link button, form.password-link [type=submit]")
    follow(admin, button)
    assert_no_error(admin, "issuing the set-password link")
    link = admin.find("a#password-link").get_attribute("href")
    assert link.startswith("https://") and "/password/set/" in link, f"not an absolute https set-password link: {link}"

    newcomer = browser("nina")
    newcomer.go(link)
    newcomer.find("form#set-password")
    password = f"nina horse {unique()}"
    newcomer.type_into("#new-password", password)
    newcomer.type_into("#new-password-repeat", password)
    newcomer.submit("#set-password-submit")
    assert newcomer.path == "/signin" and "notice" in newcomer.message_classes(), (
        newcomer.driver.current_url, newcomer.message())
    newcomer.sign_in(email, password)
    assert newcomer.path == "/accounting/metering", f"the new accountant landed on {newcomer.driver.current_url}"

    # A used link is refused with 410 — on opening it, or at the latest on submitting it — and
    # changes nothing.
    again = browser("nina-again")
    again.go(link)
    if again.status() != 410:
        other = f"other horse {unique()}"
        again.type_into("#new-password", other)
        again.type_into("#new-password-repeat", other)
        again.submit("#set-password-submit")
    assert again.status() == 410, f"the used link answered {again.status()}: {again.message()!r}"
    assert again.message(), "the used link's page has no #message"
    newcomer.sign_out()
    newcomer.sign_in(email, password)
    assert newcomer.path == "/accounting/metering", "the password set through the link no longer works"


def test_web_pages_carry_security_headers_and_the_session_cookie_is_locked_down(server, world):
    """Web conventions: a CSP without inline script, HSTS, X-Frame-Options DENY, a Referrer-Policy
    on every page; the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax."""
    signin_page, answer = sign_in_without_browser(server, world.anna.email, world.anna.password)
    assert_security_headers(signin_page, "/signin")
    assert answer.status == 303, f"POST /signin answered {answer.status}: {answer.text[:500]}"
    assert urllib.parse.urlsplit(answer.header("Location") or "").path == "/tickets", answer.header("Location")
    lines = [line for line in answer.all_headers("Set-Cookie") if line.startswith(SESSION_COOKIE + "=")]
    assert len(lines) == 1, f"POST /signin set {answer.all_headers('Set-Cookie')}"
    attributes = [attribute.strip().lower() for attribute in lines[0].split(";")[1:]]
    for required in ["secure", "httponly", "samesite=lax", "path=/"]:
        assert required in attributes, f"the session cookie lacks {required}: {lines[0]}"
    assert not any(attribute.startswith("domain") for attribute in attributes), f"a __Host- cookie has no Domain: {lines[0]}"

    cookie = lines[0].split(";", 1)[0]
    tickets = server.https.request("GET", "/tickets", headers={"Cookie": cookie})
    assert tickets.status == 200, f"GET /tickets with the new session answered {tickets.status}"
    assert_security_headers(tickets, "/tickets")


def assert_security_headers(answer, where: str) -> None:
    policy = answer.header("Content-Security-Policy")
    assert policy, f"{where} has no Content-Security-Policy"
    directives = {}
    for directive in policy.split(";"):
        parts = directive.strip().split()
        if parts:
            directives[parts[0].lower()] = [part.lower() for part in parts[1:]]
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts is not None, f"{where}: the CSP restricts no script source: {policy}"
    assert "'unsafe-inline'" not in policy.lower(), f"{where}: the CSP allows 'unsafe-inline': {policy}"
    assert "*" not in scripts, f"{where}: the CSP lets scripts come from anywhere: {policy}"
    hsts = answer.header("Strict-Transport-Security") or ""
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age and int(max_age.group(1)) > 0, f"{where}: no HSTS max-age: {hsts!r}"
    assert (answer.header("X-Frame-Options") or "").strip().upper() == "DENY", \
        f"{where}: X-Frame-Options is {answer.header('X-Frame-Options')!r}"
    referrer = (answer.header("Referrer-Policy") or "").split(",")[-1].strip().lower()
    assert referrer in {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}, \
        f"{where}: Referrer-Policy is {answer.header('Referrer-Policy')!r}"


def test_web_a_page_showing_session_credentials_is_never_stored(server, world, clara_documents):
    """Web conventions: `no-store` where secrets show — the session page with its connection code."""
    _, answer = sign_in_without_browser(server, world.clara.email, world.clara.password)
    assert answer.status == 303, f"POST /signin answered {answer.status}"
    cookie = next(line for line in answer.all_headers("Set-Cookie") if line.startswith(SESSION_COOKIE + "=")).split(";", 1)[0]
    page = server.https.request("GET", f"/sessions/{clara_documents.session_id}", headers={"Cookie": cookie})
    assert page.status == 200, f"the owner's session page answered {page.status}"
    assert "no-store" in (page.header("Cache-Control") or "").lower(), f"Cache-Control: {page.header('Cache-Control')!r}"


# MARK: - Small screens


def test_web_the_ticket_form_and_the_queue_fit_a_360_px_phone(world, browser):
    """Web conventions: the console works on a phone: at 360 px nothing scrolls sideways."""
    phone = browser("anna-phone", width=360, height=740).sign_in_as(world.anna, expect_home="/tickets")
    phone.go("/tickets/new")
    assert_fits_width(phone, 360, "the ticket form")
    fill_ticket_form(phone, subject=f"Не печатается отчёт о продажах за прошлый месяц {unique()}",
                     description="Отчёт открывается пустым, хотя продажи были.")
    phone.submit("#file-ticket-submit")
    assert_no_error(phone, "filing from the phone")
    assert_fits_width(phone, 360, "the ticket page")

    agent = browser("petr-phone", width=360, height=740).sign_in_as(world.petr, expect_home="/queue")
    assert agent.find_all("table#queue tr[data-tid]"), "the queue is empty: nothing to lay out"
    assert_fits_width(agent, 360, "the queue")
