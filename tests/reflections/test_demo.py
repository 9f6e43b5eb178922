"""The demo's living document: its size, its states, and its traces to the World Café and the consultation."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from consultations.models import Theme
from events.models import CafeTheme
from reflections.models import Action, ActionStatus, Item

pytestmark = pytest.mark.django_db


def test_the_demo_document_has_every_state_and_its_traces_show_on_the_sources_pages():
    call_command("load_demo")
    assert Item.objects.count() >= 15
    assert Action.objects.count() >= 25
    assert set(Action.objects.values_list("status", flat=True)) == set(ActionStatus.values)
    assert any(action.is_overdue(timezone.localdate()) for action in Action.objects.all())
    assert Item.objects.values("meeting").distinct().count() == 3

    client = Client()
    for model in (CafeTheme, Theme):
        traced = Item.objects.filter(source_type=ContentType.objects.get_for_model(model), published=True)
        assert traced.count() >= 2, model
        for item in traced:
            source = model.objects.get(pk=item.source_id)
            if model is CafeTheme:
                url = source.page.url_for("harvest_output")  # the World Café's published output
            else:
                url = f"{source.consultation.url}results/"
            html = client.get(url).content.decode()
            assert f'<a href="{item.get_absolute_url()}">You said, we did: ' in html, url
