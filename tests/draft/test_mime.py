"""Messages parse back with the standard library to exactly what was meant."""

from __future__ import annotations

from email import message_from_bytes, policy

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from followup.draft import draft_messages, message_bytes

DATE = "Thu, 26 Nov 2026 12:00:00 +0000"

# What the reader lets through: no control characters, whitespace as single spaces.
header_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=120
).filter(lambda s: " ".join(s.split()) == s and s)
# A name of two words typed in one case is shown name-cased ("ÅSA LINDQVIST" as "Åsa
# Lindqvist"; test_writers); every other name exactly as written.
display_name = header_text.filter(lambda s: not ((s.isupper() or s.islower()) and " " in s))
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
@given(sender=display_name, name=display_name, subject=header_text, body=body_text, user=local)
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


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            header_text | st.just(""), header_text | st.just(""), header_text, local, body_text
        ),
        min_size=1,
        max_size=8,
    )
)
@example(rows=[("Avery Quinn", " ".join(["Word"] * 12), "Thanks", "ab", "Hi\n")])  # 80 wide
def test_messages_written_column_wise_are_message_bytes_row_by_row(rows):
    """Empty and repeated names, long ones that fold, encoded words: as one message gives."""
    rows = rows + rows[:1]  # a repeat: built once per distinct name and subject
    drafts = pd.DataFrame(
        {
            "candidate_name": [r[0] for r in rows],
            "candidate_email": "me@example.com",
            "interviewer_name": [r[1] for r in rows],
            "interviewer_email": [f"{r[3]}@example.org" for r in rows],
            "subject": [r[2] for r in rows],
            "body": [r[4] for r in rows],
            "draft_id": [f"d-{i}" for i in range(len(rows))],
        }
    )
    written = list(draft_messages(drafts, now="2026-11-26 12:00"))
    assert written == [
        message_bytes(
            sender=(r[0], "me@example.com"),
            to=(r[1], f"{r[3]}@example.org"),
            subject=r[2],
            body=r[4],
            date=DATE,
            message_id=f"<d-{i}@example.com>",
        )
        for i, r in enumerate(rows)
    ]
