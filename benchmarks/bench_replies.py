"""Replies speed: a 20,000-message mbox, and the same mailbox over IMAP (Dovecot on loopback).

Run from the repository root, with the test extra installed and Dovecot present
(``apt-get install dovecot-imapd``; without it only the mbox is timed)::

    python benchmarks/bench_replies.py [--messages 20000] [--imap-messages 2000]

The mailbox is the bundled sample's (``data/my-drafts``, ``data/my-replies.mbox``)
repeated with fresh Message-IDs until it holds ``--messages`` messages: replies,
auto-replies, a bounce, and unrelated mail. Prints the seconds for ``followup
replies --mbox`` over it (target: under 5 s for 20,000), then for ``--imap``
over the first ``--imap-messages`` of them APPENDed to a Dovecot INBOX (one
``SEARCH``, then header-only ``FETCH``), with how many messages the server's
search let through.
"""

from __future__ import annotations

import argparse
import imaplib
import re
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def mailbox(count: int) -> list[bytes]:
    """The sample inbox repeated, each copy with its own Message-IDs, ``count`` messages."""
    text = (REPO / "data" / "my-replies.mbox").read_bytes()
    sample = [m for m in re.split(rb"(?m)^From [^\n]*\n", text) if m.strip()]
    out: list[bytes] = []
    for copy in range(count // len(sample) + 1):
        tag = f"Message-ID: <c{copy}.".encode()
        out += [m.replace(b"Message-ID: <", tag, 1) for m in sample]
    return out[:count]


def time_mbox(messages: list[bytes], work: Path) -> float:
    from followup.deliver import read_mbox, read_replies

    box = work / "inbox.mbox"
    separator = b"From MAILER-DAEMON Mon Nov 30 09:00:00 2026\n"
    box.write_bytes(b"".join(separator + m.rstrip(b"\n") + b"\n\n" for m in messages))
    folder = Path(shutil.copytree(REPO / "data" / "my-drafts", work / "mbox-drafts"))
    start = time.perf_counter()
    report = read_replies(folder, read_mbox(box), source=box.name)
    seconds = time.perf_counter() - start
    print(f"mbox: {report.read:,} messages in {seconds:.2f} s ({report.read / seconds:,.0f}/s)")
    print(f"      {report.summary()}")
    return seconds


def time_imap(messages: list[bytes], work: Path) -> None:
    sys.path.insert(0, str(REPO / "tests"))
    import mailservers
    from mailservers import PASSWORD

    from followup.deliver import ImapInbox, read_replies, sent_thank_yous

    if mailservers.dovecot_binary() is None:
        print("imap: skipped, Dovecot is not installed (apt-get install dovecot-imapd)")
        return
    with ExitStack() as stack:
        certificates = mailservers.certificates.__wrapped__(_Factory(work))
        servers = mailservers.dovecot.__wrapped__(certificates)
        stack.callback(lambda: next(servers, None))  # stops Dovecot
        dovecot = next(servers)
        server = dovecot.server()
        client = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=server.tls)
        client.login(server.user or "", PASSWORD)
        for raw in messages:
            client.append("INBOX", "", None, raw)
        client.logout()
        folder = Path(shutil.copytree(REPO / "data" / "my-drafts", work / "imap-drafts"))
        sent = sent_thank_yous(folder)
        start = time.perf_counter()
        inbox = ImapInbox(server, "INBOX")
        inbox.connect()
        try:
            found = inbox.messages(
                senders=sorted(set("@" + sent["interviewer_email"].str.split("@").str[-1])),
                threads=["example.com"],
            )
            report = read_replies(folder, found, source=inbox.target)
        finally:
            inbox.close()
        seconds = time.perf_counter() - start
        print(
            f"imap: {len(messages):,} messages in INBOX, {report.read:,} let through by SEARCH, "
            f"fetched (headers only) and matched in {seconds:.2f} s"
        )


class _Factory:
    """What the certificates fixture asks of pytest's tmp_path_factory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def mktemp(self, name: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=name, dir=self.root))
        return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--imap-messages", dest="imap_messages", type=int, default=2_000)
    args = parser.parse_args()
    messages = mailbox(args.messages)
    with tempfile.TemporaryDirectory() as tmp:
        seconds = time_mbox(messages, Path(tmp))
        print(f"      target: under 5 s for 20,000: {'met' if seconds < 5 else 'MISSED'}")
        time_imap(messages[: args.imap_messages], Path(tmp))


if __name__ == "__main__":
    main()
