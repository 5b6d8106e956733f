"""The store's messages as codes with parameters; their text is made where they are shown.

A message is ``{"code": key, "params": {...}}`` (``msg``), with ``"n"`` for a plural key. A
parameter may itself be a message (a file's reason inside "nothing was published"), a list of
them (joined by "; ") or a plain value. ``render`` gives the text in the current language; a plain
string (an entry of the load log written before codes, a text from elsewhere) is shown as it is.

The store's exceptions (``CodedError``) carry ``.code`` and ``.params``; their ``str()`` is the
text in the current language, so the command line and the pages show them in the user's.
"""

from __future__ import annotations

from sangkien.i18n import t, tn


def msg(code: str, /, n: int | None = None, **params: object) -> dict:
    """A message: ``code`` is a key marked with ``N_`` where it is written."""
    out: dict = {"code": code, "params": params}
    if n is not None:
        out["n"] = n
    return out


def render(message: object) -> str:
    """The text of a message (or of a parameter) in the current language; an ingest message
    (``ingest.reasons.Message``, or its dict: the code beside its parameters) in its own words."""
    ingest = isinstance(message, dict) and "code" in message and "params" not in message
    if ingest or hasattr(message, "as_dict"):
        from sangkien.ingest.reasons import Message

        if isinstance(message, dict):
            message = Message(message["code"], {k: v for k, v in message.items() if k != "code"})
        return str(message)
    if isinstance(message, dict) and "code" in message:
        code = message["code"]  # a key marked with N_ where the message was made
        params = {k: render(v) for k, v in (message.get("params") or {}).items()}
        if message.get("n") is not None:
            return tn(code, int(message["n"]), **params)
        return t(code, **params)
    if isinstance(message, list | tuple):
        return "; ".join(render(m) for m in message)
    return message  # type: ignore[return-value]  # a text as stored, or a value (a number, a name)


def render_parts(parts: list) -> str:
    """A load-log entry's message: its parts (messages or texts) one after another."""
    return " ".join(render(p) for p in parts)


def file_error(staged: object) -> object:
    """A staged file's error as a parameter: ingest's message (``problem``, as a dict) when it has
    a code, else its text."""
    problem = getattr(staged, "problem", None)
    if getattr(problem, "code", None) and hasattr(problem, "as_dict"):
        return problem.as_dict()
    error = getattr(staged, "error", None)
    return error if error is None or isinstance(error, str) else str(error)


class CodedError(Exception):
    """An error for the user: ``code`` and ``params``; ``detail`` for the curious (a traceback)."""

    def __init__(self, code: str, /, detail: str | None = None, **params: object) -> None:
        super().__init__(code)
        self.code, self.params, self.detail = code, params, detail

    @property
    def message(self) -> dict:
        return msg(self.code, **self.params)

    def __str__(self) -> str:
        return render(self.message)
