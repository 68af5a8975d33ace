"""The glossary engine: load, match (Chinese and English side), lint and look up terms.

    from duizhao.glossary import load_glossary, TermMatcher
    glossary = load_glossary(Path("glossary"))
    matcher = TermMatcher(glossary)
    for hit in matcher.find_zh(pair.zh):
        matcher.find_en(pair.en, hit.term)   # approved / variant / forbidden renderings

Modules: ``load`` (YAML → ``Glossary``), ``zh`` (Aho–Corasick over script-normalised text),
``en`` (inflection- and hyphen-tolerant rendering patterns), ``matcher`` (the two together),
``lint`` (problems a reviewer should fix), ``lookup`` (find an entry by either language).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from ..model import Glossary, Term

if TYPE_CHECKING:
    from .en import EnHit
    from .load import glossary_hash, load_glossary
    from .matcher import TermMatcher
    from .zh import ZhHit

# loading (YAML) and matching (the automaton) load on first use, not with the rule list
__getattr__ = lazy_exports(__name__, globals(), {
    "EnHit": ".en", "glossary_hash": ".load", "load_glossary": ".load", "TermMatcher": ".matcher", "ZhHit": ".zh",
})

__all__ = ["EnHit", "Glossary", "Term", "TermMatcher", "ZhHit", "glossary_hash", "load_glossary"]
