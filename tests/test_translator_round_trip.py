"""The translator's round trip: export, edit in a translator's tool, import. States and stale flags survive, a stale
string shows the English it was translated from, and translate-toolkit (the library under Pootle, Virtaal and
pocount) reads the files as handbill means them."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest
from conftest import run_cli
from documents import VALID
from lxml import etree

from handbill.i18n.catalog import NEEDS_WORK, STATES, Entry, Translation, source_hash, write_translation
from handbill.i18n.localize import load_localized

try:
    from translate.storage import factory
    from translate.tools.pocount import calcstats
except ImportError:  # the test extra installs it
    factory = calcstats = None

toolkit = pytest.mark.skipif(factory is None, reason="translate-toolkit is not installed (pip install -e '.[test]')")
X = "{urn:oasis:names:tc:xliff:document:1.2}"
KEY = "intro-text.text"


def _sheet(project: Path, english: str = VALID, language: str = "es") -> Path:
    """content/sheet/en.yaml, and every string of it translated into `language` (current), as handbill writes it."""
    folder = project / "content" / "sheet"
    folder.mkdir(exist_ok=True)
    (folder / "en.yaml").write_text(english)
    source = load_localized(folder / "en.yaml").document
    strings = {t.key: Entry(f"{language}: {t.markup}", source_hash(t.markup), t.where) for t in source.texts()}
    write_translation(Translation(folder / f"{language}.yaml", language, "en", "needed", strings), source)
    return folder


def _edit_english(folder: Path, old: str, new: str) -> None:
    text = (folder / "en.yaml").read_text()
    assert old in text
    (folder / "en.yaml").write_text(text.replace(old, new))


def _export(project: Path, fmt: str, language: str = "es") -> Path:
    file = project / f"sheet.{language}.{'po' if fmt == 'po' else 'xlf'}"
    code, out, err = run_cli("i18n", "export", "sheet", language, "--format", fmt, "-o", str(file), root=project)
    assert code == 0, err
    return file


def _import(project: Path, file: Path) -> str:
    code, out, err = run_cli("i18n", "import", str(file), root=project)
    assert code == 0, err
    return out


def _unit(file: Path, key: str = KEY) -> etree._Element:
    return etree.parse(str(file)).getroot().find(f".//{X}trans-unit[@id='{key}']")


def _stale(project: Path, language: str = "es") -> int:
    out = run_cli("i18n", "status", "sheet", root=project)[1]
    return int(next(line for line in out.splitlines() if f" {language} " in f" {line} ").split()[3])


def _set_state(file: Path, state: str, approved: bool) -> None:
    """What a CAT tool writes when a translator sets a unit's state (translate-toolkit sets approved alike)."""
    tree = etree.parse(str(file))
    unit = tree.getroot().find(f".//{X}trans-unit[@id='{KEY}']")
    unit.find(f"{X}target").set("state", state)
    unit.set("approved", "yes" if approved else "no")
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("state", STATES)
def test_each_xliff_state_is_kept_on_import_and_export(project: Path, state: str) -> None:
    folder = _sheet(project)
    exported = _export(project, "xliff")
    assert _unit(exported).get("approved") == "yes" and _unit(exported).find(f"{X}target").get("state") == "translated"
    _set_state(exported, state, approved=state not in NEEDS_WORK)
    _import(project, exported)
    assert _stale(project) == (1 if state in NEEDS_WORK else 0), "a needs- state (or new) makes the string stale"
    assert (f"    state: {state}\n" in (folder / "es.yaml").read_text()) == (state != "translated")
    again = _unit(_export(project, "xliff"))
    assert again.find(f"{X}target").get("state") == state
    assert again.get("approved") == (None if state in NEEDS_WORK else "yes")


@pytest.mark.parametrize("state", NEEDS_WORK)
def test_a_needs_state_on_a_string_whose_english_changed_keeps_it_stale(project: Path, state: str) -> None:
    folder = _sheet(project)
    _edit_english(folder, "Hello families.", "Hello, dear families.")
    exported = _export(project, "xliff")
    assert _unit(exported).find(f"{X}target").get("state") == "needs-review-translation"
    _set_state(exported, state, approved=False)
    _import(project, exported)
    assert _stale(project) == 1
    translation = load_localized(folder / "es.yaml").translation
    assert translation is not None
    assert translation.strings[KEY].source_hash == source_hash("Hello families."), "still the hash of the older English"
    again = _unit(_export(project, "xliff"))
    assert again.find(f"{X}target").get("state") == state
    assert again.find(f"{X}alt-trans/{X}source").text == "Hello families."


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_a_stale_string_shows_the_english_it_was_translated_from(project: Path, fmt: str) -> None:
    folder = _sheet(project)
    _edit_english(folder, "Hello families.", "Hello, dear families.")
    exported = _export(project, fmt)
    if fmt == "po":
        unit = next(u for u in polib.pofile(str(exported)) if u.msgctxt == KEY)
        assert (unit.previous_msgid, unit.msgid, unit.flags) == ("Hello families.", "Hello, dear families.", ["fuzzy"])
        assert '#| msgid "Hello families."' in exported.read_text()
    else:
        unit = _unit(exported)
        assert unit.find(f"{X}source").text == "Hello, dear families."
        assert unit.find(f"{X}alt-trans/{X}source").text == "Hello families."
        assert unit.find(f"{X}alt-trans").get("origin") == "previous-source"
    _import(project, exported)  # rewrites es.yaml: the old English is kept on record there
    assert "  # en: Hello, dear families.\n  # translated from: Hello families.\n" in (folder / "es.yaml").read_text()
    _edit_english(folder, "Hello, dear families.", "Hello, all families.")
    po = polib.pofile(str(_export(project, "po")))
    assert next(u for u in po if u.msgctxt == KEY).previous_msgid == "Hello families.", "what it was translated from"


def test_an_old_english_not_on_record_is_left_out(project: Path) -> None:
    folder = _sheet(project)
    translation = folder / "es.yaml"
    translation.write_text("\n".join(line for line in translation.read_text().splitlines() if not line.startswith("  # ")) + "\n")
    _edit_english(folder, "Hello families.", "Hello, dear families.")
    unit = next(u for u in polib.pofile(str(_export(project, "po"))) if u.msgctxt == KEY)
    assert unit.flags == ["fuzzy"] and not unit.previous_msgid


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_a_stale_string_whose_english_gained_a_tag_exports_and_comes_back(project: Path, fmt: str) -> None:
    folder = _sheet(project)
    before = (folder / "es.yaml").read_text()
    _edit_english(folder, "Hello families.", "Hello **families**.")
    exported = _export(project, fmt)
    _import(project, exported)
    assert _stale(project) == 1
    assert (folder / "es.yaml").read_text().replace("  # en: Hello **families**.\n  # translated from:", "  # en:") == before
    text = exported.read_text()
    if fmt == "po":
        text = text.replace('msgstr "es: Hello families."', 'msgstr "es: Hola <b1>familias</b1>."').replace("#, fuzzy\n", "")
    else:
        text = text.replace(
            'state="needs-review-translation">es: Hello families.',
            'state="translated">es: Hola <g id="b1" ctype="bold">familias</g>.',
        )
    exported.write_text(text)
    _import(project, exported)
    assert _stale(project) == 0
    assert "text: 'es: Hola **familias**.'" in (folder / "es.yaml").read_text()


@pytest.mark.parametrize("hash_note,previous", [("../../x", "Hello families."), (None, "Hello\x01 families.")])
def test_a_handbill_note_is_checked_before_it_is_kept(project: Path, hash_note: str | None, previous: str) -> None:
    """The note comes back from outside: a hash that is not one, or old English YAML cannot hold, is not written."""
    folder = _sheet(project)
    _edit_english(folder, "Hello families.", "Hello, dear families.")
    exported = _export(project, "po")
    recorded = source_hash("Hello families.")
    exported.write_text(
        exported.read_text().replace(
            f"#. source-hash: {recorded}\n#. translated-from: Hello families.\n",
            f"#. source-hash: {hash_note or source_hash(previous)}\n#. translated-from: {previous}\n",
        )
    )
    _import(project, exported)
    translation = load_localized(folder / "es.yaml").translation  # loads: the file handbill wrote is valid
    assert translation is not None and _stale(project) == 1
    assert "\x01" not in (folder / "es.yaml").read_text() and "../../x" not in (folder / "es.yaml").read_text()


def test_an_unknown_xliff_state_is_refused_naming_the_line(project: Path) -> None:
    _sheet(project)
    exported = _export(project, "xliff")
    _set_state(exported, "x-almost", approved=False)
    line = _unit(exported).find(f"{X}target").sourceline
    code, out, err = run_cli("i18n", "import", str(exported), root=project)
    assert code == 1 and err.startswith(
        f"error: {exported}:{line}: entry '{KEY}': state 'x-almost' is not an XLIFF 1.2 "
        "state handbill knows (hint: use one of translated, signed-off, final, new,"
    )


def test_strict_refuses_a_flagged_string_until_it_is_accepted(project: Path) -> None:
    folder = _sheet(project)
    exported = _export(project, "xliff")
    _set_state(exported, "needs-l10n", approved=False)
    _import(project, exported)
    code, out, err = run_cli("--check", "--strict", "--lang", "es", root=project)
    assert code == 1 and f"strings.{KEY}: marked needs-l10n: the translator flagged it for more work" in err
    assert f"generate.py i18n accept sheet es {KEY}" in err
    assert run_cli("i18n", "accept", "sheet", "es", root=project)[1] == f"accepted 1 string(s) in {folder / 'es.yaml'}\n"
    assert "state:" not in (folder / "es.yaml").read_text() and _stale(project) == 0


@toolkit
@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_current_strings_are_translated_and_stale_ones_fuzzy_for_translate_toolkit(project: Path, fmt: str) -> None:
    folder = _sheet(project)
    total = len(load_localized(folder / "en.yaml").document.texts())
    assert _counts(_export(project, fmt)) == (total, 0, 0)
    _edit_english(folder, "Hello families.", "Hello, dear families.")
    assert _counts(_export(project, fmt)) == (total - 1, 1, 0)


@toolkit
@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_fuzzy_marks_made_in_translate_toolkit_come_back(project: Path, fmt: str) -> None:
    """A translator flags one current string and finishes one stale string, as Virtaal or Pootle would."""
    folder = _sheet(project)
    _edit_english(folder, "Hello families.", "Hello, dear families.")
    exported = _export(project, fmt)
    store = factory.getobject(str(exported))
    for unit in store.units:
        if unit.getcontext().endswith(KEY) or unit.getid().endswith(KEY):
            unit.target = "Hola, queridas familias."
            unit.markfuzzy(False)
        elif unit.getcontext().endswith("title") or unit.getid().endswith("title"):
            unit.markfuzzy(True)
    store.save()
    _import(project, exported)
    translation = load_localized(folder / "es.yaml").translation
    assert translation is not None
    assert translation.strings[KEY].text == "Hola, queridas familias."
    assert translation.strings[KEY].source_hash == source_hash("Hello, dear families.") and _stale(project) == 1
    assert translation.strings["title"].state == ("needs-translation" if fmt == "xliff" else "needs-review-translation")


@toolkit
@pytest.mark.parametrize("language,code", [("zh-Hans", "zh_Hans"), ("pt-BR", "pt_BR"), ("es", "es")])
def test_translate_toolkit_reads_the_language_of_a_po_export(project: Path, language: str, code: str) -> None:
    folder = _sheet(project, language=language)
    exported = _export(project, "po", language)
    assert polib.pofile(str(exported)).metadata["Language"] == code, "gettext's form, as Poedit and Weblate write it"
    assert factory.getobject(str(exported)).gettargetlanguage() == code
    assert factory.getobject(str(_export(project, "xliff", language))).gettargetlanguage() == language
    (folder / f"{language}.yaml").unlink()
    _import(project, exported)
    assert f"language: {language}\n" in (folder / f"{language}.yaml").read_text()


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_exported_and_imported_files_follow_the_umask(project: Path, umask: int, mode: int) -> None:
    folder = _sheet(project)
    previous = os.umask(umask)
    try:
        files = [_export(project, "po"), _export(project, "xliff")]
        _import(project, files[0])
    finally:
        os.umask(previous)
    for file in [*files, folder / "es.yaml"]:
        assert file.stat().st_mode & 0o777 == mode, file.name


def _counts(file: Path) -> tuple[int, int, int]:
    stats = calcstats(str(file))
    return stats["translated"], stats["fuzzy"], stats["untranslated"]
