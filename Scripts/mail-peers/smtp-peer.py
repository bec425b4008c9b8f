"""A scripted SMTP peer for the delivery tests: answers as it is told, to see each outcome's state.

usage: python3 smtp-peer.py PORT MODE [CERT KEY]
MODE: accept (250 to everything, messages kept in memory), greet-421 (421 at the greeting),
      rcpt-451 (451 to RCPT), rcpt-550 (550 to RCPT), drop-after-mail (closes after MAIL FROM),
      no-starttls (accepts, but offers no STARTTLS), slow-data:FILE (250 to everything, each DATA answered
      after a second; "data <Message-ID>" is appended to FILE when a message arrives and "ack <Message-ID>"
      just before its 250 goes out), sink:FILE (250 to everything at once, "data <Message-ID>" appended to
      FILE for each message).
      Any mode with "+pipelining" (e.g. rcpt-550+pipelining) also offers PIPELINING (RFC 2920).
With CERT and KEY it offers STARTTLS with that certificate (e.g. one from another CA).
Prints "ready" once listening; stops on stdin EOF.
"""
import asyncio, os, re, ssl, sys
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

port = int(sys.argv[1])
mode, _, record_path = sys.argv[2].partition(":")
pipelining = mode.endswith("+pipelining")
mode = mode.removesuffix("+pipelining")
tls = None
if len(sys.argv) > 4 and mode != "no-starttls":
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(sys.argv[3], sys.argv[4])


class Handler:
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        if mode == "drop-after-mail":
            server.transport.close()
            return "421 closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if mode == "rcpt-451":
            return "451 4.3.0 try again later"
        if mode == "rcpt-550":
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        found = re.search(rb"^Message-ID:\s*(<[^>]+>)", envelope.original_content or b"", re.M | re.I)
        message_id = found.group(1).decode() if found else "?"
        if mode == "slow-data":
            record("data", message_id)
            await asyncio.sleep(1)
            record("ack", message_id)
        elif mode == "sink":
            record("data", message_id, durable=False)
        return "250 2.0.0 Ok: queued as PEER1"


def record(event, message_id, durable=True):
    if record_path:
        with open(record_path, "a") as f:
            f.write(f"{event} {message_id}\n")
            f.flush()
            if durable:
                os.fsync(f.fileno())


class GreetingRefusal(SMTP):
    async def _handle_client(self):
        await self.push("421 4.3.2 service not available, try later")
        self.transport.close()


class Peer(Controller):
    def factory(self):
        if mode == "greet-421":
            return GreetingRefusal(self.handler)
        return SMTP(self.handler, tls_context=tls, require_starttls=False, hostname="peer.test")


controller = Peer(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
