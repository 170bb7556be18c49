"""Sounds, generated at run time (no files, no licences): one soft two-note chime for an
incoming message. If the machine has no audio device the game simply stays silent."""

from __future__ import annotations

import array
import math

import pygame

RATE = 22050


def _chime(freqs=(880.0, 1320.0), length=0.16, volume=0.18) -> bytes:
    n = int(RATE * length)
    out = array.array("h")
    for i in range(n):
        t = i / RATE
        f = freqs[0] if i < n // 2 else freqs[1]
        env = math.sin(math.pi * i / n) ** 2  # soft attack and release: never a click
        out.append(int(32767 * volume * env * math.sin(2 * math.pi * f * t)))
    return out.tobytes()


def make_sounds() -> dict[str, pygame.mixer.Sound]:
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init(frequency=RATE, size=-16, channels=1)
        init = pygame.mixer.get_init()
        if init is None:  # not a sound device after all
            return {}
        freq, size, channels = init
        data = _chime()
        if channels == 2:  # the device insisted on stereo: duplicate each sample
            mono = array.array("h", data)
            stereo = array.array("h", (s for v in mono for s in (v, v)))
            data = stereo.tobytes()
        return {"message": pygame.mixer.Sound(buffer=data)}
    except (pygame.error, ValueError, TypeError):
        return {}
