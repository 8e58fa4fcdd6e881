"""The regulation's documents: forms 01, 02, 09, 10 and 11 (the protocol) as DOCX, PDF or HTML.

Each form is built once as neutral blocks (``document``) from the descriptor,
the rubric and, for 09–11, a merged review; ``render`` writes the blocks in
the format asked for. Texts come from ``locales/forms.yaml``; the Kazakh
text of each form is the regulation's own.
"""

from __future__ import annotations

from .document import FormDocument

FORMATS = ("docx", "pdf", "html")
FORMS = ("01", "02", "09", "10", "11")


def render(document: FormDocument, fmt: str) -> bytes:
    if fmt == "docx":
        from .docx_writer import render_docx

        return render_docx(document)
    if fmt == "pdf":
        from .pdf_writer import render_pdf

        return render_pdf(document)
    from .html_writer import render_html

    return render_html(document)
