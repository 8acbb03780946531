/* td-error.h — the core's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_ERROR (td_error_quark ())

typedef enum
{
  TD_ERROR_INVALID,   /* a value does not have the form the format requires */
  TD_ERROR_OVERFLOW,  /* a value or a total does not fit in 64-bit cents */
  TD_ERROR_LIMIT,     /* input larger or deeper than the reader accepts */
  TD_ERROR_IO,
} TdErrorCode;

GQuark td_error_quark (void);

G_END_DECLS
