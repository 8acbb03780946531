/* td-memory.h — large arrays on huge pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading a million sales fills some 200 MB of fresh memory. On 4 KiB
 * pages every page costs a fault (several microseconds in a virtual
 * machine) and the tables read at random miss the TLB on nearly every
 * probe; on 2 MiB pages both mostly go away. Linux gives them to regions
 * that ask (transparent_hugepage "madvise" mode); elsewhere these are
 * plain allocations.
 */
#pragma once

#include <glib.h>

#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

G_BEGIN_DECLS

/* Below this, an array fits in pages enough that asking is not worth a
 * system call. */
#define TD_HUGE_PAGES_MIN ((gsize) 4 << 20)

/* Asks for huge pages under a new large allocation. It is a mapping of
 * its own then (glibc maps large blocks), whose every page is still
 * untouched, and the advice only concerns its pages; were it not, the
 * advice would still only be a hint. */
static inline gpointer
td_advise_huge_pages (gpointer memory,
                      gsize    size)
{
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  if (size >= TD_HUGE_PAGES_MIN)
    {
      gsize page = (gsize) sysconf (_SC_PAGESIZE);
      guintptr start = (guintptr) memory & ~(guintptr) (page - 1);
      guintptr end = ((guintptr) memory + size + page - 1) & ~(guintptr) (page - 1);

      madvise ((void *) start, end - start, MADV_HUGEPAGE);
    }
#endif
  return memory;
}

/* g_malloc_n() on huge pages when large, freed with g_free(). Not aligned
 * to them on purpose: arrays filled side by side would all map to the
 * same cache sets. */
static inline gpointer
td_huge_alloc_n (gsize n,
                 gsize size)
{
  return td_advise_huge_pages (g_malloc_n (n, size), n * size);
}

/* g_malloc0_n() on huge pages when large: fresh pages are zero already,
 * so nothing is written until used. */
static inline gpointer
td_huge_alloc0_n (gsize n,
                  gsize size)
{
  return td_advise_huge_pages (g_malloc0_n (n, size), n * size);
}

G_END_DECLS
