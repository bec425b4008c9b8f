#!/usr/bin/env python3
"""The PostgreSQL part of Scripts/bench (BENCH_PARTS=pg): the desk on a throwaway PostgreSQL 15
cluster (Scripts/postgres/up.sh), against references measured in the same run.

  p1. tickets accepted/s (POST /v1/tickets, 64 keep-alive TLS clients, each a customer user) on
      one node, divided by pgbench's single-row durable INSERT transactions/s through libpq with
      the same 64 clients                                                       >= 0.5
  p2. metered start+stop pairs/s (64 agents) on one node, divided by the same reference >= 0.5
  p3. tickets/s with two nodes on the same database (32 clients each), against p1: reported
  p4. tickets/s with 1 000 000 tickets already stored (300 000 of them the customer of the first
      filing client), against p1 on the empty database, on PostgreSQL          >= 0.9
  p5. the same on SQLite (its own assistd on a file)                          >= 0.9
Prints key=value lines; progress goes to standard error.
"""
import argparse, importlib.util, os, re, socket, subprocess, sys, tempfile, threading, time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("bench_billing", os.path.join(here, "bench-billing.py"))
billing = importlib.util.module_from_spec(spec)
spec.loader.exec_module(billing)
log, median = billing.log, billing.median
postgres_bin = "/usr/lib/postgresql/15/bin"


def psql(uri, sql):
    """Runs SQL on the database at `uri` with psql; returns its unaligned output."""
    result = subprocess.run([f"{postgres_bin}/psql", uri, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"bench: psql failed: {result.stderr}")
    return result.stdout.strip()


def serve(args, database, port, log_path, bootstrap_token=None):
    """Starts `assistd serve` on `database`; bootstraps its first admin first when asked (the
    token is written to `bootstrap_token`). Returns the process once it answers."""
    if bootstrap_token:
        subprocess.run([args.assistd, "admin", "bootstrap", "--database", database, "--token-file", bootstrap_token],
                       check=True, capture_output=True)
    process = subprocess.Popen(
        [args.assistd, "serve", "--host", "127.0.0.1", "--port", str(port), "--database", database, "--config", "Config/development.json",
         "--tls-cert", os.path.join(args.certs, "server.pem"), "--tls-key", os.path.join(args.certs, "server.key")],
        stdout=subprocess.DEVNULL, stderr=open(log_path, "w"))
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"bench: assistd on port {port} exited: {open(log_path).read()[-2000:]}")
        probe = subprocess.run(["curl", "-sS", "-o", "/dev/null", "--cacert", os.path.join(args.certs, "ca.pem"),
                                f"https://localhost:{port}/healthz"], capture_output=True, check=False)
        if probe.returncode == 0:
            return process
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"bench: assistd on port {port} did not answer within 60 s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def pgbench_rate(uri, clients, seconds):
    """The reference: single-row durable INSERT transactions per second through libpq, pgbench-style."""
    psql(uri, "DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, startedAt timestamptz)")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("INSERT INTO bench_raw (startedAt) VALUES (now());\n")
    result = subprocess.run([f"{postgres_bin}/pgbench", "-n", "-c", str(clients), "-j", "2", "-T", str(seconds), "-f", script.name, uri],
                            capture_output=True, text=True, check=False)
    os.unlink(script.name)
    match = re.search(r"tps = ([\d.]+)", result.stdout)
    if not match:
        raise SystemExit(f"bench: pgbench gave no rate:\n{result.stdout}\n{result.stderr}")
    return float(match.group(1))


def tickets_per_s(args, port, tokens, name="customers"):
    """A 2 s warm-up, then the measured run: tickets accepted per second."""
    billing.filing(args, port, tokens, "2s", name)
    run = billing.filing(args, port, tokens, f"{args.seconds}s", name)
    return int(run.group(1)) / float(run.group(3))


def two_nodes(args, ports, tokens):
    """Both nodes filing at once, half the clients on each: tickets/s in all."""
    half = len(tokens) // 2
    results = {}
    def run(index, port, share):
        results[index] = billing.filing(args, port, share, f"{args.seconds}s", f"node{index}")
    threads = [threading.Thread(target=run, args=(0, ports[0], tokens[:half])), threading.Thread(target=run, args=(1, ports[1], tokens[half:]))]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    return sum(int(results[i].group(1)) / float(results[i].group(3)) for i in (0, 1))


def busy_customer(api, token):
    return api.call("GET", "/v1/me", token=token)["customerId"]


def seed_postgres(uri, busy, archive, total, for_busy):
    """`total` closed tickets written straight into the database, `for_busy` of them the busy
    customer's, each with its first message and its sent confirmation."""
    psql(uri, f"""
        INSERT INTO ticket (tid, customerId, subject, description, productVersion, problemClass, senderEmail, receivedAt, state, slaLevel,
            clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation)
        SELECT 'TID-' || (2023 + i / 500000) || '-' || lpad((i % 500000 + 1)::text, 6, '0'),
            CASE WHEN i < {for_busy} THEN {busy} ELSE {archive} END, 'Старая заявка ' || i, 'Описание старой заявки', '5.1', 'standard',
            'old' || (i % 1000) || '@example.ru', timestamptz '2025-01-01 07:00:00+00' + i * interval '20 seconds', 'closed',
            'commercial-standard', timestamptz '2025-01-01 07:00:00+00' + i * interval '20 seconds',
            timestamptz '2025-01-01 09:00:00+00' + i * interval '20 seconds', 0, '[]'
        FROM generate_series(0, {total - 1}) AS i;
        INSERT INTO ticketMessage (ticketId, author, body, createdAt, channel)
            SELECT id, 'customer', description, receivedAt, 'api' FROM ticket WHERE subject LIKE 'Старая заявка %';
        INSERT INTO notification (kind, ticketId, recipient, subject, body, createdAt, state, sentAt)
            SELECT 'ticket-accepted', id, senderEmail, 'Заявка принята', 'Текст', receivedAt, 'sent', receivedAt FROM ticket
            WHERE subject LIKE 'Старая заявка %';
        """)
    psql(uri, "VACUUM ANALYZE")


def seed_sqlite(path, busy, archive, total, for_busy):
    import sqlite3
    connection = sqlite3.connect(path, isolation_level=None, timeout=60)
    connection.execute("BEGIN IMMEDIATE")
    before = connection.execute("SELECT IFNULL(MAX(id), 0) FROM ticket").fetchone()[0]
    connection.execute(f"""
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {total - 1})
        INSERT INTO ticket (tid, customerId, subject, description, productVersion, problemClass, senderEmail, receivedAt, state, slaLevel,
            clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation)
        SELECT 'TID-' || (2023 + i / 500000) || '-' || printf('%06d', i % 500000 + 1),
            CASE WHEN i < {for_busy} THEN {busy} ELSE {archive} END, 'Старая заявка ' || i, 'Описание старой заявки', '5.1', 'standard',
            'old' || (i % 1000) || '@example.ru', strftime('%Y-%m-%d %H:%M:%f', 1735714800 + i * 20, 'unixepoch'), 'closed',
            'commercial-standard', strftime('%Y-%m-%d %H:%M:%f', 1735714800 + i * 20, 'unixepoch'),
            strftime('%Y-%m-%d %H:%M:%f', 1735722000 + i * 20, 'unixepoch'), 0, '[]'
        FROM n""")
    connection.execute("INSERT INTO ticketMessage (ticketId, author, body, createdAt, channel) "
                       "SELECT id, 'customer', description, receivedAt, 'api' FROM ticket WHERE id > ?", (before,))
    connection.execute("INSERT INTO notification (kind, ticketId, recipient, subject, body, createdAt, state, sentAt) "
                       "SELECT 'ticket-accepted', id, senderEmail, 'Заявка принята', 'Текст', receivedAt, 'sent', receivedAt FROM ticket WHERE id > ?",
                       (before,))
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--assistd", required=True)
    parser.add_argument("--certs", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--busy", type=int, default=300_000)
    parser.add_argument("--wrk-script", default=os.path.join(here, "bench-metering.lua"))
    parser.add_argument("--tickets-script", default=os.path.join(here, "bench-tickets.lua"))
    args = parser.parse_args()
    cafile = os.path.join(args.certs, "ca.pem")

    # The cluster's own directory (up.sh gives it to the postgres user when run as root).
    cluster = tempfile.mkdtemp(prefix="assist-postgres-", dir="/tmp")
    with socket.socket() as probe:  # a port nobody listens on now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log(f"pg: a throwaway PostgreSQL 15 cluster on port {port}")
    up = subprocess.run([os.path.join(here, "postgres/up.sh"), cluster, str(port)], capture_output=True, text=True, check=False)
    if up.returncode != 0:
        raise SystemExit(f"bench: the PostgreSQL cluster did not start: {up.stderr}")
    server = up.stdout.strip()
    processes = []
    try:
        psql(server, "CREATE DATABASE bench")
        uri = server.replace("/postgres?", "/bench?")
        token_file = os.path.join(args.work, "pg-admin-token")
        node_a = serve(args, uri, 18446, os.path.join(args.work, "pg-node-a.log"), bootstrap_token=token_file)
        processes.append(node_a)
        node_b = serve(args, uri, 18447, os.path.join(args.work, "pg-node-b.log"))
        processes.append(node_b)
        api = billing.API(18446, cafile, open(token_file).read().strip())
        log(f"pg: seeding {args.clients} agents with joined remote sessions and {args.clients} filing customers")
        _, agents = billing.seed_agents(api, args.clients)
        tokens = billing.seed_customers(api, args.clients)
        args.port = 18446

        references, tickets, pairs = [], [], []
        for round_number in range(1, args.rounds + 1):
            log(f"pg: round {round_number} of {args.rounds}: pgbench, p1. tickets, p2. metered pairs")
            references.append(pgbench_rate(uri, args.clients, min(args.seconds, 5)))
            tickets.append(tickets_per_s(args, 18446, tokens))
            pairs.append(billing.metering_pairs(args, agents)[0])
        log("pg: p3. two nodes filing at once")
        both = two_nodes(args, (18446, 18447), tokens)

        archive = api.call("POST", "/v1/customers", {"name": "ООО Архив"})["id"]
        busy = busy_customer(api, tokens[0])
        log(f"pg: p4. {args.stored} tickets written into the database ({args.busy} of them customer {busy}'s)")
        seed_postgres(uri, busy, archive, args.stored, args.busy)
        filled = [tickets_per_s(args, 18446, tokens) for _ in range(args.rounds)]
        for process in processes: stop(process)
        processes.clear()

        log("pg: p5. the same on SQLite: its own assistd on a file")
        sqlite_path = os.path.join(args.work, "flat.sqlite")
        sqlite_token = os.path.join(args.work, "flat-admin-token")
        node = serve(args, sqlite_path, 18448, os.path.join(args.work, "flat.log"), bootstrap_token=sqlite_token)
        processes.append(node)
        sqlite_api = billing.API(18448, cafile, open(sqlite_token).read().strip())
        sqlite_tokens = billing.seed_customers(sqlite_api, args.clients)
        sqlite_empty = [tickets_per_s(args, 18448, sqlite_tokens, "flat") for _ in range(args.rounds)]
        sqlite_archive = sqlite_api.call("POST", "/v1/customers", {"name": "ООО Архив"})["id"]
        sqlite_busy = busy_customer(sqlite_api, sqlite_tokens[0])
        stop(node)
        processes.clear()
        log(f"pg: p5. {args.stored} tickets written into the SQLite file")
        seed_sqlite(sqlite_path, sqlite_busy, sqlite_archive, args.stored, args.busy)
        node = serve(args, sqlite_path, 18448, os.path.join(args.work, "flat.log"))
        processes.append(node)
        sqlite_filled = [tickets_per_s(args, 18448, sqlite_tokens, "flat") for _ in range(args.rounds)]
    finally:
        for process in processes: stop(process)
        subprocess.run([os.path.join(here, "postgres/down.sh"), cluster], check=False)

    def runs(values):
        return "/".join(f"{value:.0f}" for value in values)
    print(f"pg_raw_tx_per_s={median(references):.0f} pg_raw_runs={runs(references)} "
          f"pg_tickets_per_s={median(tickets):.0f} pg_ticket_runs={runs(tickets)} "
          f"pg_pairs_per_s={median(pairs):.0f} pg_pair_runs={runs(pairs)} pg_two_nodes_tickets_per_s={both:.0f} "
          f"pg_filled_tickets_per_s={median(filled):.0f} pg_filled_runs={runs(filled)} "
          f"sqlite_empty_tickets_per_s={median(sqlite_empty):.0f} sqlite_empty_runs={runs(sqlite_empty)} "
          f"sqlite_filled_tickets_per_s={median(sqlite_filled):.0f} sqlite_filled_runs={runs(sqlite_filled)}", flush=True)


if __name__ == "__main__":
    main()
