#include "app/import_table.h"

#include "app/xlsx_read.h"
#include "core/text.h"

int import_table_read(struct arena *a, const char *buf, size_t len,
                      struct csv_table *t, const char **enc,
                      struct lx_error *err)
{
	size_t ulen;
	char *text;

	if (xlsx_looks_like(buf, len)) {
		*enc = "xlsx";
		return xlsx_read(a, buf, len, t, err);
	}
	text = text_to_utf8(a, buf, len, &ulen, enc, err);
	if (!text || csv_parse(a, text, ulen, t, err))
		return -1;
	return 0;
}
