"""django-tasks-db's `db_worker`, plus a recovery sweep for subscriber deliveries.

A worker that dies mid-delivery leaves its delivery held until the lease runs out;
every running worker looks for such deliveries (and any that lost their task) every
WEBHOOK_RECOVERY_SECONDS and wakes them, so any surviving worker finishes the job.
"""

import logging
import os
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from subscribers.delivery import recover

logger = logging.getLogger("subscribers")


def sweep_forever(stop):
    while not stop.wait(settings.WEBHOOK_RECOVERY_SECONDS):
        try:
            close_old_connections()
            woken = recover()
            if woken:
                logger.warning("Woke %d subscriber deliveries nobody was working on.", woken)
        except Exception:
            logger.exception("Delivery recovery sweep failed; trying again later.")


class Command(db_worker.Command):
    help = "Run the task worker (django-tasks-db) that delivers to subscribers, with delivery recovery."

    def handle(self, *args, **options):
        in_reloader_parent = options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if not options["batch"] and not in_reloader_parent:
            threading.Thread(target=sweep_forever, args=(threading.Event(),), daemon=True).start()
        return super().handle(*args, **options)
