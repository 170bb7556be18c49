"""Every theme meets WCAG 2.2 AA: 4.5:1 for normal text, 3:1 for large text and for UI components
(focus ring, flag marks, button edges), computed with the WCAG relative-luminance formula."""

from __future__ import annotations

import pytest
import yaml

from game.ui.theme import THEMES, load_theme

BACKGROUNDS = ("page", "bg", "card", "dialog", "chat_bg", "chat_header", "neutral_bg", "button2",
               "button2_hover", "bubble_in")
TONE_BGS = ("good_bg", "warn_bg", "bad_bg", "flag_bg", "neutral_bg")

# (foreground, background, "text" | "large" | "ui"), as the screens draw them
PAIRS: list[tuple[str, str, str]] = [
    *[("text", bg, "text") for bg in BACKGROUNDS + TONE_BGS],
    *[("muted", bg, "text") for bg in BACKGROUNDS + TONE_BGS],
    *[("faint", bg, "text") for bg in ("page", "card", "chat_header", "chat_bg")],
    *[(tone, bg, "text") for tone in ("good", "warn", "bad", "flag")
      for bg in ("page", "card", "chat_bg", "dialog", f"{tone}_bg")],
    ("flag", "chat_header", "text"),
    ("appbar_text", "appbar", "text"), ("appbar_muted", "appbar", "text"),
    ("bubble_in_text", "bubble_in", "text"), ("bubble_out_text", "bubble_out", "text"),
    ("system_text", "chat_bg", "text"), ("timestamp", "chat_bg", "text"),
    ("separator_text", "separator_bg", "text"), ("attachment_text", "attachment_bg", "text"),
    ("button_text", "button", "text"), ("button_text", "button_hover", "text"),
    ("button2_text", "button2", "text"), ("button2_text", "button2_hover", "text"),
    ("help_button_text", "help_button", "text"), ("help_button_text", "help_button_hover", "text"),
    ("disabled_text", "disabled", "text"),
    ("pill_text", "pill", "text"), ("flag_text", "flag", "text"),
    *[("avatar_text", f"avatar_{i}", "text") for i in range(1, 7)],
    ("title_accent", "page", "large"),
    # UI components: what marks a flag, a focused item, a control's edge
    *[("flag", bg, "ui") for bg in ("chat_bg", "bubble_in", "card", "page")],
    ("button2_border", "page", "ui"), ("button2_border", "card", "ui"),
    ("button", "page", "ui"), ("help_button", "appbar", "ui"),
    ("online", "chat_header", "ui"), ("typing_dot", "bubble_in", "ui"),
    ("scrollbar", "page", "ui"), ("bubble_hover", "chat_bg", "ui"),
    ("focus", "focus_inner", "ui"),
]
# the focus ring has two tones (outer `focus`, inner `focus_inner`): on every surface at least one
# of them must stand out by 3:1
FOCUS_SURFACES = BACKGROUNDS + TONE_BGS + ("appbar", "button", "help_button", "bubble_out", "overlay_on_page")

MINIMUM = {"text": 4.5, "large": 3.0, "ui": 3.0}


def luminance(color) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def theme_files():
    return sorted(THEMES.glob("*.yaml"))


def colors_of(name: str) -> dict:
    t = load_theme(name)
    cols = t.colors()
    page, over = cols["page"], cols["overlay"]
    a = over.a / 255  # the page as seen through the dialog shade
    import pygame

    cols["overlay_on_page"] = pygame.Color(*(round(over[i] * a + page[i] * (1 - a)) for i in range(3)))
    return cols


def lowest_ratios(name: str) -> dict[str, tuple[float, str]]:
    cols = colors_of(name)
    low: dict[str, tuple[float, str]] = {}
    for fg, bg, kind in PAIRS:
        r = contrast(cols[fg], cols[bg])
        if kind not in low or r < low[kind][0]:
            low[kind] = (r, f"{fg} on {bg}")
    return low


def test_there_is_a_high_contrast_theme_with_the_same_keys():
    names = [p.stem for p in theme_files()]
    assert "default" in names and "high-contrast" in names
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    keys = {}
    for p in theme_files():
        data = yaml.load(p.read_text(encoding="utf-8"), Loader=loader)
        keys[p.stem] = (set(data["colors"]), set(data["sizes"]))
    assert keys["high-contrast"] == keys["default"]


@pytest.mark.parametrize("name", [p.stem for p in theme_files()])
def test_every_theme_meets_wcag_aa(name):
    cols = colors_of(name)
    failures = []
    for fg, bg, kind in PAIRS:
        r = contrast(cols[fg], cols[bg])
        if r < MINIMUM[kind]:
            failures.append(f"{fg} on {bg}: {r:.2f} < {MINIMUM[kind]}")
    for bg in FOCUS_SURFACES:
        r = max(contrast(cols["focus"], cols[bg]), contrast(cols["focus_inner"], cols[bg]))
        if r < 3.0:
            failures.append(f"focus ring on {bg}: {r:.2f} < 3")
    assert not failures, f"{name}: " + "; ".join(failures)


def test_high_contrast_is_higher_than_default():
    hc, df = lowest_ratios("high-contrast"), lowest_ratios("default")
    assert hc["text"][0] >= 7.0, hc  # AAA for text in the high-contrast theme
    assert hc["text"][0] > df["text"][0]


def test_contrast_formula_matches_known_values():
    import pygame

    assert contrast(pygame.Color("#000000"), pygame.Color("#FFFFFF")) == pytest.approx(21.0)
    assert contrast(pygame.Color("#777777"), pygame.Color("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
