"""``moocforge media probe|check|qc``: media files against the ATU §9 technical spec.

``check`` and ``qc`` are the check pipeline on loose files with a rule
selection (MD102 against one policy; MD101 and MD110–MD117 with deep
analysis), so they offer every report format ``moocforge check`` offers and
the same exit codes. ``probe`` prints the facts themselves. Loose files are
cached in the user's cache folder (``$XDG_CACHE_HOME/moocforge``;
``MOOCFORGE_CACHE_DIR`` overrides), since they belong to no course.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from .common import (FAIL_ON_OPTION, FORMAT_OPTION, JOBS_OPTION, LANG_OPTION, NO_CACHE_OPTION, OUTPUT_OPTION,
                     FailOn, Language, OutputFormat, SimpleFormat, console, finish_check, resolve_language,
                     shows_progress)

# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 50

app = typer.Typer(
    help="Inspect video and audio against the ATU §9 technical spec.\n\n"
         "Examples:\n\n"
         "  moocforge media probe lecture.mp4\n\n"
         "  moocforge media check --policy atu-source masters/\n\n"
         "  moocforge media qc lecture.mp4",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

PATHS_ARGUMENT = typer.Argument(..., help="Media files, or folders to search for them.")


def _media_files(paths: list[Path]):
    from ..course.loose import ROLE_MEDIA, loose_files

    return loose_files(paths, ROLE_MEDIA)


@app.command()
def probe(
    paths: list[Path] = PATHS_ARGUMENT,
    format: SimpleFormat = typer.Option(SimpleFormat.terminal, "--format", "-f", help="Output format."),
    frames: bool = typer.Option(True, "--frames/--no-frames",
                                help="When the container does not say whether the video is intra-only, "
                                     "decode a few frames to find out."),
    no_cache: bool = NO_CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Show the MediaInfo facts of each file.

    Container, video codec and profile, GOP and intra-only, width×height, scan type,
    frame rate and mode (CFR/VFR), bit depth, chroma subsampling, overall and video
    bit rate, duration; sound codec, sampling rate, bit depth and channels.
    Exit code 0 (a file that cannot be read is shown as such); 2 usage error.

    Examples:
      moocforge media probe lecture.mp4
      moocforge media probe module-01/ --format json > facts.json
    """
    from ..cache import ResultCache, default_user_cache_dir
    from ..inspect.media import MediaInspector
    from ..profiles import load_profile
    from ..report.media_views import print_probe, probe_json

    subject = _media_files(paths)
    files = [subject.resolve(ref.path) for ref in subject.refs]
    inspector = MediaInspector.for_profile(ResultCache(default_user_cache_dir(), read=not no_cache), load_profile(),
                                           jobs=jobs, progress=sys.stderr.isatty())
    facts = inspector.facts_for(files, frames_for=set(files) if frames else set())
    language = resolve_language(lang)
    _note_cache_trouble(inspector.cache, language)
    for ref, path in zip(subject.refs, files):
        facts[path].path = ref.path
    if format == SimpleFormat.json:
        typer.echo(probe_json([facts[path] for path in files]))
        return
    out = console()  # wraps at a terminal's width, never mid-line into a pipe or a file
    for path in files:
        print_probe(out, facts[path], language)


def _note_cache_trouble(cache, lang: str) -> None:
    """Say once, on stderr, when results could not be cached (they were still computed)."""
    from ..i18n import t

    if cache.write_failed:
        console(stderr=True).print(t("media.note.not_cached", lang, error=cache.write_failed), highlight=False,
                                   markup=False)


@app.command()
def check(
    paths: list[Path] = PATHS_ARGUMENT,
    policy: str = typer.Option("atu-upload", "--policy", "-P",
                               help="Built-in policy: atu-source (camera masters), atu-upload (platform uploads), "
                                    "or a policy .yaml file."),
    format: OutputFormat = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    fail_on: FailOn = FAIL_ON_OPTION,
) -> None:
    """Test files against a media policy (ATU §9.1–9.2), test by test (rules MD101, MD102).

    Exit code: 0 no finding at or above --fail-on; 1 a test at that level failed or a file is
    not readable media; 2 usage error (unknown policy, missing file).

    Examples:
      moocforge media check --policy atu-source masters/lecture-01.mov
      moocforge media check --policy atu-upload module-01/ --format json
      moocforge media check --policy studio-policy.yaml lecture.mp4 --format sarif -o media.sarif
    """
    from ..check import run_check
    from ..inspect import InspectOptions
    from ..media.policy import load_policy

    load_policy(policy)  # a wrong name or file is a usage error (PolicyError, exit 2) before any file is read
    options = InspectOptions(use_cache=not no_cache, jobs=jobs, progress=shows_progress(format, output),
                             policy=policy)
    result = run_check(_media_files(paths), options=options, select=["MD101", "MD102"])
    finish_check(result, format, lang, output, fail_on)


@app.command()
def qc(
    paths: list[Path] = PATHS_ARGUMENT,
    format: OutputFormat = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    profile: Optional[str] = typer.Option(None, "--profile", "-p",
                                          help="Profile whose thresholds to apply (default atu-2025), or a .yaml file."),
    no_cache: bool = NO_CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    fail_on: FailOn = FAIL_ON_OPTION,
) -> None:
    """Deep analysis: sound and picture measured in one decode pass per file (rules MD101, MD110–MD117).

    Loudness (EBU R128), loudness range, true peak, clipped samples, noise floor,
    silences, black and frozen stretches, interlacing and sharpness, with the times
    of each problem (e.g. "silence 04:12–04:31"). Thresholds come from the profile.

    Exit code: 0 no finding at or above --fail-on (warnings are listed); 1 a file is not
    readable media, or a finding at that level; 2 usage error.

    Examples:
      moocforge media qc lecture.mp4
      moocforge media qc module-01/ --format json --jobs 2
    """
    from ..check import run_check
    from ..inspect import InspectOptions

    options = InspectOptions(deep=True, use_cache=not no_cache, jobs=jobs, progress=shows_progress(format, output))
    result = run_check(_media_files(paths), profile=profile, options=options, select=["MD101", "MD11"])
    finish_check(result, format, lang, output, fail_on)


def register(parent) -> None:
    parent.add_typer(app, name="media")
