"""Post bodies as Markdown, through the safe-text path.

A body is sanitised with ``forum_tui.rules.text.sanitize`` (the same function behind
``widgets.safe``), parsed with markdown-it (CommonMark, raw HTML off so ``<script>`` shows
literally, bare ``http(s)://`` addresses linkified), and every piece of text that comes
out of the parser is sanitised again (character references such as ``&#x202E;`` decode to
controls *after* the first pass). Pieces become ``textual.content.Content`` built from
plain strings: Rich or Textual markup in a post is never interpreted.

Links are never clickable: they carry no ``link`` style and no ``@click`` action. Each is
shown as its text, underlined, followed by ``[n]``; ``find_links`` lists them in the same
order, and the thread screen's ``o`` opens one only after a confirmation (see
``screens.link_dialog``), and only for http and https.

- ``markdown_body(text)``: a :class:`MarkdownBody` Visual for a widget (one per post):
  wraps to the width with hanging indents for list items and the quote bar on every row.
- ``render_markdown(text, width=None)``: the same as one multi-line ``Content`` (unwrapped
  when ``width`` is None), for excerpts and tests.
- ``find_links(text)``: the :class:`Link` objects, numbered like the ``[n]`` markers.

Parsed documents and their Visuals are cached by body text, so re-mounting a page of 40
posts renders nothing twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from forum_tui.rules.text import sanitize, sanitize_line

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

__all__ = [
    "Document",
    "Link",
    "MarkdownBody",
    "find_links",
    "markdown_body",
    "parse_markdown",
    "render_markdown",
]

# Styles (theme variables only, so dark, light and NO_COLOR all work).
HEADING = "bold $text-primary"
HEADING_MINOR = "bold"
HEADING_RULE = {1: ("━", "$primary"), 2: ("─", "$primary 60%")}
CODE_INLINE = "$text-warning on $warning 10%"
CODE_BLOCK = "on $foreground 7%"
QUOTE_BAR = "$text-muted"
QUOTE_TEXT = "dim"
LINK_TEXT = "underline"
LINK_MARK = "$text-accent"
IMAGE = "italic $text-muted"
MARKER = "$text-secondary"
RULE = "$foreground 30%"

BULLETS = ("•", "◦", "▪")
BAR = "▎ "
#: Length of a horizontal rule when there is no width to fill (``render_markdown``).
RULE_LENGTH = 20
TAB = 4
WEB_SCHEMES = frozenset({"http", "https"})

EMPTY = Content("")


# ------------------------------------------------------------------ links


@dataclass(frozen=True)
class Link:
    """A link or image in a post: ``index`` matches the ``[n]`` shown after its text."""

    index: int
    text: str
    url: str

    @property
    def scheme(self) -> str:
        return _split(self.url)[0]

    @property
    def host(self) -> str:
        """The host the address really goes to ("" if it has none)."""
        return _split(self.url)[1]

    @property
    def is_web(self) -> bool:
        """Only these may be opened: http or https with a host."""
        return self.scheme in WEB_SCHEMES and bool(self.host)

    @property
    def has_user_part(self) -> bool:
        """``https://bank.example@evil.example/``: the part before ``@`` is not the site."""
        return _split(self.url)[2]

    @property
    def text_host(self) -> str:
        """The host the link *text* shows, when the text looks like a web address."""
        match = _ADDRESS.match(self.text.strip())
        return match.group("host").lower().rstrip(".") if match else ""


_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://)?(?:[^\s/@]+@)?"
    r"(?P<host>(?:[\w-]+\.)+(?:[^\W\d_]{2,}|xn--[\w-]+))\.?"
    r"(?::\d+)?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _split(url: str) -> tuple[str, str, bool]:
    """(scheme, host, has a user part), lower case; empty when the URL does not parse."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        return parts.scheme.lower(), host, parts.username is not None
    except ValueError:
        return "", "", False


def same_host(shown: str, actual: str) -> bool:
    """Whether a host written in link text is the one the address goes to."""

    def norm(host: str) -> str:
        host = host.lower().rstrip(".").removeprefix("www.")
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            return host

    return norm(shown) == norm(actual)


# ------------------------------------------------------------------ the document


@dataclass(frozen=True)
class Row:
    """One logical line of a body, wrapped at render time.

    ``first`` prefixes its first screen line and ``rest`` every wrapped continuation (the
    two have the same width: list bullets hang, quote bars repeat). ``kind`` is "text"
    (word-wrapped), "code" (folded, on a panel background) or "rule" (``char`` repeated to
    ``length`` cells, or the whole width).
    """

    content: Content = EMPTY
    first: Content = EMPTY
    rest: Content = EMPTY
    kind: Literal["text", "code", "rule"] = "text"
    char: str = ""
    length: int | None = None
    style: str = ""

    def prefixed(self, first: Content, rest: Content) -> Row:
        return replace(self, first=first + self.first, rest=rest + self.rest)

    def styled(self, style: str) -> Row:
        return replace(self, content=self.content.stylize_before(style))


@dataclass(frozen=True)
class Document:
    rows: tuple[Row, ...]
    links: tuple[Link, ...]


@cache
def _parser() -> MarkdownIt:
    """CommonMark with raw HTML off and bare http(s) addresses linkified (built once)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable("linkify")
    # No "fuzzy" links: readme.md and setup.py are file names, not Moldova and Paraguay.
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    # Keep every link a link (javascript:, data:, file: included) so the reader sees its
    # marker and the confirm dialog shows and refuses it; nothing is ever opened from here.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@lru_cache(maxsize=2048)
def parse_markdown(text: str) -> Document:
    """A body as rows and links (cached by body text)."""
    from markdown_it.tree import SyntaxTreeNode

    source = sanitize(text)
    parser = _parser()
    tokens = parser.parse(source)
    if any(token.level >= parser.options.maxNesting - 1 for token in tokens):
        # markdown-it silently drops blocks nested deeper than its limit: show it all as
        # it was typed instead, so nothing can be hidden that way.
        return Document(tuple(Row(Content(line)) for line in source.split("\n")), ())
    tree = SyntaxTreeNode(tokens)
    builder = _Builder()
    rows = builder.blocks(tree.children)
    return Document(tuple(rows), tuple(builder.links))


def find_links(text: str) -> tuple[Link, ...]:
    """The links and images of a body, in the order of their ``[n]`` markers."""
    return parse_markdown(text).links


def render_markdown(text: str, width: int | None = None) -> Content:
    """A body as one multi-line Content: laid out to ``width``, or unwrapped if None."""
    return Content("\n").join(_layout(parse_markdown(text).rows, width))


@lru_cache(maxsize=2048)
def markdown_body(text: str) -> MarkdownBody:
    """The Visual for a post body (cached by body text, so shared between widgets)."""
    return MarkdownBody(parse_markdown(text))


class _Builder:
    """Walks markdown-it's syntax tree into rows, numbering links as it meets them."""

    def __init__(self) -> None:
        self.links: list[Link] = []
        self.depth = 0

    # -- blocks

    def blocks(self, nodes: list[SyntaxTreeNode], tight: bool = False) -> list[Row]:
        rows: list[Row] = []
        for node in nodes:
            block = self.block(node)
            if not block:
                continue
            if rows and not tight:
                rows.append(Row())
            rows.extend(block)
        return rows

    def block(self, node: SyntaxTreeNode) -> list[Row]:
        kind = node.type
        if kind == "paragraph":
            return [Row(line) for line in self.inline_lines(node)]
        if kind == "heading":
            return self.heading(node)
        if kind in ("fence", "code_block"):
            return self.code(node.content)
        if kind == "blockquote":
            bar = Content.styled(BAR, QUOTE_BAR)
            return [row.styled(QUOTE_TEXT).prefixed(bar, bar) for row in self.blocks(node.children)]
        if kind in ("bullet_list", "ordered_list"):
            return self.listing(node)
        if kind == "hr":
            return [Row(kind="rule", char="─", style=RULE)]
        # Anything else (html_block cannot occur with html off): its source, literally.
        return [Row(Content(line)) for line in _clean(node.content).rstrip("\n").split("\n")]

    def heading(self, node: SyntaxTreeNode) -> list[Row]:
        level = int(node.tag[1:]) if node.tag[1:].isdigit() else 6
        style = HEADING if level <= 3 else HEADING_MINOR
        lines = [line.stylize_before(style) for line in self.inline_lines(node)]
        rows = [Row(line) for line in lines]
        if level in HEADING_RULE and lines:
            char, rule_style = HEADING_RULE[level]
            length = max(line.cell_length for line in lines)
            rows.append(Row(kind="rule", char=char, length=length, style=rule_style))
        return rows

    def code(self, source: str) -> list[Row]:
        lines = _clean(source).expandtabs(TAB).rstrip("\n").split("\n")
        return [Row(Content.styled(line, CODE_BLOCK), kind="code") for line in lines]

    def listing(self, node: SyntaxTreeNode) -> list[Row]:
        items = node.children
        tight = not any(
            child.type == "paragraph" and not child.hidden
            for item in items
            for child in item.children
        )
        if node.type == "ordered_list":
            start = _start(node.attrs.get("start"))
            marks = [f"{start + number}." for number in range(len(items))]
        else:
            bullet = BULLETS[self.depth % len(BULLETS)]
            marks = [bullet] * len(items)
        width = max(len(mark) for mark in marks) + 1
        indent = Content(" " * width)
        self.depth += 1
        rows: list[Row] = []
        try:
            for mark, item in zip(marks, items, strict=True):
                first = Content.styled(mark.rjust(width - 1) + " ", MARKER)
                body = self.blocks(item.children, tight) or [Row()]
                if rows and not tight:
                    rows.append(Row())
                rows.append(body[0].prefixed(first, indent))
                rows.extend(row.prefixed(indent, indent) for row in body[1:])
        finally:
            self.depth -= 1
        return rows

    # -- inline

    def inline_lines(self, node: SyntaxTreeNode) -> list[Content]:
        """A paragraph's or heading's inline content, one Content per hard line."""
        parts: list[str | tuple[str, str]] = []
        for child in node.children:
            self.inline(child, "", parts)
        content = Content.assemble(*parts)
        return content.split("\n", allow_blank=True) if "\n" in content.plain else [content]

    def inline(self, node: SyntaxTreeNode, style: str, parts: list[str | tuple[str, str]]) -> None:
        kind = node.type

        def add(text: str, extra: str = "") -> None:
            text = _clean(text)
            if not text:
                return
            full = f"{style} {extra}".strip()
            parts.append((text, full) if full else text)

        if kind == "inline":  # the container of a paragraph's or heading's inline tokens
            for child in node.children:
                self.inline(child, style, parts)
        elif kind == "text":
            add(node.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "code_inline":
            add(node.content.replace("\n", " "), CODE_INLINE)
        elif kind in ("em", "strong"):
            extra = "italic" if kind == "em" else "bold"
            for child in node.children:
                self.inline(child, f"{style} {extra}".strip(), parts)
        elif kind == "link":
            inner: list[str | tuple[str, str]] = []
            for child in node.children:
                self.inline(child, f"{style} {LINK_TEXT}".strip(), inner)
            url = _clean(str(node.attrs.get("href", "")))
            text = sanitize_line(Content.assemble(*inner).plain)
            if not text:  # an empty link text would hide the link: show its address
                inner = [(sanitize_line(url), f"{style} {LINK_TEXT}".strip())]
                text = sanitize_line(url)
            parts.extend(inner)
            parts.append(self._mark(text, url))
        elif kind == "image":
            alt = sanitize_line(_plain(node))
            url = _clean(str(node.attrs.get("src", "")))
            shown = f"[image: {alt}]" if alt else "[image]"
            add(shown, IMAGE)
            parts.append(" ")
            parts.append(self._mark(f"image: {alt}" if alt else "image", url))
        else:  # html_inline and anything unforeseen: the source text, literally
            add(node.content)
            for child in node.children:
                self.inline(child, style, parts)

    def _mark(self, text: str, url: str) -> tuple[str, str]:
        link = Link(len(self.links) + 1, text, url)
        self.links.append(link)
        return (f"[{link.index}]", LINK_MARK)


def _clean(text: str) -> str:
    """Parser output sanitised again: character references may have decoded to controls."""
    return sanitize(text)


def _plain(node: SyntaxTreeNode) -> str:
    """The plain text inside an inline node (an image's alt text)."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(child) for child in node.children)


def _start(value: Any) -> int:
    try:
        return max(0, min(int(value), 10**9))
    except (TypeError, ValueError):
        return 1


# ------------------------------------------------------------------ layout


def _layout(rows: tuple[Row, ...], width: int | None) -> list[Content]:
    """Screen lines: each row wrapped to ``width`` behind its prefixes (None: no wrap)."""
    lines: list[Content] = []
    for row in rows:
        lines.extend(_layout_row(row, width))
    return lines


def _layout_row(row: Row, width: int | None) -> list[Content]:
    first, rest = row.first, row.rest
    if width is None:
        space = None
    else:
        prefix = max(first.cell_length, rest.cell_length)
        if prefix > width // 2:  # deep nesting in a narrow space: keep half for the text
            first, rest = first.truncate(width // 2), rest.truncate(width // 2)
            prefix = width // 2
        space = max(width - prefix, 1)

    if row.kind == "rule":
        length = row.length or RULE_LENGTH
        if space is not None:
            length = min(length, space) if row.length else space
        return [first + Content.styled(row.char * length, row.style)]

    if row.kind == "code":
        fill = CODE_BLOCK
        if space is None:
            return [Content.assemble(first, (" ", fill), row.content, (" ", fill))]
        inner = max(space - 2, 1)
        pieces = row.content.fold(inner) if row.content.cell_length > inner else [row.content]
        lines = []
        for index, piece in enumerate(pieces):
            pad = max(space - 1 - piece.cell_length, 0)
            lines.append(
                Content.assemble(
                    first if index == 0 else rest, (" ", fill), piece, (" " * pad, fill)
                )
            )
        return lines

    if space is None or row.content.cell_length <= space:
        pieces = [row.content]
    else:
        pieces = row.content.wrap(space)
    return [(first if index == 0 else rest) + piece.rstrip() for index, piece in enumerate(pieces)]


class LaidOutVisual(Visual):
    """A Visual that lays itself out to a width as one multi-line Content, keeping the
    last two widths (a post's body, a whole post): every line already fits, so painting
    is Content's own and the height is its line count. Subclasses give ``lay_out``."""

    def __init__(self) -> None:
        self._widths: dict[int, Content] = {}

    def lay_out(self, width: int) -> Content:
        raise NotImplementedError

    def lines(self, width: int) -> Content:
        """Laid out to ``width`` cells, as one multi-line Content."""
        laid_out = self._widths.get(width)
        if laid_out is None:
            laid_out = self.lay_out(width)
            if len(self._widths) >= 2:
                self._widths.pop(next(iter(self._widths)))
            self._widths[width] = laid_out
        return laid_out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if width <= 0:
            return []
        # Every line already fits, so Content only paints it (selection offsets included).
        return self.lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        if width <= 0:
            return 0
        return self.lines(width).plain.count("\n") + 1


class MarkdownBody(LaidOutVisual):
    """A rendered body, laid out to the widget's width (the last two widths are kept)."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    @property
    def links(self) -> tuple[Link, ...]:
        return self.document.links

    def lay_out(self, width: int) -> Content:
        return Content("\n").join(
            line.truncate(width) for line in _layout(self.document.rows, width)
        )
