/* fuzz-program.c — libFuzzer target: the program reader and validator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-program-reader.h"
#include "td-program-writer.h"
#include "td-validator.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_read_data ((const char *) data, size, problems);

  if (program == NULL)
    return 0;
  td_program_validate (program, problems);
  /* A program without errors must write and read back to the same bytes. */
  if (td_problems_count (problems, TD_SEVERITY_ERROR) == 0)
    {
      g_autofree char *once = td_program_to_json (program);
      g_autoptr(TdProblems) again = td_problems_new ();
      g_autoptr(TdProgram) reread = td_program_read_data (once, strlen (once), again);
      g_autofree char *twice = NULL;

      g_assert_nonnull (reread);
      twice = td_program_to_json (reread);
      g_assert_cmpstr (once, ==, twice);
    }
  return 0;
}
