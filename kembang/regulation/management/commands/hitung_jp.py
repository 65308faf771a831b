"""`kembang hitung_jp FILE --profil ID [--format json|csv|xlsx] [--output PATH]`

Computes the JP of every row of an HR officer's spreadsheet under a built-in profile
(layout of the output in docs/hitung_jp.md). Exit status: 0 every row valid;
1 some rows rejected (the valid ones are still computed and reported); 2 the file cannot
be used at all (unreadable, a required column missing, unknown profile), with a message
on stderr. With ``--format json`` to stdout, stdout carries only the JSON.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.common.spreadsheet import SpreadsheetError, read_table
from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.regulation.jp_file import FileUnusable, compute_file
from kembang.regulation.jp_file_output import to_json, write_csv, write_xlsx


class Command(BaseCommand):
    help = (
        "Hitung JP dari berkas CSV/XLSX (kolom nip, nama, jenis, tanggal, cakupan, "
        "durasi_menit) menurut profil regulasi."
    )
    # Pure computation: no database, no system checks printing to the console.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help=".csv (UTF-8, koma atau titik koma) atau .xlsx")
        parser.add_argument(
            "--profil",
            dest="profile",
            required=True,
            help="profil regulasi: " + ", ".join(sorted(BUILTIN_PROFILES)),
        )
        parser.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
        parser.add_argument("--output", help="berkas keluaran (bawaan: stdout; wajib untuk xlsx)")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def handle(self, *args, **options):
        # The JSON contract's `reason` and `message` texts are Indonesian.
        with translation.override("id"):
            status = self._run(options)
        if status:
            raise SystemExit(status)

    def _run(self, options) -> int:
        profile = BUILTIN_PROFILES.get(options["profile"])
        if profile is None:
            self._fail(
                _("Profil tidak dikenal: %(id)s. Pilihan: %(choices)s.")
                % {"id": options["profile"], "choices": ", ".join(sorted(BUILTIN_PROFILES))}
            )
        output, fmt = options.get("output"), options["format"]
        if fmt == "xlsx" and not output:
            self._fail(_("Format xlsx memerlukan --output PATH."))
        try:
            table = read_table(options["file"])
            result = compute_file(table, profile)
        except SpreadsheetError as err:
            self._fail(err.message)
        except FileUnusable as err:
            self._fail(err.message)

        if fmt == "xlsx":
            write_xlsx(result, output)
        elif fmt == "csv":
            if output:
                # A BOM lets Excel recognise UTF-8 when a person opens the file.
                with open(output, "w", encoding="utf-8-sig", newline="") as stream:
                    write_csv(result, stream)
            else:
                write_csv(result, self.stdout)
        else:
            text = to_json(result)
            if output:
                with open(output, "w", encoding="utf-8") as stream:
                    stream.write(text + "\n")
            else:
                self.stdout.write(text)
        if result.errors and output:
            # The console user sees why the exit status is 1 without opening the file.
            self.stderr.write(
                _("%(count)s masalah pada berkas; lihat bagian kesalahan di %(output)s.")
                % {"count": len(result.errors), "output": output}
            )
        sys.stdout.flush()
        return result.exit_status
