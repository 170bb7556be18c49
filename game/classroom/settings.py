"""The teacher's class settings: which scenarios are offered and how they are played.

A small dataclass saved atomically as JSON in the user data folder. The teacher screens show
and edit it (behind the PIN); a session takes a snapshot of it when it starts, so changing the
settings later never changes what a finished session meant.

The settings a class shares with each player (language, help resources, difficulty, feedback,
large text for a projector) are one typed record, `defaults` (game.settings.ClassDefaults), which
the player's settings take under their own choices. The file keeps them as top-level keys, as it
always has; the allowed values come from game/engine/options.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from game.engine.model import Scenario
from game.engine.options import LANGS, REGIONS, Difficulty, Feedback, Lang, Region, values
from game.engine.options import Discussion as DiscussionOption
from game.settings import WHOLE_CLASS_TEXT_SIZE, ClassDefaults
from game.userdata import atomic_write_text, data_dir

FILE_NAME = "class-settings.json"

Discussion = Literal["off", "marked", "all"]
DIFFICULTIES = values(Difficulty)  # Spot it / Name it
FEEDBACKS = values(Feedback)
DISCUSSIONS: tuple[Discussion, ...] = values(DiscussionOption)  # type: ignore[assignment]


@dataclass
class ClassSettings:
    """What the teacher chose. Empty `topics`/`grades`/`scenarios` mean "all"."""

    topics: list[str] = field(default_factory=list)
    grades: list[int] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)  # explicit ids, in play order
    difficulty: str = Difficulty.SPOT.value
    feedback: str = Feedback.COACH.value
    discussion: Discussion = "marked"  # off, before decisions marked `discuss:`, or before all
    timer_seconds: int = 120  # discussion timer; 0 = no timer
    language: str = Lang.EN.value
    region: str = Region.CA.value
    whole_class: bool = False  # one projector, large text, the teacher drives
    knowledge_check: bool = True  # before the first scenario and after the last
    class_label: str = ""  # e.g. "7B" - a class, never a person
    class_folder: str = ""  # this computer's class folder (classfolder.py); never in a session

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Raise ValueError for a value the game cannot use."""
        problems = []
        if self.difficulty not in DIFFICULTIES:
            problems.append(f"difficulty must be one of {', '.join(DIFFICULTIES)}")
        if self.feedback not in FEEDBACKS:
            problems.append(f"feedback must be one of {', '.join(FEEDBACKS)}")
        if self.discussion not in DISCUSSIONS:
            problems.append(f"discussion must be one of {', '.join(DISCUSSIONS)}")
        if self.language not in LANGS:
            problems.append(f"language must be one of {', '.join(LANGS)}")
        if self.region not in REGIONS:
            problems.append(f"region must be one of {', '.join(REGIONS)}")
        if not 0 <= int(self.timer_seconds) <= 3600:
            problems.append("timer_seconds must be between 0 and 3600")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def defaults(self) -> ClassDefaults:
        """The player settings this class sets, under each player's own choices: its language,
        help resources, difficulty and feedback, and large text for one projector."""
        return ClassDefaults(lang=self.language, region=self.region, difficulty=self.difficulty,
                             feedback=self.feedback,
                             text_size=WHOLE_CLASS_TEXT_SIZE if self.whole_class else None)

    # -- which scenarios ------------------------------------------------------------------

    def allows(self, scenario: Scenario) -> bool:
        """Is this story switched on? A story tagged with any topic that is switched off is not:
        "sextortion off" must hide a story about it even when it is also about helping a friend.
        Normal play (the picker) hides what this says no to, so a class doesn't meet it there."""
        if self.scenarios and scenario.id not in self.scenarios:
            return False
        if self.topics and not set(scenario.topics) <= set(self.topics):
            return False
        if self.grades and not set(self.grades) & set(scenario.grades):
            return False
        return True

    def offers(self, scenario: Scenario) -> bool:
        """Can a class session play it: switched on, and not a writer's draft."""
        return not scenario.draft and self.allows(scenario)  # a draft is playable by its writer only

    def offered(self, scenarios: dict[str, Scenario]) -> list[Scenario]:
        """The scenarios a session plays, in the teacher's order (else by id)."""
        chosen = [s for s in scenarios.values() if self.offers(s)]
        order = {sid: i for i, sid in enumerate(self.scenarios)}
        return sorted(chosen, key=lambda s: (order.get(s.id, len(order)), s.id))

    # -- saving ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """What a session's snapshot keeps: not the class folder, a path of this computer."""
        return {k: v for k, v in asdict(self).items() if k != "class_folder"}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClassSettings:
        """Build from saved data, ignoring unknown keys (a newer version's file still loads)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def settings_path() -> Path:
    return data_dir() / FILE_NAME


def load_settings() -> ClassSettings:
    """The saved settings, or the defaults when there are none or the file is damaged."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
        return ClassSettings.from_dict(data) if isinstance(data, dict) else ClassSettings()
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return ClassSettings()


def save_settings(settings: ClassSettings) -> None:
    settings.check()
    atomic_write_text(settings_path(), json.dumps(asdict(settings), indent=2, ensure_ascii=False))
