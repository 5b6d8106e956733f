"""The shape of a canonical table: ``Column`` (name, type, header, synonyms) and ``Kind``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str  # Vietnamese header used in samples and tables
    synonyms: tuple[str, ...] = ()
    required: bool = False
    label_en: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    columns: tuple[Column, ...]
    description: str = ""
    keys: dict[str, str] = field(default_factory=dict)  # unit-name key columns

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
        return cls(name, label, tuple(columns), description)


def C(name, type_, label, *synonyms, required=False, en=""):  # noqa: N802 - table-like
    return Column(name, type_, label, tuple(synonyms), required, en or name.replace("_", " "))
