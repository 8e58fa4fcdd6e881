"""SL: inside the lesson slide decks — ATU form 04, the presentation recorded full screen
(§8.4, form 01 item 20), judged as it will look in a 1920×1080 lecture video.

Evidence ``slides`` (``documents.slides``): each slide's text with the font
size every run is really shown at, its pictures and the slide size. Findings
point at the slide (``Location.slide``).
"""

from __future__ import annotations

import re

from ..documents import sniff
from ..documents.text import contains, contains_any, normalise
from ..findings import Quantity, Severity, at_least, at_most, equal_to
from .registry import RuleContext, rule

# Something shaped like an address; email-validator then says whether it is one.
_ADDRESS = re.compile(r"[^\s<>()\[\]«»,;:\"']+@[^\s<>()\[\]«»,;:\"']+")
EMU_PER_INCH = 914400


def _decks(ctx: RuleContext):
    """(ref, facts) of every deck read, in the course's order."""
    seen = set()
    for ref in ctx.course.refs_by_role("slides"):
        facts = ctx.evidence.slides.get(ref.path)
        if facts is not None and ref.path not in seen:
            seen.add(ref.path)
            yield ref, facts


def _readable_decks(ctx: RuleContext):
    for ref, facts in _decks(ctx):
        if facts.readable and facts.slides:
            yield ref, facts


def _where(ref, **extra) -> dict:
    return {"file": ref.path, "module": ref.module, "lesson": ref.lesson, **extra}


@rule("SL101", name="deck-readable", area="slides", severity=Severity.ERROR, clause="ATU form 04, form 01 item 20",
      messages=("empty", "wrong_type", "encrypted", "corrupt", "too_large", "unreadable", "no_slides"),
      thresholds=("slides.limits.max_file_mb", "slides.limits.max_unpacked_mb", "slides.limits.max_ratio",
                  "slides.limits.max_members"),
      needs=("slides",), criteria=(2,))
def deck_readable(ctx: RuleContext):
    limits = {"file": "slides.limits.max_file_mb", "unpacked": "slides.limits.max_unpacked_mb",
              "ratio": "slides.limits.max_ratio", "members": "slides.limits.max_members"}
    for ref, facts in _decks(ctx):
        params = {"file": ref.path}
        if facts.readable:
            if not facts.slides:
                yield ctx.finding("no_slides", params=params, **_where(ref))
            continue
        clause_key = None
        if facts.status == sniff.WRONG_TYPE:
            params["kind"] = {"i18n": f"SL101.kind.{facts.kind}" if facts.kind in KNOWN_KINDS else "SL101.kind.unknown"}
        elif facts.status in (sniff.CORRUPT, sniff.UNREADABLE):
            params["error"] = facts.error or "?"
        elif facts.status == sniff.TOO_LARGE:
            key = limits.get(facts.limit or "", "slides.limits.max_unpacked_mb")
            clause_key = key
            shown = facts.measured / (1 << 20) if facts.limit in ("file", "unpacked") else facts.measured
            params.update({"limit": {"i18n": f"SL101.limit.{facts.limit}"}, "measured": round(shown or 0, 1),
                           "max": ctx.threshold(key)})
        yield ctx.finding(facts.status, params=params, clause_key=clause_key, **_where(ref))


KNOWN_KINDS = ("ole2", "zip", "odf", "docx", "xlsx", "pdf", "jpeg", "png", "gif", "tiff", "webp", "html", "text",
               "rtf", "mp4", "unknown")


# ---------------------------------------------------------------- form 04's order of slides

def _email_problems(found: list[str], authors, public: list[str]) -> tuple[str | None, dict]:
    """(message, params) for the e-mail on the title slide, or (None, {}) when it is a corporate address of an author."""
    from email_validator import EmailNotValidError, validate_email

    if not found:
        return "missing_item", {"item": {"i18n": "SL102.item.email"}, "expected": ", ".join(
            a.email for a in authors if a.email) or "—"}
    try:
        address = validate_email(found[0], check_deliverability=False).normalized
    except EmailNotValidError as exc:
        return "bad_email", {"found": found[0], "problem": str(exc)}
    domain = address.rsplit("@", 1)[-1].lower()
    if domain in {d.lower() for d in public}:
        return "personal_email", {"found": address, "domain": domain}
    known = {a.email.casefold() for a in authors if a.email}
    if known and address.casefold() not in known:
        return "email_mismatch", {"found": address, "expected": ", ".join(sorted(known))}
    return None, {}


def _item_values(ctx: RuleContext) -> dict[str, list[str]]:
    """What course.yaml says each title-slide item is (empty when it says nothing: CD104/CD105 report that)."""
    model = ctx.model
    author = model.authors[0] if model.authors else None
    return {"university": [model.university] if model.university else [],
            "faculty": [model.faculty] if model.faculty else [],
            "department": [model.department] if model.department else [],
            "course": [model.title] if model.title else [],
            "author": [a.name for a in model.authors],
            "position": [author.position] if author and author.position else [],
            "degree": [author.degree] if author and author.degree else []}


@rule("SL102", name="title-slide", area="slides", severity=Severity.ERROR, clause="ATU form 04",
      messages=("missing_item", "bad_email", "personal_email", "email_mismatch", "no_photo"),
      thresholds=("slides.title_slide.items",), needs=("slides",), criteria=(3,))
def title_slide(ctx: RuleContext):
    """The first slide names the university, faculty, department, course and author, with an e-mail and a photo."""
    items = ctx.threshold("slides.title_slide.items")
    values = _item_values(ctx)
    words = {"faculty": ctx.threshold("slides.title_slide.faculty_words"),
             "department": ctx.threshold("slides.title_slide.department_words")}
    for ref, facts in _readable_decks(ctx):
        first = facts.slides[0]
        text = first.text
        where = _where(ref, slide=first.number)
        for item in items:
            if item in ("email", "photo"):
                continue
            expected = values.get(item, [])
            present = (any(contains(text, value) for value in expected) if expected
                       else item not in words or contains_any(text, words[item]))
            if not present:
                yield ctx.finding("missing_item", params={"file": ref.path, "item": {"i18n": f"SL102.item.{item}"},
                                                          "expected": " / ".join(expected) or "—"}, **where)
        if "email" in items:
            message, params = _email_problems(_ADDRESS.findall(text), ctx.model.authors,
                                              ctx.threshold("slides.title_slide.public_mail_domains"))
            if message:
                severity = Severity.WARNING if message in ("personal_email", "email_mismatch") else None
                yield ctx.finding(message, severity=severity, params={"file": ref.path, **params}, **where)
        if "photo" in items and not first.pictures:
            yield ctx.finding("no_photo", params={"file": ref.path}, **where)


def _is_heading(slide, headings) -> bool:
    heading = normalise(slide.heading)
    return any(heading == normalise(h) or heading.startswith(normalise(h) + " ") for h in headings)


@rule("SL103", name="contents-and-summary", area="slides", severity=Severity.ERROR, clause="ATU form 04",
      messages=("no_contents", "few_questions", "no_summary"),
      thresholds=("slides.contents.min_questions", "slides.contents.within_first"), needs=("slides",), criteria=(3,))
def contents_and_summary(ctx: RuleContext):
    """A contents slide with the lecture's questions after the title slide, and a summary slide."""
    contents_headings = ctx.threshold("slides.contents.headings")
    summary_headings = ctx.threshold("slides.summary.headings")
    within = ctx.threshold("slides.contents.within_first")
    floor = ctx.threshold("slides.contents.min_questions")
    for ref, facts in _readable_decks(ctx):
        contents = next((s for s in facts.slides[:within] if _is_heading(s, contents_headings)), None)
        if contents is None:
            yield ctx.finding("no_contents", params={"file": ref.path, "within": within,
                                                     "headings": " / ".join(contents_headings[:3])}, **_where(ref))
        else:
            questions = len(contents.content) - 1  # every line but the heading
            if questions < floor:
                yield ctx.finding("few_questions", params={"file": ref.path, "count": questions, "min": floor},
                                  measured=Quantity(questions, "questions"), expected=at_least(floor, "questions"),
                                  **_where(ref, slide=contents.number))
        if not any(_is_heading(s, summary_headings) for s in facts.slides[1:]):
            yield ctx.finding("no_summary", params={"file": ref.path, "headings": " / ".join(summary_headings[:3])},
                              **_where(ref))


# ---------------------------------------------------------------- what the viewer sees

@rule("SL104", name="template-text", area="slides", severity=Severity.ERROR, clause="ATU form 04",
      messages=("leftover",), thresholds=("slides.template_text",), needs=("slides",), criteria=(2,))
def template_text(ctx: RuleContext):
    """Form 04's own placeholder sentences, or PowerPoint's, still on a slide."""
    phrases = [(phrase, normalise(phrase)) for phrase in ctx.threshold("slides.template_text")]
    for ref, facts in _readable_decks(ctx):
        for slide in facts.slides:
            shown = [normalise(p.text) for p in slide.content]  # once per paragraph, not once per phrase
            found = [(phrase, wanted) for phrase, wanted in phrases if any(wanted in text for text in shown)]
            # "Заголовок слайда" inside "Введите заголовок слайда" is one leftover, not two.
            found = [phrase for phrase, wanted in found if not any(wanted != other and wanted in other
                                                                   for _, other in found)]
            if found:
                yield ctx.finding("leftover", params={"file": ref.path, "text": found[0], "more": len(found) - 1},
                                  **_where(ref, slide=slide.number))


def _shown(slide):
    return [] if slide.hidden else slide.content


@rule("SL105", name="font-size", area="slides", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("too_small",), thresholds=("slides.font.min_pt",), needs=("slides",), criteria=(2,))
def font_size(ctx: RuleContext):
    """Text shown smaller than the minimum, counting sizes inherited from the layout and master and autofit."""
    floor = ctx.threshold("slides.font.min_pt")
    for ref, facts in _readable_decks(ctx):
        for slide in facts.slides:
            small = [p for p in _shown(slide) if p.size_pt is not None and p.size_pt < floor]
            if small:
                smallest = min(small, key=lambda p: p.size_pt)
                sample = smallest.text.strip()
                yield ctx.finding("too_small", params={"file": ref.path, "size": smallest.size_pt, "min": floor,
                                                       "text": sample if len(sample) <= 40 else sample[:39] + "…",
                                                       "count": len(small)},
                                  measured=Quantity(smallest.size_pt, "pt"), expected=at_least(floor, "pt"),
                                  **_where(ref, slide=slide.number))


@rule("SL106", name="words-per-slide", area="slides", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("too_many",), thresholds=("slides.words.max_per_slide",), needs=("slides",), criteria=(2,))
def words_per_slide(ctx: RuleContext):
    ceiling = ctx.threshold("slides.words.max_per_slide")
    for ref, facts in _readable_decks(ctx):
        for slide in facts.slides:
            if not slide.hidden and slide.words > ceiling:
                yield ctx.finding("too_many", params={"file": ref.path, "count": slide.words, "max": ceiling},
                                  measured=Quantity(slide.words, "count"), expected=at_most(ceiling, "count"),
                                  **_where(ref, slide=slide.number))


def proportions(aspect: str) -> tuple[float, float]:
    """"16:9" → (16.0, 9.0)."""
    width, height = str(aspect).split(":")
    return float(width), float(height)


def slide_pixels(facts, frame_height: int, aspect: str) -> tuple[float, float]:
    """Width and height in frame pixels of a slide shown full screen (fitted into the frame, bars around)."""
    across, down = proportions(aspect)
    frame_width = frame_height * across / down
    scale = min(frame_width / facts.width_emu, frame_height / facts.height_emu)
    return facts.width_emu * scale, facts.height_emu * scale


@rule("SL107", name="picture-resolution", area="slides", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("blurred",), thresholds=("slides.pictures.min_pixel_ratio", "slides.frame_height_px"),
      needs=("slides",), criteria=(2,))
def picture_resolution(ctx: RuleContext):
    """A picture with fewer pixels than the part of a 1080p frame it fills is blown up, so blurred."""
    floor = ctx.threshold("slides.pictures.min_pixel_ratio")
    frame = ctx.threshold("slides.frame_height_px")
    aspect = ctx.threshold("slides.aspect")
    for ref, facts in _readable_decks(ctx):
        if not facts.width_emu or not facts.height_emu:
            continue
        width, height = slide_pixels(facts, frame, aspect)
        for slide in facts.slides:
            for picture in slide.pictures:
                shown = (round(picture.shown_width * width), round(picture.shown_height * height))
                if not picture.width_px or min(shown) <= 0:
                    continue
                ratio = min(picture.width_px / shown[0], picture.height_px / shown[1] if picture.height_px else 0)
                if ratio < floor:
                    yield ctx.finding("blurred", params={
                        "file": ref.path, "picture": picture.name, "pixels": f"{picture.width_px}×{picture.height_px}",
                        "shown": f"{shown[0]}×{shown[1]}", "factor": round(1 / ratio, 1) if ratio else "∞"},
                        measured=Quantity(round(ratio, 2), "ratio"), expected=at_least(floor, "ratio"),
                        **_where(ref, slide=slide.number))


@rule("SL108", name="slide-aspect", area="slides", severity=Severity.WARNING, clause="ATU §9.1",
      messages=("not_widescreen",), thresholds=("slides.aspect",), needs=("slides",), criteria=(2,))
def slide_aspect(ctx: RuleContext):
    """16:9 slides fill a 1920×1080 frame; others leave black bars."""
    aspect = ctx.threshold("slides.aspect")
    across, down = proportions(aspect)
    wanted = across / down
    for ref, facts in _readable_decks(ctx):
        if not facts.width_emu or not facts.height_emu:
            continue
        ratio = facts.width_emu / facts.height_emu
        if abs(ratio - wanted) > 0.01 * wanted:
            yield ctx.finding("not_widescreen", params={
                "file": ref.path, "width": round(facts.width_emu / EMU_PER_INCH, 2),
                "height": round(facts.height_emu / EMU_PER_INCH, 2), "ratio": _ratio_name(ratio),
                "expected": aspect},
                measured=Quantity(round(ratio, 3)), expected=equal_to(round(wanted, 3)), **_where(ref))


def _ratio_name(ratio: float) -> str:
    for name, value in (("4:3", 4 / 3), ("16:10", 1.6), ("16:9", 16 / 9), ("3:2", 1.5), ("1:1", 1.0)):
        if abs(ratio - value) < 0.01:
            return name
    return f"{ratio:.2f}:1"
