"""Opening a link from a post: choose one, read its full address, then confirm.

``offer_links(app, links)`` is the whole flow behind the thread screen's ``o``: no links
gives a notice; several give a :class:`LinkChooser`; then :class:`LinkDialog` shows the
full address (wrapped, never cut), warns when the link text names another site, and only
an http or https address can be opened (``App.open_url``). Every other scheme
(``javascript:``, ``file:``, ``data:``, ``mailto:``, ``spotify:``...) is refused in plain
words. All member text reaches the screen through ``widgets.safe``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from forum_tui.widgets.forum_list import ForumList
from forum_tui.widgets.markdown import LINK_MARK, Link, same_host
from forum_tui.widgets.safe import MUTED, join, label, safe_line

NO_LINKS = "This post has no links."
ONLY_WEB = "Only web links (http and https) can be opened. This one is "


def link_warnings(link: Link) -> list[Content]:
    """Plain-words warnings about where a link really goes (empty when nothing is odd)."""
    warnings: list[Content] = []
    shown, host = link.text_host, link.host
    if shown and host and not same_host(shown, host):
        warnings.append(
            join(
                label("The link text shows "),
                safe_line(shown, "bold"),
                label(", but the address goes to "),
                safe_line(host, "bold"),
                label("."),
            )
        )
    if link.has_user_part and host:
        warnings.append(
            join(
                label("The address has a name before “@”: the site it opens is "),
                safe_line(host, "bold"),
                label("."),
            )
        )
    if any(part.startswith("xn--") for part in host.split(".")):
        warnings.append(
            label(
                "The address uses international letters (xn--…): "
                "look-alike letters can imitate another site."
            )
        )
    return warnings


def offer_links(app: App, links: Sequence[Link]) -> None:
    """``o`` on a post: a notice, a chooser, or straight to the confirmation."""
    if not links:
        app.notify(NO_LINKS, markup=False)
        return

    def confirm(link: Link | None) -> None:
        if link is not None:
            app.push_screen(LinkDialog(link), opened(link))

    def opened(link: Link) -> Callable[[bool | None], None]:
        def done(ok: bool | None) -> None:
            if ok and link.is_web:  # checked again: nothing else is ever opened
                app.open_url(link.url)
                app.notify(f"Opening {safe_line(link.host).plain} in your browser.", markup=False)

        return done

    if len(links) == 1:
        confirm(links[0])
    else:
        app.push_screen(LinkChooser(tuple(links)), confirm)


def link_option(link: Link) -> Content:
    """``[n] text — full address`` (member text, so safe text)."""
    return join(
        label(f"[{link.index}] ", LINK_MARK),
        safe_line(link.text) or label("(no text)", MUTED),
        label("  —  ", MUTED),
        safe_line(link.url, MUTED),
    )


class LinkChooser(ModalScreen[Link | None]):
    """Pick one of a post's links: j/k and enter, or its number; esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Cancel"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, links: tuple[Link, ...]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="link-chooser-card", classes="link-card"):
            yield Static(label("Which link?", "bold"), classes="link-title")
            links = ForumList(id="link-choices")
            links.add_options(Option(link_option(link)) for link in self.links)
            yield links
            yield Static(
                label("enter or its number to choose  ·  esc to cancel", MUTED),
                classes="link-hint",
            )

    def on_mount(self) -> None:
        choices = self.query_one("#link-choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#link-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.links[event.option_index])

    def action_pick(self, number: int) -> None:
        for link in self.links:
            if link.index == number:
                self.dismiss(link)
                return


class LinkDialog(ModalScreen[bool]):
    """ "Open this link?" with the full address: y or enter opens, n or esc cancels.

    A link that is not http or https only gets the refusal and a Close button.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Open"),
        Binding("n,escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, link: Link) -> None:
        super().__init__()
        self.link = link

    def compose(self) -> ComposeResult:
        link = self.link
        with Vertical(id="link-dialog-card", classes="link-card"):
            if link.is_web:
                yield Static(label("Open this link?", "bold"), classes="link-title")
                yield Static(self._field("Link text", safe_line(link.text)), id="link-text")
                yield Static(self._field("Goes to", safe_line(link.host, "bold")), id="link-host")
                yield Static(label("Full address", MUTED), classes="link-label")
                with VerticalScroll(id="link-address-box"):
                    yield Static(safe_line(link.url), id="link-address")
                for warning in link_warnings(link):
                    yield Static(join(label("⚠ ", "bold"), warning), classes="link-warning")
                with Horizontal(classes="link-buttons"):
                    yield Button("Open", variant="primary", id="link-open")
                    yield Button("Cancel", id="link-cancel")
                yield Static(
                    label("y or enter to open  ·  n or esc to cancel", MUTED), classes="link-hint"
                )
            else:
                yield Static(label("This link can't be opened", "bold"), classes="link-title")
                yield Static(self._field("Link text", safe_line(link.text)), id="link-text")
                with VerticalScroll(id="link-address-box"):
                    yield Static(
                        join(label(ONLY_WEB), safe_line(link.url), label(".")), id="link-refused"
                    )
                with Horizontal(classes="link-buttons"):
                    yield Button("Close", variant="primary", id="link-cancel")

    @staticmethod
    def _field(name: str, value: Content) -> Content:
        return join(label(f"{name}:  ", MUTED), value or label("(no text)", MUTED))

    def on_mount(self) -> None:
        self.query_one("#link-open" if self.link.is_web else "#link-cancel", Button).focus()

    @on(Button.Pressed, "#link-open")
    def _open(self) -> None:
        self.action_answer(True)

    @on(Button.Pressed, "#link-cancel")
    def _cancel(self) -> None:
        self.action_answer(False)

    def action_answer(self, ok: bool) -> None:
        self.dismiss(ok and self.link.is_web)
