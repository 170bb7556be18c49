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

from game.engine.model import LANGS, Scenario, french_typography
from game.engine.taxonomy import REGIONS, Resource, Resources, Taxonomy
from game.engine import services
from game.engine.validate import Library, load_library
from game.i18n import format_date, ngettext

from .pdfdoc import ACCENT, MUTED, Doc, pdf_command
from .session import ROLE_TEXT, ROLES
from .settings import load_settings
from .words import tr, trn


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "fr" else pair[0]


RUNNING: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (("Before you start", "Avant de commencer"),
     ("Play the scenarios yourself first. Choose in teacher mode which scenarios are offered "
      "(by topic and grade), the difficulty, the feedback and the discussion pauses. Tell the "
      "class that the stories are fiction, that nothing explicit is shown, and that anyone can "
      "step out and talk to you at any time.",
      "Jouez d’abord les scénarios vous-même. En mode enseignant, choisissez les scénarios "
      "offerts (par thème et par année), la difficulté, la rétroaction et les pauses de "
      "discussion. Dites à la classe que les histoires sont fictives, que rien d’explicite n’est "
      "montré et que chacun peut sortir et venir vous parler en tout temps.")),
    (("Groups and roles", "Groupes et rôles"),
     ("Groups of 2 or 3 share one computer. Each group types a team name, never a student's "
      "name. The roles card shows who does what, and the roles move one seat at every scenario "
      "so everyone takes every role.",
      "Des groupes de 2 ou 3 élèves partagent un ordinateur. Chaque groupe entre un nom "
      "d’équipe, jamais le nom d’un élève. La carte des rôles montre qui fait quoi, et les "
      "rôles changent de place à chaque scénario pour que chacun les essaie tous.")),
    (("Spot it and Name it", "Repère-le et Nomme-le"),
     ("In Spot it, groups flag the messages that worry them. In Name it, they also choose the "
      "tactic, which earns a bonus. Coach feedback explains each flag and reply at once; "
      "Challenge keeps every explanation for the debrief.",
      "Dans Repère-le, les groupes signalent les messages qui les inquiètent. Dans Nomme-le, ils "
      "choisissent aussi la tactique, ce qui donne un bonus. La rétroaction Coach explique "
      "chaque signal et chaque réponse tout de suite; Défi garde les explications pour le bilan.")),
    (("Planning a 45-minute lesson", "Planifier un cours de 45 minutes"),
     ("When you start a class session, choose 1 to 3 stories for this lesson: the screen shows "
      "each story’s minutes and the whole lesson’s (stories, both checks, discussion). Two stories "
      "fill a lesson. From the session screen you can send every group to the after-check at any "
      "time (a story they are in the middle of stays unfinished); the class debrief then compares "
      "before and after over the groups that answered both.",
      "En lançant une séance, choisissez de 1 à 3 histoires pour ce cours : l’écran montre les "
      "minutes de chaque histoire et du cours entier (histoires, les deux questionnaires, "
      "discussion). Deux histoires remplissent un cours. De l’écran de la séance, vous pouvez "
      "envoyer tous les groupes au questionnaire de fin à tout moment (une histoire en cours reste "
      "inachevée); le bilan de classe compare alors l’avant et l’après sur les groupes qui ont "
      "répondu aux deux.")),
    (("Discussion pauses", "Pauses de discussion"),
     ("Before some decisions a “Talk it over” panel gives the group a prompt and, if you set "
      "one, a timer, beside or under the chat, which stays in view. A stray key can’t skip it: "
      "“We’re ready” answers after a few seconds. Teacher notes for the pause appear only in "
      "teacher view (and hide again when nobody touches anything for 30 seconds) and in this guide.",
      "Avant certaines décisions, un panneau « Discutez-en » donne une question au groupe et, si "
      "vous l’avez choisi, une minuterie, à côté ou sous le clavardage, qui reste visible. Une "
      "touche pressée par erreur ne le fait pas disparaître : « Nous sommes prêts » ne répond "
      "qu’après quelques secondes. Les notes pour l’enseignant n’apparaissent qu’en vue enseignant "
      "(et se cachent de nouveau après 30 secondes sans que personne ne touche à rien) et dans ce "
      "guide.")),
    (("Before and after", "Avant et après"),
     ("A short knowledge check opens the session and closes it. It is not marked; the class "
      "report shows the gain of each group, which tells you what the session taught.",
      "Un court questionnaire ouvre et ferme la séance. Il n’est pas noté; le rapport de classe "
      "montre le gain de chaque groupe, ce qui vous dit ce que la séance a appris.")),
    (("Whole-class mode", "Mode classe entière"),
     ("On one projector, with large text: you drive, the class discusses and votes on each "
      "flag and reply. Keep teacher view off the projector.",
      "Sur un projecteur, en gros caractères : vous conduisez, la classe discute et vote pour "
      "chaque signal et chaque réponse. Gardez la vue enseignant hors du projecteur.")),
    (("A forgotten PIN", "Un NIP oublié"),
     ("On the PIN screen, “Forgot the PIN?” takes the recovery code you wrote down and lets you "
      "choose a new PIN. Without the code, open a terminal on this computer and run: "
      "python -m game results reset-pin (it deletes every result before a new PIN can be set). "
      "The game never shows this command, so students can't read it there.",
      "À l’écran du NIP, « NIP oublié? » demande le code de récupération que vous avez noté et vous "
      "laisse choisir un nouveau NIP. Sans le code, ouvrez un terminal sur cet ordinateur et "
      "lancez : python -m game results reset-pin (tous les résultats sont supprimés avant qu’un "
      "nouveau NIP puisse être choisi). Le jeu n’affiche jamais cette commande : les élèves ne "
      "peuvent pas la lire à l’écran.")),
    (("A class folder", "Un dossier de classe"),
     ("Groups on several computers: in Class settings, choose the same class folder (a network "
      "drive, OneDrive or Google Drive) on every computer, yours too. Each computer writes its "
      "results there as groups play, and your class debrief shows them all, refreshed every few "
      "seconds. Anyone who can open that folder can read the results.",
      "Des groupes sur plusieurs ordinateurs : dans les paramètres de la classe, choisissez le "
      "même dossier de classe (lecteur réseau, OneDrive ou Google Drive) sur chaque ordinateur, "
      "le vôtre aussi. Chaque ordinateur y écrit ses résultats pendant que les groupes jouent, et "
      "votre bilan de classe les montre tous, mis à jour toutes les quelques secondes. Toute "
      "personne qui peut ouvrir ce dossier peut lire les résultats.")),
    (("Results and privacy", "Résultats et vie privée"),
     ("Results are saved on this computer as each action happens, with group names only. "
      "Nothing leaves the computer by itself. Groups on other computers export a file that you "
      "import; the class debrief and the class report then cover every group. Delete all "
      "results in teacher mode when you no longer need them.",
      "Les résultats sont enregistrés sur cet ordinateur à chaque action, avec seulement les "
      "noms de groupes. Rien ne quitte l’ordinateur de lui-même. Les groupes sur d’autres "
      "ordinateurs exportent un fichier que vous importez; le bilan et le rapport de classe "
      "couvrent alors tous les groupes. Supprimez tous les résultats en mode enseignant quand "
      "vous n’en avez plus besoin.")),
]

DISCLOSURE_INTRO = (
    "A scenario can remind a student of something that is happening, or has happened, to them "
    "or a friend. If a student tells you, how you respond matters more than having the right "
    "words.",
    "Un scénario peut rappeler à un élève quelque chose qui lui arrive, ou lui est arrivé, à "
    "lui ou à un ami. Si un élève se confie à vous, votre façon de réagir compte plus que de "
    "trouver les mots parfaits.")
# Texts may name help services by role ({tipline}, {crisis-line.phone}...): _disclosure fills
# them for the guide's region, so a US or UK guide never names a Canadian service.
DISCLOSURE_FIRST: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (("Stay calm.", "Restez calme."),
     ("Your reaction tells the student whether it was safe to tell. Find a private place "
      "within sight of others.",
      "Votre réaction dit à l’élève s’il pouvait se confier sans danger. Trouvez un endroit "
      "discret, à la vue des autres.")),
    (("Listen.", "Écoutez."),
     ("Let them tell it in their own words and at their pace. Don’t question them in detail or "
      "suggest what happened: investigating is not your role.",
      "Laissez l’élève raconter avec ses mots, à son rythme. Ne posez pas de questions "
      "détaillées et ne suggérez pas ce qui s’est passé : enquêter n’est pas votre rôle.")),
    (("Believe them, and say so.", "Croyez l’élève, et dites-le."),
     ("“Thank you for telling me. I believe you. You did the right thing.”",
      "« Merci de me l’avoir dit. Je te crois. Tu as bien fait. »")),
    (("Don’t blame.", "Ne blâmez pas."),
     ("“This is not your fault, and you are not in trouble.” The person who did this is "
      "responsible, even if the student sent a picture or paid.",
      "« Ce n’est pas ta faute, et tu n’es pas dans le trouble. » La personne qui a fait ça est "
      "responsable, même si l’élève a envoyé une photo ou payé.")),
    (("Don’t promise secrecy.", "Ne promettez pas le secret."),
     ("Explain that you will have to tell the people whose job is to keep them safe, and that "
      "you will tell them what happens next.",
      "Expliquez que vous devrez en parler aux personnes dont le travail est de le protéger, "
      "et que vous lui direz ce qui va se passer ensuite.")),
]
# Who a teacher reports to, by region (checked 2026-11-29, see docs/sources.md): Ontario's
# Child, Youth and Family Services Act, 2017, s. 125; US state mandated-reporter laws; in
# England, Keeping Children Safe in Education (the designated safeguarding lead).
DUTY_TO_REPORT: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "CA": (("Report it yourself, today.", "Faites le signalement vous-même, aujourd’hui."),
           ("In Ontario, the Child, Youth and Family Services Act, 2017 (s. 125) requires every "
            "person, including anyone who works with children, who has reasonable grounds to "
            "suspect that a child is or may be in need of protection to report it immediately, "
            "and directly, to a children’s aid society. The duty is yours and cannot be passed "
            "to someone else: tell your principal as well, as your board’s duty-to-report "
            "procedure asks, but make the report yourself, and report again if you learn more. "
            "Other provinces and territories have their own child-protection laws: follow your "
            "board’s procedure. Online sexual exploitation can also be reported to {tipline} "
            "({tipline.phone}). If a student is in danger now, call {police.phone}.",
            "En Ontario, la Loi de 2017 sur les services à l’enfance, à la jeunesse et à la "
            "famille (art. 125) oblige toute personne, y compris quiconque travaille auprès "
            "d’enfants, qui a des motifs raisonnables de soupçonner qu’un enfant a ou peut avoir "
            "besoin de protection à le signaler immédiatement, et directement, à une société "
            "d’aide à l’enfance. Ce devoir est le vôtre et ne peut pas être confié à quelqu’un "
            "d’autre : informez aussi votre direction, comme le demande la procédure de "
            "signalement de votre conseil scolaire, mais faites le signalement vous-même, et "
            "signalez de nouveau si vous apprenez autre chose. Les autres provinces et territoires "
            "ont leurs propres lois sur la protection de l’enfance : suivez la procédure de votre "
            "conseil scolaire ou centre de services scolaire. L’exploitation sexuelle en ligne "
            "peut aussi être signalée à {tipline} ({tipline.phone}). Si un élève est en danger "
            "maintenant, composez le {police.phone}.")),
    "US": (("Report as your state requires, today.", "Signalez comme l’exige votre État, aujourd’hui."),
           ("Teachers are mandated reporters under state law. If you suspect a student is being "
            "abused or exploited, report it to child protective services or to law enforcement, "
            "as your state’s law says, and follow your district’s procedure, which may also ask "
            "you to inform the principal. Telling a colleague does not replace your own report. "
            "Online sexual exploitation can also be reported to {tipline} ({tipline.phone}). If "
            "a student is in danger now, call {police.phone}.",
            "Aux États-Unis, le personnel enseignant est tenu de signaler en vertu des lois des "
            "États. Si vous soupçonnez qu’un élève est victime d’abus ou d’exploitation, "
            "signalez-le aux services de protection de l’enfance (CPS) ou aux forces de l’ordre, "
            "selon la loi de votre État, et suivez la procédure de votre district, qui peut aussi "
            "vous demander d’informer la direction. En parler à un collègue ne remplace pas votre "
            "propre signalement. L’exploitation sexuelle en ligne peut aussi être signalée à "
            "{tipline} ({tipline.phone}). Si un élève est en danger maintenant, composez le "
            "{police.phone}.")),
    "UK": (("Tell your designated safeguarding lead, today.",
            "Avisez votre responsable désigné de la protection (DSL), aujourd’hui."),
           ("Report your concern straight away to your school’s designated safeguarding lead "
            "(DSL), or a deputy, following your child protection policy. The DSL decides on a "
            "referral to children’s social care or the police. If a child is at risk of "
            "immediate serious harm, anyone can refer directly, or call {police.phone}. Online "
            "sexual abuse or grooming can also be reported to {tipline}. (England: Keeping "
            "Children Safe in Education. Wales, Scotland and Northern Ireland have their own "
            "guidance.)",
            "Signalez votre préoccupation sans attendre au responsable désigné de la protection "
            "(designated safeguarding lead, DSL) de votre école, ou à son adjoint, selon votre "
            "politique de protection de l’enfance. Le DSL décide d’un renvoi aux services sociaux "
            "à l’enfance ou à la police. Si un enfant risque un préjudice grave immédiat, "
            "n’importe qui peut faire le renvoi directement, ou composer le {police.phone}. L’abus "
            "sexuel ou le leurre en ligne peuvent aussi être signalés au {tipline}. (Angleterre : "
            "Keeping Children Safe in Education. Le pays de Galles, l’Écosse et l’Irlande du Nord "
            "ont leurs propres lignes directrices.)")),
}
DISCLOSURE_THEN: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (("Keep the evidence; never copy the image.", "Gardez les preuves; ne copiez jamais l’image."),
     ("Ask the student not to delete messages or the account (deactivate instead). Screenshots "
      "of messages and usernames help a report. Never view, save or forward an intimate image "
      "of a young person, even to report it.",
      "Demandez à l’élève de ne pas supprimer les messages ni le compte (le désactiver "
      "plutôt). Des captures des messages et des noms d’utilisateur aident au signalement. Ne "
      "regardez, n’enregistrez ni ne transférez jamais une image intime d’un jeune, même pour "
      "la signaler.")),
    (("If it is sextortion:", "S’il s’agit de sextorsion :"),
     ("Stop replying, don’t pay and don’t send more. Paying doesn’t make it stop: at least 1 in "
      "4 young people who paid were asked for more (Thorn and NCMEC, 2024). Block and report the "
      "account, and report to {tipline}. A payment can sometimes be cancelled if it has not "
      "been collected yet. {image-removal} can help with pictures of the student; its entry "
      "in the help resources says what it can and can’t reach. Offers to delete the images "
      "for a fee are scams.",
      "Arrêter de répondre, ne pas payer et ne rien envoyer de plus. Payer n’arrête pas le "
      "chantage : au moins 1 jeune sur 4 qui a payé s’est fait demander plus (Thorn et NCMEC, "
      "2024). Bloquer et signaler le compte, et signaler à {tipline}. Un paiement peut parfois "
      "être annulé s’il n’a pas encore été encaissé. {image-removal} peut aider pour les images "
      "de l’élève; sa fiche dans les ressources d’aide dit ce que le service peut faire ou "
      "non. Les offres d’effacer les images contre paiement sont des arnaques.")),
    (("If a student hints at self-harm or suicide:",
      "Si un élève évoque l’automutilation ou le suicide :"),
     ("Take it seriously, stay calm and stay with the student: don’t leave them alone. Listen, "
      "and don’t promise to keep it secret. Bring in the staff member named in your school’s "
      "suicide and self-harm protocol and follow that protocol right away. Tell the student "
      "they are not alone, things can get better, and help is there now: they can reach "
      "{crisis-line} at {crisis-line.phone}, any time. If a life is in danger now, call "
      "{police.phone}.",
      "Prenez-le au sérieux, restez calme et restez avec l’élève : ne le laissez pas seul. "
      "Écoutez, et ne promettez pas de garder le secret. Faites venir la personne désignée dans "
      "le protocole de votre école sur le suicide et l’automutilation, et suivez ce protocole "
      "sans attendre. Dites à l’élève qu’il n’est pas seul, que les choses peuvent s’améliorer "
      "et que de l’aide existe maintenant : {crisis-line}, au {crisis-line.phone}, en tout "
      "temps. Si une vie est en danger maintenant, composez le {police.phone}.")),
    (("If the student shared an image of someone else:",
      "Si c’est l’élève qui a partagé l’image de quelqu’un d’autre :"),
     ("Don’t view, copy, forward or delete the image, and don’t ask the student to show, send "
      "or delete it: it is evidence, and copying it can itself be an offence. Don’t shame the "
      "student. Stay calm, be clear that it has to stop, and follow your school’s protocol the "
      "same day; the person it names decides who else is involved. The young person in the "
      "picture needs support too: {image-removal} and {tipline} can help them.",
      "Ne regardez pas, ne copiez pas, ne transférez pas et ne supprimez pas l’image, et ne "
      "demandez pas à l’élève de la montrer, de l’envoyer ou de la supprimer : c’est une "
      "preuve, et la copier peut être en soi une infraction. Ne faites pas honte à l’élève. Restez "
      "calme, dites clairement que ça doit cesser et suivez le protocole de votre école le jour "
      "même; la personne qu’il désigne décide qui d’autre doit intervenir. Le jeune sur la "
      "photo a aussi besoin de soutien : {image-removal} et {tipline} peuvent l’aider.")),
    (("Write it down.", "Prenez des notes."),
     ("Note what the student said, in their words, with the date and time, and what you did.",
      "Notez ce que l’élève a dit, avec ses mots, la date et l’heure, et ce que vous avez fait.")),
    (("Afterwards.", "Ensuite."),
     ("Check in with the student in the following days, and look after yourself: talk to your "
      "school’s support staff.",
      "Prenez des nouvelles de l’élève les jours suivants, et prenez soin de vous : parlez-en "
      "au personnel de soutien de votre école.")),
]


def disclosure_items(region: str) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """The disclosure page's steps for `region`: who to report to differs by jurisdiction."""
    return DISCLOSURE_FIRST + [DUTY_TO_REPORT.get(region, DUTY_TO_REPORT["CA"])] + DISCLOSURE_THEN


SOURCES = [
    "O'Connell, R. (2003). A typology of child cybersexploitation and online grooming practices.",
    "Aitken, S., Gaskell, D. & Hodkinson, A. (2017). Online sexual grooming: exploratory "
    "comparison of themes arising from male offenders' communications with male victims "
    "compared to female victims. Deviant Behavior.",
    "Winters, G. M., Jeglic, E. L. & Kaylor, L. E. (2020). Validation of the Sexual Grooming Model "
    "of child sexual abusers.",
    "Lorenzo-Dus, N., Izura, C. & Pérez-Tattam, R. (2016). Understanding grooming discourse in "
    "computer-mediated environments.",
    "Wolak, J., Finkelhor, D., Mitchell, K. & Ybarra, M. (2008). Online “predators” and their "
    "victims.",
    "Whittle, H. et al. (2013). A review of online grooming: characteristics and concerns.",
    "Public Safety Canada. Online child sexual exploitation: youth fact sheet.",
    "Canadian Centre for Child Protection: Cybertip.ca alerts; NeedHelpNow.ca.",
    "FBI (2024). The financially motivated sextortion threat.",
    "Thorn & NCMEC (2024). Trends in financial sextortion.",
    "FBI (2023). Public service announcement I-060523-PSA: malicious actors manipulating photos "
    "and videos to create explicit content and sextortion schemes.",
    "Canadian Centre for Child Protection (2024). Sexually explicit AI deepfakes: information for "
    "parents and schools.",
    "Criminal Code (Canada), s. 162.1: publication of an intimate image without consent.",
    "Ontario. Child, Youth and Family Services Act, 2017, s. 125 (duty to report).",
    "US Children's Bureau, Child Welfare Information Gateway. Mandatory reporting of child abuse "
    "and neglect (state statutes).",
    "Department for Education (England). Keeping children safe in education; UKCIS (2024). "
    "Sharing nudes and semi-nudes: advice for education settings.",
    "Safe messaging about suicide: 988 Suicide Crisis Helpline (Canada), Suicide Prevention "
    "Resource Center and Action Alliance guidance.",
    "Full list with addresses, checked 2026-11-29: docs/sources.md in the Red Flags source.",
]


def _resource_line(res: Resource, lang: str) -> str:
    parts = [res.what.get(lang)]
    if res.phone:
        parts.append(("Téléphone : " if lang == "fr" else "Phone: ") + res.phone)
    if res.text:
        parts.append(res.text.get(lang))
    if res.web:
        parts.append(res.web.get(lang))
    return " · ".join(parts)


def _resources(doc: Doc, items: list[tuple[str, Resource]], lang: str) -> None:
    for _, res in items:
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
        doc.h3(_pick(title, lang))
        doc.para(_pick(text, lang))
        if title[0] == "Groups and roles":
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
    doc.para(trn("guide.meta", len(set(sc.grades)), lang, grades=grades, minutes=sc.minutes,
                 topics=topics, platform=sc.platform.name), 9, MUTED)
    doc.h2(tr("guide.summary", lang))
    doc.para(sc.summary.get(lang))
    doc.para(sc.debrief.summary.get(lang))
    doc.box(sc.content_note.get(lang), tr("guide.content_note", lang) + (" :" if lang == "fr" else ":"))
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
                doc.box(p.teacher_note.get(lang), tr("guide.teacher_note", lang) + (" :" if lang == "fr" else ":"))
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
    doc.para(_pick(DISCLOSURE_INTRO, lang))
    typo = french_typography if lang == "fr" else (lambda t: t)
    for title, text in disclosure_items(region):
        doc.room(18)
        doc.labelled(typo(_pick(title, lang)), typo(services.fill(_pick(text, lang), lang)))
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
    parser.add_argument("--out", default="guide.pdf", help="PDF file to write (default: guide.pdf)")
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="language (default: the class settings' language)")
    parser.add_argument("--region", choices=REGIONS, default=None,
                        help="help resources of this region (default: the class settings' region)")
    parser.add_argument("--scenarios", default=None, help="scenario folder (default: the shipped one)")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    library = load_library(args.scenarios)
    if not library.playable():
        print("no playable scenario: run 'python -m game validate' to see why", file=sys.stderr)
        return 1
    lang, region = args.lang or settings.language, args.region or settings.region

    def make() -> str:
        out = write_guide(args.out, lang, region, library)
        return ngettext("wrote {out} ({n} scenario)", "wrote {out} ({n} scenarios)",
                        len(library.playable())).format(out=out, n=len(library.playable()))

    return pdf_command("guide", args.out, make)
