/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-pinyin.c — pinyin of names, and matching of typed pinyin against it.
 *
 * The data file's layout is described in tools/gen-pinyin.py.  It is read in
 * place (little-endian, byte by byte: no alignment is assumed) after one
 * validation pass, so lookups need no bounds checks beyond the ones here.
 */
#define G_LOG_DOMAIN "songda-core"

#include "sd-pinyin.h"

#include <gio/gio.h>
#include <string.h>

#define SD_PINYIN_MAGIC       "SDPY"
#define SD_PINYIN_VERSION     1
#define SD_PINYIN_HEADER_SIZE 64
#define SD_PINYIN_MAX_ALTS    8     /* readings kept per slot */

typedef struct
{
  GBytes       *bytes;
  const guint8 *base;
  gsize         size;
  guint32       n_syllables;
  guint32       syllable_index;
  guint32       syllable_text;
  guint32       n_ranges;
  guint32       ranges;
  guint32       n_values;
  guint32       values;
  guint32       n_pool;
  guint32       pool;
  guint32       n_surnames;
  guint32       surnames;
} SdPinyinData;

/* ---------------------------------------------------------------- data --- */

static inline guint16
read_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16)
         | ((guint32) p[3] << 24);
}

static gboolean
section_fits (const SdPinyinData *d,
              guint32             offset,
              guint32             count,
              guint32             width)
{
  return offset <= d->size && (guint64) count * width <= d->size - offset;
}

static inline guint16
value_at (const SdPinyinData *d,
          guint32             i)
{
  return read_u16 (d->base + d->values + 2 * (gsize) i);
}

static inline guint16
pool_at (const SdPinyinData *d,
         guint32             i)
{
  return read_u16 (d->base + d->pool + 2 * (gsize) i);
}

/* Text and length of syllable @id (1-based, already validated). */
static inline const char *
syllable (const SdPinyinData *d,
          guint16             id,
          gsize              *len)
{
  const guint8 *index = d->base + d->syllable_index + 2 * (gsize) (id - 1);
  guint16 start = read_u16 (index);

  *len = (gsize) (read_u16 (index + 2) - start - 1);
  return (const char *) d->base + d->syllable_text + start;
}

static gboolean
validate (SdPinyinData *d)
{
  const guint8 *h = d->base;
  g_autofree guint8 *heads = NULL;
  guint32 text_len, prev, i;

  if (d->size < SD_PINYIN_HEADER_SIZE || memcmp (h, SD_PINYIN_MAGIC, 4) != 0
      || read_u32 (h + 4) != SD_PINYIN_VERSION || read_u32 (h + 56) != d->size)
    return FALSE;

  d->n_syllables = read_u32 (h + 8);
  d->syllable_index = read_u32 (h + 12);
  d->syllable_text = read_u32 (h + 16);
  d->n_ranges = read_u32 (h + 20);
  d->ranges = read_u32 (h + 24);
  d->n_values = read_u32 (h + 28);
  d->values = read_u32 (h + 32);
  d->n_pool = read_u32 (h + 36);
  d->pool = read_u32 (h + 40);
  d->n_surnames = read_u32 (h + 44);
  d->surnames = read_u32 (h + 48);

  if (d->n_syllables == 0 || d->n_syllables >= 0x8000
      || !section_fits (d, d->syllable_index, d->n_syllables + 1, 2)
      || !section_fits (d, d->ranges, d->n_ranges, 12)
      || !section_fits (d, d->values, d->n_values, 2)
      || !section_fits (d, d->pool, d->n_pool, 2)
      || !section_fits (d, d->surnames, d->n_surnames, 12))
    return FALSE;

  /* syllables: increasing offsets, each string non-empty, ASCII [a-z]
   * and NUL-terminated inside the text */
  text_len = read_u16 (h + d->syllable_index + 2 * (gsize) d->n_syllables);
  if (!section_fits (d, d->syllable_text, text_len, 1))
    return FALSE;
  prev = 0;
  for (i = 0; i <= d->n_syllables; i++)
    {
      guint32 off = read_u16 (h + d->syllable_index + 2 * (gsize) i);

      if (off < prev || (i == 0 && off != 0) || (i > 0 && off < prev + 2))
        return FALSE;
      if (i > 0)
        {
          const guint8 *s = h + d->syllable_text + prev;
          guint32 k;

          for (k = 0; k < off - prev - 1; k++)
            if (s[k] < 'a' || s[k] > 'z')
              return FALSE;
          if (s[k] != '\0')
            return FALSE;
        }
      prev = off;
    }

  /* pool: lists of 1..SD_PINYIN_MAX_ALTS valid ids, at most 0x8000 entries */
  if (d->n_pool > 0x8000)
    return FALSE;
  heads = g_malloc0 (d->n_pool + 1);
  for (i = 0; i < d->n_pool;)
    {
      guint16 k = pool_at (d, i), j;

      if (k == 0 || k > SD_PINYIN_MAX_ALTS || k >= d->n_pool - i)
        return FALSE;
      for (j = 1; j <= k; j++)
        if (pool_at (d, i + j) == 0 || pool_at (d, i + j) > d->n_syllables)
          return FALSE;
      heads[i] = 1;
      i += k + 1u;
    }

  /* ranges: sorted, inside the values; values: valid ids or pool heads */
  prev = 0;
  for (i = 0; i < d->n_ranges; i++)
    {
      const guint8 *r = h + d->ranges + 12 * (gsize) i;
      guint32 first = read_u32 (r), count = read_u32 (r + 4), fv = read_u32 (r + 8);

      if (count == 0 || first < prev || first > 0x10FFFF || count > 0x110000 - first
          || fv > d->n_values || count > d->n_values - fv)
        return FALSE;
      prev = first + count;
    }
  for (i = 0; i < d->n_values; i++)
    {
      guint16 v = value_at (d, i);

      if (v & 0x8000)
        {
          if ((v & 0x7fffu) >= d->n_pool || !heads[v & 0x7fff])
            return FALSE;
        }
      else if (v > d->n_syllables)
        return FALSE;
    }

  for (i = 0; i < d->n_surnames; i++)
    {
      const guint8 *s = h + d->surnames + 12 * (gsize) i;
      guint16 s1 = read_u16 (s + 8), s2 = read_u16 (s + 10);
      gboolean two = read_u32 (s + 4) != 0;

      if (s1 == 0 || s1 > d->n_syllables || s2 > d->n_syllables || two != (s2 != 0))
        return FALSE;
    }

  return TRUE;
}

static const SdPinyinData *
sd_pinyin_data (void)
{
  static SdPinyinData data;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GError) error = NULL;

      data.bytes = g_resources_lookup_data (SD_PINYIN_RESOURCE_PATH,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (data.bytes == NULL)
        g_critical ("Cannot load the pinyin table %s: %s", SD_PINYIN_RESOURCE_PATH,
                    error->message);
      else
        {
          data.base = g_bytes_get_data (data.bytes, &data.size);
          if (!validate (&data))
            {
              g_critical ("The pinyin table %s is invalid", SD_PINYIN_RESOURCE_PATH);
              g_clear_pointer (&data.bytes, g_bytes_unref);
            }
        }
      if (data.bytes == NULL)
        {
          /* no Han readings at all, but ASCII still works */
          memset (&data, 0, sizeof data);
        }
      g_once_init_leave (&initialized, 1);
    }

  return &data;
}

/* Readings of @c, most common first; returns how many were stored in @ids. */
static guint
lookup_readings (const SdPinyinData *d,
                 gunichar            c,
                 guint16            *ids)
{
  guint32 lo = 0, hi = d->n_ranges;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      const guint8 *r = d->base + d->ranges + 12 * (gsize) mid;
      guint32 first = read_u32 (r);

      if (c < first)
        hi = mid;
      else if (c - first >= read_u32 (r + 4))
        lo = mid + 1;
      else
        {
          guint16 v = value_at (d, read_u32 (r + 8) + (c - first));
          guint16 k, j;

          if (v == 0)
            return 0;
          if (!(v & 0x8000))
            {
              ids[0] = v;
              return 1;
            }
          k = pool_at (d, v & 0x7fff);
          for (j = 0; j < k; j++)
            ids[j] = pool_at (d, (v & 0x7fffu) + 1u + j);
          return k;
        }
    }

  return 0;
}

/* Surname syllable ids of @c1 (and, for a compound surname, @c2).  Returns
 * the number of characters the surname covers: 0, 1 or 2. */
static guint
lookup_surname (const SdPinyinData *d,
                gunichar            c1,
                gunichar            c2,
                guint16            *s1,
                guint16            *s2)
{
  guint32 lo = 0, hi = d->n_surnames;
  guint found = 0;

  /* entries are sorted by (cp1, cp2): find the first one with cp1 >= c1 */
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (read_u32 (d->base + d->surnames + 12 * (gsize) mid) < c1)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < d->n_surnames; lo++)
    {
      const guint8 *e = d->base + d->surnames + 12 * (gsize) lo;
      guint32 cp2 = read_u32 (e + 4);

      if (read_u32 (e) != c1)
        break;
      if (cp2 == 0 && found == 0)
        {
          *s1 = read_u16 (e + 8);
          found = 1;
        }
      else if (cp2 != 0 && cp2 == c2)
        {
          *s1 = read_u16 (e + 8);
          *s2 = read_u16 (e + 10);
          return 2;
        }
    }

  return found;
}

/* -------------------------------------------------------------- slots --- */

typedef struct
{
  const char *alt[SD_PINYIN_MAX_ALTS];
  gsize       len[SD_PINYIN_MAX_ALTS];
  guint       n;
} Slot;

typedef void (*SlotFunc) (const Slot *slot,
                          gpointer    user_data);

static void
slot_add (Slot       *slot,
          const char *text,
          gsize       len)
{
  guint i;

  if (slot->n == SD_PINYIN_MAX_ALTS)
    return;
  for (i = 0; i < slot->n; i++)
    if (slot->len[i] == len && memcmp (slot->alt[i], text, len) == 0)
      return;
  slot->alt[slot->n] = text;
  slot->len[slot->n] = len;
  slot->n++;
}

/* A Han character's slot: the surname reading @surname (0: none) first,
 * then its readings. */
static gboolean
han_slot (const SdPinyinData *d,
          gunichar            c,
          guint16             surname,
          Slot               *slot)
{
  guint16 ids[SD_PINYIN_MAX_ALTS];
  guint n, i;
  gsize len;
  const char *text;

  slot->n = 0;
  if (surname != 0)
    {
      text = syllable (d, surname, &len);
      slot_add (slot, text, len);
    }
  n = lookup_readings (d, c, ids);
  for (i = 0; i < n; i++)
    {
      text = syllable (d, ids[i], &len);
      slot_add (slot, text, len);
    }

  return slot->n > 0;
}

static inline gboolean
is_ascii_alpha (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline gboolean
is_ascii_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Calls @func for each slot of @utf8. */
static void
walk_slots (const char *utf8,
            gboolean    as_name,
            SlotFunc    func,
            gpointer    user_data)
{
  const SdPinyinData *d = sd_pinyin_data ();
  g_autofree char *valid = g_utf8_make_valid (utf8, -1);
  g_autofree char *norm = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  gboolean first = TRUE;
  char *p;

  if (norm == NULL)
    return;

  for (p = norm; *p != '\0';)
    {
      Slot slot = { { NULL }, { 0 }, 0 };

      if (is_ascii_alpha (*p) || is_ascii_digit (*p))
        {
          gboolean digits = is_ascii_digit (*p);
          char *start = p;

          for (; *p != '\0' && (digits ? is_ascii_digit (*p) : is_ascii_alpha (*p)); p++)
            *p = g_ascii_tolower (*p);
          slot_add (&slot, start, (gsize) (p - start));
          func (&slot, user_data);
          first = FALSE;
        }
      else if ((guchar) *p < 0x80)
        p++;
      else
        {
          gunichar c = g_utf8_get_char (p);
          guint16 s1 = 0, s2 = 0;
          guint covered = 0;

          p = g_utf8_next_char (p);
          if (as_name && first && d->n_surnames > 0)
            covered = lookup_surname (d, c, g_utf8_get_char (p), &s1, &s2);

          if (han_slot (d, c, s1, &slot))
            {
              func (&slot, user_data);
              first = FALSE;
            }
          if (covered == 2)
            {
              c = g_utf8_get_char (p);
              p = g_utf8_next_char (p);
              if (han_slot (d, c, s2, &slot))
                func (&slot, user_data);
            }
        }
    }
}

/* --------------------------------------------------------- the outputs --- */

typedef enum
{
  OUTPUT_FULL,
  OUTPUT_INITIALS,
  OUTPUT_INDEX,
} Output;

typedef struct
{
  GString *str;
  Output   output;
} OutputState;

static void
append_slot (const Slot *slot,
             gpointer    user_data)
{
  OutputState *state = user_data;
  guint i;

  switch (state->output)
    {
    case OUTPUT_INITIALS:
      g_string_append_c (state->str, slot->alt[0][0]);
      break;
    case OUTPUT_FULL:
      if (state->str->len > 0)
        g_string_append_c (state->str, ' ');
      g_string_append_len (state->str, slot->alt[0], (gssize) slot->len[0]);
      break;
    case OUTPUT_INDEX:
      if (state->str->len > 0)
        g_string_append_c (state->str, ' ');
      for (i = 0; i < slot->n; i++)
        {
          if (i > 0)
            g_string_append_c (state->str, '|');
          g_string_append_len (state->str, slot->alt[i], (gssize) slot->len[i]);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static char *
build_string (const char *utf8,
              gboolean    as_name,
              Output      output)
{
  OutputState state = { g_string_sized_new (32), output };

  walk_slots (utf8, as_name, append_slot, &state);
  return g_string_free (state.str, FALSE);
}

static void
append_syllable (const Slot *slot,
                 gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strndup (slot->alt[0], slot->len[0]));
}

GStrv
sd_pinyin_syllables (const char *utf8,
                     gboolean    as_name)
{
  GPtrArray *array;

  g_return_val_if_fail (utf8 != NULL, NULL);

  array = g_ptr_array_new ();
  walk_slots (utf8, as_name, append_syllable, array);
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

char *
sd_pinyin_full (const char *utf8,
                gboolean    as_name)
{
  g_return_val_if_fail (utf8 != NULL, NULL);

  return build_string (utf8, as_name, OUTPUT_FULL);
}

char *
sd_pinyin_initials (const char *utf8,
                    gboolean    as_name)
{
  g_return_val_if_fail (utf8 != NULL, NULL);

  return build_string (utf8, as_name, OUTPUT_INITIALS);
}

char *
sd_pinyin_index (const char *utf8,
                 gboolean    as_name)
{
  g_return_val_if_fail (utf8 != NULL, NULL);

  return build_string (utf8, as_name, OUTPUT_INDEX);
}

/* ------------------------------------------------------------- matching --- */

static inline guint
lowest_bit (guint64 m)
{
#if defined(__GNUC__) || defined(__clang__)
  return (guint) __builtin_ctzll (m);
#else
  guint i = 0;

  while (!(m & 1))
    {
      m >>= 1;
      i++;
    }
  return i;
#endif
}

/* A dynamic programme over the slots: @reach holds the query positions
 * (bit i: the first i query characters are consumed) from which the
 * match may continue into the current slot.  Each slot is entered at
 * position 0 too (a run may start at any slot); within a slot, every
 * reading consumes 1..L characters, L being its common prefix with the
 * rest of the query.  Bits only cover positions < qlen, hence the 64
 * character limit on queries. */
gboolean
sd_pinyin_match (const char *index,
                 const char *query)
{
  char q[SD_PINYIN_QUERY_MAX];
  guint qlen = 0;
  guint64 reach = 0;
  const char *s;

  if (index == NULL || query == NULL)
    return FALSE;

  for (s = query; *s != '\0'; s++)
    {
      char c = *s;

      if (c == ' ' || c == '\t' || c == '\'')
        continue;
      if (c >= 'A' && c <= 'Z')
        c = (char) (c - 'A' + 'a');
      else if (!((c >= 'a' && c <= 'z') || is_ascii_digit (c)))
        return FALSE;
      if (qlen == SD_PINYIN_QUERY_MAX)
        return FALSE;
      q[qlen++] = c;
    }
  if (qlen == 0)
    return FALSE;

  s = index;
  while (*s != '\0')
    {
      guint64 from = reach | 1;
      guint64 next = 0;

      if (*s == ' ' || *s == '|')
        {
          s++;
          continue;
        }
      for (;;)
        {
          /* one reading: s .. first ' ', '|' or NUL */
          guint64 m = from;

          while (m != 0)
            {
              guint pos = lowest_bit (m);
              guint k = 0;

              m &= m - 1;
              while (pos + k < qlen
                     && (s[k] == q[pos + k] || (s[k] == 'v' && q[pos + k] == 'u')))
                k++;
              if (k > 0)
                {
                  if (pos + k == qlen)
                    return TRUE;
                  next |= ((G_GUINT64_CONSTANT (1) << k) - 1) << (pos + 1);
                }
            }
          while (*s != '\0' && *s != ' ' && *s != '|')
            s++;
          if (*s != '|')
            break;
          s++;
        }
      reach = next;
    }

  return FALSE;
}
