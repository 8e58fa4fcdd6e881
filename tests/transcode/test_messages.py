"""Every message of transcode and captions exists in Kazakh, Russian and English."""

from moocforge.i18n import catalogue, missing_translations


def test_transcode_and_caption_messages_are_translated():
    keys = [key for key in catalogue() if key.startswith(("transcode.", "captions."))]
    assert len(keys) > 100 and missing_translations(keys) == []


def test_every_message_key_the_code_names_exists():
    import re
    from pathlib import Path

    import moocforge

    root = Path(moocforge.__file__).parent
    sources = [*root.joinpath("transcode").rglob("*.py"), *root.joinpath("captions").rglob("*.py"),
               root / "cli" / "transcode.py", root / "cli" / "captions.py"]
    named = {key for path in sources for key in re.findall(r'"((?:transcode|captions)\.[a-z_.]+[a-z_])"',
                                                            path.read_text(encoding="utf-8"))}
    prefixes = ("transcode.status", "transcode.output_status", "transcode.summary.column", "captions.severity",
                "captions.hint",  # completed at run time (f-strings)
                "transcode.preset.error")  # textio.read_settings_file adds .no_file, .not_a_file, .unreadable
    assert sorted(k for k in named - set(catalogue()) if not k.startswith(prefixes) and not k.endswith(".")) == []
