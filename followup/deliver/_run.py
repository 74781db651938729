"""The delivery run: each draft once, every attempt in the ledger, drops survived.

Each draft is delivered at most once, and none is lost track of. The ledger
records an attempt before the network call and its result after. On the next
run:

- delivered drafts are skipped, failed ones are tried again; the ledger knows a
  delivery by ``Message-ID`` *and* recipient, so a draft whose ``To`` was edited
  after it went out is reported as *edited after delivery*, never skipped or sent;
- a ledger written before ids came from blake2b (its rows have no ``id_scheme``)
  has other ``Message-ID`` values for the same drafts: before anything is sent, each
  draft is matched to those rows by recipient (and, between several, by the
  interview in its file name), and what matched counts as delivered;
- an attempt with no result (the run was killed) is resolved first: an upload
  is looked up by ``Message-ID`` in the folder; a send cannot be looked up, so
  it is reported as *uncertain* and sent again only with ``resend_uncertain``.

One refused draft is recorded and the batch goes on; a dropped connection is
reopened with exponential backoff; ``interval`` spaces messages for a
provider's rate limit.

>>> parse_rate("20/min"), parse_rate("2/s"), parse_rate("none")
(3.0, 0.5, 0.0)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from followup.deliver._ledger import Attempt, Ledger, Result
from followup.deliver._matching import Latest, by_message, earlier, edited, match_old_ids
from followup.deliver._outbox import Draft
from followup.deliver._transport import Dropped, Refused, Transport
from followup.errors import DeliveryError, OptionError

OUTCOMES = (
    "delivered",
    "already delivered",
    "would send",
    "failed",
    "uncertain",
    "edited after delivery",
    "not attempted",
)
_RATE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*/\s*(s|sec|second|m|min|minute|h|hour)\s*")


def parse_rate(text: str) -> float:
    """Seconds between messages for a rate like ``20/min``; ``0`` or ``none`` for no limit."""
    if text.strip().lower() in ("0", "none", "unlimited"):
        return 0.0
    match = _RATE.fullmatch(text.lower())
    if not match or float(match[1]) <= 0:
        raise OptionError(
            f"rate {text!r}: write messages per time, e.g. 20/min or 1/s.", options=("rate",)
        )
    seconds = {"s": 1, "m": 60, "h": 3600}[match[2][0]]
    return seconds / float(match[1])


@dataclass
class DeliveryReport:
    """What happened to each draft: ``outcomes`` has one row per draft, in order, with
    ``draft``, ``to``, ``subject``, ``message_id``, ``outcome`` (one of :data:`OUTCOMES`)
    and ``detail`` (the server's reply or the reason)."""

    action: str
    target: str
    outcomes: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = self.outcomes["outcome"].value_counts()
        return {outcome: int(counted.get(outcome, 0)) for outcome in OUTCOMES}

    @property
    def ok(self) -> bool:
        """True when nothing failed, nothing is uncertain, and the connection held."""
        counts, outcomes = self.counts, self.outcomes
        stopped = (outcomes["outcome"] == "not attempted") & outcomes["detail"].str.startswith(
            "connection lost"
        )
        return not (
            counts["failed"]
            or counts["uncertain"]
            or counts["edited after delivery"]
            or stopped.any()
        )

    def summary(self, shown: int = 20, *, resend: str = "resend_uncertain=True") -> str:
        """Counts, then each failed and uncertain draft with its reason (the first
        ``shown`` of each), and why the rest were not attempted. ``resend`` names the
        option that sends uncertain drafts again (the command line passes its flag)."""
        counts = self.counts
        done = "would send" if counts["would send"] else "delivered"
        lines = [
            f"{self.action} to {self.target}: {counts[done]} {done}, "
            f"{counts['already delivered']} skipped as already delivered, "
            f"{counts['failed']} failed, {counts['uncertain']} uncertain, "
            + (
                f"{counts['edited after delivery']} edited after delivery, "
                if counts["edited after delivery"]
                else ""
            )
            + f"{counts['not attempted']} not attempted."
        ]
        lines.extend(self.notes)
        for outcome in ("failed", "uncertain", "edited after delivery"):
            rows = self.outcomes[self.outcomes["outcome"] == outcome]
            for draft, to, detail in (
                rows[["draft", "to", "detail"]].head(shown).itertuples(index=False)
            ):
                lines.append(f"  {outcome}: {draft} to {to}: {detail}")
            if len(rows) > shown:
                lines.append(f"  ... and {len(rows) - shown} more {outcome} (followup status)")
        skipped = self.outcomes.loc[self.outcomes["outcome"] == "not attempted", "detail"]
        for detail, number in skipped.value_counts(sort=False).items():
            lines.append(f"  not attempted: {number} draft(s): {detail}")
        if counts["uncertain"] and self.action == "send":
            lines.append(
                "Uncertain drafts may have reached the server before the run stopped: look in "
                f"your Sent folder, then send the missing ones with {resend}."
            )
        elif counts["uncertain"]:
            lines.append("The next run looks the uncertain drafts up in the folder first.")
        return "\n".join(lines)


def deliver(
    drafts: Sequence[Draft],
    transport: Transport,
    ledger: Ledger | None,
    *,
    dry_run: bool = False,
    limit: int | None = None,
    interval: float = 0.0,
    resend_uncertain: bool = False,
    retries: int = 5,
    backoff: float = 1.0,
    progress: Callable[[int], None] | None = None,
) -> DeliveryReport:
    """Deliver each draft once through ``transport``, recording every attempt in ``ledger``.

    Parameters
    ----------
    drafts
        From :func:`~followup.deliver.read_outbox`; drafts with a ``problem`` are reported
        as failed and never sent.
    transport
        :class:`~followup.deliver.SmtpSender` or :class:`~followup.deliver.ImapUploader`.
    ledger
        The record of attempts; ``None`` delivers without one (no exactly-once).
    dry_run
        Connect to nothing, write nothing; report what would be delivered.
    limit
        Deliver at most this many drafts in this run.
    interval
        Seconds between the starts of two deliveries (:func:`parse_rate`).
    resend_uncertain
        Send drafts again whose earlier send may or may not have arrived.
    retries, backoff
        A dropped connection is reopened up to ``retries`` times, waiting ``backoff``
        seconds, then twice as long each time (at most a minute).

    Raises
    ------
    DeliveryError
        When the first connection fails (unreachable, TLS, login, folder).
    """
    run = _Run(transport, ledger, retries=retries, backoff=backoff)
    if not dry_run:
        transport.connect()
    try:
        latest = run.resolve_interrupted(drafts, dry_run=dry_run)
        grouped = by_message(latest)
        rows, started, next_start = [], 0, time.monotonic()
        for done, draft in enumerate(drafts, start=1):
            outcome, detail = _decided(draft, earlier(latest, draft), resend_uncertain)
            if outcome is None and not draft.problem:
                outcome, detail = edited(draft, grouped, transport.action)
            if outcome is None and limit is not None and started >= limit:
                outcome, detail = (
                    "not attempted",
                    f"the limit of {limit} reached; run again for the rest",
                )
            if outcome is None and run.lost:
                outcome, detail = "not attempted", f"connection lost: {run.lost}"
            if outcome is None and dry_run:
                outcome, detail = "would send", draft.subject
                started += 1
            if outcome is None:
                if interval:
                    time.sleep(max(0.0, next_start - time.monotonic()))
                    next_start = time.monotonic() + interval
                outcome, detail = run.deliver(draft)
                started += 1
            row = (draft.source, draft.recipient, draft.subject, draft.message_id, outcome, detail)
            rows.append(row)
            if progress is not None:
                progress(done)
    finally:
        if not dry_run:
            transport.close()
    columns = ["draft", "to", "subject", "message_id", "outcome", "detail"]
    table = pd.DataFrame(rows, columns=columns, dtype="str")
    return DeliveryReport(transport.action, transport.target, table, run.notes)


def _decided(
    draft: Draft, earlier: Attempt | None, resend_uncertain: bool
) -> tuple[str | None, str]:
    """The outcome known without the network, or ``None`` when the draft must be delivered."""
    if draft.problem:
        return "failed", draft.problem
    if earlier is None:
        return None, ""
    if earlier.result == "delivered":
        at = f" (at {earlier.started_at[:19]} UTC)" if earlier.started_at else ""
        return "already delivered", f"{earlier.reply}{at}"
    if earlier.result in ("uncertain", None) and not resend_uncertain:
        return "uncertain", earlier.reply or "interrupted before the server's answer was recorded"
    return None, ""


class _Run:
    """One delivery run's connection and ledger bookkeeping."""

    def __init__(
        self, transport: Transport, ledger: Ledger | None, *, retries: int, backoff: float
    ):
        self.transport, self.ledger = transport, ledger
        self.retries, self.backoff = retries, backoff
        self.lost = ""  # why the connection could not be reopened, once it could not
        self.notes: list[str] = []

    def resolve_interrupted(self, drafts: Sequence[Draft], *, dry_run: bool) -> Latest:
        """Settle what earlier runs left open; return the latest attempt of each message
        to each recipient.

        Drafts are first matched to deliveries the ledger recorded under the old id
        scheme. An upload is looked up in the folder (so is every draft not yet
        delivered: a deleted ledger or a second copy of the drafts never makes a
        duplicate). A send left without a result becomes *uncertain*.
        """
        transport, ledger = self.transport, self.ledger
        if ledger is None:
            return {}
        latest = ledger.latest_by_recipient(transport.action, transport.target)
        matches = match_old_ids(drafts, latest)
        for draft, result, reply in matches:
            if not dry_run:
                self._settle(draft, None, result, reply)
            latest[(draft.message_id, draft.recipient.lower())] = Attempt(0, result, reply, "")
        if matches:
            delivered = sum(result == "delivered" for _, result, _ in matches)
            self.notes.append(
                f"  {len(matches)} draft(s) matched by recipient to deliveries the ledger "
                f"recorded under the old id scheme: {delivered} counted as delivered, "
                f"{len(matches) - delivered} uncertain."
            )
        if dry_run:
            return latest
        grouped = by_message(latest)

        def settled(draft: Draft) -> bool:
            before = earlier(latest, draft)
            if before is not None and before.result == "delivered":
                return True
            return edited(draft, grouped, transport.action)[0] is not None

        open_drafts = [d for d in drafts if not d.problem and not settled(d)]
        try:
            found = transport.present([d.message_id for d in open_drafts])
        except Dropped as exc:
            raise DeliveryError(
                f"{transport.server.address}: the connection dropped while looking up the "
                f"drafts already there ({exc}); run again."
            ) from None
        for draft in open_drafts:
            before = earlier(latest, draft)
            unsettled = before is not None and before.result in (None, "uncertain")
            there = getattr(transport, "found_to", {}).get(draft.message_id, "")
            if draft.message_id in found and there and there != draft.recipient.lower():
                # the folder's copy goes to another address: this draft was edited after
                self._settle(draft, None, "delivered", f"found in the folder, To {there}", there)
                if before is not None and before.result is None:
                    self._settle(draft, before, "failed", "interrupted, and not in the folder")
            elif draft.message_id in found:
                self._settle(draft, before, "delivered", "found in the folder")
            elif unsettled and transport.can_look_up:
                self._settle(draft, before, "failed", "interrupted, and not in the folder")
            elif before is not None and before.result is None:
                reply = "the run stopped during the send, before the server's answer was recorded"
                self._settle(draft, before, "uncertain", reply)
        return ledger.latest_by_recipient(transport.action, transport.target)

    def _settle(
        self,
        draft: Draft,
        earlier: Attempt | None,
        result: Result,
        reply: str,
        recipient: str | None = None,
    ) -> None:
        """Give an open attempt its result, or record a new settled one (to
        ``recipient``, if not the draft's)."""
        assert self.ledger is not None
        if earlier is None or earlier.result is not None:
            earlier = Attempt(self._begin(draft, recipient), None, "", "")
        self.ledger.finish(earlier.id, result, reply)

    def _begin(self, draft: Draft, recipient: str | None = None) -> int:
        transport = self.transport
        if self.ledger is None:
            return 0
        return self.ledger.begin(
            transport.action,
            transport.target,
            draft.message_id,
            server=transport.server.address,
            draft=draft.source,
            recipient=draft.recipient if recipient is None else recipient,
        )

    def deliver(self, draft: Draft) -> tuple[str, str]:
        """Deliver one draft, reconnecting after drops; return (outcome, detail)."""
        transport = self.transport
        for _ in range(self.retries + 1):
            attempt = self._begin(draft)
            try:
                reply = transport.deliver(draft)
            except Refused as exc:
                return self._record(attempt, "failed", str(exc))
            except Dropped as exc:
                if not self._reconnect():
                    result: Result = "uncertain" if exc.maybe_delivered else "failed"
                    return self._record(attempt, result, f"connection lost: {exc}")
                if not exc.maybe_delivered:
                    self._record(attempt, "failed", f"connection dropped ({exc}); tried again")
                    continue
                if not transport.can_look_up:
                    return self._record(
                        attempt,
                        "uncertain",
                        f"connection dropped after the message was handed over ({exc})",
                    )
                try:
                    arrived = bool(transport.present([draft.message_id]))
                except Dropped as again:  # the next run looks it up
                    self.lost = f"dropped again while looking the draft up ({again})"
                    return self._record(attempt, "uncertain", f"connection lost: {again}")
                if arrived:
                    return self._record(attempt, "delivered", "found in the folder after a drop")
                self._record(attempt, "failed", f"connection dropped ({exc}); tried again")
                continue
            return self._record(attempt, "delivered", reply)
        return "failed", f"connection dropped {self.retries + 1} times while delivering it"

    def _record(self, attempt: int, result: Result, reply: str) -> tuple[str, str]:
        if self.ledger is not None:
            self.ledger.finish(attempt, result, reply)
        return result, reply

    def _reconnect(self) -> bool:
        """Reopen the connection, waiting longer after each failure; False once given up."""
        why = "no retries allowed"
        for tries in range(self.retries):
            time.sleep(min(60.0, self.backoff * 2**tries))
            try:
                self.transport.connect()
                return True
            except DeliveryError as exc:
                why = str(exc)
        self.lost = why
        return False
