"""`python -m game walk SCENARIO`: play a scenario as plain text in the terminal.

For writers testing a script, and a screen-reader-friendly way to play: no colours, no cursor
tricks, one line per message, every action a short typed command.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable
from pathlib import Path

from game.engine import services
from game.engine.model import PLAYER, SYSTEM, Scenario
from game.engine.naming import name_it_options
from game.engine.options import LANGS, REGIONS, Difficulty, Feedback, values
from game.engine.reports import REPORT_REASONS
from game.engine.runtime import (
    ChoicesEvent,
    EndingEvent,
    MessageEvent,
    PlayError,
    Playthrough,
)
from game.engine.scoring import debrief
from game.engine.taxonomy import category_name
from game.engine.validate import Library
from game.i18n import _, attachment_name, format_time, language, ngettext, set_language
from game.library import resolve


def help_text() -> str:
    return _("""Commands:
  1-4          choose that reply
  f N          flag message N as a red flag (again to unflag)
  f N TACTIC   flag message N and name the tactic (Name it mode; 'tactics' lists them)
  u N          unflag message N
  tactics      list the red-flag tactics
  help         get help: who to talk to
  ?            show these commands
  q            quit""")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="a scenario id (e.g. game-teammate) or a .yaml file")
    parser.add_argument("--lang", choices=LANGS, default="en")
    parser.add_argument("--mode", choices=values(Difficulty), default="spot",
                        help="spot: flag only; name: also name the tactic")
    parser.add_argument("--feedback", choices=values(Feedback), default="coach",
                        help="coach: say at once if a flag is right; challenge: only at the end")
    parser.add_argument("--region", choices=REGIONS, default="CA")
    parser.add_argument("--library", metavar="DIR", type=Path, action="append", default=[],
                        help="also look for stories in this folder")


def find_scenario(ref: str, lib: Library) -> tuple[Scenario | None, list[str]]:
    """A scenario by id or path, or the problems that keep it from being played."""
    found = resolve(ref, lib=lib)
    return found.scenario, found.problems


def run(args: argparse.Namespace) -> int:
    set_language(args.lang)
    found = resolve(args.scenario, args.library)
    lib, scenario = found.library, found.scenario
    if scenario is None:
        print(_("This scenario can't be played:"))
        for p in found.problems:
            print(p)
        return 1
    services.use(lib.resources, args.region)  # {tipline} and friends read this region's services
    walker = Walker(scenario, lib, args.lang, args.region, args.mode, args.feedback)
    return walker.play()


class Walker:
    """The terminal front end: prints events, reads commands, asks the engine everything."""

    def __init__(self, scenario: Scenario, lib: Library, lang: str = "en", region: str = "CA",
                 mode: str = "spot", feedback: str = "coach",
                 read: Callable[[str], str] = input, write: Callable[[str], None] = print):
        self.sc, self.lib, self.lang, self.region = scenario, lib, lang, region
        self.pt = Playthrough(scenario, difficulty=mode, feedback=feedback)  # type: ignore[arg-type]
        self.read, self.write = read, write
        self._thread: str | None = None  # the thread the last message was in

    def t(self, text) -> str:
        return text.get(self.lang) if text is not None else ""

    def say(self, text: str = "") -> None:
        for line in text.split("\n") or [""]:
            self.write(textwrap.fill(line, 100, subsequent_indent="     ") if line else "")

    def play(self) -> int:
        before = language()
        set_language(self.lang)  # the walker's own words follow --lang too
        try:
            return self._play()
        finally:
            set_language(before)

    def _play(self) -> int:
        sc = self.sc
        self.say(f"== {self.t(sc.title)} ==")
        self.say(_("Content note: {note}").format(note=self.t(sc.content_note)))
        self.say(_("A chat on {platform}. Type ? for commands at any prompt.").format(platform=sc.platform.name))
        while True:
            event = self.pt.next()
            if isinstance(event, MessageEvent):
                self.show_message(event)
            elif isinstance(event, ChoicesEvent):
                if not self.ask(event):
                    self.say(_("Stopped. You can come back any time."))
                    return 0
            elif isinstance(event, EndingEvent):
                self.show_ending(event)
                return 0

    def show_message(self, ev: MessageEvent) -> None:
        if self.sc.threads and ev.thread != self._thread:  # format 2: say where it is
            self._thread = ev.thread
            self.say("=> " + _("Thread: {name}").format(name=self.thread_name(ev.thread)))
        if ev.separator is not None:
            self.say(f"--- {self.t(ev.separator)} ---")
        msg = ev.message
        if msg.sender == SYSTEM:
            self.say(f"[{ev.index}] * {self.t(msg.text)}")
        else:
            who = _("You") if msg.sender == PLAYER else self.t(self.sc.characters[msg.sender].name)
            label = msg.time_label(self.lang)
            when = f" ({format_time(label, self.lang)})" if label else ""
            self.say(f"[{ev.index}] {who}{when}: {self.t(msg.text)}")
        if msg.attachment:
            self.say(f"     [{attachment_name(msg.attachment.kind)}: {self.t(msg.attachment.alt)}]")

    def thread_name(self, thread: str) -> str:
        """The thread's title, else the names of the people in it."""
        th = self.sc.threads[thread]
        if th.title is not None:
            return self.t(th.title)
        return ", ".join(self.t(self.sc.characters[p].name) if p in self.sc.characters else p for p in th.people)

    def ask_reason(self) -> str | None:
        """The app's report sheet in text: the reason picked (None: cancelled, nothing reported)."""
        self.say(_("Why are you reporting?"))
        for n, r in enumerate(REPORT_REASONS, 1):
            self.say(f"  {n}) {r.label.get()}: {r.meant_for.get()}")
        self.say("  0) " + _("Cancel"))
        while True:
            try:
                line = self.read("> ").strip()
            except EOFError:
                return None
            if line.lower() in ("0", "q", "quit", "exit"):
                return None
            if line.isdigit() and 1 <= int(line) <= len(REPORT_REASONS):
                return REPORT_REASONS[int(line) - 1].id

    def ask(self, ev: ChoicesEvent) -> bool:
        """Prompt until the player chooses (True) or quits (False)."""
        if ev.discuss:
            self.say(_("Talk it over: {prompt}").format(prompt=self.t(ev.discuss.prompt)))
        while True:
            self.say(_("Your reply:"))
            for n, (_i, choice) in enumerate(ev.options, 1):  # an action says its kind, as the chat's button shows it
                kind = f"[{act_name(choice.act)}] " if choice.act not in (None, "act") else ""
                self.say(f"  {n}) {kind}{self.t(choice.label or choice.text)}")
            try:
                line = self.read("> ").strip()
            except EOFError:
                return False
            words = line.split()
            if not words:
                continue
            cmd = words[0].lower()
            if cmd.isdigit() and 1 <= int(cmd) <= len(ev.options):
                index, choice = ev.options[int(cmd) - 1]
                picked: str | None = None
                if choice.act == "report":  # the app asks why, as its report sheet does in the window
                    picked = self.ask_reason()
                    if picked is None:
                        continue
                reply = self.pt.choose(index, picked)
                if choice.act not in (None, "act"):  # an action with a kind (format 2)
                    self.say(f"[{reply.index}] * " + _("Your action ({kind}): {action}").format(
                        kind=act_name(choice.act or ""), action=self.t(choice.text)))
                elif reply.action:  # something done, not sent: a line like a system line
                    self.say(f"[{reply.index}] * " + _("Your action: {action}").format(action=self.t(choice.text)))
                else:
                    self.say(f"[{reply.index}] " + _("You") + f": {self.t(choice.text)}")
                if self.pt.state.feedback == "coach":
                    self.say(f"     ({safety_name(choice.safety)}) {self.t(choice.feedback)}")
                return True
            if cmd in ("q", "quit", "exit"):
                return False
            if cmd in ("f", "flag", "u", "unflag") and len(words) >= 2 and words[1].isdigit():
                self.flag_command(cmd, int(words[1]), words[2] if len(words) > 2 else None)
            elif cmd == "tactics":
                cats = self.lib.taxonomy.categories if self.lib.taxonomy else {}
                # the same short list the chat's Name it offers (engine.naming)
                for cid in name_it_options(self.pt.scenario, self.lib.taxonomy):
                    if cid in cats:
                        self.say(f"  {cid}: {self.t(cats[cid].name)} - {self.t(cats[cid].student)}")
            elif cmd == "help":
                self.show_help()
            else:
                self.say(help_text())

    def flag_command(self, cmd: str, index: int, tactic: str | None) -> None:
        pt = self.pt
        if not pt.flaggable(index):
            self.say(_("Message {n} can't be flagged (only messages others sent you).").format(n=index))
            return
        if cmd.startswith("u") or (index in pt.state.flags and tactic is None):
            pt.unflag(index)
            self.say(_("Unflagged message {n}.").format(n=index))
            return
        cats = self.lib.taxonomy.categories if self.lib.taxonomy else {}
        if tactic is not None and tactic not in cats:
            self.say(_("Unknown tactic '{tactic}'. Type 'tactics' for the list.").format(tactic=tactic))
            return
        pt.flag(index, tactic)
        self.say(_("Flagged message {n}.").format(n=index))
        if pt.state.feedback == "coach":
            v = pt.verdict(index)
            if v.correct:
                named = "" if v.named is None else (" " + _("You named it right.") if v.named else
                                                    " " + _("It's really: {name}.").format(
                                                        name=category_name(self.lib.taxonomy, v.category, self.lang)))
                self.say("     " + _("Red flag!") + f"{named} {self.t(v.why)}")
            elif v.borderline:
                self.say("     " + _("A judgement call: fair to flag.") + (f" {self.t(v.why)}" if v.why else ""))
            else:
                self.say("     " + _("Not a red flag this time.") + (f" {self.t(v.why)}" if v.why else ""))

    def show_help(self, ids: tuple[str, ...] = ()) -> None:
        """The region's help lines (and, after the story, those its debrief names)."""
        self.say(_("Get help - you are not in trouble, and it's not your fault:"))
        if self.lib.resources:
            for _rid, r in self.lib.resources.for_region(self.region, ids):
                reach = ", ".join(x for x in (r.phone, self.t(r.text), self.t(r.web)) if x)
                self.say(f"  {self.t(r.name)}: {self.t(r.what)} {reach}")

    def show_ending(self, ev: EndingEvent) -> None:
        d = debrief(self.sc, self.pt.state)
        self.say("")
        self.say(f"== {self.t(ev.ending.title)} ({outcome_word(ev.ending.outcome)}) ==")
        self.say(self.t(ev.ending.text))
        s = d.score
        self.say("")
        self.say(_("Score: {p} of {m} ({pc}%)").format(p=s.points, m=s.max_points, pc=s.percent))
        self.say("  " + _("Red flags caught: {c} of {t} ({p}; false alarms: {f})").format(
            c=s.caught, t=s.caught + s.missed, p=points(s.flag_points), f=s.false_alarms))
        self.say("  " + _("Replies: {r}; ending: {e}").format(r=points(s.choice_points), e=points(s.outcome_points)))
        if d.did is not None:
            self.say("  " + _("What you did: {p}").format(p=points(s.did_points)))
        self.say("")
        self.say(_("Red flags:"))
        for f in d.flags:
            who = self.sc.characters.get(f.message.sender)
            line = f"[{f.index}] {self.t(who.name) if who else f.message.sender}: {self.t(f.message.text)}"
            label = {"caught": _("CAUGHT"), "missed": _("MISSED"), "false_alarm": _("FALSE ALARM"),
                     "fine": _("LOOKS SUSPICIOUS, BUT IS FINE"),
                     "borderline": _("JUDGEMENT CALL (FLAGGED)") if f.flagged else _("JUDGEMENT CALL")}[f.status]
            self.say(f"  {label} {line}")
            if f.why:
                self.say("     " + _("Why: {why}").format(why=self.t(f.why)))
        self.say("")
        self.say(_("Your replies:"))
        for c in d.choices:
            self.say(f"  ({safety_name(c.choice.safety)}) {self.t(c.choice.text)} - {self.t(c.choice.feedback)}")
        self.say("")
        self.say(self.t(self.sc.debrief.summary))
        self.say(_("Talk about it:"))
        for q in self.sc.debrief.questions:
            self.say(f"  - {self.t(q)}")
        if self.sc.debrief.real_life:
            self.say(_("If this happens for real:"))
            for step in self.sc.debrief.real_life:
                self.say(f"  - {self.t(step)}")
        self.show_help(self.sc.debrief.resources)


def safety_name(safety: str) -> str:
    return {"safe": _("safe"), "risky": _("risky"), "unsafe": _("unsafe")}.get(safety, safety)


def act_name(kind: str) -> str:
    return {"screenshot": _("screenshot"), "block": _("block"), "report": _("report"), "mute": _("mute"),
            "leave": _("leave"), "delete": _("delete"), "deactivate": _("deactivate"), "pay": _("pay"),
            "tell": _("tell")}.get(kind, kind)


def outcome_word(outcome: str) -> str:
    return {"safe": _("safe"), "risky": _("risky"), "harmful": _("harmful")}.get(outcome, outcome)


def points(n: int) -> str:
    """A number of points in words: "1 point", "3 points" (French: "0 point")."""
    return ngettext("{n} point", "{n} points", n).format(n=n)


__all__ = ["Walker", "find_scenario", "configure", "run", "PlayError"]
