"""Members: a custom user signed in by email, and the member's profile."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .preferences import Contrast, TextSize


class UserManager(BaseUserManager):
    """Creates users keyed by email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person with an account. The email address is the sign-in."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)


class ContactMethod(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    POST = "post", _("Post")
    TEXT = "text", _("Text message")


class CommunicationNeed(models.TextChoices):
    EASY_READ = "easy_read", _("Easy read")
    LARGE_PRINT = "large_print", _("Large print")
    AUDIO = "audio", _("Audio")
    BSL = "bsl", _("British Sign Language (BSL)")


class Profile(models.Model):
    """What a member tells us about themselves: how to reach them and how they read.

    Communication needs are health information: only the member and staff holding
    `view_communication_needs` may see them.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_("The name other people see, for example on a live session."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    preferred_contact = models.CharField(
        _("preferred way to contact you"),
        max_length=10,
        choices=ContactMethod.choices,
        default=ContactMethod.EMAIL,
    )
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), max_length=500, blank=True)
    communication_needs = models.JSONField(_("communication needs"), default=list, blank=True)
    other_language = models.CharField(
        _("another language"),
        max_length=100,
        blank=True,
        help_text=_("For example Somali, Urdu, Polish or Welsh."),
    )
    other_communication_needs = models.TextField(
        _("anything else about how you communicate"), max_length=1000, blank=True
    )

    # Display preferences (see coproduction/members/preferences.py).
    text_size = models.CharField(max_length=3, choices=TextSize.choices, default=TextSize.STANDARD)
    contrast = models.CharField(max_length=10, choices=Contrast.choices, default=Contrast.STANDARD)
    readable_spacing = models.BooleanField(default=False)
    reduce_motion = models.BooleanField(default=False)
    easy_read_first = models.BooleanField(default=False)
    captions_on = models.BooleanField(
        _("show live captions by default"),
        default=False,
        help_text=_("In live sessions, captions start switched on."),
    )

    class Meta:
        permissions = [
            ("view_communication_needs", "Can see members' communication needs"),
        ]

    def __str__(self):
        return self.display_name

    def communication_need_labels(self):
        labels = dict(CommunicationNeed.choices)
        return [labels[n] for n in self.communication_needs if n in labels]


class Supporter(models.Model):
    """Someone a member chose to act for them, such as entering a consultation response
    they gave by phone or on paper (a carer, a Personal Assistant, an advocate)."""

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="supporters")
    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="supporting")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "supporter"], name="unique_supporter"),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("supporter")), name="not_own_supporter"
            ),
        ]

    def __str__(self):
        return f"{self.supporter} supports {self.member}"


class EmailedLink(models.Model):
    """A link we emailed that lets its holder do one thing: base for sign-up links and invitations.

    Only a hash of the link's secret is kept, and the link itself names nobody, so access
    logs that record it hold no email address.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    VALID_FOR = timedelta(days=7)

    class Meta:
        abstract = True

    @classmethod
    def hash(cls, token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, **fields):
        """A new link; returns (row, secret). Links past their time are deleted on the way."""
        cls.objects.filter(created_at__lt=timezone.now() - cls.VALID_FOR).delete()
        token = secrets.token_urlsafe(32)
        return cls.objects.create(token_hash=cls.hash(token), **fields), token

    @classmethod
    def find(cls, token):
        """The link for this secret, or None if there is none or it is too old."""
        return cls.objects.filter(
            token_hash=cls.hash(token), created_at__gte=timezone.now() - cls.VALID_FOR
        ).first()

    def expires_at(self):
        return self.created_at + self.VALID_FOR


class SignUpLink(EmailedLink):
    """A link to finish creating an account, sent to an address that has none yet."""

    preferences = models.CharField(
        max_length=300, blank=True, help_text=_("The display preferences chosen before signing up.")
    )

    VALID_FOR = timedelta(days=7)

    def __str__(self):
        return f"Sign-up link {self.pk}"


class SupporterInvitation(EmailedLink):
    """A member's invitation to someone, by email address, to act for them."""

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="supporter_invitations")

    VALID_FOR = timedelta(days=14)

    def __str__(self):
        return f"Invitation {self.pk} from {self.member_id}"
