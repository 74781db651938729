"""Stage 1, read: any interview sheet into one row per interviewer, and its rejects.

CSV/TSV text in any common encoding and delimiter, Excel workbooks and
DataFrames; long, wide and packed layouts; dates and times as people type
them. Every problem becomes a reject row with the sheet row, column, value and
a fix; valid rows always go through.
"""

from followup.read._chunks import SheetChunks, iter_interviews
from followup.read._dates import parse_moments
from followup.read._dedupe import merge_repeated_interviewers
from followup.read._interviews import Interviews
from followup.read._layouts import split_addresses
from followup.read._read import read_interviews
from followup.read._rejects import empty_rejects
from followup.read._sources import Source
from followup.read._times import parse_minutes

__all__ = [
    "Interviews",
    "SheetChunks",
    "Source",
    "empty_rejects",
    "iter_interviews",
    "merge_repeated_interviewers",
    "parse_minutes",
    "parse_moments",
    "read_interviews",
    "split_addresses",
]
