/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reads an ESC/POS stream back, as a printer would: the printed lines (GB18030 → UTF-8)
 * with their style, the QR payloads printed, raster images, and where the cut is. For the
 * ESC/POS tests; it refuses commands Songda does not send. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char    *text;     /* UTF-8, without the line feed */
  gboolean bold;     /* some of the text was printed bold */
  guint    width;    /* the largest width multiplier used on the line */
  guint    height;
  guint    align;    /* 0 left, 1 centre, 2 right, when the line started */
} EscposLine;

typedef struct {
  GPtrArray *lines;       /* EscposLine */
  GPtrArray *qr;          /* char *: payloads printed, in order */
  guint      n_rasters;
  guint      raster_rows;
  gboolean   reset;       /* began with ESC @ */
  gboolean   chinese;     /* FS & before any text */
  guint      n_cuts;
  gboolean   cut_at_end;  /* the cut is the last command */
} EscposDoc;

EscposDoc  *escpos_decode       (const guint8 *data,
                                 gsize         len,
                                 GError      **error);
void        escpos_doc_free     (EscposDoc    *doc);
/* The first line containing `needle`, or NULL. */
EscposLine *escpos_doc_find     (EscposDoc    *doc,
                                 const char   *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscposDoc, escpos_doc_free)

/* A printer on 127.0.0.1: a GSocketService on a free port that reads each connection to
 * its end into `received`, in the thread's default main context. */
typedef struct {
  GSocketService *service;
  guint16         port;
  GByteArray     *received;
  guint           n_closed;    /* connections read to the end */
} EscposListener;

void        escpos_listener_start (EscposListener  *l);
void        escpos_listener_stop  (EscposListener  *l);
/* Binds `listener` to 127.0.0.1 on a free port and returns the port. */
guint16     escpos_bind_loopback  (GSocketListener *listener);
/* Runs the main context until `n_closed` connections were read to the end. */
gboolean    escpos_listener_wait  (EscposListener  *l,
                                   guint            n_closed,
                                   guint            timeout_ms);

G_END_DECLS
