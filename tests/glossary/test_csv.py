"""CSV glossary interchange (memoQ / MultiTerm layout): round trip, header aliases, errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.errors import FormatError
from duizhao.formats.glossary_csv import COLUMNS, read_csv, write_csv
from duizhao.model import Term


def _fields(t: Term) -> tuple:
    return (t.zh, t.en, t.variants, t.forbidden, t.note, t.source, t.status, t.domain, t.case_sensitive,
            t.forbidden_everywhere)


def test_round_trip_of_the_fixture(policy, tmp_path):
    path = tmp_path / "g.csv"
    assert write_csv(policy.terms, path) == len(policy.terms)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode()) and b"\r\n" in raw
    assert [_fields(t) for t in read_csv(path)] == [_fields(t) for t in policy.terms]


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|"),
                min_size=1, max_size=20).map(str.strip).filter(bool)
_TERMS = st.builds(
    Term, zh=_TEXT, en=_TEXT,
    variants=st.lists(_TEXT, max_size=3, unique=True).map(tuple),
    forbidden=st.lists(_TEXT, max_size=2, unique=True).map(tuple),
    note=st.one_of(st.just(""), _TEXT), status=st.sampled_from(["approved", "proposed", "deprecated"]),
    case_sensitive=st.booleans(),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(_TERMS, min_size=1, max_size=5))
def test_round_trip_property(tmp_path, terms):
    path = tmp_path / "p.csv"
    write_csv(terms, path)
    assert [_fields(t) for t in read_csv(path)] == [_fields(t) for t in terms]


def test_reads_semicolon_csv_with_other_headers(tmp_path):
    path = tmp_path / "memoq.csv"
    path.write_text("Chinese;English;Note\n乡村振兴;rural revitalization;from the report\n", encoding="utf-8")
    (term,) = read_csv(path)
    assert (term.zh, term.en, term.note, term.line) == ("乡村振兴", "rural revitalization", "from the report", 2)


@pytest.mark.parametrize(("text", "line"), [
    ("Source,Target\nx,y\n", 1),
    ("Chinese_PRC,English\n乡村振兴,\n", 2),
    ("Chinese_PRC,English,Status\n乡村振兴,x,maybe\n", 2),
])
def test_bad_rows_name_their_line(tmp_path, text, line):
    path = tmp_path / "bad.csv"
    path.write_text(text.replace("Source,Target", "Quelle,Ziel"), encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_csv(path)
    assert info.value.line == line


def test_separator_inside_a_variant_is_refused(tmp_path):
    with pytest.raises(FormatError, match="separator"):
        write_csv([Term("甲", "a", variants=("b|c",))], tmp_path / "x.csv")
