"""The pipeline for one document: load -> resolve disclaimers -> choose design -> render -> check -> write."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import pikepdf

from .checks import body_pages, check_complete, check_disclaimers, check_readable, fit_error, overflow, page_texts
from .design import Layout, load_brand, load_layout
from .editions import for_edition, unworded_notes
from .errors import BuildError, ContentError, Problem
from .examples import example_details, refuse_for_print
from .fit import DoesNotFit, Fitted, fit
from .fonts import load_library, preflight
from .funders import Disclaimer, Registry, load_registry, resolve
from .i18n.localize import Coverage, load_localized, strict_problems
from .i18n.scripts import is_rtl
from .layout.shared import sharing_lines
from .limits import Limits
from .model import Document
from .output import write_atomic
from .paths import Confinement, outside
from .post import finish
from .press.impose import impose
from .press.palette import computed_note
from .press.preflight import preflight as print_preflight
from .press.profile import press_for
from .project import Inputs, Options, Project, Result, output_file
from .render import Design, Rendered, render


class Builder:
    """Builds documents of one project, loading fonts and the funder registry once."""

    def __init__(self, project: Project, options: Options, out_dir: Path):
        self.project, self.options, self.out_dir = project, options, out_dir
        self.confinement = Confinement.of(project.root, *options.assets)
        if not self.confinement.allows(project.funders):
            raise ContentError([outside(project.funders)])
        self.fonts = load_library(project.fonts)
        self.registry: Registry = load_registry(project.funders, self.confinement)
        self._shaped: set[str] = set()  # font faces shaping has used in this process (see FontLibrary.refresh_shaped)

    def build(self, source: Path) -> Result:
        """Build one content file; raises HandbillError (nothing written) when it cannot."""
        start = time.perf_counter()
        deadline = time.monotonic() + self.options.limits.seconds
        localized = load_localized(source, self.confinement, self.options.limits)
        document, coverage = localized.document, localized.coverage
        refused = _band_problems(document, self.options.limits)
        refused += strict_problems(localized) if self.options.strict else []
        if refused:
            raise ContentError(refused)
        design = self.design(document)
        document = for_edition(document, self.options.edition, design.brand.contact)
        disclaimers = resolve(document, self.registry, design.layout.page_size[0])
        if self.options.strict and any(d.stale for d in disclaimers):
            raise ContentError(_stale_statements(disclaimers))
        examples = example_details(document, self.project.brands / f"{self.options.brand or document.brand}.yaml")
        organisation = self.registry.organisations.get(document.organisation.id)
        if examples and design.press.profile == "print" and not (organisation and organisation.sample):
            refuse_for_print(examples)
        preflight(document, [design.body])
        result = Result(source, document.doc_id, document.language)
        result.placeholders = list(dict.fromkeys(e.text for e in examples))
        result.notes += _coverage_notes(coverage, localized.original)
        result.notes += _statement_notes(disclaimers, document.language)
        if localized.original:  # a partner's plain columns are in the source language; a translation may lack its words
            result.notes += unworded_notes(self.options.edition, document.language)
        if design.press.cmyk:
            result.notes += [note for note in [computed_note(design.brand, f"layouts/brands/{document.brand}.yaml")] if note]
        fitted = self._render_to_fit(document, disclaimers, design, deadline)
        rendered = fitted.rendered
        result.body, result.spacing, result.target = fitted.body, fitted.spacing, fitted.target
        result.notes += _room_notes(fitted, design.layout)
        pdf = finish(rendered, document, invariant=self.options.invariant)
        check_readable(pdf, str(source))
        texts = page_texts(pdf, is_rtl(document.language))
        check_complete(
            body_pages(texts, rendered.first_page_furniture, rendered.later_page_furniture, rendered.page_label), document
        )
        check_disclaimers(texts, disclaimers, str(source))
        result.pages, result.size = len(texts), len(pdf)
        result.profile, result.layout, result.format = design.press.profile, design.layout.name, design.layout.format
        result.trim, result.statements = design.layout.page_size, [d.id for d in disclaimers]
        if design.press.cmyk:
            pdf = self._for_press(pdf, document, design)
            result.sheets = _page_count(pdf) if design.layout.format != "single" else 0
            result.size = len(pdf)
        result.inputs = self._inputs(document, localized.original, design)
        if not self.options.check_only:
            result.output = output_file(self.out_dir, source, design.press.profile)
            write_atomic(result.output, pdf)
            result.digest = hashlib.sha256(pdf).hexdigest()
        result.seconds = time.perf_counter() - start
        return result

    def _inputs(self, document: Document, source: Document | None, design: Design) -> Inputs:
        """Everything this build read that can change between builds, for the incremental record: every file the
        document names (its translation's source, pictures), the layout, the brand and its logo, and the
        registry entries."""
        files = _files_named(document) + ([source.file] if source else [])
        files += [
            self.project.layouts / f"{design.layout.name}.yaml",
            self.project.brands / f"{self.options.brand or document.brand}.yaml",
        ]
        files += [design.brand.logo] if design.brand.logo else []
        return Inputs(tuple(dict.fromkeys(files)), tuple(ref.id for ref in document.funders), document.organisation.id)

    def _for_press(self, pdf: bytes, document: Document, design: Design) -> bytes:
        """Preflight the print file as a print shop would, then impose it on press sheets if its format asks."""
        failures = print_preflight(pdf, str(document.file))
        if failures:
            raise BuildError("the print file fails preflight; it was not written:\n" + "\n".join(failures))
        if design.layout.format == "single":
            return pdf
        return impose(pdf, design.layout.format, rtl=is_rtl(document.language), invariant=self.options.invariant)

    def _render_to_fit(self, document: Document, disclaimers: tuple[Disclaimer, ...], design: Design, deadline: float) -> Fitted:
        """Render at the body size and spacing that fill the layout's pages (see fit.py)."""
        if is_rtl(document.language):
            self.fonts.refresh_shaped(self._shaped)

        def render_with(layout: Layout, last_page: int, measure_only: bool = False) -> Rendered:
            rendered = render(
                document,
                disclaimers,
                replace(design, layout=layout),
                last_page=last_page,
                invariant=self.options.invariant,
                limits=self.options.limits,
                deadline=deadline,
                measure_only=measure_only,
            )
            self._shaped |= set(rendered.shaping.faces)
            return rendered

        try:
            with sharing_lines():  # most trials repeat a body size: each paragraph is broken once per size
                return fit(render_with, design.layout, partial(render_with, measure_only=True))
        except DoesNotFit as exc:
            over = overflow(exc.rendered, exc.layout) or (0.0, "")
            raise fit_error(str(document.file), document.language, exc.layout, *over) from None

    def design(self, document: Document) -> Design:
        """The layout and brand the document asks for, unless the options override them."""
        layout: Layout = load_layout(
            self.project.layouts,
            self.options.layout or document.layout,
            None if self.options.layout else document.field_where.get("layout"),
        )
        if self.options.paper:
            layout = layout.with_paper(self.options.paper)
        brand = load_brand(
            self.project.brands,
            self.options.brand or document.brand,
            self.fonts.names(),
            None if self.options.brand else document.field_where.get("brand"),
            self.confinement,
        )
        body = self.fonts.stack(document.language, brand.body_font, brand.font_languages)
        heading = self.fonts.stack(document.language, brand.heading_font, brand.font_languages)
        marks = layout.marks if self.options.marks is None else self.options.marks
        return Design(layout, brand, body, heading, press_for(self.options.profile, layout.paper, layout.bleed, marks))


def _band_problems(document: Document, limits: Limits) -> list[Problem]:
    """A title or subtitle too long for the title band (checked after translation: either can grow there)."""
    problems = []
    for text, most in ((document.title, limits.title_chars), (document.subtitle, limits.subtitle_chars)):
        if text is not None and len(text.plain) > most:
            problems.append(
                Problem(
                    text.where,
                    text.key,
                    f"{len(text.plain):,} characters; the title band holds at most {most}",
                    "shorten it, and say more in the introduction",
                )
            )
    return problems


EMPTY_NOTE = 0.25  # the share of the last page left empty that is worth a note, when the fit can do no more


def _room_notes(fitted: Fitted, layout: Layout) -> list[str]:
    """A last page left largely empty even at the largest type and spacing the layout allows: the content is short
    for the layout, which only the writer can change."""
    fit = layout.fit
    at_most = fit.body_max and fitted.body >= fit.body_max and fitted.spacing >= fit.spacing_max
    rendered = fitted.rendered
    if not at_most or rendered.empty < EMPTY_NOTE:
        return []
    if rendered.ended < rendered.pages:
        return [
            f"page {rendered.pages} holds only the disclaimers: the content ends on page {rendered.ended} even at "
            f"the largest type and spacing the '{layout.name}' layout allows; add content (or choose a layout with "
            "fewer pages)"
        ]
    return [
        f"{rendered.empty:.0%} of the last page is empty even at the largest type and spacing the "
        f"'{layout.name}' layout allows: there is room for more content (or choose a layout with fewer pages)"
    ]


def _statement_notes(disclaimers: tuple[Disclaimer, ...], language: str) -> list[str]:
    """What a build says about the statements: English for want of a translation, a stale one, a short form."""
    notes = [
        f"statement '{d.id}' has no {language} wording; printed in {d.language}" for d in disclaimers if d.language != language
    ]
    notes += [
        f"statement '{d.id}': the {d.language} wording was translated from older English; update it "
        f"(then generate.py i18n accept {_registry(d)} {d.language})"
        for d in disclaimers
        if d.stale
    ]
    notes += [f"statement '{d.id}': the short form, for a page this small" for d in disclaimers if d.form == "short"]
    return notes + [note for d in disclaimers for note in d.notes]


def _registry(disclaimer: Disclaimer) -> str:
    """Where a statement's wording is kept, as `i18n accept` names it."""
    return "funders" if disclaimer.kind == "funder" else "organisations"


def _stale_statements(disclaimers: tuple[Disclaimer, ...]) -> list[Problem]:
    """What --strict refuses of the statements: translations made from English that has changed since."""
    return [
        Problem(
            where,
            f"{d.id} ({d.language})",
            "stale: the English changed after this was translated",
            f"update the translation, then run generate.py i18n accept {_registry(d)} {d.language}",
        )
        for d in disclaimers
        for where in d.stale_where
    ]


def _coverage_notes(coverage: Coverage, source: Document | None) -> list[str]:
    if source is None:
        return []
    notes = []
    if coverage.missing:
        notes.append(
            f"{len(coverage.missing)} of {coverage.total} strings not translated; printed in "
            f"{source.language} instead ({', '.join(coverage.missing[:3])}{', ...' if len(coverage.missing) > 3 else ''})"
        )
    if coverage.stale:
        notes.append(
            f"{len(coverage.stale)} strings stale: the {source.language} changed since translation "
            f"({', '.join(coverage.stale[:3])}{', ...' if len(coverage.stale) > 3 else ''})"
        )
    if coverage.obsolete:
        notes.append(f"{len(coverage.obsolete)} strings no longer in the {source.language}: {', '.join(coverage.obsolete[:3])}")
    return notes


def _files_named(node: object) -> list[Path]:
    """Every path in the document's tree, in order: its own file, where each string came from, its pictures.
    Walks the model generically, so a new kind of block that names a file is recorded without a change here."""
    if isinstance(node, Path):
        return [node]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [p for f in dataclasses.fields(node) for p in _files_named(getattr(node, f.name))]
    if isinstance(node, (tuple, list)):
        return [p for item in node for p in _files_named(item)]
    if isinstance(node, dict):
        return [p for item in node.values() for p in _files_named(item)]
    return []


def _page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        return len(opened.pages)
