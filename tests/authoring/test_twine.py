"""`twine`: a Twee 3 story becomes a Red Flags draft that validates, plays to its endings, and
says what is still to write; input that is not a story is one clear line, never a traceback."""

from __future__ import annotations

import random

import pytest

from game.authoring.twee import TweeError, clean, parse, split_link
from game.authoring.twine import quote
from game.engine.paths import all_paths
from game.engine.runtime import ChoicesEvent, EndingEvent, MessageEvent, Playthrough, ReplyEvent
from game.engine.validate import check_file
from game.engine.yamlparse import parse_yaml

SAMPLE = """\
:: StoryTitle
The New Friend

:: StoryData
{
  "ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC",
  "format": "Harlowe",
  "format-version": "3.3.8",
  "start": "Hello"
}

:: UserScript [script]
window.x = 1;

:: Hello [chat] {"position":"100,100","size":"100,100"}
(set: $trust to 0)
//Jordan_K sent you a friend request//
Jordan_K: hey! saw u at the game on saturday 😄
ur really good at defense: #1 for sure
[[who is this?->Who]]
[[Ignore<-ignore it]]

:: Who {"position":"300,100"}
Jordan_K: lol sorry, I'm Jordan, I go to Westview
what school do u go to?
Me: why?
[[I'd rather not say|Private]]
[[Lakeview Middle->Shared]]
(if: $trust > 0)[[[block them->Blocked]]]

:: Ignore
(Two days later)
Jordan_K: hellooo? 👀
[[Continue->Blocked]]

:: Private
Jordan_K: ok fair 😅
- no pressure
[[Tell Mom]]
[[keep chatting->Shared]]

:: Shared
Jordan_K: no way, my cousin goes there!
want to hang out after school? don't tell ur parents tho
<<set $met to true>>
[[ok sure->Tell Mom]]
[[no thanks->Blocked]]

:: Tell Mom
You show the chat to your mom. She helps you report the account.
THE END

:: Blocked
//You blocked Jordan_K.//
"""


@pytest.fixture
def converted(cli, tmp_path, library):
    source = tmp_path / "friend.twee"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "stories" / "new-friend.yaml"
    status, printed = cli("twine", source, "--out", out)
    assert status == 0, printed
    checked = check_file(out, library.taxonomy, library.resources)
    return out, printed, checked


def test_a_twine_story_becomes_a_draft_that_validates(converted, cli):
    out, printed, checked = converted
    assert checked.ok, [str(d) for d in checked.diagnostics]
    assert {d.code for d in checked.diagnostics} == {"RF030"}  # only French is missing
    assert f"wrote {out}" in printed and "checked it: 0 errors" in printed
    status, said = cli("validate", out)
    assert status == 0 and "0 errors" in said
    sc = checked.scenario
    assert sc.id == "new-friend" and sc.title.en == "The New Friend" and sc.draft
    assert list(sc.beats) == ["hello", "who", "ignore", "private", "shared", "tell-mom", "blocked"]
    assert list(sc.characters) == ["jordan_k"] and sc.characters["jordan_k"].name.en == "Jordan_K"


def test_passages_links_and_lines_map_to_beats_choices_and_messages(converted):
    sc = converted[2].scenario
    hello, who, ignore, private = (sc.beats[b] for b in ("hello", "who", "ignore", "private"))
    # -> and <- links, in the order written
    assert [(c.text.en, c.goto) for c in hello.choices] == [("who is this?", "who"), ("ignore it", "ignore")]
    # | link, and a link inside a Harlowe hook (its macro removed, the link kept)
    assert [(c.text.en, c.goto) for c in who.choices] == [
        ("I'd rather not say", "private"), ("Lakeview Middle", "shared"), ("block them", "blocked")]
    assert [(c.text.en, c.goto) for c in private.choices] == [("Tell Mom", "tell-mom"),
                                                              ("keep chatting", "shared")]
    assert all(c.safety == "risky" and c.feedback.en.startswith("TODO") for b in sc.beats.values()
               for c in b.choices or ())
    # a single "Continue" link goes on by itself
    assert ignore.choices is None and [r.goto for r in ignore.next] == ["blocked"]
    # italics and brackets are system lines; `Me:` is the player; unnamed lines keep the speaker
    assert [(m.sender, m.text.en) for m in hello.messages] == [
        ("system", "Jordan_K sent you a friend request"),
        ("jordan_k", "hey! saw u at the game on saturday 😄"),
        ("jordan_k", "ur really good at defense: #1 for sure")]
    assert [m.sender for m in who.messages] == ["jordan_k", "jordan_k", "you"]
    assert [(m.sender, m.text.en) for m in ignore.messages][0] == ("system", "Two days later")
    assert private.messages[1].text.en == "- no pressure"
    # passages without links are endings; a narrated one becomes the ending's text
    endings = {b: beat.ending for b, beat in sc.beats.items() if beat.ending}
    assert set(endings) == {"tell-mom", "blocked"}
    assert all(e.outcome == "risky" for e in endings.values())
    assert endings["tell-mom"].text.en.startswith("You show the chat") and not sc.beats["tell-mom"].messages
    assert endings["blocked"].text.en.startswith("TODO")
    texts = " ".join(t.en for _path, t in sc.texts())
    assert "set:" not in texts and "<<" not in texts and "$" not in texts and "THE END" not in texts


def test_the_draft_says_what_is_still_to_write(converted):
    text = converted[0].read_text(encoding="utf-8")
    header = text.split("\nformat: 1", 1)[0]
    for still in ("flag:", "safety", "outcome", "debrief", "French", "offender"):
        assert still in header, still
    assert 'Passage "Hello" (line 15): removed (set:)' in header
    assert 'Passage "Who" (line 23): removed (if:)' in header and "<<set>>" in header
    assert "UserScript" in header and "Harlowe" in header
    marked = [line for line in text.splitlines() if "# TODO" in line]
    assert sum("safety: risky" in line for line in marked) == 9
    assert sum("outcome: risky" in line for line in marked) == 2
    assert text.startswith("# yaml-language-server: $schema=") and text.rstrip().endswith("draft: true")


def test_the_draft_plays_from_start_to_an_ending(converted):
    sc = converted[2].scenario
    play = Playthrough(sc)
    events = play.run_until_input()
    assert isinstance(events[0], MessageEvent) and events[0].message.sender == "system"
    assert isinstance(events[-1], ChoicesEvent) and events[-1].beat == "hello"
    assert isinstance(play.choose(0), ReplyEvent)  # who is this?
    assert play.run_until_input()[-1].beat == "who"
    play.choose(1)  # Lakeview Middle
    play.run_until_input()
    play.choose(1)  # no thanks
    end = play.run_until_input()[-1]
    assert isinstance(end, EndingEvent) and end.beat == "blocked" and play.ended
    assert {p.ending.beat for p in all_paths(sc)} == {"tell-mom", "blocked"}


def test_default_id_and_folder_and_no_overwrite(cli, tmp_path, library):
    from game.library import my_stories

    source = tmp_path / "story.twee"
    source.write_text(SAMPLE, encoding="utf-8")
    status, printed = cli("twine", source)
    path = my_stories() / "the-new-friend.yaml"  # the id comes from the StoryTitle
    assert status == 0 and path.exists(), printed
    assert check_file(path, library.taxonomy, library.resources).ok
    before = path.read_text(encoding="utf-8")
    status, printed = cli("twine", source)
    assert status == 1 and "won't overwrite" in printed and path.read_text(encoding="utf-8") == before
    status, printed = cli("twine", source, "--id", "Bad Id", "--out", tmp_path / "x.yaml")
    assert status == 2 and "can't be a scenario id" in printed


@pytest.mark.parametrize("text, line, words", [
    ("title: not a story\nbeats: []\n", 1, "not a Twee file"),
    ("", 1, "not a Twee file"),
    ("<html><tw-storydata name='x'></tw-storydata></html>", 1, "Export as Twee"),
    (":: StoryTitle\nJust a title\n\n:: StoryData\n{\"ifid\": \"x\"}\n", 4, "no story passages"),
    (":: Start\nKai: hi\n[[yes->Yes]]\n[[no->Nowhere]]\n\n:: Yes\nok\n", 4, "'Nowhere'"),
    (":: Start\n[[a->Tell mom]]\n[[b->Start]]\n\n:: Tell Mom\nok\n", 2, "did you mean 'Tell Mom'?"),
    (':: StoryData\n{"start": "Begin"}\n\n:: Start\nhi\n', 1, "no passage with that name"),
    (":: Start\nhi\n:: Start\nagain\n", 3, "a second passage named 'Start'"),
    (":: Start\n" + "".join(f"[[{n}]]\n" for n in "abcde") + "".join(f":: {n}\nx\n" for n in "abcde"),
     6, "too many links"),
    ("::   [tag]\ntext\n", 1, "no name"),
])
def test_bad_input_is_one_clear_line(cli, tmp_path, text, line, words):
    source = tmp_path / "bad.twee"
    source.write_text(text, encoding="utf-8")
    status, printed = cli("twine", source, "--out", tmp_path / "out.yaml")
    assert status == 2
    assert printed.strip().count("\n") == 0 and "Traceback" not in printed, printed
    assert printed.startswith(f"{source}:{line}: error: ") and words in printed, printed
    assert not (tmp_path / "out.yaml").exists()


def test_unreadable_input_is_one_clear_line(cli, tmp_path):
    binary = tmp_path / "image.twee"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    status, printed = cli("twine", binary)
    assert status == 2 and printed.strip() == f"{binary}:1: error: not a Twee file: it is not UTF-8 text"
    status, printed = cli("twine", tmp_path / "missing.twee")
    assert status == 2 and printed.startswith(f"{tmp_path / 'missing.twee'}: error: can't read the file")


def test_link_forms_as_twine_reads_them():
    def pair(inner):
        link = split_link(inner, 1)
        return link.text, link.target

    assert pair("Tell Mom") == ("Tell Mom", "Tell Mom") and split_link("Tell Mom", 1).simple
    assert pair("go -> on->Next") == ("go -> on", "Next")  # the rightmost arrow
    assert pair("Next<-go <- back") == ("go <- back", "Next")  # the leftmost
    assert pair("say hi|Hi") == ("say hi", "Hi")
    link = split_link("buy it|Shop][$gems to 500", 1)
    assert (link.text, link.target, link.setter) == ("buy it", "Shop", "$gems to 500")


def test_headers_unescape_and_special_passages_are_left_out():
    story = parse(":: A \\[weird\\] \\{name\\} [tag-a tag\\]b] {\"position\":\"1,2\"}\n"
                  "\\:: not a header\n[[Done]]\n\n:: Done\nok\n\n:: StoryInit\n<<set $x to 1>>\n"
                  ":: Style [stylesheet]\nbody {}\n")
    assert list(story.passages) == ["A [weird] {name}", "Done"]
    first = story.passages["A [weird] {name}"]
    assert first.tags == ("tag-a", "tag]b") and first.lines[0] == (2, ":: not a header")
    assert story.start == "A [weird] {name}" and story.skipped == ["StoryInit", "Style"]
    assert parse(":: Intro\nhi\n:: Start\nyo\n").start == "Start"  # the spec's default start


def test_macros_go_and_their_hooks_stay():
    story = parse(":: P\n(if: $a is \"x)\")[Kai: shown (really)]\n<<if $b>>\nSam: also\n<</if>>\n"
                  "(link-goto: \"x\", \"P\") <!-- a note -->\n/* more */hi <b>there</b>\n")
    c = clean(story.passages["P"])
    assert c.macros == ["<<if>>", "(if:)", "(link-goto:)"]
    assert [t.strip() for _n, t in c.lines if t.strip()] == ["Kai: shown (really)", "Sam: also", "hi there"]
    assert [n for n, t in c.lines if "there" in t] == [7]  # line numbers survive multi-line code


def test_harlowe_braces_go_and_help_service_roles_stay(cli, tmp_path, library):
    source = tmp_path / "braces.twee"
    source.write_text(":: Start\n{(set: $x to 1)Sam: you can text {helpline.text} or {tipline}}\n"
                      "{ }\n", encoding="utf-8")
    out = tmp_path / "braces.yaml"
    assert cli("twine", source, "--out", out)[0] == 0
    sc = check_file(out, library.taxonomy, library.resources).scenario
    assert sc is not None and [m.text.en for m in sc.beats["start"].messages] == [
        "you can text {helpline.text} or {tipline}"]


@pytest.mark.parametrize("text", ["hey: what's up?", "@jay lol", "*hug*", "we're #1", "null", "No",
                                  "8:30", "- dash", "[tag]", "{role}", 'say "hi"', "a\\b", "Zoé 😄", " x"])
def test_quoted_text_reads_back_the_same(text):
    loaded = parse_yaml(f"text: {quote(text)}\n", "t.yaml")
    assert not loaded.diagnostics and loaded.data == {"text": text}


def test_odd_input_never_crashes():
    rng = random.Random(7)
    pieces = ["::", ":: P", "[[", "]]", "->", "<-", "|", "(set:", "(if: $x)[", "]", ")", "<<", ">>",
              "\\", "{", "}", "\n", "Kai: ", "text", "[", "\"", "/*", "<!--", "Me: ", "//"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        try:
            story = parse(text)
            for p in story.passages.values():
                clean(p)
        except TweeError as exc:
            assert exc.line >= 1 and exc.message
