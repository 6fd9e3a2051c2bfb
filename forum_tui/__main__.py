"""``python -m forum_tui`` does what the ``forum-tui`` command does."""

from forum_tui.cli import main

raise SystemExit(main())
