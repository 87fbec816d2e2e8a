"""Section 505 figures: what a grant manager gives, what handbill works out, how it rounds, what it refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handbill.grants import FiguresError, derive


def _printed(**given: float) -> dict[str, str]:
    return derive({name: Decimal(str(value)) for name, value in given.items()}).printed()


@pytest.mark.parametrize(
    "given,expected",
    [
        # the federal award and its share: the total and the non-governmental part follow
        (
            {"federal_amount": 250000, "federal_percent": 60},
            {"total_cost": "416,667", "nongovernmental_amount": "166,667", "nongovernmental_percent": "40"},
        ),
        # the federal award and the total budget: the shares follow
        (
            {"federal_amount": 250000, "total_cost": 416667},
            {"federal_percent": "60", "nongovernmental_amount": "166,667", "nongovernmental_percent": "40"},
        ),
        # the total budget and the share: the federal dollars follow
        (
            {"total_cost": 400000, "federal_percent": 75},
            {"federal_amount": "300,000", "nongovernmental_amount": "100,000", "nongovernmental_percent": "25"},
        ),
        # fully federal
        (
            {"federal_amount": 250000, "federal_percent": 100},
            {"total_cost": "250,000", "nongovernmental_amount": "0", "nongovernmental_percent": "0"},
        ),
        # the non-governmental match and its share
        (
            {"nongovernmental_amount": 62500, "nongovernmental_percent": 20},
            {"federal_amount": "250,000", "federal_percent": "80", "total_cost": "312,500"},
        ),
        # state money in the total is neither federal nor non-governmental
        (
            {"total_cost": 500000, "federal_percent": 80, "other_government_amount": 50000},
            {"federal_amount": "400,000", "nongovernmental_amount": "50,000", "nongovernmental_percent": "10"},
        ),
    ],
)
def test_missing_figures_are_worked_out(given: dict[str, float], expected: dict[str, str]) -> None:
    printed = _printed(**given)
    assert {name: printed[name] for name in expected} == expected


@pytest.mark.parametrize(
    "given,federal,nongovernmental",
    [
        ({"federal_amount": 100000, "total_cost": 300000}, "33", "67"),  # thirds: whole percents that add up to 100
        ({"federal_amount": 250000, "total_cost": 400000}, "63", "37"),  # 62.5 rounds half up, the rest takes 37.5 down
        ({"federal_amount": 995000, "total_cost": 1000000}, "99.5", "0.5"),  # never "100" and "0" for a real share
        ({"federal_amount": 1, "total_cost": 3000}, "0.03", "99.97"),
    ],
)
def test_percentages_round_as_a_grant_office_would(given: dict[str, float], federal: str, nongovernmental: str) -> None:
    printed = _printed(**given)
    assert (printed["federal_percent"], printed["nongovernmental_percent"]) == (federal, nongovernmental)


def test_dollars_round_to_whole_dollars_that_add_up_to_the_total() -> None:
    printed = _printed(federal_amount=250000.5, total_cost=400001)
    assert (printed["federal_amount"], printed["nongovernmental_amount"], printed["total_cost"]) == (
        "250,001",
        "150,000",
        "400,001",
    )


def test_a_percentage_is_checked_to_the_precision_it_was_written_with() -> None:
    assert _printed(federal_amount=250000, total_cost=416667, federal_percent=60)["federal_percent"] == "60"
    assert _printed(federal_amount=250000, total_cost=400000, federal_percent=62.5)["federal_percent"] == "63"
    with pytest.raises(FiguresError, match="is 62.5 percent, not 62.4"):
        _printed(federal_amount=250000, total_cost=400000, federal_percent=62.4)


@pytest.mark.parametrize(
    "given,words,field",
    [
        (
            {"federal_amount": 250000, "federal_percent": 60, "nongovernmental_amount": 999999},
            "$250,000 federal of a $1,249,999 total is 20 percent, not 60; at 60 percent the total would be $416,667 and "
            "non-governmental sources $166,667",
            "federal_percent",
        ),
        (
            {"federal_amount": 250000, "total_cost": 416667, "nongovernmental_amount": 100000},
            "total $416,667 - federal $250,000 leaves $166,667 from non-governmental sources, not $100,000",
            "nongovernmental_amount",
        ),
        ({"federal_amount": 250000, "total_cost": 200000}, "federal $250,000 is more than the $200,000 total", "total_cost"),
        (
            {"federal_amount": 250000, "federal_percent": 80, "nongovernmental_percent": 40},
            "$62,500 non-governmental of a $312,500 total is 20 percent, not 40",
            "nongovernmental_percent",
        ),
        ({"federal_amount": 1e11, "federal_percent": 0.01}, "more than $100,000,000,000", "federal_percent"),
    ],
)
def test_figures_that_do_not_add_up_are_refused_with_the_numbers(given: dict[str, float], words: str, field: str) -> None:
    with pytest.raises(FiguresError) as refused:
        _printed(**given)
    assert refused.value.mismatch and words in refused.value.message and refused.value.field == field


@pytest.mark.parametrize(
    "given,words",
    [
        ({"federal_amount": 250000}, "only federal_amount is given"),
        ({"federal_percent": 60}, "no dollar amount"),
        ({"federal_amount": 0, "total_cost": 10}, "the federal share is 0"),
    ],
)
def test_too_few_figures_say_what_to_add(given: dict[str, float], words: str) -> None:
    with pytest.raises(FiguresError) as refused:
        _printed(**given)
    assert words in refused.value.message and not refused.value.mismatch and refused.value.hint
