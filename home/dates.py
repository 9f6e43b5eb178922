"""Dates and times in words, the way GOV.UK writes them: "Friday 12 March 2027, 5pm"."""

from django.utils import timezone


def time_in_words(value):
    value = timezone.localtime(value)
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def datetime_in_words(value):
    """Friday 12 March 2027, 5pm (in the site's time zone, Europe/London)."""
    local = timezone.localtime(value)
    return f"{local:%A} {local.day} {local:%B %Y}, {time_in_words(local)}"
