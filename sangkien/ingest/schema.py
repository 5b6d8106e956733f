"""The canonical tables: kinds, columns, types, required fields, header synonyms.

This module is the one place that says what a loaded table looks like.
Synonyms are written as users write them; matching goes through
``normalize.header_key`` so case, spacing, punctuation and diacritics do not
matter. Types: text, int, money (đồng, ≥ 0), number, date, bool.
"""

from __future__ import annotations

from functools import cache

from sangkien.ingest import kinds_movement as _m
from sangkien.ingest import kinds_programme as _p
from sangkien.ingest.normalize import header_key
from sangkien.ingest.spec import C, Column, Kind  # noqa: F401  (re-exported)

# Status of an initiative (Trạng thái): stored as a code, shown by its label; the spellings exports use.
STATUS_VALID = "valid"
STATUS_REVIEW = "under_review"
STATUS_INVALID = "invalid"
STATUS_LABELS = {STATUS_VALID: "hợp lệ", STATUS_REVIEW: "đang xem xét", STATUS_INVALID: "không hợp lệ"}
STATUS_SYNONYMS = {
    STATUS_VALID: ["hợp lệ", "hop le", "đã duyệt", "da duyet", "valid", "approved", "đạt"],
    STATUS_REVIEW: ["đang xem xét", "dang xem xet", "chờ duyệt", "cho duyet", "under review", "pending"],
    STATUS_INVALID: ["không hợp lệ", "khong hop le", "bị loại", "bi loai", "invalid", "rejected"],
}

# Levels of a union in the hierarchy (Cấp).
LEVEL_FEDERATION = "federation"
LEVEL_UPPER = "upper"
LEVEL_GRASSROOTS = "grassroots"
LEVEL_LABELS = {
    LEVEL_FEDERATION: "LĐLĐ tỉnh, thành phố / Công đoàn ngành TW",
    LEVEL_UPPER: "Công đoàn cấp trên trực tiếp cơ sở",
    LEVEL_GRASSROOTS: "Công đoàn cơ sở",
}
LEVEL_SYNONYMS = {
    LEVEL_FEDERATION: [
        "federation",
        "tỉnh",
        "tinh",
        "thành phố",
        "tỉnh/thành phố",
        "tỉnh, thành phố",
        "ldld tinh",
        "ldld tinh thanh pho",
        "lien doan lao dong tinh thanh pho",
        "công đoàn ngành trung ương",
        "cong doan nganh tw",
        "nganh trung uong",
        "ngành TW",
        "cấp tỉnh",
        "tw",
        "trung ương",
    ],
    LEVEL_UPPER: [
        "upper",
        "cấp trên cơ sở",
        "cap tren co so",
        "cấp trên trực tiếp cơ sở",
        "cđ cấp trên trực tiếp cơ sở",
        "công đoàn cấp trên trực tiếp cơ sở",
        "quận/huyện",
        "quan huyen",
        "quận, huyện, thị xã",
        "ngành thành phố",
        "cấp huyện",
    ],
    LEVEL_GRASSROOTS: ["grassroots", "cơ sở", "co so", "cđcs", "cdcs", "công đoàn cơ sở"],
}

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (_p.INITIATIVES, _p.UNITS, _p.REPORTED_TOTALS, _m.CONTEST_RESULTS, _m.AWARDS, _m.WORKS, _m.OPINIONS)
    + (_p.CAMPAIGNS, _p.ALIASES)
}

# The programme's period: submissions dated outside it are rejected with the reason (a setting).
PROGRAMME_START = "2021-09-01"
PROGRAMME_END = "2023-12-31"

# A large benefit, as the report counts them ("làm lợi từ 3 tỷ đồng"), in đồng.
BIG_BENEFIT_VND = 3e9
# An award's recipient type for a collective (a unit, not a person), as the award lists write it.
COLLECTIVE_RECIPIENT = "tập thể"

# The labels of the codes stored in a column (the data explorer shows them beside the codes).
CODE_LABELS = {
    ("initiatives", "status"): STATUS_LABELS,
    ("units", "level"): LEVEL_LABELS,
    ("reported_totals", "level"): LEVEL_LABELS,
    ("works", "level"): LEVEL_LABELS,
}

# Channels of a dialogue opinion (Hình thức), as stored; other channels keep their own word.
CHANNEL_WRITTEN = "văn bản"
CHANNEL_DIRECT = "trực tiếp"

# Columns stored as codes since format 2 of the store, with the words stored before (store.upgrade).
CODED_COLUMNS = [("initiatives", "status", {code: [label] for code, label in STATUS_LABELS.items()})]

# Columns added by ingestion to every table that names a union: normalised keys.
UNIT_KEY_COLUMNS = {
    "initiatives": {"unit": "unit_key", "parent_unit": "parent_key", "federation": "federation_key"},
    "units": {"unit": "unit_key", "parent": "parent_key"},
    "reported_totals": {"unit": "unit_key"},
    "contest_results": {"unit": "unit_key"},
    "awards": {"unit": "unit_key", "recipient": "recipient_key"},
    "works": {"unit": "unit_key"},
    "opinions": {"unit": "unit_key"},
    "aliases": {"alias": "alias_key", "unit": "unit_key", "parent": "parent_key"},
}
# Name columns whose key depends on the parent's name (grassroots names repeat across districts).
PARENT_OF = {("initiatives", "unit"): "parent_unit", ("units", "unit"): "parent"}

SQL_TYPES = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "money": "DOUBLE",
    "number": "DOUBLE",
    "date": "DATE",
    "bool": "BOOLEAN",
}


def synonym_index(kind: Kind) -> dict[str, str]:
    """header key -> column name, for one kind (canonical names count too)."""
    return _synonym_index(kind.name)


@cache
def _synonym_index(kind_name: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for col in KINDS[kind_name].columns:
        for text in (col.name, col.label, col.label_en, *col.synonyms):
            index.setdefault(header_key(text), col.name)
    return index


def table_columns(kind_name: str) -> list[tuple[str, str]]:
    """(column, SQL type) of a canonical table, key columns included."""
    kind = KINDS[kind_name]
    cols = [(c.name, SQL_TYPES[c.type]) for c in kind.columns]
    cols += [(key, "VARCHAR") for key in UNIT_KEY_COLUMNS.get(kind_name, {}).values()]
    cols.append(("source_file", "VARCHAR"))
    cols.append(("source_row", "BIGINT"))
    return cols
