"""A brand's colours as the file needs them: #RRGGBB on screen, CMYK on press.

Press colour comes from the brand's own CMYK values, which a designer sets to match the printed brand; a colour
without one is converted through the press profile, and the build says so. Body text and muted (small) text
always print 100% K: black type from four inks would blur as the plates shift, and a tint of K would be screened.
"""

from __future__ import annotations

from ..design import Brand
from .colour import cmyk_of
from .profile import Press

K_ONLY = ("text", "muted")
SMALL_TYPE = 9.0  # points: type smaller than this prints in solid black whatever its colour on screen (see styles)
SOLID_K = (0.0, 0.0, 0.0, 1.0)
_DEFAULTS = ("neutral_tint",)  # colours handbill supplies when a brand does not: converted without a warning


def press_colors(brand: Brand) -> dict[str, tuple[float, float, float, float]]:
    """CMYK (0..1) of every colour role of `brand`."""
    out = {}
    for role, hex_color in brand.colors.items():
        if role in K_ONLY:
            out[role] = SOLID_K
        elif role in brand.cmyk:
            out[role] = brand.cmyk[role]
        elif role == "link" and hex_color == brand.colors["primary"] and "primary" in brand.cmyk:
            out[role] = brand.cmyk["primary"]
        else:
            out[role] = cmyk_of(hex_color)
    return out


def computed(brand: Brand) -> list[str]:
    """The brand's own colours that have no CMYK value in the brand file (so print converts them)."""
    given = set(brand.cmyk) | set(K_ONLY) | set(_DEFAULTS)
    if "primary" in brand.cmyk and brand.colors.get("link") == brand.colors["primary"]:
        given.add("link")
    roles = [role for role in brand.colors if role != "link"] + ["link"]  # link defaults to primary: name it last
    return [role for role in roles if role not in given]


def inks(brand: Brand, press: Press) -> dict[str, str]:
    """Every colour role as a ReportLab colour string: the brand's #RRGGBB, or `cmyk(c,m,y,k)` for print."""
    if not press.cmyk:
        return dict(brand.colors)
    return {role: "cmyk({:g},{:g},{:g},{:g})".format(*values) for role, values in press_colors(brand).items()}


def computed_note(brand: Brand, file_hint: str) -> str:
    """What a print build tells the user about the colours it had to convert, with the values it used."""
    roles = computed(brand)
    if not roles:
        return ""
    values = press_colors(brand)
    shown = "; ".join(f"{role} " + " ".join(f"{ink}{round(v * 100)}" for ink, v in zip("CMYK", values[role])) for role in roles)
    return (
        f"brand '{brand.name}' has no print (CMYK) values for {', '.join(roles)}; converted them through the "
        f"press profile ({shown}); ask your designer for the brand's CMYK values and add them under cmyk: "
        f"in {file_hint}"
    )
