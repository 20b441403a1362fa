"""Text keys of the knowledge base: name normalisation, claim keywords, MinHash signatures and LSH bands."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)

NUM_PERM = 64
SHINGLE = 3
MIN_SHINGLES = 20  # shorter texts are matched by content hash only


def norm_name(name: str) -> str:
    """"Prabowo  Subianto," -> "prabowo subianto": NFKC, lower case, no punctuation, single spaces."""
    text = _PUNCT.sub(" ", unicodedata.normalize("NFKC", name).lower())
    return " ".join(text.split())[:255]


def name_tokens(norm: str) -> list[str]:
    """The parts of a normalised person name that may stand for the whole ("prabowo", "subianto")."""
    return [t for t in norm.split() if len(t) >= 3 and not t.isdigit()]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = resources.files("warta.data").joinpath("kb_stopwords.txt").read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def keywords(text: str) -> set[str]:
    """Content words of a statement (lower case, 4+ letters, no numbers, no stopwords)."""
    stop = stopwords()
    words = set()
    for w in _WORD.findall(text.lower()):
        if len(w) >= 4 and not any(c.isdigit() for c in w) and w not in stop:
            words.add(w[:-3] if w.endswith("nya") and len(w) > 6 else w)
    return words


def unit_key(unit: str | None, currency: str | None = None) -> str:
    base = norm_name(unit or "")
    return (f"{currency.upper()}:" if currency else "") + (base or "-")


# --- near-duplicates ------------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def lsh_params(threshold: float) -> tuple[int, int]:
    """(bands, rows) that minimise false positives + negatives at the threshold (datasketch's optimiser)."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, NUM_PERM, 0.5, 0.5)


def minhash(text: str) -> np.ndarray | None:
    """MinHash signature (uint32[NUM_PERM]) of the text's word 3-shingles, or None when the text is too short."""
    from datasketch import MinHash

    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower())
    shingles = {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=_permutations(), scheme="affine32")
    m.update_batch(list(shingles))
    return m.hashvalues.astype(np.uint32)


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32").permutations


def bands(signature: np.ndarray, threshold: float) -> list[int]:
    """The LSH band keys (signed 64-bit) of a signature."""
    b, r = lsh_params(threshold)
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(signature[i * r:(i + 1) * r].tobytes(), digest_size=8, person=b"band%04d" % i)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.uint32)
