"""Time zones per row: a ``Time Zone`` cell or the sheet's default, and wall-clock times
placed in them, with daylight-saving gaps and overlaps reported, never guessed."""

from __future__ import annotations

import zoneinfo

import pandas as pd

from followup._clock import ZONE_ABBREVIATIONS
from followup.read._rejects import Problems


def parse_zones(long: pd.DataFrame, problems: Problems, default: str) -> pd.Series:
    text = long["timezone"]
    names = {}
    for value in text.unique():
        if value == "":
            names[value] = default
            continue
        candidate = ZONE_ABBREVIATIONS.get(value.lower(), value)
        try:
            zoneinfo.ZoneInfo(candidate)
            names[value] = candidate
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America"
            names[value] = ""
    zones = text.map(names).astype("str")
    problems.add(
        zones == "",
        "timezone",
        "unknown time zone",
        "use an IANA name such as Europe/Berlin or America/New_York",
        code="unknown_zone",
    )
    return zones


def localize(
    naive: pd.Series, offset: pd.Series, zones: pd.Series
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Wall-clock times in each row's zone → UTC instants, and the problem and reject code
    of each time in a DST gap or overlap (NA elsewhere)."""
    instant = pd.Series(pd.NaT, index=naive.index, dtype="datetime64[us, UTC]")
    problem = pd.Series(pd.NA, index=naive.index, dtype="str")
    code = pd.Series(pd.NA, index=naive.index, dtype="str")
    with_offset = offset.notna() & naive.notna()
    instant[with_offset] = (
        naive[with_offset] - pd.to_timedelta(offset[with_offset].astype(float), unit="m")
    ).dt.tz_localize("UTC")
    local = naive.notna() & ~with_offset & (zones != "")
    for zone, index in naive[local].groupby(zones[local]).groups.items():
        wall = naive[index]
        placed = wall.dt.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
        failed = placed.isna()
        if failed.any():
            shifted = wall[failed].dt.tz_localize(
                zone, ambiguous="NaT", nonexistent="shift_forward"
            )
            gap = shifted.notna()
            problem[gap[gap].index] = f"this time does not exist in {zone} (clocks spring forward)"
            problem[gap[~gap].index] = f"this time happens twice in {zone} (clocks fall back)"
            code[gap[gap].index] = "dst_gap"
            code[gap[~gap].index] = "dst_overlap"
        instant[index] = placed.dt.tz_convert("UTC")
    return instant, problem, code
