/* The server's current policy set. Requests take a reference for their
 * duration; a reload swaps in a new set only if every file checks out, so
 * a bad edit never takes the running set down. */
#ifndef LX_HTTP_POLICY_HOLDER_H
#define LX_HTTP_POLICY_HOLDER_H

#include "core/error.h"

struct policy_set;

int policy_holder_init(const char *dir, struct lx_error *err);
void policy_holder_done(void);

/* A reference to the current set; release with policy_set_unref(). */
struct policy_set *policy_holder_acquire(void);

/* Loads the folder again; on error the current set stays. */
int policy_holder_reload(struct lx_error *err);

#endif
