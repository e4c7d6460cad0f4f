/* rules_yaml_int.h - what the two halves of the rules reader share: the loader of one
 * file (its staged definitions), the caps, and the YAML node helpers
 * (rules_yaml_node.c: errors with the node's line, typed getters with the schema's
 * checks) that the schema walk (rules_yaml.c) uses. Private to them. */
#ifndef SSPI_RULES_YAML_INT_H
#define SSPI_RULES_YAML_INT_H

#include <stddef.h>
#include <stdint.h>

#include <yaml.h>

#include "rules.h"

/* Caps: every table and list has one; exceeding it is an error naming the limit. */
#define RL_MAX_FILE_BYTES (1u << 20) /* a rules file is small; 1 MiB is plenty */
#define RL_MAX_WORK 2000000ul        /* nodes visited (aliases can multiply them) */
#define RL_MAX_KINDS 64
#define RL_MAX_FNS 4096
#define RL_MAX_MACROS 256
#define RL_MAX_ENTRIES 64
#define RL_MAX_CONSTS 4096
#define RL_MAX_LIST 256       /* names, types or patterns of one entry */
#define RL_MAX_FILE_NAMES 16384 /* function names in one file */
#define RL_MAX_EFFECTS 32
#define RL_MAX_ATTRS 64
#define RL_MAX_FIELDS 8       /* the engine stores at most 8 buffers per call */
#define RL_MAX_PATH 8
#define RL_MAX_INVALID 4
#define RL_MAX_ARG 31

typedef struct name_ref {
  const char *name;
  unsigned line; /* line of the name in this file */
} name_ref;

typedef struct loader {
  rules *r;
  arena *a;
  const char *path; /* arena copy, used as rule_fn.src_file */
  yaml_document_t *doc;
  char *err;
  size_t errlen;
  int failed;
  unsigned long work;
  /* staged definitions of this file */
  rule_kind *kinds;
  int *kind_slot;         /* final index of each staged kind in r->kinds */
  unsigned *kind_line;
  unsigned nkinds, nappend; /* staged kinds; how many of them are new names */
  size_t kinds_cap, kind_slot_cap, kind_line_cap;
  rule_macro *macros;
  unsigned *macro_line;
  unsigned nmacros;
  size_t macros_cap, macro_line_cap;
  rule_entry *entries;
  unsigned *entry_line;
  unsigned nentries;
  size_t entries_cap, entry_line_cap;
  rule_fn *fns;
  unsigned nfns;
  size_t fns_cap;
  name_ref *names; /* malloc-owned: every function name of this file */
  unsigned nnames;
  size_t names_cap;
  const char **consts;
  unsigned nconsts;
  size_t consts_cap;
} loader;

/* ---- rules_yaml_node.c: errors, arena arrays, typed getters ---- */
/* rl_fail, rl_fail_line: the file's first error, "path:line: message" (-1); rl_tick:
 * counts a visited node against RL_MAX_WORK; rl_grow (GROW): an arena array with room
 * for need elements; rl_get: a map's value by key; the other getters return the value
 * checked (NULL or -1 after rl_fail). */

#define GROW(l, arr, n, cap, need) ((arr) = rl_grow((l)->a, (arr), (n), &(cap), (need), sizeof *(arr)))

typedef const char *(*str_getter)(loader *, yaml_node_t *, const char *);

int rl_fail(loader *l, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int rl_fail_line(loader *l, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int rl_check_keys(loader *l, yaml_node_t *map, const char *ctx, const char *const *allowed);
yaml_node_t *rl_get(loader *l, yaml_node_t *map, const char *key);
int rl_get_arg(loader *l, yaml_node_t *n, const char *what, int allow_return, int *out);
int rl_get_bool(loader *l, yaml_node_t *n, const char *what, int *out);
const char *rl_get_callee(loader *l, yaml_node_t *n, const char *what);
int rl_get_choice(loader *l, yaml_node_t *n, const char *what, const char *const *words);
const char *rl_get_ident(loader *l, yaml_node_t *n, const char *what);
int rl_get_int(loader *l, yaml_node_t *n, const char *what, int64_t *out);
int rl_get_list(loader *l, yaml_node_t *n, const char *what, unsigned max, str_getter check,
                const char ***out, unsigned *count, unsigned **lines);
const char *rl_get_str(loader *l, yaml_node_t *n, const char *what);
const char *rl_get_word(loader *l, yaml_node_t *n, const char *what);
void *rl_grow(arena *a, void *old, size_t n, size_t *cap, size_t need, size_t elt);
int rl_is_ident(const char *s, const char *extra);
int rl_is_null(const yaml_node_t *n);
yaml_node_t *rl_node(loader *l, int idx);
unsigned rl_node_line(const yaml_node_t *n);
int rl_parse_int64(const char *s, int64_t *out);
const char *rl_sval(const yaml_node_t *n);
int rl_tick(loader *l, const yaml_node_t *n);
const char *rl_type_word(const yaml_node_t *n);

#endif
