"""Desk users in each role, and reading an admin form back as a browser would
submit it (so tests post exactly what an editor's browser sends)."""

from html.parser import HTMLParser
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, User

ROLES = ["Reporter", "Editor", "Desk chief"]


def ensure_roles():
    """Make the role groups again, as migration 0003 does (transactional tests flush them)."""
    import_module("articles.migrations.0004_editorial_roles").make_roles(apps, None)
    import_module("photos.migrations.0003_story_photo_roles").grant(apps, None)


def make_user(role, username=None):
    if not Group.objects.filter(name=role).exists():
        ensure_roles()
    username = username or role.lower().replace(" ", "-")
    user = User.objects.create_user(username, password="pw-for-tests-only", is_staff=True, first_name=role)
    user.groups.add(Group.objects.get(name=role))
    return user


def login(client, role, username=None):
    user = make_user(role, username)
    client.force_login(user)
    return user


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, {}
        self._select = self._textarea = None
        self._first_option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
            else:
                self.fields[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
                self.fields.setdefault(self._select, self._first_option)
            if "selected" in attrs:
                self.fields[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data.removeprefix("\n") if not self.fields[self._textarea] else data


def form_data(client, url, form_id="article_form"):
    """The fields of the form at `url` with the values the page shows."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return reader.fields
