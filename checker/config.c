/* config.c - finding and parsing .sspi-check.yaml (libyaml document API). */
#define _XOPEN_SOURCE 700
#include "config.h"
#include "util/infile.h"
#include "util/yaml_bound.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "select.h"

#define CONFIG_LIST_CAP 256u
#define CONFIG_MAX_BYTES (1024 * 1024)



static char *join_path(const char *dir, const char *name) {
  if (name[0] == '/') return xstrdup(name);
  size_t a = strlen(dir), b = strlen(name);
  char *p = xmalloc(a + b + 2);
  memcpy(p, dir, a);
  size_t o = a;
  if (!a || dir[a - 1] != '/') p[o++] = '/';
  memcpy(p + o, name, b + 1);
  return p;
}

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Cuts the last component of an absolute path in place ("/a/b" -> "/a", "/a" -> "/"). */
static void dirname_inplace(char *p) {
  char *slash = strrchr(p, '/');
  if (!slash) return;
  if (slash == p) p[1] = '\0';
  else *slash = '\0';
}

/* config_find: nearest config file at or above start. */
char *config_find(const char *start) {
  char *dir = select_abspath(start ? start : ".");
  if (!is_dir(dir)) dirname_inplace(dir);
  for (;;) {
    char *cand = join_path(dir, CONFIG_FILE_NAME);
    if (is_file(cand)) {
      free(dir);
      return cand;
    }
    free(cand);
    if (strcmp(dir, "/") == 0) break;
    dirname_inplace(dir);
  }
  free(dir);
  return NULL;
}

/* config_discover: from the cwd, else from the sources. */
char *config_discover(const char *const *sources, unsigned n) {
  char *p = config_find(".");
  for (unsigned i = 0; !p && i < n; i++) p = config_find(sources[i]);
  return p;
}

/* config_free: frees c; NULL is fine. */
void config_free(config *c) {
  if (!c) return;
  free(c->path);
  free(c->dir);
  free(c->checks);
  for (unsigned i = 0; i < c->nexclude; i++) free(c->exclude[i]);
  free(c->exclude);
  free(c->fail_on);
  free(c->baseline);
  for (unsigned i = 0; i < c->nrules; i++) free(c->rules[i]);
  free(c->rules);
  free(c->format);
  free(c);
}

/* ---- parsing -------------------------------------------------------------------- */

typedef struct cfg_ctx {
  const char *path;
  yaml_document_t *doc;
  char *err;
  size_t errlen;
} cfg_ctx;

static int fail(cfg_ctx *x, const yaml_node_t *n, const char *fmt, const char *arg) {
  char msg[256];
  snprintf(msg, sizeof msg, fmt, arg ? arg : "");
  snprintf(x->err, x->errlen, "%s:%lu: %s", x->path,
           n ? (unsigned long)n->start_mark.line + 1 : 1UL, msg);
  return -1;
}

static const char *scalar(const yaml_node_t *n) {
  return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A scalar, or (join != 0) a sequence of scalars joined with ','. Owned in *out. */
static int get_string(cfg_ctx *x, const yaml_node_t *v, const char *key, int join,
                      char **out) {
  const char *s = scalar(v);
  if (s) {
    *out = xstrdup(s);
    return 0;
  }
  if (!join || v->type != YAML_SEQUENCE_NODE) return fail(x, v, "'%s' must be a string", key);
  size_t len = 1;
  yaml_node_item_t *it;
  for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    const char *e = scalar(yaml_document_get_node(x->doc, *it));
    if (!e) return fail(x, yaml_document_get_node(x->doc, *it), "'%s' entries must be strings", key);
    len += strlen(e) + 1;
  }
  char *buf = xmalloc(len);
  buf[0] = '\0';
  for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    if (buf[0]) strcat(buf, ",");
    strcat(buf, scalar(yaml_document_get_node(x->doc, *it)));
  }
  *out = buf;
  return 0;
}

/* A sequence of scalars (or one scalar); dir != NULL resolves each against it. */
static int get_list(cfg_ctx *x, const yaml_node_t *v, const char *key, const char *dir,
                    char ***out, unsigned *n) {
  const yaml_node_t *items[CONFIG_LIST_CAP];
  unsigned k = 0;
  if (scalar(v)) {
    items[k++] = v;
  } else if (v->type == YAML_SEQUENCE_NODE) {
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++) {
      const yaml_node_t *e = yaml_document_get_node(x->doc, *it);
      if (k >= CONFIG_LIST_CAP) return fail(x, e, "too many entries in '%s' (limit 256)", key);
      if (!scalar(e)) return fail(x, e, "'%s' entries must be strings", key);
      items[k++] = e;
    }
  } else {
    return fail(x, v, "'%s' must be a list of strings", key);
  }
  char **arr = xmalloc((k ? k : 1) * sizeof *arr);
  for (unsigned i = 0; i < k; i++) {
    const char *s = scalar(items[i]);
    if (!*s) {
      for (unsigned j = 0; j < i; j++) free(arr[j]);
      free(arr);
      return fail(x, items[i], "empty entry in '%s'", key);
    }
    arr[i] = dir ? join_path(dir, s) : xstrdup(s);
  }
  *out = arr;
  *n = k;
  return 0;
}

static int get_bool(cfg_ctx *x, const yaml_node_t *v, const char *key, int *out) {
  const char *s = scalar(v);
  static const char *const yes[] = {"true", "yes", "on", "1"};
  static const char *const no[] = {"false", "no", "off", "0"};
  for (unsigned i = 0; s && i < 4; i++) {
    if (strcasecmp(s, yes[i]) == 0) return *out = 1, 0;
    if (strcasecmp(s, no[i]) == 0) return *out = 0, 0;
  }
  return fail(x, v, "'%s' must be true or false", key);
}

static int apply_key(cfg_ctx *x, config *c, const yaml_node_t *k, const yaml_node_t *v) {
  const char *key = scalar(k);
  char gerr[256];
  if (!key) return fail(x, k, "keys must be strings%s", NULL);
  if (strcmp(key, "version") == 0) {
    const char *s = scalar(v);
    if (!s || strcmp(s, "1") != 0) return fail(x, v, "unsupported version (expected 1)%s", NULL);
    return 0;
  }
  if (strcmp(key, "checks") == 0) {
    if (c->checks) goto dup;
    if (get_string(x, v, key, 1, &c->checks)) return -1;
    select_globs *g = select_globs_new();
    int rc = select_globs_add(g, c->checks, gerr, sizeof gerr);
    select_globs_free(g);
    return rc ? fail(x, v, "%s", gerr) : 0;
  }
  if (strcmp(key, "exclude") == 0) {
    if (c->exclude) goto dup;
    return get_list(x, v, key, NULL, &c->exclude, &c->nexclude);
  }
  if (strcmp(key, "fail-on") == 0) {
    if (c->fail_on) goto dup;
    if (get_string(x, v, key, 1, &c->fail_on)) return -1;
    select_globs *g = select_fail_on(c->fail_on, gerr, sizeof gerr);
    select_globs_free(g);
    return g ? 0 : fail(x, v, "%s", gerr);
  }
  if (strcmp(key, "baseline") == 0) {
    if (c->baseline) goto dup;
    const char *s = scalar(v);
    if (!s || !*s) return fail(x, v, "'%s' must be a file name", key);
    c->baseline = join_path(c->dir, s);
    return 0;
  }
  if (strcmp(key, "rules") == 0) {
    if (c->rules) goto dup;
    return get_list(x, v, key, c->dir, &c->rules, &c->nrules);
  }
  if (strcmp(key, "warn-unused-suppressions") == 0) {
    if (c->warn_unused >= 0) goto dup;
    return get_bool(x, v, key, &c->warn_unused);
  }
  if (strcmp(key, "format") == 0) {
    if (c->format) goto dup;
    const char *s = scalar(v);
    if (!s || (strcmp(s, "text") != 0 && strcmp(s, "sarif") != 0))
      return fail(x, v, "'format' must be text or sarif%s", NULL);
    c->format = xstrdup(s);
    return 0;
  }
  return fail(x, k,
              "unknown key '%s' (expected checks, exclude, fail-on, baseline, rules, "
              "warn-unused-suppressions, format)",
              key);
dup:
  return fail(x, k, "duplicate key '%s'", key);
}

/* config_load: reads and validates one configuration file. */
config *config_load(const char *path, char *err, size_t errlen) {
  FILE *f = infile_open(path, INFILE_MAX_SMALL, err, errlen);
  if (!f)
    return NULL;
  /* the whole file, bounded, then a linear check of its nesting before libyaml */
  unsigned char *text = malloc(CONFIG_MAX_BYTES + 1);
  size_t tlen = text ? fread(text, 1, CONFIG_MAX_BYTES + 1, f) : 0;
  int rerr = ferror(f);
  fclose(f);
  if (!text || rerr || tlen > CONFIG_MAX_BYTES) {
    snprintf(err, errlen, "%s: %s", path,
             !text ? "out of memory" : rerr ? "read error" : "file too large");
    free(text);
    return NULL;
  }
  unsigned long bline = 0;
  char bwhy[160];
  if (yaml_bound_check(text, tlen, &bline, bwhy, sizeof bwhy) != 0) {
    snprintf(err, errlen, "%s:%lu: %s", path, bline, bwhy);
    free(text);
    return NULL;
  }
  config *c = xmalloc(sizeof *c);
  memset(c, 0, sizeof *c);
  c->warn_unused = -1;
  c->path = xstrdup(path);
  c->dir = select_abspath(path);
  dirname_inplace(c->dir);

  yaml_parser_t parser;
  yaml_document_t doc;
  int have_doc = 0, ok = 0;
  cfg_ctx x = {path, &doc, err, errlen};
  if (!yaml_parser_initialize(&parser)) {
    snprintf(err, errlen, "%s: cannot initialise the YAML parser", path);
    free(text);
    config_free(c);
    return NULL;
  }
  yaml_parser_set_input_string(&parser, text, tlen);
  if (!yaml_parser_load(&parser, &doc)) {
    snprintf(err, errlen, "%s:%lu: %s", path, (unsigned long)parser.problem_mark.line + 1,
             parser.problem ? parser.problem : "invalid YAML");
    goto done;
  }
  have_doc = 1;
  yaml_node_t *root = yaml_document_get_root_node(&doc);
  if (!root) { /* empty file: nothing set */
    ok = 1;
    goto done;
  }
  if (root->type != YAML_MAPPING_NODE) {
    fail(&x, root, "the configuration must be a mapping of keys%s", NULL);
    goto done;
  }
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
       p++) {
    if (apply_key(&x, c, yaml_document_get_node(&doc, p->key),
                  yaml_document_get_node(&doc, p->value)))
      goto done;
  }
  ok = 1;
done:
  if (have_doc) yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
  free(text);
  if (!ok) {
    config_free(c);
    return NULL;
  }
  return c;
}
