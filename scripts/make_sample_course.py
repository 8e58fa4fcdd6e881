"""Make the generated files of the sample course: PDFs, slides, subtitles, demo media.

    python scripts/make_sample_course.py                # regenerate what changed
    python scripts/make_sample_course.py --force-media  # re-encode the videos too
    python scripts/make_sample_course.py --course DIR   # another copy of the course

The hand-written files of ``sample_course/`` — ``course.yaml``, the quiz banks,
announcements and surveys — are the source: this script reads the descriptor
(through moocforge's own loader) and the manuscripts in
``scripts/sample_content/``, and writes every file the descriptor names that is
not hand-written. It never touches the hand-written files.

Idempotent: a PDF, deck or subtitle file is rewritten only when its bytes
change, and reportlab and python-pptx output is made reproducible (fixed dates
and ids), so a second run changes nothing. Videos are kept once they exist —
byte-identical video needs the same ffmpeg build — unless --force-media.
Needs reportlab and python-pptx (``pip install '.[test]'`` brings reportlab),
a TrueType font with Kazakh letters (DejaVu is searched for), and ffmpeg
(system, or imageio-ffmpeg's bundled binary).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the sample_builder package beside this script

from sample_builder import media, pdf, slides  # noqa: E402
from sample_builder.fonts import register_fonts  # noqa: E402
from sample_builder.output import write_if_changed  # noqa: E402

from moocforge.course.loader import load_course  # noqa: E402
from moocforge.course.scaffold import course_schema  # noqa: E402
from moocforge.tools import ffmpeg_path  # noqa: E402

DEFAULT_COURSE = HERE.parent / "sample_course"
DEFAULT_CONTENT = HERE / "sample_content"
_AIKEN_ANSWER = re.compile(r"^ANSWER\s*:", re.M)
_GIFT_TITLE = re.compile(r"^::[^:]", re.M)


@dataclass
class SampleContext:
    """The descriptor, the manuscripts and the small lookups every builder needs."""

    root: Path
    course: object  # moocforge.course.model.Course
    docs: dict
    manuscripts: dict[str, dict] = field(default_factory=dict)

    @property
    def labels(self) -> dict:
        return self.docs["labels"]

    def manuscript(self, module) -> dict:
        return self.manuscripts[module.id]

    def module_number(self, module) -> int:
        return self.course.modules.index(module) + 1

    def lesson_number(self, lesson) -> str:
        for module in self.course.modules:
            if lesson in module.lessons:
                return f"{self.module_number(module)}.{module.lessons.index(lesson) + 1}"
        raise ValueError(lesson.id)

    def lesson_label(self, lesson) -> str:
        return f"{self.lesson_number(lesson)}-сабақ"

    def next_lesson(self, lesson):
        ordered = [item for module in self.course.modules for item in module.lessons]
        position = ordered.index(lesson)
        return ordered[position + 1] if position + 1 < len(ordered) else None

    def question_count(self, rel: str | None) -> int:
        """Items in a bank, as the work program states them (Aiken ANSWER lines, GIFT titles)."""
        if not rel:
            return 0
        text = (self.root / rel).read_text(encoding="utf-8")
        return len(_AIKEN_ANSWER.findall(text)) or len(_GIFT_TITLE.findall(text))


def load_context(course_dir: Path, content_dir: Path) -> SampleContext:
    loaded = load_course(course_dir)
    docs = yaml.safe_load((content_dir / "docs.yaml").read_text(encoding="utf-8"))
    ctx = SampleContext(root=course_dir, course=loaded.model, docs=docs)
    for path in sorted(content_dir.glob("module-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ctx.manuscripts[data["module"]] = data
    for module in ctx.course.modules:
        missing = [lesson.id for lesson in module.lessons
                   if lesson.id not in ctx.manuscripts.get(module.id, {}).get("lessons", {})]
        if missing:
            sys.exit(f"make_sample_course: no manuscript for {', '.join(missing)} in {content_dir}")
    return ctx


def document_jobs(ctx: SampleContext, fonts) -> dict[str, Callable[[], bytes]]:
    """Every reproducible file the descriptor names: course-relative path → how to make it."""
    course = ctx.course
    jobs: dict[str, Callable[[], bytes]] = {
        "course.schema.json": lambda: (json.dumps(course_schema(), ensure_ascii=False, indent=2) + "\n").encode(),
        course.documents.work_program: lambda: pdf.work_program(ctx, fonts),
        course.documents.glossary: lambda: pdf.glossary(ctx, fonts),
        course.documents.bibliography: lambda: pdf.bibliography(ctx, fonts),
    }
    for module in course.modules:
        jobs[module.self_study] = lambda m=module: pdf.self_study(ctx, m, fonts)
        jobs[module.assignments] = lambda m=module: pdf.assignments(ctx, m, fonts)
        jobs[module.practical_task.file] = lambda m=module: pdf.practical_task(ctx, m, fonts)
        for lesson in module.lessons:
            for item in lesson.slides:
                jobs[item] = lambda m=module, l=lesson: slides.build_slides(ctx, m, l)
            text = ctx.manuscript(module)["lessons"][lesson.id]
            for video in lesson.videos:
                if video.subtitles:
                    jobs[video.subtitles] = lambda t=text: media.subtitles(t["subtitles"], media.LECTURE_SECONDS)
    return jobs


def media_jobs(ctx: SampleContext) -> dict[str, Callable[[str, Path], None]]:
    """Every video the descriptor names: path → encoder. A different tone per lecture."""
    jobs: dict[str, Callable[[str, Path], None]] = {}
    if ctx.course.promo_video:
        jobs[ctx.course.promo_video] = lambda ff, p: media.upload_video(ff, p, seconds=media.PROMO_SECONDS, tone_hz=523)
    lectures = [video for module in ctx.course.modules for lesson in module.lessons for video in lesson.videos]
    for k, video in enumerate(lectures):
        tone = 330 + 44 * k
        if video.file:
            jobs[video.file] = lambda ff, p, t=tone: media.upload_video(ff, p, seconds=media.LECTURE_SECONDS, tone_hz=t)
        if video.master:
            jobs[video.master] = lambda ff, p, t=tone: media.camera_master(ff, p, seconds=media.MASTER_SECONDS, tone_hz=t)
    return jobs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", type=Path, default=DEFAULT_COURSE, help="course folder (default: sample_course)")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="manuscripts folder")
    parser.add_argument("--font", type=Path, help="a .ttf with Kazakh letters (default: DejaVu, searched for)")
    parser.add_argument("--force-media", action="store_true", help="re-encode videos that already exist")
    parser.add_argument("--skip-media", action="store_true", help="make documents only")
    args = parser.parse_args(argv)

    ctx = load_context(args.course, args.content)
    fonts = register_fonts(args.font)
    written = unchanged = 0
    for rel, make in document_jobs(ctx, fonts).items():
        if write_if_changed(args.course / rel, make()):
            written += 1
            print(f"wrote {rel}")
        else:
            unchanged += 1
    encoded = kept = 0
    if not args.skip_media:
        ffmpeg = ffmpeg_path()
        for rel, encode in media_jobs(ctx).items():
            target = args.course / rel
            if target.exists() and not args.force_media:
                kept += 1
                continue
            encode(ffmpeg, target)
            encoded += 1
            print(f"encoded {rel}")
    print(f"{written} written, {unchanged} unchanged, {encoded} videos encoded, {kept} videos kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
