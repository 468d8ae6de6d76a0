/*
 * Annual verification (生存认证 / 年审) of a scheme's beneficiaries: an
 * allowance paid to a person for as long as they live asks them, or a
 * visitor on their behalf, to confirm once within a window (a year for
 * 高龄津贴) that they are alive and still entitled. The window and whether
 * months missed are paid once the person is verified again come from the
 * scheme's policy ("verification", docs/policy.md); this file only judges
 * one person and one period from dates the caller reads. Pure: no I/O.
 *
 * The judgement is made as of the period's first day S:
 *
 * - the basis is the latest verification on or before S; a person with
 *   none counts from the first day of the first period the scheme paid
 *   them (their entitlement was checked when payment began), and a person
 *   the scheme never paid before S has nothing to lapse yet;
 * - the window covers the basis and the days before the same day
 *   window_months later (a basis of 2024-03-15 and 12 months covers up to
 *   2025-03-14; a basis on the 29th to 31st of a month ends with a
 *   shorter month's last day);
 * - S inside the window: paid as the rest of the rules say;
 * - S after it: held, unless the person has been verified since (a
 *   verification after S) and the rule pays back (back_pay): the person
 *   was alive and entitled through the months held, which are paid when
 *   run again (补发). Without back_pay a later verification pays from the
 *   first period that starts on or after it.
 */
#ifndef LX_CORE_SUBSIDY_VERIFY_H
#define LX_CORE_SUBSIDY_VERIFY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/facility.h"

/* How a verification was made, in this order: "face" 人脸识别 (a
 * recognition app or terminal), "visit" 上门 (a visitor saw the person at
 * home), "in_person" 到场 (the person came to an office), "other" 其他. */
extern const struct enum_names subsidy_verify_method_names;

/* Longest window a policy may state: ten years. */
enum { SUBSIDY_VERIFY_WINDOW_MAX = 120 };

struct subsidy_verify_rule {
	int window_months; /* 1..SUBSIDY_VERIFY_WINDOW_MAX */
	int back_pay;      /* 1: held periods are paid once verified */
};

/* What the caller read for one person (dates YYYY-MM-DD; NULL or "" for
 * none). */
struct subsidy_verify_facts {
	const char *last;       /* latest verification on or before S */
	const char *next;       /* earliest verification after S */
	const char *first_paid; /* first day of the first period paid */
};

enum subsidy_verify_state {
	SUBSIDY_VERIFY_CURRENT,  /* S inside the window */
	SUBSIDY_VERIFY_NEW,      /* nothing to lapse: no basis on or before S */
	SUBSIDY_VERIFY_BACK_PAY, /* lapsed at S, verified since: paid back */
	SUBSIDY_VERIFY_LAPSED,   /* held until verified */
};

struct subsidy_verify_verdict {
	enum subsidy_verify_state state;
	int held;         /* state == SUBSIDY_VERIFY_LAPSED */
	char basis[11];   /* the day the window runs from; "" for none */
	int basis_paid;   /* 1: basis is the first payment, no verification */
	char covered[11]; /* the window's last day; "" for none */
	/* one sentence, arena-owned: why held ("未在规定期限内完成生存认证
	 * （上次认证2024-01-10，有效期至2025-01-09）"), or what a back
	 * payment rests on; NULL when current or new */
	const char *reason_zh;
};

/* Checks a rule: window in 1..SUBSIDY_VERIFY_WINDOW_MAX, back_pay 0 or 1.
 * Returns 0, or -1 with err LX_EINVALID on "window_months" or
 * "back_pay". */
int subsidy_verify_rule_check(const struct subsidy_verify_rule *r,
                              struct lx_error *err);

/* The last day a window of months from basis covers, into out; "" when
 * basis is not a date. */
void subsidy_verify_covered(const char *basis, int months, char out[11]);

/* Judges one person for the period starting on start (YYYY-MM-DD) as the
 * top of this file says. Returns 0 with *out filled, or -1 with err
 * LX_EINVALID when the rule fails its check or a date is not a date
 * ("start", "last", "next", "first_paid"), or when last is after start or
 * next is not ("last", "next"). */
int subsidy_verify_judge(struct arena *a, const struct subsidy_verify_rule *r,
                         const char *start,
                         const struct subsidy_verify_facts *f,
                         struct subsidy_verify_verdict *out,
                         struct lx_error *err);

#endif
