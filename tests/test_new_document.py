"""A new document of the same family, written here, builds with no code change: other sections, a table, two funders."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import run_cli
from documents import FAQ
from pdftext import body_text, link_uris, page_texts, squash
from pypdf import PdfReader


def _write(project: Path, text: str) -> Path:
    doc = project / "content" / "therapy-faq" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(text)
    return project / "build" / "therapy-faq" / "therapy-faq.en.pdf"


def test_new_document_builds_with_everything_in_it(project: Path) -> None:
    pdf = _write(project, FAQ)
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    text = squash(body_text(pdf, ["Therapy Services FAQ for Families", "Answers to common questions"]))
    for expected in [
        "Questions families ask",
        "Who pays for therapy at school?",
        "Where therapy happens",
        "Day Setting Focus",
        "Handwriting & <b>fine motor</b> skills",
        "Feeding and self-care",
        "Two settings",
        "At school At the clinic",
        "Cost",
        "Free for families.",
        "Insurance or Medicaid.",
        "Bring to the meeting",
        "A copy of the IEP",
        "Remember",
        "You can ask for a meeting at any time. See our site.",
    ]:
        assert squash(expected) in text, expected
    assert "https://example.org/help" in link_uris(pdf)


def test_both_funders_disclaimers_are_filled_in_on_the_last_page(project: Path) -> None:
    pdf = _write(project, FAQ)
    assert run_cli(root=project)[0] == 0
    last = squash(page_texts(pdf)[-1])
    assert (
        squash(
            "The contents of this handout were developed under a grant from the U.S. Department of Education, "
            "#H328M240077. However, those contents do not necessarily represent the policy of the U.S. "
            "Department of Education, and you should not assume endorsement by the Federal Government."
        )
        in last
    )
    assert (
        squash(
            "This handout is supported by the Health Resources and Services Administration (HRSA) of the U.S. "
            "Department of Health and Human Services (HHS) under award H84MC12345 as part of a financial "
            "assistance award totaling $250,000 with 80 percent funded by HRSA/HHS and $62,500 and 20 percent "
            "funded by non-government source(s)."
        )
        in last
    )
    assert squash("Riverside is not a legal services agency") in last


def test_long_content_grows_the_fact_sheet_and_keeps_disclaimers_last(project: Path) -> None:
    many = "\n".join(f"          q{n}: Question number {n} about therapy services, schedules and who to call?" for n in range(80))
    pdf = _write(project, FAQ.replace("          who-pays: Who pays for therapy at school?", many))
    assert run_cli(root=project)[0] == 0
    texts = page_texts(pdf)
    assert len(texts) >= 3
    assert all("Riverside is not a legal" not in t for t in texts[:-1])
    assert squash("Riverside is not a legal services agency") in squash(texts[-1])


def test_flyer_that_outgrows_its_pages_is_refused(project: Path) -> None:
    many = "\n".join(
        f"          q{n}: Question number {n} about therapy services, schedules and who to call?" for n in range(150)
    )
    pdf = _write(
        project,
        FAQ.replace("layout: fact-sheet", "layout: flyer").replace("          who-pays: Who pays for therapy at school?", many),
    )
    code, out, err = run_cli(root=project)
    assert code == 1
    match = re.search(
        r"does not fit layout 'flyer' \(2 pages\): (\d+) pt too long from section 'questions' on, "
        r"even with 10 pt body type, the layout's smallest",
        err,
    )
    assert match, err
    assert int(match.group(1)) > 100
    assert not pdf.exists()


def test_the_flyer_fits_both_ways(project: Path) -> None:
    """Short content gets larger type, long content smaller, both within the flyer's 10-12 pt and on its two pages;
    the summary line says which size was chosen."""
    base = FAQ.replace("layout: fact-sheet", "layout: flyer")
    sizes = []
    for count in (4, 40):
        many = "\n".join(
            f"          q{n}: Question number {n} about therapy services, schedules and who to call?" for n in range(count)
        )
        pdf = _write(project, base.replace("          who-pays: Who pays for therapy at school?", many))
        code, out, err = run_cli(root=project)
        assert code == 0, out + err
        assert len(PdfReader(pdf).pages) == 2
        match = re.search(r"2 pages \(body ([\d.]+) pt", out)
        assert match, out
        sizes.append(float(match.group(1)))
        shutil.rmtree(pdf.parent.parent.parent / "content" / "therapy-faq")
    short, long = sizes
    assert 10 <= long < short <= 12


def test_paper_and_design_overrides(project: Path) -> None:
    pdf = _write(project, FAQ)
    code, out, err = run_cli("--paper", "a4", "--layout", "flyer", "--brand", "parent-center", root=project)
    assert code == 0, out + err
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_example_contact_details_are_named_in_the_summary_line(project: Path) -> None:
    """A real print run must not carry the sample brand's 555 number or example.org address: the build says so."""
    brand = project / "layouts" / "brands" / "default.yaml"
    brand.write_text(brand.read_text() + "contact:\n  phone: (555) 010-0100\n  email: office@example.org\n")
    _write(project, FAQ)
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    assert (
        "; prints example contact details: (555) 010-0100, office@example.org, example.org/help (replace them before printing)"
    ) in out
    brand.write_text(brand.read_text().replace("(555) 010-0100", "(703) 923-0010").replace("example.org", "peatc.org"))
    code, out, err = run_cli(root=project)
    assert code == 0 and "; prints example contact details: example.org/help (replace" in out, out
