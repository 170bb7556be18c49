"""`python -m game guide --out guide.pdf [--lang fr] [--region CA|US|UK]`: the facilitator
guide, built from the playable scenarios, the red-flag taxonomy and the help resources, so it
never disagrees with what students play.

Contents: how to run a session, the red flags (with their research basis), then for each
scenario its summary, learning goals, every red flag and why, the discussion pauses and
questions, teacher notes, what to do for real and the resources; a page on responding to a
student's disclosure; every help resource of the region; sources.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from game.engine import services
from game.engine.model import Scenario, french_typography
from game.engine.options import LANGS, REGIONS
from game.engine.taxonomy import Resource, Resources, Taxonomy
from game.engine.validate import Library, load_library
from game.i18n import _, format_date, gettext_in, ngettext

from .guide_text import DISCLOSURE_INTRO, RUNNING, SOURCES, disclosure_items
from .pdfdoc import ACCENT, MUTED, Doc, pdf_command
from .session import ROLE_TEXT, ROLES
from .settings import load_settings
from .words import tr, trn

__all__ = ["RUNNING", "DISCLOSURE_INTRO", "SOURCES", "disclosure_items", "build_guide", "write_guide",
           "configure", "run"]


def _labelled(text: str, lang: str) -> str:
    """A box's label with its colon, as `lang` writes it ("Teacher note:", "Note pour l’enseignant :")."""
    return gettext_in(lang, "{label}:").format(label=text)


def _resource_line(res: Resource, lang: str) -> str:
    parts = [res.what.get(lang)]
    if res.phone:
        parts.append(gettext_in(lang, "Phone: {phone}").format(phone=res.phone))
    if res.text:
        parts.append(res.text.get(lang))
    if res.web:
        parts.append(res.web.get(lang))
    return " · ".join(parts)


def _resources(doc: Doc, items: list[tuple[str, Resource]], lang: str) -> None:
    for _rid, res in items:
        doc.room(14)
        doc.labelled(res.name.get(lang), "— " + _resource_line(res, lang), 9.5)


def _category(taxonomy: Taxonomy | None, cid: str, lang: str) -> str:
    cat = taxonomy.categories.get(cid) if taxonomy else None
    return cat.name.get(lang) if cat else cid


def _cover(doc: Doc, scenarios: list[Scenario], lang: str, region: str) -> None:
    doc.add_page()
    doc.set_fill_color(*ACCENT)
    doc.rect(0, 0, doc.w, 88, style="F")
    doc.set_text_color(255, 255, 255)
    doc.set_xy(doc.l_margin, 32)
    doc.set_font("body", "B", 34)
    doc.cell(0, 14, tr("app", lang))
    doc.set_xy(doc.l_margin, 50)
    doc.set_font("body", "", 20)
    doc.cell(0, 10, tr("guide.title", lang))
    doc.set_xy(doc.l_margin, 64)
    doc.set_font("body", "", 11)
    doc.cell(0, 6, doc.clean(tr("guide.subtitle", lang)))
    doc.set_text_color(*MUTED)
    doc.set_y(104)
    doc.para(tr("guide.region", lang, region=tr(f"region.{region}", lang)), 10, MUTED)
    doc.para(format_date(date.today(), lang), 10, MUTED)
    doc.ln(6)
    doc.h2(tr("guide.contents", lang))
    entries = [tr("guide.running", lang), tr("guide.taxonomy", lang)]
    entries += [s.title.get(lang) for s in scenarios]
    entries += [tr("guide.disclosure", lang), tr("guide.resources", lang), tr("guide.sources", lang)]
    doc.bullets(entries, 10.5)


def _running(doc: Doc, lang: str) -> None:
    doc.add_page()
    doc.h1(tr("guide.running", lang))
    for title, text in RUNNING:
        doc.h3(title.get(lang))
        doc.para(text.get(lang))
        if title.msgid == "Groups and roles":
            doc.bullets([f"{ROLE_TEXT[r][0].get(lang)} — {ROLE_TEXT[r][1].get(lang)}" for r in ROLES])


def _taxonomy(doc: Doc, taxonomy: Taxonomy | None, lang: str) -> None:
    if taxonomy is None:
        return
    doc.add_page()
    doc.h1(tr("guide.taxonomy", lang))
    doc.para(tr("guide.taxonomy_intro", lang))
    rows = [[c.name.get(lang), c.student.get(lang), f"{c.model.get(lang)} ({c.source})"]
            for c in taxonomy.categories.values()]
    doc.table_rows([tr("col.tactic", lang), "", tr("guide.research", lang)], rows,
                   (2.2, 4.2, 4.2), size=8.5)


def _scenario(doc: Doc, sc: Scenario, taxonomy: Taxonomy | None, resources: Resources | None,
              lang: str, region: str) -> None:
    doc.add_page()
    doc.h1(sc.title.get(lang))
    topics = ", ".join(sc.topics)
    grades = "–".join(str(g) for g in (min(sc.grades), max(sc.grades))) if len(sc.grades) > 1 \
        else str(sc.grades[0])
    doc.para(trn("guide.meta", len(set(sc.grades)), lang, grades=grades, minutes=sc.minutes_for(lang),
                 topics=topics, platform=sc.platform.name), 9, MUTED)
    doc.h2(tr("guide.summary", lang))
    doc.para(sc.summary.get(lang))
    doc.para(sc.debrief.summary.get(lang))
    doc.box(sc.content_note.get(lang), _labelled(tr("guide.content_note", lang), lang))
    doc.h2(tr("guide.goals", lang))
    doc.bullets(g.get(lang) for g in sc.goals)
    people = [(c.name.get(lang), c.claimed, c.really) for c in sc.characters.values() if c.claimed or c.really]
    if people:
        doc.h2(tr("guide.people", lang))
        doc.bullets(f"{name}: " + " — ".join(
            p for p in ((f"{tr('guide.claimed', lang)} {claimed.get(lang)[0].lower()}{claimed.get(lang)[1:]}"
                         if claimed else ""),
                        (f"{tr('guide.really', lang)}: {really.get(lang)}" if really else "")) if p)
                    for name, claimed, really in people)
    flags = []
    for beat in sc.beats.values():
        for msg in beat.messages:
            if msg.flag is not None:
                names = [_category(taxonomy, c, lang) for c in (msg.flag.category,) + msg.flag.also]
                who = sc.characters[msg.sender].name.get(lang) if msg.sender in sc.characters else msg.sender
                flags.append([f"{who}: " + doc.quote(msg.text.get(lang)), " / ".join(names), msg.flag.why.get(lang)])
    if flags:
        doc.h2(tr("guide.flags", lang))
        doc.table_rows([tr("col.message", lang), tr("col.tactic", lang), tr("guide.why", lang)],
                       flags, (3.8, 2, 4.6), size=8.5)
    pauses = [b.discuss for b in sc.beats.values() if b.discuss is not None]
    if pauses:
        doc.h2(tr("guide.pauses", lang))
        for p in pauses:
            doc.para(p.prompt.get(lang), bold=True)
            if p.teacher_note:
                doc.box(p.teacher_note.get(lang), _labelled(tr("guide.teacher_note", lang), lang))
    doc.h2(tr("guide.questions", lang))
    doc.bullets((q.get(lang) for q in sc.debrief.questions), mark="?")
    if sc.debrief.teacher_notes:
        doc.h2(tr("guide.teacher_notes", lang))
        doc.box(sc.debrief.teacher_notes.get(lang))
    if sc.debrief.real_life:
        doc.h2(tr("guide.real_life", lang))
        doc.bullets(t.get(lang) for t in sc.debrief.real_life)
    if resources is not None:
        chosen = [(rid, r) for rid, r in resources.resources.items()
                  if rid in sc.debrief.resources and region in r.regions]
        if chosen:
            doc.h2(tr("guide.resources", lang))
            _resources(doc, chosen, lang)


def _disclosure(doc: Doc, resources: Resources | None, lang: str, region: str) -> None:
    doc.add_page()
    doc.h1(tr("guide.disclosure", lang))
    doc.para(DISCLOSURE_INTRO.get(lang))
    typo = french_typography if lang == "fr" else (lambda t: t)
    for title, text in disclosure_items(region):
        doc.room(18)
        doc.labelled(typo(title.get(lang)), typo(services.fill(text.get(lang), lang)))
    doc.para(tr("guide.disclosure_note", lang), 9, MUTED)
    if resources is not None:
        doc.h2(tr("guide.resources", lang))
        _resources(doc, resources.for_region(region), lang)


def build_guide(library: Library, lang: str = "en", region: str = "CA") -> Doc:
    services.use(library.resources, region)  # stories name services by role: this region's
    scenarios = sorted(library.playable().values(), key=lambda s: (min(s.grades), s.id))
    doc = Doc(tr("guide.title", lang), lang)
    _cover(doc, scenarios, lang, region)
    _running(doc, lang)
    _taxonomy(doc, library.taxonomy, lang)
    for sc in scenarios:
        _scenario(doc, sc, library.taxonomy, library.resources, lang, region)
    _disclosure(doc, library.resources, lang, region)
    if library.resources is not None:
        doc.add_page()
        doc.h1(tr("guide.resources", lang) + f" · {tr(f'region.{region}', lang)}")
        _resources(doc, [(rid, r) for rid, r in library.resources.resources.items()
                         if region in r.regions], lang)
    doc.h2(tr("guide.sources", lang))
    doc.bullets(SOURCES, 8.5)
    return doc


def write_guide(out: str | Path, lang: str = "en", region: str = "CA",
                library: Library | None = None) -> Path:
    out = Path(out)
    build_guide(library or load_library(), lang, region).output(str(out))
    return out


# --- command -------------------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="guide.pdf", help=_("PDF file to write (default: guide.pdf)"))
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help=_("language (default: the class settings' language)"))
    parser.add_argument("--region", choices=REGIONS, default=None,
                        help=_("help resources of this region (default: the class settings' region)"))
    parser.add_argument("--scenarios", default=None, help=_("scenario folder (default: the shipped one)"))


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    library = load_library(args.scenarios)
    if not library.playable():
        print(_("no playable scenario: run 'python -m game validate' to see why"), file=sys.stderr)
        return 1
    lang, region = args.lang or settings.language, args.region or settings.region

    def make() -> str:
        out = write_guide(args.out, lang, region, library)
        return ngettext("wrote {out} ({n} scenario)", "wrote {out} ({n} scenarios)",
                        len(library.playable())).format(out=out, n=len(library.playable()))

    return pdf_command("guide", args.out, make)
