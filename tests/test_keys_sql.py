"""The SQL keys equal the Python ones for every input: the demo's and the tests' names, the old
store's, hard cases, every character in the contexts that matter, and random text; aliases
applied in SQL as the Python ``alias_map`` / ``resolve`` apply them."""

import ast
import tarfile
import unicodedata

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sangkien.db import quote_ident
from sangkien.demo import common as demo_common
from sangkien.demo import names as demo_names
from sangkien.demo.units import make_units
from sangkien.ingest import schema
from sangkien.ingest.keys_sql import create_macros, header_key_sql, keys_for, unit_key_sql, with_keys
from sangkien.ingest.names import alias_map, apply_aliases, resolve
from sangkien.ingest.normalize import _TONE_PAIRS, header_key, unit_key

from .conftest import ROOT

X = quote_ident("x")


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    yield con
    con.close()


def sql_keys(con, texts, key_sql=unit_key_sql) -> dict:
    rows = con.execute(f"select x, {key_sql(X)} from unnest($t::varchar[]) as u(x)", {"t": list(texts)}).fetchall()
    return dict(rows)


def assert_same(con, texts, key_sql=unit_key_sql, key=unit_key):
    texts = list(dict.fromkeys(texts))
    got = sql_keys(con, texts, key_sql)
    wrong = {t: (got[t], key(t)) for t in texts if got[t] != key(t)}
    assert wrong == {}, "text: (SQL, Python)"


def strings(value) -> list[str]:
    """Every string inside a module's constants (lists, tuples, dicts, sets)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return strings(list(value.keys())) + strings(list(value.values()))
    if isinstance(value, list | tuple | set | frozenset):
        return [s for v in value for s in strings(v)]
    return []


def spellings(name: str) -> list[str]:
    """A name as federation reports write it too: abbreviated, upper case, old tone marks, NFD."""
    short = name
    for full, abbr in [
        ("Công đoàn cơ sở", "CĐCS"),
        ("Liên đoàn Lao động", "LĐLĐ"),
        ("Công đoàn", "CĐ"),
        ("thành phố", "TP."),
        ("thị xã", "TX"),
        ("quận ", "Q."),
        ("huyện ", "H."),
    ]:
        short = short.replace(full, abbr)
    old = name
    for o, n in _TONE_PAIRS.items():
        old = old.replace(n, o)
    return [name, short, name.upper(), short.upper(), old, unicodedata.normalize("NFD", old), f" {short}  ({old}) "]


@pytest.fixture(scope="module")
def demo_names_all() -> list[str]:
    units, uppers = make_units(np.random.default_rng(2023))
    found = strings([vars(demo_names)[k] for k in dir(demo_names) if k.isupper()])
    found += strings([vars(demo_common)[k] for k in dir(demo_common) if k.isupper()])
    found += units["unit"].tolist() + units["parent"].tolist() + uppers
    found += [f"LĐLĐ thành phố {c}" for c in demo_names.CITIES] + [f"LĐLĐ tỉnh {p}" for p in demo_names.PROVINCES]
    return list(dict.fromkeys(found))


def test_every_demo_name_in_every_spelling(con, demo_names_all):
    assert len(demo_names_all) > 1000
    assert_same(con, [s for name in demo_names_all for s in spellings(name)])


def test_every_text_of_the_names_tests(con):
    tree = ast.parse((ROOT / "tests" / "test_names.py").read_text(encoding="utf-8"))
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    cells = [cell for t in texts for line in t.splitlines() for cell in line.split(";")]
    assert_same(con, texts + cells + [unicodedata.normalize("NFD", t) for t in texts])


def test_every_name_of_the_old_store(con, tmp_path):
    with tarfile.open(ROOT / "tests" / "fixtures" / "store_176d061.tar.gz") as tar:
        tar.extractall(tmp_path, filter="data")
    names = []
    for path in sorted((tmp_path / "store_176d061" / "versions").glob("*.duckdb")):
        old = duckdb.connect(str(path), read_only=True)
        for table, columns in schema.UNIT_KEY_COLUMNS.items():
            have = {
                r[0]
                for r in old.execute(
                    "select column_name from duckdb_columns() where table_name = $t", {"t": table}
                ).fetchall()
            }
            for col in set(columns) & have:
                names += [
                    r[0]
                    for r in old.execute(f"select distinct {quote_ident(col)} from {quote_ident(table)}").fetchall()
                ]
        old.close()
    assert len(names) > 5
    assert_same(con, [s for n in names if n for s in spellings(n)] + names)


# fmt: off
HARD = [
    # tone marks, old and new, at word ends and inside words, after q
    "hoà", "hòa", "Hoà Bình", "HOÀ", "thuỷ", "thủy", "Thuỷ Lợi", "quý", "Quý", "QUÝ", "quỳ", "qoà", "quoà", "khoẻ",
    "hoàng", "đoàn", "thuỷen", "hoà.", "hoà-", "hoà_", "hoà1", "hoàa", "hoà hoà hoà", "hoà,hoà", "oà", "uỷ", "xoà oà",
    "Trường THCS Quý Thuỷ", "Thanh Hoá", "Thanh Hóa", "hoá học", "Khoa học", "tuỵ", "Tuỵ", "lòe loẹt", "toé",
    # abbreviations, side by side and with dots
    "LĐLĐ TP Thanh Hoá", "LĐLĐ Tp. Thanh Hóa", "LĐLĐ TP. Hà Nội", "CĐCS", "CĐCS Công ty May 10", "CĐ ngành Y tế",
    "CĐCS CĐ", "cđcs cđcs cđcs", "CĐ CĐ CĐ", "CĐ,CĐ", "lđlđ lđlđ", "LĐLĐ Q.1", "Q.1", "Q. 1", "q.q.1", "Q.Q.",
    "H.Đông Anh", "H. Đông Anh", "LĐLĐ H.Đông Anh", "huyện H.", "TX.", "TX. Sơn Tây", "TX Sơn Tây", "tx.tx", "tp.tp",
    "tp.tp.", "tp..", "tp.q.", "tx.q.", "tp.h.x", "tp.x", "TP.HCM", "TP HCM", "tp,tp", "tptp", "tp_", "tp1", "Q",
    "Q 1", "quận Q.", "H", "h.", "hh.", "ạh.", "1h.", "_h.", "ΑΣ h.", "cđ.", "cđcs.", "CĐCS.Trường", "CĐ-CĐ",
    "CĐCS TP. Q.1", "LĐLĐ TX.Sơn Tây", "Tp.Thanh Hoá", "tx.hoà", "q.hoà", "xq.", "Ðoàn", "ÐOÀN ð", "LÐLÐ TP",
    # punctuation, quotes, dashes, spaces
    'CĐCS "Công ty A"', "CĐCS 'A'", "“A” ‘B’", "(A) [B], C; D: E", "A - B", "A – B", "A—B", "A -B", "A- B", "a - - b",
    " - x", "x - ", "-", " - ", "–", "a  b", "a\tb", "a\nb", "a\u00a0b", "a\u2003b", "a\u3000b", " a ",
    "\u00a0a\u00a0", "a..b", "a/b", "a&b", "A, B.", "a_b",
    # empty and whitespace
    "", " ", "  ", "\t", "\u00a0", "\n \t", "()", "“”", " - - ", None,
    # other scripts and Unicode corner cases
    "ΟΔΟΣ", "ΑΣ Σ", "ΑΣ'Σ", "ΑΣΣ", "Σ", "aΣ", "AΣ.", "A\u0301Σ", "İstanbul", "K Å Ω", "e\u0301", "Hoa\u0300",
    "a\u0323\u0302", "\u1100\u1161\u11a8", "가", "ﬁ", "ǅ", "A\u200bB", "a\x00b", "\U0001d400", "𝐀Σ", "١٢٣", "一二",
    # marks Unicode added after the data of Python 3.11 (14.0): characters Python does not know
    "a\U00010efd\u0301", "a\U00011f41\u0301", "a\u0301\U0001e4ec", "Ha\U0001e4ee\u0300 \x00\u0301",
]
# fmt: on


def test_hard_cases(con):
    assert_same(con, HARD)


def test_every_character_in_the_contexts_that_matter(con):
    """Each character alone, between two abbreviations, after a tone pair, around a final sigma:
    the classes come from Python's own data, and this checks they were taken right."""
    chars = [chr(c) for c in range(1, 0x3400) if not 0xD800 <= c <= 0xDFFF]
    chars += [chr(c) for c in range(0x3400, 0x110000, 97) if not 0xD800 <= c <= 0xDFFF]
    texts = [f"{c}|cđ{c}cđ|oà{c}|tp.{c}q.|{c}q.|A{c}Σ|AΣ{c}A|{c}Σ" for c in chars]
    assert_same(con, texts)
    assert_same(con, [f"a{c}b" for c in chars] + chars, header_key_sql, header_key)


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
# fmt: off
PIECES = (
    list(VIETNAMESE + TONED + VIETNAMESE.upper() + TONED.upper() + "0123456789")
    + list(_TONE_PAIRS) + list(_TONE_PAIRS.values()) + ["qu", "Qu", "QU", "o", "u", "y"]
    + ["CĐCS", "LĐLĐ", "CĐ", "cđ", "TP", "Tp.", "tp", "TX", "tx.", "Q.", "q.", "q", "H.", "h.", "h", "Ð", "ð"]
    + [".", ",", ";", ":", "-", " - ", "–", "—", '"', "'", "“", "”", "‘", "’", "(", ")", "[", "]", "/", "_", "&"]
    + [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u0300", "\u0301", "\u0323", "\u0309", "Σ", "İ"]
)
# fmt: on
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(exclude_categories=["Cs"])), max_size=16).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=40))
def test_random_text(con, texts):
    assert_same(con, texts)
    assert_same(con, texts, header_key_sql, header_key)


def test_headers(con):
    labels = [t for k in schema.KINDS.values() for c in k.columns for t in (c.name, c.label, c.label_en, *c.synonyms)]
    assert_same(
        con, labels + ["Giá trị làm lợi (đồng/năm)", None, "", "  ", "ĐƠN VỊ", "K Å ǅ İ ﬁ"], header_key_sql, header_key
    )


def test_macros(con):
    create_macros(con)
    assert con.execute("select unit_key('LĐLĐ TP Thanh Hoá'), header_key('Đơn vị')").fetchone() == (
        "liên đoàn lao động thành phố thanh hóa",
        "don vi",
    )


# --- aliases --------------------------------------------------------------------------------------

ALIAS_ROWS = [
    ("LĐLĐ Hoang Mai", "LĐLĐ quận Hoàng Mai", None),
    ("CĐCS Cty A", "CĐCS Công ty A", "LĐLĐ quận Hoàng Mai"),  # under a parent only
    ("CĐCS Cty A", "CĐCS Công ty A (cũ)", None),
    ("CĐCS Cty B", "CĐCS Công ty B sai", None),
    ("CĐCS Cty B", "CĐCS Công ty B", None),  # the later row wins
    ("CĐCS Công ty C", "CĐCS công ty  C", None),  # the same key: ignored
    ("LĐLĐ Q. Long Bien", "LĐLĐ quận Long Biên", "  "),  # a blank parent is no parent
    ("CĐCS Cty D", "CĐCS Công ty D", "LĐLĐ Hoang Mai"),  # its parent an alias itself
    (None, "X", None),
    ("Y", None, None),
]
ALIASES = pd.DataFrame(ALIAS_ROWS, columns=["alias", "unit", "parent"])
ROWS = [
    ("CĐCS Cty A", "LĐLĐ quận Hoàng Mai"),
    ("CĐCS Cty A", "LĐLĐ Q. Hoàng Mai"),
    ("CĐCS Cty A", "LĐLĐ Hoang Mai"),  # the parent resolves first, then the unit under it
    ("CĐCS Cty A", "LĐLĐ quận Long Biên"),
    ("CĐCS Cty A", None),
    ("CĐCS Cty B", "LĐLĐ quận Hoàng Mai"),
    ("CĐCS Cty D", "LĐLĐ quận Hoàng Mai"),
    ("CĐCS Cty D", "LĐLĐ Long Biên"),
    ("CĐCS Công ty C", None),
    ("LĐLĐ Hoang Mai", "LĐLĐ TP Hà Nội"),
    ("LĐLĐ Q. Long Bien", None),
    ("CĐCS Công ty E", "LĐLĐ quận Hoàng Mai"),
    ("  ", "LĐLĐ quận Hoàng Mai"),
    (None, "LĐLĐ quận Hoàng Mai"),
]


def version(aliases: list[tuple]) -> duckdb.DuckDBPyConnection:
    """A version being written: every kind's table, initiatives and units with ROWS, stale keys."""
    con = duckdb.connect()
    for kind in schema.KINDS:
        ddl = ", ".join(f"{quote_ident(c)} {t}" for c, t in schema.table_columns(kind))
        con.execute(f"create table {quote_ident(kind)} ({ddl})")
    for unit, parent in ROWS * 2:
        con.execute(
            "insert into initiatives (unit, parent_unit, federation, unit_key, parent_key) values ($u, $p, $f, 'stale', $k)",
            {"u": unit, "p": parent, "f": "LĐLĐ TP Hà Nội", "k": unit_key(parent)},
        )
        con.execute("insert into units (unit, parent) values ($u, $p)", {"u": unit, "p": parent})
    for a, u, p in aliases:
        con.execute("insert into aliases (alias, unit, parent) values ($a, $u, $p)", {"a": a, "u": u, "p": p})
    return con


def python_apply_aliases(con) -> int:
    """The former ``apply_aliases``, in pandas and Python per name: the reference."""
    aliases = alias_map(con.execute("select alias, unit, parent from aliases").df())
    changed = 0
    for table, columns in schema.UNIT_KEY_COLUMNS.items():
        if table == "aliases":
            continue
        for name_col, key_col in columns.items():
            parent_col = schema.PARENT_OF.get((table, name_col))
            cols = [name_col] + ([parent_col] if parent_col else [])
            names = con.execute(
                f"select distinct {', '.join(map(quote_ident, cols))}, {quote_ident(key_col)} as old_key"
                f" from {quote_ident(table)} where {quote_ident(name_col)} is not null"
            ).df()
            parents = names[parent_col] if parent_col else [None] * len(names)
            names["new_key"] = [resolve(n, p, aliases) for n, p in zip(names[name_col], parents, strict=True)]
            # (the former code compared with pandas' NaN here, and so counted blank names too)
            new = [k if isinstance(k, str) else None for k in names["new_key"]]
            changed += sum(unit_key(n) != k for n, k in zip(names[name_col], new, strict=True))
            names = names[names["new_key"] != names["old_key"]].drop(columns="old_key")
            if names.empty:
                continue
            con.register("name_keys", names)
            match = " and ".join(f"t.{quote_ident(c)} is not distinct from m.{quote_ident(c)}" for c in cols)
            con.execute(
                f"update {quote_ident(table)} as t set {quote_ident(key_col)} = m.new_key from name_keys as m"
                f" where {match}"
            )
            con.unregister("name_keys")
    return changed


def key_columns(con) -> list:
    out = []
    for table, columns in schema.UNIT_KEY_COLUMNS.items():
        cols = ", ".join(quote_ident(c) for c in [*columns, *columns.values()])
        out += con.execute(f"select {cols} from {quote_ident(table)} order by rowid").fetchall()
    return out


@pytest.mark.parametrize("aliases", [ALIAS_ROWS, []], ids=["aliases", "none"])
def test_apply_aliases_in_sql_as_in_python(aliases):
    mine, reference = version(aliases), version(aliases)
    expected = python_apply_aliases(reference)
    assert apply_aliases(mine) == expected
    assert key_columns(mine) == key_columns(reference)
    assert (expected > 0) == (len(aliases) > 0)
    assert apply_aliases(mine) == expected  # applying again changes no key, counts the same


def test_keys_for_and_with_keys_resolve_each_row_as_python():
    con = version(ALIAS_ROWS)
    aliases = alias_map(ALIASES)
    keyed = with_keys(
        "initiatives", {"unit": "k_unit", "parent_unit": "k_parent"}, {"unit": "parent_unit"}, aliases="aliases"
    )
    got = con.execute(f"select unit, parent_unit, k_unit, k_parent from ({keyed})").fetchall()
    assert sorted(got, key=repr) == sorted(
        [(u, p, resolve(u, p, aliases), resolve(p, None, aliases)) for u, p in ROWS * 2], key=repr
    )
    plain = con.execute(f"select name, parent, own_key, key from ({keys_for('initiatives', 'unit')})").fetchall()
    assert sorted(plain, key=repr) == sorted(
        {(u, None, unit_key(u), unit_key(u)) for u, _ in ROWS if u is not None}, key=repr
    )
