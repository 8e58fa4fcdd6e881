"""Reading text that authors produce on Windows machines.

Course files arrive as UTF-8 (with or without BOM), UTF-16 (usually with a BOM,
sometimes without), or a legacy single-byte code page: cp1251 above all, but
also Windows-1252 from a Western European machine, KZ-1048, KOI8-R and DOS 866.
The encoding is detected, never assumed, and line ends are normalised so that
every parser downstream sees one form.

Telling the single-byte code pages apart
----------------------------------------
The same byte is ``ö`` in Windows-1252 and ``ц`` in Windows-1251, so a guess
that is wrong silently turns a German bank into nonsense (``Grцяe``). Each
code page's decoding is scored by how naturally its words read:

- a word with a letter outside ASCII is *informative* (ASCII reads the same
  in every candidate, so it tells nothing);
- it reads naturally when it keeps to one script — Cyrillic words only in
  letters Kazakh and Russian use, Latin words with at most half their letters
  accented (``Größe``, not ``Âîïðîñ``, which is Russian read as Windows-1252) —
  and does not switch from lower to upper case inside (``бНОПНЯ`` is cp1251
  read as KOI8-R);
- box drawing, arrows and control characters count against a decoding;
- natural text is mostly lower case: a decoding whose letters are mostly
  capitals (KOI8-R and cp1251 swap the cases) is discounted.

The best decoding wins; the guess is *certain* when it reads clearly well
and clearly better than every decoding that gives a different text. When it
is not, ``DecodedText.alternatives`` names the close contenders, and a
command that would write the text back (``quiz fix``) asks for
``--encoding`` instead of writing a corrupted file.

Why a scorer here and not a library: charset-normalizer 3.5 (measured on the
test banks of ``tests/test_textio.py``) calls a short KOI8-R Russian bank
Shift-JIS and a Windows-1252 German or French bank Windows-1250, and gives
no certainty we could act on. The candidates here are the few code pages
our authors' machines use, and the score only has to rank those.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import UserError

# Single-byte code pages course files are found in, most likely first: a tie goes to the first, and
# the Windows code pages (what Notepad and Word call "ANSI") come before the DOS and Unix ones.
LEGACY_CANDIDATES = ("cp1251", "cp1252", "kz1048", "koi8_r", "cp866")
WESTERN_CODE_PAGES = ("cp1252",)

# A guess is certain when its decoding reads at least this naturally …
_READABLE = 0.6
# … and this much better than any decoding that gives a different text.
_CLEAR_LEAD = 0.3

_KAZAKH_RUSSIAN = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
                            "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class DecodedText:
    """Text with the facts about how it was stored."""

    text: str
    encoding: str  # a Python codec name: "utf-8", "utf-16-le", "cp1251", "cp1252" …
    had_bom: bool
    line_ending: str  # "\n", "\r\n", "\r" or "mixed"
    # Other code pages whose decoding reads about as well: the guess may be wrong.
    alternatives: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        return not self.alternatives


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when every other byte is mostly NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Latin text in UTF-16 has NUL high bytes; Cyrillic has 0x04. Count both.
    if odd_nuls > half * 0.3 or sample[1::2].count(4) > half * 0.3:
        return "utf-16-le"
    if even_nuls > half * 0.3 or sample[0::2].count(4) > half * 0.3:
        return "utf-16-be"
    return None


def _detect_line_ending(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if not kinds:
        return "\n"
    return kinds[0] if len(kinds) == 1 else "mixed"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(text: str, encoding: str, had_bom: bool, alternatives: tuple[str, ...] = ()) -> DecodedText:
    return DecodedText(normalise_newlines(text), encoding, had_bom, _detect_line_ending(text), alternatives)


# ---------------------------------------------------------------- how naturally a decoding reads

def _script(char: str) -> str:
    if char < "\x80":
        return "ascii"
    if "\u00c0" <= char <= "\u024f":
        return "latin"
    if "\u0400" <= char <= "\u04ff":
        return "cyrillic"
    return "other"


def _switches_case(word: str) -> bool:
    """A lower-case letter followed by a capital inside a word: the mark of swapped cases."""
    return any(first.islower() and second.isupper() for first, second in zip(word, word[1:]))


def _reads_naturally(word: str) -> bool | None:
    """Whether a word looks like Kazakh, Russian or a Western language; None for an ASCII word."""
    scripts = {_script(char) for char in word}
    if scripts == {"ascii"}:
        return None
    if _switches_case(word):
        return False
    if scripts == {"cyrillic"}:
        return all(char in _KAZAKH_RUSSIAN for char in word)
    if scripts <= {"ascii", "latin"}:
        accented = sum(1 for char in word if char >= "\x80")
        return len(word) < 2 or accented * 2 <= len(word)
    return False  # scripts mixed inside a word, or a script our authors do not write


def _code_page_characters(predicate) -> str:
    """Every character above ASCII some candidate code page decodes to, for which ``predicate`` holds."""
    chars = {bytes([byte]).decode(name, errors="ignore") for name in LEGACY_CANDIDATES for byte in range(0x80, 0x100)}
    return "".join(sorted(char for char in chars if char and predicate(char)))


# Box drawing, arrows, maths operators, C1 controls: a right decoding of author text hardly ever has them.
_JUNK = re.compile("[\u2190-\u25ff\x80-\x9f]")
# Symbols that never stand inside a word (``‚®Үа®б`` is DOS 866 read as KZ-1048); ° and № do (25°C, №5).
_WORDLESS = _code_page_characters(lambda char: char not in "°№" and (
    unicodedata.category(char) in ("So", "Sm", "Sc", "Sk", "No", "Cf") or char in "†‡‰•¶§"))
_GLUED = re.compile(f"(?<=[^\\W\\d_])[{re.escape(_WORDLESS)}]|[{re.escape(_WORDLESS)}](?=[^\\W\\d_])"
                    "|(?<=[^\\W\\d_])[°№](?=[^\\W\\d_])")  # but not inside one (f№r is für in DOS 866)
# Enough text to judge a decoding by; a 10,000-question bank need not be read five times over.
_SAMPLE = 65536


def naturalness(text: str) -> float:
    """Share of informative words that read naturally, discounted for junk and capitals (1: nothing odd)."""
    text = text[:_SAMPLE]
    natural = unnatural = 0
    for word in _WORD.findall(text):
        verdict = _reads_naturally(word)
        if verdict is not None:
            natural, unnatural = natural + verdict, unnatural + (not verdict)
    junk = len(_JUNK.findall(text)) + len(_GLUED.findall(text))
    judged = natural + unnatural + junk
    if not judged:
        return 1.0
    return natural / judged * _lower_case_factor(text)


def _lower_case_factor(text: str) -> float:
    """1 for text that is mostly lower case, falling to 0 as capitals take over (judged on 10 letters or more)."""
    letters = [char for char in text if char >= "\x80" and char.isalpha()]
    if len(letters) < 10:  # "Öl" is one capital, not a text in swapped cases
        return 1.0
    lower = sum(1 for char in letters if char.islower())
    return min(1.0, 2 * lower / len(letters))


# ---------------------------------------------------------------- choosing a code page

def _distinct_decodings(data: bytes) -> dict[str, list[str]]:
    """Decoded text -> the candidate code pages that give it (bytes a code page lacks rule it out)."""
    found: dict[str, list[str]] = {}
    for name in LEGACY_CANDIDATES:
        try:
            found.setdefault(data.decode(name), []).append(name)
        except UnicodeDecodeError:
            continue
    return found


def _name_for(text: str, names: list[str]) -> str:
    """The code page to call a decoding: a Western one when the text has no Cyrillic letter at all."""
    if not any("\u0400" <= char <= "\u04ff" for char in text):
        western = [name for name in names if name in WESTERN_CODE_PAGES]
        if western:
            return western[0]
    return names[0]


def _guess_code_page(data: bytes) -> DecodedText:
    decodings = _distinct_decodings(data)  # never empty: KOI8-R and DOS 866 take every byte
    scored = sorted(((naturalness(text), LEGACY_CANDIDATES.index(names[0]), text, names)
                     for text, names in decodings.items()), key=lambda item: (-item[0], item[1]))
    best_score, _, best_text, best_names = scored[0]
    rivals = [(score, _name_for(text, names)) for score, _, text, names in scored[1:]]
    # Every rival is close when even the best decoding reads badly: the bytes may be in none of ours.
    lead = _CLEAR_LEAD if best_score >= _READABLE else float("inf")
    close = [name for score, name in rivals if score > best_score - lead]
    return _decoded(best_text, _name_for(best_text, best_names), False, tuple(close))


def decode_bytes(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode author-supplied bytes, detecting the encoding unless ``encoding`` names it.

    Order: BOM; BOM-less UTF-16; strict UTF-8; the single-byte code page whose
    decoding reads most naturally (see the module docstring). A named
    ``encoding`` is used as it is (a BOM of it is dropped): LookupError for a
    name Python does not know, UnicodeDecodeError for bytes it cannot take.
    """
    if encoding is not None:
        return _decode_as(data, encoding)
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decoded(data[len(bom):].decode(name, errors="replace"), name, True)

    utf16 = _looks_like_bomless_utf16(data)
    if utf16:
        try:
            return _decoded(data.decode(utf16), utf16, False)
        except UnicodeDecodeError:
            pass

    try:
        return _decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    return _guess_code_page(data)


def _decode_as(data: bytes, encoding: str) -> DecodedText:
    name = codecs.lookup(encoding).name  # LookupError for an unknown name
    bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(name)
    had_bom = bool(bom) and data.startswith(bom)
    return _decoded(data[len(bom):].decode(name) if had_bom else data.decode(name), name, had_bom)


def read_text(path: Path) -> DecodedText:
    """Read and decode a text file written by an author."""
    return decode_bytes(Path(path).read_bytes())


def read_settings_file(path: Path, error: type[UserError], keys: str, hint: str | None = None) -> str:
    """The text of a YAML file a user names in place of a built-in (a profile, a media policy, a preset, a rubric).

    Departments and studios write these on Windows too, so the encoding is
    detected as for every author file. A path that is missing, not a regular
    file, or unreadable raises ``error`` with ``{keys}.no_file``,
    ``{keys}.not_a_file`` or ``{keys}.unreadable``.
    """
    if not path.is_file():
        raise error(f"{keys}.not_a_file" if path.exists() else f"{keys}.no_file", file=str(path), hint=hint)
    try:
        return read_text(path).text
    except OSError as exc:
        raise error(f"{keys}.unreadable", file=str(path), error=exc.strerror or str(exc)) from None
