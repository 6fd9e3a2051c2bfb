"""The Idea Exchange requirements for an idea's subject and body: :func:`check_idea`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from itertools import islice

from forum_tui.rules.guidelines.findings import Finding, Severity
from forum_tui.rules.guidelines.wording import _at_word_start, _lower, _short, plural

_LABEL = re.compile(r"\[([^\[\]\n]{1,40})\]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

_ENGLISH = frozenset(
    """
    the a an and or but of to in on at for with from by about as into like through after
    over between out against during without before under around is are was were be been
    being have has had do does did will would should can could may might must i me my we
    our us you your he him his she her it its they them their this that these those what
    which who whom when where why how all any both each few more most other some such no
    not only own same so than too very just there here if then because while also up down
    please add make want option able app song songs playlist playlists music listen
    it's i'm don't can't i'd i'll i've isn't doesn't there's it'd let way would've get
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
_FOREIGN = frozenset(
    """
    el los las del que por para con una pero como más muy también esta este está están hay
    puedo quiero sería cuando porque canción canciones ahora siempre nada todo todos hacer
    tiene tengo favor poder aplicación sus sin sobre yo ya mí la lo
    le les des du et est une pour dans qui pas je vous nous il elle avec cette mais ou très
    aussi peut être mes mon sont ont fait faire chansons musique merci ajouter serait veux
    quand comme tout sur au aux ce ça
    der das und ist nicht ein eine einen ich sie mit für auf den dem zu auch wenn bitte
    oder sehr kann wäre habe wir es sind wird werden noch nur schon mehr gibt möchte würde
    diese dieser dass wie bei aus von im vom zum zur hinzufügen musik
    não um uma com mais muito isso eu você seria quando ele ela nós são tem música músicas
    obrigado gostaria da do dos das em ao
    il gli della che è sono anche questo questa molto vorrei sarebbe canzoni grazie di nel
    alla
    het een en van ik niet zijn voor ook maar wel graag kunnen zou wordt worden naar bij nog
    deze mijn jij je heb hebben liedjes muziek toevoegen er te op
    de
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

# The idea patterns below run on lower-cased text (no re.IGNORECASE) and start with a
# literal, the word boundary before them checked in Python: see _word_matches.
_LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*•+])[ \t]+(.*)$", re.MULTILINE)
_REQUEST_START = re.compile(
    r"(?:please\s+)?(?:add|allow|make|let|give|show|include|bring|support|enable|create"
    r"|introduce|implement|change|remove|fix|improve|option|ability"
    r"|an?\s+(?:option|button|setting|way|toggle|feature))\b"
)
_REQUEST = re.compile(
    r"(?:please\s+(?:add|make|let|allow|bring|give|include|implement|change|fix|remove"
    r"|introduce)"
    r"|(?:could|can|would)\s+you\s+(?:please\s+)?(?:add|make|let|allow|bring|give|include"
    r"|implement|change)"
    r"|i(?:'d|’d|\s+would)\s+(?:like|love)"
    r"|it\s+would\s+be\s+(?:nice|great|cool|good|awesome|helpful|useful)"
    r"|there\s+should\s+be"
    r"|(?:we|you)\s+should\s+(?:add|make|be\s+able)"
    r"|add\s+(?:an?\s+)?(?:option|button|setting|toggle|feature|way))\b"
)
_PLEASE = re.compile(
    r"please\s+(?:add|make|let|allow|bring|give|include|implement|change|fix|remove"
    r"|introduce)\b"
)
_CONNECTOR = re.compile(
    r"(?:and\s+also|also\s+(?:add|please|make|allow|let|it\s+would|would|could|i['’]?d"
    r"|i\s+would)|another\s+(?:idea|thing|request|suggestion|feature|one)|additionally"
    r"|in\s+addition|one\s+more\s+thing|secondly)\b"
)
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
_CURRENT_BEHAVIOUR = re.compile(
    r"(?:currently|right\s+now|at\s+the\s+moment|at\s+present|presently|nowadays|now"
    r"|today|as\s+of\s+now|when\s+(?:i|you|we)|there\s+(?:is|are)\s+no|there['’]s\s+no"
    r"|there\s+isn['’]t|there\s+aren['’]t|doesn['’]t|does\s+not|don['’]t|do\s+not"
    r"|can['’]t|cannot|can\s+not|isn['’]t|is\s+not|only|always|never|has\s+to|have\s+to"
    r"|instead)\b"
)
_LANGUAGE_SAMPLE = 5000  # characters; enough to tell a language apart
_IDEA_MIN_WORDS = 20


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
    other = _first_word_match(_COUNTRY_ANY, low)
    return other.span() if other else None


def clearly_not_english(text: str) -> bool:
    """A cheap, conservative guess from the first few thousand characters: most letters
    outside the Latin script, or Latin text whose common words are clearly another
    language's and rarely English's. Text with no such evidence counts as English."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not sample.isascii():
        letters = len(_LETTER.findall(sample))
        if letters >= 5 and len(_LATIN_LETTER.findall(sample)) < letters / 2:
            return True
    words = _WORD.findall(sample.lower().replace("’", "'"))
    if len(words) < 5:
        return False
    english = sum(word in _ENGLISH for word in words)
    foreign = sum(word in _FOREIGN for word in words)
    return foreign >= 0.2 * len(words) and english * 2 < foreign


def _several_requests(body: str, low: str) -> bool:
    listed = sum(1 for item in _LIST_ITEM.finditer(low) if _REQUEST_START.match(item.group(1)))
    if listed >= 2:
        return True
    if "please" in low and len({m.group() for m in _word_matches(_PLEASE, low)}) >= 2:
        return True
    requests = sum(1 for _ in _word_matches(_REQUEST, low))
    return requests >= 4 or (requests >= 2 and _first_word_match(_CONNECTOR, low) is not None)


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
    """The Idea Exchange requirements for an idea's subject and body.

    A missing or unknown [label] (one of ``labels``, any case, anywhere in the subject) is
    refused. The rest are warnings that file a report if posted anyway: not in English (2),
    several requests (3), too little detail (5), a roll-back request (6), a pricing,
    subscription or content request (7), a new-country request (8).
    """
    findings: list[Finding] = []
    label = _idea_label_finding(subject, labels)
    if label:
        findings.append(label)
    text = f"{_LABEL.sub(' ', subject)}\n{body}"
    low = _lower(text)
    body_low = low[len(text) - len(body) :]
    not_english: Finding | None = None
    if clearly_not_english(text):
        not_english = _idea_warning(
            "idea_language",
            2,
            "This doesn't look like English. Ideas should be posted in English, "
            "the Community's language",
        )
        findings.append(not_english)
    if _several_requests(body, body_low):
        findings.append(
            _idea_warning(
                "idea_several",
                3,
                "This looks like several requests in one idea. Post one change per idea, "
                "so votes count for exactly what people want",
            )
        )
    if match := _first_word_match(_ROLLBACK, low):
        phrase = _short(text[match.start() : match.end()], 40)
        findings.append(
            _idea_warning(
                "idea_rollback",
                6,
                f'This reads like a request to roll back an update ("{phrase}"). Ideas '
                "can't ask for complete roll-backs; suggest one specific change instead",
                phrase,
            )
        )
    if match := _first_word_match(_PRICING, low):
        phrase = _short(text[match.start() : match.end()], 40)
        findings.append(
            _idea_warning(
                "idea_pricing",
                7,
                f'This reads like a pricing, subscription or content request ("{phrase}"). '
                "Prices, plans and the catalogue differ by market and can't be taken as ideas",
                phrase,
            )
        )
    if span := _country_match(text, low):
        phrase = _short(text[span[0] : span[1]], 40)
        findings.append(
            _idea_warning(
                "idea_country",
                8,
                f'This reads like a request for availability in a new country ("{phrase}"). '
                "Those can't be taken as ideas",
                phrase,
            )
        )
    words = sum(1 for _ in islice(_WORD.finditer(body), _IDEA_MIN_WORDS))
    if words < _IDEA_MIN_WORDS:
        findings.append(
            _idea_warning(
                "idea_detail",
                5,
                f"Your idea has {plural(words, 'word')}. Describe how the app works now, "
                "then the change you'd like and which platform or screen it's for",
            )
        )
    elif not_english is None and _first_word_match(_CURRENT_BEHAVIOUR, body_low) is None:
        findings.append(
            _idea_warning(
                "idea_detail",
                5,
                "Start with how the app works now, then describe the change you'd like",
            )
        )
    return tuple(findings)
