"""`python -m game results ...`: class results from the command line, on this machine only.

    list                                   sessions, groups and what they played
    debrief [--session ID]                 the class debrief as text
    export --format csv|json [--out FILE] [--session ID] [--group ID]
    import FILE...                         merge group files (importing twice is harmless)
    report --out report.pdf [--lang fr]    the printable class report
    research OUT.csv [--session ID]        the anonymous research file, one row per response
                                           (columns: docs/evaluation.md)
    purge [--yes]                          delete every result
    class-code [--clear]                   sign exports with a code shared by the class's computers
    reset-pin [--yes]                      a new teacher PIN, with the recovery code

Every command but reset-pin asks for the teacher PIN once one is set (or results exist): on a
shared computer account students can open a terminal too. The PIN is read hidden on a
terminal, else as one line from standard input, and wrong tries count toward the game's
lock-out (pin_cmd.py). reset-pin asks for the recovery code; without it, it sets a new PIN only
after deleting every result. Nothing here sends anything anywhere.

The command speaks the language the game's screen is set to (settings.json); the text debrief is
written in its own language (--lang, else the class settings'), as the printed report is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine.model import LANGS
from game.engine.validate import Library
from game.i18n import _, gettext_in, ngettext, ngettext_in, pgettext
from game.library import game_library as load_library

from . import pin_cmd
from .cells import terminal_safe
from .classdebrief import CheckChange, ClassDebrief, class_debrief
from .exchange import export_csv, export_json, import_files
from .knowledge import gain_between, load_check
from .presenter import present
from .settings import load_settings
from .store import ResultsStore, StoreError
from .titles import session_titles


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser("list", help=_("sessions, groups and what they played"))
    p = sub.add_parser("debrief", help=_("the class debrief as text"))
    p.add_argument("--session", action="append", help=_("only this session (repeatable)"))
    p.add_argument("--lang", choices=LANGS, default=None)
    p = sub.add_parser("export", help=_("write results to a file (or to the screen)"))
    p.add_argument("--format", choices=("csv", "json"), default="json")
    p.add_argument("--out", help=_("file to write (default: print)"))
    p.add_argument("--session", action="append", help=_("only this session (repeatable)"))
    p.add_argument("--group", action="append", help=_("only this group id (repeatable; JSON only)"))
    p = sub.add_parser("import", help=_("merge results files exported on other computers"))
    p.add_argument("files", nargs="+", metavar="FILE",
                   help=_("results files, or folders of them (a USB stick, a class folder)"))
    p = sub.add_parser("report", help=_("write the printable class report (PDF)"))
    p.add_argument("--out", default="class-report.pdf")
    p.add_argument("--session", action="append", help=_("only this session (repeatable)"))
    p.add_argument("--lang", choices=LANGS, default=None)
    p = sub.add_parser("research", help=_("write the anonymous research file: one row per response, no "
                                          "names (see docs/evaluation.md)"))
    p.add_argument("out", metavar="OUT.csv", help=_("file to write"))
    p.add_argument("--session", action="append", help=_("only this session (repeatable)"))
    p = sub.add_parser("purge", help=_("delete every result on this computer"))
    p.add_argument("--yes", action="store_true", help=_("don't ask for confirmation"))
    p = sub.add_parser("reset-pin", help=_("choose a new teacher PIN with the recovery code (without "
                                           "it, every result is deleted first)"))
    p.add_argument("--yes", action="store_true", help=_("confirm deleting every result when the recovery "
                                                        "code is lost (the code is still asked for)"))
    p = sub.add_parser("class-code", help=_("sign exports with a code set on every computer of the "
                                            "class, so an edited results file is refused (see docs/privacy.md)"))
    p.add_argument("--clear", action="store_true", help=_("remove the class code from this computer"))


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        print(f"{question} " + _("Add --yes to confirm."), file=sys.stderr)
        return False
    answer = input(f"{question} " + _("Type 'yes' to confirm: "))
    return answer.strip().lower() in ("yes", "y", "oui", "o")


def run(args: argparse.Namespace) -> int:
    if args.action == "reset-pin":
        return pin_cmd.reset_pin(args.yes, _confirm)
    allowed = pin_cmd.authorise(args.action, getattr(args, "files", None))
    if not allowed:
        return 1
    if args.action == "class-code":
        return _class_code(args)
    try:
        store = ResultsStore()
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 1
    if store.notice:
        print(store.notice, file=sys.stderr)
    try:
        if allowed.key is not None:
            store.use_key(allowed.key)  # group names: sealed at rest, opened for the teacher
        return ACTIONS[args.action](store, args)
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        store.close()


def _class_code(args: argparse.Namespace) -> int:
    from . import signing

    if args.clear:
        print(_("class code removed") if signing.clear_code() else _("no class code was set"))
        return 0
    import getpass

    try:
        code = getpass.getpass(_("Class code (the same on every computer of the class): "))
        again = getpass.getpass(_("Type it again: "))
    except (EOFError, KeyboardInterrupt):
        print(_("no class code set"), file=sys.stderr)
        return 1
    if code != again:
        print(_("the two codes differ: nothing was set"), file=sys.stderr)
        return 1
    try:
        signing.set_code(code)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(_("class code set: exports from this computer are signed, and imports must be signed "
            "with the same code"))
    return 0


def _list(store: ResultsStore, args: argparse.Namespace) -> int:
    sessions = store.sessions()
    if not sessions:
        print(_("no results on this computer"))
        return 0
    titles = session_titles(sessions)  # two sessions of a class on one day get their times
    phases = {"pre": pgettext("check phase", "pre"), "post": pgettext("check phase", "post")}
    for s in sessions:
        print(_("session {id} · {title}").format(id=s.id[:8], title=terminal_safe(titles[s.id])))
        for g in store.groups([s.id]):
            plays = store.playthroughs(g.id)
            done = sum(p.finished for p in plays)
            answers = store.answers(g.id)
            checks = "/".join(phases[ph] for ph in phases if any(a.phase == ph for a in answers))
            left = len(plays) - done
            extra = ngettext(", {n} unfinished", ", {n} unfinished", left).format(n=left) if left > 0 else ""
            finished = ngettext("{n} scenario finished", "{n} scenarios finished", done).format(n=done)
            print(f"  {terminal_safe(g.name):<30} {finished}{extra}"
                  + (_(", check: {phases}").format(phases=checks) if checks else "") + f"  [{g.id[:8]}]")
    return 0


def _matching(ids: list[str] | None, known: list[str]) -> list[str] | None:
    """Full ids for ids or 8-character prefixes as `list` shows them."""
    if not ids:
        return None
    return [k for k in known if any(k.startswith(i) for i in ids)]


def _sessions(store: ResultsStore, args: argparse.Namespace) -> list[str] | None:
    found = _matching(getattr(args, "session", None), [s.id for s in store.sessions()])
    if found is not None and not found:
        raise StoreError(_("no such session: see 'python -m game results list'"))
    return found


def _debrief(store: ResultsStore, args: argparse.Namespace) -> int:
    library = load_library()
    check = load_check()[0]
    model = class_debrief(store, library.playable(), check, _sessions(store, args))
    print(format_debrief(model, library, args.lang or load_settings().language))
    return 0


def _table(title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A titled table for the terminal: the first column as wide as its longest cell, the
    numbers right-aligned under their headers (nothing when there is no row)."""
    if not rows:
        return []
    cells = [tuple(terminal_safe(c) for c in row) for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    return ["", title] + ["  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                          for i, (c, w) in enumerate(zip(row, widths, strict=True)))
                          for row in cells]


def format_debrief(model: ClassDebrief, library: Library, lang: str = "en") -> str:
    """The class debrief as plain text (terminal, screen readers), in `lang`."""
    if not model.groups:
        return gettext_in(lang, "no results yet")
    lines = present(model, library.playable(), library.taxonomy, lang)

    def pct(v: int | str | None) -> str:
        return "-" if v is None else gettext_in(lang, "{n}%").format(n=v)

    average = gettext_in(lang, "average score {p}").format(p=pct(lines.percent))
    out = [f"{groups_text(len(lines.groups), lang)} · {average} · {check_change_text(lines.change, lang)}"]
    if lines.spot is not None:
        out += ["", *lines.spot.text()]
        out += _table(lines.spot.chart_title, lines.spot.headers, [(g.name, *g.text) for g in lines.spot.groups])
    out += ["", gettext_in(lang, "Groups:")]
    for g in lines.groups:
        gain = "-" if g.gain is None else f"{g.gain:+d}"
        tally = gettext_in(lang, "caught {caught}, missed {missed}, false alarms {false}; check {pre} -> {post} "
                                 "({gain})").format(caught=g.caught, missed=g.missed, false=g.false_alarms,
                                                    pre=pct(g.pre), post=pct(g.post), gain=gain)
        out.append(f"  {terminal_safe(g.name):<24} {pct(g.percent):>5}  {tally}")
    out += ["", gettext_in(lang, "Red flags caught, by tactic (weakest first):")]
    for t in lines.tactics:
        bar = "#" * round(t.percent / 5)
        out.append(f"  {t.name:<28} {bar:<20} {pct(f'{t.percent:>3}')} ({t.caught}/{t.seen})")
    out += ["", gettext_in(lang, "How the class chose:")]
    for story in lines.stories:
        for d in story.decisions:
            out.append(f"  {story.title} · {d.beat}")
            for o in d.options:
                out.append(f"    {o.count:>2}/{d.total}  {o.safety:<6} {o.text}")
    if lines.missing:
        out += ["", gettext_in(lang, "not counted (scenario not installed): {ids}").format(
            ids=", ".join(lines.missing))]
    for note in lines.notes:
        out += ["", note]
    return "\n".join(out)


def _write(text: str, out: str | None) -> int:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    try:
        Path(out).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        print(_("cannot write {path}: {error}").format(path=out, error=exc.strerror or exc), file=sys.stderr)
        return 1
    print(_("wrote {path}").format(path=out), file=sys.stderr)
    return 0


def _export(store: ResultsStore, args: argparse.Namespace) -> int:
    sessions = _sessions(store, args)
    if args.format == "json":
        groups = _matching(args.group, [g.id for g in store.groups()])
        if groups is not None and not groups:
            raise StoreError(_("no such group: see 'python -m game results list'"))
        return _write(export_json(store, sessions, groups), args.out)
    check = load_check()[0]
    return _write(export_csv(store, load_library().playable(), check, sessions), args.out)


def _expand(names: list[str]) -> list[Path]:
    """Files as given; a folder (a USB stick, a class folder) stands for the .json files in it."""
    out: list[Path] = []
    for name in names:
        path = Path(name).expanduser()
        out += sorted(p for p in path.glob("*.json") if not p.name.startswith(".")) if path.is_dir() else [path]
    return out


def _import(store: ResultsStore, args: argparse.Namespace) -> int:
    failed, reports = 0, []
    files = _expand(args.files)
    if not files:
        print(_("no .json results files there"), file=sys.stderr)
        return 1
    for report in import_files(store, files):
        if report.ok:
            groups = ", ".join(report.groups) or _("no groups")
            news = report.added.get("actions", 0) + report.added.get("answers", 0)
            what = ngettext("{n} new action or answer", "{n} new actions and answers", news).format(n=news) \
                if report.new_rows else _("nothing new: it was already imported")
            print(_("{path}: {groups} ({what})").format(path=report.path, groups=groups, what=what))
        else:
            failed += 1
            print(report.error, file=sys.stderr)
        reports.append(report)
    if len(reports) > 1:
        same = sum(r.nothing_new for r in reports)
        new = len(reports) - failed - same
        print(_("{files}: {new}, {same}, {failed}").format(
            files=ngettext("{n} file", "{n} files", len(reports)).format(n=len(reports)),
            new=ngettext("{n} with new results", "{n} with new results", new).format(n=new),
            same=ngettext("{n} with nothing new", "{n} with nothing new", same).format(n=same),
            failed=ngettext("{n} not imported", "{n} not imported", failed).format(n=failed)))
    return 1 if failed else 0


def _report(store: ResultsStore, args: argparse.Namespace) -> int:
    from .pdfdoc import pdf_command
    from .report import write_class_report

    check = load_check()[0]
    sessions = _sessions(store, args)

    def make() -> str:
        model = write_class_report(store, load_library(), check, args.out, sessions,
                                   args.lang or load_settings().language)
        return _("wrote {path} ({groups})").format(path=args.out, groups=groups_text(len(model.groups)))

    return pdf_command("report", args.out, make)


def _research(store: ResultsStore, args: argparse.Namespace) -> int:
    """The anonymous long-format file: sessions as hashes, groups as G1, G2... in the order they
    joined their session, never a name or a class label (research.research_rows)."""
    import csv
    import io

    from .research import RESEARCH_COLUMNS, research_rows, session_key
    from .skillcheck import shipped_chats, shipped_forms

    sessions = _sessions(store, args)
    chats = {c.id: c for c in shipped_chats()}
    checks = {c.id: c for c in shipped_forms().values()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RESEARCH_COLUMNS)
    rows = 0
    for s in store.sessions():
        if sessions is not None and s.id not in sessions:
            continue
        for n, g in enumerate(store.groups([s.id]), 1):
            found = research_rows(session_key(s.id), f"G{n}", store.spots(g.id), store.answers(g.id), chats, checks)
            writer.writerows(found)
            rows += len(found)
    if _write(out.getvalue(), args.out):
        return 1
    print(ngettext("{n} response", "{n} responses", rows).format(n=rows), file=sys.stderr)
    return 0


def _purge(store: ResultsStore, args: argparse.Namespace) -> int:
    counts = store.counts()
    if not any(counts.values()):
        print(_("no results to delete"))
        return 0
    question = _("Delete all results on this computer ({groups}, {playthroughs})? This cannot be "
                 "undone.").format(groups=groups_text(counts["groups"]),
                                   playthroughs=playthroughs_text(counts["playthroughs"]))
    if not _confirm(question, args.yes):
        return 1
    store.purge()
    print(_("all results deleted"))
    return 0


def check_change_text(change: CheckChange, lang: str | None = None) -> str:
    """The knowledge check before and after, over the groups that answered both, in `lang`
    (default: the screen's language)."""
    if not change.groups:
        only = change.only_before
        return (gettext_in(lang, "knowledge check: no group answered both before and after yet")
                + (ngettext_in(lang, " ({n} answered before only)", " ({n} answered before only)", only).format(n=only)
                   if only else ""))
    gain = gain_between(change.before, change.after) or 0
    text = (ngettext_in(lang, "knowledge check: {n} group answered both: ",
                        "knowledge check: {n} groups answered both: ", change.groups).format(n=change.groups)
            + gettext_in(lang, "before {before}%, after {after}% ({points})").format(
                before=change.before, after=change.after,
                points=ngettext_in(lang, "{g} point", "{g} points", abs(gain)).format(g=f"{gain:+d}")))
    others = change.only_before + change.only_after
    return text + (ngettext_in(lang, "; {n} more answered one only", "; {n} more answered one only",
                               others).format(n=others) if others else "")


def groups_text(n: int, lang: str | None = None) -> str:
    return ngettext_in(lang, "{n} group", "{n} groups", n).format(n=n)


def playthroughs_text(n: int, lang: str | None = None) -> str:
    return ngettext_in(lang, "{n} playthrough", "{n} playthroughs", n).format(n=n)


ACTIONS = {"list": _list, "debrief": _debrief, "export": _export, "import": _import,
           "report": _report, "research": _research, "purge": _purge}
