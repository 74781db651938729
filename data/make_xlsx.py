"""Write data/interviews.xlsx from data/interviews.csv, with real Excel date cells.

Run from the repository root: ``python data/make_xlsx.py``.
"""

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def main() -> None:
    with open(HERE / "interviews.csv", newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    sheet.title = "Interviews"
    sheet.append(header)
    date_at, start_at, end_at = (header.index(h) for h in ("Date", "Start", "End"))
    for row in rows:
        cells: list[object] = list(row)
        cells[date_at] = dt.datetime.strptime(row[date_at], "%m/%d/%Y")
        for at in (start_at, end_at):
            try:
                cells[at] = dt.datetime.strptime(row[at], "%I:%M %p").time()
            except ValueError:  # a time with its zone ("4:00 PM ET") stays text
                cells[at] = row[at]
        sheet.append(cells)
    for row in sheet.iter_rows(min_row=2):
        row[date_at].number_format = "yyyy-mm-dd"
        for cell in (row[start_at], row[end_at]):
            if not isinstance(cell.value, str):
                cell.number_format = "h:mm AM/PM"
    book.properties.created = dt.datetime(2026, 11, 26)
    book.properties.modified = dt.datetime(2026, 11, 26)
    book.save(HERE / "interviews.xlsx")


if __name__ == "__main__":
    main()
