#!/usr/bin/env python3
"""Turn X11 misc-fixed BDF fonts into a generated Swift file of glyph bitmaps for nv.

Usage (from the repository root; needs Debian's xfonts-base and pcf2bdf):

    tools/bdf2swift.py small 6x13 > Sources/Plots/Text/FontData+Small.swift
    tools/bdf2swift.py large 9x15B 9x15 > Sources/Plots/Text/FontData+Large.swift

The first font name is the primary; any later names fill in characters the primary lacks (the
bold 9x15B has no nabla, for example, so it borrows the regular 9x15's). Every glyph is placed in
the font's full cell (ascent + descent rows); each row is one UInt16 with the leftmost pixel in
bit 15, written as four hex digits; one line of the
multi-line string per glyph. Only the characters listed in WANTED are kept, which is
printable ASCII, Latin-1, Greek and the symbols ML labels need.

The misc-fixed fonts are public domain ("Public domain font.  Share and enjoy."); see
LICENSES/misc-fixed.txt.
"""
import gzip
import os
import subprocess
import sys
import tempfile

FONT_DIR = "/usr/share/fonts/X11/misc"

WANTED = (
    list(range(0x20, 0x7F))            # printable ASCII
    + list(range(0xA0, 0x100))         # Latin-1: ± ° · × ² ³ µ ...
    + [0x177]                          # ŷ
    + list(range(0x391, 0x3AA))        # Greek capitals
    + list(range(0x3B1, 0x3CA))        # Greek small letters
    + [0x3D1, 0x3D5, 0x3F5]            # ϑ ϕ ϵ
    + list(range(0x2010, 0x2027))      # dashes, quotes, bullet, ellipsis
    + [0x2030, 0x2032, 0x2033]         # ‰ ′ ″
    + list(range(0x2070, 0x208F))      # superscript and subscript digits and signs
    + [0x2190, 0x2191, 0x2192, 0x2193, 0x2194, 0x21D2, 0x21D4]  # arrows
    + [0x2200, 0x2202, 0x2203, 0x2205, 0x2206, 0x2207, 0x2208, 0x2209, 0x220F, 0x2211,
       0x2212, 0x2213, 0x2217, 0x2218, 0x2219, 0x221A, 0x221D, 0x221E, 0x2227, 0x2228,
       0x2229, 0x222A, 0x222B, 0x2248, 0x2260, 0x2261, 0x2264, 0x2265, 0x2282, 0x2283,
       0x2297, 0x22C5]                 # mathematical operators
    + [0x25A0, 0x25A1, 0x25B2, 0x25BC, 0x25CB, 0x25CF, 0x2713, 0x2717]  # shapes, ticks
)

# Glyphs drawn by hand in place of the font's, keyed by the primary font: rows from the top of
# the cell, '#' for ink. The superscript digits of misc-fixed mix two designs (¹²³ from Latin-1
# sit a row lower and are shaped differently from ⁰⁴⁵⁶⁷⁸⁹; 6x13's ⁴ is not legible), so
# "5×10⁻⁴" read badly; and the period is a diamond that reads as a comma at this size.
HAND_DRAWN = {
    "6x13": {
        0x2E: [""] * 9 + ["..##..", "..##.."],
        0xB9: [".#....", "##....", ".#....", ".#....", "###..."],
        0xB2: ["##....", "..#...", ".#....", "#.....", "###..."],
        0xB3: ["##....", "..#...", ".#....", "..#...", "##...."],
        0x2074: ["#.#...", "#.#...", "###...", "..#...", "..#..."],
        0x2076: [".##...", "#.....", "###...", "#.#...", "###..."],
    },
    "9x15B": {
        0x2E: [""] * 10 + ["...###...", "...###..."],
        0xB9: ["", "", "...#.....", "..##.....", "...#.....", "...#.....", "...#.....", "..###...."],
        0xB2: ["", "", "..##.....", ".#..#....", "....#....", "...#.....", "..#......", ".####...."],
        0xB3: ["", "", ".###.....", "....#....", "..##.....", "....#....", "....#....", ".###....."],
    },
}


def hand_drawn_rows(pattern, rows_count):
    """A HAND_DRAWN pattern as cell rows (leftmost pixel in bit 15), padded with empty rows."""
    rows = [0] * rows_count
    for i, text in enumerate(pattern[:rows_count]):
        for x, pixel in enumerate(text):
            if pixel == "#":
                rows[i] |= 1 << (15 - x)
    return rows


def load_bdf(name):
    """Converts /usr/share/fonts/X11/misc/<name>.pcf.gz to BDF with pcf2bdf and parses it."""
    with tempfile.TemporaryDirectory() as tmp:
        pcf = os.path.join(tmp, name + ".pcf")
        with gzip.open(os.path.join(FONT_DIR, name + ".pcf.gz")) as src, open(pcf, "wb") as dst:
            dst.write(src.read())
        bdf = subprocess.run(["pcf2bdf", pcf], check=True, capture_output=True, text=True).stdout
    props, glyphs, glyph, bitmap = {}, {}, None, None
    for line in bdf.splitlines():
        parts = line.split()
        if not parts:
            continue
        key = parts[0]
        if bitmap is not None and key != "ENDCHAR":
            hex_row = parts[0][:4]               # rows are hex padded to whole bytes
            bitmap.append(int(hex_row, 16) << (16 - 4 * len(hex_row)))
            continue
        if key in ("FONT_ASCENT", "FONT_DESCENT", "FONTBOUNDINGBOX", "COPYRIGHT", "FONT"):
            props[key] = parts[1:]
        elif key == "STARTCHAR":
            glyph = {}
        elif key == "ENCODING":
            glyph["code"] = int(parts[1])
        elif key == "DWIDTH":
            glyph["dwidth"] = int(parts[1])
        elif key == "BBX":
            glyph["bbx"] = tuple(int(p) for p in parts[1:5])
        elif key == "BITMAP":
            bitmap = []
        elif key == "ENDCHAR":
            glyph["rows"] = bitmap
            glyphs[glyph["code"]] = glyph
            glyph, bitmap = None, None
    return props, glyphs


def cell_rows(glyph, ascent, descent):
    """The glyph's bitmap placed in the full cell: ascent + descent rows, leftmost pixel bit 15."""
    width, height, x_off, y_off = glyph["bbx"]
    rows = [0] * (ascent + descent)
    top = ascent - (height + y_off)          # cell row of the bitmap's first row
    for i, bits in enumerate(glyph["rows"]):
        row = top + i
        if 0 <= row < len(rows):
            rows[row] |= (bits >> x_off) & 0xFFFF if x_off >= 0 else (bits << -x_off) & 0xFFFF
    return rows


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: bdf2swift.py SWIFT_NAME PRIMARY_FONT [FALLBACK_FONT ...]")
    swift_name, font_names = sys.argv[1], sys.argv[2:]
    fonts = [load_bdf(name) for name in font_names]
    props = fonts[0][0]
    ascent, descent = int(props["FONT_ASCENT"][0]), int(props["FONT_DESCENT"][0])
    cell_width = int(props["FONTBOUNDINGBOX"][0])
    if cell_width > 16:
        sys.exit("cells wider than 16 pixels do not fit a UInt16 row")
    codes, rows = [], []
    hand_drawn = HAND_DRAWN.get(font_names[0], {})
    for code in WANTED:
        if code in hand_drawn:
            codes.append(code)
            rows.extend(hand_drawn_rows(hand_drawn[code], ascent + descent))
            continue
        for fprops, glyphs in fonts:
            glyph = glyphs.get(code)
            same_cell = (int(fprops["FONT_ASCENT"][0]) == ascent
                         and int(fprops["FONT_DESCENT"][0]) == descent)
            if glyph and glyph["dwidth"] == cell_width and same_cell:
                codes.append(code)
                rows.extend(cell_rows(glyph, ascent, descent))
                break
    missing = [hex(c) for c in WANTED if c not in set(codes)]
    print("// Generated by tools/bdf2swift.py from the X11 misc-fixed font(s) "
          + ", ".join(font_names) + " (xfonts-base).")
    print("// Public domain font.  Share and enjoy. (see LICENSES/misc-fixed.txt) Do not edit.")
    if missing:
        print("// Not in the source font(s), drawn as a replacement box: " + " ".join(missing))
    print()
    print("extension FontData {")
    print(f"    /// {', '.join(font_names)}: {cell_width}x{ascent + descent} cells, "
          f"{len(codes)} glyphs.")
    print(f"    static let {swift_name} = FontData(")
    print(f'        name: "{font_names[0]}", cellWidth: {cell_width}, ascent: {ascent}, '
          f"descent: {descent},")
    print("        codepoints: [")
    for i in range(0, len(codes), 12):
        print("            " + ", ".join(f"0x{c:04X}" for c in codes[i:i + 12]) + ",")
    print("        ],")
    print('        rowsHex: """')
    per_glyph = ascent + descent
    for i in range(0, len(codes)):
        chunk = "".join(f"{r:04X}" for r in rows[i * per_glyph:(i + 1) * per_glyph])
        print(f"            {chunk}")
    print('            """')
    print("    )")
    print("}")


if __name__ == "__main__":
    main()
