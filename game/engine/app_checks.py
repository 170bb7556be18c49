"""Stories happen on fictional apps (authoring.md: "Fictional apps only"): a real app's name as
the story's app, a thread's app or in any text is RF056, a warning a reviewer reads before a
class does. Naming a real app would tie a tactic to one company (and date the story), and a
student could take a story's made-up rules (how blocking works, what a report does) for that
app's. The list holds the apps Grade 7-8 students use that share their name with no ordinary
English or French word ("Snap", "Messenger", "Threads", "Signal", "Steam" are left out)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .localtext import LocalText

REAL_APPS = (
    "Snapchat", "Instagram", "Insta", "TikTok", "Discord", "WhatsApp", "Facebook", "Roblox",
    "Fortnite", "Minecraft", "YouTube", "Twitch", "Telegram", "Omegle", "Reddit", "Twitter",
    "iMessage", "WeChat", "Kik", "Xbox", "PlayStation", "Tumblr", "Pinterest", "BeReal", "Wattpad",
    "Skype", "FaceTime", "Yubo", "Wizz", "OnlyFans", "Tinder", "Grindr",
)
REAL_APP_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, REAL_APPS)) + r")(?![\w-])", re.IGNORECASE)
HINT = ("use a fictional app (the shipped ones have look files in game/assets/themes/apps/: "
        "Whisprr, FaceLoop, PixelQuest...), or say 'another app'")

Add = Callable[[tuple[Any, ...], str, str, str], None]


def check_apps(sc: Any, texts: Sequence[tuple[tuple[Any, ...], LocalText]], add: Add) -> None:
    """RF056 for a real app's name in the story's app, a thread's app or a text (either language)."""
    names: list[tuple[tuple[Any, ...], str]] = [(("platform", "name"), sc.platform.name)]
    names += [(("threads", tid, "app"), th.app) for tid, th in (getattr(sc, "threads", None) or {}).items() if th.app]
    for path, name in names:
        m = REAL_APP_RE.search(name)
        if m:
            add(path, "RF056", f"'{m.group(0)}' is a real app: stories happen on fictional ones", HINT)
    if not REAL_APP_RE.search("\n".join(f"{t.en}\n{t.fr or ''}" for _, t in texts)):
        return  # one search over everything; only on a hit, find which texts hold the name
    for path, text in texts:
        for lang, value in (("en", text.en), ("fr", text.fr)):
            m = REAL_APP_RE.search(value) if value else None
            if m:
                add(path, "RF056", f"'{m.group(0)}' is a real app ({lang}): stories happen on fictional ones", HINT)
