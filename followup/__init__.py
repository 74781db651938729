"""followup: personal thank-you drafts after interviews, from a spreadsheet.

>>> import followup
>>> followup.read_interviews is followup.io.read_interviews
True
"""

from followup.errors import (
    AmbiguousDatesError,
    ColumnsError,
    FollowupError,
    SheetNotFoundError,
    SourceError,
    TemplateError,
)
from followup.drafts import load_template, render_drafts
from followup.rules import check_drafts
from followup.schedule import add_deadlines, due
from followup.io import read_interviews
from followup.validate import Interviews

__version__ = "0.1.0"

__all__ = [
    "AmbiguousDatesError",
    "ColumnsError",
    "FollowupError",
    "Interviews",
    "SheetNotFoundError",
    "SourceError",
    "TemplateError",
    "add_deadlines",
    "check_drafts",
    "due",
    "load_template",
    "render_drafts",
    "__version__",
    "read_interviews",
]
