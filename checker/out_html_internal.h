/* out_html_internal.h - what out_html.c (index, files) and out_html_page.c (the page of
 * one finding) share: a growing text buffer, the escaper and the page frame. */
#ifndef SSPI_OUT_HTML_INTERNAL_H
#define SSPI_OUT_HTML_INTERNAL_H

#include <stddef.h>
#include "diag.h"
#include "out_html.h"

/* A growing, NUL-terminated text (owned data; html_buf_free). */
typedef struct html_buf {
  char *data;
  size_t len, cap;
} html_buf;

void html_buf_free(html_buf *b);
void html_put(html_buf *b, const char *s);                /* raw markup */
void html_putn(html_buf *b, const char *s, size_t n);     /* raw markup, n bytes */
void html_printf(html_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* html_esc / html_escn: text (or an attribute value) escaped: & < > " ' as character
 * references, invalid UTF-8 and control characters other than tab as U+FFFD. NULL: "". */
void html_esc(html_buf *b, const char *s);
void html_escn(html_buf *b, const char *s, size_t n);

/* html_head: "<!DOCTYPE html>...<body data-page=KIND>" with the title (escaped) and the
 * shared style sheet and script, whose paths start with up ("" or "../"). */
void html_head(html_buf *b, const char *title, const char *up, const char *kind);
/* html_tail: "</body></html>". */
void html_tail(html_buf *b);

/* html_display_path: owned path of file as the report shows it: relative to root_abs
 * when inside it, else absolute. */
char *html_display_path(const char *root_abs, const char *file);

/* html_page_name: owned file name (no directory) of finding i's page:
 * "0007-server.c-40.html", characters outside [A-Za-z0-9._-] replaced by '_'. */
char *html_page_name(unsigned i, const diag *d);

/* html_finding_page: the whole page of finding i (0-based, of n) into b. */
void html_finding_page(html_buf *b, const diag *d, unsigned i, unsigned n,
                       const html_run *run, select_src *src);

#endif
