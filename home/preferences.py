"""Display preferences: what they are, how they travel in a cookie, and the
classes they put on `<html>` so the server renders the right style first time."""

import json
from dataclasses import asdict, dataclass, fields
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from coproduction.members.models import Contrast, TextSize

from .validation import has_control_character

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


# Longer addresses are not worth coming back to: some proxies refuse them anyway.
RETURN_ADDRESS_MAX_LENGTH = 2000


def page_to_return_to(request, address):
    """The page on this site to go back to after choosing display preferences, or "".

    An address of the preferences page itself stands for the page it would go back to,
    so following the header's "Display preferences" link there never nests `next`.
    """
    preferences_path = reverse("display_preferences")
    # Each turn unwraps one level, and the address inside is shorter: this ends.
    while True:
        if (
            not address
            or len(address) > RETURN_ADDRESS_MAX_LENGTH
            or has_control_character(address)
            or not url_has_allowed_host_and_scheme(address, {request.get_host()}, request.is_secure())
        ):
            return ""
        parts = urlsplit(address)
        if parts.path != preferences_path:
            return address
        address = parse_qs(parts.query).get("next", [""])[0]
