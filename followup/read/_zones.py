"""Time zones per row: a ``Time Zone`` cell or the sheet's default, and wall-clock times
placed in them, with daylight-saving gaps and overlaps reported, never guessed."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import cache

import pandas as pd

from followup._clock import CELL_ZONES, ZONE_ABBREVIATIONS, ZONES_OF
from followup.read._rejects import Problems


def parse_zones(long: pd.DataFrame, problems: Problems, default: str) -> pd.Series:
    text = long["timezone"]
    names = {}
    for value in text.unique():
        if value == "":
            names[value] = default
            continue
        names[value] = zone_named(value)
    zones = text.map(names).astype("str")
    several = text.str.lower().str.strip().map(CELL_ZONES) == ""  # IST, GST
    problems.add(
        zones == "",
        "timezone",
        "unknown time zone",
        pd.Series(
            "use an IANA name such as Europe/Berlin or America/New_York", index=text.index
        ).mask(
            several,
            text.str.upper().str.strip()
            + " could mean more than one zone: write its name instead, e.g. "
            + text.str.lower().str.strip().map(ZONES_OF).fillna("Europe/Berlin"),
        ),
        code="unknown_zone",
    )
    return zones


#: Zones as people name them ("Eastern", "Pacific Time", "Central Time (US & Canada)").
_ZONE_NAMES = {
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "central european": "Europe/Berlin",
    "western european": "Europe/Lisbon",
    "eastern european": "Europe/Athens",
    "british": "Europe/London",
    "india": "Asia/Kolkata",
    # countries of one zone, as people write them ("UK", "Ireland", "Japan")
    **dict.fromkeys(("uk", "gb", "england", "scotland", "wales", "britain"), "Europe/London"),
    "ireland": "Europe/Dublin",
    "germany": "Europe/Berlin",
    "france": "Europe/Paris",
    "spain": "Europe/Madrid",
    "italy": "Europe/Rome",
    "netherlands": "Europe/Amsterdam",
    "belgium": "Europe/Brussels",
    "switzerland": "Europe/Zurich",
    "austria": "Europe/Vienna",
    "poland": "Europe/Warsaw",
    "sweden": "Europe/Stockholm",
    "norway": "Europe/Oslo",
    "denmark": "Europe/Copenhagen",
    "finland": "Europe/Helsinki",
    "japan": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "south korea": "Asia/Seoul",
    "philippines": "Asia/Manila",
    "israel": "Asia/Jerusalem",
    "uae": "Asia/Dubai",
    "nigeria": "Africa/Lagos",
    "kenya": "Africa/Nairobi",
    "south africa": "Africa/Johannesburg",
    "new zealand": "Pacific/Auckland",
    "nz": "Pacific/Auckland",
    "hawaii": "Pacific/Honolulu",
}
_FIXED_OFFSET = re.compile(r"(?i)^(?:utc|gmt)\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?00)?$")


def zone_named(value: str) -> str:
    """The IANA zone a time-zone cell names: an IANA name, an abbreviation ("ET"), a US
    zone's name ("Eastern", "Pacific Time"), a city ("New York", "São Paulo") or a whole-hour
    UTC offset ("UTC-5"); "" for none.

    >>> [zone_named(v) for v in ("Europe/Oslo", "ET", "Eastern Time", "New York", "UTC-5", "Mars")]
    ['Europe/Oslo', 'America/New_York', 'America/New_York', 'America/New_York', 'Etc/GMT+5', '']
    """
    words = re.sub(
        r"\(.*?\)|\b(?:time|standard|summer|daylight|zone|us)\b|[&,]", " ", value.lower()
    )
    words = re.sub(r"\bindian\b", "india", words)
    words = " ".join(words.split())
    offset = _FIXED_OFFSET.match(value.strip())
    candidates = [
        ZONE_ABBREVIATIONS.get(value.strip().lower(), value.strip()),
        CELL_ZONES.get(value.strip().lower(), ""),  # "JST", "CET"
        _ZONE_NAMES.get(words, ""),
        _cities().get(_city_key(value), ""),
        f"Etc/GMT{'-' if offset['sign'] == '+' else '+'}{int(offset['hours'])}" if offset else "",
    ]
    for candidate in filter(None, candidates):
        try:
            zoneinfo.ZoneInfo(candidate)
            return candidate
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America"
            continue
    return ""


def _city_key(text: str) -> str:
    """A city as IANA spells it, in small letters: "São Paulo" → "sao_paulo"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join(plain.lower().split())


_CONTINENTS = frozenset(
    (
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    )
)


@cache
def _cities() -> dict[str, str]:
    """Each IANA zone by its city ("new_york": "America/New_York")."""
    return {
        zone.rsplit("/", 1)[1].lower(): zone
        for zone in sorted(zoneinfo.available_timezones())
        if zone.split("/")[0] in _CONTINENTS and zone.count("/") == 1
    }


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
