/* out_html_page.c - the page of one finding: its path's steps (the notes in order, then
 * the finding itself) numbered in place over the source of the function each step is
 * in.
 *
 * The function around a step is found in the source text by a small scanner (comments,
 * strings, character literals and preprocessor lines skipped): the outermost brace
 * block opened right after a ')' (or after const, noexcept, override, final, try)
 * that contains the line, from the first token of its declaration to its closing
 * brace. Where the scanner finds none (a step outside any function, a body made of
 * macros, a function longer than HTML_MAX_REGION lines), a few lines around the step
 * are shown instead. Regions of one file that overlap are merged.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "out_html_internal.h"
#include "util/xalloc.h"

#define HTML_MAX_REGION 1500u  /* longest function shown whole */
#define HTML_CONTEXT 4u        /* lines around a step outside any function */
#define HTML_MAX_DEPTH 512u    /* brace nesting the scanner follows */
#define HTML_MAX_PAD 120u      /* widest indentation of a step's box */

/* ---- source text: lines and function extents ----------------------------------- */

/* A block the scanner found: a function body with its declaration. */
typedef struct fn_block {
  unsigned decl, open, close; /* lines: first token of the declaration, '{', '}' */
} fn_block;

/* One source file of the page: its text (borrowed from the cache), line starts and
 * function blocks (owned). */
typedef struct src_file {
  const char *path;     /* as in the finding (borrowed) */
  const char *text;     /* NULL: unreadable */
  size_t len;
  size_t *line_off;     /* line_off[k]: start of line k+1; nlines entries */
  unsigned nlines;
  fn_block *blocks;
  unsigned nblocks;
} src_file;

static int is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_';
}

/* opens_body: '{' after prev_sig (and the identifier word before it) opens a function
 * body. */
static int opens_body(char prev_sig, const char *word) {
  static const char *const after[] = {"const", "noexcept", "override", "final", "try",
                                      "mutable"};
  if (prev_sig == ')')
    return 1;
  if (!is_ident(prev_sig))
    return 0;
  for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
    if (strcmp(word, after[i]) == 0)
      return 1;
  return 0;
}

/* scan_blocks: the function blocks of f's text. */
static void scan_blocks(src_file *f) {
  typedef struct open_brace {
    unsigned line, decl;
    int body;
  } open_brace;
  open_brace *stack = xmalloc(HTML_MAX_DEPTH * sizeof *stack);
  unsigned depth = 0, cap = 0;
  const char *t = f->text;
  size_t n = f->len;
  unsigned line = 1, decl = 0;
  char prev_sig = 0;
  char word[32] = "";
  size_t wlen = 0, prev_at = 0;
  int line_start = 1;
  for (size_t i = 0; i < n; i++) {
    char c = t[i];
    if (c == '\n') {
      line++;
      line_start = 1;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
      continue;
    if (line_start && c == '#') { /* a directive, with its continuation lines */
      for (; i < n && t[i] != '\n'; i++)
        if (t[i] == '\\' && i + 1 < n && t[i + 1] == '\n') {
          i++;
          line++;
        }
      i--; /* the newline is counted above */
      decl = 0;
      prev_sig = 0;
      continue;
    }
    line_start = 0;
    if (c == '/' && i + 1 < n && t[i + 1] == '/') {
      while (i + 1 < n && t[i + 1] != '\n')
        i++;
      continue;
    }
    if (c == '/' && i + 1 < n && t[i + 1] == '*') {
      for (i += 2; i + 1 < n && !(t[i] == '*' && t[i + 1] == '/'); i++)
        if (t[i] == '\n')
          line++;
      i++;
      continue;
    }
    if (!decl)
      decl = line;
    if (c == '"' || c == '\'') {
      for (i++; i < n && t[i] != c && t[i] != '\n'; i++)
        if (t[i] == '\\' && i + 1 < n) {
          if (t[i + 1] == '\n')
            line++;
          i++;
        }
      if (i < n && t[i] == '\n')
        i--; /* unterminated: the newline ends it */
      prev_sig = c;
      continue;
    }
    if (is_ident(c)) {
      if (!is_ident(prev_sig) || prev_at + 1 != i)
        wlen = 0; /* a new word */
      if (wlen < sizeof word - 1)
        word[wlen++] = c;
      word[wlen] = '\0';
      prev_sig = c;
      prev_at = i;
      continue;
    }
    wlen = 0;
    if (c == '{') {
      if (depth < HTML_MAX_DEPTH) {
        stack[depth].line = line;
        stack[depth].decl = decl;
        stack[depth].body = opens_body(prev_sig, word);
      }
      depth++;
      decl = 0;
    } else if (c == '}') {
      if (depth > 0 && --depth < HTML_MAX_DEPTH && stack[depth].body) {
        if (f->nblocks == cap) {
          cap = cap ? 2 * cap : 64;
          f->blocks = xrealloc(f->blocks, cap * sizeof *f->blocks);
        }
        fn_block *b = &f->blocks[f->nblocks++];
        b->decl = stack[depth].decl;
        b->open = stack[depth].line;
        b->close = line;
      }
      decl = 0;
    } else if (c == ';') {
      decl = 0;
    }
    prev_sig = c;
    prev_at = i;
  }
  free(stack);
}

static void src_file_load(src_file *f, const char *path, select_src *src) {
  memset(f, 0, sizeof *f);
  f->path = path;
  f->text = select_src_text(src, path, &f->len);
  if (!f->text)
    return;
  unsigned cap = 256;
  f->line_off = xmalloc(cap * sizeof *f->line_off);
  f->line_off[f->nlines++] = 0;
  for (size_t i = 0; i < f->len; i++)
    if (f->text[i] == '\n' && i + 1 < f->len) {
      if (f->nlines == cap) {
        cap *= 2;
        f->line_off = xrealloc(f->line_off, cap * sizeof *f->line_off);
      }
      f->line_off[f->nlines++] = i + 1;
    }
  scan_blocks(f);
}

/* src_line: the text of line ln (1-based) without its line end; NULL past the end. */
static const char *src_line(const src_file *f, unsigned ln, size_t *len) {
  if (!f->text || ln == 0 || ln > f->nlines)
    return NULL;
  size_t a = f->line_off[ln - 1];
  size_t b = ln < f->nlines ? f->line_off[ln] - 1 : f->len;
  if (b > a && f->text[b - 1] == '\n')
    b--;
  if (b > a && f->text[b - 1] == '\r')
    b--;
  *len = b - a;
  return f->text + a;
}

/* extent: the lines to show around line ln of f: its function, else some context. */
static void extent(const src_file *f, unsigned ln, unsigned *lo, unsigned *hi) {
  const fn_block *best = NULL;
  for (unsigned i = 0; i < f->nblocks; i++) {
    const fn_block *b = &f->blocks[i];
    if (b->decl <= ln && ln <= b->close && b->close - b->decl < HTML_MAX_REGION &&
        (!best || b->decl < best->decl))
      best = b;
  }
  if (best) {
    *lo = best->decl;
    *hi = best->close;
    return;
  }
  *lo = ln > HTML_CONTEXT ? ln - HTML_CONTEXT : 1;
  *hi = ln + HTML_CONTEXT;
  if (*hi > f->nlines)
    *hi = f->nlines > ln ? f->nlines : ln;
}

/* ---- steps and regions --------------------------------------------------------- */

typedef struct step {
  ir_loc loc;
  const char *msg;
  int final;       /* the finding itself (the last step) */
  int file;        /* index into the page's files; -1: no location */
} step;

typedef struct region {
  int file;
  unsigned lo, hi;
  unsigned first;  /* lowest step number in it: regions are shown in that order */
} region;

static int region_cmp(const void *a, const void *b) {
  const region *x = a, *y = b;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* A page under construction. */
typedef struct page {
  step *steps;
  unsigned nsteps;
  src_file *files;
  unsigned nfiles;
  region *regions;
  unsigned nregions;
} page;

static int page_file(page *p, const char *path, select_src *src) {
  for (unsigned i = 0; i < p->nfiles; i++)
    if (strcmp(p->files[i].path, path) == 0)
      return (int)i;
  p->files = xrealloc(p->files, (p->nfiles + 1) * sizeof *p->files);
  src_file_load(&p->files[p->nfiles], path, src);
  return (int)p->nfiles++;
}

/* page_regions: one region per step with a location, then merged per file. */
static void page_regions(page *p) {
  p->regions = xmalloc((p->nsteps + 1) * sizeof *p->regions);
  for (unsigned i = 0; i < p->nsteps; i++) {
    const step *s = &p->steps[i];
    if (s->file < 0)
      continue;
    region r;
    r.file = s->file;
    r.first = i;
    extent(&p->files[s->file], s->loc.line, &r.lo, &r.hi);
    /* merge with an overlapping or adjacent region of the same file */
    int merged = 1;
    while (merged) {
      merged = 0;
      for (unsigned k = 0; k < p->nregions; k++) {
        region *o = &p->regions[k];
        if (o->file != r.file || r.lo > o->hi + 3 || o->lo > r.hi + 3)
          continue;
        r.lo = o->lo < r.lo ? o->lo : r.lo;
        r.hi = o->hi > r.hi ? o->hi : r.hi;
        r.first = o->first < r.first ? o->first : r.first;
        p->regions[k] = p->regions[--p->nregions];
        merged = 1;
        break;
      }
    }
    p->regions[p->nregions++] = r;
  }
  qsort(p->regions, p->nregions, sizeof *p->regions, region_cmp);
}

static void page_free(page *p) {
  for (unsigned i = 0; i < p->nfiles; i++) {
    free(p->files[i].line_off);
    free(p->files[i].blocks);
  }
  free(p->files);
  free(p->steps);
  free(p->regions);
}

/* ---- rendering ----------------------------------------------------------------- */

/* put_code_line: the text of a line with the marks of the steps on it inserted at
 * their columns (step numbers in steps[], sorted by column then number). */
static void put_code_line(html_buf *b, const char *text, size_t len, const page *p,
                          const unsigned *on, unsigned non) {
  size_t at = 0;
  for (unsigned k = 0; k < non; k++) {
    const step *s = &p->steps[on[k]];
    size_t pos = s->loc.col > 0 ? s->loc.col - 1 : 0;
    if (pos > len)
      pos = len;
    while (pos > at && pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
      pos--; /* never inside a UTF-8 sequence */
    if (pos < at)
      pos = at;
    html_escn(b, text + at, pos - at);
    at = pos;
    html_printf(b, "<span class=\"mark%s\" data-step=\"%u\">%u</span>", s->final ? " final" : "",
                on[k] + 1, on[k] + 1);
  }
  html_escn(b, text + at, len - at);
}

/* put_pad: the line's text up to a column, every character but tab as a space, so a
 * step's box starts under the place it is about. */
static void put_pad(html_buf *b, const char *text, size_t len, unsigned col) {
  size_t end = col > 0 ? col - 1 : 0;
  if (end > len)
    end = len;
  unsigned w = 0;
  html_put(b, "<span class=\"pad\">");
  for (size_t i = 0; i < end && w < HTML_MAX_PAD; i++) {
    unsigned char c = (unsigned char)text[i];
    if ((c & 0xC0) == 0x80)
      continue;
    html_putn(b, c == '\t' ? "\t" : " ", 1);
    w++;
  }
  html_put(b, "</span>");
}

static void put_step_box(html_buf *b, const page *p, unsigned i) {
  const step *s = &p->steps[i];
  html_printf(b, "<div class=\"step%s\" id=\"step-%u\" data-step=\"%u\" data-line=\"%u\">"
                 "<span class=\"num\">%u</span>",
              s->final ? " final" : "", i + 1, i + 1, s->loc.line, i + 1);
  html_esc(b, s->msg);
  html_put(b, "</div>");
}

static int col_cmp(const void *a, const void *b, const page *p) {
  const step *x = &p->steps[*(const unsigned *)a], *y = &p->steps[*(const unsigned *)b];
  if (x->loc.col != y->loc.col)
    return x->loc.col < y->loc.col ? -1 : 1;
  return *(const unsigned *)a < *(const unsigned *)b ? -1 : 1;
}

static void put_region(html_buf *b, const page *p, unsigned ri, const html_run *run) {
  const region *r = &p->regions[ri];
  const src_file *f = &p->files[r->file];
  char *shown = html_display_path(run->srcroot, f->path);
  unsigned *on = xmalloc((p->nsteps + 1) * sizeof *on);
  html_put(b, "<section class=\"region\" data-file=\"");
  html_esc(b, shown);
  html_put(b, "\">\n<h3>");
  html_esc(b, shown);
  if (f->text)
    html_printf(b, ", lines %u&ndash;%u", r->lo, r->hi);
  html_put(b, "</h3>\n");
  if (!f->text)
    html_put(b, "<p class=\"none\">The source of this file could not be read.</p>\n");
  html_put(b, "<table class=\"src\"><tbody>\n");
  for (unsigned ln = r->lo; ln <= r->hi; ln++) {
    size_t len = 0;
    const char *text = src_line(f, ln, &len);
    unsigned non = 0;
    for (unsigned i = 0; i < p->nsteps; i++)
      if (p->steps[i].file == r->file && p->steps[i].loc.line == ln)
        on[non++] = i;
    if (!text && !non)
      continue;
    for (unsigned i = 1; i < non; i++) /* by column, then step number */
      for (unsigned j = i; j > 0 && col_cmp(&on[j - 1], &on[j], p) > 0; j--) {
        unsigned t = on[j];
        on[j] = on[j - 1];
        on[j - 1] = t;
      }
    html_printf(b, "<tr class=\"line%s\" id=\"r%u-L%u\" data-line=\"%u\"><td class=\"ln\">%u</td>"
                   "<td class=\"code\">",
                non ? " has-step" : "", ri + 1, ln, ln, ln);
    put_code_line(b, text ? text : "", text ? len : 0, p, on, non);
    html_put(b, "</td></tr>\n");
    /* the boxes in path order */
    for (unsigned i = 0; i < p->nsteps; i++) {
      if (p->steps[i].file != r->file || p->steps[i].loc.line != ln)
        continue;
      html_printf(b, "<tr class=\"ev\" data-line=\"%u\"><td class=\"ln\"></td><td class=\"code\">",
                  ln);
      put_pad(b, text ? text : "", text ? len : 0, p->steps[i].loc.col);
      put_step_box(b, p, i);
      html_put(b, "</td></tr>\n");
    }
  }
  html_put(b, "</tbody></table>\n</section>\n");
  free(on);
  free(shown);
}

void html_finding_page(html_buf *b, const diag *d, unsigned i, unsigned n,
                       const html_run *run, select_src *src) {
  page p;
  memset(&p, 0, sizeof p);
  p.nsteps = d->nnotes + 1;
  p.steps = xmalloc(p.nsteps * sizeof *p.steps);
  for (unsigned k = 0; k < p.nsteps; k++) {
    step *s = &p.steps[k];
    int last = k == d->nnotes;
    s->loc = last ? d->loc : d->notes[k].loc;
    s->msg = last ? d->msg : d->notes[k].msg;
    s->final = last;
    s->file = s->loc.file && s->loc.line > 0 ? page_file(&p, s->loc.file, src) : -1;
  }
  page_regions(&p);

  char *shown = html_display_path(run->srcroot, d->loc.file);
  const char *check = d->check ? d->check : "";
  html_buf title;
  memset(&title, 0, sizeof title);
  html_printf(&title, "%s: %s:%u", check, shown, d->loc.line);
  html_head(b, title.data, "../", "finding");
  html_buf_free(&title);

  html_put(b, "<header class=\"finding-head\">\n<p><a id=\"back\" href=\"../index.html\">"
              "&larr; all findings</a>");
  html_printf(b, " &middot; finding %u of %u</p>\n<h1><span class=\"check\">", i + 1, n);
  if (checks_find(check)) {
    char uri[512];
    checks_help_uri(check, uri, sizeof uri);
    html_put(b, "<a href=\"");
    html_esc(b, uri);
    html_put(b, "\">");
    html_esc(b, check);
    html_put(b, "</a>");
  } else {
    html_esc(b, check);
  }
  html_put(b, "</span> <span id=\"message\">");
  html_esc(b, d->msg);
  html_put(b, "</span></h1>\n<p class=\"meta\"><code id=\"where\">");
  html_esc(b, shown);
  html_printf(b, ":%u:%u</code>", d->loc.line, d->loc.col);
  if (d->func && *d->func) {
    html_put(b, " in function <code id=\"function\">");
    html_esc(b, d->func);
    html_put(b, "</code>");
  }
  html_put(b, "</p>\n</header>\n");

  html_printf(b, "<nav class=\"nav\"><button type=\"button\" id=\"prev\">&larr; previous step"
                 "</button><button type=\"button\" id=\"next\">next step &rarr;</button>"
                 "<span id=\"pos\">%u steps</span><span class=\"keys\">keys: j or n next, "
                 "k or p previous, u all findings</span></nav>\n",
              p.nsteps);

  html_put(b, "<h2>Path</h2>\n<ol class=\"steps-list\">\n");
  for (unsigned k = 0; k < p.nsteps; k++) {
    const step *s = &p.steps[k];
    html_printf(b, "<li%s><a href=\"#step-%u\">", s->final ? " class=\"final\"" : "", k + 1);
    if (s->loc.file) {
      char *sp = html_display_path(run->srcroot, s->loc.file);
      html_esc(b, sp);
      html_printf(b, ":%u", s->loc.line);
      free(sp);
    } else {
      html_put(b, "(no location)");
    }
    html_put(b, "</a> ");
    html_esc(b, s->msg);
    html_put(b, "</li>\n");
  }
  html_put(b, "</ol>\n<h2>Source</h2>\n");
  for (unsigned r = 0; r < p.nregions; r++)
    put_region(b, &p, r, run);
  /* steps without a location have their box here, so that navigation reaches them */
  for (unsigned k = 0; k < p.nsteps; k++)
    if (p.steps[k].file < 0) {
      html_put(b, "<p>");
      put_step_box(b, &p, k);
      html_put(b, "</p>\n");
    }
  html_tail(b);
  free(shown);
  page_free(&p);
}
