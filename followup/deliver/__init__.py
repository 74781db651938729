"""Stage 3, deliver: drafts into a Drafts folder (IMAP) or out over SMTP, each exactly once.

:func:`read_outbox` reads the drafts back from disk and checks each one;
:func:`deliver` runs the batch through :class:`SmtpSender` or
:class:`ImapUploader`, keeping every attempt in the :class:`Ledger` beside the
drafts so that a rerun, a crash or a lost connection never sends one twice.

What comes back closes the loop: :func:`read_replies` matches the messages of an
mbox, a Maildir or an IMAP folder (:func:`read_mbox`, :func:`read_maildir`,
:class:`ImapInbox`) to the thank-yous and keeps them in the same ledger file
(:class:`Book`); :func:`write_checkins` drafts the one check-in an interview may
get; :func:`read_ledger` gives the tracking columns the analyses take.
"""

from followup.deliver._book import Book
from followup.deliver._checkin import due_dates, plan_checkins, render_checkins, write_checkins
from followup.deliver._imap import ImapUploader
from followup.deliver._ledger import LEDGER_NAME, Ledger, exclusive, ledger_path
from followup.deliver._mailbox import ImapInbox, parse_message, read_maildir, read_mbox
from followup.deliver._outbox import Draft, parse_draft, read_outbox
from followup.deliver._replies import (
    ReplyReport,
    incoming_table,
    match_replies,
    read_replies,
    reply_status,
    sent_thank_yous,
)
from followup.deliver._run import OUTCOMES, DeliveryReport, deliver, parse_rate
from followup.deliver._sheet import update_review_sheet
from followup.deliver._smtp import SmtpSender, for_sending
from followup.deliver._tracking import read_ledger
from followup.deliver._transport import (
    Dropped,
    Refused,
    Security,
    Server,
    Transport,
    parse_host,
    tls_context,
)

__all__ = [
    "LEDGER_NAME",
    "OUTCOMES",
    "Book",
    "DeliveryReport",
    "Draft",
    "Dropped",
    "ImapInbox",
    "ImapUploader",
    "Ledger",
    "Refused",
    "ReplyReport",
    "Security",
    "Server",
    "SmtpSender",
    "Transport",
    "deliver",
    "due_dates",
    "exclusive",
    "for_sending",
    "incoming_table",
    "ledger_path",
    "match_replies",
    "parse_draft",
    "parse_host",
    "parse_message",
    "parse_rate",
    "plan_checkins",
    "read_ledger",
    "read_maildir",
    "read_mbox",
    "read_outbox",
    "read_replies",
    "render_checkins",
    "reply_status",
    "sent_thank_yous",
    "tls_context",
    "update_review_sheet",
    "write_checkins",
]
