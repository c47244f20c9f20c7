"""Bytes to clean text: decoding, binary detection and mojibake repair.

Only the encoding is repaired here; lines and paragraphs stay as they are, because the cleaning
stage reads the raw lines to find captions, credits and repeated paragraphs.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from tocsin.errors import BinaryInput, DecodeFailed, EmptyInput
from tocsin.model import Article

# Control bytes that never occur in text; tab, newlines, form feed and ESC are left out.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
_SNIFF_BYTES = 65_536
_MAX_CONTROL_SHARE = 0.05
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WESTERN = {"cp1252", "latin_1"}
# Undecodable sequences a UTF-8 file may hold (a damaged download, a pasted fragment) and still
# be read as UTF-8: at most two per valid multi-byte character, plus one per 500 bytes.
_BAD_UTF8_PER_GOOD = 2
_BAD_UTF8_PER_BYTES = 500
_REPLACEMENT = "\ufffd"
# Text ftfy leaves as it is: printable ASCII, tabs and LF, no "&" (HTML entities), no CR, no
# control or escape characters. Such text skips ftfy, and a plain-text run never imports it.
_NOTHING_TO_REPAIR = re.compile(r"[\t\n\x20-\x25\x27-\x7e]*")
# Letters, dashes, quotes, currency and other punctuation: what a high byte of Latin text is.
_LATIN_CATEGORIES = {"Lu", "Ll", "Pd", "Pi", "Pf", "Ps", "Pe", "Po", "Sc", "No", "So", "Sm", "Zs", "Sk"}

# Single-byte code pages of alphabets other than Latin, most common first (a tie goes to the first).
# Each with its alphabet and the languages written in it (names of charset_normalizer's tables).
_ALPHABET_CODEPAGES = (("cp1251", "CYRILLIC", ("Russian", "Ukrainian", "Bulgarian")),
                       ("koi8_r", "CYRILLIC", ("Russian",)), ("cp1253", "GREEK", ("Greek",)))
_WORD = re.compile(r"[^\W\d_]+")
_ALPHABET_SIGNS = {"Pd", "Pi", "Pf", "Ps", "Pe", "Po", "Zs", "Sc"}  # « » — „ “ … € beside the letters
_LETTER_WEIGHTS: dict[str, dict[str, float]] = {}

log = logging.getLogger(__name__)


def check_text_bytes(data: bytes, source: str) -> None:
    """Raise EmptyInput or BinaryInput unless `data` can be text."""
    if not data.strip():
        raise EmptyInput(f"{source}: input is empty")
    if data.startswith(_UTF16_BOMS):  # UTF-16 text is full of NUL bytes
        return
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in data:
        raise BinaryInput(f"{source}: binary data (NUL bytes), not text")
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInput(f"{source}: binary data (control characters), not text")


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode text bytes: declared encoding, then UTF-8 (BOM stripped), then detection."""
    check_text_bytes(data, source)
    for candidate in (encoding, "utf-8-sig"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    mostly = _mostly_utf8(data, source)
    if mostly is not None:
        return mostly
    if _isolated_cp1252(data):
        return data.decode("cp1252")
    alphabet = _one_alphabet(data)
    if alphabet is not None:
        return alphabet
    import charset_normalizer  # only for the rare file that is neither declared nor UTF-8

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeFailed(f"{source}: cannot decode as text in any known encoding")
    # Short Latin texts often score the same in several code pages; Windows-1252 is by far the
    # most common legacy encoding of news text, so it wins a tie.
    for match in matches:
        if (match.chaos, match.coherence) == (best.chaos, best.coherence) and _WESTERN & set(
            match.could_be_from_charset
        ):
            return str(match)
    return str(best)


def _isolated_cp1252(data: bytes) -> bool:
    """True when every byte above 0x7F stands alone among ASCII and is a letter or typographic
    sign in Windows-1252: how accented Latin text looks in a legacy code page.

    Detectors guess a short string such as "Zürich" as a double-byte Asian code page, because two
    bytes make one CJK character; text in those code pages has its high bytes in runs.
    """
    previous_high = False
    seen = False
    for byte in data:
        high = byte > 0x7F
        if high:
            if previous_high:
                return False
            try:
                char = bytes([byte]).decode("cp1252")
            except UnicodeDecodeError:
                return False
            if unicodedata.category(char) not in _LATIN_CATEGORIES:
                return False
            seen = True
        previous_high = high
    return seen


def _one_alphabet(data: bytes) -> str | None:
    """The text in the single-byte Cyrillic or Greek code page that reads it as words of one
    alphabet, capitalised as words are (no capital after a small letter), if there is one.

    A detector guesses a short string such as "Москва" in Windows-1251 as a double-byte Asian code
    page; read as Cyrillic or Greek it is a word, which a CJK reading of it never is. A reading in
    the wrong one of these code pages mostly comes out with capitals inside words or mixed
    alphabets; of readings that pass, one whose first word starts with a capital (as a headline or
    a sentence does) wins, then the one whose letters are the commonest in a language of that
    alphabet (charset_normalizer's letter frequency tables), then the code page listed first.
    """
    best, best_score = None, (False, -1.0)
    for codepage, script, languages in _ALPHABET_CODEPAGES:
        try:
            text = data.decode(codepage)
        except UnicodeDecodeError:
            continue
        words = _words_of(text, script)
        if words:
            score = (words[0][0].isupper(), _commonness("".join(words).lower(), languages))
            if score > best_score:
                best, best_score = text, score
    return best


def _words_of(text: str, script: str) -> list[str] | None:
    """The words of non-ASCII letters of text, if all are of `script`, no word mixes them with
    ASCII letters or has a capital after a small letter, and every other non-ASCII character is
    punctuation or a currency sign; else None."""
    found = []
    for word in _WORD.findall(text):
        foreign = [c for c in word if c > "\x7f"]
        if not foreign:
            continue
        if len(foreign) != len(word) or not all(unicodedata.name(c, "").startswith(script) for c in foreign):
            return None
        if any(a.islower() and b.isupper() for a, b in zip(word, word[1:])):
            return None
        found.append(word)
    for char in text:
        if char > "\x7f" and not char.isalpha() and unicodedata.category(char) not in _ALPHABET_SIGNS:
            return None
    return found or None


def _commonness(letters: str, languages: tuple[str, ...]) -> float:
    """How common `letters` are in the best-fitting of `languages`: the mean over letters of 1 for
    a language's commonest letter down towards 0 for its rarest listed one, 0 if unlisted."""
    best = 0.0
    for language in languages:
        weights = _letter_weights(language)
        best = max(best, sum(weights.get(c, 0.0) for c in letters) / len(letters))
    return best


def _letter_weights(language: str) -> dict[str, float]:
    if language not in _LETTER_WEIGHTS:
        try:
            from charset_normalizer.constant import FREQUENCIES
        except ImportError:  # without the tables, the first code page that reads the text wins
            FREQUENCIES = {}
        chars = FREQUENCIES.get(language, [])
        _LETTER_WEIGHTS[language] = {c: 1 - rank / len(chars) for rank, c in enumerate(chars)}
    return _LETTER_WEIGHTS[language]


def _mostly_utf8(data: bytes, source: str) -> str | None:
    """The text with U+FFFD for a few bad bytes, if the rest is UTF-8; else None.

    A legacy code page almost never forms valid UTF-8 multi-byte sequences by accident, so a file
    that has them and only a few undecodable bytes is UTF-8 with damage, not a code page to guess.
    """
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if multibyte < 1 or bad > _BAD_UTF8_PER_GOOD * multibyte + len(data) // _BAD_UTF8_PER_BYTES:
        return None
    log.warning("%s: %d invalid UTF-8 byte sequence(s) replaced by U+FFFD; the rest is read as UTF-8", source, bad)
    return text


def repair(text: str) -> str:
    """Fix mojibake and normalise line breaks to LF; curly quotes are kept (they mark quotes)."""
    if _NOTHING_TO_REPAIR.fullmatch(text):
        return text
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False)


def to_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode and repair; raise EmptyInput when nothing but whitespace is left."""
    text = repair(decode(data, source, encoding))
    if not text.strip():
        raise EmptyInput(f"{source}: input is empty")
    return text


def text_article(
    data: bytes, *, id: str, source: str, encoding: str | None = None, url: str | None = None
) -> Article:
    return Article(id=id, text=to_text(data, source, encoding), url=url, source=source)
