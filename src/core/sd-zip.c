/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading entries of a zip archive in memory; see sd-zip.h. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <zlib.h>
#include <glib/gi18n-lib.h>

#include "sd-table.h"
#include "sd-zip.h"

#define MAX_PART_SIZE SD_ZIP_MAX_PART_SIZE

typedef struct {
  guint16 flags;
  guint16 method;
  guint32 crc;
  guint32 compressed_size;
  guint32 size;
  guint32 local_offset;
} ZipEntry;


static inline guint16
rd16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
rd32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                       _("The .xlsx file is damaged or incomplete; it may have been cut "
                         "off while copying. Open it in Excel or WPS and save it again."));
}

static void
set_zip64 (GError **error)
{
  g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                       _("The .xlsx file uses the ZIP64 format, which is not supported. "
                         "Open it in Excel or WPS and save it again."));
}

gboolean
_sd_zip_open (SdZip           *zip,
          const guint8  *data,
          gsize          len,
          GError       **error)
{
  const guint8 *eocd = NULL;
  gsize lowest;
  guint n_entries;
  guint32 cd_size;
  guint32 cd_offset;
  gsize pos;

  zip->data = data;
  zip->len = len;
  zip->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (len < 22)
    {
      set_damaged (error);
      return FALSE;
    }
  /* the record is 22 bytes plus a comment of at most 65535 */
  lowest = len > 22 + 0xFFFF ? len - 22 - 0xFFFF : 0;
  for (gsize i = len - 22 + 1; i-- > lowest; )
    if (rd32 (data + i) == 0x06054b50 && i + 22 + rd16 (data + i + 20) <= len)
      {
        eocd = data + i;
        break;
      }
  if (eocd == NULL)
    {
      set_damaged (error);
      return FALSE;
    }

  n_entries = rd16 (eocd + 10);
  cd_size = rd32 (eocd + 12);
  cd_offset = rd32 (eocd + 16);
  if (n_entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF)
    {
      set_zip64 (error);
      return FALSE;
    }
  if (rd16 (eocd + 4) != 0 || rd16 (eocd + 6) != 0
      || (gsize) cd_offset + cd_size > (gsize) (eocd - data))
    {
      set_damaged (error);
      return FALSE;
    }

  pos = cd_offset;
  for (guint i = 0; i < n_entries; i++)
    {
      const guint8 *h = data + pos;
      ZipEntry *entry;
      guint name_len, extra_len, comment_len;

      if (pos + 46 > len || rd32 (h) != 0x02014b50)
        {
          set_damaged (error);
          return FALSE;
        }
      name_len = rd16 (h + 28);
      extra_len = rd16 (h + 30);
      comment_len = rd16 (h + 32);
      if (pos + 46 + name_len + extra_len + comment_len > len)
        {
          set_damaged (error);
          return FALSE;
        }

      entry = g_new0 (ZipEntry, 1);
      entry->flags = rd16 (h + 8);
      entry->method = rd16 (h + 10);
      entry->crc = rd32 (h + 16);
      entry->compressed_size = rd32 (h + 20);
      entry->size = rd32 (h + 24);
      entry->local_offset = rd32 (h + 42);
      /* part names are case-insensitive (OPC); a later duplicate wins, as in Excel */
      g_hash_table_replace (zip->entries,
                            g_ascii_strdown ((const char *) h + 46, name_len), entry);
      pos += 46 + name_len + extra_len + comment_len;
    }
  return TRUE;
}

void
_sd_zip_clear (SdZip *zip)
{
  g_clear_pointer (&zip->entries, g_hash_table_unref);
}


/* The part's bytes with a NUL after them, or NULL: with an error, or without one when
 * the part is absent and `optional`. */
char *
_sd_zip_extract (SdZip         *zip,
             const char  *name,
             gboolean     optional,
             gsize       *out_len,
             GError     **error)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  g_autofree char *out = NULL;
  const ZipEntry *entry = g_hash_table_lookup (zip->entries, key);
  const guint8 *h;
  gsize data_offset;

  if (entry == NULL)
    {
      if (!optional)
        g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                     _("The file is not an Excel workbook: it has no part “%s”."), name);
      return NULL;
    }
  if (entry->flags & 0x0041)   /* traditional or strong encryption */
    {
      g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                           _("The .xlsx file is encrypted. Remove the password in Excel or "
                             "WPS and save it again."));
      return NULL;
    }
  if (entry->compressed_size == 0xFFFFFFFF || entry->size == 0xFFFFFFFF
      || entry->local_offset == 0xFFFFFFFF)
    {
      set_zip64 (error);
      return NULL;
    }
  if (entry->method != 0 && entry->method != 8)
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                   _("The .xlsx file uses an unsupported compression method (%u). Open it "
                     "in Excel or WPS and save it again."),
                   entry->method);
      return NULL;
    }
  if (entry->size > MAX_PART_SIZE)
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                   _("The part “%s” of the .xlsx file is too large (more than %u MiB)."),
                   name, MAX_PART_SIZE / (1024 * 1024));
      return NULL;
    }

  h = zip->data + entry->local_offset;
  if ((gsize) entry->local_offset + 30 > zip->len || rd32 (h) != 0x04034b50)
    {
      set_damaged (error);
      return NULL;
    }
  data_offset = (gsize) entry->local_offset + 30 + rd16 (h + 26) + rd16 (h + 28);
  if (data_offset + entry->compressed_size > zip->len)
    {
      set_damaged (error);
      return NULL;
    }

  out = g_malloc ((gsize) entry->size + 1);
  if (entry->method == 0)
    {
      if (entry->compressed_size != entry->size)
        {
          set_damaged (error);
          return NULL;
        }
      memcpy (out, zip->data + data_offset, entry->size);
    }
  else
    {
      z_stream z;
      int ret;

      memset (&z, 0, sizeof z);
      if (inflateInit2 (&z, -15) != Z_OK)
        {
          set_damaged (error);
          return NULL;
        }
      z.next_in = (Bytef *) (zip->data + data_offset);
      z.avail_in = entry->compressed_size;
      z.next_out = (Bytef *) out;
      z.avail_out = entry->size;
      ret = inflate (&z, Z_FINISH);
      /* an empty part may end before the stream says so: zero bytes wanted, zero made */
      if ((ret != Z_STREAM_END && !(entry->size == 0 && ret == Z_BUF_ERROR))
          || z.total_out != entry->size)
        {
          inflateEnd (&z);
          set_damaged (error);
          return NULL;
        }
      inflateEnd (&z);
    }
  if (crc32 (0, (const Bytef *) out, entry->size) != entry->crc)
    {
      set_damaged (error);
      return NULL;
    }
  out[entry->size] = '\0';
  *out_len = entry->size;
  return g_steal_pointer (&out);
}
