"""Acceptance 2 and 7: the ATU §9 policies as data, evaluated on real files."""

from __future__ import annotations

import pytest

from moocforge.inspect.media import MediaInspector
from moocforge.profiles import load_profile
from moocforge.cache import ResultCache
from moocforge.errors import UserError
from moocforge.i18n import LANGUAGES, missing_translations, t
from moocforge.media.policy import (FAIL, PASS, SKIPPED, UNKNOWN, PolicyError, builtin_policies, evaluate,
                                    field_label_key, field_verdicts, known_fields, load_policy, problems)
from moocforge.media.probe import probe_media
from moocforge.rules.media import unknown_hint_key


def _problems(policy: str, path) -> dict[str, str]:
    """field -> severity of each reported problem."""
    return {o.test.field: o.severity for o in problems(evaluate(load_policy(policy), probe_media(path)))}


def test_builtin_policies_carry_clauses():
    assert {"atu-source", "atu-upload"} <= set(builtin_policies())
    for name in ("atu-source", "atu-upload"):
        policy = load_policy(name)
        assert policy.tests and all(t.clause and t.clause.startswith("ATU §9") for t in policy.tests)
    source = {t.field: t.value for t in load_policy("atu-source").tests if t.severity == "error"}
    assert source["video.bit_rate"] == 50_000_000 and source["video.intra_only"] is True
    assert source["audio.bit_depth"] == 20 and source["audio.sampling_rate"] == 48000
    upload = {t.field: t.value for t in load_policy("atu-upload").tests if t.severity == "error"}
    assert upload["video.bit_rate"] == 8_000_000 and "video.intra_only" not in upload


def test_good_files_pass_their_policies(media):
    assert _problems("atu-source", media.get("master_good")) == {}
    assert _problems("atu-upload", media.get("upload_good")) == {}


@pytest.mark.parametrize("name, policy, field, severity", [
    ("audio_only", "atu-upload", "video.present", "error"),
    ("video_only", "atu-upload", "audio.present", "error"),
    ("vfr", "atu-upload", "video.frame_rate_mode", "warning"),
    ("interlaced", "atu-upload", "video.scan_type", "error"),
    ("khz44", "atu-upload", "audio.sampling_rate", "error"),
    ("bit16", "atu-source", "audio.bit_depth", "error"),
    ("mono", "atu-upload", "audio.channels", "error"),
    ("p720", "atu-upload", "video.width", "error"),
    ("p720", "atu-upload", "video.height", "error"),
    ("p23976", "atu-upload", "video.frame_rate", "warning"),  # "24p" of cameras: just under the letter of §9.1.7
    ("p15", "atu-upload", "video.frame_rate", "error"),  # one problem per field, the worst
])
def test_each_bad_source_gets_its_own_finding(media, name, policy, field, severity):
    assert _problems(policy, media.get(name))[field] == severity


def test_25p_meets_the_frame_rate_rule(media):
    found = _problems("atu-upload", media.get("p25"))
    assert "video.frame_rate" not in found and "video.frame_rate_mode" not in found


def test_missing_track_skips_its_tests_instead_of_piling_up(media):
    outcomes = evaluate(load_policy("atu-upload"), probe_media(media.get("video_only")))
    by_field = {o.test.field: o.result for o in outcomes}
    assert by_field["audio.present"] == FAIL
    assert by_field["audio.sampling_rate"] == by_field["audio.channels"] == SKIPPED
    assert by_field["video.width"] in (PASS, FAIL)


def test_unreadable_file_is_not_judged_by_policy(media):
    outcomes = evaluate(load_policy("atu-upload"), probe_media(media.get("text")))
    assert {o.result for o in outcomes} == {SKIPPED}


def test_unstated_field_is_unknown_with_the_policy_severity(media):
    outcomes = evaluate(load_policy("atu-source"), probe_media(media.get("upload_good")))
    bit_depth = next(o for o in outcomes if o.test.field == "audio.bit_depth")
    assert (bit_depth.result, bit_depth.severity) == (UNKNOWN, "warning")


def test_long_gop_master_fails_intra_once_frames_are_read(media, tmp_path):
    path = media.get("long_gop")
    facts = MediaInspector.for_profile(ResultCache(None), load_profile()).facts_for([path], frames_for={path})[path]
    found = {o.test.field: o for o in problems(evaluate(load_policy("atu-source"), facts))}
    assert found["video.intra_only"].severity == "error" and found["video.intra_only"].measured is False


def test_a_studio_policy_file(tmp_path, media):
    path = tmp_path / "studio.yaml"
    path.write_text("name: studio\ntests:\n"
                    "  - {id: small, field: video.width, operator: '<=', value: 640, severity: warning}\n"
                    "  - {id: codecs, field: video.format, operator: in, value: [avc, hevc]}\n",
                    encoding="utf-8")
    policy = load_policy(str(path))
    assert policy.name == "studio" and policy.source == str(path)
    assert problems(evaluate(policy, probe_media(media.get("p25")))) == []
    found = problems(evaluate(policy, probe_media(media.get("mjpeg"))))
    assert [o.test.id for o in found] == ["codecs"]


@pytest.mark.parametrize("name, severity, decided_by", [
    ("p15", "error", "frame-rate"),  # fails both thresholds: one verdict, the worse
    ("p23976", "warning", "frame-rate-24"),  # meets 23.976, misses 24
    ("p25", None, "frame-rate"),
])
def test_two_tests_of_one_field_give_one_verdict(media, name, severity, decided_by):
    verdicts = field_verdicts(evaluate(load_policy("atu-upload"), probe_media(media.get(name))))
    assert len(verdicts) == len({v.field for v in verdicts}) == 11  # 12 tests, 11 fields
    (frame_rate,) = [v for v in verdicts if v.field == "video.frame_rate"]
    assert [o.test.id for o in frame_rate.outcomes] == ["frame-rate", "frame-rate-24"]
    assert (frame_rate.severity, frame_rate.decisive.test.id) == (severity, decided_by)
    assert frame_rate.result == (PASS if severity is None else FAIL)


def test_every_field_has_words_and_an_unknown_hint_in_every_language():
    keys = [key for name in known_fields() for key in (field_label_key(name), unknown_hint_key(name))]
    assert missing_translations(keys, LANGUAGES) == []
    assert t(field_label_key("video.frame_rate_mode"), "en") == "frame rate mode (constant or variable)"


def _bad_policy(tmp_path, text: str) -> PolicyError:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(str(path))
    return caught.value


@pytest.mark.parametrize("text, key, line", [
    ("tests: [unclosed", "media.policy.error.yaml", 2),
    ("name: x\n", "media.policy.error.shape", None),
    ("tests:\n  - {field: video.width, operator: '>=', value: 1}\n  - {field: video.bitrate, operator: '>=', value: 1}\n",
     "media.policy.error.unknown_field", 3),
    ("tests:\n  - {field: video.width, operator: '=>', value: 1}\n", "media.policy.error.unknown_operator", 2),
    ("tests:\n  - {field: video.width, operator: 'in', value: 1}\n", "media.policy.error.needs_list", 2),
    ("tests:\n  - {field: video.width, operator: '>=', value: wide}\n", "media.policy.error.needs_number", 2),
    ("tests:\n  - {field: video.width, operator: '>=', value: 1, severity: fatal}\n", "media.policy.error.severity", 2),
    ("tests:\n  - {field: video.width, value: 1}\n", "media.policy.error.test_lacks", 2),
    ("tests:\n  - video.width >= 1\n", "media.policy.error.test_not_mapping", 2),
])
def test_bad_policy_files_say_what_is_wrong_and_where(tmp_path, text, key, line):
    error = _bad_policy(tmp_path, text)
    assert isinstance(error, UserError) and error.key == key
    assert error.file == str(tmp_path / "bad.yaml") and error.line == line
    assert error.hint and all(t(error.hint, lang) != error.hint for lang in LANGUAGES)


def test_a_misspelt_field_gets_the_closest_one_in_the_readers_language(tmp_path):
    error = _bad_policy(tmp_path, "name: studio\ntests:\n  - {field: video.bitrate, operator: '>=', value: 1}\n")
    russian = error.text("ru")
    assert russian.startswith(f"{tmp_path / 'bad.yaml'}:3: проверка 1 медиаполитики")
    assert "«video.bitrate»" in russian and "«video.bit_rate»" in russian and "как исправить" in russian
    assert "did you mean «video.bit_rate»" in error.text("en")


def test_unknown_policy_names_the_built_in_ones(tmp_path):
    with pytest.raises(PolicyError, match="atu-source, atu-upload"):
        load_policy("atu-1999")
    with pytest.raises(PolicyError) as missing:
        load_policy(str(tmp_path / "nope.yaml"))
    assert missing.value.key == "media.policy.error.no_file" and "не существует" in missing.value.text("ru")
