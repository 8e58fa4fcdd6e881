"""Media evidence: MediaInfo facts, policy outcomes and, with --deep, one-pass analysis.

Three evidence kinds, each a thin collector over the ``media`` domain:

- ``media``: ``MediaFacts`` of every video file the subject names (upload
  files, camera masters, the promo; or the loose files of ``media check``);
- ``policy``: each file tested against the policy its role calls for (the
  profile's ``media.policies.*``, or ``--policy`` for loose files);
- ``qc``: ``QcAnalysis`` of what learners see and hear, with ``--deep``.

``MediaInspector`` does the reading for all of them and for ``media probe``:
cache look-ups first in the calling thread, then the files that must really
be read, as one batch on the shared runner (``moocforge.run``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import CACHE_FOLDER_NAME, ResultCache, default_user_cache_dir, file_identity
from ..media.ffmpeg import ffmpeg_version
from ..media.intra import BASIS_FRAMES, intra_from_frame_types, sample_frame_types
from ..media.policy import FieldVerdict, Outcome, Policy, PolicyError, evaluate, field_verdicts, load_policy
from ..media.probe import FACTS_SCHEMA, CallCounter, MediaFacts, mediainfo_version, probe_media
from ..media.qc import QC_SCHEMA, QcAnalysis, QcSettings, analyse_media
from ..run.batch import BatchRunner, Job, default_workers
from ..run.progress import shown
from ..tools import ToolMissing
from . import Gathering, InspectOptions, collector

# Roles (course.loader.FileRef.role) whose files are media; "media" is a loose file.
MEDIA_ROLES = ("video", "master", "promo", "media")
# Roles analysed with --deep: what learners see and hear. A master is analysed
# only when its lesson video has no upload file (see deep_targets).
DEEP_ROLES = ("video", "promo", "media")
# Which profile entry (media.policies.<key>) names the policy for each file role.
POLICY_FOR_ROLE = {"master": "master", "video": "upload", "promo": "promo", "media": "upload"}

# How many ffmpeg passes were really run (tests prove the cache works by these).
ANALYSES = CallCounter()
FRAME_SAMPLES = CallCounter()


@dataclass
class MediaInspector:
    """Reads media facts and analyses through one cache, in parallel."""

    cache: ResultCache
    sample_frames: int
    qc_settings: QcSettings | None = None
    jobs: int | None = None
    progress: bool = False
    batch_runner: BatchRunner | None = None  # default: a fresh one per batch

    @classmethod
    def for_profile(cls, cache: ResultCache, profile, **kwargs) -> "MediaInspector":
        return cls(cache=cache, sample_frames=int(profile.get("media.intra.sample_frames")),
                   qc_settings=QcSettings.from_profile(profile), **kwargs)

    def _batch(self, heavy: bool) -> BatchRunner:
        return self.batch_runner or BatchRunner(workers=default_workers(self.jobs, heavy=heavy))

    # ---------------------------------------------------------------- facts

    @staticmethod
    def _probe_version() -> str:
        return f"mediainfo {mediainfo_version()}; facts {FACTS_SCHEMA}"

    def _frames_settings(self) -> dict[str, Any]:
        return {"frames": self.sample_frames}

    def _cached_facts(self, path: Path, want_frames: bool) -> MediaFacts | None:
        """Facts from the cache, with the cached frame sample applied when one is wanted."""
        identity = file_identity(path)
        facts = self.cache.lookup("probe", identity, self._probe_version(), None, MediaFacts.from_dict)
        if facts is not None and want_frames and _needs_frame_sample(facts):
            _apply_frame_types(facts, self.cache.lookup("frames", identity, ffmpeg_version(), self._frames_settings()))
        return facts

    def _read_facts(self, path: Path, want_frames: bool, cached: MediaFacts | None, runner) -> MediaFacts:
        """Probe (unless cached) and, when the container leaves intra-only open, sample frames."""
        # The identity is taken before reading: a file changed meanwhile gets a
        # key that no later look-up of the changed file will match.
        identity = file_identity(path)
        facts = cached or probe_media(path)
        if cached is None:
            self.cache.store("probe", identity, self._probe_version(), None, facts.to_dict())
        if want_frames and _needs_frame_sample(facts):
            FRAME_SAMPLES.increment()
            try:
                counts = sample_frame_types(path, self.sample_frames, runner)
            except ToolMissing:
                counts = None
            if counts is not None:
                self.cache.store("frames", identity, ffmpeg_version(), self._frames_settings(), counts)
            _apply_frame_types(facts, counts)
        return facts

    def facts_for(self, paths: list[Path], *, frames_for: set[Path] = frozenset()) -> dict[Path, MediaFacts]:
        """MediaFacts of every path (duplicates read once).

        ``frames_for``: paths whose intra-only question must be settled, by a
        frame sample when the container does not say (camera masters).
        """
        unique = list(dict.fromkeys(paths))
        found: dict[Path, MediaFacts] = {}
        todo: list[tuple[Path, MediaFacts | None]] = []
        for path in unique:
            want_frames = path in frames_for
            cached = self._cached_facts(path, want_frames)
            if cached is not None and not (want_frames and _needs_frame_sample(cached)):
                found[path] = cached
            else:
                todo.append((path, cached))
        jobs = [Job(label=path.name, run=lambda ctx, p=path, c=cached: self._read_facts(p, p in frames_for, c,
                                                                                           ctx.runner))
                for path, cached in todo]
        batch = self._batch(heavy=False)
        with shown(batch, self.progress and bool(jobs), "MediaInfo"):
            outcomes = batch.run(jobs, "MediaInfo")
        for (path, _), outcome in zip(todo, outcomes):
            found[path] = outcome.result if outcome.status == "done" else _unreadable(path, outcome.reason)
        return {path: found[path] for path in unique}

    # ---------------------------------------------------------------- deep analysis

    def _qc_version(self) -> str:
        return f"{ffmpeg_version()}; qc {QC_SCHEMA}"

    def _analyse(self, path: Path, facts: MediaFacts, context) -> QcAnalysis:
        assert self.qc_settings is not None
        identity = file_identity(path)
        try:
            ANALYSES.increment()
            analysis = analyse_media(path, has_video=facts.video is not None, has_audio=facts.audio is not None,
                                     duration=facts.duration, settings=self.qc_settings,
                                     on_progress=context.progress, runner=context.runner)
        except ToolMissing as exc:
            return QcAnalysis(path=str(path), duration=facts.duration, error=str(exc))
        if analysis.error is None:
            self.cache.store("qc", identity, self._qc_version(), self.qc_settings.as_dict(), analysis.to_dict())
        return analysis

    def analyses_for(self, targets: dict[Path, MediaFacts]) -> dict[Path, QcAnalysis]:
        """One decode pass per readable file (cached results reused)."""
        assert self.qc_settings is not None, "deep analysis needs the profile's settings"
        found: dict[Path, QcAnalysis] = {}
        todo: list[tuple[Path, MediaFacts]] = []
        for path, facts in targets.items():
            if not facts.readable:
                continue
            cached = self.cache.lookup("qc", file_identity(path), self._qc_version(), self.qc_settings.as_dict(),
                                       QcAnalysis.from_dict)
            if cached is not None:
                found[path] = cached
            else:
                todo.append((path, facts))
        jobs = [Job(label=path.name, seconds=facts.duration, run=lambda ctx, p=path, f=facts: self._analyse(p, f, ctx))
                for path, facts in todo]
        batch = self._batch(heavy=True)
        with shown(batch, self.progress and bool(jobs), "analysis"):
            outcomes = batch.run(jobs, "analysis")
        for (path, facts), outcome in zip(todo, outcomes):
            found[path] = outcome.result if outcome.status == "done" else \
                QcAnalysis(path=str(path), duration=facts.duration, error=outcome.reason)
        return found


def _unreadable(path: Path, reason: str | None) -> MediaFacts:
    return MediaFacts(path=str(path), status="unreadable", error=reason)


def _needs_frame_sample(facts: MediaFacts | None) -> bool:
    return bool(facts and facts.video is not None and facts.video.intra_only is None and facts.frame_types is None)


def _apply_frame_types(facts: MediaFacts, counts: dict[str, int] | None) -> None:
    if facts.video is None or counts is None:
        return
    facts.frame_types = counts
    verdict = intra_from_frame_types(counts)
    if verdict is not None:
        facts.video.intra_only, facts.video.intra_basis = verdict, BASIS_FRAMES


# ---------------------------------------------------------------- the subject

def cache_folder(subject, options: InspectOptions) -> Path:
    """``--cache-dir``, else the course's own cache folder, else (loose files) the user cache."""
    if options.cache_dir:
        return Path(options.cache_dir)
    if getattr(subject, "is_course", False):
        return Path(subject.root) / CACHE_FOLDER_NAME
    return default_user_cache_dir()


def inspector_for(g: Gathering) -> MediaInspector:
    cache = ResultCache(cache_folder(g.subject, g.options), read=g.options.use_cache)
    return MediaInspector.for_profile(cache, g.profile, jobs=g.options.jobs, progress=g.options.progress)


def media_refs(subject) -> dict[str, set[str]]:
    """Subject-relative path -> roles, for media files that exist (inside the course)."""
    roles: dict[str, set[str]] = {}
    for ref in subject.refs_by_role(*MEDIA_ROLES):
        if ref.is_url:
            continue
        # Never read outside the course folder; a missing file is LK/DC's finding.
        if subject.readable_file(ref.path) is not None:
            roles.setdefault(ref.path, set()).add(ref.role)
    return roles


def deep_targets(subject, roles: dict[str, set[str]]) -> list[str]:
    """Files to decode with --deep: upload files and the promo; a master only
    when its lesson video has no upload file (learners would see the master)."""
    targets = [path for path, kinds in roles.items() if kinds & set(DEEP_ROLES)]
    for module in subject.model.modules:
        for lesson in module.lessons:
            for video in lesson.videos:
                if video.master and not video.file and video.master in roles and video.master not in targets:
                    targets.append(video.master)
    return targets


def _policy_name(g: Gathering, role: str) -> str:
    if role == "media" and g.options.policy:
        return g.options.policy
    return str(g.profile.get(f"media.policies.{POLICY_FOR_ROLE[role]}"))


def _wants_frames(g: Gathering, roles: set[str]) -> bool:
    """Settle intra-only by frames for camera masters, or when a loose file's policy tests it."""
    if "master" in roles:
        return True
    if "media" in roles and g.options.policy:
        try:
            return any(test.field == "video.intra_only" for test in load_policy(g.options.policy).tests)
        except PolicyError:
            return False
    return False


@collector("media", to_json=MediaFacts.to_dict)
def collect_media(g: Gathering) -> dict[str, MediaFacts]:
    roles = media_refs(g.subject)
    if not roles:
        return {}
    absolute = {rel: g.subject.resolve(rel) for rel in roles}
    frames = {absolute[rel] for rel, kinds in roles.items() if _wants_frames(g, kinds)}
    by_path = inspector_for(g).facts_for(list(absolute.values()), frames_for=frames)
    media: dict[str, MediaFacts] = {}
    for rel, path in absolute.items():
        facts = by_path[path]
        facts.path = rel
        media[rel] = facts
    return media


def _analysis_json(analysis: QcAnalysis) -> dict[str, Any]:
    """The analysis, and the figures derived from it that rules judge (``clipped_samples``: the worst channel)."""
    return {**analysis.to_dict(), "interlaced_ratio": analysis.interlaced_ratio,
            "clipped_samples": analysis.clipped_samples}


@collector("qc", requires=("media",), to_json=_analysis_json, wanted=lambda options: options.deep)
def collect_qc(g: Gathering) -> dict[str, QcAnalysis]:
    media = g.evidence.media
    roles = {rel: kinds for rel, kinds in media_refs(g.subject).items() if rel in media}
    targets = deep_targets(g.subject, roles)
    if not targets:
        return {}
    absolute = {rel: g.subject.resolve(rel) for rel in targets}
    analyses = inspector_for(g).analyses_for({absolute[rel]: media[rel] for rel in targets})
    qc: dict[str, QcAnalysis] = {}
    for rel in targets:
        analysis = analyses.get(absolute[rel])
        if analysis is not None:
            analysis.path = rel
            qc[rel] = analysis
    return qc


# ---------------------------------------------------------------- policies

@dataclass
class PolicyCheck:
    """One file tested against one policy (or the reason the policy could not be read)."""

    policy: str
    roles: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    loaded: Policy | None = None
    error: PolicyError | None = None

    @property
    def verdicts(self) -> list[FieldVerdict]:
        """One verdict per field the policy tests (what the findings and the table speak of)."""
        return field_verdicts(self.outcomes)


def _policy_json(checks: list[PolicyCheck]) -> list[dict[str, Any]]:
    """Every test as the policy lists it, and one verdict per field (``fields``), as the findings count them."""
    return [{"policy": check.policy, "roles": check.roles, "error": check.error.text("en") if check.error else None,
             "tests": [outcome_json(o) for o in check.outcomes],
             "fields": [verdict_json(v) for v in check.verdicts]} for check in checks]


def verdict_json(verdict: FieldVerdict) -> dict[str, Any]:
    return {"field": verdict.field, "result": verdict.result, "measured": verdict.measured,
            "severity": verdict.severity.value if verdict.severity else None,
            "decided_by": verdict.decisive.test.id, "tests": [o.test.id for o in verdict.outcomes]}


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    test = outcome.test
    return {"id": test.id, "field": test.field, "operator": test.operator, "value": test.value,
            "measured": outcome.measured, "result": outcome.result,
            "severity": outcome.severity.value if outcome.severity else None, "clause": test.clause}


@collector("policy", requires=("media",), to_json=_policy_json)
def collect_policy(g: Gathering) -> dict[str, list[PolicyCheck]]:
    """Every media file against each policy its roles call for (a policy once per file)."""
    checks: dict[str, list[PolicyCheck]] = {}
    loaded: dict[str, Policy | PolicyError] = {}
    for ref in g.subject.refs:
        if ref.role not in POLICY_FOR_ROLE or ref.path not in g.evidence.media:
            continue
        name = _policy_name(g, ref.role)
        mine = checks.setdefault(ref.path, [])
        existing = next((c for c in mine if c.policy == name), None)
        if existing is not None:
            if ref.role not in existing.roles:
                existing.roles.append(ref.role)
            continue
        if name not in loaded:
            try:
                loaded[name] = load_policy(name)
            except PolicyError as exc:
                loaded[name] = exc
        policy = loaded[name]
        if isinstance(policy, PolicyError):
            mine.append(PolicyCheck(name, [ref.role], error=policy))
        else:
            mine.append(PolicyCheck(policy.name, [ref.role], evaluate(policy, g.evidence.media[ref.path]), policy))
    return checks
