from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from coproduction.members import services as member_services

        # live_actions registers the remote seats' actions and events with the live engine.
        # live_rounds registers the rounds, their time left and the table notes.
        from . import live_actions, live_rounds, permissions, personal_data  # noqa: F401
        from .models import EventIndexPage, EventPage

        post_save.connect(
            permissions.let_organisers_edit_events,
            sender=EventIndexPage,
            dispatch_uid="let_organisers_edit_events",
        )

        page_published.connect(
            promote_after_publishing, sender=EventPage, dispatch_uid="promote_waitlist_after_publishing"
        )

        member_services.PERSONAL_DATA_SOURCES.extend(personal_data.SOURCES)
        member_services.BEFORE_ACCOUNT_DELETION.append(personal_data.forget_member)


def promote_after_publishing(sender, instance, **kwargs):
    """A published change may raise the capacity: the people waiting get the new places."""
    from . import services

    site = instance.get_site()
    services.capacity_changed(instance, site_url=site.root_url if site else "")
