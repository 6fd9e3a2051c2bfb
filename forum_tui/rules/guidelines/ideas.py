"""The Idea Exchange requirements for an idea's subject and body: :func:`check_idea`.

What the store asks at submit and the idea form shows as the member writes. A missing or
unknown [label] is refused; each other requirement is a warning that files a report if
the idea is posted anyway. Measured on a labelled sample (``benchmarks/idea_requirements.py``
prints precision and recall per requirement):

- 2, posted in English: ``language.looks_english``.
- 3, one change request per idea: two or more list items, two or more requests joined
  by "also", "another thing", "as well", "too", "additionally", ..., two such joining
  words, or four requests.
- 5, enough detail: fewer than :data:`MIN_WORDS` words (CJK text counts two characters
  a word). How well the idea is written is left to the moderators: checking for "how it
  works now" words flagged good ideas as often as bad ones on the sample.
- 6, 7, 8: phrase families (a roll-back; pricing, subscription or content, "add this
  podcast to the catalogue"; a new country, "launch them in <country>").

Requirements 1 (the Community Guidelines: ``check_post`` runs on every idea) and 4 (an
existing idea: the submit form lists similar ideas as the subject is typed) are not
checked here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from forum_tui.rules.guidelines.findings import Finding, Severity
from forum_tui.rules.guidelines.language import looks_english
from forum_tui.rules.guidelines.wording import _at_word_start, _lower, _short, plural

_LABEL = re.compile(r"\[([^\[\]\n]{1,40})\]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

#: Fewer words than this is too little detail (requirement 5).
MIN_WORDS = 20

# The idea patterns below run on lower-cased text (no re.IGNORECASE) and start with a
# literal, the word boundary before them checked in Python: see _word_matches.
_ROLLBACK = re.compile(
    r"(?:bring\s+back\s+the\s+(?:old|previous|original|former)"
    r"|revert(?:ed|ing)?|roll(?:ed|ing)?[\s-]?back|rollback"
    r"|undo\s+(?:the|this|that)\s+(?:\w+\s+)?(?:update|change|redesign)"
    r"|go\s+back\s+to\s+the\s+(?:old|previous|original)"
    r"|(?:old|previous|original)\s+(?:ui|layout|design|version|interface)\s+back"
    r"|put\s+(?:it|things|everything)\s+back\s+(?:the\s+way|how)\s+it\s+was)\b"
)
_PRICING = re.compile(
    r"(?:cheaper|price[sd]?|pricing|discounts?|too\s+expensive"
    r"|(?:student|family|duo|senior|military|teacher|loyalty)\s+(?:discount|plan\s+price|price)"
    r"|subscription\s+(?:price|cost|fee)s?|lower\s+the\s+(?:price|cost)"
    r"|make\s+premium\s+free|free\s+premium"
    r"|(?:add|upload|put)\s+(?:the\s+|this\s+|that\s+|their\s+|his\s+|her\s+)?"
    r"(?:album|song|track|ep|single|discography|soundtrack|audiobook)s?\b"
    r"(?!\s+(?:to|into|in)\s+(?:my|a|the|your|queue|playlists?|folders?|library)\b)"
    r"|(?:remove|delete|take\s+down)\s+(?:this|that|the)\s+(?:song|track|album|artist|podcast"
    r"|episode)"
    r"|(?:album|song|track|discography)\s+(?:is\s+)?(?:missing|not\s+available|unavailable))\b"
)
_COUNTRIES = (
    "Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria"
    "|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan"
    "|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon"
    "|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia"
    "|Czech Republic|Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea"
    "|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana"
    "|Greece|Guatemala|Guinea|Guyana|Haiti|Honduras|Hong Kong|Hungary|Iceland|India"
    "|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan"
    "|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya"
    "|Liechtenstein|Lithuania|Luxembourg|Macau|Madagascar|Malawi|Malaysia|Maldives|Mali"
    "|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco"
    "|Mozambique|Myanmar|Namibia|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria"
    "|North Korea|North Macedonia|Norway|Oman|Pakistan|Palestine|Panama|Papua New Guinea"
    "|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa"
    "|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia"
    "|Slovenia|Somalia|South Africa|South Korea|South Sudan|Korea|Spain|Sri Lanka|Sudan"
    "|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga"
    "|Trinidad|Tunisia|Turkey|Türkiye|Turkmenistan|Uganda|Ukraine|United Arab Emirates|UAE"
    "|United Kingdom|UK|United States|USA|Uruguay|Uzbekistan|Vanuatu|Venezuela|Vietnam"
    "|Yemen|Zambia|Zimbabwe|Crimea"
)
# "launch in", "available in", "bring Spotify to" ... followed by a country's name (in
# the original text: names are capitalised), or about "my country" / "more countries".
_COUNTRY_TRIGGER = re.compile(
    r"(?:launch(?:ed|ing)?\s+(?:spotify\s+|it\s+)?in|available\s+in"
    r"|bring\s+(?:spotify|it|premium)\s+to|(?:come|coming|expand|expanding)\s+to"
    r"|release\s+(?:spotify|it|premium)\s+in|support\s+for)\s+(?:the\s+)?"
)
_COUNTRY_NAME = re.compile(r"(?:" + _COUNTRIES + r")\b")
_COUNTRY_ANY = re.compile(
    r"(?:bring\s+spotify\s+to"
    r"|(?:available|launch\w*|release\w*|come|coming)\s+(?:to|in)\s+(?:my|our)\s+"
    r"(?:country|region)"
    r"|(?:more|new|other)\s+countries)\b"
)


def _word_matches(pattern: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` in lower-cased ``low`` that start at the start of a word."""
    for match in pattern.finditer(low):
        if _at_word_start(low, match.start()):
            yield match


def _first_word_match(pattern: re.Pattern[str], low: str) -> re.Match[str] | None:
    return next(_word_matches(pattern, low), None)


def _country_match(text: str, low: str) -> tuple[int, int] | None:
    for trigger in _word_matches(_COUNTRY_TRIGGER, low):
        name = _COUNTRY_NAME.match(text, trigger.end())
        if name:
            return trigger.start(), name.end()
    other = _first_word_match(_COUNTRY_ANY, low) or _COUNTRY_EXTRA.search(text)
    return other.span() if other else None


def word_count(text: str) -> int:
    """Words in ``text``; in Chinese, Japanese and Korean two characters count a word."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // 2


_LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*•+])[ \t]+(\S.*)$", re.MULTILINE)
#: A list item that is itself a step someone takes (how the app works now), not a request.
_STEP = re.compile(
    r"(?:open|tap|click|go|press|select|choose|scroll|swipe|search|find|long[\s-]press)"
    r"\b|there\s+is|it\s+(?:shows|opens|plays)"
)
_PLEASE_VERB = re.compile(
    r"\bplease\s+(add|make|let|allow|bring|give|include|implement|change|fix|remove|introduce)\b"
)
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
    """Two or more list items (not steps: "1. Open the app"), two different "please
    <verb>", two requests and a joining word, or four requests."""
    low = body.lower()
    items = [item for item in _LIST_ITEM.findall(low) if not _STEP.match(item)]
    if len(items) >= 2 or len(set(_PLEASE_VERB.findall(low))) >= 2:
        return True
    sentences = re.split(r"(?<=[.!?])\s+|\n", low)
    requests = sum(len(_REQUEST.findall(sentence.strip())) for sentence in sentences)
    if requests >= 4:
        return True
    joins = len(_CONNECTOR.findall(low))
    return joins >= 2 or (requests >= 2 and joins >= 1)


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


def _idea_label_finding(subject: str, labels: tuple[str, ...]) -> Finding | None:
    if not labels:
        return None
    known = {label.casefold(): label for label in labels}
    given = [m.group(1).strip() for m in _LABEL.finditer(subject)]
    if any(g.casefold() in known for g in given):
        return None
    some = ", ".join(labels[:6]) + (f" and {len(labels) - 6} more" if len(labels) > 6 else "")
    example = f"e.g. [{labels[0]}] Add a sleep timer"
    if given:
        close = difflib.get_close_matches(given[0].casefold(), list(known), n=1, cutoff=0.6)
        hint = f" Did you mean [{known[close[0]]}]?" if close else ""
        message = (
            f"[{_short(given[0], 30)}] isn't one of the idea labels.{hint} "
            f"Use a label in [square brackets] in the subject, {example}. Labels: {some}."
        )
    else:
        message = f"Add a label in [square brackets] to the subject, {example}. Labels: {some}."
    return Finding("idea_label", Severity.REFUSE, message, detail=given[0] if given else "")


def _idea_warning(rule: str, requirement: int, message: str, detail: str = "") -> Finding:
    return Finding(
        rule,
        Severity.WARN,
        f"{message} (Idea Exchange requirement {requirement}).",
        requirement=requirement,
        detail=detail,
        report_if_posted=True,
    )


def check_idea(subject: str, body: str, labels: tuple[str, ...]) -> tuple[Finding, ...]:
    """The Idea Exchange requirements for an idea's subject and body, in requirement order.

    A missing or unknown [label] (one of ``labels``, any case, anywhere in the subject) is
    refused. The rest are warnings that file a report if posted anyway: not in English (2),
    several requests (3), too little detail (5), a roll-back request (6), a pricing,
    subscription or content request (7), a new-country request (8).
    """
    label = _idea_label_finding(subject, labels)
    findings = [label] if label else []
    text = f"{_LABEL.sub(' ', subject)}\n{body}"
    low = _lower(text)
    if not looks_english(text):
        findings.append(_idea_warning("idea_language", 2, _LANGUAGE_MESSAGE))
    if several_requests(body):
        findings.append(_idea_warning("idea_several", 3, _SEVERAL_MESSAGE))
    words = word_count(body)
    if words < MIN_WORDS:
        message = _DETAIL_MESSAGE.format(words=plural(words, "word"))
        findings.append(_idea_warning("idea_detail", 5, message))
    if match := _first_word_match(_ROLLBACK, low):
        findings.append(_phrase_warning("idea_rollback", 6, _ROLLBACK_MESSAGE, text, match.span()))
    if span := _pricing_match(low):
        findings.append(_phrase_warning("idea_pricing", 7, _PRICING_MESSAGE, text, span))
    if span := _country_match(text, low):
        findings.append(_phrase_warning("idea_country", 8, _COUNTRY_MESSAGE, text, span))
    return tuple(findings)


def _pricing_match(low: str) -> tuple[int, int] | None:
    match = _first_word_match(_PRICING, low) or _CONTENT.search(low)
    return match.span() if match else None


def _phrase_warning(
    rule: str, requirement: int, message: str, text: str, span: tuple[int, int]
) -> Finding:
    """A warning quoting the phrase at ``span`` of ``text`` (shortened) as it was typed."""
    phrase = _short(text[span[0] : span[1]], 40)
    return _idea_warning(rule, requirement, message.format(phrase=phrase), phrase)


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
_ROLLBACK_MESSAGE = (
    'This reads like a request to roll back an update ("{phrase}"). Ideas can\'t ask for '
    "complete roll-backs; suggest one specific change instead"
)
_PRICING_MESSAGE = (
    'This reads like a pricing, subscription or content request ("{phrase}"). Prices, '
    "plans and the catalogue differ by market and can't be taken as ideas"
)
_COUNTRY_MESSAGE = (
    'This reads like a request for availability in a new country ("{phrase}"). Those '
    "can't be taken as ideas"
)
