"""A time given in two zones ("10am PT / 1pm ET", "14:00 CET (8am ET)"), as an invitation
across time zones writes it: the first is the interview's start, and the second, read in
its own zone, must be the same moment."""

from __future__ import annotations

import pandas as pd

from followup._clock import CELL_ZONES
from followup.read._dates import parse_moments
from followup.read._ranges import split_time_range
from followup.read._rejects import Problems
from followup.read._zones import localize

#: A time (or range) and its zone, then "/", "|", ";" or "(" and another time and zone.
_TWO_ZONES = (
    r"^(?P<first>.*?\d\s*(?:[aApP]\.?\s?[mM]\.?)?\s*(?P<zone1>[A-Za-z]{2,8}))"
    r"\s*[/|;(]\s*"
    r"(?P<second>\d[^/|;()]*?(?:[aApP]\.?\s?[mM]\.?)?\s*(?P<zone2>[A-Za-z]{2,8}))\s*\)?$"
)


def split_two_zones(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each cell without the time in a second zone it holds, and that time (NA where none).

    >>> cells = pd.Series(["Tue 12/1 10am PT / 1pm ET", "14:00 CET (8am ET)", "2pm / 3pm"])
    >>> first, second = split_two_zones(cells)
    >>> first.tolist(), second.tolist()
    (['Tue 12/1 10am PT', '14:00 CET', '2pm / 3pm'], ['1pm ET', '8am ET', nan])
    """
    second = pd.Series(pd.NA, index=values.index, dtype="str")
    codes, uniques = pd.factorize(values)  # a sheet repeats its times: each is read once
    text = pd.Series(uniques, dtype="str")
    if not text.str.contains(r"[A-Za-z]{2,8}\s*[/|;(]\s*\d", regex=True).any():
        return values, second  # most sheets
    parts = text.str.extract(_TWO_ZONES)
    known = parts["zone1"].str.lower().isin(list(CELL_ZONES))
    known &= parts["zone2"].str.lower().isin(list(CELL_ZONES))
    first = text.mask(known, parts["first"]).to_numpy()[codes]
    then = pd.Series(pd.NA, index=text.index, dtype="str").mask(known, parts["second"])
    return (
        pd.Series(first, index=values.index, dtype="str"),
        pd.Series(then.to_numpy()[codes], index=values.index, dtype="str"),
    )


def check_second_zones(
    second: pd.Series,
    date: pd.Series,
    begin: pd.Series,
    zones: pd.Series,
    problems: Problems,
    column: str,
) -> None:
    """Reject a row whose two times (``begin``, and ``second`` on the same ``date`` or the
    next) are not one moment: which of them is right cannot be told."""
    given = second.notna() & begin.notna()
    if not given.any():
        return
    start, _ = split_time_range(second[given], zones[given])
    other = parse_moments(start, column=problems.headers.get(column, "")).frame
    other_zones = other["zone"].str.lower().map(CELL_ZONES).fillna("")
    instant, _, _ = localize(date[given] + other["time"], other["offset"], other_zones)
    apart = (begin[given] - instant).dt.total_seconds() / 60
    differ = (apart % (24 * 60) != 0) | instant.isna()
    if not differ.any():
        return
    hints = [
        f"the first is {moment.tz_convert(zone):%-I:%M %p} {abbreviation.upper()}; keep the "
        "time that is right and delete the other"
        for moment, zone, abbreviation in zip(
            begin[given][differ], other_zones[differ], other["zone"][differ], strict=True
        )
    ]
    problems.add(
        differ.reindex(second.index, fill_value=False),
        column,
        "the two times in this cell are not the same moment",
        pd.Series(hints, index=differ[differ].index).reindex(second.index, fill_value=""),
        code="zones_disagree",
    )
