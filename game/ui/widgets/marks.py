"""Icons and words that go with every tone colour, so nothing is told by colour alone: a flag's
verdict, a reply's safety and an ending's outcome always carry a symbol and a word too."""

from __future__ import annotations

from ...i18n import _

TONE_ICONS = {"good": "✓", "warn": "!", "bad": "✗", "neutral": "•", "flag": "🚩"}
OUTCOME_TONES = {"safe": "good", "risky": "warn", "harmful": "bad"}
SAFETY_TONES = {"safe": "good", "risky": "warn", "unsafe": "bad"}


def marked(tone: str, text: str) -> str:
    """`text` with its tone's icon in front (✓ good, ! warning, ✗ bad)."""
    icon = TONE_ICONS.get(tone, "")
    return f"{icon} {text}" if icon and not text.startswith(icon) else text


def outcome_name(outcome: str) -> str:
    return {"safe": _("Safe ending"), "risky": _("Risky ending"), "harmful": _("Harmful ending")}.get(outcome, outcome)


def safety_name(safety: str) -> str:
    return {"safe": _("Safe reply"), "risky": _("Risky reply"), "unsafe": _("Unsafe reply")}.get(safety, safety)


def outcome_label(outcome: str) -> str:
    """'✓ Safe ending', '! Risky ending', '✗ Harmful ending'."""
    return marked(OUTCOME_TONES.get(outcome, "neutral"), outcome_name(outcome))


def safety_label(safety: str) -> str:
    return marked(SAFETY_TONES.get(safety, "neutral"), safety_name(safety))
