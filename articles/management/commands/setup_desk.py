import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.demo_accounts import accounts_file, ensure_demo_accounts, read_accounts
from articles.models import Article


class Command(BaseCommand):
    help = "Prepare a desk for `make run`: demo content when the database is empty, an admin account, its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the desk will be served.")

    def handle(self, *args, username, url, **options):
        if not Article.objects.exists():
            call_command("load_demo", stdout=self.stdout)
        elif Article.objects.filter(guid__startswith="urn:newsdesk:demo:").exists():
            ensure_demo_accounts()  # a demo desk loaded before the demo accounts existed

        password_file = settings.VAR_DIR / "admin-password"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email="", password=password)
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
        password = password_file.read_text().strip() if password_file.exists() else ""

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("The desk is ready."))
        self.stdout.write(f"  Readers: {url}")
        self.stdout.write(f"  Editors: {url}admin/")
        if password and User.objects.get(username=username).check_password(password):
            self.stdout.write(f"  Log in as {username!r} with password {password!r} (kept in {password_file}).")
        else:
            self.stdout.write(
                f"  Log in as {username!r} with the password you set. To set a new one: "
                f"python manage.py changepassword {username}"
            )
        accounts = read_accounts()
        if accounts:
            self.stdout.write(f"  Demo accounts, one per role (from {accounts_file()}):")
            for name, secret, role in accounts:
                self.stdout.write(f"    {name:<10} {secret:<14} {role}")
        self.stdout.write("")
