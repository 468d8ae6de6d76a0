#include "core/place_price_code.h"

#include "core/facility.h"
#include "core/place_price.h"

#include <stddef.h>
#include <string.h>

struct code_label {
	const char *code, *label;
};

static const struct code_label beds[] = { { "standard", "普通床位" },
	                                  { "nursing", "护理型床位" } };
static const struct code_label care[] = { { "selfcare", "自理" },
	                                  { "partly", "半失能" },
	                                  { "disabled", "失能" } };
static const struct code_label modes[] = { { "full_day", "全日托" },
	                                   { "half_day", "半日托" } };

static const char *find(const struct code_label *t, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(t[i].code, s))
			return t[i].label;
	return NULL;
}

const char *place_price_code_label(int kind, const char *code)
{
	int c;

	switch (kind) {
	case PRICE_BED:
		return find(beds, sizeof(beds) / sizeof(beds[0]), code);
	case PRICE_CARE:
		return find(care, sizeof(care) / sizeof(care[0]), code);
	case PRICE_CLASS:
		c = code ? enum_lookup(&class_type_names, code) : -1;
		/* enum_lookup also takes a Chinese label: only codes here */
		return c >= 0 && !strcmp(class_type_names.names[c], code)
		           ? class_type_names.labels_zh[c]
		           : NULL;
	default:
		return NULL;
	}
}

const char *place_price_mode_label(const char *mode)
{
	return find(modes, sizeof(modes) / sizeof(modes[0]), mode);
}

const char *place_price_kind_label(int kind)
{
	static const char *const labels[PRICE__MAX] = { "床位费", "护理费",
		                                        "保育费" };

	return kind >= 0 && kind < PRICE__MAX ? labels[kind] : "";
}

int place_price_kind_fits(int kind, int fk)
{
	if (kind == PRICE_CLASS)
		return facility_kind_is_childcare((enum facility_kind)fk);
	return fk == FK_ELDERLY_INSTITUTION;
}
