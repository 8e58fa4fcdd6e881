"""Open edX (open.kaznu.kz, moocs.kz): an OLX course archive Studio imports.

``package_openedx`` builds the archive's files (``builder``), refuses an
archive that would exceed the platform's import limit before writing a byte
(the files' sizes are known up front), streams it as a deterministic
``course.tar.gz`` and warns when it nears the limit.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import UserError
from ..archive import write_tar_gz
from ..output import open_output, output_size
from ..report import ConversionReport
from .builder import OpenEdxBuilder, OpenEdxOptions
from .presets import PLATFORMS, course_key_parts

__all__ = ["OpenEdxOptions", "PLATFORMS", "course_key_parts", "package_openedx"]

MB = 1_000_000
# tar adds a 512-byte header to each entry (more for long names) and pads it to 512 bytes.
_TAR_OVERHEAD_PER_ENTRY = 1536


class ArchiveTooLarge(UserError):
    """The archive would exceed the platform's import limit."""


def package_openedx(result, options: OpenEdxOptions, output: str | Path, *,
                    size_limit_mb: float | None = None) -> ConversionReport:
    """Write the course's OLX archive to ``output`` and return the conversion report."""
    report = ConversionReport("openedx", options.platform)
    tree = OpenEdxBuilder(result, options, report).build()
    profile = result.profile
    limit_mb = float(profile.get("packaging.openedx.archive_limit_mb", 100) if size_limit_mb is None
                     else size_limit_mb)
    estimate = tree.size() + _TAR_OVERHEAD_PER_ENTRY * (len(tree.names()) + len(tree.folders()))
    if limit_mb and estimate > limit_mb * MB:
        raise ArchiveTooLarge("package.openedx.too_large", size=round(estimate / MB, 1), limit=limit_mb,
                              hint="package.openedx.too_large_hint")
    with open_output(output) as stream:
        write_tar_gz(tree, stream, root="course")
    report.outputs.append(str(output))
    report.size = output_size(output)
    ratio = float(profile.get("packaging.openedx.archive_warn_ratio", 0.8))
    measured = report.size if report.size is not None else estimate
    if limit_mb and measured >= ratio * limit_mb * MB:
        report.warn("package.openedx.near_limit", size=round(measured / MB, 1), limit=limit_mb)
    return report
