"""Vietnamese text as search compares it: folded to plain lower-case letters and digits.

Citizens type on phones without diacritics ("dang ky khai sinh"), with another tone mark, in
capitals, or in decomposed Unicode (NFD, as iPhones and Macs send it). Folding makes all of
these the same string as the correctly written "Đăng ký khai sinh", in Python, so that the
index and the query are compared the same way on PostgreSQL and on SQLite:

- NFC, then every letter to its base letter without marks, đ/Đ → d, lower case;
- everything that is not a letter or digit is a word break;
- the i/y spelling variants ("kí"/"ký", "lí"/"lý", "quy"/"qui") become one: a syllable whose
  only vowel is a final y after consonants ends in i ("ky" → "ki"), so both spellings match.
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

# The longest query taken; the rest is ignored (and the page says so).
MAX_QUERY_CHARS = 200
# The most words of a query that count.
MAX_QUERY_TERMS = 12

_Y_SYLLABLE = re.compile(r"\b([bcdghklmnpqrstvx]+|qu)y\b")
# A reference a citizen copies from paper: procedure code 1.001193, document number
# 15/2025/QĐ-UBND: letters and digits joined by dots, slashes or hyphens, with a digit.
_REFERENCE = re.compile(r"[0-9a-z]+(?:[./\-_][0-9a-z]+)+")


@lru_cache(maxsize=4096)
def fold_char(char):
    """The folded form of one character: "" for a combining mark, " " for a word break."""
    if char in "đĐ":
        return "d"
    base = "".join(
        c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
    ).lower()
    if not base:
        return ""
    return "".join(c if c.isalnum() else " " for c in base)


def _fold_aligned(text):
    """``text`` folded character by character, keeping word breaks as spaces, with for each
    folded character the index of the character of ``text`` it came from."""
    text = unicodedata.normalize("NFC", str(text))
    folded, origin = [], []
    for index, char in enumerate(text):
        for out in fold_char(char):
            folded.append(out)
            origin.append(index)
    # The i/y rule replaces one letter by one letter, so positions stay aligned.
    folded = _Y_SYLLABLE.sub(lambda m: m.group(1) + "i", "".join(folded))
    return text, folded, origin


def fold(text):
    """``text`` as the index stores it: folded words separated by single spaces."""
    if not text:
        return ""
    return " ".join(_fold_aligned(text)[1].split())


def padded(text):
    """Folded ``text`` with a space on each side, so that " word " finds whole words."""
    folded = fold(text)
    return f" {folded} " if folded else ""


def references(text):
    """The references in ``text`` (codes, document numbers), compacted to letters and digits:
    "15/2025/QĐ-UBND" → "152025qdubnd", "1.001193" → "1001193"."""
    folded = unicodedata.normalize("NFC", str(text or "")).lower().replace("đ", "d")
    folded = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    found = []
    for match in _REFERENCE.finditer(folded):
        value = re.sub(r"[^0-9a-z]", "", match.group())
        if any(c.isdigit() for c in value) and value not in found:
            found.append(value)
    return found


class Query:
    """A citizen's query, cleaned: the words to find (folded) and any reference typed."""

    def __init__(self, raw):
        raw = unicodedata.normalize("NFC", str(raw or ""))
        # Control characters and NULs never reach the database.
        raw = "".join(c for c in raw if c.isprintable() or c == " ")
        self.truncated = len(raw) > MAX_QUERY_CHARS
        self.raw = raw[:MAX_QUERY_CHARS].strip()
        words = fold(self.raw).split()
        self.terms = list(dict.fromkeys(words))[:MAX_QUERY_TERMS]
        self.references = references(self.raw)[:3]
        self.folded = " ".join(words[:MAX_QUERY_TERMS])

    def __bool__(self):
        return bool(self.terms)

    def with_terms(self, terms):
        """A copy of this query that looks for ``terms`` instead (a spelling correction)."""
        other = Query("")
        other.raw = " ".join(terms)
        other.terms = list(terms)
        other.references = []
        other.folded = " ".join(terms)
        return other


def highlight(text, terms, prefix_last=False, limit=None):
    """``text`` escaped, with the words that match ``terms`` in <mark>. With ``limit``, a
    window of about that many characters around the first match (or the start)."""
    if not text:
        return ""
    original, folded, origin = _fold_aligned(text)
    spans = []
    for position, term in enumerate(terms):
        is_prefix = prefix_last and position == len(terms) - 1
        pattern = rf"(?<![0-9a-z]){re.escape(term)}" + ("" if is_prefix else r"(?![0-9a-z])")
        for match in re.finditer(pattern, folded):
            end = match.end()
            if is_prefix:  # mark the whole word the prefix starts
                while end < len(folded) and folded[end].isalnum():
                    end += 1
            start_char = origin[match.start()]
            end_char = origin[end - 1] + 1
            spans.append((start_char, end_char))
    spans.sort()
    start, stop = 0, len(original)
    if limit and len(original) > limit:
        first = spans[0][0] if spans else 0
        start = max(0, first - limit // 4)
        # Start and end on word boundaries.
        if start:
            space = original.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        stop = min(len(original), start + limit)
        if stop < len(original):
            space = original.rfind(" ", start, stop)
            stop = space if space > start else stop
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= cursor or span_start >= stop:
            continue
        span_start = max(span_start, cursor)
        pieces.append(escape(original[cursor:span_start]))
        pieces.append(f"<mark>{escape(original[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(original[cursor:stop]))
    html = "".join(pieces)
    if start > 0:
        html = "… " + html
    if stop < len(original):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece of text above is escaped


def wording(text, folded_query):
    """The consecutive whole words of ``text`` that fold to ``folded_query``, as ``text``
    writes them ("Đăng ký khai sinh", "khai sinh" → "khai sinh"), or "" when it has none."""
    wanted = folded_query.split()
    if not text or not wanted:
        return ""
    original, folded, origin = _fold_aligned(text)
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", folded)]
    for first in range(len(words) - len(wanted) + 1):
        run = words[first : first + len(wanted)]
        if [word for word, _start, _end in run] == wanted:
            return original[origin[run[0][1]] : origin[run[-1][2] - 1] + 1]
    return ""
