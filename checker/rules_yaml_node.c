/* rules_yaml_node.c - the rules reader's YAML node helpers: errors that name the
 * node's line (the first error of a file wins), the work cap, arena arrays, and typed
 * getters (strings, identifiers, integers, booleans, choices, argument indices,
 * lists) that check what the schema asks of a value. Used by rules_yaml.c. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_yaml_int.h"

/* ---- errors ---------------------------------------------------------------- */

unsigned rl_node_line(const yaml_node_t *n) { return n ? (unsigned)n->start_mark.line + 1 : 1; }

static int rl_vfail_line(loader *l, unsigned line, const char *fmt, va_list ap) {
  if (l->failed)
    return -1;
  l->failed = 1;
  char msg[384];
  vsnprintf(msg, sizeof msg, fmt, ap);
  if (l->err && l->errlen)
    snprintf(l->err, l->errlen, "%s:%u: %s", l->path, line, msg);
  return -1;
}

int rl_fail_line(loader *l, unsigned line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rl_vfail_line(l, line, fmt, ap);
  va_end(ap);
  return -1;
}

int rl_fail(loader *l, const yaml_node_t *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rl_vfail_line(l, rl_node_line(n), fmt, ap);
  va_end(ap);
  return -1;
}

/* Counts visited nodes so that a file full of aliases cannot make us loop for long. */
int rl_tick(loader *l, const yaml_node_t *n) {
  if (++l->work > RL_MAX_WORK)
    return rl_fail(l, n, "rules file too large (more than %lu nodes visited)", RL_MAX_WORK);
  return 0;
}

/* ---- growing arrays ----------------------------------------------------------- */

/* An arena array of n used elements with room for need; tolerates arrays whose
 * recorded capacity is smaller than their use (rule sets built by hand). */
void *rl_grow(arena *a, void *old, size_t n, size_t *cap, size_t need, size_t elt) {
  if (need <= *cap && n <= *cap)
    return old;
  size_t nc = *cap > n ? *cap : n;
  if (nc < 8)
    nc = 8;
  while (nc < need)
    nc *= 2;
  void *p = arena_alloc(a, nc * elt);
  if (old && n)
    memcpy(p, old, n * elt);
  *cap = nc;
  return p;
}


/* ---- node helpers ------------------------------------------------------------- */

yaml_node_t *rl_node(loader *l, int idx) { return yaml_document_get_node(l->doc, idx); }

const char *rl_sval(const yaml_node_t *n) { return (const char *)n->data.scalar.value; }

/* A plain scalar meaning "nothing": empty, ~ or null. */
int rl_is_null(const yaml_node_t *n) {
  if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return 0;
  const char *s = rl_sval(n);
  return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

const char *rl_type_word(const yaml_node_t *n) {
  switch (n->type) {
  case YAML_MAPPING_NODE:
    return "a mapping";
  case YAML_SEQUENCE_NODE:
    return "a list";
  default:
    return "a scalar";
  }
}

/* Checks that every key of map is a string in allowed (NULL-terminated) and that
 * none repeats. ctx names the mapping in messages ("effect", "kind"). */
int rl_check_keys(loader *l, yaml_node_t *map, const char *ctx, const char *const *allowed) {
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = rl_node(l, p->key);
    if (!k || rl_tick(l, k))
      return -1;
    if (k->type != YAML_SCALAR_NODE)
      return rl_fail(l, k, "keys of %s must be strings, not %s", ctx, rl_type_word(k));
    const char *ks = rl_sval(k);
    int known = 0;
    for (const char *const *a = allowed; *a && !known; a++)
      known = strcmp(*a, ks) == 0;
    if (!known) {
      char list[256] = "";
      size_t used = 0;
      for (const char *const *a = allowed; *a; a++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", a == allowed ? "" : ", ", *a);
        if (w < 0 || (size_t)w >= sizeof list - used)
          break;
        used += (size_t)w;
      }
      return rl_fail(l, k, "unknown key '%s' in %s (expected one of: %s)", ks, ctx, list);
    }
    for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
      yaml_node_t *k2 = rl_node(l, q->key);
      if (k2 && k2->type == YAML_SCALAR_NODE && strcmp(rl_sval(k2), ks) == 0)
        return rl_fail(l, k, "duplicate key '%s' in %s (first at line %u)", ks, ctx, rl_node_line(k2));
    }
  }
  return 0;
}

/* The value of key in map (keys already checked), or NULL when absent. */
yaml_node_t *rl_get(loader *l, yaml_node_t *map, const char *key) {
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = rl_node(l, p->key);
    if (k && k->type == YAML_SCALAR_NODE && strcmp(rl_sval(k), key) == 0)
      return rl_node(l, p->value);
  }
  return NULL;
}

/* A non-empty string value (arena copy), or NULL after an error. */
const char *rl_get_str(loader *l, yaml_node_t *n, const char *what) {
  if (rl_tick(l, n))
    return NULL;
  if (n->type != YAML_SCALAR_NODE) {
    rl_fail(l, n, "'%s' must be a string, not %s", what, rl_type_word(n));
    return NULL;
  }
  if (rl_is_null(n)) {
    rl_fail(l, n, "'%s' must not be empty", what);
    return NULL;
  }
  if (strlen(rl_sval(n)) != n->data.scalar.length) {
    rl_fail(l, n, "'%s' must not contain NUL characters", what);
    return NULL;
  }
  return arena_strndup(l->a, rl_sval(n), n->data.scalar.length);
}

int rl_is_ident(const char *s, const char *extra) {
  if (!*s)
    return 0;
  for (const char *p = s; *p; p++) {
    int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
             (p != s && *p >= '0' && *p <= '9') || (extra && strchr(extra, *p));
    if (!ok)
      return 0;
  }
  return 1;
}

/* A string that must be a C identifier (constant, field or function name). */
const char *rl_get_ident(loader *l, yaml_node_t *n, const char *what) {
  const char *s = rl_get_str(l, n, what);
  if (s && !rl_is_ident(s, NULL)) {
    rl_fail(l, n, "'%s' must be a C identifier, not '%s'", what, s);
    return NULL;
  }
  return s;
}

/* A name for kinds and check ids: letters, digits, '_', '-', '.'. */
const char *rl_get_word(loader *l, yaml_node_t *n, const char *what) {
  const char *s = rl_get_str(l, n, what);
  if (s && !rl_is_ident(s, "-.0123456789")) {
    rl_fail(l, n, "'%s' must be a word of letters, digits, '-', '_' or '.', not '%s'", what, s);
    return NULL;
  }
  return s;
}

/* Decimal or 0x-hex integer with an optional sign; the whole string. 0 or -1. */
int rl_parse_int64(const char *s, int64_t *out) {
  int neg = 0;
  if (*s == '-' || *s == '+')
    neg = *s++ == '-';
  int base = 10;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s += 2;
  }
  if (!*s)
    return -1;
  uint64_t v = 0;
  for (; *s; s++) {
    int d;
    if (*s >= '0' && *s <= '9')
      d = *s - '0';
    else if (base == 16 && *s >= 'a' && *s <= 'f')
      d = *s - 'a' + 10;
    else if (base == 16 && *s >= 'A' && *s <= 'F')
      d = *s - 'A' + 10;
    else
      return -1;
    if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
      return -1;
    v = v * (uint64_t)base + (uint64_t)d;
  }
  if (neg) {
    if (v > (uint64_t)INT64_MAX + 1)
      return -1;
    *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
  } else {
    if (v > (uint64_t)INT64_MAX)
      return -1;
    *out = (int64_t)v;
  }
  return 0;
}

int rl_get_int(loader *l, yaml_node_t *n, const char *what, int64_t *out) {
  if (rl_tick(l, n))
    return -1;
  if (n->type != YAML_SCALAR_NODE || rl_parse_int64(rl_sval(n), out) != 0)
    return rl_fail(l, n, "'%s' must be an integer, not %s%s%s", what, n->type == YAML_SCALAR_NODE ? "'" : "",
                n->type == YAML_SCALAR_NODE ? rl_sval(n) : rl_type_word(n), n->type == YAML_SCALAR_NODE ? "'" : "");
  return 0;
}

int rl_get_bool(loader *l, yaml_node_t *n, const char *what, int *out) {
  if (rl_tick(l, n))
    return -1;
  static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
  static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
  if (n->type == YAML_SCALAR_NODE)
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
      if (!strcmp(rl_sval(n), yes[i])) {
        *out = 1;
        return 0;
      }
      if (!strcmp(rl_sval(n), no[i])) {
        *out = 0;
        return 0;
      }
    }
  return rl_fail(l, n, "'%s' must be true or false", what);
}

/* One of words (NULL-terminated): its index. */
int rl_get_choice(loader *l, yaml_node_t *n, const char *what, const char *const *words) {
  if (rl_tick(l, n))
    return -1;
  if (n->type == YAML_SCALAR_NODE)
    for (int i = 0; words[i]; i++)
      if (!strcmp(rl_sval(n), words[i]))
        return i;
  char list[128] = "";
  size_t used = 0;
  for (int i = 0; words[i]; i++) {
    int w = snprintf(list + used, sizeof list - used, "%s%s", i ? " or " : "", words[i]);
    if (w < 0 || (size_t)w >= sizeof list - used)
      break;
    used += (size_t)w;
  }
  rl_fail(l, n, "'%s' must be %s", what, list);
  return -1;
}

/* An argument index 0..31, or "return" (RULE_ARG_RETURN) when allow_return. */
int rl_get_arg(loader *l, yaml_node_t *n, const char *what, int allow_return, int *out) {
  if (rl_tick(l, n))
    return -1;
  if (n->type == YAML_SCALAR_NODE && !strcmp(rl_sval(n), "return")) {
    if (!allow_return && !strcmp(what, "arg"))
      return rl_fail(l, n, "'arg: return' is only allowed for acquire");
    if (!allow_return)
      return rl_fail(l, n, "'%s' must be an argument index (0..%d), not 'return'", what, RL_MAX_ARG);
    *out = RULE_ARG_RETURN;
    return 0;
  }
  int64_t v;
  if (n->type != YAML_SCALAR_NODE || rl_parse_int64(rl_sval(n), &v) != 0)
    return rl_fail(l, n, "'%s' must be an argument index (0..%d)%s", what, RL_MAX_ARG,
                allow_return ? " or 'return'" : "");
  if (v < 0 || v > RL_MAX_ARG)
    return rl_fail(l, n, "%s %lld is out of range (0..%d%s)", what, (long long)v, RL_MAX_ARG,
                allow_return ? " or 'return'" : "");
  *out = (int)v;
  return 0;
}

/* A list of strings (a single string is a list of one); max entries. Each item is
 * checked with check (NULL: any non-empty string). Arena arrays. */

int rl_get_list(loader *l, yaml_node_t *n, const char *what, unsigned max, str_getter check,
                    const char ***out, unsigned *count, unsigned **lines) {
  *out = NULL;
  *count = 0;
  if (lines)
    *lines = NULL;
  yaml_node_item_t one, *start, *top;
  if (n->type == YAML_SCALAR_NODE) {
    one = (yaml_node_item_t)(n - l->doc->nodes.start + 1);
    start = &one;
    top = &one + 1;
  } else if (n->type == YAML_SEQUENCE_NODE) {
    start = n->data.sequence.items.start;
    top = n->data.sequence.items.top;
  } else {
    return rl_fail(l, n, "'%s' must be a list of strings, not %s", what, rl_type_word(n));
  }
  size_t cnt = (size_t)(top - start);
  if (cnt > max)
    return rl_fail(l, n, "too many items in '%s' (limit %u)", what, max);
  const char **arr = arena_alloc(l->a, (cnt ? cnt : 1) * sizeof *arr);
  unsigned *ln = lines ? arena_alloc(l->a, (cnt ? cnt : 1) * sizeof *ln) : NULL;
  for (size_t i = 0; i < cnt; i++) {
    yaml_node_t *it = rl_node(l, start[i]);
    if (!it)
      return rl_fail(l, n, "'%s': broken list item", what);
    if (it->type != YAML_SCALAR_NODE)
      return rl_fail(l, it, "items of '%s' must be strings, not %s", what, rl_type_word(it));
    arr[i] = check ? check(l, it, what) : rl_get_str(l, it, what);
    if (!arr[i])
      return -1;
    if (ln)
      ln[i] = rl_node_line(it);
  }
  *out = arr;
  *count = (unsigned)cnt;
  if (lines)
    *lines = ln;
  return 0;
}

/* A function, type or pattern name: non-empty, no blanks or control characters. */
const char *rl_get_callee(loader *l, yaml_node_t *n, const char *what) {
  const char *s = rl_get_str(l, n, what);
  if (!s)
    return NULL;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p <= ' ' || *p == 0x7f) {
      rl_fail(l, n, "'%s' must not contain blanks or control characters: '%s'", what, s);
      return NULL;
    }
  return s;
}

