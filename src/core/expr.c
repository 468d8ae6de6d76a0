#include "core/expr.h"

#include "core/exact.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op {
	OP_NUM,
	OP_NAME,
	OP_NEG,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_EQ,
	OP_NE,
	OP_SUM,
	OP_MIN,
	OP_MAX,
	OP_IF,
	OP__MAX
};

/* Precedence for formatting: a child binding less tightly than its parent
 * needs parentheses. Comparisons appear only as if()'s first argument. */
enum { PREC_CMP = 0, PREC_ADD, PREC_MUL, PREC_NEG, PREC_ATOM };

static const struct {
	const char *text; /* operator symbol or function name */
	int prec;
	size_t min_args, max_args; /* functions only */
} ops[OP__MAX] = {
	[OP_NUM] = { "", PREC_ATOM, 0, 0 },
	[OP_NAME] = { "", PREC_ATOM, 0, 0 },
	[OP_NEG] = { "-", PREC_NEG, 0, 0 },
	[OP_ADD] = { "+", PREC_ADD, 0, 0 },
	[OP_SUB] = { "-", PREC_ADD, 0, 0 },
	[OP_MUL] = { "*", PREC_MUL, 0, 0 },
	[OP_DIV] = { "/", PREC_MUL, 0, 0 },
	[OP_LT] = { "<", PREC_CMP, 0, 0 },
	[OP_LE] = { "<=", PREC_CMP, 0, 0 },
	[OP_GT] = { ">", PREC_CMP, 0, 0 },
	[OP_GE] = { ">=", PREC_CMP, 0, 0 },
	[OP_EQ] = { "==", PREC_CMP, 0, 0 },
	[OP_NE] = { "!=", PREC_CMP, 0, 0 },
	[OP_SUM] = { "sum", PREC_ATOM, 1, SIZE_MAX },
	[OP_MIN] = { "min", PREC_ATOM, 1, SIZE_MAX },
	[OP_MAX] = { "max", PREC_ATOM, 1, SIZE_MAX },
	[OP_IF] = { "if", PREC_ATOM, 3, 3 },
};

static const enum op functions[] = { OP_SUM, OP_MIN, OP_MAX, OP_IF };

struct expr {
	enum op op;
	const char
	    *text; /* OP_NUM: the literal as written; OP_NAME: the name */
	struct exact value; /* OP_NUM */
	int has_value;      /* OP_NUM: 0 when the literal does not fit */
	size_t nargs;       /* operands or arguments, left to right */
	struct expr **args;
};

/* --- lexer --- */

enum tok {
	T_END,
	T_NUM,
	T_NAME,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_EQ,
	T_NE
};

struct parser {
	struct arena *a;
	struct lx_error *err;
	const char *s;
	size_t len;
	size_t pos;   /* next byte to read */
	enum tok tok; /* the current token ... */
	size_t start; /* ... its byte offset (0-based) ... */
	size_t n;     /* ... and length */
	int depth;    /* open parentheses */
};

enum {
	QUOTE_MAX = 40, /* longest token text quoted in a message */
};

static void fail(struct parser *p, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct parser *p, size_t offset, const char *fmt, ...)
{
	char reason[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	lx_fail(p->err, LX_EINVALID, "expression", "at position %zu: %s",
	        offset + 1, reason);
}

/* Length of the valid UTF-8 sequence at s (n bytes available), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned char lo = 0x80, hi = 0xbf;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0; /* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f; /* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90; /* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f; /* above U+10FFFF */
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

static void fail_char(struct parser *p)
{
	const unsigned char *c = (const unsigned char *)p->s + p->pos;
	size_t u;

	if (*c == '=' && c[1] != '=')
		fail(p, p->pos,
		     "unexpected character '=' (did you mean '=='?)");
	else if (*c > 0x20 && *c < 0x7f)
		fail(p, p->pos, "unexpected character '%c'", *c);
	else if ((u = utf8_len(c, p->len - p->pos)) > 0)
		fail(p, p->pos, "unexpected character '%.*s'", (int)u,
		     (const char *)c);
	else
		fail(p, p->pos, "unexpected byte 0x%02X", *c);
}

static int is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_word(int c)
{
	return is_alpha(c) || is_digit(c) || c == '.';
}

/* digits [ "." digits ] */
static int valid_number(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_digit(s[i]))
		i++;
	if (i == n)
		return 1;
	if (s[i] != '.' || ++i == n)
		return 0;
	while (i < n && is_digit(s[i]))
		i++;
	return i == n;
}

/* Called on a run of word characters starting with a letter or '_'. */
static int valid_name(const char *s, size_t n)
{
	if (s[n - 1] == '.')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return 0;
	return 1;
}

/* Reads the next token into p->tok, p->start, p->n. Returns 0, or -1 with
 * the error filled. */
static int next(struct parser *p)
{
	const char *s = p->s;
	static const struct {
		char c, eq; /* the character, and '=' if it may follow */
		enum tok one, both; /* the token alone, and with '=' */
	} punct[] = {
		{ '+', 0, T_PLUS, T_PLUS },     { '-', 0, T_MINUS, T_MINUS },
		{ '*', 0, T_STAR, T_STAR },     { '/', 0, T_SLASH, T_SLASH },
		{ '(', 0, T_LPAREN, T_LPAREN }, { ')', 0, T_RPAREN, T_RPAREN },
		{ ',', 0, T_COMMA, T_COMMA },   { '<', '=', T_LT, T_LE },
		{ '>', '=', T_GT, T_GE },       { '=', '=', T_END, T_EQ },
		{ '!', '=', T_END, T_NE },
	};

	while (p->pos < p->len && (s[p->pos] == ' ' || s[p->pos] == '\t'))
		p->pos++;
	p->start = p->pos;
	if (p->pos == p->len) {
		p->tok = T_END;
		p->n = 0;
		return 0;
	}
	if (is_word(s[p->pos]) && s[p->pos] != '.') {
		size_t end = p->pos;

		while (end < p->len && is_word(s[end]))
			end++;
		p->n = end - p->pos;
		if (is_digit(s[p->pos])) {
			p->tok = T_NUM;
			if (!valid_number(s + p->pos, p->n)) {
				fail(p, p->pos, "malformed number '%.*s'",
				     (int)(p->n > QUOTE_MAX ? QUOTE_MAX : p->n),
				     s + p->pos);
				return -1;
			}
		} else {
			p->tok = T_NAME;
			if (!valid_name(s + p->pos, p->n)) {
				fail(p, p->pos, "malformed name '%.*s'",
				     (int)(p->n > QUOTE_MAX ? QUOTE_MAX : p->n),
				     s + p->pos);
				return -1;
			}
		}
		p->pos = end;
		return 0;
	}
	for (size_t i = 0; i < sizeof(punct) / sizeof(punct[0]); i++) {
		if (s[p->pos] != punct[i].c)
			continue;
		if (punct[i].eq && p->pos + 1 < p->len &&
		    s[p->pos + 1] == punct[i].eq) {
			p->tok = punct[i].both;
			p->n = 2;
		} else if (punct[i].one != T_END) {
			p->tok = punct[i].one;
			p->n = 1;
		} else {
			break; /* a lone '=' or '!' */
		}
		p->pos += p->n;
		return 0;
	}
	fail_char(p);
	return -1;
}

/* --- parser --- */

static void fail_unexpected(struct parser *p)
{
	if (p->tok == T_END)
		fail(p, p->start, "unexpected end of expression");
	else
		fail(p, p->start, "unexpected '%.*s'",
		     (int)(p->n > QUOTE_MAX ? QUOTE_MAX : p->n),
		     p->s + p->start);
}

static int is_compare(enum tok t)
{
	return t == T_LT || t == T_LE || t == T_GT || t == T_GE || t == T_EQ ||
	       t == T_NE;
}

static enum op tok_op(enum tok t)
{
	switch (t) {
	case T_PLUS:
		return OP_ADD;
	case T_MINUS:
		return OP_SUB;
	case T_STAR:
		return OP_MUL;
	case T_SLASH:
		return OP_DIV;
	case T_LT:
		return OP_LT;
	case T_LE:
		return OP_LE;
	case T_GT:
		return OP_GT;
	case T_GE:
		return OP_GE;
	case T_EQ:
		return OP_EQ;
	case T_NE:
		return OP_NE;
	default:
		assert(!"not an operator token");
		return OP__MAX;
	}
}

static struct expr *node(struct parser *p, enum op op, size_t nargs)
{
	struct expr *e = arena_alloc(p->a, sizeof(*e));

	e->op = op;
	e->nargs = nargs;
	if (nargs)
		e->args = arena_alloc(p->a, nargs * sizeof(*e->args));
	return e;
}

static struct expr *binary(struct parser *p, enum op op, struct expr *l,
                           struct expr *r)
{
	struct expr *e = node(p, op, 2);

	e->args[0] = l;
	e->args[1] = r;
	return e;
}

static struct expr *parse_expr(struct parser *p);
static struct expr *parse_cond(struct parser *p);

/* Opens a parenthesis at the current token: returns 0, or -1 when that
 * goes deeper than EXPR_MAX_DEPTH. */
static int open_paren(struct parser *p)
{
	assert(p->tok == T_LPAREN);
	if (++p->depth > EXPR_MAX_DEPTH) {
		fail(p, p->start, "nested deeper than %d levels",
		     EXPR_MAX_DEPTH);
		return -1;
	}
	return next(p);
}

static void fail_arity(struct parser *p, enum op f)
{
	if (ops[f].min_args == ops[f].max_args)
		fail(p, p->start, "%s() takes %zu arguments", ops[f].text,
		     ops[f].min_args);
	else
		fail(p, p->start, "%s() takes at least %zu argument%s",
		     ops[f].text, ops[f].min_args,
		     ops[f].min_args == 1 ? "" : "s");
}

/* At the '(' after the name of function f. */
static struct expr *parse_call(struct parser *p, enum op f)
{
	struct expr *e = node(p, f, 0), *arg;
	size_t cap = 0;

	if (open_paren(p) < 0)
		return NULL;
	if (p->tok == T_RPAREN) {
		fail_arity(p, f);
		return NULL;
	}
	for (;;) {
		arg =
		    f == OP_IF && e->nargs == 0 ? parse_cond(p) : parse_expr(p);
		if (!arg)
			return NULL;
		e->args =
		    arena_grow(p->a, e->args, e->nargs, &cap, sizeof(*e->args));
		e->args[e->nargs++] = arg;
		if (p->tok == T_COMMA) {
			if (e->nargs == ops[f].max_args) {
				fail_arity(p, f);
				return NULL;
			}
		} else if (p->tok == T_RPAREN) {
			if (e->nargs < ops[f].min_args) {
				fail_arity(p, f);
				return NULL;
			}
			break;
		} else {
			fail(p, p->start, "expected ',' or ')'");
			return NULL;
		}
		if (next(p) < 0)
			return NULL;
	}
	p->depth--;
	return next(p) < 0 ? NULL : e;
}

/* At a name: a data element, or a function call when '(' follows. */
static struct expr *parse_name(struct parser *p)
{
	size_t start = p->start, n = p->n;
	const char *name = p->s + start;
	enum op f = OP__MAX;
	struct expr *e;

	for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
		if (strlen(ops[functions[i]].text) == n &&
		    memcmp(ops[functions[i]].text, name, n) == 0)
			f = functions[i];
	if (next(p) < 0)
		return NULL;
	if (p->tok == T_LPAREN) {
		if (f == OP__MAX) {
			fail(p, start, "unknown function '%.*s'",
			     (int)(n > QUOTE_MAX ? QUOTE_MAX : n), name);
			return NULL;
		}
		return parse_call(p, f);
	}
	if (f != OP__MAX) {
		fail(p, p->start, "expected '(' after '%s'", ops[f].text);
		return NULL;
	}
	e = node(p, OP_NAME, 0);
	e->text = arena_strndup(p->a, name, n);
	return e;
}

/* The exact value of a valid number literal (core/exact.h reads it the
 * same whatever the locale). A literal too long or too large to be held
 * exactly has no value, so an expression using it has none either. */
static int number_value(const char *s, struct exact *out)
{
	return exact_parse(s, out) == 0;
}

static struct expr *parse_primary(struct parser *p)
{
	struct expr *e;

	switch (p->tok) {
	case T_NUM:
		e = node(p, OP_NUM, 0);
		e->text = arena_strndup(p->a, p->s + p->start, p->n);
		e->has_value = number_value(e->text, &e->value);
		return next(p) < 0 ? NULL : e;
	case T_NAME:
		return parse_name(p);
	case T_LPAREN:
		if (open_paren(p) < 0 || !(e = parse_expr(p)))
			return NULL;
		if (p->tok != T_RPAREN) {
			fail(p, p->start, "expected ')'");
			return NULL;
		}
		p->depth--;
		return next(p) < 0 ? NULL : e;
	default:
		fail_unexpected(p);
		return NULL;
	}
}

static struct expr *parse_unary(struct parser *p)
{
	size_t nneg = 0;
	struct expr *e, *neg;

	while (p->tok == T_MINUS) {
		nneg++;
		if (next(p) < 0)
			return NULL;
	}
	if (!(e = parse_primary(p)))
		return NULL;
	while (nneg-- > 0) {
		neg = node(p, OP_NEG, 1);
		neg->args[0] = e;
		e = neg;
	}
	return e;
}

static struct expr *parse_term(struct parser *p)
{
	struct expr *l, *r;
	enum op op;

	if (!(l = parse_unary(p)))
		return NULL;
	while (p->tok == T_STAR || p->tok == T_SLASH) {
		op = tok_op(p->tok);
		if (next(p) < 0 || !(r = parse_unary(p)))
			return NULL;
		l = binary(p, op, l, r);
	}
	return l;
}

static struct expr *parse_additive(struct parser *p)
{
	struct expr *l, *r;
	enum op op;

	if (!(l = parse_term(p)))
		return NULL;
	while (p->tok == T_PLUS || p->tok == T_MINUS) {
		op = tok_op(p->tok);
		if (next(p) < 0 || !(r = parse_term(p)))
			return NULL;
		l = binary(p, op, l, r);
	}
	return l;
}

/* An expression anywhere but in the condition of if(). */
static struct expr *parse_expr(struct parser *p)
{
	struct expr *e = parse_additive(p);

	if (e && is_compare(p->tok)) {
		fail(p, p->start,
		     "a comparison is only allowed as the condition of if()");
		return NULL;
	}
	return e;
}

static struct expr *parse_cond(struct parser *p)
{
	struct expr *l, *r;
	enum op op;

	if (!(l = parse_additive(p)))
		return NULL;
	if (!is_compare(p->tok)) {
		fail(p, p->start,
		     "expected a comparison in the condition of if()");
		return NULL;
	}
	op = tok_op(p->tok);
	if (next(p) < 0 || !(r = parse_additive(p)))
		return NULL;
	if (is_compare(p->tok)) {
		fail(p, p->start, "comparisons cannot be chained");
		return NULL;
	}
	return binary(p, op, l, r);
}

struct expr *expr_parse(struct arena *a, const char *text, struct lx_error *err)
{
	struct parser p = { .a = a, .err = err, .s = text };
	struct expr *e;

	assert(a && text);
	p.len = strnlen(text, (size_t)EXPR_MAX_LEN + 1);
	if (p.len > EXPR_MAX_LEN) {
		fail(&p, EXPR_MAX_LEN, "longer than %d bytes", EXPR_MAX_LEN);
		return NULL;
	}
	if (next(&p) < 0 || !(e = parse_expr(&p)))
		return NULL;
	if (p.tok != T_END) {
		fail_unexpected(&p);
		return NULL;
	}
	assert(p.depth == 0);
	return e;
}

/* --- names --- */

struct names {
	struct arena *a;
	const char **v;
	size_t len, cap;
};

static void collect(const struct expr *e, struct names *ns)
{
	if (e->op == OP_NAME) {
		for (size_t i = 0; i < ns->len; i++)
			if (strcmp(ns->v[i], e->text) == 0)
				return;
		ns->v =
		    arena_grow(ns->a, ns->v, ns->len, &ns->cap, sizeof(*ns->v));
		ns->v[ns->len++] = arena_strdup(ns->a, e->text);
		return;
	}
	for (size_t i = 0; i < e->nargs; i++)
		collect(e->args[i], ns);
}

size_t expr_names(const struct expr *e, struct arena *a, const char ***out)
{
	struct names ns = { .a = a };

	collect(e, &ns);
	*out = ns.v ? ns.v : arena_alloc(a, sizeof(*ns.v));
	return ns.len;
}

/* --- evaluation --- */

static int eval(const struct expr *e, expr_lookup_fn lookup, void *ctx,
                struct exact *out);

static int compare(const struct expr *c, expr_lookup_fn lookup, void *ctx,
                   int *truth)
{
	struct exact l, r;
	int k;

	if (!eval(c->args[0], lookup, ctx, &l) ||
	    !eval(c->args[1], lookup, ctx, &r))
		return 0;
	k = exact_cmp(l, r);
	switch (c->op) {
	case OP_LT:
		*truth = k < 0;
		break;
	case OP_LE:
		*truth = k <= 0;
		break;
	case OP_GT:
		*truth = k > 0;
		break;
	case OP_GE:
		*truth = k >= 0;
		break;
	case OP_EQ:
		*truth = k == 0;
		break;
	case OP_NE:
		*truth = k != 0;
		break;
	default:
		assert(!"not a comparison");
		return 0;
	}
	return 1;
}

/* v op w into *v; 0 (no value) on overflow or division by zero. */
static int arith(enum op op, struct exact *v, struct exact w)
{
	switch (op) {
	case OP_ADD:
	case OP_SUM:
		return exact_add(*v, w, v) == 0;
	case OP_SUB:
		return exact_sub(*v, w, v) == 0;
	case OP_MUL:
		return exact_mul(*v, w, v) == 0;
	case OP_DIV:
		return exact_div(*v, w, v) == 0;
	case OP_MIN:
		if (exact_cmp(w, *v) < 0)
			*v = w;
		return 1;
	case OP_MAX:
		if (exact_cmp(w, *v) > 0)
			*v = w;
		return 1;
	default:
		assert(!"not arithmetic");
		return 0;
	}
}

/* Returns 1 with *out, or 0 for no value. */
static int eval(const struct expr *e, expr_lookup_fn lookup, void *ctx,
                struct exact *out)
{
	struct exact v, w;
	int truth;

	switch (e->op) {
	case OP_NUM:
		if (!e->has_value)
			return 0;
		v = e->value;
		break;
	case OP_NAME:
		if (!lookup || !lookup(ctx, e->text, &v))
			return 0;
		break;
	case OP_NEG:
		if (!eval(e->args[0], lookup, ctx, &v))
			return 0;
		v.num = -v.num; /* never INT64_MIN (core/exact.h) */
		break;
	case OP_ADD:
	case OP_SUB:
	case OP_MUL:
	case OP_DIV:
		if (!eval(e->args[0], lookup, ctx, &v) ||
		    !eval(e->args[1], lookup, ctx, &w) || !arith(e->op, &v, w))
			return 0;
		break;
	case OP_SUM:
	case OP_MIN:
	case OP_MAX:
		if (!eval(e->args[0], lookup, ctx, &v))
			return 0;
		for (size_t i = 1; i < e->nargs; i++)
			if (!eval(e->args[i], lookup, ctx, &w) ||
			    !arith(e->op, &v, w))
				return 0;
		break;
	case OP_IF:
		if (!compare(e->args[0], lookup, ctx, &truth) ||
		    !eval(e->args[truth ? 1 : 2], lookup, ctx, &v))
			return 0;
		break;
	default:
		assert(!"comparison outside if()");
		return 0;
	}
	*out = v;
	return 1;
}

int expr_eval(const struct expr *e, expr_lookup_fn lookup, void *ctx,
              struct exact *out)
{
	return eval(e, lookup, ctx, out);
}

/* --- formatting --- */

static void format(struct abuf *b, const struct expr *e);

static void format_operand(struct abuf *b, const struct expr *e, int parens)
{
	if (parens)
		abuf_puts(b, "(");
	format(b, e);
	if (parens)
		abuf_puts(b, ")");
}

static void format(struct abuf *b, const struct expr *e)
{
	int prec = ops[e->op].prec;

	switch (e->op) {
	case OP_NUM:
	case OP_NAME:
		abuf_puts(b, e->text);
		break;
	case OP_NEG:
		abuf_puts(b, "-");
		format_operand(b, e->args[0], ops[e->args[0]->op].prec < prec);
		break;
	case OP_SUM:
	case OP_MIN:
	case OP_MAX:
	case OP_IF:
		abuf_puts(b, ops[e->op].text);
		abuf_puts(b, "(");
		for (size_t i = 0; i < e->nargs; i++) {
			if (i)
				abuf_puts(b, ", ");
			format(b, e->args[i]);
		}
		abuf_puts(b, ")");
		break;
	default: /* binary, left associative */
		format_operand(b, e->args[0], ops[e->args[0]->op].prec < prec);
		abuf_printf(b, " %s ", ops[e->op].text);
		format_operand(b, e->args[1], ops[e->args[1]->op].prec <= prec);
		break;
	}
}

char *expr_format(const struct expr *e, struct arena *a)
{
	struct abuf b;

	abuf_init(&b, a);
	format(&b, e);
	return b.data;
}

/* --- ratio parts --- */

enum { RATIO_MAX_PARTS = 64 };

struct ratio_acc {
	const struct expr *num[RATIO_MAX_PARTS], *den[RATIO_MAX_PARTS];
	size_t nnum, nden;
	struct exact factor;
	int bad; /* a zero or unrepresentable constant, or too many parts */
};

/* Sorts the operands of a chain of * and / into multiplied and divided
 * ones; a / (b / c) divides by b and multiplies by c. */
static void ratio_walk(const struct expr *e, int divide, struct ratio_acc *r)
{
	if (e->op == OP_MUL || e->op == OP_DIV) {
		ratio_walk(e->args[0], divide, r);
		ratio_walk(e->args[1], e->op == OP_DIV ? !divide : divide, r);
		return;
	}
	if (e->op == OP_NUM && e->has_value) {
		if (divide ? exact_is_zero(e->value) ||
		                 exact_div(r->factor, e->value, &r->factor)
		           : exact_mul(r->factor, e->value, &r->factor))
			r->bad = 1;
		return;
	}
	if (divide ? r->nden == RATIO_MAX_PARTS : r->nnum == RATIO_MAX_PARTS) {
		r->bad = 1;
		return;
	}
	if (divide)
		r->den[r->nden++] = e;
	else
		r->num[r->nnum++] = e;
}

/* The product of parts[0..n) as one tree; the constant 1 when n is 0. */
static const struct expr *
ratio_product(struct arena *a, const struct expr *const *parts, size_t n)
{
	struct expr *e;

	if (!n) {
		e = arena_alloc(a, sizeof(*e));
		memset(e, 0, sizeof(*e));
		e->op = OP_NUM;
		e->text = "1";
		e->value = exact_int(1);
		e->has_value = 1;
		return e;
	}
	if (n == 1)
		return parts[0];
	e = arena_alloc(a, sizeof(*e));
	memset(e, 0, sizeof(*e));
	e->op = OP_MUL;
	e->nargs = 2;
	e->args = arena_alloc(a, 2 * sizeof(*e->args));
	e->args[0] = (struct expr *)ratio_product(a, parts, n - 1);
	e->args[1] = (struct expr *)parts[n - 1];
	return e;
}

int expr_ratio_parts(const struct expr *e, struct arena *a, struct expr **num,
                     struct expr **den, struct exact *factor)
{
	struct ratio_acc r = { .factor = { 1, 1 } };

	ratio_walk(e, 0, &r);
	if (r.bad || !r.nden)
		return 0;
	/* the parts are only read: the trees stay immutable */
	*num = (struct expr *)ratio_product(a, r.num, r.nnum);
	*den = (struct expr *)ratio_product(a, r.den, r.nden);
	*factor = r.factor;
	return 1;
}
