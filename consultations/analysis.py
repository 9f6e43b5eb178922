"""The analysis step: board staff moderate written answers and tag them with themes."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .export import export_links_context
from .forms import ModerationForm, ThemeForm
from .kinds import kinds_collecting_words
from .models import Moderation, Theme
from .models.responses import MAX_THEMES_PER_CONSULTATION, ModerationStatus
from .services import counted_answers
from .subpages import render_subpage


def analysis(request, page):
    """List written answers with a form each: publish or hide, redact, tag with themes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("consultations.moderate_answers"):
        raise PermissionDenied
    themes = list(page.themes.all())
    answers = list(
        counted_answers(page)
        .filter(question__kind__in=kinds_collecting_words())
        .select_related("response", "question", "moderation")
        .prefetch_related("themes")
        .order_by("question__sort_order", "created_at")
    )
    theme_form = ThemeForm(prefix="theme")
    forms = {}
    if request.method == "POST":
        if "add_theme" in request.POST:
            theme_form = ThemeForm(request.POST, prefix="theme")
            if theme_form.is_valid():
                name = theme_form.cleaned_data["name"].strip()
                if page.themes.filter(name__iexact=name).exists():
                    theme_form.add_error("name", _("There is already a theme with this name"))
                elif len(themes) >= MAX_THEMES_PER_CONSULTATION:
                    theme_form.add_error(
                        "name",
                        _(
                            "A consultation can have at most %(max)s themes. "
                            "Tag answers with a theme you already have."
                        )
                        % {"max": MAX_THEMES_PER_CONSULTATION},
                    )
                else:
                    Theme.objects.create(
                        consultation=page, name=name, description=theme_form.cleaned_data["description"]
                    )
                    messages.success(request, _("Theme \u201c%(name)s\u201d added.") % {"name": name})
                    return redirect(page.url_for("analysis"))
        else:
            answer = next((a for a in answers if str(a.pk) == request.POST.get("answer")), None)
            if answer is None:
                messages.error(request, _("That answer could not be found. It may have been changed."))
                return redirect(page.url_for("analysis"))
            form = ModerationForm(answer, themes, request.POST, prefix=f"a{answer.pk}")
            if form.is_valid():
                save_moderation(answer, form.cleaned_data, request.user, themes)
                messages.success(
                    request, _("Your decision on answer %(number)s is saved.") % {"number": answer.pk}
                )
                return redirect(f"{page.url_for('analysis')}#answer-{answer.pk}")
            forms[answer.pk] = form
    rows = []
    for answer in answers:
        moderation = getattr(answer, "moderation", None)
        form = forms.get(answer.pk) or ModerationForm(
            answer,
            themes,
            prefix=f"a{answer.pk}",
            initial={
                "status": moderation.status if moderation else ModerationStatus.PENDING,
                "published_text": moderation.published_text if moderation else answer.text,
                "redaction_reason": moderation.redaction_reason if moderation else "",
                "themes": [str(t.pk) for t in answer.themes.all()],
            },
        )
        rows.append((answer, form))
    return render_subpage(
        request,
        page,
        "consultations/analysis.html",
        {
            "rows": rows,
            "theme_form": theme_form,
            "themes": themes,
            "error_forms": list(forms.values()),
            **export_links_context(request.user, page),
        },
        subpage_title=_("Moderate and theme written answers"),
    )


@transaction.atomic
def save_moderation(answer, data, user, themes):
    Moderation.objects.update_or_create(
        answer=answer,
        defaults={
            "status": data["status"],
            "published_text": data["published_text"].strip(),
            "redaction_reason": data["redaction_reason"],
            "moderated_by": user,
        },
    )
    chosen = {str(pk) for pk in data["themes"]}
    answer.themes.set([t for t in themes if str(t.pk) in chosen])
