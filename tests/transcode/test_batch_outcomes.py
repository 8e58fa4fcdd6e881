"""The batch runner keeps what a failed or skipped job reports (a transcode's partial work and its reasons)."""

from __future__ import annotations

import pytest

from moocforge.run.batch import FAILED, SKIPPED, BatchRunner, Job, JobFailed, JobSkipped
from moocforge.run.process import Interrupted


def test_a_failed_or_skipped_job_keeps_its_result():
    def failed(_ctx):
        raise JobFailed("the 360p rendition failed", {"written": ["a.mp4"]})

    def skipped(_ctx):
        raise JobSkipped("up to date", {"up_to_date": ["b.mp4"]})

    outcomes = BatchRunner(workers=2).run([Job("a", failed), Job("b", skipped)])
    assert [(o.status, o.result, o.reason) for o in outcomes] == [
        (FAILED, {"written": ["a.mp4"]}, "the 360p rendition failed"),
        (SKIPPED, {"up_to_date": ["b.mp4"]}, "up to date")]


def test_an_interrupted_job_stops_the_batch_in_the_calling_thread():
    def stopped(_ctx):
        raise Interrupted()

    with pytest.raises(Interrupted):
        BatchRunner(workers=2).run([Job("a", stopped), Job("b", lambda ctx: 1)])
