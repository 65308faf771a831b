from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kembang.api"
    label = "api"
