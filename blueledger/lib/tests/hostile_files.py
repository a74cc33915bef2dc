"""The hostile-file corpus, generated at test time (nothing large is committed).

Each `HostileFile` is what an attacker, or an unlucky user, could upload to any of the upload paths:
zip bombs (a part unpacking past the limit, a part inflating 1000:1, a zip whose directory lies about
its sizes), entity expansion ("billion laughs") and XXE to file:///etc/passwd in xlsx and docx, a corrupt
deflate stream, truncated zips and PDFs, an encrypted PDF, a PDF whose stream inflates past pypdf's
limit, mixed encodings, wrong extensions and path-traversal names. `corpus()` builds them all in about a
second; the largest is a few MB.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class HostileFile:
    kind: str
    filename: str
    data: bytes
    # False for files that are odd but harmless: a fixed engine may accept them; they must never be a 500.
    must_refuse: bool = True


# ------------------------------------------------------------------------------------------ packages

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    "{overrides}</Types>"
)
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="{{target}}"/></Relationships>'
)
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _zip(parts: dict[str, bytes], *, level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _cell(column: int, row: int, value: str) -> str:
    letter = chr(ord("A") + column)
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{letter}{row}" t="inlineStr"><is><t>{escaped}</t></is></c>'


def sheet_xml(rows: list[list[str]], *, dimension: bool = True, prolog: str = "", padding: int = 0) -> bytes:
    """A worksheet part with inline strings; `prolog` goes before the root element, `padding` spaces
    inside it (what a zip bomb inflates to)."""
    body = "".join(
        f'<row r="{number}">' + "".join(_cell(column, number, value) for column, value in enumerate(row)) + "</row>"
        for number, row in enumerate(rows, start=1)
    )
    width = max((len(row) for row in rows), default=1)
    size = f'<dimension ref="A1:{chr(ord("A") + width - 1)}{max(len(rows), 1)}"/>' if dimension else ""
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet xmlns="{SHEET_NS}">'
    return (head + size + "<sheetData>" + body + "</sheetData>").encode() + b" " * padding + b"</worksheet>"


def xlsx_package(sheets: dict[str, bytes], *, workbook_prolog: str = "") -> bytes:
    """A minimal .xlsx that openpyxl reads: one part per sheet, named as given."""
    overrides = (
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    ) + "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{workbook_prolog}'
        f'<workbook xmlns="{SHEET_NS}" xmlns:r="{R_NS}"><sheets>'
        + "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, start=1))
        + "</sheets></workbook>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{R_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        + "</Relationships>"
    )
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.format(overrides=overrides).encode(),
        "_rels/.rels": PKG_RELS.format(target="xl/workbook.xml").encode(),
        "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": rels.encode(),
    }
    for i, content in enumerate(sheets.values(), start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = content
    return _zip(parts)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_package(paragraphs: list[str], *, prolog: str = "", padding: int = 0, raw_body: str = "") -> bytes:
    """A minimal .docx that python-docx opens."""
    body = raw_body or "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:document xmlns:w="{W_NS}">'
        f"<w:body>{body}</w:body>"
    ).encode() + b" " * padding + b"</w:document>"
    overrides = (
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    )
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(overrides=overrides).encode(),
            "_rels/.rels": PKG_RELS.format(target="word/document.xml").encode(),
            "word/document.xml": document,
        },
        level=9,
    )


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PLAN_LINES = ["2025年海洋发展工作要点", "一、加快建设海洋牧场", "（一）新建海洋牧场2处，完成投资5亿元。"]


def corrupt_deflate(package: bytes, member: str) -> bytes:
    """`package` with bytes in the middle of `member`'s compressed data overwritten: inflating it fails
    with zlib.error (or a CRC error), while the zip directory still reads."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        info = archive.getinfo(member)
    header = package[info.header_offset : info.header_offset + 30]
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 3
    damaged = bytearray(package)
    for offset in range(middle, min(middle + 40, start + info.compress_size)):
        damaged[offset] = 0xFF
    return bytes(damaged)


def unknown_zip_version(package: bytes) -> bytes:
    """`package` with every zip directory entry asking for zip version 6.4 to extract (one flipped byte does
    this), which zipfile answers with NotImplementedError rather than BadZipFile."""
    damaged = bytearray(package)
    start = damaged.find(b"PK\x01\x02")
    while start != -1:
        damaged[start + 6] = 64  # "version needed to extract": major × 10 + minor
        start = damaged.find(b"PK\x01\x02", start + 4)
    return bytes(damaged)


def lying_sizes(package: bytes, member: str, declared: int) -> bytes:
    """`package` whose local header and central directory declare `member` `declared` bytes unpacked."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        info = archive.getinfo(member)
    damaged = bytearray(package)
    struct.pack_into("<I", damaged, info.header_offset + 22, declared)
    position = package.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack("<H", package[position + 28 : position + 30])[0]
        if package[position + 46 : position + 46 + name_length].decode() == member:
            struct.pack_into("<I", damaged, position + 24, declared)
        position = package.find(b"PK\x01\x02", position + 4)
    return bytes(damaged)


# ------------------------------------------------------------------------------------------ PDFs


def pdf_file(content_stream: bytes, *, filter_flate: bool = False, encrypt: bool = False) -> bytes:
    """A one-page PDF written by hand (correct xref offsets)."""
    stream_dict = f"<< /Length {len(content_stream)}" + (" /Filter /FlateDecode" if filter_flate else "") + " >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream_dict.encode() + b"\nstream\n" + content_stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out.write(trailer.encode())
    data = out.getvalue()
    if encrypt:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    return data


TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Marine ranch plan 2025) Tj ET"


# ------------------------------------------------------------------------------------------ corpus


@cache
def corpus() -> tuple[HostileFile, ...]:
    rng = random.Random(20251205)
    header = ["区划代码", "所属区划", "全称", "简称", "类别", "别名", "在用", "备注"]
    small_sheet = sheet_xml([header, ["370200", "青岛市", "测试局", "测试局", "政府工作部门", "", "是", ""]])
    good_xlsx = xlsx_package({"部门单位": small_sheet})
    good_docx = docx_package(PLAN_LINES)
    good_pdf = pdf_file(TEXT_PAGE)
    files: list[Callable[[], HostileFile]] = [
        # Zip bombs.
        lambda: HostileFile("xlsx zip bomb: a 60 MB sheet part", "部门.xlsx",
                            xlsx_package({"部门单位": sheet_xml([header], padding=60 * MB)})),
        lambda: HostileFile("xlsx ratio bomb: 8 MB part packed 1000:1", "调度表.xlsx",
                            xlsx_package({"部门单位": sheet_xml([header], padding=8 * MB)})),
        lambda: HostileFile("docx zip bomb: a 60 MB document.xml", "计划.docx",
                            docx_package(PLAN_LINES, padding=60 * MB)),
        lambda: HostileFile("docx ratio bomb: 8 MB document.xml packed 1000:1", "计划.docx",
                            docx_package(PLAN_LINES, padding=8 * MB)),
        lambda: HostileFile("docx whose zip directory understates a 20 MB part", "计划.docx",
                            lying_sizes(docx_package(PLAN_LINES, padding=20 * MB), "word/document.xml", 900)),
        lambda: HostileFile("xlsx whose zip directory understates a 20 MB part", "部门.xlsx",
                            lying_sizes(xlsx_package({"部门单位": sheet_xml([header], padding=20 * MB)}),
                                        "xl/worksheets/sheet1.xml", 900)),
        # Entity expansion and external entities.
        lambda: HostileFile("xlsx billion laughs in the sheet", "部门.xlsx",
                            xlsx_package({"部门单位": sheet_xml([header, ["&lol9;"]], prolog=LAUGHS)
                                          .replace(b"&amp;lol9;", b"&lol9;")})),
        lambda: HostileFile("xlsx billion laughs in workbook.xml", "部门.xlsx",
                            xlsx_package({"部门单位": small_sheet}, workbook_prolog=LAUGHS)),
        lambda: HostileFile("xlsx XXE to file:///etc/passwd", "部门.xlsx",
                            xlsx_package({"部门单位": sheet_xml([header, ["&xxe;"]], prolog=XXE)
                                          .replace(b"&amp;xxe;", b"&xxe;")})),
        lambda: HostileFile("docx billion laughs", "计划.docx",
                            docx_package([], prolog=LAUGHS, raw_body="<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>")),
        lambda: HostileFile("docx XXE to file:///etc/passwd", "计划.docx",
                            docx_package([], prolog=XXE, raw_body="<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>")),
        # Damaged packages.
        lambda: HostileFile("docx with a corrupt deflate stream", "计划.docx",
                            corrupt_deflate(docx_package(PLAN_LINES * 200), "word/document.xml")),
        lambda: HostileFile("xlsx with a corrupt deflate stream", "部门.xlsx",
                            corrupt_deflate(xlsx_package({"部门单位": sheet_xml([header] * 300)}),
                                            "xl/worksheets/sheet1.xml")),
        lambda: HostileFile("truncated docx", "计划.docx", good_docx[: len(good_docx) // 2]),
        lambda: HostileFile("truncated xlsx", "部门.xlsx", good_xlsx[: len(good_xlsx) // 2]),
        # PDFs.
        lambda: HostileFile("truncated PDF", "计划.pdf", good_pdf[: len(good_pdf) // 2]),
        lambda: HostileFile("password-protected PDF", "计划.pdf", pdf_file(TEXT_PAGE, encrypt=True)),
        lambda: HostileFile("PDF whose content stream inflates to 200 MB", "计划.pdf",
                            pdf_file(zlib.compress(b" " * (200 * MB), 9), filter_flate=True)),
        lambda: HostileFile("PDF with a garbage FlateDecode stream", "计划.pdf",
                            pdf_file(rng.randbytes(4000), filter_flate=True)),
        # Encodings.
        lambda: HostileFile("text mixing UTF-8 and GBK", "计划.txt",
                            "一、加快建设海洋牧场\n".encode() + "（一）完成投资5亿元。\n".encode("gbk") * 20,
                            must_refuse=False),
        lambda: HostileFile("text in UTF-16 without BOM, then random bytes", "计划.txt",
                            "海洋牧场".encode("utf-16-le") + rng.randbytes(3000)),
        lambda: HostileFile("empty file", "空.xlsx", b""),
        # Wrong extensions.
        lambda: HostileFile("PDF named .xlsx", "部门.xlsx", good_pdf, must_refuse=False),
        lambda: HostileFile("docx named .xlsx", "部门.xlsx", good_docx, must_refuse=False),
        lambda: HostileFile("xlsx named .docx", "计划.docx", good_xlsx, must_refuse=False),
        lambda: HostileFile("PNG named .txt", "计划.txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000)),
        lambda: HostileFile("legacy OLE (.xls/.doc) named .xlsx", "部门.xlsx",
                            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4000)),
        lambda: HostileFile("random bytes named .xlsx", "部门.xlsx", rng.randbytes(5000)),
        # Path-traversal names.
        lambda: HostileFile("path-traversal name ../../etc/passwd", "../../../../etc/passwd", good_docx,
                            must_refuse=False),
        lambda: HostileFile("Windows path-traversal name", "..\\..\\Windows\\win.ini.xlsx", rng.randbytes(300)),
        lambda: HostileFile("name of 300 characters", "计" * 300 + ".txt", "一、总体要求\n".encode(),
                            must_refuse=False),
        # Extraction-engine crash: repeated headings (the engine error must become a refusal).
        lambda: HostileFile("plan with one heading repeated 2,000 times", "计划.txt",
                            ("一、总体要求\n（一）加快建设海洋牧场，完成投资5亿元。\n" * 2000).encode(),
                            must_refuse=False),
        # Row limits: a sheet declaring 100,000 rows, and one that does not declare its size.
        lambda: HostileFile("xlsx with 100,000 rows", "部门.xlsx", big_sheet_xlsx(100_000, dimension=True)),
        lambda: HostileFile("xlsx with 100,000 rows and no declared size", "部门.xlsx",
                            big_sheet_xlsx(100_000, dimension=False)),
    ]
    return tuple(make() for make in files)


@cache
def big_sheet_xlsx(rows: int, *, dimension: bool) -> bytes:
    """`rows` data rows in the department layout, each a valid new department (one sheet, also usable as
    the dispatch table's single sheet). Built once per run for each size (the corpus and three tests use the
    100,000-row ones; each took half a second to build)."""
    header = ["区划代码", "所属区划", "全称", "简称", "类别", "别名", "在用", "备注"]
    lines = [header] + [["370200", "青岛市", f"部门{n}", f"部门{n}", "政府工作部门", "", "是", ""] for n in range(rows)]
    return xlsx_package({"部门单位": sheet_xml(lines, dimension=dimension)})
