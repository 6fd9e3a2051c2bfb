"""The demo community's content, as plain data: people, threads, ideas, messages, reports.

``demo.py`` turns this into rows. Nothing here touches a database; every record names
people by username and threads by a short ``key``, and every time is "days ago" (or
"hours after" for replies) counted back from ``demo.DEMO_NOW``.

Bodies are written as indented, wrapped triple-quoted text for reading here; the builder
dedents them and joins wrapped lines back into paragraphs (blank lines, list items and
fenced code blocks are kept as they are). All artists, shows and Spotify URIs in the demo
are made up.

Member counters: the demo shows the last ten months of a community that is much older.
``earlier`` on a member is their activity before that window (threads that have since
been pruned or archived elsewhere); the builder adds what the demo content shows on top,
so long-standing members reach the ranks they are meant to have.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

FAQ_FOOTER = "Didn't help? Search the Community, or start a new thread in Help."

# ------------------------------------------------------------------ record types


@dataclass(frozen=True)
class Earlier:
    """Activity before the demo's window (see the module docstring)."""

    threads: int = 0
    replies: int = 0
    solutions: int = 0
    likes_given: int = 0
    likes_received: int = 0
    ideas: int = 0
    idea_votes: int = 0
    events: int = 0
    upheld_reports: int = 0


@dataclass(frozen=True)
class MemberSeed:
    username: str
    display_name: str
    joined_days_ago: float
    # The rank title the member is meant to show (the builder computes it; a test checks).
    rank: str
    role: str = "member"
    staff_title: str | None = None
    legend: str | None = None
    star_level: int = 0
    birth_date: tuple[int, int, int] | None = None
    pm_enabled: bool = True
    email_verified: bool = True
    pronouns: str | None = None
    bio: str = ""
    # Set for the personas on the sign-in picker: who they are, in one line.
    blurb: str | None = None
    earlier: Earlier = field(default_factory=Earlier)


@dataclass(frozen=True)
class Reply:
    author: str
    hours: float  # after the thread was opened
    body: str
    likes: str = ""  # usernames, space-separated


def R(author: str, hours: float, body: str, likes: str = "") -> Reply:
    """A reply, short enough to write many of them in a tuple."""
    return Reply(author, hours, body, likes)


@dataclass(frozen=True)
class ThreadSeed:
    key: str
    board: str
    author: str
    days_ago: float
    title: str
    body: str
    likes: str = ""  # likes on the opening post
    replies: tuple[Reply, ...] = ()
    # Post position (2 = first reply) of the accepted solution.
    solution: int | None = None
    floated: bool = False
    locked: bool = False
    tags: tuple[str, ...] = ()
    # The board a thread came from (Ongoing Issues, The Vault).
    origin: str | None = None
    views: int = 0


@dataclass(frozen=True)
class StatusStep:
    status: str
    actor: str
    days_ago: float
    note: str


@dataclass(frozen=True)
class IdeaSeed:
    thread: ThreadSeed
    label: str
    voters: str = ""  # usernames, space-separated
    steps: tuple[StatusStep, ...] = ()  # the status history; "live" when empty
    failed_requirement: int | None = None
    merged_into: str | None = None  # key of the idea this duplicate was merged into


@dataclass(frozen=True)
class IssueSeed:
    thread: ThreadSeed  # thread.origin is the Help board it was moved from
    steps: tuple[StatusStep, ...]  # starts with "new": the move to Ongoing Issues
    me_too: str = ""


@dataclass(frozen=True)
class Edit:
    """An earlier version of a post: the seed holds the current text, this the old one."""

    thread: str
    position: int
    hours_later: float
    old_body: str
    old_title: str | None = None


@dataclass(frozen=True)
class Removal:
    thread: str
    position: int
    by: str
    reason: str


@dataclass(frozen=True)
class ConversationSeed:
    key: str
    subject: str
    members: tuple[str, ...]
    messages: tuple[tuple[str, float, str], ...]  # (author, days_ago, body)
    unread_by: str = ""  # members who have not read the last message yet


@dataclass(frozen=True)
class ReportSeed:
    # ("post", thread key, position) or ("message", conversation key, message index)
    target: tuple[str, str, int]
    reason: str
    reporter: str | None  # None: filed automatically by the rules
    days_ago: float
    guideline: int | None = None
    status: str = "open"  # open, dismissed, upheld
    resolved_by: str | None = None
    resolved_days_ago: float | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class ModActionSeed:
    actor: str
    action: str
    # ("thread", key), ("post", key, position), ("member", username), ("report", index)
    target: tuple
    reason: str
    days_ago: float


@dataclass(frozen=True)
class NotificationSeed:
    member: str
    kind: str
    actor: str | None
    thread: str | None
    position: int | None
    text: str
    days_ago: float
    read: bool = False


@dataclass(frozen=True)
class EventSeed:
    title: str
    description: str
    days_ago: float
    star_only: bool
    attendees: str


@dataclass(frozen=True)
class ApplicationSeed:
    member: str
    days_ago: float
    body: str
    status: str  # pending, accepted, declined
    decided_by: str | None = None
    decided_days_ago: float | None = None


# The data below is laid out by hand, for reading: the formatter leaves it alone.
# fmt: off

# ------------------------------------------------------------------ members

PERSONAS: tuple[MemberSeed, ...] = (
    MemberSeed(
        "noah", "Noah", 1, "Visitor", birth_date=(2001, 6, 2), pm_enabled=False,
        email_verified=False,
        blurb="A brand-new Visitor who joined yesterday and hasn't verified his email yet.",
    ),
    MemberSeed(
        "priya", "Priya S.", 232, "Music Fan", birth_date=(1996, 2, 11), pronouns="she/her",
        bio="Playlist hoarder. iPhone, a hand-me-down iPad and far too many road trips.",
        blurb="A regular member (Music Fan) who asks good questions and builds playlists.",
        earlier=Earlier(replies=40, likes_given=30, likes_received=25, idea_votes=6),
    ),
    MemberSeed(
        "oskar", "Oskar Lind", 1620, "Composer", birth_date=(1984, 9, 23), pronouns="he/him",
        bio="Sysadmin by day. I answer Windows and Linux questions between coffees.",
        blurb="A Composer: a long-time member with a stack of accepted solutions.",
        earlier=Earlier(
            threads=25, replies=610, solutions=52, likes_given=180, likes_received=330, ideas=6,
            idea_votes=40, events=2,
        ),
    ),
    MemberSeed(
        "leo", "Leo", 520, "Rising Star 2", role="star", star_level=2, birth_date=(1999, 4, 30),
        pronouns="he/him",
        bio="Android, speakers and anything with a Connect button. Star since the spring.",
        blurb="A Rising Star (level 2) who joined the Stars Program this year.",
        earlier=Earlier(replies=160, solutions=14, likes_given=90, likes_received=120),
    ),
    MemberSeed(
        "marta", "Marta", 1410, "Spotify Star", role="star", star_level=6,
        birth_date=(1991, 12, 3), pronouns="she/her",
        bio="Mac, web player and the Idea Exchange. Ask me about Family plans.",
        blurb="A Spotify Star: the top Stars rank, triages ideas and helps everywhere.",
        earlier=Earlier(replies=900, solutions=140, likes_given=400, likes_received=800),
    ),
    MemberSeed(
        "kate", "Kate", 2420, "Community Legend", legend="star", birth_date=(1979, 1, 17),
        pronouns="she/her",
        bio="Former Star, forever lurker. Still here for the Sunday playlists.",
        blurb="A Community Legend: a former Star who still drops in.",
        earlier=Earlier(threads=80, replies=1500, solutions=210, likes_received=1200),
    ),
    MemberSeed(
        "jonas", "Jonas", 960, "Moderator", role="moderator", birth_date=(1987, 7, 8),
        pronouns="he/him",
        bio="Community moderator. Reports go to the queue; I go through it every morning.",
        blurb="A moderator who works the report queue and moves threads.",
    ),
    MemberSeed(
        "elena", "Elena", 1150, "Community Manager", role="staff", staff_title="Community Manager",
        birth_date=(1985, 3, 29), pronouns="she/her",
        bio="Community Manager. I run the Stars Program and write most of the blog.",
        blurb="The Community Manager (staff): FAQs, the blog and the Stars Program.",
    ),
    MemberSeed(
        "tilly", "Tilly", 140, "Regular", birth_date=(2010, 3, 14), pm_enabled=False,
        pronouns="she/her", bio="k-pop, bedroom pop and whatever my brother is playing in the car",
        blurb="A member under 18 (16): can post, but private messages are off for her.",
    ),
    MemberSeed(
        "hugo", "Hugo B.", 420, "Gig Goer", birth_date=(1988, 10, 5), pm_enabled=False,
        pronouns="he/him",
        bio="Podcasts on the commute, records at home. I keep private messages off.",
        blurb="An adult member who keeps private messages turned off.",
        earlier=Earlier(threads=10, replies=120, solutions=4, likes_given=60, likes_received=70),
    ),
    MemberSeed(
        "mia", "Mia 🎧✨", 281, "Regular", birth_date=(1998, 8, 21), pronouns="she/they",
        bio="headphone nerd ✨ lo-fi, city pop, anything with warm bass",
        blurb="A member with emoji in her display name, shown just as she typed it.",
    ),
)

MEMBERS: tuple[MemberSeed, ...] = (
    MemberSeed(
        "rosa", "Rosa (Lo-Fi Hours)", 300, "Creator", role="staff", staff_title="Creator",
        birth_date=(1990, 5, 19), bio="I host Lo-Fi Hours, a podcast about quiet music.",
    ),
    MemberSeed(
        "bram", "Bram", 3100, "Spotify Legend", legend="staff", birth_date=(1976, 11, 2),
        bio="Ran these boards for six years. Now just a listener with opinions.",
    ),
    MemberSeed(
        "benji_bass", "Benji", 905, "Roadie", birth_date=(1983, 2, 4),
        earlier=Earlier(threads=8, replies=200, solutions=12, likes_given=90, likes_received=90),
    ),
    MemberSeed(
        "vera_vinyl", "Vera", 702, "Gig Goer", birth_date=(1975, 6, 9),
        earlier=Earlier(threads=6, replies=110, solutions=3, likes_given=70, likes_received=80),
    ),
    MemberSeed("koa", "Koa", 96, "Casual Listener", birth_date=(2003, 1, 28)),
    MemberSeed(
        "nightbus", "Night Bus", 505, "Music Fan", birth_date=(1994, 4, 14),
        earlier=Earlier(replies=60, likes_given=40, likes_received=30),
    ),
    MemberSeed(
        "ravi", "Ravi K.", 61, "Regular", birth_date=(1997, 9, 1),
        earlier=Earlier(replies=30, likes_received=6),
    ),
    MemberSeed("chloe_m", "Chloe", 21, "Newbie", birth_date=(2004, 12, 12)),
    MemberSeed(
        "tomasz", "Tomasz", 1010, "Songwriter", birth_date=(1980, 8, 30),
        earlier=Earlier(threads=20, replies=380, solutions=20, likes_given=120, likes_received=190),
    ),
    MemberSeed(
        "amara", "Amara", 604, "Gig Goer", birth_date=(1993, 3, 3),
        earlier=Earlier(threads=9, replies=90, likes_given=80, likes_received=60),
    ),
    MemberSeed(
        "felix_hz", "Felix", 333, "Regular", birth_date=(1995, 7, 7),
        earlier=Earlier(replies=10, likes_received=4),
    ),
    MemberSeed("grace_o", "Grace", 215, "Casual Listener", birth_date=(1968, 5, 25)),
    MemberSeed("lukas", "Lukas", 41, "Newbie", birth_date=(2002, 10, 10)),
    MemberSeed(
        "yuki", "Yuki", 384, "Music Fan", birth_date=(1992, 11, 11),
        earlier=Earlier(threads=4, replies=45, likes_given=40, likes_received=25),
    ),
    MemberSeed(
        "dana_r", "Dana", 252, "Regular", birth_date=(1989, 1, 5),
        earlier=Earlier(replies=10, likes_given=10),
    ),
    MemberSeed("sol", "Sol", 176, "Casual Listener", birth_date=(2000, 2, 29)),
    MemberSeed(
        "ines", "Inês", 806, "Roadie", birth_date=(1986, 4, 18),
        earlier=Earlier(threads=12, replies=210, solutions=10, likes_given=100, likes_received=95),
    ),
    MemberSeed("marcus_t", "Marcus", 71, "Newbie", birth_date=(1998, 6, 6)),
    MemberSeed("zoe_plays", "zoe plays", 31, "Newbie", birth_date=(2005, 8, 8)),
    MemberSeed(
        "harvey", "Harvey", 312, "Regular", birth_date=(1972, 12, 24),
        earlier=Earlier(replies=12, likes_given=6),
    ),
    MemberSeed(
        "fatima", "Fatima", 455, "Music Fan", birth_date=(1990, 9, 9),
        earlier=Earlier(threads=3, replies=50, likes_given=30, likes_received=30),
    ),
    MemberSeed(
        "pete_loops", "Pete Loops", 181, "Casual Listener", birth_date=(1996, 3, 21),
        bio="Bedroom synth-pop from Leeds. New EP out now.",
    ),
    MemberSeed(
        "wren", "Wren", 563, "Gig Goer", birth_date=(1987, 5, 1),
        earlier=Earlier(threads=10, replies=100, solutions=2, likes_given=70, likes_received=75),
    ),
    MemberSeed(
        "olu", "Olu", 272, "Regular", birth_date=(1993, 7, 19),
        earlier=Earlier(replies=12, likes_given=10),
    ),
    MemberSeed("carmen", "Carmen", 26, "Newbie", birth_date=(1999, 3, 15)),
    MemberSeed("streamz4u", "StreamZ4U", 9, "Visitor", birth_date=(1994, 1, 1)),
    MemberSeed("jules", "Jules", 203, "Casual Listener", birth_date=(2001, 11, 30)),
)


# ------------------------------------------------------------------ Help boards

HELP_THREADS: tuple[ThreadSeed, ...] = (
    # ------------------------------------------------------- Android
    ThreadSeed(
        "android-basics", "android", "jonas", 288,
        "Read this before posting in Android: the basics that fix most problems",
        """
        Hey folks, most Android problems we see here go away with one of these. Please try
        them before starting a thread, and say which ones you tried when you do post.

        1. Update the app from the Play Store, then restart the phone.
        2. Clear the app's cache: Android Settings > Apps > Spotify > Storage > Clear cache.
           (Clear storage also removes your downloads, so leave that for last.)
        3. Set battery use to Unrestricted: Settings > Apps > Spotify > Battery.
        4. Do a clean reinstall: uninstall, restart the phone, install from the Play Store.

        When you post, tell us the phone model, the Android version, the app version (in
        the app's Settings, at the bottom) and whether your downloads are on an SD card.
        """,
        likes="koa grace_o yuki leo",
        replies=(
            R("leo", 52, """
                One more from me: if you keep downloads on an SD card, mention how it's
                formatted (portable or internal). A lot of offline problems start there.
                """, "jonas oskar"),
            R("koa", 4700, """
                The battery one did it for me. Music kept dying a few minutes after the
                screen went off and I never thought to look there.
                """, "jonas"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "android-sleep", "android", "grace_o", 201.4,
        "Playback stops after about ten minutes with the screen off",
        """
        Galaxy A54, One UI 6.1, app updated last week. If the screen is on it plays all
        afternoon. If I lock the phone it stops after ten minutes or so, no error, and the
        notification just disappears. I went through the floated thread: cache cleared,
        battery is set to Unrestricted.
        """,
        replies=(
            R("leo", 1.5, """
                Hi Grace! Does it stop at the same point every time, or does it vary? And do
                you use any battery saver or "Adaptive battery" mode?
                """),
            R("grace_o", 3, """
                It varies between 8 and 15 minutes. Power saving is off. Adaptive battery is
                on but I'd rather not turn that off for everything.
                """),
            R("oskar", 5.2, """
                Samsung adds its own layer on top of Android's battery setting. Have a look
                at Settings > Battery > Background usage limits. If the app is listed under
                "Deep sleeping apps", remove it from there and add it to "Never sleeping
                apps". The deep sleeping list wins over the Unrestricted setting.
                """, "grace_o leo marta benji_bass"),
            R("grace_o", 9, """
                That was it. It was on the deep sleeping list, no idea how it got there.
                Forty minutes with the screen off and still playing. Thank you!
                """, "oskar"),
            R("marcus_t", 4690, """
                anyway what's everyone's album of the year so far? mine's the new
                Night Swimmers record, nothing comes close
                """),
        ),
        solution=4,
    ),
    ThreadSeed(
        "android-sd", "android", "yuki", 164.8,
        "Downloads vanish from my SD card after a few days",
        """
        Motorola G84, Android 14. I download about 30 albums to
        the SD card before trips. A few days later some of them show the grey "download"
        arrow again and have to be fetched all over. It is never all of them, which is the
        strange part.
        """,
        replies=(
            R("oskar", 2.1, """
                Two questions: is the card set up as portable storage or as internal storage?
                And do you run any cleaner app, including Files by Google's "free up space"?
                """),
            R("leo", 2.8, """
                Also make sure the app goes online at least once every 30 days, otherwise
                downloads are removed on purpose. Doesn't sound like your case if it's after a
                few days, though.
                """),
            R("yuki", 4, """
                Portable storage. No cleaner I know of. It's been less than a week each time.
            """),
            R("oskar", 6.5, """
                Files by Google has a "Delete junk files automatically" switch that some
                phones turn on out of the box. It can count the app's download cache as junk.
                Open Files > Clean > the settings cog and check.
                """, "yuki leo"),
            R("yuki", 22, """
                Found it: auto-delete junk was on and running every few days. Turned it off,
                re-downloaded, and a week later everything is still there.
                """, "oskar"),
        ),
        solution=5,
    ),
    ThreadSeed(
        "android-widget", "android", "tilly", 97.3,
        "Home screen widget is stuck on an old song",
        """
        the widget on my home screen keeps showing a song from like yesterday even when
        something else is playing. tapping it opens the app fine. using nova launcher if
        that matters
        """,
        replies=(
            R("leo", 3, """
                Some launchers stop updating widgets. Try removing the widget and adding it
                again, and tell us if it sticks.
                """),
            R("tilly", 5, "re-adding worked but after i restarted the phone it was stuck again 😭"),
            R("marta", 7.5, """
                Nova needs the same battery treatment as the app: if the launcher itself is
                battery-restricted, Android stops delivering widget updates to it. Set Nova to
                Unrestricted too (Settings > Apps > Nova Launcher > Battery).
                """, "tilly leo"),
            R("tilly", 26, "ok that actually fixed it, even after a restart. thank u!!", "marta"),
        ),
        solution=4,
    ),
    ThreadSeed(
        "android-google-dup", "android", "carmen", 12.5,
        "Can't log in with Google, it says couldn't log in",
        """
        When I tap Continue with Google it goes back to the start screen and says "Couldn't
        log in, try again". I have had the account for years. Android 13, Xiaomi phone.
        """,
        replies=(
            R("leo", 1, """
                Hi Carmen, I see the same question in the Accounts board, posted a couple of
                hours earlier. Let's keep the answers together over there so nobody has to repeat
                themselves.
                """),
            R("carmen", 2, "sorry! I didn't know which board was the right one"),
        ),
    ),
    ThreadSeed(
        "android-ads", "android", "sol", 6.2,
        "Ads after every two songs on the free plan, is that normal?",
        """
        Since the weekend I get an ad break after nearly every second song on the free
        plan. Before it felt like one every 15 minutes or so. Did something change or is
        my app broken?
        """,
        replies=(
            R("leo", 2, """
                Ad frequency on the free plan varies by country, time of day and how many
                advertisers are buying slots, so it comes and goes. Your app is fine.
                """, "sol"),
            R("streamz4u", 3, """
                just install the premium mod apk from modzone-apps dot net, no ads and free
                downloads, works 100%
                """),
            R("oskar", 4.5, """
                Please don't. Modified APKs break the terms of use, get accounts closed and
                regularly carry malware that reads your notifications (bank codes included).
                I've reported that post.
                """, "leo sol jonas"),
            R("sol", 7, """
                Thanks both. I'll live with the ads, or ask for Premium for my birthday.
            """),
        ),
    ),
    # ----------------------------------------------------------- iOS
    ThreadSeed(
        "ios-basics", "ios", "elena", 228,
        "Read this before posting in iOS: what to include so we can help",
        """
        Hi everyone, to get you an answer faster, please include:

        - your iPhone or iPad model and iOS version (Settings > General > About)
        - the app version (the app's Settings, scroll to the bottom)
        - whether "Offload Unused Apps" is on (Settings > App Store)
        - whether Screen Time limits or content restrictions are set on the device
        - what you already tried: restart, reinstall, logging out and back in

        If the app crashes, tell us exactly what you tapped right before it happened.
        """,
        likes="priya dana_r olu",
        replies=(
            R("priya", 20, """
                Could you add Screen Time to the list? Content restrictions were why explicit
                songs were greyed out for me last year and it took me ages to find.
                """, "elena"),
            R("elena", 26, "Good shout, Priya: added it to the list above. Thank you!", "priya"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "ios-lockscreen", "ios", "priya", 143.6,
        "Lock screen controls disappear when I pause for a while",
        """
        iPhone 14, iOS 18. If I pause a song and come back twenty minutes later, the
        player on the lock screen is gone and I have to unlock and open the app to carry
        on. Is that a bug or a setting?
        """,
        replies=(
            R("marta", 2, """
                That's iOS rather than the app: after a while in pause, iOS removes the Now
                Playing controls to save power. You can still resume from Control Centre, or
                with the play button on your headphones, without opening the app.
                """, "priya leo"),
            R("priya", 3, "So there's nothing to fix on my side?"),
            R("marta", 4, """
                Not for this. If the controls vanish while music is actually playing, that's a
                different story, so start a thread if you ever see that.
                """),
            R("priya", 5, "Only when paused. Control Centre works, thanks Marta!", "marta"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "ios-airpods", "ios", "dana_r", 118.1,
        "Songs skip on their own when my AirPods are in",
        """
        AirPods Pro (2nd gen), iPhone 13. Every so often the song skips to the next one by
        itself, maybe five or six times an hour. It never happens with the phone speaker or
        with my car.
        """,
        replies=(
            R("mia", 1.2, """
                Check Automatic Ear Detection in the AirPods settings 🎧 if one bud sits a bit
                loose it pauses and resumes, and some apps read that as a skip.
                """),
            R("dana_r", 3, "I turned it off, it still skips. It skips forward, never pauses."),
            R("leo", 4.4, """
                A skip forward is a double press on the stem. If you aren't touching it, the
                stem may be registering presses on its own (sweat or a worn sensor). Try a
                reset: forget the AirPods in Bluetooth settings, put them in the case, hold the
                button on the back for 15 seconds until the light flashes amber, then pair
                again.
                """, "dana_r mia"),
            R("dana_r", 80, """
                Reset did it. Three days now without a single ghost skip.
            """, "leo mia"),
        ),
        solution=4,
    ),
    ThreadSeed(
        "ios-sleeptimer", "ios", "jules", 66.9,
        "Where is the sleep timer on iPhone?",
        "I know there's a sleep timer somewhere. I've looked through all of Settings.",
        replies=(
            R("priya", 0.6, """
                It's not in Settings: open the song in full screen (the Now Playing view),
                tap the three dots at the top right and scroll down to Sleep timer.
                """, "jules hugo"),
            R("jules", 1, "Found it. I was looking in completely the wrong place 🙈", "priya"),
            R("hugo", 1.7, """
                Same menu for podcasts, and there you also get "End of episode", which is the
                one I use every night.
                """, "jules"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "ios-relogin", "ios", "olu", 41.2,
        "App asks me to log in every time I open it",
        """
        iPhone 15, iOS 18.1, app up to date. Every time I open the app after a few hours
        it's back on the login screen. My playlists are all there once I log in.
        """,
        replies=(
            R("oskar", 2, """
                Anything on the phone that filters traffic? A VPN, a DNS blocker profile, or a
                content blocker? And is Offload Unused Apps on?
                """),
            R("olu", 3.5, "Yes, I run a DNS-based ad blocker profile. Offload is off."),
            R("oskar", 5, """
                Turn the blocker off, log in, and use the app for a day. If it stays logged
                in, the blocker is stopping the app from refreshing its login, and you can
                allow-list the app's domains instead of switching it off for good.
                """, "olu"),
            R("olu", 30, """
                Stayed logged in all day with it off. Turned it back on and it still stays
                logged in now, which I don't fully understand, but I'll take it.
                """),
            R("marta", 33, """
                If it comes back, it's the blocker refusing the login refresh. The allow-list
                is then the permanent fix.
                """, "olu oskar"),
        ),
    ),
    # --------------------------------------------- Desktop (Windows)
    ThreadSeed(
        "win-basics", "desktop-windows", "jonas", 270,
        "Read this before posting in Desktop (Windows): a proper clean reinstall",
        r"""
        Hi all, "reinstall" on Windows only helps if the old files are really gone. Close
        the app (also from the tray), then run this in PowerShell:

        ```
        Get-Process Spotify -ErrorAction SilentlyContinue | Stop-Process
        Remove-Item -Recurse -Force "$env:APPDATA\Spotify"
        Remove-Item -Recurse -Force "$env:LOCALAPPDATA\Spotify"
        ```

        Then install again from the official website or the Microsoft Store (not both).
        When you post, include your Windows version and which of the two you installed.
        """,
        likes="tomasz oskar harvey",
        replies=(
            R("tomasz", 18, """
                Worth knowing: the Microsoft Store version keeps its files somewhere else
                entirely, so for that one uninstall through Settings > Apps instead.
                """, "jonas oskar"),
            R("jonas", 21, "Thanks Tomasz, noted. Store users: uninstall from Settings > Apps."),
        ),
        floated=True,
    ),
    ThreadSeed(
        "win-tray", "desktop-windows", "harvey", 181.7,
        "How do I make the app start minimised?",
        """
        The app opens full size every time I log into Windows and covers my email. I'd like
        it to start quietly in the background. Windows 11.
        """,
        replies=(
            R("benji_bass", 1, """
                Settings > Display > "Close button should minimise the app window" keeps it in
                the tray when you close it.
                """),
            R("harvey", 2, "That's for closing it, though. I mean when it starts."),
            R("oskar", 2.6, """
                It's in Settings > Startup and window behaviour: set "Open the app
                automatically after you log into the computer" to Minimised.
                """, "harvey benji_bass"),
            R("harvey", 20, "There it is. Started minimised this morning. Thanks Oskar.", "oskar"),
        ),
        solution=4,
    ),
    ThreadSeed(
        "win-cpu", "desktop-windows", "tomasz", 133.5,
        "Desktop app using 15% CPU while paused",
        """
        Windows 10, Ryzen 5 laptop. The app sits at 12 to 15% CPU even when nothing is
        playing, and the fan never stops. Reinstalled cleanly per the floated thread.
        """,
        replies=(
            R("oskar", 1.3, """
                Try turning off hardware acceleration: Settings > Compatibility > Enable
                hardware acceleration, then restart the app. On older GPU drivers the app can
                keep redrawing even when idle.
                """, "tomasz"),
            R("tomasz", 2, """
                Down to under 1% with it off. The GPU driver was from 2022, so I'm updating
                that and will try acceleration again afterwards.
                """, "oskar"),
            R("tomasz", 27, """
                New driver, acceleration back on, and it stays idle. Sorted.
            """, "oskar"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "win-local", "desktop-windows", "wren", 109.4,
        "Local files don't show up in the app",
        """
        I have a folder of live recordings from my band (MP3s) that I'd like to play in the
        app alongside everything else. Nothing shows up. Windows 11.
        """,
        replies=(
            R("marta", 1, """
                Go to Settings > Your Library, switch on "Show Local Files", and add your
                folder under "Show songs from". Your files then appear in Your Library under
                Local Files.
                """, "wren"),
            R("wren", 3, """
                The switch was off. They show up now, but half of them have no cover art.
            """),
            R("benji_bass", 5, """
                The app uses the cover embedded in each file. A tag editor like Mp3tag can
                add one cover to a whole folder in one go.
                """, "wren"),
            R("wren", 50, """
                Mp3tag sorted the covers. Looks great, thank you both.
            """, "benji_bass marta"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "win-mediakeys", "desktop-windows", "amara", 73.2,
        "Keyboard media keys do nothing",
        """
        The play/pause and next keys on my keyboard stopped working with the app last week.
        They still work for YouTube in the browser.
        """,
        replies=(
            R("oskar", 0.8, """
                Usually another app grabs the keys first. Discord, game overlays and some
                keyboard utilities do it. Close them one at a time and test.
                """),
            R("amara", 1.5, "Closing Discord fixed it!", "oskar"),
            R("leo", 2.2, """
                You don't have to quit Discord: remove the media key bindings in Discord's
                Keybinds settings and both can run together.
                """, "amara oskar"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "win-install", "desktop-windows", "lukas", 22.7,
        "Installer fails with error code 53",
        "Fresh Windows 11 laptop, the installer runs for a second then says error code 53.",
        replies=(
            R("oskar", 1.1, """
                Code 53 usually means leftovers from an earlier install. Run the clean-up from
                the floated thread at the top of this board, restart, and try again.
                """, "lukas"),
            R("lukas", 4, "That worked, it's installed. Thank you!", "oskar"),
        ),
        solution=2,
    ),
    # ------------------------------------------------- Desktop (Mac)
    ThreadSeed(
        "mac-basics", "desktop-mac", "elena", 266,
        "Read this before posting in Desktop (Mac): clean reinstall and permissions",
        """
        Hi all! On a Mac, dragging the app to the Bin leaves its cache behind. For a clean
        reinstall, quit the app, delete it from Applications, then remove these folders:

        ```
        ~/Library/Application Support/Spotify
        ~/Library/Caches/com.spotify.client
        ```

        Install again from the official website. If the app can't find your speakers, also
        check System Settings > Privacy & Security > Local Network.
        """,
        likes="vera_vinyl fatima marta",
        replies=(
            R("vera_vinyl", 14, """
                The Local Network one caught me out after a macOS update: Connect devices had
                simply vanished. Good to have it written down.
                """, "elena"),
            R("marta", 15, """
                Tip for anyone nervous about Terminal: in Finder, Go > Go to Folder, paste the
                path, and delete the folder from there.
                """, "elena vera_vinyl"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "mac-bounce", "desktop-mac", "vera_vinyl", 197.9,
        "App bounces in the Dock and never opens after updating macOS",
        """
        Updated macOS yesterday and now the app icon bounces in the Dock a few times and
        stops. No window, no error. MacBook Air M2.
        """,
        replies=(
            R("marta", 1, """
                Have you tried the clean reinstall from the floated thread, cache folders included?
            """),
            R("vera_vinyl", 3, "Yes, twice. Still bouncing."),
            R("oskar", 4, """
                Anything in System Settings > Privacy & Security, near the bottom, about a blocked
                app?
            """),
            R("vera_vinyl", 5, """
                Yes: "was blocked from use because it is not from an identified developer". I
                think I downloaded the installer from a mirror site when the main one was slow.
                """),
            R("marta", 5.5, """
                That explains it: that installer isn't ours. Delete it, run the clean-up
                again, and download only from the official website. Don't click "Open Anyway"
                for that copy.
                """, "vera_vinyl oskar"),
            R("vera_vinyl", 8, "Official installer, opens first time. Lesson learned!", "marta"),
        ),
        solution=6,
    ),
    ThreadSeed(
        "mac-storage", "desktop-mac", "fatima", 151.2,
        "Can I keep downloads on an external drive?",
        """
        My MacBook has 256 GB and the app's downloads take 40 of them. Can I move them to my
        external SSD?
        """,
        replies=(
            R("marta", 2, """
                Yes: Settings > Storage > Offline storage location. Pick a folder on the SSD
                and the app moves everything across.
                """, "fatima"),
            R("fatima", 4, "Done, 40 GB back. What happens when the SSD isn't plugged in?"),
            R("marta", 4.5, """
                Your downloads show as not downloaded until you plug it in again; nothing is
                lost. Streaming works as normal meanwhile.
                """, "fatima"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "mac-dac", "desktop-mac", "mia", 88.6,
        "Crackling through my USB DAC, only in this app",
        """
        Mac mini + a little USB DAC + wired headphones 🎧 Every few seconds there's a tiny
        crackle, like a vinyl pop. Only in this app. Browser audio and the system sounds
        are clean.
        """,
        replies=(
            R("oskar", 1.4, """
                Open Audio MIDI Setup and look at the DAC's format. If it's set to 96 kHz, try
                44.1 kHz, which is what most music is mastered at. Some DACs click on the
                resampling.
                """, "mia"),
            R("mia", 2, """
                it was on 96 kHz 🤦 set it to 44.1 and the crackle's gone ✨
            """, "oskar benji_bass"),
            R("benji_bass", 3, """
                While you're in there: if you want the signal untouched, also switch off
                Normalise volume in the app's Playback settings.
                """, "mia"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "mac-menubar", "desktop-mac", "yuki", 57.0,
        "Controls in the macOS menu bar?",
        """
        Is there a way to get play/pause and skip in the menu bar without opening the app
        window? I use it with full-screen apps a lot.
        """,
        replies=(
            R("marta", 3, """
                Not built in. The media keys and Control Centre's Now Playing both work with
                the app in the background, which covers most of it. There's also a menu bar
                idea in the Idea Exchange if you'd like to vote.
                """, "yuki"),
            R("yuki", 5, "Control Centre is good enough for now. Voted for the idea too."),
        ),
    ),
    ThreadSeed(
        "mac-notify", "desktop-mac", "nightbus", 32.3,
        "Turn off the popup on every song change?",
        "Every new song shows a notification in the corner. Lovely the first day, less so now.",
        replies=(
            R("leo", 0.7, """
                Settings > Display > "Show desktop notifications when the song changes".
                Switch it off and they stop.
                """, "nightbus"),
            R("nightbus", 1, "Bliss. Thanks!", "leo"),
        ),
        solution=2,
    ),
    # ----------------------------------------------- Desktop (Linux)
    ThreadSeed(
        "linux-basics", "desktop-linux", "jonas", 262,
        "Read this before posting in Desktop (Linux): which package, and how to get a log",
        """
        Hi all. The Linux client comes as a Flatpak, a Snap and a Debian package, and
        they behave differently. Tell us which one you use, your distribution, and your
        desktop (GNOME, KDE, ...) on X11 or Wayland.

        To get a log, start the client from a terminal:

        ```
        flatpak run com.spotify.Client --verbose
        snap run spotify --verbose
        ```

        Paste only the lines around the error, and check them for your name or email first.
        """,
        likes="felix_hz ines benji_bass",
        replies=(
            R("felix_hz", 10, """
                The --verbose flag saved me hours last month. Thanks for adding the hint about
                personal info in logs; I learned that one the hard way.
                """, "jonas"),
            R("ines", 30, """
                Worth pinning forever. Half the Linux threads start with 'it doesn't work'.
            """, "jonas"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "linux-pipewire", "desktop-linux", "felix_hz", 187.3,
        "Flatpak: no sound after switching to PipeWire",
        """
        Fedora 40, GNOME on Wayland. Since moving to PipeWire the Flatpak client shows
        the song playing, the progress bar moves, but there's no sound at all.

        ```
        $ pactl info | grep "Server Name"
        Server Name: PulseAudio (on PipeWire 1.0.7)
        ```
        """,
        replies=(
            R("oskar", 3, """
                The Flatpak needs the PulseAudio socket, which PipeWire provides. Some setups
                lose the permission. Give it back and restart the client:

                ```
                flatpak override --user --socket=pulseaudio com.spotify.Client
                ```
                """, "felix_hz ines"),
            R("felix_hz", 4, "That did it. Sound is back. Thanks!", "oskar"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "linux-hidpi", "desktop-linux", "ines", 126.0,
        "Window is tiny on a 4K screen",
        """
        Debian 12, KDE on X11, 4K monitor at 200% scaling. Everything scales except this
        client, which is microscopic.
        """,
        replies=(
            R("oskar", 2, """
                Start it with a scale factor. To make it stick, copy the .desktop file to
                ~/.local/share/applications and change the Exec line:

                ```
                Exec=spotify --force-device-scale-factor=2 %U
                ```
                """, "ines"),
            R("ines", 3, "Perfect, readable at last.", "oskar"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "linux-mediakeys", "desktop-linux", "benji_bass", 92.5,
        "Media keys don't work on GNOME Wayland",
        "Ubuntu 24.04, Debian package. Play/pause on the keyboard does nothing for the client.",
        replies=(
            R("felix_hz", 1, """
                The client talks MPRIS, so first check that part works from a terminal:

                ```
                playerctl --player=spotify play-pause
                ```

                If that pauses the music, the client is fine and it's a GNOME shortcut problem.
                """, "benji_bass"),
            R("benji_bass", 2, "playerctl works fine."),
            R("felix_hz", 3, """
                Then open Settings > Keyboard > Keyboard Shortcuts > Sound and Media and set
                Play (or pause) again. Custom keyboards sometimes send a different key code.
                """, "benji_bass oskar"),
            R("benji_bass", 4, "Re-assigned it and it works. Cheers Felix.", "felix_hz"),
        ),
        solution=4,
    ),
    ThreadSeed(
        "linux-libcurl", "desktop-linux", "felix_hz", 4.8,
        "Client won't start: error while loading shared libraries",
        """
        After a distro upgrade the client won't start. Here's the full log from --verbose:

        ```
        /home/felix.hartmann/.local/share/spotify/spotify: error while loading shared
        libraries: libcurl-gnutls.so.4: cannot open shared object file
        user: felix.hartmann@posteo.example, host: felix-thinkpad
        ```
        """,
        replies=(
            R("oskar", 1, """
                You're missing the GnuTLS flavour of libcurl. On Debian and Ubuntu:

                ```
                sudo apt install libcurl3-gnutls
                ```
                """, "felix_hz"),
            R("felix_hz", 2, """
                That fixed it, thanks. Also: I've reported my own first post. It has my full
                name and email in it. Mods, please remove it when you can.
                """, "oskar"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "linux-arm", "desktop-linux", "sol", 18.1,
        "Is there a desktop client for Raspberry Pi (ARM64)?",
        "I'd like a small music box in the kitchen on a Pi 5. Is there an ARM build?",
        replies=(
            R("leo", 2, """
                There's no official desktop client for ARM. The web player works in Chromium on
                a Pi 5, and if you'd rather control it from your phone, look for a Connect
                receiver that supports the Pi.
                """, "sol"),
            R("sol", 6, "Web player in Chromium it is. It runs surprisingly well."),
        ),
    ),
    # ---------------------------------------------------- Web Player
    ThreadSeed(
        "web-basics", "web-player", "jonas", 258,
        "Read this before posting in Web Player: browsers, DRM and private windows",
        """
        The web player needs protected-content (DRM) playback switched on in your browser.
        Most "it won't play" threads here come down to that:

        - Chrome and Edge: allowed by default; check Site settings > Protected content.
        - Firefox: Settings > General > Digital Rights Management (DRM) Content.
        - Private windows sometimes block it; try a normal window first.

        Please tell us your browser and version when you post.
        """,
        likes="harvey jules",
        replies=(
            R("harvey", 9, "The Firefox line saved me. A fresh profile had DRM off.", "jonas"),
            R("jonas", 10, "Glad it helped, Harvey."),
        ),
        floated=True,
    ),
    ThreadSeed(
        "web-firefox", "web-player", "jules", 171.3,
        "\"Playback of protected content is not enabled\" in Firefox",
        """
        I'm on Firefox 131 and the web player shows "Playback of protected content is not
        enabled". I followed the floated thread, but the DRM checkbox is greyed out.
        """,
        replies=(
            R("leo", 1, "Greyed out? Is this your own computer, or a work or school laptop?"),
            R("jules", 2, "Work laptop."),
            R("oskar", 2.5, """
                Then an administrator policy is locking it. Type about:policies in the address
                bar and you'll probably see EncryptedMediaExtensions there. Only your IT team
                can change that. The desktop app may be allowed where the web player isn't.
                """, "jules leo"),
            R("jules", 5, """
                about:policies shows exactly that. I'll ask IT, desktop app for now.
            """, "oskar"),
        ),
        solution=4,
    ),
    ThreadSeed(
        "web-safari", "web-player", "priya", 123.2,
        "Web player stops after each song in Safari",
        """
            Safari 18 on my Mac. Each song plays to the end and then nothing, I have to press play
            again.
        """,
        replies=(
            R("marta", 1.5, """
                Safari decides per website whether audio may start on its own. Go to Safari >
                Settings > Websites > Auto-Play and set the web player's site to Allow All
                Auto-Play.
                """, "priya"),
            R("priya", 2, "That's it! Whole album played through. Thank you Marta 💚", "marta"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "web-crossfade", "web-player", "nightbus", 84.9,
        "Crossfade setting missing in the web player",
        "I use crossfade on my phone. On the web player I can't find it anywhere. Am I blind?",
        replies=(
            R("marta", 2, """
                You're not: crossfade is in the desktop and mobile apps only, for now. There's
                an idea for it in the Idea Exchange if you'd like to add your vote.
                """, "nightbus"),
            R("nightbus", 3, "Voted. Thanks for the quick answer."),
        ),
        solution=2,
    ),
    ThreadSeed(
        "web-memory", "web-player", "tomasz", 29.4,
        "Web player tab uses over a gigabyte of memory after a day",
        """
        I leave the web player open all day in Chrome at work. By the afternoon the tab is at
        1.4 GB and everything gets sluggish.
        """,
        replies=(
            R("oskar", 3, """
                Long-running web apps grow over time. Reloading the tab once in a while resets
                it; the desktop app manages memory better if you're allowed to install it.
                """),
            R("tomasz", 6, """
                Worse: Chrome's Memory Saver freezes the tab after a while, which stops the
                music. I've added the site to "Always keep these sites active" and I reload at
                lunch. Good enough.
                """, "oskar"),
        ),
    ),
    # -------------------------------------------- Speakers & Devices
    ThreadSeed(
        "dev-basics", "speakers-devices", "jonas", 255,
        "Read this before posting in Speakers & Devices: make, model, firmware",
        """
        For speaker, TV, car and console questions, please tell us the make and model, the
        firmware version, and how you connect (Connect, Bluetooth, cable).

        For Connect, the phone and the speaker must be on the same network, and your router
        must let devices see each other. Guest networks and "client isolation" or "AP
        isolation" settings block that.
        """,
        likes="benji_bass nightbus wren",
        replies=(
            R("benji_bass", 6, """
                Add mesh systems to that: some turn on a "device isolation" option in their
                app that isn't called isolation anywhere in the router's own pages.
                """, "jonas"),
            R("jonas", 8, "Good point, thanks Benji."),
        ),
        floated=True,
    ),
    ThreadSeed(
        "dev-router", "speakers-devices", "nightbus", 206.6,
        "Speaker stopped showing up in Connect after I changed routers",
        """
        New router from my provider last week. Since then the speaker in the living room
        doesn't appear in the device list. The speaker's own app sees it fine, and it's on
        the same Wi-Fi as my phone.
        """,
        replies=(
            R("leo", 1, "Same network name on 2.4 and 5 GHz, or two separate names?"),
            R("nightbus", 2, "One name, the router picks the band."),
            R("benji_bass", 3, """
                Connect finds speakers with multicast (mDNS). Provider routers often ship with
                IGMP snooping or multicast filtering that drops it. Look for "IGMP snooping"
                or "multicast" in the router's advanced settings and switch it off, or turn on
                "multicast to unicast" if it's offered.
                """, "nightbus leo oskar"),
            R("nightbus", 26, """
                Switched off IGMP snooping and the speaker showed up straight away.
            """, "benji_bass"),
        ),
        solution=4,
    ),
    ThreadSeed(
        "dev-tv", "speakers-devices", "amara", 148.3,
        "TV app logs me out every night",
        """
            Every evening the app on my TV is logged out again and I have to do the pairing code
            dance.
        """,
        replies=(
            R("leo", 2, """
                Is the TV fully switching off at night, maybe on a power strip or a timer?
            """),
            R("amara", 4, "It's on a smart plug that cuts power at midnight..."),
            R("leo", 5, """
                There you go. Some TVs only save the app's login when they go to standby, so
                a hard power cut loses it. Let the TV go to standby first and cut the plug a
                few minutes later.
                """, "amara"),
            R("amara", 50, "Moved the plug schedule to 00:15. Logged in two days running!", "leo"),
        ),
        solution=4,
    ),
    ThreadSeed(
        "dev-volume", "speakers-devices", "wren", 101.8,
        "Volume jumps to 100% when connecting to my soundbar",
        """
        Every time I pick my soundbar from the device list, the volume jumps to maximum.
        My neighbours are not amused. The soundbar is on the latest firmware.
        """,
        replies=(
            R("marta", 1.5, """
                The app takes the volume the soundbar reports, and some soundbars report 100
                when they wake up. Turn the soundbar's own "fixed volume" or "TV volume sync"
                setting off; the app then remembers the last level you used.
                """, "wren"),
            R("wren", 4, """
                Fixed volume was on. Off now, and it comes up at a sensible level.
            """, "marta"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "dev-watch", "speakers-devices", "yuki", 60.2,
        "Watch downloads stuck on \"Waiting to download\"",
        """
            Wear OS watch, 12 playlists selected for offline. They've said waiting to download for
            two days.
        """,
        replies=(
            R("leo", 1, """
                Watches only download on Wi-Fi, and many only while charging. Put it on the
                charger near the router with Wi-Fi on and leave it an hour.
                """, "yuki"),
            R("yuki", 14, "Overnight on the charger did it. All 12 are on the watch now.", "leo"),
        ),
        solution=2,
    ),
    # ------------------------------------------------------ Accounts
    ThreadSeed(
        "acc-basics", "accounts", "elena", 251,
        "Read this before posting in Accounts: keep your details to yourself",
        """
        Hi everyone, a few things to keep you safe in this board:

        - Never post your password, email address, phone number or payment details here.
          Everyone can read this board, and no Community member or moderator will ever ask
          for them.
        - We can't look up your account from the Community. For account-specific help,
          contact support through the support site.
        - If you think someone else is using your account, sign out everywhere and change
          your password first, then post.
        """,
        likes="dana_r lukas",
        replies=(
            R("lukas", 5304, "What if I can't log in at all to ask for help?"),
            R("elena", 5330, """
                You can read the Community without logging in, and the support site's contact
                form works without an account too.
                """, "lukas"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "acc-google", "accounts", "carmen", 12.6,
        "Continue with Google says \"couldn't log in\"",
        """
        When I tap Continue with Google it goes back to the start and says "Couldn't log in,
        try again". I've had my account for years and my playlists are on it.
        """,
        replies=(
            R("leo", 1.2, """
                If your account was made with an email and password, Continue with Google looks
                for a different account. Try "Log in with email" and use Forgot password if you
                don't remember it.
                """, "carmen"),
            R("carmen", 3, "I reset the password and I'm in, all my playlists are there!", "leo"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "acc-emoji", "accounts", "mia", 135.2,
        "Emoji in my display name: allowed?",
        """
        I changed my display name to Mia 🎧✨ and it shows fine everywhere here. On another
        forum an emoji in my name stopped me from logging in at all, so I'm a bit wary. Is
        it really ok?
        """,
        replies=(
            R("marta", 1, """
                It's fine here. Your username (mia) is what you log in with; the display name is
                only for showing, and emoji are welcome in it.
                """, "mia priya"),
            R("tilly", 3, "how do u even type the sparkles on a computer"),
            R("mia", 3.5, "Win + . on Windows, Ctrl + Cmd + Space on a Mac ✨", "tilly"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "acc-hijack", "accounts", "dana_r", 161.3,
        "Someone logged in to my account from another country",
        """
        My recently played is full of songs I've never heard, and the device list shows a
        "Living Room TV" I don't own. What do I do first?
        """,
        replies=(
            R("oskar", 0.5, """
                In this order:
                1. Account page > Sign out everywhere.
                2. Change your password to one you don't use anywhere else.
                3. Check the Apps page on your account and remove anything you don't know.
                4. Change your email account's password too, if it matches the old one.
                """, "dana_r jonas leo"),
            R("dana_r", 2, "Done, all four. The strange TV is gone from the list.", "oskar"),
            R("jonas", 3, """
                Good. Switch on two-step verification for your email as well; that's where
                password resets go.
                """, "dana_r"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "acc-reset-mail", "accounts", "marcus_t", 9.4,
        "Password reset email never arrives",
        """
        I've asked for the reset email five times. Nothing. My email is
        marcus.t.1998@mailbox.example if someone can check it for me.
        """,
        replies=(
            R("leo", 0.5, """
                Hi Marcus, please don't post your email address on the boards: the Community
                flags posts like this for the moderators. Check your spam and Promotions
                folders, and make sure it's the address on your account. Reset emails can
                take ten minutes.
                """, "jonas"),
            R("marcus_t", 1.5, "it was in the promotions tab. got in", "leo"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "acc-pronouns", "accounts", "jules", 131.5,
        "How do I add pronouns to my profile?",
        "Saw pronouns under some names here and I'd like to add mine. Where's that setting?",
        replies=(
            R("kate", 3, """
                Open your Community profile and pick them under "Choose your pronouns". Yours
                show up next to your name on every post.
                """, "jules elena"),
            R("jules", 4, "Done, thank you!", "kate"),
        ),
        solution=2,
    ),
    # ------------------------------------------------- Subscriptions
    ThreadSeed(
        "sub-basics", "subscriptions", "elena", 248,
        "Read this before posting in Subscriptions: what we can and can't do here",
        """
        Hi everyone! Members and moderators here can explain how plans, billing dates and
        invitations work, but nobody in the Community can see or change your payments.

        - Never post card numbers, bank details or receipts with your address on them.
        - For refunds and payment problems, contact support through the support site.
        - Plan prices differ by country, so say which country you're in.
        """,
        likes="fatima harvey",
        replies=(
            R("fatima", 25, """
                Thank you for the 'say which country' line. Would have saved me a day.
            """, "elena"),
            R("harvey", 60, "Clear and short. More of these please."),
        ),
        floated=True,
    ),
    ThreadSeed(
        "sub-family", "subscriptions", "fatima", 190.2,
        "Family plan invite: \"address doesn't match\"",
        """
        I manage our Family plan. My mum accepted the invite but gets "address doesn't match"
        when she confirms her address. We live in the same house!
        """,
        replies=(
            R("marta", 1, """
                The address has to match the plan manager's exactly, as typed. Check
                abbreviations ("St" vs "Street"), flat numbers and postcodes with or without a
                space.
                """, "fatima"),
            R("fatima", 2.5, """
                She typed St and I had Street. Works now, whole family on 👨‍👩‍👧
            """, "marta priya"),
            R("priya", 3, "Ha, same thing happened with my sister. Glad it was that simple."),
        ),
        solution=2,
    ),
    ThreadSeed(
        "sub-double", "subscriptions", "koa", 14.3,
        "Charged twice this month",
        """
        Two Premium charges on my bank app for October, same amount, same day. Call me on
        07700 900461 if you need my details, I don't know what else to do.
        """,
        replies=(
            R("jonas", 1, """
                Hi Koa, please don't share your phone number here: the Community flags posts
                like this automatically. Nobody here can see your payments. A double charge is
                often one pending authorisation that drops off after a few days. Check whether
                one of the two says "pending" in your bank app.
                """, "koa leo"),
            R("koa", 100, "One of them disappeared after 4 days, like you said. Thanks!", "jonas"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "sub-student", "subscriptions", "chloe_m", 16.9,
        "Student discount verification keeps failing",
        "I'm at uni but the student verification keeps saying it can't confirm me. What works?",
        replies=(
            R("priya", 2, """
                Mine failed with my personal email and went through when I used the
                university one and uploaded my enrolment letter when it asked.
                """, "chloe_m"),
            R("chloe_m", 20, "The enrolment letter did it, I'm verified. Thanks Priya!", "priya"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "sub-duo", "subscriptions", "harvey", 96.4,
        "Duo for a couple who don't live together?",
        "My partner and I live in different cities. Can we share a Duo plan?",
        replies=(
            R("marta", 1, """
                Duo and Family are for people at the same address, so two Individual plans is
                the way for you two. You can still share playlists and listen together.
                """, "harvey"),
            R("harvey", 2, "Fair enough. Thanks for the honest answer.", "marta"),
        ),
        solution=2,
    ),
    ThreadSeed(
        "sub-cancelled", "subscriptions", "sol", 52.7,
        "Cancelled Premium but the app still says Premium",
        """
            I cancelled last week, but the app still shows Premium and my downloads still work. Did
            it fail?
        """,
        replies=(
            R("leo", 0.5, """
                No, that's normal: Premium runs until the end of the period you've already
                paid for, then the account goes back to the free plan.
                """, "sol"),
            R("sol", 1, "Makes sense. Thanks!", "leo"),
        ),
        solution=2,
    ),
)


# ------------------------------------------------------------------ Chat boards

CHAT_THREADS: tuple[ThreadSeed, ...] = (
    # ------------------------------------------------ Music Exchange
    ThreadSeed(
        "mx-read", "music-exchange", "jonas", 240,
        "Read this before posting in Music Exchange: share with a story",
        """
        Music Exchange is for swapping what you love right now. A link on its own tells us
        nothing, so say a few words about each track or playlist: why this one, why now.

        Share a link once per thread, and not again anywhere in Chat for ten days. Playlist
        swaps are welcome; follow-for-follow and anything paid are not, and the Community
        flags those posts automatically.
        """,
        likes="kate priya benji_bass",
        replies=(
            R("kate", 5, """
                The 'why this one' part is what makes this board worth reading. Thanks Jonas.
            """),
            R("benji_bass", 9, "Seconded. Five words about a song beat fifty links.", "kate"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "mx-rainy", "music-exchange", "kate", 178.2,
        "Songs for a rainy Sunday morning",
        """
        Kettle on, rain on the skylight, nowhere to be. Share the one song you'd put on for
        that. Mine: spotify:track:u8jzPde0IgxLd6GncfBAep, Harbour Lights' slow version of
        their own single, just a piano and a very tired voice.
        """,
        likes="priya mia vera_vinyl",
        replies=(
            R("mia", 2, """
                spotify:track:fJBd0Kh8oOOL8dKLzdocJ2, Soft Engine, "Paper Weather". Lo-fi
                with actual rain recorded on a balcony in Osaka ☔
                """, "kate"),
            R("vera_vinyl", 4, """
                spotify:track:isAjIhKtJ0RlgLKOmxgJTe. Old soul ballad, vinyl crackle left in on
                purpose. I put this on and don't get dressed until noon.
                """, "kate mia"),
            R("priya", 6, """
                spotify:track:KdNnFRIBXuDL7DxtpYlSXp by June & the Paper Boats. Folk, a
                cello, and a chorus you'll be humming at lunch.
                """, "kate"),
            R("kate", 8, """
                This is the best thread I've started in years. Saving all of these.
            """, "priya mia"),
        ),
    ),
    ThreadSeed(
        "mx-roadtrip", "music-exchange", "priya", 96.7,
        "Playlist swap: songs for long drives",
        """
        Eight hours to my grandparents' next month and I refuse to hear the same twenty songs
        again. Here's my driving playlist: spotify:playlist:fKtHF4vUCsMehGAkWvj7FA. Mostly
        2010s indie with singalong choruses. Swap me yours and tell me what's on it!
        """,
        likes="nightbus olu yuki",
        replies=(
            R("nightbus", 3, """
                spotify:playlist:c9QeWJKY40uvSwMFLZDe1f: motorik krautrock and modern
                synthwave. Hypnotic on motorways, maybe too hypnotic at night.
                """, "priya"),
            R("olu", 5, """
                Mine's Afrobeats and highlife, pure sunshine:
                spotify:playlist:8rESQedUStPKR0CsTy4Qwb. Nobody falls asleep to horns.
                """, "priya nightbus"),
            R("yuki", 9, """
                spotify:playlist:8DwkNhFdnXsiVpzz63FfkC. City pop, all of it. Driving at dusk
                is what this music was made for.
                """, "priya mia"),
            R("priya", 30, "Olu's horns got us through the traffic jam. Thank you all 🚗", "olu"),
        ),
    ),
    ThreadSeed(
        "mx-f4f", "music-exchange", "zoe_plays", 3.1,
        "F4F?? follow my playlist and i follow back 💯",
        """
        follow my gym playlist spotify:playlist:zJr4i0B3JrTAwR4y9ojflj and comment done,
        i follow back everyone within 24h!! lets grow together 💯💯
        """,
        replies=(
            R("leo", 2, """
                Hi Zoe! Follow-for-follow isn't allowed in Chat, so this got flagged for the
                moderators. Tell us about the playlist instead: what's on it, what's it for?
                """),
            R("zoe_plays", 5, """
                oh ok sorry 😅 it's mostly 2000s pop punk, for lifting. loud and fast
            """, "leo"),
            R("benji_bass", 8, """
                Pop punk for deadlifts is a proper use case. Respect.
            """, "zoe_plays"),
        ),
    ),
    ThreadSeed(
        "mx-bass", "music-exchange", "benji_bass", 58.3,
        "Tracks where the bass line is the real lead",
        """
        Bass player here. Post a track where the bass carries the song, and tell us the
        moment to listen for. Opening bid: spotify:track:oQoaF1LlqsajAIxNKu8iS2, Okonkwo
        Brass Collective. At 1:12 the horns drop out and the bass just walks off on its own.
        """,
        likes="vera_vinyl nightbus",
        replies=(
            R("vera_vinyl", 2, """
                spotify:track:G8NPRVdD53X83RZJzzzzgE: the whole verse is two notes, and
                somehow it's the most memorable part of the song.
                """, "benji_bass"),
            R("mia", 6, """
                spotify:track:OzdmenCkhvMdgaKjIg8xNb, city pop, fretless bass sliding all
                over the chorus 🎸 on good headphones it's like being in the room
                """, "benji_bass yuki"),
            R("benji_bass", 7, "Fretless in city pop is a cheat code. Great pick, Mia."),
        ),
    ),
    # ---------------------------------------------- Music Discussion
    ThreadSeed(
        "md-read", "music-discussion", "jonas", 238,
        "Read this before posting in Music Discussion: talk about the music",
        """
        This board is for conversation. Disagree about music as much as you like; never
        about the people who like it. Mark spoilers for unreleased material, don't link to
        leaks, and start a new thread for a new topic.
        """,
        likes="kate tomasz",
        replies=(
            R("tomasz", 12, """
                The 'never about the people' line should be on a T-shirt.
            """, "jonas kate"),
            R("kate", 20, "Hear, hear."),
        ),
        floated=True,
    ),
    ThreadSeed(
        "md-tenth", "music-discussion", "kate", 8.4,
        "Albums that only clicked on the tenth listen",
        """
        Some records I disliked at first are now among my favourites. For me it was the
        second Harbour Lights album: first listen, too slow; tenth listen, I understood
        that the slowness was the point. Which albums took you that long?
        """,
        likes="tomasz wren amara",
        replies=(
            R("tomasz", 3, """
                Most jazz, honestly. The first time it sounds like everyone is playing a
                different song. Somewhere around the fifth listen you hear them listening to
                each other.
                """, "kate wren"),
            R("marcus_t", 5, """
                if you need ten listens to like something its just bad and you're pretending.
                people who like this slow stuff are idiots
                """),
            R("wren", 6, """
                Disagree about the music, not the people, please. Mine was a noisy shoegaze
                record: I thought my headphones were broken. Now it's my winter album.
                """, "kate amara tomasz"),
            R("amara", 9, """
                Hanne Vik's live album. Thirty minutes before the first song properly starts.
                Now that opening is the part I wait for.
                """, "kate"),
        ),
    ),
    ThreadSeed(
        "md-albums", "music-discussion", "tomasz", 75.8,
        "Is the album as a format on its way out?",
        """
        I keep reading that people only listen to songs now, not albums. But the artists I
        follow still put out albums that only make sense in order. Are we old-fashioned,
        or is the album doing fine?
        """,
        replies=(
            R("yuki", 4, """
                Playlists changed how I find music, but albums are how I keep it. Once a song
                grabs me I always go and hear the record it came from.
                """, "tomasz"),
            R("tilly", 6, """
                i listen to albums when it's an artist i love, the day it comes out, start to
                finish, no skipping. everything else is playlists
                """, "tomasz yuki"),
            R("bram", 10, """
                Every format has been "dying" since the single came out. The album survives
                because artists like telling long stories, and some of us like hearing them.
                """, "tomasz kate"),
        ),
    ),
    ThreadSeed(
        "md-live", "music-discussion", "vera_vinyl", 44.0,
        "Live versions that beat the studio recording",
        """
        I'll start: the live recording of "Lantern Street" by The Lantern Club, where the
        crowd sings the last chorus and the band just stops playing. Goosebumps every time.
        """,
        replies=(
            R("amara", 2, """
                Hanne Vik again, sorry. Her loop pedal died halfway through a festival set and
                she finished the song on her own with just the cello. Rawest thing I own.
                """, "vera_vinyl"),
            R("olu", 7, """
                Okonkwo Brass Collective live is twice as fast as the record and three times
                as loud. The studio versions sound polite in comparison.
                """, "benji_bass"),
        ),
    ),
    ThreadSeed(
        "md-languages", "music-discussion", "yuki", 22.5,
        "Songs in a language you don't speak that you love anyway",
        """
        Half of what I listen to is in Portuguese, which I don't speak a word of. The voice
        says enough. What are yours?
        """,
        replies=(
            R("ines", 3, """
                As the Portuguese speaker here: Maré Alta's lyrics are about the sea and about
                leaving, so you're hearing it right.
                """, "yuki"),
            R("tilly", 5, """
                korean! started with one k-pop song and now i know like 50 words lol
            """, "yuki"),
            R("fatima", 8, """
                Fado and Malian desert blues for me. I looked up the translations once and
                liked them less. Sometimes not knowing is better.
                """, "yuki ines"),
        ),
    ),
    # --------------------------------------------- Discovery & Promo
    ThreadSeed(
        "dp-read", "discovery-promo", "jonas", 236,
        "Read this before posting in Discovery & Promo: tell us about the artist",
        """
        Artists and fans, welcome. To post here, tell us about the artist: who they are,
        what inspired the release, what we can expect to hear. One thread per artist; add
        new releases to your existing thread. Anything commercial is off-limits here, and
        the Community flags it for the moderators automatically.
        """,
        likes="pete_loops ines",
        replies=(
            R("pete_loops", 1584, """
                As a tiny artist: thank you for keeping this board free of the spam.
            """, "jonas"),
            R("ines", 1600, """
                And for 'one thread per artist'. Makes it so much easier to follow someone.
            """),
        ),
        floated=True,
    ),
    ThreadSeed(
        "dp-pete", "discovery-promo", "pete_loops", 138.0,
        "Pete Loops: bedroom synth-pop from Leeds, new EP \"Night Tram\"",
        """
        Hi all! I'm Pete, I make synth-pop in my spare room in Leeds on a very old
        keyboard and a laptop. "Night Tram" is five songs written on the last tram home
        from my shift at a bakery: half-asleep, slightly hopeful, very 1983.

        If you like drum machines, big chorus melodies and lyrics about buses, you'll feel
        at home: spotify:album:e3nNyjOq9wMxEhh2FDEEtf

        I'd love to hear which song you'd skip, honestly.
        """,
        likes="mia nightbus tilly",
        replies=(
            R("nightbus", 5, """
                As a connoisseur of night transport: track 3 is the one. The arpeggio sounds
                exactly like the doors closing. I wouldn't skip any of it.
                """, "pete_loops"),
            R("mia", 9, "the synths are so warm 🥹 what keyboard is it?", "pete_loops"),
            R("pete_loops", 10, """
                A second-hand Juno from a car boot sale, one key doesn't work, so every song is
                written around it.
                """, "mia nightbus tilly"),
            R("tilly", 14, "that is the coolest fact ever", "pete_loops"),
            R("streamz4u", 3144, """
                want 50k plays on this EP? real listeners, cheap, DM me for prices
                """),
        ),
    ),
    ThreadSeed(
        "dp-spam", "discovery-promo", "streamz4u", 2.4,
        "🔥 GET 10,000 REAL PLAYS FOR $9.99, guaranteed playlist placement 🔥",
        """
        Artists!!! Boost your streams with our 100% REAL listeners. 10k plays $9.99, 50k
        plays $39. Guaranteed placement on playlists with 200k followers. DM me now or
        visit streamz4u dot biz, limited offer!!!
        """,
        replies=(
            R("pete_loops", 3, """
                For any artist reading this: bought plays get tracks taken down and royalties
                withheld. Don't.
                """, "wren olu ines"),
            R("wren", 4, "Reported. Good advice, Pete.", "pete_loops"),
        ),
    ),
    ThreadSeed(
        "dp-mare", "discovery-promo", "ines", 89.9,
        "Maré Alta: fado meets electronics, from Lisbon",
        """
        I want to tell you about Maré Alta, a duo from Lisbon: a fado singer, Rita, and a
        producer, Nuno, who builds beats out of recordings of the harbour. Their debut
        album is sad in that fado way, but with a pulse under it you can nearly dance to.

        Start with the title track: spotify:album:jgVvVqE1SkHbn88HxjSI6b. It opens with
        Rita alone, the beat comes in at the second verse, and then it doesn't let go.
        """,
        likes="yuki fatima amara",
        replies=(
            R("yuki", 3, """
                This is exactly the kind of thing this board is for. Playing it now.
            """, "ines"),
            R("fatima", 6, "The harbour sounds are gorgeous. Do they tour?", "ines"),
            R("ines", 7, "Mostly Portugal and Spain so far. Fingers crossed for more.", "fatima"),
        ),
    ),
    ThreadSeed(
        "dp-cello", "discovery-promo", "amara", 37.4,
        "Hanne Vik: a cellist who loops herself into an orchestra",
        """
        Hanne Vik is a Norwegian cellist who records one line, loops it, plays another over
        it, and keeps going until a single cello sounds like a string section. Her new
        record was made live in a wooden church, so there's a long, soft echo on all of it.

        Start with "Fjordlys": spotify:track:WHtP3fS2qHx6kwXoIIXGvO. Headphones recommended.
        """,
        likes="kate vera_vinyl",
        replies=(
            R("kate", 2, "Stunning. I had to stop what I was doing.", "amara"),
            R("mia", 4, "headphones were definitely recommended. that church reverb 🎧", "amara"),
        ),
    ),
    # ----------------------------------------------- Social & Random
    ThreadSeed(
        "sr-intro", "social-random", "elena", 234,
        "Introduce yourself! 👋",
        """
        New here, or here for years and never said hello? Tell us your name, where you
        listen (commute, kitchen, studio...) and the song that's been on repeat this week.
        I'll start: I'm Elena, I run this Community, I listen while cooking, and this week
        it's anything with a brass section.
        """,
        likes="mia tilly koa",
        replies=(
            R("mia", 20, """
                hi! Mia, headphones always, and this week it's lo-fi city pop 🎧✨
            """, "elena"),
            R("tilly", 2310, """
                hii i'm tilly, i listen on the bus to school, currently obsessed with a k-pop
                b-side
            """, "elena mia"),
            R("koa", 3400, """
                Koa here. Gym and night walks. This week: old drum and bass.
            """, "elena"),
            R("lukas", 4700, "Lukas from Graz. Mostly study music. Hello!", "elena koa"),
            R("carmen", 5150, """
                Hi, Carmen! Still figuring out the boards. Listening to salsa in the kitchen 💃
            """, "elena lukas"),
            R("chloe_m", 5180, "Chloe, uni student, playlists for every essay deadline", "carmen"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "sr-emoji", "social-random", "mia", 90.5,
        "Game: describe an album in three emoji, the next person guesses",
        """
        Rules: describe an album in three emoji. The next person guesses, then posts their
        own. No googling! First one: 🌊🚋🌙
        """,
        likes="tilly priya koa",
        replies=(
            R("priya", 1, """
                @mia Pete Loops, Night Tram? The tram is a giveaway. Mine: 🧑‍🎤🔥🎸
            """, "mia"),
            R("tilly", 2, "is that the Kestrel Lane live album?? mine: 🏳️‍🌈💃🪩", "priya mia"),
            R("koa", 4, "Some disco record, I give up. Mine is easy: 👩‍👩‍👧🎹🌧️", "tilly"),
            R("mia", 5, "June & the Paper Boats, the family one with the piano! 🥳", "koa"),
        ),
    ),
    ThreadSeed(
        "sr-rate", "social-random", "tilly", 48.3,
        "Last song you listened to, the next person rates it out of 10",
        "rules in the title!! i just listened to a Kestrel Lane song about a lighthouse",
        likes="koa mia",
        replies=(
            R("koa", 1, """
                8/10, lighthouses are always a good topic. Mine was an old jungle track from 1995.
            """, "tilly"),
            R("mia", 2, """
                jungle from 95 gets a 9 from me. last song: a lo-fi cover of a video game theme
            """, "koa"),
            R("nightbus", 3, """
                Video game lo-fi: 7, it's a genre of its own at this point. Mine: a motorik
                krautrock jam.
            """, "mia"),
            R("tilly", 4, """
                krautrock sounds like a type of bread. 6/10 but only because i don't know it
            """, "nightbus koa mia"),
        ),
    ),
    ThreadSeed(
        "sr-firstgig", "social-random", "kate", 70.1,
        "What was your first concert?",
        """
        Mine was a very loud rock band in a very small town hall, 1993, with my dad
        wearing earplugs at the back. What was yours, and would you go again?
        """,
        likes="vera_vinyl bram wren",
        replies=(
            R("vera_vinyl", 2, """
                A jazz trio in a pub. I was underage and sat behind the piano so nobody would
                notice.
            """, "kate"),
            R("bram", 4, """
                A festival in the rain, lost both shoes. Would absolutely go again.
            """, "kate wren"),
            R("tilly", 5, "i haven't been to one yet!! my mum says maybe next summer", "kate"),
            R("kate", 6, """
                Tilly, the first one is the best one. Earplugs, water, and go near the front.
            """, "tilly"),
        ),
    ),
    ThreadSeed(
        "sr-voteswap", "social-random", "priya", 27.0,
        "Idea vote swap: vote for mine and I'll vote for yours!",
        """
        Let's help each other! Post your idea below, I'll vote for every one, and you vote
        for my "[Playlists] Let me pin a note to the top of a playlist" idea. Deal?
        """,
        replies=(
            R("zoe_plays", 2, "deal!! mine's about gym mode"),
            R("jonas", 4, """
                Locking this one, Priya. Votes tell the teams what members really want, so
                swapping them makes the Idea Exchange less useful for everyone. Your idea is a
                good one and can win its votes on its own.
                """, "marta"),
        ),
        locked=True,
    ),
    # ------------------------------------------------ App & Features
    ThreadSeed(
        "af-read", "app-features", "jonas", 232,
        "Read this before posting in App & Features: tips here, problems in Help",
        """
        This board is for tips and tricks. If something is broken, post in the Help board
        for your platform; if you want something new, submit an idea. Hide personal
        information in screenshots, and never link to modified versions of the app.
        """,
        likes="marta nightbus",
        replies=(
            R("marta", 3, """
                I'll add a tip thread about Your Library folders to get us going.
            """, "jonas"),
            R("nightbus", 100, "Good split. I always post troubleshooting in the wrong place."),
        ),
        floated=True,
    ),
    ThreadSeed(
        "af-bold", "app-features", "chloe_m", 11.2,
        "How do I make text bold in a post?",
        """
        I wanted to make one word stand out, so I typed [bold]this[/bold] like on another
        forum, and the post shows the brackets exactly as I typed them. Is there some other
        code?
        """,
        replies=(
            R("marta", 1, """
                No code, on purpose: posts here are plain text, so what you type is exactly
                what everyone sees, brackets included. Use *asterisks* or CAPITALS for
                emphasis, everyone understands those.
                """, "chloe_m"),
            R("oskar", 2, """
                Fenced code blocks do keep their spacing, which helps for logs:

                ```
                [bold] stays [bold], and that's a feature
                ```
                """, "marta chloe_m"),
            R("chloe_m", 3, "Ha, okay, *asterisks* it is. Thanks!", "marta"),
        ),
    ),
    ThreadSeed(
        "af-folders", "app-features", "marta", 229,
        "Tip: folders in Your Library",
        """
        If your Library is a wall of 200 playlists: make folders. On desktop, right-click in
        Your Library > Create folder, then drag playlists in. Folders sync to your phone,
        and you can nest them. I have "Moods", "Seasons", and a folder per year of
        Discover Weekly saves.
        """,
        likes="priya nightbus yuki fatima",
        replies=(
            R("priya", 30, "A folder per year of saves is genius. Doing it tonight.", "marta"),
            R("yuki", 40, """
                Folders for each decade, and inside each decade one per country. I may have a
                problem.
            """, "marta priya"),
        ),
    ),
    ThreadSeed(
        "af-queue", "app-features", "nightbus", 63.5,
        "How I use the queue vs. 'Add to playlist'",
        """
        Queue is for tonight; playlists are forever. When something catches my ear on the
        radio I add it to one playlist called "Inbox", and every Sunday I sort the inbox
        into proper playlists or delete it. Keeps my real playlists tidy.
        """,
        replies=(
            R("fatima", 2, """
                An inbox playlist! That's basically email for songs. Love it.
            """, "nightbus"),
            R("olu", 5, """
                I do the same but call it 'Maybe'. Currently 412 songs in Maybe.
            """, "nightbus fatima"),
        ),
    ),
    ThreadSeed(
        "af-smartshuffle", "app-features", "olu", 19.8,
        "Smart shuffle: love it or hate it?",
        """
        Smart shuffle adds recommended songs into your playlists while they play. I use it
        on my old playlists to freshen them up and never on new ones. Where do you stand?
        """,
        replies=(
            R("tilly", 1, "love it, found like 10 new artists that way", "olu"),
            R("hugo", 3, """
                Hate it on albums-as-playlists, fine on background playlists. The sparkle
                icon tells you which songs it added, which helps.
                """, "olu"),
        ),
    ),
    # -------------------------------------------- Podcast Discussion
    ThreadSeed(
        "pd-read", "podcast-discussion", "rosa", 230,
        "Read this before posting in Podcast Discussion: tell us about the show",
        """
        Hi, I'm Rosa, I host Lo-Fi Hours and help look after this board. Say what a show is
        about and who it's for, mark spoilers for story and true-crime shows, and if you
        make a podcast yourself, tell us about it instead of just dropping a link.
        """,
        likes="hugo dana_r harvey",
        replies=(
            R("hugo", 8, "Spoiler marking for true crime, please yes.", "rosa"),
            R("dana_r", 12, "Nice to have a creator on the board. Welcome Rosa!", "rosa"),
        ),
        floated=True,
    ),
    ThreadSeed(
        "pd-lofi42", "podcast-discussion", "rosa", 81.2,
        "Lo-Fi Hours ep. 42: how tape hiss became a genre",
        """
        This week on Lo-Fi Hours: why do so many new records add the hiss and wobble that
        engineers spent fifty years getting rid of? We talk to two producers who record to
        cassette on purpose, and to an engineer who thinks they're all mad.

        spotify:episode:rEqmSM9wCZ7Uw9xfogoEmv. Tell me which side you're on.
        """,
        likes="hugo mia benji_bass",
        replies=(
            R("mia", 4, "team hiss 🎧 it's like the music has weather", "rosa hugo"),
            R("benji_bass", 6, """
                Team engineer, sorry. I love the sound of the records, but I spent my youth
                fighting tape noise and I'm not going back.
                """, "rosa"),
            R("hugo", 9, "Best episode this season. The engineer was a fantastic guest.", "rosa"),
        ),
    ),
    ThreadSeed(
        "pd-studios", "podcast-discussion", "hugo", 55.1,
        "Shows about the history of recording studios",
        """
        I'm after podcasts about how records were made: studios, engineers, famous
        sessions. So far I love "Control Room Stories" (spotify:show:nEN5N1aE6PwZPf1Qh6yYTW),
        one studio per episode, lots of archive tape. What else is out there?
        """,
        likes="tomasz rosa",
        replies=(
            R("tomasz", 3, """
                "Second Take" (spotify:show:mE4lBYOvfZ8UzDzV8fUkki): musicians listen back to
                an old session and explain every mistake they left in.
                """, "hugo"),
            R("rosa", 5, """
                Biased, but Lo-Fi Hours episode 30 was a whole hour in a cassette factory.
            """, "hugo tomasz"),
            R("hugo", 7, "Queued both. Thanks, and Rosa, the factory one is already on my list."),
        ),
    ),
    ThreadSeed(
        "pd-complete", "podcast-discussion", "dana_r", 33.3,
        "Podcasts you've heard every single episode of",
        """
        I've listened to all 312 episodes of a gardening show and I don't have a garden.
        Which show have you heard every episode of, and why?
        """,
        replies=(
            R("harvey", 2, """
                A football history show. 280 episodes. My team hasn't won anything in any of them.
            """, "dana_r"),
            R("hugo", 3, """
                "Control Room Stories", all 96. Each one is a small world. I keep PMs off, so
                if you want more tips, just ask in here.
                """, "dana_r"),
        ),
    ),
    ThreadSeed(
        "pd-speed", "podcast-discussion", "harvey", 8.9,
        "Do you listen at 1.5x?",
        """
            Honest question. My kids say I'm wasting my life at 1x. I say they're not listening
            properly.
        """,
        replies=(
            R("dana_r", 1, """
                1.2x for interviews, 1x for anything with music or storytelling.
            """, "harvey"),
            R("rosa", 3, """
                As a host: we edit the pauses on purpose, so please try 1x once! But listen
                however you like, that's the point of podcasts.
                """, "harvey dana_r hugo"),
        ),
    ),
)


# ------------------------------------------------------------------ Idea Exchange

IDEAS: tuple[IdeaSeed, ...] = (
    IdeaSeed(
        ThreadSeed(
            "idea-pin-note", "idea-submissions", "priya", 34.5,
            "[Playlists] Let playlist owners pin a note to the top of a playlist",
            """
            Right now a playlist has a title, a picture and a one-line description that gets
            cut off on phones. When I share a road-trip playlist I want to tell people
            something longer: "start at track 12 if you're already on the motorway", or
            "songs 1-10 are for the morning".

            Idea: let the owner pin a short note (a few lines) at the top of the track list,
            visible on every platform, editable at any time.
            """,
            likes="nightbus olu",
            replies=(
                R("marta", 20, "Nicely written idea, clear and one request. Voted.", "priya"),
                R("olu", 30, "Would use this for every playlist I share with my family.", "priya"),
            ),
        ),
        "Playlists",
        voters="nightbus olu marta yuki mia fatima dana_r kate wren",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-lyrics-translate", "idea-submissions", "yuki", 171.0,
            "[Lyrics] Show a translation next to the original lyrics",
            """
            When I follow the lyrics of a song in a language I don't speak, I have to look up
            a translation in another app and lose my place. Idea: a toggle in the lyrics view
            that shows a translation under each line, in my app language.
            """,
            likes="ines tilly",
            replies=(
                R("ines", 10, "As someone who sings along to Portuguese: please, yes.", "yuki"),
                R("marta", 410, """
                    Good news in the status update above. Keep the votes coming, they help the
                    teams decide which languages come first.
                    """, "yuki ines"),
                R("tilly", 864, "this would help my korean so much", "yuki"),
            ),
        ),
        "Lyrics",
        voters="ines tilly fatima mia priya kate leo nightbus olu amara carmen wren",
        steps=(
            StatusStep(
                "under_consideration", "marta", 154.0,
                (
                    "The lyrics team is looking at translations, starting with the most played "
                    "languages. No date yet, but it's on the timeline."
                ),
            ),
        ),
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-menubar", "idea-submissions", "fatima", 58.2,
            "[Mac] Playback controls in the macOS menu bar",
            """
            On a Mac I work with full-screen apps, and to skip a song I have to switch to the
            app window. Control Centre works but takes three clicks. Idea: an optional menu
            bar item with play/pause, skip and the current song's name.
            """,
            replies=(R("yuki", 5, "Came here from the Mac board. Voted.", "fatima"),),
        ),
        "Mac",
        voters="yuki marta harvey",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-car-explicit", "idea-submissions", "dana_r", 210.4,
            "[Car] Skip explicit songs automatically when connected to the car",
            """
            My kids are in the car every morning, and right now I have to switch the explicit
            filter on and off by hand, which I always forget. Idea: a setting to allow
            explicit content everywhere except when the phone is connected to the car.
            """,
            replies=(
                R("harvey", 12, """
                    Same setup here, two teenagers who know every word anyway.
                """, "dana_r"),
            ),
        ),
        "Car",
        voters="harvey fatima priya grace_o",
        steps=(
            StatusStep(
                "not_right_now", "elena", 120.0,
                (
                    "We've shared this with the team that works on car features. It isn't on "
                    "their timeline right now, but it's noted, and votes still count."
                ),
            ),
        ),
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-contrast", "idea-submissions", "grace_o", 140.3,
            "[Accessibility] A high-contrast theme for the desktop app",
            """
            My eyesight isn't what it was. Grey text on a dark grey background is hard to
            read in the desktop app, and Windows' own high-contrast mode doesn't change it.
            Idea: a high-contrast theme with white text on black and clear focus outlines.
            """,
            likes="kate marta",
            replies=(
                R("kate", 6, """
                    Thank you for writing this so clearly. Voted, for my mum as much as for me.
                """, "grace_o"),
            ),
        ),
        "Accessibility",
        voters="kate marta leo tomasz vera_vinyl harvey bram",
        steps=(
            StatusStep(
                "under_consideration", "elena", 90.0,
                (
                    "The accessibility team has this on their list, together with keyboard focus "
                    "improvements. We'll update here when there's more to share."
                ),
            ),
        ),
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-played", "idea-submissions", "hugo", 77.7,
            "[Podcasts] Mark a whole show as played in one tap",
            """
            When I start following a show with 300 episodes, all of them show as unplayed and
            the new ones get lost. Idea: "Mark all as played" on the show page, so only
            episodes released from now on show as new.
            """,
            replies=(
                R("dana_r", 4, """
                    Yes! I did this by hand once, episode by episode. Never again.
                """, "hugo"),
            ),
        ),
        "Podcasts",
        voters="dana_r harvey rosa",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-crossfade-web", "idea-submissions", "nightbus", 84.5,
            "[Web Player] Add crossfade to the web player",
            """
            The desktop and mobile apps can crossfade between songs; the web player can't,
            so a DJ-style playlist has hard gaps in the browser. Idea: the same crossfade
            setting in the web player's settings.
            """,
        ),
        "Web Player",
        voters="tomasz jules",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-shared-queue", "idea-submissions", "olu", 190.6,
            "[Social] Let friends add songs to my queue when we listen together",
            """
            At parties everyone wants to pick a song, and right now the only way is to pass
            my phone around. Idea: when friends join my listening session, they can add songs
            to the queue from their own phones, and I can remove anything.
            """,
            likes="mia zoe_plays",
            replies=(
                R("mia", 3, "the phone-passing thing is so real 😂 voted", "olu"),
                R("marta", 4150, """
                    I've merged a duplicate idea into this one, and its votes came along.
                    """, "olu"),
            ),
        ),
        "Social",
        voters="mia tilly koa nightbus priya leo",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-party-queue", "closed-ideas", "zoe_plays", 19.0,
            "[Social] Shared queue for parties",
            "let everyone at a party add songs from their own phone!!",
        ),
        "Social",
        voters="carmen chloe_m koa tilly",
        steps=(
            StatusStep(
                "closed", "marta", 18.0,
                (
                    "Merged into \"Let friends add songs to my queue when we listen together\": "
                    "same request, so we keep the votes in one place. Your votes moved across."
                ),
            ),
        ),
        failed_requirement=4,
        merged_into="idea-shared-queue",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-make-better", "idea-submissions", "lukas", 5.6,
            "[Other] make the app better",
            "the app could be better, please improve it",
            replies=(
                R("leo", 3, """
                    Hi Lukas, what would you change? Ideas need one specific request: what the
                    app does now, and what you'd like it to do instead. You can edit your post.
                    """),
            ),
        ),
        "Other",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-old-library", "idea-submissions", "marcus_t", 4.2,
            "[Other] Bring back the old Your Library",
            "the new library is terrible. put the old one back exactly how it was",
            replies=(
                R("marta", 6, """
                    Requests to roll back a whole update can't be taken in the Idea Exchange.
                    Which part of the old Library do you miss? An idea about that one thing
                    has a real chance.
                    """, "leo"),
            ),
        ),
        "Other",
        voters="zoe_plays",
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-start-minimised", "closed-ideas", "harvey", 290.2,
            "[Windows] Option to start the app minimised",
            """
            Right now the app opens full size every time Windows starts and covers whatever
            I'm doing. Idea: a setting to start it minimised, or in the tray.
            """,
            likes="oskar tomasz",
            replies=(
                R("oskar", 8, "Would love this for my work laptop too. Voted.", "harvey"),
                R("harvey", 2600, """
                    It's in! Settings > Startup and window behaviour. Thank you all.
                """, "oskar marta"),
            ),
        ),
        "Windows",
        voters="oskar tomasz benji_bass amara wren ines",
        steps=(
            StatusStep(
                "under_consideration", "marta", 250.0,
                "The desktop team is working on startup options. Stay tuned.",
            ),
            StatusStep(
                "implemented", "elena", 182.0,
                (
                    "Rolled out in the latest desktop release: Settings > Startup and window "
                    "behaviour > Open the app automatically > Minimised. Thanks for voting!"
                ),
            ),
        ),
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-sleep-fade", "closed-ideas", "tilly", 135.0,
            "[Android] Fade out gently when the sleep timer ends",
            """
            when the sleep timer ends the music just stops and it wakes me up lol. could it
            fade out over like 30 seconds instead
            """,
            replies=(R("mia", 5, "a soft fade would be so nice ✨ voted", "tilly"),),
        ),
        "Android",
        voters="mia koa priya leo jules",
        steps=(
            StatusStep(
                "implemented", "marta", 30.0,
                (
                    "The sleep timer now fades out over the last 30 seconds on Android. Sweet "
                    "dreams, Tilly!"
                ),
            ),
        ),
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-cheaper-family", "closed-ideas", "chloe_m", 15.8,
            "[Other] Make the Family plan cheaper for students",
            "Students should get a discount on Family too, not just on Individual.",
        ),
        "Other",
        voters="koa",
        steps=(
            StatusStep(
                "closed", "jonas", 14.9,
                (
                    "Closed: pricing and plan requests can't be handled in the Idea Exchange, "
                    "because prices are set per market."
                ),
            ),
        ),
        failed_requirement=7,
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-new-country", "closed-ideas", "koa", 80.4,
            "[Other] Please make the app available in Greenland",
            "My cousin lives in Nuuk and can't sign up. Please launch there!",
        ),
        "Other",
        steps=(
            StatusStep(
                "closed", "marta", 79.0,
                (
                    "Closed: requests for new countries can't be handled in the Idea Exchange. "
                    "Launches are announced on the company blog."
                ),
            ),
        ),
        failed_requirement=8,
    ),
    IdeaSeed(
        ThreadSeed(
            "idea-multi", "closed-ideas", "benji_bass", 99.9,
            "[Playlists] Smart playlists, sort by BPM and a 'recently added' view",
            """
            Playlists currently only sort by title, artist, album and date. Three things I'd
            love: smart playlists that fill themselves by rules, sorting any playlist by BPM,
            and a view of everything I added this week across all playlists.
            """,
        ),
        "Playlists",
        voters="nightbus",
        steps=(
            StatusStep(
                "closed", "marta", 98.5,
                (
                    "Closed: one request per idea, please. All three are good, so post them as "
                    "three ideas (search first: BPM sorting already has one)."
                ),
            ),
        ),
        failed_requirement=3,
    ),
)


# ------------------------------------------------------------------ Ongoing Issues

ISSUES: tuple[IssueSeed, ...] = (
    IssueSeed(
        ThreadSeed(
            "issue-auto", "ongoing-issues", "ravi", 4.8,
            "Android Auto: \"Something went wrong\" after the latest update",
            """
            Since updating the app this week, Android Auto shows "Something went wrong" as
            soon as I pick a playlist. Pixel 7, Android 15, two different cars. Music plays
            fine from the phone itself.
            """,
            replies=(
                R("leo", 2, "Same here on a Galaxy S23. Reinstalling didn't help.", "ravi"),
                R("koa", 30, "Same, Pixel 8. Voted me too.", "ravi"),
            ),
            origin="speakers-devices",
        ),
        (
            StatusStep(
                "new", "jonas", 3.5,
                (
                    "Moved from Speakers & Devices: several reports this week. Please add your "
                    "phone, Android version and car in a reply, and vote 'me too'."
                ),
            ),
        ),
        me_too="leo koa yuki nightbus grace_o",
    ),
    IssueSeed(
        ThreadSeed(
            "issue-podcast-restart", "ongoing-issues", "hugo", 38.0,
            "iOS: downloaded podcast episodes restart from the beginning",
            """
            Offline, a downloaded episode I stopped halfway starts from 0:00 the next time I
            open it. Online it remembers the position. iPhone 12, iOS 18.
            """,
            replies=(
                R("dana_r", 20, """
                    Same. Airplane mode on the plane, lost my place three times.
                """, "hugo"),
                R("jonas", 60, """
                    Thanks both. Could you say which app version you have? It's at the bottom of
                    Settings.
                """),
                R("hugo", 62, "Newest one from the App Store, updated this morning."),
            ),
            origin="ios",
        ),
        (
            StatusStep("new", "jonas", 36.0, "Moved from iOS. Several members report this."),
            StatusStep(
                "need_more_info", "jonas", 35.0,
                (
                    "We need more details: app version, iOS version, and whether the episode was "
                    "downloaded before or after the last app update. Add yours below."
                ),
            ),
        ),
        me_too="dana_r priya jules",
    ),
    IssueSeed(
        ThreadSeed(
            "issue-folder-freeze", "ongoing-issues", "tomasz", 62.0,
            "Windows: app freezes when dragging songs into a playlist folder",
            """
            Dragging several songs onto a playlist inside a folder in Your Library freezes
            the desktop app for 20-30 seconds. Dropping on a playlist outside a folder is
            instant. Windows 11, installer version.
            """,
            replies=(
                R("benji_bass", 5, """
                    Reproduced it: twelve songs onto a playlist two folders deep.
                """, "tomasz"),
                R("oskar", 9, """
                    Same on Windows 10. Workaround: drop onto the playlist from the search results
                    instead.
                """, "tomasz benji_bass"),
            ),
            origin="desktop-windows",
        ),
        (
            StatusStep("new", "jonas", 60.0, "Moved from Desktop (Windows)."),
            StatusStep(
                "under_investigation", "elena", 55.0,
                (
                    "Reported to the desktop team with your steps. Subscribe to the thread for "
                    "updates; Oskar's workaround helps in the meantime."
                ),
            ),
        ),
        me_too="benji_bass oskar amara wren harvey ines",
    ),
    IssueSeed(
        ThreadSeed(
            "issue-lyrics-sync", "ongoing-issues", "nightbus", 140.0,
            "Web Player: lyrics run about two seconds late in Firefox",
            """
            In Firefox the lyrics lag about two seconds behind the song, every song. Chrome
            on the same laptop is in sync.
            """,
            replies=(
                R("jules", 10, "Same in Firefox 130.", "nightbus"),
                R("nightbus", 1500, """
                    Confirmed fixed for me after a hard refresh. Thanks!
                """, "jonas"),
            ),
            origin="web-player",
        ),
        (
            StatusStep("new", "jonas", 138.0, "Moved from Web Player."),
            StatusStep("under_investigation", "jonas", 130.0, "The web team can reproduce it."),
            StatusStep(
                "fixed", "elena", 80.0,
                (
                    "Fixed in the latest web player release. If you still see it, reload the page "
                    "with Ctrl+Shift+R to clear the old version from the cache."
                ),
            ),
        ),
        me_too="jules tomasz priya",
    ),
    IssueSeed(
        ThreadSeed(
            "issue-group-volume", "ongoing-issues", "benji_bass", 110.0,
            "Speakers: group volume resets when another speaker joins",
            """
            With three Connect speakers in a group, adding a fourth resets all of them to the
            group's default volume. Happens with two different brands.
            """,
            replies=(
                R("wren", 24, "Same with my soundbar joining the kitchen speakers.", "benji_bass"),
            ),
            origin="speakers-devices",
        ),
        (
            StatusStep("new", "jonas", 108.0, "Moved from Speakers & Devices."),
            StatusStep(
                "not_right_now", "elena", 70.0,
                (
                    "The team knows about this, but speaker groups depend on the speaker makers' "
                    "firmware and there's no timeline right now. We'll update if that changes."
                ),
            ),
        ),
        me_too="wren nightbus vera_vinyl",
    ),
    IssueSeed(
        ThreadSeed(
            "issue-gnome-tray", "ongoing-issues", "ines", 160.0,
            "Linux: no tray icon on GNOME",
            """
            On GNOME the client has no tray icon, so "close to tray" hides the app with no
            way back except the terminal. KDE is fine.
            """,
            replies=(
                R("felix_hz", 12, """
                    GNOME dropped tray icons itself. The AppIndicator extension brings them
                    back, and then the client's icon shows up.
                    """, "ines oskar"),
            ),
            origin="desktop-linux",
        ),
        (
            StatusStep("new", "jonas", 158.0, "Moved from Desktop (Linux)."),
            StatusStep(
                "wont_fix", "jonas", 150.0,
                (
                    "GNOME itself doesn't show tray icons, so the client can't add one there. "
                    "Install the AppIndicator extension, as Felix describes, and the icon "
                    "appears."
                ),
            ),
        ),
        me_too="felix_hz benji_bass",
    ),
)


# ------------------------------------------------------------------ FAQs (staff articles)


# fmt: on
def _faq(key, board, author, days_ago, title, body, tags, views) -> ThreadSeed:
    """An FAQ article: every one ends with the "Didn't help?" line. The body is dedented
    first: the footer, at column 0, would otherwise keep the article's indentation, and
    Markdown takes a paragraph indented that far after a list for a code block."""
    body = textwrap.dedent(body).strip() + "\n\n" + FAQ_FOOTER
    return ThreadSeed(key, board, author, days_ago, title, body, tags=tags, views=views)


# fmt: off
FAQS: tuple[ThreadSeed, ...] = (
    _faq(
        "faq-navigate", "community-faqs", "elena", 300,
        "Finding your way around the Community",
        """
        The Community has seven areas, all in the sidebar (and in the command palette, with
        ctrl+p):

        - Help: one board per platform, plus Ongoing Issues for known problems.
        - Chat: six boards for music, podcasts, tips and general chat.
        - Ideas: suggest improvements and vote for other members' ideas.
        - FAQs: articles like this one.
        - Stars area: apply to the Stars Program.
        - Community Blog: news and stories from the Community team.
        - The Vault: older threads, archived and read-only.

        Floated threads at the top of each board hold the things to read first.
        """,
        ("getting-started", "navigation", "boards"), 4210,
    ),
    _faq(
        "faq-ranks", "community-faqs", "elena", 296,
        "Ranks: what they mean and how to rank up",
        """
        Everyone starts as a Visitor. From there the member ranks are: Newbie, Casual
        Listener, Regular, Music Fan, Gig Goer, Roadie, Songwriter and Composer, the
        highest rank for members.

        Ranks come from your activity here: starting threads and replying, accepted
        solutions, likes given and received, ideas and votes, events, and time as a
        member. Reports against you that moderators uphold hold you back. Unlike some
        communities, nothing is secret: the Ranks screen shows your points, where they come
        from and what's missing for the next rank.

        Stars have their own ranks (Rising Star levels, then Spotify Star), former Stars
        are Community Legends, and staff wear their job title.
        """,
        ("ranks", "getting-started"), 3890,
    ),
    _faq(
        "faq-pm", "community-faqs", "elena", 292,
        "Private messages: how to turn them on (18 and over)",
        """
        Private messages are off for everyone to start with. If you are 18 or over, you
        can turn them on from your Inbox: read the short disclaimer, choose Accept, then
        Confirm.

        Moderators and the Community team use private messages for things like Stars
        applications, so keep them on if you're applying.

        Changed your mind? Turn them off again from the same place. While they're off
        nobody can message you, and your inbox says why.
        """,
        ("private-messages", "settings", "privacy"), 2750,
    ),
    _faq(
        "faq-delete-post", "community-faqs", "jonas", 288,
        "How to edit your post, or have it removed",
        """
        To fix a typo or add something, open your post and press e to edit it. Your earlier
        versions are kept, and the post shows that it was edited.

        To have your own post removed completely, report it (press !) and choose "Please
        delete my post" as the reason. A moderator removes it, usually within a day.
        """,
        ("posting", "moderation"), 1980,
    ),
    _faq(
        "faq-ideas", "community-faqs", "elena", 284,
        "Why was my idea closed? The Idea Exchange requirements",
        """
        Ideas are closed when they don't meet one of the requirements:

        1. They follow the Community Guidelines.
        2. They are written in English.
        3. One change per idea.
        4. There isn't already an idea for it (search first, then vote there).
        5. The idea is clear: what happens now, and what should change.
        6. No requests to roll back a whole update.
        7. No requests about pricing, plans or which music is available.
        8. No requests for launches in new countries.

        Every idea subject also needs a label in [square brackets], such as [Android] or
        [Playlists]. A closed idea shows which requirement it missed, and you're welcome to
        submit a better one.
        """,
        ("ideas", "idea-exchange", "guidelines"), 3120,
    ),
    _faq(
        "faq-clean-reinstall", "app-faqs", "jonas", 280,
        "Clean reinstall, platform by platform",
        """
        A clean reinstall removes the app's cache and settings along with the app, and fixes
        more problems than anything else.

        - Android: Settings > Apps > Spotify > Storage > Clear storage, uninstall, restart,
          install from the Play Store.
        - iPhone and iPad: delete the app (not "offload"), restart, install from the App
          Store.
        - Windows: see the floated thread in Desktop (Windows) for the PowerShell steps.
        - Mac: delete the app and the two folders listed in the floated thread in Desktop
          (Mac).
        - Linux: remove the package, then delete ~/.cache/spotify and ~/.config/spotify.

        Your playlists and library are stored in your account, so nothing is lost; only
        downloads have to be fetched again.
        """,
        ("troubleshooting", "reinstall", "android", "ios", "desktop"), 5230,
    ),
    _faq(
        "faq-offline", "app-faqs", "elena", 276,
        "Downloads for offline listening: the rules",
        """
        With Premium you can download music and podcasts to listen without a connection.

        - Go online at least once every 30 days, or downloads are removed.
        - You can download to up to 5 devices; the oldest one loses its downloads when you
          add a sixth.
        - Downloads can't be moved between devices or played in other apps.
        - On Android, check that no cleaner app treats the downloads as junk.
        """,
        ("offline", "downloads", "premium"), 4480,
    ),
    _faq(
        "faq-connect", "app-faqs", "elena", 272,
        "My speaker doesn't show up in the device list",
        """
        For a speaker, TV or console to appear in the device list, your phone and the
        device must be on the same network and able to see each other.

        1. Check both are on the same Wi-Fi, not a guest network.
        2. Restart the speaker and the router.
        3. In the router, turn off "AP isolation" or "client isolation", and try turning off
           IGMP snooping.
        4. Update the speaker's firmware in its maker's app.

        Still missing? Post in Speakers & Devices with the make, model and firmware version.
        """,
        ("connect", "speakers", "wifi"), 3650,
    ),
)


# ------------------------------------------------------------------ Community Blog

BLOG_POSTS: tuple[ThreadSeed, ...] = (
    ThreadSeed(
        "blog-welcome", "community-blog", "elena", 226,
        "The Community, now in your terminal",
        """
        Hello from the Community team! Starting today you can read and post in the
        Community from a terminal, with nothing but a keyboard: j and k to move, enter to
        open, r to reply, l to like, ? to see every key.

        Everything you know is still here: Help boards, Chat, the Idea Exchange, the Stars
        Program. What's new is the speed, and that emoji in display names finally work
        everywhere 🎉

        Tell us what you think in the comments.
        """,
        likes="mia marta oskar priya",
        replies=(
            R("mia", 3, "the emoji part!!! Mia 🎧✨ lives 🎉", "elena marta"),
            R("oskar", 5, "Finally a forum I can read over SSH. Well done.", "elena"),
            R("bram", 26, "The old admin in me is jealous. Congratulations, team.", "elena kate"),
        ),
        views=6120,
    ),
    ThreadSeed(
        "blog-meet-marta", "community-blog", "elena", 160,
        "Meet the Stars: Marta",
        """
        Our series about the people behind the Stars continues with Marta, who has been
        answering questions here for almost four years and reached the top Stars rank,
        Spotify Star, this summer.

        Marta started by asking one question about Family plans and stayed "because the
        answers were so kind". Today she triages the Idea Exchange every week and knows
        the Mac app better than most of us. Her tip for new members: "Search before you
        post, and mark the answer that helped. It helps the next person more than you'd
        think."
        """,
        likes="leo kate priya fatima",
        replies=(
            R("leo", 4, "Marta answered my very first question here. Well deserved!", "marta"),
            R("marta", 6, "Thank you all, this made my week 🥹", "leo kate elena"),
        ),
        views=2380,
    ),
    ThreadSeed(
        "blog-summer-playlists", "community-blog", "elena", 88,
        "Five playlists the Community built this summer",
        """
        You built a lot of playlists together in Music Exchange this summer. Here are five
        of our favourites: Kate's rainy Sunday mornings, Priya's long-drive swap, Benji's
        bass lines, the three-emoji album game in Social & Random, and Night Bus's
        motorway krautrock.

        Thank you for every song you shared with a story.
        """,
        likes="kate priya benji_bass nightbus",
        replies=(
            R("priya", 2, "My road trip playlist on the blog! Framing this.", "elena"),
            R("benji_bass", 5, """
                The bass thread made the cut. Proud day for the low end.
            """, "elena vera_vinyl"),
            R("kate", 8, "What a summer. Thank you for putting this together.", "elena"),
        ),
        views=1870,
    ),
    ThreadSeed(
        "blog-star-jam", "community-blog", "elena", 19,
        "Star Jam 2026: what happened",
        """
        This year's Star Jam was virtual: three days of workshops with the app teams, a
        quiz night that got far too competitive, and an awards evening. The top ten Stars
        of the year also joined calls with the teams behind lyrics and the desktop app.

        Thank you to every Star for a year of answers, idea triage and kindness.
        """,
        likes="marta leo",
        replies=(
            R("leo", 1, """
                My first Jam. The quiz night will haunt me, we lost by one point.
            """, "marta elena"),
            R("priya", 3, "Sounds amazing. Maybe next year for me!", "leo"),
        ),
        views=940,
    ),
)


# ------------------------------------------------------------------ The Vault (archived)

VAULT: tuple[ThreadSeed, ...] = (
    ThreadSeed(
        "vault-xp", "the-vault", "bram", 1450,
        "Desktop app no longer supports Windows XP and Vista",
        """
        As announced, the desktop app no longer installs on Windows XP and Vista. Your
        account and playlists are safe; the web player and the mobile apps keep working.
        """,
        replies=(
            R("kate", 5, "End of an era. My old netbook salutes you.", "bram"),
            R("oskar", 8, "Time to let the 2007 laptop retire. Thanks for the heads-up.", "bram"),
        ),
        locked=True, origin="desktop-windows",
    ),
    ThreadSeed(
        "vault-2019-playlist", "the-vault", "bram", 1500,
        "Community Blog: our holiday playlist, built by you",
        """
        Every year you send us your favourite winter songs and we build one playlist from
        them. This year: 120 songs from 40 countries, and yes, three different versions of
        the same carol.
        """,
        replies=(
            R("kate", 2, "The three carols thing makes me laugh every year.", "bram"),
            R("oskar", 6, "Still my go-to December playlist.", "kate"),
        ),
        origin="community-blog",
    ),
    ThreadSeed(
        "vault-aoty", "the-vault", "kate", 700,
        "Album of the year: the big argument",
        """
        It's that time again. One album each, one sentence why. No lists, that's cheating.
        """,
        replies=(
            R("tomasz", 3, """
                Harbour Lights' second record, for proving slow can be gripping.
            """, "kate"),
            R("vera_vinyl", 5, """
                The Lantern Club live album, for the crowd singing the last chorus.
            """, "kate tomasz"),
            R("bram", 8, "Whatever Kate picks, to avoid the argument.", "kate"),
        ),
        origin="music-discussion",
    ),
    ThreadSeed(
        "vault-chromecast", "the-vault", "oskar", 620,
        "Old audio casting dongle drops out every few minutes",
        """
        My old audio-only casting dongle drops the stream every few minutes since the router
        firmware update. Is it the dongle or the router?
        """,
        replies=(
            R("benji_bass", 4, """
                Router. That update changed the multicast settings; switch IGMP snooping off.
            """, "oskar"),
            R("oskar", 9, "That was it. Working again.", "benji_bass"),
        ),
        solution=2, origin="speakers-devices",
    ),
)

VAULT_IDEA = IdeaSeed(
    ThreadSeed(
        "vault-idea-recent", "the-vault", "kate", 1200,
        "[Desktop] A list of recently played songs",
        """
        Idea: a "Recently played" list in the desktop app, so I can find the song that
        played an hour ago without digging through the radio history.
        """,
        replies=(R("bram", 20, "A classic. It's on its way, keep voting.", "kate"),),
        origin="closed-ideas",
    ),
    "Desktop",
    voters="bram oskar marta",
    steps=(
        StatusStep("under_consideration", "bram", 1180, "The desktop team is on it."),
        StatusStep("implemented", "bram", 1100, "Recently played is live in the desktop app."),
    ),
)


# ------------------------------------------------------------------ Stars area

STARS_THREADS: tuple[ThreadSeed, ...] = (
    # --------------------------------------------- Stars Application
    ThreadSeed(
        "stars-requirements", "stars-application", "elena", 245,
        "The Stars Program: requirements and how to apply",
        """
        Stars are members who go above and beyond: they help in the Help boards, keep Chat
        friendly and help us look after the Idea Exchange. In return: early access to
        features, monthly calls with staff, Star-only events, points towards free Premium,
        and surprise swag.

        Before you apply, check that you:
        - have been a member for at least 3 months,
        - are 18 or over,
        - post in English,
        - have a record of helpful posts (we'll read them).

        Apply from the Stars screen. We'll reply by private message, so turn private
        messages on first.
        """,
        likes="leo priya ravi oskar",
        replies=(
            R("leo", 30, """
                Applied in spring and it's been the best part of my year here. Go for it!
            """, "elena priya"),
            R("oskar", 4800, "Applied. Fingers crossed.", "elena leo"),
        ),
        floated=True, views=2950,
    ),
    ThreadSeed(
        "stars-wait", "stars-application", "ravi", 12.0,
        "How long does it take to hear back about an application?",
        "I applied last week. How long does it usually take?",
        replies=(
            R("elena", 6, """
                Usually two to three weeks, and you'll hear from us by private message
                either way. Thanks for your patience, Ravi!
                """, "ravi"),
            R("ravi", 7, "Thanks, PMs are on. Waiting patiently."),
        ),
    ),
    ThreadSeed(
        "stars-age", "stars-application", "tilly", 40.0,
        "Can I apply if I'm 16?",
        "i love helping in the android board, can i apply even though i'm 16?",
        replies=(
            R("elena", 5, """
                Thank you, Tilly, we've seen your answers and they're great! The program is
                18 and over for now. Keep helping, and you're very welcome to apply then.
                """, "tilly leo"),
            R("tilly", 6, "ok!! i'll be back in two years 😤", "elena marta"),
        ),
    ),
    # -------------------------------------------------- Stars Lounge
    ThreadSeed(
        "lounge-beta", "stars-lounge", "elena", 45.0,
        "Beta: the new queue panel on desktop",
        """
        Stars, the desktop team would love your eyes on the new queue panel before it goes
        out to everyone. You'll find it under Settings > Experimental for the next two
        weeks. Report anything odd in this thread, not in the public boards, please.
        """,
        replies=(
            R("marta", 2, """
                Drag and drop within the queue is lovely. Clearing the queue asks twice, though.
            """, "elena"),
            R("leo", 5, "On a 1366x768 laptop the panel covers the lyrics button.", "elena marta"),
            R("elena", 30, """
                Both passed on. The double confirmation is already gone in the next build.
            """, "marta leo"),
        ),
    ),
    ThreadSeed(
        "lounge-leaderboard", "stars-lounge", "elena", 20.0,
        "Leaderboard: October",
        """
        October's top Stars by points: Marta first again, Leo in third, his best month so
        far. Quarterly Premium eligibility is in the Ranks screen. Thank you all!
        """,
        likes="marta leo",
        replies=(
            R("leo", 1, "Third! I'll take it 😄", "marta elena"),
            R("marta", 2, "Well done Leo, your AirPods reset answer alone was worth it.", "leo"),
        ),
    ),
    ThreadSeed(
        "lounge-jam", "stars-lounge", "marta", 70.0,
        "Star Jam 2026 planning thread",
        """
        It's virtual this year. Let's collect workshop wishes here: which team would you
        like to meet, and what would you ask them?
        """,
        replies=(
            R("leo", 3, "The Connect team. I have questions about speaker groups.", "marta"),
            R("marta", 6, """
                And the lyrics team, about translations. That idea has a lot of votes.
            """, "leo"),
            R("elena", 9, "Both on the list. Agenda coming next week.", "marta"),
        ),
    ),
    # -------------------------------------------------- Ideas Triage
    ThreadSeed(
        "triage-week46", "stars-ideas-triage", "marta", 6.0,
        "Triage list, week 46",
        """
        New this week:
        - [Other] make the app better: too little detail, Leo asked for more.
        - [Other] Bring back the old Your Library: roll-back request, I replied.
        - [Social] Shared queue for parties: merged into the existing shared-queue idea.
        Please check the roll-back one again on Friday and close it if nothing changes.
        """,
        replies=(
            R("leo", 4, "On it. I'll check the make-it-better one too.", "marta"),
            R("elena", 8, "Thanks both. Good merge on the party queue.", "marta leo"),
        ),
    ),
    ThreadSeed(
        "triage-rollback", "stars-ideas-triage", "leo", 50.0,
        "Roll-back ideas: close them faster?",
        """
        We often leave roll-back ideas open for a week hoping for an edit. Most never get
        one. Should we close after three days instead?
        """,
        replies=(
            R("marta", 2, """
                Three days, but only after a friendly reply asking for a specific change.
            """, "leo"),
            R("elena", 5, "Agreed. Let's try it for a month and see.", "leo marta"),
        ),
    ),
    ThreadSeed(
        "triage-labels", "stars-ideas-triage", "marta", 120.0,
        "Which idea labels confuse people most?",
        """
        Looking at the last month of ideas: [Other] is used for almost a third of them,
        and half of those should have been [Your Library] or [Playlists]. When you reply to
        a new idea with the wrong label, please suggest the right one.
        """,
        replies=(
            R("leo", 3, "Will do. [Car] vs [Speakers] trips people up too.", "marta"),
            R("elena", 20, """
                Passed on to the team: maybe the label list needs short descriptions.
            """, "marta leo"),
        ),
    ),
)

STAR_APPLICATIONS: tuple[ApplicationSeed, ...] = (
    ApplicationSeed(
        "leo", 215,
        """
        I've been helping in the Android and Speakers boards for almost a year and I'd love
        to do more, especially testing new features on my devices.
        """,
        "accepted", decided_by="elena", decided_days_ago=200,
    ),
    ApplicationSeed(
        "ravi", 19, "I know Android Auto inside out and want to help people with car problems.",
        "declined", decided_by="elena", decided_days_ago=8,
    ),
    ApplicationSeed(
        "oskar", 45,
        """
        Four years of answering Windows and Linux questions here. I'd like to help with
        the Ideas triage and test desktop builds.
        """,
        "pending",
    ),
    ApplicationSeed(
        "priya", 10,
        "I love playlists and the Idea Exchange, and I answer iPhone questions when I can.",
        "pending",
    ),
)


# ------------------------------------------------------------------ edits and removals

EDITS: tuple[Edit, ...] = (
    Edit(
        "ios-basics", 1, 25.5,
        """
        Hi everyone, to get you an answer faster, please include:

        - your iPhone or iPad model and iOS version (Settings > General > About)
        - the app version (the app's Settings, scroll to the bottom)
        - whether "Offload Unused Apps" is on (Settings > App Store)
        - what you already tried: restart, reinstall, logging out and back in

        If the app crashes, tell us exactly what you tapped right before it happened.
        """,
    ),
    Edit(
        "linux-basics", 1, 6,
        """
        Hi all. The Linux client comes as a Flatpak, a Snap and a Debian package, and
        they behave differently. Tell us which one you use, your distribution, and your
        desktop (GNOME, KDE, ...) on X11 or Wayland.

        To get a log, start the client from a terminal:

        ```
        flatpak run com.spotify.Client --verbose
        snap run spotify --verbose
        ```
        """,
    ),
    Edit(
        "af-bold", 1, 0.3,
        """
        I wanted to make one word stand out, so I typed [bold]this[/bold] like on another
        forum, and it shows the brackets. Is there some other code?
        """,
        old_title="bold text??",
    ),
)

REMOVALS: tuple[Removal, ...] = (
    Removal("dp-pete", 6, "jonas", "Spam: selling plays (guideline 9)."),
)


# ------------------------------------------------------------------ private messages

CONVERSATIONS: tuple[ConversationSeed, ...] = (
    ConversationSeed(
        "pm-stars-leo", "Your Stars Program application", ("elena", "leo"),
        (
            ("elena", 200.0, """
                Hi Leo! Thank you for applying to the Stars Program. We've read through your
                answers in Android and Speakers & Devices, and we'd love to have you on board.
                Welcome, Rising Star!

                You'll now see the Stars Lounge and Ideas Triage boards in the Stars area.
                The next monthly call is on the first Thursday; the invite is in the Lounge.
                """),
            ("leo", 199.6, "This is amazing, thank you so much! See you on Thursday."),
            ("elena", 199.5, """
                One tip for the first weeks: read the triage threads before changing any idea
                statuses, and ask in the Lounge whenever you're unsure. Nobody minds.
                """),
        ),
    ),
    ConversationSeed(
        "pm-warn-priya", "About your vote swap thread", ("jonas", "priya"),
        (
            ("jonas", 26.8, """
                Hi Priya, a quick note about the vote swap thread in Social & Random. I've
                locked it, because trading votes goes against how the Idea Exchange works:
                votes should show what members really want. This is a friendly warning, not a
                strike against your account. Your pinned-note idea is a good one!
                """),
            ("priya", 26.5, """
                Oh no, I honestly didn't think of it like that. Sorry, won't happen again.
            """),
            ("jonas", 26.4, """
                No harm done. Thanks for taking it so well, and see you around the boards.
            """),
        ),
    ),
    ConversationSeed(
        "pm-mia-marta", "Headphones on a small budget?", ("mia", "marta"),
        (
            ("mia", 3.0, """
                hi Marta! you seem to know audio stuff. my sister wants closed headphones under
                100 for the train, any tips? 🎧
                """),
            ("marta", 2.5, """
                Hi Mia! For trains, closed-back and comfortable beats "audiophile". Try some on
                in a shop if you can: clamping force matters more than specs after an hour.
                """),
            ("mia", 2.4, """
                good point, she wears glasses too. will take her to a shop this weekend ✨
            """),
            ("marta", 0.3, "Glasses make it even more important. Let me know what she picks!"),
        ),
        unread_by="mia",
    ),
    ConversationSeed(
        "pm-kate-oskar", "You should apply", ("kate", "oskar"),
        (
            ("kate", 50.0, """
                Oskar, you've been answering Windows questions here since before I left the
                Stars. Have you never thought about applying? You'd be a natural.
                """),
            ("oskar", 49.0, """
                I thought about it every year and never did. Fine, you've convinced me.
            """),
            ("kate", 1.2, "Heard anything back yet? No pressure, just curious."),
        ),
        unread_by="oskar",
    ),
    ConversationSeed(
        "pm-jam", "Star Jam awards: your nominations", ("elena", "marta", "leo", "jonas"),
        (
            ("elena", 25.0, """
                Hi all, nominations for the Jam awards close on Friday: "Most helpful answer",
                "Kindest Chat regular" and "Best idea write-up". One name per category, please.
                """),
            ("marta", 24.8, """
                Most helpful: Oskar's Samsung battery answer. Best idea: Priya's pinned notes.
            """),
            ("leo", 24.5, "Kindest Chat regular: Kate, every single year."),
            ("elena", 23.9, "Thanks! Jonas, yours still missing 🙂"),
        ),
        unread_by="jonas",
    ),
    ConversationSeed(
        "pm-spam", "grow your streams", ("streamz4u", "mia"),
        (
            ("streamz4u", 2.0, """
                hey! saw your posts, you have great taste. want to grow your playlist? 5000
                followers for $15, real accounts. reply for details
                """),
        ),
    ),
    ConversationSeed(
        "pm-ravi", "Your Stars Program application", ("elena", "ravi"),
        (
            ("elena", 8.0, """
                Hi Ravi, thank you for applying! We love your Android Auto answers. For now
                we're not adding you to the Program: we look for at least three months of
                activity, and you joined two months ago. Please apply again in a few weeks,
                we'd be glad to hear from you.
                """),
            ("ravi", 7.5, """
                Thanks for the kind reply. I'll keep helping and apply again next month.
            """),
        ),
        unread_by="elena",
    ),
)


# ------------------------------------------------------------------ moderation

REPORTS: tuple[ReportSeed, ...] = (
    # Open: the queue a moderator finds on signing in.
    ReportSeed(
        ("post", "dp-spam", 1), "Commercial or transactional post (playlist placement)", None, 2.4,
    ),
    ReportSeed(("post", "dp-spam", 1), "Spam or advertising", "wren", 2.3, guideline=9),
    ReportSeed(("post", "dp-spam", 1), "Spam or advertising", "olu", 2.2, guideline=9),
    ReportSeed(
        ("post", "mx-f4f", 1), "Commercial or transactional post (F4F)", None, 3.1,
    ),
    ReportSeed(
        ("post", "sub-double", 1), "Personal information (phone number)", None, 14.3,
    ),
    ReportSeed(
        ("post", "acc-reset-mail", 1), "Personal information (email address)", None, 9.4,
    ),
    ReportSeed(("post", "linux-libcurl", 1), "Personal information (email address)", None, 4.8),
    ReportSeed(("post", "linux-libcurl", 1), "Please delete my post", "felix_hz", 4.7),
    ReportSeed(("post", "md-tenth", 3), "Offensive or abusive", "amara", 8.1, guideline=8),
    ReportSeed(
        ("post", "android-sleep", 6), "Off-topic or wrong board", "grace_o", 5.9, guideline=5,
    ),
    ReportSeed(("post", "android-google-dup", 1), "Duplicate", "leo", 12.4, guideline=3),
    ReportSeed(("message", "pm-spam", 0), "Spam or advertising", "mia", 1.9, guideline=12),
    ReportSeed(("post", "idea-make-better", 1), "Idea without enough detail", None, 5.6),
    ReportSeed(
        ("post", "idea-old-library", 1), "Roll-back request (Bring back the old)", None, 4.2,
    ),
    ReportSeed(
        ("post", "android-ads", 3), "Other: link to a modified version of the app", "oskar", 6.0,
        guideline=15,
    ),
    # Resolved.
    ReportSeed(
        ("post", "dp-pete", 6), "Commercial or transactional post (DM me for prices)", None, 7.0,
        status="upheld", resolved_by="jonas", resolved_days_ago=6.5,
        outcome="Post removed: selling plays.",
    ),
    ReportSeed(
        ("post", "dp-pete", 6), "Spam or advertising", "pete_loops", 6.9, guideline=9,
        status="upheld", resolved_by="jonas", resolved_days_ago=6.5,
        outcome="Post removed: selling plays.",
    ),
    ReportSeed(
        ("post", "sr-voteswap", 1), "Other: vote trading", "marta", 26.9, status="upheld",
        resolved_by="jonas", resolved_days_ago=26.8,
        outcome="Thread locked; the author was warned by private message.",
    ),
    ReportSeed(
        ("post", "md-albums", 4), "Offensive or abusive", "marcus_t", 60.0, status="dismissed",
        resolved_by="jonas", resolved_days_ago=59.5,
        outcome="Not offensive: a difference of opinion about music.",
    ),
)

# Moves to Ongoing Issues, status changes, merges and archiving are logged by the builder
# from the ideas, issues and Vault above; these are the rest of the audit trail.
MOD_ACTIONS: tuple[ModActionSeed, ...] = (
    ModActionSeed(
        "jonas", "remove", ("post", "dp-pete", 6), "Spam: selling plays (guideline 9).", 6.5,
    ),
    ModActionSeed("jonas", "lock", ("thread", "sr-voteswap"), "Vote trading.", 26.8),
    ModActionSeed(
        "jonas", "warn", ("member", "priya"), "Vote swap thread in Social & Random.", 26.8,
    ),
    ModActionSeed("jonas", "dismiss", ("report", 18), "A difference of opinion, not abuse.", 59.5),
    ModActionSeed("bram", "lock", ("thread", "vault-xp"), "Announcement: comments closed.", 1440),
    ModActionSeed("elena", "float", ("thread", "stars-requirements"), "Requirements first.", 244),
    ModActionSeed("elena", "float", ("thread", "sr-intro"), "Welcome thread.", 233),
)

ARCHIVED_BY = ("jonas", 150.0)  # who moved the Vault threads there, and when

NOTIFICATIONS: tuple[NotificationSeed, ...] = (
    NotificationSeed(
        "priya", "reply", "olu", "idea-pin-note", 3, "Olu replied to your idea.", 33.2,
    ),
    NotificationSeed(
        "priya", "reply", "marta", "idea-pin-note", 2, "Marta replied to your idea.", 33.6,
        read=True,
    ),
    NotificationSeed(
        "priya", "blog_post", "elena", "blog-star-jam", 1,
        "New on the blog: Star Jam 2026: what happened", 19,
    ),
    NotificationSeed(
        "priya", "issue_status", "elena", "issue-lyrics-sync", None,
        "An issue you voted on is now Fixed.", 80, read=True,
    ),
    NotificationSeed(
        "oskar", "solution", "harvey", "win-tray", 4,
        "Harvey accepted your reply as the solution.", 180.8, read=True,
    ),
    NotificationSeed(
        "oskar", "solution", "felix_hz", "linux-libcurl", 2,
        "Felix accepted your reply as the solution.", 4.7,
    ),
    NotificationSeed(
        "oskar", "reply", "leo", "win-mediakeys", 4, "Leo replied in a thread you posted in.",
        73.1, read=True,
    ),
    NotificationSeed("mia", "mention", "priya", "sr-emoji", 2, "Priya mentioned you.", 90.4),
    NotificationSeed(
        "mia", "blog_post", "elena", "blog-star-jam", 1,
        "New on the blog: Star Jam 2026: what happened", 19,
    ),
    NotificationSeed(
        "tilly", "idea_status", "marta", "idea-sleep-fade", 1, "Your idea is now Implemented.", 30,
        read=True,
    ),
    NotificationSeed(
        "tilly", "reply", "elena", "stars-age", 2, "Elena replied to your thread.", 39.7,
        read=True,
    ),
    NotificationSeed("tilly", "rank_up", None, None, None, "You're now a Regular.", 20),
    NotificationSeed(
        "leo", "rank_up", "elena", None, None, "You're now Rising Star 2.", 60, read=True,
    ),
    NotificationSeed(
        "leo", "solution", "carmen", "acc-google", 2,
        "Carmen accepted your reply as the solution.", 12.4,
    ),
    NotificationSeed(
        "hugo", "issue_status", "jonas", "issue-podcast-restart", None,
        "An issue you follow is now Need More Info.", 35,
    ),
    NotificationSeed(
        "pete_loops", "report_outcome", "jonas", "dp-pete", None,
        "Thanks for your report: the post was removed.", 6.5, read=True,
    ),
    NotificationSeed(
        "noah", "message", "elena", None, None,
        "Welcome to the Community! Verify your email to start posting.", 0.9,
    ),
)


# ------------------------------------------------------------------ reading, following

# (member, "blog" | "board" | "thread" | "post", target)
SUBSCRIPTIONS: tuple[tuple, ...] = (
    ("priya", "blog", None),
    ("mia", "blog", None),
    ("kate", "blog", None),
    ("leo", "blog", None),
    ("oskar", "blog", None),
    ("oskar", "board", "desktop-windows"),
    ("oskar", "board", "desktop-linux"),
    ("leo", "board", "android"),
    ("leo", "board", "speakers-devices"),
    ("marta", "board", "idea-submissions"),
    ("jonas", "board", "ongoing-issues"),
    ("hugo", "thread", "issue-podcast-restart"),
    ("dana_r", "thread", "issue-podcast-restart"),
    ("tomasz", "thread", "issue-folder-freeze"),
    ("ravi", "thread", "issue-auto"),
    ("priya", "thread", "idea-pin-note"),
    ("yuki", "post", ("idea-lyrics-translate", 4)),
)

# (member, board, days ago): the last "mark all read" of a board; later activity is unread.
BOARD_VISITS: tuple[tuple[str, str, float], ...] = (
    ("priya", "ios", 0.5),
    ("priya", "music-exchange", 0.5),
    ("priya", "subscriptions", 20),
    ("priya", "social-random", 30),
    ("priya", "idea-submissions", 10),
    ("oskar", "desktop-windows", 0.2),
    ("oskar", "desktop-linux", 0.2),
    ("oskar", "android", 12),
    ("leo", "android", 8),
    ("leo", "speakers-devices", 1),
    ("mia", "social-random", 1),
    ("mia", "music-exchange", 40),
    ("jonas", "ongoing-issues", 6),
)

# (member, thread, position read up to; None = the whole thread)
READ_THREADS: tuple[tuple[str, str, int | None], ...] = (
    ("priya", "sub-student", None),
    ("priya", "idea-pin-note", 2),
    ("priya", "sr-voteswap", None),
    ("oskar", "android-ads", 2),
    ("leo", "android-sleep", 5),
    ("leo", "android-ads", None),
    ("mia", "mx-bass", 3),
    ("jonas", "issue-auto", 2),
)


# ------------------------------------------------------------------ Stars points, events

# (member, days ago, points, reason)
STAR_POINTS: tuple[tuple[str, float, int, str], ...] = (
    ("marta", 300, 180, "Monthly points: answers and idea triage"),
    ("marta", 270, 210, "Monthly points: answers and idea triage"),
    ("marta", 240, 195, "Monthly points: answers and idea triage"),
    ("marta", 210, 230, "Monthly points: answers and idea triage"),
    ("marta", 180, 205, "Monthly points: answers and idea triage"),
    ("marta", 165, -500, "Redeemed: Premium Individual"),
    ("marta", 150, 220, "Monthly points: answers and idea triage"),
    ("marta", 120, 190, "Monthly points: answers and idea triage"),
    ("marta", 90, 240, "Monthly points: answers and idea triage"),
    ("marta", 60, 200, "Monthly points: answers and idea triage"),
    ("marta", 30, 215, "Monthly points: answers and idea triage"),
    ("leo", 180, 60, "Monthly points: first month as a Star"),
    ("leo", 150, 95, "Monthly points: Android and Speakers answers"),
    ("leo", 120, 110, "Monthly points: Android and Speakers answers"),
    ("leo", 90, 130, "Monthly points: Android and Speakers answers"),
    ("leo", 60, 150, "Monthly points: Android and Speakers answers"),
    ("leo", 45, 40, "Beta testing: queue panel feedback"),
    ("leo", 30, 170, "Monthly points: Speakers answers and idea triage"),
)

EVENTS: tuple[EventSeed, ...] = (
    EventSeed(
        "Ask the Community team anything",
        "An hour of questions and answers with the Community team, live in Social & Random.", 120,
        False, "priya oskar hugo fatima wren kate",
    ),
    EventSeed(
        "Listening party: Night Tram, start to finish",
        "Pete Loops plays his new EP and answers questions between songs. No skipping!", 60, False,
        "mia tilly pete_loops nightbus koa priya",
    ),
    EventSeed(
        "Star Jam 2026 (virtual)",
        "Three days of workshops with the app teams, a quiz night and the awards.", 22, True,
        "marta leo elena jonas",
    ),
    EventSeed(
        "Listening party: Maré Alta's debut album",
        "Inês hosts a listening party for the Lisbon duo's first record.", -6, False, "",
    ),
)
# fmt: on
