"""QR codes: the module matrix, shared by the PNG writer and the terminal drawing."""

from __future__ import annotations


def qr_matrix(text: str, *, border: int = 4) -> list[list[bool]]:
    """The QR modules of `text` at error correction M, quiet zone included (True = dark)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
