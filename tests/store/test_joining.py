"""Joining (issue 14): sign-up field by field, verification and reset codes by mail
(expiry, single use, wrong tries, replacement), the outbox fallback, slowed sign-ins."""

from __future__ import annotations

import re
import smtplib
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from forum_tui.rules.guidelines import PostContext
from forum_tui.store.errors import (
    CodeRefused,
    FieldsRefused,
    InvalidInput,
    NeedsConfirmation,
    SignInFailed,
)
from forum_tui.store.mail import Mailer, MailSettings, mail_settings, outbox_messages
from forum_tui.store.models import AccountCode, Member, SignInFailure

GOOD = {
    "username": "newbie_nell",
    "display_name": "Nell 🎧",
    "email": "nell@example.com",
    "birth_date": "2000-04-01",
    "password": "violet-turntable-42",
}


@pytest.fixture
def outbox(forum, tmp_path):
    path = tmp_path / "outbox"
    forum.mailer = Mailer(MailSettings(outbox=path))
    return path


def last_code(outbox) -> str:
    message = outbox_messages(outbox)[-1]
    return re.search(r"^\s+(\d{6})$", message.get_content(), re.M).group(1)


def sign_up(forum, **changes):
    return forum.sign_up(**{**GOOD, **changes})


# ---------------------------------------------------------------------- sign-up


def test_sign_up_creates_an_unverified_member_signed_in_and_mails_a_code(forum, outbox):
    joined = sign_up(forum)
    assert joined.viewer.username == "newbie_nell"
    assert joined.viewer.display_name == "Nell 🎧"
    assert joined.mail.way == "outbox" and joined.mail.address == "n•••@example.com"
    assert "forum-tui outbox" in joined.mail.note and "No mail server" in joined.mail.note
    (message,) = outbox_messages(outbox)
    assert message["To"] == "nell@example.com"
    assert last_code(outbox) in message["Subject"]
    with Session(forum.engine) as session:
        member = session.exec(select(Member).where(Member.username == "newbie_nell")).one()
        assert not member.email_verified and member.email == "nell@example.com"
        assert "violet" not in member.password_hash
        (code,) = session.exec(select(AccountCode)).all()
        assert last_code(outbox) not in code.code_hash  # only a hash is kept
    assert forum.sign_in("newbie_nell", GOOD["password"]).id == joined.viewer.id


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("username", "", "Choose a username"),
        ("username", "ab", "3 to 30 characters"),
        ("username", "SpotifyHelp", "Spotify name"),
        ("username", "jen moderator", ""),
        ("display_name", "Staff ◆ Jen", ""),
        ("email", "nell.example.com", "doesn't look like an email"),
        ("email", "", "Enter your email"),
        ("birth_date", "01/04/2000", "year-month-day"),
        ("birth_date", "2000-02-30", "year-month-day"),
        ("birth_date", "2030-01-01", "future"),
        ("birth_date", "2020-01-01", "at least 13"),
        ("password", "short", "at least 8"),
        ("password", "password123", "most common"),
        ("password", "newbie_nell1", "username"),
        ("password", "aaaaaaaaaa", "repeated"),
    ],
)
def test_each_field_is_refused_in_plain_words_and_only_that_field(
    forum, outbox, field, value, words
):
    with pytest.raises(FieldsRefused) as refused:
        sign_up(forum, **{field: value})
    assert set(refused.value.problems) == {field}
    assert words in refused.value.problems[field]
    assert outbox_messages(outbox) == []


def test_every_wrong_field_is_reported_at_once(forum, outbox):
    with pytest.raises(FieldsRefused) as refused:
        sign_up(forum, username="x", email="nope", birth_date="soon", password="123")
    assert set(refused.value.problems) == {"username", "email", "birth_date", "password"}


def test_taken_and_look_alike_usernames_and_used_emails_are_refused(forum, seed, outbox):
    seed.member("jen", email="jen@example.com")
    with pytest.raises(FieldsRefused) as refused:
        sign_up(forum, username="JEN", email="Jen@Example.com")
    assert "taken" in refused.value.problems["username"]
    assert "another account" in refused.value.problems["email"]
    with pytest.raises(FieldsRefused) as refused:
        sign_up(forum, username="jеn")  # Cyrillic е
    assert "looks too much like jen" in refused.value.problems["username"]


# ---------------------------------------------------------------------- verification


def test_the_right_code_verifies_once_and_the_member_may_then_post(forum, outbox, clock):
    joined = sign_up(forum)
    code = last_code(outbox)
    with pytest.raises(Exception, match="Verify your email"):
        forum.post_thread(joined.viewer, "android", "Offline mode?", "How does offline work?")
    viewer = forum.verify_email(joined.viewer, f" {code[:3]} {code[3:]} ")
    assert viewer.email_verified
    result = forum.post_thread(viewer, "android", "Offline mode?", "How does offline work?")
    assert result.position == 1


def test_a_code_is_single_use(forum, outbox, clock):
    joined = sign_up(forum)
    forum.request_password_reset("newbie_nell")
    code = last_code(outbox)
    forum.reset_password("newbie_nell", code, "a-brand-new-secret")
    with pytest.raises(CodeRefused) as refused:
        forum.reset_password("newbie_nell", code, "another-new-secret")
    assert refused.value.reason == "used" and "already used" in str(refused.value)
    assert forum.sign_in("newbie_nell", "a-brand-new-secret").id == joined.viewer.id


def test_an_expired_code_says_so(forum, outbox, clock):
    joined = sign_up(forum)
    clock.advance(minutes=31)
    with pytest.raises(CodeRefused) as refused:
        forum.verify_email(joined.viewer, last_code(outbox))
    assert refused.value.reason == "expired" and "expired" in str(refused.value)
    clock.advance(minutes=1)
    forum.send_verification_code(joined.viewer)
    assert forum.verify_email(joined.viewer, last_code(outbox)).email_verified


def test_a_wrong_code_says_so_and_five_wrong_tries_void_the_code(forum, outbox, clock):
    joined = sign_up(forum)
    code = last_code(outbox)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(4):
        with pytest.raises(CodeRefused) as refused:
            forum.verify_email(joined.viewer, wrong)
        assert refused.value.reason == "wrong"
    with pytest.raises(CodeRefused) as refused:
        forum.verify_email(joined.viewer, wrong)
    assert refused.value.reason == "too_many"
    with pytest.raises(CodeRefused) as refused:
        forum.verify_email(joined.viewer, code)  # the right one, too late
    assert refused.value.reason == "too_many"


def test_a_new_code_replaces_the_old_one(forum, outbox, clock):
    joined = sign_up(forum)
    old = last_code(outbox)
    clock.advance(minutes=2)
    forum.send_verification_code(joined.viewer)
    new = last_code(outbox)
    if old != new:
        with pytest.raises(CodeRefused) as refused:
            forum.verify_email(joined.viewer, old)
        assert refused.value.reason == "replaced"
    assert forum.verify_email(joined.viewer, new).email_verified


def test_codes_cannot_be_asked_for_too_often(forum, outbox, clock):
    joined = sign_up(forum)
    with pytest.raises(InvalidInput, match="a moment ago"):
        forum.send_verification_code(joined.viewer)
    for _ in range(4):
        clock.advance(minutes=2)
        forum.send_verification_code(joined.viewer)
    clock.advance(minutes=2)
    with pytest.raises(InvalidInput, match="5 codes in an hour"):
        forum.send_verification_code(joined.viewer)


def test_a_verified_member_needs_no_code(forum, outbox, cast):
    with pytest.raises(InvalidInput, match="already verified"):
        forum.send_verification_code(cast["jen"])


def test_the_demo_visitor_can_verify_from_the_outbox(forum, outbox, cast):
    with Session(forum.engine) as session, session.begin():
        session.get(Member, cast["noah"].id).email = "noah@example.com"
    mail = forum.send_verification_code(cast["noah"])
    assert mail.way == "outbox" and mail.outbox == str(outbox)
    assert forum.verify_email(cast["noah"], last_code(outbox)).email_verified


# ---------------------------------------------------------------------- password reset


def test_reset_by_email_or_name_and_the_same_answer_for_unknown_accounts(forum, outbox, clock):
    sign_up(forum)
    unknown = forum.request_password_reset("nobody_here")
    assert "If that account has an email address" in unknown.note
    assert len(outbox_messages(outbox)) == 1  # only the sign-up code
    forum.request_password_reset("NELL@example.com")
    assert outbox_messages(outbox)[-1]["To"] == "nell@example.com"
    with pytest.raises(FieldsRefused) as refused:
        forum.reset_password("newbie_nell", last_code(outbox), "short")
    assert "at least 8" in refused.value.problems["password"]
    with pytest.raises(CodeRefused):
        forum.reset_password("nobody_here", "123456", "a-brand-new-secret")


# ---------------------------------------------------------------------- mail transport


def test_an_unreachable_smtp_server_sends_the_code_to_the_outbox_and_says_why(
    forum, tmp_path, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(smtplib, "SMTP", refuse)
    forum.mailer = Mailer(MailSettings(outbox=tmp_path / "box", smtp_host="mail.invalid"))
    joined = sign_up(forum)
    assert joined.mail.way == "outbox"
    assert "mail.invalid:587 could not be reached" in joined.mail.note
    assert len(outbox_messages(tmp_path / "box")) == 1


def test_smtp_is_used_when_configured(forum, tmp_path, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append((host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self, context):
            sent.append("starttls")

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(message["To"])

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    settings = MailSettings(outbox=tmp_path / "box", smtp_host="smtp.example", smtp_user="u")
    forum.mailer = Mailer(settings)
    joined = sign_up(forum)
    assert joined.mail.way == "smtp" and joined.mail.note == "We sent a code to n•••@example.com."
    assert sent == [("smtp.example", 587), "starttls", ("login", "u"), "nell@example.com"]
    assert outbox_messages(tmp_path / "box") == []


def test_mail_settings_from_the_environment_and_the_config_file(tmp_path):
    config = tmp_path / "mail.toml"
    config.write_text('[smtp]\nhost = "smtp.file"\nport = 2525\nsecurity = "none"\n')
    settings = mail_settings("sqlite:////data/x/forum.db", environ={}, config_file=config)
    assert (settings.smtp_host, settings.smtp_port, settings.security) == (
        "smtp.file",
        2525,
        "none",
    )
    assert str(settings.outbox) == "/data/x/outbox"
    env = {"FORUM_TUI_SMTP_HOST": "smtp.env", "FORUM_TUI_OUTBOX": str(tmp_path / "o")}
    settings = mail_settings(None, environ=env, config_file=config)
    assert settings.smtp_host == "smtp.env" and settings.outbox == tmp_path / "o"
    settings = mail_settings(None, environ={}, config_file=tmp_path / "missing.toml")
    assert settings.smtp_host == ""


# ---------------------------------------------------------------------- slowed sign-ins


def test_repeated_failed_sign_ins_are_slowed_per_account(forum, seed, clock):
    seed.member("jen", password="correct horse")
    for _ in range(5):
        with pytest.raises(SignInFailed, match="Wrong username or password"):
            forum.sign_in("jen", "wrong")
    with pytest.raises(SignInFailed, match="Try again in 30 seconds"):
        forum.sign_in("jen", "correct horse")  # even the right password waits
    clock.advance(seconds=31)
    with pytest.raises(SignInFailed, match="Wrong username"):
        forum.sign_in("JEN", "wrong")
    with pytest.raises(SignInFailed, match="Try again in 1 minute"):
        forum.sign_in("jen", "correct horse")
    clock.advance(seconds=61)
    assert forum.sign_in("jen", "correct horse").username == "jen"
    with pytest.raises(SignInFailed, match="Wrong username"):
        forum.sign_in("jen", "wrong")  # a success starts the count afresh


def test_unknown_names_are_slowed_the_same_way(forum, clock):
    for _ in range(5):
        with pytest.raises(SignInFailed, match="Wrong username"):
            forum.sign_in("ghost", "x")
    with pytest.raises(SignInFailed, match="Too many failed sign-ins"):
        forum.sign_in("ghost", "x")
    clock.advance(hours=2)
    with pytest.raises(SignInFailed, match="Wrong username"):
        forum.sign_in("ghost", "x")


def test_the_pause_is_capped(forum, seed, clock):
    member_id = seed.member("jen", password="correct horse")
    with Session(forum.engine) as session, session.begin():
        for minutes in range(12):
            when = clock() - timedelta(minutes=minutes)
            session.add(SignInFailure(name_key="jen", member_id=member_id, created_at=when))
    with pytest.raises(SignInFailed, match="Try again in 15 minutes"):
        forum.sign_in("jen", "correct horse")


# ---------------------------------------------------------------------- guideline notice


def test_posting_with_offensive_words_warns_then_reports(forum, cast):
    with pytest.raises(NeedsConfirmation) as warned:
        forum.post_thread(cast["jen"], "android", "Help", "You are such an idiot, mods")
    assert warned.value.notices[0].guideline == 8 and warned.value.notices[0].files_report
    result = forum.post_thread(
        cast["jen"], "android", "Help", "You are such an idiot, mods", accept_warnings=True
    )
    assert [n.rule for n in result.notices] == ["respect"]
    assert PostContext  # the store passes the board slug (link-only rule) too


def test_failures_too_old_to_count_are_forgotten(forum, clock):
    for _ in range(3):
        with pytest.raises(SignInFailed):
            forum.sign_in("ghost", "x")
    clock.advance(hours=2)
    with pytest.raises(SignInFailed):
        forum.sign_in("ghost", "x")
    with Session(forum.engine) as session:
        assert len(session.exec(select(SignInFailure)).all()) == 1


def test_an_unwritable_outbox_says_so_and_a_new_code_can_follow(forum, tmp_path, clock):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the outbox should be")
    forum.mailer = Mailer(MailSettings(outbox=blocker / "outbox"))
    joined = sign_up(forum)  # the member is in, though the code could not be sent
    assert joined.mail.way == "failed"
    assert "can't be written" in joined.mail.note and "ask for a new one" in joined.mail.note
    forum.mailer = Mailer(MailSettings(outbox=tmp_path / "outbox"))
    clock.advance(minutes=2)
    assert forum.send_verification_code(joined.viewer).way == "outbox"
    assert forum.verify_email(joined.viewer, last_code(tmp_path / "outbox")).email_verified
