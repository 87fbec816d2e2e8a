"""The Section 505 (Stevens Amendment) figures of a grant: derived from what the grant manager knows, checked, rounded.

Section 505 of the Labor-HHS-Education appropriations act asks HHS and Department of Education grantees to state
the percentage of the total costs financed with federal money, the dollar amount of federal funds, and the
percentage and dollar amount financed by non-governmental sources. A grant manager knows some of these (the award
on the notice of award, the share or the total budget); the rest follow from

    total cost = federal + other government (state or local) + non-governmental

so handbill works them out, and refuses a set of figures that contradicts itself rather than print it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

FEDERAL_AMOUNT = "federal_amount"
FEDERAL_PERCENT = "federal_percent"
TOTAL_COST = "total_cost"
NONGOVERNMENTAL_AMOUNT = "nongovernmental_amount"
NONGOVERNMENTAL_PERCENT = "nongovernmental_percent"
OTHER_GOVERNMENT_AMOUNT = "other_government_amount"
MAX_DOLLARS = 100_000_000_000  # no grant is larger: a bigger figure is a typing mistake

# The facts a grant may give, in the order they are asked for, with what each means.
FIGURES = {
    FEDERAL_AMOUNT: ("money", "the federal dollars for the project, from the notice of award (e.g. federal_amount: 250000)"),
    FEDERAL_PERCENT: ("percent", "the share of the project's total cost paid with federal money (e.g. federal_percent: 60)"),
    TOTAL_COST: ("money", "the project's total cost from all sources (e.g. total_cost: 416667)"),
    NONGOVERNMENTAL_AMOUNT: ("money", "the dollars from non-governmental sources (foundations, donations, fees)"),
    NONGOVERNMENTAL_PERCENT: ("percent", "the share of the total cost from non-governmental sources"),
    OTHER_GOVERNMENT_AMOUNT: ("money", "state or local government dollars in the total cost (0 when none)"),
}


class FiguresError(ValueError):
    """The figures cannot be stated: too few to work out the rest, or they contradict each other."""

    def __init__(self, message: str, hint: str, field: str = "", *, mismatch: bool = False):
        super().__init__(message)
        self.message, self.hint, self.field = message, hint, field
        self.mismatch = mismatch  # the figures contradict each other (rather than being too few)


@dataclass(frozen=True)
class Figures:
    """The three facts Section 505 asks for (and the total they are shares of), exact, before rounding."""

    federal_amount: Fraction
    total_cost: Fraction
    nongovernmental_amount: Fraction
    other_government_amount: Fraction

    @property
    def federal_percent(self) -> Fraction:
        return 100 * self.federal_amount / self.total_cost

    @property
    def nongovernmental_percent(self) -> Fraction:
        return 100 * self.nongovernmental_amount / self.total_cost

    def printed(self) -> dict[str, str]:
        """The figures as a grant office writes them: whole dollars and whole percents, each set of shares
        adding up to its total as printed (a share that is not nothing never shows as 0, nor a part as 100)."""
        dollars = _shares([self.federal_amount, self.nongovernmental_amount, self.other_government_amount], self.total_cost, 0)
        percents = _percents(
            [self.federal_percent, self.nongovernmental_percent, 100 - self.federal_percent - self.nongovernmental_percent]
        )
        return {
            FEDERAL_AMOUNT: _money(dollars[0]),
            NONGOVERNMENTAL_AMOUNT: _money(dollars[1]),
            OTHER_GOVERNMENT_AMOUNT: _money(dollars[2]),
            TOTAL_COST: _money(_round(self.total_cost, 0)),
            FEDERAL_PERCENT: _number(percents[0]),
            NONGOVERNMENTAL_PERCENT: _number(percents[1]),
        }


def derive(given: dict[str, Decimal]) -> Figures:
    """The grant's figures from those `given` (any of FIGURES, as exact decimals), or FiguresError naming what is
    missing or which numbers disagree. Dollars are preferred to percentages: a percentage given beside enough
    dollars is checked against them, to the precision it was written with."""
    exact = {name: Fraction(value) for name, value in given.items()}
    other = exact.get(OTHER_GOVERNMENT_AMOUNT, Fraction(0))
    federal, total, nongov = exact.get(FEDERAL_AMOUNT), exact.get(TOTAL_COST), exact.get(NONGOVERNMENTAL_AMOUNT)
    federal_share, nongov_share = exact.get(FEDERAL_PERCENT), exact.get(NONGOVERNMENTAL_PERCENT)
    used: set[str] = set()
    if federal_share == 0 or federal == 0:
        raise FiguresError(
            "the federal share is 0",
            "a grant this statement is for pays part of the project; give its federal_amount or federal_percent",
            FEDERAL_PERCENT if federal_share == 0 else FEDERAL_AMOUNT,
        )
    if sum(x is not None for x in (federal, total, nongov)) >= 2:
        if federal is not None and total is not None:
            nongov_found = total - federal - other
            if nongov is not None and abs(nongov - nongov_found) >= 1:
                raise _mismatch(
                    f"total ${_money(total)} - federal ${_money(federal)}"
                    + (f" - other government ${_money(other)}" if other else "")
                    + f" leaves ${_money(nongov_found)} from non-governmental sources, not ${_money(nongov)}",
                    NONGOVERNMENTAL_AMOUNT,
                )
            nongov = nongov_found
        elif federal is not None and nongov is not None:
            total = federal + nongov + other
        elif total is not None and nongov is not None:
            federal = total - nongov - other
    elif federal is not None or total is not None or nongov is not None:
        federal, total, nongov = _from_share(federal, total, nongov, federal_share, nongov_share, other, used)
    else:
        raise FiguresError(
            "no dollar amount",
            "Section 505 asks for the dollar amount of federal funds: give federal_amount (and federal_percent or total_cost)",
            FEDERAL_AMOUNT,
        )
    assert federal is not None and total is not None and nongov is not None
    figures = Figures(federal, total, nongov, other)
    _check_sane(figures)
    for name, share, found in (
        (FEDERAL_PERCENT, federal_share, figures.federal_percent),
        (NONGOVERNMENTAL_PERCENT, nongov_share, figures.nongovernmental_percent),
    ):
        if share is not None and name not in used:
            slack = _half_unit(given[name]) + sum(_half_unit(given[u]) for u in used)
            if abs(share - found) > slack:
                raise _mismatch(_share_detail(figures, name, share, found), name)
    return figures


def _share_detail(figures: Figures, name: str, share: Fraction, found: Fraction) -> str:
    """Why a percentage disagrees with the dollars, and what the dollars would be at that percentage."""
    part = "federal" if name == FEDERAL_PERCENT else "non-governmental"
    amount = figures.federal_amount if name == FEDERAL_PERCENT else figures.nongovernmental_amount
    detail = (
        f"${_money(amount)} {part} of a ${_money(figures.total_cost)} total is "
        f"{_number(_round(found, 2))} percent, not {_number(share)}"
    )
    if name == FEDERAL_PERCENT and 0 < share < 100:
        total = figures.federal_amount * 100 / share
        nongov = total - figures.federal_amount - figures.other_government_amount
        detail += (
            f"; at {_number(share)} percent the total would be ${_money(_round(total, 0))} and "
            f"non-governmental sources ${_money(_round(nongov, 0))}"
        )
    return detail


def _from_share(
    federal: Fraction | None,
    total: Fraction | None,
    nongov: Fraction | None,
    federal_share: Fraction | None,
    nongov_share: Fraction | None,
    other: Fraction,
    used: set[str],
) -> tuple[Fraction, Fraction, Fraction]:
    """One dollar figure and a percentage: the other dollars follow (the federal percentage preferred)."""
    if federal_share is None and nongov_share is None:
        known = FEDERAL_AMOUNT if federal is not None else TOTAL_COST if total is not None else NONGOVERNMENTAL_AMOUNT
        raise FiguresError(
            f"only {known} is given: the shares cannot be worked out",
            "add federal_percent or total_cost (federal_percent: 100 when the grant pays for everything)",
            known,
        )
    if federal_share is not None:
        used.add(FEDERAL_PERCENT)
        if federal is not None:
            total = federal * 100 / federal_share
        elif total is not None:
            federal = total * federal_share / 100
        else:
            assert nongov is not None
            if federal_share == 100:
                raise _mismatch("federal_percent is 100 but there are non-governmental dollars", FEDERAL_PERCENT)
            total = (nongov + other) / (1 - federal_share / 100)
            federal = total - nongov - other
        assert federal is not None and total is not None
        return federal, total, nongov if nongov is not None else total - federal - other
    assert nongov_share is not None
    used.add(NONGOVERNMENTAL_PERCENT)
    if nongov is not None:
        if nongov_share == 0:
            raise _mismatch("nongovernmental_percent is 0 but nongovernmental_amount is not", NONGOVERNMENTAL_PERCENT)
        total = nongov * 100 / nongov_share
        return total - nongov - other, total, nongov
    if total is not None:
        nongov = total * nongov_share / 100
        return total - nongov - other, total, nongov
    assert federal is not None
    if nongov_share == 100:
        raise _mismatch("nongovernmental_percent is 100 but there are federal dollars", NONGOVERNMENTAL_PERCENT)
    total = (federal + other) / (1 - nongov_share / 100)
    return federal, total, total - federal - other


def _check_sane(figures: Figures) -> None:
    if figures.total_cost > MAX_DOLLARS:
        raise _mismatch(
            f"they make a total cost of ${_money(_round(figures.total_cost, 0))}, more than ${MAX_DOLLARS:,}", FEDERAL_PERCENT
        )
    if figures.nongovernmental_amount < 0:
        raise _mismatch(
            f"federal ${_money(figures.federal_amount)}"
            + (f" plus other government ${_money(figures.other_government_amount)}" if figures.other_government_amount else "")
            + f" is more than the ${_money(figures.total_cost)} total",
            TOTAL_COST,
        )
    if figures.federal_amount <= 0:
        raise _mismatch(
            f"non-governmental ${_money(figures.nongovernmental_amount)} leaves nothing federal of the "
            f"${_money(figures.total_cost)} total",
            NONGOVERNMENTAL_AMOUNT,
        )


def _mismatch(detail: str, field: str) -> FiguresError:
    return FiguresError(
        detail,
        "check them against the notice of award and the budget, or give fewer figures: handbill works out the rest",
        field,
        mismatch=True,
    )


def _half_unit(value: Decimal) -> Fraction:
    """Half a unit in the last place written: 60 means 59.5 to 60.5, 60.25 means 60.245 to 60.255."""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Fraction(1, 2 * 10**places)


def _round(value: Fraction, places: int) -> Decimal:
    """Half up, as on a budget sheet (not to even)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _shares(parts: list[Fraction], total: Fraction, places: int) -> list[Decimal]:
    """Round `parts` so they add up to `total` rounded: the largest remainders take the units rounding lost."""
    unit = Fraction(1, 10**places)
    floors = [Fraction(int(p / unit)) * unit for p in parts]
    target = Fraction(_round(total, places))
    missing = int((target - sum(floors)) / unit)
    order = sorted(range(len(parts)), key=lambda i: parts[i] - floors[i], reverse=True)
    for i in order[: max(missing, 0)]:
        floors[i] += unit
    return [_round(f, places) for f in floors]


def _percents(parts: list[Fraction]) -> list[Decimal]:
    """Whole percents adding up to 100, or one or two decimals when a whole percent would print a share that is
    there as 0, or one that is not everything as 100."""
    for places in (0, 1, 2):
        rounded = _shares(parts, Fraction(100), places)
        if all((r > 0) == (p > 0) and (r < 100) == (p < 100) for r, p in zip(rounded, parts)):
            return rounded
    return rounded


def _money(value: Fraction | Decimal) -> str:
    """Whole dollars as printed; an exact amount in a message keeps its cents."""
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"
    cents = _round(value, 2)
    return f"{cents:,.0f}" if cents == cents.to_integral_value() else f"{cents:,}"


def _number(value: Fraction | Decimal) -> str:
    amount = value if isinstance(value, Decimal) else Decimal(value.numerator) / Decimal(value.denominator)
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
