from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from coproduction.live.hosts import LiveHostMixin

from .groups import AdvisoryGroup


class ReflectionsIndexPage(Page):
    """Lists the published reflection documents, with each one's figures."""

    intro = RichTextField(features=["bold", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_documents(self):
        """The published documents under this page, each with its figures over its published items."""
        from ..services import published_figures

        documents = list(
            ReflectionDocumentPage.objects.child_of(self).live().public().select_related("group")
        )
        figures = published_figures(documents)
        for document in documents:
            document.figures = figures[document.pk]
        return documents

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.get_documents()
        return context

    parent_page_types = ["home.HomePage"]
    subpage_types = ["reflections.ReflectionDocumentPage"]


class ReflectionDocumentPage(LiveHostMixin, Page):
    """A living "you said / we did" document that one advisory group keeps.

    Its items and actions are edited on the public site by the group's members (routes
    below); the Wagtail editor sets the group, the purpose and the meetings. It hosts a
    live session (`EditingSession`) that tells the people editing an item who else is.
    """

    group = models.ForeignKey(AdvisoryGroup, on_delete=models.PROTECT, related_name="documents")
    purpose = RichTextField(_("purpose"), features=["bold", "link", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("group"),
        FieldPanel("purpose"),
        InlinePanel("meetings", label=_("Meetings")),
    ]
    search_fields = Page.search_fields + [index.SearchField("purpose")]

    def get_context(self, request, *args, **kwargs):
        from ..views import document_context

        context = super().get_context(request, *args, **kwargs)
        context.update(document_context(self, request))
        return context

    # The views import the models, so each route imports its view when a request comes in.
    @path("items/add/", name="add_item")
    def add_item_route(self, request):
        from ..views import add_item

        return add_item(request, self)

    @re_path(r"^items/(?P<item_id>\d+)/$", name="item")
    def item_route(self, request, item_id):
        from ..views import item_detail

        return item_detail(request, self, int(item_id))

    @re_path(r"^items/(?P<item_id>\d+)/edit/$", name="edit_item")
    def edit_item_route(self, request, item_id):
        from ..views import edit_item

        return edit_item(request, self, int(item_id))

    @re_path(r"^items/(?P<item_id>\d+)/history/$", name="item_history")
    def item_history_route(self, request, item_id):
        from ..views import item_history

        return item_history(request, self, int(item_id))

    @re_path(r"^items/(?P<item_id>\d+)/follow/$", name="follow_item")
    def follow_item_route(self, request, item_id):
        from ..views import follow_item

        return follow_item(request, self, int(item_id))

    @re_path(r"^items/(?P<item_id>\d+)/comments/$", name="comment")
    def comment_route(self, request, item_id):
        from ..views import comment

        return comment(request, self, int(item_id))

    @re_path(r"^items/(?P<item_id>\d+)/actions/add/$", name="add_action")
    def add_action_route(self, request, item_id):
        from ..views import add_action

        return add_action(request, self, int(item_id))

    @re_path(r"^actions/(?P<action_id>\d+)/edit/$", name="edit_action")
    def edit_action_route(self, request, action_id):
        from ..views import edit_action

        return edit_action(request, self, int(action_id))

    @re_path(r"^meetings/(?P<meeting_id>\d+)/changes/$", name="changes_since_meeting")
    def changes_since_meeting_route(self, request, meeting_id):
        from ..views import changes_since_meeting

        return changes_since_meeting(request, self, int(meeting_id))

    @re_path(r"^meetings/(?P<meeting_id>\d+)/as-at/$", name="as_at_meeting")
    def as_at_meeting_route(self, request, meeting_id):
        from ..views import as_at_meeting

        return as_at_meeting(request, self, int(meeting_id))

    @re_path(r"^export/(?P<file_format>csv|docx)/$", name="export")
    def export_route(self, request, file_format):
        from ..views import export

        return export(request, self, file_format)

    def can_edit(self, user):
        """Whether `user` may add and change items: a member of the owning group with the role."""
        return self.group.membership_of(user) is not None

    def live_may_join(self, session, user):
        """Only the owning group's members join the document's live sessions."""
        return self.can_edit(user)

    def live_place_allowed(self, session, user, place):
        """The places in the document's sessions are its items: "item:<id>"."""
        kind, _sep, item_id = place.partition(":")
        return kind == "item" and item_id.isdigit() and self.items.filter(pk=int(item_id)).exists()

    def is_lead(self, user):
        membership = self.group.membership_of(user)
        return membership is not None and membership.is_lead

    parent_page_types = ["reflections.ReflectionsIndexPage"]
    subpage_types = []


class EditingSession(models.Model):
    """The live session that carries "who else is editing" for one document, made when first needed."""

    document = models.OneToOneField(ReflectionDocumentPage, on_delete=models.CASCADE, related_name="editing")
    session = models.OneToOneField("live.LiveSession", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"Editing {self.document}"


class Meeting(Orderable):
    """A meeting of the group: items can come from one, and the document can be seen as it stood at one."""

    document = ParentalKey(ReflectionDocumentPage, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.title} ({self.date:%-d %B %Y})"
