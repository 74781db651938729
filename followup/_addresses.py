"""Email addresses as a message header may carry them: one shared check for reader and writers.

An internationalized domain is written in its ASCII (IDNA) form, which every
mail server takes. A local part (before the ``@``) with other than ASCII
letters would need SMTPUTF8, which followup does not send: such an address
is refused with that reason, as is anything that could smuggle a header in.

>>> header_address("dana@Bücher.example")
'dana@xn--bcher-kva.example'
>>> header_address("dana@example.com\\r\\nBcc: all@example.com")
Traceback (most recent call last):
ValueError: it holds a line break or control character, which could add a header
"""

from __future__ import annotations

import re
from functools import lru_cache

import idna

#: An address followup writes: ASCII, ``local@domain.tld``, no display name.
EMAIL_PATTERN = (
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_ADDRESS = re.compile(EMAIL_PATTERN)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@lru_cache(maxsize=1 << 14)
def header_address(address: str) -> str:
    """``address`` ready for a header, its domain in ASCII; ``ValueError`` saying why not."""
    if _CONTROL.search(address):
        raise ValueError("it holds a line break or control character, which could add a header")
    local, at, domain = address.strip().rpartition("@")
    if not at or not local:
        raise ValueError("it has no @ between a name and a domain")
    if not local.isascii():
        raise ValueError(
            "letters other than ASCII before the @ need SMTPUTF8, which followup does not "
            "send; ask for an ASCII address"
        )
    if not domain.isascii():
        try:
            domain = idna.encode(domain, uts46=True).decode("ascii")
        except idna.IDNAError as error:
            raise ValueError(
                f"its domain is not a valid internationalized name ({error})"
            ) from None
    written = f"{local}@{domain}"
    if not _ADDRESS.fullmatch(written):
        raise ValueError("it is not of the form name@example.com")
    return written
