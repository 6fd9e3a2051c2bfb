"""Password hashing: scrypt, parameters carried in the hash, constant-time check."""

from __future__ import annotations

import pytest

from forum_tui.store import passwords
from forum_tui.store.passwords import hash_password, verify_password


def test_hash_round_trip_and_format():
    encoded = hash_password("correct horse", n=2**10)
    scheme, n, r, p, salt, key = encoded.split("$")
    assert (scheme, n, r, p) == ("scrypt", "1024", "8", "1")
    assert len(salt) == 24 and len(key) == 44  # base64 of 16 and 32 bytes
    assert verify_password("correct horse", encoded)
    assert not verify_password("Correct horse", encoded)
    assert not verify_password("", encoded)


def test_salt_makes_every_hash_different():
    assert hash_password("same", n=2**10) != hash_password("same", n=2**10)


def test_default_parameters_are_owasp():
    assert (passwords.DEFAULT_R, passwords.DEFAULT_P) == (8, 1)
    # The suite's autouse fixture lowers DEFAULT_N; the module's own constant says 2**17.
    import importlib.util

    spec = importlib.util.find_spec("forum_tui.store.passwords")
    source = spec.loader.get_source("forum_tui.store.passwords")
    assert "DEFAULT_N = 2**17" in source


def test_tests_hash_cheaply():
    assert hash_password("x").split("$")[1] == "1024"


def test_unicode_passwords():
    encoded = hash_password("pässwörd 🎵", n=2**10)
    assert verify_password("pässwörd 🎵", encoded)
    assert not verify_password("passwort 🎵", encoded)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "bcrypt$1024$8$1$AAAA$AAAA",
        "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",  # n not a power of two
        "scrypt$1024$8$1$not base64!$AAAA",
        "scrypt$1024$8$1",
        "scrypt$2097152$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",  # absurd cost
    ],
)
def test_malformed_hashes_never_verify(encoded):
    assert verify_password("anything", encoded) is False


def test_bad_cost_refused():
    with pytest.raises(ValueError):
        hash_password("x", n=1000)
