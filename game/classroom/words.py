"""Fixed English and French wording of the classroom documents and commands (the scenario text
itself comes from the YAML). One home, so the report and the guide say things the same way."""

from __future__ import annotations

from game.engine.model import french_typography

_WORDS: dict[str, tuple[str, str]] = {
    "app": ("Red Flags", "Red Flags"),
    "page": ("Page {n} of {total}", "Page {n} de {total}"),
    # class report
    "report.title": ("Class report", "Rapport de classe"),
    "report.subtitle": ("What the class understood", "Ce que la classe a compris"),
    "report.class": ("Class", "Classe"),
    "report.dates": ("Date", "Date"),
    "report.groups": ("Groups", "Groupes"),
    "report.scenarios": ("Scenarios", "Scénarios"),
    "report.summary": ("Class summary", "Résumé de la classe"),
    "report.avg_score": ("Average score", "Score moyen"),
    "report.knowledge": ("Knowledge check", "Questionnaire"),
    "report.before_after": ("before · after", "avant · après"),
    "report.points": ("percentage points, before to after", "points, d’avant à après"),
    "report.decision": ("Decision {n}", "Décision {n}"),
    "report.gain": ("Average gain", "Gain moyen"),
    "report.chart": ("Red flags caught, by tactic", "Signaux d’alarme repérés, par tactique"),
    "report.chart_note": ("Share of the times a group saw a red flag of this kind and flagged it. "
                          "The shortest bars are the tactics to discuss first.",
                          "Part des fois où un groupe a vu un signal de ce type et l’a signalé. "
                          "Les barres les plus courtes sont les tactiques à discuter d’abord."),
    "report.group_scores": ("Scores by group", "Scores par groupe"),
    "report.flags": ("Each red flag", "Chaque signal d’alarme"),
    "report.choices": ("How the class chose", "Les choix de la classe"),
    "report.per_group": ("Debrief by group", "Bilan par groupe"),
    "report.empty": ("No results yet. Groups' results appear here after they play, or after "
                     "you import their files.",
                     "Aucun résultat pour l’instant. Les résultats des groupes apparaissent ici "
                     "quand ils ont joué ou quand vous importez leurs fichiers."),
    "report.missing": ("Not counted (scenario not installed on this computer): {ids}",
                       "Non comptés (scénario absent de cet ordinateur) : {ids}"),
    "report.missed_flags": ("Tactics missed", "Tactiques manquées"),
    "report.unfinished": ("not finished", "pas terminé"),
    "col.group": ("Group", "Groupe"),
    "col.score": ("Score", "Score"),
    "col.caught": ("Caught", "Repérés"),
    "col.missed": ("Missed", "Manqués"),
    "col.false": ("False alarms", "Fausses alertes"),
    "col.before": ("Before", "Avant"),
    "col.after": ("After", "Après"),
    "col.gain": ("Gain", "Gain"),
    "col.message": ("Message", "Message"),
    "col.tactic": ("Tactic", "Tactique"),
    "col.groups_caught": ("Groups that caught it", "Groupes qui l’ont repéré"),
    "col.reply": ("Reply", "Réponse"),
    "col.safety": ("Safety", "Sécurité"),
    "col.chose": ("Groups", "Groupes"),
    "col.scenario": ("Scenario", "Scénario"),
    "col.ending": ("Ending", "Fin"),
    "safety.safe": ("safe", "sûr"),
    "safety.risky": ("risky", "risqué"),
    "safety.unsafe": ("unsafe", "dangereux"),
    "outcome.safe": ("safe", "sûre"),
    "outcome.risky": ("risky", "risquée"),
    "outcome.harmful": ("harmful", "néfaste"),
    # facilitator guide
    "guide.title": ("Facilitator guide", "Guide d’animation"),
    "guide.subtitle": ("Recognising online grooming and sextortion · Grades 7–8",
                       "Reconnaître le leurre et la sextorsion en ligne · 7e et 8e année"),
    "guide.region": ("Help resources for: {region}", "Ressources d’aide pour : {region}"),
    "guide.contents": ("Contents", "Table des matières"),
    "guide.running": ("Running a session", "Animer une séance"),
    "guide.taxonomy": ("The red flags", "Les signaux d’alarme"),
    "guide.taxonomy_intro": ("Every red flag in the scenarios is one of these tactics, drawn from "
                             "published research on online grooming and sextortion.",
                             "Chaque signal d’alarme des scénarios est l’une de ces tactiques, "
                             "tirées de la recherche publiée sur le leurre et la sextorsion en ligne."),
    "guide.research": ("Research", "Recherche"),
    "guide.summary": ("Summary", "Résumé"),
    "guide.goals": ("Learning goals", "Objectifs d’apprentissage"),
    "guide.content_note": ("Content note read to students", "Avertissement lu aux élèves"),
    "guide.flags": ("Red flags in this scenario", "Signaux d’alarme de ce scénario"),
    "guide.why": ("Why", "Pourquoi"),
    "guide.pauses": ("Discussion pauses", "Pauses de discussion"),
    "guide.teacher_note": ("Teacher note", "Note pour l’enseignant"),
    "guide.questions": ("Discussion questions", "Questions de discussion"),
    "guide.teacher_notes": ("Teacher notes", "Notes pour l’enseignant"),
    "guide.real_life": ("If it happens for real", "Si ça arrive pour vrai"),
    "guide.resources": ("Help resources", "Ressources d’aide"),
    "guide.people": ("Who is who", "Qui est qui"),
    "guide.claimed": ("said they were", "disait être"),
    "guide.really": ("really", "en réalité"),
    "guide.disclosure": ("Responding to a student's disclosure", "Réagir au dévoilement d’un élève"),
    "guide.disclosure_note": ("A summary to act on, not legal advice: the law where you teach and "
                              "your school's procedure come first. Keep your procedure's contact "
                              "names and numbers with this page.",
                              "Un résumé pour agir, pas un avis juridique : la loi de l’endroit où "
                              "vous enseignez et la procédure de votre école ont préséance. Gardez "
                              "les noms et les numéros de votre procédure avec cette page."),
    "guide.sources": ("Sources", "Sources"),
    "region.CA": ("Canada", "Canada"),
    "region.US": ("United States", "États-Unis"),
    "region.UK": ("United Kingdom", "Royaume-Uni"),
}


# Wording with a count in it: ((English singular, plural), (French singular, plural)). `trn`
# picks the form by the language's plural rule (game.i18n.plural_index: in French 0 and 1 take
# the singular), so no document says "1 groups" or "1 dangereuses".
_COUNTED: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "report.groups_n": (("{n} group", "{n} groups"), ("{n} groupe", "{n} groupes")),
    "report.both_n": (("before · after ({n} group answered both)", "before · after ({n} groups answered both)"),
                      ("avant · après ({n} groupe a répondu aux deux)",
                       "avant · après ({n} groupes ont répondu aux deux)")),
    "report.other_version": (
        ("{n} group played an older version of {title}: its flags are counted by tactic and its "
         "replies are shown as recorded ({replies}).",
         "{n} groups played an older version of {title}: their flags are counted by tactic and "
         "their replies are shown as recorded ({replies})."),
        ("{n} groupe a joué une version antérieure de {title} : ses signalements sont comptés par "
         "tactique et ses réponses sont montrées telles qu’enregistrées ({replies}).",
         "{n} groupes ont joué une version antérieure de {title} : leurs signalements sont comptés "
         "par tactique et leurs réponses sont montrées telles qu’enregistrées ({replies}).")),
    "report.other_version.uncounted": (
        ("{n} of them did not finish before the story changed, so it is not counted.",
         "{n} of them did not finish before the story changed, so they are not counted."),
        ("{n} d’entre eux n’avait pas fini avant que l’histoire change : il n’est pas compté.",
         "{n} d’entre eux n’avaient pas fini avant que l’histoire change : ils ne sont pas comptés.")),
    # the replies of a story's older version, by safety ("2 safe, 1 risky, 0 unsafe")
    "replies.safe": (("{n} safe", "{n} safe"), ("{n} sûre", "{n} sûres")),
    "replies.risky": (("{n} risky", "{n} risky"), ("{n} risquée", "{n} risquées")),
    "replies.unsafe": (("{n} unsafe", "{n} unsafe"), ("{n} dangereuse", "{n} dangereuses")),
    # a scenario's grades: n is how many ("Grade 7", "Grades 7–8")
    "guide.meta": (("Grade {grades} · {minutes} min · {topics} · a {platform} chat",
                    "Grades {grades} · {minutes} min · {topics} · a {platform} chat"),
                   ("{grades}e année · {minutes} min · {topics} · un clavardage {platform}",
                    "{grades}e année · {minutes} min · {topics} · un clavardage {platform}")),
}


def tr(key: str, lang: str = "en", **values: object) -> str:
    """The wording for `key` in `lang` (French with its typography), with {values} filled in."""
    en, fr = _WORDS[key]
    text = (fr if lang == "fr" else en).format(**values) if values else (fr if lang == "fr" else en)
    return french_typography(text) if lang == "fr" else text


def trn(key: str, n: int, lang: str = "en", **values: object) -> str:
    """The wording for `key` with the count `n` (its {n}) in `lang`, in the form that `lang`
    uses for that number, with the other {values} filled in."""
    from game.i18n import plural_index  # the catalogues' plural rules: one home for them

    forms = _COUNTED[key][1 if lang == "fr" else 0]
    text = forms[plural_index(n, lang)].format(n=n, **values)
    return french_typography(text) if lang == "fr" else text


def replies_told(safety: list[str], lang: str = "en") -> str:
    """How many replies were safe, risky and unsafe, each with its count: "2 safe, 1 risky, 0 unsafe"."""
    return ", ".join(trn(f"replies.{kind}", safety.count(kind), lang) for kind in ("safe", "risky", "unsafe"))


def other_version_note(n: int, counted: int, title: str, replies: list, lang: str = "en") -> str:
    """The class debrief's note on groups that played an older version of a story."""
    told = replies_told([r[2] for r in replies], lang)
    text = trn("report.other_version", n, lang, title=title, replies=told)
    if counted < n:
        text += " " + trn("report.other_version.uncounted", n - counted, lang)
    return text
