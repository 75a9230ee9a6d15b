import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from tests.page_cache import AppInstance


def clear_default_cache():
    """Forget what the last test cached. On Redis, shared by the parallel test
    workers and by the page cache, only the default cache's own keys go:
    FLUSHDB would pull the page cache from under a test still running."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=cache.make_key("*")))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not memory, so that a real `db_worker`
    subprocess (tests/test_push_worker.py) can share it."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_default_cache()
    yield
    clear_default_cache()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-for-tests-only")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _own_caches(settings):
    """Each test gets caches of its own, so tests and parallel workers never
    see each other's entries: a namespace in the page cache (which is off
    unless a test turns it on, as tests/page_cache.py does) and, on Redis, a
    key prefix for the default cache."""
    namespace = uuid.uuid4().hex[:12]
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_NAMESPACE = namespace
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("RedisCache"):
        settings.CACHES = settings.CACHES | {
            "default": default | {"KEY_PREFIX": f"{default['KEY_PREFIX']}-{namespace}"}
        }


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production."""
    settings.PAGE_CACHE_SECONDS = 300
    return settings


@pytest.fixture
def reader(page_cache, django_capture_on_commit_callbacks):
    """An app instance serving readers (see tests/page_cache.py)."""
    return AppInstance(django_capture_on_commit_callbacks)


@pytest.fixture
def editor(page_cache, django_capture_on_commit_callbacks):
    """Another app instance, sharing the page cache, where the desk makes changes."""
    return AppInstance(django_capture_on_commit_callbacks)


@pytest.fixture
def subscriber_client(client):
    """A wire subscriber's client: its API key on every request, a product that covers everything."""
    from .push_helpers import make_subscriber

    _, key = make_subscriber()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client
