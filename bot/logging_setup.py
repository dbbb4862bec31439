"""Logging for the bot: one format, and secrets scrubbed from every record."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote


class RedactSecrets(logging.Filter):
    """Replace each secret (the bot token) wherever it would appear in a log line."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for secret in self.secrets:
            message = message.replace(secret, "***")
            if record.exc_text:
                record.exc_text = record.exc_text.replace(secret, "***")
        record.msg, record.args = message, None
        return True


def setup_logging(level: str, secrets: list[str] | None = None) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiogram logs every handled update at INFO; keep that for DEBUG runs only
    logging.getLogger("aiogram.event").setLevel(max(logging.getLevelName(level), logging.WARNING))


# --- URLs with passwords (DATABASE_URL, REDIS_URL) ---------------------------------------

_USERINFO = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^?#]*)@")
_QUERY_PASSWORD = re.compile(r"(?P<key>[?&]password=)(?P<value>[^&#]*)", re.IGNORECASE)


def redact_url(url: str) -> str:
    """The URL fit for logs and errors: whoever and whatever stands before the host (up to
    its last @, so a password with / or @ in it goes too) as ***, and a `password=` in the
    query as ***. Works on the URLs libpq and Redis take, several hosts included."""
    url = url.strip()
    url = _USERINFO.sub(lambda m: f"{m['scheme']}***@", url, count=1)
    return _QUERY_PASSWORD.sub(lambda m: f"{m['key']}***", url)


def url_secrets(url: str) -> list[str]:
    """The passwords in a URL, as written and decoded, for the log filter to hide."""
    found = []
    userinfo = _USERINFO.match(url.strip())
    if userinfo and ":" in userinfo["userinfo"]:
        found.append(userinfo["userinfo"].split(":", 1)[1])
    found += [m["value"] for m in _QUERY_PASSWORD.finditer(url)]
    # a password of a few characters would star out those letters all over the logs
    return [s for password in found if len(password) >= 4 for s in {password, unquote(password)}]


def scrub(text: str, url: str) -> str:
    """`text` (an error from a driver) with the URL and its passwords hidden."""
    text = text.replace(url, redact_url(url))
    for secret in url_secrets(url):
        text = text.replace(secret, "***")
    return text
