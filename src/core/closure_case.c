#include "core/closure_case.h"

#include "core/facility.h"

#include <string.h>

static const char *const dest_names[CD__MAX] = { "institution", "home",
	                                         "successor" };
static const char *const dest_labels[CD__MAX] = { "转入其他机构",
	                                          "回家或由家庭照护",
	                                          "由承接机构承接" };
static const char *const status_names[CS__MAX] = { "open", "closed",
	                                           "withdrawn" };
static const char *const status_labels[CS__MAX] = { "办理中", "已退出",
	                                            "已撤回" };

static int parse(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int closure_destination_parse(const char *s)
{
	return parse(dest_names, CD__MAX, s);
}

const char *closure_destination_name(int d)
{
	return d >= 0 && d < CD__MAX ? dest_names[d] : "";
}

const char *closure_destination_label(int d)
{
	return d >= 0 && d < CD__MAX ? dest_labels[d] : "";
}

int closure_status_parse(const char *s)
{
	return parse(status_names, CS__MAX, s);
}

const char *closure_status_name(int s)
{
	return s >= 0 && s < CS__MAX ? status_names[s] : "";
}

const char *closure_status_label(int s)
{
	return s >= 0 && s < CS__MAX ? status_labels[s] : "";
}

int closure_placed(const struct closure_place *m)
{
	if (m->destination == CD_INSTITUTION)
		return m->destination_facility > 0;
	return m->destination == CD_HOME || m->destination == CD_SUCCESSOR;
}

size_t closure_unplaced(const struct closure_place *m, size_t n, size_t *idx,
                        size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (closure_placed(&m[i]))
			continue;
		if (idx && k < max)
			idx[k] = i;
		k++;
	}
	return k;
}

int closure_may_close(int status, const struct closure_place *m, size_t n,
                      struct lx_error *err)
{
	size_t left;

	if (status != CS_OPEN)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "the case is %s, not open",
		               closure_status_name(status));
	left = closure_unplaced(m, n, NULL, 0);
	if (left)
		return lx_fail(err, LX_EINVALID, "members",
		               "%zu member(s) have no destination yet", left);
	return 0;
}

int closure_destination_check(int destination, long long facility,
                              long long closing, long long successor,
                              struct lx_error *err)
{
	switch (destination) {
	case CD_INSTITUTION:
		if (facility <= 0)
			return lx_fail(err, LX_EINVALID,
			               "destination_facility_id",
			               "an institution destination needs "
			               "'destination_facility_id'");
		if (facility == closing)
			return lx_fail(err, LX_EINVALID,
			               "destination_facility_id",
			               "cannot be the closing facility");
		return 0;
	case CD_HOME:
		if (facility > 0)
			return lx_fail(err, LX_EINVALID,
			               "destination_facility_id",
			               "a home destination takes no facility");
		return 0;
	case CD_SUCCESSOR:
		if (successor <= 0)
			return lx_fail(err, LX_EINVALID, "destination",
			               "the case has no successor");
		if (facility > 0 && facility != successor)
			return lx_fail(err, LX_EINVALID,
			               "destination_facility_id",
			               "is not the case's successor");
		return 0;
	default:
		return lx_fail(err, LX_EINVALID, "destination",
		               "must be institution, home or successor");
	}
}

int closure_kind_fits(const char *person_kind, int facility_kind)
{
	if (person_kind && !strcmp(person_kind, "infant"))
		return facility_kind_is_childcare(
		    (enum facility_kind)facility_kind);
	/* residents need a bed: institutions and the centres that keep
	 * beds */
	return facility_kind == FK_ELDERLY_INSTITUTION ||
	       facility_kind == FK_REGIONAL_CENTER ||
	       facility_kind == FK_COMMUNITY_COMPLEX;
}

const char *closure_residence_after(int destination)
{
	return destination == CD_HOME ? "home" : "institution";
}

void closure_mask_name(const char *name, char *out, size_t outlen)
{
	size_t o = 0;
	const unsigned char *s = (const unsigned char *)(name ? name : "");
	int first = 1;

	if (!outlen)
		return;
	while (*s) {
		size_t len = 1;

		/* the length of one UTF-8 character from its lead byte */
		if (*s >= 0xf0)
			len = 4;
		else if (*s >= 0xe0)
			len = 3;
		else if (*s >= 0xc0)
			len = 2;
		for (size_t k = 1; k < len; k++)
			if (!s[k]) {
				len = k;
				break;
			}
		if (first) {
			if (o + len >= outlen)
				break;
			memcpy(out + o, s, len);
			o += len;
			first = 0;
		} else {
			if (o + 1 >= outlen)
				break;
			out[o++] = '*';
		}
		s += len;
	}
	out[o] = '\0';
}
