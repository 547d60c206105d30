"""Résumé / job posting documents: bounded text and PDF uploads read by pypdf, hostile files refused cleanly."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from interview.documents import MAX_DOCUMENT_CHARS, MAX_PDF_BYTES, MAX_PDF_PAGES, DocumentError, bounded_text, pdf_text


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(text: str) -> bytes:
    """A one-page PDF whose content stream draws `text` (Helvetica, ASCII)."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    body, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def test_a_pdf_resume_becomes_text() -> None:
    assert "Kafka billing migration" in pdf_text(text_pdf("Kafka billing migration 2023"))


@pytest.mark.parametrize(("data", "message"), [
    (b"not a pdf at all", "not a PDF"),
    (b"%PDF-1.4\n" + b"\x00garbage" * 100, "could not be read"),
    (blank_pdf(), "no text"),
    (blank_pdf(password="secret"), "encrypted"),
    (blank_pdf(pages=MAX_PDF_PAGES + 1), "pages"),
    (b"%PDF-" + b"0" * MAX_PDF_BYTES, "larger"),
])
def test_hostile_or_useless_pdfs_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        pdf_text(data)


def test_pasted_text_is_bounded_and_cleaned() -> None:
    text = bounded_text("이름\x00  홍길동\n\n\u202e경력   3년\n" + "가" * (MAX_DOCUMENT_CHARS * 2))
    assert text.startswith("이름 홍길동\n경력 3년") and len(text) == MAX_DOCUMENT_CHARS


def test_upload_route(client) -> None:
    ok = client.post("/api/documents/text", data={"file": (io.BytesIO(text_pdf("Python Redis")), "cv.pdf")},
                     content_type="multipart/form-data")
    assert ok.status_code == 200 and "Python Redis" in ok.get_json()["text"]
    bad = client.post("/api/documents/text", data={"file": (io.BytesIO(b"hello"), "cv.pdf")},
                      content_type="multipart/form-data")
    assert bad.status_code == 400 and "not a PDF" in bad.get_json()["error"]
    missing = client.post("/api/documents/text", data={}, content_type="multipart/form-data")
    assert missing.status_code == 400


def test_session_keeps_language_and_resume(client) -> None:
    created = client.post("/api/sessions", json={"language": "en", "resume_text": "Built a Kafka billing system.",
                                                 "company_name": "삼성전자", "job_name": "개발엔지니어링"}).get_json()
    assert created["language"] == "en" and created["resume_text"].startswith("Built")
    first = client.post("/api/chat", json={"message": "Let's start.", "session_id": created["session_id"]}).get_json()
    assert first["response"].startswith("Hello")
    too_long = client.post("/api/sessions", json={"resume_text": "x" * (MAX_DOCUMENT_CHARS + 1)})
    assert too_long.status_code == 400
    wrong = client.post("/api/chat", json={"message": "hi", "language": "fr", "history": []})
    assert wrong.status_code == 400
