"""Time helpers every stage shares: the clock, time zones, and instants shown in a row's zone.

>>> resolve_now("2026-11-25 09:00")
Timestamp('2026-11-25 09:00:00+0000', tz='UTC')
>>> default_zone("PT")
'America/Los_Angeles'
"""

from __future__ import annotations

import zoneinfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup.errors import OptionError

#: Zone abbreviations accepted wherever an IANA name is (``--tz PT``, a ``Time Zone`` cell).
ZONE_ABBREVIATIONS = {
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
}


#: Abbreviations a time cell may carry ("11:00 AM PT", "14:00 CET"): the zone each means,
#: or "" for one that names several zones and needs the sheet to say which (IST is India,
#: Ireland or Israel; CST is US Central in a US sheet, else perhaps China).
CELL_ZONES = {
    **ZONE_ABBREVIATIONS,
    "eastern": "America/New_York",  # "2pm Eastern"
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "akst": "America/Anchorage",
    "akdt": "America/Anchorage",
    "akt": "America/Anchorage",
    "hst": "Pacific/Honolulu",
    "ht": "Pacific/Honolulu",
    "bst": "Europe/London",
    "wet": "Europe/Lisbon",
    "west": "Europe/Lisbon",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "msk": "Europe/Moscow",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "sgt": "Asia/Singapore",
    "hkt": "Asia/Hong_Kong",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
    "brt": "America/Sao_Paulo",  # Brasília
    "art": "America/Argentina/Buenos_Aires",
    "cot": "America/Bogota",
    "pet": "America/Lima",
    "clt": "America/Santiago",
    "wat": "Africa/Lagos",
    "cat": "Africa/Maputo",
    "eat": "Africa/Nairobi",
    "sast": "Africa/Johannesburg",
    "pht": "Asia/Manila",
    "wib": "Asia/Jakarta",
    "ict": "Asia/Bangkok",
    "ist": "",
    "ast": "",
    "sst": "",
    "gst": "",
}
#: What an abbreviation of several zones may mean: the hint that asks which names them.
ZONES_OF = {
    "ist": "Asia/Kolkata, Europe/Dublin or Asia/Jerusalem",
    "ast": "America/Halifax or Asia/Riyadh",
    "sst": "Asia/Singapore or Pacific/Pago_Pago",
    "gst": "Asia/Dubai or Atlantic/South_Georgia",
    "cst": "America/Chicago, Asia/Shanghai or America/Havana",
    "cdt": "America/Chicago or America/Havana",
    "central": "America/Chicago or Europe/Berlin",
}
#: Abbreviations that mean a US zone only in a sheet about the US.
US_ONLY = {"cst": "America/Chicago", "cdt": "America/Chicago", "central": "America/Chicago"}


def resolve_now(now: pd.Timestamp | str | None) -> pd.Timestamp:
    """``now`` as a UTC timestamp; the clock if None (pass one for reproducible runs)."""
    stamp = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def default_zone(tz: str | None) -> str:
    """The IANA zone ``tz`` names (US abbreviations allowed), or this machine's zone.

    Raises
    ------
    OptionError
        ``tz`` names no zone.
    """
    if tz is None:
        import tzlocal

        return str(tzlocal.get_localzone_name() or "UTC")
    zone = ZONE_ABBREVIATIONS.get(tz.lower(), tz)
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder ("America")
        raise OptionError(
            f"Unknown time zone {tz!r}; use an IANA name such as 'Europe/Berlin' "
            "or 'America/New_York'."
        ) from None
    return zone


def wall_clock(stamps: pd.Series, zones: pd.Series) -> pd.Series:
    """Instants as naive wall-clock times, each in its own row's zone.

    >>> stamps = pd.Series(pd.to_datetime(["2026-11-24 20:30", "2026-11-24 20:30"], utc=True))
    >>> wall_clock(stamps, pd.Series(["America/Chicago", "Europe/Berlin"])).tolist()
    [Timestamp('2026-11-24 14:30:00'), Timestamp('2026-11-24 21:30:00')]
    """
    _, wall, zoned = _walls(stamps, zones)
    out = np.where(zoned, wall, np.datetime64("NaT")).astype("datetime64[us]")
    return pd.Series(out, index=stamps.index)


def local_iso(stamps: pd.Series, zones: pd.Series) -> pd.Series:
    """Instants as ISO 8601 text with the offset of each row's own zone, as
    :meth:`pandas.Timestamp.isoformat` writes them (missing ones as ""), built column-wise
    and once per distinct instant and zone (a panel shares its times; most replies are
    missing).

    >>> stamps = pd.Series(pd.to_datetime(["2026-11-24 20:30:00.5", None], utc=True))
    >>> local_iso(stamps, pd.Series(["Asia/Kolkata", "UTC"])).tolist()
    ['2026-11-25T02:00:00.500000+05:30', '']
    """
    if not zones.index.equals(stamps.index):
        zones = zones.reindex(stamps.index)
    instants = pd.factorize(stamps, use_na_sentinel=False)[0]
    places, named = pd.factorize(zones, use_na_sentinel=False)
    _, first, codes = np.unique(
        instants * (len(named) + 1) + places, return_index=True, return_inverse=True
    )
    distinct = pd.RangeIndex(len(first))
    text = _iso(stamps.iloc[first].set_axis(distinct), zones.iloc[first].set_axis(distinct))
    return pd.Series(text.take(pa.array(codes)), index=stamps.index, dtype="str")


def _iso(stamps: pd.Series, zones: pd.Series) -> pa.Array:
    """:func:`local_iso` of every row."""
    utc, wall, zoned = _walls(stamps, zones)
    fine = wall != wall.astype("datetime64[s]")  # Timestamp.isoformat adds a fraction
    text = pa.array(np.datetime_as_string(wall, unit="s"))
    if wall.dtype == "datetime64[ns]":
        nanos = fine & (wall.view("int64") % 1000 != 0)
        fine &= ~nanos
        text = _replace_at(text, nanos, np.datetime_as_string(wall[nanos], unit="ns"))
    text = _replace_at(text, fine, np.datetime_as_string(wall[fine], unit="us"))
    offsets, shifts = pd.factorize((wall - utc).astype("timedelta64[s]").astype("int64"))
    signs = pa.array([_offset(int(shift)) for shift in shifts] or [""]).take(offsets)
    shown = stamps.notna().to_numpy() & zoned
    out: pa.Array = pc.if_else(shown, pc.binary_join_element_wise(text, signs, ""), "")
    return out


def _replace_at(text: pa.Array, mask: np.ndarray, values: np.ndarray) -> pa.Array:
    """``text`` with the cells where ``mask`` holds replaced by ``values``, in order."""
    if not mask.any():
        return text
    return pc.replace_with_mask(text, pa.array(mask), pa.array(values))


def _walls(stamps: pd.Series, zones: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The instants as naive UTC and as naive wall-clock times in each row's zone (in the
    stamps' own unit; UTC where a row has no zone), and which rows have a zone. ``zones``
    is matched to ``stamps`` by index, as pandas would."""
    if not zones.index.equals(stamps.index):
        zones = zones.reindex(stamps.index)
    instants = pd.DatetimeIndex(stamps.array).tz_convert("UTC")  # an index: no Series to build
    utc = instants.tz_localize(None).to_numpy()
    wall = utc.copy()
    codes, uniques = pd.factorize(zones)
    for code, zone in enumerate(uniques):
        at = codes == code
        wall[at] = instants[at].tz_convert(zone).tz_localize(None).to_numpy()
    return utc, wall, codes >= 0


def _offset(seconds: int) -> str:
    """``-21600`` → ``"-06:00"``: a UTC offset as ISO 8601 writes it (seconds only if any)."""
    sign = "-" if seconds < 0 else "+"
    minutes, secs = divmod(abs(seconds), 60)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text}:{secs:02d}" if secs else text
