"""Partner rows checked one by one (row and column named), safe and unique output names, and `{partner.*}`
placeholders filled as plain text, unknown ones refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbill.editions import fill, load_partners, slugify
from handbill.errors import ContentError
from handbill.i18n.localize import load_localized
from handbill.paths import Confinement

LANGUAGES = {"en", "es", "ar"}


def _partners(folder: Path, text: str, name: str = "partners.csv"):
    file = folder / name
    file.write_text(text)
    return load_partners(file, Confinement.of(folder), LANGUAGES)


def test_good_rows_pass_and_each_bad_row_is_named_by_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes((ROOT / "docs" / "images" / "print-flyer-page-1.png").read_bytes())
    result = _partners(tmp_path, "name,phone,email,logo,languages,copies\n"
                                 "Lincoln Elementary,(804) 555-0123,office@lincoln.example,logo.png,en es,300\n"
                                 "Bad Phone School,555-12,,,en,\n"
                                 "Clinic,,nobody-at-example,missing.png,en fr,many\n")
    assert [p.values["name"] for p in result.partners] == ["Lincoln Elementary"]
    lincoln = result.partners[0]
    assert lincoln.languages == ("en", "es") and lincoln.copies == 300 and lincoln.logo == tmp_path / "logo.png"
    messages = [str(p) for p in result.problems]
    assert any("row 2, column phone" in m and "'555-12' is not a phone number" in m for m in messages)
    for column, text in (("email", "not an email address"), ("logo", "missing.png not found"),
                         ("languages", "no such language: fr"), ("copies", "'many' is not a number of copies")):
        assert any(f"row 3, column {column}" in m and text in m for m in messages), (column, messages)


def test_a_missing_name_column_stops_the_file_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no 'name' column"):
        _partners(tmp_path, "school,phone\nLincoln,(804) 555-0123\n")


def test_yaml_partners_and_unknown_columns(tmp_path: Path) -> None:
    result = _partners(tmp_path, "partners:\n  - name: Riverside Clinic\n    hours: Mon-Fri 9-5\n", "partners.yaml")
    assert result.partners[0].edition.lines == ("Mon-Fri 9-5",)
    with pytest.raises(ContentError, match="unknown column 'fax'"):
        _partners(tmp_path, "partners:\n  - name: Riverside Clinic\n    fax: 123\n", "partners.yaml")


def test_output_names_are_safe_and_never_collide(tmp_path: Path) -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("École Saint-Jean") == "ecole-saint-jean"
    assert slugify("???") == "partner"
    result = _partners(tmp_path, "name\nLincoln School\nLincoln  School\nlincoln-school\n")
    assert [p.slug for p in result.partners] == ["lincoln-school", "lincoln-school-2", "lincoln-school-3"]


def test_placeholders_are_filled_as_text_and_unknown_ones_refused(tmp_path: Path) -> None:
    document = load_localized(ROOT / "content" / "school-vs-medical-therapies" / "en.yaml").document
    first = document.sections[0].blocks[0]
    marked = type(first)(first.id, first.where, first.text.__class__(
        first.text.key, "Call {partner.name} at {partner.phone}.", first.text.runs, first.text.where))
    section = document.sections[0].__class__(document.sections[0].id, document.sections[0].where,
                                             (marked, *document.sections[0].blocks[1:]))
    with_placeholders = document.__class__(**{**document.__dict__, "sections": (section, *document.sections[1:])})
    filled = fill(with_placeholders, {"name": "*Bold* [x](javascript:y)", "phone": "(804) 555-0123"})
    text = filled.sections[0].blocks[0].text
    assert text.plain == "Call *Bold* [x](javascript:y) at (804) 555-0123."
    assert not any(run.bold or run.href for run in text.runs)
    broken = with_placeholders.__class__(**{**with_placeholders.__dict__, "title": document.title.__class__(
        "title", "Hello {partner.fax}", document.title.runs, document.title.where)})
    with pytest.raises(ContentError, match=r"unknown placeholder \{partner.fax\}"):
        fill(broken, {})
