"""Stage 3, deliver: drafts into a Drafts folder (IMAP) or out over SMTP, each exactly once.

:func:`read_outbox` reads the drafts back from disk and checks each one;
:func:`deliver` runs the batch through :class:`SmtpSender` or
:class:`ImapUploader`, keeping every attempt in the :class:`Ledger` beside the
drafts so that a rerun, a crash or a lost connection never sends one twice.

:func:`open_smtp` and :func:`open_imap` open a connection over TLS, logged in with
a :class:`Password` (any script) or an :class:`OAuth2` token source; the reply
reader uses the same.
"""

from followup.deliver._auth import (
    TOKEN_VARIABLE,
    Credential,
    OAuth2,
    Password,
    imap_login,
    smtp_login,
)
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
from followup.deliver._outbox import Draft, parse_draft, read_outbox
from followup.deliver._run import OUTCOMES, DeliveryReport, deliver, parse_rate
from followup.deliver._sheet import update_review_sheet
from followup.deliver._smtp import SmtpSender, for_sending, open_smtp
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
    "Credential",
    "DeliveryReport",
    "Draft",
    "Dropped",
    "ImapUploader",
    "Ledger",
    "OAuth2",
    "Password",
    "Refused",
    "Security",
    "Server",
    "SmtpSender",
    "Transport",
    "check_not_lost",
    "deliver",
    "earlier_deliveries",
    "exclusive",
    "for_sending",
    "imap_login",
    "ledger_path",
    "log_run",
    "open_imap",
    "open_smtp",
    "parse_draft",
    "parse_host",
    "parse_rate",
    "read_outbox",
    "smtp_login",
    "tls_context",
    "update_review_sheet",
]
