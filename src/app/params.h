/* Query parameters arrive as a JSON object of strings (the HTTP layer builds
 * it from the query string, the CLI from its options); these read them with
 * errors that name the parameter. */
#ifndef LX_APP_PARAMS_H
#define LX_APP_PARAMS_H

#include "core/error.h"

#include <jansson.h>

/* The string value or NULL; borrowed from params. */
const char *param_str(json_t *params, const char *name);

/* Whole number in [min, max], or def when absent; -1 and LX_EMALFORMED
 * naming the parameter otherwise. */
int param_long(json_t *params, const char *name, long def, long min, long max,
               long *out, struct lx_error *err);

/* A YYYY-MM-DD date or NULL when absent; -1 on a bad date. */
int param_date(json_t *params, const char *name, const char **out,
               struct lx_error *err);

/* A region code parameter: NULL when absent; -1 with LX_EMALFORMED when it
 * is not 12 digits. Existence and scope are the caller's to check. */
int param_region(json_t *params, const char *name, const char **out,
                 struct lx_error *err);

/* Refuses body fields not in the NULL-terminated allowed list:
 * LX_EINVALID naming the field (a body's unknown field is an input error,
 * where an unknown query parameter is a malformed request). */
int body_only(json_t *body, const char *const *allowed, struct lx_error *err);

/* Refuses parameters not in the NULL-terminated allowed list. */
int param_only(json_t *params, const char *const *allowed,
               struct lx_error *err);

#endif
