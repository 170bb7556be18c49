"""A story's card in the picker: a picture drawn in code beside its words, so each story is
recognisable at a glance, and a check badge on it once the story was played to the end here.

The picture is a small phone in the story's app (its colours and icon, game/ui/apps.py) with the
people in it as their avatars: a chat for a one-conversation story, the phone's conversation
list for a story with threads (format 2). Nothing is loaded: shapes, the app's icon and the
avatar emoji from the shipped atlas (assets/emoji, Noto Color Emoji, OFL; see its LICENSE.txt).
The picture is described in words for read aloud (`speech`), so it tells nothing the card's
text doesn't. In a narrow card (a small window, big text) it goes above the words."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from ...engine.model import Scenario
from ...i18n import _
from ..apps import app_color, app_style, draw_app_icon
from ..theme import theme
from .base import Block, Card, avatar, focus_ring, rrect
from .drawing import UIState

PICTURE_W = 116  # the picture's width at 1280x720 (it grows with the window, half as much with text)
PICTURE_RATIO = 1.55  # height over width: a phone standing up
MIN_TEXT_W = 200  # the words beside the picture need this much (at 100 % text), else it goes above
MAX_PEOPLE = 3


def cast_of(scenario: Scenario, lang: str) -> list[tuple[str, str]]:
    """(avatar, name) of the people the picture shows, at most MAX_PEOPLE, each look once: the
    conversations on the phone at the start (format 2), else the characters as listed."""
    ids: list[str] = []
    if scenario.threads:
        for th in scenario.threads.values():
            if th.opens == "start":
                ids += [p for p in th.people if p not in ids]
    ids += [c for c in scenario.characters if c not in ids]
    out: list[tuple[str, str]] = []
    for cid in ids:
        ch = scenario.characters.get(cid)
        if ch is None:
            continue
        look = ("" if ch.avatar_is_image else ch.avatar, ch.name.get(lang))
        if all(look[0] != a or look[1] != n for a, n in out) and all(look[1] != n for _a, n in out):
            out.append(look)
        if len(out) == MAX_PEOPLE:
            break
    return out


def picture_words(scenario: Scenario, lang: str) -> str:
    """What the picture shows, for read aloud."""
    names = ", ".join(name for _a, name in cast_of(scenario, lang))
    return _("Picture: a phone open on {app}, with {names}").format(app=scenario.platform.name, names=names)


class StoryPicture(Block):
    """The phone picture, drawn at a fixed size that follows the window (not the text size)."""

    def __init__(self, scenario: Scenario, lang: str, played: bool):
        super().__init__()
        self.scenario, self.played = scenario, played
        self.style = app_style(scenario.platform.name)
        self.cast = cast_of(scenario, lang)
        self.speech = self.text = picture_words(scenario, lang)  # read aloud, and the card's words
        self._cache: tuple[tuple, pygame.Surface] | None = None

    @staticmethod
    def size() -> tuple[int, int]:
        w = max(56, round(PICTURE_W * theme().chrome_scale))
        return w, round(w * PICTURE_RATIO)

    def measure(self, w: int) -> int:
        return self.size()[1]

    def draw(self, surf, x, y, w, ui) -> None:
        pw, ph = self.size()
        self.rect = pygame.Rect(x, y, pw, ph)
        key = (pw, ph, theme().generation, theme().name)
        if self._cache is None or self._cache[0] != key:
            img = pygame.Surface((pw, ph), pygame.SRCALPHA)
            self.paint(img)
            self._cache = (key, img)
        surf.blit(self._cache[1], self.rect.topleft)

    def paint(self, img: pygame.Surface) -> None:
        t = theme()
        full = img.get_rect()
        badge = round(full.w * 0.36) if self.played else 0
        phone = pygame.Rect(0, badge // 3, full.w - badge // 3, full.h - badge // 3)
        radius = max(4, phone.w // 6)
        rrect(img, t.color("appbar"), phone, radius)
        rrect(img, t.color("card_border"), phone, radius, max(1, phone.w // 40))
        edge = max(3, phone.w // 14)
        screen = phone.inflate(-2 * edge, -2 * edge)
        screen.h -= edge  # a chin below the screen
        color = lambda key: app_color(self.style, key)  # noqa: E731
        rrect(img, color("chat_bg"), screen, max(2, radius - edge))
        head = pygame.Rect(screen.x, screen.y, screen.w, max(10, screen.h // 6))
        rrect(img, color("header_bg"), head, max(2, radius - edge))
        pygame.draw.rect(img, color("header_bg"), head.inflate(0, -head.h // 2).move(0, head.h // 4))
        icon = pygame.Rect(0, 0, head.h - 4, head.h - 4)
        icon.midleft = (head.x + 3, head.centery)
        draw_app_icon(img, icon, self.style)
        line = max(2, head.h // 6)
        title = pygame.Rect(icon.right + 4, head.centery - line // 2, max(4, (head.right - icon.right) // 2), line)
        rrect(img, color("header_text"), title, line // 2)
        body = pygame.Rect(screen.x + 3, head.bottom + 4, screen.w - 6, screen.bottom - head.bottom - 8)
        if self.scenario.threads:
            self._threads(img, body, color)
        else:
            self._chat(img, body, color)
        if self.played:
            self._check(img, pygame.Rect(full.right - badge, 0, badge, badge))

    def _chat(self, img: pygame.Surface, body: pygame.Rect, color) -> None:
        """A chat: the cast's bubbles on the left with their avatars, the player's on the right."""
        av = max(10, round(body.w * 0.3))
        row = av + max(2, body.h // 30)
        people = self.cast or [("", "?")]
        y = body.y
        n = 0
        while y + row <= body.bottom:
            if n % 2 == 0:
                face, name = people[(n // 2) % len(people)]
                avatar(img, (body.x + av // 2, y + av // 2), av, face, name)
                bubble = pygame.Rect(body.x + av + 3, y + av // 6, round((body.w - av - 3) * (0.9 - 0.15 * (n % 3))),
                                     av - av // 3)
                rrect(img, color("bubble_in"), bubble, bubble.h // 2)
                rrect(img, color("bubble_in_text"), bubble, bubble.h // 2, 1)
            else:
                width = round(body.w * (0.55 + 0.1 * (n % 3)))
                bubble = pygame.Rect(body.right - width, y + av // 6, width, av - av // 3)
                rrect(img, color("bubble_out"), bubble, bubble.h // 2)
            y += row
            n += 1

    def _threads(self, img: pygame.Surface, body: pygame.Rect, color) -> None:
        """The phone's conversation list: an avatar, a name and a line of preview each."""
        av = max(10, round(body.w * 0.28))
        row = av + max(3, body.h // 14)
        y = body.y
        line = max(2, av // 6)
        for n, (face, name) in enumerate(self.cast):
            if y + av > body.bottom:
                break
            avatar(img, (body.x + av // 2, y + av // 2), av, face, name)
            x = body.x + av + 4
            rrect(img, color("bubble_in_text"), pygame.Rect(x, y + av // 4, round((body.right - x) * 0.7), line),
                  line // 2)
            rrect(img, color("bubble_out"), pygame.Rect(x, y + av // 2 + line, round((body.right - x) * 0.9), line),
                  line // 2)
            if n == 0:  # an unread message waits in the first
                pygame.draw.circle(img, color("accent"), (body.right - line * 2, y + av // 4 + line // 2), line * 2)
            y += row

    @staticmethod
    def _check(img: pygame.Surface, r: pygame.Rect) -> None:
        """The "played" badge: a check in a circle (the card's text says it in words too)."""
        t = theme()
        pygame.draw.circle(img, t.color("card"), r.center, r.w // 2)
        pygame.draw.circle(img, t.color("good"), r.center, r.w // 2 - max(2, r.w // 12))
        w = max(2, r.w // 9)
        pts = [(r.x + r.w * 0.28, r.y + r.h * 0.52), (r.x + r.w * 0.44, r.y + r.h * 0.68),
               (r.x + r.w * 0.73, r.y + r.h * 0.35)]
        pygame.draw.lines(img, t.color("card"), False, pts, w)


class StoryCard(Card):
    """A story's card: its title across the top, then the picture with the other words beside
    it, or above them when the words would be squeezed. Its items stay the blocks themselves
    (title, picture, words), so focus, clicks and read aloud see them as in any card."""

    def __init__(self, title: Block, picture: StoryPicture, words: Sequence[Block], **card):
        super().__init__([title, picture, *words], **card)
        self.title, self.picture, self.words = title, picture, list(words)

    def above(self, w: int) -> bool:
        """For the card's inner width `w`: the picture goes above the words."""
        t = theme()
        return w - self.picture.size()[0] - t.px("pad") < round(MIN_TEXT_W * t.scale)

    def _text_w(self, w: int) -> int:
        return w if self.above(w) else w - self.picture.size()[0] - theme().px("pad")

    def _words_h(self, w: int) -> int:
        gap = theme().px("gap") // 2
        tw = self._text_w(w)
        return sum(it.height(tw) for it in self.words) + gap * max(0, len(self.words) - 1)

    def body_height(self, w: int) -> int:
        """The picture and the words, below the title, for the inner width `w`."""
        ph = self.picture.size()[1]
        if self.above(w):
            return ph + theme().px("gap") + self._words_h(w)
        return max(ph, self._words_h(w))

    def measure(self, w: int) -> int:
        t = theme()
        _left, iw = self._inner(w)
        return 2 * t.px("pad") + self.title.height(iw) + t.px("gap") // 2 + self.body_height(iw)

    def draw(self, surf: pygame.Surface, x: int, y: int, w: int, ui: UIState) -> None:
        Block.draw(self, surf, x, y, w, ui)
        t = theme()
        self.rect.h = max(self.rect.h, getattr(self, "stretch_to", 0))
        hover = ui.is_hover(self.rect)
        rrect(surf, t.color("button2_hover" if hover else self.bg), self.rect)
        if self.border:
            rrect(surf, t.color(self.border), self.rect, None, 2)
        left, iw = self._inner(w)
        x0, y0 = x + left, y + t.px("pad")
        self.title.draw(surf, x0, y0, iw, ui)
        y0 += self.title.height(iw) + t.px("gap") // 2
        self.picture.draw(surf, x0, y0, iw, ui)
        tx0, ty = (x0, y0 + self.picture.rect.h + t.px("gap")) if self.above(iw) \
            else (x0 + self.picture.size()[0] + t.px("pad"), y0)
        tw = self._text_w(iw)
        for it in self.words:
            it.draw(surf, tx0, ty, tw, ui)
            ty += it.height(tw) + t.px("gap") // 2
        if ui.focused is self:
            focus_ring(surf, self.rect)
