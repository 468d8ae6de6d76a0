#include "http/routes_import.h"

#include "app/params.h"
#include "app/transfer.h"
#include "core/media_type.h"

#include <string.h>

void import_template(struct hreq *r)
{
	const char *format = param_str(r->query, "format");
	const char *name;

	if (app_import_template(r->ctx, r->arg, format, &r->text, &r->textlen,
	                        &name))
		return;
	r->content_type = format && !strcmp(format, "csv")
	                      ? "text/csv; charset=utf-8"
	                      : MEDIA_TYPE_XLSX;
	r->filename = name;
}
