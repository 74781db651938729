"""Bounds on a user's template: no other files, no huge ranges or strings, a time limit.

A user's ``.j2`` file renders in Jinja2's sandbox, which already keeps it away
from Python's internals. This module adds what a mail merge needs on top:

- ``include``, ``extends`` and ``import`` are refused (a letter is one file,
  and they could recurse);
- ``range`` stops at :data:`MAX_RANGE` numbers, ``*`` at :data:`MAX_TEXT`
  characters or items, ``**`` at :data:`MAX_POWER_BITS` bits;
- one draft may take :data:`RENDER_SECONDS` to render, and no more.

>>> env = sandbox()
>>> env.from_string("{{ range(3) | list }} {{ 'ab' * 2 }}").render()
'[0, 1, 2] abab'
>>> env.from_string("{{ 'ab' * 10**9 }}").render()
Traceback (most recent call last):
jinja2.exceptions.SecurityError: 'ab' * 1000000000 would make 2,000,000,000 characters; ...
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from typing import Any

import jinja2
import jinja2.sandbox
from jinja2 import nodes
from jinja2.exceptions import SecurityError

MAX_RANGE = 10_000
MAX_TEXT = 100_000
MAX_POWER_BITS = 4_096
RENDER_SECONDS = 2.0
_REFUSED = {
    nodes.Include: "include",
    nodes.Extends: "extends",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
}


class Overtime(Exception):
    """A render ran past its time limit."""


class _BoundedSandbox(jinja2.sandbox.SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repetition(left, right)
        if operator == "**":
            _check_power(left, right)
        return super().call_binop(context, operator, left, right)


def _check_repetition(left: Any, right: Any) -> None:
    for items, times in ((left, right), (right, left)):
        if isinstance(items, Sized) and isinstance(times, int) and len(items) * times > MAX_TEXT:
            kind = "characters" if isinstance(items, str) else "items"
            raise SecurityError(
                f"{left!r:.20} * {right!r:.20} would make {len(items) * times:,} {kind}; "
                f"the limit is {MAX_TEXT:,}"
            )


def _check_power(left: Any, right: Any) -> None:
    numbers = isinstance(left, int) and isinstance(right, int)
    if numbers and right > 0 and math.log2(abs(left) + 1) * right > MAX_POWER_BITS:
        raise SecurityError(f"{left} ** {right} is too large a number")


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() of {len(numbers):,} numbers; the limit is {MAX_RANGE:,}")
    return numbers


def sandbox(**options: Any) -> jinja2.Environment:
    """A sandboxed environment with the bounds above (``range`` included)."""
    env = _BoundedSandbox(**options)
    env.globals["range"] = _range
    return env


def refuse_other_files(tree: nodes.Template, label: str) -> str | None:
    """Why ``tree`` cannot render on its own (``"file.j2, line 3: …"``), or None."""
    for kind, word in _REFUSED.items():
        for node in tree.find_all(kind):
            return (
                f"{label}, line {node.lineno}: {word} is not allowed in a followup template; "
                "put the whole letter in one file"
            )
    return None


class Countdown:
    """Restartable: each :meth:`start` gives the code that follows ``seconds`` before it
    is interrupted with :class:`Overtime`; :meth:`stop` calls that off."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds

    def start(self) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)


NO_LIMIT = Countdown(None)


@contextmanager
def time_limit(seconds: float = RENDER_SECONDS) -> Iterator[Countdown]:
    """A :class:`Countdown` for the block, using the interval timer where Python can
    (Unix, main thread); elsewhere there is no limit."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield NO_LIMIT
        return

    def expire(signum: int, frame: object) -> None:
        raise Overtime

    previous = signal.signal(signal.SIGALRM, expire)
    countdown = Countdown(seconds)
    try:
        yield countdown
    finally:
        countdown.stop()
        signal.signal(signal.SIGALRM, previous)
