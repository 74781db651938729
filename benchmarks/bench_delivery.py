"""Delivery speed: 10,000 drafts to a loopback SMTP server over one reused connection.

Run from the repository root, with the test extra installed (aiosmtpd, trustme)::

    python benchmarks/bench_delivery.py [--drafts 10000] [--rounds 2]

The server (aiosmtpd with STARTTLS and AUTH, as in the tests) runs in its own
process, so the client's numbers are not shared with it. Prints the time to read
the drafts back and the ledger's writes alone, then messages per second with
the ledger on, off, and in memory (the same SQL without the disk syncs; rounds
alternate, best of each), the overhead as ratios, and how many connections the
server saw. Compare ratios, not seconds: the machine is shared.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import socket
import ssl
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
USER, PASSWORD = "bench", "bench-password"


def serve(cert: str, key: str, pipe: Connection) -> None:
    """The SMTP server process: counts what it receives, answers `count` over the pipe."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd 1.4 logs each login

    class Counter:
        messages = connections = 0

        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            self.messages += 1
            return "250 OK"

        async def handle_EHLO(self, server, session, envelope, hostname, responses):  # type: ignore[no-untyped-def]
            self.connections += session.ssl is not None
            session.host_name = hostname
            return responses

    def authenticate(server, session, envelope, mechanism, data):  # type: ignore[no-untyped-def]
        ok = isinstance(data, LoginPassword) and data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    counter = Counter()
    controller = Controller(
        counter,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticate,
        auth_exclude_mechanism=["LOGIN"],
    )
    controller.start()
    pipe.send(port)
    while pipe.recv() == "count":
        pipe.send((counter.messages, counter.connections))
    controller.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    import trustme

    import followup
    from followup.deliver import (
        LEDGER_NAME,
        Ledger,
        Server,
        SmtpSender,
        deliver,
        read_outbox,
        tls_context,
    )
    from followup.draft import draft_messages

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ca, issued = trustme.CA(), None
        issued = ca.issue_cert("127.0.0.1")
        ca.cert_pem.write_to_path(str(folder / "ca.pem"))
        issued.cert_chain_pems[0].write_to_path(str(folder / "cert.pem"))
        issued.private_key_pem.write_to_path(str(folder / "key.pem"))
        ours, theirs = multiprocessing.Pipe()
        server_process = multiprocessing.Process(
            target=serve, args=(str(folder / "cert.pem"), str(folder / "key.pem"), theirs)
        )
        server_process.start()
        if not ours.poll(30):
            sys.exit("the SMTP server process did not start")
        port = ours.recv()

        recipients = followup.read_interviews(REPO / "data" / "interviews.csv").recipients
        drafts = followup.render_drafts(recipients, sender="Avery Quinn <avery@example.com>")
        raw = next(draft_messages(drafts.head(1), now="2026-11-24 18:00"))
        outbox = folder / "drafts"
        outbox.mkdir()
        for n in range(args.drafts):
            unique = f"Message-ID: <bench-{n:06d}@example.com>\nX-Was: <".encode()
            (outbox / f"{n:06d}.eml").write_bytes(raw.replace(b"Message-ID: <", unique, 1))

        start = time.perf_counter()
        messages = read_outbox(outbox)
        print(f"read {len(messages):,} .eml drafts back{time.perf_counter() - start:>12.2f} s")

        ledger = Ledger(folder / f"alone-{LEDGER_NAME}")
        start = time.perf_counter()
        for draft in messages:
            attempt = ledger.begin(
                "send", "smtp", draft.message_id, server="x", draft=draft.source, recipient="x"
            )
            ledger.finish(attempt, "delivered", "250 OK")
        ledger.close()
        seconds = time.perf_counter() - start
        per = seconds / len(messages) * 1000
        print(f"ledger writes alone (begin + finish){seconds:>8.2f} s{per:>8.3f} ms per draft")

        server = Server(
            "127.0.0.1", port, user=USER, password=PASSWORD, tls=tls_context(str(folder / "ca.pem"))
        )
        best = {"ledger on": float("inf"), "ledger off": float("inf"), "in memory": float("inf")}
        for round_ in range(args.rounds):
            for label in best:
                ledger = {
                    "ledger on": Ledger(folder / f"{round_}-{LEDGER_NAME}"),
                    "in memory": Ledger(":memory:"),  # the same SQL, no disk and no sync
                }.get(label)
                start = time.perf_counter()
                report = deliver(messages, SmtpSender(server), ledger)
                seconds = time.perf_counter() - start
                if ledger is not None:
                    ledger.close()
                assert report.counts["delivered"] == len(messages), report.summary()
                best[label] = min(best[label], seconds)
                rate = len(messages) / seconds
                print(f"round {round_ + 1}, {label:<10}{seconds:>8.2f} s{rate:>10,.0f} messages/s")
        ours.send("count")
        received, connections = ours.recv()
        ours.send("stop")
        server_process.join()
        runs = len(best) * args.rounds
        print(", ".join(f"best {label} {seconds:.2f} s" for label, seconds in best.items()))
        on, off, memory = best["ledger on"], best["ledger off"], best["in memory"]
        print(
            f"ledger overhead: {on / off:.2f}x the time without it ({memory / off:.2f}x in memory)"
        )
        extra = (on - off) / len(messages) * 1000
        print(f"ledger cost per draft while sending: {extra:.3f} ms")
        print(f"server received {received:,} messages over {connections} connections ({runs} runs)")
    sys.exit(0 if received == runs * len(messages) else 1)


if __name__ == "__main__":
    main()
