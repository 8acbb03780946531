/* td-program-writer.h — canonical program JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-program.h"

G_BEGIN_DECLS

char *td_program_to_json (const TdProgram *program);

G_END_DECLS
