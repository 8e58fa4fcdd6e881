"""The MD rules beyond their cases, through `check` on real course folders.

Each rule's own failing and passing cases (broken files, policies by role,
durations, each deep-analysis fault) live in src/moocforge/rules/cases/ and
run in tests/rules/test_rule_cases.py. Here: what a single case does not pin
down — clauses and typed values per policy test, a studio's own policy, the
times of faults, the figures kept for the rubric, and that nothing is decoded
without --deep.
"""

from __future__ import annotations

import pytest

from moocforge.check import run_check
from moocforge.course.loose import ROLE_MEDIA, loose_files
from moocforge.inspect import InspectOptions
from moocforge.findings import Quantity, at_least
from moocforge.i18n import t


def _findings(result, rule_id: str, file: str | None = None):
    return [f for f in result.findings if f.rule_id == rule_id and (file is None or f.file == file)]


def _check(root, **options):
    return run_check(root, options=InspectOptions(**options), select=["MD"])


# ---------------------------------------------------------------- MD102 media-policy by role

def test_md102_applies_policies_by_role(tmp_path, media_course):
    root = media_course(tmp_path / "c", promo="p720", videos={
        (1, 1): [{"file": "khz44", "master": "long_gop"}]})
    result = _check(root)
    master = {f.message: f for f in _findings(result, "MD102", "module-01/lesson-01/masters/lecture-1.mp4")}
    assert {"not_intra", "bit_rate", "resolution"} <= set(master)
    assert all(f.params["policy"] == "atu-source" for f in master.values())
    assert master["bit_rate"].clause == "ATU §9.1.3" and master["not_intra"].clause == "ATU §9.1.2"
    assert "at least 50 Mbit/s" in master["bit_rate"].text("en") and "50 Мбит/с" in master["bit_rate"].text("ru")
    assert (master["resolution"].measured, master["resolution"].expected) == (
        Quantity((320, 180), "px"), at_least((1920, 1080), "px"))
    upload = {f.message: f for f in _findings(result, "MD102", "module-01/lesson-01/lecture-1.mp4")}
    assert upload["sampling_rate"].params["policy"] == "atu-upload" and "44.1" in upload["sampling_rate"].text("kk")
    assert "not_intra" not in upload  # uploads may be long-GOP
    promo = {f.message: f for f in _findings(result, "MD102", "promo/promo.mp4")}
    assert promo["resolution"].text("en").startswith("picture 1280×720; atu-upload requires at least 1920×1080")


def _studio_upload_policy(folder, field_name: str):
    """A studio policy file testing ``field_name`` ≥ 2, and a profile that makes it the upload policy."""
    policy = folder / "studio.yaml"
    policy.write_text(f"tests:\n  - {{id: stereo, field: {field_name}, operator: '>=', value: 2}}\n", encoding="utf-8")
    profile = folder / "p.yaml"
    profile.write_text(f"extends: atu-2025\nmedia:\n  policies:\n    upload: {{value: '{policy}', clause: studio}}\n",
                       encoding="utf-8")
    return policy, profile


def test_md102_profile_can_name_a_studio_policy(tmp_path, media_course):
    _, profile = _studio_upload_policy(tmp_path, "audio.channels")
    root = media_course(tmp_path / "c", promo=None, videos={(1, 1): [{"file": "mono"}]})
    found = run_check(root, profile=str(profile), select=["MD102"]).findings
    assert [(f.message, f.params["policy"]) for f in found] == [("channels", "studio")]


def test_md102_a_broken_policy_is_one_finding_where_the_mistake_is(tmp_path, media_course):
    policy, profile = _studio_upload_policy(tmp_path, "audio.chanels")
    root = media_course(tmp_path / "c", promo=None, videos={(1, 1): [{"file": "mono"}, {"file": "p25"}]})
    (found,) = run_check(root, profile=str(profile), select=["MD102"]).findings  # two files, one broken policy
    assert (found.message, found.file, found.line) == ("media.policy.error.unknown_field", str(policy), 2)
    assert found.text("kk").startswith("медиасаясаттың 1-тексерісі «audio.chanels»")


# ---------------------------------------------------------------- MD110–MD117 deep analysis

def test_md111_judges_the_worst_channel_not_the_average(media):
    """Left channel clipped, right clean: the left's count is the finding's, not half of it."""
    result = run_check(loose_files([media.get("qc_clip_left")], ROLE_MEDIA), options=InspectOptions(deep=True),
                       select=["MD111"])
    (analysis,) = result.evidence.qc.values()
    left, right = analysis.clipped_per_channel
    assert left > 30_000 and right == 0  # 1 s of a tone tripled and clipped: most of its 48 000 samples
    (finding,) = result.findings
    assert finding.params == {"count": left, "channel": 1, "channels": 2, "max": 10}
    assert finding.measured == Quantity(left, "samples")
    assert finding.text("ru").startswith(f"отсчётов, срезанных на полной шкале, в канале 1 из 2: {left};")


DEEP_FILES = {(1, 1): "qc_clean", (1, 2): "qc_faults", (2, 1): "qc_noisy", (2, 2): "qc_quiet",
              (3, 1): "qc_mute", (3, 2): "qc_uneven", (4, 1): "qc_interlaced", (4, 2): "qc_blurred"}


@pytest.fixture(scope="module")
def deep_result(tmp_path_factory, media_course):
    root = tmp_path_factory.mktemp("deep") / "course"
    media_course(root, promo=None, videos={key: [{"file": name}] for key, name in DEEP_FILES.items()})
    profile = root.parent / "short-clips.yaml"
    profile.write_text("extends: atu-2025\nmedia:\n  qc:\n"
                       "    silence: {min_seconds: {value: 1, clause: test clips}}\n"
                       "    black: {min_seconds: {value: 1, clause: test clips}}\n"
                       "    freeze: {min_seconds: {value: 1, clause: test clips}}\n", encoding="utf-8")
    return run_check(root, profile=str(profile), options=InspectOptions(deep=True), select=["MD11"])


def _file(name: str) -> str:
    (m, lesson), = [key for key, value in DEEP_FILES.items() if value == name]
    suffix = {"qc_noisy": ".wav", "qc_quiet": ".wav", "qc_mute": ".wav", "qc_uneven": ".m4a",
              "qc_interlaced": ".mpg"}.get(name, ".mp4")
    return f"module-{m:02d}/lesson-{lesson:02d}/lecture-1{suffix}"


def _messages(result, name: str) -> set[tuple[str, str]]:
    return {(f.rule_id, f.message) for f in result.findings if f.file == _file(name)}


def test_deep_clean_file_passes_every_rule(deep_result):
    assert _messages(deep_result, "qc_clean") == set()
    analysis = deep_result.evidence.qc[_file("qc_clean")]
    assert -24 <= analysis.integrated_lufs <= -13 and analysis.noise_floor_dbfs < -50


def test_deep_faults_are_found_with_their_times(deep_result):
    assert _messages(deep_result, "qc_faults") == {
        ("MD110", "too_loud"), ("MD110", "true_peak"), ("MD111", "clipped"),
        ("MD113", "silence"), ("MD114", "black"), ("MD115", "frozen")}
    located = {f.rule_id: f for f in deep_result.findings if f.file == _file("qc_faults") and f.location.has_position}
    assert (located["MD113"].location.start, located["MD113"].location.end) == (2.0, 4.0)
    assert (located["MD114"].location.start, located["MD114"].location.end) == (2.0, 4.0)
    assert (located["MD115"].location.start, located["MD115"].location.end) == (pytest.approx(4.0, abs=0.5), 6.0)  # the black stretch, frozen too, is not repeated
    assert located["MD113"].text("en") == "silence 00:02–00:04 (2 s)"


@pytest.mark.parametrize("name, expected", [
    ("qc_noisy", {("MD112", "noisy")}),
    ("qc_quiet", {("MD110", "too_quiet")}),
    ("qc_mute", {("MD110", "no_sound")}),  # and no silence finding on top
    ("qc_uneven", {("MD110", "range")}),
    ("qc_interlaced", {("MD116", "combing")}),
    ("qc_blurred", {("MD117", "soft")}),
])
def test_deep_each_fault_alone(deep_result, name, expected):
    assert _messages(deep_result, name) == expected


def test_deep_figures_are_kept_as_rubric_evidence(deep_result):
    analysis = deep_result.evidence.qc[_file("qc_faults")]
    sound, image = analysis.sound_figures(), analysis.image_figures()
    assert min(sound["clipped_per_channel"]) > 1000 and sound["silences"] == [[2.0, 4.0]]
    assert image["blacks"] == [[2.0, 4.0]] and image["blur"] is not None
    assert set(deep_result.evidence.qc) == {_file(name) for name in DEEP_FILES.values()}


def test_without_deep_no_file_is_decoded(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos={(1, 1): [{"file": "qc_faults"}]})
    result = _check(root)
    assert result.evidence.qc == {} and not [f for f in result.findings if f.rule_id.startswith("MD11")]


@pytest.mark.parametrize("key, params, lang, text", [
    ("MD102.channels", {"measured": "1", "expected": "2", "policy": "atu-upload"}, "ru", "1 звуковой канал;"),
    ("MD102.channels", {"measured": "1", "expected": "2", "policy": "atu-upload"}, "en", "1 sound channel;"),
    ("MD102.frame_rate", {"measured": "15", "expected": "23.976", "policy": "atu-upload"}, "ru", "15 кадров в секунду"),
    ("MD102.frame_rate", {"measured": "23.976", "expected": "24", "policy": "atu-upload"}, "ru",
     "23.976 кадра в секунду"),
    ("MD101.decode_errors", {"count": 3, "example": "x"}, "ru", "при анализе 3 ошибки декодирования"),
    ("MD101.decode_errors", {"count": 1, "example": "x"}, "en", "1 decoding error during"),
])
def test_counts_in_media_messages_follow_each_languages_plurals(key, params, lang, text):
    assert text in t(key, lang, **params)
