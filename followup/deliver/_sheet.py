"""Delivery back into the review sheet: ``recipients.csv`` learns what was sent, and when."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from followup._clock import local_iso
from followup._files import write_csv
from followup.errors import FollowupError


def update_review_sheet(source: Path, ledger_table: pd.DataFrame) -> Path:
    """Add a ``delivery`` column to the ``recipients.csv`` that ``followup draft`` wrote
    beside the drafts, and fill its empty ``sent_at`` cells with the time each draft was
    sent, so ``followup due`` and the analyses see it. Other cells stay as they were."""
    folder = source if source.is_dir() else source.parent
    path = folder / "recipients.csv"
    if not path.is_file():
        raise FollowupError(f"{path} does not exist; it is written by `followup draft`.")
    sheet = pd.read_csv(path, dtype="str", keep_default_na=False)
    if "draft_id" not in sheet.columns:
        raise FollowupError(f"{path} has no draft_id column; was it written by followup draft?")
    table = ledger_table.assign(
        draft_id=ledger_table["message_id"].str.extract(r"^<([^@>]+)@", expand=False),
        order=ledger_table["action"].map({"send": 0, "upload": 1}),
    ).sort_values(["draft_id", "order"])
    first = table.drop_duplicates("draft_id").set_index("draft_id")  # a send beats an upload
    when = first["finished_at"].fillna(first["started_at"]).str[:16].str.replace("T", " ")
    labels = [
        f"{'sent' if action == 'send' else 'in Drafts'} {at} UTC"
        if result == "delivered"
        else f"{action} {result}"
        for action, result, at in zip(first["action"], first["result"], when, strict=True)
    ]
    delivery = pd.Series(labels, index=first.index, dtype="str")
    sheet["delivery"] = sheet["draft_id"].map(delivery).fillna("")
    sent = first.loc[(first["action"] == "send") & (first["result"] == "delivered"), "finished_at"]
    sent_at = pd.to_datetime(sheet["draft_id"].map(sent), utc=True, format="ISO8601")
    local = local_iso(sent_at, sheet["timezone"]) if "timezone" in sheet else sent_at.astype("str")
    if "sent_at" not in sheet.columns:
        sheet["sent_at"] = ""
    sheet["sent_at"] = sheet["sent_at"].where(sheet["sent_at"] != "", local.fillna(""))
    return write_csv(sheet, path)
