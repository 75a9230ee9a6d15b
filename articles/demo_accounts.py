"""The demo desk's accounts, one per role, so a newcomer can try each role's rules.

`load_demo` calls `ensure_demo_accounts()`; `setup_desk` (and so `make run`)
prints what it wrote to `var/demo-accounts`, one `username password role` line
each. The password is DEMO_PASSWORD when set, otherwise a random one kept
across runs."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

ACCOUNTS = [
    ("reporter", "Reporter", "Rita", "Reporter"),
    ("reporter2", "Reporter", "Rob", "Reporter"),
    ("editor", "Editor", "Eddie", "Editor"),
    ("chief", "Desk chief", "Chris", "Chief"),
]


def accounts_file():
    return settings.VAR_DIR / "demo-accounts"


def read_accounts():
    """The (username, password, role) lines of var/demo-accounts, or [] without one."""
    path = accounts_file()
    if not path.exists():
        return []
    lines = []
    for line in path.read_text().splitlines():
        username, password, role = line.split(" ", 2)
        lines.append((username, password, role))
    return lines


def ensure_demo_accounts():
    """Make (or keep) the four demo accounts and write their logins; returns the lines."""
    User = get_user_model()
    wanted = os.environ.get("DEMO_PASSWORD", "")
    known = {username: password for username, password, _ in read_accounts()}
    lines = []
    for username, role, first, last in ACCOUNTS:
        user, _ = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "is_staff": True}
        )
        password = wanted or known.get(username, "")
        if not password or not user.check_password(password):
            password = password or secrets.token_urlsafe(9)
            user.set_password(password)
            user.is_staff = True
            user.save()
        user.groups.add(Group.objects.get(name=role))
        lines.append((username, password, role))
    path = accounts_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{username} {password} {role}\n" for username, password, role in lines))
    path.chmod(0o600)
    return lines
