from django import template
from js_asset import Media

register = template.Library()


@register.filter
def with_nonce(media, nonce):
    """Form media whose <script> tags (and the editor's import map) carry the
    request's CSP nonce: {% with media=media|with_nonce:CSP_NONCE %}."""
    return Media.from_media(media, nonce=str(nonce))
