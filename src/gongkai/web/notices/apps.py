from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "gongkai.web.notices"
    label = "notices"
    verbose_name = "通知"
