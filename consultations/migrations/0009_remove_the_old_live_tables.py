"""The old live session tables, emptied by 0008, go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("consultations", "0008_live_sessions_move_to_the_live_engine")]

    operations = [
        # Those that point at others go first; the two that point at each other, last.
        migrations.DeleteModel(name="AccessSignal"),
        migrations.DeleteModel(name="CaptionLine"),
        migrations.DeleteModel(name="LiveEvent"),
        migrations.DeleteModel(name="Presence"),
        migrations.DeleteModel(name="ProcessedAction"),
        migrations.DeleteModel(name="RaisedHand"),
        migrations.DeleteModel(name="WrittenQuestion"),
        migrations.RemoveField(model_name="livesession", name="current_item"),
        migrations.DeleteModel(name="AgendaItem"),
        migrations.DeleteModel(name="LiveSession"),
    ]
