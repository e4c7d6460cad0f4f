/* out_sarif.c - SARIF 2.1.0 log of a finished diag_set, built with jansson. */
#include "out_sarif.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "checks.h"

#define SARIF_SCHEMA \
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define SRCROOT_ID "%SRCROOT%"
#define RULES_CAP 4096u

/* ---- URIs ----------------------------------------------------------------------- */

/* Percent-encodes every byte except RFC 3986 unreserved characters and '/'. Owned. */
static char *uri_encode(const char *prefix, const char *path, int dir) {
  static const char hex[] = "0123456789ABCDEF";
  size_t pl = strlen(prefix), n = strlen(path);
  char *out = malloc(pl + 3 * n + 2);
  if (!out) xalloc_fail();
  memcpy(out, prefix, pl);
  size_t o = pl;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)path[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out[o++] = (char)c;
    } else {
      out[o++] = '%';
      out[o++] = hex[c >> 4];
      out[o++] = hex[c & 15];
    }
  }
  if (dir && (o == 0 || out[o - 1] != '/')) out[o++] = '/';
  out[o] = '\0';
  return out;
}

/* out_sarif_file_uri: owned file URI of an absolute path. */
char *out_sarif_file_uri(const char *abs, int dir) { return uri_encode("file://", abs, dir); }

/* ---- rules[] -------------------------------------------------------------------- */

typedef struct rule_list {
  unsigned n;
  check_info info[RULES_CAP];
  char *bufs[RULES_CAP];    /* owned description buffers of generated entries */
} rule_list;

static int rule_index(const rule_list *l, const char *id) {
  for (unsigned i = 0; i < l->n; i++)
    if (strcmp(l->info[i].id, id) == 0) return (int)i;
  return -1;
}

/* Adds a generic entry for id (a user kind's leak check or an unknown id). */
static void rule_add_generic(rule_list *l, const char *id, const char *describe) {
  if (l->n >= RULES_CAP || rule_index(l, id) >= 0) return;
  size_t blen = 3 * 512;
  char *buf = malloc(blen);
  if (!buf) xalloc_fail();
  checks_describe_kind(&l->info[l->n], id, describe, buf, blen);
  l->bufs[l->n] = buf;
  l->n++;
}

static void rule_list_build(rule_list *l, const rules *r, const diag_set *s) {
  memset(l, 0, sizeof *l);
  for (unsigned i = 0; i < checks_count() && l->n < RULES_CAP; i++) l->info[l->n++] = *checks_at(i);
  for (unsigned k = 0; r && k < r->nkinds; k++)
    if (r->kinds[k].leak_check && *r->kinds[k].leak_check)
      rule_add_generic(l, r->kinds[k].leak_check, r->kinds[k].describe);
  for (unsigned i = 0; i < diag_count(s); i++) {
    const diag *d = diag_get(s, i);
    if (d->check) rule_add_generic(l, d->check, "handle");
  }
}

static void rule_list_free(rule_list *l) {
  for (unsigned i = 0; i < l->n; i++) free(l->bufs[i]);
}

static json_t *text_obj(const char *t) { return json_pack("{s:s}", "text", t ? t : ""); }

static json_t *rule_json(const check_info *c) {
  char uri[512];
  if (checks_find(c->id)) checks_help_uri(c->id, uri, sizeof uri);
  else snprintf(uri, sizeof uri, "%s/blob/main/docs/rules.md", SSPI_CHECK_HOME_URL);
  json_t *tags = json_pack("[s]", c->gate ? "maintainability" : "correctness");
  json_t *o = json_object();
  json_object_set_new(o, "id", json_string(c->id));
  json_object_set_new(o, "shortDescription", text_obj(c->short_desc));
  json_object_set_new(o, "fullDescription", text_obj(c->full_desc));
  json_object_set_new(o, "help", text_obj(c->help));
  json_object_set_new(o, "helpUri", json_string(uri));
  json_object_set_new(o, "defaultConfiguration", json_pack("{s:s}", "level", "warning"));
  json_object_set_new(o, "properties", json_pack("{s:o}", "tags", tags));
  return o;
}

/* ---- locations ------------------------------------------------------------------ */

/* The 1-based UTF-16 column of byte column col in line (len bytes). */
static unsigned utf16_col(const char *line, size_t len, unsigned col) {
  if (!line || col <= 1) return col;
  unsigned units = 0;
  size_t end = (size_t)(col - 1) < len ? (size_t)(col - 1) : len;
  for (size_t i = 0; i < end; i++) {
    unsigned char c = (unsigned char)line[i];
    if ((c & 0xC0) == 0x80) continue; /* continuation byte */
    units += c >= 0xF0 ? 2 : 1;
  }
  return units + 1 + (unsigned)((size_t)(col - 1) - end);
}

static json_t *phys_loc(const ir_loc *l, const char *root_abs, select_src *src) {
  json_t *art = json_object();
  char *abs = select_abspath(l->file);
  char *rel = select_relpath(root_abs, abs);
  if (rel) {
    char *u = uri_encode("", rel, 0);
    json_object_set_new(art, "uri", json_string(u));
    json_object_set_new(art, "uriBaseId", json_string(SRCROOT_ID));
    free(u);
  } else {
    char *u = out_sarif_file_uri(abs, 0);
    json_object_set_new(art, "uri", json_string(u));
    free(u);
  }
  free(rel);
  free(abs);
  json_t *p = json_object();
  json_object_set_new(p, "artifactLocation", art);
  if (l->line > 0) {
    json_t *reg = json_object();
    json_object_set_new(reg, "startLine", json_integer(l->line));
    if (l->col > 0) {
      size_t len = 0;
      const char *text = select_src_line(src, l->file, l->line, &len);
      json_object_set_new(reg, "startColumn", json_integer(utf16_col(text, len, l->col)));
    }
    json_object_set_new(p, "region", reg);
  }
  return p;
}

/* A threadFlowLocation at l with a message; NULL when l has no file. */
static json_t *flow_loc(const ir_loc *l, const char *msg, const char *root_abs,
                        select_src *src) {
  if (!l->file) return NULL;
  json_t *loc = json_object();
  json_object_set_new(loc, "physicalLocation", phys_loc(l, root_abs, src));
  json_object_set_new(loc, "message", text_obj(msg));
  return json_pack("{s:o}", "location", loc);
}

static json_t *result_json(const diag *d, int rule_ix, const char *fp, const char *root_abs,
                           select_src *src) {
  json_t *res = json_object();
  json_object_set_new(res, "ruleId", json_string(d->check ? d->check : ""));
  if (rule_ix >= 0) json_object_set_new(res, "ruleIndex", json_integer(rule_ix));
  json_object_set_new(res, "level", json_string("warning"));
  json_object_set_new(res, "message", text_obj(d->msg));
  if (d->loc.file) {
    json_t *loc = json_object();
    json_object_set_new(loc, "physicalLocation", phys_loc(&d->loc, root_abs, src));
    if (d->func && *d->func)
      json_object_set_new(loc, "logicalLocations",
                          json_pack("[{s:s,s:s}]", "name", d->func, "kind", "function"));
    json_object_set_new(res, "locations", json_pack("[o]", loc));
    json_t *steps = json_array();
    for (unsigned i = 0; i < d->nnotes; i++) {
      json_t *st = flow_loc(&d->notes[i].loc, d->notes[i].msg, root_abs, src);
      if (st) json_array_append_new(steps, st);
    }
    json_array_append_new(steps, flow_loc(&d->loc, d->msg, root_abs, src));
    json_t *tf = json_pack("{s:o}", "locations", steps);
    json_object_set_new(res, "codeFlows", json_pack("[{s:[o]}]", "threadFlows", tf));
  }
  if (fp) json_object_set_new(res, "partialFingerprints", json_pack("{s:s}", BASELINE_FP_KEY, fp));
  return res;
}

/* out_sarif_build: the whole log; owned by the caller. */
json_t *out_sarif_build(const diag_set *s, const out_sarif_opts *o) {
  select_src *own_src = o->src ? NULL : select_src_new();
  select_src *src = o->src ? o->src : own_src;
  char *root = select_abspath(o->srcroot ? o->srcroot : ".");
  char **own_fps = NULL;
  const char *const *fps = o->fingerprints;
  if (!fps) {
    own_fps = baseline_fingerprints(s, root, src);
    fps = (const char *const *)own_fps;
  }

  rule_list *rl = malloc(sizeof *rl);
  if (!rl) xalloc_fail();
  rule_list_build(rl, o->rules, s);
  json_t *rules_arr = json_array();
  for (unsigned i = 0; i < rl->n; i++) json_array_append_new(rules_arr, rule_json(&rl->info[i]));

  const char *version = o->version ? o->version : "0";
  json_t *drv = json_object();
  json_object_set_new(drv, "name", json_string("sspi-check"));
  json_object_set_new(drv, "version", json_string(version));
  json_object_set_new(drv, "informationUri", json_string(SSPI_CHECK_HOME_URL));
  json_object_set_new(drv, "rules", rules_arr);

  json_t *results = json_array();
  for (unsigned i = 0; i < diag_count(s); i++) {
    const diag *d = diag_get(s, i);
    int ix = d->check ? rule_index(rl, d->check) : -1;
    json_array_append_new(results, result_json(d, ix, fps[i], root, src));
  }

  char *root_uri = out_sarif_file_uri(root, 1);
  json_t *run = json_object();
  json_object_set_new(run, "tool", json_pack("{s:o}", "driver", drv));
  json_object_set_new(run, "invocations",
                      json_pack("[{s:b}]", "executionSuccessful", o->execution_successful));
  json_object_set_new(run, "originalUriBaseIds",
                      json_pack("{s:{s:s}}", SRCROOT_ID, "uri", root_uri));
  json_object_set_new(run, "columnKind", json_string("utf16CodeUnits"));
  json_object_set_new(run, "results", results);

  json_t *log = json_object();
  json_object_set_new(log, "$schema", json_string(SARIF_SCHEMA));
  json_object_set_new(log, "version", json_string("2.1.0"));
  json_object_set_new(log, "runs", json_pack("[o]", run));

  free(root_uri);
  rule_list_free(rl);
  free(rl);
  baseline_fingerprints_free(own_fps, own_fps ? diag_count(s) : 0);
  free(root);
  select_src_free(own_src);
  return log;
}

/* out_sarif_write: pretty-printed log with a final newline. */
int out_sarif_write(FILE *out, const diag_set *s, const out_sarif_opts *o) {
  json_t *log = out_sarif_build(s, o);
  if (!log) return -1;
  int rc = json_dumpf(log, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(log);
  if (rc == 0 && fputc('\n', out) == EOF) rc = -1;
  return rc == 0 && !ferror(out) ? 0 : -1;
}
