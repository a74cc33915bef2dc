"""The one way an app keeps uploaded files: a model built on `StoredAttachment`, filled by `attachment_store`
(one size limit, BLUELEDGER_ATTACHMENT_LIMIT_MB; the type table of `lib/attachments.py`) and served by
`attachment_response`. Files live under BLUELEDGER_DATA_DIR/media and never have a public URL: the app's selector
decides who may see an attachment (404 otherwise) and its view answers with `attachment_response`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import BinaryIO, ClassVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.core.uploads import attachment_limit_bytes
from blueledger.lib.attachments import ATTACHMENT_TYPES, AttachmentRefused, attachment_check, thumbnail_jpeg

UNNAMED = "附件"


def attachment_file_path(instance: StoredAttachment, filename: str) -> str:
    return f"{instance.upload_dir}/attachments/{timezone.localdate():%Y/%m}/{filename}"


def attachment_thumbnail_path(instance: StoredAttachment, filename: str) -> str:
    return f"{instance.upload_dir}/thumbnails/{timezone.localdate():%Y/%m}/{filename}"


class StoredAttachment(models.Model):
    """A file attached to something of an app, with the name it was uploaded under, its checked content type
    ("" when any type was accepted), its size, a thumbnail if it is an image, and who uploaded it when. A
    concrete model sets `upload_dir` (the app's folder under media) and adds what the file is attached to."""

    upload_dir: ClassVar[str] = "attachments"

    file = models.FileField("文件", upload_to=attachment_file_path)
    thumbnail = models.FileField("缩略图", upload_to=attachment_thumbnail_path, blank=True)
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    size = models.PositiveIntegerField("大小(字节)", default=0)
    filename = models.CharField("原文件名", max_length=200)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.filename

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


def attachment_store(
    attachment: StoredAttachment, upload: UploadedFile, *, stem: str,
    types: Mapping[str, str] | None = ATTACHMENT_TYPES,
) -> None:
    """Checks `upload` and puts it (and an image's thumbnail) on the unsaved `attachment` as `<stem><extension>`;
    the caller saves the row with its history. ValidationError (code "too_large" or "refused") names the file
    and the reason, and then nothing is stored. `types=None` accepts any type, served only as a download."""
    name, size, limit = upload.name or UNNAMED, upload.size or 0, attachment_limit_bytes()
    try:
        content_type = attachment_check(name, size, cast(BinaryIO, upload), max_bytes=limit, types=types)
    except AttachmentRefused as refused:
        raise ValidationError(str(refused), code="too_large" if size > limit else "refused") from None
    attachment.filename = fit_to_field(type(attachment), "filename", name)
    attachment.content_type = content_type
    attachment.size = size
    attachment.file.save(f"{stem}{PurePath(name).suffix.lower()}", upload, save=False)
    if attachment.is_image:
        thumbnail = thumbnail_jpeg(cast(BinaryIO, upload))
        attachment.thumbnail.save(f"{stem}.jpg", ContentFile(thumbnail), save=False)


def attachment_response(attachment: StoredAttachment, *, thumbnail: bool = False) -> FileResponse:
    """The file of an attachment the caller has found the user may see: a checked image opens in the page,
    anything else downloads under its uploaded name; or the image's thumbnail."""
    if thumbnail:
        if not attachment.thumbnail:
            raise Http404("该附件没有缩略图。")
        return FileResponse(attachment.thumbnail.open("rb"), content_type="image/jpeg")
    return FileResponse(attachment.file.open("rb"), as_attachment=not attachment.is_image,
                        filename=attachment.filename, content_type=attachment.content_type or None)
