/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The preview draws one page at a time: Poppler renders it onto a Cairo image surface at
 * the zoom times the display's scale, wrapped as a texture and kept until the page or the
 * zoom changes. Fit to width is worked out from the allocated width, capped so a 58 mm
 * receipt is not blown up to poster size. */
#define G_LOG_DOMAIN "songda-widgets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "sd-doc-preview.h"

#define PX_PER_PT   (96.0 / 72.0)
#define PAGE_MARGIN 24      /* px around the page */
#define FIT_MAX     2.0     /* fit to width never magnifies more */
#define ZOOM_STEP   1.25

/* The page itself: a fixed-size widget that draws the cached texture. */
#define SD_TYPE_DOC_PAGE_VIEW (sd_doc_page_view_get_type ())
G_DECLARE_FINAL_TYPE (SdDocPageView, sd_doc_page_view, SD, DOC_PAGE_VIEW, GtkWidget)

struct _SdDocPageView {
  GtkWidget     parent_instance;
  SdDocPreview *preview;     /* not owned */
};

struct _SdDocPreview {
  GtkWidget        parent_instance;

  GtkWidget       *scrolled;
  GtkWidget       *bar;
  GtkWidget       *page_view;
  GtkWidget       *prev_button;
  GtkWidget       *next_button;
  GtkWidget       *page_label;
  GtkWidget       *zoom_label;
  GtkWidget       *zoom_out_button;
  GtkWidget       *zoom_in_button;
  GtkWidget       *fit_button;

  GBytes          *bytes;
  PopplerDocument *document;
  int              n_pages;
  int              page;
  double           zoom;
  gboolean         fit_width;
  char            *page_text;

  GdkTexture      *texture;           /* the current page at texture_zoom × texture_scale */
  int              texture_page;
  double           texture_zoom;
  int              texture_scale;
  int              rendered_width;
  int              rendered_height;
};

enum {
  PROP_0,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_ZOOM,
  PROP_FIT_WIDTH,
  PROP_PAGE_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SdDocPageView, sd_doc_page_view, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (SdDocPreview, sd_doc_preview, GTK_TYPE_WIDGET)

/* Page size in points of the current page, or an A4 portrait stand-in. */
static void
current_page_size (SdDocPreview *self, double *w, double *h)
{
  *w = 595;
  *h = 842;
  sd_doc_preview_get_page_size (self, self->page, w, h);
}

static void
page_pixels (SdDocPreview *self, int *width, int *height)
{
  double w, h;

  if (self->document == NULL)
    {
      *width = *height = 0;
      return;
    }
  current_page_size (self, &w, &h);
  *width = MAX (1, (int) ceil (w * self->zoom * PX_PER_PT));
  *height = MAX (1, (int) ceil (h * self->zoom * PX_PER_PT));
}

/* Poppler renders the page white-backed at `zoom` × `scale`. */
static GdkTexture *
render_page (SdDocPreview *self, int page_index, double zoom, int scale)
{
  PopplerPage *page = poppler_document_get_page (self->document, page_index);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, f = zoom * PX_PER_PT * scale;
  int pw, ph, stride;
  g_autoptr(GBytes) pixels = NULL;
  GdkTexture *texture;

  if (page == NULL)
    return NULL;
  poppler_page_get_size (page, &w, &h);
  pw = MAX (1, (int) ceil (w * f));
  ph = MAX (1, (int) ceil (h * f));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, f, f);
  poppler_page_render (page, cr);
  g_object_unref (page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * ph);
  cairo_surface_destroy (surface);
  texture = gdk_memory_texture_new (pw, ph,
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                                    GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
#else
                                    GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
#endif
                                    pixels, stride);
  return texture;
}

static void
drop_texture (SdDocPreview *self)
{
  g_clear_object (&self->texture);
}

static void
update_controls (SdDocPreview *self)
{
  g_autofree char *zoom_text = NULL;

  g_free (self->page_text);
  if (self->n_pages > 0)
    /* TRANSLATORS: the page shown in the document preview */
    self->page_text = g_strdup_printf (_("Page %d of %d"), self->page + 1, self->n_pages);
  else
    self->page_text = g_strdup ("");
  gtk_label_set_text (GTK_LABEL (self->page_label), self->page_text);
  zoom_text = g_strdup_printf ("%d%%", (int) round (self->zoom * 100));
  gtk_label_set_text (GTK_LABEL (self->zoom_label), zoom_text);

  gtk_widget_set_sensitive (self->prev_button, self->page > 0);
  gtk_widget_set_sensitive (self->next_button, self->page + 1 < self->n_pages);
  gtk_widget_set_sensitive (self->zoom_out_button, self->zoom > SD_DOC_PREVIEW_ZOOM_MIN + 1e-6);
  gtk_widget_set_sensitive (self->zoom_in_button, self->zoom < SD_DOC_PREVIEW_ZOOM_MAX - 1e-6);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->fit_button), self->fit_width);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page",
                                 self->page + 1 < self->n_pages);
}

/* Sets the zoom without touching the fit mode. */
static void
apply_zoom (SdDocPreview *self, double zoom)
{
  zoom = CLAMP (zoom, SD_DOC_PREVIEW_ZOOM_MIN, SD_DOC_PREVIEW_ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-4)
    return;
  self->zoom = zoom;
  drop_texture (self);
  gtk_widget_queue_resize (self->page_view);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The zoom that makes the current page as wide as the viewport. */
static double
fit_zoom (SdDocPreview *self, int viewport_width)
{
  double w, h;

  current_page_size (self, &w, &h);
  return MIN (FIT_MAX, MAX (viewport_width - 2 * PAGE_MARGIN, 50) / (w * PX_PER_PT));
}

/* SdDocPageView */

static void
sd_doc_page_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SdDocPageView *view = SD_DOC_PAGE_VIEW (widget);
  int w = 0, h = 0;

  if (view->preview)
    page_pixels (view->preview, &w, &h);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? w : h;
}

static void
sd_doc_page_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SdDocPageView *view = SD_DOC_PAGE_VIEW (widget);
  SdDocPreview *self = view->preview;
  int scale = gtk_widget_get_scale_factor (widget);
  int w, h;
  GskRoundedRect outline;

  if (self == NULL || self->document == NULL)
    return;
  page_pixels (self, &w, &h);
  if (self->texture == NULL || self->texture_page != self->page
      || fabs (self->texture_zoom - self->zoom) > 1e-6 || self->texture_scale != scale)
    {
      drop_texture (self);
      self->texture = render_page (self, self->page, self->zoom, scale);
      self->texture_page = self->page;
      self->texture_zoom = self->zoom;
      self->texture_scale = scale;
    }
  if (self->texture == NULL)
    return;

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, w, h), 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.25 },
                                     0, 1, 0, 4);
  gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (0, 0, w, h));
  self->rendered_width = w;
  self->rendered_height = h;
}

static void
sd_doc_page_view_class_init (SdDocPageViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = sd_doc_page_view_measure;
  widget_class->snapshot = sd_doc_page_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "docpage");
}

static void
sd_doc_page_view_init (SdDocPageView *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_VISIBLE);
}

/* SdDocPreview: actions */

static void
previous_page_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SdDocPreview *self = SD_DOC_PREVIEW (widget);

  sd_doc_preview_set_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SdDocPreview *self = SD_DOC_PREVIEW (widget);

  sd_doc_preview_set_page (self, self->page + 1);
}

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *param)
{
  sd_doc_preview_zoom_in (SD_DOC_PREVIEW (widget));
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *param)
{
  sd_doc_preview_zoom_out (SD_DOC_PREVIEW (widget));
}

static void
zoom_fit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  sd_doc_preview_set_fit_width (SD_DOC_PREVIEW (widget), TRUE);
}

static void
on_fit_toggled (GtkToggleButton *button, SdDocPreview *self)
{
  if (gtk_toggle_button_get_active (button) != self->fit_width)
    sd_doc_preview_set_fit_width (self, gtk_toggle_button_get_active (button));
}

/* Ctrl+wheel zooms, as in document viewers; the plain wheel scrolls. */
static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, SdDocPreview *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || self->document == NULL || dy == 0)
    return FALSE;
  if (dy < 0)
    sd_doc_preview_zoom_in (self);
  else
    sd_doc_preview_zoom_out (self);
  return TRUE;
}

/* Shortcuts that work wherever the focus is in the window that shows the preview. */
static void
add_shortcut (GtkShortcutController *controller, const char *accel, const char *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                                          gtk_named_action_new (action)));
}

static GtkWidget *
icon_button (const char *icon, const char *tooltip, const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* SdDocPreview: overrides */

/* The scrolled page above the tool bar. */
static void
sd_doc_preview_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SdDocPreview *self = SD_DOC_PREVIEW (widget);
  int smin, snat, bmin, bnat;

  gtk_widget_measure (self->scrolled, orientation, -1, &smin, &snat, NULL, NULL);
  gtk_widget_measure (self->bar, orientation, -1, &bmin, &bnat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (smin, bmin);
      *natural = MAX (snat, bnat);
    }
  else
    {
      *minimum = smin + bmin;
      *natural = snat + bnat;
    }
}

static void
sd_doc_preview_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SdDocPreview *self = SD_DOC_PREVIEW (widget);
  int bar_height;

  /* Fit to width follows the allocation; the page's new size is measured next frame. */
  if (self->fit_width && self->document != NULL)
    apply_zoom (self, fit_zoom (self, width - 12));   /* room for an overlay scrollbar */
  gtk_widget_measure (self->bar, GTK_ORIENTATION_VERTICAL, width, NULL, &bar_height, NULL, NULL);
  bar_height = MIN (bar_height, height);
  gtk_widget_allocate (self->scrolled, width, height - bar_height, -1, NULL);
  gtk_widget_allocate (self->bar, width, bar_height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, height - bar_height)));
}

static void
sd_doc_preview_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SdDocPreview *self = SD_DOC_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_N_PAGES:
      g_value_set_int (value, self->n_pages);
      break;
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT_WIDTH:
      g_value_set_boolean (value, self->fit_width);
      break;
    case PROP_PAGE_LABEL:
      g_value_set_string (value, self->page_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_doc_preview_set_property (GObject *object, guint prop_id, const GValue *value,
                             GParamSpec *pspec)
{
  SdDocPreview *self = SD_DOC_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      sd_doc_preview_set_page (self, g_value_get_int (value));
      break;
    case PROP_ZOOM:
      sd_doc_preview_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT_WIDTH:
      sd_doc_preview_set_fit_width (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_doc_preview_dispose (GObject *object)
{
  SdDocPreview *self = SD_DOC_PREVIEW (object);
  GtkWidget *child;

  if (self->page_view)
    SD_DOC_PAGE_VIEW (self->page_view)->preview = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->page_view = NULL;
  self->scrolled = NULL;
  self->bar = NULL;
  drop_texture (self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  G_OBJECT_CLASS (sd_doc_preview_parent_class)->dispose (object);
}

static void
sd_doc_preview_finalize (GObject *object)
{
  SdDocPreview *self = SD_DOC_PREVIEW (object);

  g_free (self->page_text);
  G_OBJECT_CLASS (sd_doc_preview_parent_class)->finalize (object);
}

static void
sd_doc_preview_class_init (SdDocPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sd_doc_preview_get_property;
  object_class->set_property = sd_doc_preview_set_property;
  object_class->dispose = sd_doc_preview_dispose;
  object_class->finalize = sd_doc_preview_finalize;
  widget_class->measure = sd_doc_preview_measure;
  widget_class->size_allocate = sd_doc_preview_size_allocate;

  properties[PROP_N_PAGES] =
    g_param_spec_int ("n-pages", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, SD_DOC_PREVIEW_ZOOM_MIN, SD_DOC_PREVIEW_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT_WIDTH] =
    g_param_spec_boolean ("fit-width", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_LABEL] =
    g_param_spec_string ("page-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_fit_action);

  gtk_widget_class_set_css_name (widget_class, "docpreview");
}

static void
sd_doc_preview_init (SdDocPreview *self)
{
  GtkWidget *bar, *spacer, *center;
  GtkEventController *shortcuts, *scroll;

  self->zoom = 1.0;
  self->fit_width = TRUE;
  self->texture_page = -1;
  self->page_text = g_strdup ("");

  self->page_view = g_object_new (SD_TYPE_DOC_PAGE_VIEW, NULL);
  SD_DOC_PAGE_VIEW (self->page_view)->preview = self;
  gtk_widget_set_halign (self->page_view, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->page_view, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->page_view, PAGE_MARGIN);
  gtk_widget_set_margin_end (self->page_view, PAGE_MARGIN);
  gtk_widget_set_margin_top (self->page_view, PAGE_MARGIN);
  gtk_widget_set_margin_bottom (self->page_view, PAGE_MARGIN);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->page_view);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_set_hexpand (self->scrolled, TRUE);
  gtk_widget_add_css_class (self->scrolled, "doc-preview-canvas");
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_add_css_class (bar, "doc-preview-bar");

  self->prev_button = icon_button ("go-up-symbolic", _("Previous page (Page Up)"),
                                   "preview.previous-page");
  self->page_label = gtk_label_new ("");
  gtk_widget_add_css_class (self->page_label, "numeric");
  self->next_button = icon_button ("go-down-symbolic", _("Next page (Page Down)"),
                                   "preview.next-page");
  center = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (center), self->prev_button);
  gtk_box_append (GTK_BOX (center), self->page_label);
  gtk_box_append (GTK_BOX (center), self->next_button);
  gtk_box_append (GTK_BOX (bar), center);

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), spacer);

  self->zoom_out_button = icon_button ("zoom-out-symbolic", _("Zoom out (Ctrl+−)"),
                                       "preview.zoom-out");
  self->zoom_label = gtk_label_new ("100%");
  gtk_label_set_width_chars (GTK_LABEL (self->zoom_label), 5);
  gtk_widget_add_css_class (self->zoom_label, "numeric");
  self->zoom_in_button = icon_button ("zoom-in-symbolic", _("Zoom in (Ctrl++)"),
                                      "preview.zoom-in");
  self->fit_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->fit_button), "zoom-fit-best-symbolic");
  gtk_widget_set_tooltip_text (self->fit_button, _("Fit to width (Ctrl+0)"));
  gtk_widget_add_css_class (self->fit_button, "flat");
  g_signal_connect (self->fit_button, "toggled", G_CALLBACK (on_fit_toggled), self);
  gtk_box_append (GTK_BOX (bar), self->zoom_out_button);
  gtk_box_append (GTK_BOX (bar), self->zoom_label);
  gtk_box_append (GTK_BOX (bar), self->zoom_in_button);
  gtk_box_append (GTK_BOX (bar), self->fit_button);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  self->bar = bar;

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "Page_Up", "preview.previous-page");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "Page_Down", "preview.next-page");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>plus", "preview.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>equal", "preview.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>KP_Add", "preview.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>minus", "preview.zoom-out");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>KP_Subtract", "preview.zoom-out");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>0", "preview.zoom-fit");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>KP_0", "preview.zoom-fit");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (self->scrolled, scroll);

  update_controls (self);
}

/* Public API */

GtkWidget *
sd_doc_preview_new (void)
{
  return g_object_new (SD_TYPE_DOC_PREVIEW, NULL);
}

gboolean
sd_doc_preview_load_bytes (SdDocPreview *self, GBytes *bytes, GError **error)
{
  PopplerDocument *document;

  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  /* Poppler 22.12 has no autoptr support for its types */
  document = poppler_document_new_from_bytes (bytes, NULL, error);
  if (document == NULL)
    return FALSE;

  drop_texture (self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->document = document;
  self->bytes = g_bytes_ref (bytes);
  self->n_pages = poppler_document_get_n_pages (self->document);
  self->page = 0;
  self->rendered_width = self->rendered_height = 0;
  if (self->fit_width && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    apply_zoom (self, fit_zoom (self, gtk_widget_get_width (GTK_WIDGET (self)) - 12));
  gtk_widget_queue_resize (self->page_view);
  gtk_widget_queue_draw (self->page_view);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_LABEL]);
  return TRUE;
}

GBytes *
sd_doc_preview_get_bytes (SdDocPreview *self)
{
  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), NULL);
  return self->bytes;
}

void
sd_doc_preview_clear (SdDocPreview *self)
{
  g_return_if_fail (SD_IS_DOC_PREVIEW (self));

  drop_texture (self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->n_pages = 0;
  self->page = 0;
  self->rendered_width = self->rendered_height = 0;
  gtk_widget_queue_resize (self->page_view);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_LABEL]);
}

int
sd_doc_preview_get_n_pages (SdDocPreview *self)
{
  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), 0);
  return self->n_pages;
}

int
sd_doc_preview_get_page (SdDocPreview *self)
{
  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), 0);
  return self->page;
}

void
sd_doc_preview_set_page (SdDocPreview *self, int page)
{
  GtkAdjustment *vadj;

  g_return_if_fail (SD_IS_DOC_PREVIEW (self));

  page = CLAMP (page, 0, MAX (self->n_pages - 1, 0));
  if (page == self->page)
    return;
  self->page = page;
  /* pages may differ in size */
  if (self->fit_width)
    apply_zoom (self, fit_zoom (self, gtk_widget_get_width (GTK_WIDGET (self)) - 12));
  gtk_widget_queue_resize (self->page_view);
  gtk_widget_queue_draw (self->page_view);
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_LABEL]);
}

const char *
sd_doc_preview_get_page_label (SdDocPreview *self)
{
  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), NULL);
  return self->page_text;
}

gboolean
sd_doc_preview_get_page_size (SdDocPreview *self, int page, double *width_pt, double *height_pt)
{
  PopplerPage *p;

  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), FALSE);
  if (self->document == NULL || page < 0 || page >= self->n_pages)
    return FALSE;
  p = poppler_document_get_page (self->document, page);
  if (p == NULL)
    return FALSE;
  poppler_page_get_size (p, width_pt, height_pt);
  g_object_unref (p);
  return TRUE;
}

double
sd_doc_preview_get_zoom (SdDocPreview *self)
{
  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), 1.0);
  return self->zoom;
}

void
sd_doc_preview_set_zoom (SdDocPreview *self, double zoom)
{
  g_return_if_fail (SD_IS_DOC_PREVIEW (self));

  if (self->fit_width)
    {
      self->fit_width = FALSE;
      update_controls (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
    }
  apply_zoom (self, zoom);
}

void
sd_doc_preview_zoom_in (SdDocPreview *self)
{
  sd_doc_preview_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
sd_doc_preview_zoom_out (SdDocPreview *self)
{
  sd_doc_preview_set_zoom (self, self->zoom / ZOOM_STEP);
}

gboolean
sd_doc_preview_get_fit_width (SdDocPreview *self)
{
  g_return_val_if_fail (SD_IS_DOC_PREVIEW (self), FALSE);
  return self->fit_width;
}

void
sd_doc_preview_set_fit_width (SdDocPreview *self, gboolean fit)
{
  g_return_if_fail (SD_IS_DOC_PREVIEW (self));

  fit = !!fit;
  if (fit == self->fit_width)
    return;
  self->fit_width = fit;
  if (fit && self->document != NULL && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    apply_zoom (self, fit_zoom (self, gtk_widget_get_width (GTK_WIDGET (self)) - 12));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
}

void
sd_doc_preview_get_rendered_size (SdDocPreview *self, int *width, int *height)
{
  g_return_if_fail (SD_IS_DOC_PREVIEW (self));
  if (width)
    *width = self->rendered_width;
  if (height)
    *height = self->rendered_height;
}
