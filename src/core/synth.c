#include "core/synth.h"

#include "core/assessment.h"
#include "core/credit_code.h"
#include "core/id_number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

void synth_rng_seed(struct synth_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t synth_next(struct synth_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

double synth_uniform(struct synth_rng *r)
{
	return (double)(synth_next(r) >> 11) * 0x1.0p-53;
}

long synth_below(struct synth_rng *r, long n)
{
	return n <= 0 ? 0 : (long)(synth_uniform(r) * (double)n);
}

int synth_chance(struct synth_rng *r, double p)
{
	return synth_uniform(r) < p;
}

struct remainder {
	double frac;
	size_t i;
};

static int by_remainder(const void *a, const void *b)
{
	const struct remainder *x = a, *y = b;

	if (x->frac != y->frac)
		return x->frac > y->frac ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int synth_apportion(long long total, const double *weights, size_t n,
                    long long *out)
{
	double sum = 0;
	long long given = 0;
	struct remainder *rem;

	for (size_t i = 0; i < n; i++) {
		if (!(weights[i] >= 0))
			return -1;
		sum += weights[i];
		out[i] = 0;
	}
	if (total == 0)
		return 0;
	if (total < 0 || sum <= 0 || !n)
		return -1;
	if (!(rem = malloc(n * sizeof(*rem))))
		return -1;
	for (size_t i = 0; i < n; i++) {
		double exact = (double)total * (weights[i] / sum);

		out[i] = (long long)floor(exact);
		given += out[i];
		rem[i] = (struct remainder){ exact - (double)out[i], i };
	}
	/* floating error can leave the floors a little over or under */
	while (given > total) {
		for (size_t i = n; i-- > 0 && given > total;)
			if (out[i] > 0) {
				out[i]--;
				given--;
			}
	}
	qsort(rem, n, sizeof(*rem), by_remainder);
	for (size_t k = 0; given < total; k = (k + 1) % n) {
		out[rem[k].i]++;
		given++;
	}
	free(rem);
	return 0;
}

long long synth_scaled(long long total, double scale)
{
	return (long long)floor((double)total * scale + 0.5);
}

/* The commonest surnames, roughly by frequency (the first are drawn most
 * often), and given-name characters. Invented people only: no list of
 * real names is used. */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
	"唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
	"潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任",
	"沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "廖", "向",
};
static const char *const male_chars[] = {
	"国", "建", "明", "志", "华", "伟", "强", "军", "平", "文", "德", "成",
	"福", "贵", "兴", "顺", "林", "海", "清", "永", "光", "荣", "忠", "树",
	"生", "宝", "春", "新", "学", "正", "浩", "宇", "轩", "泽", "辰", "睿",
};
static const char *const female_chars[] = {
	"秀", "英", "兰", "芳", "玉", "珍", "桂", "凤", "淑", "华", "琴", "霞",
	"梅", "丽", "红", "云", "翠", "莲", "萍", "静", "敏", "娟", "婷", "雪",
	"欣", "悦", "怡", "涵", "雨", "诗", "梓", "可", "思", "佳", "萱", "琳",
};
static const char *const place_chars[] = {
	"青", "石", "白", "马", "龙", "凤", "桥", "河", "山", "岭", "坪", "坝",
	"溪", "湾", "塘", "松", "柏", "桃", "花", "金", "银", "水", "兴", "隆",
	"安", "平", "和", "丰", "清", "明", "长", "乐", "新", "春", "林", "泉",
	"岩", "峰", "云", "茶", "杨", "梨", "竹", "沙", "黄", "铁", "观", "寺",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Index skewed toward the front: the square of a uniform draw. */
static size_t skewed(struct synth_rng *r, size_t n)
{
	double u = synth_uniform(r);

	return (size_t)(u * u * (double)n);
}

void synth_person_name(struct synth_rng *r, char sex, char *out, size_t n)
{
	const char *const *given = sex == 'M' ? male_chars : female_chars;
	size_t ng = sex == 'M' ? COUNT(male_chars) : COUNT(female_chars);
	const char *s = surnames[skewed(r, COUNT(surnames))];
	const char *a = given[synth_below(r, (long)ng)];

	if (synth_chance(r, 0.7))
		snprintf(out, n, "%s%s%s", s, a,
		         given[synth_below(r, (long)ng)]);
	else
		snprintf(out, n, "%s%s", s, a);
}

void synth_place_stem(struct synth_rng *r, char *out, size_t n)
{
	size_t np = COUNT(place_chars);
	size_t a = (size_t)synth_below(r, (long)np);
	size_t b = (a + 1 + (size_t)synth_below(r, (long)np - 1)) % np;

	snprintf(out, n, "%s%s", place_chars[a], place_chars[b]);
}

int synth_id_number(const char *county6, int y, int m, int d, char sex, int seq,
                    char out[19])
{
	/* men: 1, 3, ... 999; women: 2, 4, ... 998 */
	int code = sex == 'M' ? 2 * seq + 1 : 2 * seq + 2;

	if (seq < 0 || code > 999 || strlen(county6) != 6 || y < 1000 ||
	    y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	snprintf(out, 19, "%.6s%04d%02d%02d%03d", county6, y % 10000, m % 100,
	         d % 100, code % 1000);
	out[17] = id_number_check_char(out);
	out[18] = '\0';
	return out[17] ? 0 : -1;
}

/* GB 11714-1997: eight body characters (digits here) and a check. */
static char org_code_check(const char *body8)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, c;

	for (int i = 0; i < 8; i++)
		sum += (body8[i] - '0') * w[i];
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

int synth_credit_code(const char *county6, long n, char out[19])
{
	char body[9];

	if (n < 0 || n > 99999999 || strlen(county6) != 6)
		return -1;
	/* spread over the body so neighbouring n do not look consecutive */
	snprintf(
	    body, sizeof(body), "%08ld",
	    (long)(((unsigned long)n * 48271ul + 1234567ul) % 100000000ul));
	snprintf(out, 19, "52%.6s%.8s%c", county6, body, org_code_check(body));
	return credit_code_check_char(out, &out[17]) ? -1 : (out[18] = '\0', 0);
}

void synth_assessment_items(struct synth_rng *r, double frailty, int scores[26])
{
	for (size_t i = 0; i < ASSESS_ITEM_COUNT; i++) {
		int max = assess_item(i)->max;
		double v =
		    (1.0 - frailty) * max + (synth_uniform(r) - 0.5) * 1.2;
		int s = (int)floor(v + 0.5);

		scores[i] = s < 0 ? 0 : s > max ? max : s;
	}
}
