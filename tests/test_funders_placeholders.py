"""Example contact details: a print build refuses them, naming where they are written; a screen build warns."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from documents import VALID

CALL_US = "        text: Hello families. Call us at (555) 010-0199 or write to help@example.org."


def _write(project: Path, text: str) -> Path:
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(text)
    return doc


def test_a_print_build_refuses_example_details_in_the_content(project: Path) -> None:
    doc = _write(project, VALID.replace("        text: Hello families.", CALL_US))
    code, out, err = run_cli("--profile", "print", root=project)
    assert code == 1
    line = VALID.splitlines().index("        text: Hello families.") + 1
    assert f"en.yaml:{line}:15: intro-text.text: prints the example contact detail '(555) 010-0199'" in err, err
    assert "prints the example contact detail 'help@example.org'" in err
    assert "put your organisation's own details here before a print build" in err
    assert not (project / "build").exists() and doc.exists()


def test_a_screen_build_of_the_same_warns_and_builds(project: Path) -> None:
    _write(project, VALID.replace("        text: Hello families.", CALL_US))
    code, out, err = run_cli(root=project)
    assert code == 0, err
    assert "prints example contact details: (555) 010-0199, help@example.org (replace them before printing)" in out


def test_a_print_build_refuses_the_brands_example_contact_line(project: Path) -> None:
    _write(project, VALID.replace("brand: default", "brand: parent-center"))
    code, out, err = run_cli("--profile", "print", root=project)
    assert code == 1
    assert "parent-center.yaml:29:10: contact.phone: prints the example contact detail '(555) 010-0100'" in err, err
    assert "parent-center.yaml:30:12: contact.website: prints the example contact detail 'www.example.org'" in err


def test_lorem_ipsum_is_a_placeholder_too(project: Path) -> None:
    _write(project, VALID.replace("        text: Hello families.", "        text: Lorem ipsum dolor sit amet."))
    code, out, err = run_cli("--profile", "print", "--check", root=project)
    assert code == 1 and "prints the example contact detail 'Lorem ipsum'" in err, err


def test_a_sample_organisation_prints_with_a_warning(project: Path) -> None:
    """The sample organisations (sample: true in content/organisations.yaml) may make print files of the samples."""
    _write(
        project,
        VALID.replace("brand: default", "brand: parent-center").replace(
            "organisation:\n  name: Test Parent Center\n  short_name: TPC\n", "organisation: peatc\n"
        ),
    )
    code, out, err = run_cli("--profile", "print", "--check", root=project)
    assert code == 0, err
    assert "prints example contact details: (555) 010-0100, www.example.org (replace them before printing)" in out
