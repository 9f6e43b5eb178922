"""The form posts of live polls (the no-JavaScript way), so a refused post keeps what was typed."""

from django.utils.translation import gettext_lazy as _

from coproduction.live.forms import LiveActionForm, LiveText, TypedTextInput, register_form

from .live_polls import QUICK_POLL_OPTION_LIMIT, QUICK_POLL_OPTIONS, QUICK_POLL_TEXT_LIMIT


@register_form("open_quick_poll")
class QuickPollForm(LiveActionForm):
    """The chair types a question and 2 to 6 options, and opens it as a poll."""

    text_field = "text"
    id_prefix = "quick-poll"
    text = LiveText(
        what=_("the poll question"),
        limit=QUICK_POLL_TEXT_LIMIT,
        label=_("Question"),
        widget=TypedTextInput(attrs={"maxlength": QUICK_POLL_TEXT_LIMIT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, QUICK_POLL_OPTIONS + 1):
            self.fields[f"option_{n}"] = LiveText(
                what=_("option %(n)s") % {"n": n},
                limit=QUICK_POLL_OPTION_LIMIT,
                required=n <= 2,
                label=_("Option %(n)s") % {"n": n} if n <= 2 else _("Option %(n)s (optional)") % {"n": n},
                widget=TypedTextInput(attrs={"maxlength": QUICK_POLL_OPTION_LIMIT}),
            )

    def option_fields(self):
        return [self[f"option_{n}"] for n in range(1, QUICK_POLL_OPTIONS + 1)]

    def message(self):
        message = super().message()
        for n in range(1, QUICK_POLL_OPTIONS + 1):
            value = self.cleaned_data.get(f"option_{n}")
            message[f"option_{n}"] = value or None
        return message


@register_form("vote")
class VoteForm(LiveActionForm):
    """A vote as a form post: the ticked boxes of a multiple choice poll come as a list."""

    id_prefix = "vote"
    list_fields = ("answer",)
