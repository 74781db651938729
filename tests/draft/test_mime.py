"""Messages parse back with the standard library to exactly what was meant."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.draft import message_bytes

DATE = "Thu, 26 Nov 2026 12:00:00 +0000"

# What the reader lets through: no control characters, whitespace as single spaces.
header_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=120
).filter(lambda s: " ".join(s.split()) == s and s)
body_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r"),
    max_size=3000,
).map(lambda s: s + "\n")
local = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}", fullmatch=True).filter(
    lambda s: ".." not in s and not s.endswith(".")
)


def parse(raw: bytes):
    return message_from_bytes(raw, policy=policy.default)


@settings(max_examples=300, deadline=None)
@given(sender=header_text, name=header_text, subject=header_text, body=body_text, user=local)
def test_round_trip_exact(sender, name, subject, body, user):
    raw = message_bytes(
        sender=(sender, "me@example.com"),
        to=(name, f"{user}@example.org"),
        subject=subject,
        body=body,
        date=DATE,
        message_id="<d-1@example.com>",
    )
    assert all(len(line) <= 998 for line in raw.split(b"\n"))
    message = parse(raw)
    assert message["Subject"] == subject
    (frm,) = message["From"].addresses
    (to,) = message["To"].addresses
    assert (frm.display_name, frm.addr_spec) == (sender, "me@example.com")
    assert (to.display_name, to.addr_spec) == (name, f"{user}@example.org")
    assert message["Date"] == DATE
    assert message["Message-ID"] == "<d-1@example.com>"
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    assert message.get_content() == body
    assert not message.defects


@pytest.mark.parametrize(
    "name",
    [
        "Ortega, Luis",
        'Dana "DJ" Whitfield',
        "O'Connor (HR)",
        "=?utf-8?q?sneaky?=",
        "Nguyễn Thị Lan",
        "Bcc: x@y.example",
        "x" * 200,
    ],
)
def test_names_with_specials(name):
    raw = message_bytes(
        sender=("Me", "me@example.com"),
        to=(name, "you@example.org"),
        subject=name,
        body="Hi\n",
        date=DATE,
        message_id="<d@x>",
    )
    message = parse(raw)
    assert message["To"].addresses[0].display_name == name
    assert message["Subject"] == name
    assert b"\nBcc:" not in raw


def test_body_lines_that_would_confuse_mbox_or_smtp_are_encoded():
    body = "From the start\n.\n..x\n" + "y" * 2000 + "\n"
    raw = message_bytes(
        sender=("Me", "me@example.com"),
        to=("You", "you@example.org"),
        subject="s",
        body=body,
        date=DATE,
        message_id="<d@x>",
    )
    lines = raw.split(b"\n")
    assert not any(line.startswith(b"From ") for line in lines)
    assert not any(line.startswith(b".") for line in lines)
    assert max(len(line) for line in lines) <= 76
    assert parse(raw).get_content() == body
