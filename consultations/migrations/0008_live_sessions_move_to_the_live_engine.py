"""Live sessions move to the live engine (`coproduction.live`, app label `live`).

The rows move, ids and all: sessions (their consultation becomes their host page: a
consultation page's id is its page id), agenda items, the event log, hands, written
questions, signals, captions, processed actions, presence, and who chairs, captions and
is invited. An agenda item's question stays with consultations, in `AgendaQuestion`.
The content types are renamed in place, so the permissions groups hold, and Wagtail's
history of the snippets, stay attached. Going back moves everything back. The emptied
tables go in 0009: PostgreSQL does not alter a table in the transaction that changed its rows.
"""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

MODELS = [
    "LiveSession",
    "AgendaItem",
    "LiveEvent",
    "RaisedHand",
    "WrittenQuestion",
    "AccessSignal",
    "CaptionLine",
    "ProcessedAction",
    "Presence",
]
PEOPLE = ["invited", "chairs", "captioners"]
# Columns that changed name on the way: the live engine's name, then the old one.
RENAMED = {"host_id": "consultation_id"}


def _columns(model):
    return [field.column for field in model._meta.local_concrete_fields]


# Table and column names come from the models and are quoted; no value is ever spliced in.
def _copy(schema_editor, source, target, pairs):
    quote = schema_editor.quote_name
    targets = ", ".join(quote(t) for t, _ in pairs)
    sources = ", ".join(quote(s) for _, s in pairs)
    schema_editor.execute(f"INSERT INTO {quote(target)} ({targets}) SELECT {sources} FROM {quote(source)}")  # noqa: S608


def _empty(schema_editor, model):
    schema_editor.execute(f"DELETE FROM {schema_editor.quote_name(model._meta.db_table)}")  # noqa: S608


def _move(apps, schema_editor, source_app, target_app):
    """Copy every live row from `source_app`'s tables to `target_app`'s, keeping ids."""
    moved = []
    for name in MODELS:
        source, target = apps.get_model(source_app, name), apps.get_model(target_app, name)
        target_columns = set(_columns(target))
        pairs = []
        for column in _columns(source):
            renamed = RENAMED.get(column) or {v: k for k, v in RENAMED.items()}.get(column)
            if column in target_columns:
                pairs.append((column, column))
            elif renamed in target_columns:
                pairs.append((renamed, column))
        _copy(schema_editor, source._meta.db_table, target._meta.db_table, pairs)
        moved.append(target)
        if name == "LiveSession":
            for field_name in PEOPLE:
                old = source._meta.get_field(field_name).remote_field.through
                new = target._meta.get_field(field_name).remote_field.through
                pairs = list(zip(_columns(new), _columns(old), strict=True))
                _copy(schema_editor, old._meta.db_table, new._meta.db_table, pairs)
                moved.append(new)
    # PostgreSQL: new rows get ids after the moved ones.
    for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), moved):
        schema_editor.execute(statement)
    # The rows now live in the other app's tables: empty the ones they came from.
    for name in reversed(MODELS):
        source = apps.get_model(source_app, name)
        if name == "LiveSession":
            for field_name in PEOPLE:
                _empty(schema_editor, source._meta.get_field(field_name).remote_field.through)
            source.objects.update(current_item=None)
        _empty(schema_editor, source)


def _rename_content_types(apps, source_app, target_app):
    """Move each model's content type to the other app, keeping its id and its permissions."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for name in MODELS:
        model = name.lower()
        old = ContentType.objects.filter(app_label=source_app, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=target_app, model=model).first()
        if new is None:
            ContentType.objects.filter(pk=old.pk).update(app_label=target_app)
            continue
        # Both exist (the new app's were made already): the new ones take the old ones' holders.
        for permission in Permission.objects.filter(content_type=old):
            twin = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if twin is None:
                Permission.objects.filter(pk=permission.pk).update(content_type=new)
                continue
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())
            permission.delete()
        old.delete()


def forwards(apps, schema_editor):
    AgendaItem = apps.get_model("consultations", "AgendaItem")
    questions = list(AgendaItem.objects.filter(question__isnull=False).values_list("pk", "question_id"))
    _move(apps, schema_editor, "consultations", "live")
    AgendaQuestion = apps.get_model("consultations", "AgendaQuestion")
    AgendaQuestion.objects.bulk_create(
        AgendaQuestion(agenda_item_id=item_id, question_id=question_id) for item_id, question_id in questions
    )
    _rename_content_types(apps, "consultations", "live")


def backwards(apps, schema_editor):
    questions = dict(
        apps.get_model("consultations", "AgendaQuestion").objects.values_list("agenda_item_id", "question_id")
    )
    _move(apps, schema_editor, "live", "consultations")
    AgendaItem = apps.get_model("consultations", "AgendaItem")
    for item_id, question_id in questions.items():
        AgendaItem.objects.filter(pk=item_id).update(question_id=question_id)
    _rename_content_types(apps, "live", "consultations")


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0007_role_page_permissions"),
        ("live", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgendaQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "agenda_item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consultation_question",
                        to="live.agendaitem",
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        help_text="A question (poll) of the consultation discussed in this item.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agenda_items",
                        to="consultations.question",
                    ),
                ),
            ],
            options={
                "verbose_name": "agenda question",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
