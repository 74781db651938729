"""Templates: a built-in letter or a user's ``.j2`` file, compiled once and rendered.

A template file starts with a small front matter holding the subject::

    ---
    subject: Thank you for the {{ role }} interview at {{ company }}
    ---
    Dear {{ greeting_name }}, ...

A user's template renders in Jinja2's sandbox with ``StrictUndefined``: an
unknown variable is an error that names the file and line. A template made
only of text and plain ``{{ name }}`` slots (the built-in letter is one) is
rendered column-wise, all rows at once; any other renders row by row.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from jinja2 import nodes
from jinja2.exceptions import SecurityError

from followup._arrow import text_array, text_scalar
from followup.draft._sandbox import (
    MAX_TEXT,
    NO_LIMIT,
    Countdown,
    Overtime,
    refuse_other_files,
    sandbox,
    time_limit,
)
from followup.draft._wording import with_article
from followup.errors import TemplateError

BUILT_IN = ("thank-you", "gracious", "short")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<meta>.*?)\n---[ \t]*\n", re.DOTALL)
#: Body and subject compile as one template, body first (so its line numbers are the
#: file's), joined by this separator: one render per draft instead of two.
SUBJECT_SEPARATOR = "\x1e"


@dataclass(frozen=True)
class Template:
    """A compiled template (body, separator, subject) and the variables it uses."""

    name: str
    label: str
    compiled: jinja2.Template
    variables: frozenset[str]
    source: str
    subject_line: int
    _globals: dict[str, Any] = field(init=False, repr=False, compare=False)
    #: The template as text and plain slots, when it is only that: rendered column-wise.
    skeleton: tuple[tuple[str, str], ...] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_globals", dict(self.compiled.globals))

    def render_all(self, context: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        """Subject and body of every row of ``context``: column-wise when the template is a
        :attr:`skeleton` of text columns, else one Jinja render per row."""
        needed = sorted(self.variables)
        plain = self.skeleton is not None and all(
            pd.api.types.is_string_dtype(context[v]) for v in needed
        )
        if plain:
            assert self.skeleton is not None
            body, subject = _halves(self.skeleton)
            return _concatenated(subject, context), _concatenated(body, context)
        columns = [context[c].to_numpy(dtype=object).tolist() for c in needed]
        records = (
            [dict(zip(needed, values, strict=True)) for values in zip(*columns, strict=True)]
            if needed
            else [{} for _ in range(len(context))]
        )
        with time_limit() as countdown:
            rendered = [self.render(record, countdown) for record in records]
        return (
            pd.Series([s for s, _ in rendered], index=context.index, dtype="str"),
            pd.Series([b for _, b in rendered], index=context.index, dtype="str"),
        )

    def render(self, record: dict[str, Any], countdown: Countdown = NO_LIMIT) -> tuple[str, str]:
        """Subject and body for one draft's variables, within ``countdown``'s time."""
        countdown.start()
        try:
            try:
                # Jinja's render() rebuilds its globals into every context; merging a plain
                # copy of them, made once, renders the same text several times faster.
                context = self.compiled.new_context(self._globals | record, shared=True)
                text = "".join(self.compiled.root_render_func(context))
            except Overtime:
                raise
            except Exception:
                text = self._explain(record)
        except Overtime:
            raise TemplateError(
                f"{self.label}: one draft took more than {countdown.seconds:g} s to render; "
                "loop over less."
            ) from None
        finally:
            countdown.stop()
        if len(text) > MAX_TEXT:
            raise TemplateError(
                f"{self.label}: one draft came to {len(text):,} characters; the limit is "
                f"{MAX_TEXT:,}."
            )
        body, _, subject = text.rpartition(SUBJECT_SEPARATOR)
        return subject, body

    def _explain(self, record: dict[str, Any]) -> str:
        """Render the slow way, whose tracebacks point at template lines; raise clearly."""
        try:
            return self.compiled.render(record)
        except Overtime:
            raise
        except jinja2.UndefinedError as exc:
            message = (exc.message or "").rstrip(".")
            raise TemplateError(f"{self.where(exc)}: {message}.") from None
        except SecurityError as exc:
            raise TemplateError(f"{self.where(exc)}: not allowed: {exc}.") from None
        except Exception as exc:
            raise TemplateError(f"{self.where(exc)}: {exc} ({type(exc).__name__}).") from None

    def where(self, exc: BaseException) -> str:
        """``"file.j2, line 7"``: the template, and the line an error came from."""
        frames = traceback.extract_tb(exc.__traceback__)
        lines = [f.lineno for f in frames if f.filename == self.label]
        if not lines or lines[-1] is None:
            return self.label
        line = lines[-1] if lines[-1] <= self.source.count("\n") + 1 else self.subject_line
        return f"{self.label}, line {line}"


def _environment(sandboxed: bool, source: str, name: str) -> jinja2.Environment:
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": False,
        "keep_trailing_newline": False,
        "loader": jinja2.FunctionLoader(lambda _: (source, name, lambda: True)),
    }
    env = sandbox(**options) if sandboxed else jinja2.Environment(**options)
    env.filters["indefinite"] = with_article  # the letter's own rule: "a UX Designer"
    return env


def load_template(template: str | Path) -> Template:
    """A built-in template by name, or a user's ``.j2`` file (rendered sandboxed).

    Raises
    ------
    TemplateError
        The file is missing, has no subject, or does not compile; the message
        names the file and line.
    """
    name = str(template)
    if name in BUILT_IN:
        # The built-in letters differ by their phrase book, not by their template.
        text = (resources.files("followup.draft") / "templates" / "letter.j2").read_text("utf-8")
        label = f"built-in template {name!r}"
    else:
        path = Path(template)
        if not path.is_file():
            raise TemplateError(
                f"Template {name!r} is neither a built-in ({', '.join(BUILT_IN)}) "
                "nor an existing .j2 file."
            )
        text = path.read_text("utf-8")
        label = name
    match = _FRONT_MATTER.match(text)
    meta = dict(
        line.split(":", 1) for line in (match["meta"].splitlines() if match else []) if ":" in line
    )
    subject_source = meta.get("subject", "").strip()
    if not subject_source:
        raise TemplateError(
            f"{label}, line 1: no subject; start the file with\n---\nsubject: Thank you, "
            "{{ interviewer_first }}\n---"
        )
    # Keep the body's line numbers equal to the file's, front matter blanked out.
    body_source = "\n" * match.group(0).count("\n") + text[match.end() :] if match else text
    subject_line = 1 + next(
        (i for i, line in enumerate(text.splitlines()) if line.startswith("subject:")), 0
    )
    source = body_source + SUBJECT_SEPARATOR + subject_source
    env = _environment(name not in BUILT_IN, source, label)
    try:
        env.parse(subject_source)  # a broken subject is reported at its own line
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{label}, line {subject_line}: {exc.message}.") from None
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        message = (exc.message or "").rstrip(".")
        raise TemplateError(f"{label}, line {exc.lineno}: {message}.") from None
    refused = refuse_other_files(tree, label)
    if refused:
        raise TemplateError(f"{refused}.")
    compiled = env.get_template(label)
    variables = jinja2.meta.find_undeclared_variables(tree)
    return Template(
        name,
        label,
        compiled,
        frozenset(variables),
        body_source,
        subject_line,
        skeleton=_skeleton(tree),
    )


def _halves(
    skeleton: tuple[tuple[str, str], ...],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A skeleton cut at the :data:`SUBJECT_SEPARATOR`: the body's pairs, the subject's."""
    for at, (literal, name) in enumerate(skeleton):
        if SUBJECT_SEPARATOR in literal:
            before, _, after = literal.rpartition(SUBJECT_SEPARATOR)
            return [*skeleton[:at], (before, "")], [(after, name), *skeleton[at + 1 :]]
    return list(skeleton), [("", "")]


def _concatenated(pairs: list[tuple[str, str]], context: pd.DataFrame) -> pd.Series:
    """The text of ``pairs`` for every row, joined column-wise in one Arrow call."""
    if not any(name for _, name in pairs):  # only text: the same for every row
        return pd.Series("".join(lit for lit, _ in pairs), index=context.index, dtype="str")
    pieces: list[pa.Array | pa.Scalar] = []
    for literal, name in pairs:
        pieces.append(text_scalar(literal))
        if name:
            pieces.append(text_array(context[name]))
    text = pc.binary_join_element_wise(*pieces, text_scalar(""))
    return pd.Series(text, index=context.index, dtype="str")


def _skeleton(tree: nodes.Template) -> tuple[tuple[str, str], ...] | None:
    """A template made only of text and plain ``{{ name }}`` slots, as (text, name) pairs
    (the last name empty); None when it has logic, filters or expressions."""
    pairs: list[tuple[str, str]] = []
    text = ""
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            return None
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                text += child.data
            elif isinstance(child, nodes.Name):
                pairs.append((text, child.name))
                text = ""
            else:
                return None
    pairs.append((text, ""))
    return tuple(pairs)
