/* baseline.c - fingerprints of findings; writing and reading baseline files. */
#define _XOPEN_SOURCE 700
#include "baseline.h"
#include "util/infile.h"
#include "util/outfile.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASELINE_VERSION 1
#define BASELINE_CAP 1000000u


/* ---- fingerprints --------------------------------------------------------------- */

/* A growable byte string. */
typedef struct sbuf {
  char *p;
  size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->n + n + 1) cap *= 2;
    char *q = realloc(b->p, cap);
    if (!q) xalloc_fail();
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s) {
  sb_put(b, s ? s : "", s ? strlen(s) : 0);
  sb_put(b, "\x1f", 1); /* field separator: never in paths or messages */
}

/* Two independent 64-bit FNV-1a style hashes with a final avalanche each. */
static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

static void hash128(const char *s, size_t n, uint64_t out[2]) {
  uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    h1 = (h1 ^ c) * 0x100000001b3ULL;
    h2 = (h2 ^ (unsigned char)(c + 0x5b)) * 0x100000001b3ULL;
    h2 ^= h2 >> 29;
  }
  out[0] = mix64(h1 ^ (uint64_t)n);
  out[1] = mix64(h2 + 0x9e3779b97f4a7c15ULL * (uint64_t)n);
}

typedef struct fp_key {
  char *key;
  unsigned idx;
} fp_key;

static int fp_key_cmp(const void *a, const void *b) {
  const fp_key *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* The key of one finding, without its occurrence index. Owned. */
static char *finding_key(const diag *d, const char *root_abs, select_src *src) {
  sbuf b = {0};
  sb_str(&b, "v1");
  sb_str(&b, d->check);
  if (d->loc.file) {
    char *p = select_display_path(root_abs, d->loc.file);
    sb_str(&b, p);
    free(p);
  } else {
    sb_str(&b, "");
  }
  sb_str(&b, d->func);
  sb_str(&b, d->msg);
  size_t len = 0;
  const char *line = d->loc.file ? select_src_line(src, d->loc.file, d->loc.line, &len) : NULL;
  for (size_t i = 0; line && i < len; i++)
    if (!isspace((unsigned char)line[i])) sb_put(&b, &line[i], 1);
  sb_put(&b, "\x1f", 1);
  return b.p;
}

/* baseline_fingerprints: owned array of owned hex fingerprints, in set order. */
char **baseline_fingerprints(const diag_set *s, const char *root_abs, select_src *src) {
  unsigned n = diag_count(s);
  select_src *own = src ? NULL : select_src_new();
  if (!src) src = own;
  fp_key *keys = xmalloc(n * sizeof *keys);
  for (unsigned i = 0; i < n; i++) {
    keys[i].key = finding_key(diag_get(s, i), root_abs, src);
    keys[i].idx = i;
  }
  qsort(keys, n, sizeof *keys, fp_key_cmp);
  char **fps = xmalloc((n ? n : 1) * sizeof *fps);
  unsigned occ = 0;
  for (unsigned k = 0; k < n; k++) {
    occ = (k && strcmp(keys[k].key, keys[k - 1].key) == 0) ? occ + 1 : 0;
    char num[16];
    int nl = snprintf(num, sizeof num, "%u", occ);
    sbuf b = {0};
    sb_put(&b, keys[k].key, strlen(keys[k].key));
    sb_put(&b, num, (size_t)nl);
    uint64_t h[2];
    hash128(b.p, b.n, h);
    free(b.p);
    char *fp = xmalloc(33);
    snprintf(fp, 33, "%016llx%016llx", (unsigned long long)h[0], (unsigned long long)h[1]);
    fps[keys[k].idx] = fp;
  }
  for (unsigned k = 0; k < n; k++) free(keys[k].key);
  free(keys);
  select_src_free(own);
  return fps;
}

/* baseline_fingerprints_free: frees n strings and the array; NULL is fine. */
void baseline_fingerprints_free(char **fps, unsigned n) {
  if (!fps) return;
  for (unsigned i = 0; i < n; i++) free(fps[i]);
  free(fps);
}

/* ---- writing -------------------------------------------------------------------- */

typedef struct bl_row {
  char *file;
  const char *rule, *msg, *fp;
} bl_row;

static int bl_row_cmp(const void *a, const void *b) {
  const bl_row *x = a, *y = b;
  int c = strcmp(x->file, y->file);
  if (!c) c = strcmp(x->rule, y->rule);
  if (!c) c = strcmp(x->msg, y->msg);
  if (!c) c = strcmp(x->fp, y->fp);
  return c;
}

/* baseline_write: sorted one-finding-per-line JSON, written through a new temporary file
 * beside path (util/outfile.h) then renamed. */
int baseline_write(const char *path, const diag *const *ds, const char *const *fps,
                   unsigned n, const char *root_abs, char *err, size_t errlen) {
  bl_row *rows = xmalloc((n ? n : 1) * sizeof *rows);
  for (unsigned i = 0; i < n; i++) {
    rows[i].file = ds[i]->loc.file ? select_display_path(root_abs, ds[i]->loc.file) : NULL;
    if (!rows[i].file) rows[i].file = strdup("");
    rows[i].rule = ds[i]->check ? ds[i]->check : "";
    rows[i].msg = ds[i]->msg ? ds[i]->msg : "";
    rows[i].fp = fps[i] ? fps[i] : "";
  }
  qsort(rows, n, sizeof *rows, bl_row_cmp);

  int rc = -1;
  outfile of;
  FILE *f = outfile_open(&of, path, err, errlen);
  if (!f)
    goto done;
  fprintf(f, "{\n  \"version\": %d,\n  \"tool\": \"sspi-check\",\n  \"findings\": [", BASELINE_VERSION);
  for (unsigned i = 0; i < n; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "fingerprint", json_string(rows[i].fp));
    json_object_set_new(o, "ruleId", json_string(rows[i].rule));
    json_object_set_new(o, "file", json_string(rows[i].file));
    json_object_set_new(o, "message", json_string(rows[i].msg));
    char *line = json_dumps(o, JSON_PRESERVE_ORDER);
    json_decref(o);
    fprintf(f, "%s\n    %s", i ? "," : "", line ? line : "{}");
    free(line);
  }
  fprintf(f, "%s]\n}\n", n ? "\n  " : "");
  if (outfile_commit(&of, err, errlen) != 0)
    goto done;
  rc = 0;
done:
  for (unsigned i = 0; i < n; i++) free(rows[i].file);
  free(rows);
  return rc;
}

/* ---- reading -------------------------------------------------------------------- */

struct baseline {
  unsigned n;
  char **fp; /* sorted */
};

static int str_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int fp_ok(const char *s) {
  size_t n = 0;
  for (; s[n]; n++)
    if (!isxdigit((unsigned char)s[n])) return 0;
  return n >= 8 && n <= 128;
}

/* baseline_load: the set of fingerprints of a baseline file; NULL with err on error. */
baseline *baseline_load(const char *path, char *err, size_t errlen) {
  json_error_t je;
  char ierr[4200];
  FILE *in = infile_open(path, INFILE_MAX_LIST, ierr, sizeof ierr);
  if (!in) {
    snprintf(err, errlen, "%s: cannot read baseline: %s", path, infile_reason(ierr, path));
    return NULL;
  }
  json_t *root = json_loadf(in, JSON_REJECT_DUPLICATES, &je);
  fclose(in);
  if (!root) {
    if (je.line <= 0) snprintf(err, errlen, "%s: cannot read baseline: %s", path, je.text);
    else snprintf(err, errlen, "%s: invalid JSON at line %d: %s", path, je.line, je.text);
    return NULL;
  }
  baseline *b = NULL;
  json_t *ver = json_object_get(root, "version");
  json_t *arr = json_object_get(root, "findings");
  if (!json_is_object(root)) {
    snprintf(err, errlen, "%s: not a baseline file (expected a JSON object)", path);
    goto done;
  }
  if (!json_is_integer(ver) || json_integer_value(ver) != BASELINE_VERSION) {
    snprintf(err, errlen, "%s: unsupported baseline version (expected \"version\": %d)", path,
             BASELINE_VERSION);
    goto done;
  }
  if (!json_is_array(arr)) {
    snprintf(err, errlen, "%s: missing \"findings\" array", path);
    goto done;
  }
  size_t n = json_array_size(arr);
  if (n > BASELINE_CAP) {
    snprintf(err, errlen, "%s: too many findings (limit %u)", path, BASELINE_CAP);
    goto done;
  }
  b = xmalloc(sizeof *b);
  b->n = 0;
  b->fp = xmalloc((n ? n : 1) * sizeof *b->fp);
  for (size_t i = 0; i < n; i++) {
    json_t *e = json_array_get(arr, i);
    json_t *fp = json_object_get(e, "fingerprint");
    const char *s = json_string_value(fp);
    if (!json_is_object(e) || !s || !fp_ok(s)) {
      snprintf(err, errlen, "%s: finding %zu has no valid \"fingerprint\" (hex string)", path,
               i + 1);
      baseline_free(b);
      b = NULL;
      goto done;
    }
    b->fp[b->n++] = strdup(s);
  }
  qsort(b->fp, b->n, sizeof *b->fp, str_cmp);
done:
  json_decref(root);
  return b;
}

/* baseline_free: frees b; NULL is fine. */
void baseline_free(baseline *b) {
  if (!b) return;
  for (unsigned i = 0; i < b->n; i++) free(b->fp[i]);
  free(b->fp);
  free(b);
}

/* baseline_has: binary search of the sorted fingerprints. */
int baseline_has(const baseline *b, const char *fp) {
  if (!b || !fp) return 0;
  return bsearch(&fp, b->fp, b->n, sizeof *b->fp, str_cmp) != NULL;
}

/* baseline_size: number of fingerprints. */
unsigned baseline_size(const baseline *b) { return b ? b->n : 0; }
