"""The rule registry: every rule duizhao knows, by stable id, in documentation order.

Add a rule by writing a small class in the module of its family and listing it here; the
CLI's ``rules`` command, the README table and SARIF metadata are all generated from this.
"""

from __future__ import annotations

from .alignment import AlignmentUncertain
from .base import CorpusRule, PairContext, PairRule, Rule
from .basic import EmptyTarget, LeftoverCjk
from .brackets import BracketUnbalanced, QuoteUnbalanced, TitleUnmarked
from .codes import CodeMissing
from .consistency import SegmentInconsistent, TargetInconsistent
from .length import LengthOutlier
from .numbers import NumberAddedOrdinal, NumberApprox, NumberListDropped, NumberMismatch
from .omission import OmissionSuspected
from .patterns import PatternViolated
from .spelling import Spelling, SpellingVariantMixed
from .suppressions import SuppressionUnjustified, SuppressionUnknownRule
from .tags import TagMismatch, TargetUntranslated
from .terms import TermCount, TermForbidden, TermInconsistent, TermMissing, TermUnknown
from .typography import (
    DoubleSpace,
    EdgeWhitespace,
    FinalPunctuation,
    FullwidthInEnglish,
    LowercaseStart,
    RepeatedWord,
    SpaceBeforePunctuation,
)
from .untranslated import PinyinUntranslated, Untranslated

RULE_CLASSES: tuple[type[Rule], ...] = (
    TermMissing,
    TermForbidden,
    TermCount,
    TermUnknown,
    EmptyTarget,
    LeftoverCjk,
    NumberMismatch,
    NumberApprox,
    NumberAddedOrdinal,
    NumberListDropped,
    FullwidthInEnglish,
    CodeMissing,
    BracketUnbalanced,
    QuoteUnbalanced,
    TitleUnmarked,
    DoubleSpace,
    EdgeWhitespace,
    SpaceBeforePunctuation,
    RepeatedWord,
    FinalPunctuation,
    LowercaseStart,
    TargetUntranslated,
    TagMismatch,
    Untranslated,
    PinyinUntranslated,
    Spelling,
    SegmentInconsistent,
    TermInconsistent,
    TargetInconsistent,
    LengthOutlier,
    OmissionSuspected,
    SpellingVariantMixed,
    PatternViolated,
    SuppressionUnjustified,
    SuppressionUnknownRule,
    AlignmentUncertain,
)

RULES: dict[str, type[Rule]] = {cls.id: cls for cls in RULE_CLASSES}

__all__ = ["RULES", "RULE_CLASSES", "CorpusRule", "PairContext", "PairRule", "Rule"]
