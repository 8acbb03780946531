/* td-program-reader.h — program JSON into the model, with every problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-problems.h"
#include "td-program.h"

G_BEGIN_DECLS

/* Type and structure problems (unknown members, wrong JSON types, missing
 * required members, malformed money) go to @problems with their JSON path.
 * Returns NULL only when the text is not JSON or not an object; otherwise
 * a program that holds everything that could be read, so that the
 * validator can report its problems too. */
TdProgram *td_program_read_data (const char *data,
                                 gsize       length,
                                 TdProblems *problems);
TdProgram *td_program_read_file (const char *path,
                                 TdProblems *problems);

G_END_DECLS
