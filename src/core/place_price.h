/*
 * A price a facility posts (收费标准): per bed type, per care level or per
 * childcare class type, with the day it takes effect. History is kept: the
 * price in force on a day is the latest entry on or before it for the same
 * facility, kind, code and mode. Money in fen.
 */
#ifndef LX_CORE_PLACE_PRICE_H
#define LX_CORE_PLACE_PRICE_H

#include <stdint.h>

enum place_price_kind {
	PRICE_BED,   /* code: a bed type (standard, nursing, single, …) */
	PRICE_CARE,  /* code: a care level (selfcare, partly, disabled) */
	PRICE_CLASS, /* code: a class type (infant, toddler_small, …) */
	PRICE__MAX
};

extern const char *const place_price_kind_names[PRICE__MAX];

struct place_price {
	long long id, facility_id;
	int kind;           /* enum place_price_kind */
	const char *code;   /* see above */
	const char *mode;   /* childcare: full_day, half_day; "" otherwise */
	int64_t amount_fen; /* a month's price */
	int affordable;     /* a 普惠 price */
	char effective_date[11];
	const char *basis; /* 收费依据 */
	char recorded_at[21];
};

/* enum place_price_kind of a name, or -1. */
int place_price_kind_parse(const char *s);

#endif
