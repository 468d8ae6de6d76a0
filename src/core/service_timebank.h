/*
 * The time bank's pure rules (时间银行, DESIGN.md module 8): who may
 * benefit from an account's minutes, the cap, and which earned minutes a
 * movement takes. Minutes are integers; an account's minutes are lots,
 * each the part of one verified service's minutes that the account still
 * holds, and every movement takes the oldest lots first, so every minute
 * anywhere traces to the service that earned it. Storage is
 * store/service_timebank_store.c.
 */
#ifndef LX_CORE_SERVICE_TIMEBANK_H
#define LX_CORE_SERVICE_TIMEBANK_H

#include <stddef.h>

/* No account, service or movement is larger (about 190 years). */
#define TIMEBANK_MINUTES_MAX 100000000LL

/* Relations of kin to a volunteer (timebank_kin.relation). */
enum timebank_relation {
	TR_SPOUSE,      /* 配偶 */
	TR_PARENT,      /* 父母 */
	TR_CHILD,       /* 子女 */
	TR_GRANDPARENT, /* 祖父母、外祖父母 */
	TR_GRANDCHILD,  /* 孙子女、外孙子女 */
	TR__MAX
};

/* The code's enum value or -1; the code and Chinese label of one. */
int timebank_relation_parse(const char *code);
const char *timebank_relation_code(enum timebank_relation r);
const char *timebank_relation_label(enum timebank_relation r);

/* Who a redemption is for, as seen from the account. */
struct timebank_beneficiary {
	int is_holder;       /* the account's person, or the volunteer's own
	                        person record */
	int is_kin;          /* recorded kin of the account's volunteer */
	int relation_counts; /* the kin relation is one the policy lists */
	int age;             /* on the day, -1 when unknown */
};

/* 1 when the minutes may pay for a service to b: the holder always;
 * kin of a relation the policy counts and aged at least min_age. */
int timebank_may_benefit(const struct timebank_beneficiary *b, int min_age);

/* 1 when adding add (> 0) to balance keeps it at most cap. */
int timebank_fits_cap(long long balance, long long add, long long cap);

/* 1 when the account verifier may verify a service recorded by the
 * account recorder under the four-eyes rule: someone other than who
 * recorded it. Account 0 (the command line's system account) is no one:
 * a verification by no one is never by someone other. */
int timebank_verifier_independent(long long recorder, long long verifier);

/* One lot: minutes an account holds of a service's earnings. */
struct timebank_lot {
	long long service_id;
	long long minutes; /* > 0 */
};

/* Takes minutes from lots[0..n) (oldest first) into take[0..*ntake),
 * which must have room for n. Returns 0, or -1 when the lots hold fewer
 * than minutes (take then unspecified) or minutes <= 0. */
int timebank_take_oldest(const struct timebank_lot *lots, size_t n,
                         long long minutes, struct timebank_lot *take,
                         size_t *ntake);

/* The share part / whole as exact text with places decimals of a
 * percentage ("12.50%"), rounded half up; "—" when whole is 0. Writes
 * into out (at least 24 bytes). */
void timebank_share_text(long long part, long long whole, int places, char *out,
                         size_t outlen);

/* Minutes from start to end, both "YYYY-MM-DDTHH:MM" (local time).
 * 0 with *minutes > 0, or -1 when either is malformed (*bad 1 for start,
 * 2 for end) or end is not after start (*bad 2). */
int timebank_minutes_between(const char *start, const char *end,
                             long long *minutes, int *bad);

#endif
