"""The login lockout in the desk: a Desk chief unlocks an account from
Axes › Access attempts with the "Unlock" action (see docs/security.md)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages


class DeskAccessAttemptAdmin(AccessAttemptAdmin):
    actions = ["unlock", *AccessAttemptAdmin.actions]

    @admin.action(description="Unlock: forget these failed logins", permissions=["delete"])
    def unlock(self, request, queryset):
        pairs = sorted({f"{a.username or '?'} from {a.ip_address or '?'}" for a in queryset})
        count = queryset.count()
        queryset.delete()  # the failures are the lock: without them the pair may log in again
        self.message_user(request, f"Unlocked {count} login(s): {', '.join(pairs)}.", messages.SUCCESS)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, DeskAccessAttemptAdmin)
