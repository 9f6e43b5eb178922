"""Load the demo organisation, pages and one account per role. Safe to run again: it adds
what is missing and puts the demo live session back to scheduled."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo


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
            loaded = demo.load(log=lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write("")
        self.stdout.write("Demo sign-ins (development only), all with the password " + demo.DEMO_PASSWORD)
        for email, _name, _org, group, superuser in demo.DEMO_ACCOUNTS:
            role = "administrator (Wagtail admin at /admin/)" if superuser else group
            self.stdout.write(f"  {email:<40} {role}")

        live = loaded["consultations"]["live"]
        url = f"{site_url(options['host'], options['port'])}{live.consultation.url}live/{live.pk}/"
        self.stdout.write("")
        self.stdout.write("Try the live session with two browsers (or a private window):")
        self.stdout.write(
            f"  1. Sign in as chair@castlebridge-cil.example, open {url}chair/"
            ' and press "Start, or resume after a break".'
        )
        self.stdout.write(f"  2. In the other, sign in as member@castlebridge-cil.example and open {url}")
        self.stdout.write(f"  3. Captions: sign in as captioner@castlebridge-cil.example and open {url}")
