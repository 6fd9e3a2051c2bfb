"""The Idea Exchange requirements, checked on an idea's subject and body (pure, offline).

``check_idea_requirements(title, body, labels)`` is what the store asks at submit. It
keeps ``guidelines.check_idea``'s label refusal and its phrase families (roll-back,
pricing or content, new country) and decides three requirements here, where they were
measured on a labelled sample (``benchmarks/idea_requirements.py`` prints precision and
recall per requirement):

- 2, posted in English: :func:`looks_english`, a stop-word method of our own rather than
  a dependency. Ideas are short (often under 40 words), where the n-gram detectors on
  PyPI guess poorly and weigh megabytes of profiles; what tells an idea apart is its
  function words. The text is not English when most of its letters are outside the Latin
  script, or when another language's function words (thirteen languages) outnumber
  English ones, or when accented words are common and English function words rare.
- 3, one change request per idea: two or more list items, two or more requests joined
  by "also", "another thing", "as well", "too", "additionally", ..., two such joining
  words, or four requests.
- 5, enough detail: fewer than :data:`MIN_WORDS` words (CJK text counts two characters
  a word). How well the idea is written is left to the moderators: checking for "how it
  works now" words flagged good ideas as often as bad ones on the sample.

Content requests ("add this podcast to the catalogue") and "launch them in <country>"
are caught here too, beside ``check_idea``'s own patterns. Requirements 1 (the
Community Guidelines: ``check_post`` runs on every idea) and 4 (an existing idea: the
submit form lists similar ideas as the subject is typed) are not checked here.
"""

from __future__ import annotations

import re
import unicodedata

from forum_tui.rules.guidelines import Finding, Severity, check_idea

#: Fewer words than this is too little detail (requirement 5).
MIN_WORDS = 20
#: Characters of the idea the language is judged on.
LANGUAGE_SAMPLE = 4000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LABEL = re.compile(r"\[[^\[\]\n]{1,40}\]")

_ENGLISH = frozenset(
    """
    the a an and or but of to in on at for with from by about as into like through after
    over between out against during without before under around is are was were be been
    being have has had do does did will would should can could may might must i me my we
    our us you your he him his she her it its they them their this that these those what
    which who whom when where why how all any both each few more most other some such no
    not only own same so than too very just there here if then because while also up down
    please add make want option able it's i'm don't can't i'd i'll i've isn't doesn't
    there's let way get would've currently right now instead every once again still even
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

_FOREIGN_WORDS = {
    "Spanish": "el los las del que por para con una pero como más muy también esta este "
    "está están hay puedo quiero sería cuando porque ahora siempre nada todo todos hacer "
    "tiene tengo favor poder sus sin sobre yo ya la lo se mi es y en al un",
    "French": "le les des du et est une pour dans qui pas je vous nous il elle avec cette "
    "mais ou très aussi peut être mes mon sont ont fait faire merci serait veux quand "
    "comme tout sur au aux ce ça la un en de j'aimerais c'est n'est il n'y",
    "German": "der das und ist nicht ein eine einen ich sie mit für auf den dem zu auch "
    "wenn bitte oder sehr kann wäre habe wir es sind wird werden noch nur schon mehr gibt "
    "möchte würde diese dieser dass wie bei aus von im vom zum zur die immer",
    "Portuguese": "não um uma com mais muito isso eu você seria quando ele ela nós são tem "
    "obrigado gostaria da do dos das em ao que para por os como pelo pela só mas",
    "Italian": "il gli della che è sono anche questo questa molto vorrei sarebbe grazie di "
    "nel alla non per una un con del le si da al come più quando",
    "Dutch": "het een en van ik niet zijn voor ook maar wel graag kunnen zou wordt worden "
    "naar bij nog deze mijn jij je heb hebben er te op dat als altijd",
    "Swedish": "och att det som är jag inte för med den till av på har ett vill skulle "
    "kan när eller också alla mitt min hur vara finns nu efter innan",
    "Norwegian and Danish": "og er ikke jeg til på med det som har kan vil være hvis eller "
    "også alle min mitt når skulle bare",
    "Polish": "nie jest się że na do to jak ale czy dla mnie przez gdy tylko jestem być "
    "może żeby oraz już bardzo kiedy chciałbym byłoby aby nad",
    "Turkish": "ve bir bu da de için ile çok daha gibi ama ne olarak değil sonra kadar her "
    "şu ben olsun olurdu isterim bütün yok",
    "Indonesian": "dan yang di ini itu untuk dengan tidak ada saya bisa akan dari pada "
    "juga karena atau sudah lagi setiap sangat agar sekarang jadi",
    "Finnish": "ja on ei että se kun mutta tai myös kuin niin ovat olla minä jos voisi "
    "pitäisi haluaisin",
    "Romanian": "și este nu că cu pe pentru mai sau este sunt acest această foarte ar fi vreau",
}

_FOREIGN = {
    language: frozenset(words.split()) - _ENGLISH for language, words in _FOREIGN_WORDS.items()
}


def looks_english(text: str) -> bool:
    """A guess from the text's script and function words; True without evidence either way
    (a few words, names, numbers)."""
    sample = _LABEL.sub(" ", text[:LANGUAGE_SAMPLE])
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) >= 5:
        latin = sum(1 for ch in letters if _is_latin(ch))
        if latin < 0.7 * len(letters):
            return False
    words = [w.replace("’", "'") for w in _WORD.findall(sample.lower())]
    if len(words) < 3:
        return True
    english = sum(word in _ENGLISH for word in words)
    foreign = max(sum(word in stop for word in words) for stop in _FOREIGN.values())
    accented = sum(not word.isascii() for word in words)
    if foreign >= 2 and foreign > english:
        return False
    return not (accented >= 0.15 * len(words) and english < 0.2 * len(words))


def _is_latin(ch: str) -> bool:
    if ch.isascii():
        return True
    try:
        return "LATIN" in unicodedata.name(ch)
    except ValueError:
        return False


def word_count(text: str) -> int:
    """Words in ``text``; in Chinese, Japanese and Korean two characters count a word."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // 2


# ---------------------------------------------------------------------- several requests

_LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*•+])[ \t]+\S", re.MULTILINE)
_REQUEST = re.compile(
    r"\b(?:please\s+\w+|(?:could|can|would)\s+you|i['’]d\s+(?:like|love)"
    r"|i\s+(?:would\s+)?(?:like|love|want)|it\s+would\s+be\s+(?:nice|great|cool|good|handy"
    r"|useful|helpful|awesome)|(?:also|and)\s+(?:add|make|let|allow|show|remember|keep"
    r"|bring|give|include|respect|resume)|^(?:add|make|let|allow|show|remember|keep|bring"
    r"|give|include|respect|resume)\s|there\s+should\s+be|should\s+(?:add|be\s+able))",
    re.MULTILINE,
)
_CONNECTOR = re.compile(
    r"\b(?:and\s+also|also\s+(?:add|please|make|allow|let|show|it\s+would|would|could"
    r"|i['’]?d|i\s+would)|another\s+(?:idea|thing|request|suggestion|feature|one)"
    r"|additionally|in\s+addition|one\s+more\s+thing|secondly|first(?:ly)?,|three\s+things"
    r"|two\s+things|several\s+(?:ideas|things|requests)|while\s+you['’]re\s+at\s+it"
    r"|as\s+well\s+as|a\s+few\s+things|and\s+please)\b|\btoo\.|,\s+and\s+(?:also\s+)?(?:show|add|make"
    r"|let|allow|please)\b"
)


def several_requests(body: str) -> bool:
    """Two or more list items, two requests and a joining word, or four requests."""
    low = body.lower()
    if len(_LIST_ITEM.findall(body)) >= 2:
        return True
    sentences = re.split(r"(?<=[.!?])\s+|\n", low)
    requests = sum(len(_REQUEST.findall(sentence.strip())) for sentence in sentences)
    if requests >= 4:
        return True
    joins = len(_CONNECTOR.findall(low))
    return joins >= 2 or (requests >= 2 and joins >= 1)


# ---------------------------------------------------------------------- content, country

_CONTENT = re.compile(
    r"\b(?:add|upload|bring|put)\s+(?:the\s+|this\s+|that\s+|her\s+|his\s+|their\s+)?"
    r"(?:podcast|album|song|track|audiobook|soundtrack|discography|artist)s?\b.{0,60}?"
    r"\b(?:to|in|into|back\s+to)\s+(?:the\s+)?(?:catalogue|catalog|app|spotify|service)\b"
    r"|\b(?:podcast|album|song|audiobook|soundtrack)\s+(?:is|are)\s+(?:still\s+)?"
    r"(?:missing|not\s+available|unavailable)\b"
)
_COUNTRY_EXTRA = re.compile(
    r"\b(?i:launch|release|bring)\s+(?i:them|spotify|premium|it|the\s+app)\s+(?i:in|to)\s+"
    r"(?!my\b|our\b|the\s+(?:app|queue|playlist))[A-Z][a-z]+",
)


def _extra_findings(text: str, have: set[int]) -> list[Finding]:
    found = []
    low = text.lower()
    if 7 not in have and (match := _CONTENT.search(low)):
        found.append(_warning("idea_pricing", 7, _PRICING_MESSAGE, text, match.span()))
    if 8 not in have and (match := _COUNTRY_EXTRA.search(text)):
        found.append(_warning("idea_country", 8, _COUNTRY_MESSAGE, text, match.span()))
    return found


_PRICING_MESSAGE = (
    "This reads like a pricing, subscription or content request (“{phrase}”). Prices, plans "
    "and the catalogue differ by market and can't be taken as ideas"
)
_COUNTRY_MESSAGE = (
    "This reads like a request for availability in a new country (“{phrase}”). Those can't "
    "be taken as ideas"
)
_LANGUAGE_MESSAGE = (
    "This doesn't look like English. Ideas should be posted in English, the Community's "
    "language, so everyone can vote on them"
)
_SEVERAL_MESSAGE = (
    "This looks like several requests in one idea. Post one change per idea, so votes "
    "count for exactly what people want"
)
_DETAIL_MESSAGE = (
    "Your idea has {words}. Describe how the app works now, then the change you'd like and "
    "which platform or screen it's for"
)


def _warning(
    rule: str, requirement: int, message: str, text: str = "", span=None, detail: str = ""
) -> Finding:
    if span is not None:
        phrase = " ".join(text[span[0] : span[1]].split())
        phrase = phrase if len(phrase) <= 40 else f"{phrase[:39]}…"
        message, detail = message.format(phrase=phrase), phrase
    return Finding(
        rule,
        Severity.WARN,
        f"{message} (Idea Exchange requirement {requirement}).",
        requirement=requirement,
        detail=detail,
        report_if_posted=True,
    )


#: check_idea's findings decided here instead.
_DECIDED_HERE = frozenset({"idea_language", "idea_several", "idea_detail"})


def check_idea_requirements(title: str, body: str, labels: tuple[str, ...]) -> tuple[Finding, ...]:
    """Every requirement finding for an idea titled ``title`` (its [label] included):
    a missing or unknown label refuses; the rest warn and report if posted anyway."""
    kept = [f for f in check_idea(title, body, labels) if f.rule not in _DECIDED_HERE]
    text = f"{_LABEL.sub(' ', title)}\n{body}"
    english = looks_english(text)
    found: list[Finding] = []
    if not english:
        found.append(_warning("idea_language", 2, _LANGUAGE_MESSAGE))
    if several_requests(body):
        found.append(_warning("idea_several", 3, _SEVERAL_MESSAGE))
    words = word_count(body)
    if words < MIN_WORDS:
        plural = f"{words} word" if words == 1 else f"{words} words"
        found.append(_warning("idea_detail", 5, _DETAIL_MESSAGE.format(words=plural)))
    found += _extra_findings(text, {f.requirement for f in kept if f.requirement})
    order = {finding: index for index, finding in enumerate(kept + found)}
    return tuple(sorted(kept + found, key=lambda f: (f.requirement or 0, order[f])))
