"""Text typed by students, made safe wherever it goes: a results file, a spreadsheet, a terminal.

Group names are typed by 13-year-olds and travel between computers, so they are treated as
hostile: control characters and bidirectional overrides are removed at every door (typing,
importing), a spreadsheet never sees a cell it would run as a formula (OWASP's CSV injection
guidance: a leading = + - @ tab or carriage return gets a leading apostrophe), and a terminal
never receives an escape sequence.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls, DEL, and the bidirectional embeddings/overrides/isolates that can make a name
# display as something else ("Trojan Source"); ZWJ (U+200D) stays: emoji sequences need it
_UNSAFE = re.compile("[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                     "\u200b\u2060\ufeff]")  # and zero-width spaces, which hide in names
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def clean(text: str) -> str:
    """One line of plain text: controls removed, runs of white space made one space."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(_UNSAFE.sub(" ", text).split())


def csv_cell(value: object) -> object:
    """A spreadsheet cell that can't be a formula. Numbers stay numbers; text is cleaned and, if
    it starts like a formula, gets a leading apostrophe (shown as text by Excel, LibreOffice and
    Google Sheets)."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = clean(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def terminal_safe(text: str) -> str:
    """Text to print: any control character shows as a visible escape, never acts."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)
