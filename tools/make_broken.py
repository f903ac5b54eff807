#!/usr/bin/env python3
"""Write the broken and refused inputs of fixtures/: a cut and a garbled .docx, the compound
files of an encrypted .docx and of a Word 97-2003 .doc, a PDF, and a page cut mid-tag.

usage: make_broken.py   (run from the repository root; reads fixtures/docx/004.docx and
                         fixtures/html/004_gov.html, made by make_docx.py and wrap_html.py)
"""
import struct


def compound_file(streams):
    """A minimal OLE compound file (CFB v3) whose directory lists `streams` (names only:
    the streams are empty), as Office writes for .doc and for encrypted OOXML."""
    header = bytearray(512)
    header[0:8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)  # no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xFF" * 512)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)  # FAT sector, directory chain end
    directory = bytearray()
    for kind, name in [(5, "Root Entry")] + [(2, s) for s in streams]:
        entry = bytearray(128)
        raw = name.encode("utf-16-le") + b"\0\0"
        entry[0:len(raw)] = raw
        struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<I", entry, 116, 0xFFFFFFFE)
        directory += entry
    directory += bytes(512 - len(directory) % 512) if len(directory) % 512 else b""
    return bytes(header + fat + directory)


def main():
    docx = open("fixtures/docx/004.docx", "rb").read()
    open("fixtures/docx/broken_truncated.docx", "wb").write(docx[: len(docx) // 2])
    garbled = bytearray(docx)
    for i in range(200, len(garbled) - 200, 97):
        garbled[i] ^= 0x5A
    open("fixtures/docx/broken_garbled.docx", "wb").write(bytes(garbled))
    open("fixtures/docx/encrypted.docx", "wb").write(
        compound_file(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    open("fixtures/docx/legacy.doc", "wb").write(
        compound_file(["WordDocument", "1Table", "\x05SummaryInformation"]))
    open("fixtures/docx/report.pdf", "wb").write(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    page = open("fixtures/html/004_gov.html", "rb").read()
    cut = page.find(b"<p>", len(page) // 2) + 2
    open("fixtures/html/broken_truncated.html", "wb").write(page[:cut])


if __name__ == "__main__":
    main()
