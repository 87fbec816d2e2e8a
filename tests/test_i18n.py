"""Translations: fallback and staleness, the status table, and PO/XLIFF exchange that round-trips exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID
from pdftext import body_text
from structtree import tree

SPANISH_PO_ENTRIES = {
    "title": "Una hoja breve de prueba",
    "intro-text.text": "Hola, familias.",
    "compare.heading": "Lado a lado",
    "comparison.where.left": "En clase.",
}


def _project_with_source(project: Path, text: str = VALID) -> Path:
    folder = project / "content" / "sheet"
    folder.mkdir(exist_ok=True)
    (folder / "en.yaml").write_text(text)
    return folder


def _translate(project: Path, strings: dict[str, str], fmt: str = "po") -> Path:
    """Export a PO/XLIFF file, fill it in as a translator would, import it back."""
    exported = project / f"sheet.es.{fmt}"
    code, out, err = run_cli("i18n", "export", "sheet", "es", "--format", fmt, "-o", str(exported), root=project)
    assert code == 0, err
    text = exported.read_text()
    for key, value in strings.items():
        if fmt == "po":
            marker = f'msgctxt "{key}"\n'
            start = text.index(marker)
            empty = text.index('msgstr ""', start)
            text = text[:empty] + f'msgstr "{value}"' + text[empty + len('msgstr ""') :]
        else:
            marker = f'<trans-unit id="{key}"'
            start = text.index(marker)
            end = text.index("</source>", start) + len("</source>")
            text = text[:end] + f'<target state="translated">{value}</target>' + text[end:]
    exported.write_text(text)
    code, out, err = run_cli("i18n", "import", str(exported), root=project)
    assert code == 0, err
    return project / "content" / "sheet" / "es.yaml"


def test_translation_builds_with_fallback_reported(project: Path) -> None:
    _project_with_source(project)
    _translate(project, SPANISH_PO_ENTRIES)
    code, out, err = run_cli("--lang", "es", root=project)
    assert code == 0, out + err
    assert "strings not translated; printed in en instead" in out
    text = body_text(project / "build" / "sheet" / "sheet.es.pdf", [])
    assert "Hola, familias." in text and "En clase." in text and "In a clinic." in text
    _, root = tree(project / "build" / "sheet" / "sheet.es.pdf")
    english = [e for e in root.walk() if e.obj.get("/Lang") == "en"]
    assert {e.role for e in english} >= {"TD", "LBody"}, "fallback English is marked as English for screen readers"
    assert not any(e.obj.get("/Lang") for e in root.walk() if e.role == "H2"), "translated headings carry no /Lang"


def test_strict_refuses_missing_strings(project: Path) -> None:
    _project_with_source(project)
    _translate(project, SPANISH_PO_ENTRIES)
    code, out, err = run_cli("--lang", "es", "--strict", root=project)
    assert code == 1
    assert "es.yaml:" in err and "missing; the source text would be printed" in err
    assert not (project / "build" / "sheet" / "sheet.es.pdf").exists()


def test_english_edit_makes_translation_stale(project: Path) -> None:
    folder = _project_with_source(project)
    _translate(project, SPANISH_PO_ENTRIES)
    (folder / "en.yaml").write_text(VALID.replace("Hello families.", "Hello, dear families."))
    code, out, err = run_cli("i18n", "status", root=project)
    row = next(line for line in out.splitlines() if line.startswith("sheet") and " es " in f" {line} ")
    assert row.split()[3] == "1", row  # one stale string
    code, out, err = run_cli("--lang", "es", root=project)
    assert "1 strings stale" in out and "intro-text.text" in out
    code, out, err = run_cli("i18n", "accept", "sheet", "es", root=project)
    assert code == 0 and "accepted 1 string(s)" in out
    code, out, err = run_cli("i18n", "status", root=project)
    row = next(line for line in out.splitlines() if line.startswith("sheet") and " es " in f" {line} ")
    assert row.split()[3] == "0"


def test_status_table(project: Path) -> None:
    _project_with_source(project)
    _translate(project, SPANISH_PO_ENTRIES)
    code, out, err = run_cli("i18n", "status", root=project)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["document", "lang", "translated", "stale", "missing", "review"]
    es = next(line.split() for line in lines if " es " in f" {line} ")
    assert es[0] == "sheet" and es[2].endswith("%") and es[5] == "needed"
    assert int(es[4]) > 0


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_export_import_round_trip_is_byte_identical(project: Path, fmt: str) -> None:
    folder = _project_with_source(
        project, VALID.replace("Hello families.", "Hello **families**, see [our site](https://example.org).")
    )
    strings = dict(SPANISH_PO_ENTRIES)
    strings["intro-text.text"] = (
        "Hola <b1>familias</b1>, vean <a2>nuestro sitio</a2>."
        if fmt == "po"
        else 'Hola <g id="b1" ctype="bold">familias</g>, vean <g id="a2" ctype="link">nuestro sitio</g>.'
    )
    translation = _translate(project, strings, fmt)
    assert "Hola **familias**, vean [nuestro sitio](https://example.org)." in translation.read_text()
    before = translation.read_text()
    (folder / "en.yaml").write_text((folder / "en.yaml").read_text().replace("Side by side", "Next to each other"))
    expected = before.replace("  # en: Side by side\n", "  # en: Next to each other\n  # translated from: Side by side\n")
    assert expected != before
    for fmt_out in ("po", "xliff", "po"):
        exported = project / f"again.{fmt_out}"
        assert run_cli("i18n", "export", "sheet", "es", "--format", fmt_out, "-o", str(exported), root=project)[0] == 0
        assert run_cli("i18n", "import", str(exported), root=project)[0] == 0
        assert translation.read_text() == expected, f"{fmt_out} round trip changed the file"
    status = run_cli("i18n", "status", root=project)[1]
    assert next(line for line in status.splitlines() if " es " in f" {line} ").split()[3] == "1", "stale survives"


@pytest.mark.parametrize(
    "fmt,broken,message",
    [
        ("po", "Hola <b1>familias, vean <a2>nuestro sitio</a2>.", "<b1> is never closed"),
        ("po", "Hola familias, vean <a2>nuestro sitio</a2>.", "tag <b1> (bold) is missing"),
        ("po", "Hola <b1>familias</b1> <b7>x</b7> <a2>sitio</a2>.", "unknown tag <b7>"),
        ("xliff", 'Hola familias, vean <g id="a2" ctype="link">sitio</g>.', "tag <b1> (bold) is missing"),
        ("xliff", 'Hola <g id="b1">familias</g> <x id="z"/> <g id="a2">sitio</g>.', "<x> is not supported"),
    ],
)
def test_broken_placeholder_is_refused_naming_the_entry(project: Path, fmt: str, broken: str, message: str) -> None:
    _project_with_source(project, VALID.replace("Hello families.", "Hello **families**, see [our site](https://example.org)."))
    with pytest.raises(AssertionError):
        _translate(project, {"intro-text.text": broken}, fmt)
    exported = project / f"sheet.es.{fmt}"
    code, out, err = run_cli("i18n", "import", str(exported), root=project)
    assert code == 1
    assert "entry 'intro-text.text'" in err and message in err
    assert not (project / "content" / "sheet" / "es.yaml").exists()


def test_unknown_id_is_refused(project: Path) -> None:
    _project_with_source(project)
    exported = project / "sheet.es.po"
    run_cli("i18n", "export", "sheet", "es", "-o", str(exported), root=project)
    exported.write_text(exported.read_text() + '\nmsgctxt "no-such-block.text"\nmsgid "x"\nmsgstr "y"\n')
    code, out, err = run_cli("i18n", "import", str(exported), root=project)
    assert code == 1 and "entry 'no-such-block.text': unknown id" in err


def test_translation_file_errors_have_positions(project: Path) -> None:
    folder = _project_with_source(project)
    translation = _translate(project, SPANISH_PO_ENTRIES)
    text = translation.read_text().replace("review: needed", "review: done")
    translation.write_text(text)
    line = text.splitlines().index("review: done") + 1
    code, out, err = run_cli("--lang", "es", root=project)
    assert code == 1 and f"es.yaml:{line}:" in err and "did you mean" not in err and "needed" in err
    assert folder.is_dir()
