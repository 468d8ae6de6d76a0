#include "core/inspect_draw.h"

#include <string.h>

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void inspect_rng_init(struct inspect_rng *r, const unsigned char key[32])
{
	for (int w = 0; w < 4; w++) {
		uint64_t v = 0;

		for (int b = 7; b >= 0; b--)
			v = (v << 8) | key[w * 8 + b];
		r->s[w] = v;
	}
	/* xoshiro's only bad state */
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;
}

uint64_t inspect_rng_next(struct inspect_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint64_t inspect_rng_below(struct inspect_rng *r, uint64_t n)
{
	/* values below (2^64 - n) mod n would make the low residues more
	 * likely; drop them */
	uint64_t min = (0 - n) % n, x;

	do
		x = inspect_rng_next(r);
	while (x < min);
	return x % n;
}

size_t inspect_sample_size(unsigned rate, size_t n)
{
	return ((size_t)rate * n + 99) / 100;
}

static long weekday(long day)
{
	/* 1970-01-01 was a Thursday; 0 = Monday */
	return ((day + 3) % 7 + 7) % 7;
}

int inspect_is_working_day(long day, const long *holidays, size_t n)
{
	if (weekday(day) >= 5)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (holidays[i] == day)
			return 0;
	return 1;
}

long inspect_notice_day(long day, unsigned count, const long *holidays,
                        size_t n)
{
	while (count) {
		day--;
		if (inspect_is_working_day(day, holidays, n))
			count--;
	}
	return day;
}

static int tied(const struct inspect_person *p, long long facility)
{
	for (size_t i = 0; i < p->nties; i++)
		if (p->ties[i] == facility)
			return 1;
	return 0;
}

/* Takes pool[below(*n)] out of pool (order kept) and returns it. */
static size_t take(struct inspect_rng *r, size_t *pool, size_t *n)
{
	size_t i = (size_t)inspect_rng_below(r, *n), v = pool[i];

	memmove(pool + i, pool + i + 1, (*n - i - 1) * sizeof(*pool));
	(*n)--;
	return v;
}

/*
 * A Fenwick (binary indexed) tree over the pool's weights, so that each
 * weighted pick costs O(log n) instead of a walk over the pool. A picked
 * target's weight drops to 0 in place: positions never move, so the
 * pool keeps roster order and "the first position whose cumulative
 * weight exceeds r" is the same target the linear walk over the shrunk
 * pool finds (a zero weight never holds r). tree[] is 1-based.
 */
static void fen_build(uint64_t *tree, const uint64_t *w, size_t n)
{
	for (size_t i = 1; i <= n; i++)
		tree[i] = w[i - 1];
	for (size_t i = 1; i <= n; i++) {
		size_t up = i + (i & (0 - i));

		if (up <= n)
			tree[up] += tree[i];
	}
}

static void fen_sub(uint64_t *tree, size_t n, size_t pos, uint64_t w)
{
	for (size_t i = pos + 1; i <= n; i += i & (0 - i))
		tree[i] -= w;
}

/* The 0-based position of the first prefix sum greater than x; x must
 * be below the total. */
static size_t fen_find(const uint64_t *tree, size_t n, uint64_t x)
{
	size_t pos = 0, step = 1;

	while (step <= n / 2)
		step <<= 1;
	for (; step; step >>= 1)
		if (pos + step <= n && tree[pos + step] <= x) {
			pos += step;
			x -= tree[pos];
		}
	return pos;
}

static void draw_item(struct inspect_rng *r, const struct inspect_draw_in *in,
                      size_t item, uint64_t *mask, size_t *pool, uint64_t *w,
                      uint64_t *tree)
{
	const struct inspect_item *it = &in->items[item];
	size_t n = 0, k, chosen = 0, left;
	uint64_t total = 0;

	for (size_t t = 0; t < in->ntargets; t++) {
		const struct inspect_target *tg = &in->targets[t];

		if (tg->kind < 0 || tg->kind >= INSPECT_KINDS_MAX ||
		    !(it->kinds & (UINT32_C(1) << tg->kind)))
			continue;
		n++;
		if (it->floor && tg->needs_floor) {
			mask[t] |= UINT64_C(1) << item;
			chosen++;
		} else {
			pool[n - 1 - chosen] = t;
		}
	}
	k = inspect_sample_size(it->rate, n);
	n -= chosen;
	for (size_t i = 0; i < n; i++) {
		w[i] = in->targets[pool[i]].weight;
		total += w[i];
	}
	if (chosen >= k || !n)
		return;
	fen_build(tree, w, n);
	for (left = n; chosen < k && left; left--, chosen++) {
		uint64_t x = inspect_rng_below(r, total);
		size_t i = fen_find(tree, n, x);

		mask[pool[i]] |= UINT64_C(1) << item;
		total -= w[i];
		fen_sub(tree, n, i, w[i]);
		w[i] = 0;
	}
}

int inspect_draw(struct arena *a, const struct inspect_draw_in *in,
                 struct inspect_draw_out *out, struct lx_error *err)
{
	struct inspect_rng r;
	uint64_t *mask, *w, *tree;
	size_t *pool, *days, ndays = 0, nt = in->ntargets;
	size_t np = in->ninspectors;

	memset(out, 0, sizeof(*out));
	if (in->nitems > INSPECT_ITEMS_MAX)
		return lx_fail(err, LX_EINVALID, "items", "more than %d items",
		               INSPECT_ITEMS_MAX);
	inspect_rng_init(&r, in->key);
	mask = arena_alloc(a, (nt + 1) * sizeof(*mask));
	memset(mask, 0, (nt + 1) * sizeof(*mask));
	pool = arena_alloc(a, (nt + 2 * np + 1) * sizeof(*pool));
	w = arena_alloc(a, (nt + 1) * sizeof(*w));
	tree = arena_alloc(a, (nt + 1) * sizeof(*tree));
	for (size_t i = 0; i < in->nitems; i++)
		draw_item(&r, in, i, mask, pool, w, tree);
	for (size_t t = 0; t < nt; t++)
		out->nchecks += mask[t] != 0;
	if (!out->nchecks)
		return 0;
	for (long d = in->first_day; d <= in->last_day; d++)
		ndays += (size_t)inspect_is_working_day(d, in->holidays,
		                                        in->nholidays);
	if (!ndays)
		return lx_fail(err, LX_EINVALID, "period",
		               "no working day left in the period");
	days = arena_alloc(a, ndays * sizeof(*days));
	ndays = 0;
	for (long d = in->first_day; d <= in->last_day; d++)
		if (inspect_is_working_day(d, in->holidays, in->nholidays))
			days[ndays++] = (size_t)(d - in->first_day);
	out->checks = arena_alloc(a, out->nchecks * sizeof(*out->checks));
	out->nchecks = 0;
	for (size_t t = 0; t < nt; t++) {
		struct inspect_drawn *c;
		long long fid = in->targets[t].id;
		size_t *pp = pool, *rr = pool + np, npp = 0, nrr = 0, got = 0;

		if (!mask[t])
			continue;
		c = &out->checks[out->nchecks++];
		c->target = t;
		c->items = mask[t];
		c->day =
		    in->first_day + (long)days[inspect_rng_below(&r, ndays)];
		for (size_t p = 0; p < np; p++) {
			const struct inspect_person *ip = &in->inspectors[p];
			int owns = 0;

			if (tied(ip, fid))
				continue;
			for (size_t i = 0; i < in->nitems; i++)
				if ((mask[t] >> i & 1) &&
				    in->items[i].dept == ip->dept)
					owns = 1;
			if (owns)
				pp[npp++] = p;
			else
				rr[nrr++] = p;
		}
		if (npp + nrr < in->per_check) {
			out->failed_target = t;
			return lx_fail(err, LX_EINVALID, "inspectors",
			               "facility %lld: only %zu inspectors "
			               "not tied to it, %u needed",
			               fid, npp + nrr, in->per_check);
		}
		c->inspectors =
		    arena_alloc(a, in->per_check * sizeof(*c->inspectors));
		while (got < in->per_check && npp)
			c->inspectors[got++] = take(&r, pp, &npp);
		while (got < in->per_check)
			c->inspectors[got++] = take(&r, rr, &nrr);
	}
	return 0;
}
