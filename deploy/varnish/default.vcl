vcl 4.1;
#
# Newsdesk in front of its app servers: Varnish 7 with the xkey vmod (Debian:
# apt install varnish varnish-modules). See docs/caching.md.
#
# - Anonymous GET/HEAD of reader pages are cached as long as the app's
#   Cache-Control s-maxage says (the app caps it at the next scheduled publish,
#   embargo end or ticker change).
# - Staff (a session cookie), anyone with a pending message, and API clients
#   (Authorization) go straight to the app; so do the admin and previews.
# - The app sends `PURGE` with an `xkey: story-42 home ticker …` header after
#   every change; only the hosts in acl purgers may.
# - While the app is healthy only fresh copies are served; while it is down,
#   copies up to a day old are (stale-if-error).

import std;
import xkey;

# The app servers (gunicorn). Add one backend per server and a director for several.
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the app servers, nobody else.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the keys to purge in an xkey header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|preview|api)/" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Reader pages never read a cookie: drop them so every reader shares one copy.
    unset req.http.Cookie;
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    # http and https pages carry different absolute links.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Only what the app marks cacheable (a surrogate key, or public static
    # files) is kept; search results, 404s and the like are not.
    if (!beresp.http.xkey && beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.http.xkey) {
        # Kept a day past its lifetime, for when the app is down (req.grace
        # is 0 while it is up).
        set beresp.grace = 24h;
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
}
