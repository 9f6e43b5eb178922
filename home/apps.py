from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and content pages"

    def ready(self):
        # Every process (server, worker, management command) moves the page cache on when it
        # writes, so a page stored by any process is never served after a change.
        from coproduction.common import page_cache  # noqa: F401
