"""Duplicate detection: exact body hash and MinHash over word shingles, with LSH buckets kept in SQL.

datasketch computes the signatures; the band buckets live in the `lsh_bands` table so that a new
process checks an article against the whole archive by index look-ups, without loading or scanning it.

Two signatures per text:
- the whole text (128 permutations, 32 bands of 2 rows): syndicated copies, whatever was added or cut;
- its opening (the first OPENING_WORDS words, 32 permutations, 8 bands of 2 rows): a teaser (lead and a
  sentence or two) shares almost all of its shingles with the full article's opening, while against the
  whole article its Jaccard is ~0.1, which banding would miss and the estimate would blur.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from newsmon.core.text import fold, words

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
SHINGLE_SIZE = 5
# 32 bands of 2 rows over the first 64 permutations: a pair with Jaccard 0.33 (containment 0.5 between
# copies of similar length) is a candidate with probability ~0.97, one with Jaccard 0.5 with ~0.9999.
# Unrelated news shares almost no 5-word shingles (Jaccard < 0.01), so it rarely shares a bucket.
BANDS = 32
ROWS = 2
OPENING_WORDS = 40
OPENING_PERM = 32
OPENING_BANDS = 8  # band numbers BANDS .. BANDS+OPENING_BANDS-1 in lsh_bands
# Texts this short (in shingles) are compared by their openings too: their whole-text estimate against a
# long article rests on a dozen matching permutations and is too noisy to trust alone.
SHORT_SHINGLES = 2 * OPENING_WORDS
# A candidate is a near-duplicate when the estimated containment of the smaller text in the larger reaches
# this: the corpus calls copies with 5-word shingle containment >= 0.5 syndicated copies, and rewritten
# press releases (0.12-0.5) overlap with independent reports that quote the same officials.
NEAR_CONTAINMENT = 0.5
_SEED = 7
_OPENING_SEED = 11
_FORMAT = b"N2"  # signature blob: marker, shingle counts, uint32 hash values (datasketch's are < 2**32)


@dataclass(slots=True)
class Fingerprint:
    """What dedup needs of a text: its exact hash, MinHash values and shingle counts."""

    content_hash: str
    hashvalues: np.ndarray
    shingles: int
    opening: np.ndarray | None = None
    opening_shingles: int = 0

    def to_bytes(self) -> bytes:
        opening = self.opening if self.opening is not None else np.zeros(OPENING_PERM, dtype=np.uint64)
        counts = np.array([self.shingles, self.opening_shingles], dtype=np.uint32).tobytes()
        return _FORMAT + counts + self.hashvalues.astype(np.uint32).tobytes() + opening.astype(np.uint32).tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, content_hash: str = "") -> Fingerprint:
        if not blob.startswith(_FORMAT):  # first format: uint32 count + 128 uint64 values, no opening
            shingles = int(np.frombuffer(blob[:4], dtype=np.uint32)[0])
            return cls(content_hash, np.frombuffer(blob[4:], dtype=np.uint64), shingles)
        shingles, opening_shingles = (int(v) for v in np.frombuffer(blob[2:10], dtype=np.uint32))
        values = np.frombuffer(blob[10:], dtype=np.uint32).astype(np.uint64)
        return cls(content_hash, values[:NUM_PERM], shingles, values[NUM_PERM:], opening_shingles)

    def buckets(self) -> list[tuple[int, int]]:
        """(band, bucket) pairs for the LSH table; empty for texts too short to shingle."""
        if self.shingles == 0:
            return []
        out = _bands(self.hashvalues, 0, BANDS)
        if self.opening is not None and self.opening_shingles:
            out += _bands(self.opening, BANDS, OPENING_BANDS)
        return out

    def jaccard(self, other: Fingerprint) -> float:
        if self.shingles == 0 or other.shingles == 0:
            return 0.0
        return _jaccard(self.hashvalues, other.hashvalues)

    def containment(self, other: Fingerprint) -> float:
        """Estimated share of the smaller text's shingles found in the other text.

        For a short text the openings are compared as well and the higher estimate is kept: a teaser is
        contained in the full article's opening, which its own opening covers almost entirely.
        """
        whole = _containment(self.jaccard(other), self.shingles, other.shingles)
        if min(self.shingles, other.shingles) > SHORT_SHINGLES or self.opening is None or other.opening is None:
            return whole
        if not self.opening_shingles or not other.opening_shingles:
            return whole
        j = _jaccard(self.opening, other.opening)
        return max(whole, _containment(j, self.opening_shingles, other.opening_shingles))


def _bands(values: np.ndarray, first: int, count: int) -> list[tuple[int, int]]:
    out = []
    for i in range(count):
        chunk = values[i * ROWS : (i + 1) * ROWS].astype(np.uint64).tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"newsmon-lsh").digest()
        out.append((first + i, int.from_bytes(digest, "little", signed=True)))
    return out


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def _containment(j: float, a: int, b: int) -> float:
    """Containment of the smaller set from the Jaccard estimate and both sizes: |A∩B| = J|A∪B|."""
    if j == 0.0 or not a or not b:
        return 0.0
    union = (a + b) / (1.0 + j)
    return min(1.0, j * union / min(a, b))


_NUMBER = re.compile(r"\d")


def comparison_words(text: str) -> list[str]:
    """Words compared by dedup: folded, so that quote, dash and diacritic variants do not matter."""
    return words(fold(text))


def _shingle_set(tokens: list[str]) -> list[bytes]:
    return list({" ".join(tokens[i : i + SHINGLE_SIZE]).encode() for i in range(len(tokens) - SHINGLE_SIZE + 1)})


@cache
def _minhash_class() -> type[MinHash]:
    # Late import: the datasketch package imports scipy (~1 s, 40 MB) for its LSH tuning, which newsmon
    # does not use; only a process that fingerprints a text pays for it, not `search` or an idle crawl.
    from datasketch import MinHash

    return MinHash


@cache
def _template(num_perm: int, seed: int) -> MinHash:
    return _minhash_class()(num_perm=num_perm, seed=seed)


def _minhash(shingles: list[bytes], num_perm: int, seed: int) -> np.ndarray:
    # Reuse the permutations: datasketch would draw them again for every MinHash object.
    mh = _minhash_class()(num_perm=num_perm, seed=seed, permutations=_template(num_perm, seed).permutations)
    mh.update_batch(shingles)
    return mh.hashvalues.astype(np.uint64)


def fingerprint(text: str, exact_text: str | None = None) -> Fingerprint:
    """Signatures of `text`; the exact hash is of `exact_text` when given (the body, as stored before)."""
    tokens = comparison_words(text)
    exact = tokens if exact_text is None else comparison_words(exact_text)
    content_hash = hashlib.sha256(" ".join(exact).encode()).hexdigest()
    if len(tokens) < SHINGLE_SIZE:  # too short to shingle: only the exact hash can match it
        return Fingerprint(content_hash, np.zeros(NUM_PERM, dtype=np.uint64), 0)
    shingles = _shingle_set(tokens)
    opening = _shingle_set(tokens[:OPENING_WORDS])
    return Fingerprint(
        content_hash,
        _minhash(shingles, NUM_PERM, _SEED),
        len(shingles),
        _minhash(opening, OPENING_PERM, _OPENING_SEED),
        len(opening),
    )


def anchors(text: str) -> set[str]:
    """Language-neutral tokens of a text: numbers (two digits or more) and acronyms, folded.

    A translation keeps these ("2023", "1022", "asocio", "0,7709" -> "7709"), so two texts in different
    languages about one event share many of them, where their shingles share none. Capitalised words
    are left out: sentence starts and translated names ("TPHCM" / "Ho Chi Minh City") make them noise.
    """
    out: set[str] = set()
    for token in re.findall(r"\w+", text):
        if _NUMBER.search(token):
            if sum(ch.isdigit() for ch in token) >= 2:
                out.add(fold(token))
        elif len(token) >= 3 and token.isupper():
            out.add(fold(token))
    return out
