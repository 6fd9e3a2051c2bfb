"""Password hashing: scrypt (memory-hard) at OWASP's recommended parameters.

An encoded hash reads ``scrypt$n$r$p$salt_b64$hash_b64``; :func:`verify_password` takes
the parameters from the string, so hashes made with other parameters (cheap ones in tests,
stronger ones later) keep working. Stdlib only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

__all__ = ["dummy_verify", "hash_password", "verify_password"]

SCHEME = "scrypt"
#: OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 (128 MiB of memory per hash).
DEFAULT_N = 2**17
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
# Upper bound for what we accept from an encoded string (guards against absurd values).
_MAX_N = 2**20


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    # maxmem must cover 128 * n * r * p bytes (plus a little); OpenSSL's default is 32 MiB.
    maxmem = 128 * n * r * (p + 2) + 1024 * 1024
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen
    )


def hash_password(
    password: str, *, n: int | None = None, r: int = DEFAULT_R, p: int = DEFAULT_P
) -> str:
    """Hash ``password`` with a fresh random salt; returns the encoded string to store.

    ``n`` defaults to :data:`DEFAULT_N`, read at call time (tests lower it to stay fast).
    """
    n = DEFAULT_N if n is None else n
    if n < 2 or n & (n - 1):
        raise ValueError("n must be a power of two greater than 1")
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, n, r, p, KEY_BYTES)
    return f"{SCHEME}${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded``; False for a mismatch or a malformed hash."""
    try:
        scheme, n_text, r_text, p_text, salt_text, key_text = encoded.split("$")
        if scheme != SCHEME:
            return False
        n, r, p = int(n_text), int(r_text), int(p_text)
        if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            return False
        salt = base64.b64decode(salt_text, validate=True)
        expected = base64.b64decode(key_text, validate=True)
        if not expected:
            return False
        actual = _scrypt(password, salt, n, r, p, len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


_dummies: dict[int, str] = {}


def dummy_verify(password: str) -> None:
    """Spend as long as a real check (used when a username is unknown, so timing cannot
    tell whether a member exists)."""
    if DEFAULT_N not in _dummies:
        _dummies[DEFAULT_N] = hash_password(secrets.token_hex(16))
    verify_password(password, _dummies[DEFAULT_N])
