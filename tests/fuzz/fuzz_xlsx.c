/*
 * libFuzzer target for the workbook reader (app/xlsx_read.c): an uploaded
 * file's bytes read as an .xlsx, as every import does when they begin
 * PK\3\4. For every input:
 *   - a refusal is LX_EINVALID, names the field "file", has a message and
 *     leaves no rows;
 *   - an accepted table's rows start on strictly increasing sheet rows,
 *     each has at least one non-empty field, and every field is valid
 *     UTF-8 without NUL (it goes into JSON answers and the database).
 * Any difference aborts. Build and run: see tests/fuzz/README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/xlsx_read.h"
#include "core/text.h"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct csv_table t;
	struct lx_error err = { 0 };

	if (xlsx_read(a, (const char *)data, size, &t, &err)) {
		CHECK(err.code == LX_EINVALID);
		CHECK(!strcmp(err.field, "file"));
		CHECK(err.message[0]);
		CHECK(t.nrows == 0);
	} else {
		for (size_t i = 0; i < t.nrows; i++) {
			int any = 0;

			CHECK(i == 0 || t.rows[i].line > t.rows[i - 1].line);
			for (size_t f = 0; f < t.rows[i].nfields; f++) {
				const char *s = t.rows[i].fields[f];

				CHECK(text_utf8_valid(s, strlen(s)));
				any |= s[0] != '\0';
			}
			CHECK(any);
		}
	}
	arena_free(a);
	return 0;
}
