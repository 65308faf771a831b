from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "kembang.health"
    verbose_name = "Kesehatan layanan"
