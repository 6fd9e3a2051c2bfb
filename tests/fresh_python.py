"""What a piece of code imports, seen from a fresh interpreter (no test has loaded it)."""

from __future__ import annotations

import ast
import subprocess
import sys


def loaded_modules(code: str, names: tuple[str, ...]) -> list[str]:
    """Run ``code`` in a new Python and list, sorted, the modules it left loaded that are
    one of ``names`` or inside one (``sqlalchemy`` also stands for ``sqlalchemy.orm``).
    Fails the test, with Python's own message, when ``code`` fails."""
    script = (
        f"{code}\nimport sys as _sys\n"
        f"print(sorted(m for m in _sys.modules if any(m == n or m.startswith(n + '.') "
        f"for n in {names!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])
