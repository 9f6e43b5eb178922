from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Test-only: a meeting page that hosts live sessions."""

    name = "tests.meetings"
    label = "test_meetings"
    verbose_name = "Meetings (tests only)"
