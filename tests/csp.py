"""Reading a Content-Security-Policy header back, for the CSP tests."""

import re


def directives(response, header="Content-Security-Policy"):
    """{"script-src": "'self' 'nonce-…'", …} from a response's policy header."""
    parts = (part.strip().split(" ", 1) for part in response[header].split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def nonce_of(response, header="Content-Security-Policy"):
    match = re.search(r"'nonce-([^']+)'", directives(response, header)["script-src"])
    return match.group(1) if match else None
