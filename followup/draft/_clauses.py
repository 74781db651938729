"""Whether a note is a clause: a verb of its own ("the team is growing", "your dog came to
the Zoom meeting"), not a phrase ("how the team grew", "models deployed to prod"); and
whether a clause is news of the reader's own life ("your kid just started uni"); and the
openings a letter cannot tell back: a deed with no one doing it ("led the dbt rollout"), or a
meal and whom it was with.

>>> is_clause("the hiring freeze ended"), is_clause("models deployed to prod")
(True, False)
>>> is_clause("your team moved everything to Tableau"), is_clause("the team based in Oslo")
(True, False)
>>> is_news("your kid just started uni"), is_news("the team is 6 people")
(True, False)
>>> named_subject("Dana built the pipeline"), named_subject("Dashboard built in Looker")
(True, False)
"""

from __future__ import annotations

import re

from followup.draft import _lexicon as words
from followup.draft._wording import (
    AUX,
    EMBEDDED,
    REPORTED,
    SAYING,
    alternatives,
    count_words,
)

_PRONOUN_BEFORE = re.compile(r"\b(?:you|we|they|i|he|she)\s*$", re.IGNORECASE)
#: A noun phrase, then whose deed it is: "the diary study Björn (ran)", "the model your
#: team (shipped)": the clause is inside the phrase.
_OWNER_BEFORE = re.compile(
    r"^(?i:the|a|an|your|our)\s+\S+(?:\s+\S+){0,3}?\s+(?:[A-Z][a-z][\w'-]*|(?i:your|the)\s+\w+)\s*$"
)


_PAST_WITH_OBJECT = re.compile(
    rf"\b(?:\w+ed|{alternatives((*words.PAST_TENSES, 'put', 'set'))})\s+"
    r"(?:a|an|the|their|our|your|its|some|two|three|new|several)\b",
    re.IGNORECASE,
)


#: Not just after an article or a possessive: there the deed describes a thing ("the
#: recently launched app", "its planned rollout").
_NO_ARTICLE_BEFORE = r"".join(
    rf"(?<!\b{word})" for word in ("the", "a", "an", "its", "our", "your", "their")
)

#: A deed told with no object, at the end or before a time or an amount: "the hiring freeze
#: ended", "the launch slipped to Q3", "revenue grew 30%" (not "models deployed to prod").
_PAST_AT_END = re.compile(
    _NO_ARTICLE_BEFORE
    + r"\s"
    + r"(?:(?!\w*eed\b|(?:shed|bed|red|embed|bred|wed)\b)\w+ed|"  # not "page speed", "RSS feed"
    + rf"{alternatives(('grew', 'fell', 'rose', 'shrank', 'slipped', 'began', 'went'))})"
    r"(?=\s*$|\s+(?:last|this|yesterday|recently|again|early|late|twice|overnight|by\s+\d|"
    r"(?:in|to|until|till)\s+(?:Q[1-4]|\d{4}|next\s+\w+|january|february|march|april|may|"
    r"june|july|august|september|october|november|december)\b|\d))",
    re.IGNORECASE,
)

#: A deed after an adverb of time, with no article before them and more after: "your kid
#: just started uni", "the team recently switched to dbt" (not "the recently launched app",
#: "new analysts recently hired").
_PAST_AFTER_ADVERB = re.compile(
    _NO_ARTICLE_BEFORE
    + r"\s(?:just|recently|finally|already|only just|since)\s+"
    + rf"(?:\w+ed|{alternatives(words.PAST_TENSES)})\b(?=\s+\w)",
    re.IGNORECASE,
)

#: A past tense that is no participle, before its object or where it went: "your dog came
#: to the Zoom meeting" is a clause (unlike "models deployed to prod").
_SIMPLE_PAST = re.compile(
    rf"\b{alternatives(words.SIMPLE_PASTS)}\s+(?:(?:to|into|from|with|at|on|in|for|through|"
    r"over|back|up|out|home)\s+)?(?:a|an|the|their|our|your|its|his|her|my|\d)",
    re.IGNORECASE,
)
#: A group's deed, after the group: "your team moved everything to Tableau", "(the) data team
#: uses dbt" (not "the team based in Oslo", "the company seed round" or "the team's plans").
_GROUP_DEED = re.compile(
    r"^(?:(?:the|your|our|their|my)\s+)?(?:[\w-]+\s+)?"
    r"(?:team|company|org|organi[sz]ation|group|department|division|startup|firm|lab|unit)\s+"
    r"(?!(?:based|focused|dedicated|located|responsible|tasked|called|named|involved|shared|"
    r"\w*eed)\b)"  # "the team shared drive", "the company seed round"
    rf"(?:\w+ed|{alternatives((*words.PAST_TENSES, *words.SIMPLE_PASTS))}|uses|ships|builds|"
    r"does|hires|owns|handles|manages|deploys|releases|runs)\s+(?!and\b|or\b)\w",
    re.IGNORECASE,
)
_SUBORDINATOR = re.compile(rf"\b{alternatives(words.SUBORDINATORS)}\b", re.IGNORECASE)
#: Words of the reader's own life: a clause with one is news, not a fact about the work.
_LIFE = re.compile(rf"\b{alternatives(words.LIFE)}\b", re.IGNORECASE)


#: Someone or something of the reader's life, then what they did: "your cat walked across
#: the keyboard", "your dog Max who came into the zoom" (its "who" is dropped), "your
#: daughter starts school in January".
_LIFE_DEED = re.compile(
    rf"^((?:your|the)\s+(?:\w+\s+)?{alternatives(words.LIFE)}(?:\s+(?-i:[A-Z])[\w'-]*)?)\s+"
    rf"(?:(?:who|that)\s+)?(?=(?:\w+ed|[a-z]+[^\Ws]s|{alternatives(words.SIMPLE_PASTS)})\s+\w)",
    re.IGNORECASE,
)


def life_deed(text: str) -> str:
    """A note of a deed in the reader's life, without a "who" that makes it a phrase.

    >>> life_deed("your dog Max who came into the zoom")
    'your dog Max came into the zoom'
    """
    return _LIFE_DEED.sub(r"\1 ", text, count=1)


def is_clause(text: str) -> bool:
    """A verb of its own before any "that", "how", ...: "the team is growing", "you
    launched a product"; not "how the team grew" or "the idea that data is a product"."""
    if EMBEDDED.match(text):
        return False
    if re.match(r"^(?:you|it|there)\b(?!')", text, re.IGNORECASE):
        return True
    if _GROUP_DEED.match(text) or _LIFE_DEED.match(text):
        return True
    verbs = (AUX, _PAST_WITH_OBJECT, _PAST_AT_END, _PAST_AFTER_ADVERB, _SIMPLE_PAST)
    verb = next(filter(None, (v.search(text) for v in verbs)), None)
    if verb is None:
        return False
    before = text[: verb.start()]
    if before.strip() and re.match(r"(?:that|who|which)'s\b", verb.group(0), re.IGNORECASE):
        # "her novel that's coming out": a clause inside a noun phrase, unless a verb of
        # the whole follows it ("the role that's open is new")
        return any(v.search(text[verb.end() :]) for v in verbs)
    if (_PRONOUN_BEFORE.search(before) and count_words(before) > 1) or (
        _OWNER_BEFORE.match(before) and not is_news(before)  # "your dog Bruno came"
    ):
        return False  # "the audit you are running": a clause inside a noun phrase
    return _SUBORDINATOR.search(before) is None and count_words(before) <= 5


def is_news(clause: str) -> bool:
    """Whether a clause tells of the reader's own life: kids, a wedding, a dog."""
    return _LIFE.search(clause) is not None


#: Deeds only someone does: a capital before one starts a name ("Dana built the pipeline",
#: "Grace said the team ships weekly"), not the note ("Sales grew 40%" is about sales).
_DONE_BY_SOMEONE = frozenset(
    ("said", "says", "mentioned", "told", "explained", "noted", "shared", "showed", "built",
     "builds", "led", "leads", "wrote", "founded", "designed", "created", "hired", "runs",
     "manages", "managed", "owns", "thinks", "wants", "joined", "asked", "presented", "demoed",
     "mentored", "taught", "teaches", "started", "invented")
)  # fmt: skip
#: Who is named by a role or pronoun, not a name: "Recruiter said ...", "Team built ...".
_NOT_A_NAME = frozenset(
    ("team", "recruiter", "manager", "interviewer", "panel", "everyone", "someone", "company",
     "ceo", "cto", "cfo", "coo", "vp", "hr", "founder", "cofounder", "co-founder", "director",
     "lead", "boss", "he", "she", "they", "it", "we", "you", "i", "who", "there",
     *words.DETERMINERS)
)  # fmt: skip
#: What follows a participle rather than a deed: "Dashboard built in Looker".
_AFTER_PARTICIPLE = re.compile(r"^(?:by|in|with|at|for|on|from|using|via|to|into|over)?$", re.I)


def named_subject(text: str) -> bool:
    """Whether a note opens with someone named (one or two words with a capital) and a deed
    only a person does, with its object: "Dana built the pipeline", "Dana Kim said so"."""
    tokens = text.split(maxsplit=4)
    for n in (1, 2):
        if len(tokens) < n + 1 or tokens[n].lower() not in _DONE_BY_SOMEONE:
            continue
        after = tokens[n + 1] if len(tokens) > n + 1 else ""
        if all(map(_a_name, tokens[:n])) and not _AFTER_PARTICIPLE.match(after):
            return True
    return False


def _a_name(token: str) -> bool:
    letters = token.replace("-", "").replace("'", "")
    return (
        letters.isalpha()
        and token[0].isupper()
        and not token[1:].isupper()
        and token.lower() not in _NOT_A_NAME
    )


#: Someone named, then what they said: "Grace said (that) ...".
_NAMED_SPEAKER = re.compile(rf"^(\S+)(?:\s+(\S+))?{SAYING}", re.IGNORECASE)


def reported_clause(text: str) -> int:
    """Where what someone said starts, after who said it ("she said", "Grace said"), for a
    clause; 0 if the note does not report one.

    >>> reported_clause("Grace said the team ships weekly"), reported_clause("Grace said hi")
    (11, 0)
    """
    if said := REPORTED.match(text):
        return said.end()
    named = _NAMED_SPEAKER.match(text)
    names = [t for t in named.groups() if t] if named else []
    if named and all(map(_a_name, names)) and is_clause(text[named.end() :]):
        return named.end()
    return 0


#: A deed and no one doing it, past or present ("led the dbt rollout", "grew up in Hanoi",
#: "loves dbt", "coaches soccer"): a note about someone, without saying whom.
_MORE_PAST = ("did", "drove", "saw", "gave", "came", "knew", "taught", "became", "flew", "said")
#: Verbs that rarely open a topic. "leads", "runs", "studies" and "travels" also name things
#: (sales leads, dbt runs, case studies), so they count only before "the", "a", "her", ...
_PRESENT = ("loves", "likes", "enjoys", "hates", "prefers", "wants", "plays", "has", "is",
            "works", "lives", "thinks", "says", "knows", "does", "coaches", "volunteers",
            "teaches", "mentors", "manages", "owns", "cooks", "bakes", "climbs", "speaks",
            "collects", "grows", "hosts", "misses")  # fmt: skip
SUBJECTLESS = re.compile(
    r"^(?:(?:just|recently|finally|already|also)\s+)?"
    rf"((?:co-)?{alternatives((*words.PAST_TENSES, *_MORE_PAST, *_PRESENT))}\b|"
    r"(?:big|huge)\s+on\b|"  # "big on cold calling": what someone is into
    r"(?:leads|runs|studies|travels)(?=\s+(?:a|an|the|their|our|your|its|his|her)\b)|"
    r"(?:(?:pair|mob|live|co|cross|double|deep)[\s-])?"  # "pair programmed on a bug"
    r"(?!(?:speed|need|feed|seed|red|bed)\b)\w+ed(?=\s+(?:a|an|the|their|our|your|its|some|up|"
    r"in|at|to|from|as|on|with|for|into|over)\b))",
    re.IGNORECASE,
)
#: A meal or a coffee, and whom or where ("dinner with the chair at Osteria Nonna"): the
#: occasion, not what was said there.
MEAL = re.compile(r"^(?:lunch|dinner|breakfast|brunch|coffee|drinks)\s+(?:with|at)\b", re.I)
#: An auxiliary before no subject ("is from Lagos", "has 2 kids"): a deed, not a question.
AUXILIARY_DEED = re.compile(
    r"^(?:is|was|has|had|does|did)\s+(?:from|in|at|into|on|a|an|\d|very|really|super|also|"
    r"originally|been|big|huge)\b",
    re.IGNORECASE,
)
