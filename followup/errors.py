"""The exceptions followup raises, one small tree.

::

    FollowupError                 anything followup raises on purpose
    ├── SourceError               the file cannot be read as a spreadsheet
    │   └── SheetNotFoundError    the workbook has no sheet of that name
    ├── ColumnsError              required columns are missing
    ├── AmbiguousDatesError       day and month order cannot be told apart
    ├── OptionError               an argument has a value followup cannot use (also a ValueError)
    ├── AddressError              an address cannot go into a message header (also a ValueError)
    ├── TemplateError             a template is missing, broken, or needs an unknown column
    └── DeliveryError             a mail server is unreachable, refuses the login or TLS,
                                  has no such folder, or another run holds the ledger

Library code raises these and names the keyword arguments that fix a problem
in ``options``; only :mod:`followup.cli` turns them into a message, the matching
command-line flags and an exit status. Problems with single rows are not
exceptions: they become rows of the rejects table.

>>> error = OptionError("Unknown time zone 'Mars'.", options=("tz",))
>>> isinstance(error, ValueError), error.options
(True, ('tz',))
"""

from __future__ import annotations

from collections.abc import Sequence


class FollowupError(Exception):
    """Base class: a problem the user can fix, described in one sentence.

    ``options`` names the keyword arguments whose value would fix it.
    """

    def __init__(self, message: str, *, options: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.options = tuple(options)


class SourceError(FollowupError):
    """The source is missing, unreadable, empty or not a spreadsheet."""


class SheetNotFoundError(SourceError):
    """The workbook has no sheet with the requested name."""


class ColumnsError(FollowupError):
    """Required columns are missing from the sheet."""


class AmbiguousDatesError(FollowupError):
    """A date column could be day-first or month-first; pass ``dayfirst``."""


class OptionError(FollowupError, ValueError):
    """An argument's value cannot be used: an unknown zone, format, sender or rate."""


class AddressError(FollowupError, ValueError):
    """A draft's address cannot be written into a header: the message says which and why."""


class TemplateError(FollowupError):
    """A template cannot be loaded or rendered; the message names file and line."""


class DeliveryError(FollowupError):
    """Delivery cannot start or go on: the message names the server and a fix.

    Problems with single drafts (a refused recipient, a malformed file) are
    not exceptions: they are failures in the delivery report.
    """
