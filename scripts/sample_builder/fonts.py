"""Find a TrueType font that can write Kazakh, and register it with reportlab.

reportlab's own fonts (Vera, the 14 standard PDF fonts) have no Cyrillic, so a
PDF of Kazakh text needs an embedded TTF. DejaVu is the usual choice: it ships
with most Linux systems and inside matplotlib. The search checks glyph coverage
rather than trusting a file name, because a font named "Arial" may be an old
build without the Kazakh letters.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Letters of the Kazakh Cyrillic alphabet that plain Russian fonts lack, plus a Russian sample.
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі" + "ЖжЩщЁё"
STYLES = ("regular", "bold", "mono")
FAMILIES = {  # file names per style, most preferred first
    "DejaVu": {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf"},
    "Liberation": {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf",
                   "mono": "LiberationMono-Regular.ttf"},
    "Arial": {"regular": "arial.ttf", "bold": "arialbd.ttf", "mono": "cour.ttf"},
}


class FontNotFound(Exception):
    pass


@dataclass(frozen=True)
class Fonts:
    """reportlab names of the registered fonts."""

    regular: str = "SampleSans"
    bold: str = "SampleSans-Bold"
    mono: str = "SampleMono"


def _font_dirs() -> list[Path]:
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
            Path("/Library/Fonts"), Path.home() / "Library/Fonts", Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"]
    try:  # matplotlib bundles DejaVu; use it when installed
        import matplotlib

        dirs.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:
        pass
    return [d for d in dirs if d.is_dir()]


def _fc_match(family: str) -> Path | None:
    if not shutil.which("fc-match"):
        return None
    proc = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True)
    path = Path(proc.stdout.strip())
    return path if proc.returncode == 0 and path.suffix.lower() == ".ttf" and path.is_file() else None


def covers_kazakh(path: Path) -> bool:
    try:
        glyphs = TTFont("probe", str(path)).face.charToGlyph
    except Exception:  # not a usable TrueType file
        return False
    return all(ord(ch) in glyphs for ch in KAZAKH_LETTERS)


def _find(name: str) -> Path | None:
    for folder in _font_dirs():
        direct = folder / name
        if direct.is_file():
            return direct
        found = next(folder.rglob(name), None)
        if found:
            return found
    return None


def find_font_files(explicit: Path | None = None) -> dict[str, Path]:
    """Paths of a regular, bold and monospace font with Kazakh glyphs.

    A missing bold or mono face falls back to the regular one: the documents
    stay readable, only less styled.
    """
    if explicit is not None:
        if not covers_kazakh(explicit):
            raise FontNotFound(f"{explicit} lacks Kazakh letters ({KAZAKH_LETTERS})")
        return {style: explicit for style in STYLES}
    for files in FAMILIES.values():
        regular = _find(files["regular"])
        if regular and covers_kazakh(regular):
            chosen = {"regular": regular}
            for style in ("bold", "mono"):
                path = _find(files[style])
                chosen[style] = path if path and covers_kazakh(path) else regular
            return chosen
    matched = _fc_match("DejaVu Sans") or _fc_match("sans-serif")
    if matched and covers_kazakh(matched):
        return {style: matched for style in STYLES}
    raise FontNotFound("no TrueType font with Kazakh Cyrillic letters was found on this machine "
                       f"(searched {', '.join(str(d) for d in _font_dirs()) or 'no font folders'}); install "
                       "DejaVu (apt install fonts-dejavu-core, or pip install matplotlib) or pass --font PATH.ttf")


def register_fonts(explicit: Path | None = None) -> Fonts:
    """Register the chosen fonts with reportlab under fixed names; exit with a message if none fits."""
    try:
        files = find_font_files(explicit)
    except FontNotFound as exc:
        sys.exit(f"make_sample_course: {exc}")
    fonts = Fonts()
    for style, name in (("regular", fonts.regular), ("bold", fonts.bold), ("mono", fonts.mono)):
        pdfmetrics.registerFont(TTFont(name, str(files[style])))
    # <b> inside a paragraph switches to the bold face.
    addMapping(fonts.regular, 0, 0, fonts.regular)
    addMapping(fonts.regular, 1, 0, fonts.bold)
    addMapping(fonts.regular, 0, 1, fonts.regular)
    addMapping(fonts.regular, 1, 1, fonts.bold)
    return fonts
