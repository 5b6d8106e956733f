"""Who may do what: roles, verified actors, and the checks the writing functions make themselves.

Roles: a viewer (everyone, no sign-in) reads; an analyst also keeps private workspaces and
sends them for review; an administrator also publishes, rolls back and changes settings.
An ``Actor`` comes only from verified credentials (OIDC, a password, the admin token, or the
command line); the UI keeps it in session state as a token signed with the store's secret,
so a value forced into session state is refused. No Streamlit here: the checks hold for any
caller.
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sangkien.i18n import N_, t

VIEWER, ANALYST, ADMIN = "viewer", "analyst", "admin"
RANKS = {VIEWER: 0, ANALYST: 1, ADMIN: 2}
ROLE_LABELS = {VIEWER: N_("auth.role_viewer"), ANALYST: N_("auth.role_analyst"), ADMIN: N_("auth.role_admin")}  # keys
PASSWORD_ENV = {ADMIN: "SANGKIEN_ADMIN_PASSWORD", ANALYST: "SANGKIEN_ANALYST_PASSWORD"}
MAX_FAILURES, LOCK_SECONDS = 5, 60
TOKEN_FILE, SECRET_FILE = "admin_token", ".secret"


class Forbidden(PermissionError):
    """The actor's role does not allow the action; the message is for the user."""


@dataclass(frozen=True)
class Actor:
    name: str  # 'password:Lan', 'oidc:lan@ldld.vn', 'token:admin', 'cli:root', 'system:demo'
    role: str

    @property
    def label(self) -> str:
        return role_label(self.role)


SYSTEM_DEMO = Actor("system:demo", ADMIN)


def role_label(role: str) -> str:
    """The name of ``role`` in the current language."""
    return t(ROLE_LABELS[role])


def cli_actor() -> Actor:
    """Whoever can run the command line on the server is trusted as an administrator."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return Actor(f"cli:{user}", ADMIN)


def require(actor: Actor | None, role: str, action: str) -> Actor:
    """``actor`` when its role allows ``action``; ``Forbidden`` otherwise (checked where the action happens)."""
    if not isinstance(actor, Actor) or RANKS.get(actor.role, -1) < RANKS[role]:
        who = t("auth.guest") if actor is None else getattr(actor, "name", "?")
        # ``action`` is a key marked with N_ by the caller (its text when the caller has none yet)
        raise Forbidden(t("auth.forbidden", who=who, action=t(action), role=role_label(role)))
    return actor


# -- signing ---------------------------------------------------------------------------
def _private_file(path: Path, nbytes: int = 32) -> bytes:
    """A random secret kept in a file only its owner reads (created once, never overwritten)."""
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    value = secrets.token_bytes(nbytes)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return bytes.fromhex(path.read_text().strip())
    with os.fdopen(fd, "w") as fh:
        fh.write(value.hex())
    return value


def server_secret(store_root: Path) -> bytes:
    return _private_file(Path(store_root) / SECRET_FILE)


def sign(actor: Actor, secret: bytes) -> str:
    body = base64.urlsafe_b64encode(json.dumps([actor.name, actor.role, int(time.time())]).encode()).decode()
    mac = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


def verify(token: object, secret: bytes, max_age_s: float = 12 * 3600) -> Actor | None:
    """The actor of a token this server signed (and not older than ``max_age_s``), or None."""
    if not isinstance(token, str) or token.count(".") != 1:
        return None
    body, mac = token.split(".")
    expected = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        name, role, issued = json.loads(base64.urlsafe_b64decode(body))
    except (ValueError, TypeError):
        return None
    if role not in RANKS or time.time() - issued > max_age_s:
        return None
    return Actor(name, role)


# -- the admin token of a fresh install ------------------------------------------------
def admin_token(store_root: Path, create: bool = False) -> str | None:
    path = Path(store_root) / TOKEN_FILE
    if create:
        return _private_file(path).hex()
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        return None


def check_token(store_root: Path, given: str) -> Actor | None:
    token = admin_token(store_root)
    if token and given and hmac.compare_digest(token.encode(), given.strip().encode()):
        return Actor("token:admin", ADMIN)
    return None


# -- passwords -------------------------------------------------------------------------
def configured_passwords(secrets_section: dict | None = None) -> dict[str, str]:
    """role -> password, from the environment or the secrets' ``[passwords]`` section."""
    found = {}
    for role, env in PASSWORD_ENV.items():
        value = os.environ.get(env) or (secrets_section or {}).get(role)
        if value:
            found[role] = str(value)
    return found


def check_password(passwords: dict[str, str], name: str, given: str) -> Actor | None:
    """The highest role whose password matches (compared in constant time), or None."""
    match = None
    for role in (ADMIN, ANALYST):
        expected = passwords.get(role)
        if expected and hmac.compare_digest(expected.encode(), given.encode()):
            match = match or Actor(f"password:{name.strip()}", role)
    return match


class Throttle:
    """Five failed sign-ins lock that client (and that session) for a minute."""

    def __init__(self) -> None:
        self.failures: dict[str, list[float]] = {}

    def locked_for(self, *keys: str) -> int:
        now = time.monotonic()
        wait = 0.0
        for key in keys:
            recent = [t for t in self.failures.get(key, []) if now - t < LOCK_SECONDS]
            self.failures[key] = recent
            if len(recent) >= MAX_FAILURES:
                wait = max(wait, LOCK_SECONDS - (now - recent[-MAX_FAILURES]))
        return int(wait) + 1 if wait else 0

    def failed(self, *keys: str) -> None:
        for key in keys:
            self.failures.setdefault(key, []).append(time.monotonic())

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self.failures.pop(key, None)


def client_address(ip: str | None, headers: dict | None) -> str:
    """The client's address; ``X-Forwarded-For`` is believed only from a proxy on this machine."""
    ip = ip or "?"
    forwarded = (headers or {}).get("X-Forwarded-For") or (headers or {}).get("x-forwarded-for")
    if forwarded and ip in ("127.0.0.1", "::1"):
        return forwarded.split(",")[0].strip()
    return ip


def log_attempt(store_root: Path, method: str, name: str, client: str, ok: bool, role: str | None) -> None:
    entry = {
        "time": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "method": method,
        "name": name,
        "client": client,
        "ok": ok,
        "role": role,
    }
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    log = Path(os.environ.get("SANGKIEN_AUTH_LOG") or Path(store_root) / "log" / "auth.jsonl")
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(line)
    except OSError:  # a store mounted read-only (an app machine of a cluster): the server's own log
        sys.stderr.write("sangkien auth " + line)


def role_for_email(email: str | None, roles_section: dict | None) -> str:
    """An OIDC user's role from the secrets' ``[roles]`` lists (admins, analysts); viewer otherwise."""
    email = (email or "").strip().lower()
    roles = roles_section or {}
    if email and email in {str(e).lower() for e in roles.get("admins", [])}:
        return ADMIN
    if email and email in {str(e).lower() for e in roles.get("analysts", [])}:
        return ANALYST
    return VIEWER
