"""Load the demo organisation, pages and one account per role. Safe to run again: it adds
what is missing and puts the demo live session back to scheduled."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo


def load_demo_modules(log):
    """Run `load(log, context)` of each module in settings.DEMO_MODULES, in order.

    Each module gets what the ones before it returned (home.demo gives "home", the home
    page) and returns a dict of its own; the merged dict is what this returns.
    """
    context = {}
    for module_name in settings.DEMO_MODULES:
        context.update(import_module(module_name).load(log, context) or {})
    return context


def site_url(host, port):
    """Where a browser on this machine reaches a server bound to `host` and `port`."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - bound to every address: this machine is one
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Create the demo content and accounts (development only). Running it again adds only what "
        "is missing, and puts the demo live session back to scheduled."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default="127.0.0.1", help="The address the site is served on, for the printed links."
        )
        parser.add_argument("--port", default="8000", help="The port the site is served on.")

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content has published passwords; these settings do not allow it "
                "(DEMO_CONTENT_ALLOWED is not True)."
            )
        with transaction.atomic():
            loaded = load_demo_modules(log=lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write("")
        self.stdout.write("Demo sign-ins (development only), all with the password " + demo.DEMO_PASSWORD)
        for email, _name, _org, group, superuser in demo.DEMO_ACCOUNTS:
            role = "administrator (Wagtail admin at /admin/)" if superuser else group
            self.stdout.write(f"  {email:<40} {role}")

        site = site_url(options["host"], options["port"])
        live = loaded.get("live_session")
        if live is not None:
            url, chair_url = site + live["url"], site + live["chair_url"]
            self.stdout.write("")
            self.stdout.write("Try the live session with two browsers (or a private window):")
            self.stdout.write(
                f"  1. Sign in as chair@castlebridge-cil.example, open {chair_url}"
                ' and press "Start, or resume after a break".'
            )
            self.stdout.write(f"  2. In the other, sign in as member@castlebridge-cil.example and open {url}")
            self.stdout.write(f"  3. Captions: sign in as captioner@castlebridge-cil.example and open {url}")
        # An app's live session with remote seats at World Café tables (events.demo).
        event_live = loaded.get("event_live_session")
        if event_live is not None:
            self.stdout.write("")
            self.stdout.write(
                "Try the upcoming hybrid event's live session and a remote seat at a World Café table:"
            )
            self.stdout.write(
                f"  1. Sign in as chair@castlebridge-cil.example, open {site + event_live['chair_url']}"
                ' and press "Start, or resume after a break".'
            )
            self.stdout.write(
                "  2. member@castlebridge-cil.example has a place online: open "
                f"{site + event_live['url']} (captions, raise your hand, write to the chair)."
            )
            self.stdout.write(
                f"  3. As the same member, open {site + event_live['remote_seat_url']}, take a seat at "
                '"Table 2: Ash" for round 1 and send something to the table.'
            )
            self.stdout.write(
                "  4. Sign in as facilitator@castlebridge-cil.example, open "
                f'{site + event_live["table_host_url"]} and press "Start the round": the member\'s seat '
                "page shows round 1's question and about how long is left."
            )
            self.stdout.write(
                "  5. Sign in as advisory@castlebridge-cil.example (the host of Table 2), open the same "
                'page, send your table a note, and press "Accept into the harvest" on what the member sent.'
            )
