"""Everything residents and other programs read: the export formats, minutes, QR codes, site.

It reads the record and never writes it.
"""
