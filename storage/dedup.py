"""Duplicate detection: exact body hash and MinHash over word shingles, with LSH buckets kept in SQL.

datasketch computes the signatures; the band buckets live in the `lsh_bands` table so that a new
process checks an article against the whole archive by index look-ups, without loading or scanning it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from newsmon.text import fold, words

NUM_PERM = 128
SHINGLE_SIZE = 5
# 32 bands of 2 rows over the first 64 permutations: a pair with Jaccard 0.33 (containment ~0.5 for
# copies of similar length) becomes a candidate with probability ~0.97; unrelated texts share no shingles.
BANDS = 32
ROWS = 2
# A candidate is a near-duplicate when the estimated containment of the smaller text in the larger reaches
# this: the corpus calls copies with 5-word shingle containment >= 0.5 syndicated copies.
NEAR_CONTAINMENT = 0.5
_SEED = 7


@dataclass(slots=True)
class Fingerprint:
    """What dedup needs of a text: its exact hash, MinHash values and shingle count."""

    content_hash: str
    hashvalues: np.ndarray
    shingles: int

    def to_bytes(self) -> bytes:
        return np.uint32(self.shingles).tobytes() + self.hashvalues.astype(np.uint64).tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, content_hash: str = "") -> Fingerprint:
        shingles = int(np.frombuffer(blob[:4], dtype=np.uint32)[0])
        return cls(content_hash, np.frombuffer(blob[4:], dtype=np.uint64), shingles)

    def buckets(self) -> list[tuple[int, int]]:
        """(band, bucket) pairs for the LSH table; empty for texts too short to shingle."""
        if self.shingles == 0:
            return []
        out = []
        for band in range(BANDS):
            chunk = self.hashvalues[band * ROWS : (band + 1) * ROWS].astype(np.uint64).tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8, person=b"newsmon-lsh").digest()
            out.append((band, int.from_bytes(digest, "little", signed=True)))
        return out

    def jaccard(self, other: Fingerprint) -> float:
        if self.shingles == 0 or other.shingles == 0:
            return 0.0
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)

    def containment(self, other: Fingerprint) -> float:
        """Estimated share of the smaller text's shingles found in the other text."""
        j = self.jaccard(other)
        if j == 0.0:
            return 0.0
        union = (self.shingles + other.shingles) / (1.0 + j)
        return min(1.0, j * union / min(self.shingles, other.shingles))


def comparison_words(text: str) -> list[str]:
    """Words compared by dedup: folded, so that quote, dash and diacritic variants do not matter."""
    return words(fold(text))


def fingerprint(text: str) -> Fingerprint:
    tokens = comparison_words(text)
    content_hash = hashlib.sha256(" ".join(tokens).encode()).hexdigest()
    if len(tokens) < SHINGLE_SIZE:
        return Fingerprint(content_hash, np.zeros(NUM_PERM, dtype=np.uint64), 0)
    shingles = {" ".join(tokens[i : i + SHINGLE_SIZE]).encode() for i in range(len(tokens) - SHINGLE_SIZE + 1)}
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED)
    mh.update_batch(list(shingles))
    return Fingerprint(content_hash, mh.hashvalues.astype(np.uint64), len(shingles))
