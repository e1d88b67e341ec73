"""QR codes: the module matrix, shared by the PNG writer and the terminal drawing."""

from __future__ import annotations

from functools import lru_cache


def qr_matrix(text: str, *, border: int = 4) -> list[list[bool]]:
    """The QR modules of `text` at error correction M, quiet zone included (True = dark)."""
    return [list(row) for row in _matrix(text, border)]


@lru_cache(maxsize=256)
def _matrix(text: str, border: int) -> tuple[tuple[bool, ...], ...]:
    # Publishing draws the same address twice (qr.png and the notice): encode it once.
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


DARK = (0, 0, 0)
LIGHT = (255, 255, 255)
HALF_BLOCK = "▀"


def qr_image(text: str, *, scale: int = 10, border: int = 4):
    """The QR code of `text` as a black-on-white, 1-bit Pillow image, `scale` pixels per module."""
    from PIL import Image

    matrix = _matrix(text, border)
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    return image.resize((size * scale, size * scale), Image.NEAREST)


def qr_png(text: str, *, scale: int = 10) -> bytes:
    """The QR code of `text` as a PNG file's bytes (1 bit a pixel: ~600 bytes)."""
    import io

    out = io.BytesIO()
    qr_image(text, scale=scale).save(out, format="PNG")
    return out.getvalue()


def write_qr_png(text: str, path, *, scale: int = 10) -> None:
    """Write the QR code of `text` as a PNG file."""
    with open(path, "wb") as handle:
        handle.write(qr_png(text, scale=scale))


def qr_halfblock_lines(text: str, *, border: int = 4) -> list[list[tuple[str, bool, bool]]]:
    """The QR code for a terminal: rows of cells `(char, fg_dark, bg_dark)`.

    Every cell is `▀`: its foreground colour is the upper module, its background the lower one.
    Draw dark as black and light as white whatever the theme. Using one character only survives
    terminal line spacing and screenshots (mixed `▀▄█` did not decode from an SVG screenshot).
    An odd number of rows is padded with a light row below.
    """
    matrix = qr_matrix(text, border=border)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        [(HALF_BLOCK, upper, lower) for upper, lower in zip(matrix[y], matrix[y + 1], strict=False)]
        for y in range(0, len(matrix), 2)
    ]


def qr_size(text: str) -> tuple[int, int]:
    """(columns, rows) the terminal drawing of `text` needs, quiet zone included."""
    lines = qr_halfblock_lines(text)
    return len(lines[0]), len(lines)


def qr_ansi(text: str) -> str:
    """The terminal drawing as text with 24-bit colour escapes, for `yiting serve` to print."""
    def sgr(dark: bool, ground: int) -> str:
        value = 0 if dark else 255
        return f"\x1b[{ground};2;{value};{value};{value}m"

    out = []
    for row in qr_halfblock_lines(text):
        out.append("".join(sgr(fg, 38) + sgr(bg, 48) + ch for ch, fg, bg in row) + "\x1b[0m")
    return "\n".join(out)
