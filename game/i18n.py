"""Every student- and teacher-visible word goes through the gettext catalogues in
game/locale/<lang>/LC_MESSAGES/redflags.mo; this module looks them up.

English is the source language (the msgids); French comes from the checked-in catalogue
game/locale/fr/LC_MESSAGES/redflags.po and its compiled .mo. A string missing from a catalogue
shows in English (identity fallback), and tests/ui/test_i18n.py fails when that happens.
Scenario text is not translated here: it carries its own languages (LocalText.get).

Two ways to ask:
- the screen's language: `_("Play")`, `ngettext("{n} group", "{n} groups", n)`,
  `pgettext("report", "Knowledge check")`, after `set_language(lang)`;
- any language, whatever the screen shows (a printed report, the facilitator guide, CSV headers):
  `gettext_in("fr", "Class report")`, `ngettext_in(lang, singular, plural, n)`, or the
  catalogue itself, `translator("fr").gettext(...)`.
Wording declared in a table is marked with N_/NC_/NN_ (game/translatable.py) and looked up in
either way later. Options (languages, regions, difficulty...) and their labels: game/engine/options.py.

A sentence with a count in it goes through ngettext, never `_()`, so it has a singular ("1 group",
and in French "0 groupe" too: `Plural-Forms: nplurals=2; plural=(n > 1);`). Times and dates are
written by `format_time` / `format_date` (game/dates.py). The catalogue files themselves (reading,
extracting, compiling without Babel) are game/catalogue.py: `python -m game.i18n update|compile`.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Callable
from typing import Any, Protocol

from .dates import format_date, format_datetime, format_time
from .engine.options import LANGS
from .shipped import shipped
from .translatable import N_, NC_, NN_, Msg

__all__ = ["DOMAIN", "LOCALE_DIR", "LANGS", "set_language", "language", "problem", "_", "ngettext",
           "pgettext", "translator", "gettext_in", "ngettext_in", "plural_index", "PLURAL_RULES",
           "attachment_name", "format_time", "format_date", "format_datetime", "Msg", "N_", "NC_",
           "NN_"]

DOMAIN = "redflags"
LOCALE_DIR = shipped("locale")


class Translation(Protocol):
    """What a catalogue answers (gettext's GNUTranslations and NullTranslations do)."""

    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...
    def pgettext(self, context: str, message: str) -> str: ...
    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str: ...


class _Source:
    """The source language's strings (the msgids) as they are: what gettext's NullTranslations
    gives, without importing gettext and searching for catalogues (~3 ms of a launch)."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


_translation: Translation = _Source()
_lang = "en"
_problem: str | None = None
_catalogues: dict[tuple[str, str], Translation] = {}  # (locale folder, language) -> catalogue


def _load(lang: str) -> Translation:
    """`lang`'s catalogue (raises when its file is damaged)."""
    if lang == "en" and not _has_catalogue_folder("en"):
        return _Source()  # English is the source language: no catalogue to read
    import gettext

    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def translator(lang: str | None = None) -> Translation:
    """The catalogue of `lang` (default: the screen's), whatever language the screen shows, for a
    document printed in another one. Unknown languages and damaged catalogues give English."""
    lang = lang or _lang
    lang = lang if lang in LANGS else "en"
    key = (str(LOCALE_DIR), lang)
    if key not in _catalogues:
        try:
            _catalogues[key] = _load(lang)
        except (OSError, ValueError, LookupError, UnicodeError, struct.error):
            _catalogues[key] = _Source()  # set_language says so on screen; a document prints English
    return _catalogues[key]


def set_language(lang: str) -> str:
    """Switch UI strings to `lang` (unknown languages fall back to English). Returns the language."""
    global _translation, _lang, _problem
    _lang = lang if lang in LANGS else "en"
    try:
        _translation = _load(_lang)
    except (OSError, ValueError, LookupError, UnicodeError, struct.error) as exc:
        # a damaged catalogue (a bad copy, a disk error) must not stop the game starting
        _translation, _lang = _Source(), "en"
        _problem = (f"The {lang} translation of Red Flags is damaged ({exc.__class__.__name__}), so "
                    "it shows in English. Reinstall Red Flags to repair it.")
        print(_problem, file=sys.stderr)
    return _lang


def problem() -> str | None:
    """Why the language asked for could not be used, if it couldn't (shown on screen)."""
    return _problem


def _has_catalogue_folder(lang: str) -> bool:
    """Whether the locale folder has anything gettext could read for `lang` (every folder it
    tries for 'en' starts so: en_US.ISO8859-1, en_US, en.ISO8859-1, en)."""
    try:
        return any(p.name.startswith(lang) for p in LOCALE_DIR.iterdir())
    except OSError:
        return False


def language() -> str:
    return _lang


def _(message: str) -> str:
    """The UI string `message` in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The UI string for a count of `n` in the current language: `singular` or `plural` in
    English, the catalogue's form for `n` in French (0 and 1 singular, `Plural-Forms` in the .po).
    Use it wherever a number goes into a sentence, never `_()`:
    `ngettext("{n} story", "{n} stories", n).format(n=n)`."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, as the catalogue translates it in `context` (the same
    English that needs other French in another place)."""
    return _translation.pgettext(context, message)


def gettext_in(lang: str | None, message: str, context: str | None = None) -> str:
    """`message` in `lang` (default: the screen's), whatever language the screen shows."""
    found = translator(lang)
    return found.gettext(message) if context is None else found.pgettext(context, message)


def ngettext_in(lang: str | None, singular: str, plural: str, n: int, context: str | None = None) -> str:
    """The form of a counted message for `n` in `lang` (default: the screen's)."""
    found = translator(lang)
    if context is None:
        return found.ngettext(singular, plural, n)
    return found.npgettext(context, singular, plural, n)


# The plural rule of each language, as the `Plural-Forms` header of its catalogue says it: for
# counted wording that is not in the catalogue (scenario text), which picks its form with this.
# tests/ui/test_i18n.py checks it matches the .po.
PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "en": lambda n: int(n != 1),
    "fr": lambda n: int(n > 1),  # French: 0 and 1 take the singular
}


def plural_index(n: int, lang: str) -> int:
    """Which form (0 singular, 1 plural) `lang` uses for a count of `n`."""
    return PLURAL_RULES.get(lang, PLURAL_RULES["en"])(abs(n))


def attachment_name(kind: str) -> str:
    """An attachment's kind in words (the chat, the debrief and the terminal player)."""
    names = {"image": _("Photo"), "video": _("Video"), "voice": _("Voice message"), "file": _("File"),
             "link": _("Link"), "screenshot": _("Screenshot"), "gift": _("Gift"), "call": _("Call")}
    return names.get(kind, kind)


# The catalogue files' tools, handed out on first use (the game never needs them while it plays).
_TOOLS = {"PLURAL", "CONTEXT", "NPLURALS", "POT_HEADER", "PO_HEADER", "po_path", "read_po", "write_mo",
          "extract", "po_quote", "_entries", "update_catalogues", "compile_catalogues"}


def __getattr__(name: str) -> Any:
    if name in _TOOLS:
        from . import catalogue

        return getattr(catalogue, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":  # python -m game.i18n update|compile
    from game import catalogue as _catalogue

    sys.exit(_catalogue.main(sys.argv[1:]))
