"""Site URLs: accounts, display preferences, search, Wagtail admin, then Wagtail pages."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("coproduction.members.urls")),
    path("my-events/", include("events.urls")),
    path("", include("reflections.urls")),
    path("display-preferences/", home_views.display_preferences, name="display_preferences"),
    path("search/", home_views.search, name="search"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    # Wagtail's own sign-in form for private pages: members sign in on ours, which
    # checks what is typed and counts wrong attempts.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="members:sign_in", query_string=True),
        name="private_page_sign_in",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
