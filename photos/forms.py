from django import forms

from .models import Image
from .processing import prepare

# Fields that an upload's embedded IPTC/EXIF data may fill in when the editor left them empty.
FROM_METADATA = {"caption": "caption", "credit": "credit", "copyright_holder": "copyright holder"}


class ImageForm(forms.ModelForm):
    """The upload form: the file is checked and re-encoded in clean_file, before anything is stored."""

    file = forms.FileField(
        help_text="JPEG, PNG, WebP or GIF. Caption, credit and copyright are read from the photo when you leave "
        "them empty. GPS and camera details are removed."
    )

    class Meta:
        model = Image
        fields = ["file", "caption", "credit", "alt_text", "copyright_holder", "focal_x", "focal_y", "source"]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 3}),
            "alt_text": forms.TextInput(attrs={"size": 90}),
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 100, "data-focal": "x"}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 100, "data-focal": "y"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepared = None
        self.filled_from_metadata = []
        if self.instance.pk:  # a stored photo's file is fixed: upload a new photo instead
            self.fields.pop("file")

    def clean_file(self):
        self.prepared = prepare(self.cleaned_data["file"])
        return self.prepared.content

    def clean(self):
        cleaned = super().clean()
        if self.prepared:
            self.instance.width, self.instance.height = self.prepared.width, self.prepared.height
            for field, label in FROM_METADATA.items():
                found = getattr(self.prepared, field)
                if found and not cleaned.get(field):
                    cleaned[field] = found
                    self.filled_from_metadata.append(label)
        return cleaned
