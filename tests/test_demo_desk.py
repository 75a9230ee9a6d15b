"""`load_demo` and `setup_desk` give `make run` a working desk, and are safe to repeat."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Kind, Precedence, Source, Ticker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _var_in_tmp(settings, tmp_path):
    """load_demo writes var/demo-accounts: keep the tests' copies out of the project's var/."""
    settings.VAR_DIR = tmp_path


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_demo_desk_covers_every_kind_and_precedence_and_loads_once():
    assert "22 stories added" in run("load_demo")
    assert list(Source.objects.values_list("slug", flat=True))[0] == "xinhua"
    published = Article.objects.published()
    assert published.count() == 20
    assert set(published.values_list("kind", flat=True)) == set(Kind.values)
    assert set(published.values_list("precedence", flat=True)) == set(Precedence.values)
    assert len({a.published_at.date() for a in published}) >= 3  # spread over several days
    assert Ticker.objects.get().entries.count() == 1
    assert "0 stories added, 22 in all" in run("load_demo")
    assert Article.objects.count() == 22


def test_demo_headlines_carry_no_typed_labels():
    run("load_demo")
    for headline in Article.objects.values_list("headline", flat=True):
        assert headline.split(":")[0] not in {"Urgent", "Flash", *Kind.labels}, headline


def test_setup_desk_loads_demo_once_and_prints_a_working_login(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = run("setup_desk")
    assert Article.objects.count() == 22
    password = (tmp_path / "admin-password").read_text()
    assert f"Log in as 'admin' with password '{password}'" in out
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200

    again = run("setup_desk")  # a second `make run` keeps the data and the login
    assert Article.objects.count() == 22
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert password in again


def test_demo_pages_render(client):
    run("load_demo")
    assert client.get("/").status_code == 200
    for article in Article.objects.published()[:5]:
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", ["Reporter", "Editor", "Desk chief"])
def test_demo_accounts_exist_for_every_role_and_are_listed(client, monkeypatch, tmp_path, role):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    out = run("setup_desk")
    lines = [line.split(" ", 2) for line in (tmp_path / "demo-accounts").read_text().splitlines()]
    assert [(name, role_) for name, _, role_ in lines] == [
        ("reporter", "Reporter"),
        ("reporter2", "Reporter"),
        ("editor", "Editor"),
        ("chief", "Desk chief"),
    ]
    name, password, _ = next(line for line in lines if line[2] == role)
    assert len(password) >= 12
    assert f"{name:<10} {password:<14} {role}" in out  # make run prints them
    assert client.login(username=name, password=password)
    assert client.get("/admin/articles/article/").status_code == 200
    # Running again keeps each random password.
    run("load_demo")
    assert (tmp_path / "demo-accounts").read_text().splitlines()[0].split(" ")[1] == lines[0][1]


def test_demo_password_comes_from_the_environment(client, monkeypatch, tmp_path):
    monkeypatch.setenv("DEMO_PASSWORD", "harbour-cranes-42")
    run("load_demo")
    assert client.login(username="reporter2", password="harbour-cranes-42")
    assert "reporter2 harbour-cranes-42 Reporter" in (tmp_path / "demo-accounts").read_text()


def test_demo_desk_has_a_developing_story_with_its_timeline_once(client):
    run("load_demo")
    run("load_demo")
    story = Article.objects.get(guid="urn:newsdesk:demo:1")
    assert story.version == 3
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Developing story" in html
    assert html.index("Adds shipping insurers&#x27; reaction") < html.index("Adds the date of the next meeting")
    assert "Two insurers said they would review war-risk premiums next week." in html
