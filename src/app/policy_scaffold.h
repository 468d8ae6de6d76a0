/*
 * The starting policy file of a new jurisdiction (laoxiao policy new): what
 * a city's or county's staff fill in rather than write from nothing. The
 * text is built here, not copied from a template on disk, so it always
 * matches what the loader (app/policy.c) accepts.
 */
#ifndef LX_APP_POLICY_SCAFFOLD_H
#define LX_APP_POLICY_SCAFFOLD_H

#include "core/arena.h"
#include "core/error.h"

/* Writes the 12-digit form of a region code given as 12 digits or as the
 * 6-digit county-level form (padded with six zeros) into out. Returns 0,
 * or -1 with err (field `field`) when it is neither or not a valid
 * division code. */
int policy_scaffold_code(const char *in, const char *field, char out[13],
                         struct lx_error *err);

/* The JSON text of a starting policy file for jurisdiction code (12 or 6
 * digits) named name, with parent (12 or 6 digits, above code) or NULL:
 * jurisdiction, name, parent, a regions skeleton holding the jurisdiction
 * itself, the national planning defaults with their citations, one example
 * indicator of each kind (computed ratio, count, reported value, text
 * target; each note starts 例：) and no schemes. The file loads and checks
 * as written. Returns the text, arena-owned, ending in a newline, or NULL
 * with err naming the field ("code", "name", "parent"). */
char *policy_scaffold(struct arena *a, const char *code, const char *name,
                      const char *parent, struct lx_error *err);

#endif
