/*
 * libFuzzer target for the policy loader (app/policy.c). The input is
 * written as the one policy file of a fresh folder, named after the
 * jurisdiction it claims when that is a 12-digit text (so the presets in
 * policies/ load as seeds), else 511900000000-fuzz.json, and the folder is
 * loaded as a set. For every input:
 *   - a refusal is LX_EINVALID with a message that starts with the file's
 *     name (every message says where the fault is);
 *   - an accepted set holds exactly that one policy, under the code the
 *     file is named by; loading the same file again gives the same counts;
 *   - the view of the jurisdiction itself lists every indicator, scheme and
 *     reported element of the file, each found again by its id or name.
 * Any difference aborts. With LX_FUZZ_VERBOSE set, each answer is printed.
 * Build and run: see tests/fuzz/README.md.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/policy.h"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char dir[64];

/* Each input's file is removed after it is loaded: the folder is empty. */
static void remove_dir(void)
{
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/lx-fuzz-policy-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
	atexit(remove_dir);
	return 0;
}

/* The code the text claims, when it is 12 ASCII digits; else a default. */
static void file_name(const uint8_t *data, size_t size, char *out,
                      size_t outlen)
{
	json_t *doc = json_loadb((const char *)data, size, 0, NULL);
	const char *code =
	    json_string_value(json_object_get(doc, "jurisdiction"));
	int ok = code && strlen(code) == 12;

	for (int i = 0; ok && i < 12; i++)
		ok = code[i] >= '0' && code[i] <= '9';
	snprintf(out, outlen, "%s-fuzz.json", ok ? code : "511900000000");
	json_decref(doc);
}

static void check_view(const struct policy_set *s, const struct policy *p)
{
	struct arena *a = arena_new();
	const char *path[] = { p->code };
	struct policy_view v;

	policy_view_build(s, a, path, 1, &v);
	CHECK(v.jurisdiction && strcmp(v.jurisdiction, p->code) == 0);
	CHECK(v.nindicators == p->nindicators);
	CHECK(v.nreported == p->nreported);
	CHECK(v.ngroups == p->ngroups);
	CHECK(v.nschemes == p->nschemes);
	for (size_t i = 0; i < p->nindicators; i++)
		CHECK(policy_view_indicator(&v, p->indicators[i].id) ==
		      &p->indicators[i]);
	for (size_t i = 0; i < p->nreported; i++)
		CHECK(policy_view_reported(&v, p->reported[i].name) ==
		      &p->reported[i]);
	for (size_t i = 0; i < p->nschemes; i++)
		CHECK(policy_view_scheme(&v, p->schemes[i].id) ==
		      &p->schemes[i]);
	arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lx_error err = { 0 };
	struct policy_set *s, *again;
	const struct policy *p;
	char name[64], path[160];
	FILE *f;

	if (size > 256 * 1024)
		return 0;
	file_name(data, size, name, sizeof(name));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	CHECK(fwrite(data, 1, size, f) == size);
	CHECK(fclose(f) == 0);

	s = policy_set_load(dir, &err);
	if (getenv("LX_FUZZ_VERBOSE"))
		fprintf(stderr, "%s: %s\n", name, s ? "accepted" : err.message);
	if (!s) {
		CHECK(err.code == LX_EINVALID);
		CHECK(strncmp(err.message, name, strlen(name)) == 0);
		goto end;
	}
	CHECK(policy_set_count(s) == 1);
	p = policy_set_at(s, 0);
	CHECK(strncmp(p->code, name, 12) == 0 && p->code[12] == '\0');
	CHECK(policy_set_find(s, p->code) == p);
	CHECK(p->name != NULL);
	check_view(s, p);

	again = policy_set_load(dir, &err);
	CHECK(again != NULL);
	CHECK(policy_set_at(again, 0)->nindicators == p->nindicators);
	CHECK(policy_set_at(again, 0)->nschemes == p->nschemes);
	CHECK(policy_set_at(again, 0)->nfacts == p->nfacts);
	policy_set_unref(again);
	policy_set_unref(s);
end:
	unlink(path);
	return 0;
}
