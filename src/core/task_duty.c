/*
 * Reading a responsibility cell (see task_duty.h). The cell is first
 * cleaned into one spelling (full-width punctuation, no spaces, no
 * brackets), then split into clauses on 「；」, segments on 「，」 and names
 * on 「、」, each outside parentheses so 「各县（市、区）人民政府」 stays one
 * name. A segment's last word says the role of its names (牵头, 参加,
 * 负责…); a label (牵头单位：, 责任单位：) says it for a clause that has no
 * such word.
 */
#include "core/task_duty.h"

#include <string.h>

const char *const task_role_names[TASK_ROLE__MAX] = { "lead", "participate",
	                                              "joint", "local" };

int task_role_parse(const char *s)
{
	for (int i = 0; s && i < TASK_ROLE__MAX; i++)
		if (strcmp(s, task_role_names[i]) == 0)
			return i;
	return -1;
}

/* Appends len bytes to out (size cap) at *at; -1 when it does not fit. */
static int put(char *out, size_t cap, size_t *at, const char *s, size_t len)
{
	if (*at + len + 1 > cap)
		return -1;
	memcpy(out + *at, s, len);
	*at += len;
	out[*at] = '\0';
	return 0;
}

/* Bytes of UTF-8 text that are dropped: spaces of every width, line
 * breaks, the full stop and the brackets around a cell. */
static size_t dropped(const unsigned char *p)
{
	static const char *const drop[] = {
		"\xe3\x80\x80", /* ideographic space */
		"\xc2\xa0",     /* no-break space */
		"\xe3\x80\x82", /* 。 */
		"\xe3\x80\x94", /* 〔 */
		"\xe3\x80\x95", /* 〕 */
		"\xe3\x80\x90", /* 【 */
		"\xe3\x80\x91", /* 】 */
		"\xef\xbc\xbb", /* ［ */
		"\xef\xbc\xbd", /* ］ */
	};
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '[' ||
	    *p == ']' || *p == '.')
		return 1;
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
		size_t n = strlen(drop[i]);
		if (strncmp((const char *)p, drop[i], n) == 0)
			return n;
	}
	return 0;
}

/* The full-width form of a half-width punctuation byte, or NULL. */
static const char *widened(unsigned char c)
{
	switch (c) {
	case ',':
		return "，";
	case ';':
		return "；";
	case ':':
		return "：";
	case '(':
		return "（";
	case ')':
		return "）";
	default:
		return NULL;
	}
}

int task_duty_clean_name(const char *name, char *out, size_t cap)
{
	size_t at = 0;
	if (cap == 0)
		return -1;
	out[0] = '\0';
	for (const unsigned char *p = (const unsigned char *)name; p && *p;) {
		size_t d = dropped(p);
		if (d) {
			p += d;
			continue;
		}
		const char *w = widened(*p);
		if (w) {
			if (put(out, cap, &at, w, strlen(w)) < 0)
				return -1;
			p++;
			continue;
		}
		if (put(out, cap, &at, (const char *)p, 1) < 0)
			return -1;
		p++;
	}
	return 0;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

int task_duty_is_local(const char *name)
{
	size_t len = strlen(name);
	if (strstr(name, "政府") || ends(name, len, "管委会"))
		return 1;
	/* 「各县（区）」, 「各乡镇」, but not 「各电力公司」. */
	return starts(name, "各") &&
	       (strstr(name, "县") || strstr(name, "区") ||
	        strstr(name, "乡镇") || strstr(name, "街道"));
}

/* The words a segment ends with and the role they give; JOINT_WORD is
 * joint when the cell has no lead, else participating. Longest first. */
enum { WORD_LEAD, WORD_PART, WORD_JOINT, WORD_NONE };
static const struct {
	const char *word;
	int kind;
} role_words[] = {
	{ "按职责分工负责", WORD_JOINT },
	{ "按职责分工落实", WORD_JOINT },
	{ "按职责负责", WORD_JOINT },
	{ "分别负责", WORD_JOINT },
	{ "共同负责", WORD_JOINT },
	{ "组织实施", WORD_JOINT },
	{ "负责", WORD_JOINT },
	{ "落实", WORD_JOINT },
	{ "牵头", WORD_LEAD },
	{ "参加", WORD_PART },
	{ "配合", WORD_PART },
	{ "参与", WORD_PART },
	{ "协助", WORD_PART },
};

/* Labels a clause may start with and what a segment without a role word
 * means under them. */
enum { LABEL_NONE, LABEL_LEAD, LABEL_PART, LABEL_RESP };
static const struct {
	const char *label;
	int kind;
} labels[] = {
	{ "牵头单位：", LABEL_LEAD }, { "牵头部门：", LABEL_LEAD },
	{ "配合单位：", LABEL_PART }, { "参加单位：", LABEL_PART },
	{ "责任单位：", LABEL_RESP }, { "责任部门：", LABEL_RESP },
};

/* Names that stand for nobody in particular. */
static int generic(const char *name)
{
	return name[0] == '\0' || starts(name, "有关") ||
	       starts(name, "相关") || starts(name, "其他") ||
	       starts(name, "各有关") || starts(name, "各相关") ||
	       strcmp(name, "各部门") == 0;
}

struct parse {
	const struct task_duty_alias *aliases;
	size_t n_aliases;
	struct task_duty *out;
	size_t cap, n;
	int has_lead;
};

/* Maps name through the aliases, then records (name, role) once. */
static int record(struct parse *ps, const char *name, enum task_role role)
{
	char a[TASK_DUTY_NAME];
	const char *canon = name;
	for (size_t i = 0; i < ps->n_aliases; i++) {
		if (task_duty_clean_name(ps->aliases[i].alias, a, sizeof a) ==
		        0 &&
		    strcmp(a, name) == 0) {
			canon = ps->aliases[i].name;
			break;
		}
	}
	char c[TASK_DUTY_NAME];
	if (task_duty_clean_name(canon, c, sizeof c) < 0)
		return -1;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->out[i].role == role && strcmp(ps->out[i].name, c) == 0)
			return 0;
	if (ps->n >= ps->cap)
		return -1;
	memcpy(ps->out[ps->n].name, c, strlen(c) + 1);
	ps->out[ps->n].role = role;
	ps->n++;
	return 0;
}

/* Cuts 「等有关部门（单位）」 and the like off a name. */
static void cut_etc(char *name)
{
	static const char *const tails[] = { "等有关", "等相关", "等市直",
		                             "等部门", "等单位" };
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		char *p = strstr(name, tails[i]);
		if (p && p != name)
			*p = '\0';
	}
	size_t len = strlen(name);
	if (ends(name, len, "等") && len > strlen("等"))
		name[len - strlen("等")] = '\0';
}

static int one_name(struct parse *ps, char *name, int word, int label)
{
	cut_etc(name);
	if (generic(name))
		return 0;
	enum task_role role;
	if (task_duty_is_local(name))
		role = TASK_ROLE_LOCAL;
	else if (word == WORD_LEAD)
		role = TASK_ROLE_LEAD;
	else if (word == WORD_PART)
		role = TASK_ROLE_PARTICIPATE;
	else if (word == WORD_JOINT)
		role = ps->has_lead ? TASK_ROLE_PARTICIPATE : TASK_ROLE_JOINT;
	else if (label == LABEL_LEAD)
		role = TASK_ROLE_LEAD;
	else if (label == LABEL_PART || ps->has_lead)
		role = TASK_ROLE_PARTICIPATE;
	else
		role = TASK_ROLE_JOINT;
	return record(ps, name, role);
}

/* Splits s (cleaned, NUL-terminated, modified) on sep outside full-width
 * parentheses; calls back with each piece. */
typedef int (*piece_fn)(struct parse *, char *, int, int);
static int split(struct parse *ps, char *s, const char *sep, piece_fn fn, int a,
                 int b)
{
	size_t seplen = strlen(sep);
	int depth = 0;
	char *start = s;
	for (char *p = s;;) {
		if (*p == '\0') {
			return fn(ps, start, a, b);
		} else if (starts(p, "（")) {
			depth++;
			p += strlen("（");
		} else if (starts(p, "）")) {
			depth -= depth > 0;
			p += strlen("）");
		} else if (depth == 0 && strncmp(p, sep, seplen) == 0) {
			*p = '\0';
			if (fn(ps, start, a, b) < 0)
				return -1;
			p += seplen;
			start = p;
		} else {
			p++;
		}
	}
}

/* A name list may end 「X和各县…」: the 和 joins a local government. */
static int name_piece(struct parse *ps, char *name, int word, int label)
{
	static const char *const joins[] = { "和各", "及各", "与各" };
	for (size_t i = 0; i < sizeof joins / sizeof joins[0]; i++) {
		char *p = strstr(name, joins[i]);
		if (p && p != name) {
			size_t skip = strlen(joins[i]) - strlen("各");
			*p = '\0';
			if (one_name(ps, name, word, label) < 0)
				return -1;
			return one_name(ps, p + skip, word, label);
		}
	}
	return one_name(ps, name, word, label);
}

static int segment_word(char *seg)
{
	size_t len = strlen(seg);
	for (size_t i = 0; i < sizeof role_words / sizeof role_words[0]; i++)
		if (ends(seg, len, role_words[i].word)) {
			seg[len - strlen(role_words[i].word)] = '\0';
			return role_words[i].kind;
		}
	return WORD_NONE;
}

static int segment_piece(struct parse *ps, char *seg, int label, int unused)
{
	(void)unused;
	int word = segment_word(seg);
	return split(ps, seg, "、", name_piece, word, label);
}

static int clause_label(char **clause)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (starts(*clause, labels[i].label)) {
			*clause += strlen(labels[i].label);
			return labels[i].kind;
		}
	return LABEL_NONE;
}

static int clause_piece(struct parse *ps, char *clause, int a, int b)
{
	(void)a;
	(void)b;
	int label = clause_label(&clause);
	return split(ps, clause, "，", segment_piece, label, 0);
}

int task_duty_parse(const char *cell, const struct task_duty_alias *aliases,
                    size_t n_aliases, struct task_duty *out, size_t cap,
                    size_t *n)
{
	char buf[4096];
	*n = 0;
	if (task_duty_clean_name(cell ? cell : "", buf, sizeof buf) < 0)
		return -1;
	/* Whether the cell names a lead decides what 「负责」 and an
	 * unmarked list mean; 牵头单位 counts as a lead too. */
	struct parse ps = { aliases, n_aliases, out, cap, 0, 0 };
	ps.has_lead = strstr(buf, "牵头") != NULL;
	/* A name too long for out is refused rather than cut. */
	if (split(&ps, buf, "；", clause_piece, 0, 0) < 0)
		return -1;
	for (size_t i = 0; i < ps.n; i++)
		if (strlen(out[i].name) >= TASK_DUTY_NAME - 1)
			return -1;
	*n = ps.n;
	return 0;
}
