"""Small one-page PDFs for the demo register, written directly (no PDF library needed).

The text is transliterated to ASCII: the standard Helvetica font of a bare PDF has no
Vietnamese letters, and embedding a font would make each file a hundred times larger. Each
file says it is a demo; real documents are the signed scans the office uploads."""

from anyascii import anyascii

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines):
    """A one-page A4 PDF showing ``lines`` (the first one larger), as bytes."""
    commands = ["BT", "/F1 16 Tf", f"56 {PAGE_HEIGHT - 80} Td", "20 TL"]
    for number, line in enumerate(lines):
        if number == 1:
            commands.append("/F1 11 Tf 15 TL")
        commands.append(f"({_escape(anyascii(line))}) Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ).encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
