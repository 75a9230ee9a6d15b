from django.apps import AppConfig


class SubscribersConfig(AppConfig):
    name = "subscribers"
    verbose_name = "Subscribers"

    def ready(self):
        from articles.signals import story_changed

        from .push import on_story_changed

        story_changed.connect(on_story_changed, dispatch_uid="subscribers.push")
