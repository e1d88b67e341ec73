"""Everything residents and other programs read: the export formats, minutes, QR codes, site.

It reads the record and never writes it.
"""

from pathlib import Path

FAVICON = Path(__file__).parent / "static" / "favicon.ico"  # every page links it (base.html)
