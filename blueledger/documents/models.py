"""Uploaded work documents: the file as received and the text read from it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Document(models.Model):
    """One uploaded file of a region, kept byte for byte with the text read from it.

    The bytes live in the database (`content`), not under MEDIA_ROOT: the file is then written in the same
    transaction as the ledger extracted from it, so a refused or failed import leaves neither a row nor a
    stray file behind, and a backup of the database is a backup of the documents. Uploads are capped by
    settings.UPLOAD_LIMIT_MB (20 MB by default), which both SQLite and PostgreSQL store without trouble.
    The same file (by SHA-256) is imported at most once per region; the same text in another file only when
    the uploader says so.
    """

    region = models.ForeignKey(
        "orgs.Region", verbose_name="所属区划", on_delete=models.PROTECT, related_name="documents"
    )
    original_filename = models.CharField("原文件名", max_length=255)
    format = models.CharField("格式", max_length=10)
    encoding = models.CharField("检测到的编码", max_length=30, blank=True)
    size_bytes = models.PositiveBigIntegerField("大小 (字节)")
    sha256 = models.CharField("SHA-256", max_length=64)
    content = models.BinaryField("文件内容", editable=False)
    text = models.TextField("文件文字")
    # The same wording read from another format or encoding (documents.reading.fingerprint): an upload whose
    # text matches a document of the region is imported only when the uploader confirms it.
    text_digest = models.CharField("文字指纹", max_length=64, blank=True, db_index=True)
    text_chars = models.PositiveIntegerField("文字字数", default=0, help_text="去掉空白和标点后的字数")
    warnings = models.JSONField("读取提示", default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    # The bytes are not copied into every history row: they never change after the upload.
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = "文件"
        verbose_name_plural = "文件"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["region", "sha256"], name="document_unique_in_region")]

    def __str__(self) -> str:
        return self.original_filename
