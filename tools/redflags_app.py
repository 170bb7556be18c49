"""The standalone app's entry point (see tools/redflags.spec): the same commands as `python -m game`.

`RedFlags` alone opens the game; `RedFlags validate`, `RedFlags walk game-teammate`, ... run the
other commands (on Windows through `redflags-cli.exe`, which has a console).
"""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
