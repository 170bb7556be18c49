"""Player settings (language, text size, line spacing, theme, font, pacing, motion, read aloud,
switch scanning, sound, region, modes), saved as JSON.

Stored in data_dir()/settings.json with an atomic write. A missing, broken or partly wrong file
never stops the game: every value that is not valid falls back to its default.

Class defaults: the teacher's class settings may set defaults (language, text size, speed...).
`Settings.with_class_defaults(defaults)` puts them *under* the player's own choices: a value the
player changed themselves (recorded in `chosen` by `set`/`cycle`) wins; every other value takes
the class default. `class_defaults(obj)` turns a `ClassSettings` (or any object or mapping with
the same names) into the mapping that method takes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .userdata import atomic_write_text, data_dir

FILE_NAME = "settings.json"

# name -> allowed values (the first is not necessarily the default: see Settings)
CHOICES: dict[str, tuple] = {
    "lang": ("en", "fr"),
    "text_size": (100, 125, 150, 175, 200),  # percent
    "line_spacing": (100, 125, 150, 200),  # percent of the font's own line height
    "theme": ("default", "high-contrast"),
    "font": ("standard", "dyslexic"),
    "speed": ("slow", "normal", "fast", "instant"),
    "reduced_motion": (False, True),
    "read_aloud": ("off", "on_request", "auto"),
    "speech_rate": ("slow", "normal", "fast"),
    "sound": (True, False),
    "region": ("CA", "US", "UK"),
    "difficulty": ("spot", "name"),
    "feedback": ("coach", "challenge"),
    "writer": (False, True),
    "scanning": ("off", "slow", "normal", "fast"),
}

# sizes saved by earlier versions
LEGACY_TEXT_SIZE = {"small": 100, "medium": 100, "large": 125, "x-large": 150}
SPEED_FACTOR = {"slow": 1.6, "normal": 1.0, "fast": 0.45, "instant": 0.0}
SPEECH_WPM = {"slow": 130, "normal": 165, "fast": 210}
# switch scanning: seconds the focus rests on each control before moving on
SCAN_SECONDS = {"off": None, "slow": 3.0, "normal": 2.0, "fast": 1.2}

# names a teacher's ClassSettings uses for a player setting, when they differ
CLASS_NAMES = {"language": "lang"}
WHOLE_CLASS_TEXT_SIZE = 150  # one projector at the front: bigger text unless the class set one


@dataclass
class Settings:
    lang: str = "en"
    text_size: int = 100
    line_spacing: int = 100
    theme: str = "default"
    font: str = "standard"
    speed: str = "normal"
    reduced_motion: bool = False
    read_aloud: str = "off"
    speech_rate: str = "normal"
    sound: bool = True
    region: str = "CA"
    difficulty: str = "spot"
    feedback: str = "coach"
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

    def with_class_defaults(self, defaults: Mapping[str, Any] | object | None) -> Settings:
        """A copy where every setting the player has not chosen takes the class default.

        `defaults` is a mapping of setting names (see CHOICES) to values, or a teacher's
        ClassSettings (anything `class_defaults` understands). Invalid values are ignored.
        """
        values = class_defaults(defaults)
        out = replace(self, chosen=list(self.chosen))
        for name, value in values.items():
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


def class_defaults(source: Mapping[str, Any] | object | None) -> dict[str, Any]:
    """The valid player-setting defaults in a mapping or a ClassSettings-like object.

    Understands the player's own names (CHOICES) and the teacher's `language`; `whole_class`
    (one projector) asks for large text when no text size is given.
    """
    if source is None:
        return {}
    if isinstance(source, Mapping):
        items = dict(source)
    else:
        items = {k: getattr(source, k) for k in dir(source)
                 if not k.startswith("_") and (k in CHOICES or k in CLASS_NAMES or k == "whole_class")}
    out: dict[str, Any] = {}
    for key, value in items.items():
        name = CLASS_NAMES.get(key, key)
        if name == "text_size" and value in LEGACY_TEXT_SIZE:
            value = LEGACY_TEXT_SIZE[value]
        if name in CHOICES and value in CHOICES[name] and type(value) is type(getattr(Settings(), name)):
            out[name] = value
    if items.get("whole_class") is True and "text_size" not in out:
        out["text_size"] = WHOLE_CLASS_TEXT_SIZE
    return out


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
