"""The pygame-ce front end: renders engine state and sends player actions, never decides rules."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # our commands print only what matters
