"""Every choice the game offers, declared once: languages, help-resource regions, difficulty,
feedback, discussion pauses, a reply's safety and an ending's outcome.

Each is a StrEnum, so a member *is* its stored value ("spot", "CA"): settings files, results and
scenario files keep the plain strings they always had, and `Difficulty.SPOT == "spot"`. Settings,
argument parsers and checks take their allowed values from here (`values(Region)`), and every
screen, document and command names an option with `label(option, lang)`, whose words are in the
catalogues (a language's own name excepted: "Français" is written so in every language).
Pure Python: no pygame, no pydantic, and nothing looked up until a label is asked for.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from game.translatable import N_, Msg


class Lang(StrEnum):
    """The languages the game, its documents and its stories are written in."""

    EN = "en"
    FR = "fr"


class Region(StrEnum):
    """Where the help resources (helplines, reporting) are for."""

    CA = "CA"
    US = "US"
    UK = "UK"


class Difficulty(StrEnum):
    """Spot it: flag the warning signs. Name it: also pick the tactic."""

    SPOT = "spot"
    NAME = "name"


class Feedback(StrEnum):
    """Coach: hear at once whether a flag or a reply was right. Challenge: at the end."""

    COACH = "coach"
    CHALLENGE = "challenge"


class Discussion(StrEnum):
    """Where a class session pauses to talk: never, before marked decisions, or before all."""

    OFF = "off"
    MARKED = "marked"
    ALL = "all"


class Safety(StrEnum):
    """How safe a reply is."""

    SAFE = "safe"
    RISKY = "risky"
    UNSAFE = "unsafe"


class Outcome(StrEnum):
    """How an ending turned out."""

    SAFE = "safe"
    RISKY = "risky"
    HARMFUL = "harmful"


# A language's name is written in that language, whatever the screen's language is.
LANGUAGE_NAMES: dict[str, str] = {Lang.EN: "English", Lang.FR: "Français"}

# Keyed by the enum, then the value: members of different enums compare equal when their values
# do (Safety.SAFE == Outcome.SAFE == "safe"), so one flat dict could not tell them apart.
_LABELS: dict[type[StrEnum], dict[str, Msg]] = {
    Region: {Region.CA: N_("Canada"), Region.US: N_("United States"), Region.UK: N_("United Kingdom")},
    Difficulty: {Difficulty.SPOT: N_("Spot it"), Difficulty.NAME: N_("Name it")},
    Feedback: {Feedback.COACH: N_("Coach"), Feedback.CHALLENGE: N_("Challenge")},
    Discussion: {Discussion.OFF: N_("Off"), Discussion.MARKED: N_("Marked decisions"),
                 Discussion.ALL: N_("Every decision")},
    # one wording for the screen, the terminal and the printed report (feminine: une réponse,
    # une fin): "sûre / risquée / dangereuse", "dommageable"
    Safety: {Safety.SAFE: N_("safe"), Safety.RISKY: N_("risky"), Safety.UNSAFE: N_("unsafe")},
    Outcome: {Outcome.SAFE: N_("safe"), Outcome.RISKY: N_("risky"), Outcome.HARMFUL: N_("harmful")},
}

E = TypeVar("E", bound=StrEnum)

LANGS: tuple[str, ...] = tuple(m.value for m in Lang)
REGIONS: tuple[str, ...] = tuple(m.value for m in Region)


def values(option: type[StrEnum]) -> tuple[str, ...]:
    """The stored values of an option, in order (argparse choices, settings files)."""
    return tuple(m.value for m in option)


def parse(option: type[E], value: object) -> E | None:
    """`value` as a member of `option`, or None when it is not one of its values."""
    if not isinstance(value, str):
        return None
    try:
        return option(value)
    except ValueError:
        return None


def label(option: type[StrEnum], value: str, lang: str | None = None) -> str:
    """How `value` of `option` is named in `lang` (default: the screen's language); a value
    the option does not have is shown as it is."""
    if option is Lang:
        return LANGUAGE_NAMES.get(value, value)
    msg = _LABELS[option].get(value)
    return msg.get(lang) if msg is not None else value


def labels(option: type[StrEnum], lang: str | None = None) -> dict[str, str]:
    """Every value of `option` with its name in `lang`, in order (a settings row)."""
    return {m.value: label(option, m.value, lang) for m in option}
