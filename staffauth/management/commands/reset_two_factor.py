from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staffauth import devices


class Command(BaseCommand):
    help = (
        "Remove a member of staff's authenticator app and recovery codes and end their "
        "sessions (the last superuser's lost phone); they enrol again at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        model = get_user_model()
        try:
            member = model._default_manager.get_by_natural_key(username)
        except model.DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None
        ended = devices.reset(member)
        self.stdout.write(f"Two-factor sign-in reset for {username}; {ended} session(s) ended.")
