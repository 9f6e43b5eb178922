from django.apps import AppConfig


class LiveConfig(AppConfig):
    """The live engine: sessions hosted by any page, knowing no consultation or event."""

    name = "coproduction.live"
    label = "live"
    verbose_name = "Live sessions"

    def ready(self):
        from coproduction.members import services as member_services

        # Importing the handlers registers the engine's actions.
        from . import chair_actions, handlers, membership, personal_data  # noqa: F401

        membership.connect_signals()

        member_services.PERSONAL_DATA_SOURCES.extend(personal_data.SOURCES)
        member_services.BEFORE_ACCOUNT_DELETION.append(personal_data.forget_member)
