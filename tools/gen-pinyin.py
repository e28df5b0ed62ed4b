#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate src/core/data/pinyin.dat, the Han character -> pinyin table of Songda.

Source
------
The readings come from the Unicode Han Database (Unihan), file
``/usr/share/unicode/Unihan_Readings.txt.bz2`` of the Debian package
``unicode-data`` (Debian 12: version 15.0.0-1, i.e. Unihan of Unicode 15.0.0).
Licence of the source: the Unicode License Agreement - Data Files and Software
(see /usr/share/doc/unicode-data/copyright and https://www.unicode.org/license.txt),
a permissive licence; the generated file carries the notice it requires.

Fields used, per character (tones are removed, "ü" is written "v"):

  1. kMandarin        the customary reading (first value: the zh-CN one) -> the
                      primary reading of the character;
  2. kHanyuPinlu      readings attested in a frequency corpus, most frequent first;
  3. kTGHZ2013        readings of the 2013 Table of General Standard Chinese
                      Characters (通用规范汉字字典);
  4. kXHC1983         readings of the Xiandai Hanyu Cidian (现代汉语词典);
  5. kHanyuPinyin     readings of the Hanyu Da Zidian, used ONLY for characters
                      that have none of the fields above (the HDZ lists many
                      archaic readings that would only add false search hits).

Characters covered: every character of CJK Unified Ideographs (U+4E00-U+9FFF)
and Extension A (U+3400-U+4DBF) that has a reading (in Unihan 15.0, 91
characters of U+4E00-U+9FFF have none: multi-syllable unit characters such as
U+5159 and recent additions at U+9FA6-U+9FFF), plus the characters of the
supplementary planes that are in kTGHZ2013, kXHC1983 or kHanyuPinlu (modern
standard characters such as those of the 通用规范汉字表).

The surname table below (SURNAMES) is hand-written from well-known facts
(百家姓 readings); the generator checks that every surname reading is one of
the character's Unihan readings, so it cannot drift from the data.

Regenerate
----------
    apt-get install unicode-data
    python3 tools/gen-pinyin.py                     # writes src/core/data/pinyin.dat
    python3 tools/gen-pinyin.py --dump src/core/data/pinyin.dat | less   # review

The output is deterministic (same input -> same bytes).

Format of pinyin.dat (version 1, all integers little-endian)
------------------------------------------------------------
header, 64 bytes:
    0  char[4] magic "SDPY"
    4  u32 version (1)
    8  u32 n_syllables                ids 1..n_syllables (0 = no reading)
   12  u32 offset of syllable index   u16[n_syllables + 1]; text of id i starts at
                                      text + index[i - 1], is NUL-terminated
   16  u32 offset of syllable text    lowercase ASCII, NUL-terminated strings
   20  u32 n_ranges
   24  u32 offset of ranges           n_ranges x { u32 first, u32 count, u32 first_value }
                                      sorted by first, not overlapping
   28  u32 n_values
   32  u32 offset of values           u16[n_values]; value of code point c in range r
                                      is values[r.first_value + c - r.first]:
                                        0           no reading
                                        1..0x7fff   one reading: that syllable id
                                        0x8000|i    several: pool[i] = k, then k ids,
                                                    most common reading first
   36  u32 n_pool
   40  u32 offset of pool             u16[n_pool]
   44  u32 n_surnames
   48  u32 offset of surnames         n_surnames x { u32 cp1, u32 cp2 (0: one character),
                                      u16 syl1, u16 syl2 (0: none) }, sorted by (cp1, cp2)
   52  u32 offset of notice           NUL-terminated UTF-8 text (source and licence)
   56  u32 total file size
   60  u32 reserved (0)
"""

import argparse
import bz2
import os
import struct
import sys
import unicodedata

DEFAULT_SOURCE = "/usr/share/unicode/Unihan_Readings.txt.bz2"
DEFAULT_OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "..", "src", "core", "data", "pinyin.dat")
MAGIC = b"SDPY"
VERSION = 1
HEADER_SIZE = 64
MAX_GAP = 6  # merge two ranges when fewer code points than this lie between them

# Surnames whose reading differs from (or is a specific one of) the character's
# common readings.  Applied only to the first character(s) of a person's name.
# Compound surnames are listed when one of their characters is polyphonic, and the
# best-known ones also when it is not (so the table documents them).
SURNAMES = {
    # polyphonic single-character surnames
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou",
    "朴": "piao", "查": "zha", "盖": "ge", "乐": "yue", "缪": "miao",
    "覃": "qin", "召": "shao", "种": "chong", "翟": "zhai", "都": "du",
    "隗": "wei", "颉": "xie", "炅": "gui", "粘": "nian", "祭": "zhai",
    "佴": "nai", "繁": "po", "句": "gou", "折": "she", "洗": "xian",
    "员": "yun", "秘": "bi", "阚": "kan", "长": "chang", "重": "chong",
    "朝": "chao", "柏": "bai", "褚": "chu", "莘": "shen", "宓": "mi",
    "贾": "jia", "车": "che", "华": "hua", "任": "ren", "沈": "shen",
    "葛": "ge", "尉": "wei", "过": "guo", "牟": "mou", "万": "wan",
    "藏": "zang", "宿": "su", "訾": "zi", "晟": "cheng",
    # compound surnames
    "尉迟": "yu chi", "长孙": "zhang sun", "万俟": "mo qi", "单于": "chan yu",
    "澹台": "tan tai", "乐正": "yue zheng", "子车": "zi ju", "欧阳": "ou yang",
    "司马": "si ma", "诸葛": "zhu ge", "上官": "shang guan", "司徒": "si tu",
    "东方": "dong fang", "皇甫": "huang fu", "令狐": "ling hu", "慕容": "mu rong",
    "夏侯": "xia hou", "公孙": "gong sun", "宇文": "yu wen", "轩辕": "xuan yuan",
    "闻人": "wen ren", "端木": "duan mu", "呼延": "hu yan", "南宫": "nan gong",
    "西门": "xi men", "独孤": "du gu", "百里": "bai li", "东郭": "dong guo",
    "公冶": "gong ye", "拓跋": "tuo ba", "申屠": "shen tu", "太史": "tai shi",
    "钟离": "zhong li", "濮阳": "pu yang", "淳于": "chun yu", "仲孙": "zhong sun",
    "公羊": "gong yang", "赫连": "he lian", "第五": "di wu", "梁丘": "liang qiu",
    "左丘": "zuo qiu", "东门": "dong men", "谷梁": "gu liang", "宰父": "zai fu",
    "亓官": "qi guan", "司寇": "si kou", "颛孙": "zhuan sun", "巫马": "wu ma",
    "公西": "gong xi", "漆雕": "qi diao", "壤驷": "rang si", "公良": "gong liang",
    "段干": "duan gan", "羊舌": "yang she", "微生": "wei sheng", "鲜于": "xian yu",
    "闾丘": "lv qiu", "司空": "si kong", "公输": "gong shu",
}

FIELDS = ("kMandarin", "kHanyuPinlu", "kTGHZ2013", "kXHC1983", "kHanyuPinyin")


def toneless(reading):
    """'lüè' -> 'lve', 'zhǎng' -> 'zhang', 'ê̄' -> 'e'."""
    s = unicodedata.normalize("NFD", reading.strip().lower())
    s = s.replace("u\u0308", "v")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    if not s or not all("a" <= ch <= "z" for ch in s):
        raise ValueError("unexpected reading %r" % reading)
    return s


def field_readings(field, value):
    """Readings of one Unihan field value, in the order that field gives them."""
    out = []
    if field == "kMandarin":
        out = value.split()
    elif field == "kHanyuPinlu":
        # "zhǎng(1879) cháng(1179)": most frequent first
        items = []
        for i, tok in enumerate(value.split()):
            reading, _, count = tok.partition("(")
            items.append((-int(count.rstrip(")")), i, reading))
        out = [r for _, _, r in sorted(items)]
    else:
        # kTGHZ2013, kXHC1983, kHanyuPinyin: "loc[,loc]:r1[,r2] loc:r3"
        for tok in value.split():
            _, _, readings = tok.partition(":")
            out.extend(readings.split(","))
    return [toneless(r) for r in out if r]


def load_unihan(path):
    fields = {}
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in FIELDS:
                fields.setdefault(int(cp[2:], 16), {})[field] = value
    return fields


def readings_of(d):
    out = []
    for field in FIELDS[:4]:
        if field in d:
            out.extend(field_readings(field, d[field]))
    if not out and "kHanyuPinyin" in d:
        out.extend(field_readings("kHanyuPinyin", d["kHanyuPinyin"]))
    seen = []
    for r in out:
        if r not in seen:
            seen.append(r)
    return seen


def wanted(cp, d):
    if 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF:
        return True
    return any(k in d for k in ("kTGHZ2013", "kXHC1983", "kHanyuPinlu"))


def build(source):
    fields = load_unihan(source)
    table = {}
    for cp, d in fields.items():
        if wanted(cp, d):
            r = readings_of(d)
            if r:
                table[cp] = r

    syllables = sorted({s for r in table.values() for s in r})
    surname_syllables = set()
    for han, reading in SURNAMES.items():
        parts = reading.split()
        if len(parts) != len(han) or len(han) not in (1, 2):
            raise SystemExit("bad surname entry %s %s" % (han, reading))
        for ch, syl in zip(han, parts):
            if syl not in table.get(ord(ch), []):
                raise SystemExit("surname %s: %r is not a Unihan reading of %s (%s)"
                                 % (han, syl, ch, table.get(ord(ch))))
            surname_syllables.add(syl)
    syl_id = {s: i + 1 for i, s in enumerate(syllables)}
    if len(syllables) >= 0x8000:
        raise SystemExit("too many syllables")

    # pool of multi-reading lists, deduplicated
    pool = []
    pool_index = {}
    values_of = {}
    for cp in sorted(table):
        ids = [syl_id[s] for s in table[cp]]
        if len(ids) == 1:
            values_of[cp] = ids[0]
        else:
            key = tuple(ids)
            if key not in pool_index:
                pool_index[key] = len(pool)
                pool.append(len(ids))
                pool.extend(ids)
            values_of[cp] = 0x8000 | pool_index[key]
    if len(pool) >= 0x8000:
        raise SystemExit("pool too large")

    # ranges of code points, merging small gaps
    ranges = []
    for cp in sorted(values_of):
        if ranges and cp - (ranges[-1][0] + ranges[-1][1]) < MAX_GAP:
            ranges[-1][1] = cp - ranges[-1][0] + 1
        else:
            ranges.append([cp, 1])
    values = []
    range_rows = []
    for first, count in ranges:
        range_rows.append((first, count, len(values)))
        values.extend(values_of.get(c, 0) for c in range(first, first + count))

    surnames = []
    for han, reading in SURNAMES.items():
        parts = [syl_id[s] for s in reading.split()]
        cps = [ord(c) for c in han]
        surnames.append((cps[0], cps[1] if len(cps) > 1 else 0,
                         parts[0], parts[1] if len(parts) > 1 else 0))
    surnames.sort()

    notice = (
        "Songda pinyin table, generated by tools/gen-pinyin.py from "
        "Unihan_Readings.txt of Unicode 15.0.0 (Debian package unicode-data). "
        "Modified: tones removed, u-umlaut written v, readings merged from the "
        "kMandarin, kHanyuPinlu, kTGHZ2013, kXHC1983 (and kHanyuPinyin) fields, "
        "binary encoding; surname table added. "
        "Copyright (c) 1991-2022 Unicode, Inc. Distributed under the Unicode "
        "License Agreement - Data Files and Software, "
        "https://www.unicode.org/license.txt\n")

    # assemble
    text = b""
    sindex = []
    for s in syllables:
        sindex.append(len(text))
        text += s.encode("ascii") + b"\0"
    sindex.append(len(text))

    def u16s(seq):
        return struct.pack("<%dH" % len(seq), *seq)

    blobs = [
        u16s(sindex),
        text,
        b"".join(struct.pack("<III", *r) for r in range_rows),
        u16s(values),
        u16s(pool),
        b"".join(struct.pack("<IIHH", *s) for s in surnames),
        notice.encode("utf-8") + b"\0",
    ]
    offsets = []
    body = b""
    for blob in blobs:
        while (HEADER_SIZE + len(body)) % 4:
            body += b"\0"
        offsets.append(HEADER_SIZE + len(body))
        body += blob
    total = HEADER_SIZE + len(body)
    header = MAGIC + struct.pack(
        "<15I", VERSION, len(syllables), offsets[0], offsets[1],
        len(range_rows), offsets[2], len(values), offsets[3],
        len(pool), offsets[4], len(surnames), offsets[5], offsets[6], total, 0)
    assert len(header) == HEADER_SIZE
    stats = dict(chars=len(table), syllables=len(syllables),
                 ranges=len(range_rows), values=len(values), pool=len(pool),
                 surnames=len(surnames), size=total,
                 uro=sum(1 for c in table if 0x4E00 <= c <= 0x9FFF))
    return header + body, stats


def dump(path):
    data = open(path, "rb").read()
    if data[:4] != MAGIC:
        raise SystemExit("not a pinyin.dat file")
    (version, nsyl, sidx, stext, nranges, roff, nvalues, voff, npool, poff,
     nsur, suroff, noff, total, _) = struct.unpack_from("<15I", data, 4)
    sindex = struct.unpack_from("<%dH" % (nsyl + 1), data, sidx)

    def syl(i):
        start = stext + sindex[i - 1]
        return data[start:data.index(b"\0", start)].decode("ascii")

    values = struct.unpack_from("<%dH" % nvalues, data, voff)
    pool = struct.unpack_from("<%dH" % npool, data, poff)
    out = sys.stdout
    out.write("# %s" % data[noff:data.index(b"\0", noff)].decode("utf-8"))
    for r in range(nranges):
        first, count, fv = struct.unpack_from("<III", data, roff + 12 * r)
        for c in range(first, first + count):
            v = values[fv + c - first]
            if v == 0:
                continue
            if v & 0x8000:
                i = v & 0x7FFF
                ids = pool[i + 1:i + 1 + pool[i]]
            else:
                ids = (v,)
            out.write("U+%04X\t%s\t%s\n" % (c, chr(c), "|".join(syl(i) for i in ids)))
    for s in range(nsur):
        cp1, cp2, s1, s2 = struct.unpack_from("<IIHH", data, suroff + 12 * s)
        han = chr(cp1) + (chr(cp2) if cp2 else "")
        out.write("surname\t%s\t%s\n" % (han, " ".join(syl(i) for i in (s1, s2) if i)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE,
                    help="Unihan_Readings.txt[.bz2] (default: %(default)s)")
    ap.add_argument("-o", "--output", default=DEFAULT_OUTPUT,
                    help="output file (default: src/core/data/pinyin.dat)")
    ap.add_argument("--dump", metavar="DAT",
                    help="print a pinyin.dat as text instead of generating")
    args = ap.parse_args()
    if args.dump:
        dump(args.dump)
        return
    data, stats = build(args.source)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(data)
    print("wrote %s: %d bytes, %d characters (%d in U+4E00-U+9FFF), %d syllables, "
          "%d ranges, %d pool entries, %d surnames"
          % (os.path.normpath(args.output), stats["size"], stats["chars"],
             stats["uro"], stats["syllables"], stats["ranges"], stats["pool"],
             stats["surnames"]))


if __name__ == "__main__":
    main()
