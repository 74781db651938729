"""Telling a person's reply from a machine's: out-of-office notes, list mail and bounces.

Sales tools stop a sequence on a reply and ignore automatic mail; so does
followup. A message is automatic when its headers say so (RFC 3834's
``Auto-Submitted`` other than ``no``, ``X-Autoreply``, ``X-Autorespond``,
``Precedence: bulk``, ``auto_reply`` or ``list``), when its subject reads as an
out-of-office note in one of the common languages, and a bounce when it is a
delivery status notification (DSN).

>>> kind({"Auto-Submitted": "auto-replied", "Subject": "Re: Thank you"})
'auto-reply'
>>> kind({"Subject": "Abwesenheitsnotiz: Danke"}), kind({"Subject": "Re: Thank you"})
('auto-reply', 'reply')
>>> kind({"Content-Type": 'multipart/report; report-type="delivery-status"; boundary=x'})
'bounce'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Headers that decide, fetched over IMAP beside the threading ones.
HEADERS = (
    "Auto-Submitted",
    "X-Autoreply",
    "X-Autorespond",
    "Precedence",
    "Content-Type",
    "Subject",
)
_OUT_OF_OFFICE = re.compile(
    r"(?i)\b(?:out of (?:the )?office|ooo|automatic reply|auto(?:matic)?[- ]?(?:reply|response)"
    r"|autoreply|away from (?:the |my )?(?:office|desk)|on (?:vacation|holiday|leave|pto)"
    r"|(?:annual |parental )?leave until|abwesen(?:d|heit)\w*|automatische antwort"
    r"|r[ée]ponse automatique|absen(?:t|ce)\b|en cong[ée]|respuesta autom[áa]tica"
    r"|fuera de (?:la )?oficina|ausente|risposta automatica|fuori (?:sede|ufficio)"
    r"|resposta autom[áa]tica|fora do escrit[óo]rio|afwezig|automatisch antwoord"
    r"|niet aanwezig|autosvar|fr[åa]nvar(?:o|ande)|poissa(?:olo)?|automaattinen vastaus"
    r"|nieobecno[śs][ćc]|automatyczna odpowied[źz])"
    r"|自动回复|不在办公室|自動応答|自動返信|不在のお知らせ|부재중|자동 응답"
)
_BOUNCE_SENDER = re.compile(r"(?i)^(?:mailer-daemon|postmaster)@")
_BOUNCE_SUBJECT = re.compile(
    r"(?i)^(?:undeliver(?:able|ed)|delivery status notification \((?:failure|delay)\)"
    r"|mail delivery (?:failed|failure|system)|returned mail|delivery failure"
    r"|failure notice|undelivered mail returned to sender)"
)
_DSN = re.compile(r"(?i)multipart/report\s*;.*report-type\s*=\s*\"?delivery-status")


def kind(headers: Mapping[str, str], sender: str = "") -> str:
    """``reply``, ``auto-reply`` or ``bounce``, from a message's headers and sender address."""
    content_type = " ".join(str(headers.get("Content-Type", "")).split())
    subject = str(headers.get("Subject", ""))
    if (
        _DSN.search(content_type)
        or _BOUNCE_SENDER.match(sender)
        or _BOUNCE_SUBJECT.match(subject.strip())
    ):
        return "bounce"
    submitted = str(headers.get("Auto-Submitted", "")).strip().lower()
    precedence = str(headers.get("Precedence", "")).strip().lower()
    if (
        (submitted and not submitted.startswith("no"))
        or headers.get("X-Autoreply") is not None
        or headers.get("X-Autorespond") is not None
        or precedence in ("bulk", "auto_reply", "list", "junk")
        or _OUT_OF_OFFICE.search(subject)
    ):
        return "auto-reply"
    return "reply"
