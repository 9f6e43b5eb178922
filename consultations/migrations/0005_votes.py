"""One person, one vote; what counts is what was sent.

- An answer holds each choice once and each position once. Databases that already hold
  a repeated choice (a request could send the same checkbox value several times) are
  folded first: the first row of each repeat stays, the others go. An answer with two
  items at one position has its positions renumbered in their stored order.
- `Answer.is_sent` marks the answer a person last sent; results and exports count only
  that one, so a change saved after sending counts once it is sent. For responses
  already sent, the sent answer to each question is the latest one given before the
  last sending (an answer cleared since is not counted, as before). Responses sent
  without a recorded sending time (made outside the answering journey) keep counting
  their current answers.
"""

from django.db import migrations, models
from django.db.models import Count, Min


def fold_repeated_choices(apps, schema_editor):
    AnswerChoice = apps.get_model("consultations", "AnswerChoice")
    repeats = (
        AnswerChoice.objects.filter(choice__isnull=False)
        .order_by()
        .values("answer_id", "choice_id")
        .annotate(rows=Count("pk"), first=Min("pk"))
        .filter(rows__gt=1)
    )
    for repeat in repeats:
        AnswerChoice.objects.filter(answer_id=repeat["answer_id"], choice_id=repeat["choice_id"]).exclude(
            pk=repeat["first"]
        ).delete()

    shared_positions = (
        AnswerChoice.objects.filter(rank__isnull=False)
        .order_by()
        .values("answer_id", "rank")
        .annotate(rows=Count("pk"))
        .filter(rows__gt=1)
    )
    for answer_id in sorted({shared["answer_id"] for shared in shared_positions}):
        ranked = AnswerChoice.objects.filter(answer_id=answer_id, rank__isnull=False).order_by("rank", "pk")
        rows = list(ranked)
        # Clear first, so that renumbering never meets the positions being replaced.
        ranked.update(rank=None)
        for position, row in enumerate(rows, start=1):
            AnswerChoice.objects.filter(pk=row.pk).update(rank=position)


def check_foreign_keys_now(apps, schema_editor):
    # PostgreSQL cannot index a table with foreign-key checks still pending from the
    # changes above, so they run now, before the constraints are added.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def mark_sent_answers(apps, schema_editor):
    Answer = apps.get_model("consultations", "Answer")
    Response = apps.get_model("consultations", "Response")
    sent_ids = []
    for response in Response.objects.filter(status="submitted").iterator():
        answers = list(Answer.objects.filter(response=response).order_by("created_at", "pk"))
        if response.last_submitted_at is None:
            sent_ids += [a.pk for a in answers if a.is_current]
            continue
        latest_before = {}
        answered_later = set()
        for answer in answers:
            if answer.created_at <= response.last_submitted_at:
                latest_before[answer.question_id] = answer
            else:
                answered_later.add(answer.question_id)
        for question_id, answer in latest_before.items():
            if answer.is_current or question_id in answered_later:
                sent_ids.append(answer.pk)
    for start in range(0, len(sent_ids), 500):
        Answer.objects.filter(pk__in=sent_ids[start : start + 500]).update(is_sent=True)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0004_live_session_permissions")]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="is_sent",
            field=models.BooleanField(
                default=False,
                help_text="The answer the person last sent: it counts in results and exports.",
            ),
        ),
        migrations.RunPython(fold_repeated_choices, migrations.RunPython.noop),
        migrations.RunPython(mark_sent_answers, migrations.RunPython.noop),
        migrations.RunPython(check_foreign_keys_now, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_sent", True)), fields=("response", "question"), name="one_sent_answer"
            ),
        ),
        migrations.AddConstraint(
            model_name="answerchoice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("choice__isnull", False)),
                fields=("answer", "choice"),
                name="choice_once_per_answer",
            ),
        ),
        migrations.AddConstraint(
            model_name="answerchoice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("rank__isnull", False)),
                fields=("answer", "rank"),
                name="rank_once_per_answer",
            ),
        ),
    ]
