/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to the core: reading entries of a zip archive in memory (the .xlsx container).
 *
 * PKWARE APPNOTE: the end of central directory record, the central directory, then each
 * entry's local header; entries stored or deflated (zlib, raw windowBits -15), CRC checked,
 * none allowed to inflate past SD_ZIP_MAX_PART_SIZE. ZIP64, encryption and other methods are
 * refused with a message. Errors are SD_TABLE_ERROR_FORMAT: a zip is read here only as a
 * spreadsheet. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SD_ZIP_MAX_PART_SIZE (200u * 1024 * 1024)

typedef struct {
  const guint8 *data;
  gsize         len;
  GHashTable   *entries;   /* lower-case name → entry */
} SdZip;

gboolean _sd_zip_open    (SdZip        *zip,
                          const guint8 *data,
                          gsize         len,
                          GError      **error);
void     _sd_zip_clear   (SdZip        *zip);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SdZip, _sd_zip_clear)
/* The part's bytes with a NUL after them, or NULL: with an error, or without one when
 * the part is absent and `optional`. Names match case-insensitively. */
char    *_sd_zip_extract (SdZip        *zip,
                          const char   *name,
                          gboolean      optional,
                          gsize        *out_len,
                          GError      **error);

G_END_DECLS
