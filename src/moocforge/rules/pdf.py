"""PD: inside the course's PDFs — form 03 self-study lectures, form 02 work program, glossary,
bibliography (form 01 items 16–19, 21; ATU §11.1, §11.9), scans and spelling (§10.4).

DC101–DC105 say whether the documents are there; these rules read them
(evidence ``pdf``: pages, text, tables, pictures, from ``documents.pdf``).
Findings point at the page (``Location.page``).
"""

from __future__ import annotations

import datetime as dt
import re

from ..documents import sniff
from ..documents.spelling import DEBIAN_PACKAGES, ENV_FOLDERS
from ..documents.text import YEAR, contains, contains_any, find_dates, labelled, normalise, numbers_after
from ..findings import Quantity, Severity, at_least, equal_to
from .registry import RuleContext, rule


def _refs_by_path(ctx: RuleContext) -> dict:
    refs: dict = {}
    for ref in ctx.course.refs:
        refs.setdefault(ref.path, ref)
    return refs


def _role(ref) -> dict:
    return {"i18n": "core.role." + ref.role.replace(":", ".")}


def _where(ref, **extra) -> dict:
    return {"file": ref.path, "module": ref.module, "lesson": ref.lesson, **extra}


def _readable(ctx: RuleContext, path: str | None):
    facts = ctx.evidence.pdf.get(path or "")
    return facts if facts is not None and facts.readable else None


def page_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 → "1–3, 7"."""
    spans: list[list[int]] = []
    for number in sorted(set(numbers)):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


# ---------------------------------------------------------------- the file itself

@rule("PD101", name="pdf-readable", area="pdf", severity=Severity.ERROR, clause="ATU form 01 items 16–21",
      messages=("empty", "wrong_type", "encrypted", "corrupt", "unreadable"), needs=("pdf",), criteria=(5,))
def pdf_readable(ctx: RuleContext):
    refs = _refs_by_path(ctx)
    for path, facts in ctx.evidence.pdf.items():
        if facts.readable:
            continue
        ref = refs[path]
        params = {"file": path, "role": _role(ref)}
        if facts.status == sniff.WRONG_TYPE:
            params["kind"] = {"i18n": f"PD101.kind.{facts.kind}" if facts.kind in KNOWN_KINDS else "PD101.kind.unknown"}
        if facts.status in (sniff.CORRUPT, sniff.UNREADABLE):
            params["error"] = facts.error or "?"
        yield ctx.finding(facts.status, params=params, **_where(ref))


KNOWN_KINDS = ("jpeg", "png", "gif", "tiff", "webp", "zip", "ole2", "html", "text", "rtf", "mp4", "unknown")


@rule("PD102", name="pdf-searchable", area="pdf", severity=Severity.ERROR, clause="ATU §10.4",
      messages=("scanned", "scanned_pages", "blank"), thresholds=("pdf.scan.min_text_chars", "pdf.scan.min_image_cover"),
      needs=("pdf",), criteria=(5,))
def pdf_searchable(ctx: RuleContext):
    """A scan or photo of paper cannot be searched, copied or read aloud by a screen reader."""
    min_chars = ctx.threshold("pdf.scan.min_text_chars")
    min_cover = ctx.threshold("pdf.scan.min_image_cover")
    refs = _refs_by_path(ctx)
    for path, facts in ctx.evidence.pdf.items():
        if not facts.readable or not facts.pages:
            continue
        ref = refs[path]
        scans = [page for page in facts.pages if page.image_only(min_chars, min_cover)]
        dpis = [page.lowest_dpi for page in scans if page.lowest_dpi]
        params = {"file": path, "role": _role(ref), "pages": page_ranges([p.number for p in scans]),
                  "count": len(scans), "total": len(facts.pages), "dpi": round(min(dpis)) if dpis else "?"}
        if scans and len(scans) == len(facts.pages):
            yield ctx.finding("scanned", params=params, measured=Quantity(len(scans), "count"),
                              **_where(ref, page=scans[0].number))
        elif scans:
            yield ctx.finding("scanned_pages", severity=Severity.WARNING, params=params,
                              measured=Quantity(len(scans), "count"), **_where(ref, page=scans[0].number))
        elif not any(page.text_chars or page.images for page in facts.pages):
            yield ctx.finding("blank", severity=Severity.WARNING, params=params, **_where(ref, page=1))


# ---------------------------------------------------------------- form 03: the weekly self-study lecture

def _first_page(pages, test) -> int | None:
    return next((page.number for page in pages if test(page.text)), None)


def _labelled_on(pages, labels) -> tuple[str | None, int | None]:
    for page in pages:
        found = labelled(page.text, labels)
        if found:
            return found, page.number
    return None, None


@rule("PD103", name="self-study-heading", area="pdf", severity=Severity.ERROR, clause="ATU form 03, form 01 item 19",
      messages=("course_missing", "course_mismatch", "number_missing", "number_mismatch", "topic_missing",
                "topic_mismatch"),
      thresholds=("pdf.self_study.heading_pages",), needs=("pdf",), criteria=(5,))
def self_study_heading(ctx: RuleContext):
    """Each weekly lecture PDF shows the MOOC's name, the lecture's number and its topic."""
    pages_read = ctx.threshold("pdf.self_study.heading_pages")
    course_labels = ctx.threshold("pdf.self_study.course_labels")
    topic_labels = ctx.threshold("pdf.self_study.topic_labels")
    words = ctx.threshold("pdf.self_study.lecture_words")
    for index, module in enumerate(ctx.model.modules):
        facts = _readable(ctx, module.self_study)
        if facts is None:
            continue  # DC103 (missing) and PD101 (unreadable) speak for it
        pages = facts.pages[:pages_read]
        where = {"file": module.self_study, "module": module.id}
        base = {"file": module.self_study, "module": module.id, "pages": page_ranges([p.number for p in pages])}
        title = ctx.model.title
        if title and _first_page(pages, lambda text: contains(text, title)) is None:
            found, page = _labelled_on(pages, course_labels)
            if found:
                yield ctx.finding("course_mismatch", params={**base, "expected": title, "found": found, "page": page},
                                  page=page, **where)
            else:
                yield ctx.finding("course_missing", params={**base, "expected": title}, page=1, **where)
        number = index + 1
        stated = [(n, page.number) for page in pages for n in numbers_after(page.text, words)]
        if not stated:
            yield ctx.finding("number_missing", params={**base, "number": number}, page=1, **where)
        elif number not in {n for n, _ in stated}:
            found, page = stated[0]
            yield ctx.finding("number_mismatch", params={**base, "number": number, "found": found, "page": page},
                              measured=Quantity(found, "count"), expected=equal_to(number, "count"), page=page, **where)
        if _first_page(pages, lambda text: contains(text, module.title)) is None:
            found, page = _labelled_on(pages, topic_labels)
            if found:
                yield ctx.finding("topic_mismatch", params={**base, "expected": module.title, "found": found,
                                                             "page": page}, page=page, **where)
            else:
                yield ctx.finding("topic_missing", params={**base, "expected": module.title}, page=1, **where)


# ---------------------------------------------------------------- form 02: the work program

def _work_program(ctx: RuleContext):
    path = ctx.model.documents.work_program
    return path, _readable(ctx, path)


@rule("PD104", name="work-program-sections", area="pdf", severity=Severity.ERROR, clause="ATU form 02",
      messages=("missing_section", "no_date"), thresholds=("pdf.work_program.sections",), needs=("pdf",),
      criteria=(3,))
def work_program_sections(ctx: RuleContext):
    """Form 02's sections, recognised by their Kazakh, Russian or English headings, and a date."""
    path, facts = _work_program(ctx)
    if facts is None:
        return
    text = facts.text()
    for section, headings in ctx.threshold("pdf.work_program.sections").items():
        if not contains_any(text, headings):
            yield ctx.finding("missing_section", file=path,
                              params={"file": path, "section": {"i18n": f"PD104.section.{section}"},
                                      "headings": " / ".join(headings[:3])})
    if not find_dates(text):
        last = facts.pages[-1].number if facts.pages else None
        yield ctx.finding("no_date", file=path, page=last, params={"file": path})


def structure_rows(facts) -> list[tuple[int, str]]:
    """The module table's rows (cells joined), or every text line when the PDF has no table."""
    rows = [(page.number, " ".join(cell.replace("\n", " ") for cell in row if cell))
            for page in facts.pages for table in page.tables for row in table]
    if rows:
        return rows
    return [(page.number, line) for page in facts.pages for line in page.text.splitlines()]


def _task_count_pattern(words: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?:\d+\s*\w*\s*(?:{alternatives}))|(?:(?:{alternatives})\w*\s*[-–—:]\s*\d+)", re.I)


def parse_structure(rows: list[tuple[int, str]], module_words, lecture_words, task_words, control_words) -> list[dict]:
    """Modules of the table in order: number, page, lecture numbers, rows with a typed task count, control rows."""
    modules: list[dict] = []
    counted = _task_count_pattern(list(task_words))
    for page, row in rows:
        is_control = contains_any(row, control_words)
        numbers = [] if is_control else numbers_after(row, module_words)
        if numbers:
            modules.append({"number": numbers[0], "page": page, "lectures": [], "tasks": 0, "controls": 0})
        if not modules:
            continue
        current = modules[-1]
        current["lectures"] += [n for n in numbers_after(row, lecture_words) if n not in current["lectures"]]
        if is_control:
            current["controls"] += 1
        if counted.search(normalise(row)):
            current["tasks"] += 1
    return modules


@rule("PD105", name="work-program-structure", area="pdf", severity=Severity.ERROR, clause="ATU form 02",
      messages=("no_table", "module_count", "lecture_count", "no_task_counts", "no_module_control"),
      needs=("pdf",), criteria=(3,))
def work_program_structure(ctx: RuleContext):
    """The module table of form 02 agrees with the descriptor: modules, lectures per module, check tasks."""
    path, facts = _work_program(ctx)
    if facts is None or not ctx.model.modules:
        return
    sections = ctx.threshold("pdf.work_program.sections")
    modules = parse_structure(structure_rows(facts), ctx.threshold("pdf.work_program.module_words"),
                              ctx.threshold("pdf.work_program.lecture_words"),
                              ctx.threshold("pdf.work_program.task_count_words"), sections["module_control"])
    if not modules:
        yield ctx.finding("no_table", file=path, params={"file": path, "expected": len(ctx.model.modules)})
        return
    if len(modules) != len(ctx.model.modules):
        yield ctx.finding("module_count", file=path, page=modules[0]["page"],
                          params={"file": path, "count": len(modules), "expected": len(ctx.model.modules)},
                          measured=Quantity(len(modules), "modules"), expected=equal_to(len(ctx.model.modules), "modules"))
    for found, module in zip(modules, ctx.model.modules):
        where = {"file": path, "page": found["page"], "module": module.id}
        params = {"file": path, "number": found["number"], "module": module.id}
        lectures, lessons = len(found["lectures"]), len(module.lessons)
        if lectures != lessons:
            yield ctx.finding("lecture_count", severity=Severity.WARNING,
                              params={**params, "count": lectures, "expected": lessons},
                              measured=Quantity(lectures, "lessons"), expected=equal_to(lessons, "lessons"), **where)
        if found["tasks"] == 0:
            yield ctx.finding("no_task_counts", severity=Severity.WARNING, params=params, **where)
        if found["controls"] == 0:
            yield ctx.finding("no_module_control", severity=Severity.WARNING, params=params, **where)


# ---------------------------------------------------------------- glossary and bibliography

_HEADER_CELLS = {"термин", "терминдер", "ұғым", "понятие", "term", "terms", "№", "n"}
_SEPARATED_ENTRY = re.compile(r"^\s*\S[^:–—]{0,60}?\s*(?:\s[-–—]\s|:\s)\s*\S{2,}")


def glossary_entries(facts) -> int:
    """Term–definition pairs: rows of a table with a term and a definition, else "term – definition" lines."""
    rows = [[cell.strip() for cell in row if cell and cell.strip()] for page in facts.pages for table in page.tables
            for row in table]
    if rows:
        return sum(1 for cells in rows if len(cells) >= 2 and normalise(cells[0]) not in _HEADER_CELLS)
    return sum(1 for page in facts.pages for line in page.text.splitlines() if _SEPARATED_ENTRY.match(line))


def _too_few(ctx: RuleContext, path: str, count: int, key: str):
    """A document with fewer entries than the profile's ``key`` asks for."""
    floor = ctx.threshold(key)
    if count < floor:
        yield ctx.finding("too_few", file=path, params={"file": path, "count": count, "min": floor}, clause_key=key,
                          measured=Quantity(count, "count"), expected=at_least(floor, "count"))


@rule("PD106", name="glossary-entries", area="pdf", severity=Severity.ERROR, clause="ATU §11.9, form 01 item 17",
      messages=("too_few",), thresholds=("pdf.glossary.min_entries",), needs=("pdf",), criteria=(5,))
def glossary_entries_rule(ctx: RuleContext):
    path = ctx.model.documents.glossary
    facts = _readable(ctx, path)
    if facts is not None:
        yield from _too_few(ctx, path, glossary_entries(facts), "pdf.glossary.min_entries")


_NUMBERED = re.compile(r"^\s*\[?(\d{1,3})[.)\]]\s+\S")


def bibliography_entries(facts) -> list[tuple[int, str]]:
    """(page, entry) of a numbered list (entries joined across line breaks), else lines stating a year."""
    entries: list[list] = []
    for page in facts.pages:
        for line in page.text.splitlines():
            if _NUMBERED.match(line):
                entries.append([page.number, line.strip()])
            elif entries and entries[-1][0] == page.number and line.strip() and not line.strip().isdigit():
                entries[-1][1] += " " + line.strip()
    if entries:
        return [(page, text) for page, text in entries]
    return [(page.number, line.strip()) for page in facts.pages for line in page.text.splitlines()
            if YEAR.search(line) and len(line.strip()) > 20]


def entry_year(text: str, this_year: int) -> int | None:
    """The publication year: the last plausible year the entry names."""
    years = [int(y) for y in YEAR.findall(text) if int(y) <= this_year + 1]
    return years[-1] if years else None


@rule("PD107", name="bibliography-entries", area="pdf", severity=Severity.ERROR, clause="ATU form 01 item 18",
      messages=("too_few", "old_entry"), thresholds=("pdf.bibliography.min_entries", "pdf.bibliography.max_age_years"),
      needs=("pdf",), criteria=(4, 5))
def bibliography_rule(ctx: RuleContext):
    path = ctx.model.documents.bibliography
    facts = _readable(ctx, path)
    if facts is None:
        return
    entries = bibliography_entries(facts)
    yield from _too_few(ctx, path, len(entries), "pdf.bibliography.min_entries")
    max_age = ctx.threshold("pdf.bibliography.max_age_years")
    this_year = dt.date.today().year
    for page, entry in entries:
        year = entry_year(entry, this_year)
        if year is not None and this_year - year > max_age:
            yield ctx.finding("old_entry", severity=Severity.WARNING, file=path, page=page,
                              clause_key="pdf.bibliography.max_age_years",
                              params={"file": path, "entry": entry if len(entry) <= 120 else entry[:117] + "…",
                                      "year": year, "max_age": max_age, "since": this_year - max_age})


# ---------------------------------------------------------------- spelling (PDFs and slides)

@rule("PD108", name="spelling", area="pdf", severity=Severity.INFO, clause="ATU §10.4",
      messages=("no_dictionaries", "unknown_words"), thresholds=("pdf.spelling.max_listed",), needs=("spelling",),
      criteria=(4,))
def spelling(ctx: RuleContext):
    """Words no installed Hunspell dictionary knows, per PDF and slide deck (optional: needs dictionaries)."""
    results = ctx.evidence.spelling
    if not results:
        return
    if not any(result.checked for result in results.values()):
        wanted = next(iter(results.values())).wanted
        yield ctx.finding("no_dictionaries", params={
            "languages": ", ".join(wanted), "packages": " ".join(DEBIAN_PACKAGES[lang] for lang in wanted),
            "variable": ENV_FOLDERS})
        return
    listed = ctx.threshold("pdf.spelling.max_listed")
    refs = _refs_by_path(ctx)
    for path, result in results.items():
        if not result.unknown:
            continue
        first = result.unknown[0]
        position = {"page": first.first} if result.kind == "pdf" else {"slide": first.first}
        words = ", ".join(word.word for word in result.unknown[:listed])
        more = len(result.unknown) - listed
        yield ctx.finding("unknown_words", measured=Quantity(len(result.unknown), "count"),
                          params={"file": path, "count": len(result.unknown), "words": words + (" …" if more > 0 else ""),
                                  "languages": ", ".join(result.checked)},
                          **_where(refs[path], **position))
