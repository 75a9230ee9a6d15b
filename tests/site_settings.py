"""Settings for the app processes the multi-process tests start (gunicorn,
python -c): the project's own, with the page cache's folder and namespace the
test gives them, so they share one page cache with each other and no other."""

import os

from newsdesk.settings import *  # noqa: F403
from newsdesk.settings import CACHES

PAGE_CACHE_NAMESPACE = os.environ["NEWSDESK_TEST_NAMESPACE"]
if "LOCATION" in CACHES["pages"] and not os.environ.get("REDIS_URL"):
    CACHES["pages"]["LOCATION"] = os.environ["NEWSDESK_TEST_CACHE_DIR"]
