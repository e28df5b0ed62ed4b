/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ESC/POS for 58/80 mm thermal printers: a byte builder (Chinese mode, GB18030 text,
 * styles, QR, raster, cut), column-aware text helpers, and a sender to "host:port" (TCP,
 * default port 9100) or to a device or file path (/dev/usb/lp0, \\PC\Printer). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SD_ESCPOS_ERROR (sd_escpos_error_quark ())

typedef enum {
  SD_ESCPOS_ERROR_ADDRESS,   /* no printer address, or one that cannot be parsed */
  SD_ESCPOS_ERROR_CONNECT,   /* the printer cannot be reached or opened */
  SD_ESCPOS_ERROR_WRITE,     /* the connection broke while sending */
} SdEscposError;

typedef enum {
  SD_ESCPOS_LEFT,
  SD_ESCPOS_CENTER,
  SD_ESCPOS_RIGHT,
} SdEscposAlign;

/* Columns of the standard 12×24 font on 58 mm and 80 mm paper. */
#define SD_ESCPOS_COLUMNS_58 32
#define SD_ESCPOS_COLUMNS_80 48

/* The default TCP port of network receipt printers ("raw" / JetDirect). */
#define SD_ESCPOS_DEFAULT_PORT 9100

typedef struct _SdEscpos SdEscpos;

GQuark     sd_escpos_error_quark   (void);

/* A new stream, starting with ESC @ (reset) and FS & (Chinese character mode). */
SdEscpos  *sd_escpos_new           (void);
void       sd_escpos_free          (SdEscpos      *self);
/* The bytes written so far; the builder stays usable. */
GBytes    *sd_escpos_get_bytes     (SdEscpos      *self);

void       sd_escpos_align         (SdEscpos      *self,
                                    SdEscposAlign  align);
void       sd_escpos_bold          (SdEscpos      *self,
                                    gboolean       bold);
/* Character size by GS !: width and height multipliers 1–8. */
void       sd_escpos_size          (SdEscpos      *self,
                                    guint          width,
                                    guint          height);
/* UTF-8 text, encoded in GB18030; characters GB18030 lacks become '?'. */
void       sd_escpos_text          (SdEscpos      *self,
                                    const char    *utf8);
/* Text and a line feed. */
void       sd_escpos_line          (SdEscpos      *self,
                                    const char    *utf8);
void       sd_escpos_feed          (SdEscpos      *self,
                                    guint          lines);
/* A QR code by GS ( k: model 2, module size 1–16 dots, error correction 'L', 'M', 'Q'
 * or 'H'; the payload is stored in the printer's symbol buffer and printed. */
void       sd_escpos_qr            (SdEscpos      *self,
                                    const char    *payload,
                                    guint          module_size,
                                    char           level);
/* A 1-bit raster image by GS v 0: rows of `width_bytes` bytes, most significant bit
 * leftmost, 1 = black. */
void       sd_escpos_raster        (SdEscpos      *self,
                                    const guint8  *bits,
                                    guint          width_bytes,
                                    guint          height);
/* Feeds to the cutter and cuts partially (GS V 66 n). */
void       sd_escpos_cut           (SdEscpos      *self);

/* Printed columns of UTF-8 text in Chinese mode: ASCII counts 1, every other character
 * 2 (the printer draws double-byte characters full width), zero-width marks 0. */
/* The text as the printer's Chinese fonts can draw it: characters GB18030 writes in four
 * bytes (CJK Extension B, emoji) become "?". Widths and wrapping count this text. */
char      *sd_escpos_printable     (const char    *utf8);
guint      sd_escpos_text_width    (const char    *utf8);
/* Lines of at most `columns` columns, breaking at spaces when it can, else anywhere
 * (Chinese has no spaces). Never returns an empty array: "" gives one empty line. */
GStrv      sd_escpos_wrap          (const char    *utf8,
                                    guint          columns);
/* `left` and `right` on one line of `columns` columns, padded with spaces between;
 * NULL when they do not fit. */
char      *sd_escpos_spread        (const char    *left,
                                    const char    *right,
                                    guint          columns);

/* TRUE for addresses naming a device or a file instead of a host. */
gboolean   sd_escpos_address_is_path (const char  *address);

/* Sends the stream to `address`: "host", "host:port" or "[v6]:port" over TCP, or a
 * device or file path. Errors name the address. */
void       sd_escpos_send_async    (const char          *address,
                                    GBytes              *bytes,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean   sd_escpos_send_finish   (GAsyncResult        *result,
                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdEscpos, sd_escpos_free)

G_END_DECLS
