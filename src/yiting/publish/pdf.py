"""A one-page PDF around a PNG image, the page the size of the image at its resolution (a
1240×1754 image at 150 dpi is an A4 page).

The PNG's compressed pixel data goes into the PDF as it is (PDF's FlateDecode takes PNG's row
filters as "predictors"): no second compression, no loss, and the PDF is about the PNG's size.
Pillow's own PDF writer stores a palette image as hexadecimal text (4 MB for the notice) and a
grey one as JPEG (blurred glyph edges).
"""

from __future__ import annotations

import struct

POINTS_PER_INCH = 72


def png_to_pdf(png: bytes, *, dpi: float = 150, title: str = "") -> bytes:
    """The PDF of a non-interlaced greyscale or palette PNG (as yiting's notice is), one page."""
    return pngs_to_pdf([png], dpi=dpi, title=title)


def pngs_to_pdf(pngs: list[bytes], *, dpi: float = 150, title: str = "") -> bytes:
    """One PDF page per PNG (greyscale or palette, not interlaced), in order: the ballots of a
    vote, one A4 page a unit."""
    if not pngs:
        raise ValueError("no pages")
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for png in pngs:
        width, height, depth, colour, idat, palette = _read_png(png)
        if colour == 0:
            colour_space = b"/DeviceGray"
        elif colour == 3 and palette:
            colour_space = b"[/Indexed /DeviceRGB %d <%s>]" % (len(palette) // 3 - 1, palette.hex().encode())
        else:
            raise ValueError("only greyscale or palette PNG images")
        page_w, page_h = (f"{n * POINTS_PER_INCH / dpi:.2f}".encode() for n in (width, height))
        page, image, contents = len(objects) + 1, len(objects) + 2, len(objects) + 3
        kids.append(b"%d 0 R" % page)
        stream = b"q %s 0 0 %s 0 0 cm /Im0 Do Q" % (page_w, page_h)
        objects += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /XObject << /Im0 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (page_w, page_h, image, contents),
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent %d"
            b" /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent %d /Columns %d >>"
            b" /Length %d >>\nstream\n" % (width, height, colour_space, depth, depth, width, len(idat))
            + idat + b"\nendstream",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        ]
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    objects.append(b"<< /Title <%s> /Producer (yiting) >>" % ("\ufeff" + title).encode("utf-16-be").hex().encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    return bytes(out)


def _read_png(png: bytes) -> tuple[int, int, int, int, bytes, bytes]:
    """(width, height, bit depth, colour type, the concatenated IDAT data, the palette)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, palette, header = 8, bytearray(), b"", None
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"PLTE":
            palette = data
        elif kind == b"IDAT":
            idat += data
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None or header[6] != 0:
        raise ValueError("a PNG without a header, or interlaced")
    width, height, depth, colour = header[:4]
    return width, height, depth, colour, bytes(idat), palette
