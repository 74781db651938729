"""RFC 5322 messages, built fast and by hand, that the standard library parses back exactly.

The standard library's ``EmailMessage`` builds about 2,000 messages a second;
this module writes the same standards-correct bytes directly:

- headers are plain ASCII when they can be, RFC 2047 encoded words
  (UTF-8, base64) when they cannot, and folded at 78 characters;
- display names with specials are quoted; CR and LF never reach a header;
- the body is UTF-8 in quoted-printable, so long lines and any character
  survive, and no body line can start with ``From `` (safe inside an mbox).

>>> raw = message_bytes(
...     sender=("Zoë Ortega", "zoe@example.com"), to=("Dana Whitfield", "dana@example.com"),
...     subject="Thank you", body="Hi Dana,\\n\\nThanks!\\n",
...     date="Thu, 26 Nov 2026 12:00:00 +0000", message_id="<d-1@example.com>")
>>> print(raw.decode())
From: =?utf-8?b?Wm/DqyBPcnRlZ2E=?= <zoe@example.com>
To: Dana Whitfield <dana@example.com>
Subject: Thank you
Date: Thu, 26 Nov 2026 12:00:00 +0000
Message-ID: <d-1@example.com>
X-Unsent: 1
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable
<BLANKLINE>
Hi Dana,
<BLANKLINE>
Thanks!
<BLANKLINE>
"""

from __future__ import annotations

import base64
import binascii
import re
from functools import lru_cache

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup._arrow import text_array, text_scalar
from followup._distinct import per_distinct
from followup.draft._names import name_case

_PLAIN = re.compile(r"[ -~]*")  # printable ASCII
_ATOM_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')
_ENCODED_WORD_LOOKALIKE = re.compile(r"=\?.*\?=")
_BEFORE_SPACE = re.compile(r"(?= )")
_FROM_AT_LINE_START = re.compile(rb"(?m)^From ")
_DOT_AT_LINE_START = re.compile(rb"(?m)^\.")
_MAX_LINE = 78
_FIXED_HEADERS = (
    "X-Unsent: 1\n"
    "MIME-Version: 1.0\n"
    'Content-Type: text/plain; charset="utf-8"\n'
    "Content-Transfer-Encoding: quoted-printable"
)
_ENCODED_WORD_BYTES = 45  # base64 of 45 bytes is 60 chars: one word fits a folded line
_LONGEST_NAME_WORD = 600  # keeps a header line under SMTP's 998 characters


def encoded_words(text: str, *, chunk_bytes: int = _ENCODED_WORD_BYTES) -> str:
    """RFC 2047 base64 encoded words, split on character boundaries.

    >>> encoded_words("Zoë")
    '=?utf-8?b?Wm/Dqw==?='
    """
    data = text.encode("utf-8")
    if len(data) <= chunk_bytes:
        return f"=?utf-8?b?{base64.b64encode(data).decode('ascii')}?="
    words, chunk = [], b""
    for char in text:
        data = char.encode("utf-8")
        if len(chunk) + len(data) > chunk_bytes:
            words.append(chunk)
            chunk = b""
        chunk += data
    words.append(chunk)
    return " ".join(f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?=" for w in words)


def _needs_encoding(text: str) -> bool:
    return (
        not _PLAIN.fullmatch(text)
        or bool(_ENCODED_WORD_LOOKALIKE.search(text))
        or text != text.strip()
        or "  " in text
    )


@lru_cache(maxsize=1 << 16)
def unstructured(text: str) -> str:
    """A header value of free text (Subject): plain if possible, else encoded words."""
    return encoded_words(text) if _needs_encoding(text) else text


def mailbox(name: str, address: str) -> str:
    """``Name <address>`` with the name quoted or encoded as needed.

    >>> mailbox("Ortega, Luis", "luis@example.com")
    '"Ortega, Luis" <luis@example.com>'
    """
    return f"{display_name(name)} <{address}>" if name else address


@lru_cache(maxsize=1 << 16)
def display_name(name: str) -> str:
    """A display name as a header shows it: plain, quoted, or one encoded word."""
    if _needs_encoding(name):
        # One word, longer than RFC 2047's 75 characters if need be: Python's address
        # parser keeps the space between two encoded words of a display name.
        return encoded_words(name, chunk_bytes=_LONGEST_NAME_WORD)
    if _ATOM_SPECIALS.search(name):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def fold(field: str, value: str) -> str:
    """``Field: value`` folded before spaces so lines stay within 78 characters.

    >>> print(fold("Subject", "word " * 19 + "end"))
    Subject: word word word word word word word word word word word word word word
     word word word word word end
    """
    if len(field) + 2 + len(value) <= _MAX_LINE:
        return f"{field}: {value}"
    pieces = _BEFORE_SPACE.split(value)
    lines, current = [], f"{field}: {pieces[0]}"
    for piece in pieces[1:]:
        if len(current) + len(piece) > _MAX_LINE and current.strip():
            lines.append(current)
            current = ""
        current += piece
    lines.append(current)
    return "\n".join(lines)


def quoted_printable(body: str) -> bytes:
    """UTF-8 quoted-printable; ``From `` or ``.`` at a line start is encoded too."""
    data = binascii.b2a_qp(body.encode("utf-8"), istext=True)
    if data.startswith((b"From ", b".")) or b"\nFrom " in data or b"\n." in data:
        data = _FROM_AT_LINE_START.sub(b"=46rom ", data)  # mbox readers split on "From "
        data = _DOT_AT_LINE_START.sub(b"=2E", data)  # a lone "." ends an SMTP DATA block
    return data


def message_bytes(
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    subject: str,
    body: str,
    date: str,
    message_id: str,
) -> bytes:
    """One complete draft message, marked unsent (``X-Unsent: 1``).

    Lines end in LF, as in mbox files and ``.eml`` files written by Python's own
    ``email`` package; SMTP clients turn them into CRLF on the wire.
    """
    head = "\n".join(
        [
            fold("From", mailbox(_name_cased(sender[0]), sender[1])),
            fold("To", mailbox(_name_cased(to[0]), to[1])),
            fold("Subject", unstructured(subject)),
            f"Date: {date}",
            f"Message-ID: {message_id}",
            _FIXED_HEADERS,
        ]
    )
    return head.encode("ascii") + b"\n\n" + quoted_printable(body)


def message_heads(
    sender: tuple[pd.Series, pd.Series],
    to: tuple[pd.Series, pd.Series],
    subject: pd.Series,
    date: str,
    message_id: pd.Series,
) -> list[str]:
    """The header blocks (each with the blank line after it) of many messages, as
    :func:`message_bytes` writes them: built column-wise, each display name and subject
    encoded once, and only lines too long for one line folded one at a time.

    >>> names, addresses = pd.Series(["Zoë Ortega"]), pd.Series(["zoe@example.com"])
    >>> heads = message_heads((names, addresses), (names, addresses), pd.Series(["Hi"]),
    ...                       "Thu, 26 Nov 2026 12:00:00 +0000", pd.Series(["<d-1@example.com>"]))
    >>> print(heads[0].splitlines()[1])
    To: =?utf-8?b?Wm/DqyBPcnRlZ2E=?= <zoe@example.com>
    """
    dated = pc.binary_join_element_wise(
        text_scalar(f"Date: {date}\nMessage-ID: "), text_array(message_id), text_scalar("")
    )
    joined = pc.binary_join_element_wise(
        _address_lines("From", *sender),
        _address_lines("To", *to),
        text_array(per_distinct(subject, lambda text: fold("Subject", unstructured(text)))),
        dated,
        text_scalar(_FIXED_HEADERS + "\n\n"),
        text_scalar("\n"),
    )
    heads: list[str] = joined.to_pylist()
    return heads


def _name_cased(name: str) -> str:
    """:func:`name_cased` of one name."""
    return name_case(name) if (name.isupper() or name.islower()) and " " in name else name


def name_cased(names: pd.Series) -> pd.Series:
    """Names of two words or more typed in one case ("ÅSA LINDQVIST", "siobhán o'connell")
    as the greeting has them, so a header neither shouts nor looks careless; the rest
    ("AK", "dana", "Jo van Dijk") as written."""
    one_case = (names.str.isupper() | names.str.islower()) & names.str.contains(" ", regex=False)
    if not one_case.any():
        return names
    return names.mask(one_case, per_distinct(names[one_case], _name_cased))


def _address_lines(field: str, names: pd.Series, addresses: pd.Series) -> pa.Array:
    """``Field: Name <address>`` per row, as :func:`fold` of :func:`mailbox` gives it."""
    names = name_cased(names)
    named = pc.binary_join_element_wise(
        text_array(per_distinct(names, display_name)),
        text_scalar(" <"),
        text_array(addresses),
        text_scalar(">"),
        text_scalar(""),
    )
    value = pc.if_else(pc.equal(text_array(names), ""), text_array(addresses), named)
    lines = pc.binary_join_element_wise(text_scalar(f"{field}: "), value, text_scalar(""))
    long = pc.greater(pc.utf8_length(lines), _MAX_LINE).to_numpy(zero_copy_only=False)
    if not long.any():
        return lines
    folded = [
        fold(field, mailbox(name, address))
        for name, address in zip(names[long].tolist(), addresses[long].tolist(), strict=True)
    ]
    return pc.replace_with_mask(lines, pa.array(long), pa.array(folded, pa.large_string()))
