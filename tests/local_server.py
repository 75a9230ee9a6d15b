"""A throwaway HTTP server on a free loopback port, for tests that need a site
other than the desk (a partner page, an agency's feed)."""

import threading
from contextlib import contextmanager
from http.server import ThreadingHTTPServer


@contextmanager
def serving(handler_class):
    """Serve `handler_class` on 127.0.0.1 and yield its base URL; stop on exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
