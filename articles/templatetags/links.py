"""{% url %} as Django's, with the path each worker works out kept (newsdesk/links.py).
Reader templates `{% load links %}`; the admin keeps Django's own."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from newsdesk import links

register = template.Library()


class KeptURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {key: value.resolve(context) for key, value in self.kwargs.items()}
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        url = ""
        try:
            url = links.reverse(self.view_name.resolve(context), args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
