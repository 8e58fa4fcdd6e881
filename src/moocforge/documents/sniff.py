"""What a file really is, from its first bytes, and the statuses of a document that cannot be read.

Authors rename files: a phone photo saved as ``lecture.pdf``, a Word file
given a ``.pptx`` name. A reader that only tries to open such a file says
"corrupt"; the committee needs "this is a JPEG image". A handful of magic
numbers tell the formats worth naming, so no library is needed for it.

A password-protected Office file is not a ZIP at all: Office wraps the
encrypted package in an OLE2 compound file whose directory names the stream
``EncryptedPackage`` (MS-OFFCRYPTO §2.3.4.1). Old binary ``.ppt`` and ``.doc``
files are OLE2 too, without that stream.
"""

from __future__ import annotations

from pathlib import Path

# Statuses of a document's facts (PdfFacts.status, DeckFacts.status).
OK = "ok"
EMPTY = "empty"  # zero bytes
WRONG_TYPE = "wrong_type"  # another format under this name (``kind`` says which)
ENCRYPTED = "encrypted"  # needs a password to open
CORRUPT = "corrupt"  # the right format, but broken (truncated, damaged)
TOO_LARGE = "too_large"  # beyond the size limits (a ZIP bomb, or simply too big to read safely)
UNREADABLE = "unreadable"  # the file cannot be read at all (permissions, vanished)

# Kinds a file may turn out to be.
PDF, ZIP, OLE2 = "pdf", "zip", "ole2"
_SIGNATURES = (  # (offset, magic, kind); the first match wins
    (0, b"%PDF-", PDF),
    (0, b"PK\x03\x04", ZIP),
    (0, b"PK\x05\x06", ZIP),  # an empty archive
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE2),
    (0, b"\xff\xd8\xff", "jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "png"),
    (0, b"GIF87a", "gif"),
    (0, b"GIF89a", "gif"),
    (0, b"II*\x00", "tiff"),
    (0, b"MM\x00*", "tiff"),
    (0, b"{\\rtf", "rtf"),
    (8, b"WEBP", "webp"),
    (4, b"ftyp", "mp4"),
)
# PDF readers accept a header anywhere in the first kilobyte (some writers put junk first).
_PDF_HEADER_WINDOW = 1024
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_SCAN_CHUNK = 1 << 20


def sniff(path: Path) -> str:
    """``pdf``, ``zip``, ``ole2``, an image or media kind, ``text``, ``empty`` or ``unknown``.

    Raises OSError when the file cannot be read (the caller's UNREADABLE).
    """
    with Path(path).open("rb") as handle:
        head = handle.read(_PDF_HEADER_WINDOW)
    if not head:
        return "empty"
    for offset, magic, kind in _SIGNATURES:
        if head[offset:offset + len(magic)] == magic:
            return kind
    if b"%PDF-" in head:
        return PDF
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "html"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "unknown"
    return "text"


def is_encrypted_office_file(path: Path, max_bytes: int) -> bool:
    """Does an OLE2 file hold an encrypted Office package (a password-protected .pptx or .docx)?

    The directory may sit anywhere in the compound file, so the file is
    scanned in chunks (at most ``max_bytes``) for the stream's UTF-16 name.
    """
    overlap = len(_ENCRYPTED_STREAM) - 1
    tail = b""
    read = 0
    with Path(path).open("rb") as handle:
        while read < max_bytes:
            chunk = handle.read(min(_SCAN_CHUNK, max_bytes - read))
            if not chunk:
                return False
            if _ENCRYPTED_STREAM in tail + chunk:
                return True
            tail = chunk[-overlap:]
            read += len(chunk)
    return False
