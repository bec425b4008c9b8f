#!/usr/bin/env python3
"""Billing benchmarks for Scripts/bench: metered start+stop pairs through the API, an invoice
for 100 000 sessions, an hours export over 1 000 000 sessions.

usage: bench-billing.py --port P --cafile CA --admin-token-file F --database DB --pid PID --work DIR
                        [--seconds 10] [--wrk-script Scripts/bench-metering.lua]
Prints key=value lines on stdout; progress on stderr. Everything stays on 127.0.0.1.

The 100 000 and 1 000 000 sessions are written straight into the database file (the server
keeps running: SQLite's WAL lets another process write), because producing them through the
API would take hours; the invoice and the export then go through the API like any other.
"""
import argparse, http.client, json, os, random, re, sqlite3, ssl, subprocess, sys, threading, time

def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)

class API:
    def __init__(self, port, cafile, token):
        self.port, self.token = port, token
        self.context = ssl.create_default_context(cafile=cafile)
        self.connection = None

    def call(self, method, path, body=None, token=None, timeout=600, raw=False):
        if self.connection is None:
            self.connection = http.client.HTTPSConnection("localhost", self.port, context=self.context, timeout=timeout)
        headers = {"Authorization": f"Bearer {token or self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        payload = response.read()
        if response.status >= 300:
            raise SystemExit(f"bench: {method} {path} answered {response.status}: {payload[:300]!r}")
        return payload if raw else json.loads(payload)

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

class RSSSampler(threading.Thread):
    """The server's peak resident memory while a request runs, sampled every 20 ms."""
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, rss_kib(pid), True
    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kib(self.pid))
            time.sleep(0.02)
    def stop(self):
        self.running = False
        self.join()
        return self.peak

def seed_agents(api, count):
    """Agents, each with a ticket whose customer joined a remote session (R-1.4)."""
    customer = api.call("POST", "/v1/customers", {"name": "ООО Бенчмарк"})
    customer_user = api.call("POST", "/v1/users", {"displayName": "Клиент", "role": "customer", "customerId": customer["id"], "email": "client@example.ru"})
    customer_token = api.call("POST", f"/v1/users/{customer_user['id']}/tokens", {"label": "bench"})["token"]
    agents = []
    for index in range(count):
        user = api.call("POST", "/v1/users", {"displayName": f"Агент {index}", "role": "agent"})
        token = api.call("POST", f"/v1/users/{user['id']}/tokens", {"label": "bench"})["token"]
        view = api.call("POST", "/v1/tickets", {"subject": "Обновление", "description": "Помогите обновить",
                                                  "productVersion": "5.2", "problemClass": "standard"}, token=customer_token)
        tid = view["ticket"]["tid"]
        opened = api.call("POST", f"/v1/tickets/{tid}/sessions", {"tool": "teamviewer", "customerRemoteId": "123456789"}, token=token)
        api.call("POST", f"/v1/sessions/{opened['session']['id']}/join", {"pin": opened["credentials"]["pin"]}, token=customer_token)
        agents.append((token, tid))
    return customer["id"], agents

def raw_sqlite_rate(directory, seconds):
    """The reference: single-row durable transactions per second (WAL, synchronous=FULL)."""
    path = os.path.join(directory, "raw.sqlite")
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, startedAt TEXT, stoppedAt TEXT)")
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (startedAt) VALUES (datetime('now'))")
        connection.execute("COMMIT")
        count += 1
    elapsed = time.perf_counter() - start
    connection.close()
    return count / elapsed

def metering_pairs(args, agents):
    """64 wrk threads of one keep-alive TLS connection each; each is one agent starting and stopping."""
    agents_file = os.path.join(args.work, "agents.txt")
    with open(agents_file, "w") as out:
        for token, tid in agents:
            out.write(f"{token} {tid}\n")
    environment = dict(os.environ, BENCH_AGENTS=agents_file)
    command = ["wrk", "-t", str(len(agents)), "-c", str(len(agents)), "-s", args.wrk_script,
               f"https://127.0.0.1:{args.port}/"]
    subprocess.run(command + ["-d", "2s"], env=environment, capture_output=True, timeout=120, check=False)  # warm-up
    result = subprocess.run(command + ["-d", f"{args.seconds}s"], env=environment, capture_output=True, text=True,
                            timeout=args.seconds + 120, check=False)
    match = re.search(r"pairs=(\d+) failures=(\d+) seconds=([\d.]+)", result.stdout)
    if not match:
        raise SystemExit(f"bench: wrk gave no pair count:\n{result.stdout}\n{result.stderr}")
    pairs, failures, elapsed = int(match.group(1)), int(match.group(2)), float(match.group(3))
    return pairs / elapsed, failures

def seed_sessions(database, customer_id, invoice_sessions, export_sessions, export_customers):
    """Stopped, priced metered sessions written straight into the database file."""
    connection = sqlite3.connect(database, isolation_level=None, timeout=60)
    connection.execute("PRAGMA synchronous=NORMAL")
    ticket_id, agent_id = connection.execute(
        "SELECT t.id, m.agentUserId FROM ticket t JOIN meteredSession m ON m.ticketId = t.id WHERE t.customerId = ? LIMIT 1",
        (customer_id,)).fetchone()
    agent_ids = [row[0] for row in connection.execute("SELECT id FROM userAccount WHERE role = 'agent'")]
    connection.execute("BEGIN")
    # Customers for the export, each with a ticket copied from the seeded one.
    export_tickets = []
    for index in range(export_customers):
        cursor = connection.execute("INSERT INTO customer (name, createdAt) VALUES (?, '2026-09-01 00:00:00.000')", (f"Клиент {index}",))
        customer = cursor.lastrowid
        columns = [row[1] for row in connection.execute("PRAGMA table_info(ticket)") if row[1] not in ("id", "tid", "customerId")]
        connection.execute(
            f"INSERT INTO ticket (tid, customerId, {', '.join(columns)}) SELECT ?, ?, {', '.join(columns)} FROM ticket WHERE id = ?",
            (f"TID-2026-9{index:05d}", customer, ticket_id))
        export_tickets.append((connection.execute("SELECT last_insert_rowid()").fetchone()[0], customer))

    def rows(count, start, tickets):
        random.seed(42)
        for index in range(count):
            ticket, customer = tickets[index % len(tickets)]
            begin = start + index * 2  # seconds; spread over days
            raw = random.randint(1, 7200)
            billed = (raw + 59) // 60 * 60
            yield (ticket, customer, random.choice(agent_ids), random.choice(("install", "update", "update-repair")),
                   time.strftime("%Y-%m-%d %H:%M:%S.000", time.gmtime(begin)),
                   time.strftime("%Y-%m-%d %H:%M:%S.000", time.gmtime(begin + raw)), raw, billed, (150000 * billed + 1800) // 3600)

    insert = """INSERT INTO meteredSession (ticketId, customerId, agentUserId, kind, channel, rateKopecksPerHour,
                    roundingIncrementSeconds, roundingMinimumSeconds, startedAt, stoppedAt, rawSeconds, billedSeconds, amountKopecks)
                VALUES (?, ?, ?, ?, 'remote', 150000, 60, 0, ?, ?, ?, ?, ?)"""
    # Invoice: one customer, 100 000 sessions in December 2026 (2 s apart: 2.3 days).
    december = 1796072400  # 2026-12-01 00:00 Moscow
    connection.executemany(insert, rows(invoice_sessions, december, [(ticket_id, customer_id)]))
    # Export: 1 000 000 sessions over October 2026 (2 s apart would be 23 days).
    october = 1790802000  # 2026-10-01 00:00 Moscow
    connection.executemany(insert, rows(export_sessions, october, export_tickets))
    connection.execute("COMMIT")
    amount = connection.execute(
        "SELECT SUM(amountKopecks) FROM meteredSession WHERE startedAt >= '2026-09-30 21:00:00' AND startedAt < '2026-10-31 21:00:00'").fetchone()[0]
    connection.close()
    return amount

def timed(api, method, path, body, pid, raw=False):
    sampler = RSSSampler(pid)
    before = rss_kib(pid)
    sampler.start()
    start = time.perf_counter()
    answer = api.call(method, path, body, raw=raw)
    elapsed = time.perf_counter() - start
    return answer, elapsed, before, sampler.stop()

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--admin-token-file", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--agents", type=int, default=64)
    parser.add_argument("--invoice-sessions", type=int, default=100_000)
    parser.add_argument("--export-sessions", type=int, default=1_000_000)
    parser.add_argument("--pairs-only", action="store_true", help="measure d only (for profiling)")
    parser.add_argument("--wrk-script", default=os.path.join(os.path.dirname(__file__), "bench-metering.lua"))
    args = parser.parse_args()

    api = API(args.port, args.cafile, open(args.admin_token_file).read().strip())
    log(f"billing: seeding {args.agents} agents with tickets and joined remote sessions")
    customer_id, agents = seed_agents(api, args.agents)

    log(f"billing: d. metered start+stop pairs, {args.agents} keep-alive TLS clients, {args.seconds} s")
    pairs_rate, failures = metering_pairs(args, agents)
    raw_rate = raw_sqlite_rate(args.work, min(args.seconds, 5))
    print(f"pairs_per_s={pairs_rate:.0f} pair_failures={failures} raw_tx_per_s={raw_rate:.0f}", flush=True)
    if args.pairs_only:
        return

    log(f"billing: seeding {args.invoice_sessions} + {args.export_sessions} sessions into the database file")
    export_amount = seed_sessions(args.database, customer_id, args.invoice_sessions, args.export_sessions, 100)

    log("billing: e. invoice for the customer's December sessions")
    accountant = api.call("POST", "/v1/users", {"displayName": "Бухгалтер", "role": "accounting"})
    api.token = api.call("POST", f"/v1/users/{accountant['id']}/tokens", {"label": "bench"})["token"]
    invoice, invoice_s, _, _ = timed(api, "POST", "/v1/invoices", {"customerId": customer_id, "from": "2026-12-01", "to": "2026-12-31"}, args.pid)
    print(f"invoice_s={invoice_s:.3f} invoice_lines={invoice['lineCount']} invoice_number={invoice['number']}")

    for grouping, fmt in (("customer", "excel-csv"), ("ticket", "json")):
        log(f"billing: f. hours export over October by {grouping} ({fmt})")
        body, export_s, before, peak = timed(api, "GET", f"/v1/exports/hours?from=2026-10-01&to=2026-10-31&by={grouping}&format={fmt}", None, args.pid, raw=True)
        if fmt == "json":
            total = json.loads(body)["totals"]
            if total["sessions"] != args.export_sessions or total["amountKopecks"] != export_amount:
                raise SystemExit(f"bench: the export does not add up: {total} vs {args.export_sessions} sessions, {export_amount} kopecks")
        print(f"export_{grouping}_s={export_s:.3f} export_{grouping}_growth_kib={peak - before} export_{grouping}_bytes={len(body)}")

if __name__ == "__main__":
    main()
