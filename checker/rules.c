/* rules.c - the rule tables: creation, lookups used by the engine, and where the
 * bundled rules file lives. The YAML loader (rules_load_file) is in rules_yaml.c.
 *
 * Lookups scan the tables from the newest entry to the oldest, so an entry from a
 * later rules file wins over an older one. The tables are small (the SSPI defaults
 * hold about 60 functions) and the scans stop at the first character mismatch, so
 * no index is kept: rule sets built by hand (unit tests) work with the same code.
 */
#define _DEFAULT_SOURCE /* readlink */
#include "rules.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* rules_new: an empty rule set; the struct itself lives in its own arena, so
 * rules_free releases everything at once. Owned by the caller. */
rules *rules_new(void) {
  arena *a = arena_new();
  rules *r = arena_alloc(a, sizeof *r);
  r->arena = a;
  return r;
}

/* rules_free: releases r and everything loaded into it. NULL is fine. */
void rules_free(rules *r) {
  if (!r)
    return;
  strmap_free(&r->fn_index);
  arena_free(r->arena); /* r itself is inside the arena */
}

/* rules_index_fns: see rules.h. Later entries replace earlier ones: the newest wins. */
void rules_index_fns(rules *r) {
  strmap_free(&r->fn_index);
  strmap_init(&r->fn_index);
  for (unsigned i = 0; i < r->nfns; i++)
    for (unsigned k = 0; k < r->fns[i].nnames; k++)
      if (r->fns[i].names[k] && *r->fns[i].names[k])
        strmap_put(&r->fn_index, r->fns[i].names[k], i);
  r->fn_indexed = r->nfns;
}

/* rules_fn_by_name: the newest entry whose names include name; borrowed. */
const rule_fn *rules_fn_by_name(const rules *r, const char *name) {
  if (!r || !name || !*name)
    return NULL;
  if (r->nfns && r->fn_indexed == r->nfns) {
    unsigned i;
    return strmap_get(&r->fn_index, name, &i) ? &r->fns[i] : NULL;
  }
  for (unsigned i = r->nfns; i-- > 0;) {
    const rule_fn *f = &r->fns[i];
    for (unsigned k = 0; k < f->nnames; k++)
      if (f->names[k] && strcmp(f->names[k], name) == 0)
        return f;
  }
  return NULL;
}

static const rule_fn *fn_by_type(const rules *r, const char *type) {
  for (unsigned i = r->nfns; i-- > 0;) {
    const rule_fn *f = &r->fns[i];
    for (unsigned k = 0; k < f->ntypes; k++)
      if (f->types[k] && strcmp(f->types[k], type) == 0)
        return f;
  }
  return NULL;
}

static const rule_fn *fn_by_pattern(const rules *r, const char *name) {
  for (unsigned i = r->nfns; i-- > 0;) {
    const rule_fn *f = &r->fns[i];
    for (unsigned k = 0; k < f->npatterns; k++)
      if (f->patterns[k] && fnmatch(f->patterns[k], name, 0) == 0)
        return f;
  }
  return NULL;
}

/* rules_match_call: exact callee name, then the callee's function-pointer typedef,
 * then (indirect calls only) the name patterns; NULL if no rule. Borrowed. */
const rule_fn *rules_match_call(const rules *r, const ir_call *c) {
  if (!r || !c)
    return NULL;
  int named = c->name && *c->name;
  const rule_fn *f = named ? rules_fn_by_name(r, c->name) : NULL;
  if (!f && c->type_name && *c->type_name)
    f = fn_by_type(r, c->type_name);
  if (!f && named && c->indirect)
    f = fn_by_pattern(r, c->name);
  return f;
}

/* rules_macro: the entry for macro name, or NULL. Borrowed. */
const rule_macro *rules_macro(const rules *r, const char *name) {
  if (!r || !name)
    return NULL;
  for (unsigned i = r->nmacros; i-- > 0;)
    if (r->macros[i].name && strcmp(r->macros[i].name, name) == 0)
      return &r->macros[i];
  return NULL;
}

/* rules_kind_index: index of the kind called name, or -1. */
int rules_kind_index(const rules *r, const char *name) {
  if (!r || !name)
    return -1;
  for (unsigned i = 0; i < r->nkinds; i++)
    if (r->kinds[i].name && strcmp(r->kinds[i].name, name) == 0)
      return (int)i;
  return -1;
}

/* rules_kind_invalid: v is one of the field values a live handle of kind k never has. */
int rules_kind_invalid(const rule_kind *k, int64_t v) {
  for (unsigned i = 0; k && i < k->ninvalid; i++)
    if (k->invalid_values[i] == v)
      return 1;
  return 0;
}

static int readable(const char *p) { return access(p, R_OK) == 0; }

/* rules_default_path: $SSPI_CHECK_RULES, else the first readable of
 * <exe dir>/../share/sspi-check/rules/sspi.yaml, <exe dir>/rules/sspi.yaml,
 * <exe dir>/../rules/sspi.yaml, <exe dir>/../../rules/sspi.yaml (build trees
 * inside the source tree), else SSPI_CHECK_RULES_DIR/sspi.yaml from the build.
 * Returns a borrowed string (a static buffer: not thread-safe). */
const char *rules_default_path(void) {
  static char buf[PATH_MAX + 64];
  const char *env = getenv("SSPI_CHECK_RULES");
  if (env && *env)
    return env;
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      static const char *const rel[] = {"/../share/sspi-check/rules/sspi.yaml", "/rules/sspi.yaml",
                                        "/../rules/sspi.yaml", "/../../rules/sspi.yaml"};
      for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        size_t need = strlen(exe) + strlen(rel[i]) + 1;
        if (need > sizeof buf)
          continue;
        strcpy(buf, exe);
        strcat(buf, rel[i]);
        if (readable(buf))
          return buf;
      }
    }
  }
#ifdef SSPI_CHECK_RULES_DIR
  return SSPI_CHECK_RULES_DIR "/sspi.yaml";
#else
  return "rules/sspi.yaml";
#endif
}
