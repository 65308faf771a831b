"""`kembang restore FILE.zip`: an archive from `kembang backup` into an empty database.

The database must be freshly migrated (`kembang migrate`) with the Kembang version that
wrote the archive, and hold no rows. Exit 0 once every table's row count and every
file's checksum match the manifest, or 2 with the reason; a failure rolls everything back.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.ops.backup import BackupError
from kembang.ops.restore import backup_restore


class Command(BaseCommand):
    help = ("Pulihkan arsip dari `kembang backup` ke basis data kosong yang sudah dimigrasi, "
            "lalu periksa jumlah baris dan checksum berkas terhadap manifest.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="arsip cadangan (.zip)")

    def handle(self, *args, **options):
        with translation.override("id"):
            try:
                manifest = backup_restore(archive_path=Path(options["archive"]))
            except BackupError as error:
                raise CommandError(error.message, returncode=2) from None
            tables = manifest["tables"]
            self.stdout.write(
                _("Cadangan dari %(created)s dipulihkan dan cocok dengan manifest: %(tables)s "
                  "tabel, %(rows)s baris, %(files)s berkas bukti.")
                % {"created": manifest.get("created_at", "?"), "tables": len(tables),
                   "rows": sum(t["rows"] for t in tables.values()),
                   "files": len(manifest["files"])})
