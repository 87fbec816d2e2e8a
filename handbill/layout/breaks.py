"""Where a word too long for its line is cut. Web addresses are the long words of a handout; cut anywhere
("school-therapist-c / linical-therapist"), a reader typing one from paper cannot tell where a word ends. So,
as style manuals ask (Chicago 6.76), an address breaks after a double slash, before a single slash, a dot, a
hyphen or other punctuation, before or after an equals sign or an ampersand, and never gets a hyphen of its
own; only a word with no such place, or one that would leave its line less than a quarter full, is cut between
characters, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

_BEFORE = frozenset("/.,-_?#%~=&")  # a line may start with one of these
_AFTER = frozenset("=&")  # and may end with one of these
_SHORTEST = 0.25  # a break at a sign must fill at least this much of the room on its line


def may_break_before(chars: Sequence[str], k: int) -> bool:
    """Whether a long word may be cut between chars[k - 1] and chars[k] at a sign (not between characters)."""
    if not 0 < k < len(chars) - 1:  # never before the last character: a closing dot stays with the address
        return False
    before, here, after = chars[k - 1], chars[k], chars[k + 1]
    if before == "/" and k >= 2 and chars[k - 2] == "/":
        return True  # after "//"
    if here == "/" and (before in ":/" or after == "/"):
        return False  # inside "://"
    return here in _BEFORE or before in _AFTER


def cut_points(
    chars: Sequence[str],
    widths: Sequence[float],
    room: float,
    room_after: Callable[[int], float],
    stays: Callable[[int], bool] = lambda k: False,
) -> list[int]:
    """Where to cut a word of `chars` (each `widths` wide) that starts with `room` left on its line, each later
    line `room_after(n)` wide (n = 1, 2 ...): indexes into `chars`, each the first character of a new line. A
    first cut at 0 means the word starts on the next line (nothing of it fits where it is). A character for
    which `stays(k)` holds (a combining mark) is never cut from the one before it."""
    cuts: list[int] = []
    start, line, count = 0, 0, len(chars)
    while True:
        used, end = 0.0, start
        while end < count and used + widths[end] <= room:
            used += widths[end]
            end += 1
        if end == count:
            return cuts
        if end == start:  # not one character fits
            if start == 0 and not cuts and widths[0] <= room_after(1):
                cuts.append(0)  # begin on the next line
                line += 1
                room = room_after(line)
                continue
            end = start + 1  # a character wider than any line goes alone
        signs = [k for k in range(start + 1, end + 1) if may_break_before(chars, k)]
        if signs and sum(widths[start : signs[-1]]) >= _SHORTEST * room:
            end = signs[-1]
        while end - 1 > start and end < count and stays(end):
            end -= 1  # a mark goes to the next line with its letter
        cuts.append(end)
        start, line = end, line + 1
        room = room_after(line)
