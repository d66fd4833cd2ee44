#!/usr/bin/env python3
"""Generate the two sample report files the sandbox serves from /api/rpt/retrieve.

Standard library only. `report.pdf` is a one-page PDF 1.4 written by hand with a correct
cross-reference table (byte offsets computed, not guessed); `report.docx` is a minimal
WordprocessingML package ([Content_Types].xml, _rels/.rels, word/document.xml).
Both are deterministic, so regenerating them gives identical bytes.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

LINES = [
    "corpvet sandbox - Enterprise Credit Report (sample)",
    "",
    "This file is served by the corpvet sandbox in place of a Qichacha",
    "credit report. It contains no real data about any company.",
    "",
    "Report type: enterprise credit report (PDF)",
    "Generated for: sandbox order",
]


def pdf_escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf():
    text = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    for line in LINES:
        text.append(f"({pdf_escape(line)}) '")
    text.append("ET")
    stream = ("\n".join(text) + "\n").encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Title (corpvet sandbox credit report) /Producer (corpvet make_reports.py) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""

DOC_LINES = [
    "企业信用报告（样例）",
    "corpvet sandbox - Enterprise Credit Report (sample)",
    "本文件由 corpvet 沙箱代替企查查信用报告提供，不含任何真实企业数据。",
    "Report type: enterprise credit report (Word)",
]


def make_docx(path):
    paras = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in DOC_LINES)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{paras}<w:sectPr/></w:body></w:document>\n")
    fixed = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: reproducible bytes
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/document.xml", document)):
            info = zipfile.ZipInfo(name, fixed)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def check_pdf(data):
    """Re-read the xref table and confirm every offset lands on its `n 0 obj` header."""
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    assert data[start:start + 4] == b"xref"
    lines = data[start:].split(b"\n")
    count = int(lines[1].split()[1])
    for i in range(1, count):
        off = int(lines[2 + i][:10])
        assert data[off:].startswith(b"%d 0 obj" % i), i


if __name__ == "__main__":
    pdf = make_pdf()
    check_pdf(pdf)
    with open(os.path.join(HERE, "report.pdf"), "wb") as f:
        f.write(pdf)
    docx = os.path.join(HERE, "report.docx")
    make_docx(docx)
    with zipfile.ZipFile(docx) as z:
        assert z.testzip() is None
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= set(z.namelist())
    print(f"report.pdf {len(pdf)} bytes, report.docx {os.path.getsize(docx)} bytes")
