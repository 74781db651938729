"""Which ledger rows a draft's delivery is: by ``Message-ID`` and recipient, or, for rows
written before blake2b ids, by recipient and the interview in the file name.

>>> interview("2026-11-25-northwind-dana-whitfield-3f2a9c01.eml")
'2026-11-25-northwind-dana-whitfield'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from followup.deliver._ledger import Attempt, Result
from followup.deliver._outbox import Draft

#: The latest attempt by (Message-ID, recipient lower-cased); "" for an unrecorded recipient.
Latest = dict[tuple[str, str], Attempt]
#: A Message-ID made before ids came from blake2b: 12 hex digits.
_OLD_ID = re.compile(r"<[0-9a-f]{12}@[^<>\s]+>")
#: A draft file name's id tail.
_NAME_TAIL = re.compile(r"-[0-9a-zA-Z]+\.eml$")


def earlier(latest: Latest, draft: Draft) -> Attempt | None:
    """The latest attempt of this draft to its recipient (or to a recipient the ledger
    did not record)."""
    return latest.get((draft.message_id, draft.recipient.lower())) or latest.get(
        (draft.message_id, "")
    )


def by_message(latest: Latest) -> dict[str, list[Attempt]]:
    """The attempts of each ``Message-ID``, whatever their recipient."""
    grouped: dict[str, list[Attempt]] = {}
    for (message_id, _), attempt in latest.items():
        grouped.setdefault(message_id, []).append(attempt)
    return grouped


def edited(draft: Draft, grouped: dict[str, list[Attempt]], action: str) -> tuple[str | None, str]:
    """A draft delivered to another address than its ``To`` now: reported, not sent."""
    for attempt in grouped.get(draft.message_id, []):
        if attempt.result == "delivered" and attempt.recipient:
            verb = "sent" if action == "send" else "uploaded"
            return (
                "edited after delivery",
                f"{verb} to {attempt.recipient} at {attempt.started_at[:16].replace('T', ' ')} "
                f"UTC, and its To is now {draft.recipient}; to write to {draft.recipient} "
                "too, redraft it (a new address gets a new Message-ID), or put the address "
                "back",
            )
    return None, ""


def interview(source: str) -> str:
    """A draft's file name without its id: due date, company, interviewer."""
    return _NAME_TAIL.sub("", source)


def match_old_ids(drafts: Sequence[Draft], latest: Latest) -> list[tuple[Draft, Result, str]]:
    """Drafts matched to deliveries recorded under the old id scheme (rows without
    ``id_scheme``, ids of 12 hex digits): by recipient, and between several, by the
    interview in the file name (due date, company, interviewer). A match counts as
    delivered; a draft that could be one of several is *uncertain*. Returns
    (draft, result, reason) for each draft matched."""
    ids = {d.message_id for d in drafts}
    by_recipient: dict[str, list[Attempt]] = {}
    for attempt in latest.values():
        if (
            attempt.id_scheme is None
            and attempt.result == "delivered"
            and _OLD_ID.fullmatch(attempt.message_id)
            and attempt.message_id not in ids
        ):
            by_recipient.setdefault(attempt.recipient.lower(), []).append(attempt)
    if not by_recipient:
        return []
    known = {message_id for message_id, _ in latest}
    drafts_to: dict[str, list[Draft]] = {}
    for draft in drafts:
        if not draft.problem and draft.message_id not in known:
            drafts_to.setdefault(draft.recipient.lower(), []).append(draft)
    matches: list[tuple[Draft, Result, str]] = []
    for recipient, candidates in drafts_to.items():
        rows = by_recipient.get(recipient, [])
        for draft in candidates if rows else []:
            same = rows
            if len(rows) > 1 or len(candidates) > 1:
                same = [a for a in rows if interview(a.draft) == interview(draft.source)]
            if len(same) == 1:
                at = same[0].started_at[:16].replace("T", " ")
                matches.append(
                    (
                        draft,
                        "delivered",
                        f"delivered at {at} UTC as {same[0].message_id}, its id before "
                        "followup's blake2b ids (matched by recipient)",
                    )
                )
            else:
                matches.append(
                    (
                        draft,
                        "uncertain",
                        f"the ledger has {len(rows)} deliveries to {draft.recipient} under the "
                        "old id scheme and cannot tell which was this draft: check your Sent "
                        "folder",
                    )
                )
    return matches
