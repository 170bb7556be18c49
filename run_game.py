"""Start Red Flags: `python run_game.py [--scenario ID] [--lang fr] ...` (see --help)."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main(["play", *sys.argv[1:]]))
