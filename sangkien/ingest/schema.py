"""The canonical tables: kinds, columns, types, required fields, header synonyms.

This module is the one place that says what a loaded table looks like.
Synonyms are written as users write them; matching goes through
``normalize.header_key`` so case, spacing, punctuation and diacritics do not
matter. Types: text, int, money (đồng, ≥ 0), number, date, bool.
"""

from __future__ import annotations

from functools import cache

from sangkien import i18n
from sangkien.i18n import N_, t
from sangkien.ingest import kinds_movement as _m
from sangkien.ingest import kinds_programme as _p
from sangkien.ingest.normalize import header_key
from sangkien.ingest.spec import C, Column, Kind  # noqa: F401  (re-exported)

# Status of an initiative (Trạng thái): stored as a code, shown by its label; the spellings exports use.
STATUS_VALID = "valid"
STATUS_REVIEW = "under_review"
STATUS_INVALID = "invalid"
# The Vietnamese words of the codes (as stores before format 2 wrote them: ``CODED_COLUMNS``).
STATUS_LABELS = {STATUS_VALID: "hợp lệ", STATUS_REVIEW: "đang xem xét", STATUS_INVALID: "không hợp lệ"}
# What a user reads for each code: catalogue keys, shown in the current language (``code_label``).
STATUS_KEYS = {
    STATUS_VALID: N_("schema.status_valid"),
    STATUS_REVIEW: N_("schema.status_under_review"),
    STATUS_INVALID: N_("schema.status_invalid"),
}
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
LEVEL_KEYS = {
    LEVEL_FEDERATION: N_("schema.level_federation"),
    LEVEL_UPPER: N_("schema.level_upper"),
    LEVEL_GRASSROOTS: N_("schema.level_grassroots"),
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
# The recipient types the award lists write, with their words in the other language; any other type
# (the name of a level, say) is shown as the list writes it.
RECIPIENT_KEYS = {COLLECTIVE_RECIPIENT: N_("schema.recipient_collective"), "cá nhân": N_("schema.recipient_individual")}


def _word(value: object, keys: dict[str, str]) -> object:
    """A word the data carries as shown: in Vietnamese as stored, in another language the known words
    (``keys``: the stored word, lower case -> its key) in that language's, other words as stored."""
    if not isinstance(value, str) or i18n.lang() == i18n.DEFAULT:
        return value
    key = keys.get(value.strip().lower())
    return t(key) if key else value


def recipient_label(value: object) -> object:
    """An award's recipient type as shown ('tập thể' -> 'collective' in English)."""
    return _word(value, RECIPIENT_KEYS)


# The labels of the codes stored in a column (the data explorer shows them beside the codes): the
# Vietnamese words here; ``code_labels`` gives them in the current language.
CODE_LABELS = {
    ("initiatives", "status"): STATUS_LABELS,
    ("units", "level"): LEVEL_LABELS,
    ("reported_totals", "level"): LEVEL_LABELS,
    ("works", "level"): LEVEL_LABELS,
}
CODE_KEYS = {
    ("initiatives", "status"): STATUS_KEYS,
    ("units", "level"): LEVEL_KEYS,
    ("reported_totals", "level"): LEVEL_KEYS,
    ("works", "level"): LEVEL_KEYS,
}


def code_labels(table: str, column: str) -> dict[str, str]:
    """code -> its label in the current language, for a column stored as codes ({} for others)."""
    return {code: t(key) for code, key in CODE_KEYS.get((table, column), {}).items()}


def status_label(code: str) -> str:
    """'under_review' -> 'đang xem xét' ('under review' in English); an unknown code as it is."""
    return t(STATUS_KEYS[code]) if code in STATUS_KEYS else code


def level_label(code: str) -> str:
    return t(LEVEL_KEYS[code]) if code in LEVEL_KEYS else code


# Channels of a dialogue opinion (Hình thức), as stored; other channels keep their own word.
CHANNEL_WRITTEN = "văn bản"
CHANNEL_DIRECT = "trực tiếp"
CHANNEL_KEYS = {CHANNEL_WRITTEN: N_("schema.channel_written"), CHANNEL_DIRECT: N_("schema.channel_direct")}


def channel_label(value: object) -> object:
    """An opinion's channel in a sentence ('văn bản' -> 'in writing' in English)."""
    return _word(value, CHANNEL_KEYS)


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
