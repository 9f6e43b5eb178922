from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        from django.db.models.signals import post_save

        from coproduction.members import services as member_services

        # live_actions and live_polls register consultations' own live actions with the engine.
        from . import live_actions, live_poll_forms, live_polls, permissions, personal_data  # noqa: F401
        from .models import ConsultationIndexPage

        post_save.connect(
            permissions.let_board_editors_edit_consultations,
            sender=ConsultationIndexPage,
            dispatch_uid="let_board_editors_edit_consultations",
        )

        member_services.PERSONAL_DATA_SOURCES.extend(personal_data.SOURCES)
        member_services.BEFORE_ACCOUNT_DELETION.append(personal_data.forget_member)
