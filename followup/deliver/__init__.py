"""Stage 3, deliver: drafts into a Drafts folder (IMAP) or out over SMTP, each exactly once.

:func:`read_outbox` reads the drafts back from disk and checks each one;
:func:`deliver` runs the batch through :class:`SmtpSender` or
:class:`ImapUploader`, keeping every attempt in the :class:`Ledger` beside the
drafts so that a rerun, a crash or a lost connection never sends one twice.

:func:`open_smtp` and :func:`open_imap` open a connection over TLS, logged in with
a :class:`Password` (any script) or an :class:`OAuth2` token source; the reply
reader uses the same.

What comes back closes the loop: :func:`read_replies` matches the messages of an
mbox, a Maildir or an IMAP folder (:func:`read_mbox`, :func:`read_maildir`,
:class:`ImapInbox`) to the thank-yous and keeps them in the same ledger file
(:class:`Book`); :func:`write_checkins` drafts the one check-in an interview may
get; :func:`read_ledger` gives the tracking columns the analyses take.
"""

from followup.deliver._auth import (
    TOKEN_VARIABLE,
    Credential,
    OAuth2,
    Password,
    imap_login,
    smtp_login,
)
from followup.deliver._book import Book
from followup.deliver._checkin import due_dates, plan_checkins, render_checkins, write_checkins
from followup.deliver._imap import ImapUploader, open_imap
from followup.deliver._ledger import (
    LEDGER_NAME,
    LOG_NAME,
    Ledger,
    check_not_lost,
    earlier_deliveries,
    exclusive,
    ledger_path,
    log_run,
)
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
from followup.deliver._smtp import SmtpSender, for_sending, open_smtp
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
    "LOG_NAME",
    "OUTCOMES",
    "TOKEN_VARIABLE",
    "Book",
    "Credential",
    "DeliveryReport",
    "Draft",
    "Dropped",
    "ImapInbox",
    "ImapUploader",
    "Ledger",
    "OAuth2",
    "Password",
    "Refused",
    "ReplyReport",
    "Security",
    "Server",
    "SmtpSender",
    "Transport",
    "check_not_lost",
    "deliver",
    "due_dates",
    "earlier_deliveries",
    "exclusive",
    "for_sending",
    "imap_login",
    "incoming_table",
    "ledger_path",
    "log_run",
    "match_replies",
    "open_imap",
    "open_smtp",
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
    "smtp_login",
    "tls_context",
    "update_review_sheet",
    "write_checkins",
]
