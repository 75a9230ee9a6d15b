"""The desk's forms: the story form (which picks the workflow move a save makes)
and the small forms of the desk views."""

from datetime import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from taggit.forms import TagWidget

from .. import history, workflow
from ..models import Article, Correction, Kind, Precedence, Source, Status

# The story's own text on the form: what a stale save could overwrite.
FORM_TEXT_FIELDS = [name for name in workflow.TEXT_FIELDS if name not in ("source_id", "version")] + ["source"]


def same_second(value, stored):
    """The form shows times to the second: a value equal to the stored one to the second is the stored one."""
    if value is not None and stored is not None and value.replace(microsecond=0) == stored.replace(microsecond=0):
        return stored
    return value


class ArticleForm(forms.ModelForm):
    """The story form. It never writes state or timing itself: `clean()` turns the
    Status select, the update box and the timing fields into one move of
    articles.workflow (`self.move`), which `ArticleAdmin.save_model` makes."""

    status = forms.ChoiceField(
        choices=Status.choices,
        help_text="Choose a state to move the story there when you save. Only the moves you may make are listed.",
    )
    # The freshness token: the modified time the editor loaded. A save without it,
    # or whose time no longer matches the stored story, is refused.
    seen_modified_at = forms.CharField(widget=forms.HiddenInput, required=False)
    # After a refused stale save: the fields the other person changed, and the
    # editor's explicit choice to overwrite them.
    stale_fields = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm_overwrite = forms.BooleanField(
        label="Save my version over their changes", required=False, widget=forms.CheckboxInput
    )
    is_update = forms.BooleanField(
        label="This is an update",
        required=False,
        help_text='New facts: the version goes up and readers see "Updated …". Address and wire ID stay.',
    )

    # The admin form validates on the server ("novalidate"); a required attribute on an
    # autocomplete <select> with no empty option is an HTML error.
    use_required_attribute = False

    # Set per request by ArticleAdmin.get_form() on a class made for that request.
    user = None
    before_restore = None  # the story as stored before a history restore rewrote the row

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what is shown
        widgets = {
            "headline": forms.TextInput(attrs={"size": 90}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "editors_note": forms.Textarea(attrs={"rows": 3}),
            "withdrawn_reason": forms.Textarea(attrs={"rows": 2}),
            "return_note": forms.Textarea(attrs={"rows": 2}),
            "update_note": forms.TextInput(attrs={"size": 90}),
            # taggit's widget shows existing tags as "a, b" (a plain TextInput shows "[]").
            "tags": TagWidget(attrs={"size": 90}),  # static/js/admin-tag-suggest.js adds its <datalist>
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale = None
        self.move = ("edit", {})
        if "tags" in self.fields:  # absent when the form is read-only
            self.fields["tags"].widget.attrs["data-tag-suggest"] = reverse("admin:articles_article_tag_suggestions")
        for name in ("published_at", "embargo_until", "updated_at"):
            # A date and a time box share one <label>: each gets a name of its own.
            parts = getattr(self.fields.get(name), "widget", None)
            if parts is not None and hasattr(parts, "widgets"):
                label = str(self.fields[name].label or name).capitalize()
                parts.widgets[0].attrs["aria-label"] = f"{label}: date"
                parts.widgets[1].attrs["aria-label"] = f"{label}: time"
        if self.instance.pk:
            self.initial["seen_modified_at"] = self.instance.modified_at.isoformat()
        if "status" in self.fields:
            shown = self.before_restore or self.instance
            self.initial["status"] = shown.status if shown.pk else Status.DRAFT
            # Offer only the user's moves; any state still validates, so a forced one gets a 403.
            self.fields["status"].widget.choices = workflow.moves_for(self.user, shown)

    def stored(self):
        """The story as it is in the database now (not as a history restore or this form left it)."""
        if not self.instance.pk:
            return Article(status=Status.DRAFT)
        return self.before_restore or Article.objects.get(pk=self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if self.user is None or "status" not in self.fields:
            return cleaned
        if self.instance.pk and not cleaned.get("seen_modified_at"):
            raise forms.ValidationError(
                "Not saved: this form has no freshness token, so it cannot tell whether someone saved the story "
                "after you opened it. Reload the story and make your change again.",
                code="no_token",
            )
        stored = self.stored()
        # The buttons beside Save: "Save and publish", "Send to desk", "Save as draft".
        if "_publish" in self.data:
            cleaned["status"] = Status.PUBLISHED
        elif "_submit" in self.data:
            cleaned["status"] = Status.SUBMITTED
        elif "_draft" in self.data and stored.status == Status.DRAFT:
            cleaned["status"] = Status.DRAFT
        if self.before_restore is not None:  # a history restore brings back text, never a state
            cleaned["status"] = stored.status
            cleaned["published_at"], cleaned["embargo_until"] = stored.published_at, stored.embargo_until
        try:
            self.move = self.choose_move(cleaned, stored)
            self.check_move(stored)
        except workflow.Forbidden:
            raise
        except workflow.MoveRefused as refused:
            field = {"withdraw": "withdrawn_reason", "return_to_reporter": "return_note", "update": "update_note"}
            name = field.get(self.move[0]) if self.move else None
            self.add_error(name if name in self.fields else None, str(refused))
            return cleaned
        self.check_stale(cleaned)
        return cleaned

    def choose_move(self, cleaned, stored):
        """The one workflow move this save makes, as (function name, keyword arguments)."""
        old, new = stored.status, cleaned.get("status") or stored.status
        now = timezone.now()
        if new == old:
            if cleaned.get("is_update"):
                return ("update", {"what_changed": cleaned.get("update_note", "")})
            if stored.pk and old in (Status.PUBLISHED, Status.WITHDRAWN):
                publish_at = same_second(cleaned.get("published_at", stored.published_at), stored.published_at)
                embargo = same_second(cleaned.get("embargo_until", stored.embargo_until), stored.embargo_until)
                if workflow._ahead(stored.embargo_until, now) and (embargo is None or embargo <= now):
                    return ("lift_embargo", {})
                if (publish_at, embargo) != (stored.published_at, stored.embargo_until):
                    return ("schedule", {"publish_at": publish_at, "embargo_until": embargo})
            changed = [
                str(self.fields[name].label or name).capitalize() for name in self.changed_data if name in self.fields
            ]
            return ("edit", {"changed": changed})
        moves = {
            (Status.DRAFT, Status.SUBMITTED): ("submit", {}),
            (Status.SUBMITTED, Status.DRAFT): ("return_to_reporter", {"note": cleaned.get("return_note", "")}),
            (Status.DRAFT, Status.PUBLISHED): ("publish", {}),
            (Status.SUBMITTED, Status.PUBLISHED): ("publish", {}),
            (Status.WITHDRAWN, Status.PUBLISHED): ("restore", {}),
        }
        if new == Status.WITHDRAWN:
            return ("withdraw", {"reason": cleaned.get("withdrawn_reason", "")})
        if (old, new) not in moves:
            raise workflow.Forbidden(
                f"A story cannot go from {Status(old).label} to {Status(new).label}: "
                "withdraw it, or make it an update instead."
            )
        return moves[(old, new)]

    def check_move(self, stored):
        """Run the move's own rule now, so the form can say what is wrong before saving."""
        name, kwargs = self.move
        user, now = self.user, timezone.now()
        text = Article(body=self.cleaned_data.get("body", ""), summary=self.cleaned_data.get("summary", ""))
        if not stored.pk:
            if name == "publish":
                workflow.check_publish(user, stored, text)
            elif name not in ("edit", "submit"):
                raise workflow.Forbidden("A new story can be saved as a draft, sent to the desk or published.")
            return
        checks = {
            "edit": lambda: workflow.check_edit(user, stored),
            "submit": lambda: workflow.check_submit(user, stored),
            "return_to_reporter": lambda: workflow.check_return(user, stored, kwargs["note"]),
            "publish": lambda: workflow.check_publish(user, stored, text),
            "restore": lambda: workflow.check_restore(user, stored),
            "withdraw": lambda: workflow.check_withdraw(user, stored, kwargs["reason"]),
            "update": lambda: workflow.check_update(user, stored, kwargs["what_changed"]),
            "lift_embargo": lambda: workflow.check_lift_embargo(user, stored, now),
            "schedule": lambda: workflow.check_schedule(
                user, stored, kwargs["publish_at"], kwargs["embargo_until"], now
            ),
        }
        checks[name]()

    def check_stale(self, cleaned):
        token = cleaned.get("seen_modified_at")
        if not self.instance.pk:
            return
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            return
        if current.modified_at.isoformat() == token:
            self.check_overwrite(cleaned, current)
            return
        try:
            seen = datetime.fromisoformat(token)
        except ValueError:
            seen = None
        base = history.version_matching(current, seen) if seen else None
        before = base.field_dict if base else self.yours(cleaned)
        latest = history.versions_of(current).last()
        changes = history.diff_fields(before, history.live_fields(current))
        changed_names = [
            name for name in history.DIFF_FIELDS if str(before.get(name)) != str(history.live_fields(current)[name])
        ]
        self.stale = {
            "by": latest.revision.user if latest else None,
            "at": current.modified_at,
            "theirs": bool(base),
            "changes": changes,
        }
        # Keep the editor's text; the next save goes against what is stored now, and
        # overwriting what they changed needs the editor's explicit confirmation.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_modified_at")] = current.modified_at.isoformat()
        self.data[self.add_prefix("stale_fields")] = ",".join(changed_names)
        self.data.pop(self.add_prefix("confirm_overwrite"), None)
        who = latest.revision.user if latest and latest.revision.user else "someone else"
        raise forms.ValidationError(
            f"Not saved: {who} saved this story at {timezone.localtime(current.modified_at):%H:%M:%S} "
            "after you opened it. Your text is still in the form below. Check their changes "
            "(listed above), merge them into yours, then save again.",
            code="stale",
        )

    def check_overwrite(self, cleaned, current):
        """After a refused stale save: saving over the other person's changed fields needs the box ticked."""
        names = [name for name in cleaned.get("stale_fields", "").split(",") if name]
        if not names or cleaned.get("confirm_overwrite"):
            return
        mine = self.yours(cleaned)
        theirs = history.live_fields(current)
        overwritten = [
            history.field_label(name)
            for name in names
            if name in FORM_TEXT_FIELDS + ["source_id"]
            and name.removesuffix("_id") in self.fields
            and str(mine.get(name) or "") != str(theirs.get(name) or "")
        ]
        if overwritten:
            raise forms.ValidationError(
                f"Not saved: this would overwrite their change to {', '.join(overwritten)}. Take their version "
                "into yours, or tick “Save my version over their changes” and save again.",
                code="overwrite",
            )

    def yours(self, cleaned):
        """The editor's values, shaped like history.live_fields(), for the fallback diff."""
        yours = {name: cleaned.get(name, getattr(self.instance, name)) for name in history.DIFF_FIELDS}
        yours["source_id"] = cleaned["source"].pk if cleaned.get("source") else self.instance.source_id
        return yours


class CorrectionForm(forms.Form):
    # An update is not added here: it is the "update" move (with what changed).
    kind = forms.ChoiceField(
        label="Type", choices=[choice for choice in Correction.Kind.choices if choice[0] != Correction.Kind.UPDATE]
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        max_length=2000,
        help_text="Readers see this, dated, under the story.",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        max_length=1000,
        help_text="Readers see this at the story's address instead of the story.",
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="Note to the reporter",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        max_length=2000,
        help_text="What to change before sending it to the desk again. The reporter sees it on the story.",
    )


class PreviewForm(forms.Form):
    """What the story form's Preview button sends: the text, as typed, unchecked beyond types."""

    headline = forms.CharField(max_length=300, required=False)
    kind = forms.ChoiceField(choices=Kind.choices, required=False)
    precedence = forms.ChoiceField(choices=Precedence.choices, required=False)
    dateline = forms.CharField(max_length=100, required=False)
    summary = forms.CharField(required=False)
    body = forms.CharField(required=False, max_length=500_000)
    source = forms.ModelChoiceField(queryset=Source.objects.all(), required=False)


class FlashForm(forms.Form):
    headline = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"size": 90, "autofocus": True}))
    source = forms.ModelChoiceField(queryset=Source.objects.all(), empty_label=None)
    dateline = forms.CharField(max_length=100, required=False)


class WireUpdateForm(forms.Form):
    """Take, merge (chosen fields) or dismiss the wire version waiting for a story."""

    choice = forms.ChoiceField(
        choices=[("take", "Take the wire version"), ("merge", "Take only the fields ticked"), ("dismiss", "Dismiss")]
    )
    fields = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, choices=())

    def __init__(self, *args, names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = [(name, history.field_label(name)) for name in names]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("choice") == "merge" and not cleaned.get("fields"):
            self.add_error("fields", "Tick the fields to take from the wire.")
        return cleaned
