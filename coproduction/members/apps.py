from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "coproduction.members"
    label = "members"
    verbose_name = "Members"
