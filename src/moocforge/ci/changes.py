"""The course files git says changed since a reference, for ``check --changed-since REF``.

"Changed since REF" is what a pull request changes: every file that differs
between the point where the branch left REF (``git merge-base REF HEAD``) and
the working tree, committed or not, plus new files git does not ignore. So
``--changed-since origin/main`` on a branch does not count what others merged
into main meanwhile. git is called with argument lists (a reference or path
starting with ``-`` stays an argument) and ``-z`` output (any file name).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError


class ChangesError(UserError):
    """git is missing, the course is not in a git work tree, or the reference is unknown."""


def _git(folder: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise ChangesError("ci.changes.no_git", hint="ci.changes.no_git_hint")
    done = subprocess.run([git, "-C", str(folder), *args], capture_output=True, text=True, encoding="utf-8",
                          errors="surrogateescape", stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise _GitFailed(done.stderr.strip())
    return done.stdout


class _GitFailed(Exception):
    pass


@dataclass(frozen=True)
class ChangeScope:
    """The files a check reports file-level findings for."""

    ref: str
    files: frozenset[str]  # course-relative, '/'-separated
    left_out: int = 0  # findings in other files, not reported (the pipeline counts them)


def changed_files(course_root: str | Path, ref: str) -> ChangeScope:
    """The course files (course-relative, '/'-separated) changed since ``ref``."""
    root = Path(course_root).resolve()
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    except _GitFailed:
        raise ChangesError("ci.changes.not_a_repository", file=str(course_root),
                           hint="ci.changes.not_a_repository_hint") from None
    try:
        base = _git(top, "merge-base", "--end-of-options", ref, "HEAD").strip()
    except _GitFailed as exc:
        raise ChangesError("ci.changes.unknown_ref", ref=ref, problem=str(exc) or "?",
                           hint="ci.changes.unknown_ref_hint", hint_params={"ref": ref}) from None
    changed = _git(top, "diff", "--name-only", "-z", base, "--").split("\0")
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    files = set()
    for name in filter(None, changed + untracked):
        try:
            files.add((top / name).relative_to(root).as_posix())
        except ValueError:
            continue  # outside the course folder
    return ChangeScope(ref, frozenset(files))
