"""Why the candidate fits, as the candidate's own: "4 yrs SQL" → "my 4 years of SQL",
"did the EHR redesign" → "my work on the EHR redesign", "bilingual" → "being bilingual".

>>> adapt_fit("3 yrs w/ SQL reporting").text
'my 3 years with SQL reporting'
>>> adapt_fit("built a churn model").text
'my experience building a churn model'
"""

from __future__ import annotations

import re

from followup.draft import _lexicon as words
from followup.draft._parts import CLAUSE_START, common_checks
from followup.draft._shorthand import expand_shorthand, shorthand_problem
from followup.draft._tidy import clean
from followup.draft._wording import (
    EMPTY,
    FIRST_PERSON_START,
    HE_SHE,
    THEY,
    Note,
    alternatives,
    as_list,
    common_words,
    count_words,
    head_word,
    lower_first,
    strip_end,
    unusable,
    with_article,
)

#: "did", "done", "I've done a lot of": work the candidate did, without saying which.
DID = re.compile(
    r"^(?:i\s+)?(?:did|done|do)\s+(?:(?:a\s+lot|lots|plenty|tons)\s+of\s+)?(?=\w)", re.IGNORECASE
)


def adapt_fit(raw: str) -> Note:
    """Why the candidate fits, as a phrase ("four years of SQL reporting")."""
    text, unclear = expand_shorthand(clean(raw, asides=True))
    if not text:
        return EMPTY
    problem = common_checks(text, "fit", adapt_fit) or shorthand_problem(unclear, "fit")
    if problem:
        return problem
    text = re.sub(  # "at last job" → "at my last job"
        r"\b(at|from|in)\s+(last|previous|prev|old|current|first)\s+(job|company|role|employer)\b",
        r"\1 my \2 \3",
        strip_end(text),
        flags=re.IGNORECASE,
    )
    text = re.sub(r"\b(?:with|for|at)\s+them\b", lambda m: m.group(0)[:-4] + "your team", text)
    text = re.sub(r"\btheir\b", "your", text, flags=re.IGNORECASE)
    if re.match(r"(?i)(?:she|he|her|his)\b", text):  # an adviser's note of the student
        return unusable(
            "note_they",
            "tells of the candidate as he or she; the letter is in the candidate's words",
            f'write it as the candidate would, e.g. "{_as_mine(text)}"',
        )
    if THEY.search(text) or HE_SHE.search(text):
        return unusable(
            "note_they",
            "talks about the interviewer's side as they, he or she",
            'write the fit about yourself, e.g. "two years of SQL reporting"',
        )
    said_i = re.match(r"^i\b|^i've\b", text, re.IGNORECASE) is not None
    text = re.sub(r"^(?:i\s+have|i've\s+got|i've|i\s+bring|have|having|with)\s+", "", text,
                  flags=re.IGNORECASE)  # fmt: skip
    did = DID.match(text)  # "did the EHR redesign" → "my work on the EHR redesign"
    if did:
        rest = text[did.end() :]
        owned = re.match(r"^(?:the|a|an|my|your)\b", rest, re.IGNORECASE)
        return Note(f"my work on {rest}" if owned else f"my experience with {rest}", "background")
    verb = re.match(r"^(?:i\s+)?(\w+)\s+(.+)$", text, re.IGNORECASE)
    if verb:
        done = verb.group(1).lower()
        gerund = words.GERUNDS.get(done)
        if (
            gerund is None
            and done.endswith("ed")
            and len(done) >= (4 if said_i else 5)
            and (said_i or done not in words.QUALITIES)
        ):
            gerund = done[:-2] + "ing"  # "partnered with ..." → "partnering with ..."
        kind = re.match(r"(?:experience|skills?|background|work|knowledge|expertise)\b", verb[2])
        if gerund is None and done.endswith("ing") and done in common_words() and not kind:
            gerund = done  # "building dashboards" → "my experience building dashboards"
        if gerund:
            return Note(f"my experience {gerund} {_object(verb.group(2))}", "background")
    if CLAUSE_START.match(text) and text.split()[0].lower() not in words.QUALITIES:
        return unusable(
            "note_unclear",
            f"starts with a verb ({text.split()[0]!r}) the letter cannot turn into a phrase",
            'write it as a phrase about your experience, e.g. "my work on the billing redesign"',
        )
    if FIRST_PERSON_START.match(text):
        return unusable(
            "note_first_person",
            "is a sentence, not a phrase",
            'write it as a phrase, e.g. "four years of SQL reporting"',
        )
    return _as_background(lower_first(as_list(text)))


def _as_background(text: str) -> Note:
    """A fit as the candidate's own: "4 yrs SQL" → "my 4 years of SQL" (``background``);
    a quality that is no thing to own ("bilingual (EN/ES)") → "being bilingual (EN/ES)",
    carried by a sentence made for it (``quality``)."""
    # "2 yrs pricing experiments" → "2 years of ..."; "3 summers running a camp" stays
    text = re.sub(
        rf"\b((?:\d+|{alternatives(words.NUMBERS)})\+?\s+(?:years?|months?|summers?|semesters?|weeks?))"
        rf"\s+(?!(?:of|in|on|at|as|with|for|{alternatives(tuple(words.GERUNDS.values()))})\b)",
        r"\1 of ",
        text,
        flags=re.IGNORECASE,
    )
    first = text.split(maxsplit=1)[0].lower()
    if first in ("a", "an") and re.search(r"\bI\s+\w", text):
        return Note(f"my work on {text}", "background")  # "a study I ran" → "my work on ..."
    if first in ("my", "a", "an", "the", "our"):
        return Note(text, "background")
    former = re.match(r"^(?:ex-|former\s+)(.+)$", text, re.IGNORECASE)
    if former:  # "ex-teacher + 2 yrs edtech" → "my background as a teacher and my 2 years ..."
        role, _, rest = former.group(1).partition(" and ")
        more = re.match(rf"^(?:\d|{alternatives(words.NUMBERS)}\b)", rest, re.IGNORECASE)
        tail = f" and my {rest}" if more else f" and my experience in {rest}" if rest else ""
        return Note(f"my background as {with_article(role)}{tail}", "background")
    if (
        re.search(r"\w{3,}ing$", text)
        and count_words(text) <= 3
        and not re.search(rf"\d|\b{alternatives(words.PREPOSITIONS)}\b", text)
    ):
        return Note(f"my experience in {text}", "background")  # "service blueprinting"
    if first in words.QUALITIES:
        single = re.fullmatch(r"[\w-]+(?:\s*\([^)]*\)|\s+(?:in|with|at|on)\s.+)?", text) is not None
        return Note(f"being {text}" if single else text, "quality")
    return _owned(text)


def _owned(text: str) -> Note:
    """The last forms a fit can take, each read with confidence; any other is sent back,
    since "my" before a jotted note ("my CRRT trained") would embarrass the sender."""
    skilled = re.fullmatch(r"(?P<what>.+?)\s+(?P<how>trained|certified|licensed)", text, re.I)
    if skilled:  # "CRRT trained" → "being CRRT-trained"; "NY state licensed" → "being ..."
        what, how = skilled["what"], skilled["how"].lower()
        return Note(f"being {how} in {what}" if " " in what else f"being {what}-{how}", "quality")
    if text.split(maxsplit=1)[0].lower() in words.POSSESSIONS:  # "experience building ..."
        return Note(f"my {text}", "background")
    if re.match(r"^on\s+(?:the|a|an)\s", text, re.IGNORECASE):  # "on the retention committee"
        return Note(f"my work {text}", "background")
    late = re.fullmatch(rf"(?P<what>.+?),?\s+(?P<time>{_DURATION})", text, re.IGNORECASE)
    if late and head_word(late["what"]) in words.ROLES:  # "rapid response nurse 3 yrs"
        return Note(f"my {late['time']} as {with_article(late['what'])}", "background")
    if re.match(rf"^{_DURATION}\s+(?:of|in|with|at|on)\s", text, re.IGNORECASE):
        return Note(f"my {text}", "background")  # "5 years of Java and Kafka in fintech"
    items = [i for i in re.split(r",\s+|\s+and\s+", text) if i]
    tools = [i in _TOOLS or re.fullmatch(r"[A-Z]{2,5}", i) is not None for i in items]
    if all(tools) and any(i in _TOOLS for i in items):  # "SQL, Python and Tableau", "... DAX"
        return Note(f"my experience with {text}", "background")
    if all(_possessed(i) for i in items):  # "BSN and CCRN", "wound care certification"
        return Note(f"my {text}", "background")
    if head_word(text) in words.ROLES:  # "sepsis bundle champion on my unit"
        return Note(f"my experience as {with_article(text)}", "background")
    return unusable(
        "note_unclear",
        "does not read as something of yours the letter can name",
        'write it as a phrase that follows "my", e.g. "my 3 years as a team lead" or '
        '"my project management certification"',
    )


_DURATION = rf"(?:\d+|{alternatives(words.NUMBERS)})\+?\s+(?:years?|months?|summers?|semesters?)"
_TOOLS = frozenset(words.CASED.values())


def _object(text: str) -> str:
    """What was led or built, as a phrase: "CAUTI reduction project 2023" → "the CAUTI
    reduction project in 2023"."""
    text = re.sub(r",?\s+((?:19|20)\d\d)$", r" in \1", text)
    first = text.split(maxsplit=1)[0].lower()
    bare = first not in words.DETERMINERS and not first[:1].isdigit() and first != "our"
    if bare and head_word(text) in words.COUNT_NOUNS and not head_word(text).endswith("s"):
        return "the " + text
    return text


def _possessed(item: str) -> bool:
    """Whether "my" can go before the item: a span of time ("2 years of ..."), a credential
    ("BSN", "MS Stats"), a thing one has ("training", "degree") or an activity ("precepting")."""
    return bool(
        re.match(rf"^(?:{_DURATION}\b|(?:a|an|the|my|our)\s)", item, re.IGNORECASE)
        or re.match(r"^(?:[A-Z]{2,5}|Ph\.?D|MSc|BSc|MEng|BEng)\b", item)
        or head_word(item) in words.POSSESSIONS
        or item in _TOOLS
        or re.fullmatch(r"(?:[\w-]+\s+)?\w{4,}ing", item)
    )


def _as_mine(text: str) -> str:
    """ "her capstone on pricing" → "my capstone on pricing"; "she led X" → "I led X"."""
    mine = re.sub(r"(?i)^(?:her|his)\b", "my", text)
    return re.sub(r"(?i)^(?:she|he)\b", "I", mine)
