/* td-validator.h — the semantic rules of FORMAT.md, all problems at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-problems.h"
#include "td-program.h"

G_BEGIN_DECLS

void     td_program_validate (const TdProgram *program,
                              TdProblems      *problems);

/* Read and validate a file: errors and warnings in @problems; the program
 * is returned only when there is no error. */
TdProgram *td_program_load   (const char *path,
                              TdProblems *problems);

G_END_DECLS
