"""Hostile PDFs built in code: a minimal PDF writer, a stream bomb, an overfull page, a ToUnicode map of lone
surrogates, a cross-reference table zeroed out."""

from __future__ import annotations

import io
import re
import zlib

from reportlab.pdfgen import canvas

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
LINE = b"BT /F1 12 Tf 72 700 Td (Hello world, this is one line of text) Tj ET"


def minimal_pdf(content: bytes = LINE, font: bytes = HELVETICA, extra: tuple[bytes, ...] = (),
                raw_stream: bytes | None = None) -> bytes:
    """A one-page PDF whose page content is `content` (Flate-compressed), or `raw_stream` as given."""
    stream = raw_stream if raw_stream is not None else zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        font,
        *extra,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream_bomb(mb: int) -> bytes:
    """A page whose content stream inflates to `mb` MiB of spaces (about 1 KB per MiB compressed)."""
    z = zlib.compressobj(9)
    chunk = b" " * 2**20
    parts = [z.compress(chunk) for _ in range(mb)]
    parts.append(z.flush())
    return minimal_pdf(raw_stream=b"".join(parts))


def many_chars(n: int) -> bytes:
    """One page with `n` characters in 2-point type."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.setFont("Helvetica", 2)
    per_line = 400
    for k in range(n // per_line):
        pdf.drawString(5, 830 - (k % 400) * 2, "a" * per_line)
    pdf.save()
    return buf.getvalue()


def text_pdf() -> bytes:
    """A plain reportlab page of twenty lines of text."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.setFont("Helvetica", 12)
    for k in range(20):
        pdf.drawString(72, 750 - k * 20, f"Line {k} of the report with some words in it.")
    pdf.save()
    return buf.getvalue()


def surrogate_map() -> bytes:
    """Text in a font whose ToUnicode map sends every character to the lone surrogate U+D800."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def 1 begincodespacerange "
        b"<00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <D800> endbfrange endcmap CMapName currentdict "
        b"/CMap defineresource pop end end"
    )
    body = b"BT /F1 12 Tf 72 700 Td (" + b"Hello world this is text " * 8 + b") Tj ET"
    cmap_object = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    font = HELVETICA[:-2] + b"/ToUnicode 6 0 R >>"
    return minimal_pdf(body, font=font, extra=(cmap_object,))


def broken_xref(data: bytes) -> bytes:
    """Every offset in the cross-reference table set to 0."""
    return re.sub(rb"\d{10} 00000 n", b"0000000000 00000 n", data)
