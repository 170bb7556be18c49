"""The printable class report (PDF): class summary, what the class can spot before and after
(with each group's d′ as a pair of dots), a chart of red flags caught per tactic, scores by
group, every red flag, how the class chose, and a debrief for each group.

    write_report(class_debrief(store, scenarios, check), scenarios, taxonomy, "report.pdf",
                 lang="fr", label="7B", dates="2025-03-04")
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

from game.engine.model import Scenario
from game.engine.taxonomy import Taxonomy
from game.engine.validate import Library
from game.i18n import format_date, gettext_in

from .classdebrief import ClassDebrief, class_debrief
from .knowledge import KnowledgeCheck
from .pdfdoc import ACCENT, INK, MUTED, RULE, Doc
from .presenter import DebriefLines, GroupChange, GroupLine, SpotLines, present, snippet
from .store import ResultsStore
from .words import tr, trn


def _pct(value: int | None) -> str:
    return "–" if value is None else f"{value} %"


def _gain(value: int | None) -> str:
    return "–" if value is None else f"{value:+d}"


def build_report(model: ClassDebrief, scenarios: dict[str, Scenario], taxonomy: Taxonomy | None,
                 lang: str = "en", label: str = "", dates: str = "") -> Doc:
    lines = present(model, scenarios, taxonomy, lang, by_group=True)
    doc = Doc(tr("report.title", lang), lang)
    doc.cover = False
    doc.add_page()
    title = tr("report.title", lang) + (f" · {label}" if label else "")
    doc.h1(title)
    facts = [(tr("report.dates", lang), dates or "–"),
             (tr("report.groups", lang), str(len(lines.groups))),
             (tr("report.scenarios", lang), ", ".join(s.title for s in lines.stories) or "–")]
    for name, value in facts:
        doc.labelled(gettext_in(lang, "{label}:").format(label=name), value)
    if lines.missing:
        doc.para(tr("report.missing", lang, ids=", ".join(lines.missing)), 9, MUTED)
    for note in lines.notes:
        doc.para(note, 9, MUTED)
    if not lines.groups:
        doc.para(tr("report.empty", lang))
        return doc

    doc.ln(2)
    change = lines.change
    doc.tiles([(tr("report.avg_score", lang), _pct(lines.percent), trn("report.groups_n", len(lines.groups), lang)),
               (tr("report.knowledge", lang), f"{_pct(change.before)} · {_pct(change.after)}",
                trn("report.both_n", change.groups, lang)),  # the same groups before and after
               (tr("report.gain", lang), _gain(lines.gain), tr("report.points", lang))])
    if lines.spot is not None:
        _spot(doc, lines.spot)
    if lines.tactics:
        doc.h2(tr("report.chart", lang))
        doc.para(tr("report.chart_note", lang), 9, MUTED)
        doc.bar_chart([(t.name, t.percent, f"{t.caught}/{t.seen}") for t in lines.tactics])

    doc.room(len(lines.groups) * 6 + 30)
    doc.h2(tr("report.group_scores", lang))
    doc.table_rows([tr(k, lang) for k in ("col.group", "col.score", "col.caught", "col.missed",
                                           "col.false", "col.before", "col.after", "col.gain")],
                   [[_short(g.name), _pct(g.percent), g.caught, g.missed, g.false_alarms, _pct(g.pre),
                     _pct(g.post), _gain(g.gain)] for g in lines.groups],
                   (5, 2, 2, 2, 2.4, 2, 2, 1.6), ("LEFT",) + ("RIGHT",) * 7)
    _flags(doc, lines, lang)
    _choices(doc, lines, lang)
    doc.add_page()
    doc.h2(tr("report.per_group", lang))
    for group in lines.groups:
        _group_debrief(doc, group, lang)
    return doc


def _spot(doc: Doc, spot: SpotLines) -> None:
    """What the class can spot, in the presenter's sentences, with the groups' d′ as dot pairs."""
    doc.h2(spot.title)
    if spot.intro:
        doc.para(spot.intro, 9, MUTED)
    for line in spot.lines:
        doc.para(line, 9.5)
    if spot.verdict:
        doc.para(spot.verdict, 9.5, bold=True)
    if spot.groups:
        doc.h3(spot.chart_title)
        _dot_pairs(doc, spot.groups, spot.headers[1], spot.headers[2])
    if spot.tactics:
        doc.h3(spot.tactics_title)
        doc.bullets(spot.tactics, 9)
    for i, line in enumerate(spot.later):
        doc.para(line, 9.5, bold=i == 0)


def _dot_pairs(doc: Doc, groups: tuple[GroupChange, ...], before: str, after: str,
               label_w: float = 52) -> None:
    """Each group's d′ before (a hollow dot) and after (a filled one) on one scale, joined by a
    line, with the numbers written after it: the spread at a glance, not only the mean."""
    row, x0 = 5.5, doc.l_margin + label_w
    full = doc.width - label_w - 42
    values = [v for g in groups for v in (g.before, g.after)]
    low, high = min(0, math.floor(min(values))), max(3, math.ceil(max(values)))

    def at(v: float) -> float:
        return x0 + full * (v - low) / (high - low)

    doc.room(len(groups) * row + 16)
    top = doc.get_y()
    height = len(groups) * row
    doc.set_line_width(0.2)
    doc.set_font("body", "", 7)
    doc.set_text_color(*MUTED)
    for tick in range(low, high + 1):
        doc.set_draw_color(*(MUTED if tick == 0 else RULE))
        doc.line(at(tick), top, at(tick), top + height)
        doc.set_xy(at(tick) - 5, top + height + 0.5)
        doc.cell(10, 4, str(tick), align="C")
    y = top + row / 2
    for g in groups:
        doc.set_font("body", "", 9)
        doc.set_text_color(*INK)
        doc.set_xy(doc.l_margin, y - row / 2)
        doc.cell(label_w - 3, row, doc.clean(_short(g.name, 30)), align="R")
        doc.set_draw_color(*MUTED)
        doc.set_line_width(0.4)
        doc.line(at(g.before), y, at(g.after), y)
        doc.set_fill_color(255, 255, 255)
        doc.circle(at(g.before), y, 1.3, style="DF")
        doc.set_fill_color(*ACCENT)
        doc.set_draw_color(*ACCENT)
        doc.circle(at(g.after), y, 1.3, style="DF")
        doc.set_xy(x0 + full + 2, y - row / 2)
        doc.set_font("body", "", 8)
        doc.cell(40, row, doc.clean(f"{g.text[0]} · {g.text[1]} ({g.text[2]})"))
        y += row
    legend = top + height + 7  # the key: a hollow dot is before, a filled one after
    doc.set_font("body", "", 8)
    doc.set_text_color(*MUTED)
    doc.set_draw_color(*MUTED)
    doc.set_fill_color(255, 255, 255)
    doc.circle(x0 + 1.3, legend, 1.3, style="DF")
    doc.set_xy(x0 + 4, legend - 2)
    doc.cell(30, 4, doc.clean(before))
    doc.set_fill_color(*ACCENT)
    doc.set_draw_color(*ACCENT)
    doc.circle(x0 + 35.3, legend, 1.3, style="DF")
    doc.set_xy(x0 + 38, legend - 2)
    doc.cell(30, 4, doc.clean(after))
    doc.set_text_color(*INK)
    doc.set_y(top + height + 12)


def _flags(doc: Doc, lines: DebriefLines, lang: str) -> None:
    doc.h2(tr("report.flags", lang))
    for story in lines.stories:
        if not story.flags:
            continue
        doc.h3(story.title)
        doc.table_rows([tr("col.message", lang), tr("col.tactic", lang), tr("col.groups_caught", lang)],
                       [[doc.quote(snippet(f.text, 90)), f.tactic, f"{f.caught}/{f.seen}"] for f in story.flags],
                       (6, 2.6, 1.8), ("LEFT", "LEFT", "RIGHT"))


def _choices(doc: Doc, lines: DebriefLines, lang: str) -> None:
    doc.h2(tr("report.choices", lang))
    for story in lines.stories:
        rows: list[list[object] | str] = []
        for d in story.decisions:
            after = " · " + doc.quote(snippet(d.after, 70)) if d.after else ""
            rows.append(tr("report.decision", lang, n=d.number) + after)
            rows += [[doc.quote(o.text), tr(f"safety.{o.safety}", lang), f"{o.count}/{d.total}"]
                     for o in d.options]
        if rows:
            doc.h3(story.title)
            doc.table_rows([tr("col.reply", lang), tr("col.safety", lang), tr("col.chose", lang)],
                           rows, (6.6, 1.4, 1.2), ("LEFT", "LEFT", "RIGHT"))


def _group_debrief(doc: Doc, group: GroupLine, lang: str) -> None:
    doc.room(50)
    doc.h3(f"{_short(group.name)} · {_pct(group.percent)}")
    rows: list[list[object] | str] = []
    for s in group.stories:
        ending = tr(f"outcome.{s.outcome}", lang) if s.outcome else tr("report.unfinished", lang)
        rows.append([s.title, ending, f"{s.score.points}/{s.score.max_points}", s.score.caught,
                     s.score.false_alarms, ", ".join(s.missed_tactics) or "–"])
    doc.table_rows([tr(k, lang) for k in ("col.scenario", "col.ending", "col.score", "col.caught",
                                           "col.false", "report.missed_flags")],
                   rows, (2.8, 1.2, 1.4, 1.2, 1.4, 4.6), ("LEFT", "LEFT") + ("RIGHT",) * 3 + ("LEFT",),
                   8)
    if group.pre is not None or group.post is not None:
        knowledge = gettext_in(lang, "{label}:").format(label=tr("report.knowledge", lang))
        doc.para(f"{knowledge} {_pct(group.pre)} · {_pct(group.post)} ({_gain(group.gain)})", 9)
    doc.ln(2)


def _short(name: str, most: int = 40) -> str:
    """A group name as the report prints it: names are bounded where they are typed and
    imported, and an older store's longer ones are cut here (a 2,000-character name once made a
    48 MB PDF)."""
    return name if len(name) <= most else name[: most - 1] + "…"


def _local_day(created: str) -> str:
    """The day a session started, on this computer's calendar (stored in UTC: an evening
    session in Canada is the next day in UTC), as YYYY-MM-DD so the days sort."""
    try:
        return datetime.fromisoformat(created).astimezone().date().isoformat()
    except ValueError:
        return created[:10]


def write_report(model: ClassDebrief, scenarios: dict[str, Scenario], taxonomy: Taxonomy | None,
                 out: str | Path, lang: str = "en", label: str = "", dates: str = "") -> Path:
    out = Path(out)
    build_report(model, scenarios, taxonomy, lang, label, dates).output(str(out))
    return out


def write_class_report(store: ResultsStore, library: Library, check: KnowledgeCheck | None,
                       out: str | Path, session_ids: list[str] | None = None,
                       lang: str = "en") -> ClassDebrief:
    """The report of the sessions in the store (default: all), labelled with their classes and
    dates. Returns the class debrief it shows."""
    infos = [s for s in store.sessions() if session_ids is None or s.id in session_ids]
    labels = ", ".join(sorted({s.label for s in infos if s.label}))
    days = sorted({_local_day(s.created) for s in infos})
    span = " – ".join(dict.fromkeys(format_date(d, lang) for d in (days[0], days[-1]))) if days else ""
    model = class_debrief(store, library.playable(), check, session_ids)
    write_report(model, library.playable(), library.taxonomy, out, lang, labels, span)
    return model
