"""How a member is shown: avatar glyph, display name, rank, staff mark."""

from __future__ import annotations

from textual.content import Content

from forum_tui.store.views import MemberBadge, Viewer
from forum_tui.widgets.safe import MUTED, join, label, safe_line

#: Roles whose members carry the community's staff mark.
STAFF_MARK_ROLES = ("moderator", "staff")

#: One glyph per avatar family ("vinyl-grey" -> vinyl); an avatar is a name for now.
AVATAR_GLYPHS = {
    "vinyl": "◉",
    "note": "♪",
    "cassette": "▣",
    "headphones": "Ω",
    "speaker": "◘",
    "guitar": "♯",
    "ticket": "▤",
    "amp": "▦",
    "quill": "✎",
    "baton": "♩",
    "score": "♫",
    "star": "★",
    "custom": "✦",
}

#: Avatar colours by their name's last word, in theme terms.
AVATAR_COLOURS = {
    "grey": MUTED,
    "silver": MUTED,
    "green": "$success",
    "blue": "$primary",
    "orange": "$warning",
    "red": "$error",
    "purple": "$secondary",
    "black": "$foreground",
    "gold": "$warning",
}


def avatar_glyph(avatar: str, custom: str | None = None) -> Content:
    """The avatar as one coloured glyph ("vinyl-grey" -> a muted ◉). A Star's ``custom``
    glyph is shown instead when this terminal can draw it (see ``drawable``)."""
    if custom and drawable(custom):
        return safe_line(custom, "$accent")
    family, _, colour = avatar.partition("-")
    glyph = AVATAR_GLYPHS.get(family, "•")
    return label(glyph, AVATAR_COLOURS.get(colour, MUTED))


def avatar_label(avatar: str, custom: str | None = None) -> Content:
    """Glyph and avatar name, as on a post: "♪ vinyl-grey" (a Star's own glyph, where the
    terminal can draw it: "✪ own avatar")."""
    if custom and drawable(custom):
        return join(avatar_glyph(avatar, custom), " ", label("own avatar", MUTED))
    return join(avatar_glyph(avatar), " ", safe_line(avatar, MUTED))


def member_name(
    member: MemberBadge | Viewer, staff_mark: str, style: str = "bold", *, pronouns: bool = True
) -> Content:
    """The display name, with the community's staff mark before the names of staff and
    moderators (as the reference shows it) and the member's pronouns after it, when they
    chose some: "Priya S. (she/her)"."""
    name = safe_line(member.display_name or member.username, style)
    if pronouns and member.pronouns:
        name = join(name, label(" (", MUTED), safe_line(member.pronouns, MUTED), label(")", MUTED))
    if wears_staff_mark(member.role):
        return join(label(staff_mark, "$accent"), " ", name)
    return name


def member_rank(member: MemberBadge | Viewer, style: str = MUTED) -> Content:
    """The rank, or the staff title for staff ("Community Manager")."""
    if _is_staff(member) and member.staff_title:
        return safe_line(member.staff_title, style)
    return safe_line(member.rank, style)


def member_badge(
    member: MemberBadge | Viewer,
    staff_mark: str,
    *,
    avatar: bool = True,
    name_style: str = "bold",
    pronouns: bool = True,
) -> Content:
    """Avatar glyph, name and rank on one line: "♪ Mia  Casual Listener"."""
    parts: list[Content | str] = []
    if avatar:
        parts += [avatar_glyph(member.avatar, getattr(member, "custom_glyph", None)), " "]
    parts += [
        member_name(member, staff_mark, name_style, pronouns=pronouns),
        "  ",
        member_rank(member),
    ]
    return join(*parts)


def drawable(glyph: str) -> bool:
    """Can this terminal show ``glyph``? Not when its output encoding cannot carry it
    (``LANG=C`` over an old SSH link), nor when the glyph is not one or two cells wide."""
    import sys

    from rich.cells import cell_len

    encoding = getattr(sys.__stdout__, "encoding", None) or "utf-8"
    try:
        glyph.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return 1 <= cell_len(glyph) <= 2


def wears_staff_mark(role: str) -> bool:
    """Whether a member of this role carries the staff mark beside their name."""
    return role in STAFF_MARK_ROLES


def _is_staff(member: MemberBadge | Viewer) -> bool:
    if isinstance(member, MemberBadge):
        return member.is_staff
    return member.role == "staff"
