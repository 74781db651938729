"""Date and time cells read once per run: the chunks of a long sheet repeat their dates and
times, and once the day/month order is known a value reads the same in any chunk, except
a date without a year, which is read near its column's others (:mod:`._dates`)."""

from __future__ import annotations

import pandas as pd

#: The most values kept per day/month order: a sheet's dates and times, not its timestamps.
LIMIT = 20_000
_KEPT: dict[bool, pd.DataFrame] = {}


def kept(cells: pd.Series, dayfirst: bool | None) -> pd.DataFrame | None:
    """The readings of ``cells`` (distinct), in their order, if every one was kept."""
    known = None if dayfirst is None else _KEPT.get(dayfirst)
    if known is None or not cells.isin(known.index).all():
        return None
    return known.loc[cells.to_numpy()].reset_index(drop=True)


def keep(cells: pd.Series, readings: pd.DataFrame, alone: pd.Series, dayfirst: bool | None) -> None:
    """Keep the readings of ``cells`` (distinct; in ``readings``' order) that depend on
    nothing but the cell (``alone``) and the day/month order, when it was given."""
    if dayfirst is None:
        return
    new = readings[alone.to_numpy()].set_axis(cells[alone.to_numpy()].to_numpy())
    known = _KEPT.get(dayfirst)
    if known is not None:
        new = pd.concat([known, new[~new.index.isin(known.index)]])
    if len(new) <= LIMIT:
        _KEPT[dayfirst] = new
