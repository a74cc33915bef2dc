"""Office Open XML packages (.xlsx, .docx) checked before any parser sees them.

A package is a zip of XML parts. Before openpyxl or python-docx opens one, `check_package` refuses:
a zip that does not open or whose parts do not inflate (`zlib.error`, truncated members); a zip bomb
(a part, or all parts together, unpacking past the configured limit, or a part inflating more than the
configured ratio); too many parts; any XML part carrying a DTD (entity expansion, external entities such
as ``file:///etc/passwd``), which no Office program writes. The sizes are the ones the zip directory
declares: Python's zipfile never inflates a member past its declared size, so the parsers after this
check cannot read more than it allowed.

Example::

    limits = PackageLimits(member_bytes=50 * MB, total_bytes=200 * MB, ratio=100)
    try:
        check_package(data, limits)
    except PackageRefused as refused:
        print(refused.detail)   # 解压后……超过……(可能是压缩炸弹)

Django-free: callers build `PackageLimits` from their configuration.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Literal
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

MB = 1024 * 1024
# Below this size a part's compression ratio says nothing (a page of blanks packs 500 to 1).
RATIO_GRACE_BYTES = MB
# VML drawings are left out: Excel writes them as loose, often ill-formed XML.
XML_SUFFIXES = (".xml", ".rels")
# A part's name quoted in a refusal keeps this many characters (a hostile package may name a part at length).
MEMBER_NAME_CHARS = 80

RefusalCode = Literal["corrupt", "bomb", "dtd"]


@dataclass(frozen=True, slots=True)
class PackageLimits:
    """member_bytes: largest unpacked part; total_bytes: all parts unpacked; ratio: unpacked/packed of a
    part over RATIO_GRACE_BYTES; members: number of parts."""

    member_bytes: int = 50 * MB
    total_bytes: int = 200 * MB
    ratio: int = 100
    members: int = 10_000


# How a damaged zip fails, in whichever layer notices first: the directory (BadZipFile; NotImplementedError for a
# "version needed" or compression method zipfile does not know, which one flipped byte produces), the inflater
# (zlib.error) or the stream (EOFError, OSError, ValueError).
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, zlib.error, EOFError, OSError, ValueError,
)


class PackageRefused(Exception):
    """The package is unsafe or broken; `detail` is a Chinese clause to follow the file's name."""

    def __init__(self, code: RefusalCode, detail: str) -> None:
        super().__init__(detail)
        self.code: RefusalCode = code
        self.detail = detail


def _mb(size_bytes: int) -> str:
    return f"{size_bytes / MB:,.1f} MB"


def check_package(data: bytes, limits: PackageLimits) -> None:
    """Raises PackageRefused unless `data` is a zip within `limits` whose XML parts declare no DTD."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as error:
        raise PackageRefused("corrupt", "不是完整的 Office 文件（压缩包已损坏）") from error
    with archive:
        members = archive.infolist()
        if len(members) > limits.members:
            raise PackageRefused("bomb", f"包含 {len(members):,} 个部件，超过 {limits.members:,} 个的上限")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > limits.member_bytes:
                raise PackageRefused(
                    "bomb",
                    f"中的部件“{_part_name(member)}”解压后有 {_mb(member.file_size)}，"
                    f"超过单个部件 {_mb(limits.member_bytes)} 的上限（可能是压缩炸弹）",
                )
            if member.file_size > RATIO_GRACE_BYTES and member.file_size > limits.ratio * max(member.compress_size, 1):
                raise PackageRefused(
                    "bomb",
                    f"中的部件“{_part_name(member)}”压缩比超过 {limits.ratio}:1（可能是压缩炸弹）",
                )
            if total > limits.total_bytes:
                raise PackageRefused(
                    "bomb", f"解压后超过 {_mb(limits.total_bytes)} 的上限（可能是压缩炸弹）"
                )
        for member in members:
            if member.filename.lower().endswith(XML_SUFFIXES):
                _check_prolog(archive, member)


def _part_name(member: zipfile.ZipInfo) -> str:
    return member.filename[:MEMBER_NAME_CHARS]


# A part that inflates but is not well-formed XML is damaged the same way.
_PART_ERRORS: tuple[type[Exception], ...] = (*ZIP_ERRORS, ParseError)


def _check_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Parses `member` up to its root element: a DTD can only come before it."""
    try:
        with archive.open(member) as stream:
            for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
                return
    except DefusedXmlException as error:
        raise PackageRefused(
            "dtd",
            f"的部件“{_part_name(member)}”含有 DTD 或实体声明（可用于实体膨胀或读取服务器文件），已拒绝",
        ) from error
    except _PART_ERRORS as error:
        raise PackageRefused("corrupt", f"的部件“{_part_name(member)}”已损坏，无法解压或读取") from error
