"""Display preferences: the choices, one person's set of them, and how they travel in a cookie.

A member's preferences are kept on their profile; a visitor's in a cookie. Both give the
same `DisplayPreferences`, whose classes on `<html>` let the server render the right
style first time. Home's display preferences page and every app read them from here.
"""

import json
from dataclasses import asdict, dataclass, fields

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TextSize(models.TextChoices):
    STANDARD = "100", _("Standard (100%)")
    LARGE = "125", _("Large (125%)")
    LARGER = "150", _("Larger (150%)")
    LARGEST = "200", _("Largest (200%)")


class Contrast(models.TextChoices):
    STANDARD = "standard", _("Standard")
    HIGH = "high", _("High contrast (yellow on black)")
    DARK = "dark", _("Dark (light text on a dark background)")


PREFERENCE_FIELDS = ("text_size", "contrast", "readable_spacing", "reduce_motion", "easy_read_first")
COOKIE_MAX_AGE = 60 * 60 * 24 * 365


@dataclass(frozen=True)
class DisplayPreferences:
    """One person's display preferences; the defaults are the standard look."""

    text_size: str = TextSize.STANDARD
    contrast: str = Contrast.STANDARD
    readable_spacing: bool = False
    reduce_motion: bool = False
    easy_read_first: bool = False

    def html_classes(self):
        classes = [f"text-{self.text_size}", f"contrast-{self.contrast}"]
        if self.readable_spacing:
            classes.append("spacing-readable")
        if self.reduce_motion:
            classes.append("reduce-motion")
        if self.easy_read_first:
            classes.append("easy-read-first")
        return " ".join(classes)

    @classmethod
    def from_profile(cls, profile):
        return cls(**{name: getattr(profile, name) for name in PREFERENCE_FIELDS})

    def save_to_profile(self, profile):
        for name, value in asdict(self).items():
            setattr(profile, name, value)
        profile.save(update_fields=list(PREFERENCE_FIELDS))

    def to_cookie(self):
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_cookie(cls, raw):
        """Read a cookie value; anything unreadable or unknown falls back to the default."""
        try:
            data = json.loads(raw or "{}")
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        valid = {
            "text_size": set(TextSize.values),
            "contrast": set(Contrast.values),
        }
        values = {}
        for f in fields(cls):
            value = data.get(f.name)
            if f.name in valid:
                if value in valid[f.name]:
                    values[f.name] = value
            elif isinstance(value, bool):
                values[f.name] = value
        return cls(**values)


def preferences_for(request):
    """The preferences that apply to this request: the profile's once signed in."""
    cached = getattr(request, "_display_preferences", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    profile = getattr(user, "profile", None) if user and user.is_authenticated else None
    if profile is not None:
        prefs = DisplayPreferences.from_profile(profile)
    else:
        prefs = DisplayPreferences.from_cookie(request.COOKIES.get(settings.DISPLAY_PREFERENCES_COOKIE))
    request._display_preferences = prefs
    return prefs


def remember_in_cookie(response, prefs):
    response.set_cookie(
        settings.DISPLAY_PREFERENCES_COOKIE,
        prefs.to_cookie(),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=not settings.DEBUG and getattr(settings, "SESSION_COOKIE_SECURE", False),
        httponly=True,
    )
