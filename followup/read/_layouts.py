"""Three ways a sheet lists interviewers, all turned into one row per interviewer.

- **long**: one row per interviewer (``Interviewer``, ``Interviewer Email``, ...);
- **wide**: numbered groups (``Interviewer 1 Name``, ``Interviewer 1 Email``,
  ``Interviewer 2 Name``, ...);
- **packed**: one cell of addresses,
  ``Dana Whitfield <dana@northwind.example>; "Ortega, Luis" <luis@northwind.example>``.

:func:`to_long` returns a frame with one row per interviewer slot, a
``slot`` number and, per interviewer field, ``source_<field>``: the sheet header
it came from, for error messages.

>>> split_addresses('"Ortega, Luis" <luis@x.example>; Dana <dana@x.example>')
[('Ortega, Luis', 'luis@x.example'), ('Dana', 'dana@x.example')]
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from typing import Literal

import numpy as np
import pandas as pd

from followup.read._address_column import ADDRESS
from followup.schema import INTERVIEWER_FIELDS, PER_INTERVIEWER, normalize_header

Layout = Literal["long", "wide", "packed"]

#: The columns :func:`to_long` adds, which a sheet's own unused column must not be named.
WORKING_COLUMNS = frozenset(("slot", *(f"source_{name}" for name in PER_INTERVIEWER)))

#: A normalised header of the wide layout: "interviewer2email" → slot 2, field "email".
WIDE_HEADER = re.compile(r"^(?:interviewer|panelist|panellist)(\d{1,2})(.*)$")

_ADDRESS_SEPARATORS = re.compile(
    r'("(?:[^"\\]|\\.)*"|<[^>]*>|\([^)]*\))|[,;\n]|\s(?:&|/|\+|and)\s(?=[^\s@<>]+@)'
)  # also "a@x.com & b@x.com", "a@x.com / b@x.com"


def wide_field(normalized_header: str) -> tuple[int, str] | None:
    """Slot number and canonical field of a wide-layout header, if it is one.

    >>> wide_field("interviewer2talkingpoint")
    (2, 'talking_point')
    """
    match = WIDE_HEADER.match(normalized_header)
    if not match or match.group(2) not in INTERVIEWER_FIELDS:
        return None
    return int(match.group(1)), INTERVIEWER_FIELDS[match.group(2)]


_PANELIST = ("interviewer", "panelist", "panellist")
_ORDINALS = {w: i for i, w in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"), 1
)}  # fmt: skip
#: Words a wide header may carry that say nothing about the field ("Interviewer 2 (required)").
_NOISE = frozenset(("required", "optional", "s", "if", "any", "info", "details", "contact"))


def loose_wide_field(header: str) -> tuple[int, str | None] | None:
    """Slot and field of a wide header with extra words ("Interviewer 2 - email (work)",
    "Second interviewer email"); the field is None when the words name none, or several.

    >>> loose_wide_field("Interviewer #2 e-mail (required)"), loose_wide_field("2nd panelist")
    ((2, 'interviewer_email'), (2, 'interviewer_address'))
    >>> loose_wide_field("Interviewer 3 title or email"), loose_wide_field("Interviewer")
    ((3, None), None)
    """
    words = _words(header)
    slot, rest = _slot_of(words)
    if slot is None:
        return None
    whole = "".join(rest)
    if whole in INTERVIEWER_FIELDS:
        return slot, INTERVIEWER_FIELDS[whole]
    found = {
        INTERVIEWER_FIELDS["".join(rest[a:b])]
        for a in range(len(rest))
        for b in range(a + 1, len(rest) + 1)
        if "".join(rest[a:b]) in INTERVIEWER_FIELDS
    }
    if not found and all(w in _NOISE for w in rest):
        return slot, INTERVIEWER_FIELDS[""]
    return slot, found.pop() if len(found) == 1 else None


def field_then_slot(header: str) -> tuple[int, str] | None:
    """Slot and field of a header that gives the field first and the slot after it
    ("Talking point 2", "Email #2"), as a wide sheet's own columns may.

    >>> field_then_slot("Talking point 2"), field_then_slot("Email #1"), field_then_slot("Round 2")
    ((2, 'talking_point'), (1, 'interviewer_email'), None)
    """
    words = _words(header)
    if len(words) < 2 or not words[-1].isdigit() or len(words[-1]) > 2:
        return None
    field = INTERVIEWER_FIELDS.get("".join(words[:-1]), "")
    return (int(words[-1]), field) if field and field != "interviewer_address" else None


def _words(header: str) -> list[str]:
    """A header's words, each normalised ("Interviewer #2 e-mail" → interviewer, 2, e, mail)."""
    return [w for w in (normalize_header(w) for w in re.split(r"[^0-9A-Za-z]+", header)) if w]


def _slot_of(words: list[str]) -> tuple[int | None, list[str]]:
    """The slot number of "interviewer 2 ...", "interviewer2 ...", "second/2nd interviewer ..."."""
    match = WIDE_HEADER.match(words[0]) if words else None
    if match and match.group(2) == "" and len(words[0]) > len(match.group(1)):
        return int(match.group(1)), words[1:]
    if len(words) >= 2 and words[0] in _PANELIST and words[1].isdigit() and len(words[1]) <= 2:
        return int(words[1]), words[2:]
    ordinal = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", words[0]) if words else None
    if len(words) >= 2 and words[1] in _PANELIST and (ordinal or words[0] in _ORDINALS):
        return (int(ordinal.group(1)) if ordinal else _ORDINALS[words[0]]), words[2:]
    return None, words


def split_addresses(cell: str) -> list[tuple[str, str]]:
    """Split an RFC 5322 address list into (name, address) pairs.

    Commas and semicolons separate addresses unless quoted, in angle
    brackets or in a comment. A part with no ``@`` keeps its text as the
    name and an empty address, so the caller can report it.
    """
    parts, start = [], 0
    for match in _ADDRESS_SEPARATORS.finditer(cell):
        if match.group(1) is None:
            parts.append(cell[start : match.start()])
            start = match.end()
    parts.append(cell[start:])
    pairs = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if "@" not in part:
            pairs.append((part.strip('"'), ""))
            continue
        name, address = parseaddr(part)
        if not address or ("<" in part and ">" not in part):
            pairs.append((part, ""))
        else:
            pairs.append((name.strip(), address.strip()))
    return pairs


def to_long(frame: pd.DataFrame, layout: Layout, headers: dict[str, str]) -> pd.DataFrame:
    """Turn interview rows into one row per interviewer slot.

    Parameters
    ----------
    frame
        Canonical text columns, one row per sheet row, with a ``row`` column.
        Wide-layout fields are named ``"<field>#<slot>"``.
    layout
        Which layout the sheet uses.
    headers
        Canonical (or ``"<field>#<slot>"``) name → the sheet's own header.

    Returns
    -------
    DataFrame
        Interview columns repeated per interviewer, the fields of
        :data:`~followup.schema.PER_INTERVIEWER`, ``slot`` and
        ``source_column``; slots that are entirely empty are dropped, but
        every sheet row keeps at least one (possibly empty) slot so that a
        row with no interviewer can be reported.
    """
    if layout == "long":
        return _with_sources(_zip_packed(frame.assign(slot=1)), headers)
    if layout == "wide":
        return _melt_wide(frame, headers)
    return _unpack(frame, headers)


def _melt_wide(frame: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    slotted = [c for c in frame.columns if "#" in c]
    slots = sorted({int(c.split("#")[1]) for c in slotted})
    shared = frame.drop(columns=slotted)
    headers = dict(headers)
    pieces, own, asks = [], [], {}  # a slot is filled by its own cells, not by a column for all
    for slot in slots:
        fields = {c.split("#")[0]: frame[c] for c in slotted if int(c.split("#")[1]) == slot}
        if "interviewer_address" in fields:
            fields.update(_address_fields(fields.pop("interviewer_address"), fields))
            for name in ("interviewer_name", "interviewer_email"):
                headers.setdefault(f"{name}#{slot}", headers[f"interviewer_address#{slot}"])
        pieces.append(shared.assign(slot=slot, **fields))
        own.append((pd.DataFrame(fields).fillna("") != "").any(axis=1).to_numpy())
        asks[slot] = "question" in fields  # a question of its own
    long = pd.concat(pieces, ignore_index=True)
    for name in PER_INTERVIEWER:
        if name not in long.columns:
            long[name] = ""
        long[name] = long[name].fillna("")
    filled = pd.Series(np.concatenate(own), index=long.index)
    if "question" in shared.columns:  # one question for the panel is asked by its first
        first = long["slot"].where(filled).groupby(long["row"]).transform("min")
        for_all = ~long["slot"].map(asks).astype(bool) & (long["slot"] != first)
        long["question"] = long["question"].mask(for_all, "")
    first_slot = long["slot"] == slots[0]
    has_any = filled.groupby(long["row"]).transform("any")
    long = long[filled | (first_slot & ~has_any)]
    long = long.sort_values(["row", "slot"], kind="stable", ignore_index=True)
    return _with_sources(long, headers)


def _address_fields(cells: pd.Series, fields: dict[str, pd.Series]) -> dict[str, pd.Series]:
    """``Interviewer 1`` holding ``Name <email>`` fills the name and email fields."""
    pairs = cells.map(lambda c: split_addresses(c)[:1] or [("", "")])
    name = pairs.map(lambda p: p[0][0]).astype("str")
    email = pairs.map(lambda p: p[0][1]).astype("str")
    plain_name = cells.ne("") & email.eq("")  # just a name in the cell
    name = name.where(~plain_name, cells)
    out = {"interviewer_name": name, "interviewer_email": email}
    for key, given in out.items():
        if key in fields:
            out[key] = fields[key].where(fields[key] != "", given)
    return out


def _zip_packed(frame: pd.DataFrame) -> pd.DataFrame:
    """A cell of names beside a cell of addresses ("Dana, Luis" and "dana@x; luis@x")
    becomes one row per interviewer; other per-interviewer cells split the same way
    ("dbt; churn") go with them. Counts that differ are kept for a reject in
    ``packed_problem``.
    """
    out = frame.assign(packed_problem="")
    if "interviewer_email" not in frame or "interviewer_name" not in frame:
        return out
    out = frame = _addresses_from_names(out)
    several = frame["interviewer_email"].str.count("@") > 1
    if not several.any():
        return out
    pieces, problems = [], pd.Series("", index=frame.index, dtype="str")
    for at in np.flatnonzero(several.to_numpy()).tolist():
        row = frame.iloc[at]
        pairs = split_addresses(row["interviewer_email"])
        names = _split_names(row["interviewer_name"], len(pairs)) if row["interviewer_name"] else []
        names = names or [""] * len(pairs)  # the names came with the addresses
        if len(names) != len(pairs):
            problems.iloc[at] = (
                f"{len(names)} name(s) ({'; '.join(names)}) but {len(pairs)} address(es) "
                "in this row; give one name per address, in the same order, split by ';'"
            )
            continue
        people = pd.DataFrame([row] * len(pairs)).reset_index(drop=True)
        people["interviewer_name"] = [n or p[0] for n, p in zip(names, pairs, strict=True)]
        people["interviewer_email"] = [p[1] or p[0] for p in pairs]
        for field in ("interviewer_title", "preferred_name", "talking_point", "question", "notes"):
            if field in people:
                parts = _split_names(str(row[field]), len(pairs), separators=(";", "\n"))
                if len(parts) == len(pairs):
                    people[field] = parts
                elif field == "question":  # the panel's one question, asked of the first
                    people[field] = [row[field]] + [""] * (len(pairs) - 1)
        people["slot"] = range(1, len(pairs) + 1)
        pieces.append((at, people))
    out["packed_problem"] = problems
    if not pieces:
        return out
    zipped = {at for at, _ in pieces}
    kept = out.iloc[[i for i in range(len(out)) if i not in zipped]]
    return pd.concat([kept, *(p.assign(packed_problem="") for _, p in pieces)]).sort_values(
        ["row", "slot"], kind="stable", ignore_index=True
    )


def _addresses_from_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose address cell is empty and whose name cell holds the addresses ("Ola Berg
    <ola@x>; Dana <dana@x>") take them from there: one name and address is split at once,
    several are left to be zipped."""
    maybe = (frame["interviewer_email"].str.strip() == "") & frame["interviewer_name"].str.contains(
        "@", regex=False
    )
    if not maybe.any():
        return frame
    pairs = frame["interviewer_name"][maybe].map(split_addresses)
    whole = pairs.map(lambda pair: all(re.fullmatch(ADDRESS, a) for _, a in pair))
    pairs = pairs[whole]  # "Dana @ Acme" holds no address
    one = pairs.map(len) == 1
    frame = frame.copy()
    frame.loc[pairs.index, "interviewer_email"] = frame["interviewer_name"][pairs.index]
    frame.loc[pairs.index, "interviewer_name"] = pairs.map(lambda p: p[0][0] if len(p) == 1 else "")
    frame.loc[one[one].index, "interviewer_email"] = pairs[one].map(lambda p: p[0][1])
    return frame


def _split_names(
    cell: str, count: int, separators: tuple[str, ...] = (";", "\n", " / ", " and ", "&", ",")
) -> list[str]:
    """A cell of several names, split on whichever separator gives ``count`` of them
    ("Ortega, Luis; Whitfield, Dana" on semicolons; "Dana, Luis and Zoë" on commas and
    "and"); the split on the first separator found when none does."""
    cell = cell.strip()
    tried: list[list[str]] = []
    loose = ("any",) if "," in separators else ()  # names only: "Ana & Bo and Cy; Di"
    for separator in (*separators, *loose):
        if separator in (" and ", "&", ",", "any"):
            mixed = r"|;|\n|\s/\s" if separator == "any" else ""
            parts = re.split(rf"\s*(?:,|\band\b|&{mixed})\s*", cell)
        else:
            parts = cell.split(separator)
        parts = [p.strip() for p in parts if p.strip()]
        if len(parts) == count:
            return parts
        if len(parts) > 1:
            tried.append(parts)
    return tried[0] if tried else [cell]


def _unpack(frame: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    column = "interviewers" if "interviewers" in frame.columns else "interviewer_name"
    pairs = frame[column].map(split_addresses)
    counts = pairs.map(len).to_numpy(dtype=np.int64)  # int even for a sheet with no rows
    keep = np.repeat(np.arange(len(frame)), np.maximum(counts, 1))
    long = frame.iloc[keep].reset_index(drop=True)
    flat = [p for ps in pairs for p in (ps or [("", "")])]
    long["interviewer_name"] = pd.array([p[0] for p in flat], dtype="str")
    long["interviewer_email"] = pd.array([p[1] for p in flat], dtype="str")
    # Slot numbers 1..n within each cell: position minus where the cell's run starts.
    runs = np.maximum(counts, 1)
    long["slot"] = np.arange(runs.sum()) - np.repeat(np.cumsum(runs) - runs, runs) + 1
    packed_header = headers[column]
    headers = {**headers, "interviewer_name": packed_header, "interviewer_email": packed_header}
    if column == "interviewers":
        long = long.drop(columns="interviewers")
    return _with_sources(long, headers)


def _with_sources(long: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """Record, per interviewer field, which sheet header it came from."""
    for name in PER_INTERVIEWER:
        if name not in long.columns:
            long[name] = ""
        by_slot = {
            s: headers.get(f"{name}#{s}", headers.get(name, name)) for s in long["slot"].unique()
        }
        long[f"source_{name}"] = long["slot"].map(by_slot).astype("str")
    return long


def names_beside_addresses(
    frame: pd.DataFrame, headers: dict[str, str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """An "Interviewers" or "Panel" column of names, beside a column of addresses and with
    no other names column, is the names column ("Dana; Luis" beside "dana@...; luis@...")."""
    if (
        "interviewers" in frame.columns
        and "interviewer_email" in frame.columns
        and "interviewer_name" not in frame.columns
        and not frame["interviewers"].str.contains("@", regex=False).any()
    ):
        headers = {**headers, "interviewer_name": headers["interviewers"]}
        del headers["interviewers"]
        frame = frame.rename(columns={"interviewers": "interviewer_name"})
    return frame, headers


def detect_layout(columns: list[str], frame: pd.DataFrame) -> Layout:
    """Which layout the canonical columns describe.

    Numbered interviewer columns mean wide; an ``interviewers`` column, or an
    interviewer column of addresses with no separate email column, means packed.
    """
    if any("#" in c for c in columns):
        return "wide"
    if "interviewers" in columns:
        return "packed"
    if (
        "interviewer_name" in columns
        and "interviewer_email" not in columns
        and frame["interviewer_name"].str.contains("@", regex=False).any()
    ):
        return "packed"
    return "long"
