"""The aligner's length model in plain Python: what English length a Chinese sentence predicts.

The aligner (``align``) prices beads with it and the length and omission rules compare each
pair with it. It needs ``math`` alone, so a rule that asks how far a pair's English length is
from the prediction does not load the aligner's numpy lattice: a one-pair check stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Smoothing, in English characters, of the log-ratio model: very short sentences ("表1",
# a heading) vary a lot in relative terms and should not dominate.
LOG_SMOOTH = 8.0


def estimate_variance(pairs: list[tuple[float, float]], model: str) -> float:
    """Robust (median-based) spread of expected vs actual English length over 1-1 beads."""
    if model == "gale-church":
        # delta^2 = (y - x)^2 / mean is chi-square(1) times the variance; its median is 0.455.
        values = sorted((y - x) ** 2 / max((x + y) / 2, 1.0) for x, y in pairs)
        return max(values[len(values) // 2] / 0.455, 0.5)
    logs = sorted(abs(math.log((y + LOG_SMOOTH) / (x + LOG_SMOOTH))) for x, y in pairs)
    sigma = logs[len(logs) // 2] / 0.6745  # median absolute deviation of a normal
    return max(sigma, 0.05) ** 2


def length_model(zh_lengths: Sequence[float], en_lengths: Sequence[float],
                 model: str = "lognormal", min_pairs: int = 10) -> tuple[float, float]:
    """``(ratio, variance)`` of English to Chinese length for 1-1 pairs, estimated as the aligner's
    second pass does: the ratio of the totals and the median-based spread (from ``min_pairs``
    pairs; fewer keep the aligner's starting spread). Lengths are ``char_length``s."""
    ratio = float(sum(en_lengths)) / max(float(sum(zh_lengths)), 1.0)
    if len(zh_lengths) < min_pairs:
        return ratio, 7.0 if model == "gale-church" else 0.25**2
    pairs = [(max(x, 1.0) * ratio, max(y, 1.0)) for x, y in zip(zh_lengths, en_lengths, strict=True)]
    return ratio, estimate_variance(pairs, model)


def length_deviation(zh_length: float, en_length: float, ratio: float, variance: float) -> float:
    """How many standard deviations of the log-normal length model the English length is from what
    the Chinese predicts: negative when shorter, positive when longer."""
    expected = max(zh_length, 1.0) * ratio
    return math.log((max(en_length, 1.0) + LOG_SMOOTH) / (expected + LOG_SMOOTH)) / math.sqrt(variance)
