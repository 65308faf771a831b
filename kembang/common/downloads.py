"""The Content-Disposition of a file Kembang sends to be saved under a user-given name.

A name someone typed or uploaded is data: it may hold quotes, semicolons, backslashes,
control characters (a CR/LF would start a header of its own), path parts or letters
outside ASCII. `attachment_disposition` gives

* ``filename="…"``: an ASCII stand-in every browser reads — accents dropped
  ("é" → "e"), any other character outside printable ASCII, and ``"`` ``\\`` ``%`` ``;``,
  replaced by ``_``;
* and, when that differs from the name, ``filename*=UTF-8''…`` (RFC 5987/6266): the
  name itself, percent-encoded, which current browsers prefer.

Control characters and path parts are dropped from the name first; an empty name
becomes `default`.
"""

import unicodedata
from urllib.parse import quote

_UNSAFE_IN_QUOTES = set('"\\%;')


def safe_filename(name: str, default: str = "berkas") -> str:
    """`name` as a bare file name: its last path part, without control characters,
    surrounding spaces or leading dots; `default` when nothing is left."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".").strip()
    return name[:200] or default


def _ascii_stand_in(name: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(ch):
            continue
        out.append(ch if " " <= ch <= "~" and ch not in _UNSAFE_IN_QUOTES else "_")
    return "".join(out)


def attachment_disposition(name: str, default: str = "berkas") -> str:
    """The Content-Disposition header value that saves the download as `name`."""
    name = safe_filename(name, default)
    ascii_name = _ascii_stand_in(name)
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header
