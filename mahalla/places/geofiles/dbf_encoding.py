"""The text encoding of a Shapefile's DBF when the file does not declare it.

Thai government Shapefiles are very often TIS-620 / Windows-874 and Iranian ones Windows-1256,
written without a .cpg file and with a DBF language-driver byte of 0 (none) or 87 ("ANSI", i.e.
whatever code page the writer's Windows had). GDAL then reads them as ISO-8859-1 and every name
arrives as mojibake ("¤ÅÍ§àµÂ" for "คลองเตย"). Pure: no GDAL, no ORM.
"""

from __future__ import annotations

import codecs

UTF8 = "utf-8"
THAI = "cp874"
ARABIC = "cp1256"
LATIN1 = "latin1"
ENCODINGS = (UTF8, THAI, ARABIC, LATIN1)
# Language-driver ids that name no real code page: 0 is "none", 87 is "the writer's ANSI code page"
# (GDAL reads both as ISO-8859-1, which is wrong for every Thai or Persian file).
UNDECLARED_LDIDS = {0, 87}
LDID_OFFSET = 29  # byte of the DBF header holding the language-driver id

THAI_MIN_SCORE = 0.9
ARABIC_MIN_SCORE = 0.8

_THAI_CONSONANTS = range(0x0E01, 0x0E2F)
# Vowels and tone marks that sit on (or after) a consonant and can never start a syllable.
_THAI_FOLLOWERS = {0x0E30, 0x0E31, 0x0E32, 0x0E33, 0x0E45, *range(0x0E34, 0x0E3B),
                   *range(0x0E47, 0x0E4F)}  # fmt: skip
_THAI_LEADING_VOWELS = range(0x0E40, 0x0E45)  # เ แ โ ใ ไ: always followed by a consonant
# Obsolete letters, Pali marks and ornaments: rare in names, but what Persian letters become when
# Windows-1256 bytes are read as Windows-874 (ي -> ํ, ك -> ฿ ...).
_THAI_RARE = {0x0E03, 0x0E05, 0x0E26, 0x0E3A, 0x0E3F, 0x0E4D, 0x0E4E, 0x0E4F, 0x0E5A, 0x0E5B}
# Windows-1256 holds no Persian yeh (ی); Persian files carry the Arabic forms instead.
_PERSIAN_FORMS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def _glued_to_latin(text: str, position: int) -> bool:
    """A Latin letter right beside it: "São" read as Windows-1256 is "Sمo", not Persian."""
    neighbours = text[max(position - 1, 0) : position] + text[position + 1 : position + 2]
    return any(char.isascii() and char.isalpha() for char in neighbours)


def _thai_score(text: str) -> float:
    """Share of the non-ASCII characters that are Thai letters in a plausible position."""
    plausible = total = 0
    for position, char in enumerate(text):
        code = ord(char)
        if code < 0x80:
            continue
        total += 1
        if not 0x0E01 <= code <= 0x0E5B or code in _THAI_RARE or _glued_to_latin(text, position):
            continue
        before = ord(text[position - 1]) if position else 0
        after = ord(text[position + 1]) if position + 1 < len(text) else 0
        if code in _THAI_FOLLOWERS and not (
            before in _THAI_CONSONANTS or before in _THAI_FOLLOWERS
        ):
            continue
        if code in _THAI_LEADING_VOWELS and after not in _THAI_CONSONANTS:
            continue
        plausible += 1
    return plausible / total if total else 0.0


def _arabic_score(text: str) -> float:
    """Share of the non-ASCII characters that are Arabic-script letters (or ZWNJ)."""
    high = [position for position, char in enumerate(text) if ord(char) >= 0x80]
    letters = [
        position
        for position in high
        if _is_arabic_letter(text[position]) and not _glued_to_latin(text, position)
    ]
    return len(letters) / len(high) if high else 0.0


def _is_arabic_letter(char: str) -> bool:
    return "\u0621" <= char <= "\u064a" or "\u0671" <= char <= "\u06d3" or char == "\u200c"


def guess_dbf_encoding(samples: list[bytes]) -> str:
    """The encoding the DBF text of an undeclared Shapefile was most likely written in.

    `samples` are raw field names and string values. Valid UTF-8 wins (ASCII included); then
    Windows-874 if the bytes read as well-formed Thai (Thai bytes 0xA1–0xFB also decode as
    Windows-1256, so the Thai reading must look like Thai spelling, not just Thai letters); then
    Windows-1256 if they read as mostly Arabic-script letters; else ISO-8859-1, which is what
    GDAL would have used and loses nothing.
    """
    samples = [sample for sample in samples if sample]
    if all(_is_utf8(sample) for sample in samples):
        return UTF8
    raw = b"\n".join(samples)
    try:
        thai = _thai_score(raw.decode(THAI))
    except UnicodeDecodeError:  # bytes Windows-874 leaves undefined never occur in Thai text
        thai = 0.0
    arabic = _arabic_score(raw.decode(ARABIC))
    if thai >= THAI_MIN_SCORE and thai >= arabic:
        return THAI
    if arabic >= ARABIC_MIN_SCORE:
        return ARABIC
    return LATIN1


def _is_utf8(sample: bytes) -> bool:
    """Valid UTF-8, or UTF-8 text cut inside its last character (DBF field names and values
    are cut at their byte width). A lone cut-off byte proves nothing: "Café" ends in one."""
    try:
        sample.decode(UTF8)
    except UnicodeDecodeError:
        try:
            text, _consumed = codecs.utf_8_decode(sample, "strict", False)
        except UnicodeDecodeError:
            return False
        return not text.isascii()
    return True


def decode_dbf_text(raw: bytes, encoding: str) -> str:
    """Decode DBF bytes; Windows-1256 text gets the Persian ی and ک it could not store."""
    if encoding == UTF8:  # a character cut off at the end of a field name is dropped
        return codecs.utf_8_decode(raw, "replace", False)[0]
    text = raw.decode(encoding, "replace")
    return text.translate(_PERSIAN_FORMS) if encoding == ARABIC else text


def declares_encoding(cpg: bytes | None, dbf_header: bytes) -> bool:
    """Whether GDAL gets a real encoding from the .cpg file or the DBF language-driver id."""
    if cpg is not None and cpg.strip():
        return True
    ldid = dbf_header[LDID_OFFSET] if len(dbf_header) > LDID_OFFSET else 0
    return ldid not in UNDECLARED_LDIDS
