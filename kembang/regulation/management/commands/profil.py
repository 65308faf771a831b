"""`kembang profil [--profil ID] [--json]`: the rules of the built-in profiles, with clauses."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.policy.builtin import BUILTIN_PROFILES
from kembang.policy.profile_data import profile_to_dict
from kembang.regulation.profile_table import render_profile_table


class Command(BaseCommand):
    help = "Tampilkan aturan setiap profil regulasi bawaan sebagai tabel, dengan dasar hukumnya."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--profil", dest="profile", help="satu profil saja")
        parser.add_argument(
            "--json",
            action="store_true",
            help="data profil sebagai JSON (bentuk yang disimpan untuk versi milik daerah)",
        )
        parser.add_argument("--lebar", dest="width", type=int, default=120, help="lebar tabel")

    def handle(self, *args, **options):
        with translation.override("id"):
            ids = sorted(BUILTIN_PROFILES)
            if options.get("profile"):
                if options["profile"] not in BUILTIN_PROFILES:
                    self.stderr.write(
                        _("Profil tidak dikenal: %(id)s. Pilihan: %(choices)s.")
                        % {"id": options["profile"], "choices": ", ".join(ids)}
                    )
                    raise SystemExit(2)
                ids = [options["profile"]]
            if options.get("json"):
                data = [profile_to_dict(BUILTIN_PROFILES[i]) for i in ids]
                self.stdout.write(
                    json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)
                )
                return
            tables = [
                render_profile_table(BUILTIN_PROFILES[i], width=options["width"]) for i in ids
            ]
            self.stdout.write("\n\n".join(tables))
