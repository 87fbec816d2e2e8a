"""Press colour: sRGB design colours and pictures separated into CMYK for the printing condition handbill targets.

Screen colours are sRGB; a press prints cyan, magenta, yellow and black on paper. Converting here, through one
shipped profile, means the print shop gets the separation the file was checked with instead of whatever its RIP
would make of RGB, and the same profile is named in the file's PDF/X output intent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms

CMYK = tuple[float, float, float, float]

PROFILE = Path(__file__).with_name("icc") / "GRACoL-TR006-handbill.icc"

# Colours closer to grey than this CIE C*ab print with black ink alone (see `cmyk_of`). A tint this faint is
# hardly seen on paper, while dark grey text in four inks blurs whenever the plates are slightly out of register.
NEUTRAL_CHROMA = 5.0


@dataclass(frozen=True)
class OutputCondition:
    """A characterized printing condition: what a PDF/X output intent names and the profile that describes it."""

    identifier: str  # the condition's name in the ICC's registry of characterized printing conditions
    registry: str
    info: str  # for people: the press and paper the file is made for
    profile: Path


PRESS_CONDITION = OutputCondition(
    identifier="CGATS TR 006",
    registry="http://www.color.org",
    info="GRACoL 2006, commercial offset on grade 1 coated paper (ISO 12647-2 paper type 1)",
    profile=PROFILE,
)


def cmyk_of(hex_color: str) -> CMYK:
    """An sRGB colour written #RRGGBB as press CMYK (each 0..1 in whole percent), relative colorimetric with
    black point compensation so black stays the deepest black the press has.

    Greys and near-greys (chroma up to NEUTRAL_CHROMA) come out in black ink alone, as light as the grey, and
    black as 100% K: neutral text and rules in four inks (rich black) go soft and fringed when the plates
    misregister and put more ink on the paper than the text needs, and a printer expects black text as solid K.
    """
    red, green, blue = bytes.fromhex(hex_color.removeprefix("#"))
    luminance, chroma = _luminance_and_chroma(red, green, blue)
    if chroma <= NEUTRAL_CHROMA:
        return 0.0, 0.0, 0.0, _black_ink_for(luminance)
    cyan, magenta, yellow, black = _separation().apply(Image.new("RGB", (1, 1), (red, green, blue))).tobytes()
    return _percent(cyan), _percent(magenta), _percent(yellow), _percent(black)


def cmyk_image(image: Image.Image) -> Image.Image:
    """A PNG or JPEG picture as press CMYK pixels through the same profile, transparency flattened onto white paper.

    Pixels are taken as sRGB, as a screen file shows them; a CMYK picture is taken to be separated for press
    already and is kept as it is.
    """
    if image.mode == "CMYK":
        return image.copy()
    if image.mode.startswith("I"):  # 16-bit grey PNG: converting it straight to RGB would clip it to white
        image = image.convert("I").point(lambda value: value / 257).convert("L")
    paper = Image.new("RGBA", image.size, "white")
    flattened = Image.alpha_composite(paper, image.convert("RGBA")).convert("RGB")
    return _separation().apply(flattened)


def _percent(channel: int) -> float:
    return round(channel * 100 / 255) / 100


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _luminance_and_chroma(red: int, green: int, blue: int) -> tuple[float, float]:
    """Relative luminance Y and CIE C*ab of an sRGB colour (its own D65 white), from the sRGB definition."""
    r, g, b = _linear(red), _linear(green), _linear(blue)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.0890
    fx, fy, fz = (_lab_f(v) for v in (x, y, z))
    return y, math.hypot(500 * (fx - fy), 200 * (fy - fz))


def _lab_f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def _black_ink_for(luminance: float) -> float:
    """The black tint (whole percent) that prints as light as a grey of this luminance, black point compensated:
    sRGB white is bare paper and sRGB black is solid black ink."""
    tints = _black_tints()
    paper, solid = tints[0], tints[-1]
    target = solid + (paper - solid) * luminance
    return min(range(len(tints)), key=lambda percent: abs(tints[percent] - target)) / 100


@lru_cache(maxsize=1)
def _black_tints() -> tuple[float, ...]:
    """Luminance, relative to the paper, of black ink alone at 0, 1, ... 100 percent, as the profile prints it."""
    tints = Image.new("CMYK", (101, 1))
    tints.putdata([(0, 0, 0, round(percent * 255 / 100)) for percent in range(101)])
    to_lab = ImageCms.buildTransform(
        _press_profile(), ImageCms.createProfile("LAB"), "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC
    )
    lightness = to_lab.apply(tints).getchannel("L").tobytes()
    return tuple(_luminance_of_lightness(value * 100 / 255) for value in lightness)


def _luminance_of_lightness(lightness: float) -> float:
    return ((lightness + 16) / 116) ** 3 if lightness > 8 else lightness / 903.3


@lru_cache(maxsize=1)
def _press_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.getOpenProfile(str(PROFILE))


@lru_cache(maxsize=1)
def _separation() -> ImageCms.ImageCmsTransform:
    """sRGB to the press profile, built once per process."""
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        _press_profile(),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
