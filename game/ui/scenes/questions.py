"""Questions several screens ask in a Dialog: whether to replace a file that is already there
(the file chooser's Save, and a path typed on the class debrief)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...i18n import _
from .base import Dialog

if TYPE_CHECKING:
    from ..app import App


def ask_replace(app: App, path: Path, then: Callable[[Path], None]) -> None:
    """A file of that name is there already: replace it only when asked to (the chooser's save
    and the typed path share this one question)."""
    app.push(Dialog(app, _("Replace {name}?").format(name=path.name),
                    _("There is already a file with this name in {folder}. Replacing it loses what "
                      "it holds.").format(folder=str(path.parent)),
                    [(_("Keep it"), lambda: None), (_("Replace it"), lambda: then(path))]))
