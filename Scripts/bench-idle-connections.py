#!/usr/bin/env python3
"""Hold many idle TLS connections open to a server and report its resident memory.

Used by Scripts/bench. Opens --count TLS connections to 127.0.0.1:--port, verifying
the server certificate against --cafile, completes each handshake, sends nothing,
holds them for --hold seconds while sampling VmRSS of the given process ids, then
closes them. Prints one line of key=value pairs, for example:

    opened=1000 still_open=1000 rss_before_kib=10240 rss_max_kib=53248

Exits non-zero if not every connection could be opened.
"""

import argparse
import resource
import socket
import ssl
import sys
import time


def rss_kib(pids):
    """Sum of VmRSS (KiB) of the processes; shared pages are counted once per process."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def is_open(conn):
    """True if the server has not closed the connection (reading would block)."""
    conn.setblocking(False)
    try:
        return conn.recv(1) != b""  # data we never asked for still means open
    except (ssl.SSLWantReadError, BlockingIOError):
        return True
    except (OSError, ssl.SSLError):
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--pid", type=int, action="append", required=True,
                        help="process whose RSS is measured (repeat to sum several)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--hold", type=float, default=5.0)
    args = parser.parse_args()

    # Each connection is a file descriptor: make room for them (and a margin).
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < args.count + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    context = ssl.create_default_context(cafile=args.cafile)
    rss_before = rss_kib(args.pid)

    connections = []
    try:
        for _ in range(args.count):
            raw = socket.create_connection(("127.0.0.1", args.port), timeout=10)
            # The certificate names localhost; the address stays 127.0.0.1.
            connections.append(context.wrap_socket(raw, server_hostname="localhost"))
    except (OSError, ssl.SSLError) as error:
        print(f"bench-idle-connections: connection {len(connections) + 1} failed: {error}",
              file=sys.stderr)

    # Give the server a moment to finish with the last handshakes, then sample
    # its memory while the connections sit idle.
    time.sleep(min(1.0, args.hold))
    rss_max = rss_kib(args.pid)
    deadline = time.monotonic() + max(0.0, args.hold - 1.0)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        rss_max = max(rss_max, rss_kib(args.pid))

    # A server that dropped idle connections early would make the number meaningless.
    still_open = sum(1 for conn in connections if is_open(conn))
    for conn in connections:
        conn.close()

    print(f"opened={len(connections)} still_open={still_open} "
          f"rss_before_kib={rss_before} rss_max_kib={rss_max}")
    return 0 if len(connections) == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
