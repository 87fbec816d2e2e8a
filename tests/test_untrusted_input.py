"""Untrusted content: long and odd inputs build or are refused with a clear message; nothing outside the project
is read or written; layout always terminates; what is written is a valid PDF with the user's permissions."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pypdfium2
import pytest
from conftest import run_cli
from documents import VALID
from pdftext import page_texts, squash

from handbill.build import Builder, Options, Project
from handbill.checks import check_readable
from handbill.errors import BuildError, ContentError
from handbill.limits import DEFAULT, Limits
from handbill.load import load_yaml
from handbill.output import write_atomic

INTRO = "        text: Hello families.\n"
AFTER_HEADING = "      - type: comparison\n"  # the first block under the heading "Side by side"


def _write(project: Path, text: str) -> Path:
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir(exist_ok=True)
    doc.write_text(text)
    return doc


def _line(text: str, marker: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


def _pdf(project: Path) -> Path:
    return project / "build" / "sheet" / "sheet.en.pdf"


# --- layout always terminates -----------------------------------------------------------------------------------


def _paragraph_after_heading(words: int) -> str:
    text = " ".join(f"word{n % 97}" for n in range(words))
    return VALID.replace(AFTER_HEADING, f"      - type: paragraph\n        id: long\n        text: {text}\n" + AFTER_HEADING)


def _comparison_rows(rows: int) -> str:
    listed = "".join(
        f"          - id: r{n}\n            left: At school, row {n} says what happens in class.\n"
        f"            right: At the clinic, row {n} says what happens there.\n"
        for n in range(rows)
    )
    return VALID.replace("          - id: where\n            left: In class.\n            right: In a clinic.\n", listed)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name,text,layout",
    [
        ("1,000-word paragraph after a heading", _paragraph_after_heading(1000), "fact-sheet"),
        ("30-row comparison after a heading", _comparison_rows(30), "fact-sheet"),
        ("5,000-character word in a comparison cell", VALID.replace("left: In class.", "left: " + "x" * 5000), "fact-sheet"),
        ("300-character word in a flyer comparison cell", VALID.replace("left: In class.", "left: " + "y" * 300), "flyer"),
        (
            "100 key points",
            VALID.replace("      - type: bullets", "      - type: key-points").replace(
                "          one: First point.\n", "".join(f"          k{n}: Key point {n}.\n" for n in range(100))
            ),
            "fact-sheet",
        ),
    ],
)
def test_long_blocks_build_within_the_time_limit(project: Path, name: str, text: str, layout: str) -> None:
    """Each of these once looped forever or crashed; now each builds, every text read back from the PDF.
    The build's own time limit (10 s here) turns a hang into a failure."""
    _write(project, text)
    code, out, err = run_cli("--layout", layout, "--time-limit", "10", root=project)
    assert code == 0, out + err
    assert _pdf(project).is_file()


def test_a_long_heading_follower_starts_under_its_heading(project: Path) -> None:
    """A block too long for the rest of the page starts under its heading (at least two lines) instead of
    leaving the page half empty or the heading alone at its foot."""
    _write(project, _paragraph_after_heading(1000))
    assert run_cli(root=project)[0] == 0
    first = squash(page_texts(_pdf(project))[0])
    assert "Sidebyside" in first
    assert first.index("Sidebyside") < first.index("word0word1word2")


def test_pages_past_the_limit_stop_with_a_message(project: Path) -> None:
    doc = _write(project, _paragraph_after_heading(1500))
    builder = Builder(Project(project), Options(limits=Limits(pages=2)), project / "build")
    with pytest.raises(BuildError) as error:
        builder.build(doc)
    assert "the document runs past 2 pages, the limit for one document; the PDF was not written" in str(error.value)
    assert not _pdf(project).exists()


def test_the_time_limit_stops_a_slow_build(project: Path) -> None:
    _write(project, _paragraph_after_heading(1000))
    code, out, err = run_cli("--time-limit", "0.001", root=project)
    assert code == 1
    assert "laying out took longer than 0.001 s, the limit for one document; the PDF was not written" in err
    assert "Traceback" not in err and not _pdf(project).exists()


def test_check_lays_out_and_reports_what_does_not_fit(project: Path) -> None:
    _write(project, _paragraph_after_heading(2500))
    code, out, err = run_cli("--check", "--layout", "flyer", root=project)
    assert code == 1 and "does not fit layout 'flyer' (2 pages)" in err
    assert not (project / "build").exists()


# --- the read-back check accepts what is really there -----------------------------------------------------------


def test_a_table_cell_split_across_pages_builds(project: Path) -> None:
    cell = " ".join(f"cell{n}" for n in range(900))
    text = VALID.replace("left: In class.", f"left: {cell}")
    _write(project, text)
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    pages = [squash(p) for p in page_texts(_pdf(project))]
    assert "cell0cell1" in pages[0] and "cell898cell899" in "".join(pages[1:])


def test_a_right_to_left_phrase_inside_english_builds(project: Path) -> None:
    _write(project, VALID.replace(INTRO, "        text: 'Hello families. In Arabic we say مرحبا بالعائلات to welcome you.'\n"))
    code, out, err = run_cli(root=project)
    assert code == 0, out + err


# --- limits, checked before anything is expanded -----------------------------------------------------------------


def _alias_bomb(levels: int = 25) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    file = tmp_path / "en.yaml"
    file.write_text(_alias_bomb())
    tracemalloc.start()
    try:
        with pytest.raises(ContentError) as error:
            load_yaml(file)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error.value) == (
        f"{file}:2:10: YAML aliases (*name) are not allowed (hint: write the value out in full where it is used)"
    )
    assert peak < 100 * 2**20


CASES = [
    # (name, text, marker on the line named, words in the message)
    (
        "alias",
        VALID.replace("title: A small test sheet", "title: &t A small test sheet\nsubtitle: *t"),
        "subtitle: *t",
        ["YAML aliases (*name) are not allowed", "write the value out in full"],
    ),
    (
        "500-deep nesting",
        VALID + "extra: " + "[" * 500 + "]" * 500 + "\n",
        "extra:",
        [f"nested more than {DEFAULT.depth} levels deep"],
    ),
    (
        "NUL byte",
        VALID.replace("Hello families.", "Hello\x00 families."),
        "Hello",
        ["control character (U+0000)", "plain UTF-8 text"],
    ),
    (
        "5,000-digit number",
        VALID.replace("title: A small test sheet", "title: " + "9" * 5000),
        "title:",
        ["title: a number of 5,000 digits; the limit is 15"],
    ),
    (
        "400-digit amount",
        VALID.replace("grant_number: H328M250100", "grant_number: " + "1" * 400),
        "grant_number:",
        ["funders[0].grant_number: a number of 400 digits"],
    ),
    (
        "infinite number",
        VALID.replace("grant_number: H328M250100", "grant_number: .inf"),
        "grant_number:",
        ["'.inf' is not a finite number"],
    ),
    (
        "impossible date",
        VALID.replace("title: A small test sheet", "title: 2024-13-45"),
        "title:",
        ["title: '2024-13-45' cannot be read as a date, number or true/false", "put it in quotes"],
    ),
    (
        "word too long",
        VALID.replace("Hello families.", "x" * 5001),
        "xxxx",
        ["sections[0].blocks[0].text: a word of 5,001 characters without a space; the limit is 5,000"],
    ),
    (
        "value too long",
        VALID.replace("Hello families.", "word " * 4001),
        "word word",
        ["sections[0].blocks[0].text: a value of 20,004 characters; the limit is 20,000"],
    ),
    (
        "list too long",
        VALID.replace("          one: First point.\n", "".join(f"          p{n}: Point.\n" for n in range(500))),
        "p0: Point.",
        ["sections[1].blocks[1].items: 501 entries; the limit is 500"],
    ),
]


@pytest.mark.parametrize("name,text,marker,words", CASES, ids=[c[0] for c in CASES])
def test_inputs_over_the_limits_are_refused_with_position(
    project: Path, name: str, text: str, marker: str, words: list[str]
) -> None:
    _write(project, text)
    code, out, err = run_cli(root=project)
    assert code == 1
    assert f"en.yaml:{_line(text, marker)}:" in err, err
    for word in words:
        assert word in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert not _pdf(project).exists()


def test_a_file_over_the_size_limit_is_not_read(project: Path) -> None:
    _write(project, VALID + "# " + "x" * DEFAULT.file_bytes + "\n")
    code, out, err = run_cli(root=project)
    assert code == 1 and "en.yaml: the file is 2.0 MB; the limit is 2 MB (hint: split it into smaller documents)" in err


@pytest.mark.parametrize(
    "amount,words",
    [
        ("1.0e+308", "is more than $100,000,000,000; check the amount"),
        (".nan", "'.nan' is not a finite number"),
    ],
)
def test_absurd_funder_amounts_are_refused(project: Path, amount: str, words: str) -> None:
    _write(
        project,
        VALID.replace(
            "funders:\n",
            f"""funders:
  - id: us-hhs
    agency: HRSA
    award_number: H84MC12345
    federal_amount: {amount}
    federal_percent: 80
""",
        ),
    )
    code, out, err = run_cli(root=project)
    assert code == 1 and words in err, err
    assert "$inf" not in out + err and not _pdf(project).exists()


# --- confinement: nothing outside the project is read ------------------------------------------------------------


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><text>TOPSECRET</text></svg>')
    return secret


@pytest.mark.parametrize("how", ["absolute", "parent", "symlink"])
def test_image_paths_outside_the_project_are_refused(project: Path, tmp_path: Path, how: str) -> None:
    secret = _secret(tmp_path)
    folder = project / "content" / "sheet"
    folder.mkdir()
    given = {"absolute": str(secret), "parent": "../../../secret.svg", "symlink": "link.svg"}[how]
    if how == "symlink":
        (folder / "link.svg").symlink_to(secret)
    text = VALID.replace(
        "  - id: compare\n",
        f"""      - type: image
        id: map
        file: {given}
        alt: A map
  - id: compare
""",
    )
    _write(project, text)
    code, out, err = run_cli(root=project)
    assert code == 1
    assert (
        f"en.yaml:{_line(text, 'file: ')}:" in err
        and f"sections[0].blocks[1].file: image file '{given}' is outside the project folder (hint: copy the file into " in err
    ), err
    assert "TOPSECRET" not in err and not _pdf(project).exists()


def test_a_logo_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    _secret(tmp_path)
    brand = project / "layouts" / "brands" / "default.yaml"
    brand.write_text(brand.read_text() + "logo:\n  file: ../../../secret.svg\n  alt: Logo\n")
    _write(project, VALID)
    code, out, err = run_cli(root=project)
    assert code == 1 and "logo.file: logo file '../../../secret.svg' is outside the project folder" in err, err


def test_a_logo_from_an_assets_folder_is_allowed(project: Path, tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#2E4A62"/></svg>'
    )
    brand = project / "layouts" / "brands" / "default.yaml"
    brand.write_text(brand.read_text() + f"logo:\n  file: {os.path.relpath(assets / 'logo.svg', brand.parent)}\n  alt: Logo\n")
    _write(project, VALID)
    assert run_cli(root=project)[0] == 1
    code, out, err = run_cli("--assets", str(assets), root=project)
    assert code == 0, out + err


def test_a_content_file_linked_to_a_system_file_is_not_read(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").symlink_to(outside)
    code, out, err = run_cli(root=project)
    assert code == 1
    assert "en.yaml: this file is a link to a file outside the project folder; it was not read" in err
    assert "root:x" not in err


@pytest.mark.parametrize("option", ["--layout", "--brand"])
def test_layout_and_brand_names_cannot_leave_their_folder(project: Path, option: str) -> None:
    _write(project, VALID)
    code, out, err = run_cli(option, "../../content/funders", root=project)
    what = option[2:]
    assert code == 1 and f"'../../content/funders' is not a valid {what} name" in err, err


def test_font_files_come_from_the_fonts_folder_only(project: Path, tmp_path: Path) -> None:
    fonts = project / "fonts"
    fonts.unlink()  # the fixture links the real fonts; make a private copy to edit
    fonts.mkdir()
    real = Path(__file__).resolve().parent.parent / "fonts"
    for item in real.iterdir():
        (fonts / item.name).symlink_to(item)
    (fonts / "fonts.yaml").unlink()
    (fonts / "fonts.yaml").write_text(
        (real / "fonts.yaml").read_text().replace("NotoSans-Regular.ttf", "../../../../../../usr/share/fonts/truetype/x.ttf", 1)
    )
    _write(project, VALID)
    code, out, err = run_cli(root=project)
    assert code == 1 and "font file '../../../../../../usr/share/fonts/truetype/x.ttf' is outside the project" in err, err


# --- valid output or a clear error; housekeeping -----------------------------------------------------------------


def test_a_damaged_pdf_is_never_written() -> None:
    with pytest.raises(BuildError, match="the PDF made is damaged"):
        check_readable(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "doc.yaml")


def test_outputs_follow_the_umask_and_leftovers_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.en.pdf"
    target.parent.mkdir()
    dead = target.parent / ".doc.en.pdf.999999999.abc.tmp"  # no such process: a build killed before its rename
    dead.write_bytes(b"half")
    alive = target.parent / f".doc.en.pdf.{os.getpid()}.abc.tmp"  # a build still writing
    alive.write_bytes(b"busy")
    old = os.umask(0o022)
    try:
        write_atomic(target, b"%PDF-")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"%PDF-"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert not dead.exists() and alive.exists()


def test_a_full_disk_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "doc.en.pdf"
    with pytest.raises(OSError) as error:
        write_atomic(target, b"%PDF-")
    assert error.value.filename == str(target) and "the disk is full" in str(error.value)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("language,word", [("ar", "ب" * 300), ("ar", "x" * 300), ("zh-Hans", "字" * 300), ("en", "y" * 300)])
def test_unbroken_runs_stay_on_the_page(project: Path, language: str, word: str) -> None:
    """A word longer than the column breaks between characters, in every script, instead of running off the page."""
    doc = project / "content" / "sheet" / f"{language}.yaml"
    doc.parent.mkdir()
    doc.write_text(
        VALID.replace("language: en", f"language: {language}")
        .replace("Hello families.", word)
        .replace("left: In class.", f"left: {word}")
    )
    code, out, err = run_cli("--layout", "flyer", root=project)
    assert code == 0, out + err
    pdf = pypdfium2.PdfDocument(project / "build" / "sheet" / f"sheet.{language}.pdf")
    for page in pdf:
        width = page.get_width()
        text = page.get_textpage()
        boxes = [text.get_charbox(i) for i in range(text.count_chars())]
        assert boxes and all(0 <= left and right <= width for left, _, right, _ in boxes)


def test_a_funder_registry_linked_from_outside_is_not_read(project: Path, tmp_path: Path) -> None:
    registry = project / "content" / "funders.yaml"
    elsewhere = tmp_path / "funders.yaml"
    elsewhere.write_bytes(registry.read_bytes())
    registry.unlink()
    registry.symlink_to(elsewhere)
    _write(project, VALID)
    code, out, err = run_cli(root=project)
    assert code == 1 and "funders.yaml: this file is a link to a file outside the project folder; it was not read" in err


@pytest.mark.slow
def test_ctrl_c_ends_quietly_and_leaves_no_partial_file(tmp_path: Path) -> None:
    """Interrupted after the first document: a plain message, exit code 130, complete PDFs or none."""
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, str(root / "generate.py"), "--out", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("ok")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not list(tmp_path.rglob("*.tmp"))
    for pdf in tmp_path.rglob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_the_limits_guide_lists_every_limit_with_its_default() -> None:
    guide = (Path(__file__).resolve().parent.parent / "docs" / "limits.md").read_text()
    for what, default in DEFAULT.describe():
        assert f"| {what} | {default}" in guide, what


@pytest.mark.parametrize("value", ["2.063e-283", "33.333"])
def test_funder_figures_with_more_than_two_decimals_are_refused(project: Path, value: str) -> None:
    _write(
        project,
        VALID.replace(
            "funders:\n",
            f"""funders:
  - id: us-hhs
    agency: HRSA
    award_number: H84MC12345
    award_total: 250000
    federal_percent: {value}
    nongovernmental_amount: 62500
    nongovernmental_percent: 20
""",
        ),
    )
    code, out, err = run_cli(root=project)
    assert code == 1 and "federal_percent: '" in err and "must have at most two decimals" in err, err


@pytest.mark.parametrize(
    "language,text",
    [
        ("ar", "مرحبا\u200cبالعائلات \u200d\u200b\u00ad\ufeff\u202bنص\u202c \u2066x\u2069 و\u200fالعائلات"),
        ("en", "Hello families. In Arabic we say مرحبا\u200fبالعائلات \u200c\u2066نص\u2069 to welcome you."),
        ("ar", "نقاط أساسية " + "x" * 300 + " يجب"),
    ],
)
def test_invisible_characters_and_long_runs_in_right_to_left_text_build(project: Path, language: str, text: str) -> None:
    """ZWNJ, zero-width and directional characters, and a long Latin run inside Arabic, build and read back."""
    doc = project / "content" / "sheet" / f"{language}.yaml"
    doc.parent.mkdir()
    doc.write_text(
        VALID.replace("language: en", f"language: {language}").replace("Hello families.", f'"{text}"'), encoding="utf-8"
    )
    code, out, err = run_cli(root=project)
    assert code == 0, out + err


def test_a_title_too_long_for_the_title_band_is_refused_by_name(project: Path) -> None:
    text = VALID.replace("title: A small test sheet", "title: " + "Families " * 30)
    _write(project, text)
    code, out, err = run_cli(root=project)
    assert code == 1
    assert f"en.yaml:{_line(text, 'title:')}:" in err and "title: 269 characters; the title band holds at most 200" in err
