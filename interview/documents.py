"""A résumé or job posting as text: bounded pasted text, and PDF uploads read by pypdf with size/page limits."""
from __future__ import annotations

import io
import logging
import unicodedata

MAX_DOCUMENT_CHARS = 20_000  # pasted or extracted text kept per document (a long résumé is ~6,000)
MAX_PDF_BYTES = 2 * 1024 * 1024
MAX_PDF_PAGES = 10
PDF_MAGIC = b"%PDF-"

log = logging.getLogger(__name__)


class DocumentError(ValueError):
    """An upload that cannot be read as a résumé/posting; `str()` is safe to show the client."""


def bounded_text(text: str) -> str:
    """Printable text, whitespace collapsed per line, cut to MAX_DOCUMENT_CHARS."""
    text = unicodedata.normalize("NFKC", text)
    lines = (" ".join("".join(ch for ch in line if ch.isprintable()).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:MAX_DOCUMENT_CHARS]


def pdf_text(data: bytes) -> str:
    """The text of a PDF upload, or DocumentError (too big, not a PDF, encrypted, too many pages, no text)."""
    if len(data) > MAX_PDF_BYTES:
        raise DocumentError(f"the PDF is larger than {MAX_PDF_BYTES // (1024 * 1024)} MB")
    if not data.startswith(PDF_MAGIC):
        raise DocumentError("the file is not a PDF")
    from pypdf import PdfReader  # imported on use: only uploads need it
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentError("the PDF is encrypted")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"the PDF has more than {MAX_PDF_PAGES} pages")
        parts: list[str] = []
        for page in reader.pages:
            parts.append(page.extract_text() or "")
            if sum(len(p) for p in parts) > MAX_DOCUMENT_CHARS:
                break
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as e:
        log.info("unreadable PDF upload: %s", e)
        raise DocumentError("the PDF could not be read") from e
    text = bounded_text("\n".join(parts))
    if not text.strip():
        raise DocumentError("the PDF has no text (a scanned image?); paste the text instead")
    return text
