"""What an uploaded attachment may be, for every app that keeps files (dispatch's round attachments and evidence,
and the attachments of other apps): one size rule, one table of accepted types checked against the file's
name and first bytes, images opened to be sure, and a JPEG thumbnail of an image."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import PurePath
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError

from blueledger.lib.file_sizes import too_large_message

# Extension → content type of the files an attachment may be: photos and scans, PDF, Word and Excel.
ATTACHMENT_TYPES: Mapping[str, str] = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACCEPTED_TEXT = "只接受图片 (jpg、png、gif、webp)、PDF、Word (docx) 和 Excel (xlsx)"
THUMBNAIL_PX = 320
THUMBNAIL_QUALITY = 80
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"


class AttachmentRefused(ValueError):
    """Why a file cannot be attached, in Chinese, naming the file."""


def attachment_check(
    name: str, size: int, stream: BinaryIO, *, max_bytes: int, types: Mapping[str, str] | None = ATTACHMENT_TYPES
) -> str:
    """The content type of an acceptable file, or AttachmentRefused: larger than `max_bytes`, or (when `types`
    is given) not of an accepted type, or not what its name says. With `types=None` any type is accepted and
    the content type is "" (such a file is only ever served as a download). The stream is left at its start."""
    if size > max_bytes:
        raise AttachmentRefused(too_large_message(name, size, max_bytes))
    if types is None:
        return ""
    extension = PurePath(name).suffix.lower()
    content_type = types.get(extension)
    if content_type is None:
        raise AttachmentRefused(f"“{name}”的类型不支持; {ACCEPTED_TEXT}。")
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if content_type.startswith("image/"):
        try:
            with Image.open(stream) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise AttachmentRefused(f"“{name}”不是可以打开的图片。") from None
        finally:
            stream.seek(0)
    elif (content_type == "application/pdf" and not head.startswith(_PDF_MAGIC)) or (
        extension in (".docx", ".xlsx") and not head.startswith(_ZIP_MAGIC)
    ):
        raise AttachmentRefused(f"“{name}”的内容与文件类型不符, 请另存为 {extension} 后再上传。")
    return content_type


def thumbnail_jpeg(stream: BinaryIO, *, px: int = THUMBNAIL_PX) -> bytes:
    """A JPEG no larger than px × px of the image in `stream`, upright; the stream is left at its start."""
    stream.seek(0)
    with Image.open(stream) as opened:
        image = ImageOps.exif_transpose(opened)  # phone photos are stored sideways with an orientation tag
        image.thumbnail((px, px))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=THUMBNAIL_QUALITY)
    stream.seek(0)
    return buffer.getvalue()
