#ifndef LX_HTTP_STATIC_FILES_H
#define LX_HTTP_STATIC_FILES_H

#include <microhttpd.h>

/* The files of the web client under a root folder, answered from memory
 * with a gzip copy for clients that accept it, a strong ETag from the
 * content and a Cache-Control that makes the browser revalidate. */

/* Answers GET or HEAD of url under root. Returns MHD_NO only when no
 * answer could be queued; *found is 0 when there is no such file (the
 * caller answers 404 in its own way). */
enum MHD_Result static_files_serve(struct MHD_Connection *conn,
                                   const char *root, const char *url,
                                   int *found);

/* Frees every copy held; called once when the server stops. */
void static_files_done(void);

#endif
