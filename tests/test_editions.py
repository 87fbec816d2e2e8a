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
    result = _partners(
        tmp_path,
        "name,phone,email,logo,languages,copies\n"
        "Lincoln Elementary,(804) 555-0123,office@lincoln.example,logo.png,en es,300\n"
        "Bad Phone School,555-12,,,en,\n"
        "Clinic,,nobody-at-example,missing.png,en fr,many\n",
    )
    assert [p.values["name"] for p in result.partners] == ["Lincoln Elementary"]
    lincoln = result.partners[0]
    assert lincoln.languages == ("en", "es") and lincoln.copies == 300 and lincoln.logo == tmp_path / "logo.png"
    messages = [str(p) for p in result.problems]
    assert any("row 2, column phone" in m and "'555-12' is not a phone number" in m for m in messages)
    for column, text in (
        ("email", "not an email address"),
        ("logo", "missing.png not found"),
        ("languages", "no such language: fr"),
        ("copies", "'many' is not a number of copies"),
    ):
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
    marked = type(first)(
        first.id,
        first.where,
        first.text.__class__(first.text.key, "Call {partner.name} at {partner.phone}.", first.text.runs, first.text.where),
    )
    section = document.sections[0].__class__(
        document.sections[0].id, document.sections[0].where, (marked, *document.sections[0].blocks[1:])
    )
    with_placeholders = document.__class__(**{**document.__dict__, "sections": (section, *document.sections[1:])})
    filled = fill(with_placeholders, {"name": "*Bold* [x](javascript:y)", "phone": "(804) 555-0123"})
    text = filled.sections[0].blocks[0].text
    assert text.plain == "Call *Bold* [x](javascript:y) at (804) 555-0123."
    assert not any(run.bold or run.href for run in text.runs)
    broken = with_placeholders.__class__(
        **{
            **with_placeholders.__dict__,
            "title": document.title.__class__("title", "Hello {partner.fax}", document.title.runs, document.title.where),
        }
    )
    with pytest.raises(ContentError, match=r"unknown placeholder \{partner.fax\}"):
        fill(broken, {})


def test_three_partners_get_their_editions_and_a_bad_row_does_not_stop_them(project: Path) -> None:
    import pypdfium2
    from conftest import run_cli
    from documents import VALID

    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(
        VALID.replace("        text: Hello families.\n", "        text: Ask {partner.name} at {partner.phone}.\n")
    )
    (project / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#335577"/></svg>'
    )
    rows = [
        ("Lincoln Elementary", "(804) 555-0123", "logo.svg"),
        ("Riverside Clinic", "(804) 555-0188", ""),
        ("Eastside Center", "(804) 555-0199", ""),
    ]
    csv_text = "name,phone,logo\n" + "".join(f"{n},{p},{logo}\n" for n, p, logo in rows) + "Broken School,12,\n"
    (project / "partners.csv").write_text(csv_text)
    code, out, err = run_cli("--editions", str(project / "partners.csv"), "-j", "1", root=project)
    assert code == 1  # the bad row, reported; the others built
    assert "row 4, column phone" in err and "'12' is not a phone number" in err
    for (name, phone, _), slug in zip(rows, ("lincoln-elementary", "riverside-clinic", "eastside-center")):
        pdf = project / "build" / "editions" / slug / "sheet" / "sheet.en.pdf"
        document = pypdfium2.PdfDocument(str(pdf))
        text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
        flat = " ".join(text.split())
        assert name in flat and phone in flat, slug
        assert f"Ask {name} at {phone}." in flat  # the placeholders, filled
        assert "Department of Education" in flat and "H328M250100" in flat  # the statements, unchanged
    assert (project / "build" / "editions" / "proof-sheet.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "editions: 3 partner(s), 3 output(s); 0 failed, 1 row problem(s)" in out


def test_a_plain_build_fills_placeholders_with_the_organisation(project: Path) -> None:
    import pypdfium2
    from conftest import run_cli
    from documents import VALID

    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(
        VALID.replace("        text: Hello families.\n", "        text: Ask {partner.name}.\n")
    )
    code, out, err = run_cli("-j", "1", root=project)
    assert code == 0, out + err
    page = pypdfium2.PdfDocument(str(project / "build" / "sheet" / "sheet.en.pdf"))[0]
    assert "Ask Test Parent Center." in " ".join(page.get_textpage().get_text_range().split())


def test_placeholders_survive_translation_export_and_import(project: Path) -> None:
    from documents import VALID

    from handbill.i18n.catalog import source_hash
    from handbill.i18n.exchange import export_po, export_xliff, import_po, import_xliff
    from handbill.i18n.localize import load_localized

    english = "Call **{partner.name}** at {partner.phone}."
    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(
        VALID.replace("        text: Hello families.\n", f"        text: {english}\n")
    )
    spanish = "Llame a **{partner.name}** al {partner.phone}."
    (project / "content" / "sheet" / "es.yaml").write_text(
        "language: es\ntranslation_of: en\nreview: needed\nstrings:\n"
        f"  intro-text.text:\n    text: '{spanish}'\n    source: {source_hash(english)}\n"
    )
    localized = load_localized(project / "content" / "sheet" / "es.yaml")
    source, translation = localized.original, localized.translation
    assert source is not None and translation is not None
    file = project / "content" / "sheet" / "es.yaml"
    po = export_po(source, translation)
    assert "{partner.name}" in po and "{partner.phone}" in po
    through_po = import_po(po, source, file)
    xliff = export_xliff(source, through_po)
    through_xliff = import_xliff(xliff.encode() if isinstance(xliff, str) else xliff, source, file)
    for back in (through_po, through_xliff):
        assert back.strings["intro-text.text"].text == spanish


def test_a_partner_may_give_its_hours_and_address_in_each_language(tmp_path: Path) -> None:
    """Office hours written in English would greet a Spanish-reading family in English: a column such as
    `hours.es` gives the Spanish edition its own wording; a language without one prints the row's own."""
    import pypdfium2
    from conftest import run_cli

    (tmp_path / "partners.csv").write_text(
        "name,phone,hours,hours.es,name.es\n"
        "Lincoln Elementary,(804) 555-0123,Front office Mon-Fri 7:30-4:00,Oficina lunes a viernes 7:30-4:00,"
        "Escuela Primaria Lincoln\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    doc = "school-vs-medical-therapies"
    args = ("--editions", str(tmp_path / "partners.csv"), doc, "-l", "en", "-l", "es", "-j", "1", "--out", str(out))
    code, stdout, stderr = run_cli(*args)
    assert code == 0, stdout + stderr

    def first_page(lang: str) -> str:
        pdf = pypdfium2.PdfDocument(str(out / "editions" / "lincoln-elementary" / doc / f"{doc}.{lang}.pdf"))
        return " ".join(pdf[0].get_textpage().get_text_range().split())

    spanish, english = first_page("es"), first_page("en")
    assert "Escuela Primaria Lincoln" in spanish and "Oficina lunes a viernes 7:30-4:00" in spanish
    assert "Front office" not in spanish
    assert "Lincoln Elementary" in english and "Front office Mon-Fri 7:30-4:00" in english
    assert "note: edition" not in stdout, "the plain columns are the English: nothing missing for en or es"
    code, stdout, stderr = run_cli(*args[:3], "-l", "ar", "-j", "1", "--out", str(out))
    assert code == 0, stdout + stderr
    for name in ("hours", "name"):
        assert f"note: edition 'Lincoln Elementary': {name} has no ar wording ({name}.ar in the partners file)" in stdout


def test_a_column_in_an_unknown_language_or_field_is_refused(tmp_path: Path) -> None:
    result = _partners(tmp_path, "name,hours,hours.fr\nClinic,Mon-Fri,Lun-Ven\n")
    assert not result.partners
    assert any("row 1, column hours.fr" in str(p) and "no such language: fr" in str(p) for p in result.problems)
    with pytest.raises(ContentError, match=r"unknown column 'phone\.es'"):
        _partners(tmp_path, "name,phone.es\nClinic,(804) 555-0123\n")


def test_arabic_editions_keep_phone_numbers_and_addresses_in_order(tmp_path: Path) -> None:
    """A partner's contact lines in an Arabic edition: each line is its own paragraph to the bidi algorithm, so a
    phone number or an English address reads left to right as written (not '010-0142 (555)'), while Arabic
    office hours read right to left. Checked by where the characters are drawn."""
    import pypdfium2
    from conftest import run_cli

    (tmp_path / "partners.csv").write_text(
        "name,phone,address,hours,hours.ar\n"
        'Lincoln Elementary,(804) 555-0123,"1200 Oak Street, Richmond",Mon-Fri 7:30-4:00,مكتب الاستقبال من الاثنين إلى الجمعة\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    doc = "school-vs-medical-therapies"
    code, stdout, stderr = run_cli("--editions", str(tmp_path / "partners.csv"), doc, "-l", "ar", "-j", "1", "--out", str(out))
    assert code == 0, stdout + stderr
    page = pypdfium2.PdfDocument(str(out / "editions" / "lincoln-elementary" / doc / f"{doc}.ar.pdf"))[0]
    text = page.get_textpage()
    chars = [text.get_text_range(i, 1) for i in range(text.count_chars())]
    lefts = [text.get_charbox(i)[0] for i in range(len(chars))]
    joined = "".join(chars)
    for written, first, later in (("(804) 555-0123", "(", "0123"), ("1200 Oak Street", "1200", "Street")):
        at = joined.find(written)
        assert at >= 0, f"{written!r} not read back in order"
        start, end = at + written.index(first), at + written.index(later)
        assert lefts[start] < lefts[end], f"{written!r} is drawn out of order"
    assert "مكتب الاستقبال" in joined or "الاستقبال" in joined


def test_narrowing_to_one_language_builds_the_rows_that_have_it(tmp_path: Path) -> None:
    """--lang narrows what is built; a row naming other languages too is not refused for it, and a run that
    builds nothing makes no proof sheet rather than failing."""
    from conftest import run_cli

    (tmp_path / "partners.csv").write_text("name,languages,hours.es\nClinic,en es,Lunes\nSchool,es,Martes\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(
        "--editions", str(tmp_path / "partners.csv"), "school-vs-medical-therapies", "-l", "ar", "--out", str(out)
    )
    assert code == 0 and stderr == "", stdout + stderr
    assert "editions: 2 partner(s), 0 output(s); 0 failed, 0 row problem(s)" in stdout
    assert not (out / "editions" / "proof-sheet.png").exists()
