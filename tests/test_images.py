"""Images: alt text is required unless the image is marked decorative; the PDF tags them accordingly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID
from pdftext import page_texts
from structtree import content_marks, tree

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#2E4A62"/></svg>'


def _with_image(project: Path, fields: str) -> Path:
    folder = project / "content" / "sheet"
    folder.mkdir()
    (folder / "map.svg").write_text(SVG)
    block = f"""      - type: image
        id: map
        file: map.svg
{fields}"""
    (folder / "en.yaml").write_text(VALID.replace("  - id: compare\n", block + "  - id: compare\n"))
    return project / "build" / "sheet" / "sheet.en.pdf"


def test_image_without_alt_text_is_refused(project: Path) -> None:
    pdf = _with_image(project, "        width: 2in\n")
    code, out, err = run_cli(root=project)
    assert code == 1
    line = (project / "content" / "sheet" / "en.yaml").read_text().splitlines().index("      - type: image") + 1
    assert f"en.yaml:{line}:" in err and "sections[0].blocks[1]" in err
    assert "has no alt text" in err and "decorative: true" in err
    assert not pdf.exists()


def test_missing_image_file_is_refused(project: Path) -> None:
    _with_image(project, "        alt: A map\n")
    (project / "content" / "sheet" / "map.svg").unlink()
    code, out, err = run_cli(root=project)
    assert code == 1 and "image file map.svg not found" in err


def test_image_with_alt_text_is_a_figure(project: Path) -> None:
    pdf = _with_image(project, "        alt: Map of the school campus\n        caption: The campus\n        width: 2in\n")
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    _, root = tree(pdf)
    figures = [e for e in root.walk() if e.role == "Figure" and e.obj.get("/Alt") == "Map of the school campus"]
    assert len(figures) == 1 and figures[0].mcids
    bbox = [float(v) for v in figures[0].obj["/A"]["/BBox"]]
    assert round(bbox[2] - bbox[0]) == 144, "2in wide"
    assert "The campus" in page_texts(pdf)[0]


def test_decorative_image_is_an_artifact(project: Path) -> None:
    pdf = _with_image(project, "        decorative: true\n")
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    reader, root = tree(pdf)
    assert not any(e.role == "Figure" for e in root.walk()), "the default brand has no logo; the image is decorative"
    _, painting = content_marks(reader, 0)
    assert all(tag is not None for _, tag in painting), "the image must still be inside an artifact"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("map.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect", "not a readable SVG drawing"),
        ("map.png", "not really a PNG", "not a readable PNG or JPEG image"),
    ],
)
def test_unreadable_image_is_a_clear_error(project: Path, name: str, content: str, message: str) -> None:
    folder = project / "content" / "sheet"
    folder.mkdir()
    (folder / name).write_text(content)
    block = f"      - type: image\n        id: map\n        file: {name}\n        alt: A map\n"
    (folder / "en.yaml").write_text(VALID.replace("  - id: compare\n", block + "  - id: compare\n"))
    code, out, err = run_cli(root=project)
    assert code == 1 and name in err and message in err and "internal error" not in err
    assert not (project / "build").exists()
