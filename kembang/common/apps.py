from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "kembang.common"
    label = "common"
