"""What goes wrong in a file, as codes with parameters; the words are made where they are shown.

- ``Message(code, params)``: a catalogue key and its values; ``str()`` is the text in the current
  language. A file's error (``ReadError``, ``Staged.error``) and a sheet's are messages.
- A rejected row's reason cell (``_rejects.reason``, ``Staged.reject_cells``) is a JSON array of
  ``{"code": ..., <param>: ...}`` objects, one per reason: ``describe(cell)`` makes it a sentence
  (reasons joined by '; '); a cell written before the codes (plain Vietnamese) is shown as stored.
- Parameters are data, turned into words on the way out: ``column`` ('initiatives.title') becomes
  the column's label, ``kind`` the table's, ``*_date`` a date, ``size`` a size in bytes, numbers
  follow the language; a nested message or a list of them is rendered too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sangkien import fmt, i18n
from sangkien.i18n import t


@dataclass(frozen=True, eq=False)
class Message:
    """A catalogue key and its parameters; its text is made when it is shown."""

    code: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.code, self.params)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return (self.code, self.params) == (other.code, other.params)
        if isinstance(other, str):  # a message equals its text in the current language
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.code)

    def as_dict(self) -> dict:
        return {"code": self.code, **{k: _plain(v) for k, v in self.params.items()}}


def msg(code: str, /, **params: object) -> Message:
    return Message(code, params)


def _plain(value: object) -> object:
    """A parameter as JSON holds it."""
    if isinstance(value, Message):
        return value.as_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def size_text(n: float) -> str:
    """Bytes as a user reads them: '1,5 GB', '12 MB', '800 KB' ('1.5 GB' in English)."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            text = f"{n / size:.2f}".rstrip("0").rstrip(".")
            return (text.replace(".", ",") if i18n.lang() == "vi" else text) + f" {unit}"
    return f"{int(n)} byte"


def _shown(name: str, value: object) -> object:
    """A parameter in words of the current language."""
    if isinstance(value, dict) and "code" in value:
        value = Message(value["code"], {k: v for k, v in value.items() if k != "code"})
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, (list, tuple)):
        return ("; " if name == "errors" else ", ").join(str(_shown(name, v)) for v in value)
    if name in ("column", "columns") and isinstance(value, str) and "." in value:
        return column_label(value)
    if name == "kind" and isinstance(value, str):
        return kind_label(value)
    if name.endswith("_date") and isinstance(value, str):
        return fmt.date(value)
    if name == "size" and isinstance(value, (int, float)):
        return size_text(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return fmt.num(value)


def column_label(qualified: str) -> str:
    """'initiatives.title' -> the column's label in the current language."""
    from sangkien.ingest import schema

    kind, _, name = qualified.partition(".")
    try:
        return schema.KINDS[kind].column(name).title
    except KeyError:
        return name


def kind_label(kind: str) -> str:
    from sangkien.ingest import schema

    return schema.KINDS[kind].title if kind in schema.KINDS else kind


def render(code: str, params: dict | None = None) -> str:
    """The text of ``code`` in the current language, its parameters in words."""
    return t(code, **{k: _shown(k, v) for k, v in (params or {}).items()})


def encode(*messages: Message) -> str:
    """A reason cell: the messages as a JSON array."""
    return json.dumps([m.as_dict() for m in messages], ensure_ascii=False, separators=(",", ":"))


def encode_one(message: Message) -> str:
    """One reason as a JSON object (SQL joins several with ',' and wraps them in '[...]')."""
    return json.dumps(message.as_dict(), ensure_ascii=False, separators=(",", ":"))


def decode(cell: object) -> list[Message] | None:
    """The messages of a reason cell; None for a cell that is not coded (plain text, written before)."""
    if not isinstance(cell, str) or not cell.startswith("["):
        return None
    try:
        items = json.loads(cell)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("code"), str) for i in items):
        return None
    return [Message(i["code"], {k: v for k, v in i.items() if k != "code"}) for i in items]


def describe(cell: object) -> str:
    """A reason cell in words of the current language; a cell written before the codes, as stored."""
    messages = decode(cell)
    if messages is None:
        return "" if cell is None else str(cell)
    return "; ".join(str(m) for m in messages)


def describe_all(cells):
    """``describe`` over a pandas Series of reason cells (each distinct cell once)."""
    words = {c: describe(c) for c in cells.unique()}
    return cells.map(words)


def describe_data(data: dict | None) -> str | None:
    """A message kept as data (``Staged.error_data``: a code and its parameters, or a text) in words."""
    if data is None:
        return None
    if "code" in data:
        return render(data["code"], {k: v for k, v in data.items() if k != "code"})
    return str(data.get("text", ""))
