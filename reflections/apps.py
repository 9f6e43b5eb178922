from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Reflections"

    def ready(self):
        from coproduction.members import services as member_services

        from . import editing, personal_data

        editing.connect_signals()

        member_services.PERSONAL_DATA_SOURCES.extend(personal_data.SOURCES)
        member_services.BEFORE_ACCOUNT_DELETION.append(personal_data.forget_member)
