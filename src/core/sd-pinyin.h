/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-pinyin.h — pinyin of names, and matching of typed pinyin against it.
 *
 * A name is turned into a sequence of syllable slots: one slot per Han
 * character (its toneless pinyin, "ü" written "v"), one per run of ASCII
 * letters and one per run of ASCII digits (lowercased); everything else is
 * dropped.  Input is NFKC-normalised first, so full-width letters and digits
 * count as ASCII.  With @as_name, the first one or two characters of the name
 * are read as a surname when they are one (单 shan, 曾 zeng, 尉迟 yu chi,
 * 长孙 zhang sun …); otherwise the most common reading is used.
 *
 * The search index (sd_pinyin_index()) is plain ASCII: slots separated by one
 * space, and the readings of a polyphonic slot separated by '|', the reading
 * used by sd_pinyin_full() first: "shan|dan|chan tian fang".
 *
 * The readings come from src/core/data/pinyin.dat (generated from Unihan by
 * tools/gen-pinyin.py), loaded once from the GResource
 * SD_PINYIN_RESOURCE_PATH.  All functions are thread-safe.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* src/core/data/pinyin.dat, as listed in sd-core.gresource.xml */
#define SD_PINYIN_RESOURCE_PATH "/io/github/songda/Songda/core/data/pinyin.dat"

/* Longest query sd_pinyin_match() accepts (letters and digits, after
 * dropping spaces); longer queries never match. */
#define SD_PINYIN_QUERY_MAX 64

/* One string per slot: the reading used for display ("shan", "tian", "fang"). */
GStrv     sd_pinyin_syllables (const char *utf8,
                               gboolean    as_name);

/* The slots joined with spaces: "shan tian fang", "a dong wang jie". */
char     *sd_pinyin_full      (const char *utf8,
                               gboolean    as_name);

/* The first letter (or digit) of each slot: "stf", "adwj". */
char     *sd_pinyin_initials  (const char *utf8,
                               gboolean    as_name);

/* The string to store for sd_pinyin_match(), with every reading of each
 * slot: "shan|dan|chan tian fang".  Empty when the name has no slot. */
char     *sd_pinyin_index     (const char *utf8,
                               gboolean    as_name);

/* Whether @query matches a contiguous run of the slots of @index, each slot
 * typed fully or as any non-empty prefix of one of its readings, the last
 * one possibly cut short: "zs", "zsan", "zhs", "zhangs", "zhang san", "san"
 * all match "zhang san"; "ang" and "zx" do not.  The query is
 * case-insensitive; spaces, tabs and apostrophes in it are ignored; a "u" in
 * it also matches the "v" written for "ü" ("lu" finds 吕 lv).  A query
 * with any other character (or none at all, or longer than
 * SD_PINYIN_QUERY_MAX) never matches, and neither does a %NULL argument.
 * @index is a string made by sd_pinyin_index() or sd_pinyin_full().
 * Allocation-free; meant to run per row as an SQL function. */
gboolean  sd_pinyin_match     (const char *index,
                               const char *query);

G_END_DECLS
