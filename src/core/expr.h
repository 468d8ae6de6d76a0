/*
 * The indicator expression language (docs/policy.md, "Expressions"):
 * numbers, data element names, + - * /, unary minus, parentheses, and the
 * functions sum(), min(), max() and if(cond, then, else), whose condition
 * is one comparison < <= > >= == !=. Pure code: no I/O, no globals.
 *
 * Grammar (spaces and tabs between tokens are ignored):
 *   expr      = additive                   (a comparison here is refused)
 *   additive  = term { ("+" | "-") term }
 *   term      = unary { ("*" | "/") unary }
 *   unary     = { "-" } primary
 *   primary   = number | name | name "(" args ")" | "(" expr ")"
 *   args      = expr { "," expr }          (for if: cond "," expr "," expr)
 *   cond      = additive compare additive  (no chaining: a < b < c refused)
 *   number    = digits [ "." digits ]      (no exponent, no sign)
 *   name      = [A-Za-z_] [A-Za-z0-9_.]*   (not ending in '.', no "..")
 * Binary operators are left associative; unary minus binds tightest, so
 * -2*3 is (-2)*3. The function names sum, min, max and if are reserved:
 * they are not data element names. Names and function names are case
 * sensitive.
 */
#ifndef LX_CORE_EXPR_H
#define LX_CORE_EXPR_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"
#include "core/exact.h"

enum {
	EXPR_MAX_LEN = 4096, /* bytes of expression text */
	EXPR_MAX_DEPTH = 64, /* nested parentheses, function calls included */
};

/* A parsed expression; opaque, immutable, owned by the arena it was parsed
 * into. */
struct expr;

/* Parses the NUL-terminated text into a tree allocated from a.
 * Returns the tree, or NULL with err (which may be NULL) filled: code
 * LX_EINVALID, field "expression", message "at position N: <reason>" where
 * N is the 1-based byte offset of the offending token (the length plus one
 * for the end of the text). Reasons: "unexpected end of expression",
 * "unexpected ')'" (any token out of place, quoted, long ones cut),
 * "unexpected character '$'" (a byte that starts no token; bytes that are
 * not printable ASCII nor valid UTF-8 are shown as "unexpected byte 0xNN"),
 * "expected ')'", "expected ',' or ')'", "expected '(' after 'sum'",
 * "unknown function 'avg'", "if() takes 3 arguments", "sum() takes at least
 * 1 argument", "malformed name 'beds.'", "malformed number '1.2.3'",
 * "a comparison is only allowed as the condition of if()", "expected a
 * comparison in the condition of if()", "comparisons cannot be chained",
 * "nested deeper than 64 levels" (at the '(' that goes too deep), and
 * "longer than 4096 bytes" (at position 4097). The parse stops at the first
 * error. A comparison in parentheses, if((a < b), 1, 2), is refused. */
struct expr *expr_parse(struct arena *a, const char *text,
                        struct lx_error *err);

/* The data element names e refers to, each once, in order of first
 * appearance in the text, in both branches of every if(). Sets *out to an
 * array of that many strings and returns the count (0 for a constant
 * expression, with *out a valid empty array). The array and the strings
 * are allocated from a (any arena: they do not borrow from e). */
size_t expr_names(const struct expr *e, struct arena *a, const char ***out);

/* Looks up the value of a data element: returns 1 and sets *value when the
 * name has a value, 0 when it has none. ctx is passed through untouched. */
typedef int (*expr_lookup_fn)(void *ctx, const char *name, struct exact *value);

/* Evaluates e exactly (core/exact.h: rationals, no binary floating
 * point), calling lookup (which may be NULL: every name then has no value)
 * for the names it meets. Returns 1 and sets *out when the expression has a
 * value; returns 0, *out untouched, for "no value": a division by zero, a
 * name with no value, a literal too long to hold exactly (more than 30
 * characters), or a result or intermediate result that does not fit
 * (overflow is refused, never wrapped).
 * if() evaluates its condition, then only the branch taken: so
 * if(beds > 0, nursing_beds / beds, 0) has a value when beds is 0. When
 * either side of the condition has no value, the if() has none.
 * Strictness: sum(), min() and max() have no value when any argument has
 * none (a partial sum would pass for a whole one); write
 * if(x >= 0, x, 0)-style guards in the expression if a default is wanted.
 * Comparisons are exact (0.1 + 0.2 == 0.3 is true). Each name is looked up
 * once per occurrence evaluated; left operands are evaluated first and
 * evaluation stops at the first missing value. */
int expr_eval(const struct expr *e, expr_lookup_fn lookup, void *ctx,
              struct exact *out);

/* The canonical text of e: single spaces around binary operators and
 * comparisons, ", " between arguments, no space after a unary minus or a
 * function name, numbers as written, and parentheses only where precedence
 * or left associativity needs them ("a - (b - c)", "(a + b) * c", but
 * "a - b - c" and "a * b" for "(a) * (b)"). Parsing the result gives a tree
 * that formats identically. The text may be longer than the input (up to
 * about twice, through added spaces), so for input near EXPR_MAX_LEN it may
 * exceed the limit. Returns a NUL-terminated string allocated from a. */
char *expr_format(const struct expr *e, struct arena *a);

/* Splits e into numerator / denominator × factor when its top level is a
 * chain of * and / with at least one divisor that is not a number:
 * "aged_60 / residents * 100" gives aged_60, residents and 100;
 * "a * b / (c / 2)" gives a * b, c and 2. Numbers go into the factor
 * (exactly); the other operands are multiplied together in their order,
 * and a numerator of numbers alone is 1. The value is the same as e's
 * (both have none on a division by zero). Returns 1 and sets the three,
 * or 0 when e is no such ratio (a sum, a single name, a division by the
 * number 0 or a factor that does not fit): then use e whole. The new
 * nodes are allocated from a and share e's subtrees. */
int expr_ratio_parts(const struct expr *e, struct arena *a, struct expr **num,
                     struct expr **den, struct exact *factor);

#endif
