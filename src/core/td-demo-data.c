/* td-demo-data.c — synthetic sales history for the example programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One data set serves the five programs of data/examples. They are five
 * vendors, so the catalogue holds every product of every example and each
 * program pays only on its own categories. The history covers 2024 and
 * 2025: a simulation of 2025 qualifies partners on 2024.
 *
 * Partners belong to classes (a vendor's "platinum" resellers, its small
 * ones, its dormant ones…) whose sales weight, certified people and deal
 * registrations are designed so that, at the default size, every tier of
 * every program has partners and every rule pays in 2025. The classes and
 * the named partners of the Kaspersky overrides are listed below.
 *
 * The output is a function of the options only: one xoshiro256** stream per
 * part of the data, integer arithmetic everywhere (no floating point
 * decides a byte), no hash-table order, sorts with a total order.
 *
 * Speed: sales are generated day by day, in (date, sale_id) order, straight
 * into a large buffer with hand-written number, date and money formatting.
 * Only what a later day needs is kept: licences to renew a year later, and
 * the sales planned for registered deals.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "td-date.h"
#include "td-demo-data.h"

/* ------------------------------------------------------------------------
 * Random numbers
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint64 s[4];
} Rng;

enum
{
  STREAM_PARTNERS = 1,
  STREAM_NAMES,
  STREAM_CERTIFICATIONS,
  STREAM_DEALS,
  STREAM_SALES,
};

/* A macro, not a function: this is the inner loop even in -O0 builds. */
#define ROTL(x, k) (((x) << (k)) | ((x) >> (64 - (k))))

/* A bijection of 64-bit integers (the splitmix64 finaliser): distinct
 * inputs give distinct outputs, which makes licence keys unique. */
static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Each part of the data has its own stream, so that partners.csv, for
 * instance, stays the same whatever the number of sales. */
static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = mix64 (seed) ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  for (guint i = 0; i < 4; i++)
    {
      state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      rng->s[i] = mix64 (state);
    }
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = ROTL (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = ROTL (s[3], 45);
  return result;
}

/* Uniform in [0, n) by multiply-shift: exact integer arithmetic, so the
 * same on every machine. */
static inline guint64
rng_below (Rng     *rng,
           guint64  n)
{
  return (guint64) (((unsigned __int128) rng_next (rng) * n) >> 64);
}

static inline int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  return lo + (int) rng_below (rng, (guint64) (hi - lo + 1));
}

static inline gboolean
rng_permille (Rng   *rng,
              guint  permille)
{
  return rng_below (rng, 1000) < permille;
}

/* Walker's alias method with integer weights: O(1) per draw. */
typedef struct
{
  guint32  n;
  guint64  total;
  guint64 *prob;
  guint32 *alias;
  guint32 *value;
} Alias;

static void
alias_init (Alias         *a,
            const guint64 *weights,
            const guint32 *values,
            guint32        n)
{
  g_autofree guint64 *scaled = g_new (guint64, n > 0 ? n : 1);
  g_autofree guint32 *small = g_new (guint32, n > 0 ? n : 1);
  g_autofree guint32 *large = g_new (guint32, n > 0 ? n : 1);
  guint32 n_small = 0, n_large = 0;

  a->n = n;
  a->total = 0;
  a->prob = g_new (guint64, n > 0 ? n : 1);
  a->alias = g_new (guint32, n > 0 ? n : 1);
  a->value = g_new (guint32, n > 0 ? n : 1);
  for (guint32 i = 0; i < n; i++)
    {
      a->total += weights[i];
      a->value[i] = values != NULL ? values[i] : i;
    }
  if (a->total == 0)
    {
      a->n = 0;
      return;
    }

  /* Each column holds total/n of probability mass; in units of 1/(total
   * n) a weight w is w·n, and a column is full at total. */
  for (guint32 i = 0; i < n; i++)
    {
      scaled[i] = weights[i] * n;
      if (scaled[i] < a->total)
        small[n_small++] = i;
      else
        large[n_large++] = i;
    }
  while (n_small > 0 && n_large > 0)
    {
      guint32 s = small[--n_small];
      guint32 l = large[n_large - 1];

      a->prob[s] = scaled[s];
      a->alias[s] = l;
      scaled[l] -= a->total - scaled[s];
      if (scaled[l] < a->total)
        {
          n_large--;
          small[n_small++] = l;
        }
    }
  while (n_large > 0)
    {
      guint32 l = large[--n_large];
      a->prob[l] = a->total;
      a->alias[l] = l;
    }
  while (n_small > 0)
    {
      guint32 s = small[--n_small];
      a->prob[s] = a->total;
      a->alias[s] = s;
    }
}

/* One 64-bit draw: the high half picks the column, the low half the
 * side. */
static inline guint32
alias_draw (const Alias *a,
            Rng         *rng)
{
  guint64 r = rng_next (rng);
  guint32 column = (guint32) (((r >> 32) * a->n) >> 32);
  guint64 side = (guint64) (((unsigned __int128) (r & 0xffffffffu) * a->total) >> 32);

  if (side < a->prob[column])
    return a->value[column];
  return a->value[a->alias[column]];
}

static void
alias_clear (Alias *a)
{
  g_clear_pointer (&a->prob, g_free);
  g_clear_pointer (&a->alias, g_free);
  g_clear_pointer (&a->value, g_free);
}

/* ------------------------------------------------------------------------
 * Buffered output to a temporary file
 * ------------------------------------------------------------------------ */

#define OUT_BUF_SIZE (1 << 20)
/* The longest row of any file (names are at most a few hundred bytes). */
#define OUT_ROW_MAX  4096

typedef struct
{
  char  *final_path;
  char  *tmp_path;
  int    fd;
  int    saved_errno;   /* of the first failed write; later rows are dropped */
  char  *buf;
  gsize  len;
} Out;

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
out_open (Out         *out,
          const char  *dir,
          const char  *name,
          GError     **error)
{
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", name);

  out->final_path = g_build_filename (dir, name, NULL);
  out->tmp_path = g_build_filename (dir, template, NULL);
  out->buf = g_malloc (OUT_BUF_SIZE);
  out->len = 0;
  /* 0666 and the umask, like any file the user creates (mkstemp's default
   * 0600 would survive the rename). */
  out->fd = g_mkstemp_full (out->tmp_path, O_WRONLY, 0666);
  if (out->fd < 0)
    return set_io_error (error, errno, out->final_path);
  return TRUE;
}

/* The first error sticks: a caller that cannot stop at once (a
 * certification row) loses nothing, the error comes back at the next
 * check. */
static gboolean
out_flush (Out     *out,
           GError **error)
{
  const char *p = out->buf;
  gsize left = out->len;

  out->len = 0;
  while (left > 0 && out->saved_errno == 0)
    {
      gssize written = write (out->fd, p, left);

      if (written < 0)
        {
          if (errno != EINTR)
            out->saved_errno = errno;
          continue;
        }
      p += written;
      left -= (gsize) written;
    }
  if (out->saved_errno != 0)
    return set_io_error (error, out->saved_errno, out->final_path);
  return TRUE;
}

/* Makes room for one row; the put_ functions below do not check. */
static inline gboolean
out_row (Out     *out,
         GError **error)
{
  if (G_UNLIKELY (out->len > OUT_BUF_SIZE - OUT_ROW_MAX || out->saved_errno != 0))
    return out_flush (out, error);
  return TRUE;
}

static gboolean
out_finish (Out     *out,
            GError **error)
{
  int fd = out->fd;

  if (!out_flush (out, error))
    return FALSE;
  out->fd = -1;
  if (close (fd) != 0)
    return set_io_error (error, errno, out->final_path);
  return TRUE;
}

/* Removes the temporary file, if it is still there. */
static void
out_clear (Out *out)
{
  if (out->fd >= 0)
    close (out->fd);
  out->fd = -1;
  if (out->tmp_path != NULL)
    g_unlink (out->tmp_path);
  g_clear_pointer (&out->final_path, g_free);
  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->buf, g_free);
}

static inline void
put_char (Out  *out,
          char  c)
{
  out->buf[out->len++] = c;
}

static inline void
put_mem (Out        *out,
         const char *s,
         gsize       n)
{
  memcpy (out->buf + out->len, s, n);
  out->len += n;
}

static inline void
put_str (Out        *out,
         const char *s)
{
  put_mem (out, s, strlen (s));
}

/* Writes @value with at least @width digits at @w; returns the end. */
static inline char *
write_padded (char    *w,
              guint64  value,
              guint    width)
{
  guint n = 1;
  char *end, *p;

  for (guint64 v = value; v >= 10; v /= 10)
    n++;
  end = w + MAX (n, width);
  p = end;
  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  while (p > w)
    *--p = '0';
  return end;
}

/* Short strings: a loop beats a call to memcpy. */
static inline char *
write_short (char       *w,
             const char *s,
             gsize       n)
{
  while (n-- > 0)
    *w++ = *s++;
  return w;
}

static inline char *
write_money (char    *w,
             guint64  cents)
{
  w = write_padded (w, cents / 100, 1);
  w[0] = '.';
  w[1] = (char) ('0' + cents / 10 % 10);
  w[2] = (char) ('0' + cents % 10);
  return w + 3;
}

static inline void
put_padded (Out     *out,
            guint64  value,
            guint    width)
{
  char *end = write_padded (out->buf + out->len, value, width);

  out->len = (gsize) (end - out->buf);
}

static inline void
put_uint (Out     *out,
          guint64  value)
{
  put_padded (out, value, 1);
}

static inline void
put_money (Out     *out,
           guint64  cents)
{
  char *end = write_money (out->buf + out->len, cents);

  out->len = (gsize) (end - out->buf);
}

static void
put_date (Out    *out,
          TdDate  date)
{
  int year, month, day;

  td_date_to_ymd (date, &year, &month, &day);
  put_padded (out, (guint64) year, 4);
  put_char (out, '-');
  put_padded (out, (guint64) month, 2);
  put_char (out, '-');
  put_padded (out, (guint64) day, 2);
}

/* RFC 4180: quoted only when the field holds a comma, a quote or a line
 * break; a quote inside is doubled. */
static void
put_field (Out        *out,
           const char *s)
{
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      put_str (out, s);
      return;
    }
  put_char (out, '"');
  for (; *s != '\0'; s++)
    {
      if (*s == '"')
        put_char (out, '"');
      put_char (out, *s);
    }
  put_char (out, '"');
}

/* ------------------------------------------------------------------------
 * The catalogue: every product of docs/examples.md
 * ------------------------------------------------------------------------ */

typedef enum
{
  V_SMART_SOFT,
  V_SNOM,
  V_QUICK_HEAL,
  V_MICROSOFT,
  V_KASPERSKY,
  N_VENDORS,
} Vendor;

typedef enum
{
  Q_UNIT,   /* servers, appliances, business packs: mostly one */
  Q_PACK,   /* phones, consumer licences: 1 to 5, sometimes a few dozen */
  Q_SEATS,  /* per-user subscriptions: up to 50 users */
} QtyProfile;

typedef struct
{
  const char *sku;
  const char *name;
  const char *category;
  guint64     list_price;   /* cents */
  Vendor      vendor;
  gboolean    renewal;
  const char *renewed_by;   /* SKU that renews it a year later, or NULL */
  QtyProfile  quantity;
  guint       weight;       /* how often it sells, within its vendor */
} Product;

static const Product products[] = {
  /* Smart-Soft / Traffic Inspector, RUB */
  { "TI-5", "Traffic Inspector, 5 users, perpetual licence", "ti-software", 650000, V_SMART_SOFT, FALSE, "TI-REN-30-1Y", Q_UNIT, 150 },
  { "TI-15", "Traffic Inspector, 15 users, perpetual licence", "ti-software", 1490000, V_SMART_SOFT, FALSE, "TI-REN-30-1Y", Q_UNIT, 150 },
  { "TI-30", "Traffic Inspector, 30 users, perpetual licence", "ti-software", 2490000, V_SMART_SOFT, FALSE, "TI-REN-30-1Y", Q_UNIT, 150 },
  { "TI-50", "Traffic Inspector, 50 users, perpetual licence", "ti-software", 3690000, V_SMART_SOFT, FALSE, "TI-REN-100-1Y", Q_UNIT, 100 },
  { "TI-100", "Traffic Inspector, 100 users, perpetual licence", "ti-software", 5990000, V_SMART_SOFT, FALSE, "TI-REN-100-1Y", Q_UNIT, 80 },
  { "TI-UNL", "Traffic Inspector, unlimited users, perpetual licence", "ti-software", 11900000, V_SMART_SOFT, FALSE, "TI-REN-100-1Y", Q_UNIT, 30 },
  { "TI-AV-50-1Y", "Traffic Inspector anti-virus module, 50 users, 1 year", "ti-software", 1190000, V_SMART_SOFT, FALSE, "TI-AV-50-1Y-REN", Q_UNIT, 80 },
  { "TI-CF-50-1Y", "Traffic Inspector content-filter module, 50 users, 1 year", "ti-software", 990000, V_SMART_SOFT, FALSE, "TI-CF-50-1Y-REN", Q_UNIT, 80 },
  { "TI-REN-30-1Y", "Traffic Inspector update subscription renewal, 30 users, 1 year", "ti-software", 750000, V_SMART_SOFT, TRUE, "TI-REN-30-1Y", Q_UNIT, 120 },
  { "TI-REN-100-1Y", "Traffic Inspector update subscription renewal, 100 users, 1 year", "ti-software", 1790000, V_SMART_SOFT, TRUE, "TI-REN-100-1Y", Q_UNIT, 60 },
  { "TI-AV-50-1Y-REN", "Traffic Inspector anti-virus module renewal, 50 users, 1 year", "ti-software", 1190000, V_SMART_SOFT, TRUE, "TI-AV-50-1Y-REN", Q_UNIT, 50 },
  { "TI-CF-50-1Y-REN", "Traffic Inspector content-filter module renewal, 50 users, 1 year", "ti-software", 990000, V_SMART_SOFT, TRUE, "TI-CF-50-1Y-REN", Q_UNIT, 50 },
  { "TING-S", "TING appliance S (Traffic Inspector Next Generation), up to 50 users", "ting", 8900000, V_SMART_SOFT, FALSE, "TING-S-REN-1Y", Q_UNIT, 60 },
  { "TING-M", "TING appliance M (Traffic Inspector Next Generation), up to 150 users", "ting", 15900000, V_SMART_SOFT, FALSE, "TING-M-REN-1Y", Q_UNIT, 40 },
  { "TING-L", "TING appliance L (Traffic Inspector Next Generation), up to 500 users", "ting", 29900000, V_SMART_SOFT, FALSE, NULL, Q_UNIT, 20 },
  { "TING-S-REN-1Y", "TING S licence and update renewal, 1 year", "ting", 1990000, V_SMART_SOFT, TRUE, "TING-S-REN-1Y", Q_UNIT, 30 },
  { "TING-M-REN-1Y", "TING M licence and update renewal, 1 year", "ting", 3490000, V_SMART_SOFT, TRUE, "TING-M-REN-1Y", Q_UNIT, 20 },
  { "DEPO-TI-100", "DEPO Storm TI server with Traffic Inspector, up to 100 users", "depo", 14900000, V_SMART_SOFT, FALSE, "TI-REN-100-1Y", Q_UNIT, 30 },
  { "DEPO-TI-250", "DEPO Storm TI server with Traffic Inspector, up to 250 users", "depo", 24900000, V_SMART_SOFT, FALSE, "TI-REN-100-1Y", Q_UNIT, 20 },
  { "DEPO-TI-500", "DEPO Storm TI server with Traffic Inspector, up to 500 users", "depo", 41900000, V_SMART_SOFT, FALSE, "TI-REN-100-1Y", Q_UNIT, 10 },

  /* Snom, EUR: hardware, no licence keys, no renewals */
  { "SNOM-D120", "Snom D120 desk phone", "desk-phones", 5900, V_SNOM, FALSE, NULL, Q_PACK, 80 },
  { "SNOM-D315", "Snom D315 desk phone", "desk-phones", 9900, V_SNOM, FALSE, NULL, Q_PACK, 140 },
  { "SNOM-D385", "Snom D385 desk phone", "desk-phones", 21900, V_SNOM, FALSE, NULL, Q_PACK, 80 },
  { "SNOM-D717", "Snom D717 desk phone", "desk-phones", 17900, V_SNOM, FALSE, NULL, Q_PACK, 140 },
  { "SNOM-D735", "Snom D735 desk phone", "desk-phones", 19900, V_SNOM, FALSE, NULL, Q_PACK, 100 },
  { "SNOM-D785", "Snom D785 desk phone", "desk-phones", 25900, V_SNOM, FALSE, NULL, Q_PACK, 80 },
  { "SNOM-M65", "Snom M65 DECT handset", "dect", 9900, V_SNOM, FALSE, NULL, Q_PACK, 120 },
  { "SNOM-M85", "Snom M85 rugged DECT handset", "dect", 17900, V_SNOM, FALSE, NULL, Q_PACK, 40 },
  { "SNOM-M300", "Snom M300 DECT single-cell base station", "dect", 12900, V_SNOM, FALSE, NULL, Q_UNIT, 60 },
  { "SNOM-M700", "Snom M700 DECT multi-cell base station", "dect", 24900, V_SNOM, FALSE, NULL, Q_UNIT, 30 },
  { "SNOM-M900", "Snom M900 DECT multi-cell base station", "dect", 44900, V_SNOM, FALSE, NULL, Q_UNIT, 10 },
  { "SNOM-C520", "Snom C520 WiMi conference phone", "conference", 29900, V_SNOM, FALSE, NULL, Q_UNIT, 30 },
  { "SNOM-C620", "Snom C620 conference phone", "conference", 44900, V_SNOM, FALSE, NULL, Q_UNIT, 20 },
  { "SNOM-D7C", "Snom D7C expansion module", "accessories", 9900, V_SNOM, FALSE, NULL, Q_PACK, 40 },
  { "SNOM-PSU", "Snom power supply for desk phones", "accessories", 1500, V_SNOM, FALSE, NULL, Q_PACK, 40 },

  /* S-Mart / Quick Heal, EUR: renewals at the same price */
  { "QH-TS-1U-1Y", "Quick Heal Total Security, 1 PC, 1 year", "total-security", 4990, V_QUICK_HEAL, FALSE, "QH-TS-1U-1Y-RN", Q_PACK, 200 },
  { "QH-TS-3U-1Y", "Quick Heal Total Security, 3 PCs, 1 year", "total-security", 6990, V_QUICK_HEAL, FALSE, "QH-TS-3U-1Y-RN", Q_PACK, 150 },
  { "QH-IS-1U-1Y", "Quick Heal Internet Security, 1 PC, 1 year", "internet-security", 3990, V_QUICK_HEAL, FALSE, "QH-IS-1U-1Y-RN", Q_PACK, 150 },
  { "QH-AV-1U-1Y", "Quick Heal AntiVirus Pro, 1 PC, 1 year", "antivirus-pro", 2990, V_QUICK_HEAL, FALSE, "QH-AV-1U-1Y-RN", Q_PACK, 120 },
  { "QH-MS-1U-1Y", "Quick Heal Total Security for Android, 1 device, 1 year", "mobile-security", 1990, V_QUICK_HEAL, FALSE, "QH-MS-1U-1Y-RN", Q_PACK, 80 },
  { "SEQ-EPS-10U-1Y", "Seqrite Endpoint Security (by Quick Heal), 10 devices, 1 year", "seqrite-endpoint", 29900, V_QUICK_HEAL, FALSE, "SEQ-EPS-10U-1Y-RN", Q_UNIT, 60 },
  { "QH-TS-1U-1Y-RN", "Quick Heal Total Security renewal, 1 PC, 1 year", "total-security", 4990, V_QUICK_HEAL, TRUE, "QH-TS-1U-1Y-RN", Q_PACK, 120 },
  { "QH-TS-3U-1Y-RN", "Quick Heal Total Security renewal, 3 PCs, 1 year", "total-security", 6990, V_QUICK_HEAL, TRUE, "QH-TS-3U-1Y-RN", Q_PACK, 90 },
  { "QH-IS-1U-1Y-RN", "Quick Heal Internet Security renewal, 1 PC, 1 year", "internet-security", 3990, V_QUICK_HEAL, TRUE, "QH-IS-1U-1Y-RN", Q_PACK, 90 },
  { "QH-AV-1U-1Y-RN", "Quick Heal AntiVirus Pro renewal, 1 PC, 1 year", "antivirus-pro", 2990, V_QUICK_HEAL, TRUE, "QH-AV-1U-1Y-RN", Q_PACK, 70 },
  { "QH-MS-1U-1Y-RN", "Quick Heal Total Security for Android renewal, 1 device, 1 year", "mobile-security", 1990, V_QUICK_HEAL, TRUE, "QH-MS-1U-1Y-RN", Q_PACK, 40 },
  { "SEQ-EPS-10U-1Y-RN", "Seqrite Endpoint Security renewal, 10 devices, 1 year", "seqrite-endpoint", 29900, V_QUICK_HEAL, TRUE, "SEQ-EPS-10U-1Y-RN", Q_UNIT, 40 },

  /* Microsoft, EUR: subscriptions renew, perpetual licences do not */
  { "MS-M365-BB-1Y", "Microsoft 365 Business Basic, 1 user, 1 year", "m365", 6720, V_MICROSOFT, FALSE, "MS-M365-BB-1Y-RN", Q_SEATS, 200 },
  { "MS-M365-BS-1Y", "Microsoft 365 Business Standard, 1 user, 1 year", "m365", 14040, V_MICROSOFT, FALSE, "MS-M365-BS-1Y-RN", Q_SEATS, 200 },
  { "MS-M365-BP-1Y", "Microsoft 365 Business Premium, 1 user, 1 year", "m365", 26400, V_MICROSOFT, FALSE, "MS-M365-BP-1Y-RN", Q_SEATS, 150 },
  { "MS-WIN11-PRO", "Windows 11 Pro, 1 licence", "windows", 25900, V_MICROSOFT, FALSE, NULL, Q_PACK, 150 },
  { "MS-WS22-STD-16C", "Windows Server 2022 Standard, 16 cores", "server", 106900, V_MICROSOFT, FALSE, NULL, Q_UNIT, 80 },
  { "MS-SQL22-STD-2C", "SQL Server 2022 Standard, 2 cores", "server", 429900, V_MICROSOFT, FALSE, NULL, Q_UNIT, 40 },
  { "MS-D365-BC-ESS-1Y", "Dynamics 365 Business Central Essentials, 1 user, 1 year", "dynamics", 77040, V_MICROSOFT, FALSE, "MS-D365-BC-ESS-1Y-RN", Q_SEATS, 80 },
  { "MS-M365-BB-1Y-RN", "Microsoft 365 Business Basic renewal, 1 user, 1 year", "m365", 6720, V_MICROSOFT, TRUE, "MS-M365-BB-1Y-RN", Q_SEATS, 100 },
  { "MS-M365-BS-1Y-RN", "Microsoft 365 Business Standard renewal, 1 user, 1 year", "m365", 14040, V_MICROSOFT, TRUE, "MS-M365-BS-1Y-RN", Q_SEATS, 100 },
  { "MS-M365-BP-1Y-RN", "Microsoft 365 Business Premium renewal, 1 user, 1 year", "m365", 26400, V_MICROSOFT, TRUE, "MS-M365-BP-1Y-RN", Q_SEATS, 80 },
  { "MS-D365-BC-ESS-1Y-RN", "Dynamics 365 Business Central Essentials renewal, 1 user, 1 year", "dynamics", 77040, V_MICROSOFT, TRUE, "MS-D365-BC-ESS-1Y-RN", Q_SEATS, 40 },

  /* Kaspersky, EUR: renewals at about 70 % of the new-licence price */
  { "KL-KSOS-10-1Y", "Kaspersky Small Office Security, 10 devices, 1 year", "small-office", 39900, V_KASPERSKY, FALSE, "KL-KSOS-10-1Y-RN", Q_UNIT, 350 },
  { "KL-KESC-PLUS-25-1Y", "Kaspersky Endpoint Security Cloud Plus, 25 users, 1 year", "cloud", 112500, V_KASPERSKY, FALSE, "KL-KESC-PLUS-25-1Y-RN", Q_UNIT, 250 },
  { "KL-KESB-SEL-50-1Y", "Kaspersky Endpoint Security for Business Select, 50 nodes, 1 year", "endpoint", 195000, V_KASPERSKY, FALSE, "KL-KESB-SEL-50-1Y-RN", Q_UNIT, 200 },
  { "KL-KESB-ADV-100-1Y", "Kaspersky Endpoint Security for Business Advanced, 100 nodes, 1 year", "endpoint", 520000, V_KASPERSKY, FALSE, "KL-KESB-ADV-100-1Y-RN", Q_UNIT, 120 },
  { "KL-EDR-OPT-100-1Y", "Kaspersky EDR Optimum, 100 nodes, 1 year", "edr", 790000, V_KASPERSKY, FALSE, "KL-EDR-OPT-100-1Y-RN", Q_UNIT, 80 },
  { "KL-KSOS-10-1Y-RN", "Kaspersky Small Office Security renewal, 10 devices, 1 year", "small-office", 27900, V_KASPERSKY, TRUE, "KL-KSOS-10-1Y-RN", Q_UNIT, 150 },
  { "KL-KESC-PLUS-25-1Y-RN", "Kaspersky Endpoint Security Cloud Plus renewal, 25 users, 1 year", "cloud", 79000, V_KASPERSKY, TRUE, "KL-KESC-PLUS-25-1Y-RN", Q_UNIT, 100 },
  { "KL-KESB-SEL-50-1Y-RN", "Kaspersky Endpoint Security for Business Select renewal, 50 nodes, 1 year", "endpoint", 136500, V_KASPERSKY, TRUE, "KL-KESB-SEL-50-1Y-RN", Q_UNIT, 80 },
  { "KL-KESB-ADV-100-1Y-RN", "Kaspersky Endpoint Security for Business Advanced renewal, 100 nodes, 1 year", "endpoint", 364000, V_KASPERSKY, TRUE, "KL-KESB-ADV-100-1Y-RN", Q_UNIT, 50 },
  { "KL-EDR-OPT-100-1Y-RN", "Kaspersky EDR Optimum renewal, 100 nodes, 1 year", "edr", 553000, V_KASPERSKY, TRUE, "KL-EDR-OPT-100-1Y-RN", Q_UNIT, 30 },
};

#define N_PRODUCTS G_N_ELEMENTS (products)

/* ------------------------------------------------------------------------
 * Vendors and their partner classes
 * ------------------------------------------------------------------------ */

typedef enum
{
  CERT_NONE,
  CERT_TI,            /* one ti-tech person, sometimes two */
  CERT_TI_RARE,       /* one in ten has a ti-tech person */
  CERT_SNOM,
  CERT_SNOM_RARE,
  CERT_KL_PLATINUM,   /* 3 sales + 2 technical people, sometimes more */
  CERT_KL_GOLD,       /* 2 + 1 */
  CERT_KL_SILVER,     /* 1 sales person, sometimes a technical one */
  CERT_KL_RARE,
} CertProfile;

typedef enum
{
  MS_NONE,
  MS_REGISTERED,
  MS_CERTIFIED,
  MS_GOLD,
} MsLevel;

typedef struct
{
  const char  *name;         /* for the design tables of the docs */
  guint        share;        /* per 10000 of the vendor's partners; the last class takes the rest */
  guint        weight;       /* relative number of sales */
  CertProfile  certs;
  guint        deals_q10;    /* registered deals per quarter, times 10 */
  guint        won_permille;
  MsLevel      ms_level;     /* Microsoft level (tier column) */
  gboolean     established;  /* joined before 2023: sells over the whole history */
} PartnerClass;

/* The comments give a class's typical revenue in 2024 at the default size
 * (6,000 partners, 240,000 sales) and the program threshold it aims at.
 * Weights are relative within a vendor: changing one class moves all. */
static const PartnerClass smart_soft_classes[] = {
  { "privileged", 175, 3200, CERT_TI, 0, 0, MS_NONE, TRUE },       /* ~3 M RUB: ≥ 1 M, and SPIF ≥ 2 M */
  { "certified", 800, 650, CERT_TI, 0, 0, MS_NONE, TRUE },         /* ~0.65 M RUB: ≥ 500,000 */
  { "authorized", 4050, 100, CERT_TI_RARE, 0, 0, MS_NONE, FALSE }, /* ~0.1 M RUB */
  { "dormant", 1000, 8, CERT_NONE, 0, 0, MS_NONE, FALSE },
  { "inactive", 0, 0, CERT_NONE, 0, 0, MS_NONE, FALSE },
};

static const PartnerClass snom_classes[] = {
  { "top", 200, 7500, CERT_SNOM, 0, 0, MS_NONE, TRUE },            /* ~150,000 EUR */
  { "gold", 800, 1600, CERT_SNOM, 0, 0, MS_NONE, TRUE },           /* ~30,000 EUR: ≥ 20,000 */
  { "silver", 1200, 700, CERT_SNOM, 0, 0, MS_NONE, TRUE },         /* ~15,000 EUR: ≥ 10,000 */
  { "small", 2800, 100, CERT_SNOM_RARE, 0, 0, MS_NONE, FALSE },    /* ~2,000 EUR */
  { "dormant", 1000, 5, CERT_NONE, 0, 0, MS_NONE, FALSE },
  { "inactive", 0, 0, CERT_NONE, 0, 0, MS_NONE, FALSE },
};

static const PartnerClass quick_heal_classes[] = {
  { "premium", 600, 1200, CERT_NONE, 0, 0, MS_NONE, TRUE },        /* ~45,000 EUR: ≥ 15,000 (illustrative) */
  { "reseller", 4000, 100, CERT_NONE, 0, 0, MS_NONE, FALSE },      /* ~4,000 EUR */
  { "dormant", 1000, 5, CERT_NONE, 0, 0, MS_NONE, FALSE },
  { "inactive", 0, 0, CERT_NONE, 0, 0, MS_NONE, FALSE },
};

/* PAI: 450 active partners, about 90 Gold and 140 Certified; the "-pai"
 * classes use the program often (18 deals a year) and so reach the
 * loyalty steps. */
static const PartnerClass microsoft_classes[] = {
  { "gold-pai", 150, 600, CERT_NONE, 45, 750, MS_GOLD, TRUE },
  { "gold", 1610, 600, CERT_NONE, 1, 600, MS_GOLD, TRUE },
  { "certified-pai", 130, 300, CERT_NONE, 45, 750, MS_CERTIFIED, TRUE },
  { "certified", 2580, 300, CERT_NONE, 1, 600, MS_CERTIFIED, FALSE },
  { "registered-pai", 90, 120, CERT_NONE, 45, 750, MS_REGISTERED, TRUE },
  { "registered", 3700, 120, CERT_NONE, 1, 600, MS_REGISTERED, FALSE },
  { "registered-dormant", 1400, 3, CERT_NONE, 0, 0, MS_REGISTERED, FALSE },
  { "no-level", 0, 20, CERT_NONE, 5, 600, MS_NONE, FALSE },
};

/* About 300 partners (docs/examples.md); weights in hundreds of euros a
 * year, so that the revenue thresholds are met with some margin. */
static const PartnerClass kaspersky_classes[] = {
  { "platinum-deals", 100, 4400, CERT_KL_PLATINUM, 105, 700, MS_NONE, TRUE },   /* ~440,000 EUR: ≥ 300,000 */
  { "platinum", 200, 4400, CERT_KL_PLATINUM, 10, 600, MS_NONE, TRUE },
  { "gold-deals", 170, 1400, CERT_KL_GOLD, 70, 700, MS_NONE, TRUE },            /* ~140,000 EUR: ≥ 100,000 */
  { "gold", 680, 1400, CERT_KL_GOLD, 5, 500, MS_NONE, TRUE },
  { "silver-deals", 130, 400, CERT_KL_SILVER, 50, 600, MS_NONE, TRUE },         /* ~40,000 EUR: ≥ 25,000 */
  { "silver", 1370, 400, CERT_KL_SILVER, 0, 0, MS_NONE, TRUE },
  { "registered-deals", 330, 30, CERT_KL_RARE, 25, 400, MS_NONE, FALSE },       /* ~3,000 EUR */
  { "registered", 3200, 30, CERT_KL_RARE, 0, 0, MS_NONE, FALSE },
  { "dormant", 1000, 2, CERT_NONE, 0, 0, MS_NONE, FALSE },
  { "inactive", 0, 0, CERT_NONE, 0, 0, MS_NONE, FALSE },
};

typedef struct
{
  const char *name;
  guint       weight;
} Weighted;

/* Snom's authorised distributors as people type them, and two sources the
 * program refuses. */
static const Weighted snom_distributors[] = {
  { "Allnet", 140 }, { "ALSO", 140 }, { "Ingram Micro", 160 }, { "Komsa", 180 },
  { "Michael Telecom", 120 }, { " also ", 20 }, { "Also", 30 }, { "INGRAM MICRO", 20 },
  { "ingram micro ", 10 }, { "KOMSA", 20 }, { "allnet", 20 }, { "Michael Telecom ", 10 },
  { " Komsa", 10 }, { "Grey Market GmbH", 30 }, { "Amazon Marketplace", 30 },
};
static const Weighted smart_soft_distributors[] = {
  { "Smart-Soft", 500 }, { "Merlion", 250 }, { "OCS Distribution", 250 },
};
static const Weighted quick_heal_distributors[] = {
  { "S-Mart", 1000 },
};
static const Weighted microsoft_distributors[] = {
  { "Esprinet", 350 }, { "TD SYNNEX", 300 }, { "Ingram Micro", 250 }, { "Computer Gross", 100 },
};
static const Weighted kaspersky_distributors[] = {
  { "Ingram Micro", 300 }, { "TD SYNNEX", 300 }, { "Exclusive Networks", 200 }, { "ALSO", 200 },
};

enum
{
  RENEW_SAME,            /* through the same reseller */
  RENEW_OTHER,           /* through another reseller of the vendor */
  RENEW_ONLINE,          /* in the vendor's shop, no partner */
  RENEW_ONLINE_PARTNER,  /* in the vendor's shop, placed by the same reseller */
  N_RENEW,
};

typedef struct
{
  const char         *key_prefix;   /* licence keys; NULL for hardware */
  guint               share;        /* of new sales, per 10000 */
  guint               direct_permille;
  guint               online_partner_permille;
  guint               repeat_permille;
  guint               renew_permille;
  guint               renew_split[N_RENEW];  /* permille */
  guint               no_invoice_permille;
  const Weighted     *distributors;
  guint               n_distributors;
  const PartnerClass *classes;
  guint               n_classes;
} VendorSpec;

static const VendorSpec vendors[N_VENDORS] = {
  [V_SMART_SOFT] = { "TI", 95, 10, 0, 300, 650, { 800, 50, 150, 0 }, 30,
                     smart_soft_distributors, G_N_ELEMENTS (smart_soft_distributors),
                     smart_soft_classes, G_N_ELEMENTS (smart_soft_classes) },
  [V_SNOM] = { NULL, 6805, 0, 20, 400, 0, { 0, 0, 0, 0 }, 40,
               snom_distributors, G_N_ELEMENTS (snom_distributors),
               snom_classes, G_N_ELEMENTS (snom_classes) },
  [V_QUICK_HEAL] = { "QH", 1300, 40, 20, 250, 700, { 250, 100, 550, 100 }, 30,
                     quick_heal_distributors, G_N_ELEMENTS (quick_heal_distributors),
                     quick_heal_classes, G_N_ELEMENTS (quick_heal_classes) },
  [V_MICROSOFT] = { "MS", 1500, 15, 20, 350, 800, { 850, 50, 80, 20 }, 30,
                    microsoft_distributors, G_N_ELEMENTS (microsoft_distributors),
                    microsoft_classes, G_N_ELEMENTS (microsoft_classes) },
  [V_KASPERSKY] = { "KL", 350, 10, 20, 300, 700, { 750, 100, 100, 50 }, 30,
                    kaspersky_distributors, G_N_ELEMENTS (kaspersky_distributors),
                    kaspersky_classes, G_N_ELEMENTS (kaspersky_classes) },
};

/* The partners named by the Kaspersky overrides (kaspersky.json). */
enum
{
  SPECIAL_RENEWALS = 1 << 0,  /* lives on its installed base */
  SPECIAL_NEW = 1 << 1,       /* signed in December 2024, no certified people */
};

typedef struct
{
  guint       number;     /* P00007 is 7 */
  const char *klass;
  guint       deals_q10;  /* 0: the class's */
  guint       won_permille;
  guint       flags;
} Special;

static const Special kaspersky_specials[] = {
  { 7, "platinum-deals", 120, 750, 0 },   /* kept at Platinum: 12 deals a quarter, most won */
  { 42, "gold-deals", 75, 700, 0 },       /* higher registered-deals amount: needs 6 a quarter */
  { 108, "gold", 0, 0, SPECIAL_RENEWALS },
  { 123, "silver-deals", 40, 750, SPECIAL_NEW },
  { 150, "gold-deals", 70, 700, 0 },      /* registered-deals amount 0.00 */
};

/* Promotions sell: within the window of a dated rule of the examples, a
 * quarter of the vendor's new sales go to the promoted category. */
typedef struct
{
  Vendor      vendor;
  const char *category;
  int         from[3];
  int         to[3];
} Promotion;

static const Promotion promotions[] = {
  { V_SMART_SOFT, "ting", { 2025, 3, 1 }, { 2025, 5, 31 } },    /* smart-soft.json ting-spring-2025 */
  { V_SNOM, "dect", { 2025, 10, 1 }, { 2025, 12, 31 } },        /* snom.json dect-autumn-2025 */
};

/* ------------------------------------------------------------------------
 * Countries and names
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *const *first;
  guint              n_first;
  const char *const *last;
  guint              n_last;
  const char *const *words;
  guint              n_words;
  /* {L} and {M}: two family names, {W}: a word */
  const char *const *companies;
  guint              n_companies;
} Language;

#define LIST(a) a, G_N_ELEMENTS (a)

static const char *const de_first[] = { "Jürgen", "Anna", "Thomas", "Sabine", "Michael", "Katrin", "Stefan", "Jörg", "Ute", "Björn", "Martina", "Frank", "Claudia", "Günter", "Lena", "Tobias" };
static const char *const de_last[] = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schröder", "Koch", "Weiß", "Groß", "Krüger", "Hahn" };
static const char *const de_words[] = { "Netzwerk", "Telekom", "Datentechnik", "Kommunikation", "Bürotechnik", "IT-Service", "Voice", "Systemtechnik" };
static const char *const de_companies[] = { "{L} IT-Systeme GmbH", "{L} & {M} GmbH", "{L}, {M} & Co. KG", "{W} {L} GmbH", "{L} Kommunikationstechnik e.K.", "Systemhaus {L} AG", "{W} {L} GmbH & Co. KG" };

static const char *const fr_first[] = { "François", "Hélène", "Jean", "Marie", "Pierre", "Céline", "Nicolas", "Sophie", "Loïc", "Amélie", "Julien", "Chloé", "Olivier", "Élodie", "Stéphane", "Inès" };
static const char *const fr_last[] = { "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux", "Fournier", "Mercier", "Bonnet", "Faure", "André", "Chevalier", "Gauthier", "Rousseau" };
static const char *const fr_words[] = { "Réseaux", "Informatique", "Sécurité", "Systèmes", "Télécom", "Solutions", "Numérique", "Services" };
static const char *const fr_companies[] = { "{L} Informatique SARL", "{W} {L} SAS", "{L} et Fils", "{L} & {M} Conseil", "{W} de l'Ouest SAS", "Groupe {L}, {W}" };

static const char *const it_first[] = { "Giuseppe", "Maria", "Luca", "Giulia", "Marco", "Francesca", "Niccolò", "Chiara", "Andrea", "Elena", "Matteo", "Sara", "Davide", "Federica", "Lorenzo", "Alessia" };
static const char *const it_last[] = { "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa" };
static const char *const it_words[] = { "Informatica", "Sistemi", "Reti", "Soluzioni", "Software", "Servizi", "Tecnologie", "Digitale" };
static const char *const it_companies[] = { "{L} Informatica S.r.l.", "{W} {L} S.p.A.", "Studio {L} & C. s.n.c.", "{L}, {M} e Associati S.r.l.", "{W} Italia S.r.l.", "Studio \"{W}\" di {L}" };

/* Family names that are the same for women and men. */
static const char *const ru_first[] = { "Алексей", "Ольга", "Дмитрий", "Елена", "Сергей", "Наталья", "Андрей", "Татьяна", "Михаил", "Ирина", "Юрий", "Светлана", "Пётр", "Анна", "Николай", "Мария" };
static const char *const ru_last[] = { "Бондаренко", "Шевченко", "Ковальчук", "Черных", "Седых", "Долгих", "Ким", "Коваленко", "Мельник", "Кравец", "Белых", "Гриценко", "Петренко", "Левченко", "Остапчук", "Савченко" };
static const char *const ru_words[] = { "Сетевые решения", "ИнфоЩит", "Северный Софт", "Интегратор-Плюс", "ТехноСвязь", "Альфа-Сервис", "Бизнес Системы", "Цифровой Периметр" };
static const char *const ru_companies[] = { "ООО «{W}»", "ООО «{W}»", "АО «{W}»", "ИП {L}", "ООО «{W}», филиал «Урал»" };

static const char *const nl_first[] = { "Jan", "Sanne", "Pieter", "Eva", "Bram", "Fleur", "Daan", "Lotte" };
static const char *const nl_last[] = { "de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "Smit", "de Jong", "Mulder" };
static const char *const nl_words[] = { "Netwerk", "Telecom", "Automatisering", "ICT" };
static const char *const nl_companies[] = { "{L} ICT B.V.", "{W} {L} B.V.", "{L} & {M} Telecom" };

static const char *const pl_first[] = { "Łukasz", "Agnieszka", "Piotr", "Małgorzata", "Paweł", "Katarzyna", "Tomasz", "Zofia" };
static const char *const pl_last[] = { "Nowak", "Kowalczyk", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zieliński", "Szymański" };
static const char *const pl_words[] = { "Telekom", "Systemy", "Sieci", "Informatyka" };
static const char *const pl_companies[] = { "{L} Sp. z o.o.", "{W} {L} S.A.", "{W}-Serwis Sp. z o.o." };

static const char *const es_first[] = { "José", "María", "Javier", "Lucía", "Álvaro", "Carmen", "Sergio", "Marta" };
static const char *const es_last[] = { "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Peña" };
static const char *const es_words[] = { "Redes", "Telecomunicaciones", "Informática", "Sistemas" };
static const char *const es_companies[] = { "{L} Sistemas S.L.", "{W} {L} S.A.", "{L} y {M} Asociados S.L." };

static const char *const cs_first[] = { "Jiří", "Petra", "Tomáš", "Lucie", "Ondřej", "Tereza" };
static const char *const cs_last[] = { "Novák", "Dvořák", "Svoboda", "Černý", "Procházka", "Kučera" };
static const char *const cs_words[] = { "Telekomunikace", "Sítě", "Systémy" };
static const char *const cs_companies[] = { "{L} s.r.o.", "{W} {L} a.s." };

static const char *const sv_first[] = { "Åsa", "Erik", "Karin", "Lars", "Ingrid", "Björn" };
static const char *const sv_last[] = { "Andersson", "Johansson", "Sjöberg", "Lindqvist", "Nyström", "Åberg" };
static const char *const sv_words[] = { "Telekom", "Nätverk", "Data" };
static const char *const sv_companies[] = { "{L} Data AB", "{W} {L} AB" };

static const char *const da_first[] = { "Søren", "Mette", "Jens", "Anne", "Lars", "Sofie" };
static const char *const da_last[] = { "Jensen", "Nielsen", "Hansen", "Sørensen", "Møller", "Kjær" };
static const char *const da_words[] = { "Telekom", "Netværk", "Data" };
static const char *const da_companies[] = { "{L} IT ApS", "{W} {L} A/S" };

static const char *const en_first[] = { "James", "Emma", "Oliver", "Sophie", "Harry", "Charlotte", "Liam", "Grace" };
static const char *const en_last[] = { "Smith", "Jones", "Taylor", "Brown", "Williams", "O'Brien", "Evans", "Walker" };
static const char *const en_words[] = { "Unified", "Voice", "Network", "Connect" };
static const char *const en_companies[] = { "{L} Communications Ltd", "{L} & {M} Ltd", "{W} {L} plc", "{L}, {M} and Partners LLP" };

static const char *const sl_first[] = { "Luka", "Nina", "Matej", "Eva" };
static const char *const sl_last[] = { "Novak", "Horvat", "Kovačič", "Krajnc" };
static const char *const sl_words[] = { "Telekom", "Omrežja" };
static const char *const sl_companies[] = { "{L} d.o.o.", "{W} {L} d.o.o." };

typedef enum
{
  L_DE, L_FR, L_IT, L_RU, L_NL, L_PL, L_ES, L_CS, L_SV, L_DA, L_EN, L_SL,
} LanguageId;

static const Language languages[] = {
  [L_DE] = { LIST (de_first), LIST (de_last), LIST (de_words), LIST (de_companies) },
  [L_FR] = { LIST (fr_first), LIST (fr_last), LIST (fr_words), LIST (fr_companies) },
  [L_IT] = { LIST (it_first), LIST (it_last), LIST (it_words), LIST (it_companies) },
  [L_RU] = { LIST (ru_first), LIST (ru_last), LIST (ru_words), LIST (ru_companies) },
  [L_NL] = { LIST (nl_first), LIST (nl_last), LIST (nl_words), LIST (nl_companies) },
  [L_PL] = { LIST (pl_first), LIST (pl_last), LIST (pl_words), LIST (pl_companies) },
  [L_ES] = { LIST (es_first), LIST (es_last), LIST (es_words), LIST (es_companies) },
  [L_CS] = { LIST (cs_first), LIST (cs_last), LIST (cs_words), LIST (cs_companies) },
  [L_SV] = { LIST (sv_first), LIST (sv_last), LIST (sv_words), LIST (sv_companies) },
  [L_DA] = { LIST (da_first), LIST (da_last), LIST (da_words), LIST (da_companies) },
  [L_EN] = { LIST (en_first), LIST (en_last), LIST (en_words), LIST (en_companies) },
  [L_SL] = { LIST (sl_first), LIST (sl_last), LIST (sl_words), LIST (sl_companies) },
};

typedef enum
{
  C_DE, C_AT, C_CH, C_IT, C_RU, C_KZ, C_BY, C_NL, C_PL, C_ES, C_BE, C_CZ,
  C_FR, C_SE, C_DK, C_GB, C_SI, C_LU, N_COUNTRIES,
} CountryId;

typedef struct
{
  const char *code;
  LanguageId  language;
  guint       weight;   /* partners outside the Kaspersky block, of 5,700 */
} Country;

static const Country countries[N_COUNTRIES] = {
  [C_DE] = { "DE", L_DE, 2000 }, [C_AT] = { "AT", L_DE, 350 }, [C_CH] = { "CH", L_DE, 300 },
  [C_IT] = { "IT", L_IT, 1000 }, [C_RU] = { "RU", L_RU, 360 }, [C_KZ] = { "KZ", L_RU, 25 },
  [C_BY] = { "BY", L_RU, 15 }, [C_NL] = { "NL", L_NL, 300 }, [C_PL] = { "PL", L_PL, 250 },
  [C_ES] = { "ES", L_ES, 250 }, [C_BE] = { "BE", L_FR, 150 }, [C_CZ] = { "CZ", L_CS, 150 },
  [C_FR] = { "FR", L_FR, 200 }, [C_SE] = { "SE", L_SV, 100 }, [C_DK] = { "DK", L_DA, 80 },
  [C_GB] = { "GB", L_EN, 120 }, [C_SI] = { "SI", L_SL, 50 }, [C_LU] = { "LU", L_FR, 0 },
};

/* ------------------------------------------------------------------------
 * The generator's state
 * ------------------------------------------------------------------------ */

#define N_DAYS      731          /* 2024-01-01 to 2025-12-31 */
#define NO_PARTNER  G_MAXUINT32
#define RING        8            /* recent customers remembered per partner and vendor */

typedef struct
{
  char    *name;
  TdDate   joined;
  guint8   country;
  guint8   n_slots;
  guint8   vendor[2];
  guint8   klass[2];
  guint32  weight[2];
  guint16  deals_q10[2];
  guint16  won_permille[2];
  guint8   ms_level;
  guint8   flags;
  guint16  employees;
  gboolean website;
} Partner;

/* A licence that comes up for renewal on a later day of the history. */
typedef struct
{
  guint64 key;
  guint32 partner;    /* the reseller of the sale it renews, or NO_PARTNER */
  guint32 customer;
  guint16 product;
  guint16 quantity;
} Renewal;

/* A sale that a registered deal needs on a given day. */
typedef struct
{
  gint32  day;
  guint32 seq;
  guint32 partner;
  guint32 customer_slot;
  guint8  slot;
} Planned;

typedef enum
{
  DEAL_OPEN,
  DEAL_WON,
  DEAL_LOST,
} DealStatus;

typedef struct
{
  TdDate     registered;
  TdDate     closed;
  guint32    seq;
  guint32    partner;
  guint32    customer_slot;
  DealStatus status;
} Deal;

typedef struct
{
  guint64 n_partners;
  guint64 n_sales;
  guint64 seed;

  guint   w_partner;
  guint   w_sale;
  guint   w_customer;
  guint   w_deal;

  TdDate  first_day;
  TdDate  *joined;        /* of each partner, apart for the cache */
  char    day_text[N_DAYS][TD_DATE_BUF];
  guint64 day_weight[N_DAYS];

  Partner *partners;

  guint32 *ring;          /* [partner][slot][RING] */
  guint8  *ring_len;      /* [partner][slot] */
  guint8  *ring_next;

  Alias    vendor_alias[2];                /* 2024, 2025 */
  Alias    partner_alias[N_VENDORS];
  Alias    product_alias[N_VENDORS][2];   /* every product, 2024 and 2025 weights */
  Alias    new_alias[N_VENDORS];          /* new licences only */
  Alias    renewal_alias[N_VENDORS];      /* renewal SKUs only */
  Alias    distributor_alias[N_VENDORS];
  guint16  renewed_by[N_PRODUCTS];
  int      promotion_from[G_N_ELEMENTS (promotions)];
  int      promotion_to[G_N_ELEMENTS (promotions)];
  gsize    sku_len[N_PRODUCTS];

  GArray  *deals;          /* Deal */
  GArray  *planned;        /* Planned, sorted by (day, seq) */
  guint32 *slot_customer;  /* customer of each deal's customer slot, 0 until known */
  guint32  n_slots;

  GArray  *renewals[N_DAYS];

  Rng      rng;
  guint64  sale_no;
  guint64  next_customer;
  guint64  next_key;
  guint64  key_salt;
} Gen;

static guint
digits (guint64 value)
{
  guint n = 1;

  while (value >= 10)
    {
      value /= 10;
      n++;
    }
  return n;
}

static TdDate
day_date (const Gen *g,
          int        day)
{
  return g->first_day + day;
}

static int
date_day (const Gen *g,
          TdDate     date)
{
  return date - g->first_day;
}

/* 1970-01-01 was a Thursday; 0 is Monday. */
static int
weekday (TdDate date)
{
  return (int) (((gint64) date % 7 + 7 + 3) % 7);
}

/* Seasonality: a quiet August and a busy December, weekdays, a push at the
 * end of each quarter, and 2025 above 2024 (it also holds a year of
 * renewals). */
static void
init_days (Gen *g)
{
  static const guint month_permille[12] = { 820, 900, 1080, 1000, 1000, 1040, 900, 620, 1050, 1100, 1150, 1340 };
  static const guint weekday_percent[7] = { 100, 100, 100, 100, 100, 22, 8 };

  g->first_day = td_date_from_ymd (2024, 1, 1);
  for (int d = 0; d < N_DAYS; d++)
    {
      TdDate date = day_date (g, d);
      int year, month, day;
      guint special = 100;

      td_date_to_ymd (date, &year, &month, &day);
      td_date_format_buf (date, g->day_text[d]);
      if (month % 3 == 0 && day > td_date_days_in_month (year, month) - 5)
        special = 130;
      if ((month == 1 && day == 1) || (month == 12 && day >= 24 && day <= 26))
        special = 15;
      g->day_weight[d] = (guint64) month_permille[month - 1] * weekday_percent[weekday (date)] *
                         (year == 2024 ? 100 : 122) * special;
    }
}

/* ------------------------------------------------------------------------
 * Partners
 * ------------------------------------------------------------------------ */

static const PartnerClass *
partner_class (const Partner *p,
               guint          slot)
{
  return &vendors[p->vendor[slot]].classes[p->klass[slot]];
}

static int
find_class (Vendor      vendor,
            const char *name)
{
  for (guint c = 0; c < vendors[vendor].n_classes; c++)
    if (strcmp (vendors[vendor].classes[c].name, name) == 0)
      return (int) c;
  g_assert_not_reached ();
  return 0;
}

static const Special *
find_special (guint64 number)
{
  for (guint i = 0; i < G_N_ELEMENTS (kaspersky_specials); i++)
    if (kaspersky_specials[i].number == number)
      return &kaspersky_specials[i];
  return NULL;
}

static void
expand_name (GString        *out,
             const char     *pattern,
             const Language *lang,
             Rng            *rng)
{
  guint l = (guint) rng_below (rng, lang->n_last);
  guint m = (l + 1 + (guint) rng_below (rng, lang->n_last - 1)) % lang->n_last;
  guint w = (guint) rng_below (rng, lang->n_words);

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] != '\0' && p[2] == '}')
        {
          if (p[1] == 'L')
            g_string_append (out, lang->last[l]);
          else if (p[1] == 'M')
            g_string_append (out, lang->last[m]);
          else
            g_string_append (out, lang->words[w]);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
}

/* Which vendors a partner outside the Kaspersky block sells: Smart-Soft
 * in Russia and its neighbours, Microsoft and Quick Heal in Italy (some
 * both), Snom everywhere else. */
static guint
vendors_of_country (CountryId  country,
                    Rng       *rng,
                    guint8     out[2])
{
  if (country == C_RU || country == C_KZ || country == C_BY)
    {
      out[0] = V_SMART_SOFT;
      return 1;
    }
  if (country == C_IT)
    {
      guint r = (guint) rng_below (rng, 100);

      if (r < 38)
        out[0] = V_MICROSOFT;
      else if (r < 78)
        out[0] = V_QUICK_HEAL;
      else if (r < 95)
        {
          out[0] = V_MICROSOFT;
          out[1] = V_QUICK_HEAL;
          return 2;
        }
      else
        out[0] = V_SNOM;
      return 1;
    }
  out[0] = V_SNOM;
  return 1;
}

static TdDate
random_date (Rng *rng,
             int  y1, int m1, int d1,
             int  y2, int m2, int d2)
{
  TdDate from = td_date_from_ymd (y1, m1, d1);
  TdDate to = td_date_from_ymd (y2, m2, d2);

  return from + (TdDate) rng_below (rng, (guint64) (to - from + 1));
}

static void
init_partners (Gen *g)
{
  Rng rng;
  guint64 n = g->n_partners;
  /* The Kaspersky program is about 300 partners of 6,000: P00001 to
   * P00300, which hold the five partners its overrides name. */
  guint64 n_kaspersky = MAX (1, n / 20);
  guint64 country_weights[N_COUNTRIES];
  Alias country_alias;
  GArray *members[N_VENDORS];

  rng_init (&rng, g->seed, STREAM_PARTNERS);
  g->partners = g_new0 (Partner, n);
  for (guint c = 0; c < N_COUNTRIES; c++)
    country_weights[c] = countries[c].weight;
  alias_init (&country_alias, country_weights, NULL, N_COUNTRIES);

  for (guint v = 0; v < N_VENDORS; v++)
    members[v] = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint64 i = 0; i < n; i++)
    {
      Partner *p = &g->partners[i];
      const Special *special = find_special (i + 1);

      if (i < n_kaspersky || special != NULL)
        {
          guint r = (guint) rng_below (&rng, 100);

          p->country = r < 80 ? C_FR : r < 90 ? C_BE : r < 95 ? C_CH : C_LU;
          p->vendor[0] = V_KASPERSKY;
          p->n_slots = 1;
        }
      else
        {
          p->country = (guint8) alias_draw (&country_alias, &rng);
          p->n_slots = (guint8) vendors_of_country (p->country, &rng, p->vendor);
        }
      /* Specials are placed below; the others join their vendors' pools. */
      for (guint s = 0; s < p->n_slots; s++)
        if (special == NULL)
          {
            guint32 entry = (guint32) (i << 1 | s);
            g_array_append_val (members[p->vendor[s]], entry);
          }
    }
  alias_clear (&country_alias);

  /* Classes: each vendor's partners in a shuffled order, the first ones to
   * the first class, and so on; the last class takes the rest. */
  for (guint v = 0; v < N_VENDORS; v++)
    {
      const VendorSpec *spec = &vendors[v];
      guint32 *m = (guint32 *) members[v]->data;
      guint len = members[v]->len;
      guint64 total = len;
      guint64 cumulative = 0;
      guint64 placed = 0;   /* members and specials in the classes so far */
      guint next = 0;
      guint specials_in_class[16] = { 0 };

      g_assert (spec->n_classes <= G_N_ELEMENTS (specials_in_class));
      if (v == V_KASPERSKY)
        for (guint i = 0; i < G_N_ELEMENTS (kaspersky_specials); i++)
          if (kaspersky_specials[i].number <= n)
            {
              specials_in_class[find_class (V_KASPERSKY, kaspersky_specials[i].klass)]++;
              total++;
            }

      for (guint i = len; i > 1; i--)
        {
          guint j = (guint) rng_below (&rng, i);
          guint32 t = m[i - 1];
          m[i - 1] = m[j];
          m[j] = t;
        }
      for (guint c = 0; c < spec->n_classes; c++)
        {
          guint64 end, want, count;

          cumulative += spec->classes[c].share;
          end = (total * cumulative + 5000) / 10000;
          want = end > placed ? end - placed : 0;
          count = want > specials_in_class[c] ? want - specials_in_class[c] : 0;
          if (c + 1 == spec->n_classes)
            count = len - next;
          count = MIN (count, (guint64) (len - next));
          for (guint64 k = 0; k < count; k++, next++)
            {
              Partner *p = &g->partners[m[next] >> 1];
              p->klass[m[next] & 1] = (guint8) c;
            }
          placed += count + specials_in_class[c];
        }
      g_array_free (members[v], TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kaspersky_specials); i++)
    {
      const Special *sp = &kaspersky_specials[i];
      Partner *p;

      if (sp->number > n)
        continue;
      p = &g->partners[sp->number - 1];
      p->klass[0] = (guint8) find_class (V_KASPERSKY, sp->klass);
      p->flags = (guint8) sp->flags;
    }

  /* Weights, levels, dates and attributes follow from the classes. */
  for (guint64 i = 0; i < n; i++)
    {
      Partner *p = &g->partners[i];
      const Special *special = find_special (i + 1);
      gboolean established = FALSE;
      guint32 best_weight = 0;
      gboolean snom_only = p->n_slots == 1 && p->vendor[0] == V_SNOM;

      for (guint s = 0; s < p->n_slots; s++)
        {
          const PartnerClass *klass = partner_class (p, s);

          /* Within a class, partners differ by -10 % to +20 %. */
          p->weight[s] = klass->weight == 0 ? 0 : klass->weight * (guint32) rng_range (&rng, 90, 120) / 100;
          p->deals_q10[s] = (guint16) klass->deals_q10;
          p->won_permille[s] = (guint16) klass->won_permille;
          if (special != NULL && special->deals_q10 > 0)
            {
              p->deals_q10[s] = (guint16) special->deals_q10;
              p->won_permille[s] = (guint16) special->won_permille;
            }
          if (p->vendor[s] == V_MICROSOFT)
            p->ms_level = (guint8) klass->ms_level;
          established |= klass->established;
          best_weight = MAX (best_weight, klass->weight);
        }

      if (p->flags & SPECIAL_NEW)
        p->joined = td_date_from_ymd (2024, 12, 2);
      else if (established)
        p->joined = random_date (&rng, 2015, 1, 1, 2022, 12, 31);
      else
        {
          guint r = (guint) rng_below (&rng, 1000);

          /* Only Snom has a welcome rule, and a welcome rule cannot be
           * limited to a vendor's categories: partners who joined in 2025
           * are Snom partners, so that no other vendor's partner gets
           * Snom's welcome phone. */
          if (r < 50 && snom_only)
            p->joined = random_date (&rng, 2025, 1, 2, 2025, 12, 15);
          else if (r < 150)
            p->joined = random_date (&rng, 2024, 1, 2, 2024, 12, 20);
          else
            p->joined = random_date (&rng, 2015, 1, 1, 2023, 12, 31);
        }

      if (best_weight >= 1000)
        p->employees = (guint16) rng_range (&rng, 25, 480);
      else if (best_weight >= 300)
        p->employees = (guint16) rng_range (&rng, 8, 120);
      else if (best_weight >= 50)
        p->employees = (guint16) rng_range (&rng, 2, 40);
      else
        p->employees = (guint16) rng_range (&rng, 1, 15);
      p->website = rng_permille (&rng, best_weight >= 300 ? 960 : best_weight >= 50 ? 750 : 500);
    }

  /* Names from their own stream: changing a name list changes no sale. */
  rng_init (&rng, g->seed, STREAM_NAMES);
  for (guint64 i = 0; i < n; i++)
    {
      Partner *p = &g->partners[i];
      const Language *lang = &languages[countries[p->country].language];
      GString *name = g_string_new (NULL);

      expand_name (name, lang->companies[rng_below (&rng, lang->n_companies)], lang, &rng);
      p->name = g_string_free (name, FALSE);
    }
}

static void
init_partner_aliases (Gen *g)
{
  guint64 vendor_weights[2][N_VENDORS];

  for (guint v = 0; v < N_VENDORS; v++)
    {
      g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint32));
      guint64 total = 0;

      for (guint64 i = 0; i < g->n_partners; i++)
        {
          const Partner *p = &g->partners[i];

          for (guint s = 0; s < p->n_slots; s++)
            if (p->vendor[s] == v)
              {
                guint64 w = p->weight[s];
                guint32 entry = (guint32) (i << 1 | s);

                g_array_append_val (weights, w);
                g_array_append_val (values, entry);
                total += w;
              }
        }
      /* A tiny data set may leave a vendor with dormant partners only: let
       * them all sell rather than none. */
      if (total == 0)
        for (guint k = 0; k < weights->len; k++)
          g_array_index (weights, guint64, k) = 1;
      alias_init (&g->partner_alias[v], (guint64 *) weights->data, (guint32 *) values->data, weights->len);
      /* In 2025 the software vendors' renewals of 2024 come on top of
       * their new sales: fewer new sales keep the growth near 20 %. */
      vendor_weights[0][v] = weights->len > 0 ? vendors[v].share : 0;
      vendor_weights[1][v] = vendors[v].key_prefix != NULL ? vendor_weights[0][v] * 7 / 10 : vendor_weights[0][v];
    }
  alias_init (&g->vendor_alias[0], vendor_weights[0], NULL, N_VENDORS);
  alias_init (&g->vendor_alias[1], vendor_weights[1], NULL, N_VENDORS);
}

static void
init_products (Gen *g)
{
  for (guint i = 0; i < G_N_ELEMENTS (promotions); i++)
    {
      const Promotion *p = &promotions[i];

      g->promotion_from[i] = date_day (g, td_date_from_ymd (p->from[0], p->from[1], p->from[2]));
      g->promotion_to[i] = date_day (g, td_date_from_ymd (p->to[0], p->to[1], p->to[2]));
    }
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g->sku_len[i] = strlen (products[i].sku);
      g->renewed_by[i] = G_MAXUINT16;
      if (products[i].renewed_by != NULL)
        for (guint j = 0; j < N_PRODUCTS; j++)
          if (strcmp (products[j].sku, products[i].renewed_by) == 0)
            g->renewed_by[i] = (guint16) j;
    }

  for (guint v = 0; v < N_VENDORS; v++)
    {
      guint64 w2024[N_PRODUCTS], w2025[N_PRODUCTS], w_new[N_PRODUCTS], w_renewal[N_PRODUCTS];
      guint64 w_dist[32];

      for (guint i = 0; i < N_PRODUCTS; i++)
        {
          gboolean mine = products[i].vendor == v;
          gboolean renewal = products[i].renewal;

          /* In 2024, renewals of licences sold before the history are
           * ordinary sales (about 40 % of a software vendor's sales); in
           * 2025 renewals renew a 2024 sale and are scheduled by it, but
           * for a few multi-year licences from before. */
          w2024[i] = mine ? (renewal ? products[i].weight * 3 / 2 : products[i].weight) : 0;
          w2025[i] = mine ? (renewal ? products[i].weight / 6 : products[i].weight) : 0;
          w_new[i] = mine && !renewal ? products[i].weight : 0;
          w_renewal[i] = mine && renewal ? products[i].weight : 0;
        }
      alias_init (&g->product_alias[v][0], w2024, NULL, N_PRODUCTS);
      alias_init (&g->product_alias[v][1], w2025, NULL, N_PRODUCTS);
      alias_init (&g->new_alias[v], w_new, NULL, N_PRODUCTS);
      alias_init (&g->renewal_alias[v], w_renewal, NULL, N_PRODUCTS);

      g_assert (vendors[v].n_distributors <= G_N_ELEMENTS (w_dist));
      for (guint k = 0; k < vendors[v].n_distributors; k++)
        w_dist[k] = vendors[v].distributors[k].weight;
      alias_init (&g->distributor_alias[v], w_dist, NULL, vendors[v].n_distributors);
    }
}

/* ------------------------------------------------------------------------
 * Deals and the sales they need
 * ------------------------------------------------------------------------ */

static guint32
new_customer_slot (Gen *g)
{
  return g->n_slots++;
}

static void
plan_sale (Gen     *g,
           int      day,
           guint32  partner,
           guint8   slot,
           guint32  customer_slot)
{
  Planned planned = { day, g->planned->len, partner, customer_slot, slot };

  if (day < 0 || day >= N_DAYS)
    return;
  g_array_append_val (g->planned, planned);
}

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const Planned *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
compare_deals (gconstpointer a,
               gconstpointer b)
{
  const Deal *x = a, *y = b;

  if (x->registered != y->registered)
    return x->registered < y->registered ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Microsoft PAI: about 40 % of the deals are with customers that never
 * bought, 12 % with customers whose last purchase is 200 to 330 days old
 * (new again after six months), the rest with customers who bought less
 * than six months before; so about half the won deals pay. Kaspersky:
 * deals on new accounts. */
static void
plan_deal (Gen     *g,
           Rng     *rng,
           guint32  partner,
           guint8   slot,
           int      registered)
{
  const Partner *p = &g->partners[partner];
  gboolean microsoft = p->vendor[slot] == V_MICROSOFT;
  Deal deal = { 0 };
  guint r = (guint) rng_below (rng, 1000);
  int closed = -1;
  int kind = 0;   /* 0 never bought, 1 lapsed, 2 recent */

  deal.seq = g->deals->len;
  deal.partner = partner;
  deal.registered = day_date (g, registered);
  deal.customer_slot = new_customer_slot (g);

  if (r < p->won_permille[slot])
    {
      closed = registered + (microsoft ? rng_range (rng, 5, 75) : rng_range (rng, 10, 60));
      deal.status = DEAL_WON;
    }
  else if (r < p->won_permille[slot] + (1000u - p->won_permille[slot]) * 6 / 10)
    {
      closed = registered + rng_range (rng, 10, 110);
      deal.status = DEAL_LOST;
    }
  else
    deal.status = DEAL_OPEN;
  if (closed >= N_DAYS)
    {
      deal.status = DEAL_OPEN;
      closed = -1;
    }
  if (closed >= 0)
    deal.closed = day_date (g, closed);

  if (microsoft)
    {
      guint k = (guint) rng_below (rng, 100);

      kind = k < 40 ? 0 : k < 52 ? 1 : 2;
    }

  if (kind != 0)
    {
      /* The customer's earlier purchase, before the registration. */
      int anchor = deal.status == DEAL_WON ? closed : registered;
      int prior;

      /* Lapsed: up to 320 days, so that the renewal of that purchase
       * (330 days on) does not come first. */
      if (kind == 1)
        prior = anchor - rng_range (rng, 200, 320);
      else
        prior = anchor - rng_range (rng, anchor - registered + 1, MAX (anchor - registered + 1, 170));
      if (prior >= date_day (g, p->joined))
        plan_sale (g, prior, partner, slot, deal.customer_slot);
    }
  if (deal.status == DEAL_WON)
    {
      plan_sale (g, closed, partner, slot, deal.customer_slot);
      /* Sometimes more: the same day or within two months. */
      if (rng_permille (rng, 300))
        plan_sale (g, rng_permille (rng, 500) ? closed : closed + rng_range (rng, 1, 60),
                   partner, slot, deal.customer_slot);
    }
  g_array_append_val (g->deals, deal);
}

static void
init_deals (Gen *g)
{
  Rng rng;
  /* Registrations are a partner's habit, not a share of the sales; but a
   * history far smaller than the default gets fewer, so that the sales
   * they need stay a small part of it. */
  guint64 scale = MIN (1000, g->n_sales * 25 / g->n_partners);

  rng_init (&rng, g->seed, STREAM_DEALS);
  g->deals = g_array_new (FALSE, FALSE, sizeof (Deal));
  g->planned = g_array_new (FALSE, FALSE, sizeof (Planned));

  for (guint64 i = 0; i < g->n_partners; i++)
    {
      const Partner *p = &g->partners[i];

      for (guint8 s = 0; s < p->n_slots; s++)
        {
          guint64 q10 = p->deals_q10[s] * scale / 1000;

          if (q10 == 0)
            continue;
          for (int q = 0; q < 8; q++)
            {
              TdDate from = td_date_from_ymd (2024 + q / 4, q % 4 * 3 + 1, 1);
              TdDate to = td_date_bucket_end (from, TD_BUCKET_QUARTER);
              int count = (int) (q10 / 10) + (rng_below (&rng, 10) < q10 % 10 ? 1 : 0);

              if (q10 >= 30)
                count += rng_range (&rng, -1, 2);
              if (to < p->joined)
                continue;
              from = MAX (from, p->joined);
              for (int k = 0; k < count; k++)
                {
                  TdDate date = from + (TdDate) rng_below (&rng, (guint64) (to - from + 1));

                  /* Registrations happen on working days. */
                  while (weekday (date) >= 5 && date > from)
                    date--;
                  plan_deal (g, &rng, (guint32) i, s, date_day (g, date));
                }
            }
        }
    }

  g_array_sort (g->deals, compare_deals);
  g_array_sort (g->planned, compare_planned);
  g->slot_customer = g_new0 (guint32, g->n_slots + 1);
}

/* ------------------------------------------------------------------------
 * Certifications
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *certification;
  guint       count;           /* people who hold it at 2025-01-01 */
  guint       extra_permille;  /* one more person */
} CertNeed;

static guint
cert_needs (CertProfile  profile,
            CertNeed     needs[2],
            guint       *lapse_permille)
{
  *lapse_permille = 120;
  switch (profile)
    {
    case CERT_TI:
      needs[0] = (CertNeed) { "ti-tech", 1, 300 };
      return 1;
    case CERT_TI_RARE:
      needs[0] = (CertNeed) { "ti-tech", 0, 100 };
      return 1;
    case CERT_SNOM:
      needs[0] = (CertNeed) { "snom-technical-training", 1, 250 };
      return 1;
    case CERT_SNOM_RARE:
      needs[0] = (CertNeed) { "snom-technical-training", 0, 60 };
      return 1;
    case CERT_KL_PLATINUM:
      *lapse_permille = 100;
      needs[0] = (CertNeed) { "kaspersky-sales", 3, 400 };
      needs[1] = (CertNeed) { "kaspersky-technical", 2, 300 };
      return 2;
    case CERT_KL_GOLD:
      *lapse_permille = 100;
      needs[0] = (CertNeed) { "kaspersky-sales", 2, 300 };
      needs[1] = (CertNeed) { "kaspersky-technical", 1, 300 };
      return 2;
    case CERT_KL_SILVER:
      *lapse_permille = 100;
      needs[0] = (CertNeed) { "kaspersky-sales", 1, 400 };
      needs[1] = (CertNeed) { "kaspersky-technical", 0, 200 };
      return 2;
    case CERT_KL_RARE:
      needs[0] = (CertNeed) { "kaspersky-sales", 0, 150 };
      return 1;
    case CERT_NONE:
    default:
      return 0;
    }
}

typedef struct
{
  Out            *out;
  const Gen      *g;
  guint64         partner;
  const Language *lang;
  guint           next_person;
  guint           person_base;
} CertWriter;

static void
write_cert_row (CertWriter *w,
                const char *person,
                const char *certification,
                TdDate      earned,
                TdDate      left)
{
  Out *out = w->out;

  out_row (out, NULL);   /* errors are caught at the next flush */
  put_char (out, 'P');
  put_padded (out, w->partner + 1, w->g->w_partner);
  put_char (out, ',');
  put_field (out, person);
  put_char (out, ',');
  put_str (out, certification);
  put_char (out, ',');
  put_date (out, earned);
  put_char (out, ',');
  if (left != 0)
    put_date (out, left);
  put_char (out, '\n');
}

/* Distinct people within a partner: walk the first × last name grid. */
static char *
next_person (CertWriter *w)
{
  const Language *lang = w->lang;
  guint k = w->person_base + w->next_person++ * 7;

  return g_strdup_printf ("%s %s", lang->first[k % lang->n_first],
                          lang->last[(k / lang->n_first + k) % lang->n_last]);
}

/* Certificates count at the 2025 evaluation (2025-01-01) when earned
 * from 2023-01-02 on (valid_months 24) and not left by then. */
static gboolean
write_certifications (Gen      *g,
                      Out      *out,
                      GError  **error)
{
  Rng rng;
  const TdDate none = 0;   /* 1970-01-01 never occurs: "no left_on" */

  rng_init (&rng, g->seed, STREAM_CERTIFICATIONS);
  put_str (out, "partner_id,person,certification,earned_on,left_on\n");
  for (guint64 i = 0; i < g->n_partners; i++)
    {
      const Partner *p = &g->partners[i];
      CertWriter w = { out, g, i, &languages[countries[p->country].language], 0,
                       (guint) rng_below (&rng, 64) };

      if (p->flags & SPECIAL_NEW)
        continue;
      for (guint s = 0; s < p->n_slots; s++)
        {
          CertNeed needs[2];
          guint lapse_permille;
          guint n_needs = cert_needs (partner_class (p, s)->certs, needs, &lapse_permille);
          gboolean lapse = rng_permille (&rng, lapse_permille);

          for (guint k = 0; k < n_needs; k++)
            {
              guint count = needs[k].count + (rng_permille (&rng, needs[k].extra_permille) ? 1 : 0);

              for (guint j = 0; j < count; j++)
                {
                  g_autofree char *person = next_person (&w);
                  TdDate earned = random_date (&rng, 2023, 2, 1, 2024, 11, 30);
                  TdDate left = none;

                  if (lapse && k == 0 && j == 0)
                    {
                      /* The only certified person's certificate ran out,
                       * or the person left: the partner drops a tier
                       * unless someone else holds it. */
                      if (rng_permille (&rng, 500))
                        earned = random_date (&rng, 2020, 6, 1, 2022, 10, 31);
                      else
                        {
                          earned = random_date (&rng, 2023, 2, 1, 2024, 3, 31);
                          left = earned + rng_range (&rng, 60, td_date_from_ymd (2024, 12, 31) - earned);
                        }
                    }
                  else if (rng_permille (&rng, 100))
                    left = random_date (&rng, 2025, 2, 1, 2025, 11, 30);   /* leaves after the evaluation */

                  /* Renewed every two years: the earlier certificate too. */
                  if (rng_permille (&rng, 300))
                    write_cert_row (&w, person, needs[k].certification,
                                    td_date_add_months (earned, -rng_range (&rng, 24, 27)), none);
                  write_cert_row (&w, person, needs[k].certification, earned, left);
                }

              /* A former employee, replaced; and someone trained in 2025. */
              if (count > 0 && rng_permille (&rng, 150))
                {
                  g_autofree char *person = next_person (&w);
                  TdDate earned = random_date (&rng, 2019, 1, 1, 2022, 6, 30);

                  write_cert_row (&w, person, needs[k].certification, earned,
                                  earned + rng_range (&rng, 200, 700));
                }
              if (rng_permille (&rng, count > 0 ? 80 : 10))
                {
                  g_autofree char *person = next_person (&w);

                  write_cert_row (&w, person, needs[k].certification,
                                  random_date (&rng, 2025, 2, 1, 2025, 11, 30), none);
                }
            }
        }
      if (!out_row (out, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Sales
 * ------------------------------------------------------------------------ */

static guint
draw_quantity (Rng        *rng,
               QtyProfile  profile)
{
  guint r = (guint) rng_below (rng, 100);

  switch (profile)
    {
    case Q_UNIT:
      return r < 80 ? 1 : r < 94 ? 2 : r < 99 ? 3 : (guint) rng_range (rng, 4, 5);
    case Q_PACK:
      return r < 40 ? 1 : r < 60 ? 2 : r < 73 ? 3 : r < 81 ? 4 : r < 88 ? 5 : (guint) rng_range (rng, 6, 25);
    case Q_SEATS:
    default:
      return r < 60 ? (guint) rng_range (rng, 1, 5) : r < 92 ? (guint) rng_range (rng, 6, 20) : (guint) rng_range (rng, 21, 50);
    }
}

/* PREFIX-XXXX-XXXX-XXXX-XXXX, the key in hexadecimal. */
static inline char *
write_key (char       *w,
           const char *prefix,
           guint64     key)
{
  static const char hex[] = "0123456789ABCDEF";

  *w++ = prefix[0];
  *w++ = prefix[1];
  for (int shift = 60; shift >= 0; shift -= 4)
    {
      if (shift % 16 == 12)
        *w++ = '-';
      *w++ = hex[(key >> shift) & 0xf];
    }
  return w;
}

static guint32
new_customer (Gen *g)
{
  return (guint32) g->next_customer++;
}

static void
remember_customer (Gen     *g,
                   guint32  partner,
                   guint    slot,
                   guint32  customer)
{
  gsize r = (gsize) partner * 2 + slot;

  g->ring[r * RING + g->ring_next[r]] = customer;
  g->ring_next[r] = (guint8) ((g->ring_next[r] + 1) % RING);
  if (g->ring_len[r] < RING)
    g->ring_len[r]++;
}

/* A partner of @vendor that has joined by @day; the caller's partner
 * when the vendor has none that has. */
static gboolean
draw_partner (Gen     *g,
              Vendor   vendor,
              int      day,
              guint32 *partner,
              guint   *slot)
{
  TdDate date = day_date (g, day);

  if (g->partner_alias[vendor].n == 0)
    return FALSE;
  for (int attempt = 0; attempt < 16; attempt++)
    {
      guint32 entry = alias_draw (&g->partner_alias[vendor], &g->rng);

      if (g->joined[entry >> 1] <= date)
        {
          *partner = entry >> 1;
          *slot = entry & 1;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  guint32  partner;     /* NO_PARTNER: the vendor's shop, no reseller */
  guint32  customer;
  guint64  key;         /* 0: no licence key */
  guint    product;
  guint    quantity;
  gboolean online;
} Sale;

/* Writes one row of sales.csv, and schedules the licence's renewal. */
static void
write_sale (Gen       *g,
            Out       *out,
            int        day,
            const Sale *sale)
{
  const Product *product = &products[sale->product];
  const VendorSpec *spec = &vendors[product->vendor];
  guint64 gross = product->list_price * sale->quantity;
  guint64 net = gross;
  guint64 sale_no = ++g->sale_no;
  gboolean invoice = TRUE;

  char *w = out->buf + out->len;

  /* Resellers discount 0 to 15 % on 7 sales in 10; the shop sells at list
   * price. */
  if (!sale->online)
    {
      guint64 r = rng_below (&g->rng, 10 * 1501);

      if (r >= 3 * 1501)
        net = gross - (gross * (r % 1501) + 5000) / 10000;
    }

  *w++ = 'S';
  w = write_padded (w, sale_no, g->w_sale);
  *w++ = ',';
  memcpy (w, g->day_text[day], 10);
  w += 10;
  *w++ = ',';
  if (sale->partner != NO_PARTNER)
    {
      *w++ = 'P';
      w = write_padded (w, (guint64) sale->partner + 1, g->w_partner);
    }
  *w++ = ',';
  *w++ = 'C';
  w = write_padded (w, sale->customer, g->w_customer);
  *w++ = ',';
  w = write_short (w, product->sku, g->sku_len[sale->product]);
  *w++ = ',';
  w = write_padded (w, sale->quantity, 1);
  *w++ = ',';
  w = write_money (w, net);
  if (sale->online)
    {
      memcpy (w, ",online,", 8);
      w += 8;
    }
  else
    {
      const char *distributor = spec->distributors[alias_draw (&g->distributor_alias[product->vendor], &g->rng)].name;

      w = write_short (w, ",partner,", 9);
      while (*distributor != '\0')
        *w++ = *distributor++;
      invoice = !rng_permille (&g->rng, spec->no_invoice_permille);
    }
  *w++ = ',';
  if (invoice)
    {
      memcpy (w, sale->online ? "WEB-" : "INV-", 4);
      memcpy (w + 4, g->day_text[day] + 2, 2);
      w[6] = '-';
      w = write_padded (w + 7, sale_no, g->w_sale);
    }
  *w++ = ',';
  if (sale->key != 0)
    w = write_key (w, spec->key_prefix, sale->key);
  *w++ = ',';
  *w++ = product->renewal ? '1' : '0';
  *w++ = '\n';
  out->len = (gsize) (w - out->buf);

  /* Most licences are renewed about a year later, often a few weeks
   * early. */
  if (sale->key != 0 && g->renewed_by[sale->product] != G_MAXUINT16)
    {
      guint permille = spec->renew_permille;
      int renewal_day = day + 365 + rng_range (&g->rng, -35, 15);

      if (sale->partner != NO_PARTNER && (g->partners[sale->partner].flags & SPECIAL_RENEWALS))
        permille = 950;
      if (renewal_day < N_DAYS && rng_permille (&g->rng, permille))
        {
          Renewal renewal = { sale->key, sale->partner, sale->customer,
                              g->renewed_by[sale->product], (guint16) sale->quantity };

          if (g->renewals[renewal_day] == NULL)
            g->renewals[renewal_day] = g_array_new (FALSE, FALSE, sizeof (Renewal));
          g_array_append_val (g->renewals[renewal_day], renewal);
        }
    }
}

static guint64
new_key (Gen *g)
{
  /* Never 0, which means "no key". */
  guint64 key;

  do
    key = mix64 (++g->next_key + g->key_salt);
  while (key == 0);
  return key;
}

static void
fresh_sale (Gen *g,
            Out *out,
            int  day)
{
  Vendor vendor = (Vendor) alias_draw (&g->vendor_alias[day >= 366], &g->rng);
  const VendorSpec *spec = &vendors[vendor];
  Sale sale = { NO_PARTNER, 0, 0, 0, 0, FALSE };
  guint slot = 0;
  gboolean direct = spec->direct_permille > 0 && rng_permille (&g->rng, spec->direct_permille);

  if (!direct && !draw_partner (g, vendor, day, &sale.partner, &slot))
    {
      /* Nobody sells this vendor yet: a sale of another vendor instead. */
      vendor = V_SNOM;
      for (guint v = 0; v < N_VENDORS; v++)
        if (draw_partner (g, (Vendor) v, day, &sale.partner, &slot))
          {
            vendor = (Vendor) v;
            break;
          }
      spec = &vendors[vendor];
      direct = sale.partner == NO_PARTNER;
    }

  if (sale.partner != NO_PARTNER && (g->partners[sale.partner].flags & SPECIAL_RENEWALS) &&
      g->renewal_alias[vendor].n > 0 && rng_permille (&g->rng, 600))
    sale.product = alias_draw (&g->renewal_alias[vendor], &g->rng);
  else
    sale.product = alias_draw (&g->product_alias[vendor][day >= 366], &g->rng);
  for (guint i = 0; i < G_N_ELEMENTS (promotions); i++)
    if (promotions[i].vendor == vendor && day >= g->promotion_from[i] && day <= g->promotion_to[i] &&
        strcmp (products[sale.product].category, promotions[i].category) != 0 &&
        rng_permille (&g->rng, 250))
      {
        for (int attempt = 0; attempt < 8; attempt++)
          {
            sale.product = alias_draw (&g->new_alias[vendor], &g->rng);
            if (strcmp (products[sale.product].category, promotions[i].category) == 0)
              break;
          }
      }
  sale.quantity = draw_quantity (&g->rng, products[sale.product].quantity);

  if (direct)
    {
      sale.online = TRUE;
      sale.customer = new_customer (g);
    }
  else
    {
      gsize r = (gsize) sale.partner * 2 + slot;

      sale.online = spec->online_partner_permille > 0 && rng_permille (&g->rng, spec->online_partner_permille);
      if (g->ring_len[r] > 0 && !products[sale.product].renewal &&
          rng_permille (&g->rng, spec->repeat_permille))
        sale.customer = g->ring[r * RING + rng_below (&g->rng, g->ring_len[r])];
      else
        {
          sale.customer = new_customer (g);
          remember_customer (g, sale.partner, slot, sale.customer);
        }
    }
  if (spec->key_prefix != NULL)
    sale.key = new_key (g);
  write_sale (g, out, day, &sale);
}

static void
planned_sale (Gen           *g,
              Out           *out,
              int            day,
              const Planned *planned)
{
  Vendor vendor = g->partners[planned->partner].vendor[planned->slot];
  Sale sale = { planned->partner, 0, 0, 0, 0, FALSE };

  if (g->slot_customer[planned->customer_slot] == 0)
    g->slot_customer[planned->customer_slot] = new_customer (g);
  sale.customer = g->slot_customer[planned->customer_slot];
  sale.product = alias_draw (&g->new_alias[vendor], &g->rng);
  sale.quantity = draw_quantity (&g->rng, products[sale.product].quantity);
  if (vendors[vendor].key_prefix != NULL)
    sale.key = new_key (g);
  write_sale (g, out, day, &sale);
}

static void
renewal_sale (Gen           *g,
              Out           *out,
              int            day,
              const Renewal *renewal)
{
  const VendorSpec *spec = &vendors[products[renewal->product].vendor];
  Sale sale = { renewal->partner, renewal->customer, renewal->key, renewal->product, renewal->quantity, TRUE };
  guint r = (guint) rng_below (&g->rng, 1000);

  if (renewal->partner == NO_PARTNER)
    ;   /* bought in the shop, renewed in the shop */
  else if (r < spec->renew_split[RENEW_SAME])
    sale.online = FALSE;
  else if (r < spec->renew_split[RENEW_SAME] + spec->renew_split[RENEW_OTHER])
    {
      guint slot;

      sale.online = FALSE;
      draw_partner (g, products[renewal->product].vendor, day, &sale.partner, &slot);
    }
  else if (r < spec->renew_split[RENEW_SAME] + spec->renew_split[RENEW_OTHER] + spec->renew_split[RENEW_ONLINE])
    sale.partner = NO_PARTNER;   /* attribution original_reseller finds the reseller by the key */
  write_sale (g, out, day, &sale);
}

static gboolean
write_sales (Gen                 *g,
             Out                 *out,
             TdDemoProgressFunc   progress,
             gpointer             user_data,
             GCancellable        *cancellable,
             GError             **error)
{
  unsigned __int128 total_weight = 0, cumulative = 0;
  guint64 emitted = 0;
  guint next_planned = 0;

  for (int d = 0; d < N_DAYS; d++)
    total_weight += g->day_weight[d];

  put_str (out, "sale_id,date,partner_id,customer_id,sku,quantity,net_amount,channel,distributor,invoice_ref,license_key,renewal\n");
  for (int d = 0; d < N_DAYS; d++)
    {
      guint first_planned = next_planned;
      guint n_planned, n_renewals, n_forced, n_fresh;
      guint done_planned = 0, done_renewals = 0, done_fresh = 0;
      guint64 target, today, budget = g->n_sales - emitted;
      g_autoptr(GArray) renewals = g_steal_pointer (&g->renewals[d]);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      while (next_planned < g->planned->len && g_array_index (g->planned, Planned, next_planned).day == d)
        next_planned++;
      n_planned = next_planned - first_planned;
      n_renewals = renewals != NULL ? renewals->len : 0;

      /* Exactly n_sales rows, spread by the day weights; the sales planned
       * for deals and the renewals come first, new sales fill the day. A
       * history too small for them loses the last renewals, then deal
       * sales. */
      cumulative += g->day_weight[d];
      target = (guint64) (cumulative * g->n_sales / total_weight);
      n_planned = (guint) MIN (n_planned, budget);
      n_renewals = (guint) MIN (n_renewals, budget - n_planned);
      n_forced = n_planned + n_renewals;
      today = MAX (n_forced, target > emitted ? target - emitted : 0);
      today = MIN (today, budget);
      n_fresh = (guint) (today - n_forced);

      /* Interleaved at random within the day. */
      for (guint64 k = 0; k < today; k++)
        {
          guint64 left = today - k;
          guint64 forced_left = (n_planned - done_planned) + (n_renewals - done_renewals);
          /* Most days have more new sales than forced ones: no draw once
           * the forced ones are out. */
          guint64 pick = forced_left > 0 ? rng_below (&g->rng, left) : left;

          if (!out_row (out, error))
            return FALSE;
          if (pick < n_planned - done_planned)
            {
              planned_sale (g, out, d, &g_array_index (g->planned, Planned, first_planned + done_planned));
              done_planned++;
            }
          else if (pick < (n_planned - done_planned) + (n_renewals - done_renewals))
            {
              renewal_sale (g, out, d, &g_array_index (renewals, Renewal, done_renewals));
              done_renewals++;
            }
          else
            {
              fresh_sale (g, out, d);
              done_fresh++;
            }
        }
      g_assert (done_fresh == n_fresh);
      emitted += today;
      if (progress != NULL)
        progress ((double) emitted / (double) g->n_sales, user_data);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * The other files
 * ------------------------------------------------------------------------ */

static gboolean
write_partners (Gen     *g,
                Out     *out,
                GError **error)
{
  static const char *const levels[] = { "", "registered", "certified", "gold" };

  put_str (out, "partner_id,name,country,joined_on,tier,employees,website\n");
  for (guint64 i = 0; i < g->n_partners; i++)
    {
      const Partner *p = &g->partners[i];

      if (!out_row (out, error))
        return FALSE;
      put_char (out, 'P');
      put_padded (out, i + 1, g->w_partner);
      put_char (out, ',');
      put_field (out, p->name);
      put_char (out, ',');
      put_str (out, countries[p->country].code);
      put_char (out, ',');
      put_date (out, p->joined);
      put_char (out, ',');
      put_str (out, levels[p->ms_level]);
      put_char (out, ',');
      put_uint (out, p->employees);
      put_char (out, ',');
      put_str (out, p->website ? "yes\n" : "no\n");
    }
  return TRUE;
}

static gboolean
write_products (Out     *out,
                GError **error)
{
  put_str (out, "sku,name,category,list_price\n");
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      if (!out_row (out, error))
        return FALSE;
      put_str (out, products[i].sku);
      put_char (out, ',');
      put_field (out, products[i].name);
      put_char (out, ',');
      put_str (out, products[i].category);
      put_char (out, ',');
      put_money (out, products[i].list_price);
      put_char (out, '\n');
    }
  return TRUE;
}

static gboolean
write_deals (Gen     *g,
             Out     *out,
             GError **error)
{
  static const char *const statuses[] = { "open", "won", "lost" };

  put_str (out, "deal_id,partner_id,customer_id,registered_on,status,closed_on\n");
  for (guint i = 0; i < g->deals->len; i++)
    {
      const Deal *deal = &g_array_index (g->deals, Deal, i);

      /* Lost and open deals may name a customer that never bought. */
      if (g->slot_customer[deal->customer_slot] == 0)
        g->slot_customer[deal->customer_slot] = new_customer (g);
      if (!out_row (out, error))
        return FALSE;
      put_char (out, 'D');
      put_padded (out, (guint64) i + 1, g->w_deal);
      put_mem (out, ",P", 2);
      put_padded (out, (guint64) deal->partner + 1, g->w_partner);
      put_mem (out, ",C", 2);
      put_padded (out, g->slot_customer[deal->customer_slot], g->w_customer);
      put_char (out, ',');
      put_date (out, deal->registered);
      put_char (out, ',');
      put_str (out, statuses[deal->status]);
      put_char (out, ',');
      if (deal->status != DEAL_OPEN)
        put_date (out, deal->closed);
      put_char (out, '\n');
    }
  return TRUE;
}

static void
gen_free (Gen *g)
{
  for (guint64 i = 0; g->partners != NULL && i < g->n_partners; i++)
    g_free (g->partners[i].name);
  g_free (g->partners);
  g_free (g->joined);
  g_free (g->ring);
  g_free (g->ring_len);
  g_free (g->ring_next);
  alias_clear (&g->vendor_alias[0]);
  alias_clear (&g->vendor_alias[1]);
  for (guint v = 0; v < N_VENDORS; v++)
    {
      alias_clear (&g->partner_alias[v]);
      alias_clear (&g->product_alias[v][0]);
      alias_clear (&g->product_alias[v][1]);
      alias_clear (&g->new_alias[v]);
      alias_clear (&g->renewal_alias[v]);
      alias_clear (&g->distributor_alias[v]);
    }
  if (g->deals != NULL)
    g_array_free (g->deals, TRUE);
  if (g->planned != NULL)
    g_array_free (g->planned, TRUE);
  g_free (g->slot_customer);
  for (int d = 0; d < N_DAYS; d++)
    if (g->renewals[d] != NULL)
      g_array_free (g->renewals[d], TRUE);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gen, gen_free)

void
td_demo_options_init (TdDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_partners = TD_DEMO_DEFAULT_PARTNERS;
  options->n_sales = TD_DEMO_DEFAULT_SALES;
  options->seed = TD_DEMO_DEFAULT_SEED;
}

enum
{
  FILE_PARTNERS,
  FILE_PRODUCTS,
  FILE_CERTIFICATIONS,
  FILE_SALES,
  FILE_DEALS,
  N_FILES,
};

gboolean
td_demo_data_write (const char          *outdir,
                    const TdDemoOptions *options,
                    TdDemoProgressFunc   progress,
                    gpointer             user_data,
                    GCancellable        *cancellable,
                    GError             **error)
{
  static const char *const names[N_FILES] = {
    "partners.csv", "products.csv", "certifications.csv", "sales.csv", "deals.csv",
  };
  g_autoptr(Gen) g = NULL;
  Out outs[N_FILES] = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (outdir != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->n_partners > 0 && options->n_partners <= TD_DEMO_MAX_PARTNERS, FALSE);
  g_return_val_if_fail (options->n_sales > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (outdir, 0777) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (outdir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  g = g_new0 (Gen, 1);
  g->n_partners = options->n_partners;
  g->n_sales = options->n_sales;
  g->seed = options->seed;
  g->key_salt = mix64 (options->seed ^ G_GUINT64_CONSTANT (0x6b6579));
  g->next_customer = 1;
  for (guint i = 0; i < N_FILES; i++)
    outs[i].fd = -1;

  init_days (g);
  init_products (g);
  init_partners (g);
  init_partner_aliases (g);
  init_deals (g);
  g->joined = g_new (TdDate, g->n_partners);
  for (guint64 i = 0; i < g->n_partners; i++)
    g->joined[i] = g->partners[i].joined;
  g->ring = g_new (guint32, g->n_partners * 2 * RING);
  g->ring_len = g_new0 (guint8, g->n_partners * 2);
  g->ring_next = g_new0 (guint8, g->n_partners * 2);
  rng_init (&g->rng, g->seed, STREAM_SALES);

  /* Fixed widths keep byte order equal to numeric order. Every sale and
   * every deal brings at most one new customer. */
  g->w_partner = MAX (5, digits (g->n_partners));
  g->w_sale = MAX (7, digits (g->n_sales));
  g->w_customer = MAX (6, digits (g->n_sales + g->deals->len));
  g->w_deal = MAX (5, digits (g->deals->len));

  for (guint i = 0; i < N_FILES; i++)
    if (!out_open (&outs[i], outdir, names[i], error))
      goto out;

  if (!write_partners (g, &outs[FILE_PARTNERS], error) ||
      !write_products (&outs[FILE_PRODUCTS], error) ||
      !write_certifications (g, &outs[FILE_CERTIFICATIONS], error) ||
      !write_sales (g, &outs[FILE_SALES], progress, user_data, cancellable, error) ||
      !write_deals (g, &outs[FILE_DEALS], error))
    goto out;

  for (guint i = 0; i < N_FILES; i++)
    if (!out_finish (&outs[i], error))
      goto out;

  /* Only a complete set replaces the files that were there. */
  for (guint i = 0; i < N_FILES; i++)
    if (g_rename (outs[i].tmp_path, outs[i].final_path) != 0)
      {
        set_io_error (error, errno, outs[i].final_path);
        goto out;
      }
    else
      g_clear_pointer (&outs[i].tmp_path, g_free);
  ok = TRUE;

out:
  for (guint i = 0; i < N_FILES; i++)
    out_clear (&outs[i]);
  return ok;
}
