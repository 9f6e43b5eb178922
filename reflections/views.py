"""The document's pages: the public view with its figures, an item with its actions and
history, and the group's forms to add and change items and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from home.sources import resolve

from . import editing, history, meetings, services
from . import export as exports
from .forms import ActionForm, CommentForm, ItemForm, SendToReflectionsForm
from .models import (
    Action,
    ActionStatus,
    Audience,
    Comment,
    Follow,
    Item,
    Notification,
    ReflectionDocumentPage,
)

STATUS_LABELS = {
    "no_action": _("No action yet"),
    **dict(ActionStatus.choices),
}
SOURCE_FILTERS = [("meeting", _("A meeting of the group")), ("platform", _("Elsewhere on this site"))]


def visible_items(page, user):
    """The items this person may read: all of them for the group, the published ones for everyone else."""
    items = page.items.prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("created_at")))
    items = items.select_related("meeting")
    return items if page.can_edit(user) else items.filter(published=True)


def filter_items(items, status="", source="", audience=""):
    items = list(items)
    if status in STATUS_LABELS:
        items = [item for item in items if item.status() == status]
    if source == "meeting":
        items = [item for item in items if item.meeting_id]
    elif source == "platform":
        items = [item for item in items if item.source_type_id]
    if audience in Audience.values:
        items = [item for item in items if item.audience == audience]
    return items


def document_context(page, request):
    """What the document's page shows: the items that match the filters and the figures of all."""
    items = list(visible_items(page, request.user))
    chosen = {name: request.GET.get(name, "") for name in ("status", "source", "audience")}
    return {
        "items": filter_items(items, **chosen),
        "figures": services.figures(items),
        "chosen": chosen,
        "status_filters": list(STATUS_LABELS.items()),
        "source_filters": SOURCE_FILTERS,
        "audience_filters": Audience.choices,
        "can_edit": page.can_edit(request.user),
        "status_labels": STATUS_LABELS,
    }


def _render(request, page, template, context=None, status=200):
    context = {"page": page, "can_edit": page.can_edit(request.user), **(context or {})}
    return TemplateResponse(request, template, context, status=status)


def _item(page, request, item_id):
    item = visible_items(page, request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


def _require_group(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not page.can_edit(request.user):
        raise PermissionDenied
    return None


def item_detail(request, page, item_id):
    """One item: what was said, where it came from, its actions and their status."""
    item = _item(page, request, item_id)
    return _render_item(request, page, item)


def _render_item(request, page, item, comment_form=None):
    source = resolve(item.source_type_id, item.source_id) if item.source_type_id else None
    user = request.user
    context = {
        "item": item,
        "source": source,
        "status_labels": STATUS_LABELS,
        "following": user.is_authenticated and Follow.objects.filter(item=item, member=user).exists(),
        "comments": item.comments.select_related("author__profile") if page.can_edit(user) else None,
        "form": comment_form or CommentForm(),
    }
    return _render(request, page, "reflections/item.html", context)


@require_POST
def follow_item(request, page, item_id):
    """A signed-in member follows an item, or stops following it."""
    if not request.user.is_authenticated:
        return redirect_to_login(page.url_for("item", item_id))
    item = _item(page, request, item_id)
    follow, created = Follow.objects.get_or_create(item=item, member=request.user)
    if created:
        messages.success(request, _("You are following this item. We will tell you when its actions change."))
    else:
        follow.delete()
        messages.success(request, _("You have stopped following this item."))
    return redirect(page.url_for("item", item.pk))


@require_POST
def comment(request, page, item_id):
    """The group discusses an item."""
    if refused := _require_group(request, page):
        return refused
    item = _item(page, request, item_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_item(request, page, item, comment_form=form)
    Comment.objects.create(item=item, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Your comment is added."))
    return redirect(page.url_for("item", item.pk) + "#discussion-heading")


@login_required
def notifications_page(request):
    """The member's notifications about items they follow or raised, newest first; seen once read."""
    notes = list(Notification.objects.filter(member=request.user).select_related("item__document")[:100])
    unread = [n.pk for n in notes if n.read_at is None]
    Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    context = {"notifications": notes, "unread": set(unread)}
    return TemplateResponse(request, "reflections/notifications.html", context)


@require_http_methods(["GET", "POST"])
def add_item(request, page):
    """The group adds an item."""
    if refused := _require_group(request, page):
        return refused
    form = ItemForm(request.POST or None, document=page)
    if request.method == "POST" and form.is_valid():
        item = services.create_item(page, form.cleaned_data, by=request.user)
        return redirect(page.url_for("item", item.pk))
    return _render(request, page, "reflections/item_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def edit_item(request, page, item_id):
    """The group changes an item; a change saved meanwhile by someone else is merged, never lost."""
    if refused := _require_group(request, page):
        return refused
    item = _item(page, request, item_id)
    return _edit(
        request,
        page,
        item,
        ItemForm(request.POST or None, instance=item, document=page, initial={"version": item.version}),
        item,
        presence={"session": editing.editing_session(page).pk, "place": editing.place_of(item)},
    )


@require_http_methods(["GET", "POST"])
def add_action(request, page, item_id):
    """The group adds an action to an item."""
    if refused := _require_group(request, page):
        return refused
    item = _item(page, request, item_id)
    form = ActionForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        services.create_action(item, form.cleaned_data, by=request.user)
        return redirect(page.url_for("item", item.pk))
    context = {"form": form, "item": item}
    return _render(request, page, "reflections/action_form.html", context)


@require_http_methods(["GET", "POST"])
def edit_action(request, page, action_id):
    """The group changes an action: its text, owner, dates or status."""
    if refused := _require_group(request, page):
        return refused
    action = Action.objects.filter(pk=action_id, item__document=page).select_related("item").first()
    if action is None:
        raise Http404
    form = ActionForm(
        request.POST or None, instance=action, item=action.item, initial={"version": action.version}
    )
    return _edit(request, page, action, form, action.item)


def _edit(request, page, obj, form, item, presence=None):
    """Save an edit of an item or action from the version the form started at.

    `presence` (the live session and place) lets the page say who else is editing.
    """
    template = "reflections/item_form.html" if isinstance(obj, Item) else "reflections/action_form.html"
    context = {"form": form, "item": item, "editing": obj, "presence": presence}
    if request.method != "POST" or not form.is_valid():
        return _render(request, page, template, context)
    try:
        saved = services.save(obj, form.started_from(obj.version), form.cleaned_data, by=request.user)
    except services.StaleVersion:
        form.add_error(
            None,
            _(
                "This form came from a version of the page that was never saved. "
                "Your words are below: check them and save again."
            ),
        )
        form.data = form.data.copy()
        form.data["version"] = obj.version
        return _render(request, page, template, context, 409)
    if not saved.written and saved.merge.conflicts:
        return _conflict(request, page, form, obj, item, saved, template)
    item_url = page.url_for("item", item.pk)
    if saved.merged:
        messages.success(request, _("Someone saved a change while you were editing. Both changes are kept."))
    else:
        messages.success(request, _("Your change is saved."))
    return redirect(item_url)


def _conflict(request, page, form, obj, item, saved, template):
    """Both changed the same words: show both texts; the form keeps the person's own, ready to merge."""
    data = form.data.copy()
    for name, value in saved.merge.values.items():
        if name not in saved.merge.conflicts and not isinstance(value, bool):
            data[name] = "" if value is None else value
    data["version"] = saved.current_version
    merged_form = type(form)(
        data, instance=obj, **({"document": page} if isinstance(obj, Item) else {"item": item})
    )
    conflicts = [
        {
            "field": merged_form[name],
            "theirs": saved.current_state[name],
            "mine": form.cleaned_data.get(name),
        }
        for name in saved.merge.conflicts
    ]
    context = {
        "form": merged_form,
        "item": item,
        "editing": obj,
        "conflicts": conflicts,
        "conflict_names": saved.merge.conflicts,
    }
    return _render(request, page, "reflections/conflict.html", context, 409)


def item_history(request, page, item_id):
    """Every saved version of an item and its actions, as readable changes; the lead can restore one."""
    item = _item(page, request, item_id)
    if request.method == "POST":
        if refused := _require_group(request, page):
            return refused
        if not page.is_lead(request.user):
            raise PermissionDenied
        restored = history.restore_from_post(item, request.POST, by=request.user)
        if restored is None:
            context = {"item": item, "entries": history.entries(item), "restore_error": True}
            return _render(request, page, "reflections/history.html", context, 400)
        return redirect(page.url_for("item_history", item.pk))
    context = {"item": item, "entries": history.entries(item), "is_lead": page.is_lead(request.user)}
    return _render(request, page, "reflections/history.html", context)


def _meeting(page, meeting_id):
    meeting = page.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def changes_since_meeting(request, page, meeting_id):
    """What changed since a meeting: items added, actions changed, statuses moved."""
    meeting = _meeting(page, meeting_id)
    changes = meetings.changes_since(page, meetings.end_of(meeting.date), not page.can_edit(request.user))
    context = {"meeting": meeting, "changes": changes, "status_labels": STATUS_LABELS}
    return _render(request, page, "reflections/changes_since.html", context)


def as_at_meeting(request, page, meeting_id):
    """The document as it stood at the end of a meeting's day, to read only."""
    meeting = _meeting(page, meeting_id)
    items = meetings.as_at(page, meetings.end_of(meeting.date), not page.can_edit(request.user))
    context = {"meeting": meeting, "items_then": items, "status_labels": STATUS_LABELS}
    return _render(request, page, "reflections/as_at.html", context)


def export(request, page, file_format):
    """The document (or the items said in a date range) as DOCX or CSV, for whoever may read it."""
    items = exports.in_range(list(visible_items(page, request.user)), *exports.date_range(request.GET))
    if file_format == "csv":
        return exports.csv_response(page, items)
    return exports.docx_response(page, items, services.figures(items))


SEND_PERMISSION = "reflections.add_item"


@login_required
@require_http_methods(["GET", "POST"])
def send_to_reflections(request, content_type_id, object_id):
    """A facilitator or board editor makes a "you said" item from a theme, a contribution or a question.

    The item starts unpublished, linked to its source; the group reviews it and adds actions.
    """
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    source = resolve(content_type_id, object_id)
    if source is None:
        raise Http404
    documents = ReflectionDocumentPage.objects.live().order_by("title")
    form = SendToReflectionsForm(
        request.POST or None, documents=documents, initial={"you_said": source.title}
    )
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        values = {"you_said": form.cleaned_data["you_said"], "audience": Audience.GROUP, "published": False}
        item = services.create_item(document, values, by=request.user, source=source)
        messages.success(
            request,
            _("Sent to \u201c%(title)s\u201d. The group can now review it.") % {"title": document.title},
        )
        return redirect(item.get_absolute_url())
    context = {"form": form, "source": source}
    return TemplateResponse(request, "reflections/send.html", context)
