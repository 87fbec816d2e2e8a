"""Shared fixtures: the seed PDFs built once per test process, and throwaway projects for bad-input cases."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from documents import FAQ, ORGANISATIONS

from handbill.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = {
    "ot-school-vs-medical": SEEDS / "000_e6433a371d037ec0.txt",
    "school-vs-medical-therapies": SEEDS / "002_bae6f64ee39e9578.txt",
}


def run_cli(*args: str, root: Path = ROOT) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), root=root, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both seed documents built once, as `python generate.py` would, keyed by document id."""
    out = tmp_path_factory.mktemp("seed-build")
    code, stdout, stderr = run_cli("--out", str(out), "--lang", "en")
    assert code == 0, stdout + stderr
    return {doc: out / doc / f"{doc}.en.pdf" for doc in SEED_FILES}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Every document in every language built once per test process (tests using it share an xdist group),
    with the command's output."""
    out = tmp_path_factory.mktemp("languages")
    code, stdout, stderr = run_cli("--out", str(out))
    assert code == 0, stdout + stderr
    return out, stdout


def new_project(root: Path) -> Path:
    """A project at `root` with the real layouts, brands, fonts, funder registry and organisations (and those the
    test documents name), and no documents."""
    (root / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "layouts", root / "layouts")
    (root / "fonts").symlink_to(ROOT / "fonts")
    shutil.copy(ROOT / "content" / "funders.yaml", root / "content" / "funders.yaml")
    organisations = (ROOT / "content" / "organisations.yaml").read_text(encoding="utf-8")
    (root / "content" / "organisations.yaml").write_text(organisations + ORGANISATIONS, encoding="utf-8")
    return root


def nastaliq_project(root: Path, *documents: str) -> Path:
    """A project (`new_project`) holding `documents`, every brand of which sets Urdu in Nastaliq."""
    new_project(root)
    for document in documents:
        shutil.copytree(ROOT / "content" / document, root / "content" / document)
    for brand in (root / "layouts" / "brands").glob("*.yaml"):
        text = brand.read_text(encoding="utf-8")
        assert "\nfonts:\n" in text and "languages:" not in text, brand
        brand.write_text(
            text.replace("\nfonts:\n", "\nfonts:\n  languages:\n    ur: [noto-nastaliq-urdu]\n", 1), encoding="utf-8"
        )
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return new_project(tmp_path / "project")


@pytest.fixture(scope="session")
def faq_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FAQ test document (tables, labelled comparison, callout, links, two funders), built once."""
    root = new_project(tmp_path_factory.mktemp("faq") / "project")
    (root / "content" / "therapy-faq").mkdir()
    (root / "content" / "therapy-faq" / "en.yaml").write_text(FAQ)
    code, stdout, stderr = run_cli(root=root)
    assert code == 0, stdout + stderr
    return root / "build" / "therapy-faq" / "therapy-faq.en.pdf"
