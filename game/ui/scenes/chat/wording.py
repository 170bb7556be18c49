"""What the chat says about the player's flags and replies, in words (no pygame: tests and other
front ends can ask what a verdict reads like without a window).

A Coach card is (tone, title, body): the tone picks its colour and icon (widgets.marks), so the
title never tells by colour alone. Whether a flag is right is the engine's verdict; this module
only words it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....engine.runtime import ChoicesEvent, FlagVerdict, Playthrough
from ....engine.taxonomy import Taxonomy, category_name
from ....i18n import _, ngettext
from ...widgets.marks import SAFETY_TONES, marked, safety_name

if TYPE_CHECKING:
    from ....authoring.hotreload import Reload
    from ....engine.model import Choice

Feedback = tuple[str, str, str]  # (tone, title, body): a Coach card


def reply_feedback(choice: Choice, lang: str) -> Feedback:
    """The Coach card after a reply: how safe it was, and the writer's feedback on it."""
    return SAFETY_TONES[choice.safety], safety_name(choice.safety), choice.feedback.get(lang)


def flag_feedback(v: FlagVerdict, taxonomy: Taxonomy | None, lang: str) -> Feedback:
    """The Coach card after a flag: right (and the tactic named right or not), a judgement call,
    or not a red flag, with the writer's why."""
    why = v.why.get(lang) if v.why else ""
    if v.correct:
        name = category_name(taxonomy, v.category, lang)
        title = _("Yes, that's a red flag: {name}").format(name=name)
        if v.named is False:
            title = _("Red flag, but a different tactic: {name}").format(name=name)
        return ("good" if v.named is not False else "warn", title, why)
    if v.borderline:
        return ("neutral", _("A judgement call: fair to flag"), why)
    return ("neutral", _("Not a red flag"), why or _("This message is ordinary. Flag only what worries you."))


def flag_line(pt: Playthrough, index: int, taxonomy: Taxonomy | None, lang: str) -> tuple[str, str]:
    """The line under a flagged bubble, and its colour name: Coach says at once whether the flag
    is right; Challenge only says it was flagged (and with which tactic, in Name it)."""
    st = pt.state
    if index not in st.flags:
        return "", "timestamp"
    named = st.flags[index]
    if st.feedback == "coach":
        v = pt.verdict(index)
        if v.correct:
            name = category_name(taxonomy, v.category, lang)
            mark = "✓" if v.named is not False else "≈"
            return f"🚩 {mark} " + _("Red flag: {name}").format(name=name), "good"
        if v.borderline:
            return "🚩 " + _("Flagged: a judgement call"), "muted"
        return "🚩 " + _("Flagged: not a red flag"), "muted"
    if named:
        return "🚩 " + _("Flagged: {name}").format(name=category_name(taxonomy, named, lang)), "flag"
    return "🚩 " + _("Flagged"), "flag"


def ending_note() -> str:
    """Under the ending card while a flaggable message is left: flags still count."""
    return _("You can still flag messages above before you see how you did.")


def discuss_text(choices: ChoicesEvent | None, lang: str) -> str:
    """A class session's "Talk it over" prompt above the replies ("" when there is none)."""
    d = choices.discuss if choices else None
    return _("Talk it over: {prompt}").format(prompt=d.prompt.get(lang)) if d else ""


def drawer_label(drawer_open: bool, feedback: Feedback | None, choices: ChoicesEvent | None) -> str:
    """The folded dock's button: what opening (or closing) the drawer shows."""
    if drawer_open:
        return "▼  " + (_("Close (X)") if feedback is not None else _("Hide the replies"))
    if choices is not None:
        return "▲  " + _("Show the replies (or press 1–{n})").format(n=len(choices.options))
    assert feedback is not None
    tone, title, _body = feedback
    return "▲  " + marked(tone, title)


def new_messages(n: int) -> str:
    """The pill over a held list: how many messages arrived below."""
    return "↓  " + (_("1 new message") if n == 1 else
                    ngettext("{n} new message", "{n} new messages", n).format(n=n))


def reload_summary(r: Reload) -> str:
    """Writer mode: what saving the scenario file did to the running chat."""
    if not r.ok:
        return ngettext("Not reloaded: {n} error (the previous version is still running)",
                        "Not reloaded: {n} errors (the previous version is still running)",
                        len(r.errors)).format(n=len(r.errors))
    text = ngettext("Reloaded: replayed {n} reply", "Reloaded: replayed {n} replies", r.replayed).format(n=r.replayed)
    if r.dropped:
        text += "; " + ngettext("stopped before {n} that changed", "stopped before {n} that changed",
                                r.dropped).format(n=r.dropped)
    if r.flags_dropped:
        text += "; " + ngettext("{n} flag dropped", "{n} flags dropped", r.flags_dropped).format(n=r.flags_dropped)
    return text
