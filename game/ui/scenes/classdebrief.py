"""The class debrief (teacher only): what the whole class understood, from every group's results
on this computer (played here or imported). Scores by group, a chart of the tactics the groups
caught (weakest first: what to discuss), each red flag, how the class chose at each decision,
the knowledge check before and after, and what the class can spot (the spot check over the same
groups, with the verdict in words). The numbers are the backend's `class_debrief`, named
and ordered by its presenter (the same lines as the PDF report and `results debrief`); this
screen only draws them. Also: export, import, the printable report and "delete all results".
Nothing leaves the computer unless the teacher writes a file somewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ...classroom import played as played_stories
from ...classroom.presenter import DebriefLines, SpotLines, present, share, snippet
from ...classroom.titles import session_titles
from ...i18n import _, ngettext
from ...places import list_folder, path_kind, remember
from ..widgets.base import (
    Block,
    Button,
    Card,
    OptionRow,
    Row,
    Spacer,
    TextBlock,
)
from ..widgets.charts import bar_rows, table
from ..widgets.panels import panel
from ..widgets.textfield import TextField
from .base import Dialog
from .classfolder import debrief_blocks, debrief_update, debrief_wake
from .page import FieldPage
from .questions import ask_replace
from .teacher_access import ask_pin_again


def pct(v: int | None) -> str:
    return "–" if v is None else _("{n}%").format(n=v)


def signed(v: int | None) -> str:
    return "–" if v is None else f"{v:+d}"


def safety_name(safety: str) -> str:
    return {"safe": _("safe"), "risky": _("risky"), "unsafe": _("unsafe")}.get(safety, safety)


def level(percent: int) -> str:
    """A bar's tone for how many caught it (the words beside it say the number)."""
    return "good" if percent >= 75 else "warn" if percent >= 40 else "bad"


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

    def update(self, dt: float) -> bool:
        if debrief_update(self.app):  # other computers' results merged from the class folder
            self.rebuild()
        return False

    def wake_after(self) -> float | None:
        return debrief_wake(self.app)

    def session_ids(self) -> list[str] | None:
        sessions = self.teacher.sessions()
        if self.session_choice == 0 or self.session_choice > len(sessions):
            return None
        return [sessions[self.session_choice - 1].id]

    def session_label(self) -> str:
        sessions = self.teacher.sessions()
        if self.session_choice == 0 or self.session_choice > len(sessions):
            return _("Every session ({n})").format(n=len(sessions))
        return session_titles(sessions)[sessions[self.session_choice - 1].id]  # same day and class: + time

    def change_session(self, step: int) -> None:
        n = len(self.teacher.sessions()) + 1
        self.session_choice = (self.session_choice + step) % n
        self.rebuild()

    def build(self) -> list[Block]:
        model = self.teacher.class_debrief(self.session_ids())
        self.model = model
        lines = present(model, self.app.library.playable(), self.app.library.taxonomy, self.app.settings.lang)
        blocks: list[Block] = [self.actions()]
        if self.notice:
            tone, text = self.notice
            blocks.append(panel([TextBlock(text, "body", "text", True)], tone, "notice"))
        blocks += debrief_blocks(self.app)  # the class folder: how many computers, when
        blocks.append(OptionRow(_("Results from"), self.session_label, self.change_session,
                                _("Imported results count like results played here."), name="sessions"))
        if not lines.groups:
            blocks.append(TextBlock(_("No results yet. Groups' results appear here after they play, or after "
                                      "you import their files."), "large", "muted", True))
            return blocks + self.delete_row()
        blocks += summary_blocks(lines, model.pre is not None or model.post is not None)
        blocks += spot_blocks(lines.spot) if lines.spot is not None else []
        blocks += chart_blocks(lines)
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
        open_chooser(self.app, kind, self.session_ids(), self.finished)

    def finished(self, tone: str, text: str) -> None:
        self.notice = (tone, text)
        self.offset = 0
        self.rebuild()

    def confirm_delete(self) -> None:
        self.app.push(Dialog(self.app, _("Delete all results?"),
                             _("Every group's results and every session on this computer are deleted for good. "
                               "Export them first if you want to keep them."),
                             [(_("Keep the results"), lambda: None), (_("Delete all results"), lambda: ask_pin_again(
                                 self.app, self.delete_all, _("Type it to delete every result on this computer.")))]))

    def delete_all(self) -> None:
        self.teacher.delete_all_results()
        room = self.app.classroom
        room.set_active(None)
        if room.solo is not None:
            room.solo.clear()
        played_stories.forget()  # the story list's "played" marks
        self.session_choice = 0
        self.finished("good", _("All results were deleted from this computer."))


def summary_blocks(lines: DebriefLines, any_check: bool) -> list[Block]:
    """The class at a glance, and what was not counted (`any_check`: some group took a check)."""
    facts = [ngettext("{n} group", "{n} groups", len(lines.groups)).format(n=len(lines.groups)),
             _("average score {p}").format(p=pct(lines.percent))]
    change = lines.change  # before and after over the same groups: those that answered both
    if change.groups:
        facts.append(ngettext("{n} group answered both checks: before {a}, after {b} ({g})",
                              "{n} groups answered both checks: before {a}, after {b} ({g})", change.groups).format(
            n=change.groups, a=pct(change.before), b=pct(change.after),
            g=ngettext("{g} point", "{g} points", abs(lines.gain or 0)).format(g=signed(lines.gain))))
    elif any_check:
        facts.append(_("knowledge check: no group has answered both before and after yet"))
    blocks: list[Block] = [Card([TextBlock(_("The class at a glance"), "body", "text", True),
                                 TextBlock("  ·  ".join(facts), "large", "text", True)], accent="online",
                                name="summary")]
    if lines.missing:
        blocks.append(TextBlock(_("Not counted (story not installed on this computer): {ids}").format(
            ids=", ".join(lines.missing)), "small", "warn"))
    blocks += [TextBlock(note, "small", "warn") for note in lines.notes]
    return blocks


def spot_blocks(spot: SpotLines) -> list[Block]:
    """What the class can spot, before and after over the same groups, in the presenter's words
    (the PDF and `results debrief` say the same), with each group's d′ before and after."""
    items: list[Block] = [TextBlock(spot.intro, "small", "muted")] if spot.intro else []
    items += [TextBlock(line, "body", "text") for line in spot.lines]
    if spot.verdict:
        items.append(TextBlock(spot.verdict, "body", "text", True))
    blocks: list[Block] = [TextBlock(spot.title, "heading", "text", True), Card(items, name="spot")]
    if spot.groups:
        body = [[g.name, *g.text] for g in spot.groups]
        blocks.append(Card([TextBlock(spot.chart_title, "body", "text", True), table(list(spot.headers), body)],
                           name="spot-groups"))
    if spot.tactics or spot.later:
        extra = [TextBlock(spot.tactics_title, "body", "text", True)] if spot.tactics else []
        extra += [TextBlock(t, "small", "text") for t in spot.tactics]
        extra += [TextBlock(t, "body", "text", i == 0) for i, t in enumerate(spot.later)]
        blocks.append(Card(extra, name="spot-more"))
    return blocks


def chart_blocks(lines: DebriefLines) -> list[Block]:
    """The tactics (weakest first), the scores by group, each red flag and how the class chose."""
    blocks: list[Block] = [
        TextBlock(_("Red flags caught, by tactic"), "heading", "text", True),
        TextBlock(_("Each time a group saw a red flag of this kind, did it flag it? The shortest "
                    "bars, at the top, are the tactics to discuss first."), "small", "muted")]
    rows = [(t.name, share(t.caught, t.seen),
             ngettext("{c} of {s} caught ({p}%)", "{c} of {s} caught ({p}%)", t.caught).format(
                 c=t.caught, s=t.seen, p=t.percent), level(t.percent)) for t in lines.tactics]
    blocks.append(Card([bar_rows(rows)] if rows else [TextBlock(
        _("No red flags in these stories: they practise judgement (not everyone new is a danger)."),
        "body", "muted")], name="chart"))
    blocks.append(TextBlock(_("Scores by group"), "heading", "text", True))
    headers = [_("Group"), _("Score"), _("Caught"), _("Missed"), _("False alarms"), _("Before"), _("After"),
               _("Gain")]
    body = [[g.name, pct(g.percent), str(g.caught), str(g.missed), str(g.false_alarms), pct(g.pre),
             pct(g.post), signed(g.gain)] for g in lines.groups]
    blocks.append(Card([table(headers, body)], name="groups"))
    if any(story.flags for story in lines.stories):
        blocks.append(TextBlock(_("Each red flag"), "heading", "text", True))
    for story in lines.stories:
        if not story.flags:
            continue
        frows = [("“" + snippet(f.text, 80) + "”  ·  " + f.tactic, share(f.caught, f.seen),
                  ngettext("caught by {c} of {s} group", "caught by {c} of {s} groups", f.seen).format(
                      c=f.caught, s=f.seen), level(f.percent)) for f in story.flags]
        blocks.append(Card([TextBlock(story.title, "body", "text", True), bar_rows(frows, 0.5)],
                           name=f"flags-{story.scenario_id}"))
    blocks.append(TextBlock(_("How the class chose"), "heading", "text", True))
    decisions = [(story.title, d) for story in lines.stories for d in story.decisions]
    for n, (title, d) in enumerate(decisions, 1):  # counted across the stories, as the screen reads
        items: list[Block] = [TextBlock(title + "  ·  " + _("Decision {n}").format(n=n), "small", "muted", True)]
        if d.after is not None:
            items.append(TextBlock(_("After: “{text}”").format(text=snippet(d.after, 120)), "body", "text"))
        orows = [(o.text + "  (" + safety_name(o.safety) + ")", share(o.count, d.total),
                  ngettext("{n} of {t} group", "{n} of {t} groups", d.total).format(n=o.count, t=d.total),
                  {"safe": "good", "risky": "warn", "unsafe": "bad"}.get(o.safety, "muted"))
                 for o in d.options]
        items.append(bar_rows(orows, 0.5))
        blocks.append(Card(items, name=f"choice-{n}"))
    return blocks


def default_folder() -> Path:
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home


def suggested_name(kind: str) -> str:
    today = date.today().isoformat()
    return {"json": f"redflags-results-{today}.json", "csv": f"redflags-results-{today}.csv",
            "pdf": f"redflags-class-report-{today}.pdf"}.get(kind, "")


def path_title(kind: str) -> str:
    return {"json": _("Export results"), "csv": _("Export for a spreadsheet"),
            "import": _("Import results"), "pdf": _("Class report (PDF)")}[kind]


def path_explain(kind: str) -> str:
    return {
        "json": _("One file with these results, to bring to the teacher's computer (a USB stick, a shared "
                  "drive) and import there. Group names are in it; student names never are."),
        "csv": _("One row per group and story, with the scores, for a spreadsheet."),
        "import": _("A results file exported on another computer, or a folder: every .json file in it is "
                    "imported. Importing the same file twice counts nothing twice."),
        "pdf": _("A printable report of the class debrief."),
    }[kind]


def carry_out(app, kind: str, path: Path, session_ids: list[str] | None) -> tuple[str, str] | str:
    """Write the export or the report at `path`, or import `path` (a file, or every .json file
    in a folder): (tone, words) for the debrief when done, else the problem to show."""
    teacher = app.classroom.teacher
    try:
        if kind == "import":
            return import_results(teacher, path)
        if path.is_dir():
            return _("That is a folder: add a file name at the end.")
        if kind == "pdf":
            teacher.write_report(path, session_ids, app.settings.lang)
        else:
            teacher.export(path, kind, session_ids)
        return "good", _("Saved to {path}").format(path=str(path.resolve()))
    except OSError as exc:
        return _("Could not write or read there: {why}").format(why=exc.strerror or str(exc))


def import_results(teacher, path: Path) -> tuple[str, str] | str:
    # a folder: its .json files as the chooser lists them (any case, no hidden ones: a USB stick
    # used on a Mac holds a "._" copy of each)
    files = [e.path for e in list_folder(path, (".json",)).entries if not e.is_dir] if path.is_dir() else [path]
    if not files or not all(f.exists() for f in files):
        return _("No results file there.") if path.is_dir() else _("There is no file {path}.").format(path=str(path))
    reports = teacher.import_files(files)
    good = [r for r in reports if r.ok]
    groups = sorted({g for r in good for g in r.groups})
    text = ngettext("Imported {n} of {t} file: {groups}.", "Imported {n} of {t} files: {groups}.",
                    len(reports)).format(n=len(good), t=len(reports),
                                                             groups=", ".join(groups) or "–")
    same = sum(r.nothing_new for r in good)
    if good and same == len(good):  # said plainly: importing again added nothing
        text = ngettext("Nothing new was added: this file was already imported.",
                        "Nothing new was added: these {n} files were already imported.", same).format(n=same)
    elif same:
        text += " " + ngettext("{n} file had nothing new (already imported).",
                               "{n} files had nothing new (already imported).", same).format(n=same)
    bad = [r for r in reports if not r.ok]
    if bad:
        text += " " + _("Not imported: {why}").format(why="; ".join(r.error for r in bad))
    return ("good" if not bad else "warn"), text


def open_chooser(app, kind: str, session_ids: list[str] | None, done: Callable[[str, str], None]) -> None:
    """The file chooser for an export, an import or the report; its "Type a path" opens the
    PathScene over it."""

    def act(path: Path) -> str | None:
        outcome = carry_out(app, kind, path, session_ids)
        if isinstance(outcome, str):
            return outcome
        done(*outcome)
        return None

    def typed(start: Path) -> None:
        app.push(PathScene(app, kind, session_ids, done, start, over=app.top))

    if kind == "import":
        app.open("files", path_title(kind), path_explain(kind), act, mode="open", extensions=(".json",),
                 ok_label=_("Import"), folder_label=_("Import every file in this folder"), type_path=typed)
    else:
        app.open("files", path_title(kind), path_explain(kind), act, mode="save",
                 extensions=("." + kind,), suggested=suggested_name(kind), ok_label=_("Save"), type_path=typed)


class PathScene(FieldPage):
    """Where to write an export or the report, or which file (or folder of files) to import, typed
    as a path: for places the chooser doesn't offer (`over` is the chooser, closed with it)."""

    name = "path"

    def __init__(self, app, kind: str, session_ids: list[str] | None, done: Callable[[str, str], None],
                 start: Path | None = None, over=None):
        self.kind, self.session_ids, self.done, self.over = kind, session_ids, done, over
        self.teacher = app.classroom.teacher
        self.problem = ""
        if start is None:
            name = suggested_name(kind)
            start = default_folder() / name if name else default_folder()
        self.field = TextField(_("File") if kind != "import" else _("File or folder"), str(start), 400,
                               on_enter=self.submit, on_focus=self.focus_field, name="path")
        self.title = path_title(kind)
        super().__init__(app)
        self.focus(self.field)

    def build(self):
        blocks: list[Block] = [TextBlock(path_explain(self.kind), "body", "text"), self.field,
                               TextBlock(_("Ctrl+Backspace clears the box."), "small", "muted")]
        if self.problem:
            blocks.append(panel([TextBlock(self.problem, "body", "bad", True)], "bad", "problem"))
        label = _("Import") if self.kind == "import" else _("Save")
        blocks.append(Row([Button(label, self.submit, "primary", width="auto", key_hint="Enter", name="ok"),
                           Button(_("Cancel"), self.back, "secondary", width="auto", name="cancel")]))
        return blocks

    def submit(self) -> None:
        if not self.field.text.strip():
            self.problem = _("Type where the file is.")
            self.rebuild()
            return
        path = Path(self.field.text.strip()).expanduser()
        kind = path_kind(path)
        if kind == "invalid":
            self.problem = _("This name can't be used here. Try a shorter one without special characters.")
            self.rebuild()
            return
        if self.kind != "import" and kind == "file":
            ask_replace(self.app, path, self.run)
            return
        self.run(path)

    def run(self, path: Path) -> None:
        outcome = carry_out(self.app, self.kind, path, self.session_ids)
        if isinstance(outcome, str):
            self.problem = outcome
            self.rebuild()
            return
        remember(path if path.is_dir() else path.parent)
        self.app.pop()
        if self.over is not None and self.app.top is self.over:
            self.app.pop()  # the chooser this was typed from
        self.done(*outcome)
