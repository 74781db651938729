"""Commands that close the loop: ``replies`` (what came back), ``checkin`` (one polite
note after silence), and the replies part of ``status``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from followup.errors import OptionError


def register(commands: Any) -> None:
    replies = commands.add_parser(
        "replies",
        help="read replies to the drafts (IMAP, mbox or Maildir) into the ledger and sheet",
        description="Find the replies to the thank-yous of DIR in a mailbox: by In-Reply-To or "
        "References, else from the interviewer's address after the thank-you went out. "
        "Out-of-office notes and bounces are counted apart. Replies are added to DIR's ledger "
        "and to DIR/recipients.csv (replied_at, reply_from); a rerun only adds. IMAP is read "
        "only (EXAMINE, headers only). Password: $FOLLOWUP_IMAP_PASSWORD, or a prompt.",
    )
    replies.add_argument("source", metavar="DIR", help="a folder written by followup draft")
    where = replies.add_mutually_exclusive_group(required=True)
    where.add_argument("--mbox", metavar="FILE", help="an mbox export of your mailbox")
    where.add_argument("--maildir", metavar="DIR", help="a Maildir folder")
    where.add_argument("--imap", metavar="HOST[:PORT]", help="an IMAP server")
    replies.add_argument("--user", help="IMAP login name")
    replies.add_argument("--folder", default="INBOX", help="IMAP folder (default: %(default)s)")
    replies.add_argument(
        "--since", metavar="DATE", help="IMAP: only messages received since this day"
    )
    replies.add_argument(
        "--same-domain",
        dest="same_domain",
        action="store_true",
        help="count a message from anyone at the employer's domain, marked as such",
    )
    security = replies.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls")
    security.add_argument(
        "--ssl", dest="security", action="store_const", const="ssl", help="(default)"
    )
    replies.add_argument("--cafile", metavar="FILE", help="trust this CA (a private server)")
    replies.add_argument(
        "--insecure-skip-verify",
        dest="insecure",
        action="store_true",
        help="DANGER: do not check the server's certificate; for a local test server only",
    )
    replies.set_defaults(run=_replies, flags={"password": "$FOLLOWUP_IMAP_PASSWORD"})


def _replies(args: argparse.Namespace) -> int:
    import pandas as pd

    from followup.cli._delivery import _server
    from followup.deliver import ImapInbox, read_maildir, read_mbox, read_replies, sent_thank_yous

    folder = Path(args.source)
    progress = _progress if sys.stderr.isatty() else None
    if args.mbox or args.maildir:
        if args.since:
            raise OptionError("--since limits an IMAP search; an export is read whole.")
        messages = read_mbox(args.mbox) if args.mbox else read_maildir(args.maildir)
        source = args.mbox or args.maildir
        report = read_replies(
            folder, messages, source=source, same_domain=args.same_domain, progress=progress
        )
    else:
        if not args.user:
            raise OptionError("--imap needs --user, the login name.")
        since = None
        if args.since:
            try:
                since = pd.Timestamp(args.since).date()
            except ValueError:
                raise OptionError(
                    f"--since {args.since!r} is not a day; write 2026-11-01."
                ) from None
        sent = sent_thank_yous(folder)
        inbox = ImapInbox(_server(args, "imap", args.security or "ssl", True), args.folder)
        inbox.connect()
        try:
            messages = inbox.messages(
                since=since,
                senders=sorted(set("@" + sent["interviewer_email"].str.split("@").str[-1])),
                threads=sorted(set(sent["message_id"].str.extract(r"@([^>]+)>", expand=False))),
            )
            report = read_replies(
                folder, messages, source=inbox.target, same_domain=args.same_domain,
                progress=progress,
            )  # fmt: skip
        finally:
            inbox.close()
    if progress is not None:
        print(file=sys.stderr)
    print(report.summary())
    print_reply_status(folder)
    return 0


def _progress(done: int) -> None:
    print(f"\rreading: {done:,} messages", end="", file=sys.stderr, flush=True)


def print_reply_status(folder: Path) -> None:
    """Per interview sent: replied, waiting, or only an automatic answer so far."""
    from followup.deliver import reply_status

    folder = folder if folder.is_dir() else folder.parent
    if not (folder / "recipients.csv").is_file():
        return
    table = reply_status(folder)
    if table.empty:
        return
    print("\nReplies, per interview:")
    print(table.to_string(index=False, max_colwidth=50))
    counts = table["state"].value_counts()
    print(", ".join(f"{state}: {int(n)}" for state, n in counts.items()))
