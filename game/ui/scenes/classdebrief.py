"""The class debrief (teacher only): what the whole class understood, from every group's results
on this computer (played here or imported). Scores by group, a chart of the tactics the groups
caught (weakest first: what to discuss), each red flag, how the class chose at each decision,
and the knowledge check before and after. The numbers are the backend's `class_debrief`; this
screen only draws them. Also: export, import, the printable report and "delete all results".
Nothing leaves the computer unless the teacher writes a file somewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pygame

from ...classroom.words import other_version_note
from ...i18n import _
from .. import text as tx
from ..theme import theme
from ..widgets.base import (
    Block,
    Button,
    Card,
    Custom,
    OptionRow,
    Row,
    Spacer,
    TextBlock,
    rrect,
)
from .base import Dialog
from .chat import category_name
from .session import FieldPage, TextField, panel


def pct(v: int | None) -> str:
    return "–" if v is None else _("{n}%").format(n=v)


def signed(v: int | None) -> str:
    return "–" if v is None else f"{v:+d}"


def snippet(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def safety_name(safety: str) -> str:
    return {"safe": _("safe"), "risky": _("risky"), "unsafe": _("unsafe")}.get(safety, safety)


# --- drawing: bars with words, and a table ---------------------------------------------------------


def bar_rows(rows: list[tuple[str, float, str, str]], label_share: float = 0.34) -> Custom:
    """Horizontal bars, one per row: (label, share 0..1, words, tone). The words say the number,
    so nothing depends on colour alone."""

    def layout(w: int):
        t = theme()
        gap = t.px("gap")
        lw = round(w * label_share)
        ww = max(tx.text_width(words, "small", True) for _l, _s, words, _t in rows) if rows else 0
        ww = min(ww, round(w * 0.3))
        bw = w - lw - ww - 2 * gap
        heights = [max(tx.text_height(label, "body", lw), tx.text_height(words, "small", ww, True),
                       t.px("button_h") - gap) for label, _s, words, _t in rows]
        return lw, ww, bw, heights

    def measure(w: int) -> int:
        gap = theme().px("gap")
        _lw, _ww, _bw, heights = layout(w)
        return sum(heights) + gap * max(0, len(rows) - 1)

    def draw(surf, rect, ui) -> None:
        t = theme()
        gap = t.px("gap")
        lw, ww, bw, heights = layout(rect.w)
        y = rect.y
        for (label, share, words, tone), h in zip(rows, heights):
            tx.draw_text(surf, label, "body", "text", (rect.x, y), lw, False, rect)
            bar = pygame.Rect(rect.x + lw + gap, y + (h - t.px("body")) // 2, bw, t.px("body"))
            rrect(surf, t.color("neutral_bg"), bar, 4)
            if share > 0:
                rrect(surf, t.color(tone), pygame.Rect(bar.x, bar.y, max(4, round(bw * share)), bar.h), 4)
            tx.draw_text(surf, words, "small", "text", (bar.right + gap, y + (h - t.px("small")) // 2 - 2),
                         ww, True, rect)
            y += h + gap

    return Custom(measure, draw)


def table(headers: list[str], rows: list[list[str]]) -> Custom:
    """A plain table: the first column takes the room left; the others fit their numbers."""

    def widths(w: int) -> list[int]:
        t = theme()
        pad = t.px("pad")
        cols = []
        for c in range(1, len(headers)):
            vals = [tx.text_width(r[c], "body") for r in rows] + \
                [tx.text_width(word, "small", True) for word in headers[c].split()]
            cols.append(max(vals) + pad)
        cap = (w * 2 // 3) // max(1, len(cols))
        cols = [min(max(c, round(60 * t.scale)), cap) for c in cols]
        return [w - sum(cols)] + cols

    def row_h(cells: list[str], ws: list[int], size: str, bold: bool) -> int:
        gap = theme().px("gap")
        return max(tx.text_height(cell, size, cw - gap, bold) for cell, cw in zip(cells, ws)) + gap

    def measure(w: int) -> int:
        ws = widths(w)
        return row_h(headers, ws, "small", True) + sum(row_h(r, ws, "body", False) for r in rows)

    def draw(surf, rect, ui) -> None:
        t = theme()
        gap = t.px("gap")
        ws = widths(rect.w)
        y = rect.y
        for n, cells in enumerate([headers] + rows):
            size, bold = ("small", True) if n == 0 else ("body", False)
            h = row_h(cells, ws, size, bold)
            if n % 2 == 0 and n:
                rrect(surf, t.color("neutral_bg"), pygame.Rect(rect.x, y, rect.w, h), 4)
            x = rect.x
            for c, (cell, cw) in enumerate(zip(cells, ws)):
                if c == 0:
                    tx.draw_text(surf, cell, size, "text" if n else "muted", (x + gap // 2, y + gap // 2), cw - gap,
                                 bold or (c == 0 and n > 0), rect)
                else:
                    tx.draw_text(surf, cell, size, "text" if n else "muted", (x, y + gap // 2), cw - gap // 2,
                                 bold, rect, "right")
                x += cw
            if n == 0:
                pygame.draw.line(surf, t.color("card_border"), (rect.x, y + h - 1), (rect.right, y + h - 1), 2)
            y += h

    return Custom(measure, draw)


# --- the screen ------------------------------------------------------------------------------------


class ClassDebriefScene(FieldPage):
    name = "class-debrief"

    def __init__(self, app):
        self.teacher = app.classroom.teacher
        self.session_choice = 0  # 0: every session; n: the nth session
        self.notice: tuple[str, str] | None = None  # (tone, text) after an action
        self.title = _("Class debrief")
        super().__init__(app)

    def on_top(self) -> None:
        self.title = _("Class debrief")
        self.rebuild()

    def session_ids(self) -> list[str] | None:
        sessions = self.teacher.sessions()
        if self.session_choice == 0 or self.session_choice > len(sessions):
            return None
        return [sessions[self.session_choice - 1].id]

    def session_label(self) -> str:
        sessions = self.teacher.sessions()
        if self.session_choice == 0 or self.session_choice > len(sessions):
            return _("Every session ({n})").format(n=len(sessions))
        s = sessions[self.session_choice - 1]
        return s.created[:10] + (f" · {s.label}" if s.label else "")

    def change_session(self, step: int) -> None:
        n = len(self.teacher.sessions()) + 1
        self.session_choice = (self.session_choice + step) % n
        self.rebuild()

    def build(self):
        lang = self.app.settings.lang
        tax = self.app.library.taxonomy
        scenarios = self.app.library.playable()
        model = self.teacher.class_debrief(self.session_ids())
        self.model = model
        blocks: list[Block] = [self.actions()]
        if self.notice:
            tone, text = self.notice
            blocks.append(panel([TextBlock(text, "body", "text", True)], tone, "notice"))
        blocks.append(OptionRow(_("Results from"), self.session_label, self.change_session,
                                _("Imported results count like results played here."), name="sessions"))
        if not model.groups:
            blocks.append(TextBlock(_("No results yet. Groups' results appear here after they play, or after "
                                      "you import their files."), "large", "muted", True))
            return blocks + self.delete_row()
        # summary
        facts = [_("{n} groups").format(n=len(model.groups)),
                 _("average score {p}").format(p=pct(model.percent))]
        if model.pre is not None or model.post is not None:
            facts.append(_("knowledge check: before {a}, after {b} (gain {g} points)").format(
                a=pct(model.pre), b=pct(model.post), g=signed(model.gain)))
        blocks.append(Card([TextBlock(_("The class at a glance"), "body", "text", True),
                            TextBlock("  ·  ".join(facts), "large", "text", True)], accent="online", name="summary"))
        if model.missing_scenarios:
            blocks.append(TextBlock(_("Not counted (story not installed on this computer): {ids}").format(
                ids=", ".join(model.missing_scenarios)), "small", "warn"))
        for v in model.other_versions:
            title = scenarios[v.scenario_id].title.get(lang) if v.scenario_id in scenarios else v.scenario_id
            blocks.append(TextBlock(other_version_note(v.groups, v.counted, title, list(v.replies), lang),
                                    "small", "warn"))
        # chart: tactics, weakest first
        blocks.append(TextBlock(_("Red flags caught, by tactic"), "heading", "text", True))
        blocks.append(TextBlock(_("Each time a group saw a red flag of this kind, did it flag it? The shortest "
                                  "bars, at the top, are the tactics to discuss first."), "small", "muted"))
        rows = [(category_name(tax, c.category, lang), c.caught / c.seen if c.seen else 0,
                 _("{c} of {s} caught ({p}%)").format(c=c.caught, s=c.seen, p=c.percent),
                 "good" if c.percent >= 75 else "warn" if c.percent >= 40 else "bad") for c in model.categories]
        blocks.append(Card([bar_rows(rows)] if rows else [TextBlock(
            _("No red flags in these stories: they practise judgement (not everyone new is a danger)."),
            "body", "muted")], name="chart"))
        # groups
        blocks.append(TextBlock(_("Scores by group"), "heading", "text", True))
        headers = [_("Group"), _("Score"), _("Caught"), _("Missed"), _("False alarms"), _("Before"), _("After"),
                   _("Gain")]
        body = [[g.name, pct(g.percent), str(g.caught), str(g.missed), str(g.false_alarms), pct(g.pre),
                 pct(g.post), signed(g.gain)] for g in model.groups]
        blocks.append(Card([table(headers, body)], name="groups"))
        # each red flag
        if model.flags:
            blocks.append(TextBlock(_("Each red flag"), "heading", "text", True))
        for sid in model.scenario_ids:
            flags = [f for f in model.flags if f.scenario_id == sid]
            if not flags:
                continue
            frows = [("“" + snippet(f.text.get(lang)) + "”  ·  " + category_name(tax, f.category, lang),
                      f.caught / f.seen if f.seen else 0,
                      _("caught by {c} of {s} groups").format(c=f.caught, s=f.seen),
                      "good" if f.percent >= 75 else "warn" if f.percent >= 40 else "bad") for f in flags]
            blocks.append(Card([TextBlock(scenarios[sid].title.get(lang), "body", "text", True), bar_rows(frows, 0.5)],
                               name=f"flags-{sid}"))
        # choices
        blocks.append(TextBlock(_("How the class chose"), "heading", "text", True))
        for n, ch in enumerate(model.choices, 1):
            items: list[Block] = [TextBlock(scenarios[ch.scenario_id].title.get(lang) + "  ·  " +
                                            _("Decision {n}").format(n=n), "small", "muted", True)]
            if ch.after is not None:
                items.append(TextBlock(_("After: “{text}”").format(text=snippet(ch.after.get(lang), 120)), "body",
                                       "text"))
            orows = [(o.choice.text.get(lang) + "  (" + safety_name(o.choice.safety) + ")",
                      o.count / ch.total if ch.total else 0,
                      _("{n} of {t} groups").format(n=o.count, t=ch.total),
                      {"safe": "good", "risky": "warn", "unsafe": "bad"}.get(o.choice.safety, "muted"))
                     for o in ch.options]
            items.append(bar_rows(orows, 0.5))
            blocks.append(Card(items, name=f"choice-{n}"))
        blocks += [Spacer(1), self.actions("-end")]
        return blocks + self.delete_row()

    def delete_row(self) -> list[Block]:
        """Delete all results: at the very end of the page, away from everything else."""
        return [Spacer(1), Row([Button(_("Delete all results"), self.confirm_delete, "secondary", width="auto",
                                       name="delete")])]

    def actions(self, suffix: str = "") -> Row:
        return Row([
            Button(_("Export results"), lambda: self.ask_path("json"), "secondary", width="auto", name=f"export{suffix}"),
            Button(_("Export for a spreadsheet"), lambda: self.ask_path("csv"), "secondary", width="auto",
                   name=f"csv{suffix}"),
            Button(_("Import results"), lambda: self.ask_path("import"), "secondary", width="auto",
                   name=f"import{suffix}"),
            Button(_("Class report (PDF)"), lambda: self.ask_path("pdf"), "secondary", width="auto",
                   name=f"report{suffix}"),
        ])

    # -- actions -----------------------------------------------------------------------------------

    def ask_path(self, kind: str) -> None:
        self.app.push(PathScene(self.app, kind, self.session_ids(), self.finished))

    def finished(self, tone: str, text: str) -> None:
        self.notice = (tone, text)
        self.offset = 0
        self.rebuild()

    def confirm_delete(self) -> None:
        self.app.push(Dialog(self.app, _("Delete all results?"),
                             _("Every group's results and every session on this computer are deleted for good. "
                               "Export them first if you want to keep them."),
                             [(_("Keep the results"), lambda: None), (_("Delete all results"), self.delete_all)]))

    def delete_all(self) -> None:
        self.teacher.delete_all_results()
        room = self.app.classroom
        room.set_active(None)
        if room.solo is not None:
            room.solo.clear()
        self.session_choice = 0
        self.finished("good", _("All results were deleted from this computer."))


def default_folder() -> Path:
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home


class PathScene(FieldPage):
    """Where to write an export or the report, or which file (or folder of files) to import."""

    name = "path"

    def __init__(self, app, kind: str, session_ids: list[str] | None, done: Callable[[str, str], None]):
        self.kind, self.session_ids, self.done = kind, session_ids, done
        self.teacher = app.classroom.teacher
        self.problem = ""
        today = date.today().isoformat()
        names = {"json": f"redflags-results-{today}.json", "csv": f"redflags-results-{today}.csv",
                 "pdf": f"redflags-class-report-{today}.pdf", "import": ""}
        start = default_folder() / names[kind] if names[kind] else default_folder()
        self.titles = {"json": _("Export results"), "csv": _("Export for a spreadsheet"),
                       "import": _("Import results"), "pdf": _("Class report (PDF)")}
        self.field = TextField(_("File") if kind != "import" else _("File or folder"), str(start), 400,
                               on_enter=self.submit, on_focus=self.focus_field, name="path")
        self.title = self.titles[kind]
        super().__init__(app)
        self.focus(self.field)

    def build(self):
        explain = {
            "json": _("One file with these results, to bring to the teacher's computer (a USB stick, a shared "
                      "drive) and import there. Group names are in it; student names never are."),
            "csv": _("One row per group and story, with the scores, for a spreadsheet."),
            "import": _("A results file exported on another computer, or a folder: every .json file in it is "
                        "imported. Importing the same file twice counts nothing twice."),
            "pdf": _("A printable report of the class debrief."),
        }[self.kind]
        blocks: list[Block] = [TextBlock(explain, "body", "text"), self.field,
                               TextBlock(_("Ctrl+Backspace clears the box."), "small", "muted")]
        if self.problem:
            blocks.append(panel([TextBlock(self.problem, "body", "bad", True)], "bad", "problem"))
        label = _("Import") if self.kind == "import" else _("Save")
        blocks.append(Row([Button(label, self.submit, "primary", width="auto", key_hint="Enter", name="ok"),
                           Button(_("Cancel"), self.back, "secondary", width="auto", name="cancel")]))
        return blocks

    def submit(self) -> None:
        path = Path(self.field.text.strip()).expanduser()
        if not self.field.text.strip():
            self.problem = _("Type where the file is.")
            self.rebuild()
            return
        try:
            if self.kind == "import":
                message = self.do_import(path)
                if message is None:
                    return
                tone, text = message
            else:
                if path.is_dir():
                    path = path / Path(str(self.field.text)).name
                    self.problem = _("That is a folder: add a file name at the end.")
                    self.rebuild()
                    return
                if self.kind == "pdf":
                    self.teacher.write_report(path, self.session_ids, self.app.settings.lang)
                else:
                    self.teacher.export(path, self.kind, self.session_ids)
                tone, text = "good", _("Saved to {path}").format(path=str(path.resolve()))
        except OSError as exc:
            self.problem = _("Could not write or read there: {why}").format(why=exc.strerror or str(exc))
            self.rebuild()
            return
        self.app.pop()
        self.done(tone, text)

    def do_import(self, path: Path) -> tuple[str, str] | None:
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        if not files or not all(f.exists() for f in files):
            self.problem = _("No results file there.") if path.is_dir() else _("There is no file {path}.").format(
                path=str(path))
            self.rebuild()
            return None
        reports = self.teacher.import_files(files)
        good = [r for r in reports if r.ok]
        groups = sorted({g for r in good for g in r.groups})
        text = _("Imported {n} of {t} files: {groups}.").format(n=len(good), t=len(reports),
                                                                 groups=", ".join(groups) or "–")
        bad = [r for r in reports if not r.ok]
        if bad:
            text += " " + _("Not imported: {why}").format(why="; ".join(r.error for r in bad))
        return ("good" if not bad else "warn"), text
