"""What the store hands to screens: plain frozen dataclasses, never ORM rows.

Member text (titles, bodies, names) arrives here raw, exactly as typed; screens show it
only through the safe-text path (``forum_tui.rules.text``). Timestamps are naive UTC.

One module per family: ``core`` (pages, members, boards, threads, posts, writes,
notifications, search), ``people`` (joining, ranks, profiles, settings, Stars),
``inbox``, ``moderation`` and ``ideas`` (statuses and votes for ideas and Ongoing
Issues). This package names them all, so ``from forum_tui.store.views import X`` and
``views.X`` work for every view.
"""

import importlib
from typing import TYPE_CHECKING, Any

from forum_tui.store.views.core import (
    AreaView,
    BoardView,
    DraftView,
    GuidelineNotice,
    LikeResult,
    MemberBadge,
    NotificationView,
    Page,
    Persona,
    PostResult,
    PostView,
    ReportView,
    RevisionView,
    SearchHit,
    SubscriptionView,
    ThreadSummary,
    ThreadView,
    UnreadTarget,
    Viewer,
    edit_draft_key,
    reply_draft_key,
    thread_draft_key,
)

#: Views of the other families, imported when first asked for (``__getattr__``): home's
#: first frame needs only ``core``, and each family's dataclasses cost milliseconds to
#: build at import (about 25 ms for these four, before the first frame that needs them).
_ELSEWHERE = {
    "IdeaSuggestion": "ideas",
    "MergeResult": "ideas",
    "StatusDetail": "ideas",
    "StatusOption": "ideas",
    "StatusResult": "ideas",
    "StatusUpdateView": "ideas",
    "VoteResult": "ideas",
    "idea_draft_key": "ideas",
    "ConversationSummary": "inbox",
    "ConversationView": "inbox",
    "InboxState": "inbox",
    "MessageHit": "inbox",
    "MessageReportView": "inbox",
    "MessageResult": "inbox",
    "MessageView": "inbox",
    "ReportedMessageContext": "inbox",
    "AuditEntry": "moderation",
    "AuthorRecord": "moderation",
    "ContextLine": "moderation",
    "QueueFilter": "moderation",
    "QueueItem": "moderation",
    "QueueItemDetail": "moderation",
    "ReportLine": "moderation",
    "TriageResult": "moderation",
    "DecisionResult": "people",
    "EventView": "people",
    "HelpMatches": "people",
    "Joined": "people",
    "LadderStep": "people",
    "Leaderboard": "people",
    "LeaderboardRow": "people",
    "LedgerEntry": "people",
    "MailSent": "people",
    "MonthActivity": "people",
    "MonthTotal": "people",
    "ProfilePost": "people",
    "ProfileView": "people",
    "RankChange": "people",
    "RankOverview": "people",
    "RequirementView": "people",
    "SettingsView": "people",
    "StarLedger": "people",
    "StarsApplicationView": "people",
    "StarsStatus": "people",
}

if TYPE_CHECKING:
    from forum_tui.store.views.ideas import (
        IdeaSuggestion,
        MergeResult,
        StatusDetail,
        StatusOption,
        StatusResult,
        StatusUpdateView,
        VoteResult,
        idea_draft_key,
    )
    from forum_tui.store.views.inbox import (
        ConversationSummary,
        ConversationView,
        InboxState,
        MessageHit,
        MessageReportView,
        MessageResult,
        MessageView,
        ReportedMessageContext,
    )
    from forum_tui.store.views.moderation import (
        AuditEntry,
        AuthorRecord,
        ContextLine,
        QueueFilter,
        QueueItem,
        QueueItemDetail,
        ReportLine,
        TriageResult,
    )
    from forum_tui.store.views.people import (
        DecisionResult,
        EventView,
        HelpMatches,
        Joined,
        LadderStep,
        Leaderboard,
        LeaderboardRow,
        LedgerEntry,
        MailSent,
        MonthActivity,
        MonthTotal,
        ProfilePost,
        ProfileView,
        RankChange,
        RankOverview,
        RequirementView,
        SettingsView,
        StarLedger,
        StarsApplicationView,
        StarsStatus,
    )


def __getattr__(name: str) -> Any:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AreaView",
    "AuditEntry",
    "AuthorRecord",
    "BoardView",
    "ContextLine",
    "ConversationSummary",
    "ConversationView",
    "DecisionResult",
    "DraftView",
    "EventView",
    "GuidelineNotice",
    "HelpMatches",
    "IdeaSuggestion",
    "InboxState",
    "Joined",
    "LadderStep",
    "Leaderboard",
    "LeaderboardRow",
    "LedgerEntry",
    "LikeResult",
    "MailSent",
    "MemberBadge",
    "MergeResult",
    "MessageHit",
    "MessageReportView",
    "MessageResult",
    "MessageView",
    "MonthActivity",
    "MonthTotal",
    "NotificationView",
    "Page",
    "Persona",
    "PostResult",
    "PostView",
    "ProfilePost",
    "ProfileView",
    "QueueFilter",
    "QueueItem",
    "QueueItemDetail",
    "RankChange",
    "RankOverview",
    "ReportLine",
    "ReportView",
    "ReportedMessageContext",
    "RequirementView",
    "RevisionView",
    "SearchHit",
    "SettingsView",
    "StarLedger",
    "StarsApplicationView",
    "StarsStatus",
    "StatusDetail",
    "StatusOption",
    "StatusResult",
    "StatusUpdateView",
    "SubscriptionView",
    "ThreadSummary",
    "ThreadView",
    "TriageResult",
    "UnreadTarget",
    "Viewer",
    "VoteResult",
    "edit_draft_key",
    "idea_draft_key",
    "reply_draft_key",
    "thread_draft_key",
]
