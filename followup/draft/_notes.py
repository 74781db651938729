"""A note is data with a shape: each talking point, question and fit, adapted to its sentence.

People jot notes, not sentences. Each distinct note is read once and becomes
a :class:`Note`: the text the letter will carry, and its *shape*, which picks
the sentence that carries it:

- ``topic``: a phrase ("the dbt migration"), after a lead-in verb is dropped
  ("Talked about the Q3 roadmap." → "the Q3 roadmap") and a possessive that
  means the reader's side is turned to "your" ("their hiring plan");
- ``statement``: a clause ("the team is growing"), carried by "... hear that ...";
  ``news`` when it tells of the reader's own life ("your kid just started uni");
- ``shared``: something in common ("We both grew up in Lagos!" → "we both grew
  up in Lagos"), carried by a sentence made for it;
- ``question``: a question as asked ("How is success measured?"), ``wonder``: what
  the candidate would love to know ("how success is measured"), and ``wish``: what
  they would love to hear more about ("the relocation budget"), from a question
  or a note to self ("ask about relocation budget");
- ``unusable``: a note that cannot be adapted safely (a first-person sentence,
  one that calls the reader he or she, a private remark, a paragraph). The
  letter uses a neutral sentence instead, and ``problem`` and ``suggestion``
  say how to rewrite it.

>>> adapt_talking_point("Talked about model monitoring and drift.")
Note(text='model monitoring and drift', shape='topic', code='', problem='', suggestion='')
>>> adapt_talking_point("We both grew up in Lagos!").text
'we both grew up in Lagos'
>>> adapt_question("how is success measured").text
'How is success measured?'
>>> adapt_question("ask about relocation budget")[:2]
('the relocation budget', 'wish')
>>> note = adapt_talking_point("I asked about the on-call rotation and he said it's rare")
>>> print(note.suggestion)
write it as a phrase about what you discussed, e.g. "the on-call rotation"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from followup.draft import _lexicon as words
from followup.draft._clauses import (
    AUXILIARY_DEED,
    MEAL,
    SUBJECTLESS,
    is_clause,
    is_news,
    life_deed,
    named_subject,
    reported_clause,
)
from followup.draft._fits import adapt_fit
from followup.draft._parts import WENT_WELL, common_checks, example_from, joke, quoted_saying
from followup.draft._questions import adapt_question
from followup.draft._readers import as_their, someone_elses
from followup.draft._shorthand import expand_shorthand, shorthand_problem
from followup.draft._tidy import clean
from followup.draft._wording import (
    DISCUSSED_AT_END,
    EMPTY,
    FILLER,
    FIRST_PERSON,
    FIRST_PERSON_START,
    HE_SHE,
    IMPRESSION,
    IS_CONTRACTED,
    LAB_SCREEN,
    LEAD_IN,
    LEADING_POSSESSIVE,
    QUESTION_OPENING,
    QUESTION_PREFIX,
    SHARED,
    THEY,
    THEY_AS_READER,
    TO_ASK,
    TO_DO,
    VAGUE,
    WE_START,
    Note,
    alternatives,
    as_list,
    common_words,
    count_words,
    head_word,
    lower_first,
    strip_end,
    unusable,
)


def adapt_talking_point(raw: str) -> Note:
    """The talking point as the letter will carry it (see the module docstring)."""
    text, unclear = expand_shorthand(clean(raw))
    if not text:
        return EMPTY
    problem = (
        quoted_saying(raw)
        or someone_elses(text)
        or common_checks(text, "talking point", adapt_talking_point)
        or shorthand_problem(unclear, "talking point")
    )
    if problem:  # news kept from a note marked as a joke ("...; it's held together w/ tape lol")
        return (joke(raw) if problem.shape in ("statement", "news") else None) or problem
    if TO_DO.match(text) and not TO_ASK.match(text):
        return unusable(
            "note_to_self",
            "is a note to yourself, not something to tell the interviewer",
            "keep it in your Notes column, and write what you discussed as the talking point",
        )
    if (
        TO_ASK.match(text)
        or QUESTION_PREFIX.match(text)
        or text.endswith("?")
        or (QUESTION_OPENING.match(text) and not AUXILIARY_DEED.match(text))
    ):
        question = adapt_question(text)
        if question.shape == "unusable":
            return question
        return Note(question.text, question.shape)
    text = strip_end(text)
    jotted = text  # as written, for the rewrite to suggest
    lead_in = LEAD_IN.match(text)
    if lead_in and not SHARED.match(text) and not WENT_WELL.search(text):
        text = text[lead_in.end() :]
        if re.match(r"to\s+[^\W\d_]", text):  # "asked me to reverse a linked list"
            return unusable(
                "note_unclear",
                "tells what you were asked to do, not what you talked about",
                'write the topic, e.g. "the coding exercise", or leave it to the letter',
            )
    if SHARED.match(text):
        return _shared(text)
    if re.search(r"\bmaybe\b", text, re.IGNORECASE):
        return unusable(
            "note_unclear",
            "says 'maybe', and a letter cannot tell a maybe as news",
            'write the topic itself as a phrase, e.g. "the hiring freeze"',
        )
    if text.lower() in VAGUE:
        return unusable(
            "note_unclear",
            "does not say what you discussed",
            'write the topic itself, e.g. "the team\'s on-call rotation"',
        )
    text = LEADING_POSSESSIVE.sub("your ", text)
    text = life_deed(DISCUSSED_AT_END.sub("", text))  # not "the roadmap we discussed"
    said = reported_clause(text)  # "she said the team is growing" → "the team is growing"
    if said and not HE_SHE.search(text[said:]):
        text = text[said:]
    about_you = FIRST_PERSON_START.match(text) or WE_START.match(text)
    if about_you or (FIRST_PERSON_START.match(jotted) and HE_SHE.search(text)):
        return unusable(
            "note_first_person",
            "is a sentence about what you or the two of you did",
            "write it as a phrase about what you discussed"
            + example_from(jotted, adapt_talking_point),
        )
    if HE_SHE.search(text):
        return unusable(
            "note_he_she",
            "calls the interviewer he or she",
            "write it as a phrase, with 'you' or 'your' for the interviewer and 'I' or 'my' "
            "for the candidate" + example_from(jotted, adapt_talking_point),
        )
    if FIRST_PERSON.search(re.sub(r'"[^"]*"|“[^”]*”', "", text)):  # a quoted title may say "we"
        example = example_from(jotted, adapt_talking_point)
        if not example or FIRST_PERSON.search(example):
            example = ', e.g. "the team\'s on-call rotation"'
        return unusable(
            "note_first_person",
            "is about you (it says I, me, my or we), not about what you discussed",
            f"write the topic as a phrase{example}",
        )
    if IMPRESSION.match(text) or WENT_WELL.search(text):
        return unusable(
            "note_impression",
            "is your impression of the interview, not something you discussed",
            'write what you talked about, e.g. "the team\'s on-call rotation"',
        )
    if re.match(r"^(?:also|fellow|same)\b", text, re.IGNORECASE):
        return unusable(
            "note_unclear",
            "reads as a shorthand for something you have in common",
            "write it as 'we both ...', e.g. \"we both grew up in Lagos\"",
        )
    for pattern, replacement in THEY_AS_READER:
        text = pattern.sub(replacement, text)
    if THEY.search(text) or re.search(r"\bthem\b", text, re.IGNORECASE):
        return unusable(
            "note_they",
            "says 'they' or 'them' in the middle of the note, which the letter cannot turn "
            "into 'you'",
            "write it as a phrase with 'you' or 'your' for the interviewer's side"
            + example_from(jotted, adapt_talking_point),
        )
    opening = SUBJECTLESS.match(text)
    if opening:
        return unusable(
            "note_unclear",
            f"opens with {opening.group(1)!r} and no one doing it, so the letter cannot tell who",
            'name who, e.g. "your team led the dbt rollout", or just the topic, "the dbt rollout"',
        )
    if MEAL.match(text):
        return unusable(
            "note_unclear",
            "names a meal or a coffee, not what you talked about",
            'write what you talked about over it, e.g. "the team\'s hiring timeline"',
        )
    if is_clause(text) or named_subject(text):  # told back, unless a joke ("... tape lol")
        return joke(raw) or Note(_statement(text), "news" if is_news(text) else "statement")
    text = ARRANGEMENT.sub(_arrangement, text)
    return _topic(as_list(lower_first(text)))


#: A way of working, with its days if given: "hybrid 3 days a week" → "the hybrid schedule of
#: 3 days a week".
ARRANGEMENT = re.compile(r"^(hybrid|remote|on-?site|in-office)(?:\s+(?=(\d))|$)", re.IGNORECASE)


def _arrangement(match: re.Match[str]) -> str:
    way = match[1].lower()
    said = "remote work" if way == "remote" else f"the {way} schedule"
    return said + (" of " if match[2] else "")


#: "Dana's", "Acme's": an owner by name, which takes no "the" ("CEO's", all capitals, may).
_NAMED_OWNER = re.compile(r"^[A-Z]\S*[a-z]\S*['’]s$")
#: "Airflow to Dagster ", "Excel to Power BI " before a noun: what the noun goes from and to,
#: not its head.
_FROM_TO = re.compile(r"^\S+(?:\s+\S+)?\s+to\s+(?=\S+(?:\s+\S+)?\s+[a-z])")


#: The endings of nouns that name no one thing ("privacy", "fairness"), so take no "the";
#: "harness" and "business" are things.
_MASS_NOUN = re.compile(r"(?:ity|(?<!har)(?<!busi)ness|ism|ics|ance|ence|acy)$")


def _topic(text: str) -> Note:
    """A phrase, with "the" when it is a bare singular label ("case interview" → "the case
    interview"); one that names a part of the interview is an ``occasion``.

    In a list, "the" before the first item serves them all ("the roadmap and hiring plan");
    after a first item that takes none ("dbt models"), each bare singular item gets its own
    ("dbt models and the Dagster move")."""
    text = FILLER.sub("", text)  # "the compliance stuff": the compliance
    items = re.split(r"(,\s+|\s+and\s+)", text)  # items, with the commas and "and"s between
    if _takes_the(items[0]):
        text = "the " + text
    elif items[0].split()[0].lower() not in words.DETERMINERS:  # "your roadmap and ..." shares
        items[2::2] = ["the " + i if _takes_the(i) else i for i in items[2::2]]
        text = "".join(items)
    item = items[0]
    single = " and " not in text and "," not in text  # "code review" is one; a list is a topic
    last = re.sub(r"[^\w-]", "", text.split()[-1]).lower()
    if single and head_word(item) in _INTERVIEWS and not LAB_SCREEN.search(item):
        return unusable(
            "note_unclear",
            "names the interview, not what you talked about",
            'write what you talked about, e.g. "the team\'s hiring timeline"',
        )
    if single and last in words.OCCASIONS:
        return Note(text, "occasion")
    if last in words.PASTIMES and count_words(text) <= 4:
        return Note(text, "pastime")
    return Note(text, "topic")


_INTERVIEWS = ("call", "screen", "screening", "chat")  # "quick call to ...": the interview


def _takes_the(item: str) -> bool:
    """Whether a bare singular label: "case interview", "SSIS to dbt migration", not
    "dbt models", "Dana's roadmap", "3 open roles", "forecasting solar output" or
    "scaling the data team"."""
    core = re.split(rf"\s+{alternatives(words.PREPOSITIONS)}\s+", item, maxsplit=1)[0]
    tokens = core.split()  # "roadmap for 2027": the head is "roadmap"
    if not tokens:
        return False
    first = tokens[0].lower()
    counted = re.match(rf"(?:{alternatives(words.ABOUT)}\s+)?\d", core, re.IGNORECASE)
    bare = (
        (not counted or re.match(words.NUMBER_AS_ADJECTIVE, tokens[0]) is not None)
        and first not in (*words.DETERMINERS, *words.PREPOSITIONS, *words.QUESTION_WORDS, "you")
        and first not in (*words.FOCUSING, "stuff", "things")  # "stuff like dbt"
        and not any(_NAMED_OWNER.match(token) for token in tokens[:-1])  # "Dana's roadmap"
        and not any(t.lower() in words.ARTICLES for t in tokens[1:])  # "scaling the team"
    )
    head = head_word(_FROM_TO.sub("", item))  # "SSIS to dbt migration" is a migration
    known = head in (*words.COUNT_NOUNS, *words.OCCASIONS)
    singular = (  # "Q1 launch calendar": a compound whose last word is one thing
        len(tokens) >= 2
        and tokens[-1].islower()
        and (not tokens[-1].endswith(("s", "ing")) or tokens[-1].endswith(("ss", "us", "is")))
        and not first.endswith("ing")  # "forecasting solar output": a gerund and its object
        and not _MASS_NOUN.search(tokens[-1])
        and tokens[-1] not in words.PROCESS_NOUNS
    )
    return bare and len(tokens) <= 5 and (known or singular)


def _statement(text: str) -> str:
    """A clause to follow "that": a first capital lowered unless it starts a name, "'s" for
    "is" written out, a bare singular noun at its start given "the"."""
    if not named_subject(text):  # "Dana built the pipeline" names Dana
        text = lower_first(text)
    text = IS_CONTRACTED.sub(" is", text)  # "Maria's" is a name, "Team's" not
    first = text.split(maxsplit=1)[0]
    if (
        first.islower()
        and first.lower() in common_words()
        and first.lower() not in words.DETERMINERS
        and first.lower() not in ("you", "we", "it", "there", "everyone", "everybody")
        and not first.endswith(("s", "ing"))
    ):
        text = "the " + text
    return re.sub(r",\s+(?=\w+ing\b)", " and ", text)


def _shared(text: str) -> Note:
    """Something in common, as a clause: "we both ..."."""
    text = strip_end(text)
    text = re.sub(r"^both\s+of\s+us\b", "we both", text, flags=re.IGNORECASE)
    text = re.sub(r"^we're\s+both\b", "we are both", text, flags=re.IGNORECASE)
    text = re.sub(r"^we\s+both\s+(are|were)\b", r"we \1 both", text, flags=re.I)  # from Cork
    text = re.sub(r"^turns\s+out\s+", "", text, flags=re.IGNORECASE)
    if HE_SHE.search(text):
        return unusable(
            "note_he_she",
            "calls the interviewer he or she",
            "write what you have in common as 'we both ...'",
        )
    return Note(text[0].lower() + text[1:], "shared")


ADAPTERS: dict[str, Callable[[str], Note]] = {
    "talking_point": adapt_talking_point,
    "question": adapt_question,
    "fit": adapt_fit,
}


def adapt_column(values: pd.Series, column: str, readers: pd.Series | None = None) -> pd.DataFrame:
    """Each value of ``column`` adapted, once per distinct value: a frame with the
    :class:`Note` fields, indexed like ``values``. Given the ``readers``' names, a talking
    point or question that names its reader as an owner says "your" ("Dr. Patel's work")."""
    values = values.fillna("").astype("str")
    if readers is not None and column != "fit":
        values = as_their(values, readers)
    codes, uniques = pd.factorize(values)
    notes = [_adapted(column, value) for value in uniques.tolist()] or [EMPTY]
    table = pd.DataFrame(notes, columns=list(Note._fields))
    if not len(uniques):
        return table.iloc[[0] * len(values)].set_axis(values.index)
    return table.take(codes).set_axis(values.index)


@lru_cache(maxsize=1 << 14)  # the same notes recur chunk after chunk
def _adapted(column: str, value: str) -> Note:
    return ADAPTERS[column](value)


def adapt_notes(df: pd.DataFrame) -> pd.DataFrame:
    """How each note of a recipients table will read in the letters: one row per distinct
    note, with ``column``, ``before``, ``after``, ``shape``, ``code``, ``problem``,
    ``suggestion`` and the sheet ``rows`` it comes from.

    >>> notes = adapt_notes(pd.DataFrame({"row": [2, 3], "talking_point": [
    ...     "Discussed pricing experiments.", "their hiring plan"]}))
    >>> notes[["before", "after", "shape"]]
                               before                after  shape
    0  Discussed pricing experiments.  pricing experiments  topic
    1               their hiring plan     your hiring plan  topic
    """
    parts = []
    for column in ADAPTERS:
        if column not in df:
            continue
        values = df[column].fillna("").astype("str")
        read = values  # as the letter reads it: its reader named as an owner is "their"
        if "interviewer_name" in df and column != "fit":
            read = as_their(values, df["interviewer_name"])
        given = values != ""
        found = pd.DataFrame({"before": values, "read": read, "row": df["row"]})[given]
        rows = found.drop_duplicates().groupby(["before", "read"], sort=False)["row"].agg(list)
        before, read_as = (rows.index.get_level_values(i).astype("str") for i in (0, 1))
        adapted = adapt_column(pd.Series(read_as), column)
        parts.append(
            adapted.assign(column=column, before=before, rows=rows.to_numpy()).rename(
                columns={"text": "after"}
            )
        )
    columns = ["column", "before", "after", "shape", "code", "problem", "suggestion", "rows"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]
