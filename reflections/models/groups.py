from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

ADVISORY_GROUP_ROLE = "Advisory group"


class AdvisoryGroup(ClusterableModel):
    """A group that keeps a reflection document, such as a Co-production Advisory Group."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    purpose = models.TextField(_("purpose"), max_length=2000, blank=True)

    panels = [FieldPanel("name"), FieldPanel("purpose"), InlinePanel("memberships", label=_("Members"))]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def membership_of(self, user):
        """The person's membership of this group, or None: only signed-in members with the role count."""
        if not (user and user.is_authenticated and user.is_active):
            return None
        if not user.groups.filter(name=ADVISORY_GROUP_ROLE).exists():
            return None
        return self.memberships.filter(member=user).first()


class GroupMembership(Orderable):
    """One member of an advisory group; the lead can restore earlier versions of items."""

    group = ParentalKey(AdvisoryGroup, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advisory_memberships"
    )
    is_lead = models.BooleanField(_("group lead"), default=False)

    panels = [FieldPanel("member"), FieldPanel("is_lead")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["group", "member"], name="one_membership_per_group")]

    def __str__(self):
        return f"{self.member} in {self.group}"
