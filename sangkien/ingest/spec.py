"""The shape of a canonical table: ``Column`` (name, type, header, synonyms) and ``Kind``.

A column's ``label`` is its Vietnamese header (samples, header matching: input vocabulary); what a
user reads is ``title`` (a column) and ``label`` / ``description`` (a table), from the catalogue in
the current language (``titles``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sangkien.i18n import t


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str  # Vietnamese header used in samples and matched in files (input vocabulary)
    synonyms: tuple[str, ...] = ()
    required: bool = False
    label_en: str = ""
    kind: str = ""  # the table it belongs to (set by ``Kind.of``)

    @property
    def title(self) -> str:
        """The column's label in the current language."""
        from sangkien.ingest.titles import COLUMN_LABELS

        key = COLUMN_LABELS.get((self.kind, self.name))
        return t(key) if key else self.label


@dataclass(frozen=True)
class Kind:
    name: str
    label_vi: str
    columns: tuple[Column, ...]
    description_vi: str = ""
    keys: dict[str, str] = field(default_factory=dict)  # unit-name key columns

    @property
    def label(self) -> str:
        """The table's name in the current language."""
        from sangkien.ingest.titles import KIND_LABELS

        return t(KIND_LABELS[self.name]) if self.name in KIND_LABELS else self.label_vi

    title = label

    @property
    def description(self) -> str:
        from sangkien.ingest.titles import KIND_DESCRIPTIONS

        return t(KIND_DESCRIPTIONS[self.name]) if self.name in KIND_DESCRIPTIONS else self.description_vi

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @classmethod
    def of(cls, name: str, label: str, description: str, *columns: Column) -> Kind:
        owned = tuple(Column(**{**c.__dict__, "kind": name}) for c in columns)
        return cls(name, label, owned, description)


def C(name, type_, label, *synonyms, required=False, en=""):  # noqa: N802 - table-like
    return Column(name, type_, label, tuple(synonyms), required, en or name.replace("_", " "))
