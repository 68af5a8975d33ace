"""model: records travel between processes without any process-wide pickling registration."""

from __future__ import annotations

import copyreg
import pickle
from types import MappingProxyType

import duizhao.engine  # noqa: F401  (importing the engine must not register anything either)
from duizhao.model import EMPTY_MAPPING, DocumentInfo, Finding, Location, Segment, Severity


def test_no_pickling_registration_for_mapping_proxies():
    assert MappingProxyType not in copyreg.dispatch_table
    try:
        pickle.dumps(MappingProxyType({"a": "b"}))
    except TypeError:
        pass  # as in a plain interpreter: the records below carry their own way
    else:  # pragma: no cover
        raise AssertionError("something taught pickle about mapping proxies process-wide")


def test_records_with_read_only_mappings_round_trip_and_stay_read_only():
    doc = DocumentInfo("d1", "a.yaml", source=MappingProxyType({"url": "http://x"}))
    first = Segment("s1", "中文", "English", doc, 3, ignore=MappingProxyType({"empty-target": "why"}))
    second = Segment("s2", "中", "E", doc, props=MappingProxyType({"confidence": "0.9"}))
    finding = Finding("term-missing", Severity.ERROR, "m", Location("a.yaml", 3, "s1"),
                      data=MappingProxyType({"term": "中文"}))
    plain = Finding("term-missing", Severity.ERROR, "m", Location("a.yaml", 3, "s1"), data={"term": "中文"})
    back = pickle.loads(pickle.dumps([first, second, finding, plain]))
    assert back == [first, second, finding, plain]
    assert back[0].doc is back[1].doc  # a shared document stays shared
    for mapping in (back[0].doc.source, back[0].ignore, back[1].props, back[2].data):
        assert type(mapping) is MappingProxyType
    assert back[1].ignore is EMPTY_MAPPING
    assert type(back[3].data) is dict  # a plain mapping stays what it was
