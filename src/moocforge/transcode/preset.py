"""Transcoding presets as data: what each platform takes, read from YAML.

A preset says what the outputs of one video are: the main file (H.264 size,
rate control, GOP, AAC settings), its renditions, which caption formats to
write, whether to take a poster frame, and which media policy the main file
must pass (``atu-upload``). The built-in presets live in
``transcode/presets/``; a studio passes its own file anywhere a preset name is
accepted (``--preset my-preset.yaml``). docs/transcode.md describes every setting.

Every mistake in a preset file is a ``PresetError`` naming the file, the line
and the setting ("video.bitrate"), with the closest known name for a misspelt
one: a wrong preset must stop the batch before anything is encoded.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .. import yamlio
from ..errors import UserError
from ..fileio import names_a_file
from ..model_errors import EXPECTED_KIND, RELATION, field_names, format_path, limit_of
from ..textio import read_settings_file

# x264's speed presets, fastest first.
X264_SPEEDS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")
CAPTION_FORMATS = ("srt", "vtt")
# "10M", "4500k", "800000": what ffmpeg's -b:v accepts.
_RATE = re.compile(r"^\d+(\.\d+)?[kKM]?$")


class PresetError(UserError):
    """A preset that cannot be found or read: a catalogue key (``transcode.preset.error.*``), where, how to fix."""


class _Strict(BaseModel):
    # A misspelt setting is refused, never silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


def _rate(value: Any) -> Any:
    if value is None:
        return None
    text = str(value).strip()
    if not _RATE.match(text):
        raise ValueError("rate")
    return text


def rate_in_bits(text: str) -> int:
    """"10M" → 10_000_000 bit/s (ffmpeg's decimal prefixes)."""
    factor = {"k": 1_000, "K": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("kKM")) * factor)


class VideoSettings(_Strict):
    width: int = Field(ge=16, le=7680)
    height: int = Field(ge=16, le=4320)
    # pad: exactly width×height, the picture letterboxed; inside: at most width×height, never enlarged.
    fit: Literal["pad", "inside"] = "pad"
    rate_control: Literal["cbr", "vbr", "crf"] = "vbr"
    bitrate: str | None = None
    maxrate: str | None = None
    buffer: str | None = None
    crf: int | None = Field(default=None, ge=0, le=51)
    speed: Literal[X264_SPEEDS] = "medium"  # type: ignore[valid-type]
    profile: Literal["baseline", "main", "high"] = "high"
    gop_seconds: float = Field(default=2.0, gt=0, le=20)
    frame_rate: float | None = Field(default=None, gt=0, le=120)  # None keeps the source's rate

    _rates = field_validator("bitrate", "maxrate", "buffer", mode="before")(_rate)


class AudioSettings(_Strict):
    bitrate: str = "192k"
    sample_rate: Literal[44100, 48000] = 48000
    channels: Literal[1, 2] = 2

    _rates = field_validator("bitrate", mode="before")(_rate)


class Rendition(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    rate_control: Literal["cbr", "vbr", "crf"] | None = None  # None: the main video's
    width: int = Field(ge=16, le=7680)
    height: int = Field(ge=16, le=4320)
    bitrate: str | None = None
    maxrate: str | None = None
    buffer: str | None = None
    crf: int | None = Field(default=None, ge=0, le=51)
    audio_bitrate: str | None = None

    _rates = field_validator("bitrate", "maxrate", "buffer", "audio_bitrate", mode="before")(_rate)


class PosterSettings(_Strict):
    width: int = Field(default=1280, ge=16, le=7680)
    at: float = Field(default=0.1, ge=0, le=1)  # where in the video, as a share of its duration


class Preset(_Strict):
    name: str
    title: str = ""
    description: str = ""
    policy: str | None = None  # media policy the main output must pass (a name or a policy file)
    safe_names: bool = False  # output file names of letters, digits and underscores only (Open edX)
    video: VideoSettings
    audio: AudioSettings = AudioSettings()
    renditions: tuple[Rendition, ...] = ()
    captions: tuple[Literal["srt", "vtt"], ...] = ()
    poster: PosterSettings | None = None
    source: str = Field(default="built-in", exclude=True)  # where it was read from, for messages

    def to_data(self) -> dict[str, Any]:
        """Plain data that ``Preset.from_data`` reads back (a job line carries its whole preset)."""
        return self.model_dump(mode="json")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Preset":
        return cls.model_validate(data)


# ---------------------------------------------------------------- reading

def _builtin_folder():
    return resources.files("moocforge") / "transcode" / "presets"


def builtin_presets() -> list[str]:
    return sorted(entry.name[:-5] for entry in _builtin_folder().iterdir() if entry.name.endswith(".yaml"))


def _lines(text: str) -> dict[tuple, int]:
    """The line of every key and item (the text already parsed, so composing it succeeds)."""
    found: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        found.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found[path + (key.value,)] = key.start_mark.line + 1
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))

    root = yaml.compose(text, Loader=yamlio.SafeLoader)
    if root is not None:
        walk(root, ())
    return found


def _line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


# Where a preset's message differs from the shared kind: a bound names its relation itself ("must be ≥ 1"),
# so both directions share one; "unknown" alone is a preset name no built-in has.
_PRESET_KIND = {"too_small": "range", "too_large": "range", "unknown": "unknown_setting"}


def _error_for(error: dict, where: str, lines: dict[tuple, int]) -> PresetError:
    path = tuple(part for part in error["loc"] if not (isinstance(part, str) and "[" in part))
    kind, value = error["type"], error.get("input")
    field = format_path(path)
    params: dict[str, Any] = {"value": str(value)[:60]}
    hint, hint_params = "transcode.preset.hint.docs", {}
    if kind == "extra_forbidden":
        known = [name for name in field_names(Preset, path[:-1]) if name != "source"]
        closest = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        if closest:
            hint, hint_params = "transcode.preset.hint.closest", {"closest": closest[0]}
    elif kind == "literal_error":
        # pydantic says "'pad' or 'inside'" or "44100 or 48000": keep the values alone.
        expected = str(error.get("ctx", {}).get("expected", ""))
        params["allowed"] = ", ".join(a or b for a, b in re.findall(r"'([^']*)'|(\d+)", expected))
    elif kind in RELATION:
        params["limit"], params["relation"] = limit_of(error), RELATION[kind]
    elif kind == "value_error" and str(error.get("msg", "")).endswith("rate"):
        return PresetError("transcode.preset.error.rate", file=where, line=_line_of(lines, path), field=field,
                           value=str(value), hint="transcode.preset.hint.rate")
    expected_kind = EXPECTED_KIND.get(kind, "invalid")
    key = f"transcode.preset.error.{_PRESET_KIND.get(expected_kind, expected_kind)}"
    if key == "transcode.preset.error.invalid":
        params["detail"] = error.get("msg", "")
    return PresetError(key, file=where, line=_line_of(lines, path), field=field, hint=hint,
                       hint_params=hint_params, **params)


def _check_consistency(preset: Preset, where: str, lines: dict[tuple, int]) -> None:
    """Settings that are each valid but do not go together."""
    outputs = [(("video",), preset.video)] + [(("renditions", i), r) for i, r in enumerate(preset.renditions)]
    for path, settings in outputs:
        mode = settings.rate_control or preset.video.rate_control
        if mode in ("cbr", "vbr") and settings.bitrate is None:
            raise PresetError("transcode.preset.error.needs_bitrate", file=where, line=_line_of(lines, path),
                              field=format_path(path + ("bitrate",)), mode=mode, hint="transcode.preset.hint.docs")
        if settings.width % 2 or settings.height % 2:
            # 4:2:0 colour halves both sides: H.264 cannot store an odd width or height.
            raise PresetError("transcode.preset.error.odd_size", file=where, line=_line_of(lines, path + ("width",)),
                              field=format_path(path + ("width",)), width=settings.width, height=settings.height,
                              hint="transcode.preset.hint.even")
    if preset.video.rate_control == "crf" and preset.video.crf is None:
        raise PresetError("transcode.preset.error.needs_crf", file=where, line=_line_of(lines, ("video",)),
                          field="video.crf", hint="transcode.preset.hint.docs")
    names = [r.name for r in preset.renditions]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise PresetError("transcode.preset.error.duplicate_rendition", file=where,
                              line=_line_of(lines, ("renditions", i)), field=f"renditions[{i}].name", name=name,
                              hint="transcode.preset.hint.docs")
    if len(set(preset.captions)) != len(preset.captions):
        raise PresetError("transcode.preset.error.duplicate_caption", file=where, line=_line_of(lines, ("captions",)),
                          field="captions", hint="transcode.preset.hint.docs")


def parse_preset(text: str, where: str, default_name: str) -> Preset:
    """A preset from YAML text; PresetError names the file, line and setting of any mistake."""
    data = yamlio.load_settings(text, where, PresetError, "transcode.preset.error.yaml", "transcode.preset.hint.yaml")
    if not isinstance(data, dict):
        raise PresetError("transcode.preset.error.shape", file=where, hint="transcode.preset.hint.docs")
    lines = _lines(text)
    data = {"name": default_name, **data, "source": where}
    try:
        preset = Preset.model_validate(data)
    except ValidationError as exc:
        first = sorted(exc.errors(), key=lambda e: _line_of(lines, tuple(e["loc"])) or 0)[0]
        raise _error_for(first, where, lines) from None
    _check_consistency(preset, where, lines)
    return preset


@lru_cache(maxsize=16)
def _load_builtin(name: str) -> Preset:
    entry = _builtin_folder() / f"{name}.yaml"
    if not entry.is_file():
        closest = difflib.get_close_matches(name, builtin_presets(), n=1, cutoff=0.5)
        raise PresetError("transcode.preset.error.unknown", name=name, known=", ".join(builtin_presets()),
                          hint="transcode.preset.hint.closest" if closest else "transcode.preset.hint.name_or_file",
                          hint_params={"closest": closest[0]} if closest else {})
    return parse_preset(entry.read_text(encoding="utf-8"), f"transcode/presets/{name}.yaml", name)


def load_preset(name_or_path: str | Path) -> Preset:
    """A built-in preset by name (atu-upload, openedx, coursera, youtube, proxy) or a preset file by path."""
    spec = str(name_or_path)
    if not names_a_file(spec):
        return _load_builtin(spec)
    path = Path(spec)
    text = read_settings_file(path, PresetError, "transcode.preset.error", hint="transcode.preset.hint.name_or_file")
    preset = parse_preset(text, str(path), path.stem)
    if preset.policy and names_a_file(preset.policy) and not Path(preset.policy).is_absolute():
        # A policy file named in a preset file sits beside it, wherever the command runs.
        preset = preset.model_copy(update={"policy": str((path.parent / preset.policy).resolve())})
    return preset
