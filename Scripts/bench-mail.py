#!/usr/bin/env python3
"""Mail benchmarks for Scripts/bench: ingest of 10 000 letters, and SMTP delivery of 10 000
notifications against Postfix's own smtp-source → smtp-sink in the same run.

usage: bench-mail.py --assistd BIN --port P --cafile CA --admin-token-file F --database DB
                     --credentials-key K --certs DIR --work DIR [--letters 10000]
Prints key=value lines on stdout; progress on stderr. Everything stays on 127.0.0.1.

g. Ingest: letters shaped like real mail (UTF-8 quoted-printable, KOI8-R 8bit, windows-1251
   HTML-only in base64, text+HTML alternatives, a PNG attached; three in ten open a ticket, the
   rest answer an earlier letter by In-Reply-To) are filed by `assistd ingest --directory`: parse,
   thread and store, each letter its own durable transaction. Reference: raw SQLite single-row
   durable transactions per second in the same directory. Memory: the ingest process's peak
   RSS filing 1 000 letters, then 9 000 (flat = about the same).
g2. The worst letter: about 10 MB whose Subject is 400 000 RFC 2047 words, filed by one
   `assistd ingest` from standard input, against a plain letter of the same size filed the same
   way, alternating, three runs each (medians).
h. Delivery: 10 000 queued notifications drained by `assistd serve`'s delivery service over
   SMTP into smtp-sink; reference: smtp-source sending 10 000 messages of the same size into
   the same sink with 20 sessions, three times (twice before ours, once after; the median is
   used). Rate = messages / (last sentAt − first claim).
"""
import argparse, base64, importlib.util, os, random, shutil, socket, sqlite3, subprocess, sys, time
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("bench_billing", os.path.join(here, "bench-billing.py"))
billing = importlib.util.module_from_spec(spec)
spec.loader.exec_module(billing)  # API, RSSSampler, rss_kib, raw_sqlite_rate, median, log
log = billing.log

SENDERS = [f"user{n}@mail-bench.test" for n in range(20)]
PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + os.urandom(3000)

def letter(number, rng, opened):
    """One letter; about three in ten open a ticket, the rest answer an earlier one."""
    sender = SENDERS[number % len(SENDERS)]
    shape = number % 5
    text = f"Письмо {number}: после обновления до 5.{number % 9} не печатается отчёт, ошибка 0x{number:08X}.\n" * (1 + number % 4)
    if shape == 0:
        m = MIMEText(text, "plain", "utf-8")
    elif shape == 1:
        m = MIMEText(text, "plain", "koi8-r")
    elif shape == 2:
        m = MIMEText(f"<html><body><p>{text}</p><div>Подпись</div></body></html>", "html", "cp1251")
    elif shape == 3:
        m = MIMEMultipart("alternative")
        m.attach(MIMEText(text, "plain", "utf-8"))
        m.attach(MIMEText(f"<p>{text}</p>", "html", "utf-8"))
    else:
        m = MIMEMultipart("mixed")
        m.attach(MIMEText(text, "plain", "utf-8"))
        picture = MIMEBase("image", "png")
        picture.set_payload(base64.encodebytes(PNG).decode())
        picture["Content-Transfer-Encoding"] = "base64"
        picture.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "снимок.png"))
        m.attach(picture)
    message_id = f"<bench{number}@mail-bench.test>"
    m["From"] = f"Сотрудник {number % 20} <{sender}>"
    m["To"] = "support@desk.test"
    m["Message-ID"] = message_id
    if opened and rng.random() < 0.7:
        earlier = rng.choice(opened)
        m["Subject"] = Header(f"Re: вопрос {earlier}", "utf-8")
        m["In-Reply-To"] = f"<bench{earlier}@mail-bench.test>"
    else:
        m["Subject"] = Header(f"Вопрос {number}: не печатается отчёт", "utf-8")
        opened.append(number)
    return m.as_bytes()

def write_corpus(folder, numbers, rng, opened):
    os.makedirs(folder, exist_ok=True)
    size = 0
    for number in numbers:
        data = letter(number, rng, opened)
        size += len(data)
        with open(os.path.join(folder, f"{number:06d}.eml"), "wb") as f:
            f.write(data)
    return size

def ingest(args, folder, environment):
    """Files every letter of `folder`; returns (seconds, peak RSS KiB, stderr)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [args.assistd, "ingest", "--directory", folder, "--database", args.database],
        env=environment, stderr=subprocess.PIPE, text=True)
    sampler = billing.RSSSampler(process.pid)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    peak = sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"bench: assistd ingest exited {process.returncode}: {errors.strip()}")
    return elapsed, peak, errors.strip()

def worst_letters(folder, run):
    """g2.: two letters of the same size (about 10 MB), one plain, one whose Subject is 400 000
    RFC 2047 words (the shape that once took the reader minutes); returns their paths. The run
    number is in each Message-ID, so every run files its letters anew."""
    os.makedirs(folder, exist_ok=True)
    words = "\r\n ".join(["=?UTF-8?B?0K8=?="] * 400_000)
    worst = (f"From: user0@mail-bench.test\r\nTo: support@desk.test\r\nSubject: {words}\r\n"
             f"Message-ID: <worst{run}@mail-bench.test>\r\n\r\nТекст\r\n").encode()
    head = (f"From: user0@mail-bench.test\r\nTo: support@desk.test\r\nSubject: Журнал\r\nMessage-ID: <plain{run}@mail-bench.test>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode()
    line = "Журнал ошибок: строка за строкой, как его присылают.\r\n".encode()
    plain = head + line * ((len(worst) - len(head)) // len(line))
    paths = []
    for name, data in ((f"plain{run}.eml", plain), (f"worst{run}.eml", worst)):
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    return paths

def ingest_one(args, path, environment):
    """Files one letter through `assistd ingest` (standard input, as an MTA pipes it); returns seconds."""
    started = time.perf_counter()
    with open(path, "rb") as letter_file:
        process = subprocess.run(
            [args.assistd, "ingest", "--database", args.database],
            env=environment, stdin=letter_file, stderr=subprocess.PIPE, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"bench: assistd ingest of {os.path.basename(path)} exited {process.returncode}: {process.stderr.strip()}")
    return elapsed

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def wait_listening(port, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"bench: nothing listens on 127.0.0.1:{port}")

def start_sink(port, work):
    out = open(os.path.join(work, f"sink-{port}.out"), "w")
    user = ["-u", "nobody"] if os.geteuid() == 0 else []
    sink = subprocess.Popen(["smtp-sink", *user, "-c", f"127.0.0.1:{port}", "1000"], stdout=out, stderr=subprocess.STDOUT)
    wait_listening(port)
    return sink

def delivery(args, size):
    sink_port = free_port()
    sink = start_sink(sink_port, args.work)
    try:
        # Reference: Postfix's own client into the same sink, 20 sessions, same size. A run lasts
        # about a second and swings (7 000 to 10 400 msg/s between runs here): three runs, two
        # before ours and one after, and the median is the one used.
        def reference_run():
            started = time.perf_counter()
            subprocess.run(["smtp-source", "-m", str(args.letters), "-s", "20", "-l", str(size), f"127.0.0.1:{sink_port}"],
                           check=True, stdout=subprocess.DEVNULL)
            rate = args.letters / (time.perf_counter() - started)
            log(f"smtp-source → smtp-sink: {rate:.0f} msg/s")
            return rate
        references = [reference_run(), reference_run()]

        # Ours: the outbox holds exactly the queued letters we add (earlier ones are marked sent).
        db = sqlite3.connect(args.database, isolation_level=None, timeout=60)
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE notification SET state = 'sent', sentAt = createdAt WHERE state IN ('queued', 'deferred')")
        now = time.strftime("%Y-%m-%d %H:%M:%S.000", time.gmtime())
        body = ("Здравствуйте!\n\nПо вашему обращению подготовлен ответ. " * 30)[: max(200, size // 2)]
        db.executemany(
            "INSERT INTO notification (kind, ticketId, recipient, subject, body, createdAt, state, attempts) VALUES ('bench', NULL, ?, ?, ?, ?, 'queued', 0)",
            [(SENDERS[n % len(SENDERS)], f"Уведомление {n}", body, now) for n in range(args.letters)])
        first_id = db.execute("SELECT MIN(id) FROM notification WHERE kind = 'bench' AND state = 'queued'").fetchone()[0]
        db.execute("COMMIT")

        port = free_port()
        environment = dict(os.environ, ASSIST_MAIL_RELAY=f"smtp+plain://127.0.0.1:{sink_port}", ASSIST_MAIL_FROM="support@desk.test")
        log_file = open(os.path.join(args.work, "delivery.log"), "w")
        server = subprocess.Popen(
            [args.assistd, "serve", "--host", "127.0.0.1", "--port", str(port), "--database", args.database,
             "--tls-cert", os.path.join(args.certs, "server.pem"), "--tls-key", os.path.join(args.certs, "server.key"),
             "--credentials-key", args.credentials_key],
            env=environment, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            sampler = billing.RSSSampler(server.pid)
            sampler.start()
            deadline = time.time() + 900
            rss_early = None
            while time.time() < deadline:
                done = db.execute("SELECT COUNT(*) FROM notification WHERE id >= ? AND state IN ('sent', 'failed')", (first_id,)).fetchone()[0]
                if rss_early is None and done >= args.letters // 10:
                    rss_early = billing.rss_kib(server.pid)
                if done >= args.letters:
                    break
                time.sleep(0.2)
            peak = sampler.stop()
            rss_late = billing.rss_kib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        sent, failed, first, last = db.execute(
            "SELECT SUM(state = 'sent'), SUM(state = 'failed'), MIN(claimedAt), MAX(sentAt) FROM notification WHERE id >= ?",
            (first_id,)).fetchone()
        window = db.execute("SELECT (julianday(?) - julianday(?)) * 86400.0", (last, first)).fetchone()[0] or 0
        ours = (sent or 0) / window if window > 0 else 0
        log(f"assistd delivery → smtp-sink: {sent} sent, {failed} failed in {window:.2f} s")
        references.append(reference_run())
        return ours, references, sent or 0, failed or 0, rss_early or 0, rss_late, peak
    finally:
        sink.terminate()
        sink.wait(timeout=10)

def main():
    parser = argparse.ArgumentParser()
    for name in ["assistd", "cafile", "admin-token-file", "database", "credentials-key", "certs", "work"]:
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--letters", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()

    with open(args.admin_token_file) as f:
        api = billing.API(args.port, args.cafile, f.read().strip())
    customer = api.call("POST", "/v1/customers", {"name": "ООО Почтовый поток"})
    for sender in SENDERS:
        api.call("POST", f"/v1/customers/{customer['id']}/emails", {"email": sender})

    rng = random.Random(2026)
    opened = []
    first_folder, rest_folder = os.path.join(args.work, "letters-1"), os.path.join(args.work, "letters-2")
    warm = min(1000, args.letters // 10)
    size = write_corpus(first_folder, range(warm), rng, opened)
    size += write_corpus(rest_folder, range(warm, args.letters), rng, opened)
    average = size // args.letters
    log(f"{args.letters} letters written ({size // 1024} KiB, {len(opened)} open tickets, {average} bytes on average)")

    # The per-sender cap (40 new tickets a day) would hold most of them: lifted for the measure.
    environment = dict(os.environ, ASSIST_MAIL_NEW_TICKETS_PER_SENDER_PER_DAY="1000000")
    first_s, first_peak, _ = ingest(args, first_folder, environment)
    rest_s, rest_peak, said = ingest(args, rest_folder, environment)
    log(f"ingest: {warm} letters in {first_s:.2f} s (peak {first_peak} KiB), {args.letters - warm} in {rest_s:.2f} s (peak {rest_peak} KiB): {said}")
    raw = billing.raw_sqlite_rate(args.work, args.seconds)
    ingest_rate = (args.letters - warm) / rest_s
    print(f"ingest_per_s={ingest_rate:.0f} ingest_raw_tx_per_s={raw:.0f} ingest_letters={args.letters} "
          f"ingest_rss_first_kib={first_peak} ingest_rss_rest_kib={rest_peak} letter_bytes={average}", flush=True)

    # g2.: the worst letter against a plain one of its size, alternating, three times each.
    plain_runs, worst_runs = [], []
    for run in range(3):
        plain_path, worst_path = worst_letters(os.path.join(args.work, "worst"), run)
        plain_runs.append(ingest_one(args, plain_path, environment))
        worst_runs.append(ingest_one(args, worst_path, environment))
    log(f"worst letter: {os.path.getsize(worst_path)} bytes in {'/'.join(f'{t:.2f}' for t in worst_runs)} s; "
        f"plain letter of {os.path.getsize(plain_path)} bytes in {'/'.join(f'{t:.2f}' for t in plain_runs)} s")
    print(f"worst_letter_s={billing.median(worst_runs):.3f} plain_letter_s={billing.median(plain_runs):.3f} "
          f"worst_letter_bytes={os.path.getsize(worst_path)} worst_runs={'/'.join(f'{t:.2f}' for t in worst_runs)} "
          f"plain_runs={'/'.join(f'{t:.2f}' for t in plain_runs)}", flush=True)

    ours, references, sent, failed, rss_early, rss_late, peak = delivery(args, average)
    print(f"delivery_per_s={ours:.0f} sink_per_s={billing.median(references):.0f} sink_runs={'/'.join(f'{rate:.0f}' for rate in references)} "
          f"delivery_sent={sent} delivery_failed={failed} "
          f"delivery_rss_early_kib={rss_early} delivery_rss_late_kib={rss_late} delivery_rss_peak_kib={peak}", flush=True)
    for folder in (first_folder, rest_folder):
        shutil.rmtree(folder, ignore_errors=True)

if __name__ == "__main__":
    main()
