#!/usr/bin/env python3
"""Web console benchmarks for Scripts/bench: the agent's queue page with 1 000 open tickets and a
ticket page with a 200-message thread, each against the JSON API's answer over the same data in
the same run.

usage: bench-web.py --assistd BIN --port P --cafile CA --admin-token-file F --database DB --work DIR
                    [--seconds 10] [--tickets 1000] [--messages 200]
Prints key=value lines on stdout; progress on stderr. Everything stays on 127.0.0.1.

Seeding goes through the API with the admin token: a customer with a customer user, 1 000 open
tickets (Russian subjects and descriptions of varied length, one in ten operational), and one more
ticket whose thread the customer user and an agent write in turn up to 200 messages (the ticket's
description is the first; the agent writes last, so that ticket waits in no queue). The agent gets
a console password (`assistd admin set-password`) and signs in like a browser (GET /signin for the
sign-in cookie and the form's CSRF field, POST /signin → 303 with the session cookie), and an API
token.

i. GET /queue (HTML, session cookie) against GET /v1/queue (JSON, the same agent's bearer token);
j. GET /tickets/{tid} against GET /v1/tickets/{tid}. Each side has its own keep-alive TLS
connection; after 5 warm-up pairs, N pairs run one after the other, page and JSON interleaved
(A B A B …) so that drift hits both alike; N makes each measure last about --seconds (at least 30).
A request's time runs from sending it to having read the whole body: client-side, on loopback.
Page weight is the HTML body's size before compression (nothing asks for compression); the page
may show only part of the data (100 queue rows a page, the latest messages of a thread), so the
rows and messages it shows are counted and reported.
"""
import argparse, concurrent.futures, http.client, importlib.util, json, math, os, random, re, ssl, subprocess, sys, time, urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("bench_billing", os.path.join(here, "bench-billing.py"))
billing = importlib.util.module_from_spec(spec)
spec.loader.exec_module(billing)  # API, log
log = billing.log

# --- Realistic Russian text ------------------------------------------------------------------

PROBLEMS = [
    "Не печатается счёт-фактура", "Ошибка при обмене с банком", "Не открывается отчёт по остаткам",
    "Зависает программа при проведении документов", "Не проходит обновление конфигурации",
    "Неверно считается НДС в реализации", "Не работает загрузка выписки", "Пропали права у пользователя",
    "Долго формируется оборотно-сальдовая ведомость", "Не приходят уведомления на почту",
    "Ошибка лицензии при запуске", "Не создаётся резервная копия базы", "Не подключается сканер штрихкодов",
    "Дублируются контрагенты после синхронизации", "Не выгружается отчётность в ФНС",
    "Сбой при закрытии месяца", "Некорректно отображаются кириллические символы",
    "Не удаётся войти под администратором", "Ошибка SQL при открытии журнала",
    "Не сохраняются настройки печатных форм", "Медленно работает терминальный доступ",
    "Не считается зарплата по совместителям", "Ошибка сертификата электронной подписи",
]
CONTEXTS = [
    "после обновления до версии 5.2", "на рабочем месте бухгалтера", "в филиале в Казани",
    "с сегодняшнего утра", "у всех пользователей", "только в клиенте под Windows 11",
    "при работе через веб-клиент", "в базе за 2026 год", "после переноса сервера", "на новом ноутбуке",
    "при большом объёме документов", "по договору № 17/26", "с ошибкой 0x80070005", "",
]
DESCRIPTION = [
    "Добрый день!", "Здравствуйте.", "После установки последнего обновления программа перестала работать как раньше.",
    "Ошибка появляется каждый раз при нажатии кнопки «Провести и закрыть».",
    "Перезапуск сервера и очистка кэша не помогли.", "Скриншот ошибки приложить не получается, текст такой: «Нет доступа к файлу».",
    "Проблема воспроизводится у трёх пользователей из пяти.", "Вчера вечером всё работало нормально.",
    "Версия платформы 8.3.24, сервер на Windows Server 2019.", "Прошу связаться с нами по телефону, если нужен удалённый доступ.",
    "Сроки горят: до конца недели нужно сдать отчётность.", "Журнал регистрации за это время прилагаю в архиве.",
    "Пробовали переустановить клиент — не помогло.", "Антивирус на время проверки отключали.",
]
CUSTOMER_SAYS = [
    "Спасибо за ответ, попробовали сделать, как вы написали.", "К сожалению, ошибка повторяется.",
    "Сегодня снова не получилось провести документы за прошлый месяц.", "Обновление установили, перезагрузили сервер.",
    "Прикладываю текст ошибки из журнала регистрации: «Нарушение целостности структуры конфигурации».",
    "Удалённый доступ можем дать после 15:00 по Москве.", "Главный бухгалтер просит ускорить решение: отчётность сдаём в пятницу.",
    "Проверили права пользователя — роль «Бухгалтер» назначена.", "На тестовой копии базы ошибка не воспроизводится.",
    "Уточните, пожалуйста, нужно ли выгонять пользователей на время обновления?", "Версия клиента на рабочих местах 5.2.1.",
    "Вчера после вашей подсказки всё заработало, а сегодня опять то же самое.",
]
AGENT_SAYS = [
    "Добрый день! Спасибо за подробное описание.", "Мы проверили журнал, ошибка связана с блокировкой таблиц при проведении.",
    "Пожалуйста, выполните тестирование и исправление информационной базы с опцией «Реструктуризация таблиц».",
    "Перед этим обязательно сделайте резервную копию.", "Исправление вошло в обновление 5.2.3, оно уже доступно на портале.",
    "Подключились к вашему серверу, видим, что служба агента сервера запущена под другой учётной записью.",
    "Уточните, пожалуйста, в какое время ошибка появилась впервые и что в этот момент делали пользователи.",
    "Передали вопрос разработчикам, ответим, как только будет результат.", "Проверьте, что на сервере хватает места на диске C:.",
    "Если ошибка повторится, пришлите, пожалуйста, технологический журнал за этот период.",
    "Временное решение: проводите документы по одному, пакетное проведение пока отключите.",
]

def sentences(pool, rng, low, high):
    """Whole sentences of `pool`, none twice in a row of the pool's length, about a random length
    between low and high characters (cut at high only if one sentence overshoots it)."""
    target = rng.randint(low, high)
    order, text = [], ""
    while len(text) < target:
        if not order:
            order = rng.sample(pool, len(pool))
        longer = f"{text} {order.pop()}".strip()
        if len(longer) > high and len(text) >= low:
            break
        text = longer
    return text[:high]

def subject(rng):
    while True:
        text = f"{rng.choice(PROBLEMS)} {rng.choice(CONTEXTS)}".strip()
        if rng.random() < 0.3:
            text += f" ({rng.choice(['срочно', 'повторно', 'бухгалтерия', 'склад', 'кадры'])})"
        if 30 <= len(text) <= 80:
            return text

# --- Seeding ---------------------------------------------------------------------------------

def seed(args, admin_token):
    api = billing.API(args.port, args.cafile, admin_token)
    rng = random.Random(2026)
    before = api.call("GET", "/v1/queue")
    already = len(before["outOfTurn"]) + len(before["inTurn"])
    if already:
        log(f"web: WARNING: the queue already holds {already} tickets before seeding; the measure sees them too")

    customer = api.call("POST", "/v1/customers", {"name": "ООО «Веб-консоль»"})
    client = api.call("POST", "/v1/users", {"displayName": "Ирина Клиентова", "role": "customer", "customerId": customer["id"],
                                           "email": "irina@web-bench.test"})
    client_token = api.call("POST", f"/v1/users/{client['id']}/tokens", {"label": "bench"})["token"]
    stamp = int(time.time())
    agent_email = f"agent-{stamp}@web-bench.test"
    agent = api.call("POST", "/v1/users", {"displayName": "Павел Агентов", "role": "agent", "email": agent_email})
    agent_token = api.call("POST", f"/v1/users/{agent['id']}/tokens", {"label": "bench"})["token"]

    senders = [f"{name}@web-bench.test" for name in ("buh", "it", "sklad", "kadry", "director", "irina")]
    bodies = [{"subject": subject(rng), "description": sentences(DESCRIPTION, rng, 80, 600), "productVersion": rng.choice(["5.1", "5.2", "5.2.1", "5.2.3"]),
               "problemClass": "operational" if rng.random() < 0.1 else "standard", "customerId": customer["id"],
               "senderEmail": rng.choice(senders)} for _ in range(args.tickets)]
    log(f"web: seeding {args.tickets} open tickets through the API ({args.workers} connections)")
    started = time.perf_counter()
    chunks = [bodies[n::args.workers] for n in range(args.workers)]
    def file_tickets(chunk):
        own = billing.API(args.port, args.cafile, admin_token)
        return [own.call("POST", "/v1/tickets", body)["ticket"]["tid"] for body in chunk]
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        filed = [tid for tids in pool.map(file_tickets, chunks) for tid in tids]
    log(f"web: {len(filed)} tickets in {time.perf_counter() - started:.1f} s")

    # The thread: the ticket's description is message 1 (the customer's), then agent and customer in turn.
    log(f"web: seeding a {args.messages}-message thread")
    started = time.perf_counter()
    thread = api.call("POST", "/v1/tickets", {"subject": "Ошибка при закрытии месяца: не сходится себестоимость по складам",
                                              "description": sentences(DESCRIPTION, rng, 300, 600), "productVersion": "5.2",
                                              "problemClass": "standard"}, token=client_token)
    tid = thread["ticket"]["tid"]
    for number in range(2, args.messages + 1):
        staff = number % 2 == 0
        body = sentences(AGENT_SAYS if staff else CUSTOMER_SAYS, rng, 150, 600)
        api.call("POST", f"/v1/tickets/{tid}/messages", {"body": body}, token=agent_token if staff else client_token)
    log(f"web: thread {tid} in {time.perf_counter() - started:.1f} s")
    return agent, agent_email, agent_token, tid

# --- The browser ---------------------------------------------------------------------------------

class Client:
    """One keep-alive TLS connection; `get` times a request from sending it to the body's last byte."""
    def __init__(self, port, cafile, headers):
        self.port, self.headers = port, headers
        self.context = ssl.create_default_context(cafile=cafile)
        self.connection = http.client.HTTPSConnection("localhost", port, context=self.context, timeout=120)
        self.reconnects = -1  # the first connection is not a reconnection

    def get(self, path):
        if self.connection.sock is None:  # the handshake stays out of the timed part
            self.connection.connect()
            self.reconnects += 1
        started = time.perf_counter()
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise SystemExit(f"bench: GET {path} answered {response.status}: {body[:300]!r}")
        if response.getheader("Content-Encoding"):
            raise SystemExit(f"bench: GET {path} came compressed ({response.getheader('Content-Encoding')}) though nobody asked")
        return elapsed, body, response

def cookies(response):
    found = {}
    for header in response.msg.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found

def sign_in(args, email, password):
    """GET /signin, POST /signin like a browser; returns the session cookie's value."""
    context = ssl.create_default_context(cafile=args.cafile)
    connection = http.client.HTTPSConnection("localhost", args.port, context=context, timeout=60)
    connection.request("GET", "/signin")
    response = connection.getresponse()
    page = response.read().decode()
    signin_cookie = cookies(response).get("__Host-assist-signin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    if response.status != 200 or not signin_cookie or not csrf:
        raise SystemExit(f"bench: GET /signin gave no sign-in cookie or CSRF field (status {response.status})")
    form = urllib.parse.urlencode({"email": email, "password": password, "csrf": csrf.group(1)})
    connection.request("POST", "/signin", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"__Host-assist-signin={signin_cookie}",
        "Origin": f"https://localhost:{args.port}"})
    response = connection.getresponse()
    response.read()
    session = cookies(response).get("__Host-assist-session")
    if response.status != 303 or not session:
        raise SystemExit(f"bench: POST /signin answered {response.status} without a session cookie")
    log(f"web: signed in as {email}, sent to {response.getheader('Location')}")
    connection.close()
    return session

# --- Measuring -------------------------------------------------------------------------------------

def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

def compare(args, page, page_path, api, api_path, check_page, check_json):
    """Warm-up, then N interleaved pairs; returns (page times, json times, last page body, last json body)."""
    warm = [0.0]
    for _ in range(5):
        a, page_body, _ = page.get(page_path)
        b, json_body, _ = api.get(api_path)
        warm.append(a + b)
    check_page(page_body)
    check_json(json_body)
    count = max(30, int(args.seconds / (sum(warm) / 5)))
    log(f"web:   {count} pairs of GET {page_path} and GET {api_path} (about {args.seconds} s)")
    page_times, json_times = [], []
    for _ in range(count):
        a, page_body, _ = page.get(page_path)
        b, json_body, _ = api.get(api_path)
        page_times.append(a)
        json_times.append(b)
    check_page(page_body)
    check_json(json_body)
    return page_times, json_times, page_body, json_body

def report(prefix, page_times, json_times, page_body, json_body, page, api):
    ms = lambda seconds: f"{seconds * 1000:.2f}"
    print(f"{prefix}_requests={len(page_times)} "
          f"{prefix}_page_p50_ms={ms(percentile(page_times, 0.5))} {prefix}_page_p99_ms={ms(percentile(page_times, 0.99))} "
          f"{prefix}_json_p50_ms={ms(percentile(json_times, 0.5))} {prefix}_json_p99_ms={ms(percentile(json_times, 0.99))} "
          f"{prefix}_page_bytes={len(page_body)} {prefix}_json_bytes={len(json_body)} "
          f"{prefix}_reconnects={page.reconnects + api.reconnects}", flush=True)

def main():
    parser = argparse.ArgumentParser()
    for name in ["assistd", "cafile", "admin-token-file", "database", "work"]:
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="connections seeding tickets at once")
    args = parser.parse_args()

    with open(args.admin_token_file) as f:
        admin_token = f.read().strip()
    agent, agent_email, agent_token, tid = seed(args, admin_token)

    password = "бенчмарк-пароль-" + os.urandom(6).hex()
    subprocess.run([args.assistd, "admin", "set-password", "--email", agent_email, "--database", args.database],
                   input=password + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
    session = sign_in(args, agent_email, password)

    browser = Client(args.port, args.cafile, {"Cookie": f"__Host-assist-session={session}", "Accept": "text/html"})
    program = Client(args.port, args.cafile, {"Authorization": f"Bearer {agent_token}", "Accept": "application/json"})

    # i. The queue.
    facts = {}
    def queue_page(body):
        text = body.decode()
        facts["rows"] = text.count("data-tid=")
        if not facts["rows"]:
            raise SystemExit("bench: the queue page lists no tickets (no data-tid=)")
        pages = re.search(r"Страница (\d+) из (\d+)", text)
        facts["pages"] = int(pages.group(2)) if pages else 1
    def queue_json(body):
        queue = json.loads(body)
        facts["entries"] = len(queue["outOfTurn"]) + len(queue["inTurn"])
        facts["out_of_turn"] = len(queue["outOfTurn"])
    log("web: i. agent queue page against GET /v1/queue")
    page_times, json_times, page_body, json_body = compare(args, browser, "/queue", program, "/v1/queue", queue_page, queue_json)
    print(f"queue_entries={facts['entries']} queue_out_of_turn={facts['out_of_turn']} queue_page_rows={facts['rows']} "
          f"queue_pages={facts['pages']}", flush=True)
    report("queue", page_times, json_times, page_body, json_body, browser, program)

    # j. The ticket with the long thread.
    def ticket_page(body):
        text = body.decode()
        facts["shown"] = text.count('<li class="message')
        if not facts["shown"] or tid not in text:
            raise SystemExit(f"bench: the page of {tid} shows no messages")
    def ticket_json(body):
        facts["messages"] = len(json.loads(body)["messages"])
    log(f"web: j. ticket page of {tid} against GET /v1/tickets/{tid}")
    page_times, json_times, page_body, json_body = compare(
        args, browser, f"/tickets/{tid}", program, f"/v1/tickets/{tid}", ticket_page, ticket_json)
    # For the record: the whole thread in one page, if the page offers it, and the console's static files.
    _, whole, _ = browser.get(f"/tickets/{tid}?thread=all")
    whole_shown = whole.decode().count('<li class="message')
    static = sum(len(browser.get(f"/static/{name}")[1]) for name in ("console.css", "console.js"))
    print(f"ticket_thread_messages={facts['messages']} ticket_page_messages={facts['shown']} "
          f"ticket_whole_thread_page_bytes={len(whole)} ticket_whole_thread_page_messages={whole_shown} "
          f"static_bytes={static}", flush=True)
    report("ticket", page_times, json_times, page_body, json_body, browser, program)

if __name__ == "__main__":
    main()
