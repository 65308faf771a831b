"""`kembang pengingat`: the daily reminders (schedule it with cron or a systemd timer).

It also fails imports a killed worker left running (`batch_sweep_stale`), so even an
import nobody looks at again does not stay "in progress" with its upload on disk."""

from django.core.management.base import BaseCommand
from django.utils import translation

from kembang.learning.services.reminders import reminders_send
from kembang.organisation.importing.services import batch_sweep_stale
from kembang.organisation.models import Regency


class Command(BaseCommand):
    help = ("Kirim pengingat harian: sesi menunggu paraf > 7 hari, program tanpa sesi 30 hari, "
            "dan jadwal pertemuan besok.")

    def handle(self, *args, **options):
        translation.activate("id")
        stale = batch_sweep_stale()
        if stale:
            self.stdout.write(f"{stale} impor terhenti ditandai gagal")
        for regency in Regency.objects.order_by("name"):
            counts = reminders_send(regency=regency)
            self.stdout.write(f"{regency}: {counts.waiting_sessions} sesi menunggu paraf, "
                              f"{counts.inactive_programs} program tanpa sesi 30 hari, "
                              f"{counts.planned_meetings} jadwal pertemuan besok")
