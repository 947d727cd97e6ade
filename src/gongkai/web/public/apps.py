from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "gongkai.web.public"
    label = "public"
    verbose_name = "网上申请"
