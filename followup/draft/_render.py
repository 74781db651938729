"""Rendering: one personal thank-you draft per interviewer, from Jinja2 templates.

Built-in templates live in ``followup/templates/``: ``thank-you`` (the
standard note), ``gracious`` (the candidate no longer wants the job:
gratitude, no feigned enthusiasm) and ``short`` (a brief phone screen). A
template file starts with a small front matter holding the subject::

    ---
    subject: Thank you for the {{ role }} interview at {{ company }}
    ---
    Dear {{ interviewer_first }}, ...

Each paragraph of a built-in template has :data:`PHRASINGS` wordings. Every
interviewer on a panel gets a different ``variant`` (0, 1, 2, ... from a
per-interview offset), so no two of them receive the same sentences.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from email.utils import parseaddr
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import jinja2.sandbox
import numpy as np
import pandas as pd
from jinja2.exceptions import SecurityError

from followup._clock import wall_clock
from followup.errors import OptionError, TemplateError

BUILT_IN = ("thank-you", "gracious", "short")
PHRASINGS = 4
SHORT_CALL_MINUTES = 30


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<meta>.*?)\n---[ \t]*\n", re.DOTALL)
_HONORIFIC = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?"


#: Body and subject compile as one template, body first (so its line numbers are the
#: file's), joined by this separator: one render per draft instead of two.
_SUBJECT_SEPARATOR = "\x1e"


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "_globals", dict(self.compiled.globals))

    def render(self, record: dict[str, Any]) -> tuple[str, str]:
        """Subject and body for one draft's variables."""
        try:
            # Jinja's render() rebuilds its globals into every context; merging a plain
            # copy of them, made once, renders the same text several times faster.
            context = self.compiled.new_context(self._globals | record, shared=True)
            text = "".join(self.compiled.root_render_func(context))
        except Exception:
            text = self._explain(record)
        body, _, subject = text.rpartition(_SUBJECT_SEPARATOR)
        return subject, body

    def _explain(self, record: dict[str, Any]) -> str:
        """Render the slow way, whose tracebacks point at template lines; raise clearly."""
        try:
            return self.compiled.render(record)
        except jinja2.UndefinedError as exc:
            message = (exc.message or "").rstrip(".")
            raise TemplateError(f"{self.where(exc)}: {message}.") from None
        except SecurityError as exc:
            raise TemplateError(f"{self.where(exc)}: not allowed: {exc}.") from None

    def where(self, exc: BaseException) -> str:
        """``"file.j2, line 7"``: the template, and the line an error came from."""
        frames = traceback.extract_tb(exc.__traceback__)
        lines = [f.lineno for f in frames if f.filename == self.label]
        if not lines or lines[-1] is None:
            return self.label
        line = lines[-1] if lines[-1] <= self.source.count("\n") + 1 else self.subject_line
        return f"{self.label}, line {line}"


def _indefinite(noun: str) -> str:
    """``"analyst"`` → ``"an analyst"``; the article a role needs.

    >>> _indefinite("Operations Analyst"), _indefinite("Data Analyst")
    ('an Operations Analyst', 'a Data Analyst')
    """
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _environment(sandboxed: bool, source: str, name: str) -> jinja2.Environment:
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": False,
        "keep_trailing_newline": False,
        "loader": jinja2.FunctionLoader(lambda _: (source, name, lambda: True)),
    }
    env = (
        jinja2.sandbox.SandboxedEnvironment(**options)
        if sandboxed
        else jinja2.Environment(**options)
    )
    env.filters["indefinite"] = _indefinite
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
        text = (resources.files("followup.draft") / "templates" / f"{name}.j2").read_text("utf-8")
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
    source = body_source + _SUBJECT_SEPARATOR + subject_source
    env = _environment(name not in BUILT_IN, source, label)
    try:
        env.parse(subject_source)  # a broken subject is reported at its own line
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{label}, line {subject_line}: {exc.message}.") from None
    try:
        compiled = env.get_template(label)
        variables = jinja2.meta.find_undeclared_variables(env.parse(source))
    except jinja2.TemplateSyntaxError as exc:
        message = (exc.message or "").rstrip(".")
        raise TemplateError(f"{label}, line {exc.lineno}: {message}.") from None
    return Template(name, label, compiled, frozenset(variables), body_source, subject_line)


def render_drafts(
    df: pd.DataFrame, *, template: str | Path = "thank-you", sender: str | None = None
) -> pd.DataFrame:
    """Render a draft per recipient row.

    Parameters
    ----------
    df
        A recipients table (:func:`~followup.read_interviews`), perhaps with
        deadlines already added.
    template
        ``"thank-you"`` (default) picks per row: ``gracious`` when the
        candidate is not interested, ``short`` for calls of
        :data:`SHORT_CALL_MINUTES` or less, else ``thank-you``. Another
        built-in name, or a path to a ``.j2`` file, is used for every row.
    sender
        ``"Name <email>"``, for rows without a candidate name or email.

    Returns
    -------
    DataFrame
        ``df`` plus ``draft_id`` (stable across runs), ``due_at``, ``subject``,
        ``body``, ``template`` and ``variant``. The input is not modified.

    Examples
    --------
    >>> import followup
    >>> recipients, _ = followup.read_interviews("data/interviews.csv")
    >>> drafts = render_drafts(recipients, sender="Avery Quinn <avery@example.com>")
    >>> print(drafts["body"].iloc[1])
    Dear Luis,
    <BLANKLINE>
    Thank you for a thoughtful conversation on Tuesday about the Data Analyst opening at Northwind Analytics. I keep coming back to what you said about our shared frustration with slow, flaky nightly loads.
    <BLANKLINE>
    This role is exactly the kind of work I hope to do next. I am confident that four years of SQL reporting and a dbt migration I led will help me make a difference here.
    <BLANKLINE>
    I hope to continue the conversation soon.
    <BLANKLINE>
    With thanks,
    Avery Quinn
    <BLANKLINE>
    """
    table = _with_sender(df, sender)
    names = _choose_templates(table, template)
    templates = {name: load_template(name) for name in names.unique()}
    context = template_context(table)
    for chosen in templates.values():
        _check_variables(chosen, context.columns)
    subjects = np.empty(len(table), dtype=object)
    bodies = np.empty(len(table), dtype=object)
    for name, chosen in templates.items():
        rows = (names == name).to_numpy()
        needed = sorted(chosen.variables)
        columns = [context[c].to_numpy(dtype=object)[rows].tolist() for c in needed]
        records = (
            [dict(zip(needed, values, strict=True)) for values in zip(*columns, strict=True)]
            if needed
            else [{} for _ in range(int(rows.sum()))]
        )
        rendered = [chosen.render(record) for record in records]
        subjects[rows] = [s for s, _ in rendered]
        bodies[rows] = [b for _, b in rendered]
    due_at = (
        table["due_at"] if "due_at" in table else table["interview_end"] + pd.Timedelta(hours=24)
    )
    return table.assign(
        draft_id=_draft_ids(table),
        due_at=due_at,
        subject=pd.Series(subjects, index=table.index, dtype="str")
        .str.replace(r"\s+", " ", regex=True)
        .str.strip(),
        body=_tidy(pd.Series(bodies, index=table.index, dtype="str")),
        template=names.astype("str"),
        variant=context["variant"],
    )


def _check_variables(template: Template, available: pd.Index) -> None:
    missing = sorted(template.variables - set(available))
    if not missing:
        return
    label = template.label
    lines = template.source.splitlines()
    where = next(
        (i + 1 for i, line in enumerate(lines) if re.search(rf"\b{re.escape(missing[0])}\b", line)),
        None,
    )
    at = f", line {where}" if where else ""
    raise TemplateError(
        f"{label}{at}: unknown variable `{missing[0]}`"
        + (f" (also {', '.join(missing[1:])})" if missing[1:] else "")
        + f"; available: {', '.join(sorted(available))}."
    )


def _with_sender(df: pd.DataFrame, sender: str | None) -> pd.DataFrame:
    table = df
    if sender is not None:
        name, address = parseaddr(sender)
        if not name or "@" not in address:
            raise OptionError(
                f"sender {sender!r} is not of the form 'Your Name <you@example.com>'.",
                options=("sender",),
            )
        table = df.assign(
            candidate_name=df["candidate_name"].fillna(name).replace("", name),
            candidate_email=df["candidate_email"].fillna(address).replace("", address),
        )
    unsigned = table["candidate_name"].isna() | (table["candidate_name"] == "")
    if unsigned.any():
        raise OptionError(
            f"{int(unsigned.sum())} draft(s) have no sender to sign them; pass "
            "sender='Your Name <you@example.com>' or add a 'Candidate' column.",
            options=("sender",),
        )
    return table


def _choose_templates(table: pd.DataFrame, template: str | Path) -> pd.Series:
    if str(template) != "thank-you":
        return pd.Series(str(template), index=table.index, dtype="str")
    minutes = (table["interview_end"] - table["interview_start"]).dt.total_seconds() / 60
    names = np.select(
        [~table["interested"].astype(bool), minutes <= SHORT_CALL_MINUTES],
        ["gracious", "short"],
        default="thank-you",
    )
    return pd.Series(names, index=table.index, dtype="str")


def template_context(table: pd.DataFrame) -> pd.DataFrame:
    """What a template sees, one row per draft: every column (missing text as ""), plus the
    derived values (``interviewer_first``, ``interview_day``, ``variant``, ...)."""
    context = table.copy()
    text = context.select_dtypes(include=["str", "object"]).columns
    context[text] = context[text].fillna("")
    local = wall_clock(table["interview_start"], table["timezone"])
    context["interviewer_first"] = _first_names(context["interviewer_name"])
    context["candidate_first"] = _first_names(context["candidate_name"])
    context["interview_day"] = local.dt.day_name()
    context["interview_date"] = local.dt.month_name() + " " + local.dt.day.astype("str")
    position = table.groupby("interview_id", sort=False).cumcount().to_numpy()
    hashes = pd.util.hash_pandas_object(table["interview_id"], index=False).to_numpy()
    offset = (hashes % PHRASINGS).astype("int64")
    context["variant"] = (offset + position).astype("int64")
    context["pick"] = _picks(position, offset)
    return context


def _picks(position: np.ndarray, offset: np.ndarray) -> list[tuple[int, int, int]]:
    """Which phrasing each of three paragraphs uses, per interviewer of a panel.

    The first :data:`PHRASINGS` interviewers of a panel get pairwise different
    phrasings in every paragraph; after that, paragraphs repeat, but the
    combination stays unique for up to ``PHRASINGS**2`` interviewers.

    >>> _picks(np.arange(6), np.zeros(6, dtype=int))
    [(0, 0, 0), (1, 1, 1), (2, 2, 2), (3, 3, 3), (0, 1, 2), (1, 2, 3)]
    """
    lap = position // PHRASINGS
    a = (offset + position) % PHRASINGS
    b = (offset + position + lap) % PHRASINGS
    c = (offset + position + 2 * lap) % PHRASINGS
    return list(zip(a.tolist(), b.tolist(), c.tolist(), strict=True))


def _first_names(names: pd.Series) -> pd.Series:
    """``"Dana Whitfield"`` → ``"Dana"``; ``"Ortega, Luis"`` → ``"Luis"``; ``"Dr. Priya
    Raman"`` → ``"Dr. Raman"`` (a title keeps the formal form)."""
    index = names.index
    codes, uniques = pd.factorize(names.fillna("").str.strip())
    names = pd.Series(uniques, dtype="str")
    comma = names.str.extract(r"^[^,]+,\s*(?P<first>\S+)")["first"]
    titled = names.str.extract(rf"^(?P<title>{_HONORIFIC})\s+.*?(?P<last>\S+)$")
    formal = titled["title"].str.rstrip(".") + ". " + titled["last"]
    formal = formal.str.replace("Professor.", "Professor", regex=False)
    plain = names.str.split(n=1).str[0].fillna("")
    first = formal.fillna(comma).fillna(plain).astype("str").to_numpy()
    return pd.Series(first[codes], index=index, dtype="str")


def _draft_ids(table: pd.DataFrame) -> pd.Series:
    key = table["interview_id"] + "|" + table["interviewer_email"].str.lower()
    hashes = pd.util.hash_pandas_object(key, index=False).to_numpy()
    return pd.Series([f"d-{h:016x}"[:14] for h in hashes], index=table.index, dtype="str")


def _tidy(bodies: pd.Series) -> pd.Series:
    """Trailing spaces off, at most one blank line between paragraphs, one final newline."""
    return (
        bodies.str.replace(r"\r\n?", "\n", regex=True)
        .str.replace(r"[ \t]+\n", "\n", regex=True)
        .str.replace(r"\n{3,}", "\n\n", regex=True)
        .str.strip()
        + "\n"
    )
