"""``moocforge package COURSE --target openedx|coursera|moodle``: the course as each platform takes it.

A thin command: it parses the options, runs the pre-flight check (refusing
a course with errors unless --force, and an open platform the profile
forbids), calls the target's job and prints the conversion report (to
standard error when the package itself goes to standard output);
``--report FILE`` writes the report as JSON.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..package import TARGETS
from .common import LANG_OPTION, PROFILE_OPTION, Language, UsageProblem, resolve_language, write_output

# Where `moocforge --help` lists this command (cli/entry.py registers every module).
ORDER = 90


# One choice per packaging target (moocforge.package.TARGETS).
Target = enum.Enum("Target", {name: name for name in TARGETS}, type=str)


class PlatformName(str, enum.Enum):
    open_kaznu = "open.kaznu.kz"
    moocs_kz = "moocs.kz"


def _date(value: Optional[str], option: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageProblem("package.cli.bad_date", option=option, value=value,
                           hint="package.cli.bad_date_hint") from None


def package(
    course: Path = typer.Argument(..., help="The course folder (with course.yaml)."),
    target: Target = typer.Option(..., "--target", "-t", help="Platform: openedx (open.kaznu.kz, moocs.kz), "
                                                               "coursera (upload kit) or moodle (banks and IMS CC)."),
    output: Path = typer.Option(..., "--output", "-o",
                                help="openedx: the archive (course.tar.gz, - for standard output); "
                                     "coursera and moodle: a folder (a zip of it is written beside it)."),
    org: Optional[str] = typer.Option(None, "--org", help="Open edX organisation (course-v1:ORG+…)."),
    number: Optional[str] = typer.Option(None, "--number", help="Open edX course number (course-v1:…+NUMBER+…)."),
    run: Optional[str] = typer.Option(None, "--run", help="Open edX course run (course-v1:…+RUN), e.g. 2026_T1."),
    platform: Optional[PlatformName] = typer.Option(None, "--platform",
                                                    help="Open edX platform preset (sets the org)."),
    video_base_url: Optional[str] = typer.Option(None, "--video-base-url",
                                                 help="Where the platform's team uploads the MP4s: videos are "
                                                      "referenced there under their safe names."),
    embed_videos: bool = typer.Option(False, "--embed-videos",
                                      help="Copy the MP4s into the Open edX archive (large: Studio's import limit)."),
    start: Optional[str] = typer.Option(None, "--start", help="First day of the run (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--end", help="Last day of the run (YYYY-MM-DD)."),
    size_limit: Optional[float] = typer.Option(None, "--size-limit", min=0,
                                               help="The platform's import limit in MB (default: the profile's; "
                                                    "0: no limit)."),
    media: Optional[Path] = typer.Option(None, "--media",
                                         help="Folder of `moocforge transcode --out` outputs to use when present."),
    transcode: bool = typer.Option(False, "--transcode",
                                   help="coursera: first make the MP4s and captions with the coursera transcode "
                                        "preset, into --media (default: OUTPUT.media)."),
    force: bool = typer.Option(False, "--force", help="Package even when the check finds errors."),
    report: Optional[Path] = typer.Option(None, "--report", help="Also write the conversion report as JSON here."),
    profile: Optional[str] = PROFILE_OPTION,
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Package the course for a platform, after checking it, with a conversion report.

    Every course item is listed as converted, downgraded (changed: the reason says how) or
    skipped (the reason says why); files get safe ASCII names, listed with the course's names.
    Exit code: 0 written; 2 the course has errors (without --force), the profile forbids the
    platform, or an option is wrong.

    Examples:
      moocforge package course --target openedx --platform open.kaznu.kz --number DistEdu --run 2026_T1 -o course.tar.gz
      moocforge package course --target openedx --org ATU --number PY101 --run 2026_T1 --video-base-url https://video.atu.edu.kz/py101 -o py101.tar.gz
      moocforge package course --target coursera --media transcoded/ -o coursera-kit
      moocforge package course --target coursera --transcode -o coursera-kit
      moocforge package course --target moodle -o moodle-export --report package-report.json
    """
    from ..package.preflight import PreflightRefused, preflight

    dates = (_date(start, "--start"), _date(end, "--end"))
    platform_name = platform.value if platform else None
    if target is Target.openedx:  # a wrong key is said before the check runs
        from ..package.openedx import course_key_parts

        org, number, run = course_key_parts(org, number, run, platform_name)
    try:
        result = preflight(course, target.value, profile=profile, force=force)
    except PreflightRefused as refused:
        _show_refused(refused, lang)
        raise
    if transcode and target is Target.coursera:
        from ..package.coursera import transcode_for_coursera

        media = media or output.with_name(output.name + ".media")
        transcode_for_coursera(course, media)
    if media is not None and not media.is_dir():
        raise UsageProblem("package.cli.no_media", file=str(media), hint="package.cli.no_media_hint")
    language = resolve_language(lang, result.subject.model.language)
    if target is Target.openedx:
        from ..package.openedx import OpenEdxOptions, package_openedx

        options = OpenEdxOptions(org=org, number=number, run=run, platform=platform_name,
                                 video_base_url=video_base_url, embed_videos=embed_videos, start=dates[0],
                                 end=dates[1], media_dir=media)
        done = package_openedx(result, options, output, size_limit_mb=size_limit)
    elif target is Target.coursera:
        from ..package.coursera import package_coursera

        done = package_coursera(result, output, media_dir=media)
    else:
        from ..package.moodle import package_moodle

        done = package_moodle(result, output)
    # With the archive on standard output, the report goes to standard error.
    typer.echo(done.render_text(language), err=str(output) in ("-", "/dev/stdout"), nl=False)
    if report is not None:
        write_output(json.dumps(done.to_json(), ensure_ascii=False, indent=2), report)


def _show_refused(refused, lang: Optional[Language]) -> None:
    """The check's report on standard error, so the refusal that follows says what to fix."""
    from ..report import render_report

    language = resolve_language(lang, refused.result.subject.model.language)
    sys.stderr.write(render_report(refused.result, "terminal", language, to_file=True))


def register(parent) -> None:
    parent.command(name="package")(package)
