"""Stage 2, draft: deadlines, one personal draft per interviewer, the rules, and the files.

Deadlines (R1) come from the interview's end; each draft is rendered from a
Jinja2 template, checked against the follow-up rules R1–R8, and written as
``.eml`` files, one mbox, or a review sheet. :func:`draft_sheet` runs it all
over a sheet of any length, chunk by chunk. The parts are here too: one note adapted
to its sentence (:func:`adapt_talking_point`, :func:`adapt_question`, :func:`adapt_fit`),
the name a letter greets (:func:`greeting`), the day it names (:func:`interview_when`)
and the proofreader's slips (:func:`find_slips`).
"""

from followup.draft._context import template_context
from followup.draft._display import preview
from followup.draft._fits import adapt_fit
from followup.draft._mime import message_bytes, name_cased
from followup.draft._names import greeting, greetings
from followup.draft._notes import adapt_notes, adapt_talking_point
from followup.draft._questions import adapt_question
from followup.draft._render import render_drafts
from followup.draft._rules import check_drafts, finding_counts
from followup.draft._schedule import add_deadlines, due
from followup.draft._slips import find_slips
from followup.draft._stream import DraftRun, ValidateRun, draft_sheet, validate_sheet
from followup.draft._templates import load_template
from followup.draft._when import interview_when
from followup.draft._writers import FORMATS, DraftSink, draft_messages, slug, write_drafts
from followup.schema import FINDING_COLUMNS

__all__ = [
    "FINDING_COLUMNS",
    "FORMATS",
    "DraftRun",
    "DraftSink",
    "ValidateRun",
    "adapt_fit",
    "adapt_notes",
    "adapt_question",
    "adapt_talking_point",
    "add_deadlines",
    "check_drafts",
    "draft_messages",
    "draft_sheet",
    "due",
    "find_slips",
    "finding_counts",
    "greeting",
    "greetings",
    "interview_when",
    "load_template",
    "message_bytes",
    "name_cased",
    "preview",
    "render_drafts",
    "slug",
    "template_context",
    "validate_sheet",
    "write_drafts",
]
