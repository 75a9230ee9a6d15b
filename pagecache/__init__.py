"""The reader page cache: anonymous GETs of reader pages answered from a cache
every worker shares, cleared at once by every change readers would notice, and
capped by the next moment a scheduled change goes live (docs/caching.md).

- `middleware.PageCacheMiddleware` serves and fills it, and writes the HTTP
  caching headers (Cache-Control, ETag, Last-Modified, xkey);
- `shown` records what a page shows as it is drawn (its surrogate keys);
- `changes` turns saves and deletes into the keys they touch;
- `store` keeps pages and the generation number of every key;
- `purge` sends the same keys to Varnish, off the request path.
"""

from .changes import held, invalidate, invalidate_everything

__all__ = ["held", "invalidate", "invalidate_everything"]
