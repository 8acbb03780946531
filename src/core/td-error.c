/* td-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "td-error.h"

G_DEFINE_QUARK (tierdesk-error-quark, td_error)
