/*
 * Text encodings at the import edge. Everything inside laoxiao is UTF-8;
 * spreadsheets saved on Chinese Windows write GB18030 (GBK), and Excel's
 * "CSV UTF-8" adds a byte order mark. Pure functions; iconv(3) is used only
 * as an in-memory converter.
 */
#ifndef LX_CORE_TEXT_H
#define LX_CORE_TEXT_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

/* 1 if the n bytes at s are well-formed UTF-8 (RFC 3629: no overlong forms,
 * no surrogates D800-DFFF, nothing above U+10FFFF, no truncated sequence at
 * the end), else 0. NUL bytes are valid UTF-8 here; n == 0 is valid. */
int text_utf8_valid(const char *s, size_t n);

/* Decodes an uploaded file of n bytes into UTF-8:
 *   - a leading UTF-8 byte order mark is stripped; the rest must then be
 *     valid UTF-8 ("utf-8-bom");
 *   - else valid UTF-8 is copied as is ("utf-8"; plain ASCII lands here);
 *   - else the bytes are converted from GB18030 ("gb18030"), a superset of
 *     GBK and GB2312; a GB18030 byte order mark is dropped too.
 * Returns the text, arena-owned and NUL-terminated, and sets *outlen to its
 * length and *detected to the encoding name above (static storage); either
 * pointer may be NULL. On failure returns NULL with err filled: LX_EINVALID
 * for a NUL byte (a UTF-16 file, say) or a byte sequence that is neither
 * UTF-8 nor GB18030, the message giving the byte offset in buf;
 * LX_EINTERNAL if iconv has no GB18030 converter. err's field is left "".
 * buf may be NULL when n is 0. */
char *text_to_utf8(struct arena *a, const char *buf, size_t n, size_t *outlen,
                   const char **detected, struct lx_error *err);

/* Number of code points in the NUL-terminated UTF-8 string s (which should
 * be valid: continuation bytes are simply not counted). NULL counts 0. */
size_t text_utf8_length(const char *s);

/* Writes into out (outlen bytes, at least 8) a printable excerpt of s for
 * quoting in an error message: at most max bytes of s, cut only between
 * characters, with control characters and bytes that are not valid UTF-8
 * replaced by '?', and "..." appended when s was cut. Always terminates
 * out; NULL s gives "". The excerpt is valid UTF-8, so it can go into JSON. */
void text_excerpt(const char *s, size_t max, char *out, size_t outlen);

/* Appends s to b with <, >, & and " written as HTML entities. */
void text_html_escape(struct abuf *b, const char *s);

#endif
