from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins through a web form (the admin's).

    authenticate() called without a request (Django's test Client.login, a
    script) has no address to lock and passes on to the next backend, instead
    of raising as axes' own backend does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
