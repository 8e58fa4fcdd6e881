"""Media evidence for the rules: MediaInfo facts and, with --deep, one-pass analysis.

``collect`` is what ``moocforge check`` calls. It finds every video file the
course names (upload files, camera masters, the promo), reads each once —
from the cache when the file has not changed — and returns two dicts keyed by
course-relative path: ``MediaFacts`` and, with ``options.deep``, ``QcAnalysis``.

``MediaInspector`` does the work for both ``check`` and the ``moocforge
media`` commands: cache look-ups first in the calling thread, then the files
that must really be read in parallel (``media_runner``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..tools import ToolMissing
from .cache import CACHE_FOLDER_NAME, ResultCache, file_identity
from .intra import BASIS_FRAMES, intra_from_frame_types, sample_frame_types
from .media_proc import ffmpeg_version
from .media_runner import MediaJob, default_workers, run_jobs
from .probe import FACTS_SCHEMA, CallCounter, MediaFacts, mediainfo_version, probe_media
from .qc import QC_SCHEMA, QcAnalysis, QcSettings, analyse_media

# Roles (course.loader.FileRef.role) whose files are media.
MEDIA_ROLES = ("video", "master", "promo")
# Roles analysed with --deep: what learners see and hear. A master is analysed
# only when its lesson video has no upload file (see deep_targets).
DEEP_ROLES = ("video", "promo")
DEFAULT_SAMPLE_FRAMES = 48


# How many ffmpeg passes were really run (tests prove the cache works by these).
ANALYSES = CallCounter()
FRAME_SAMPLES = CallCounter()


@dataclass
class MediaInspector:
    """Reads media facts and analyses through one cache, in parallel."""

    cache: ResultCache
    jobs: int | None = None
    progress: bool = False
    sample_frames: int = DEFAULT_SAMPLE_FRAMES
    qc_settings: QcSettings = field(default_factory=QcSettings)

    # ---------------------------------------------------------------- facts

    def _probe_key(self, identity: dict) -> str:
        return ResultCache.key("probe", identity, f"mediainfo {mediainfo_version()}; facts {FACTS_SCHEMA}")

    def _frames_key(self, identity: dict) -> str:
        return ResultCache.key("frames", identity, ffmpeg_version(), {"frames": self.sample_frames})

    def _cached_facts(self, path: Path, want_frames: bool) -> MediaFacts | None:
        """Facts from the cache, with the cached frame sample applied when one is wanted."""
        identity = file_identity(path)
        if identity is None:
            return None
        facts = _facts_or_none(self.cache.get("probe", self._probe_key(identity)))
        if facts is not None and want_frames and _needs_frame_sample(facts):
            _apply_frame_types(facts, self.cache.get("frames", self._frames_key(identity)))
        return facts

    def _read_facts(self, path: Path, want_frames: bool, cached: MediaFacts | None) -> MediaFacts:
        """Probe (unless cached) and, when the container leaves intra-only open, sample frames."""
        # The identity is taken before reading: a file changed meanwhile gets a
        # key that no later look-up of the changed file will match.
        identity = file_identity(path)
        facts = cached or probe_media(path)
        if cached is None and identity is not None:
            self.cache.put("probe", self._probe_key(identity), facts.to_dict())
        if want_frames and _needs_frame_sample(facts):
            FRAME_SAMPLES.increment()
            try:
                counts = sample_frame_types(path, self.sample_frames)
            except ToolMissing:
                counts = None
            if counts is not None and identity is not None:
                self.cache.put("frames", self._frames_key(identity), counts)
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
        jobs = [MediaJob(label=path.name, run=lambda _cb, p=path, c=cached: self._read_facts(p, p in frames_for, c))
                for path, cached in todo]
        results = run_jobs(jobs, workers=default_workers(self.jobs), progress=self.progress, title="MediaInfo")
        for (path, _), facts in zip(todo, results):
            found[path] = facts
        return {path: found[path] for path in unique}

    # ---------------------------------------------------------------- deep analysis

    def _qc_key(self, identity: dict) -> str:
        return ResultCache.key("qc", identity, f"{ffmpeg_version()}; qc {QC_SCHEMA}", self.qc_settings.as_dict())

    def _analyse(self, path: Path, facts: MediaFacts, on_progress) -> QcAnalysis:
        identity = file_identity(path)
        try:
            ANALYSES.increment()
            analysis = analyse_media(path, has_video=facts.video is not None, has_audio=facts.audio is not None,
                                     duration=facts.duration, settings=self.qc_settings, on_progress=on_progress)
        except ToolMissing as exc:
            return QcAnalysis(path=str(path), duration=facts.duration, error=str(exc))
        if identity is not None and analysis.error is None:
            self.cache.put("qc", self._qc_key(identity), analysis.to_dict())
        return analysis

    def analyses_for(self, targets: dict[Path, MediaFacts]) -> dict[Path, QcAnalysis]:
        """One decode pass per readable file (cached results reused)."""
        found: dict[Path, QcAnalysis] = {}
        todo: list[tuple[Path, MediaFacts]] = []
        for path, facts in targets.items():
            if not facts.readable:
                continue
            identity = file_identity(path)
            data = self.cache.get("qc", self._qc_key(identity)) if identity else None
            if isinstance(data, dict):
                try:
                    found[path] = QcAnalysis.from_dict(data)
                    continue
                except TypeError:  # an entry of an older shape: analyse again
                    pass
            todo.append((path, facts))
        jobs = [MediaJob(label=path.name, seconds=facts.duration,
                         run=lambda cb, p=path, f=facts: self._analyse(p, f, cb)) for path, facts in todo]
        results = run_jobs(jobs, workers=default_workers(self.jobs, heavy=True), progress=self.progress,
                           title="analysis")
        for (path, _), analysis in zip(todo, results):
            found[path] = analysis
        return found


def _facts_or_none(data) -> MediaFacts | None:
    if not isinstance(data, dict):
        return None
    try:
        return MediaFacts.from_dict(data)
    except TypeError:  # an entry of an older shape: read the file again
        return None


def _needs_frame_sample(facts: MediaFacts | None) -> bool:
    return bool(facts and facts.video is not None and facts.video.intra_only is None and facts.frame_types is None)


def _apply_frame_types(facts: MediaFacts, counts: dict[str, int] | None) -> None:
    if facts.video is None or counts is None:
        return
    facts.frame_types = counts
    verdict = intra_from_frame_types(counts)
    if verdict is not None:
        facts.video.intra_only, facts.video.intra_basis = verdict, BASIS_FRAMES


# ---------------------------------------------------------------- the course

def sample_frames_setting(profile) -> int:
    return int(profile.get("media.intra.sample_frames", DEFAULT_SAMPLE_FRAMES))


def course_inspector(course, profile, options) -> MediaInspector:
    """The inspector ``check`` uses: cache in the course (or options.cache_dir)."""
    folder = Path(options.cache_dir) if options.cache_dir else Path(course.root) / CACHE_FOLDER_NAME
    return MediaInspector(cache=ResultCache(folder, read=options.use_cache), jobs=options.jobs,
                          progress=options.progress, sample_frames=sample_frames_setting(profile),
                          qc_settings=QcSettings.from_profile(profile))


def media_refs(course) -> dict[str, set[str]]:
    """Course-relative path -> roles, for media files inside the course that exist."""
    roles: dict[str, set[str]] = {}
    for ref in course.refs_by_role(*MEDIA_ROLES):
        if ref.is_url:
            continue
        # Never read outside the course folder; a missing file is LK/DC's finding.
        if course.readable_file(ref.path) is not None:
            roles.setdefault(ref.path, set()).add(ref.role)
    return roles


def deep_targets(course, roles: dict[str, set[str]]) -> list[str]:
    """Files to decode with --deep: upload files and the promo; a master only
    when its lesson video has no upload file (learners would see the master)."""
    targets = [path for path, kinds in roles.items() if kinds & set(DEEP_ROLES)]
    for module in course.model.modules:
        for lesson in module.lessons:
            for video in lesson.videos:
                if video.master and not video.file:
                    path = video.master.replace("\\", "/")
                    if path in roles and path not in targets:
                        targets.append(path)
    return targets


def collect(course, profile, options) -> tuple[dict[str, MediaFacts], dict[str, QcAnalysis]]:
    """Facts for every media file of the course, and analyses with options.deep."""
    roles = media_refs(course)
    if not roles:
        return {}, {}
    inspector = course_inspector(course, profile, options)
    absolute = {rel: course.resolve(rel) for rel in roles}
    masters = {absolute[rel] for rel, kinds in roles.items() if "master" in kinds}
    by_path = inspector.facts_for(list(absolute.values()), frames_for=masters)
    media = {}
    for rel, path in absolute.items():
        facts = by_path[path]
        facts.path = rel
        media[rel] = facts
    qc: dict[str, QcAnalysis] = {}
    if options.deep:
        targets = deep_targets(course, roles)
        analyses = inspector.analyses_for({absolute[rel]: media[rel] for rel in targets})
        for rel in targets:
            if absolute[rel] in analyses:
                analysis = analyses[absolute[rel]]
                analysis.path = rel
                qc[rel] = analysis
    return media, qc
