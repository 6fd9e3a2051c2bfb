"""forum-tui: a keyboard-driven community forum that lives in the terminal.

Nothing heavy is imported here, so ``forum-tui --version`` and the first screen stay fast.
"""

__version__ = "0.1.0"
