"""Questions, as the letter will ask them: "how is success measured" → "How is success
measured?"; "ask about relocation budget" → "the relocation budget", to hear more about.

>>> adapt_question("how is success measured").text
'How is success measured?'
>>> adapt_question("ask whether they sponsor visas")[:2]
('whether you sponsor visas', 'wonder')
>>> adapt_question("ask about relocation budget")[:2]
('the relocation budget', 'wish')
"""

from __future__ import annotations

import re

from followup.draft import _lexicon as words
from followup.draft._clauses import is_clause
from followup.draft._parts import common_checks
from followup.draft._shorthand import expand_shorthand, shorthand_problem
from followup.draft._tidy import clean
from followup.draft._wording import (
    AUX,
    EMBEDDED,
    EMPTY,
    FIRST_PERSON_START,
    HE_SHE,
    QUESTION_OPENING,
    QUESTION_PREFIX,
    THEM_AS_READER,
    THEY_AS_READER,
    TO_ASK,
    TO_DO,
    Note,
    alternatives,
    as_list,
    capitalize,
    count_words,
    head_word,
    lower_first,
    unusable,
)

#: A question asked the way one tells of it, even with "?": "How the dept uses Slack?" is
#: carried as "how the department uses Slack", not asked as written.
_INDIRECT = re.compile(
    r"^(?:how|what|why|where)\s+(?:the|a|an|our|your|their|my|this|these)\b[^,]*$",
    re.IGNORECASE,
)


#: "what tools does the team use", "which teams are hiring": a question whose words after
#: "what" or "which" are its subject, asked as written ("I am curious what tools does the
#: team use" is no sentence). Not "what the team is building", a topic.
_WHAT_NOUN_ASKS = re.compile(
    r"^(?:what|which)\s+(?!(?:the|a|an|your|their|our|my|this|that|these|those|you|they|we|"
    r"it|he|she|i)\b)(?:[\w-]+\s+){1,3}?(?:is|are|was|were|do|does|did|can|could|will|would|"
    r"should|has|have)\s+\w",
    re.IGNORECASE,
)
#: "what certifications they value most": the reader, as "you".
_WHAT_THEY = (
    re.compile(r"(?i)\b((?:what|which|how\s+m(?:any|uch))\s+(?:[\w-]+\s+){1,3}?)they\b"),
    r"\1you",
)
#: "how many people you hire": told, not asked ("How many people do you hire?").
_HOW_MANY_TOLD = re.compile(
    r"(?i)how\s+m(?:any|uch)\s+(?:(?!(?:do|does|did|is|are|can|will|would)\b)[\w-]+\s+){1,3}?"
    r"(?:you|we|i)\b"
)
#: "ask how does the team measure it", "ask what did they ship": turned into "how the team
#: measure it", the verb would lose its -s or its past; asked as written instead.
_ASKED_AS_WRITTEN = re.compile(
    r"^(?:how|what|why|when|where|who|which)(?:\s+(?!(?:do|does|did)\b)[\w-]+){0,3}\s+"
    r"(?:did|does\s+(?!(?:you|they|we|i)\b))",
    re.IGNORECASE,
)


#: A workplace noun that a jotted question leaves bare before its verb: "if team is hiring"
#: → "whether the team is hiring", "is role remote" → "is the role remote". Not before a
#: word in -ing ("is job shadowing possible"), nor after "what" ("what role would I play").
_NOUN = r"(team|role|position|job|company|department|office|manager|offer)"
_BARE_SUBJECT = re.compile(
    rf"(?<![\w'])((?:whether|if|how|when|why|where)\s+){_NOUN}"
    rf"(?=\s+(?:{alternatives(words.AUXILIARIES)}|\w+[^s\W]s)\b)"
    rf"|(?<![\w'])((?:is|are|was|will|would|can|could|should|does|do|did|has)\s+){_NOUN}"
    r"(?=\s+(?!\w+ing\b)\w)",
    re.IGNORECASE,
)


#: A question already asked ("asked abt on-call"): before, "I did not get to ask about asked
#: about on-call".
_ASKED_ALREADY = re.compile(r"^(?:i\s+|we\s+)?(?:already\s+)?asked\b", re.IGNORECASE)


def adapt_question(raw: str) -> Note:
    """The question as the letter will ask it (see the module docstring)."""
    text, unclear = expand_shorthand(clean(raw))
    if not text:
        return EMPTY
    problem = common_checks(text, "question", adapt_question) or shorthand_problem(
        unclear, "question"
    )
    if problem:
        return problem
    text = QUESTION_PREFIX.sub("", text)
    if TO_DO.match(text) and not TO_ASK.match(text):
        return unusable(
            "note_to_self",
            "is a note to yourself, not a question for the interviewer",
            "keep it in your Notes column, and write the question you want to ask",
        )
    asked = TO_ASK.match(text)
    if asked:
        text = text[asked.end() :]
    text = text.strip()
    if _ASKED_ALREADY.match(text):
        return unusable(
            "note_unclear",
            "says the question was asked already; a letter asks what is still open",
            'write the question still open, e.g. "How is on-call shared?", or leave it empty',
        )
    if HE_SHE.search(text):
        return unusable(
            "note_he_she",
            "calls the interviewer he or she",
            "write the question to the interviewer, with 'you' or 'your'",
        )
    if FIRST_PERSON_START.match(text) and not text.endswith("?"):
        return unusable(
            "note_first_person",
            "is a sentence about yourself, not a question",
            'write the question you want to ask, e.g. "How soon would I start?"',
        )
    for pattern, replacement in (*THEY_AS_READER, THEM_AS_READER, _WHAT_THEY):
        text = pattern.sub(replacement, text)
    text = _BARE_SUBJECT.sub(lambda m: f"{m[1] or m[3]}the {m[2] or m[4]}", text)
    asks = (
        (QUESTION_OPENING.match(text) and not _HOW_MANY_TOLD.match(text))
        or _WHAT_NOUN_ASKS.match(text)
        or (text.endswith("?") and EMBEDDED.match(text) and not _INDIRECT.match(text))
    )
    if asks and (not asked or _ASKED_AS_WRITTEN.match(text) or _WHAT_NOUN_ASKS.match(text)):
        return Note(capitalize(re.sub(r"[\s.!?]+$", "", text)) + "?", "question")
    body = re.sub(r"[\s.!?]+$", "", text)
    if not re.search(r"\w", body) or body.lower() in words.PREPOSITIONS:  # "?", "ask abt"
        return unusable(
            "note_unclear",
            "does not say what to ask",
            'write the question itself, e.g. "How is success measured?"',
        )
    if BARE_WHY.match(body) and not AUX.search(body):  # "why rebuild vs refactor"
        return Note(capitalize(body) + "?", "question")
    if EMBEDDED.match(body) or QUESTION_OPENING.match(body):
        wonder = lower_first(_unquestion(_with_verb(body)))
        asked_of = wonder.removeprefix("whether ")
        if asked_of != wonder and count_words(asked_of) <= 2 and not is_clause(asked_of):
            return unusable(  # "ask if bonus": whether what?
                "note_unclear",
                "is shorthand for a yes-or-no question the letter cannot spell out",
                'write the question itself, e.g. "Is there a signing bonus?"',
            )
        return Note(wonder, "wonder")
    if text.endswith("?") and AUX.search(body):  # "travel is 50%?" → "whether travel is 50%"
        return Note("whether " + lower_first(body), "wonder")
    done = re.fullmatch(r"(.+?)\s+(\w{3,}ed)", body) if text.endswith("?") else None
    if done:  # "2nd yr funding secured?" → "whether 2nd year funding is secured"
        verb = "are" if re.search(r"[^s]s$", done[1]) else "is"
        return Note(f"whether {_with_article(lower_first(done[1]))} {verb} {done[2]}", "wonder")
    if re.search(r"\b(?:ok|okay|fine|possible|allowed)$", body, re.IGNORECASE):  # "remote ok?"
        return unusable(
            "note_unclear",
            "is shorthand for a yes-or-no question the letter cannot spell out",
            f'write the question itself, e.g. "Is {lower_first(body.rsplit(maxsplit=1)[0])} an '
            'option?"',
        )
    return Note(_with_article(lower_first(as_list(body))), "wish")


#: "why" and a bare verb: a question that reads only as asked ("Why rebuild?").
BARE_WHY = re.compile(
    rf"^why\s+(?!(?:{'|'.join(words.DETERMINERS)}|you|they|we|i|it|he|she|there|not)\b)\w+\b",
    re.IGNORECASE,
)


#: A yes-or-no question jotted without its verb: "if remote ok", "whether team hiring".
_VERBLESS = re.compile(
    r"^(if|whether)\s+(?!(?:you|they|we|i|he|she|it)\b)((?:[\w-]+\s+){0,2}?[\w-]+)\s+"
    r"(ok|okay|fine|possible|allowed|covered|available|included|negotiable|flexible|required|"
    r"paid|\w+ing\b.*)$",
    re.IGNORECASE,
)


def _with_verb(text: str) -> str:
    """ "if remote ok" → "if remote is ok"; "whether team hiring" → "whether the team is
    hiring"; any other text as it is.

    >>> _with_verb("if relocation covered"), _with_verb("if they sponsor visas")
    ('if relocation is covered', 'if they sponsor visas')
    """
    verbless = None if AUX.search(text) else _VERBLESS.match(text)
    if verbless is None or verbless[2].lower().endswith("s"):  # "if teams hiring": not "is"
        return text
    subject = verbless[2]
    subject = f"the {subject}" if re.fullmatch(_NOUN, subject, re.IGNORECASE) else subject
    return f"{verbless[1]} {subject} is {verbless[3]}"


def _unquestion(text: str) -> str:
    """A direct question turned into the words after "I would love to know":
    "is it hybrid" → "whether it is hybrid"; "how do you measure it" → "how you measure it"."""
    match = re.match(r"^(how|what|why|when|where|who|which)\s+(do|does|did)\s+(\w+)\s+(.*)$", text,
                     re.IGNORECASE)  # fmt: skip
    if match:
        return f"{match[1]} {match[3]} {match[4]}"
    match = re.match(r"^(is|are|was|were|can|could|will|would|should|has|have|do|does|did)\s+"
                     r"(\w+)\s+(.*)$", text, re.IGNORECASE)  # fmt: skip
    if match:
        verb = match[1].lower()
        rest = match[3] if verb in ("do", "does", "did") else f"{verb} {match[3]}"
        return f"whether {match[2]} {rest}"
    return re.sub(r"^if\b", "whether", text, flags=re.IGNORECASE)


def _with_article(text: str) -> str:
    """ "relocation budget" → "the relocation budget": a bare countable noun phrase, or
    one whose head is ("timeline for the Power BI rollout")."""
    tokens = text.lower().split()
    if not tokens or tokens[0] in words.DETERMINERS:
        return text
    countable = tokens[-1] in words.COUNT_NOUNS or tokens[0] in words.COUNT_NOUNS
    if (countable and len(tokens) <= 4) or head_word(text) in words.COUNT_NOUNS:
        return "the " + text
    return text
