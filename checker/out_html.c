/* out_html.c - the HTML report: files and directories, the text buffer and escaper, the
 * shared style and script, and the index page. The page of one finding is in
 * out_html_page.c. */
#define _POSIX_C_SOURCE 200809L
#include "out_html.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "out_html_internal.h"
#include "util/xalloc.h"

#define HTML_PAGES_DIR "findings"

/* ---- the text buffer and the escaper ------------------------------------------- */

void html_buf_free(html_buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

static void buf_reserve(html_buf *b, size_t more) {
  if (b->len + more + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more + 1)
    cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void html_putn(html_buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void html_put(html_buf *b, const char *s) { html_putn(b, s, strlen(s)); }

void html_printf(html_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0)
    return;
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* utf8_len: the length of the valid UTF-8 sequence at s (at most n bytes), 0 when
 * it is not one (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0)
      lo = 0xA0;
    if (c == 0xED)
      hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0)
      lo = 0x90;
    if (c == 0xF4)
      hi = 0x8F;
  } else
    return 0;
  if (len > n || s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < len; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  return len;
}

void html_escn(html_buf *b, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  buf_reserve(b, n);
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    const char *rep = NULL;
    size_t take = 1;
    switch (c) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default:
      if (c >= 0x80) {
        take = utf8_len(s + i, n - i);
        if (!take) {
          rep = "\xEF\xBF\xBD";
          take = 1;
        }
      } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
        rep = "\xEF\xBF\xBD";
      }
    }
    if (rep)
      html_put(b, rep);
    else
      html_putn(b, str + i, take);
    i += take;
  }
}

void html_esc(html_buf *b, const char *s) {
  if (s)
    html_escn(b, s, strlen(s));
}

/* ---- the frame of every page --------------------------------------------------- */

void html_head(html_buf *b, const char *title, const char *up, const char *kind) {
  html_put(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "script-src 'self'; style-src 'self'; img-src 'self'\">\n"
              "<meta name=\"generator\" content=\"sspi-check\">\n<title>");
  html_esc(b, title);
  html_printf(b, "</title>\n<link rel=\"stylesheet\" href=\"%sreport.css\">\n"
                 "<script src=\"%sreport.js\" defer></script>\n</head>\n"
                 "<body data-page=\"%s\">\n", up, up, kind);
}

void html_tail(html_buf *b) { html_put(b, "</body>\n</html>\n"); }

char *html_display_path(const char *root_abs, const char *file) {
  if (!file)
    return xstrdup("<unknown file>");
  char *abs = select_abspath(file);
  char *rel = abs && root_abs ? select_relpath(root_abs, abs) : NULL;
  if (rel) {
    free(abs);
    return rel;
  }
  return abs ? abs : xstrdup(file);
}

char *html_page_name(unsigned i, const diag *d) {
  const char *base = "finding";
  if (d->loc.file) {
    const char *slash = strrchr(d->loc.file, '/');
    base = slash ? slash + 1 : d->loc.file;
  }
  char clean[41];
  size_t k = 0;
  for (; base[k] && k < sizeof clean - 1; k++) {
    char c = base[k];
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '.' || c == '_' || c == '-';
    clean[k] = ok ? c : '_';
  }
  clean[k] = '\0';
  size_t n = k + 48;
  char *name = xmalloc(n);
  snprintf(name, n, "%04u-%s-%u.html", i + 1, k ? clean : "finding", d->loc.line);
  return name;
}

/* ---- the shared style sheet and script ----------------------------------------- */

static const char report_css[] =
    "/* sspi-check HTML report */\n"
    ":root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa;\n"
    "  --warn: #9a6700; --step: #0550ae; --step-bg: #ddf4ff; --cur: #fff8c5;\n"
    "  --final: #cf222e; --final-bg: #ffebe9; }\n"
    "body { font: 14px/1.45 system-ui, -apple-system, \"Segoe UI\", sans-serif; color: var(--fg);\n"
    "  margin: 0 auto; padding: 1rem 1.5rem 4rem; max-width: 1200px; }\n"
    "h1 { font-size: 1.5rem; margin: .2rem 0 .4rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem; }\n"
    "h3 { font-size: 1rem; margin: 1rem 0 .3rem; }\n"
    "a { color: var(--step); }\n"
    "code, pre, td.code, .cmdline { font-family: ui-monospace, \"DejaVu Sans Mono\", Menlo, Consolas, monospace;\n"
    "  font-size: 13px; }\n"
    ".meta { color: var(--muted); margin: .1rem 0; }\n"
    ".cmdline { background: var(--bg-alt); padding: .2rem .4rem; border-radius: 4px;\n"
    "  overflow-wrap: anywhere; }\n"
    "table { border-collapse: collapse; }\n"
    "table.kv th { text-align: left; font-weight: normal; color: var(--muted); padding: .1rem 1rem .1rem 0; }\n"
    "table.kv td { font-variant-numeric: tabular-nums; }\n"
    "#findings { width: 100%; margin-top: .5rem; }\n"
    "#findings th, #findings td { border-bottom: 1px solid var(--line); padding: .3rem .5rem;\n"
    "  text-align: left; vertical-align: top; }\n"
    "#findings th { background: var(--bg-alt); white-space: nowrap; }\n"
    "#findings th button { font: inherit; font-weight: bold; border: 0; background: none;\n"
    "  cursor: pointer; padding: 0; }\n"
    "#findings th[aria-sort=ascending] button::after { content: \" \\25B2\"; }\n"
    "#findings th[aria-sort=descending] button::after { content: \" \\25BC\"; }\n"
    "#findings td.line, #findings td.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "#findings td.check { white-space: nowrap; color: var(--warn); }\n"
    "#findings tr:hover td { background: var(--bg-alt); }\n"
    ".filters { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }\n"
    ".filters select { font: inherit; max-width: 28rem; }\n"
    "#shown { color: var(--muted); }\n"
    ".finding-head .check { color: var(--warn); font-weight: bold; }\n"
    ".nav { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin: .6rem 0;\n"
    "  position: sticky; top: 0; background: #fff; padding: .3rem 0; border-bottom: 1px solid var(--line); z-index: 1; }\n"
    ".nav button { font: inherit; }\n"
    ".nav .keys { color: var(--muted); }\n"
    "ol.steps-list { padding-left: 2rem; }\n"
    "ol.steps-list li.final { color: var(--final); }\n"
    ".region { margin: 1rem 0; }\n"
    ".region h3 { font-family: ui-monospace, \"DejaVu Sans Mono\", Menlo, monospace; font-weight: normal; }\n"
    "table.src { width: 100%; border: 1px solid var(--line); }\n"
    "table.src td { padding: 0 .5rem; }\n"
    "td.ln { text-align: right; color: var(--muted); user-select: none; width: 1%;\n"
    "  background: var(--bg-alt); font-family: ui-monospace, \"DejaVu Sans Mono\", monospace; font-size: 13px; }\n"
    "td.code { white-space: pre; tab-size: 8; }\n"
    "tr.has-step td.code { background: #f0f7ff; }\n"
    "tr.ev td { padding-top: .15rem; padding-bottom: .25rem; }\n"
    ".pad { white-space: pre; font-family: ui-monospace, \"DejaVu Sans Mono\", monospace; font-size: 13px;\n"
    "  visibility: hidden; }\n"
    ".step { display: inline-block; background: var(--step-bg); border: 1px solid #54aeff;\n"
    "  font: 13px/1.4 system-ui, -apple-system, \"Segoe UI\", sans-serif;\n"
    "  border-radius: 4px; padding: .1rem .5rem; white-space: normal; }\n"
    ".step.final { background: var(--final-bg); border-color: var(--final); }\n"
    ".step .num, .mark { display: inline-block; min-width: 1.3em; text-align: center; border-radius: 1em;\n"
    "  background: var(--step); color: #fff; font-weight: bold; font-size: 12px; padding: 0 .25em;\n"
    "  margin-right: .3em; }\n"
    ".mark { margin: 0 .15em 0 0; font-family: system-ui, sans-serif; }\n"
    ".final .num, .mark.final { background: var(--final); }\n"
    ".step.current { outline: 3px solid #d4a72c; background: var(--cur); }\n"
    ".mark.current { outline: 2px solid #d4a72c; }\n"
    ".none { color: var(--muted); }\n"
    "#summary .boxes { display: flex; flex-wrap: wrap; gap: .5rem 3rem; }\n"
    "#summary .box { max-width: 36rem; }\n"
    "#summary .box p, #summary .box ul { margin: .2rem 0; }\n";

static const char report_js[] =
    "/* sspi-check HTML report: sorting and filtering on the index, step navigation on\n"
    " * the page of a finding. Plain JavaScript; nothing is loaded from anywhere. */\n"
    "(function () {\n"
    "  \"use strict\";\n"
    "  function $(id) { return document.getElementById(id); }\n"
    "  function each(list, f) { Array.prototype.forEach.call(list, f); }\n"
    "  var page = document.body.getAttribute(\"data-page\");\n"
    "\n"
    "  function initIndex() {\n"
    "    var table = $(\"findings\");\n"
    "    if (!table) return;\n"
    "    var tbody = table.tBodies[0], rows = Array.prototype.slice.call(tbody.rows);\n"
    "    var selCheck = $(\"filter-check\"), selFile = $(\"filter-file\"), shown = $(\"shown\");\n"
    "    var params = new URLSearchParams(location.search);\n"
    "    function preset(sel, v) {\n"
    "      each(sel.options, function (o, i) { if (v !== null && o.value === v) sel.selectedIndex = i; });\n"
    "    }\n"
    "    preset(selCheck, params.get(\"check\"));\n"
    "    preset(selFile, params.get(\"file\"));\n"
    "    function apply() {\n"
    "      var c = selCheck.value, f = selFile.value, n = 0;\n"
    "      rows.forEach(function (r) {\n"
    "        var show = (!c || r.getAttribute(\"data-check\") === c) &&\n"
    "                   (!f || r.getAttribute(\"data-file\") === f);\n"
    "        r.hidden = !show;\n"
    "        if (show) n++;\n"
    "      });\n"
    "      shown.textContent = n + \" of \" + rows.length + \" findings shown\";\n"
    "    }\n"
    "    selCheck.addEventListener(\"change\", apply);\n"
    "    selFile.addEventListener(\"change\", apply);\n"
    "    var ths = table.tHead.rows[0].cells;\n"
    "    each(ths, function (th) {\n"
    "      var key = th.getAttribute(\"data-sort\");\n"
    "      if (!key) return;\n"
    "      var btn = document.createElement(\"button\");\n"
    "      btn.type = \"button\";\n"
    "      btn.textContent = th.textContent;\n"
    "      th.textContent = \"\";\n"
    "      th.appendChild(btn);\n"
    "      btn.addEventListener(\"click\", function () {\n"
    "        var dir = th.getAttribute(\"aria-sort\") === \"ascending\" ? -1 : 1;\n"
    "        var numeric = key === \"n\" || key === \"line\";\n"
    "        each(ths, function (h) { h.removeAttribute(\"aria-sort\"); });\n"
    "        th.setAttribute(\"aria-sort\", dir > 0 ? \"ascending\" : \"descending\");\n"
    "        rows.sort(function (a, b) {\n"
    "          var x = a.getAttribute(\"data-\" + key), y = b.getAttribute(\"data-\" + key), d;\n"
    "          d = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);\n"
    "          if (!d) return Number(a.getAttribute(\"data-n\")) - Number(b.getAttribute(\"data-n\"));\n"
    "          return d * dir;\n"
    "        });\n"
    "        rows.forEach(function (r) { tbody.appendChild(r); });\n"
    "      });\n"
    "    });\n"
    "    apply();\n"
    "  }\n"
    "\n"
    "  function initFinding() {\n"
    "    var steps = Array.prototype.slice.call(document.querySelectorAll(\".step[data-step]\"));\n"
    "    var pos = $(\"pos\"), cur = -1;\n"
    "    if (!steps.length) return;\n"
    "    function mark(i, on) {\n"
    "      steps[i].classList.toggle(\"current\", on);\n"
    "      each(document.querySelectorAll(\".mark[data-step='\" + (i + 1) + \"']\"),\n"
    "           function (m) { m.classList.toggle(\"current\", on); });\n"
    "    }\n"
    "    function go(i, scroll) {\n"
    "      i = Math.max(0, Math.min(steps.length - 1, i));\n"
    "      if (cur >= 0) mark(cur, false);\n"
    "      cur = i;\n"
    "      mark(cur, true);\n"
    "      pos.textContent = \"step \" + (cur + 1) + \" of \" + steps.length;\n"
    "      if (scroll) steps[cur].scrollIntoView({block: \"center\"});\n"
    "    }\n"
    "    function fromHash(scroll) {\n"
    "      var m = /^#step-(\\d+)$/.exec(location.hash);\n"
    "      go(m ? Number(m[1]) - 1 : 0, scroll && !!m);\n"
    "    }\n"
    "    function move(delta) {\n"
    "      go(cur + delta, true);\n"
    "      try { history.replaceState(null, \"\", \"#\" + steps[cur].id); } catch (e) { /* file: */ }\n"
    "    }\n"
    "    $(\"prev\").addEventListener(\"click\", function () { move(-1); });\n"
    "    $(\"next\").addEventListener(\"click\", function () { move(1); });\n"
    "    document.addEventListener(\"keydown\", function (e) {\n"
    "      if (e.altKey || e.ctrlKey || e.metaKey) return;\n"
    "      var t = e.target && e.target.tagName;\n"
    "      if (t === \"INPUT\" || t === \"SELECT\" || t === \"TEXTAREA\") return;\n"
    "      if (e.key === \"j\" || e.key === \"n\") move(1);\n"
    "      else if (e.key === \"k\" || e.key === \"p\") move(-1);\n"
    "      else if (e.key === \"u\") location.href = $(\"back\").href;\n"
    "      else return;\n"
    "      e.preventDefault();\n"
    "    });\n"
    "    window.addEventListener(\"hashchange\", function () { fromHash(true); });\n"
    "    fromHash(true);\n"
    "  }\n"
    "\n"
    "  if (page === \"index\") initIndex();\n"
    "  else if (page === \"finding\") initFinding();\n"
    "})();\n";

/* ---- the index page ------------------------------------------------------------ */

/* The distinct strings of a list, sorted (owned array of borrowed strings). */
typedef struct str_set {
  const char **v;
  unsigned n;
  unsigned *count; /* how many times each was added */
} str_set;

static void str_set_add(str_set *s, const char *x) {
  for (unsigned i = 0; i < s->n; i++)
    if (strcmp(s->v[i], x) == 0) {
      s->count[i]++;
      return;
    }
  s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
  s->count = xrealloc(s->count, (s->n + 1) * sizeof *s->count);
  s->v[s->n] = x;
  s->count[s->n++] = 1;
}

/* str_set_sort: sorts the strings, keeping their counts with them. */
static void str_set_sort(str_set *s) {
  for (unsigned i = 1; i < s->n; i++)
    for (unsigned j = i; j > 0 && strcmp(s->v[j - 1], s->v[j]) > 0; j--) {
      const char *t = s->v[j];
      s->v[j] = s->v[j - 1];
      s->v[j - 1] = t;
      unsigned c = s->count[j];
      s->count[j] = s->count[j - 1];
      s->count[j - 1] = c;
    }
}

static void str_set_free(str_set *s) {
  free(s->v);
  free(s->count);
  memset(s, 0, sizeof *s);
}

/* put_shell_word: one argument, quoted for a POSIX shell when it needs it, escaped. */
static void put_shell_word(html_buf *b, const char *a) {
  int plain = *a != '\0';
  for (const char *p = a; *p; p++)
    if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%",
                *p))
      plain = 0;
  if (plain) {
    html_esc(b, a);
    return;
  }
  html_put(b, "&#39;");
  for (const char *p = a; *p; p++) {
    const char *q = strchr(p, '\'');
    size_t n = q ? (size_t)(q - p) : strlen(p);
    html_escn(b, p, n);
    p += n;
    if (!*p)
      break;
    html_put(b, "&#39;\\&#39;&#39;");
  }
  html_put(b, "&#39;");
}

static void index_summary(html_buf *b, const diag_set *s, const html_run *run,
                          const str_set *checks, const str_set *files) {
  unsigned n = diag_count(s);
  html_put(b, "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"boxes\">\n"
              "<div class=\"box\">\n<h3>Run</h3>\n<table class=\"kv\">\n");
  html_printf(b, "<tr><th>findings</th><td id=\"total\">%u</td></tr>\n", n);
  html_printf(b, "<tr><th>translation units</th><td id=\"units\">%u</td></tr>\n", run->nunits);
  if (run->nexcluded)
    html_printf(b, "<tr><th>excluded (--exclude)</th><td>%u</td></tr>\n", run->nexcluded);
  html_printf(b, "<tr><th>units that failed to parse</th><td id=\"nfailed\">%u</td></tr>\n",
              run->nfailed);
  html_printf(b, "<tr><th>files with findings</th><td id=\"nfiles\">%u</td></tr>\n", files->n);
  html_printf(b, "<tr><th>functions cut short</th><td id=\"ncapped\">%u</td></tr>\n",
              run->ncapped);
  html_put(b, "</table>\n</div>\n<div class=\"box\">\n<h3>Findings per check</h3>\n");
  if (!checks->n)
    html_put(b, "<p class=\"none\">No findings.</p>\n");
  else {
    html_put(b, "<table class=\"kv\" id=\"per-check\">\n");
    for (unsigned i = 0; i < checks->n; i++) {
      const char *id = checks->v[i];
      html_put(b, "<tr><th>");
      if (checks_find(id)) {
        char uri[512];
        checks_help_uri(id, uri, sizeof uri);
        html_put(b, "<a href=\"");
        html_esc(b, uri);
        html_put(b, "\">");
        html_esc(b, id);
        html_put(b, "</a>");
      } else {
        html_esc(b, id);
      }
      html_printf(b, "</th><td>%u</td></tr>\n", checks->count[i]);
    }
    html_put(b, "</table>\n");
  }
  html_put(b, "</div>\n<div class=\"box\">\n<h3>Units that failed to parse</h3>\n");
  if (!run->nfailed)
    html_put(b, "<p class=\"none\" id=\"failed\">None.</p>\n");
  else {
    html_put(b, "<p>Their first error is on the run's standard error; they were not "
                "analysed.</p>\n<ul id=\"failed\">\n");
    for (unsigned i = 0; i < run->nfailed; i++) {
      char *p = html_display_path(run->srcroot, run->failed[i]);
      html_put(b, "<li><code>");
      html_esc(b, p);
      html_put(b, "</code></li>\n");
      free(p);
    }
    html_put(b, "</ul>\n");
  }
  html_put(b, "</div>\n<div class=\"box\">\n<h3>Functions whose analysis was cut short</h3>\n");
  if (!run->ncapped)
    html_put(b, "<p class=\"none\" id=\"capped\">None.</p>\n");
  else {
    html_put(b, "<p>A limit (--max-states, --max-steps) was hit: findings in these "
                "functions may be incomplete.</p>\n<ul id=\"capped\">\n");
    for (unsigned i = 0; i < run->ncapped; i++) {
      html_put(b, "<li><code>");
      html_esc(b, run->capped[i]);
      html_put(b, "</code></li>\n");
    }
    html_put(b, "</ul>\n");
  }
  html_put(b, "</div>\n</div>\n</section>\n");
}

static void put_options(html_buf *b, const char *id, const char *label, const str_set *set) {
  html_printf(b, "<label>%s <select id=\"%s\">\n<option value=\"\">all</option>\n", label, id);
  for (unsigned i = 0; i < set->n; i++) {
    html_put(b, "<option value=\"");
    html_esc(b, set->v[i]);
    html_put(b, "\">");
    html_esc(b, set->v[i]);
    html_printf(b, " (%u)</option>\n", set->count[i]);
  }
  html_put(b, "</select></label>\n");
}

/* index_page: the whole index into b; names[i] is finding i's page. */
static void index_page(html_buf *b, const diag_set *s, const html_run *run, char **shown,
                       char **names) {
  unsigned n = diag_count(s);
  str_set checks, files;
  memset(&checks, 0, sizeof checks);
  memset(&files, 0, sizeof files);
  for (unsigned i = 0; i < n; i++) {
    str_set_add(&checks, diag_get(s, i)->check ? diag_get(s, i)->check : "");
    str_set_add(&files, shown[i]);
  }
  str_set_sort(&checks);
  str_set_sort(&files);

  html_head(b, "sspi-check report", "", "index");
  html_put(b, "<header>\n<h1>sspi-check report</h1>\n");
  if (run->version) {
    html_put(b, "<p class=\"meta\" id=\"version\">");
    html_esc(b, run->version);
    html_put(b, "</p>\n");
  }
  if (run->argc > 0) {
    html_put(b, "<p class=\"meta\">command line: <code class=\"cmdline\" id=\"cmdline\">");
    for (int i = 0; i < run->argc; i++) {
      if (i)
        html_put(b, " ");
      put_shell_word(b, run->argv[i]);
    }
    html_put(b, "</code></p>\n");
  }
  if (run->srcroot) {
    html_put(b, "<p class=\"meta\">paths relative to <code id=\"srcroot\">");
    html_esc(b, run->srcroot);
    html_put(b, "</code></p>\n");
  }
  html_put(b, "</header>\n");
  index_summary(b, s, run, &checks, &files);

  html_put(b, "<section id=\"list\">\n<h2>Findings</h2>\n");
  if (!n) {
    html_put(b, "<p class=\"none\">No findings.</p>\n</section>\n");
  } else {
    html_put(b, "<form class=\"filters\" action=\"#\">\n");
    put_options(b, "filter-check", "check", &checks);
    put_options(b, "filter-file", "file", &files);
    html_printf(b, "<span id=\"shown\">%u findings</span>\n</form>\n", n);
    html_put(b, "<table id=\"findings\">\n<thead><tr><th data-sort=\"n\">#</th>"
                "<th data-sort=\"check\">check</th><th data-sort=\"file\">file</th>"
                "<th data-sort=\"line\">line</th><th data-sort=\"func\">function</th>"
                "<th data-sort=\"msg\">message</th></tr></thead>\n<tbody>\n");
    for (unsigned i = 0; i < n; i++) {
      const diag *d = diag_get(s, i);
      const char *check = d->check ? d->check : "", *func = d->func ? d->func : "";
      html_printf(b, "<tr data-n=\"%u\" data-check=\"", i + 1);
      html_esc(b, check);
      html_put(b, "\" data-file=\"");
      html_esc(b, shown[i]);
      html_printf(b, "\" data-line=\"%u\" data-func=\"", d->loc.line);
      html_esc(b, func);
      html_put(b, "\" data-msg=\"");
      html_esc(b, d->msg);
      html_printf(b, "\"><td class=\"n\">%u</td><td class=\"check\">", i + 1);
      html_esc(b, check);
      html_put(b, "</td><td class=\"file\">");
      html_esc(b, shown[i]);
      html_printf(b, "</td><td class=\"line\">%u</td><td class=\"func\">", d->loc.line);
      html_esc(b, func);
      html_put(b, "</td><td class=\"msg\"><a href=\"" HTML_PAGES_DIR "/");
      html_esc(b, names[i]);
      html_put(b, "\">");
      html_esc(b, d->msg);
      html_put(b, "</a></td></tr>\n");
    }
    html_put(b, "</tbody>\n</table>\n</section>\n");
  }
  html_tail(b);
  str_set_free(&checks);
  str_set_free(&files);
}

/* ---- files --------------------------------------------------------------------- */

/* make_dirs: dir and its missing parents (mkdir -p). 0, or -1 with errno set. */
static int make_dirs(const char *dir) {
  char *p = xstrdup(dir);
  int rc = 0;
  for (char *s = p + 1; rc == 0; s++) {
    if (*s != '/' && *s != '\0')
      continue;
    char c = *s;
    *s = '\0';
    struct stat st;
    if (stat(p, &st) != 0) {
      if (mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    } else if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      rc = -1;
    }
    *s = c;
    if (!c)
      break;
  }
  free(p);
  return rc;
}

/* write_file: b into dir/name through a new temporary file in dir and a rename (so a
 * symbolic link planted at dir/name is replaced, never followed). 0, or -1 with err. */
static int write_file(const char *dir, const char *name, const char *data, size_t len,
                      char *err, size_t errlen) {
  size_t n = strlen(dir) + strlen(name) + 16;
  char *path = xmalloc(n), *tmp = xmalloc(n);
  snprintf(path, n, "%s/%s", dir, name);
  snprintf(tmp, n, "%s/.tmp.XXXXXX", dir);
  int rc = -1;
  int fd = mkstemp(tmp);
  if (fd < 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    goto done;
  }
  FILE *f = fdopen(fd, "w");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd);
    unlink(tmp);
    goto done;
  }
  fchmod(fd, 0644);
  int bad = fwrite(data, 1, len, f) != len;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, path) != 0) {
    snprintf(err, errlen, "%s: %s", path, bad ? "write error" : strerror(errno));
    unlink(tmp);
    goto done;
  }
  rc = 0;
done:
  free(path);
  free(tmp);
  return rc;
}

/* is_page_name: a name html_page_name makes ("0007-....html"). */
static int is_page_name(const char *name) {
  size_t digits = strspn(name, "0123456789"), n = strlen(name);
  return digits >= 4 && name[digits] == '-' && n > 5 && strcmp(name + n - 5, ".html") == 0;
}

/* pages_dir: dir/findings as a real directory (not a symbolic link), emptied of the
 * pages of an earlier report. Owned path, or NULL with err set. */
static char *pages_dir(const char *dir, char *err, size_t errlen) {
  size_t n = strlen(dir) + sizeof HTML_PAGES_DIR + 2;
  char *p = xmalloc(n);
  snprintf(p, n, "%s/%s", dir, HTML_PAGES_DIR);
  struct stat st;
  if (mkdir(p, 0777) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "%s: %s", p, strerror(errno));
    free(p);
    return NULL;
  }
  if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "%s: not a directory (a report writes its pages there)", p);
    free(p);
    return NULL;
  }
  DIR *d = opendir(p);
  struct dirent *de;
  while (d && (de = readdir(d)) != NULL) {
    if (!is_page_name(de->d_name))
      continue;
    size_t m = n + strlen(de->d_name) + 1;
    char *old = xmalloc(m);
    snprintf(old, m, "%s/%s", p, de->d_name);
    unlink(old);
    free(old);
  }
  if (d)
    closedir(d);
  return p;
}

int html_report_write(const char *dir, const diag_set *s, const html_run *run, char *err,
                      size_t errlen) {
  int rc = -1;
  unsigned n = diag_count(s);
  select_src *own = run->src ? NULL : select_src_new();
  select_src *src = run->src ? run->src : own;
  char **shown = xmalloc((n + 1) * sizeof *shown);
  char **names = xmalloc((n + 1) * sizeof *names);
  char *pdir = NULL;
  html_buf b;
  memset(&b, 0, sizeof b);
  for (unsigned i = 0; i < n; i++) {
    shown[i] = html_display_path(run->srcroot, diag_get(s, i)->loc.file);
    names[i] = html_page_name(i, diag_get(s, i));
  }
  if (make_dirs(dir) != 0) {
    snprintf(err, errlen, "%s: %s", dir, strerror(errno));
    goto done;
  }
  if (!(pdir = pages_dir(dir, err, errlen)))
    goto done;
  if (write_file(dir, "report.css", report_css, sizeof report_css - 1, err, errlen) != 0 ||
      write_file(dir, "report.js", report_js, sizeof report_js - 1, err, errlen) != 0)
    goto done;
  for (unsigned i = 0; i < n; i++) {
    b.len = 0;
    html_finding_page(&b, diag_get(s, i), i, n, run, src);
    if (write_file(pdir, names[i], b.data, b.len, err, errlen) != 0)
      goto done;
  }
  b.len = 0;
  index_page(&b, s, run, shown, names);
  if (write_file(dir, "index.html", b.data, b.len, err, errlen) != 0)
    goto done;
  rc = 0;
done:
  for (unsigned i = 0; i < n; i++) {
    free(shown[i]);
    free(names[i]);
  }
  free(shown);
  free(names);
  free(pdir);
  html_buf_free(&b);
  select_src_free(own);
  return rc;
}
