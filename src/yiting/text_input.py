"""Text hygiene: what people type or import, and what is shown of it, without the characters
that act on a terminal instead of being read.

C0 and C1 control characters (ESC starts the sequences that retitle, blank or hide a terminal)
and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: a U+202E
reverses what follows it) are removed. A tab becomes a space; a line break is kept where a
field holds several lines and becomes a space where it does not.

Part of the kernel: the desk and the roster import clean what enters with `clean`; the CLI and
the console pass what they show through `shown`, since an older database may hold such text.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# C0 except tab and newline, DEL, C1, the bidi embeddings/overrides and isolates.
_UNSEEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ANY_CONTROL = re.compile(  # what may not reach a terminal
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(value: object, *, multiline: bool = False) -> str:
    """`value` as text with no control characters and no bidi overrides.

    Tabs become spaces; line breaks (CR LF, CR, LF and the Unicode separators) become one
    newline when `multiline`, else a space. Surrounding blanks are left for the caller."""
    text = "" if value is None else str(value)
    if not ANY_CONTROL.search(text):
        return text  # the common case: nothing to do
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = _UNSEEN.sub("", text)
    return text if multiline else text.replace("\n", " ")


def shown(value: object) -> str:
    """Text to print or draw: as `clean`, keeping its lines (a printed Markdown page, a
    multi-line description)."""
    return clean(value, multiline=True)
