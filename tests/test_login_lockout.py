"""Admin login lockout (django-axes): five wrong passwords for one account from
one address lock that pair out with a clear message; a Desk chief unlocks it."""

import pytest
from axes.models import AccessAttempt

from .roles import login, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_from_that_address(client, settings):
    make_user("Editor", "ed")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "ed", "wrong").status_code == 200  # the form again, with its error
    locked = attempt(client, "ed", "wrong")
    assert locked.status_code == 429
    assert "locked after too many wrong passwords" in locked.content.decode()
    assert "Desk chief" in locked.content.decode()
    # Even the right password is refused now, and no session is made.
    again = attempt(client, "ed", "pw-for-tests-only")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_one_account_from_one_address_only(client, settings):
    make_user("Editor", "ed")
    make_user("Reporter", "rep")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "ed", "wrong")
    assert attempt(client, "rep", "pw-for-tests-only").status_code == 302  # another account
    client.logout()
    assert attempt(client, "ed", "pw-for-tests-only", address="198.51.100.9").status_code == 302  # elsewhere


def test_a_desk_chief_unlocks_an_account_from_the_admin(client, settings):
    make_user("Editor", "ed")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "ed", "wrong")
    chief = make_user("Desk chief", "chief")
    client.force_login(chief)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "203.0.113.7" in listing.content.decode()
    locks = list(AccessAttempt.objects.values_list("pk", flat=True))
    done = client.post("/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": locks}, follow=True)
    assert "Unlocked 1 login(s): ed from 203.0.113.7." in done.content.decode()
    client.logout()
    assert attempt(client, "ed", "pw-for-tests-only").status_code == 302


def test_editors_and_reporters_cannot_see_or_unlock_logins(client):
    for role in ("Editor", "Reporter"):
        login(client, role, role.lower())
        assert client.get("/admin/axes/accessattempt/").status_code == 403
        client.logout()


def test_logins_without_a_request_are_not_counted_or_refused(client, settings):
    make_user("Editor", "ed")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert not client.login(username="ed", password="wrong")
    assert not AccessAttempt.objects.exists()  # no address, nothing to lock
    assert client.login(username="ed", password="pw-for-tests-only")
