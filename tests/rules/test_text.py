"""The safe-text path: nothing a member types is interpreted or hidden on screen."""

import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from forum_tui.rules.text import BIDI_CONTROLS, fold_name, sanitize, sanitize_line

ESC = "\x1b"

# ------------------------------------------------------------------ what "safe" means


def is_c0(char: str) -> bool:
    return ord(char) < 0x20


def is_c1_or_del(char: str) -> bool:
    return 0x7F <= ord(char) <= 0x9F


def assert_safe(out: str) -> None:
    for char in out:
        assert not (is_c0(char) and char not in "\n\t"), repr(out)
        assert not is_c1_or_del(char), repr(out)
        assert char not in BIDI_CONTROLS, repr(out)
        assert not 0xD800 <= ord(char) <= 0xDFFF, repr(out)
        if unicodedata.category(char) == "Cf":
            # The only format characters left are emoji joiners and flag tags.
            assert char == "\u200d" or 0xE0020 <= ord(char) <= 0xE007F, repr(out)


def render(text: str) -> str:
    """What a terminal would receive for this sanitised text, shown through Rich."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system=None, width=200)
    console.print(Text(text), end="")
    return out.getvalue()


# ------------------------------------------------------------------ curated attacks

ATTACKS = {
    "markup bold": "[bold]x[/]",
    "markup click": "[@click=app.quit]press[/]",
    "markup close": "[/]",
    "markup link": "[link=https://evil]x[/link]",
    "clear screen": ESC + "[2J",
    "csi colour": ESC + "[31mred" + ESC + "[0m",
    "osc 52 clipboard": ESC + "]52;c;aGVsbG8=\x07",
    "osc 8 hyperlink": ESC + "]8;;https://evil\x07click" + ESC + "]8;;\x07",
    "osc st terminator": ESC + "]0;title" + ESC + "\\",
    "c1 csi": "\x9b2J",
    "c1 osc": "\x9d52;c;aGVsbG8=\x9c",
    "dcs": ESC + "P1$r" + ESC + "\\",
    "bell backspace": "ab\x07\x08\x08X",
    "rlo": "abc\u202etxt.exe",
    "isolates": "\u2066x\u2069\u2067y\u2069\u2068z\u2069",
    "marks": "a\u200eb\u200fc\u061cd",
    "zero width": "pa\u200by\u200cp\u2060a\ufeffl\u180e",
    "nul del": "\x00\x7f",
}


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_curated_attacks_render_literally_and_safely(attack):
    out = sanitize(attack)
    assert_safe(out)
    assert_safe(sanitize_line(attack))
    shown = render(out)
    assert ESC not in shown
    assert Text(out).plain == out


@pytest.mark.parametrize(
    "markup", ["[bold]x[/]", "[@click=app.quit]", "[/]", "[link=https://evil]x[/link]"]
)
def test_markup_survives_literally(markup):
    assert sanitize(markup) == markup
    assert sanitize_line(markup) == markup
    assert Text(sanitize(markup)).plain == markup
    assert render(sanitize(markup)) == markup


def test_escape_sequences_become_visible_control_pictures():
    assert sanitize(ESC + "[2J") == "␛[2J"
    assert sanitize(ESC + "]52;c;aGVsbG8=\x07") == "␛]52;c;aGVsbG8=␇"
    assert sanitize("\x00") == "␀"
    assert sanitize("\x7f") == "␡"
    assert sanitize("a\x08b") == "a␈b"


def test_c1_controls_are_shown_by_code():
    assert sanitize("\x9b2J") == "⟪U+009B⟫2J"
    assert sanitize("a\x85b") == "a⟪U+0085⟫b"


def test_bidi_controls_are_shown_not_obeyed():
    assert sanitize("abc\u202etxt.exe") == "abc⟪U+202E⟫txt.exe"
    assert sanitize("\u2066x\u2069") == "⟪U+2066⟫x⟪U+2069⟫"


def test_newlines_and_tabs_stay_in_bodies():
    assert sanitize("one\n\ttwo\n") == "one\n\ttwo\n"


def test_crlf_becomes_lf_and_a_lone_cr_is_visible():
    assert sanitize("a\r\nb\rc") == "a\nb␍c"
    assert sanitize("a\r\r\nb") == "a␍\nb"


def test_unicode_line_separators_become_newlines():
    assert sanitize("a\u2028b\u2029c") == "a\nb\nc"


def test_zero_width_and_invisible_format_characters_are_removed():
    assert sanitize("pa\u200by\u200cp\u2060a\ufeffl") == "paypal"
    assert sanitize("soft\xadhyphen") == "softhyphen"
    assert sanitize("a\u180eb\u034fc") == "abc"
    assert sanitize("a\u3164b") == "ab"  # Hangul filler: a blank "letter"


def test_hidden_tag_characters_are_removed():
    smuggled = "hi" + "".join(chr(0xE0000 + ord(c)) for c in "ignore all rules")
    assert sanitize(smuggled) == "hi"


def test_lone_surrogates_become_replacement_characters():
    assert sanitize("a\ud800b\udfffc") == "a\ufffdb\ufffdc"


@pytest.mark.parametrize(
    "emoji",
    [
        "👩\u200d💻",  # woman technologist
        "👨\u200d👩\u200d👧\u200d👦",  # family
        "🏳\ufe0f\u200d🌈",  # rainbow flag
        "❤\ufe0f\u200d🔥",  # heart on fire
        "👩🏽\u200d💻",  # with a skin tone
        "🧔🏻\u200d♂\ufe0f",  # man, beard, skin tone
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England
        "#\ufe0f\u20e3",  # keycap
        "🇸🇪",  # regional indicator pair
        "⚠\ufe0f",
    ],
)
def test_emoji_sequences_are_kept_intact(emoji):
    assert sanitize(emoji) == emoji
    assert sanitize(f"Mia {emoji} ok") == f"Mia {emoji} ok"
    assert sanitize_line(f" {emoji} ") == emoji


def test_a_joiner_that_joins_no_emoji_is_removed():
    assert sanitize("a\u200db") == "ab"
    assert sanitize("👩\u200d") == "👩"
    assert sanitize("\u200d💻") == "💻"
    assert sanitize("👩\u200d\u200d💻") == "👩💻"


def test_variation_selectors_keep_one_per_character():
    assert sanitize("a\ufe0f\ufe0f\ufe0f") == "a\ufe0f"
    assert sanitize("\ufe0fa") == "a"
    assert sanitize(" \ufe0f") == " "
    hidden = "😀" + "".join(chr(0xE0100 + n) for n in range(40))
    assert sanitize(hidden) == "😀\U000e0100"


def test_accents_and_other_scripts_are_untouched():
    for text in ["Zoë", "naïve café", "日本語のテキスト", "Ελληνικά", "русский", "עברית", "مرحبا"]:
        assert sanitize(text) == text


def test_clean_text_is_returned_as_is():
    text = "Hello, world! [not markup] 1 < 2 & 3 > 2\n\tindented"
    assert sanitize(text) is text


def test_sanitize_line_joins_lines_and_strips():
    assert sanitize_line("  Title\nwith\ttab \r\n") == "Title with tab"
    assert sanitize_line("a\u2028b") == "a b"
    assert sanitize_line("\x1b[2J title") == "␛[2J title"


# ------------------------------------------------------------------ properties

# Text biased toward the characters that matter: controls, bidi, joiners, selectors,
# emoji, surrogates, tags, plus anything at all.
DANGEROUS = (
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + sorted(BIDI_CONTROLS)
    + list("\u200b\u200c\u200d\u2060\ufeff\u180e\xad\u2028\u2029\ufe0e\ufe0f\u3164")
    + ["\U000e0067", "\U000e007f", "\U000e0100", "\U0001f3f4", "\U0001f3fd", "\ud800"]
    + list("👩💻🌈🏳❤🔥#⃣ a[]/=@")
)
any_text = st.text(
    alphabet=st.one_of(st.sampled_from(DANGEROUS), st.characters(codec=None)), max_size=80
)


@settings(max_examples=400)
@given(any_text)
def test_sanitize_output_holds_no_control_bidi_or_hidden_format_character(text):
    assert_safe(sanitize(text))


@settings(max_examples=300)
@given(any_text)
def test_sanitize_is_idempotent(text):
    once = sanitize(text)
    assert sanitize(once) == once


@settings(max_examples=300)
@given(any_text)
def test_sanitize_line_is_single_line_stripped_and_idempotent(text):
    line = sanitize_line(text)
    assert_safe(line)
    assert "\n" not in line and "\t" not in line
    assert line == line.strip()
    assert sanitize_line(line) == line


@settings(max_examples=200)
@given(any_text)
def test_rich_shows_sanitized_text_literally_with_no_escape(text):
    out = sanitize(text)
    assert Text(out).plain == out
    assert ESC not in render(out)


# Characters that ``sanitize`` removes although they are not controls or format characters.
DROPPED_BLANKS = set("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


def is_variation_selector(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("VARIATION SELECTOR", "MONGOLIAN FREE"))


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Cn", "Zl", "Zp")).filter(
            lambda c: c not in DROPPED_BLANKS and not is_variation_selector(c)
        )
    )
)
def test_ordinary_text_passes_unchanged(text):
    assert sanitize(text) == text


# ------------------------------------------------------------------ name folding


@pytest.mark.parametrize(
    "name",
    [
        "Spotify",
        "SPOTIFY",
        "Spоtify",  # Cyrillic о
        "Ѕроtіfу",  # mostly Cyrillic
        "SP0TIFY",
        "5P0T1FY",
        "Spot|fy",
        "SPOTlFY",  # lower-case l for I
        "Ｓｐｏｔｉｆｙ",  # fullwidth
        "𝐒𝐩𝐨𝐭𝐢𝐟𝐲",  # mathematical bold
        "Spo\u200btify",  # zero width space inside
        "S.p-o_t i\u00adfy",
        "Spötífý",
        "🇸🇵🇴🇹🇮🇫🇾",
    ],
)
def test_fold_name_sees_through_look_alikes(name):
    assert fold_name(name) == fold_name("spotify") == "spotify"


def test_fold_name_drops_separators_and_case():
    assert fold_name("Spotify_Staff") == fold_name("spotifystaff") == "spotifystaff"
    assert fold_name("Spotify Staff") == fold_name("spotify.staff") == fold_name("SPOTIFY-STAFF")


def test_fold_name_folds_greek_and_cyrillic_capitals():
    assert fold_name("ΜΟDΕRΑΤΟR") == "moderator"
    assert fold_name("МОDЕRАТОR") == "moderator"
    assert fold_name("rnoderator") == "moderator"


def test_fold_name_keeps_different_names_apart():
    assert fold_name("alice") != fold_name("bob")
    assert fold_name("Zoë") == fold_name("zoe")
    assert fold_name("日本") == "日本"


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_fold_name_is_idempotent_and_alphanumeric(name):
    key = fold_name(name)
    assert fold_name(key) == key
    assert all(char.isalnum() for char in key)
