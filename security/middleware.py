from django.conf import settings


class PermissionsPolicyMiddleware:
    """Turns off browser features no Newsdesk page uses (camera, location…), so
    injected or third-party code cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
