#include "app/xlsx_file.h"

#include "core/arena.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int xlsx_file_open(struct app_ctx *ctx, struct xlsx_file *x,
                   int constant_memory)
{
	int fd;

	snprintf(x->path, sizeof(x->path), "/tmp/laoxiao-xlsx-XXXXXX");
	fd = mkstemp(x->path);
	x->wb = NULL;
	if (fd < 0)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "cannot create a temporary file");
	close(fd);
	x->wb = workbook_new_opt(
	    x->path,
	    &(lxw_workbook_options){
	        .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE });
	if (!x->wb) {
		unlink(x->path);
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "cannot start the workbook");
	}
	return 0;
}

int xlsx_file_close(struct app_ctx *ctx, struct xlsx_file *x, char **out,
                    size_t *len)
{
	struct abuf b;
	char chunk[8192];
	size_t n;
	FILE *f;
	int ret = -1;

	if (workbook_close(x->wb) != LXW_NO_ERROR) {
		unlink(x->path);
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "cannot write the workbook");
	}
	f = fopen(x->path, "rb");
	if (f) {
		abuf_init(&b, ctx->arena);
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			abuf_append(&b, chunk, n);
		ret = ferror(f) ? -1 : 0;
		fclose(f);
		*out = b.data;
		*len = b.len;
	}
	unlink(x->path);
	if (ret)
		lx_fail(&ctx->err, LX_EINTERNAL, "",
		        "cannot read the workbook");
	return ret;
}
