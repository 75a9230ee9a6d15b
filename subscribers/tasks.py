"""Tasks (Django's tasks API, run by `python manage.py db_worker`)."""

from django_tasks import task

from . import delivery


@task()
def deliver(delivery_pk):
    """Work on the chain of one delivery; the Delivery rows say what is owed."""
    return delivery.work(delivery_pk)
