from django.urls import path

from . import views

app_name = "reflections"

urlpatterns = [
    path("notifications/", views.notifications_page, name="notifications"),
    path(
        "send-to-reflections/<int:content_type_id>/<int:object_id>/",
        views.send_to_reflections,
        name="send_to_reflections",
    ),
]
