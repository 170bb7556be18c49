"""A class session without any screen: groups, the roles card, discussion pauses and the
checks before the first scenario and after the last (the knowledge questions of the group's
parallel form and the spot check's unseen chats: skillcheck.py), and the later check weeks after.

A session plays the 1-3 stories the teacher chose for the lesson (sessions from before that
choice existed play every story their settings offered, as they did). The teacher can call the
after-check at any time: every group's next step is then the after-check, and a story a group
was in the middle of stays unfinished in the results.

The UI asks a `GroupRun` for its `next_step()` and shows it. Progress is worked out from the
results store every time, so after a crash or a closed lid the same call says where the group
was (and `play()` resumes an interrupted playthrough).

    session = ClassSession.start(store, settings, library.playable(), check, lesson=["id-a", "id-b"])
    run = session.add_group("Blue Foxes", members=3)
    step = run.next_step()            # pre_check, pre_spot -> scenario (xN) -> post_spot, post_check -> done
    pt = run.play(step)               # a RecordingPlaythrough; drive it as usual
    pause = run.pause_before(pt, event)  # for each ChoicesEvent: a "Talk it over" screen or None
    session.call_after_check()        # the teacher: every group's next step is the after-check
    session.call_later_check()        # weeks after: each group takes the later check (phase "later")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from game.engine.model import LocalText, Scenario
from game.engine.options import Discussion
from game.engine.runtime import ChoicesEvent, Playthrough, incompatibility
from game.translatable import N_, Msg

from . import lesson as lesson_mod
from . import skillcheck
from .cells import clean
from .knowledge import CheckScore, KnowledgeCheck, score
from .records import GroupInfo, PlaythroughInfo
from .settings import ClassSettings
from .skillcheck import Materials, Phase, SkillSteps, materials_for
from .skillcheck import Step as Step  # re-exported: the screens take steps from the session
from .skillcheck import StepKind as StepKind
from .store import RecordingPlaythrough, ResultsStore

ROLES = ("keyboard", "timekeeper", "recorder")
ROLE_TEXT: dict[str, tuple[Msg, Msg]] = {  # role -> (name, job), in the catalogues
    "keyboard": (N_("Keyboard"), N_("Reads the chat aloud and clicks what the group agrees on.")),
    "timekeeper": (N_("Timekeeper"), N_("Watches the time and makes sure everyone gets a say.")),
    "recorder": (N_("Recorder"), N_("Notes the red flags the group spots and why, for the debrief.")),
}
MIN_MEMBERS, MAX_MEMBERS = 1, 6
MAX_NAME = 30
GENERIC_PROMPT: Msg = N_("Talk it over: what is going on here, and what would you reply? Agree "
                         "before you click.")

# --- group names -------------------------------------------------------------------------------

_CAP_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+"
_FULL_NAME = re.compile(rf"(?<!\w)(?=({_CAP_WORD})\s+({_CAP_WORD})(?!\w))")
# Words that make two capitalised words a team name rather than a person's ("Blue Foxes").
_TEAM_WORDS = set("""team squad crew club group groupe équipe the les la le des of de du
    blue red green yellow purple orange black white pink gold silver golden dark super
    bleu bleus rouge rouges vert verts jaune jaunes noir noirs blanc blancs mauve or argent
    foxes wolves tigers lions eagles sharks dragons ninjas falcons owls bears pandas hawks
    renards loups tigres aigles requins faucons hiboux ours""".split())
_CONTACT = re.compile(r"@|\d{5,}|https?:|www\.", re.IGNORECASE)
NAME_WARNINGS: dict[str, Msg] = {
    "full_name": N_("This looks like a person's full name. Use a team name instead, like 'Blue Foxes'."),
    "contact": N_("Leave out e-mail addresses, phone numbers and links."),
}


def check_group_name(name: str) -> str:
    """The cleaned name, or ValueError when it cannot be used at all."""
    name = clean(name)
    if not name:
        raise ValueError("a group needs a name")
    if len(name) > MAX_NAME:
        raise ValueError(f"a group name has at most {MAX_NAME} characters")
    return name


def name_warning(name: str) -> str | None:
    """Why a name may identify a student ('full_name', 'contact'), or None. A warning, not a
    block: "Blue Foxes" also has two capitalised words, so the group can confirm it."""
    if _CONTACT.search(name):
        return "contact"
    for first, second in _FULL_NAME.findall(name):
        if first.lower() not in _TEAM_WORDS and second.lower() not in _TEAM_WORDS:
            return "full_name"
    return None


# --- roles -------------------------------------------------------------------------------------


def roles_card(members: int, round: int) -> list[tuple[int, tuple[str, ...]]]:
    """(seat number from 1, roles) for each seat in this round. Roles move one seat on every
    scenario; with 2 members one seat holds two roles; seats past 3 have none (they discuss)."""
    members = max(MIN_MEMBERS, min(MAX_MEMBERS, members))
    seats: dict[int, list[str]] = {s: [] for s in range(1, members + 1)}
    for j, role in enumerate(ROLES):
        seats[(j + round) % members + 1].append(role)
    return [(s, tuple(r)) for s, r in seats.items()]


# --- discussion pauses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pause:
    """A "Talk it over" screen before a decision."""

    beat: str
    prompt: LocalText | Msg  # the story's own, or the catalogue's GENERIC_PROMPT
    teacher_note: LocalText | None  # show only in teacher view, never to students
    seconds: int  # timer length; 0 = no timer

    def note(self, teacher_view: bool) -> LocalText | None:
        return self.teacher_note if teacher_view else None


def discussion_pause(scenario: Scenario, beat_id: str, settings: ClassSettings) -> Pause | None:
    """The pause before the choices of `beat_id`, if the settings ask for one there."""
    beat = scenario.beats.get(beat_id)
    if beat is None or beat.choices is None or settings.discussion == Discussion.OFF.value:
        return None
    if beat.discuss is not None:
        return Pause(beat_id, beat.discuss.prompt, beat.discuss.teacher_note, settings.timer_seconds)
    if settings.discussion == Discussion.ALL.value:
        return Pause(beat_id, GENERIC_PROMPT, None, settings.timer_seconds)
    return None


# --- the session -------------------------------------------------------------------------------

StoryMark = Literal["finished", "unfinished", "not_started", "earlier"]


@dataclass
class ClassSession:
    store: ResultsStore
    id: str
    settings: ClassSettings
    scenarios: list[Scenario]  # the plan: played in this order by every group
    check: KnowledgeCheck | None = None
    missing: list[str] = field(default_factory=list)  # planned scenarios no longer installed
    chosen: bool = False  # the teacher chose these stories for the lesson (else: every one offered)
    after_check: bool = False  # the teacher sent every group to the after-check
    materials: Materials | None = None  # the parallel forms and the spot check's chats
    skill: bool = False  # its groups take the parallel forms and the spot check (started since)
    later: bool = False  # the teacher runs the later check: each group's next step is that

    @property
    def checks_on(self) -> bool:
        return self.check is not None and self.settings.knowledge_check

    @classmethod
    def start(cls, store: ResultsStore, settings: ClassSettings, available: dict[str, Scenario],
              check: KnowledgeCheck | None = None, lesson: list[str] | None = None,
              materials: Materials | None = None) -> ClassSession:
        """Start a session with a snapshot of the settings and its stories: the 1-3 the teacher
        chose for this lesson (`lesson`, in play order), or else every one the settings offer.
        `materials`: the forms and chats (default: the check's, with the shipped ones)."""
        offered = settings.offered(available)
        if not offered:
            raise ValueError("no scenario matches these settings: choose other topics or grades")
        plan = offered
        if lesson is not None:
            ids = lesson_mod.check_choice(lesson, [s.id for s in offered])
            plan = [available[i] for i in ids]
        snapshot = settings.to_dict() | {"plan": [s.id for s in plan],
                                         "check": check.id if check else None}
        if lesson is not None:
            snapshot["lesson"] = [s.id for s in plan]  # what the teacher chose, as chosen
        materials = materials or materials_for(check)
        if materials is not None:
            snapshot["skill"] = 1  # parallel forms and the spot check (sessions before had neither)
        sid = store.new_session(snapshot, settings.class_label)
        return cls(store, sid, settings, plan, check, chosen=lesson is not None, materials=materials,
                   skill=materials is not None)

    @classmethod
    def open(cls, store: ResultsStore, session_id: str, available: dict[str, Scenario],
             check: KnowledgeCheck | None = None, materials: Materials | None = None) -> ClassSession:
        """Reopen a session (after a restart) with the settings it started with."""
        info = store.session(session_id)
        if info is None:
            raise KeyError(f"no session {session_id}")
        plan_ids = info.settings.get("plan")
        plan_ids = [i for i in plan_ids if isinstance(i, str)] if isinstance(plan_ids, list) else []
        return cls(store, session_id, ClassSettings.from_dict(info.settings),
                   [available[i] for i in plan_ids if i in available], check,
                   [i for i in plan_ids if i not in available],
                   chosen=isinstance(info.settings.get("lesson"), list),
                   after_check=lesson_mod.after_check_called(session_id),
                   materials=materials or materials_for(check), skill=bool(info.settings.get("skill")),
                   later=skillcheck.later_check_called(session_id))

    def call_after_check(self) -> bool:
        """The teacher ends the stories: every group's next step is the after-check (or the end,
        with the checks off). Returns False when it could only be kept until the game closes."""
        self.after_check = True
        try:
            lesson_mod.call_after_check(self.id)
        except OSError:
            return False
        return True

    def call_later_check(self) -> bool:
        """The teacher runs the later check (weeks after): each group of this session, choosing
        its name, judges unseen chats and answers the questions of its before form again (phase
        "later"). Returns False when it could only be kept until the game closes."""
        self.later = True
        try:
            skillcheck.call_later_check(self.id)
        except OSError:
            return False
        return True

    def earlier_plays(self, group_name: str) -> set[str]:
        """Stories a group of this name in this class finished in an earlier session."""
        return lesson_mod.played_by_group(self.store, self.settings.class_label, group_name, self.id)

    def add_group(self, name: str, members: int = 3) -> GroupRun:
        """A new group (call `name_warning` first and let the group confirm)."""
        if self.settings.whole_class:
            members = 1
        gid = self.store.add_group(self.id, check_group_name(name),
                                   max(MIN_MEMBERS, min(MAX_MEMBERS, members)))
        return self.group(gid)

    def groups(self) -> list[GroupRun]:
        return [GroupRun(self, g) for g in self.store.groups([self.id])]

    def group(self, group_id: str) -> GroupRun:
        info = self.store.group(group_id)
        if info is None or info.session_id != self.id:
            raise KeyError(f"no group {group_id} in this session")
        return GroupRun(self, info)


@dataclass
class GroupRun(SkillSteps):
    """One group in a session: what it does next, and its answers (its checks: SkillSteps)."""

    session: ClassSession
    info: GroupInfo

    @property
    def checks_on(self) -> bool:
        return self.session.checks_on

    def roles(self, round: int) -> tuple[tuple[int, tuple[str, ...]], ...]:
        if self.session.settings.whole_class:
            return ()
        return tuple(roles_card(self.info.members, round))

    def next_step(self) -> Step:
        """What this group does now, from what the store holds (and, once the teacher called
        the after-check, that: the stories and the rest of the before-check are skipped; in a
        later check, only that)."""
        if self.session.later:
            return self.checks("later") or Step("done")
        if self.session.after_check:
            return self.checks("post") or Step("done")
        pre = self.checks("pre")
        if pre is not None:
            return pre
        played = self.session.store.playthroughs(self.info.id)
        for round, scenario in enumerate(self.session.scenarios):
            mine = [p for p in played if p.scenario_id == scenario.id and p.round == round]
            if any(p.finished for p in mine):
                continue
            last = mine[-1] if mine else None
            if last is not None and (last.state is None or incompatibility(scenario, last.state)):
                return Step("scenario", round, scenario, self.roles(round), restarted=True)
            return Step("scenario", round, scenario, self.roles(round),
                        resume=last.id if last else None)
        return self.checks("post") or Step("done")

    def play(self, step: Step) -> RecordingPlaythrough:
        """Start (or resume) the scenario of a "scenario" step."""
        if step.kind != "scenario" or step.scenario is None:
            raise ValueError("only a scenario step can be played")
        store, settings = self.session.store, self.session.settings
        if step.resume:
            return store.resume(step.resume, step.scenario)
        return store.start_playthrough(self.info.id, step.scenario, step.round,
                                       difficulty=settings.difficulty, feedback=settings.feedback)

    def pause_before(self, pt: Playthrough, event: ChoicesEvent) -> Pause | None:
        """The "Talk it over" pause to show before these choices, if any."""
        return discussion_pause(pt.scenario, event.beat, self.session.settings)

    def check_score(self, phase: Phase) -> CheckScore | None:
        check = self.check_for(phase)
        if check is None or not self.answered(phase):
            return None
        return score(check, self.answered(phase))

    def playthroughs(self) -> list[PlaythroughInfo]:
        return self.session.store.playthroughs(self.info.id)

    def stories_cut_short(self) -> bool:
        """The teacher called the after-check before this group finished its stories (its
        after-check then says so first)."""
        return self.session.after_check and any(mark != "finished" for _s, mark in self.story_marks())

    def story_marks(self, earlier: set[str] | None = None) -> list[tuple[Scenario, StoryMark]]:
        """Each story of the session and how far this group got: finished, unfinished (started,
        or left when the after-check was called), not started, or not started here but finished
        in an earlier session of this class (`earlier`, from `ClassSession.earlier_plays`)."""
        played = self.playthroughs()
        out: list[tuple[Scenario, StoryMark]] = []
        for round, scenario in enumerate(self.session.scenarios):
            mine = [p for p in played if p.scenario_id == scenario.id and p.round == round]
            mark: StoryMark = ("finished" if any(p.finished for p in mine) else "unfinished" if mine else
                               "earlier" if earlier and scenario.id in earlier else "not_started")
            out.append((scenario, mark))
        return out
