"""``moocforge transcode``: camera masters into the files each platform takes.

A thin layer over ``transcode.job``: parse the options, plan and run the
batch (or one job line, or write the plan), print the plan or the summary.
Exit codes: 0 every video done or up to date, 1 a video failed, 2 a usage
error, 130/143 stopped by Ctrl-C/SIGTERM.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .common import LANG_OPTION, Language, UsageProblem, console, resolve_language, write_output

# Where `moocforge --help` lists this command (cli/entry.py registers every module).
ORDER = 80


def _say(key: str, lang: str, **params) -> None:
    from ..i18n import t

    console(stderr=True).print(t(key, lang, **params), highlight=False, markup=False)


def _print_plan(report: dict, lang: str) -> None:
    from ..i18n import t

    out = console()
    out.print(t("transcode.plan.heading", lang, videos=len(report["jobs"]), preset=report["preset"]["name"],
                out=report["out_dir"]), highlight=False, markup=False)
    for entry in report["jobs"]:
        out.print("", entry["label"], sep="", highlight=False, markup=False)
        plan = entry.get("plan") or {}
        for path in plan.get("to_make", []):
            out.print("  → ", path, sep="", highlight=False, markup=False)
        for path in plan.get("up_to_date", []):
            out.print("  = ", path, "  (", t("transcode.plan.up_to_date", lang), ")", sep="", highlight=False,
                      markup=False)
        for command in plan.get("commands", []):
            out.print("  $ ", command, sep="", highlight=False, markup=False, soft_wrap=True)
        if entry.get("problems") or (entry["status"] == "failed"):
            out.print("  ! ", entry.get("reason") or "", sep="", highlight=False, markup=False)


def _run_one_line(line: str) -> None:
    from ..transcode.execute import run_job_line

    answer = run_job_line(line)
    typer.echo(json.dumps(answer, ensure_ascii=False, default=str))
    raise typer.Exit(1 if answer["status"] == "failed" else 0)


def transcode(
    sources: Optional[list[Path]] = typer.Argument(None, help="Media files, folders of them, or one course folder "
                                                              "(its descriptor names the videos)."),
    preset: str = typer.Option("atu-upload", "--preset", "-p",
                               help="atu-upload, openedx, coursera, youtube, proxy, or a preset .yaml file."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (the layout: docs/transcode.md)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print each output and the exact ffmpeg commands; "
                                                          "run nothing, write nothing."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Videos transcoded at once (default 1); ffmpeg's threads are shared "
                                            "so that jobs × threads ≈ the cores."),
    loudness: Optional[float] = typer.Option(None, "--loudness", max=-5.0, min=-70.0,
                                             help="Normalise to this integrated loudness, LUFS (e.g. -16): "
                                                  "EBU R128, measured first, then applied."),
    true_peak: float = typer.Option(-1.5, "--true-peak", max=0.0, min=-9.0,
                                    help="True-peak limit with --loudness, dBTP."),
    report: Optional[Path] = typer.Option(None, "--report", help="Also write the JSON report here "
                                                                 "(it is always written to OUT/transcode-report.json)."),
    emit_plan: Optional[Path] = typer.Option(None, "--emit-plan",
                                             help="Write one self-contained job per line (JSON Lines) for a batch "
                                                  "system, and run nothing."),
    run_job: Optional[str] = typer.Option(None, "--run-job", help="Run one job line of --emit-plan (the JSON text)."),
    cluster: Optional[str] = typer.Option(None, "--cluster", help="Run the jobs on a Dask cluster: "
                                                                  "dask://HOST:PORT (pip install 'moocforge\\[dask]')."),
    force: bool = typer.Option(False, "--force", help="Make every output again, even those up to date."),
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Transcode camera masters into verified upload files for a platform.

    Each output is written under a temporary name, probed and checked against the preset
    (and the preset's media policy, e.g. ATU §9.1 for atu-upload), and only then renamed.
    A second run skips outputs that are up to date, so an interrupted batch resumes.
    Masters are only read. The report: OUT/transcode-report.json.

    Exit code: 0 every video done or up to date; 1 a video failed (the others still ran);
    2 usage error; 130/143 stopped by Ctrl-C/SIGTERM (no partial file left under a final name).

    Examples:
      moocforge transcode sample_course --preset openedx --out upload/
      moocforge transcode masters/ --preset atu-upload --out upload/ --loudness -16 -j 2
      moocforge transcode sample_course --preset coursera --out upload/ --dry-run
      moocforge transcode course/ --preset openedx --out /shared/upload --emit-plan plan.jsonl
      moocforge transcode --run-job "$(sed -n 3p plan.jsonl)"
      moocforge transcode course/ --preset openedx --out /shared/upload --cluster dask://10.0.0.5:8786
    """
    from ..transcode.job import TranscodeRequest, plan_batch, transcode as run_transcode
    from ..transcode.plan import Loudness
    from ..transcode.report import report_bytes, summary_line, summary_table

    language = resolve_language(lang)
    if run_job is not None:
        if sources or emit_plan or cluster or dry_run:
            raise UsageProblem("transcode.usage.run_job_alone", hint="transcode.usage.run_job_hint")
        _run_one_line(run_job)
    if not sources:
        raise UsageProblem("transcode.usage.no_sources", hint="transcode.usage.examples_hint")
    if out is None:
        raise UsageProblem("transcode.usage.no_out", hint="transcode.usage.examples_hint")
    request = TranscodeRequest(paths=list(sources), preset=preset, out_dir=out, jobs=jobs, force=force,
                               loudness=Loudness(loudness, true_peak) if loudness is not None else None,
                               dry_run=dry_run or emit_plan is not None, cluster=cluster,
                               emit_plan=emit_plan is not None,
                               progress=sys.stderr.isatty() and not dry_run)
    if emit_plan is not None:
        planned = plan_batch(request)
        write_output("".join(job.to_line() + "\n" for job in planned.jobs), emit_plan)
        _say("transcode.plan.emitted", language, count=len(planned.jobs), file=str(emit_plan))
        raise typer.Exit(0)
    result = run_transcode(request)
    if report is not None:
        write_output(report_bytes(result).decode("utf-8"), report)
    if dry_run:
        _print_plan(result, language)
        raise typer.Exit(0)
    console().print(summary_table(result, language))
    console().print(summary_line(result, language), highlight=False, markup=False)
    raise typer.Exit(1 if result["summary"]["failed"] else 0)


def register(parent) -> None:
    parent.command(name="transcode")(transcode)
