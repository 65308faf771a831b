"""Test helper: an XLSX cell holding an exact 18-digit integer.

openpyxl writes large integers with "%.16g", losing digits, so a NIP stored as an exact
whole number (as some export tools write it) can only be made by patching the sheet XML:
write the placeholder `EXACT`, then replace it.
"""

import io
import zipfile

EXACT = 777777


def with_exact_integer(xlsx: bytes, exact: int) -> bytes:
    """The workbook with every `EXACT` number cell of the first sheet holding `exact`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<v>%d</v>" % EXACT, b"<v>%d</v>" % exact)
            dst.writestr(item, content)
    return out.getvalue()
