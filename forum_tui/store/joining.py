"""Joining: sign-up, email verification and password reset by code, slowed sign-ins.

- ``sign_up``: every field checked (``rules.names`` for the username and display name,
  ``rules.accounts`` for the email, birth date and password; taken names and addresses),
  every problem reported at once (``FieldsRefused.problems``, one per field), then the
  member is created, signed in, and a verification code is mailed.
- Codes (``send_verification_code``, ``verify_email``, ``request_password_reset``,
  ``reset_password``): six digits, only their hash stored, good for
  :data:`CODE_LIFETIME`, once, and for :data:`CODE_TRIES` wrong tries; a new code
  replaces the previous one. A code that doesn't work raises ``CodeRefused`` saying
  which way (wrong, expired, already used, replaced, too many tries, none sent). At most
  :data:`CODES_PER_HOUR` codes an hour, one a minute.
- Mail (``store.mail``) is sent after the transaction that stored the code commits;
  when no SMTP server is configured or reachable the code goes to the local outbox, and
  the answer (``MailSent.note``) says so.
- Sign-in failures are recorded per name tried and per account; after
  :data:`FREE_FAILURES` within :data:`FAILURE_WINDOW`, each further try waits, doubling
  from :data:`FIRST_PAUSE` up to :data:`LONGEST_PAUSE` (``Forum.sign_in`` asks
  :meth:`Joining._sign_in_pause` first). A success clears them. Unknown names are slowed
  the same way, so the pause does not tell whether a name exists.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import timedelta

from sqlalchemy import delete, func, or_
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from forum_tui.rules import accounts, names
from forum_tui.rules.wording import plural
from forum_tui.store.access import Service, _current
from forum_tui.store.convert import _viewer
from forum_tui.store.errors import CodeRefused, FieldsRefused, InvalidInput, SignInFailed
from forum_tui.store.mail import Mailer, Sent, mail_settings
from forum_tui.store.models import AccountCode, Member, SignInFailure
from forum_tui.store.passwords import hash_password
from forum_tui.store.views import Joined, MailSent, Viewer

__all__ = ["CODE_LIFETIME", "Joining"]

CODE_LIFETIME = timedelta(minutes=30)
CODE_TRIES = 5
CODES_PER_HOUR = 5
CODE_GAP = timedelta(seconds=60)
FAILURE_WINDOW = timedelta(hours=1)
FREE_FAILURES = 5
FIRST_PAUSE = timedelta(seconds=30)
LONGEST_PAUSE = timedelta(minutes=15)
VERIFY, RESET = "verify", "reset"
_PURPOSE_WORDS = {VERIFY: "verify your email address", RESET: "reset your password"}


class Joining(Service):
    _mailer: Mailer | None = None

    # ------------------------------------------------------------------ mail

    @property
    def mailer(self) -> Mailer:
        """SMTP or the outbox (``store.mail``), from the settings at first use."""
        if self._mailer is None:
            self._mailer = Mailer(mail_settings(self.engine.url))
        return self._mailer

    @mailer.setter
    def mailer(self, mailer: Mailer) -> None:
        self._mailer = mailer

    # ------------------------------------------------------------------ sign-up

    def sign_up(
        self, *, username: str, display_name: str, email: str, birth_date: str, password: str
    ) -> Joined:
        """A new member from the sign-in screen. Refuses with ``FieldsRefused`` naming
        every field that is wrong; otherwise signs them in and mails a code."""
        username = names.clean_username(username)
        display_name = display_name.strip() or username
        email = email.strip()
        today = self.now().date()
        problems = _field_problems(
            username=names.check_username(username, self.community)
            if username
            else "Choose a username.",
            display_name=names.check_display_name(display_name, self.community),
            email=accounts.check_email(email),
            birth_date=accounts.check_birth_date(birth_date, today),
            password=accounts.check_password(password, username),
        )
        key = names.username_key(username)
        with self._reading() as session:
            problems.update(_taken(session, username, key, email, problems))
        if problems:
            raise FieldsRefused(problems)
        password_hash = hash_password(password)  # slow on purpose: outside the transaction
        born = accounts.parse_birth_date(birth_date)
        try:
            viewer, code = self._add_newcomer(
                username, key, display_name, email, born, password_hash
            )
        except IntegrityError:  # someone took the name a moment ago
            raise FieldsRefused({"username": f"The username {username} is taken."}) from None
        return Joined(viewer, self._mail_code(email, code, VERIFY))

    def _add_newcomer(self, username, key, display_name, email, born, password_hash):
        """The member row and their first code, in one transaction: (viewer, code)."""
        with self._writing() as session:
            problems = _taken(session, username, key, email, {})
            if problems:
                raise FieldsRefused(problems)
            member = Member(
                username=username,
                username_key=key,
                display_name=display_name,
                password_hash=password_hash,
                email=email,
                email_verified=False,
                birth_date=born,
                created_at=self.now(),
            )
            member.rank = self._rank(member)
            session.add(member)
            session.flush()
            code = self._new_code(session, member, VERIFY)
            return _viewer(member), code

    # ------------------------------------------------------------------ verification

    def send_verification_code(self, viewer: Viewer) -> MailSent:
        """Mail a new code to the member's address (the previous one stops working)."""
        with self._writing() as session:
            member = _current(session, viewer)
            if member.email_verified:
                raise InvalidInput("Your email address is already verified.")
            if not member.email:
                raise InvalidInput("Your account has no email address to verify.")
            self._refuse_too_many_codes(session, member.id, VERIFY)
            code = self._new_code(session, member, VERIFY)
            email = member.email
        return self._mail_code(email, code, VERIFY)

    def verify_email(self, viewer: Viewer, code: str) -> Viewer:
        """Check the code typed in; on success the email address counts as verified."""
        with self._writing() as session:
            member = _current(session, viewer)
            if member.email_verified:
                return _viewer(member)
            refused = self._use_code(session, member.id, VERIFY, code)
            if refused is None:
                member.email_verified = True
                session.add(member)
            result = _viewer(member)
        if refused is not None:
            raise refused
        return result

    # ------------------------------------------------------------------ password reset

    def request_password_reset(self, name_or_email: str) -> MailSent:
        """Mail a reset code to the account's address. The answer is the same whether or
        not the account exists (only where mail goes is told)."""
        wanted = name_or_email.strip()
        if not wanted:
            raise FieldsRefused({"name": "Enter your username or email address."})
        with self._writing() as session:
            member = _member_for(session, wanted)
            code = None
            if member is not None and member.email:
                self._refuse_too_many_codes(session, member.id, RESET)
                code = self._new_code(session, member, RESET)
                email = member.email
        if code is None:
            return self._mail_note(self._no_send(), "")
        return self._mail_code(email, code, RESET, masked=False)

    def reset_password(self, name_or_email: str, code: str, new_password: str) -> None:
        """Set a new password with a reset code (single use); earlier failed sign-ins
        are forgotten."""
        with self._reading() as session:
            member = _member_for(session, name_or_email.strip())
            username = member.username if member is not None else ""
        problem = accounts.check_password(new_password, username)
        if problem:
            raise FieldsRefused({"password": problem})
        if member is None:
            raise CodeRefused("wrong", _WRONG)
        password_hash = hash_password(new_password)
        with self._writing() as session:
            refused = self._use_code(session, member.id, RESET, code)
            if refused is None:
                session.execute(
                    sql_update(Member)
                    .where(Member.id == member.id)
                    .values(password_hash=password_hash)
                )
                _clear_failures(session, member.username_key, member.id)
        if refused is not None:
            raise refused

    # ------------------------------------------------------------------ sign-in pace

    def _sign_in_pause(self, session: Session, key: str, member_id: int | None) -> int:
        """Refuse with ``SignInFailed`` while the name (or its account) must wait; else
        the number of recent failures (0: nothing to clear after a success)."""
        now = self.now()
        since = now - FAILURE_WINDOW
        clauses = [SignInFailure.name_key == key]
        if member_id is not None:
            clauses.append(SignInFailure.member_id == member_id)
        count, last = session.exec(
            select(func.count(), func.max(SignInFailure.created_at)).where(
                or_(*clauses), SignInFailure.created_at > since
            )
        ).one()
        if count < FREE_FAILURES or last is None:
            return count
        pause = min(FIRST_PAUSE * 2 ** (count - FREE_FAILURES), LONGEST_PAUSE)
        until = last + pause
        if until > now:
            raise SignInFailed(
                f"Too many failed sign-ins with this name. Try again {_wait(until - now)}, "
                "or reset your password."
            )
        return count

    def _record_failed_sign_in(self, key: str, member_id: int | None) -> None:
        """Record a failure, forgetting this name's failures too old to count."""
        now = self.now()
        with self._writing() as session:
            session.execute(
                delete(SignInFailure).where(
                    SignInFailure.name_key == key, SignInFailure.created_at <= now - FAILURE_WINDOW
                )
            )
            session.add(SignInFailure(name_key=key, member_id=member_id, created_at=now))

    def _clear_failed_sign_ins(self, key: str, member_id: int) -> None:
        with self._writing() as session:
            _clear_failures(session, key, member_id)

    # ------------------------------------------------------------------ codes

    def _new_code(self, session: Session, member: Member, purpose: str) -> str:
        """A fresh code for ``member``, replacing any still-open one (returns it once)."""
        now = self.now()
        session.execute(
            sql_update(AccountCode)
            .where(
                AccountCode.member_id == member.id,
                AccountCode.purpose == purpose,
                AccountCode.used_at.is_(None),  # type: ignore[union-attr]
                AccountCode.expires_at > now,
            )
            .values(expires_at=now)
        )
        code = f"{secrets.randbelow(10**6):06d}"
        session.add(
            AccountCode(
                member_id=member.id,
                purpose=purpose,
                code_hash=_code_hash(member.id, purpose, code),
                email=member.email or "",
                created_at=now,
                expires_at=now + CODE_LIFETIME,
            )
        )
        return code

    def _refuse_too_many_codes(self, session: Session, member_id: int, purpose: str) -> None:
        now = self.now()
        times = session.exec(
            select(AccountCode.created_at).where(
                AccountCode.member_id == member_id,
                AccountCode.purpose == purpose,
                AccountCode.created_at > now - timedelta(hours=1),
            )
        ).all()
        if times and max(times) > now - CODE_GAP:
            wait = max(times) + CODE_GAP - now
            raise InvalidInput(
                f"A code was sent a moment ago; you can ask for another {_wait(wait)}."
            )
        if len(times) >= CODES_PER_HOUR:
            wait = min(times) + timedelta(hours=1) - now
            raise InvalidInput(
                f"That's {CODES_PER_HOUR} codes in an hour; you can ask for another {_wait(wait)}."
            )

    def _use_code(
        self, session: Session, member_id: int, purpose: str, typed: str
    ) -> CodeRefused | None:
        """Check ``typed`` against the member's codes; mark it used when right. Returns
        the refusal instead of raising, so the caller commits the counted try first."""
        now = self.now()
        codes = session.exec(
            select(AccountCode)
            .where(AccountCode.member_id == member_id, AccountCode.purpose == purpose)
            .order_by(AccountCode.created_at.desc(), AccountCode.id.desc())  # type: ignore[union-attr]
            .limit(20)
        ).all()
        if not codes:
            return CodeRefused("none", "No code has been sent yet. Send one first.")
        digits = "".join(typed.split())
        wanted = _code_hash(member_id, purpose, digits)
        newest = codes[0]
        match = next((c for c in codes if secrets.compare_digest(c.code_hash, wanted)), None)
        if match is None:
            if newest.used_at is None and newest.expires_at > now:
                newest.attempts += 1
                if newest.attempts >= CODE_TRIES:
                    newest.expires_at = now
                    session.add(newest)
                    return CodeRefused("too_many", _TOO_MANY)
                session.add(newest)
            return CodeRefused("wrong", _WRONG)
        if match.used_at is not None:
            return CodeRefused("used", "That code was already used. Send a new one if you need it.")
        if match is not newest:
            return CodeRefused(
                "replaced", "That code was replaced by a newer one. Use the newest code."
            )
        if match.attempts >= CODE_TRIES:
            return CodeRefused("too_many", _TOO_MANY)
        if match.expires_at <= now:
            minutes = int(CODE_LIFETIME.total_seconds() // 60)
            return CodeRefused(
                "expired", f"That code has expired (codes last {minutes} minutes). Send a new one."
            )
        match.used_at = now
        session.add(match)
        return None

    def _mail_code(self, email: str, code: str, purpose: str, *, masked: bool = True) -> MailSent:
        minutes = int(CODE_LIFETIME.total_seconds() // 60)
        community = self.community.name
        body = (
            f"Hello,\n\nYour code to {_PURPOSE_WORDS[purpose]} in the {community} is:\n\n"
            f"    {code}\n\nType it in the app. It works once, for {minutes} minutes.\n"
            "If you didn't ask for it, you can ignore this message.\n"
        )
        subject = f"{code} is your {community} code"
        sent = self.mailer.send(email, subject, body)
        return self._mail_note(sent, accounts.mask_email(email) if masked else "")

    def _no_send(self) -> Sent:
        way = "smtp" if self.mailer.uses_smtp else "outbox"
        return Sent(way, None if way == "smtp" else self.mailer.settings.outbox)

    def _mail_note(self, sent: Sent, address: str) -> MailSent:
        to = f" to {address}" if address else ""
        if address:
            lead = f"We sent a code{to}."
        else:
            lead = "If that account has an email address, a code is on its way to it."
        if sent.way == "failed":
            note = f"{sent.problem} The code could not be sent; ask for a new one in a minute."
        elif sent.way == "smtp":
            note = lead
        else:
            outbox = str(sent.outbox or self.mailer.settings.outbox)
            why = f"{sent.problem} " if sent.problem else "No mail server is set up, so "
            where = "the code went to" if address else "codes go to"
            note = f"{why}{where} the local outbox: run 'forum-tui outbox' to read it ({outbox})."
            note = note[0].upper() + note[1:]
            if not address:
                note = f"{lead} {note}"
        return MailSent(
            way=sent.way,
            address=address,
            note=note,
            outbox=str(sent.outbox or ""),
            problem=sent.problem,
        )


# ---------------------------------------------------------------------- helpers

_WRONG = "That code is wrong. Check the newest message and try again, or send a new code."
_TOO_MANY = "Too many wrong tries: that code no longer works. Send a new one."


def _code_hash(member_id: int, purpose: str, code: str) -> str:
    return hashlib.sha256(f"{purpose}:{member_id}:{code}".encode()).hexdigest()


def _field_problems(**found: str | None) -> dict[str, str]:
    return {field: problem for field, problem in found.items() if problem}


def _taken(
    session: Session, username: str, key: str, email: str, already: dict[str, str]
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if "username" not in already and username:
        existing = session.exec(select(Member.username).where(Member.username_key == key)).first()
        if existing is not None:
            problems["username"] = (
                f"The username {username} is taken."
                if existing.casefold() == username.casefold()
                else f"The username {username} looks too much like {existing}, which is taken."
            )
    if "email" not in already and email:
        used = session.exec(
            select(Member.id).where(func.lower(Member.email) == email.lower()).limit(1)
        ).first()
        if used is not None:
            problems["email"] = (
                "That email address belongs to another account. Sign in, or reset its password."
            )
    return problems


def _member_for(session: Session, wanted: str) -> Member | None:
    if "@" in wanted:
        return session.exec(
            select(Member).where(func.lower(Member.email) == wanted.lower()).limit(1)
        ).first()
    return session.exec(
        select(Member).where(Member.username_key == names.username_key(wanted))
    ).first()


def _clear_failures(session: Session, key: str, member_id: int) -> None:
    session.execute(
        delete(SignInFailure).where(
            or_(SignInFailure.name_key == key, SignInFailure.member_id == member_id)
        )
    )


def _wait(delta: timedelta) -> str:
    seconds = max(1, math.ceil(delta.total_seconds()))
    if seconds < 60:
        return f"in {plural(seconds, 'second')}"
    minutes = math.ceil(seconds / 60)
    return f"in {plural(minutes, 'minute')}"
