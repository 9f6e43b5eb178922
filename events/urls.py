"""The member's own events page; every other events page is routed from the page models."""

from django.urls import path

from . import registering

app_name = "events"

urlpatterns = [path("", registering.my_events, name="my_events")]
