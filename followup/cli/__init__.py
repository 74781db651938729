"""The ``followup`` command line: a thin layer over the library.

One module per command group registers its commands; each command imports
what it needs when it runs, so ``followup --version`` and the commands that
do not analyze never load scipy or matplotlib (nor pandas, for ``--version``).

Exit status: 0 all good; 1 some rows were rejected or drafts break a rule
(everything valid was still written); 2 the run could not start (one line on
stderr, no traceback); 3 followup itself failed: one line on stderr, the
traceback in a log file that line names (or on stderr, with ``--debug``). A report whose
reader has gone (``followup draft ... | head``) is dropped; the work and its status stand.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from importlib.metadata import version
from typing import NoReturn, TextIO

from followup.cli import _analysis, _delivery, _drafting, _replies, _sheet
from followup.errors import FollowupError

#: How the command line spells the library's keyword arguments, for error hints.
FLAGS = {
    "dayfirst": "--dayfirst or --monthfirst",
    "sender": "--sender",
    "format": "--format",
    "tz": "--tz",
    "cafile": "--cafile FILE",
    "insecure": "--insecure-skip-verify",
    "security": "--ssl or --starttls",
    "user": "--user",
    "folder": "--folder",
    "rate": "--rate",
    "host": "--smtp or --imap",
    "by": "--by",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    try:
        with _report_to_a_reader_that_may_leave():
            return int(args.run(args))
    except FollowupError as exc:
        print(f"followup: {_with_flags(exc, getattr(args, 'flags', {}))}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"followup: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("followup: interrupted; files being written were left as they were.", file=sys.stderr)
        return 130
    except Exception as exc:
        print(f"followup: {_unexpected(exc, debug=args.debug)}", file=sys.stderr)
        return 3


def run() -> NoReturn:
    """The ``followup`` command: :func:`main`, then an exit that leaves the operating
    system to free memory, as mypy's ``hard_exit`` does. Freeing every object of pandas,
    Arrow and the dictionary one by one takes 0.2 s after a drafting run; every file is
    closed by then, and the child process writing drafts has ended."""
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:  # a reader gone from a pipe: nothing more to say to it
        os._exit(status)


class _Report(io.TextIOBase):
    """stdout for one run: once its reader has gone, what is printed is dropped, and the
    stream is pointed at the null device, so that no later flush fails."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        with self._unless_gone():
            self._stream.write(text)
        return len(text)

    def flush(self) -> None:
        with self._unless_gone():
            self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    @contextlib.contextmanager
    def _unless_gone(self) -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)


@contextlib.contextmanager
def _report_to_a_reader_that_may_leave() -> Iterator[None]:
    """Each command prints its report as it goes; ``followup draft ... | head`` must not
    stop the work, nor change its status, when ``head`` has read enough."""
    stdout, sys.stdout = sys.stdout, _Report(sys.stdout)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout = stdout


def parser() -> argparse.ArgumentParser:
    """The argument parser, every command group registered."""
    root = argparse.ArgumentParser(
        prog="followup",
        description="Personal thank-you drafts for every interviewer, from a spreadsheet.",
    )
    root.add_argument("--version", action="version", version=f"followup {version('followup')}")
    root.add_argument("--debug", action="store_true", help=_DEBUG)
    commands = root.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for group in (_sheet, _drafting, _analysis, _delivery, _replies):
        group.register(commands)
    for command in commands.choices.values():
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG)
    return root


_DEBUG = "on an unexpected error, print the traceback instead of writing it to a log file"


def _unexpected(error: Exception, *, debug: bool) -> str:
    """One line for an error followup did not expect; the traceback printed (``debug``)
    or kept in a log file that the line names."""
    what = f"{type(error).__name__}: {error}"[:300]
    if debug:
        traceback.print_exception(error)
        return f"unexpected error ({what}); the traceback is above. Please report it."
    with tempfile.NamedTemporaryFile(
        "w", prefix="followup-error-", suffix=".log", delete=False, encoding="utf-8"
    ) as log:
        log.write("".join(traceback.format_exception(error)))
    return (
        f"unexpected error ({what}); this is a bug in followup. The traceback is in "
        f"{log.name} (or rerun with --debug). Please report it."
    )


def _with_flags(error: FollowupError, overrides: dict[str, str]) -> str:
    """The library's message, with the flags that set the options it names."""
    flags = [overrides.get(o) or FLAGS.get(o) for o in error.options]
    shown = [f for f in flags if f]
    if not shown:
        return str(error)
    return f"{str(error).rstrip('.')} (on the command line: {', '.join(shown)})."
