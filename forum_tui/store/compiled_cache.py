"""A compiled-statement cache that finds prebuilt statements without hashing them.

SQLAlchemy looks every statement up in its compiled cache by the statement's cache key:
a nested tuple describing the whole statement, memoized on the statement object but
hashed again on every execution (tuples do not keep their hash). For the hot reads'
prebuilt statements that hash is most of the lookup: 21 us for a thread's context row,
12 us for a page of posts, against 40-90 us for their SQL (``benchmarks/store_reads.py``).

:class:`CompiledByIdentity` is handed to the read engine as its ``compiled_cache``
execution option (a documented "dictionary-like object"). It first looks for the very
key object it was given before (a prebuilt statement's memoized key is the same object
each time), comparing only the small remaining parts of the lookup; anything else
(a statement built per call, a first execution) goes to SQLAlchemy's own cache as usual.
Each entry holds its key, so an id is never reused while it is remembered; at most
``KEPT`` statements are remembered (statements built per call would otherwise pile up).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

#: Statements remembered by identity; past this the table starts over.
KEPT = 1000


class CompiledByIdentity:
    """``compiled_cache`` for an engine: identity first, then ``fallback`` (SQLAlchemy's
    own LRU cache of the engine). Only ``get`` and item assignment are asked of it."""

    def __init__(self, fallback: MutableMapping[Any, Any]) -> None:
        self._fallback = fallback
        self._by_identity: dict[int, tuple[tuple, Any]] = {}

    def get(self, key: tuple, default: Any = None) -> Any:
        # key: (dialect, statement cache key, column keys, schema map?, executemany?)
        entry = self._by_identity.get(id(key[1]))
        if entry is not None:
            known, compiled = entry
            if known[1] is key[1] and known[0] is key[0] and known[2:] == key[2:]:
                return compiled
        compiled = self._fallback.get(key, default)
        if compiled is not default:
            self._remember(key, compiled)
        return compiled

    def __setitem__(self, key: tuple, compiled: Any) -> None:
        self._fallback[key] = compiled
        self._remember(key, compiled)

    def _remember(self, key: tuple, compiled: Any) -> None:
        if len(self._by_identity) >= KEPT:
            self._by_identity.clear()
        self._by_identity[id(key[1])] = (key, compiled)
