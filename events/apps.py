from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from django.db.models.signals import post_save

        from coproduction.members import services as member_services

        # live_actions registers the remote seats' actions and events with the live engine.
        # live_rounds registers the rounds, their time left and the table notes.
        from . import live_actions, live_rounds, permissions, personal_data  # noqa: F401
        from .models import EventIndexPage

        post_save.connect(
            permissions.let_organisers_edit_events,
            sender=EventIndexPage,
            dispatch_uid="let_organisers_edit_events",
        )

        member_services.PERSONAL_DATA_SOURCES.extend(personal_data.SOURCES)
        member_services.BEFORE_ACCOUNT_DELETION.append(personal_data.forget_member)
