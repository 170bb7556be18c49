"""The classroom documents' and commands' fixed wording by key (the scenario text itself comes
from the YAML), so the class report, the class debrief and the guide say things the same way.

The words are in the gettext catalogues like every other (msgid: the English here; French: the
.po), and a document asks for them in its own language, which need not be the screen's:
`tr("report.title", "fr")`. Option labels (a reply's safety, an ending's outcome, a region) are
the ones the screen uses, from game/engine/options.py.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import french_typography
from game.engine.options import Outcome, Region, Safety, label
from game.translatable import N_, NC_, NN_, Msg

_WORDS: dict[str, Msg] = {
    "app": N_("Red Flags"),
    "page": N_("Page {n} of {total}"),
    # class report
    "report.title": N_("Class report"),
    "report.subtitle": N_("What the class understood"),
    "report.class": N_("Class"),
    "report.dates": N_("Date"),
    "report.groups": N_("Groups"),
    "report.scenarios": N_("Scenarios"),
    "report.summary": N_("Class summary"),
    "report.avg_score": N_("Average score"),
    "report.knowledge": N_("Knowledge check"),
    "report.before_after": N_("before · after"),
    "report.points": N_("percentage points, before to after"),
    "report.decision": N_("Decision {n}"),
    "report.gain": N_("Average gain"),
    "report.chart": N_("Red flags caught, by tactic"),
    "report.chart_note": N_("Share of the times a group saw a red flag of this kind and flagged it. "
                            "The shortest bars are the tactics to discuss first."),
    "report.group_scores": N_("Scores by group"),
    "report.flags": N_("Each red flag"),
    "report.choices": N_("How the class chose"),
    "report.per_group": N_("Debrief by group"),
    "report.empty": NC_("report", "No results yet. Groups' results appear here after they play, "
                                  "or after you import their files."),
    "report.missing": N_("Not counted (scenario not installed on this computer): {ids}"),
    "report.missed_flags": N_("Tactics missed"),
    "report.unfinished": N_("not finished"),
    "col.group": N_("Group"),
    "col.score": N_("Score"),
    "col.caught": N_("Caught"),
    "col.missed": N_("Missed"),
    "col.false": N_("False alarms"),
    "col.before": N_("Before"),
    "col.after": N_("After"),
    "col.gain": N_("Gain"),
    "col.message": N_("Message"),
    "col.tactic": N_("Tactic"),
    "col.groups_caught": N_("Groups that caught it"),
    "col.reply": N_("Reply"),
    "col.safety": N_("Safety"),
    "col.chose": N_("Groups"),
    "col.scenario": N_("Scenario"),
    "col.ending": N_("Ending"),
    "col.later": N_("Later"),
    "col.change": N_("Change"),
    # what the class can spot (learning.py, over the same groups; docs/evaluation.md)
    "spot.title": N_("What the class can spot"),
    "spot.intro": N_("Before the first story and after the last, each group read short chats it had "
                     "never seen and flagged the messages it thought were red flags. d′ (sensitivity) "
                     "says how well a group told red flags from the other messages, whatever its "
                     "caution: 0 is no better than guessing, and higher is better. For a group that "
                     "flags neither too readily nor too rarely, d′ 1 is about 7 messages in 10 judged "
                     "right, d′ 2 about 8 in 10 and d′ 3 about 9 in 10."),
    "spot.phase": N_("{phase} ({groups}): red flags flagged {hits} of {signals}, false alarms "
                     "{alarms} of {others}, mean d′ {d}"),
    "spot.change": N_("Mean change in d′: {change} (from {before} to {after})"),
    "spot.spread": N_("Change by group: lowest {low}, median {mid}, highest {high}; {counts}"),
    "spot.none_both": N_("No group has judged chats both before and after yet."),
    "spot.knowledge_none": N_("Knowledge questions: no group has answered both before and after yet."),
    "spot.of": N_("{x} of {y}"),
    "spot.tactics": N_("Red flags flagged by tactic, before and after (the same groups)"),
    "spot.tactic": N_("{tactic}: {before} before, {after} after"),
    "spot.later_knowledge": N_("Knowledge questions: {before} right before, {after} after, {later} later"),
    "spot.by_group": N_("d′ by group, before and after"),
    # facilitator guide
    "guide.title": N_("Facilitator guide"),
    "guide.subtitle": N_("Recognising online grooming and sextortion · Grades 7–8"),
    "guide.region": N_("Help resources for: {region}"),
    "guide.contents": N_("Contents"),
    "guide.running": N_("Running a session"),
    "guide.taxonomy": N_("The red flags"),
    "guide.taxonomy_intro": N_("Every red flag in the scenarios is one of these tactics, drawn from "
                               "published research on online grooming and sextortion."),
    "guide.research": N_("Research"),
    "guide.summary": N_("Summary"),
    "guide.goals": N_("Learning goals"),
    "guide.content_note": N_("Content note read to students"),
    "guide.flags": N_("Red flags in this scenario"),
    "guide.why": N_("Why"),
    "guide.pauses": N_("Discussion pauses"),
    "guide.teacher_note": N_("Teacher note"),
    "guide.questions": N_("Discussion questions"),
    "guide.teacher_notes": N_("Teacher notes"),
    "guide.real_life": N_("If it happens for real"),
    "guide.resources": N_("Help resources"),
    "guide.people": N_("Who is who"),
    "guide.claimed": N_("said they were"),
    "guide.really": N_("really"),
    "guide.disclosure": N_("Responding to a student's disclosure"),
    "guide.disclosure_note": N_("A summary to act on, not legal advice: the law where you teach and "
                                "your school's procedure come first. Keep your procedure's contact "
                                "names and numbers with this page."),
    "guide.sources": N_("Sources"),
}

# Wording with a count in it: `trn` picks the form for the count by the language's plural rule
# (the catalogue's Plural-Forms: in French 0 and 1 take the singular), so no document says
# "1 groups" or "1 dangereuses".
_COUNTED: dict[str, Msg] = {
    "report.groups_n": NN_("{n} group", "{n} groups"),
    "report.both_n": NN_("before · after ({n} group answered both)",
                         "before · after ({n} groups answered both)"),
    "report.other_version": NN_(
        "{n} group played an older version of {title}: its flags are counted by tactic and its "
        "replies are shown as recorded ({replies}).",
        "{n} groups played an older version of {title}: their flags are counted by tactic and "
        "their replies are shown as recorded ({replies})."),
    "report.other_version.uncounted": NN_(
        "{n} of them did not finish before the story changed, so it is not counted.",
        "{n} of them did not finish before the story changed, so they are not counted."),
    # the replies of a story's older version, by safety ("2 safe, 1 risky, 0 unsafe")
    "replies.safe": NN_("{n} safe", "{n} safe"),
    "replies.risky": NN_("{n} risky", "{n} risky"),
    "replies.unsafe": NN_("{n} unsafe", "{n} unsafe"),
    # what the class can spot: n is a number of groups
    "spot.same": NN_("Over the {n} group that judged chats both before and after:",
                     "Over the {n} groups that judged chats both before and after:"),
    "spot.improved": NN_("{n} improved", "{n} improved"),
    "spot.stayed": NN_("{n} stayed about the same", "{n} stayed about the same"),
    "spot.dropped": NN_("{n} dropped", "{n} dropped"),
    "spot.short_pre": NN_("{n} of {total} chats before", "{n} of {total} chats before"),
    "spot.short_post": NN_("{n} of {total} chats after", "{n} of {total} chats after"),
    "spot.cut_short": NN_("{n} group judged fewer than {total} chats before or after (the check was cut "
                          "short): counted, but its d′ rests on fewer messages; the table by group "
                          "says which.",
                          "{n} groups judged fewer than {total} chats before or after (the check was cut "
                          "short): counted, but their d′ rests on fewer messages; the table by group "
                          "says which."),
    "spot.others": NN_("{n} more group judged chats only once: not counted in the change.",
                       "{n} more groups judged chats only once: not counted in the change."),
    "spot.knowledge": NN_("Knowledge questions, over the {n} group that answered both: {before} right "
                          "before, {after} after (mean change {change} points).",
                          "Knowledge questions, over the {n} groups that answered both: {before} right "
                          "before, {after} after (mean change {change} points)."),
    "spot.later": NN_("Later check, over the {n} group present before, after and later:",
                      "Later check, over the {n} groups present before, after and later:"),
    # the verdict (learning.verdict): n is the groups compared, k those that moved that way
    "spot.verdict.too_few": NN_("Too few groups to conclude anything: {n} group did both, and it takes "
                                "at least {min}.",
                                "Too few groups to conclude anything: {n} groups did both, and it takes "
                                "at least {min}."),
    "spot.verdict.most_improved": NN_(
        "Most groups improved ({k} of {n}, median change above zero). This describes these groups; "
        "it does not prove the lesson caused it.",
        "Most groups improved ({k} of {n}, median change above zero). This describes these groups; "
        "it does not prove the lesson caused it."),
    "spot.verdict.most_dropped": NN_(
        "Most groups did worse after ({k} of {n}, median change below zero).",
        "Most groups did worse after ({k} of {n}, median change below zero)."),
    "spot.verdict.unclear": NN_("No clear change: of {n} group, {k} improved, which is not a clear majority.",
                                "No clear change: of {n} groups, {k} improved, which is not a clear majority."),
    # a scenario's grades: n is how many ("Grade 7", "Grades 7–8")
    "guide.meta": NN_("Grade {grades} · {minutes} min · {topics} · a {platform} chat",
                      "Grades {grades} · {minutes} min · {topics} · a {platform} chat"),
}

# keys named after an option's values: "safety.unsafe", "outcome.harmful", "region.CA"
_OPTIONS = {"safety": Safety, "outcome": Outcome, "region": Region}


def _typeset(text: str, lang: str) -> str:
    """French typography over the filled-in text too (a title or a name may end in '?')."""
    return french_typography(text) if lang == "fr" else text


def tr(key: str, lang: str = "en", **values: object) -> str:
    """The wording for `key` in `lang` (French with its typography), with {values} filled in."""
    kind, _, value = key.partition(".")
    if kind in _OPTIONS and key not in _WORDS:
        text = label(_OPTIONS[kind], value, lang)
    else:
        text = _WORDS[key].get(lang)
    return _typeset(text.format(**values) if values else text, lang)


def trn(key: str, n: int, lang: str = "en", **values: object) -> str:
    """The wording for `key` with the count `n` (its {n}) in `lang`, in the form that `lang`
    uses for that number, with the other {values} filled in."""
    return _typeset(_COUNTED[key].count(n, lang).format(n=n, **values), lang)


def replies_told(safety: list[str], lang: str = "en") -> str:
    """How many replies were safe, risky and unsafe, each with its count: "2 safe, 1 risky, 0 unsafe"."""
    return ", ".join(trn(f"replies.{kind}", safety.count(kind), lang) for kind in Safety)


def other_version_note(n: int, counted: int, title: str, replies: list[Any], lang: str = "en") -> str:
    """The class debrief's note on groups that played an older version of a story."""
    told = replies_told([r[2] for r in replies], lang)
    text = trn("report.other_version", n, lang, title=title, replies=told)
    if counted < n:
        text += " " + trn("report.other_version.uncounted", n - counted, lang)
    return text
