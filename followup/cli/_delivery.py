"""Commands that deliver: ``send`` (SMTP), ``upload`` (IMAP) and ``status`` (the ledger)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from followup.cli._common import LOGIN_FLAGS, add_login_options, login
from followup.errors import FollowupError, OptionError

if TYPE_CHECKING:
    from followup.deliver import Security, Server, Transport


def register(commands: Any) -> None:
    send = commands.add_parser(
        "send",
        help="send drafts over SMTP, exactly once (a dry run unless --send)",
        description="Send each draft in DIR (its .eml files, or drafts.mbox) or MBOX to its "
        "one recipient, from its own From address. Without --send, only print what would go. "
        "Every attempt is kept in delivery.sqlite beside the drafts: a rerun skips what was "
        "delivered and retries what failed. Password: $FOLLOWUP_SMTP_PASSWORD, or a prompt; "
        "or an OAuth2 token (--oauth2-command, $FOLLOWUP_OAUTH2_TOKEN).",
    )
    send.add_argument("source", metavar="DIR|MBOX")
    send.add_argument("--smtp", required=True, metavar="HOST[:PORT]", help="the SMTP server")
    _add_server_options(send, required_user=False)
    send.add_argument(
        "--rate",
        default="20/min",
        help="at most this many messages per time, e.g. 20/min, 1/s, or none (default: "
        "%(default)s)",
    )
    send.add_argument("--send", action="store_true", help="really send (default: a dry run)")
    send.add_argument(
        "--resend-uncertain",
        dest="resend_uncertain",
        action="store_true",
        help="send again the drafts an interrupted run may or may not have sent",
    )
    send.add_argument(
        "--ledger-lost-i-checked-sent",
        dest="ledger_lost_checked",
        action="store_true",
        help="send although the ledger is lost while the folder shows earlier sends; only "
        "after checking your Sent folder and removing what is there from DIR",
    )
    send.set_defaults(
        run=_send,
        flags={
            "password": "$FOLLOWUP_SMTP_PASSWORD",
            "ledger_lost_i_checked_sent": "--ledger-lost-i-checked-sent",
            **LOGIN_FLAGS,
        },
    )

    upload = commands.add_parser(
        "upload",
        help="place drafts in your mailbox's Drafts folder over IMAP, exactly once",
        description="Append each draft in DIR (its .eml files, or drafts.mbox) or MBOX to a "
        "folder of your mailbox, flagged as a draft, to review and send from your mail client. "
        "Attempts are kept in delivery.sqlite beside the drafts; a rerun looks drafts up in the "
        "folder and never uploads one twice. Password: $FOLLOWUP_IMAP_PASSWORD, or a prompt; "
        "or an OAuth2 token (--oauth2-command, $FOLLOWUP_OAUTH2_TOKEN).",
    )
    upload.add_argument("source", metavar="DIR|MBOX")
    upload.add_argument("--imap", required=True, metavar="HOST[:PORT]", help="the IMAP server")
    upload.add_argument(
        "--folder",
        metavar="NAME",
        help="the folder, in any script (default: the one the server marks as Drafts, "
        "else 'Drafts')",
    )
    _add_server_options(upload, required_user=True)
    upload.set_defaults(run=_upload, flags={"password": "$FOLLOWUP_IMAP_PASSWORD", **LOGIN_FLAGS})

    status = commands.add_parser(
        "status",
        help="what was sent or uploaded, from the delivery ledger",
        description="Print the delivery ledger of DIR (or of the folder holding MBOX): the "
        "latest attempt of each draft at each destination.",
    )
    status.add_argument("source", metavar="DIR|MBOX")
    status.add_argument(
        "--update-sheet",
        dest="update_sheet",
        action="store_true",
        help="add a delivery column to DIR/recipients.csv and fill sent_at for sent drafts",
    )
    status.set_defaults(run=_status)


def _add_server_options(parser: argparse.ArgumentParser, *, required_user: bool) -> None:
    add_login_options(parser, required_user=required_user)
    security = parser.add_mutually_exclusive_group()
    security.add_argument(
        "--starttls",
        dest="security",
        action="store_const",
        const="starttls",
        help="plain connection upgraded with STARTTLS (SMTP default; ports 587, 143)",
    )
    security.add_argument(
        "--ssl",
        dest="security",
        action="store_const",
        const="ssl",
        help="TLS from the start (IMAP default; ports 465, 993)",
    )
    parser.add_argument("--cafile", metavar="FILE", help="trust this CA (a private server)")
    parser.add_argument(
        "--insecure-skip-verify",
        dest="insecure",
        action="store_true",
        help="DANGER: do not check the server's certificate; for a local test server only",
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="deliver at most N drafts in this run"
    )


def _send(args: argparse.Namespace) -> int:
    from followup.deliver import SmtpSender, parse_rate

    interval = parse_rate(args.rate)
    sender = SmtpSender(_server(args, "smtp", args.security or "starttls", args.send))
    return _deliver(args, sender, dry_run=not args.send, interval=interval)


def _upload(args: argparse.Namespace) -> int:
    from followup.deliver import ImapUploader

    uploader = ImapUploader(_server(args, "imap", args.security or "ssl", True), args.folder)
    return _deliver(args, uploader, dry_run=False, interval=0.0)


def _server(
    args: argparse.Namespace, protocol: Literal["smtp", "imap"], security: Security, connects: bool
) -> Server:
    from followup.deliver import Server, parse_host, tls_context

    host, port = parse_host(getattr(args, protocol), protocol=protocol, security=security)
    if args.insecure:
        print(
            f"followup: WARNING: not verifying the TLS certificate of {host}; anyone on the "
            "network path can read your password and drafts. Use only with a local test server.",
            file=sys.stderr,
        )
    password, oauth2 = None, None
    if connects:
        password, oauth2 = login(args, f"FOLLOWUP_{protocol.upper()}_PASSWORD", host)
    return Server(
        host,
        port,
        user=args.user,
        password=password,
        oauth2=oauth2,
        security=security,
        tls=tls_context(args.cafile, verify=not args.insecure),
    )


def _deliver(
    args: argparse.Namespace, transport: Transport, *, dry_run: bool, interval: float
) -> int:
    from followup.deliver import (
        Ledger,
        check_not_lost,
        deliver,
        exclusive,
        ledger_path,
        log_run,
        read_outbox,
    )

    if args.limit is not None and args.limit < 1:
        raise OptionError(f"--limit {args.limit}: give a number of drafts, 1 or more.")
    drafts = read_outbox(args.source)
    path = ledger_path(args.source)
    with contextlib.ExitStack() as stack:
        if not dry_run:
            stack.enter_context(exclusive(path))
        ledger = None
        if path.exists():  # a dry run reads the ledger if any, writes nothing
            ledger = stack.enter_context(Ledger(path))
        check_not_lost(
            args.source,
            ledger,
            action=transport.action,
            checked_sent=getattr(args, "ledger_lost_checked", False),
        )
        if ledger is None and not dry_run:
            ledger = stack.enter_context(Ledger(path))
        first = ledger.last_id() if ledger is not None else 0
        try:
            report = deliver(
                drafts,
                transport,
                ledger,
                dry_run=dry_run,
                limit=args.limit,
                interval=interval,
                resend_uncertain=getattr(args, "resend_uncertain", False),
                progress=_delivery_progress if sys.stderr.isatty() else None,
            )
        finally:  # also when the run is stopped: what went out is on record beside the ledger
            if ledger is not None and not dry_run:
                done = ledger.delivered_after(first, transport.action)
                log_run(args.source, transport.action, transport.target, done)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if dry_run:
        going = report.outcomes[report.outcomes["outcome"] == "would send"]
        print(
            going[["draft", "to", "subject"]].to_string(index=False)
            if len(going)
            else "Nothing to send."
        )
        print(f"\nDry run: nothing was sent. Add --send to send these {len(going)} draft(s).")
    print(report.summary(resend="--resend-uncertain"))
    if path.exists():
        print(f"Ledger: {path} (`followup status {args.source}` shows it)")
    return 0 if report.ok else 1


def _delivery_progress(done: int) -> None:
    print(f"\rdelivering: {done:,} drafts done", end="", file=sys.stderr, flush=True)


def _status(args: argparse.Namespace) -> int:
    import pandas as pd

    from followup.deliver import Ledger, ledger_path, update_review_sheet

    path = ledger_path(args.source)
    if not path.is_file():
        raise FollowupError(f"{path} does not exist: nothing was sent or uploaded from here yet.")
    with Ledger(path) as ledger:
        table = ledger.table()
    if table.empty:
        print(f"{path}: no attempts recorded yet.")
        return 0
    shown = table.assign(at=table["started_at"].str[:19].str.replace("T", " "))[
        ["action", "draft", "recipient", "result", "attempts", "at", "reply"]
    ]
    print(shown.to_string(index=False, max_colwidth=60))
    print("\n" + pd.crosstab(table["action"], table["result"]).to_string())
    from followup.cli._replies import print_reply_status

    print_reply_status(Path(args.source))
    if args.update_sheet:
        sheet = update_review_sheet(Path(args.source), table)
        print(f"Updated {sheet} with a delivery column and sent_at.")
    return 0 if table["result"].isin(["delivered"]).all() else 1
