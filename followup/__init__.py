"""followup: personal thank-you drafts after interviews, from a spreadsheet.

>>> import followup
>>> followup.read_interviews is followup.io.read_interviews
True
"""

from followup.analysis import (
    advance_effect,
    cohort_summary,
    followup_delays,
    outcome_rates,
    response_times,
    timeliness,
)
from followup.display import preview
from followup.drafts import load_template, render_drafts
from followup.errors import (
    AmbiguousDatesError,
    ColumnsError,
    DeliveryError,
    FollowupError,
    SheetNotFoundError,
    SourceError,
    TemplateError,
)
from followup.io import read_interviews
from followup.rules import check_drafts
from followup.schedule import add_deadlines, due
from followup.validate import Interviews
from followup.writers import write_drafts

__version__ = "0.1.0"

__all__ = [
    "AmbiguousDatesError",
    "ColumnsError",
    "DeliveryError",
    "FollowupError",
    "Interviews",
    "SheetNotFoundError",
    "SourceError",
    "TemplateError",
    "__version__",
    "add_deadlines",
    "advance_effect",
    "check_drafts",
    "cohort_summary",
    "due",
    "followup_delays",
    "load_template",
    "outcome_rates",
    "preview",
    "read_interviews",
    "render_drafts",
    "response_times",
    "timeliness",
    "write_drafts",
]
