import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache


def clear_own_cache():
    """Empty the cache; on a Redis shared by parallel test workers, only this
    worker's keys (settings give each worker its own KEY_PREFIX)."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


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
