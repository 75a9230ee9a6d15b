import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


def clear_own_cache():
    """cache.clear() on Redis empties the whole database, under the other
    test workers too: delete only this worker's keys (its KEY_PREFIX)."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{backend.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not memory, so that a real `db_worker`
    subprocess (tests/test_push_worker.py) can share it."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_own_cache()
    yield
    clear_own_cache()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-for-tests-only")
    client.force_login(user)
    return client


@pytest.fixture
def subscriber_client(client):
    """A wire subscriber's client: its API key on every request, a product that covers everything."""
    from .push_helpers import make_subscriber

    _, key = make_subscriber()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client
