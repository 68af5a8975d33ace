"""Small builders shared by tests: segments and corpus files without boilerplate."""

from __future__ import annotations

from pathlib import Path

import yaml

from duizhao.model import DocumentInfo, Segment

DOC = DocumentInfo(id="doc", file="doc.yaml")


def seg(zh: str, en: str, seg_id: str = "s1", line: int = 1, doc: DocumentInfo = DOC, **kw) -> Segment:
    return Segment(id=seg_id, zh=zh, en=en, doc=doc, line=line, **kw)


def write_corpus(path: Path, pairs: list[tuple[str, str]], doc_id: str = "doc", **extra) -> Path:
    """A corpus YAML file with segments s1, s2, ... for ``pairs``."""
    segments = [{"id": f"s{i}", "zh": zh, "en": en} for i, (zh, en) in enumerate(pairs, start=1)]
    for index, fields in extra.get("segment_fields", {}).items():
        segments[index].update(fields)
    path.write_text(
        yaml.safe_dump({"id": doc_id, "title": "t", "segments": segments}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


def write_glossary(path: Path, terms: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"terms": terms}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def observe(rule, state, ctx) -> None:
    """What the engine does for a corpus rule on one pair: record its observation, if any."""
    observation = rule.observation(ctx)
    if observation is not None:
        rule.record(state, observation, ctx.segment)
