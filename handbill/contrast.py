"""WCAG 2.2 contrast: every text/background pair a brand produces must be readable (1.4.3, 1.4.11)."""

from __future__ import annotations

from dataclasses import dataclass

NORMAL_TEXT, GRAPHICS = 4.5, 3.0


@dataclass(frozen=True)
class Pair:
    """A foreground colour role used on a background role, what it is, and the ratio WCAG asks of it."""

    foreground: str
    background: str
    used_for: str
    minimum: float


# Every combination the layouts draw; "white" is the paper.
PAIRS = (
    Pair("text", "white", "body text", NORMAL_TEXT),
    Pair("text", "tint", "text in panels and left comparison cells", NORMAL_TEXT),
    Pair("text", "accent_tint", "text in right comparison cells and important notes", NORMAL_TEXT),
    Pair("text", "neutral_tint", "text in notes", NORMAL_TEXT),
    Pair("primary", "neutral_tint", "note titles", NORMAL_TEXT),
    Pair("primary", "white", "headings", NORMAL_TEXT),
    Pair("primary", "tint", "panel titles and column heads", NORMAL_TEXT),
    Pair("primary", "accent_tint", "column heads on the accent side", NORMAL_TEXT),
    Pair("muted", "white", "running header, footer and disclaimers", NORMAL_TEXT),
    Pair("on_primary", "primary", "title band text", NORMAL_TEXT),
    Pair("link", "white", "links", NORMAL_TEXT),
    Pair("accent", "white", "list markers (check marks, question badges)", GRAPHICS),
)


def luminance(hex_color: str) -> float:
    """Relative luminance of an sRGB colour written #RRGGBB."""
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def failures(colors: dict[str, str]) -> list[tuple[Pair, float]]:
    """The pairs of this palette that fall short, with their ratios."""
    palette = {"white": "#FFFFFF", "link": colors.get("primary", "#000000"), **colors}
    out = []
    for pair in PAIRS:
        value = ratio(palette[pair.foreground], palette[pair.background])
        if value < pair.minimum:
            out.append((pair, value))
    return out
