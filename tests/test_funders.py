"""Funder statements as a grant manager checks them: the printed wording on the last page, the facts refused with
what to do, translations going stale when the English changes, organisation notices, and the compliance report."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from documents import VALID
from pdftext import page_texts, squash

ED_75_620_B = (
    "The contents of this fact sheet were developed under a grant from the U.S. Department of Education, "
    "#H328M250100. However, those contents do not necessarily represent the policy of the U.S. Department "
    "of Education, and you should not assume endorsement by the Federal Government."
)
USDA_SHORT = "This institution is an equal opportunity provider."


def _write(project: Path, text: str, doc: str = "sheet") -> Path:
    file = project / "content" / doc / "en.yaml"
    file.parent.mkdir(parents=True)
    file.write_text(text)
    return project / "build" / doc / f"{doc}.en.pdf"


def _last_page(pdf: Path) -> str:
    return squash(page_texts(pdf)[-1])


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The funders' sample documents in content/, built as a plain generate.py builds them."""
    out = tmp_path_factory.mktemp("samples")
    code, stdout, stderr = run_cli("--out", str(out), "summer-meals", "family-reading-night", "first-ifsp-meeting")
    assert code == 0, stdout + stderr
    return out


def test_the_fact_sheet_prints_75_620_b_word_for_word(project: Path) -> None:
    pdf = _write(
        project,
        VALID.replace("    grant_number: H328M250100\n", "    grant_number: H328M250100\n    project_officer: Jane Doe\n"),
    )
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    assert squash(ED_75_620_B + " Project Officer, Jane Doe.") in _last_page(pdf)


def test_section_505_sentence_follows_when_an_ed_grant_gives_its_figures(project: Path) -> None:
    pdf = _write(
        project,
        VALID.replace(
            "    grant_number: H328M250100\n",
            "    grant_number: H328M250100\n    federal_amount: 250000\n    federal_percent: 60\n",
        ),
    )
    assert run_cli(root=project)[0] == 0
    assert squash(
        ED_75_620_B + " This project is funded by a grant totaling $250,000 from the U.S. Department of "
        "Education, 60 percent of its total cost, with $166,667 (40 percent) financed by non-governmental "
        "sources."
    ) in _last_page(pdf)


@pytest.mark.parametrize(
    "doc,statement",
    [
        (
            "summer-meals",
            "In accordance with federal civil rights law and U.S. Department of Agriculture (USDA) civil rights "
            "regulations and policies, this institution is prohibited from discriminating on the basis of race, color, national "
            "origin, sex (including gender identity and sexual orientation), disability, age, or reprisal or retaliation for "
            "prior civil rights activity.",
        ),
        (
            "summer-meals",
            "(1) mail: U.S. Department of Agriculture, Office of the Assistant Secretary for Civil Rights, 1400 "
            "Independence Avenue, SW, Washington, D.C. 20250-9410; or (2) fax: (833) 256-1665 or (202) 690-7442; or (3) email: "
            "program.intake@usda.gov. " + USDA_SHORT,
        ),
        (
            "family-reading-night",
            "This material is based upon work supported by AmeriCorps under Grant No. 23ESHVA0010001. "
            "Opinions or points of view expressed in this document are those of the authors and do not necessarily reflect the "
            "official position of, or a policy of, AmeriCorps.",
        ),
        (
            "first-ifsp-meeting",
            "This fact sheet was funded by the State Department of Health, Early Intervention Program under "
            "agreement EI-2026-0042. Its contents are solely the responsibility of Riverbend FRC and do not necessarily "
            "represent the official views of the State Department of Health, Early Intervention Program.",
        ),
        (
            "first-ifsp-meeting",
            "as part of a financial assistance award totaling $96,750 with 75 percent funded by HRSA/HHS "
            "and $32,250 and 25 percent funded by non-government source(s).",
        ),
    ],
)
def test_each_new_funders_sample_ends_with_its_statement(samples: Path, doc: str, statement: str) -> None:
    assert squash(statement) in _last_page(samples / doc / f"{doc}.en.pdf")


def test_a_half_page_prints_the_usda_short_form(tmp_path: Path) -> None:
    code, out, err = run_cli("--out", str(tmp_path), "--layout", "half-page", "summer-meals")
    assert code == 0, out + err
    assert "note: statement 'usda-nondiscrimination': the short form, for a page this small" in out
    last = _last_page(tmp_path / "summer-meals" / "summer-meals.en.pdf")
    assert squash(USDA_SHORT) in last and squash("In accordance with federal civil rights law") not in last
    sizes = _char_sizes(tmp_path / "summer-meals" / "summer-meals.en.pdf")
    body = Counter(sizes.values()).most_common(1)[0][0]
    statement = [size for text, size in sizes.items() if text in USDA_SHORT]
    assert statement and min(statement) >= body, "FNS: the short statement in print no smaller than the text"


def _char_sizes(pdf: Path) -> dict[str, float]:
    """Each word on the last page and its font size in points (PDFium's, as a viewer reads it)."""
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(str(pdf))
    page = document[len(document) - 1]
    text = page.get_textpage()
    words: dict[str, float] = {}
    current, size = "", 0.0
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if char.isalpha():
            current += char
            size = round(raw.FPDFText_GetFontSize(text.raw, index), 1)
        elif current:
            words.setdefault(current, size)
            current = ""
    return words


@pytest.mark.parametrize(
    "agency,words",
    [
        (
            "HHS",
            [
                "'HHS' is not one of the agency choices",
                "ACL (Administration for Community Living)",
                "HRSA (Health Resources and Services Administration)",
            ],
        ),
        ("HRSB", ["'HRSB' is not one of the agency choices"]),
    ],
)
def test_an_unknown_agency_is_refused_with_the_closed_list(project: Path, agency: str, words: list[str]) -> None:
    _write(
        project,
        VALID.replace(
            "funders:\n",
            f"funders:\n  - id: us-hhs\n    agency: {agency}\n"
            "    award_number: 90DDUC0045\n    federal_amount: 250000\n    federal_percent: 100\n",
        ),
    )
    code, out, err = run_cli(root=project)
    assert code == 1
    for word in words + ["award_number 90DDUC0045 looks like an award of ACL (Administration for Community Living)"]:
        assert word in err, err


def test_agency_by_full_name_and_a_prefix_that_disagrees(project: Path) -> None:
    pdf = _write(
        project,
        VALID.replace(
            "funders:\n",
            "funders:\n  - id: us-hhs\n    agency: health resources and "
            "services administration\n    award_number: 90DDUC0045\n"
            "    federal_amount: 250000\n    federal_percent: 100\n",
        ),
    )
    code, out, err = run_cli(root=project)
    assert code == 0, err
    assert "note: us-hhs: award_number 90DDUC0045 looks like an award of ACL, but agency is HRSA" in out
    assert squash("totaling $250,000 with 100 percent funded by HRSA/HHS and $0 and 0 percent") in _last_page(pdf)


def test_a_missing_agency_suggests_the_one_the_award_number_names(project: Path) -> None:
    _write(
        project,
        VALID.replace(
            "funders:\n",
            "funders:\n  - id: us-hhs\n    award_number: H84MC12345\n    federal_amount: 250000\n    federal_percent: 100\n",
        ),
    )
    code, out, err = run_cli(root=project)
    assert code == 1 and "missing grant fact 'agency'" in err and "agency: HRSA?" in err, err


def _changed_english(project: Path) -> None:
    registry = project / "content" / "funders.yaml"
    registry.write_text(
        registry.read_text().replace(
            "you should not assume endorsement by the Federal Government.",
            "you should not assume endorsement by the Federal Government!",
        )
    )


def test_a_changed_english_statement_makes_every_translation_stale(project: Path) -> None:
    shutil.copytree(ROOT / "content" / "school-vs-medical-therapies", project / "content" / "school-vs-medical-therapies")
    _changed_english(project)
    code, out, err = run_cli("i18n", "status", root=project)
    funders = [line.split() for line in out.splitlines() if line.startswith("funders.yaml")]
    assert len(funders) == 10 and all(row[3] == "1" for row in funders), out
    code, out, err = run_cli("--check", "--lang", "es", root=project)
    assert code == 0, err
    assert (
        "note: statement 'us-department-of-education': the es wording was translated from older English; update it "
        "(then generate.py i18n accept funders es)"
    ) in out
    code, out, err = run_cli("--check", "--strict", "--lang", "es", root=project)
    assert code == 1 and "funders.yaml:" in err and "us-department-of-education (es): stale" in err, err


def test_accepting_a_statement_translation_clears_only_that_language(project: Path) -> None:
    _changed_english(project)
    before = (project / "content" / "funders.yaml").read_text()
    code, out, err = run_cli("i18n", "accept", "funders", "es", "us-department-of-education", root=project)
    assert code == 0 and "accepted 1 statement(s)" in out, err
    after = (project / "content" / "funders.yaml").read_text()
    assert len(after.splitlines()) == len(before.splitlines()) and after.count("#") == before.count("#")
    rows = {
        line.split()[1]: line.split()
        for line in run_cli("i18n", "status", root=project)[1].splitlines()
        if line.startswith("funders.yaml")
    }
    assert rows["es"][3] == "0" and rows["ko"][3] == "1"


def test_a_translation_that_drops_the_grant_number_is_refused(project: Path) -> None:
    registry = project / "content" / "funders.yaml"
    registry.write_text(registry.read_text().replace("Educación de los EE. UU., #{grant_number}.", "Educación de los EE. UU."))
    _write(project, VALID)
    code, out, err = run_cli(root=project)
    assert code == 1 and "funders.us-department-of-education.text.es.text: the es wording leaves out {grant_number}" in err


def test_organisation_notices_print_by_default_and_a_document_can_drop_or_add_them(project: Path) -> None:
    riverside = VALID.replace("organisation:\n  name: Test Parent Center\n  short_name: TPC\n", "organisation: riverside\n")
    pdf = _write(project, riverside)
    assert run_cli(root=project)[0] == 0
    assert squash("Riverside is not a legal services agency") in _last_page(pdf)
    dropped = _write(project, riverside.replace("funders:\n", "notices: {drop: [not-legal-services]}\nfunders:\n"), "other")
    assert run_cli(root=project)[0] == 0
    assert squash("is not a legal services agency") not in _last_page(dropped)
    added = _write(
        project,
        VALID.replace(
            "organisation:\n  name: Test Parent Center\n  short_name: TPC\n",
            "organisation: peatc\nnotices: {add: [general-information]}\n",
        ),
        "third",
    )
    assert run_cli(root=project)[0] == 0
    assert squash("PEATC is not a legal services agency") in _last_page(added)
    assert squash("This handout gives general information only.") in _last_page(added)


def test_notices_in_the_funder_registry_are_refused_with_where_they_go(project: Path) -> None:
    registry = project / "content" / "funders.yaml"
    registry.write_text(registry.read_text() + "\ndisclaimers:\n  ours:\n    name: x\n")
    _write(project, VALID)
    code, out, err = run_cli(root=project)
    assert code == 1 and "disclaimers: organisation notices are no longer kept in the funder registry" in err
    assert "content/organisations.yaml" in err


def test_the_compliance_report_lists_statements_grants_figures_and_flags(project: Path) -> None:
    for doc in ("first-ifsp-meeting", "school-vs-medical-therapies"):
        shutil.copytree(ROOT / "content" / doc, project / "content" / doc)
    (project / "content" / "first-ifsp-meeting" / "fr.yaml").write_text(
        "language: fr\ntranslation_of: en\nreview: needed\nstrings: {}\n"
    )
    code, out, err = run_cli("report", "funders", "-o", str(project / "report.csv"), root=project)
    assert code == 0, err
    rows = list(csv.DictReader((project / "report.csv").read_text().splitlines()))
    hhs = [r for r in rows if r["document"] == "first-ifsp-meeting" and r["statement"] == "us-hhs"]
    assert [
        (
            r["language"],
            r["grant"],
            r["federal_amount"],
            r["federal_percent"],
            r["nongovernmental_amount"],
            r["nongovernmental_percent"],
            r["total_cost"],
            r["printed_in"],
            r["flag"],
        )
        for r in hhs
    ] == [
        ("en", "H84MC07994", "96,750", "75", "32,250", "25", "129,000", "en", ""),
        ("fr", "H84MC07994", "96,750", "75", "32,250", "25", "129,000", "en", "no fr wording: printed in en"),
    ]
    ed = [r for r in rows if r["document"] == "school-vs-medical-therapies" and r["statement"] == "us-department-of-education"]
    assert len(ed) == 11 and all(r["grant"] == "H328M250100" and r["flag"] == "" for r in ed)
    assert {r["translation"] for r in ed} == {"source", "draft"}
    assert all(r["source"].startswith("34 CFR 75.620(b)") for r in ed)
    assert "wrote " in out and "flagged)" in out


def test_the_report_flags_a_document_it_cannot_read(project: Path) -> None:
    _write(project, VALID.replace("grant_number: H328M250100", "grant_number: H328-M25"))
    code, out, err = run_cli("report", "funders", "-o", "-", root=project)
    assert code == 1
    row = next(csv.DictReader(out.splitlines()))
    assert row["document"] == "sheet" and row["flag"].startswith("error: ") and "grant_number" in row["flag"]
