import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from sangkien.auth import Actor

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    """An empty store folder, also set as SANGKIEN_DB for code that reads the default."""
    path = tmp_path / "store"
    monkeypatch.setenv("SANGKIEN_DB", str(path))
    return path


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """The demo built once per test session through the CLI, as a user would."""
    import subprocess

    path = tmp_path_factory.mktemp("demo") / "store"
    out = path.parent / "exports"
    env = {k: v for k, v in os.environ.items() if k != "SANGKIEN_DB"}
    subprocess.run(
        [sys.executable, "-m", "sangkien", "demo", "--db", str(path), "--out", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return path


@pytest.fixture
def demo_copy(demo_store, tmp_path, monkeypatch):
    """A copy of the demo store a test may change, set as SANGKIEN_DB."""
    import shutil

    store = tmp_path / "store"
    shutil.copytree(demo_store, store)
    monkeypatch.setenv("SANGKIEN_DB", str(store))
    return store


def records(frame: pd.DataFrame) -> list[tuple]:
    """Rows as plain tuples: missing values as None, timestamps as dates, numpy scalars as Python ones."""
    out = []
    for row in frame.itertuples(index=False):
        values = []
        for v in row:
            if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and v != v):
                values.append(None)
            elif isinstance(v, pd.Timestamp):
                values.append(v.date())
            else:
                values.append(v.item() if hasattr(v, "item") else v)
        out.append(tuple(values))
    return out


ADMIN = Actor("test:admin", "admin")  # what a signed-in administrator's session carries
ANALYST = Actor("test:analyst", "analyst")


def sign_in(at, store_root, actor: Actor = ADMIN) -> None:
    """Put a signed-in actor into an AppTest session, signed with the store's secret as the server does."""
    from sangkien.auth import server_secret, sign

    at.session_state["_auth_token"] = sign(actor, server_secret(store_root))


def open_app(page: str | None = None, *, store=None, actor: Actor | None = None, lang: str | None = None, timeout=120):
    """app.py in AppTest, in ``lang`` (``?lang=``), signed in as ``actor`` on ``store`` (default:
    SANGKIEN_DB), run once and then moved to ``page``; no run may raise."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if lang is not None:
        at.query_params["lang"] = lang
    if actor is not None:
        sign_in(at, str(store or os.environ["SANGKIEN_DB"]), actor)
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


@pytest.fixture(autouse=True)
def no_developer_passwords(monkeypatch):
    """Tests never sign in with a developer's own passwords; a test that needs one sets it."""
    for key in ("SANGKIEN_ADMIN_PASSWORD", "SANGKIEN_ANALYST_PASSWORD"):
        monkeypatch.delenv(key, raising=False)
