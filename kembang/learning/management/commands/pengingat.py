"""`kembang pengingat`: the daily reminders (schedule it with cron or a systemd timer)."""

from django.core.management.base import BaseCommand
from django.utils import translation

from kembang.learning.services.reminders import reminders_send
from kembang.organisation.models import Regency


class Command(BaseCommand):
    help = "Kirim pengingat harian: sesi menunggu paraf > 7 hari dan program tanpa sesi 30 hari."

    def handle(self, *args, **options):
        translation.activate("id")
        for regency in Regency.objects.order_by("name"):
            counts = reminders_send(regency=regency)
            self.stdout.write(f"{regency}: {counts.waiting_sessions} sesi menunggu paraf, "
                              f"{counts.inactive_programs} program tanpa sesi 30 hari")
