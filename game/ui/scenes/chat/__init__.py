"""The chat screen, in parts. scene.py wires them (ChatScene) and forward.py keeps its old names.

The message list: items.py (its lines), log.py (heights, scrolling, holding under the pointer,
the "new messages" count), measure.py (how tall a line is) and listview.py (drawing what is in
view). pacer.py times it (engine.pacing is the model); controls.py takes keys and the mouse;
dock.py holds the replies and the Coach card; geometry.py, header.py, side.py and overlays.py the
rest of the screen; start.py how a playthrough starts. wording.py and narration.py are its words,
on screen and read aloud: neither imports pygame.
"""

from .items import Item
from .listview import BUBBLE_BYTES, BUBBLE_CACHE
from .log import WHOLE_MESSAGES
from .pacer import ENDING_DELAY, SETTLE
from .scene import ChatScene

__all__ = ["BUBBLE_BYTES", "BUBBLE_CACHE", "ENDING_DELAY", "SETTLE", "WHOLE_MESSAGES", "ChatScene", "Item"]
