/*
 * Citations as an official reads them. The policy files cite the published
 * plans by the name of their text file ("000_e7311d885af442f3.txt 表1 第2行");
 * a page shows the plan's title instead ("《巴中市“一老一小”整体解决方案》
 * 表1 第2行"). Pure function; the table of plans comes from the policy files'
 * "seed" and "document".
 */
#ifndef LX_CORE_CITE_TEXT_H
#define LX_CORE_CITE_TEXT_H

#include <stddef.h>

#include "core/arena.h"

struct cite_doc {
	const char *seed; /* the text file's name, "000_e7311d885af442f3.txt" */
	const char *title; /* the plan's title, without 《》 */
};

/* 1 if s holds a seed file name (three digits, "_", sixteen lower-case
 * hexadecimal digits, ".txt"), else 0. NULL holds none. */
int cite_has_seed(const char *s);

/* s with every seed file name replaced: by 《title》 of the entry in docs
 * with that name, the spaces after the name dropped; by "所引方案" when no
 * entry has it (an unknown file name is never shown). Returns s itself when
 * it holds no seed file name, else a new arena-owned string. NULL gives
 * NULL. */
const char *cite_text(struct arena *a, const char *s,
                      const struct cite_doc *docs, size_t ndocs);

#endif
