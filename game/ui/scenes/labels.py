"""Names shown for values several screens display: topics, grades, regions, every setting's
values and a session's mode. One place for each, so the picker, the lesson, the settings and the
teacher's screens always say the same thing. Called at each build: the language may change."""

from __future__ import annotations

from ...engine.options import Difficulty, Feedback, Lang, Region, label, labels
from ...i18n import _


def topic_names() -> dict[str, str]:
    return {"grooming": _("Grooming"), "sextortion": _("Sextortion"), "bystander": _("Helping a friend"),
            "judgement": _("Judgement"), "peer-pressure": _("Peer pressure")}


def grades_text(grades) -> str:
    g = sorted(set(grades))
    if len(g) == 1:
        return _("Grade {g}").format(g=g[0])
    return _("Grades {a}–{b}").format(a=g[0], b=g[-1])


def region_name(region: str) -> str:
    return labels(Region).get(region, region)


def value_names() -> dict[str, dict]:
    return {
        "lang": labels(Lang),
        "text_size": {n: _("{n}%").format(n=n) for n in (100, 125, 150, 175, 200)},
        "line_spacing": {n: _("{n}%").format(n=n) for n in (100, 125, 150, 200)},
        "font": {"standard": _("Standard (Noto Sans)"), "dyslexic": _("Dyslexia-friendly (OpenDyslexic)")},
        "theme": {"default": _("Standard"), "high-contrast": _("High contrast")},
        "speed": {"slow": _("Slow"), "normal": _("Normal"), "fast": _("Fast"), "instant": _("Instant")},
        "reduced_motion": {False: _("Off"), True: _("On")},
        "read_aloud": {"off": _("Off"), "on_request": _("When I press V"), "auto": _("Automatic")},
        "speech_rate": {"slow": _("Slow"), "normal": _("Normal"), "fast": _("Fast")},
        "scanning": {"off": _("Off"), "slow": _("Slow (every 3 seconds)"), "normal": _("Normal (every 2 seconds)"),
                     "fast": _("Fast (every 1.2 seconds)")},
        "sound": {True: _("On"), False: _("Off")},
        "region": labels(Region),
        "difficulty": labels(Difficulty),
        "feedback": labels(Feedback),
    }


def mode_line(cs) -> str:
    """How a class plays (`cs`, its ClassSettings), in one line: the session screen and the
    teacher menu."""
    parts = [label(Difficulty, cs.difficulty), label(Feedback, cs.feedback),
             {"off": _("no discussion pauses"), "marked": _("pauses at marked decisions"),
              "all": _("pauses before every decision")}[cs.discussion]]
    if cs.knowledge_check:
        parts.append(_("checks before and after: new chats and questions"))
    return " · ".join(parts)

