"""Wording declared once and looked up later, in whichever language is asked for.

A table of wording at module level (the option labels, the facilitator guide's sections, the
classroom documents' headings) can't call `_()` when the module is imported: the language is not
known yet, and a printed document may want another language than the screen's. So it marks each
message instead, and the marker gives a `Msg` that looks the catalogue up when asked:

    N_("Spot it")                        # a message
    NC_("report", "Knowledge check")     # the same English that needs other French elsewhere
    NN_("{n} group", "{n} groups")       # a message with a count: .count(n, lang)

The extractor (game/catalogue.py, and Babel with the keywords in docs/translating.md) finds these
calls as it finds `_()`, so their words are in the catalogues like every other. A `Msg` has the
interface of a scenario's LocalText (`get(lang)`), so either can be shown by the same code.
This module imports nothing at load: game.i18n is imported on the first lookup.
"""

from __future__ import annotations

from collections.abc import Iterator


class Msg:
    """A catalogue message, looked up in the language asked for when it is asked for."""

    __slots__ = ("msgid", "plural", "context")

    def __init__(self, msgid: str, plural: str | None = None, context: str | None = None) -> None:
        self.msgid = msgid
        self.plural = plural
        self.context = context

    def get(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the screen's language); a counted one in its singular."""
        if self.plural is not None:
            return self.count(1, lang)
        from . import i18n

        found = i18n.translator(lang)
        return found.gettext(self.msgid) if self.context is None else found.pgettext(self.context, self.msgid)

    def raw(self, lang: str | None = None) -> str:
        """As LocalText.raw: the message as the catalogue has it."""
        return self.get(lang)

    def count(self, n: int, lang: str | None = None) -> str:
        """A counted message's form for `n` in `lang` (placeholders left to fill)."""
        from . import i18n

        found, plural = i18n.translator(lang), self.plural or self.msgid
        if self.context is None:
            return found.ngettext(self.msgid, plural, n)
        return found.npgettext(self.context, self.msgid, plural, n)

    def __iter__(self) -> Iterator[str]:
        """The message in every language the game has, in order (English first), for checks
        that read a message as a pair of languages."""
        from . import i18n

        return iter([self.get(lang) for lang in i18n.LANGS])

    def __getitem__(self, index: int) -> str:
        from . import i18n

        return self.get(i18n.LANGS[index])

    def __str__(self) -> str:
        return self.get()

    def __repr__(self) -> str:
        return f"Msg({self.msgid!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (other.msgid, other.plural, other.context) == (
            self.msgid, self.plural, self.context)

    def __hash__(self) -> int:
        return hash((self.msgid, self.plural, self.context))


def N_(msgid: str) -> Msg:
    """Mark `msgid` for the catalogue; look it up later with `.get(lang)`."""
    return Msg(msgid)


def NC_(context: str, msgid: str) -> Msg:
    """Mark `msgid` with a context (msgctxt): the same English that needs other French."""
    return Msg(msgid, context=context)


def NN_(singular: str, plural: str) -> Msg:
    """Mark a message with a count in it; look it up later with `.count(n, lang)`."""
    return Msg(singular, plural)
