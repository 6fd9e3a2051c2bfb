"""Mail for account codes: SMTP when configured, else a local Maildir outbox.

Where mail goes is decided by :func:`mail_settings`:

- SMTP, when a host is set: environment variables ``FORUM_TUI_SMTP_HOST``,
  ``FORUM_TUI_SMTP_PORT`` (587), ``FORUM_TUI_SMTP_USER``, ``FORUM_TUI_SMTP_PASSWORD``,
  ``FORUM_TUI_SMTP_SECURITY`` (``starttls``, ``ssl`` or ``none``) and
  ``FORUM_TUI_MAIL_FROM``; or the same keys (``host``, ``port``, ``user``, ``password``,
  ``security``, ``from``) in the ``[smtp]`` table of ``mail.toml`` in the platform's
  config directory (``platformdirs.user_config_dir("forum-tui")``). The environment wins.
- Otherwise, and whenever the SMTP server cannot be reached, the message goes to a
  Maildir outbox (Python's ``mailbox.Maildir``): ``FORUM_TUI_OUTBOX`` if set, else
  ``outbox/`` beside the SQLite database file, else ``outbox/`` in the user data
  directory. Any mail client reads a Maildir, and ``forum-tui outbox`` prints it.

Sending happens outside any database transaction (the store calls :meth:`Mailer.send`
after committing the code), and it never raises for a mail problem: the answer says
where the message went and, when SMTP or the outbox failed, why.
"""

from __future__ import annotations

import mailbox
import os
import smtplib
import ssl
import tomllib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

__all__ = ["MailSettings", "Mailer", "Sent", "mail_settings", "outbox_messages"]

APP_NAME = "forum-tui"
SMTP_TIMEOUT = 10  # seconds


@dataclass(frozen=True)
class MailSettings:
    outbox: Path
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    security: str = "starttls"  # starttls | ssl | none
    sender: str = "Community <no-reply@forum-tui.invalid>"
    source: str = ""  # where the SMTP settings came from, for messages


@dataclass(frozen=True)
class Sent:
    """Where a message went: ``way`` is "smtp", "outbox" or "failed" (neither worked);
    ``problem`` says why SMTP (or the outbox) was not used."""

    way: str
    outbox: Path | None = None
    problem: str = ""


def _config_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "mail.toml"


def _default_outbox(database_url: object | None) -> Path:
    if database_url is not None:
        from forum_tui.store.database import _sqlite_path

        path = _sqlite_path(database_url)
        if path is not None:
            return path.expanduser().absolute().parent / "outbox"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "outbox"


def mail_settings(
    database_url: object | None = None,
    *,
    environ: dict[str, str] | None = None,
    config_file: Path | None = None,
) -> MailSettings:
    """The settings from the environment and ``mail.toml`` (see the module docstring)."""
    env = os.environ if environ is None else environ
    smtp: dict[str, object] = {}
    source = ""
    path = config_file if config_file is not None else _config_file()
    try:
        smtp = dict(tomllib.loads(path.read_text("utf-8")).get("smtp", {}))
        source = str(path)
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        smtp = {}
    for key in ("host", "port", "user", "password", "security"):
        if env.get(f"FORUM_TUI_SMTP_{key.upper()}"):
            smtp[key] = env[f"FORUM_TUI_SMTP_{key.upper()}"]
            source = "the environment"
    if env.get("FORUM_TUI_MAIL_FROM"):
        smtp["from"] = env["FORUM_TUI_MAIL_FROM"]
    outbox = env.get("FORUM_TUI_OUTBOX")
    try:
        port = int(smtp.get("port", 587))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        port = 587
    return MailSettings(
        outbox=Path(outbox).expanduser() if outbox else _default_outbox(database_url),
        smtp_host=str(smtp.get("host", "")),
        smtp_port=port,
        smtp_user=str(smtp.get("user", "")),
        smtp_password=str(smtp.get("password", "")),
        security=str(smtp.get("security", "starttls")).lower(),
        sender=str(smtp.get("from", MailSettings.sender)),
        source=source,
    )


class Mailer:
    """Sends one message at a time: SMTP when a host is set, else (or on failure) the
    outbox."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    @property
    def uses_smtp(self) -> bool:
        return bool(self.settings.smtp_host)

    def send(self, to: str, subject: str, body: str) -> Sent:
        message = EmailMessage()
        message["From"] = self.settings.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain="forum-tui.invalid")
        message.set_content(body)
        problem = ""
        if self.uses_smtp:
            try:
                self._smtp(message)
                return Sent("smtp")
            except (OSError, smtplib.SMTPException) as error:
                problem = _smtp_problem(self.settings, error)
        try:
            return Sent("outbox", self._to_outbox(message), problem)
        except OSError as error:
            where = self.settings.outbox
            reason = error.strerror or type(error).__name__
            return Sent(
                "failed",
                where,
                f"{problem} The outbox {where} can't be written ({reason}).".strip(),
            )

    def _smtp(self, message: EmailMessage) -> None:
        settings = self.settings
        if settings.security == "ssl":
            context = ssl.create_default_context()
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT, context=context
            )
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT)
        with client:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                client.login(settings.smtp_user, settings.smtp_password)
            client.send_message(message)

    def _to_outbox(self, message: EmailMessage) -> Path:
        box = mailbox.Maildir(self.settings.outbox, create=True)
        try:
            box.add(message)
        finally:
            box.close()
        return self.settings.outbox


def _smtp_problem(settings: MailSettings, error: BaseException) -> str:
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    detail = str(error).strip() or type(error).__name__
    return f"The mail server {where} could not be reached ({detail})."


def outbox_messages(outbox: Path) -> list[EmailMessage]:
    """The messages in a Maildir outbox, oldest first (none when it does not exist)."""
    if not (outbox / "cur").is_dir() and not (outbox / "new").is_dir():
        return []
    from email import policy
    from email.parser import BytesParser

    parser = BytesParser(policy=policy.default)
    found = []
    for folder in ("new", "cur"):
        directory = outbox / folder
        if not directory.is_dir():
            continue
        for path in directory.iterdir():
            if path.name.startswith("."):
                continue
            with path.open("rb") as handle:
                message = parser.parse(handle)
            found.append((path.stat().st_mtime, path.name, message))
    found.sort(key=lambda item: (item[0], item[1]))
    return [message for _, _, message in found]  # type: ignore[misc]
