"""What reading a file produces: ``Staged`` (the checked table, its rejected rows, its notes)
and the ``StageOptions`` the store gives the reader.

A file's error is a ``reasons.Message`` (``problem``: code and parameters; ``error``: its text in the
current language); a rejected row's reason is a coded cell (``reject_cells``, what a store keeps),
``rejects`` shows it in words of the current language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sangkien.ingest import schema
from sangkien.ingest.reasons import Message, describe_all


@dataclass
class StageOptions:
    """What the store knows that reading a file needs: remembered mappings, the programme's period."""

    mappings: dict[str, dict] = field(default_factory=dict)  # header signature -> {"kind", "columns"}
    programme: tuple[str, str] = (schema.PROGRAMME_START, schema.PROGRAMME_END)

    @classmethod
    def from_settings(cls, settings: dict) -> StageOptions:
        """The options a store's settings give (``manifest.json``'s ``settings``)."""
        return cls(
            mappings=settings.get("mappings", {}),
            programme=(
                settings.get("programme_start", schema.PROGRAMME_START),
                settings.get("programme_end", schema.PROGRAMME_END),
            ),
        )


@dataclass
class Staged:
    """One file (or sheet) read and checked, ready to publish or to show."""

    file: str
    sheet: str | None = None
    kind: str | None = None
    mapping: dict[str, str | None] = field(default_factory=dict)  # source header -> column
    unmatched: list[str] = field(default_factory=list)
    rows_in: int = 0
    skipped: int = 0
    data: pd.DataFrame | None = None
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["source_row", "reason", "data"]))
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the text of ``problem`` in the current language (set a Message or a text)
    detail: str | None = None  # the technical cause of ``error``, folded away for the user
    header_row: int | None = None
    skipped_by: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    signature: str | None = None
    overrides: dict[str, str | None] = field(default_factory=dict)
    remembered: bool = False
    total_checks: list[dict] = field(default_factory=list)
    encoding: str | None = None
    source: Any = None  # the ingest database holding the loaded rows (never copied to pandas)
    table: str | None = None  # their view there, every column but source_file
    rows_loaded: int | None = None  # rows of that view

    @property
    def loaded(self) -> int:
        if self.rows_loaded is not None:
            return self.rows_loaded
        return 0 if self.data is None else len(self.data)

    def batches(self, columns: list[str]):
        """The loaded rows as an Arrow stream of ``columns``, however they are held."""
        import pyarrow as pa

        if self.source is not None and self._frame is None:
            self._reading = self.source.con.cursor()  # its own results: kept while the stream is read
            params = {"file": Path(self.file).name} if "source_file" in columns else None
            query = self._reading.sql(self._select(columns), params=params)
            return query.to_arrow_reader(100_000)
        return pa.Table.from_pandas(self.data[columns], preserve_index=False).to_reader()

    @property
    def error_data(self) -> dict | None:
        """The file's error as a log keeps it: ``{"code": ..., <param>: ...}`` (``reasons.Message``,
        ``render(**data)`` in any language later), ``{"text": ...}`` for an error set as a text."""
        problem = self.problem
        if problem is None:
            return None
        return problem.as_dict() if isinstance(problem, Message) else {"text": str(problem)}

    @property
    def rejected(self) -> int:
        return len(self.reject_cells)

    def write_into(self, path, table: str, columns: list[str]) -> bool:
        """Insert the loaded rows into ``table`` of the DuckDB file ``path`` from the ingest database
        (no other connection may hold the file meanwhile); False when the rows are held as a frame."""
        if self.source is None or self._frame is not None:
            return False
        cur = self.source.con.cursor()
        try:
            cur.execute("attach $path as _version", {"path": str(path)})
            try:
                cols = ", ".join(f'"{c}"' for c in columns)  # the schema's own names
                params = {"file": Path(self.file).name} if "source_file" in columns else {}
                cur.execute(f'insert into _version."{table}" ({cols}) {self._select(columns)}', params)
            finally:
                cur.execute("detach _version")
        finally:
            cur.close()
        return True

    def _select(self, columns: list[str]) -> str:
        """SQL of ``columns`` of the loaded rows, the file's name bound as ``$file``."""
        cols = ", ".join("$file as source_file" if c == "source_file" else f'"{c}"' for c in columns)
        return f'select {cols} from "{self.table}"'  # the schema's own names, and one of ours

    def summary(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "kind": self.kind,
            "rows_in": self.rows_in,
            "loaded": self.loaded,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "error": self.error,
        }


def _get_data(self: Staged) -> pd.DataFrame | None:
    """The loaded rows as a frame, fetched from the ingest database on first use (a preview, a test)."""
    if self._frame is None and self.source is not None:
        columns = [c for c, _ in schema.table_columns(self.kind)]
        sql = self._select(columns) + " order by source_row"
        self._frame = self.source.con.execute(sql, {"file": Path(self.file).name}).df()
    return self._frame


def _set_data(self: Staged, frame: pd.DataFrame | None) -> None:
    self._frame = frame


def _get_rejects(self: Staged) -> pd.DataFrame:
    """The rejected rows, each reason in words of the current language."""
    cells = self.reject_cells
    return cells.assign(reason=describe_all(cells["reason"])) if len(cells) else cells


def _set_rejects(self: Staged, frame: pd.DataFrame) -> None:
    self.reject_cells = frame  # coded reasons, or text written before the codes (shown as it is)


def _get_error(self: Staged) -> str | None:
    return None if self.problem is None else str(self.problem)


def _set_error(self: Staged, error: Message | str | None) -> None:
    self.problem = error  # a Message (code and parameters); a text is kept as it is


Staged._frame = None
Staged.data = property(_get_data, _set_data)  # the dataclass field's value goes through the setter
Staged.rejects = property(_get_rejects, _set_rejects)
Staged.error = property(_get_error, _set_error)
