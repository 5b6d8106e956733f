"""What a page shows in English, and the Vietnamese left in it that is not data.

``shown_texts`` walks an AppTest's element tree and gathers every string a user can read: the
protos' text fields (titles, labels, help, options, captions, notices), the Plotly specs' strings
(titles, axes, hovers, annotations, tick labels) and the tables' headers and text cells. ``leftovers``
keeps the words with Vietnamese letters that are not words of the data (names of units, titles of
initiatives, ... read from the version's tables), with the text they came from.
"""

from __future__ import annotations

import json
import re

import pandas as pd
from google.protobuf.json_format import MessageToDict

from sangkien.store.reading import CONNECTIONS

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)
# the tables whose text columns are data a page may show as it is
DATA_TEXT = {
    "places": ("federation", "parent", "unit"),
    "units": ("unit", "parent"),
    "reported_totals": ("unit",),
    "awards": ("body", "programme", "recipient", "unit", "decision"),
    "campaigns": ("name",),
    "contest_results": ("contest", "trade", "contestant", "unit", "prize"),
    "opinions": ("conference", "topic", "unit"),
    "works": ("name", "unit"),
    "initiatives": ("field",),
}
SKIP_KEYS = {"id", "formId", "key", "type", "iconName", "icon", "css", "body_css"}


def data_words(version_file: str, with_titles: bool = False, labels: list[str] = ()) -> set[str]:
    """Every word of the data's names (and of the initiatives' titles and authors when asked), and of
    ``labels`` (the versions' labels, which their publishers wrote)."""
    tables = dict(DATA_TEXT)
    if with_titles:
        tables["initiatives"] = ("field", "title", "authors")
    with CONNECTIONS.cursor(version_file) as con:  # the pages' own connection to the file
        present = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        words: set[str] = {w.lower() for label in labels for w in WORD.findall(label or "")}
        for table, columns in tables.items():
            if table not in present:
                continue
            for column in columns:
                for (value,) in con.execute(f'select distinct "{column}" from "{table}"').fetchall():  # noqa: S608
                    if value:
                        words.update(w.lower() for w in WORD.findall(value))
        return words


def _strings(value, out: list[str], key: str = "") -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in SKIP_KEYS:
                _strings(v, out, k)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out, key)
    elif isinstance(value, str):
        if key == "spec":  # a Plotly figure
            try:
                _strings(json.loads(value), out)
            except ValueError:
                out.append(value)
        elif key not in ("data",):  # Arrow bytes (base64): tables are read below
            out.append(value)


def _nodes(node):
    children = getattr(node, "children", None)
    if children:
        for child in children.values():
            yield from _nodes(child)
    else:
        yield node


def shown_texts(at) -> list[str]:
    out: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if getattr(node, "type", "") in ("arrow_data_frame", "dataframe", "table"):
            frame = node.value
            if isinstance(frame, pd.DataFrame):
                out.extend(str(c) for c in frame.columns)
                for c in frame.columns:
                    if frame[c].dtype == object:
                        out.extend(str(v) for v in frame[c].dropna().unique()[:200])
        body = getattr(proto, "body", "")
        if isinstance(body, str) and body.lstrip().startswith(("<style", "<script")):
            continue  # the app's own style sheet and script: not read by anyone
        _strings(MessageToDict(proto), out)
    return out


def leftovers(texts: list[str], allowed: set[str]) -> list[tuple[str, str]]:
    """(word, text) for each word with Vietnamese letters that the data does not have."""
    found = []
    for text in texts:
        for word in WORD.findall(text):
            if VIETNAMESE.search(word) and word.lower() not in allowed:
                found.append((word, text[:160]))
    return found
