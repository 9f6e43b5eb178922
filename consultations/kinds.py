"""Question kinds: everything that differs between a single choice, a rating, a ranking...

One class per kind, registered under the value `Question.kind` stores (Wagtail's form
builder, with its `create_<type>_field` per field type, is the model). A kind gives the
form fields a person answers with and their error messages, the checks across those
fields, the value stored (`AnswerValue`), the form's initial data from a saved value,
the lines that show an answer ("Check your answers", the receipt, the export) and the
counts on the results page. Adding a kind is adding one class here: forms, views,
summaries and results ask `kind_for(question)` and never branch on the kind.

Nothing here needs a request, so live polls can call the same kinds.
"""

from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models.questions import QuestionKind
from .models.responses import ModerationStatus

# The value of the "Other" checkbox a multiple choice question may offer.
OTHER = "other"


@dataclass(frozen=True)
class AnswerValue:
    """What a person answered to one question, already validated."""

    text: str = ""
    other_text: str = ""
    rating: int | None = None
    choices: tuple = ()  # (choice, rank or None) pairs

    def is_empty(self):
        return not (self.text or self.other_text or self.rating or self.choices)

    def key(self):
        return (self.text, self.other_text, self.rating, tuple((c.pk, r) for c, r in self.choices))


@dataclass
class QuestionResult:
    """The counts for one question, as the results page and its chart show them."""

    question: object
    kind: object = None
    answered: int = 0
    rows: list = field(default_factory=list)  # (label, count, percent)
    average_rank: list = field(default_factory=list)  # (label, average position)
    published_texts: list = field(default_factory=list)
    live_votes: int = 0  # of `answered`, how many were votes in a live poll

    @property
    def votes_after(self):
        return self.answered - self.live_votes

    BAR_PITCH = 44

    def bars(self):
        """Bars for the SVG chart: a label line, then a bar as wide as its percentage."""
        return [
            {
                "label": label,
                "percent": percent,
                "label_y": i * self.BAR_PITCH + 16,
                "y": i * self.BAR_PITCH + 22,
                "width": percent * 5,
                "percent_x": percent * 5 + 8,
                "percent_y": i * self.BAR_PITCH + 36,
            }
            for i, (label, _count, percent) in enumerate(self.rows)
        ]

    def chart_height(self):
        return len(self.rows) * self.BAR_PITCH


def percent(count, total):
    """A whole-number percentage; nothing answered is 0%, not a division by zero."""
    return round(100 * count / total) if total else 0


class Kind:
    """One kind of question. Subclass it, set `name`, and `register` the class."""

    # The value stored in `Question.kind`.
    name = ""
    # The choices an editor adds are what people pick from.
    has_choices = False
    # Answers in the person's own words: moderated, and published only with consent.
    collects_words = False
    # The fields on the question page, inside its form.
    template = "consultations/kinds/default.html"
    # The heading of the results table's count column.
    count_heading = _("People")
    # How a live poll of this kind is answered ("radio" or "checkbox"); "" if it cannot be one.
    live_poll_input = ""

    def form_fields(self, question, easy_read=False):
        """The form fields, by name, that a person answers this question with."""
        raise NotImplementedError

    def clean(self, question, cleaned_data, invalid=frozenset()):
        """Mistakes across fields, as (field name or None, message) pairs.

        `invalid` names the fields that already have an error, so each gets one message.
        """
        return []

    def value(self, question, cleaned_data):
        """The AnswerValue to store from valid form data."""
        raise NotImplementedError

    def initial(self, question, value):
        """Form initial data from a saved AnswerValue, so a person sees what they gave."""
        raise NotImplementedError

    def summary_lines(self, question, answer, easy_read=False):
        """The lines that show a stored Answer: the choices, any other answer, any words."""
        lines = [chosen_wording(question, selection, easy_read) for selection in answer.selections.all()]
        if answer.other_text:
            lines.append(gettext("Other: %(text)s") % {"text": answer.other_text})
        if answer.text:
            lines.append(answer.text)
        return lines

    def count(self, question, answers):
        """A QuestionResult from the answers that count (sent answers of sent responses)."""
        return QuestionResult(question=question, kind=self, answered=len(answers))

    def question_errors(self, question):
        """What an editor must fix in a question of this kind, by field name."""
        return {}


_KINDS = {}


class UnknownKind(LookupError):
    """A question names a kind that no class is registered for."""


def register(kind_class):
    """Make a kind available under its `name` (use it as a class decorator)."""
    _KINDS[kind_class.name] = kind_class()
    return kind_class


def unregister(name):
    """Take a kind away again (tests that add a kind of their own clean up with it)."""
    _KINDS.pop(name, None)


def kind_for(question):
    """The kind of a question (or of a stored kind name)."""
    name = getattr(question, "kind", question)
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownKind(f"No question kind is registered as {name!r}") from None


def kinds_collecting_words():
    """The names of the kinds whose answers are the person's own words."""
    return [name for name, kind in _KINDS.items() if kind.collects_words]


def chosen_wording(question, selection, easy_read=False):
    """A chosen answer's words as they were chosen, unless the person reads easy read."""
    choice = next((c for c in question.choices.all() if c.pk == selection.choice_id), None)
    if easy_read and choice is not None and choice.easy_read_text:
        return choice.easy_read_text
    return selection.choice_text


def _choices_by_pk(question):
    return {str(c.pk): c for c in question.choices.all()}


def radios(question, easy_read, options, coerce=None, **messages):
    """One answer from `options`, as radio buttons headed by the question, with `messages`
    for the mistakes ("required", "invalid_choice", "repeated"); `coerce` makes a number."""
    common = {
        "label": question.wording(easy_read),
        "choices": options,
        "widget": forms.RadioSelect,
        "required": question.required,
        "help_text": question.hint,
        "error_messages": messages,
    }
    if coerce is None:
        return forms.ChoiceField(**common)
    return forms.TypedChoiceField(coerce=coerce, **common)


class ChoiceKind(Kind):
    """Shared by the kinds where people pick from the editor's choices."""

    has_choices = True

    def options(self, question, easy_read):
        return [(str(c.pk), c.wording(easy_read)) for c in question.choices.all()]

    def count(self, question, answers):
        result = super().count(question, answers)
        counts = Counter(s.choice_id for a in answers for s in a.selections.all())
        for choice in question.choices.all():
            result.rows.append((choice.text, counts[choice.pk], percent(counts[choice.pk], len(answers))))
        # A question that offers "other" counts the people who wrote one.
        if question.allow_other:
            others = sum(1 for a in answers if a.other_text)
            result.rows.append((gettext("Other"), others, percent(others, len(answers))))
        return result


@register
class SingleChoice(ChoiceKind):
    """One answer from a list, as radio buttons."""

    name = QuestionKind.SINGLE
    live_poll_input = "radio"

    def form_fields(self, question, easy_read=False):
        return {
            "answer": radios(
                question,
                easy_read,
                self.options(question, easy_read),
                required=_("Choose an answer"),
                invalid_choice=_("Choose one of the answers listed"),
                repeated=_("Choose only one answer"),
            )
        }

    def value(self, question, cleaned_data):
        choice = _choices_by_pk(question).get(cleaned_data.get("answer") or "")
        return AnswerValue(choices=((choice, None),) if choice else ())

    def initial(self, question, value):
        return {"answer": str(value.choices[0][0].pk)} if value.choices else {}


@register
class MultipleChoice(ChoiceKind):
    """Any number of answers from a list, as checkboxes, perhaps with "other, please say"."""

    name = QuestionKind.MULTIPLE
    live_poll_input = "checkbox"
    REPEATED_CHOICE = _("You chose \u201c%(choice)s\u201d more than once. Choose each answer once.")

    def form_fields(self, question, easy_read=False):
        options = self.options(question, easy_read)
        if question.allow_other:
            options.append((OTHER, _("Other")))
        fields = {
            "answer": forms.MultipleChoiceField(
                label=question.wording(easy_read),
                choices=options,
                widget=forms.CheckboxSelectMultiple,
                required=question.required,
                help_text=question.hint or _("Choose all that apply."),
                error_messages={
                    "required": _("Choose at least one answer"),
                    "invalid_choice": _("Choose answers from the list"),
                    "repeated_choice": self.REPEATED_CHOICE,
                },
            )
        }
        if question.allow_other:
            fields["other_text"] = forms.CharField(
                label=_("If you chose \u201cother\u201d, please say what"),
                required=False,
                widget=forms.TextInput,
                max_length=300,
                error_messages={
                    "max_length": _("Your other answer must be 300 characters or fewer"),
                    "repeated": _("Write only one other answer"),
                },
            )
        return fields

    def clean(self, question, cleaned_data, invalid=frozenset()):
        chosen = cleaned_data.get("answer") or []
        # A form refuses a value sent twice before this (OneValueEachMixin); a caller
        # without a form is refused here, so one person's choice never counts twice.
        repeated = next((pk for n, pk in enumerate(chosen) if pk in chosen[:n]), None)
        if repeated is not None and "answer" not in invalid:
            choice = _choices_by_pk(question).get(repeated)
            label = choice.text if choice is not None else gettext("Other")
            return [("answer", self.REPEATED_CHOICE % {"choice": label})]
        if (
            question.allow_other
            and OTHER in chosen
            and not cleaned_data.get("other_text")
            and "other_text" not in invalid
        ):
            return [("other_text", _("Say what your other answer is, or untick \u201cOther\u201d"))]
        return []

    def value(self, question, cleaned_data):
        by_pk = _choices_by_pk(question)
        chosen = cleaned_data.get("answer") or []
        other = cleaned_data.get("other_text", "") if OTHER in chosen else ""
        return AnswerValue(other_text=other, choices=tuple((by_pk[pk], None) for pk in chosen if pk in by_pk))

    def initial(self, question, value):
        chosen = [str(c.pk) for c, _rank in value.choices] + ([OTHER] if value.other_text else [])
        return {"answer": chosen, "other_text": value.other_text}


@register
class Rating(Kind):
    """A rating from 1 to 5, each number with the editor's label."""

    name = QuestionKind.RATING
    live_poll_input = "radio"

    def form_fields(self, question, easy_read=False):
        return {
            "answer": radios(
                question,
                easy_read,
                [(str(v), f"{v} \u2013 {label}") for v, label in question.rating_scale()],
                required=_("Choose a rating from 1 to 5"),
                invalid_choice=_("Choose a rating from 1 to 5"),
                repeated=_("Choose only one rating"),
                coerce=int,
            )
        }

    def value(self, question, cleaned_data):
        return AnswerValue(rating=cleaned_data.get("answer") or None)

    def initial(self, question, value):
        return {"answer": str(value.rating)} if value.rating else {}

    def summary_lines(self, question, answer, easy_read=False):
        labels = dict(question.rating_scale())
        return [f"{answer.rating} \u2013 {labels.get(answer.rating, '')}"]

    def count(self, question, answers):
        result = super().count(question, answers)
        counts = Counter(a.rating for a in answers)
        for value, label in question.rating_scale():
            result.rows.append(
                (f"{value} \u2013 {label}", counts[value], percent(counts[value], len(answers)))
            )
        return result

    def question_errors(self, question):
        if len(question.rating_scale()) != 5:
            return {"rating_labels": _("Give exactly five labels, one per line.")}
        return {}


@register
class Ranking(ChoiceKind):
    """Every choice gets a position, 1 being the most important; each position once."""

    name = QuestionKind.RANKING
    template = "consultations/kinds/ranking.html"
    count_heading = _("Put first by")

    @staticmethod
    def field_name(choice):
        return f"rank_{choice.pk}"

    def form_fields(self, question, easy_read=False):
        choices = list(question.choices.all())
        positions = [("", _("Choose a position"))] + [(str(n), str(n)) for n in range(1, len(choices) + 1)]
        return {
            self.field_name(choice): forms.TypedChoiceField(
                label=_("Position for \u201c%(choice)s\u201d") % {"choice": choice.wording(easy_read)},
                choices=positions,
                coerce=int,
                required=False,
                error_messages={
                    "invalid_choice": _("Choose a position from the list"),
                    "repeated": _("Give \u201c%(choice)s\u201d only one position")
                    % {"choice": choice.wording(easy_read)},
                },
            )
            for choice in choices
        }

    def clean(self, question, cleaned_data, invalid=frozenset()):
        errors = []
        choices = list(question.choices.all())
        ranks = {c.pk: cleaned_data.get(self.field_name(c)) for c in choices}
        given = [r for r in ranks.values() if r]
        if question.required and len(given) < len(choices):
            for choice in choices:
                if not ranks[choice.pk] and self.field_name(choice) not in invalid:
                    errors.append(
                        (
                            self.field_name(choice),
                            _("Choose a position for \u201c%(choice)s\u201d") % {"choice": choice.text},
                        )
                    )
        elif given and len(given) < len(choices):
            errors.append((None, _("Give every item a position, or leave them all blank")))
        seen = {}
        for choice in choices:
            rank = ranks[choice.pk]
            if rank and rank in seen:
                errors.append(
                    (
                        self.field_name(choice),
                        _(
                            "Position %(rank)s is also given to \u201c%(other)s\u201d. "
                            "Give each position once."
                        )
                        % {"rank": rank, "other": seen[rank].text},
                    )
                )
            elif rank:
                seen[rank] = choice
        return errors

    def value(self, question, cleaned_data):
        ranked = [
            (c, cleaned_data.get(self.field_name(c)))
            for c in question.choices.all()
            if cleaned_data.get(self.field_name(c))
        ]
        return AnswerValue(choices=tuple(sorted(ranked, key=lambda pair: pair[1])))

    def initial(self, question, value):
        return {self.field_name(c): str(rank) for c, rank in value.choices}

    def summary_lines(self, question, answer, easy_read=False):
        return [f"{s.rank}. {chosen_wording(question, s, easy_read)}" for s in answer.selections.all()]

    def count(self, question, answers):
        # The rows count who put each item first; the average position is listed apart.
        result = QuestionResult(question=question, kind=self, answered=len(answers))
        positions = {}
        for answer in answers:
            for selection in answer.selections.all():
                positions.setdefault(selection.choice_id, []).append(selection.rank)
        for choice in question.choices.all():
            ranks = positions.get(choice.pk, [])
            first = sum(1 for r in ranks if r == 1)
            result.rows.append((choice.text, first, percent(first, len(answers))))
            if ranks:
                result.average_rank.append((choice.text, round(sum(ranks) / len(ranks), 1)))
        result.average_rank.sort(key=lambda row: row[1])
        return result


@register
class FreeText(Kind):
    """An answer in the person's own words, up to the question's number of characters."""

    name = QuestionKind.TEXT
    collects_words = True
    template = "consultations/kinds/text.html"

    def form_fields(self, question, easy_read=False):
        answer = forms.CharField(
            label=question.wording(easy_read),
            widget=forms.Textarea(attrs={"rows": 8}),
            required=question.required,
            help_text=question.hint,
            strip=True,
            max_length=question.max_length,
            error_messages={
                "required": _("Write your answer"),
                "repeated": _("Send only one answer to this question"),
                "max_length": _(
                    "Your answer must be %(limit_value)s characters or fewer. "
                    "It has %(show_value)s characters."
                ),
            },
        )
        # The character count shows the limit as the person types; the browser must not
        # cut a pasted answer short without saying so.
        answer.widget.attrs.pop("maxlength", None)
        return {"answer": answer}

    def value(self, question, cleaned_data):
        return AnswerValue(text=cleaned_data.get("answer") or "")

    def initial(self, question, value):
        return {"answer": value.text}

    def count(self, question, answers):
        result = super().count(question, answers)
        for answer in answers:
            moderation = getattr(answer, "moderation", None)
            if (
                moderation
                and moderation.status == ModerationStatus.APPROVED
                and answer.response.publish_consent
            ):
                result.published_texts.append(moderation.published_text)
        return result


def check_question(question):
    """Raise the editor's errors for a question of its kind (used by `Question.clean`).

    A kind nobody registered is left to the field's own list of choices to refuse.
    """
    try:
        errors = kind_for(question).question_errors(question)
    except UnknownKind:
        return
    if errors:
        raise ValidationError(errors)
