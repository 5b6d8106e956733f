"""The canonical tables: kinds, columns, types, required fields, header synonyms.

This module is the one place that says what a loaded table looks like.
Synonyms are written as users write them; matching goes through
``normalize.header_key`` so case, spacing, punctuation and diacritics do not
matter. Types: text, int, money (đồng, ≥ 0), number, date, bool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sangkien.ingest.normalize import header_key


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


def C(name, type_, label, *synonyms, required=False, en=""):  # noqa: N802 - table-like
    return Column(name, type_, label, tuple(synonyms), required, en or name.replace("_", " "))


# Status values of an initiative (Trạng thái) and their spellings.
STATUS_VALID = "hợp lệ"
STATUS_REVIEW = "đang xem xét"
STATUS_INVALID = "không hợp lệ"
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

KINDS: dict[str, Kind] = {}


def _kind(name: str, label: str, description: str, *columns: Column) -> None:
    KINDS[name] = Kind(name, label, tuple(columns), description)


_kind(
    "initiatives",
    "Sáng kiến",
    "Một dòng là một sáng kiến nộp lên phần mềm.",
    C("id", "text", "Mã sáng kiến", "mã", "mã sk", "id", "initiative id", "số hiệu"),
    C(
        "title",
        "text",
        "Tên sáng kiến",
        "sáng kiến",
        "tên giải pháp",
        "title",
        "initiative",
        "tên sáng kiến giải pháp",
        required=True,
    ),
    C(
        "authors",
        "text",
        "Tác giả",
        "tác giả, đồng tác giả",
        "tác giả/đồng tác giả",
        "đồng tác giả",
        "tác giả đồng tác giả",
        "người đề xuất",
        "authors",
        "author",
        "họ tên tác giả",
    ),
    C(
        "unit",
        "text",
        "Công đoàn cơ sở",
        "đơn vị",
        "cđcs",
        "tên công đoàn cơ sở",
        "unit",
        "grassroots union",
        "tên đơn vị",
        required=True,
    ),
    C(
        "parent_unit",
        "text",
        "Công đoàn cấp trên trực tiếp cơ sở",
        "công đoàn cấp trên",
        "cđ cấp trên trực tiếp cơ sở",
        "cấp trên trực tiếp cơ sở",
        "đơn vị cấp trên",
        "parent unit",
        "upper level union",
    ),
    C(
        "federation",
        "text",
        "LĐLĐ tỉnh, thành phố / Công đoàn ngành",
        "LĐLĐ tỉnh/thành phố",
        "liên đoàn lao động tỉnh thành phố",
        "công đoàn ngành",
        "LĐLĐ tỉnh, thành phố, công đoàn ngành",
        "LĐLĐ tỉnh/thành phố, công đoàn ngành TW",
        "federation",
        "tỉnh thành phố",
    ),
    C("field", "text", "Lĩnh vực", "field", "lĩnh vực sáng kiến", "ngành nghề"),
    C(
        "submitted_on",
        "date",
        "Ngày cập nhật",
        "ngày nộp",
        "ngày gửi",
        "ngày đăng ký",
        "submitted on",
        "submitted",
        "date",
        required=True,
    ),
    C("applied_on", "date", "Ngày áp dụng", "applied on", "ngày đưa vào áp dụng"),
    C(
        "benefit_vnd",
        "money",
        "Giá trị làm lợi (đồng/năm)",
        "giá trị làm lợi",
        "giá trị làm lợi đồng",
        "giá trị làm lợi (đồng)",
        "làm lợi",
        "benefit",
        "benefit vnd",
        "giá trị làm lợi ước tính",
    ),
    C("status", "text", "Trạng thái", "tình trạng", "status", "kết quả thẩm định"),
)

_kind(
    "units",
    "Đơn vị và chỉ tiêu",
    "Cây đơn vị của liên đoàn và chỉ tiêu, số đăng ký của từng đơn vị.",
    C("unit", "text", "Tên đơn vị", "đơn vị", "unit", "tên công đoàn", required=True),
    C("parent", "text", "Đơn vị cấp trên", "cấp trên", "parent", "trực thuộc", "đơn vị quản lý"),
    C("level", "text", "Cấp", "cấp đơn vị", "level", "loại đơn vị"),
    C("commitment", "int", "Số đăng ký", "đăng ký", "số sáng kiến đăng ký", "commitment", "registered"),
    C("quota", "int", "Chỉ tiêu giao", "chỉ tiêu", "chỉ tiêu được giao", "quota", "target"),
    C("members", "int", "Số đoàn viên", "đoàn viên", "members", "tổng số đoàn viên"),
    C(
        "reported_initiatives",
        "int",
        "Tổng số sáng kiến (báo cáo)",
        "tổng số sáng kiến báo cáo",
        "reported initiatives",
    ),
    C("reported_participants", "int", "Số người tham gia (báo cáo)", "reported participants"),
    C("reported_benefit_vnd", "money", "Giá trị làm lợi (báo cáo)", "reported benefit"),
    C("as_of", "date", "Ngày số liệu", "tính đến ngày", "as of"),
)

_kind(
    "reported_totals",
    "Số liệu tổng hợp các đơn vị",
    "Số liệu công bố của các liên đoàn, công đoàn ngành (bảng tổng hợp toàn quốc).",
    C(
        "unit",
        "text",
        "Đơn vị",
        "tên đơn vị",
        "LĐLĐ tỉnh, thành phố, công đoàn ngành",
        "unit",
        "federation",
        "LĐLĐ tỉnh/thành phố, công đoàn ngành TW",
        required=True,
    ),
    C("level", "text", "Cấp", "loại", "level", "loại đơn vị"),
    C(
        "initiatives",
        "int",
        "Tổng số sáng kiến",
        "số sáng kiến",
        "số sáng kiến cập nhật",
        "số sáng kiến đã cập nhật",
        "đã cập nhật",
        "tổng số sáng kiến đã cập nhật",
        "số lượng sáng kiến",
        "initiatives",
        "sáng kiến cập nhật",
        required=True,
    ),
    C("participants", "int", "Số người tham gia", "người tham gia", "participants", "số tác giả"),
    C("benefit_vnd", "money", "Giá trị làm lợi (đồng)", "giá trị làm lợi", "benefit", "benefit vnd"),
    C("quota", "int", "Chỉ tiêu giao", "chỉ tiêu", "quota", "target"),
    C("commitment", "int", "Số đăng ký", "đăng ký", "số sáng kiến đăng ký", "commitment"),
    C("as_of", "date", "Ngày số liệu", "tính đến ngày", "as of", "ngày cập nhật"),
)

_kind(
    "contest_results",
    "Kết quả hội thi",
    "Một dòng là một thí sinh; không có giải là không đạt giải.",
    C("contest", "text", "Hội thi", "tên hội thi", "contest", "cuộc thi", required=True),
    C("year", "int", "Năm", "year", "năm tổ chức"),
    C("trade", "text", "Nghề", "nghề thi", "trade", "tên nghề", required=True),
    C(
        "contestant",
        "text",
        "Họ và tên",
        "họ tên",
        "thí sinh",
        "họ và tên thí sinh",
        "contestant",
        "name",
        required=True,
    ),
    C("unit", "text", "Đơn vị", "đơn vị công tác", "unit"),
    C("prize", "text", "Giải", "giải thưởng", "xếp giải", "đạt giải", "prize", "kết quả"),
    C("prize_vnd", "money", "Tiền thưởng (đồng)", "tiền thưởng", "số tiền", "prize vnd", "prize money"),
)

_kind(
    "awards",
    "Khen thưởng",
    "Một dòng là một tập thể hoặc cá nhân được khen.",
    C("body", "text", "Cấp khen thưởng", "cơ quan khen thưởng", "cấp khen", "body", "awarded by", required=True),
    C(
        "programme",
        "text",
        "Chương trình, đợt thi đua",
        "chương trình",
        "đợt thi đua",
        "programme",
        "program",
        "nội dung khen thưởng",
    ),
    C(
        "recipient",
        "text",
        "Tên tập thể, cá nhân",
        "tên tập thể/cá nhân",
        "tập thể, cá nhân",
        "người được khen",
        "recipient",
        "đối tượng được khen",
        required=True,
    ),
    C(
        "recipient_type",
        "text",
        "Loại đối tượng",
        "đối tượng",
        "loại",
        "recipient type",
        "hình thức đối tượng",
        required=True,
    ),
    C("unit", "text", "Đơn vị", "thuộc đơn vị", "unit"),
    C("decision", "text", "Số quyết định", "quyết định", "decision"),
    C("decided_on", "date", "Ngày quyết định", "ngày ký", "decided on"),
    C("amount_vnd", "money", "Tiền thưởng (đồng)", "tiền thưởng", "số tiền", "amount", "amount vnd"),
)

_kind(
    "works",
    "Công trình, phần việc",
    "Công trình, sản phẩm, phần việc đăng ký chào mừng Đại hội.",
    C(
        "name",
        "text",
        "Tên công trình, phần việc",
        "tên công trình",
        "công trình, phần việc",
        "tên công trình, sản phẩm, phần việc",
        "name",
        "work",
        required=True,
    ),
    C("level", "text", "Cấp đăng ký", "cấp", "level", required=True),
    C("unit", "text", "Đơn vị", "đơn vị đăng ký", "unit"),
    C("flagship", "bool", "Gắn biển", "công trình gắn biển", "flagship", "tiêu biểu"),
    C("value_vnd", "money", "Giá trị (đồng)", "giá trị", "giá trị công trình", "value", "value vnd"),
    C("completed_on", "date", "Ngày hoàn thành", "hoàn thành", "completed on"),
)

_kind(
    "opinions",
    "Ý kiến, kiến nghị",
    "Ý kiến, kiến nghị của công nhân lao động tại hội nghị đối thoại.",
    C("conference", "text", "Hội nghị", "tên hội nghị", "conference"),
    C("channel", "text", "Hình thức", "hình thức ý kiến", "kênh", "channel", required=True),
    C("topic", "text", "Nội dung", "chủ đề", "nội dung ý kiến", "topic"),
    C("unit", "text", "Đơn vị", "đơn vị kiến nghị", "unit"),
    C("answered", "bool", "Đã trả lời", "trả lời", "đã được trả lời", "answered"),
)

_kind(
    "campaigns",
    "Đợt thi đua",
    "Các đợt thi đua: tên, ngày bắt đầu, ngày kết thúc, số ngày công bố.",
    C("name", "text", "Tên đợt thi đua", "đợt thi đua", "tên", "campaign", "name", required=True),
    C("start", "date", "Ngày bắt đầu", "từ ngày", "bắt đầu", "start", required=True),
    C("end", "date", "Ngày kết thúc", "đến ngày", "kết thúc", "end", required=True),
    C("declared_days", "int", "Số ngày", "số ngày phát động", "thời gian (ngày)", "declared days", "days"),
)

_kind(
    "aliases",
    "Tên gọi khác của đơn vị",
    "Các cách viết khác của tên một đơn vị, quy về tên chuẩn (có thể kèm đơn vị cấp trên).",
    C("alias", "text", "Tên viết khác", "tên khác", "bí danh", "cách viết khác", "alias", required=True),
    C("unit", "text", "Tên chuẩn", "tên đơn vị chuẩn", "đơn vị chuẩn", "canonical", "canonical name", required=True),
    C("parent", "text", "Đơn vị cấp trên", "cấp trên", "parent"),
)

# The programme's period: submissions dated outside it are rejected with the reason (a setting).
PROGRAMME_START = "2021-09-01"
PROGRAMME_END = "2023-12-31"

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
