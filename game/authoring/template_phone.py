"""`python -m game new NAME --phone`: a format 2 starting story that happens on a whole phone.

Like the chat template (template.py) it is complete and commented line by line, and passes
`validate --strict` and `check` as written: a stranger's DM and a safe adult's thread, replies
that are actions (screenshot, block, report with its reason, tell), and the telling
conversation in the adult's thread, so a writer sees each format 2 key at work.
"""

from __future__ import annotations

import string

PHONE_TEMPLATE = string.Template("""\
# yaml-language-server: $$schema=$schema
# ^ This first line lets VS Code (with the YAML extension) check this file as you type and
#   explain every key when you hover over it. Keep it.
#
# A Red Flags scenario on a whole phone (format 2): several conversations ("threads") and
# replies that are actions (screenshot, block, report, tell). Lines starting with # are comments.
# Tutorial: docs/authoring.md   Every key: docs/scenario-format.md ("Threads and actions")
# Check it:  python -m game validate $path
# Play it:   python -m game walk $path
# Map it:    python -m game graph $id      (one lane per thread)
#
# Text: write `key: text` for English only, or {en: ..., fr: ...} for both languages.
# Put text in "double quotes" when it contains ': ' or ' #', starts with @ * & ! [ { or -,
# or when a comma sits inside { }.

format: 2                     # 2: threads and named actions
id: $id                      # lowercase, digits, - and _; the same as the file name
title: {en: $title, fr: $title}
summary:                      # one line for the scenario picker
  en: A stranger's messages turn into a request. What do you do on your phone?
  fr: Les messages d’un inconnu deviennent une demande. Qu’est-ce que tu fais sur ton téléphone?
grades: [7, 8]                # school grades this is written for
topics: [grooming]            # any of: grooming, sextortion, bystander, judgement, peer-pressure
minutes: 4                    # about how long one play takes (python -m game check estimates it)
content_note:                 # shown before play starts: say what the story is about, gently
  en: This story shows a stranger asking for a private picture. Nothing explicit is shown. You can stop at any time.
  fr: Cette histoire montre un inconnu qui demande une photo privée. Rien d’explicite n’est montré. Tu peux arrêter en tout temps.
goals:                        # what students should learn (one line each)
  - en: Keep the evidence, block, report and tell a safe adult when a stranger asks for a picture.
    fr: Garder les preuves, bloquer, signaler et en parler à un adulte de confiance quand un inconnu demande une photo.
platform:
  name: Whisprr               # always an invented app, never a real one
  kind: social_dm             # game_chat, social_dm, text_messages, group_chat or livestream
characters:                   # everyone who writes, except the player
  sky:
    name: sky.vibes           # the name shown on the phone
    avatar: "🌙"              # an emoji or one or two initials (emoji need quotes)
    offender: true            # the one doing harm: each of their messages needs a flag or a note
    claimed: {en: A 14-year-old from another school, fr: Quelqu’un de 14 ans d’une autre école}
    really: {en: An adult stranger, fr: Un adulte inconnu}
  mom:
    name: {en: Mom, fr: Maman}
    avatar: M

threads:                      # the conversations on the phone, by id
  sky: {with: sky}            # a direct message; the first thread is where messages without `thread:` go
  mom: {with: mom}            # the safe adult's thread (a `tell` reply names it with `to:`)
  # kind: group and a list in `with:` make a group chat; `opens: later` keeps a thread off the
  # phone until a beat says `open: ID` (put it on the beat whose first message is in that thread);
  # `app: TextNest` puts a thread on another fictional app than the story's (texts with a parent,
  # an offender who finds the player elsewhere): its look, and where a report from it goes

beats:                        # the story: the first beat listed is where it starts
  hello:
    label: {en: Tuesday night, fr: Mardi soir}   # optional separator above the beat
    messages:
      - from: sky             # no `thread:`: in the first thread, sky
        text: {en: "ur drawings are so good!! how old r u?", fr: "tes dessins sont tellement bons!! t’as quel âge?"}
        time: "8:12 PM"       # a clock label (quote it)
        borderline:           # a judgement call: fair to flag, fair to leave
          en: A compliment can be friendly, but a stranger asking your age right away is worth noticing.
          fr: Un compliment peut être amical, mais un inconnu qui demande ton âge tout de suite, ça vaut la peine de le remarquer.
      - from: sky
        text: {en: "send me a pic? just for me 🙈 I'll send u a 20$$ gift card", fr: "envoie-moi une photo? juste pour moi 🙈 je t’envoie une carte-cadeau de 20 $$"}
        typing: 2
        flag:                 # a real red flag students should catch
          category: image-request       # an id from scenarios/taxonomy.yaml
          also: [gifts]                 # other names that also count in Name it mode
          why:
            en: A stranger offering a gift for a private picture is trying to make you feel you owe them.
            fr: Un inconnu qui offre un cadeau contre une photo privée essaie de te faire sentir que tu lui dois quelque chose.
    choices:                  # 2 to 4 replies; an action is something the player does
      - text: {en: take a screenshot of the chat, fr: faire une capture d’écran de la conversation}
        action: screenshot    # screenshot, block, report, mute, leave, delete, deactivate, pay or tell
        goto: kept
        safety: safe
        feedback:
          en: Evidence first. A screenshot keeps the messages and the username, even if they get deleted.
          fr: Les preuves d’abord. Une capture garde les messages et le nom d’utilisateur, même s’ils sont effacés.
      - text: {en: "lol what kind of pic?", fr: "lol quel genre de photo?"}
        goto: pushy
        safety: risky
        feedback:
          en: It's natural to be curious. But asking more keeps the chat going, and that is what the stranger wants.
          fr: C’est normal d’être curieux ou curieuse. Mais poser des questions fait durer la conversation, et c’est ce que l’inconnu veut.

  pushy:
    messages:
      - from: sky
        text: {en: "just a cute one. it's our secret ok? 🤫", fr: "juste une belle. c’est notre secret ok? 🤫"}
        flag:
          category: secrecy
          why:
            en: Asking you to keep it secret keeps the adults around you from noticing.
            fr: Te demander de garder le secret empêche les adultes autour de toi de remarquer.
    choices:
      - text: {en: take a screenshot of the chat, fr: faire une capture d’écran de la conversation}
        action: screenshot
        goto: kept
        safety: safe
        feedback:
          en: Good call. Stop replying and keep the evidence.
          fr: Bonne idée. Arrête de répondre et garde les preuves.
      - text: {en: delete the whole chat and forget it, fr: supprimer toute la conversation et oublier ça}
        action: delete
        goto: alone
        safety: risky
        feedback:
          en: Deleting feels like it makes it go away, but it loses the evidence a safe adult or the app would need.
          fr: Supprimer donne l’impression que ça disparaît, mais ça fait perdre les preuves dont un adulte de confiance ou l’appli aurait besoin.

  kept:
    choices:
      - text: {en: block sky.vibes, fr: bloquer sky.vibes}
        action: block
        goto: blocked
        safety: safe
        feedback:
          en: Blocking after you kept the evidence stops the messages.
          fr: Bloquer après avoir gardé les preuves arrête les messages.
      - text: {en: report sky.vibes, fr: signaler sky.vibes}
        action: report
        reason: harassment    # the app's report reason: harassment, nudity, threats, spam or pretending
        goto: reported
        safety: safe
        feedback:
          en: Reporting helps the app stop this account before it asks someone else.
          fr: Signaler aide l’appli à arrêter ce compte avant qu’il écrive à quelqu’un d’autre.

  reported:
    messages:
      - from: system          # a grey line on the phone
        text: {en: Thanks for your report. We'll review sky.vibes., fr: Merci pour ton signalement. Nous allons examiner sky.vibes.}
    choices:
      - text: {en: tell Mom, fr: le dire à Maman}
        action: tell
        to: mom               # the thread of the safe adult told
        goto: told
        safety: safe
        feedback:
          en: The best step. A safe adult can help with what comes next.
          fr: La meilleure chose à faire. Un adulte de confiance peut t’aider pour la suite.
      - text: {en: block sky.vibes, fr: bloquer sky.vibes}
        action: block
        goto: blocked
        safety: safe
        feedback:
          en: Blocked, with the evidence kept and the account reported.
          fr: Bloqué, avec les preuves gardées et le compte signalé.

  blocked:
    messages:
      - from: system
        text: {en: You blocked sky.vibes., fr: Tu as bloqué sky.vibes.}
    choices:
      - text: {en: tell Mom, fr: le dire à Maman}
        action: tell
        to: mom
        goto: told
        safety: safe
        feedback:
          en: The best step. You are not in trouble for what a stranger sent you.
          fr: La meilleure chose à faire. Tu n’es pas dans le trouble pour ce qu’un inconnu t’a envoyé.
      - text: {en: delete the whole chat and forget it, fr: supprimer toute la conversation et oublier ça}
        action: delete
        goto: alone
        safety: risky
        feedback:
          en: The screenshot is a start, but you don't have to handle this alone. Tell a safe adult.
          fr: La capture est un bon début, mais tu n’as pas à gérer ça tout seul ou toute seule. Parles-en à un adulte de confiance.

  told:                       # the telling conversation, in the safe adult's thread
    messages:
      - from: you             # the player's own message
        thread: mom           # the conversation it appears in
        text: {en: "mom someone I don't know asked me for a pic. I took screenshots", fr: "maman quelqu’un que je connais pas m’a demandé une photo. j’ai pris des captures"}
      - from: mom
        thread: mom
        text: {en: "Thank you for telling me. You did the right thing and you're not in trouble. Let's report it together.", fr: "Merci de me l’avoir dit. Tu as bien fait et tu n’es pas dans le trouble. On va le signaler ensemble."}
        typing: 2
    ending:
      outcome: safe           # safe, risky or harmful
      title: {en: You told Mom, fr: Tu l’as dit à Maman}
      text:
        en: Together you reported the account to the app and to {tipline}, and kept the screenshots.
        fr: Ensemble, vous avez signalé le compte à l’appli et à {tipline}, et gardé les captures.

  alone:
    ending:
      outcome: risky          # endings where things go wrong still end with help, never blame
      title: {en: Still alone with it, fr: Encore seul ou seule avec ça}
      text:
        en: The messages stopped for now, but you kept it to yourself. It is never too late to tell a safe adult, and it is not your fault.
        fr: Les messages ont arrêté pour l’instant, mais tu as gardé ça pour toi. Il n’est jamais trop tard pour en parler à un adulte de confiance, et ce n’est pas ta faute.

debrief:                      # after the ending: the class talks it over
  summary:
    en: sky.vibes started with compliments, then offered a gift for a private picture and asked you to keep it secret.
    fr: sky.vibes a commencé par des compliments, puis a offert un cadeau contre une photo privée et t’a demandé de garder le secret.
  questions:                  # discussion questions for groups
    - en: Why take a screenshot before you block or report?
      fr: Pourquoi faire une capture avant de bloquer ou de signaler?
  real_life:                  # what to do if this happens for real
    - en: Don't send anything. Screenshot the messages and the username, then block and report.
      fr: N’envoie rien. Fais une capture des messages et du nom d’utilisateur, puis bloque et signale.
    - en: Tell a safe adult. You will not be in trouble.
      fr: Parles-en à un adulte de confiance. Tu ne seras pas dans le trouble.
  resources: [kids-help-phone, cybertip]   # ids from scenarios/resources.yaml

# A draft can be played by you (python -m game play FILE) but is never offered to a class.
# Delete the next line when the story is ready for students.
draft: true
""")
