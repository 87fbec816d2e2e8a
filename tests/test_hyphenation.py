"""Hyphenation: the right dictionary for each language variant, words broken only where a careful typesetter
would break them, and few hyphens at line ends in the seed documents, read back from the PDF's text layer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pyphen
import pytest
from conftest import ROOT, SEED_FILES, run_cli
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from handbill.i18n.scripts import BreakRules, break_rules, hyphenation
from handbill.layout.hyphenate import HyphenatedParagraph, Hyphenator, hyphenator
from handbill.layout.styles import HEADING_STYLES, HYPHENATED_STYLES

pytestmark = [pytest.mark.xdist_group("hyphenation"), pytest.mark.slow]  # one worker builds the documents once
DOCS = sorted(SEED_FILES)
HYPHENATED = ["en", "es", "pt-BR", "ru"]  # the seed languages that have a dictionary
MAX_SHARE = 0.08  # of a document's lines that may end in a hyphen the typesetter added
# British breaks a US reader notices, and breaks that leave two letters: (the part before the hyphen, after it)
BAD_BREAKS = [("bey", "ond"), ("confid", "ent"), ("particip", "ate"), ("famil", "ies"), ("of", "fer"), ("therap", "ist")]
DASHES = ("\u2014", "\u2013")


# -- which dictionary --------------------------------------------------------------------------------------------

SHIPPED = {
    "en": "en_US",
    "es": "es",
    "pt-BR": "pt_BR",
    "ru": "ru",
    "vi": "",
    "ht": "",
    "hmn": "",
    "ko": "",
    "zh-Hans": "",
    "ar": "",
    "ur": "",
}


def test_every_shipped_language_has_a_deliberate_dictionary() -> None:
    shipped = {p.stem for p in ROOT.glob("content/*/*.yaml")}
    assert shipped == set(SHIPPED), "a new language: decide its hyphenation dictionary (or none) in i18n/scripts.py"
    assert {lang: hyphenation(lang) for lang in SHIPPED} == SHIPPED


@pytest.mark.parametrize(
    "lang, dictionary",
    [
        ("en", "en_US"),
        ("en-US", "en_US"),
        ("en_us", "en_US"),
        ("en-CA", "en_US"),
        ("en-GB", "en_GB"),
        ("en-AU", "en_GB"),
        ("pt", "pt_BR"),
        ("pt-PT", "pt_PT"),
        ("de", "de_DE"),
        ("de-AT", "de_AT"),
        ("es-MX", "es"),
        ("sr-Latn", "sr_Latn"),
        ("fr-CA", "fr"),
        ("zh-Hant", ""),
        ("ja", ""),
        ("he", ""),
        ("xx", ""),
    ],
)
def test_language_variants(lang: str, dictionary: str) -> None:
    assert hyphenation(lang) == dictionary


def test_no_hyphenator_where_there_is_no_dictionary() -> None:
    assert hyphenator("vi") == "" and hyphenator("zh-Hans") == ""
    assert isinstance(hyphenator("en"), Hyphenator) and hyphenator("en") is hyphenator("en-US")


# -- which breaks a word offers ----------------------------------------------------------------------------------

EN = Hyphenator(break_rules("en"))


def test_english_breaks_are_american() -> None:
    for word in [
        "beyond",
        "confident",
        "confidence",
        "participate",
        "participation",
        "families",
        "offer",
        "offered",
        "Therapist",
        "Therapists",
    ]:
        for head, tail in EN.breaks(word):
            assert not any(head.lower().endswith(a) and tail.lower().startswith(b) for a, b in BAD_BREAKS), (word, head)
    assert ("partici", "pate") in EN.breaks("participate")
    assert ("Thera", "pist") in EN.breaks("Therapist")


def test_breaks_leave_three_letters_each_side_of_words_of_seven_or_more() -> None:
    assert EN.breaks("school") == ()  # six letters
    assert EN.breaks("offered") == ()  # "of-fered" would leave two
    words = "development environment occupational communication responsibilities independence".split()
    for word in words:
        breaks = EN.breaks(word)
        assert breaks, word
        assert [len(h) for h, _ in breaks] == sorted((len(h) for h, _ in breaks), reverse=True)  # longest first
        for head, tail in breaks:
            assert head + tail == word and len(head) >= 3 and len(tail) >= 3


@pytest.mark.parametrize(
    "word",
    [
        "IEP",
        "IEPs",
        "OTPs",
        "FAPE",
        "HIPAA",
        "SECTION",
        "ИПОПРОГРАММА",
        "H328M250100",
        "covid19",
        "grade12",
        "www.example.org",
        "example.org/ot",
        "children's",
        "Therapist?",
    ],
)
def test_acronyms_numbers_and_addresses_are_never_broken(word: str) -> None:
    assert EN.breaks(word) == ()


def test_compounds_break_only_at_their_own_hyphens() -> None:
    assert EN.breaks("decision-making") == (("decision-", "making"),)
    assert EN.breaks("School-Based") == (("School-", "Based"),)
    assert EN.breaks("non-English-speaking") == (("non-English-", "speaking"), ("non-", "English-speaking"))
    assert EN.breaks("e-mail") == () and EN.breaks("co-op") == ()
    assert EN.breaks("IEP-related") == (("IEP-", "related"),)  # at the hyphen, not inside the acronym


def test_other_languages_follow_the_same_limits() -> None:
    es, ru = Hyphenator(break_rules("es")), Hyphenator(break_rules("ru"))
    assert es.breaks("niños") == ()
    assert es.breaks("comunidad") and all(len(h) >= 3 and len(t) >= 3 for h, t in es.breaks("comunidad"))
    assert ru.breaks("медицинскими") and all(len(h) >= 3 and len(t) >= 3 for h, t in ru.breaks("медицинскими"))


def test_rules_can_differ_per_language() -> None:
    assert break_rules("ru").zone > break_rules("en").zone
    assert break_rules("en").ladder == 2 and break_rules("en").min_word >= 6


# -- which breaks a paragraph makes ------------------------------------------------------------------------------


def _style(**extra: object) -> ParagraphStyle:
    return ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, **extra)


def _lines(paragraph: Paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 1e6)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words).strip() for _, words in lines]
    return ["".join(getattr(f, "text", "") or "" for f in line.words).strip() for line in lines]


LONG = (
    "Interdisciplinary collaboration between educational professionals, occupational therapists, "
    "administrators, paraprofessionals and representatives strengthens accountability, communication, "
    "responsibilities, understanding, independence, participation and comprehension considerably."
)


def _ladder(lines: list[str]) -> int:
    run = best = 0
    for line in lines[:-1]:
        run = run + 1 if line.endswith("-") else 0
        best = max(best, run)
    return best


def test_never_more_than_two_hyphens_in_a_row() -> None:
    plain = [_lines(Paragraph(LONG, _style(hyphenationLang="en_US")), w) for w in range(90, 200, 3)]
    assert max(map(_ladder, plain)) >= 3, "the sample should make ReportLab alone build ladders"
    rules = BreakRules("en_US", zone=0, zone_share=0)  # no zone: only the ladder rule refuses breaks
    for width in range(90, 200, 3):
        lines = _lines(HyphenatedParagraph(LONG, _style(hyphenationLang=Hyphenator(rules))), width)
        assert _ladder(lines) <= 2, (width, lines)


def test_a_word_is_broken_only_when_the_line_would_otherwise_fall_short() -> None:
    rules = break_rules("en")
    for width in range(120, 400, 7):
        paragraph = HyphenatedParagraph(LONG, _style(hyphenationLang=Hyphenator(rules)))
        lines = _lines(paragraph, width)
        for line, after in zip(lines, lines[1:]):
            if line.endswith("-") and line[-2].isalpha():
                word = after.split()[0]
                without = line.rsplit(" ", 1)[0]
                room = width - _width(without)
                assert room > min(rules.zone * 10, rules.zone_share * width) - 1e-6, (width, line, word)


def _width(text: str) -> float:
    return stringWidth(text, "Helvetica", 10)


def test_the_last_word_of_a_paragraph_is_not_broken() -> None:
    rules = BreakRules("en_US", zone=0, zone_share=0)
    text = "We help children and parents understand occupational therapy alternatives"
    for width in range(150, 330, 2):
        lines = _lines(HyphenatedParagraph(text, _style(hyphenationLang=Hyphenator(rules))), width)
        assert not (len(lines) > 1 and lines[-2].endswith("-") and " " not in lines[-1]), (width, lines)


def test_link_text_is_never_hyphenated() -> None:
    markup = 'See <a href="https://example.org/x"><u>Understanding Interdisciplinary Therapist Responsibilities</u></a> and more'
    rules = BreakRules("en_US", zone=0, zone_share=0, ladder=99)
    for width in range(80, 300, 4):
        lines = _lines(HyphenatedParagraph(markup, _style(hyphenationLang=Hyphenator(rules))), width)
        assert not any(l.endswith("-") for l in lines), (width, lines)


@pytest.mark.parametrize(
    "markup",
    [
        "many school settings \u2014 classrooms, playgrounds \u2014 and more",
        "many <b>school settings</b> \u2014 classrooms, playgrounds \u2013 and more",
    ],
)
def test_a_spaced_dash_stays_with_the_word_before_it(markup: str) -> None:
    for width in range(70, 300, 3):  # from where "settings —" fits on a line
        lines = _lines(HyphenatedParagraph(markup, _style()), width)
        assert not any(l.startswith(DASHES) for l in lines), (width, lines)


def test_headings_are_not_hyphenated() -> None:
    assert not HEADING_STYLES & HYPHENATED_STYLES


# -- the seed documents, read back ------------------------------------------------------------------------------


@dataclass
class Measured:
    lines: int = 0
    real: list[tuple[str, str]] = field(default_factory=list)  # (before, after) words broken by the typesetter
    compound: list[tuple[str, str]] = field(default_factory=list)  # lines ending at a hyphen of the text itself
    dash_starts: list[str] = field(default_factory=list)
    in_links: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return len(self.real) / self.lines


@pytest.fixture(scope="module")
def built(seed_pdfs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("hyphenation")
    others = [arg for lang in HYPHENATED if lang != "en" for arg in ("--lang", lang)]
    code, stdout, stderr = run_cli("--out", str(out), *others, *DOCS)
    assert code == 0, stdout + stderr
    pdfs = {(doc, "en"): path for doc, path in seed_pdfs.items()}
    return pdfs | {(doc, lang): out / doc / f"{doc}.{lang}.pdf" for doc in DOCS for lang in HYPHENATED if lang != "en"}


@pytest.fixture(scope="module")
def measured(built: dict[tuple[str, str], Path]) -> dict[tuple[str, str], Measured]:
    return {key: _measure(pdf, key[0]) for key, pdf in built.items()}


def _source(doc: str) -> str:
    files = [*ROOT.glob(f"content/{doc}/*.yaml"), ROOT / "content" / "funders.yaml", ROOT / "handbill" / "labels.yaml"]
    return " ".join(re.sub(r"\s+", " ", f.read_text(encoding="utf-8")) for f in files).lower()


def _measure(pdf: Path, doc: str) -> Measured:
    """Lines as PDFium reads them. PDFium marks a hyphen that ends a line inside a word with U+FFFE and joins the
    lines; a line ending in ' -' is a separator, not a break. A break is the text's own when the source has the
    two parts joined by a hyphen ('school-|based'); else the typesetter's ('commu-|nity')."""
    source, result = _source(doc), Measured()
    document, reader = pypdfium2.PdfDocument(str(pdf)), PdfReader(pdf)
    for number, page in enumerate(document):
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        lines = [part for line in text.split("\r\n") for part in re.split("(?<=[\ufffe\x02])", line) if part.strip()]
        lines = [line[:-1] + "-" if line.endswith(("\ufffe", "\x02")) else line for line in lines]
        result.lines += len(lines)
        result.dash_starts += [line for line in lines if line.lstrip().startswith(DASHES)]
        for n, line in enumerate(lines):
            before = re.search(r"(\w+)-$", line)
            if not before:
                continue  # not a hyphen, or a spaced one
            word = before.group(1)
            kind, after = _continuation(word, lines[n + 1 : n + 40], source)
            (result.compound if kind == "compound" else result.real).append((word, after))
        links = [
            [float(v) for v in a.get_object()["/Rect"]]
            for a in reader.pages[number].get("/Annots") or []
            if a.get_object().get("/Subtype") == "/Link"
        ]
        for index in range(textpage.count_chars()):
            if textpage.get_text_range(index, 1) in ("\ufffe", "\x02"):
                x0, y0, x1, y1 = textpage.get_charbox(index)
                x, y = (x0 + x1) / 2, (y0 + y1) / 2
                if any(l <= x <= r and b <= y <= t for l, b, r, t in links):
                    result.in_links.append(textpage.get_text_range(max(0, index - 20), 21))
        page.close()
    document.close()
    return result


def _continuation(word: str, following: list[str], source: str) -> tuple[str, str]:
    """Whether `word-` continues as a compound or a broken word: the first following line (the next in the same
    column, which PDFium may read after a line of the next column) whose first word completes it in the source."""
    for line in following:
        start = re.match(r"\s*(\w+)", line)
        if start is None:
            continue
        after = start.group(1)
        if f"{word}-{after}".lower() in source:
            return "compound", after
        if f"{word}{after}".lower() in source:
            return "real", after
    return "real", ""


def _problems(lang: str, m: Measured) -> list[str]:
    problems = []
    if m.share > MAX_SHARE:
        problems.append(f"{len(m.real)} of {m.lines} lines end in a hyphen ({m.share:.1%}): {m.real}")
    if (len(m.real) + len(m.compound)) / m.lines > MAX_SHARE + 0.02:
        problems.append(f"with compounds broken at their own hyphen, too many: {m.compound}")
    bad = [(a, b) for a, b in m.real for x, y in BAD_BREAKS if a.lower() == x and b.lower().startswith(y)]
    dictionary = pyphen.Pyphen(lang=hyphenation(lang))  # en: the US one, so no British break passes
    wrong = [(a, b) for a, b in m.real if len(a) < 3 or (b and (len(b) < 3 or len(a) not in dictionary.positions(a + b)))]
    if bad or wrong:
        problems.append(f"breaks that are not {hyphenation(lang)} dictionary breaks of 3+ letters each side: {bad + wrong}")
    if m.dash_starts:
        problems.append(f"lines start with a dash: {m.dash_starts}")
    if m.in_links:
        problems.append(f"a link's text is hyphenated: {m.in_links}")
    return problems


def test_seed_documents_are_hyphenated_sparingly_and_well(
    measured: dict[tuple[str, str], Measured], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every seed document in every language that hyphenates: at most 8% of its lines end in a hyphen the
    typesetter added, each a dictionary break (the US one for English) with 3+ letters each side, no line starts
    with a dash, no link's text is hyphenated. One test, so that one worker builds the documents. The measured
    shares are printed (shown with `pytest -s -n0 tests/test_hyphenation.py`)."""
    with capsys.disabled():
        print()
        for (doc, lang), m in sorted(measured.items()):
            print(
                f"{doc:28} {lang:6} {m.lines:4} lines, {len(m.real):3} hyphenated ({m.share:5.1%}), "
                f"{len(m.compound)} at a compound's own hyphen"
            )
    problems = [f"{doc}.{lang}: {p}" for (doc, lang), m in sorted(measured.items()) for p in _problems(lang, m)]
    assert not problems, "\n".join(problems)
    assert sorted(measured) == sorted((doc, lang) for doc in DOCS for lang in HYPHENATED)
    assert all(m.lines > 50 for m in measured.values())
