"""``moocforge captions check|convert``: SubRip and WebVTT caption files.

``check`` validates caption files (timings increasing, no overlaps, inside
the video when ``--video`` or ``--duration`` says how long it is, the text
decodable); ``convert`` writes one as SubRip or WebVTT in UTF-8, refusing
to overwrite its own input. Exit codes: 0 no error, 1 a file has errors,
2 usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import LANG_OPTION, Language, UsageProblem, console, resolve_language

# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 85

app = typer.Typer(
    help="Caption files (SubRip .srt, WebVTT .vtt): validate and convert.\n\n"
         "Examples:\n\n"
         "  moocforge captions check lecture.srt --video lecture.mp4\n\n"
         "  moocforge captions convert lecture.srt lecture.vtt",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _video_duration(video: Optional[Path], duration: Optional[float]) -> Optional[float]:
    if duration is not None or video is None:
        return duration
    from ..media.probe import probe_media

    facts = probe_media(video)
    if facts.duration is None:
        raise UsageProblem("captions.usage.no_duration", file=str(video), hint="captions.usage.duration_hint")
    return facts.duration


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="Caption files (.srt, .vtt)."),
    video: Optional[Path] = typer.Option(None, "--video", help="The video they belong to: cues must end inside it."),
    duration: Optional[float] = typer.Option(None, "--duration", min=0.0,
                                             help="The video's duration in seconds (instead of --video)."),
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Validate caption files: readable text, timing lines, increasing and non-overlapping cues, inside the video.

    Exit code: 0 no error (warnings are listed); 1 a file has an error; 2 usage error.

    Examples:
      moocforge captions check lecture_1_1.srt --video lecture_1_1.mp4
      moocforge captions check subtitles/*.vtt --duration 1200
    """
    from ..captions.read import read_captions
    from ..captions.validate import errors_in, validate
    from ..i18n import t

    language = resolve_language(lang)
    seconds = _video_duration(video, duration)
    out = console()
    failed = False
    for path in files:
        problems = validate(read_captions(path), seconds)
        failed = failed or bool(errors_in(problems))
        if not problems:
            out.print(t("captions.check.ok", language, file=str(path)), highlight=False, markup=False)
        for problem in problems:
            where = f"{path}:{problem.line}" if problem.line else str(path)
            severity = t(f"captions.severity.{problem.severity.value}", language)
            out.print(f"{where}: {severity}: {problem.message(language)}", highlight=False, markup=False)
    raise typer.Exit(1 if failed else 0)


@app.command()
def convert(
    source: Path = typer.Argument(..., help="A caption file (.srt or .vtt)."),
    target: Path = typer.Argument(..., help="Where to write it; its suffix (.srt or .vtt) gives the format."),
    to: Optional[str] = typer.Option(None, "--to", help="srt or vtt, when the target's suffix does not say."),
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Convert a caption file between SubRip and WebVTT (always written as UTF-8).

    The file is validated first; one with errors (cues that would be lost, out of order
    or overlapping) is not converted. Exit code: 0 converted; 1 the file has errors; 2 usage error.

    Examples:
      moocforge captions convert lecture_1_1.srt lecture_1_1.vtt
      moocforge captions convert subtitles.txt out.vtt --to vtt
    """
    from ..captions.convert import FORMAT_NAMES, write_captions
    from ..captions.read import format_of, read_captions
    from ..captions.validate import errors_in, validate
    from ..i18n import t

    language = resolve_language(lang)
    fmt = (to or format_of(target) or "").lower()
    if fmt not in FORMAT_NAMES:
        raise UsageProblem("captions.usage.target_format", file=str(target), hint="captions.usage.target_format_hint")
    if target.exists() and target.resolve() == source.resolve():
        raise UsageProblem("captions.usage.same_file", file=str(target))
    if target.is_dir():
        raise UsageProblem("captions.usage.target_folder", file=str(target))
    captions = read_captions(source)
    problems = validate(captions)
    for problem in problems:
        where = f"{source}:{problem.line}" if problem.line else str(source)
        severity = t(f"captions.severity.{problem.severity.value}", language)
        console(stderr=True).print(f"{where}: {severity}: {problem.message(language)}", highlight=False, markup=False)
    if errors_in(problems):
        raise typer.Exit(1)
    write_captions(captions, fmt, target)
    console(stderr=True).print(t("captions.convert.written", language, file=str(target), format=fmt.upper()),
                               highlight=False, markup=False)


def register(parent) -> None:
    parent.add_typer(app, name="captions")
