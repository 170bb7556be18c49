"""The facilitator guide's own text: how to run a session, and what to do when a student
discloses. Each section is a (title, text) pair of catalogue messages (msgid: the English here;
French: game/locale/fr/LC_MESSAGES/redflags.po), printed in the guide's language whatever the
screen shows: `title.get(lang)`.

The sources are citations, listed as published (not translated).
"""

from __future__ import annotations

from game.translatable import N_, Msg

RUNNING: list[tuple[Msg, Msg]] = [
    (N_("Before you start"),
     N_("Play the scenarios yourself first. Choose in teacher mode which scenarios are offered "
        "(by topic and grade), the difficulty, the feedback and the discussion pauses. Tell "
        "the class that the stories are fiction, that nothing explicit is shown, and that "
        "anyone can step out and talk to you at any time.")),
    (N_("Groups and roles"),
     N_("Groups of 2 or 3 share one computer. Each group types a team name, never a student's "
        "name. The roles card shows who does what, and the roles move one seat at every "
        "scenario so everyone takes every role.")),
    (N_("Spot it and Name it"),
     N_("In Spot it, groups flag the messages that worry them. In Name it, they also choose "
        "the tactic, which earns a bonus. Coach feedback explains each flag and reply at once; "
        "Challenge keeps every explanation for the debrief.")),
    (N_("Planning a 45-minute lesson"),
     N_("When you start a class session, choose 1 to 3 stories for this lesson: the screen "
        "shows each story’s minutes and the whole lesson’s (stories, both checks, discussion). "
        "Two stories fill a lesson. From the session screen you can send every group to the "
        "after-check at any time (a story they are in the middle of stays unfinished); the "
        "class debrief then compares before and after over the groups that answered both.")),
    (N_("Discussion pauses"),
     N_("Before some decisions a “Talk it over” panel gives the group a prompt and, if you set "
        "one, a timer, beside or under the chat, which stays in view. A stray key can’t skip "
        "it: “We’re ready” answers after a few seconds. Teacher notes for the pause appear "
        "only in teacher view (and hide again when nobody touches anything for 30 seconds) and "
        "in this guide.")),
    (N_("Before and after"),
     N_("A short knowledge check opens the session and closes it. It is not marked; the class "
        "report shows the gain of each group, which tells you what the session taught.")),
    (N_("Whole-class mode"),
     N_("On one projector, with large text: you drive, the class discusses and votes on each "
        "flag and reply. Keep teacher view off the projector.")),
    (N_("A forgotten PIN"),
     N_("On the PIN screen, “Forgot the PIN?” takes the recovery code you wrote down and lets "
        "you choose a new PIN. Without the code, open a terminal on this computer and run: "
        "python -m game results reset-pin (it deletes every result before a new PIN can be "
        "set). The game never shows this command, so students can't read it there.")),
    (N_("A class folder"),
     N_("Groups on several computers: in Class settings, choose the same class folder (a "
        "network drive, OneDrive or Google Drive) on every computer, yours too. Each computer "
        "writes its results there as groups play, and your class debrief shows them all, "
        "refreshed every few seconds. Anyone who can open that folder can read the results.")),
    (N_("Results and privacy"),
     N_("Results are saved on this computer as each action happens, with group names only. "
        "Nothing leaves the computer by itself. Groups on other computers export a file that "
        "you import; the class debrief and the class report then cover every group. Delete all "
        "results in teacher mode when you no longer need them.")),
]
DISCLOSURE_INTRO: Msg = N_("A scenario can remind a student of something that is happening, or has "
                     "happened, to them or a friend. If a student tells you, how you respond "
                     "matters more than having the right words.")
# Texts may name help services by role ({tipline}, {crisis-line.phone}...): the guide fills
# them for its region, so a US or UK guide never names a Canadian service.
DISCLOSURE_FIRST: list[tuple[Msg, Msg]] = [
    (N_("Stay calm."),
     N_("Your reaction tells the student whether it was safe to tell. Find a private place "
        "within sight of others.")),
    (N_("Listen."),
     N_("Let them tell it in their own words and at their pace. Don’t question them in detail "
        "or suggest what happened: investigating is not your role.")),
    (N_("Believe them, and say so."),
     N_("“Thank you for telling me. I believe you. You did the right thing.”")),
    (N_("Don’t blame."),
     N_("“This is not your fault, and you are not in trouble.” The person who did this is "
        "responsible, even if the student sent a picture or paid.")),
    (N_("Don’t promise secrecy."),
     N_("Explain that you will have to tell the people whose job is to keep them safe, and "
        "that you will tell them what happens next.")),
]
# Who a teacher reports to, by region (checked 2026-11-29, see docs/sources.md): Ontario's
# Child, Youth and Family Services Act, 2017, s. 125; US state mandated-reporter laws; in
# England, Keeping Children Safe in Education (the designated safeguarding lead).
DUTY_TO_REPORT: dict[str, tuple[Msg, Msg]] = {
    "CA": (N_("Report it yourself, today."),
           N_("In Ontario, the Child, Youth and Family Services Act, 2017 (s. 125) requires "
              "every person, including anyone who works with children, who has reasonable "
              "grounds to suspect that a child is or may be in need of protection to report it "
              "immediately, and directly, to a children’s aid society. The duty is yours and "
              "cannot be passed to someone else: tell your principal as well, as your board’s "
              "duty-to-report procedure asks, but make the report yourself, and report again "
              "if you learn more. Other provinces and territories have their own "
              "child-protection laws: follow your board’s procedure. Online sexual "
              "exploitation can also be reported to {tipline} ({tipline.phone}). If a student "
              "is in danger now, call {police.phone}.")),
    "US": (N_("Report as your state requires, today."),
           N_("Teachers are mandated reporters under state law. If you suspect a student is "
              "being abused or exploited, report it to child protective services or to law "
              "enforcement, as your state’s law says, and follow your district’s procedure, "
              "which may also ask you to inform the principal. Telling a colleague does not "
              "replace your own report. Online sexual exploitation can also be reported to "
              "{tipline} ({tipline.phone}). If a student is in danger now, call "
              "{police.phone}.")),
    "UK": (N_("Tell your designated safeguarding lead, today."),
           N_("Report your concern straight away to your school’s designated safeguarding lead "
              "(DSL), or a deputy, following your child protection policy. The DSL decides on "
              "a referral to children’s social care or the police. If a child is at risk of "
              "immediate serious harm, anyone can refer directly, or call {police.phone}. "
              "Online sexual abuse or grooming can also be reported to {tipline}. (England: "
              "Keeping Children Safe in Education. Wales, Scotland and Northern Ireland have "
              "their own guidance.)")),
}
DISCLOSURE_THEN: list[tuple[Msg, Msg]] = [
    (N_("Keep the evidence; never copy the image."),
     N_("Ask the student not to delete messages or the account (deactivate instead). "
        "Screenshots of messages and usernames help a report. Never view, save or forward an "
        "intimate image of a young person, even to report it.")),
    (N_("If it is sextortion:"),
     N_("Stop replying, don’t pay and don’t send more. Paying doesn’t make it stop: at least 1 "
        "in 4 young people who paid were asked for more (Thorn and NCMEC, 2024). Block and "
        "report the account, and report to {tipline}. A payment can sometimes be cancelled if "
        "it has not been collected yet. {image-removal} can help with pictures of the student; "
        "its entry in the help resources says what it can and can’t reach. Offers to delete "
        "the images for a fee are scams.")),
    (N_("If a student hints at self-harm or suicide:"),
     N_("Take it seriously, stay calm and stay with the student: don’t leave them alone. "
        "Listen, and don’t promise to keep it secret. Bring in the staff member named in your "
        "school’s suicide and self-harm protocol and follow that protocol right away. Tell the "
        "student they are not alone, things can get better, and help is there now: they can "
        "reach {crisis-line} at {crisis-line.phone}, any time. If a life is in danger now, "
        "call {police.phone}.")),
    (N_("If the student shared an image of someone else:"),
     N_("Don’t view, copy, forward or delete the image, and don’t ask the student to show, "
        "send or delete it: it is evidence, and copying it can itself be an offence. Don’t "
        "shame the student. Stay calm, be clear that it has to stop, and follow your school’s "
        "protocol the same day; the person it names decides who else is involved. The young "
        "person in the picture needs support too: {image-removal} and {tipline} can help them.")),
    (N_("Write it down."),
     N_("Note what the student said, in their words, with the date and time, and what you did.")),
    (N_("Afterwards."),
     N_("Check in with the student in the following days, and look after yourself: talk to "
        "your school’s support staff.")),
]


def disclosure_items(region: str) -> list[tuple[Msg, Msg]]:
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
