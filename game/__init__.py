"""Red Flags: a classroom game for spotting online grooming and sextortion.

`game.engine` is pure Python (the scenario model, loader, validator, runtime and scoring);
`game.ui` renders it with pygame-ce; `game.authoring` and `game.classroom` hold the tools.
"""

__version__ = "0.1.0"
