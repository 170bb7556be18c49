"""Player settings (language, text size, line spacing, theme, font, pacing, motion, read aloud,
switch scanning, sound, region, modes), saved as JSON.

Stored in data_dir()/settings.json with an atomic write. A missing, broken or partly wrong file
never stops the game: every value that is not valid falls back to its default.

Class defaults: the teacher's class settings may set defaults (language, text size, speed...),
as a typed `ClassDefaults` record of these same settings (`ClassSettings.defaults` gives it).
`Settings.with_class_defaults(defaults)` puts them *under* the player's own choices: a value the
player changed themselves (recorded in `chosen` by `set`/`cycle`) wins; every other value takes
the class default. The allowed values of the options a class shares with the player (language,
region, difficulty, feedback) are declared once, in game/engine/options.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .engine.options import LANGS, REGIONS, Difficulty, Feedback, Lang, Region
from .engine.options import values as option_values
from .userdata import atomic_write_text, data_dir

FILE_NAME = "settings.json"

# name -> allowed values (the first is not necessarily the default: see Settings)
CHOICES: dict[str, tuple] = {
    "lang": LANGS,
    "text_size": (100, 125, 150, 175, 200),  # percent
    "line_spacing": (100, 125, 150, 200),  # percent of the font's own line height
    "theme": ("default", "high-contrast"),
    "font": ("standard", "dyslexic"),
    "speed": ("slow", "normal", "fast", "instant"),
    "reduced_motion": (False, True),
    "read_aloud": ("off", "on_request", "auto"),
    "speech_rate": ("slow", "normal", "fast"),
    "sound": (True, False),
    "region": REGIONS,
    "difficulty": option_values(Difficulty),
    "feedback": option_values(Feedback),
    "writer": (False, True),
    "scanning": ("off", "slow", "normal", "fast"),
}

# sizes saved by earlier versions
LEGACY_TEXT_SIZE = {"small": 100, "medium": 100, "large": 125, "x-large": 150}
SPEED_FACTOR = {"slow": 1.6, "normal": 1.0, "fast": 0.45, "instant": 0.0}
SPEECH_WPM = {"slow": 130, "normal": 165, "fast": 210}
# switch scanning: seconds the focus rests on each control before moving on
SCAN_SECONDS = {"off": None, "slow": 3.0, "normal": 2.0, "fast": 1.2}

# names a teacher's class settings use for a player setting, when they differ
CLASS_NAMES = {"language": "lang"}
WHOLE_CLASS_TEXT_SIZE = 150  # one projector at the front: bigger text unless the class set one


@dataclass
class Settings:
    lang: str = Lang.EN.value
    text_size: int = 100
    line_spacing: int = 100
    theme: str = "default"
    font: str = "standard"
    speed: str = "normal"
    reduced_motion: bool = False
    read_aloud: str = "off"
    speech_rate: str = "normal"
    sound: bool = True
    region: str = Region.CA.value
    difficulty: str = Difficulty.SPOT.value
    feedback: str = Feedback.COACH.value
    writer: bool = False  # writer mode: a chat reloads its scenario when the YAML file is saved
    scanning: str = "off"  # one-switch play: the focus moves on by itself, Space or Enter chooses
    chosen: list[str] = field(default_factory=list)  # settings the player changed themselves

    def __post_init__(self) -> None:
        if isinstance(self.text_size, str):
            self.text_size = LEGACY_TEXT_SIZE.get(self.text_size, 100)

    @property
    def text_scale(self) -> float:
        return self.text_size / 100

    @property
    def line_scale(self) -> float:
        return self.line_spacing / 100

    @property
    def speed_factor(self) -> float:
        return SPEED_FACTOR[self.speed]

    @property
    def scan_seconds(self) -> float | None:
        return SCAN_SECONDS[self.scanning]

    @property
    def speech_wpm(self) -> int:
        return SPEECH_WPM[self.speech_rate]

    def set(self, name: str, value: Any) -> None:
        """The player sets `name`: it now overrides any class default."""
        if value not in CHOICES[name]:
            raise ValueError(f"{name} cannot be {value!r}")
        setattr(self, name, value)
        if name not in self.chosen:
            self.chosen.append(name)

    def cycle(self, name: str, step: int = 1) -> None:
        """Move setting `name` to the next (or previous) allowed value (a player's choice)."""
        values = CHOICES[name]
        current = getattr(self, name)
        i = values.index(current) if current in values else 0
        self.set(name, values[(i + step) % len(values)])

    def with_class_defaults(self, defaults: ClassDefaults | Mapping[str, Any] | object | None) -> Settings:
        """A copy where every setting the player has not chosen takes the class default.

        `defaults` is a `ClassDefaults`, a teacher's ClassSettings (its `defaults`), or a mapping
        of setting names (see CHOICES) to values. Invalid values are ignored.
        """
        out = replace(self, chosen=list(self.chosen))
        for name, value in class_defaults(defaults).items():
            if name not in self.chosen:
                setattr(out, name, value)
        return out

    def forget_choices(self) -> None:
        """Let class defaults apply to everything again (a new student at a shared computer)."""
        self.chosen.clear()

    @classmethod
    def from_dict(cls, data: object) -> Settings:
        out = cls()
        if isinstance(data, dict):
            data = dict(data)
            if data.get("text_size") in LEGACY_TEXT_SIZE:
                data["text_size"] = LEGACY_TEXT_SIZE[data["text_size"]]
            for f in fields(cls):
                if f.name == "chosen":
                    chosen = data.get("chosen")
                    if isinstance(chosen, list):
                        out.chosen = [c for c in chosen if c in CHOICES]
                    continue
                value = data.get(f.name)
                if value in CHOICES[f.name] and type(value) is type(getattr(out, f.name)):
                    setattr(out, f.name, value)
        return out


def _valid(name: str, value: Any) -> bool:
    """Whether `value` is one a player setting `name` can take (of the same type as its default)."""
    return name in CHOICES and value in CHOICES[name] and type(value) is type(getattr(_DEFAULTS, name))


@dataclass(frozen=True)
class ClassDefaults:
    """The player settings a class sets on every computer, under each player's own choices: the
    same settings as `Settings`, each None when the class leaves it to the player. A value a
    setting can't take is dropped (None), so a newer or damaged file never sets nonsense."""

    lang: str | None = None
    text_size: int | None = None
    line_spacing: int | None = None
    theme: str | None = None
    font: str | None = None
    speed: str | None = None
    reduced_motion: bool | None = None
    read_aloud: str | None = None
    speech_rate: str | None = None
    sound: bool | None = None
    region: str | None = None
    difficulty: str | None = None
    feedback: str | None = None
    scanning: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str) and type(value) is not str:  # an option's member: its value
                object.__setattr__(self, f.name, value := str(value))
            if f.name == "text_size" and value in LEGACY_TEXT_SIZE:
                object.__setattr__(self, f.name, LEGACY_TEXT_SIZE[value])
            elif value is not None and not _valid(f.name, value):
                object.__setattr__(self, f.name, None)

    @classmethod
    def from_mapping(cls, source: Mapping[str, Any]) -> ClassDefaults:
        """From setting names (CHOICES, and the teacher's `language`); `whole_class` (one
        projector) asks for large text when no text size is given. Unknown names are ignored."""
        known = {f.name for f in fields(cls)}
        items = {CLASS_NAMES.get(k, k): v for k, v in source.items()}
        record = cls(**{k: v for k, v in items.items() if k in known})
        if source.get("whole_class") is True and record.text_size is None:
            record = replace(record, text_size=WHOLE_CLASS_TEXT_SIZE)
        return record

    def values(self) -> dict[str, Any]:
        """The settings the class sets, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


def class_defaults(source: ClassDefaults | Mapping[str, Any] | object | None) -> dict[str, Any]:
    """The valid player-setting defaults in a `ClassDefaults`, a mapping, or a teacher's
    ClassSettings (whose `defaults` property is its record), by setting name."""
    if source is None:
        return {}
    if isinstance(source, Mapping):
        return ClassDefaults.from_mapping(source).values()
    record = source if isinstance(source, ClassDefaults) else getattr(source, "defaults", None)
    return record.values() if isinstance(record, ClassDefaults) else {}


_DEFAULTS = Settings()


def path() -> Path:
    return data_dir() / FILE_NAME


def load() -> Settings:
    """The saved settings, or defaults for anything missing or broken (never raises)."""
    try:
        text = path().read_text(encoding="utf-8")
        import json  # here, not at the top: a first launch (no file yet) never needs it

        return Settings.from_dict(json.loads(text))
    except (OSError, ValueError, UnicodeDecodeError, TypeError, AttributeError, RecursionError):
        return Settings()  # a damaged or hostile file (even 100,000 nested brackets): defaults


def save(settings: Settings) -> bool:
    """Save; returns False (and keeps playing) if the folder is not writable."""
    import json

    try:
        atomic_write_text(path(), json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n")
        return True
    except OSError:
        return False
