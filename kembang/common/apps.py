from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "kembang.common"
    label = "common"

    def ready(self):
        from kembang.common import checks  # noqa: F401 - registers the system checks
