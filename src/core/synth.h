/*
 * The pieces of a synthetic city (DESIGN.md section 6) that are pure
 * computation: a seeded random stream, whole-number apportionment that
 * keeps totals exact, invented names, valid identifiers, and assessment
 * answers. app/synth.c assembles a city from them; the same seed gives
 * the same city because every draw comes from this stream in a fixed
 * order.
 */
#ifndef LX_CORE_SYNTH_H
#define LX_CORE_SYNTH_H

#include <stddef.h>
#include <stdint.h>

/* xoshiro256** seeded through splitmix64: fast, and the same sequence on
 * every platform for a seed. */
struct synth_rng {
	uint64_t s[4];
};

void synth_rng_seed(struct synth_rng *r, uint64_t seed);
uint64_t synth_next(struct synth_rng *r);
/* Uniform in [0, 1). */
double synth_uniform(struct synth_rng *r);
/* Uniform in [0, n); 0 when n <= 0. */
long synth_below(struct synth_rng *r, long n);
/* 1 with probability p. */
int synth_chance(struct synth_rng *r, double p);

/*
 * Splits total into n whole parts proportional to weights (largest
 * remainder; ties go to the lower index), so the parts always sum to
 * total exactly. Weights must be >= 0 and not all 0 unless total is 0.
 * Returns -1 when they are not.
 */
int synth_apportion(long long total, const double *weights, size_t n,
                    long long *out);

/* total scaled and rounded half up: the scaled figure every part of the
 * synthetic city agrees on. */
long long synth_scaled(long long total, double scale);

/* A person's name: surname by frequency, one or two given characters by
 * sex ('M' or 'F'). UTF-8, NUL-ended; out holds at least 16 bytes. */
void synth_person_name(struct synth_rng *r, char sex, char *out, size_t n);

/* An invented two-character place stem (UTF-8), e.g. "青石". */
void synth_place_stem(struct synth_rng *r, char *out, size_t n);

/*
 * 公民身份号码 for a person registered in county6 (the 6-digit address
 * code) born on y-m-d, the seq-th of that sex born that day there
 * (seq from 0). The sequence code is odd for men and even for women, as
 * GB 11643-1999 sets out. Returns -1 when seq is beyond the 500 (men) or
 * 499 (women) the three digits allow.
 */
int synth_id_number(const char *county6, int y, int m, int d, char sex, int seq,
                    char out[19]);

/*
 * A unified social credit code (GB 32100-2015) for the n-th organisation
 * registered by 民政 (5) as a 民办非企业单位 (2) in county6: the
 * 9-character organisation code carries its own GB 11714 check
 * character, and the code its check character. Distinct n give distinct
 * codes.
 */
int synth_credit_code(const char *county6, long n, char out[19]);

/*
 * Answers to the 26 GB/T 42195-2022 items for a person of the given
 * frailty (0 = fully able, 1 = every ability lost): each item's score
 * falls with frailty, with noise. scores[i] is within item i's range.
 */
void synth_assessment_items(struct synth_rng *r, double frailty,
                            int scores[26]);

#endif
