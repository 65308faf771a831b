"""Where uploaded files are kept: evidence and import spreadsheets, readable by Kembang only.

Evidence (certificates, photos of signed forms) and import files (with NIK, NPWP and
addresses) are personal data served only through views that check access. On disk they
must not be readable by other accounts on the server either: Django's default writes
files 0644 (0666 less the usual umask) in 0755 directories. `private_storage` writes
files 0600 in directories 0700 — and tightens a directory created earlier with looser
bits (an older install) when it saves into it.

Same location as the default storage (`MEDIA_ROOT`), so files saved here are read and
deleted through a model's FileField or `default_storage` as before.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


class PrivateFileStorage(FileSystemStorage):
    """`FileSystemStorage` under `MEDIA_ROOT` with owner-only files and directories."""

    def __init__(self, **kwargs):
        kwargs.setdefault("file_permissions_mode", FILE_MODE)
        kwargs.setdefault("directory_permissions_mode", DIRECTORY_MODE)
        super().__init__(**kwargs)

    def _save(self, name, content):
        name = super()._save(name, content)
        self._close_directories(Path(self.path(name)).parent)
        return name

    def _close_directories(self, directory: Path) -> None:
        """Drop group and other bits from `directory` and each parent up to the storage
        root, included. Best effort: a directory owned by another account (the
        administrator's media root) is left for the administrator, with a warning."""
        root = Path(self.location).resolve()
        directory = directory.resolve()
        if directory != root and root not in directory.parents:
            return
        while True:
            try:
                mode = stat.S_IMODE(directory.stat().st_mode)
                if mode & 0o077:
                    os.chmod(directory, mode & DIRECTORY_MODE)
            except OSError as err:
                logger.warning("Could not restrict %s to its owner: %s", directory, err)
            if directory == root:
                break
            directory = directory.parent


private_storage = PrivateFileStorage()
