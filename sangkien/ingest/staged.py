"""What reading a file produces: ``Staged`` (the checked table, its rejected rows, its notes)
and the ``StageOptions`` the store gives the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from sangkien.ingest import schema


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
    error: str | None = None
    detail: str | None = None  # the technical cause of ``error``, folded away for the user
    header_row: int | None = None
    skipped_by: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    signature: str | None = None
    overrides: dict[str, str | None] = field(default_factory=dict)
    remembered: bool = False
    total_checks: list[dict] = field(default_factory=list)
    encoding: str | None = None

    @property
    def loaded(self) -> int:
        return 0 if self.data is None else len(self.data)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

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
