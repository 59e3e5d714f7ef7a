#!/usr/bin/env python3
"""Writes the MOT sample's reference document, reference/mot-inspection-manual.pdf.

A two-page excerpt-like "MOT inspection manual" with searchable text (Helvetica, one of the
PDF standard fonts, so no font is embedded and the file stays small). Hand-built so the bytes
are reproducible: run `python3 exam/samples/tools/make_mot_manual_pdf.py` from the repository
root and the committed file is written again, byte for byte.
"""
import pathlib

PAGES = [
    [
        (18, "MOT inspection manual: cars and passenger vehicles (excerpt)"),
        (13, "Section 1. Lamps, reflectors and electrical equipment"),
        (11, "1.1 Front and rear position lamps must show a steady light."),
        (11, "1.2 Headlamp aim is checked with the vehicle on level ground."),
        (11, "1.3 A stop lamp must light when the service brake is applied."),
        (11, "1.4 Rear fog lamp: at least one, on the offside or centre line."),
        (13, "Section 3. Brakes"),
        (11, "3.1 Service brake efficiency: at least 50 percent for most cars."),
        (11, "3.2 Parking brake efficiency: at least 16 percent."),
        (11, "3.3 A brake pipe corroded so that it is weakened is a reason for refusal."),
    ],
    [
        (13, "Section 5. Tyres"),
        (11, "5.1 Tread depth: at least 1.6 mm across the central three quarters"),
        (11, "    of the tread, around the whole circumference."),
        (11, "5.2 A cut deep enough to reach the ply or cords is a reason for refusal."),
        (11, "5.3 Tyres on the same axle must be of the same size and structure."),
        (11, "5.4 Check the tread pattern for bulges, lumps and tears."),
        (9, "Excerpt written for the Vigil sample paper; not the official manual."),
    ],
]


def escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def content_stream(lines):
    ops = ["BT"]
    y = 780
    for size, text in lines:
        ops.append(f"/F1 {size} Tf 1 0 0 1 56 {y} Tm ({escape(text)}) Tj")
        y -= size + 14
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def build():
    objects = []  # index i holds object number i + 1
    page_count = len(PAGES)
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(page_count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(PAGES):
        stream = content_stream(lines)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {first_page + 2 * i + 1} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream +
                       b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


if __name__ == "__main__":
    target = (pathlib.Path(__file__).resolve().parent.parent /
              "mot-braking-lighting-tyres/reference/mot-inspection-manual.pdf")
    target.write_bytes(build())
    print(target)
