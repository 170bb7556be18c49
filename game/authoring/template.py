"""`python -m game new NAME`: start a scenario from a commented template that validates and plays.

The template is a tiny complete story (three beats, a choice, a red flag, a "looks suspicious
but isn't" note, two endings, English and French) with every key explained in a comment, so a
writer edits something that already works instead of starting from a blank file. `--phone`
writes the format 2 template instead (template_phone.py): threads and actions on a whole phone.
"""

from __future__ import annotations

import argparse
import os
import string
from pathlib import Path

from game.authoring.schema import schema_path
from game.authoring.template_phone import PHONE_TEMPLATE
from game.engine.model import ID_RE
from game.i18n import _
from game.library import my_stories

TEMPLATE = string.Template("""\
# yaml-language-server: $$schema=$schema
# ^ This first line lets VS Code (with the YAML extension) check this file as you type and
#   explain every key when you hover over it. Keep it.
#
# A Red Flags scenario. Lines starting with # are comments: the game ignores them.
# Tutorial: docs/authoring.md   Every key: docs/scenario-format.md
# Check it:  python -m game validate $path
# Play it:   python -m game walk $path
# Map it:    python -m game graph $id
#
# Text: write `key: text` for English only, or {en: ..., fr: ...} for both languages.
# Put text in "double quotes" when it contains ': ' or ' #', starts with @ * & ! [ { or -,
# or when a comma sits inside { }.

format: 1                     # always 1
id: $id                      # lowercase, digits, - and _; the same as the file name
title: {en: $title, fr: $title}
summary:                      # one line for the scenario picker
  en: Someone new wants to chat. Do you answer?
  fr: Quelqu’un de nouveau veut jaser. Est-ce que tu réponds?
grades: [7, 8]                # school grades this is written for
topics: [grooming]            # any of: grooming, sextortion, bystander, judgement, peer-pressure
minutes: 3                    # about how long one play takes (python -m game check estimates it)
content_note:                 # shown before play starts: say what the story is about, gently
  en: This story shows a stranger asking personal questions. Nothing explicit is shown. You can stop at any time.
  fr: Cette histoire montre un inconnu qui pose des questions personnelles. Rien d’explicite n’est montré. Tu peux arrêter en tout temps.
goals:                        # what students should learn (one line each)
  - en: Notice when a stranger asks where you live or go to school.
    fr: Remarquer quand un inconnu demande où tu habites ou vas à l’école.
platform:
  name: ChatterNest           # always an invented app, never a real one
  kind: social_dm             # game_chat, social_dm, text_messages, group_chat or livestream
characters:                   # everyone who writes in the chat, except the player
  sam:                        # the id you use in `from:`
    name: sam_skates          # the name shown in the chat
    avatar: "🛹"              # an emoji or one or two initials (emoji need quotes)
    status: {en: online, fr: en ligne}
    claimed: {en: A skater from the next town, fr: Un planchiste de la ville voisine}   # who they said they were
    really: {en: A stranger whose age and town you could not check, fr: Un inconnu dont tu ne pouvais vérifier ni l’âge ni la ville}   # who they really were

beats:                        # the story: the first beat listed is where it starts
  hello:                      # a beat id (used by `goto:`)
    label: {en: Saturday afternoon, fr: Samedi après-midi}   # optional separator above the beat
    messages:
      - from: system          # a grey line; `you` is the player
        text: {en: sam_skates started following you, fr: sam_skates a commencé à te suivre}
      - from: sam
        text: {en: "sick kickflip in ur last video!", fr: "ton kickflip dans ta dernière vidéo est malade!"}
        time: "2:14 PM"       # a clock label (quote it)
        typing: 1.5           # seconds of "sam is typing…"
        note:                 # looks suspicious but is fine: flagging it is a false alarm
          en: A compliment on something you posted publicly is normal. On its own, it is not a red flag.
          fr: Un compliment sur quelque chose que tu as publié, c’est normal. À lui seul, ce n’est pas un signal d’alarme.
      - from: sam
        text: {en: "which skatepark do u go to after school?", fr: "tu vas à quel skatepark après l’école?"}
        typing: 2
        flag:                 # a real red flag students should catch
          category: personal-info       # an id from scenarios/taxonomy.yaml
          why:                # why, for students: about the tactic, never blaming them
            en: Where you go after school tells a stranger where to find you. Keep places and schedules offline.
            fr: L’endroit où tu vas après l’école dit à un inconnu où te trouver. Garde tes lieux et ton horaire hors ligne.
    choices:                  # 2 to 4 replies
      - text: {en: "thx! I'd rather not say where", fr: "merci! j’aime mieux pas dire où"}
        goto: kept-private    # the beat this reply leads to
        safety: safe          # safe, risky or unsafe
        feedback:             # shown after the choice: why it is safe, risky or unsafe
          en: Friendly, and you kept your places private. You can be nice and still say no.
          fr: Amical, et tu as gardé tes lieux privés. Tu peux être aimable et quand même dire non.
      - text: {en: "the one behind the library, every day at 4", fr: "celui derrière la bibliothèque, tous les jours à 4 h"}
        goto: shared-place
        safety: unsafe
        set: {told_place: true}   # story variables this reply sets (read by `if:`)
        feedback:
          en: Now a stranger knows where you will be and when. It is not too late to tell a safe adult.
          fr: Maintenant, un inconnu sait où tu seras et quand. Il n’est pas trop tard pour en parler à un adulte de confiance.

  kept-private:
    ending:                   # the story ends here
      outcome: safe           # safe, risky or harmful
      title: {en: You kept it private, fr: Tu as gardé ça pour toi}
      text:
        en: Sam stopped asking. You told your mom about the new follower, and she helped you check your privacy settings.
        fr: Sam a arrêté de poser des questions. Tu as parlé du nouvel abonné à ta mère, et vous avez vérifié ensemble tes paramètres de confidentialité.

  shared-place:
    messages:
      - from: sam
        text: {en: "cool maybe I'll come by 😎", fr: "cool je vais peut-être passer 😎"}
        if: told_place        # shown only when this variable is true
        typing: 2
    ending:
      outcome: risky          # endings where things go wrong still end with help, never blame
      title: {en: You got help in time, fr: Tu as eu de l’aide à temps}
      text:
        en: You felt uneasy and showed the chat to your mom. She reported the account. It was not your fault, and telling her was the right move.
        fr: Tu n’étais pas à l’aise et tu as montré le chat à ta mère. Elle a signalé le compte. Ce n’était pas ta faute, et lui en parler était la bonne chose à faire.

debrief:                      # after the ending: the class talks it over
  summary:
    en: Sam started with a friendly compliment, then asked where you go after school. The compliment was fine; the question was the red flag.
    fr: Sam a commencé par un compliment amical, puis a demandé où tu vas après l’école. Le compliment était correct; la question était le signal d’alarme.
  questions:                  # discussion questions for groups
    - en: Which message felt normal, and which one should make you stop?
      fr: Quel message semblait normal, et lequel devrait te faire arrêter?
  real_life:                  # what to do if this happens for real
    - en: Keep your school, places and schedule offline, even with people who seem nice.
      fr: Garde ton école, tes lieux et ton horaire hors ligne, même avec des gens qui semblent gentils.
    - en: Tell a safe adult. You will not be in trouble.
      fr: Parles-en à un adulte de confiance. Tu ne seras pas dans le trouble.
  resources: [kids-help-phone, cybertip]   # ids from scenarios/resources.yaml

# A draft can be played by you (python -m game play FILE) but is never offered to a class.
# Delete the next line when the story is ready for students.
draft: true
""")


def scenarios_folder() -> Path:
    """Where new stories go: My stories, in the data folder (never inside the installed game,
    where an upgrade would delete them and every class would be offered the draft at once)."""
    return my_stories(create=True)


def render(name: str, out: Path | None = None, phone: bool = False) -> str:
    """The template text for a scenario with id `name`, to be saved at `out` (`phone`: the
    format 2 template, threads and actions)."""
    out = out or scenarios_folder() / f"{name}.yaml"
    title = name.replace("-", " ").replace("_", " ").strip().capitalize()
    # the modeline is relative to the file, so the editor finds the schema from anywhere
    folder = out.resolve().parent
    target = schema_path(folder) if schema_path(folder).exists() else schema_path()
    try:
        schema = Path(os.path.relpath(target, folder)).as_posix()
    except ValueError:  # Windows: the story and the installed game are on different drives
        schema = target.resolve().as_uri()
    return (PHONE_TEMPLATE if phone else TEMPLATE).substitute(id=name, title=title, path=out.as_posix(),
                                                              schema=schema)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help=_("the new scenario's id, e.g. stranger-skatepark "
                                       "(lowercase letters, digits, '-' and '_')"))
    parser.add_argument("--out", type=Path, default=None,
                        help=_("where to write it (default: NAME.yaml in My stories)"))
    parser.add_argument("--phone", action="store_true",
                        help=_("a story on a whole phone (format 2): a stranger's DM, a safe adult's "
                               "thread, and replies that are actions (screenshot, block, report, tell)"))


def run(args: argparse.Namespace) -> int:
    name = args.name
    if not ID_RE.match(name):
        print(_("'{name}' can't be a scenario id: use lowercase letters, digits, '-' and '_' "
                "(e.g. stranger-skatepark)").format(name=name))
        return 2
    out: Path = args.out or scenarios_folder() / f"{name}.yaml"
    if out.exists():
        print(_("{path} already exists; I won't overwrite it. Pick another name or --out path.").format(path=out))
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(name, out, phone=getattr(args, "phone", False)), encoding="utf-8")
    print(_("wrote {path}").format(path=out))
    where = _quote(out)
    steps = [(_("next: edit it, then check it with"), "validate"), (_("play it (reloads on save)"), "play"),
             (_("or in this terminal"), "walk")]
    (first, command), *rest = steps  # the commands line up under each other, in any language
    width = max(len(first), *(6 + len(text) for text, _command in rest)) + 3
    print(f"{first:<{width}}python -m game {command} {where}")
    for text, command in rest:
        print(f"{'':6}{text:<{width - 6}}python -m game {command} {where}")
    print(_("It is a draft (draft: true): you can play it, but classes are not offered it until you "
            "remove that line."))
    return 0


def _quote(path: Path) -> str:
    """A path as a shell would need it typed ("My stories" has a space)."""
    text = str(path)
    return f'"{text}"' if any(c in text for c in " '&()") else text
