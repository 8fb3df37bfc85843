"""Image.file_size: the bytes of each file, so no page asks the store (issue 24)."""

from django.db import migrations, models


def measure_existing_files(apps, schema_editor):
    # Once, at migration: each file's size from wherever it is stored now.
    Image = apps.get_model("media", "Image")
    for image in Image.objects.filter(file_size=0).iterator():
        try:
            size = image.file.size
        except (OSError, ValueError):  # missing or never stored: stays 0
            continue
        Image.objects.filter(pk=image.pk).update(file_size=size)


class Migration(migrations.Migration):

    dependencies = [
        ("media", "0003_embed"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="file_size",
            field=models.PositiveBigIntegerField(
                default=0, editable=False, verbose_name="file size"
            ),
        ),
        migrations.RunPython(measure_existing_files, migrations.RunPython.noop),
    ]
