#include "core/project.h"

#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies s into out without spaces (ASCII, ideographic, no-break: a PDF
 * puts them inside numbers and names) and with full-width digits, point
 * and comma made ASCII; commas dropped when drop_commas. */
static void squeeze(const char *s, char *out, size_t n, int drop_commas)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	while (*p && o + 4 < n) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;
		} else if (p[0] == 0xC2 && p[1] == 0xA0) {
			p += 2;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
		           p[2] <= 0x99) {
			out[o++] = (char)('0' + (p[2] - 0x90));
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) {
			out[o++] = '.';
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) {
			if (!drop_commas)
				out[o++] = ',';
			p += 3;
		} else if (*p == ',' && drop_commas) {
			p++;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
}

int project_wan_parse(const char *s, long long *fen)
{
	char buf[64];
	const char *p;
	long long whole = 0, frac = 0;
	int places = 0;

	if (!s || strlen(s) >= sizeof(buf) - 4)
		return -1;
	squeeze(s, buf, sizeof(buf), 1);
	p = buf;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > 9000000000LL / 10) /* 900 亿 万元 is plenty */
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++places > 2)
				return -1;
			frac = frac * 10 + (*p - '0');
		}
	}
	if (*p)
		return -1;
	if (places == 1)
		frac *= 10;
	*fen = whole * PROJECT_FEN_PER_WAN + frac * (PROJECT_FEN_PER_WAN / 100);
	return 0;
}

char *project_wan_format(long long fen, char *out, size_t n)
{
	long long whole = fen / PROJECT_FEN_PER_WAN;
	long long rest = fen % PROJECT_FEN_PER_WAN;
	const char *sign = "";
	char frac[8];
	int len;

	if (fen < 0) {
		sign = "-";
		whole = -whole;
		rest = -rest;
	}
	if (!rest) {
		snprintf(out, n, "%s%lld", sign, whole);
		return out;
	}
	snprintf(frac, sizeof(frac), "%06lld", rest);
	for (len = 6; len > 0 && frac[len - 1] == '0'; len--)
		frac[len - 1] = '\0';
	snprintf(out, n, "%s%lld.%s", sign, whole, frac);
	return out;
}

/* The digits (with one optional point) starting at p: their length, or
 * 0 when p holds no number. */
static size_t number_len(const char *p)
{
	size_t i = 0;
	int point = 0;

	while ((p[i] >= '0' && p[i] <= '9') ||
	       (p[i] == '.' && !point && i && p[i + 1] >= '0' &&
	        p[i + 1] <= '9')) {
		if (p[i] == '.')
			point = 1;
		i++;
	}
	return i;
}

static int starts(const char *p, const char *w)
{
	return strncmp(p, w, strlen(w)) == 0;
}

static long long whole_number(const char *p, size_t len)
{
	long long v = 0;

	for (size_t i = 0; i < len && p[i] != '.'; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* The number right after any of the words at p (optionally after 为/约),
 * with its unit word next: its position and length, or NULL. */
static const char *after_word(const char *text, const char *word, size_t *len)
{
	const char *p = text;

	while ((p = strstr(p, word)) != NULL) {
		const char *q = p + strlen(word);

		while (starts(q, "约") || starts(q, "为") || starts(q, "共"))
			q += 3;
		*len = number_len(q);
		if (*len)
			return q;
		p = q;
	}
	return NULL;
}

/* Writes the area number (times 10 000 when in 万平方米) as exact text. */
static void area_text(const char *num, size_t len, int wan, char *out, size_t n)
{
	char digits[32] = "";
	const char *dot;
	size_t i, o = 0, places = 0;

	if (len >= 20) {
		out[0] = '\0';
		return;
	}
	memcpy(digits, num, len);
	digits[len] = '\0';
	if (!wan) {
		snprintf(out, n, "%s", digits);
		return;
	}
	dot = strchr(digits, '.');
	for (i = 0; i < len; i++) {
		if (digits[i] == '.')
			continue;
		if (dot && digits + i > dot)
			places++;
		out[o++] = digits[i];
	}
	/* shift the point four places right */
	if (places <= 4) {
		for (i = places; i < 4; i++)
			out[o++] = '0';
		out[o] = '\0';
	} else {
		out[o] = '\0';
		memmove(out + o - (places - 4) + 1, out + o - (places - 4),
		        places - 4 + 1);
		out[o - (places - 4)] = '.';
	}
	/* drop leading zeros ("0.5万" → "05000" → "5000") */
	while (out[0] == '0' && out[1] && out[1] != '.')
		memmove(out, out + 1, strlen(out));
}

void project_capacity_read(const char *text, struct project_capacity *out)
{
	char buf[4096];
	const char *p;
	size_t len;
	int mentions_beds, mentions_slots, mentions_area;

	memset(out, 0, sizeof(*out));
	out->understood = 1;
	if (!text || !*text)
		return;
	squeeze(text, buf, sizeof(buf), 0);
	mentions_beds = strstr(buf, "床位") != NULL;
	mentions_slots = strstr(buf, "托位") != NULL;
	mentions_area = strstr(buf, "面积") != NULL;

	/* beds: 「新增床位1400张」 (after 「原有床位120张」, which is not
	 * new), 「建设床位300张」, 「新增201个医养床位」 */
	if ((p = after_word(buf, "新增床位", &len)) ||
	    (p = after_word(buf, "建设床位", &len)) ||
	    (p = after_word(buf, "新建床位", &len))) {
		out->beds = whole_number(p, len);
	} else if ((p = after_word(buf, "新增", &len)) &&
	           (starts(p + len, "个") || starts(p + len, "张"))) {
		const char *bed = strstr(p + len, "床位");

		if (bed && bed - (p + len) <= 12)
			out->beds = whole_number(p, len);
	}
	if (mentions_beds && !out->beds && !strstr(buf, "原有床位"))
		out->understood = 0;

	if ((p = after_word(buf, "新增托位", &len)) ||
	    (p = after_word(buf, "托位", &len))) {
		out->slots = whole_number(p, len);
	} else if (mentions_slots) {
		/* 「新增托位」 written after its number: 「300个托位」 */
		const char *t = strstr(buf, "个托位");

		if (t) {
			const char *s = t;

			while (s > buf && s[-1] >= '0' && s[-1] <= '9')
				s--;
			out->slots = whole_number(s, (size_t)(t - s));
		}
		if (!out->slots)
			out->understood = 0;
	}

	if ((p = after_word(buf, "建筑面积", &len))) {
		const char *u = p + len;

		if (starts(u, "万平方米") || starts(u, "万方米") ||
		    starts(u, "万m"))
			area_text(p, len, 1, out->floor_area,
			          sizeof(out->floor_area));
		else if (starts(u, "平方米") || starts(u, "m") ||
		         starts(u, "平米"))
			area_text(p, len, 0, out->floor_area,
			          sizeof(out->floor_area));
	}
	if (mentions_area && !out->floor_area[0])
		out->understood = 0;
}

int project_schedule_read(const char *text, struct project_schedule *out)
{
	char buf[64];
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!text || strlen(text) >= sizeof(buf) - 4)
		return -1;
	squeeze(text, buf, sizeof(buf), 1);
	len = number_len(buf);
	if (!len || strchr(buf, '.'))
		return -1;
	if (!strcmp(buf + len, "年") && len <= 2) {
		out->duration_years = (int)whole_number(buf, len);
		return out->duration_years > 0 ? 0 : -1;
	}
	if (len != 4)
		return -1;
	out->start_year = (int)whole_number(buf, 4);
	if (!buf[4] || !strcmp(buf + 4, "年")) {
		out->end_year = out->start_year;
		out->duration_years = 1;
		return 0;
	}
	{
		const char *q = buf + 4;

		if (*q == '-' || *q == '~')
			q++;
		else if (starts(q, "—") || starts(q, "－") || starts(q, "至"))
			q += 3;
		else
			return -1;
		if (number_len(q) != 4 || (q[4] && strcmp(q + 4, "年")))
			return -1;
		out->end_year = (int)whole_number(q, 4);
	}
	if (out->end_year < out->start_year)
		return -1;
	out->duration_years = out->end_year - out->start_year + 1;
	return 0;
}

int project_milestone_order(const char *const *actual, size_t n)
{
	const char *latest = NULL;

	for (size_t i = 0; i < n; i++) {
		if (!actual[i] || !*actual[i])
			continue;
		if (latest && strcmp(actual[i], latest) < 0)
			return (int)i;
		latest = actual[i];
	}
	return -1;
}

enum project_light project_light_on(const char *const *planned,
                                    const char *const *actual, size_t n,
                                    const char *today, long red_after_days,
                                    int *late_stage)
{
	enum project_light worst = PROJECT_GREEN;
	struct lx_date t, d;

	*late_stage = -1;
	if (date_parse(today, &t))
		return PROJECT_GREEN;
	for (size_t i = 0; i < n; i++) {
		long late;
		enum project_light l;

		if (!planned[i] || !*planned[i] || (actual[i] && *actual[i]) ||
		    date_parse(planned[i], &d))
			continue;
		late = date_to_days(t) - date_to_days(d);
		if (late <= 0)
			continue;
		l = late > red_after_days ? PROJECT_RED : PROJECT_YELLOW;
		if (l > worst) {
			worst = l;
			*late_stage = (int)i;
		} else if (*late_stage < 0) {
			*late_stage = (int)i;
		}
	}
	return worst;
}

const char *project_light_name(enum project_light l)
{
	return l == PROJECT_RED      ? "red"
	       : l == PROJECT_YELLOW ? "yellow"
	                             : "green";
}
