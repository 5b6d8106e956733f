"""Sign-in for the pages: OIDC through ``st.login``, passwords, or the admin token of a fresh install.

The signed-in actor lives in session state only as a token signed with the store's secret
(``auth.sign``); ``actor()`` verifies it on every rerun, so a role forced into session state
is worth nothing. Which way of signing in is offered follows what the server configures:
OIDC when ``[auth]`` is in ``.streamlit/secrets.toml``, else passwords when set, else the token.
"""

from __future__ import annotations

import secrets

import streamlit as st

from sangkien import auth
from sangkien.i18n import t, tn
from sangkien.store.catalog import store_dir

SESSION_KEY = "_auth_token"


def _secrets_section(name: str) -> dict:
    try:
        return dict(st.secrets.get(name, {}))
    except (FileNotFoundError, KeyError, AttributeError, Exception):  # noqa: BLE001 - no secrets file at all
        return {}


def oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def passwords() -> dict[str, str]:
    return auth.configured_passwords(_secrets_section("passwords"))


@st.cache_resource
def _throttle() -> auth.Throttle:
    """One per server process: failed sign-ins counted by client and by session."""
    return auth.Throttle()


def _client() -> str:
    ip = st.context.ip_address
    try:
        headers = {str(k): str(v) for k, v in dict(st.context.headers).items()}
    except (TypeError, ValueError, AttributeError):  # no request behind the session (a test harness)
        headers = {}
    return auth.client_address(ip if isinstance(ip, str) else None, headers)


def _session_id() -> str:
    return st.session_state.setdefault("_auth_session", secrets.token_hex(8))


def _remember(actor: auth.Actor) -> None:
    st.session_state[SESSION_KEY] = auth.sign(actor, auth.server_secret(store_dir()))


def actor() -> auth.Actor | None:
    """The verified actor of this session, or None for a viewer."""
    if oidc_configured():
        user = st.user
        if getattr(user, "is_logged_in", False):
            email = user.get("email") or user.get("sub")
            return auth.Actor(f"oidc:{email}", auth.role_for_email(email, _secrets_section("roles")))
        return None
    token = st.session_state.get(SESSION_KEY)
    return auth.verify(token, auth.server_secret(store_dir())) if token else None


def token_offered() -> bool:
    return not oidc_configured() and not passwords()


def accept_url_token() -> None:
    """``?token=…`` from the link ``make run`` prints: read once, then removed from the address."""
    given = st.query_params.get("token")
    if given is None:
        return
    del st.query_params["token"]
    if token_offered():
        _try("token", "admin", lambda: auth.check_token(store_dir(), given))


def _try(method: str, name: str, check) -> bool:
    root, client, session = store_dir(), _client(), _session_id()
    throttle = _throttle()
    wait = throttle.locked_for(client, session)
    if wait:
        st.session_state["_auth_error"] = tn("auth.locked", wait)
        auth.log_attempt(root, method, name, client, False, None)
        return False
    found = check()
    auth.log_attempt(root, method, name, client, found is not None, found.role if found else None)
    if found is None:
        throttle.failed(client, session)
        st.session_state["_auth_error"] = t("auth.wrong")
        return False
    throttle.succeeded(client, session)
    st.session_state.pop("_auth_error", None)
    _remember(found)
    return True


def sidebar() -> auth.Actor | None:
    """Who is signed in and the role, with sign-in and sign-out; returns the actor."""
    accept_url_token()
    who = actor()
    if who is not None:
        st.caption(t("auth.signed_in_as", name=who.name.split(":", 1)[-1], role=who.label))
        if st.button(t("auth.sign_out"), key="auth_logout", icon=":material/logout:"):
            st.session_state.pop(SESSION_KEY, None)
            if oidc_configured():
                st.logout()
            st.rerun()
        return who
    st.caption(t("auth.viewing_as", role=auth.role_label(auth.VIEWER)))
    if oidc_configured():
        if st.button(t("auth.sign_in"), key="auth_login", icon=":material/login:"):
            st.login()
        return None
    with st.popover(t("auth.sign_in"), icon=":material/login:"):
        sign_in_form("auth")
    return None


def sign_in_form(prefix: str) -> None:
    """A name and a password (or the admin token of a fresh install); signs the session in."""
    if oidc_configured():
        if st.button(t("auth.sign_in"), key=f"{prefix}_login", icon=":material/login:"):
            st.login()
        return
    with st.form(f"{prefix}_form", border=False):
        if passwords():
            name = st.text_input(t("auth.name"), key=f"{prefix}_name")
            secret = st.text_input(t("auth.password"), type="password", key=f"{prefix}_password")
        else:
            name = "admin"
            secret = st.text_input(t("auth.token"), type="password", key=f"{prefix}_token")
        sent = st.form_submit_button(t("auth.sign_in"), key=f"{prefix}_submit")
    if error := st.session_state.get("_auth_error"):
        st.error(error)
    if not sent:
        return
    if passwords():
        if not name.strip():
            st.session_state["_auth_error"] = t("auth.name_needed")
        else:
            _try("password", name.strip(), lambda: auth.check_password(passwords(), name, secret))
    else:
        _try("token", "admin", lambda: auth.check_token(store_dir(), secret))
    st.rerun()
