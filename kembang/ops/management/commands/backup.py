"""`kembang backup --output FILE.zip`: the database, the evidence files and a manifest.

Exit 0 with a summary, or 2 with the reason (kembang.ops.backup describes the archive).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.ops.backup import BackupError, backup_write


class Command(BaseCommand):
    help = ("Tulis cadangan lengkap ke satu arsip .zip: isi basis data, berkas bukti, dan "
            "manifest berisi jumlah baris dan checksum SHA-256.")

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True,
                            help="berkas arsip yang ditulis (.zip); dibuat utuh atau tidak sama "
                                 "sekali, hanya dapat dibaca pemiliknya")

    def handle(self, *args, **options):
        with translation.override("id"):
            try:
                result = backup_write(output=Path(options["output"]))
            except BackupError as error:
                raise CommandError(error.message, returncode=2) from None
            for name in result.missing_files:
                self.stderr.write(_("Peringatan: berkas %(name)s tercatat di basis data tetapi "
                                    "tidak ada di MEDIA_ROOT; tidak ikut dicadangkan.")
                                  % {"name": name})
            tables = result.manifest["tables"]
            self.stdout.write(
                _("Cadangan ditulis ke %(path)s: %(tables)s tabel, %(rows)s baris, "
                  "%(files)s berkas bukti.")
                % {"path": result.path, "tables": len(tables),
                   "rows": sum(t["rows"] for t in tables.values()),
                   "files": len(result.manifest["files"])})
