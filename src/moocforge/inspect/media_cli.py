"""`moocforge media …` commands (probe, check, qc): thin, each calls one job.

Files given on the command line are inspected through the same cache and
parallel runner as ``moocforge check``; the cache lives in the user's cache
folder (``$XDG_CACHE_HOME/moocforge``; ``MOOCFORGE_CACHE_DIR`` overrides),
since loose files belong to no course.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..cli_common import Language, SimpleFormat, UsageProblem, resolve_language

app = typer.Typer(
    help="Inspect video and audio against the ATU §9 technical spec.\n\n"
         "Examples:\n\n"
         "  moocforge media probe lecture.mp4\n\n"
         "  moocforge media check --policy atu-source masters/\n\n"
         "  moocforge media qc lecture.mp4",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

# Extensions taken from a folder given on the command line (files named
# explicitly are taken whatever their name).
MEDIA_EXTENSIONS = frozenset({
    ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mxf", ".mts", ".m2ts", ".ts", ".mpg", ".mpeg", ".dv",
    ".wmv", ".3gp", ".wav", ".m4a", ".mp3", ".aac", ".flac", ".ogg", ".opus",
})


def _usage_problem(message: str) -> Exception:
    return UsageProblem(message)


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders walked for media files, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in MEDIA_EXTENSIONS
                           and ".moocforge-cache" not in p.parts)
            if not found:
                looked_for = ", ".join(sorted(MEDIA_EXTENSIONS))
                raise _usage_problem(f"{path}: no media files in this folder (looked for {looked_for})")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise _usage_problem(f"{path}: not a regular file")
        else:
            raise _usage_problem(f"{path}: no such file or folder")
    return files


def _inspector(no_cache: bool, jobs: Optional[int], profile=None):
    from .cache import ResultCache, default_user_cache_dir
    from .media import DEFAULT_SAMPLE_FRAMES, MediaInspector, sample_frames_setting
    from .qc import QcSettings

    return MediaInspector(
        cache=ResultCache(default_user_cache_dir(), read=not no_cache),
        jobs=jobs, progress=sys.stderr.isatty(),
        sample_frames=sample_frames_setting(profile) if profile is not None else DEFAULT_SAMPLE_FRAMES,
        qc_settings=QcSettings.from_profile(profile) if profile is not None else QcSettings(),
    )


def _note_cache_trouble(inspector) -> None:
    """Say once, on stderr, when results could not be cached (they were still computed)."""
    if inspector.cache.write_failed:
        Console(stderr=True).print(f"note: results not cached ({inspector.cache.write_failed})", highlight=False)


def _language(lang: Optional[Language]) -> str:
    return resolve_language(lang)


def _load_profile(profile: Optional[str]):
    from ..profiles import load_profile

    return load_profile(profile)


_JOBS = typer.Option(None, "--jobs", "-j", min=1, help="Files read in parallel (default: number of cores).")
_NO_CACHE = typer.Option(False, "--no-cache", help="Read every file again instead of using cached results.")
_FORMAT = typer.Option(SimpleFormat.terminal, "--format", "-f", help="Output format.")
_LANG = typer.Option(None, "--lang", "-l", help="Language of messages (kk, ru, en); default: the system locale.")


@app.command()
def probe(
    paths: list[Path] = typer.Argument(..., help="Media files, or folders to search for them."),
    format: SimpleFormat = _FORMAT,
    frames: bool = typer.Option(True, "--frames/--no-frames",
                                help="When the container does not say whether the video is intra-only, "
                                     "decode a few frames to find out."),
    no_cache: bool = _NO_CACHE,
    jobs: Optional[int] = _JOBS,
    lang: Optional[Language] = _LANG,
) -> None:
    """Show the MediaInfo facts of each file.

    Container, video codec and profile, GOP and intra-only, width×height, scan type,
    frame rate and mode (CFR/VFR), bit depth, chroma subsampling, overall and video
    bit rate, duration; sound codec, sampling rate, bit depth and channels.

    Examples:
      moocforge media probe lecture.mp4
      moocforge media probe module-01/ --format json > facts.json
    """
    from .media_report import print_probe, to_json

    files = _expand(paths)
    inspector = _inspector(no_cache, jobs)
    facts = inspector.facts_for(files, frames_for=set(files) if frames else set())
    _note_cache_trouble(inspector)
    for path, item in facts.items():
        item.path = str(path)
    if format == SimpleFormat.json:
        typer.echo(to_json("probe", [item.to_dict() for item in facts.values()]))
        return
    console, language = Console(), _language(lang)
    for item in facts.values():
        print_probe(console, item, language)


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="Media files, or folders to search for them."),
    policy: str = typer.Option(..., "--policy", "-p",
                               help="atu-source (camera masters), atu-upload (platform uploads), or a policy .yaml file."),
    format: SimpleFormat = _FORMAT,
    no_cache: bool = _NO_CACHE,
    jobs: Optional[int] = _JOBS,
    lang: Optional[Language] = _LANG,
) -> None:
    """Test files against a media policy (ATU §9.1–9.2), test by test.

    Exit code: 0 no error-level test failed; 1 an error-level test failed or a file is
    not readable media; 2 usage error (unknown policy, missing file).

    Examples:
      moocforge media check --policy atu-source masters/lecture-01.mov
      moocforge media check --policy atu-upload module-01/ --format json
      moocforge media check --policy studio-policy.yaml lecture.mp4
    """
    from .media_policy import FAIL, PolicyError, evaluate, load_policy
    from .media_report import outcome_dict, print_policy_check, to_json

    try:
        chosen = load_policy(policy)
    except PolicyError as exc:
        raise _usage_problem(str(exc)) from None
    files = _expand(paths)
    needs_frames = any(test.field == "video.intra_only" for test in chosen.tests)
    inspector = _inspector(no_cache, jobs)
    facts = inspector.facts_for(files, frames_for=set(files) if needs_frames else set())
    _note_cache_trouble(inspector)
    failing = False
    documents, console, language = [], Console(), _language(lang)
    for path, item in facts.items():
        item.path = str(path)
        outcomes = evaluate(chosen, item)
        failing |= not item.readable or any(o.result == FAIL and o.severity == "error" for o in outcomes)
        if format == SimpleFormat.json:
            documents.append({"file": str(path), "policy": chosen.name, "status": item.status,
                              "tests": [outcome_dict(o) for o in outcomes]})
        else:
            print_policy_check(console, item, chosen, outcomes, language)
    if format == SimpleFormat.json:
        typer.echo(to_json("policy-check", documents))
    raise typer.Exit(1 if failing else 0)


@dataclass
class _LooseFiles:
    """Stands in for a course when the media rules judge files from the command line."""

    root: Path
    model: object = None
    refs: list = field(default_factory=list)
    descriptor_name: str = ""

    def __post_init__(self) -> None:
        from ..course.model import Course

        self.model = Course()

    def line_of(self, path: tuple) -> None:
        return None


@app.command()
def qc(
    paths: list[Path] = typer.Argument(..., help="Media files, or folders to search for them."),
    format: SimpleFormat = _FORMAT,
    profile: Optional[str] = typer.Option(None, "--profile", "-p",
                                          help="Profile whose thresholds to apply (default atu-2025), or a .yaml file."),
    no_cache: bool = _NO_CACHE,
    jobs: Optional[int] = _JOBS,
    lang: Optional[Language] = _LANG,
) -> None:
    """Deep analysis: sound and picture measured in one decode pass per file.

    Loudness (EBU R128), loudness range, true peak, clipped samples, noise floor,
    silences, black and frozen stretches, interlacing and sharpness, with the times
    of each problem (e.g. "silence 04:12–04:31"). Thresholds come from the profile.

    Exit code: 0 analysed (warnings are listed); 1 a file could not be read or decoded,
    or an error-level finding; 2 usage error.

    Examples:
      moocforge media qc lecture.mp4
      moocforge media qc module-01/ --format json --jobs 2
    """
    from ..inspect import Evidence
    from ..rules.registry import RuleContext, Severity, run_rules
    from .media_report import finding_dict, print_qc, to_json

    chosen_profile = _load_profile(profile)
    files = _expand(paths)
    inspector = _inspector(no_cache, jobs, chosen_profile)
    facts = inspector.facts_for(files)
    analyses = inspector.analyses_for(facts)
    _note_cache_trouble(inspector)
    names = {path: str(path) for path in files}
    evidence = Evidence(media={names[p]: f for p, f in facts.items()},
                        qc={names[p]: a for p, a in analyses.items()}, deep=True)
    for name, item in evidence.media.items():
        item.path = name
    for name, item in evidence.qc.items():
        item.path = name
    ctx = RuleContext(course=_LooseFiles(Path.cwd()), evidence=evidence, profile=chosen_profile)
    findings = list(run_rules(ctx, select=["MD101", "MD11"]))
    language, console = _language(lang), Console()
    documents = []
    for name, item in evidence.media.items():
        mine = [f for f in findings if f.file == name]
        analysis = evidence.qc.get(name)
        if format == SimpleFormat.json:
            documents.append({"file": name, "status": item.status,
                              "analysis": analysis.to_dict() if analysis else None,
                              "sound": analysis.sound_figures() if analysis else None,
                              "image": analysis.image_figures() if analysis else None,
                              "findings": [finding_dict(f, language) for f in mine]})
        elif analysis is not None:
            print_qc(console, analysis, mine, language)
        else:
            for finding in mine:
                console.print(f"[bold]{name}[/bold]: {finding.rule_id} {finding.text(language)}", highlight=False)
    if format == SimpleFormat.json:
        typer.echo(to_json("qc", documents))
    failed = any(f.severity == Severity.ERROR for f in findings) or any(a.error for a in analyses.values())
    raise typer.Exit(1 if failed else 0)
