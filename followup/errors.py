"""The exceptions followup raises, one small tree.

::

    FollowupError                 anything followup raises on purpose
    ├── SourceError               the file cannot be read as a spreadsheet
    │   └── SheetNotFoundError    the workbook has no sheet of that name
    ├── ColumnsError              required columns are missing
    ├── AmbiguousDatesError       day and month order cannot be told apart
    ├── TemplateError             a template is missing, broken, or needs an unknown column
    └── DeliveryError             a mail server is unreachable, refuses the login or TLS,
                                  has no such folder, or another run holds the ledger

Library code raises these; only :mod:`followup.cli` turns them into a
message and an exit status. Problems with single rows are not exceptions:
they become rows of the rejects table.
"""

from __future__ import annotations


class FollowupError(Exception):
    """Base class: a problem the user can fix, described in one sentence."""


class SourceError(FollowupError):
    """The source is missing, unreadable, empty or not a spreadsheet."""


class SheetNotFoundError(SourceError):
    """The workbook has no sheet with the requested name."""


class ColumnsError(FollowupError):
    """Required columns are missing from the sheet."""


class AmbiguousDatesError(FollowupError):
    """A date column could be day-first or month-first; pass ``dayfirst``."""


class TemplateError(FollowupError):
    """A template cannot be loaded or rendered; the message names file and line."""


class DeliveryError(FollowupError):
    """Delivery cannot start or go on: the message names the server and a fix.

    Problems with single drafts (a refused recipient, a malformed file) are
    not exceptions: they are failures in the delivery report.
    """
