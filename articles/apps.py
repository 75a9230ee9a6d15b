from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from . import search_fts, tags, ticker  # noqa: F401, PLC0415 - ticker: connects the cached ticker's receivers

        tags.connect()
        search_fts.connect(self)
