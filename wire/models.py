"""Where wire stories came from: one provenance row per story, one log row per
item an ingest run saw (kept, unchanged or rejected)."""

from django.db import models


class Provenance(models.Model):
    """The wire facts about an ingested story, kept apart from the story itself."""

    article = models.OneToOneField("articles.Article", on_delete=models.CASCADE, related_name="provenance")
    original_guid = models.CharField(max_length=255, help_text="The identifier the agency gave the item.")
    format = models.CharField(max_length=20, help_text="ninjs, NewsML-G2, RSS or Atom.")
    origin = models.CharField(max_length=500, blank=True, help_text="The file or address it was read from last.")
    version_created = models.DateTimeField(null=True, blank=True, help_text="The agency's time for this version.")
    first_ingested_at = models.DateTimeField(auto_now_add=True)
    last_ingested_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "provenance"

    def __str__(self):
        return f"{self.original_guid} ({self.format})"


class IngestLog(models.Model):
    """One line of an ingest run, as the command printed it."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        UNCHANGED = "unchanged", "Unchanged"
        REJECTED = "rejected", "Rejected"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=9, choices=Action)
    guid = models.CharField(max_length=255, blank=True, db_index=True)
    message = models.CharField(max_length=500, blank=True, help_text="The headline, or why the item was rejected.")
    format = models.CharField(max_length=20, blank=True)
    version = models.PositiveIntegerField(null=True, blank=True)
    origin = models.CharField(max_length=500, blank=True, help_text="The file or address the item came from.")
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="ingest_log"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "ingest log entry"
        verbose_name_plural = "ingest log"
        indexes = [models.Index(fields=["action", "at"], name="ingestlog_action_at")]

    def __str__(self):
        return f"{self.action} {self.guid}"
