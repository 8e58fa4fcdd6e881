"""CD: the course description — ATU form 01 items 1–15, §7.8, §10.4 — and the facts forms 02, 04, 08, 11 take from it."""

from __future__ import annotations

import re

from ..course.validation import label_key
from ..findings import Quantity, Severity, at_most, equal_to, filled, one_of
from ..i18n import has_text
from .registry import RuleContext, rule
from .structure import is_blank, whole

# Words written with a point that do not end a sentence: "напр.", "см.", "etc.", in Kazakh,
# Russian and English as authors write them. Single letters and chains of them —
# initials ("А. Байтұрсынұлы", "И.И. Иванов"), "т. е.", "т.б.", "e.g." — are recognised
# by their shape. A sentence that ends on one of these is counted with the next: the
# rule would rather miss a second sentence than invent one.
ABBREVIATIONS = frozenset({
    "жж", "ғғ", "мыс", "бет", "проф", "доц", "акад",
    "напр", "см", "ср", "др", "пр", "гг", "вв", "им", "стр", "рис", "табл", "млн", "млрд", "тыс", "англ", "рус",
    "каз", "лат", "ул", "обл",
    "etc", "vs", "cf", "dr", "prof", "mr", "mrs", "ms", "no", "fig", "approx", "al",
})
# A candidate end: . ! ? … then space, then what can start a sentence (a capital, a digit, a quote).
_CANDIDATE_END = re.compile(r"[.!?…]+(?=\s+[«\"'(\[]?[\d\w])")
_LAST_WORD = re.compile(r"[\w.]+$")
# Single letters joined by points: initials ("И.И"), and "т.е", "e.g", "т.б" however spaced.
_LETTERS_AND_POINTS = re.compile(r"^(\w\.)*\w$")


def _ends_sentence(text: str, end: re.Match) -> bool:
    following = text[end.end():].lstrip().lstrip("«\"'([")
    if not following or not (following[0].isupper() or following[0].isdigit()):
        return False  # "… және т.б. деректер": a sentence starts with a capital or a number
    if not end.group().startswith("."):
        return True
    word = _LAST_WORD.search(text, 0, end.start())
    if word is None:
        return True
    token = word.group().lower()
    return not _LETTERS_AND_POINTS.match(token) and token not in ABBREVIATIONS


def count_sentences(text: str) -> int:
    """Sentences in ``text``; abbreviations and initials do not end one (ATU form 01 item 10)."""
    text = text.strip()
    if not text:
        return 0
    return 1 + sum(1 for end in _CANDIDATE_END.finditer(text) if _ends_sentence(text, end))


@rule("CD101", name="title-length", area="descriptor", severity=Severity.ERROR,
      clause="ATU form 01 item 1", messages=("too_long",), thresholds=("descriptor.title.max_chars",))
def title_length(ctx: RuleContext):
    title = ctx.model.title
    limit = ctx.threshold("descriptor.title.max_chars")
    if title and len(title) > limit:
        yield ctx.finding("too_long", field_path=("title",), params={"length": len(title), "max": limit},
                          measured=Quantity(len(title), "chars"), expected=at_most(limit, "chars"))


@rule("CD102", name="annotation-sentence", area="descriptor", severity=Severity.ERROR,
      clause="ATU form 01 item 10", messages=("too_long", "too_many_sentences"),
      thresholds=("descriptor.annotation.max_chars", "descriptor.annotation.max_sentences"))
def annotation_sentence(ctx: RuleContext):
    text = ctx.model.annotation
    if not text:
        return  # CD104 reports a missing annotation
    limit = ctx.threshold("descriptor.annotation.max_chars")
    if len(text) > limit:
        yield ctx.finding("too_long", field_path=("annotation",), params={"length": len(text), "max": limit},
                          measured=Quantity(len(text), "chars"), expected=at_most(limit, "chars"))
    sentences = count_sentences(text)
    max_sentences = ctx.threshold("descriptor.annotation.max_sentences")
    if sentences > max_sentences:
        yield ctx.finding("too_many_sentences", field_path=("annotation",),
                          params={"count": sentences, "max": max_sentences},
                          measured=Quantity(sentences, "sentences"), expected=at_most(max_sentences, "sentences"))


def accepted_levels(profile) -> dict[str, str]:
    """Every accepted way to write a level (lower case) → its key (beginner …): the key itself and the words
    of form 01 item 6 («бастауыш, орта, жоғары») and their Russian counterparts, as the profile lists them."""
    words: dict[str, str] = {}
    for level in profile.get("descriptor.levels"):
        words[str(level).lower()] = level
        for word in profile.get(f"descriptor.level_words.{level}", []):
            words[str(word).lower()] = level
    return words


@rule("CD103", name="level-allowed", area="descriptor", severity=Severity.ERROR,
      clause="ATU form 01 item 6", messages=("not_allowed",), thresholds=("descriptor.levels",))
def level_allowed(ctx: RuleContext):
    level = ctx.model.level
    accepted = accepted_levels(ctx.profile)
    if level and " ".join(level.split()).lower() not in accepted:
        yield ctx.finding("not_allowed", field_path=("level",),
                          params={"value": level, "allowed": ", ".join(accepted)},
                          measured=Quantity(level), expected=one_of(list(accepted)))


def field_label(*path) -> dict | str:
    """A field as an author reads it: its form 01 label where it has one, else its name."""
    key = label_key(path)
    return {"i18n": key} if key else ".".join(map(str, path))


@rule("CD104", name="required-fields", area="descriptor", severity=Severity.ERROR,
      clause="ATU form 01 items 1–15, §7.4, §12.3", messages=("missing", "missing_any"),
      thresholds=("descriptor.required_fields", "descriptor.institution_fields"))
def required_fields(ctx: RuleContext):
    for key in ("descriptor.required_fields", "descriptor.institution_fields"):
        for entry in ctx.threshold(key):
            # A list is a choice: form 01 item 7 is "credits / duration", either will do.
            names = entry if isinstance(entry, list) else [entry]
            if all(is_blank(getattr(ctx.model, name, None)) for name in names):
                first = names[0]
                params = {"field": first, "label": field_label(first)}
                if len(names) > 1:
                    params["others"] = ", ".join(f"`{name}:`" for name in names[1:])
                yield ctx.finding("missing_any" if len(names) > 1 else "missing", field_path=(first,),
                                  params=params, expected=filled(), clause_key=key)


@rule("CD105", name="author-details", area="descriptor", severity=Severity.WARNING,
      clause="ATU form 01 item 5", messages=("incomplete",), thresholds=("descriptor.author_fields",))
def author_details(ctx: RuleContext):
    wanted = ctx.threshold("descriptor.author_fields")
    for i, author in enumerate(ctx.model.authors):
        for name in wanted:
            if is_blank(getattr(author, name, None)):
                yield ctx.finding("incomplete", field_path=("authors", i),
                                  params={"author": author.name, "field": name, "label": field_label("authors", name)},
                                  expected=filled())


@rule("CD106", name="promo-declared", area="descriptor", severity=Severity.ERROR,
      clause="ATU form 01 item 14", messages=("missing",))
def promo_declared(ctx: RuleContext):
    if not ctx.model.promo_video:
        yield ctx.finding("missing", field_path=("promo_video",), expected=filled())


@rule("CD107", name="description-parts", area="descriptor", severity=Severity.WARNING,
      clause="ATU §7.8", messages=("missing",), thresholds=("descriptor.description_parts",))
def description_parts(ctx: RuleContext):
    yield from _unfilled(ctx, "descriptor.description_parts")


def _unfilled(ctx: RuleContext, key: str):
    """A ``missing`` finding for each field the profile lists under ``key`` that course.yaml leaves blank."""
    for name in ctx.threshold(key):
        if is_blank(getattr(ctx.model, name, None)):
            yield ctx.finding("missing", field_path=(name,), params={"field": name, "label": field_label(name)},
                              expected=filled())


@rule("CD108", name="duplicate-outcome-id", area="descriptor", severity=Severity.ERROR,
      clause="ATU §11.6", messages=("duplicate",))
def duplicate_outcome_id(ctx: RuleContext):
    seen: set[str] = set()
    places = [(("outcomes", i), o.id) for i, o in enumerate(ctx.model.outcomes)]
    for m, module in enumerate(ctx.model.modules):
        places += [(("modules", m, "outcomes", i), o.id) for i, o in enumerate(module.outcomes)]
    for where, oid in places:
        if oid in seen:
            yield ctx.finding("duplicate", field_path=where, params={"id": oid})
        seen.add(oid)


# `moocforge init` marks every fill-in-the-blank with a standalone "…".
_PLACEHOLDER = re.compile(r"(^|\s)…(\s|$)")
# Keys whose values are paths, ids or dates, never prose an author fills in.
_NOT_PROSE = {"file", "master", "subtitles", "url", "dir", "id", "reading", "slides", "documents",
              "promo_video", "announcement_file", "profile", "deadline", "supports", "outcomes_ids"}


def _prose_strings(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in _NOT_PROSE:
                yield from _prose_strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _prose_strings(value, path + (i,))
    elif isinstance(node, str):
        yield path, node


@rule("CD109", name="template-placeholder", area="descriptor", severity=Severity.WARNING,
      clause="ATU form 01", messages=("placeholder",))
def template_placeholder(ctx: RuleContext):
    data = ctx.model.model_dump(exclude_none=True)
    for path, text in _prose_strings(data):
        if _PLACEHOLDER.search(text):
            where = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")
            yield ctx.finding("placeholder", field_path=path, params={"field": where}, measured=Quantity(text))


@rule("CD110", name="duration-matches-modules", area="descriptor", severity=Severity.WARNING,
      clause="ATU form 01 item 7, §8.1", messages=("mismatch",), criteria=(3,))
def duration_matches_modules(ctx: RuleContext):
    weeks, modules = ctx.model.duration_weeks, len(ctx.model.modules)
    # A module is one week (§8.1): a duration that disagrees misleads learners and the platform.
    if weeks is not None and modules and weeks != modules:
        yield ctx.finding("mismatch", field_path=("duration_weeks",), params={"weeks": weeks, "modules": modules},
                          measured=Quantity(weeks, "count"), expected=equal_to(modules, "count"))


def course_hours(model) -> float | None:
    """The course's academic hours: declared, else the sum of module workloads when every module declares one."""
    if model.hours is not None:
        return model.hours
    workloads = [m.workload_hours for m in model.modules]
    return sum(workloads) if workloads and None not in workloads else None


@rule("CD111", name="credits-match-hours", area="descriptor", severity=Severity.WARNING,
      clause="ATU form 01 item 7", messages=("mismatch",), thresholds=("descriptor.hours_per_credit",),
      criteria=(3,))
def credits_match_hours(ctx: RuleContext):
    ratio = ctx.threshold("descriptor.hours_per_credit")
    credits, hours = ctx.model.credits, course_hours(ctx.model)
    if not ratio or credits is None or hours is None:
        return  # the ATU text sets no ratio: a department profile turns this on
    expected = credits * ratio
    if abs(hours - expected) > 0.01:
        yield ctx.finding("mismatch", field_path=("credits",),
                          params={"credits": whole(credits), "ratio": whole(ratio), "expected": whole(expected),
                                  "hours": whole(hours)},
                          measured=Quantity(hours, "h"), expected=equal_to(expected, "h"))


# ---------------------------------------------------------------- forms 01 item 15 and 08: grading and certificate

def mentions(text: str, terms) -> bool:
    """Does ``text`` use one of ``terms`` at the start of a word, in any case ("критери" finds "Критерийлер")?"""
    folded = " ".join(text.split()).casefold()
    return any(re.search(r"(?<!\w)" + re.escape(str(term).casefold()), folded) for term in terms)


_GRADING_PARTS = ("criteria", "scales", "deadlines")


@rule("CD112", name="grading-description", area="descriptor", severity=Severity.WARNING,
      clause="ATU form 01 item 15", messages=("not_stated",),
      thresholds=tuple(f"descriptor.certificate.terms.{part}" for part in _GRADING_PARTS), criteria=(8,))
def grading_description(ctx: RuleContext):
    text = ctx.model.certificate
    if is_blank(text):
        return  # CD104 reports a missing description
    for part in _GRADING_PARTS:
        key = f"descriptor.certificate.terms.{part}"
        if not mentions(text, ctx.threshold(key)):
            yield ctx.finding("not_stated", field_path=("certificate",), clause_key=key,
                              params={"part": {"i18n": f"CD112.part.{part}"}}, expected=filled())


# "0–40 %", "40% – 85%", "85–100 %": a range of percentages (the second number carries the sign).
_PERCENT_RANGE = re.compile(r"(?<![\d.,])(\d{1,3})\s*%?\s*[-–—]\s*(\d{1,3})\s*%")


def percent_ranges(text: str) -> list[tuple[int, int]]:
    """The ranges of percentages a text states, in order."""
    return [(int(low), int(high)) for low, high in _PERCENT_RANGE.findall(text) if int(low) < int(high) <= 100]


def _bands_text(bounds) -> str:
    return ", ".join(f"{low}–{high} %" for low, high in bounds)


@rule("CD113", name="progress-bands", area="descriptor", severity=Severity.WARNING,
      clause="ATU form 08", messages=("not_stated", "other_bands"),
      thresholds=("descriptor.certificate.progress_bands",), criteria=(8,))
def progress_bands(ctx: RuleContext):
    text = ctx.model.certificate
    cuts = [whole(c) for c in ctx.threshold("descriptor.certificate.progress_bands")]
    if is_blank(text) or not cuts:
        return  # CD104 reports a missing description; a profile without bands asks nothing
    points = [0, *cuts, 100]
    expected = _bands_text(zip(points, points[1:]))
    stated = percent_ranges(text)
    ends = {end for band in stated for end in band}
    if not stated:
        yield ctx.finding("not_stated", field_path=("certificate",), params={"expected": expected},
                          expected=filled())
    elif any(cut not in ends for cut in cuts):
        yield ctx.finding("other_bands", field_path=("certificate",),
                          params={"stated": _bands_text(stated), "expected": expected},
                          measured=Quantity(_bands_text(stated)), expected=equal_to(expected))


@rule("CD114", name="certificate-fields", area="descriptor", severity=Severity.WARNING,
      clause="KazNU §1.6 (15), §3.3", messages=("missing",), thresholds=("descriptor.certificate.fields",))
def certificate_fields(ctx: RuleContext):
    text = ctx.model.certificate
    if is_blank(text):
        return  # CD104 reports a missing description
    for name in ctx.threshold("descriptor.certificate.fields"):
        terms = ctx.profile.get(f"descriptor.certificate.field_terms.{name}", [name])
        if not mentions(text, terms):
            label = f"CD114.field.{name}"
            yield ctx.finding("missing", field_path=("certificate",),
                              params={"field": {"i18n": label} if has_text(label) else name}, expected=filled())


# ---------------------------------------------------------------- forms 02, 04, 11: who made the course, where

@rule("CD115", name="form-header-fields", area="descriptor", severity=Severity.WARNING,
      clause="ATU forms 02, 04, 11", messages=("missing",), thresholds=("descriptor.form_fields",))
def form_header_fields(ctx: RuleContext):
    yield from _unfilled(ctx, "descriptor.form_fields")


_ADDRESS = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s.]+)$")


@rule("CD116", name="author-email", area="descriptor", severity=Severity.WARNING,
      clause="ATU forms 02, 04", messages=("missing", "malformed", "personal"),
      thresholds=("descriptor.author_email.public_domains",))
def author_email(ctx: RuleContext):
    public = {str(domain).lower() for domain in ctx.threshold("descriptor.author_email.public_domains")}
    for i, author in enumerate(ctx.model.authors):
        email = (author.email or "").strip()
        address = _ADDRESS.match(email)
        if not email:
            message = "missing"
        elif address is None:
            message = "malformed"
        elif address.group(1).lower() in public:
            message = "personal"
        else:
            continue
        yield ctx.finding(message, field_path=("authors", i, "email") if email else ("authors", i),
                          params={"author": author.name, "email": email}, expected=filled())


# ---------------------------------------------------------------- §10.4: copyright

@rule("CD117", name="licence", area="descriptor", severity=Severity.WARNING,
      clause="ATU §10.4, §7.10; KazNUA §2.5", messages=("missing", "open_forbidden"),
      thresholds=("descriptor.licence.open_words",))
def licence(ctx: RuleContext):
    text = ctx.model.licence
    if is_blank(text):
        yield ctx.finding("missing", field_path=("licence",), expected=filled(), clause="ATU §10.4, §7.10")
    elif (not ctx.profile.get("packaging.open_platforms_allowed", True)
          and mentions(text, ctx.threshold("descriptor.licence.open_words"))):
        # The institution forbids passing the materials on; an open licence grants exactly that.
        yield ctx.finding("open_forbidden", severity=Severity.ERROR, field_path=("licence",),
                          params={"licence": text}, measured=Quantity(text),
                          clause_key="packaging.open_platforms_allowed")
