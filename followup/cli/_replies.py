"""Commands that close the loop: ``replies`` (what came back), ``checkin`` (one polite
note after silence), and the replies part of ``status``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from followup.cli import _delivery
from followup.cli._common import LOGIN_FLAGS, add_login_options, now
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
    add_login_options(replies, required_user=False)
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
    replies.set_defaults(run=_replies, flags={"password": "$FOLLOWUP_IMAP_PASSWORD", **LOGIN_FLAGS})

    checkin = commands.add_parser(
        "checkin",
        help="one polite check-in per interview still waiting for a reply",
        description="Draft one short check-in per interview of DIR that has had no reply from "
        "anyone on it: two business days after the decision date the employer gave "
        "(decision_by), else seven business days after the interview; to the main contact "
        "(contact column, else the recruiter, else the first interviewer), in the thread of "
        "the thank-you. At most one per interview, ever (kept in DIR's ledger). Drafts go to "
        "DIR/checkins (or --out), for `followup upload` or `send`; with --smtp they are sent "
        "from there at once (a dry run unless --send).",
    )
    checkin.add_argument("source", metavar="DIR", help="a folder written by followup draft")
    checkin.add_argument("--out", metavar="DIR", help="where to write (default: DIR/checkins)")
    checkin.add_argument(
        "--now", metavar="TIME", help="fixed clock, e.g. 2026-12-01T09:00 (in --tz)"
    )
    checkin.add_argument("--tz", metavar="ZONE", help="the zone of --now (default: this machine's)")
    checkin.add_argument("--smtp", metavar="HOST[:PORT]", help="send them through this server")
    _delivery._add_server_options(checkin, required_user=False)
    checkin.add_argument("--rate", default="20/min", help="at most this many a minute, as send")
    checkin.add_argument("--send", action="store_true", help="really send (with --smtp)")
    checkin.add_argument(
        "--resend-uncertain",
        dest="resend_uncertain",
        action="store_true",
        help="send again the check-ins an interrupted run may or may not have sent",
    )
    checkin.set_defaults(run=_checkin, flags={"password": "$FOLLOWUP_SMTP_PASSWORD"})


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


def _checkin(args: argparse.Namespace) -> int:
    from followup.deliver import write_checkins

    if args.send and not args.smtp:
        raise OptionError("--send needs --smtp HOST, the server to send the check-ins through.")
    folder = Path(args.source)
    out = Path(args.out) if args.out else folder / "checkins"
    plan = write_checkins(folder, out, now=now(args))
    written = plan[plan["file"].fillna("") != ""]
    for item in written.to_dict("records"):
        print(f"  {item['file']}: to {item['interviewer_email']} ({item['addressed']})")
    counts = plan["state"].value_counts()
    print(
        f"{len(written)} check-in(s) written to {out}; "
        + ", ".join(f"{state}: {int(n)}" for state, n in counts.items())
    )
    if args.smtp and out.is_dir() and any(out.glob("*.eml")):
        return _send_checkins(args, folder, out)
    return 0


def _send_checkins(args: argparse.Namespace, folder: Path, out: Path) -> int:
    """Send the check-ins of ``out``, each once: attempts go to DIR's own ledger, which
    also keeps the check-ins, so a lost check-ins folder never sends one twice."""
    from followup.deliver import (
        LEDGER_NAME,
        Ledger,
        SmtpSender,
        deliver,
        exclusive,
        parse_rate,
        read_outbox,
    )

    if args.limit is not None and args.limit < 1:
        raise OptionError(f"--limit {args.limit}: give a number of check-ins, 1 or more.")
    server = _delivery._server(args, "smtp", args.security or "starttls", args.send)
    path = folder / LEDGER_NAME
    with exclusive(path), Ledger(path) as ledger:
        report = deliver(
            read_outbox(out),
            SmtpSender(server),
            ledger,
            dry_run=not args.send,
            limit=args.limit,
            interval=parse_rate(args.rate),
            resend_uncertain=args.resend_uncertain,
        )
    if not args.send:
        print("Dry run: nothing was sent. Add --send to send the check-ins.")
    print(report.summary(resend="--resend-uncertain"))
    return 0 if report.ok else 1


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
