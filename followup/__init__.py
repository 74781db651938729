"""followup: personal thank-you drafts after interviews, from a spreadsheet, and what comes next.

The public API, by stage (each a subpackage with its own ``__all__``):

- :mod:`followup.read`: :func:`read_interviews` → :class:`Interviews`;
- :mod:`followup.draft`: :func:`add_deadlines`, :func:`due`, :func:`render_drafts`,
  :func:`check_drafts`, :func:`write_drafts`, :func:`preview`;
- :mod:`followup.deliver`: :func:`~followup.deliver.deliver` over SMTP or IMAP, exactly once;
- :mod:`followup.analyze`: delays, reply times, outcomes, the cohort table and the report.

Names load on first use (PEP 562), so ``import followup`` is quick and imports
neither scipy nor matplotlib until an analysis is asked for.

>>> import followup
>>> followup.read_interviews is followup.read.read_interviews
True
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from followup.errors import (
    AddressError,
    AmbiguousDatesError,
    ColumnsError,
    DeliveryError,
    FollowupError,
    OptionError,
    SheetNotFoundError,
    SourceError,
    TemplateError,
)

if TYPE_CHECKING:
    from followup.analyze import (
        advance_effect,
        cohort_summary,
        followup_delays,
        outcome_rates,
        plots,
        report_tables,
        response_times,
        timeliness,
        write_report,
        write_tables,
    )
    from followup.deliver import read_ledger
    from followup.draft import (
        adapt_notes,
        add_deadlines,
        check_drafts,
        due,
        load_template,
        preview,
        render_drafts,
        write_drafts,
    )
    from followup.read import Interviews, read_interviews

try:
    __version__ = version("followup")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

#: Each lazily loaded public name, and the subpackage it comes from.
_LAZY = {
    "Interviews": "followup.read",
    "read_interviews": "followup.read",
    "adapt_notes": "followup.draft",
    "add_deadlines": "followup.draft",
    "check_drafts": "followup.draft",
    "due": "followup.draft",
    "load_template": "followup.draft",
    "preview": "followup.draft",
    "render_drafts": "followup.draft",
    "write_drafts": "followup.draft",
    "read_ledger": "followup.deliver",
    "advance_effect": "followup.analyze",
    "cohort_summary": "followup.analyze",
    "followup_delays": "followup.analyze",
    "outcome_rates": "followup.analyze",
    "plots": "followup.analyze",
    "report_tables": "followup.analyze",
    "response_times": "followup.analyze",
    "timeliness": "followup.analyze",
    "write_report": "followup.analyze",
    "write_tables": "followup.analyze",
}

__all__ = [
    "AddressError",
    "AmbiguousDatesError",
    "ColumnsError",
    "DeliveryError",
    "FollowupError",
    "Interviews",
    "OptionError",
    "SheetNotFoundError",
    "SourceError",
    "TemplateError",
    "__version__",
    "adapt_notes",
    "add_deadlines",
    "advance_effect",
    "check_drafts",
    "cohort_summary",
    "due",
    "followup_delays",
    "load_template",
    "outcome_rates",
    "plots",
    "preview",
    "read_interviews",
    "read_ledger",
    "render_drafts",
    "report_tables",
    "response_times",
    "timeliness",
    "write_drafts",
    "write_report",
    "write_tables",
]


def __getattr__(name: str) -> Any:
    """Import a public name's subpackage on first use (PEP 562)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'followup' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
