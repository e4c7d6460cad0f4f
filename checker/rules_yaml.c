/* rules_yaml.c - rules_load_file: one YAML rules file (docs/rules.md) -> the tables
 * of a `rules` (rules.h).
 *
 * libyaml's document API loads the file into a node tree (aliases are shared
 * nodes, not copies); the loader walks that tree with a fixed schema. Everything
 * the file defines is first staged, and only merged into the rule set when the
 * whole file is valid, so a bad file leaves the rule set as it was. Every error is
 * one line "path:line: message" with the 1-based line of the offending node.
 *
 * Merging: a kind, macro or entry point with the name of an existing one replaces
 * it in place (kind indices stay valid); a function entry takes its names away from
 * the entries of earlier files (an entry left with no name is dropped) and is
 * appended, so lookups, which scan newest first, find it. Loading a file may move
 * the tables: pointers from earlier lookups are not valid after it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "rules.h"
#include "util/infile.h"
#include "util/yaml_bound.h"
#include "rules_yaml_int.h"

/* ---- constant names, conditions, paths ----------------------------------------- */

static int add_const(loader *l, yaml_node_t *at, const char *name) {
  for (unsigned i = 0; i < l->nconsts; i++)
    if (!strcmp(l->consts[i], name))
      return 0;
  if (l->r->nconst_names + l->nconsts >= RL_MAX_CONSTS)
    return rl_fail(l, at, "too many constant names (limit %u)", RL_MAX_CONSTS);
  GROW(l, l->consts, l->nconsts, l->consts_cap, l->nconsts + 1);
  l->consts[l->nconsts++] = name;
  return 0;
}

/* "<op> <integer or CONSTANT>": 0, or -1 when malformed. *name is set (arena) for a
 * constant, NULL for a number. */
static int parse_cond(loader *l, const char *s, ir_op *op, int64_t *val, const char **name) {
  static const struct {
    const char *t;
    ir_op op;
  } ops[] = {{"==", IR_EQ}, {"!=", IR_NE}, {"<=", IR_LE}, {">=", IR_GE}, {"<", IR_LT}, {">", IR_GT}};
  while (*s == ' ' || *s == '\t')
    s++;
  size_t i, n = sizeof ops / sizeof ops[0];
  for (i = 0; i < n; i++)
    if (!strncmp(s, ops[i].t, strlen(ops[i].t)))
      break;
  if (i == n)
    return -1;
  *op = ops[i].op;
  s += strlen(ops[i].t);
  while (*s == ' ' || *s == '\t')
    s++;
  size_t len = strlen(s);
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  if (!len || len > 255)
    return -1;
  char word[256];
  memcpy(word, s, len);
  word[len] = 0;
  *name = NULL;
  *val = 0;
  if (rl_parse_int64(word, val) == 0)
    return 0;
  if (!rl_is_ident(word, NULL))
    return -1;
  *name = arena_strdup(l->a, word);
  return 0;
}

/* "a[].b.c" / "a->b" / "[].pvBuffer": steps applied after the implicit *arg. */
static int parse_path(loader *l, yaml_node_t *n, const char *s, rule_effect *e) {
  ir_step steps[RL_MAX_PATH];
  unsigned k = 0;
  const char *p = s;
  int need_name = 0; /* after '.' or '->' */
  while (*p) {
    if (k >= RL_MAX_PATH)
      return rl_fail(l, n, "path '%s' has too many steps (limit %d)", s, RL_MAX_PATH);
    if (p[0] == '[' && p[1] == ']' && !need_name) {
      steps[k++] = (ir_step){IR_STEP_INDEX, NULL};
      p += 2;
      continue;
    }
    if (k > 0 && !need_name) {
      if (*p == '.') {
        p++;
      } else if (p[0] == '-' && p[1] == '>') {
        steps[k++] = (ir_step){IR_STEP_DEREF, NULL};
        p += 2;
      } else {
        goto bad;
      }
      need_name = 1;
      continue;
    }
    const char *b = p;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' || (p > b && *p >= '0' && *p <= '9'))
      p++;
    if (p == b)
      goto bad;
    if (k >= RL_MAX_PATH)
      return rl_fail(l, n, "path '%s' has too many steps (limit %d)", s, RL_MAX_PATH);
    steps[k++] = (ir_step){IR_STEP_FIELD, arena_strndup(l->a, b, (size_t)(p - b))};
    need_name = 0;
  }
  if (need_name || k == 0)
    goto bad;
  e->path = arena_alloc(l->a, k * sizeof *e->path);
  memcpy(e->path, steps, k * sizeof *steps);
  e->npath = k;
  return 0;
bad:
  return rl_fail(l, n, "bad path '%s': expected member names joined by '.', '->' or '[]' (as in \"pBuffers[].pvBuffer\")", s);
}

/* ---- kinds ---------------------------------------------------------------------- */

static int staged_kind(const loader *l, const char *name) {
  for (unsigned i = 0; i < l->nkinds; i++)
    if (!strcmp(l->kinds[i].name, name))
      return (int)i;
  return -1;
}

static int parse_kind(loader *l, yaml_node_t *m) {
  static const char *const keys[] = {"name",         "describe",        "leak-check",
                                     "storage",      "invalid-values",  "size-field",
                                     "on-unknown-call", "release-hint", "type-names",
                                     "pointer-type-names", NULL};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "a kind must be a mapping, not %s", rl_type_word(m));
  if (rl_check_keys(l, m, "kind", keys))
    return -1;
  rule_kind k;
  memset(&k, 0, sizeof k);
  yaml_node_t *v = rl_get(l, m, "name");
  if (!v)
    return rl_fail(l, m, "kind without 'name'");
  if (!(k.name = rl_get_word(l, v, "name")))
    return -1;
  if (!strcmp(k.name, "any"))
    return rl_fail(l, v, "'any' is reserved (escape: any) and cannot name a kind");
  int dup = staged_kind(l, k.name);
  if (dup >= 0)
    return rl_fail(l, v, "kind '%s' is already defined at line %u", k.name, l->kind_line[dup]);
  if ((v = rl_get(l, m, "describe"))) {
    if (!(k.describe = rl_get_str(l, v, "describe")))
      return -1;
  } else {
    k.describe = arena_printf(l->a, "%s handle", k.name);
  }
  if (!(v = rl_get(l, m, "leak-check")))
    return rl_fail(l, m, "kind '%s' without 'leak-check' (the check id of its leaks)", k.name);
  if (!(k.leak_check = rl_get_word(l, v, "leak-check")))
    return -1;
  if ((v = rl_get(l, m, "storage"))) {
    static const char *const st[] = {"struct", "pointer", NULL};
    int c = rl_get_choice(l, v, "storage", st);
    if (c < 0)
      return -1;
    k.storage = c == 0 ? RULE_STORE_STRUCT : RULE_STORE_POINTER;
  }
  if ((v = rl_get(l, m, "invalid-values"))) {
    if (v->type != YAML_SEQUENCE_NODE)
      return rl_fail(l, v, "'invalid-values' must be a list of integers, not %s", rl_type_word(v));
    size_t cnt = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (cnt > RL_MAX_INVALID)
      return rl_fail(l, v, "too many items in 'invalid-values' (limit %d)", RL_MAX_INVALID);
    for (size_t i = 0; i < cnt; i++) {
      yaml_node_t *it = rl_node(l, v->data.sequence.items.start[i]);
      if (!it || rl_get_int(l, it, "invalid-values", &k.invalid_values[i]))
        return -1;
    }
    k.ninvalid = (unsigned)cnt;
  }
  if ((v = rl_get(l, m, "size-field")) && !(k.size_field = rl_get_ident(l, v, "size-field")))
    return -1;
  k.unknown_call_escapes = 1;
  if ((v = rl_get(l, m, "on-unknown-call"))) {
    static const char *const oc[] = {"escape", "borrow", NULL};
    int c = rl_get_choice(l, v, "on-unknown-call", oc);
    if (c < 0)
      return -1;
    k.unknown_call_escapes = c == 0;
  }
  if ((v = rl_get(l, m, "release-hint")) && !(k.release_hint = rl_get_callee(l, v, "release-hint")))
    return -1;
  if ((v = rl_get(l, m, "type-names")) &&
      rl_get_list(l, v, "type-names", RL_MAX_LIST, rl_get_callee, &k.type_names, &k.ntype_names, NULL))
    return -1;
  if ((v = rl_get(l, m, "pointer-type-names")) &&
      rl_get_list(l, v, "pointer-type-names", RL_MAX_LIST, rl_get_callee, &k.pointer_type_names,
               &k.npointer_type_names, NULL))
    return -1;
  int slot = rules_kind_index(l->r, k.name);
  if (slot < 0) {
    if (l->r->nkinds + l->nappend >= RL_MAX_KINDS)
      return rl_fail(l, m, "too many kinds (limit %d)", RL_MAX_KINDS);
    slot = (int)(l->r->nkinds + l->nappend++);
  }
  GROW(l, l->kinds, l->nkinds, l->kinds_cap, l->nkinds + 1);
  GROW(l, l->kind_slot, l->nkinds, l->kind_slot_cap, l->nkinds + 1);
  GROW(l, l->kind_line, l->nkinds, l->kind_line_cap, l->nkinds + 1);
  l->kinds[l->nkinds] = k;
  l->kind_slot[l->nkinds] = slot;
  l->kind_line[l->nkinds] = rl_node_line(m);
  l->nkinds++;
  return 0;
}

/* The index a kind name will have once this file is merged; -2 after an error;
 * -1 for "any" when allow_any. */
static int kind_ref(loader *l, yaml_node_t *n, const char *what, int allow_any) {
  const char *name = rl_get_word(l, n, what);
  if (!name)
    return -2;
  if (allow_any && !strcmp(name, "any"))
    return -1;
  int i = staged_kind(l, name);
  if (i >= 0)
    return l->kind_slot[i];
  i = rules_kind_index(l->r, name);
  if (i >= 0)
    return i;
  char known[200] = "";
  size_t used = 0;
  for (unsigned j = 0; j < l->r->nkinds + l->nkinds; j++) {
    const char *kn = j < l->r->nkinds ? l->r->kinds[j].name : l->kinds[j - l->r->nkinds].name;
    if (j >= l->r->nkinds && rules_kind_index(l->r, kn) >= 0)
      continue; /* a replacement: already listed */
    int w = snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", kn);
    if (w < 0 || (size_t)w >= sizeof known - used)
      break;
    used += (size_t)w;
  }
  rl_fail(l, n, "unknown kind '%s' (known kinds: %s)", name, used ? known : "none");
  return -2;
}

/* ---- macros and entry points ------------------------------------------------------ */

static int parse_macro(loader *l, yaml_node_t *m) {
  static const char *const keys[] = {"name", "status", "handle", NULL};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "a macro must be a mapping, not %s", rl_type_word(m));
  if (rl_check_keys(l, m, "macro", keys))
    return -1;
  rule_macro mc;
  memset(&mc, 0, sizeof mc);
  yaml_node_t *v = rl_get(l, m, "name");
  if (!v)
    return rl_fail(l, m, "macro without 'name'");
  if (!(mc.name = rl_get_ident(l, v, "name")))
    return -1;
  for (unsigned i = 0; i < l->nmacros; i++)
    if (!strcmp(l->macros[i].name, mc.name))
      return rl_fail(l, v, "macro '%s' is already defined at line %u", mc.name, l->macro_line[i]);
  yaml_node_t *st = rl_get(l, m, "status"), *h = rl_get(l, m, "handle");
  if (!st == !h)
    return rl_fail(l, m, "macro '%s' needs exactly one of 'status' or 'handle'", mc.name);
  if (st) {
    const char *s = rl_get_str(l, st, "status"), *cname;
    if (!s)
      return -1;
    if (parse_cond(l, s, &mc.op, &mc.value, &cname) != 0 || cname)
      return rl_fail(l, st, "bad status '%s': expected '<op> <integer>' with op one of == != < <= > >=", s);
    mc.kind = RM_STATUS;
  } else {
    static const char *const hk[] = {"valid", "invalidate", NULL};
    int c = rl_get_choice(l, h, "handle", hk);
    if (c < 0)
      return -1;
    mc.kind = c == 0 ? RM_VALID : RM_INVALIDATE;
  }
  if (rules_macro(l->r, mc.name) == NULL && l->r->nmacros + l->nmacros >= RL_MAX_MACROS)
    return rl_fail(l, m, "too many macros (limit %d)", RL_MAX_MACROS);
  GROW(l, l->macros, l->nmacros, l->macros_cap, l->nmacros + 1);
  GROW(l, l->macro_line, l->nmacros, l->macro_line_cap, l->nmacros + 1);
  l->macro_line[l->nmacros] = rl_node_line(m);
  l->macros[l->nmacros++] = mc;
  return 0;
}

/* An argument test {arg: N, is: "<op> <integer or CONSTANT>"} (noreturn-if, an entry
 * point's when). */
static int parse_arg_test(loader *l, yaml_node_t *m, const char *what, int *arg, rule_success *t) {
  static const char *const keys[] = {"arg", "is", NULL};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "'%s' must be a mapping with 'arg' and 'is', not %s", what, rl_type_word(m));
  if (rl_check_keys(l, m, what, keys))
    return -1;
  yaml_node_t *a = rl_get(l, m, "arg"), *is = rl_get(l, m, "is");
  if (!a || !is)
    return rl_fail(l, m, "'%s' needs 'arg' and 'is'", what);
  if (rl_get_arg(l, a, "arg", 0, arg))
    return -1;
  const char *s = rl_get_str(l, is, "is");
  if (!s)
    return -1;
  if (parse_cond(l, s, &t->op, &t->value, &t->value_name) != 0)
    return rl_fail(l, is, "bad test '%s': expected '<op> <integer or CONSTANT>' with op one of == != < <= > >=", s);
  if (t->value_name && add_const(l, is, t->value_name))
    return -1;
  return 0;
}

static int parse_entry(loader *l, yaml_node_t *m) {
  static const char *const keys[] = {"name", "names", "at", "when", NULL};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "an entry point must be a mapping, not %s", rl_type_word(m));
  if (rl_check_keys(l, m, "entry point", keys))
    return -1;
  yaml_node_t *n1 = rl_get(l, m, "name"), *nn = rl_get(l, m, "names"), *at = rl_get(l, m, "at");
  if (!n1 == !nn)
    return rl_fail(l, m, "an entry point needs exactly one of 'name' or 'names'");
  if (!at)
    return rl_fail(l, m, "entry point without 'at' (exit or unload)");
  static const char *const ak[] = {"exit", "unload", NULL};
  int c = rl_get_choice(l, at, "at", ak);
  if (c < 0)
    return -1;
  rule_entry proto = {NULL, c == 1, 0, 0, {IR_EQ, 0, NULL}};
  yaml_node_t *when = rl_get(l, m, "when");
  if (when && parse_arg_test(l, when, "when", &proto.when_arg, &proto.when))
    return -1;
  proto.has_when = when != NULL;
  const char **names;
  unsigned cnt, *lines;
  if (rl_get_list(l, n1 ? n1 : nn, n1 ? "name" : "names", RL_MAX_ENTRIES, rl_get_ident, &names, &cnt, &lines))
    return -1;
  if (!cnt)
    return rl_fail(l, m, "'names' must list at least one function");
  for (unsigned i = 0; i < cnt; i++) {
    for (unsigned j = 0; j < l->nentries; j++)
      if (!strcmp(l->entries[j].name, names[i]))
        return rl_fail_line(l, lines[i], "entry point '%s' is already listed at line %u", names[i], l->entry_line[j]);
    int exists = 0;
    for (unsigned j = 0; j < l->r->nentries && !exists; j++)
      exists = !strcmp(l->r->entries[j].name, names[i]);
    if (!exists && l->r->nentries + l->nentries >= RL_MAX_ENTRIES)
      return rl_fail_line(l, lines[i], "too many entry points (limit %d)", RL_MAX_ENTRIES);
    GROW(l, l->entries, l->nentries, l->entries_cap, l->nentries + 1);
    GROW(l, l->entry_line, l->nentries, l->entry_line_cap, l->nentries + 1);
    l->entries[l->nentries] = proto;
    l->entries[l->nentries].name = names[i];
    l->entry_line[l->nentries++] = lines[i];
  }
  return 0;
}

/* ---- effects -------------------------------------------------------------------- */

static int parse_attribute(loader *l, yaml_node_t *m, rule_effect *e) {
  static const char *const keys[] = {"arg", "owns", NULL};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "'attribute' must be a mapping with 'arg' and 'owns', not %s", rl_type_word(m));
  if (rl_check_keys(l, m, "attribute", keys))
    return -1;
  yaml_node_t *a = rl_get(l, m, "arg"), *o = rl_get(l, m, "owns");
  if (!a || !o)
    return rl_fail(l, m, "'attribute' needs 'arg' and 'owns'");
  if (rl_get_arg(l, a, "arg", 0, &e->attr_arg))
    return -1;
  if (o->type != YAML_MAPPING_NODE)
    return rl_fail(l, o, "'owns' must map attribute constants to member lists, not %s", rl_type_word(o));
  size_t cnt = (size_t)(o->data.mapping.pairs.top - o->data.mapping.pairs.start);
  if (cnt == 0)
    return rl_fail(l, o, "'owns' must list at least one attribute");
  if (cnt > RL_MAX_ATTRS)
    return rl_fail(l, o, "too many attributes in 'owns' (limit %d)", RL_MAX_ATTRS);
  e->attrs = arena_alloc(l->a, cnt * sizeof *e->attrs);
  for (size_t i = 0; i < cnt; i++) {
    yaml_node_pair_t *p = &o->data.mapping.pairs.start[i];
    yaml_node_t *k = rl_node(l, p->key), *v = rl_node(l, p->value);
    if (!k || !v)
      return rl_fail(l, o, "broken 'owns' mapping");
    rule_attr *at = &e->attrs[i];
    if (!(at->const_name = rl_get_ident(l, k, "owns")))
      return -1;
    for (size_t j = 0; j < i; j++)
      if (!strcmp(e->attrs[j].const_name, at->const_name))
        return rl_fail(l, k, "attribute '%s' is listed twice", at->const_name);
    if (rl_get_list(l, v, at->const_name, RL_MAX_FIELDS, rl_get_ident, &at->fields, &at->nfields, NULL))
      return -1;
    if (!at->nfields)
      return rl_fail(l, v, "attribute '%s' must list at least one member", at->const_name);
    if (add_const(l, k, at->const_name))
      return -1;
  }
  e->nattrs = (unsigned)cnt;
  return 0;
}

static int parse_flag(loader *l, yaml_node_t *m, rule_effect *e) {
  static const char *const keys[] = {"arg", "has", NULL};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "'if-flag' must be a mapping with 'arg' and 'has', not %s", rl_type_word(m));
  if (rl_check_keys(l, m, "if-flag", keys))
    return -1;
  yaml_node_t *a = rl_get(l, m, "arg"), *h = rl_get(l, m, "has");
  if (!a || !h)
    return rl_fail(l, m, "'if-flag' needs 'arg' and 'has'");
  if (rl_get_arg(l, a, "arg", 0, &e->flag_arg))
    return -1;
  if (!(e->flag_name = rl_get_ident(l, h, "has")))
    return -1;
  return add_const(l, h, e->flag_name);
}

/* noreturn-if: {arg: N, is: "<op> <integer or CONSTANT>"} */
static int parse_noreturn_if(loader *l, yaml_node_t *m, rule_fn *f) {
  if (parse_arg_test(l, m, "noreturn-if", &f->noreturn_if_arg, &f->noreturn_if))
    return -1;
  f->has_noreturn_if = 1;
  return 0;
}

/* Which keys each action allows besides the action and 'arg'. */
static int only_for(loader *l, yaml_node_t *m, const char *key, rule_fx_kind fx, unsigned allowed_mask,
                    const char *which) {
  if (rl_get(l, m, key) && !(allowed_mask & (1u << fx))) {
    yaml_node_t *v = rl_get(l, m, key);
    return rl_fail(l, v, "'%s' is only allowed %s", key, which);
  }
  return 0;
}

static int parse_effect(loader *l, yaml_node_t *m, rule_effect *e) {
  static const char *const keys[] = {"acquire", "release", "use", "clear", "escape", "allocate", "free",
                                     "copy", "arg", "pass", "path", "continues", "if-flag",
                                     "attribute", "unconditional", "optional", "from",
                                     "any-handle", "not-on", "count", NULL};
  static const char *const acts[] = {"acquire", "release", "use", "clear", "escape", "allocate", "free",
                                     "copy"};
  static const rule_fx_kind fxs[] = {RX_ACQUIRE, RX_RELEASE, RX_USE, RX_CLEAR,
                                     RX_ESCAPE,  RX_ALLOC,   RX_FREE, RX_COPY};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "an effect must be a mapping, not %s", rl_type_word(m));
  if (rl_check_keys(l, m, "effect", keys))
    return -1;
  memset(e, 0, sizeof *e);
  e->cont_arg = e->flag_arg = e->attr_arg = -1;
  int act = -1;
  for (int i = 0; i < 8; i++)
    if (rl_get(l, m, acts[i])) {
      if (act >= 0)
        return rl_fail(l, rl_get(l, m, acts[i]), "an effect has one action: '%s' and '%s' together", acts[act], acts[i]);
      act = i;
    }
  if (act < 0)
    return rl_fail(l, m, "effect without an action (acquire, release, use, clear, escape, allocate, free or copy)");
  e->fx = fxs[act];
  yaml_node_t *av = rl_get(l, m, acts[act]);
  e->from_arg = -1;
  if (e->fx == RX_CLEAR || e->fx == RX_ALLOC || e->fx == RX_FREE || e->fx == RX_COPY) {
    int t;
    if (rl_get_bool(l, av, acts[act], &t))
      return -1;
    if (!t)
      return rl_fail(l, av, "'%s' must be true", acts[act]);
    e->kind = -1;
  } else {
    e->kind = kind_ref(l, av, acts[act], e->fx == RX_ESCAPE);
    if (e->kind == -2)
      return -1;
  }
  const unsigned ACQ = 1u << RX_ACQUIRE, REL = 1u << RX_RELEASE, USE = 1u << RX_USE, ESC = 1u << RX_ESCAPE;
  if (only_for(l, m, "pass", e->fx, REL | USE | ESC, "with release, use or escape") ||
      only_for(l, m, "path", e->fx, ACQ | ESC, "with acquire or escape") ||
      only_for(l, m, "continues", e->fx, ACQ, "with acquire") ||
      only_for(l, m, "if-flag", e->fx, ACQ, "with acquire") ||
      only_for(l, m, "attribute", e->fx, ACQ, "with acquire") ||
      only_for(l, m, "unconditional", e->fx, ACQ, "with acquire") ||
      only_for(l, m, "not-on", e->fx, ACQ, "with acquire") ||
      only_for(l, m, "count", e->fx, ACQ, "with acquire") ||
      only_for(l, m, "optional", e->fx, USE, "with use") ||
      only_for(l, m, "from", e->fx, 1u << RX_COPY, "with copy") ||
      only_for(l, m, "any-handle", e->fx, REL, "with release"))
    return -1;
  if (e->fx == RX_COPY) {
    yaml_node_t *fv = rl_get(l, m, "from");
    if (!fv)
      return rl_fail(l, m, "copy effect without 'from' (the source argument)");
    if (rl_get_arg(l, fv, "from", 0, &e->from_arg))
      return -1;
  }
  yaml_node_t *v = rl_get(l, m, "arg");
  if (!v)
    return rl_fail(l, m, "%s effect without 'arg'", acts[act]);
  if (rl_get_arg(l, v, "arg", e->fx == RX_ACQUIRE || e->fx == RX_ALLOC || e->fx == RX_CLEAR, &e->arg))
    return -1;
  int is_ret = e->arg == RULE_ARG_RETURN;
  if ((v = rl_get(l, m, "pass"))) {
    static const char *const pk[] = {"pointer", "value", NULL};
    int c = rl_get_choice(l, v, "pass", pk);
    if (c < 0)
      return -1;
    e->pass_value = c == 1;
  }
  if ((v = rl_get(l, m, "path"))) {
    if (is_ret)
      return rl_fail(l, v, "'path' cannot be used with 'arg: return'");
    if (e->pass_value)
      return rl_fail(l, v, "'path' cannot be used with 'pass: value'");
    const char *s = rl_get_str(l, v, "path");
    if (!s || parse_path(l, v, s, e))
      return -1;
  }
  if ((v = rl_get(l, m, "continues"))) {
    if (is_ret)
      return rl_fail(l, v, "'continues' cannot be used with 'arg: return'");
    if (rl_get_arg(l, v, "continues", 0, &e->cont_arg))
      return -1;
  }
  if ((v = rl_get(l, m, "if-flag")) && parse_flag(l, v, e))
    return -1;
  if ((v = rl_get(l, m, "attribute"))) {
    if (is_ret)
      return rl_fail(l, v, "'attribute' cannot be used with 'arg: return'");
    if (e->npath)
      return rl_fail(l, v, "'attribute' and 'path' cannot be combined");
    if (parse_attribute(l, v, e))
      return -1;
  }
  if ((v = rl_get(l, m, "unconditional")) && rl_get_bool(l, v, "unconditional", &e->unconditional))
    return -1;
  if ((v = rl_get(l, m, "count"))) {
    if (is_ret)
      return rl_fail(l, v, "'count' cannot be used with 'arg: return'");
    if (rl_get_arg(l, v, "count", 0, &e->count_arg))
      return -1;
    if (e->count_arg == e->arg)
      return rl_fail(l, v, "'count' must be another argument than 'arg'");
    e->has_count = 1;
  }
  if ((v = rl_get(l, m, "not-on"))) {
    if (rl_get_list(l, v, "not-on", RULE_MAX_EXCEPT, rl_get_ident, &e->except, &e->nexcept, NULL))
      return -1;
    for (unsigned i = 0; i < e->nexcept; i++)
      if (add_const(l, v, e->except[i]))
        return -1;
  }
  if ((v = rl_get(l, m, "optional")) && rl_get_bool(l, v, "optional", &e->optional))
    return -1;
  if ((v = rl_get(l, m, "any-handle")) && rl_get_bool(l, v, "any-handle", &e->any_handle))
    return -1;
  return 0;
}

/* ---- function entries -------------------------------------------------------------- */

static int parse_fn(loader *l, yaml_node_t *m) {
  static const char *const keys[] = {"names",   "types",   "patterns",    "success", "returns",
                                     "effects", "noreturn", "noreturn-if", "assert-fail", NULL};
  if (m->type != YAML_MAPPING_NODE)
    return rl_fail(l, m, "a function entry must be a mapping, not %s", rl_type_word(m));
  if (rl_check_keys(l, m, "function entry", keys))
    return -1;
  if (l->r->nfns + l->nfns >= RL_MAX_FNS)
    return rl_fail(l, m, "too many function entries (limit %d)", RL_MAX_FNS);
  rule_fn f;
  memset(&f, 0, sizeof f);
  f.src_file = l->path;
  f.src_line = rl_node_line(m);
  yaml_node_t *v = rl_get(l, m, "names");
  if (!v)
    return rl_fail(l, m, "function entry without 'names'");
  unsigned *lines;
  if (rl_get_list(l, v, "names", RL_MAX_LIST, rl_get_callee, &f.names, &f.nnames, &lines))
    return -1;
  if (!f.nnames)
    return rl_fail(l, v, "'names' must list at least one function");
  if (l->nnames + f.nnames > RL_MAX_FILE_NAMES)
    return rl_fail(l, v, "too many function names in one file (limit %d)", RL_MAX_FILE_NAMES);
  if (l->nnames + f.nnames > l->names_cap) {
    size_t nc = l->names_cap ? l->names_cap : 64;
    while (nc < l->nnames + f.nnames)
      nc *= 2;
    name_ref *nr = realloc(l->names, nc * sizeof *nr);
    if (!nr)
      return rl_fail(l, v, "out of memory");
    l->names = nr;
    l->names_cap = nc;
  }
  for (unsigned i = 0; i < f.nnames; i++)
    l->names[l->nnames++] = (name_ref){f.names[i], lines[i]};
  if ((v = rl_get(l, m, "types")) && rl_get_list(l, v, "types", RL_MAX_LIST, rl_get_callee, &f.types, &f.ntypes, NULL))
    return -1;
  if ((v = rl_get(l, m, "patterns")) &&
      rl_get_list(l, v, "patterns", RL_MAX_LIST, rl_get_callee, &f.patterns, &f.npatterns, NULL))
    return -1;
  if ((v = rl_get(l, m, "success"))) {
    const char *s = rl_get_str(l, v, "success");
    if (!s)
      return -1;
    if (parse_cond(l, s, &f.success.op, &f.success.value, &f.success.value_name) != 0)
      return rl_fail(l, v, "bad success '%s': expected '<op> <integer or CONSTANT>' with op one of == != < <= > >=", s);
    if (f.success.value_name && add_const(l, v, f.success.value_name))
      return -1;
    f.has_success = 1;
  }
  if ((v = rl_get(l, m, "returns"))) {
    const char *s = rl_get_str(l, v, "returns");
    if (!s)
      return -1;
    if (parse_cond(l, s, &f.returns.op, &f.returns.value, &f.returns.value_name) != 0)
      return rl_fail(l, v, "bad returns '%s': expected '<op> <integer or CONSTANT>' with op one of == != < <= > >=", s);
    if (f.returns.value_name && add_const(l, v, f.returns.value_name))
      return -1;
    f.has_returns = 1;
  }
  if ((v = rl_get(l, m, "noreturn")) && rl_get_bool(l, v, "noreturn", &f.noreturn))
    return -1;
  if ((v = rl_get(l, m, "assert-fail")) && rl_get_bool(l, v, "assert-fail", &f.assert_fail))
    return -1;
  if ((v = rl_get(l, m, "noreturn-if"))) {
    if (f.noreturn)
      return rl_fail(l, v, "'noreturn-if' and 'noreturn: true' cannot be combined");
    if (parse_noreturn_if(l, v, &f))
      return -1;
  }
  if ((v = rl_get(l, m, "effects")) && !rl_is_null(v)) {
    if (v->type != YAML_SEQUENCE_NODE)
      return rl_fail(l, v, "'effects' must be a list, not %s", rl_type_word(v));
    size_t cnt = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (cnt > RL_MAX_EFFECTS)
      return rl_fail(l, v, "too many effects (limit %d)", RL_MAX_EFFECTS);
    f.effects = arena_alloc(l->a, (cnt ? cnt : 1) * sizeof *f.effects);
    for (size_t i = 0; i < cnt; i++) {
      yaml_node_t *it = rl_node(l, v->data.sequence.items.start[i]);
      if (!it || rl_tick(l, it) || parse_effect(l, it, &f.effects[i]))
        return l->failed ? -1 : rl_fail(l, v, "broken effect list");
    }
    f.neffects = (unsigned)cnt;
  }
  GROW(l, l->fns, l->nfns, l->fns_cap, l->nfns + 1);
  l->fns[l->nfns++] = f;
  return 0;
}

static int cmp_name_ref(const void *a, const void *b) {
  const name_ref *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A function named twice in one file is a mistake: report the first repeat (in
 * file order). Leaves l->names sorted by name for the merge. */
static int check_dup_names(loader *l) {
  if (l->nnames < 2)
    return 0;
  qsort(l->names, l->nnames, sizeof *l->names, cmp_name_ref);
  unsigned best = 0, first = 0;
  const char *bname = NULL;
  for (unsigned i = 1; i < l->nnames; i++)
    if (!strcmp(l->names[i].name, l->names[i - 1].name)) {
      unsigned j = i;
      while (j > 0 && !strcmp(l->names[j - 1].name, l->names[i].name))
        j--;
      if (!bname || l->names[i].line < best) {
        best = l->names[i].line;
        first = l->names[j].line;
        bname = l->names[i].name;
      }
    }
  if (bname)
    return rl_fail_line(l, best, "function '%s' is already listed at line %u", bname, first);
  return 0;
}

static int defined_here(const loader *l, const char *name) {
  size_t lo = 0, hi = l->nnames;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(l->names[mid].name, name);
    if (c == 0)
      return 1;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

/* ---- merge ---------------------------------------------------------------------- */

static void merge(loader *l) {
  rules *r = l->r;
  for (unsigned i = 0; i < l->nkinds; i++) {
    unsigned slot = (unsigned)l->kind_slot[i];
    if (slot >= r->nkinds) {
      GROW(l, r->kinds, r->nkinds, r->kinds_cap, slot + 1);
      r->nkinds = slot + 1;
    }
    r->kinds[slot] = l->kinds[i];
  }
  for (unsigned i = 0; i < l->nmacros; i++) {
    rule_macro *old = (rule_macro *)rules_macro(r, l->macros[i].name);
    if (old) {
      *old = l->macros[i];
      continue;
    }
    GROW(l, r->macros, r->nmacros, r->macros_cap, r->nmacros + 1);
    r->macros[r->nmacros++] = l->macros[i];
  }
  for (unsigned i = 0; i < l->nentries; i++) {
    unsigned j = 0;
    while (j < r->nentries && strcmp(r->entries[j].name, l->entries[i].name))
      j++;
    if (j == r->nentries) {
      GROW(l, r->entries, r->nentries, r->entries_cap, r->nentries + 1);
      r->nentries++;
    }
    r->entries[j] = l->entries[i];
  }
  /* older function entries lose the names this file redefines */
  unsigned kept = 0;
  for (unsigned i = 0; i < r->nfns; i++) {
    rule_fn f = r->fns[i];
    unsigned n = 0;
    for (unsigned k = 0; k < f.nnames; k++)
      n += !defined_here(l, f.names[k]);
    if (n != f.nnames && n) {
      const char **names = arena_alloc(l->a, n * sizeof *names);
      n = 0;
      for (unsigned k = 0; k < f.nnames; k++)
        if (!defined_here(l, f.names[k]))
          names[n++] = f.names[k];
      f.names = names;
      f.nnames = n;
    }
    if (n)
      r->fns[kept++] = f;
  }
  r->nfns = kept;
  GROW(l, r->fns, r->nfns, r->fns_cap, r->nfns + l->nfns);
  if (l->nfns) /* a file without functions: r->fns may still be NULL */
    memcpy(r->fns + r->nfns, l->fns, l->nfns * sizeof *l->fns);
  r->nfns += l->nfns;
  for (unsigned i = 0; i < l->nconsts; i++) {
    unsigned j = 0;
    while (j < r->nconst_names && strcmp(r->const_names[j], l->consts[i]))
      j++;
    if (j < r->nconst_names || r->nconst_names >= RL_MAX_CONSTS)
      continue; /* known (the cap was checked while parsing) */
    GROW(l, r->const_names, r->nconst_names, r->const_names_cap, r->nconst_names + 1);
    r->const_names[r->nconst_names++] = l->consts[i];
  }
}

/* ---- the file ------------------------------------------------------------------- */

/* Calls each(l, item) for the items of a top-level section (a list; null = empty). */
static int section(loader *l, yaml_node_t *root, const char *key, int (*each)(loader *, yaml_node_t *)) {
  yaml_node_t *s = rl_get(l, root, key);
  if (!s || rl_is_null(s))
    return 0;
  if (s->type != YAML_SEQUENCE_NODE)
    return rl_fail(l, s, "'%s' must be a list, not %s", key, rl_type_word(s));
  for (yaml_node_item_t *it = s->data.sequence.items.start; it < s->data.sequence.items.top; it++) {
    yaml_node_t *n = rl_node(l, *it);
    if (!n)
      return rl_fail(l, s, "'%s': broken list item", key);
    if (rl_tick(l, n) || each(l, n))
      return -1;
  }
  return 0;
}

static int load_root(loader *l, yaml_node_t *root) {
  static const char *const keys[] = {"version", "kinds", "macros", "entry-points", "functions", NULL};
  if (root->type != YAML_MAPPING_NODE)
    return rl_fail(l, root, "a rules file must be a mapping (version, kinds, macros, entry-points, functions), not %s",
                rl_type_word(root));
  if (rl_check_keys(l, root, "the rules file", keys))
    return -1;
  yaml_node_t *v = rl_get(l, root, "version");
  if (!v)
    return rl_fail(l, root, "missing 'version: 1'");
  int64_t ver;
  if (rl_get_int(l, v, "version", &ver))
    return -1;
  if (ver != 1)
    return rl_fail(l, v, "unsupported version %lld (this sspi-check reads version 1)", (long long)ver);
  if (section(l, root, "kinds", parse_kind) || section(l, root, "macros", parse_macro) ||
      section(l, root, "entry-points", parse_entry) || section(l, root, "functions", parse_fn))
    return -1;
  return check_dup_names(l);
}

/* Reads at most RL_MAX_FILE_BYTES of path into a malloc'd buffer (owned by the
 * caller). NULL after an error. */
static unsigned char *slurp(loader *l, size_t *len) {
  char ferr[1200];
  FILE *f = infile_open(l->path, INFILE_MAX_SMALL, ferr, sizeof ferr);
  if (!f) {
    rl_fail_line(l, 0, "cannot open rules file: %s", infile_reason(ferr, l->path));
    return NULL;
  }
  unsigned char *buf = malloc(RL_MAX_FILE_BYTES + 1);
  if (!buf) {
    fclose(f);
    rl_fail_line(l, 0, "out of memory");
    return NULL;
  }
  size_t n = fread(buf, 1, RL_MAX_FILE_BYTES + 1, f);
  int bad = ferror(f);
  int e = errno;
  fclose(f);
  if (bad) {
    free(buf);
    rl_fail_line(l, 0, "cannot read rules file: %s", strerror(e));
    return NULL;
  }
  if (n > RL_MAX_FILE_BYTES) {
    free(buf);
    rl_fail_line(l, 0, "rules file larger than %u bytes", RL_MAX_FILE_BYTES);
    return NULL;
  }
  *len = n;
  return buf;
}

/* rules_load_file: parses the YAML rules file at path and merges it into r (see the
 * top of this file). 0 on success; -1 with err = "path:line: message" and r
 * unchanged. Everything added is owned by r->arena. */
int rules_load_file(rules *r, const char *path, char *err, size_t errlen) {
  if (err && errlen)
    err[0] = 0;
  if (!r || !r->arena || !path) {
    if (err && errlen)
      snprintf(err, errlen, "%s:0: internal error: no rule set to load into", path ? path : "(null)");
    return -1;
  }
  loader l;
  memset(&l, 0, sizeof l);
  l.r = r;
  l.a = r->arena;
  l.path = arena_strdup(r->arena, path);
  l.err = err;
  l.errlen = errlen;
  size_t len = 0;
  unsigned char *buf = slurp(&l, &len);
  if (!buf)
    return -1;
  yaml_parser_t parser;
  yaml_document_t doc;
  int have_doc = 0;
  if (!yaml_parser_initialize(&parser)) {
    free(buf);
    return rl_fail_line(&l, 0, "out of memory");
  }
  unsigned long bline = 0;
  char bwhy[160];
  if (yaml_bound_check(buf, len, &bline, bwhy, sizeof bwhy) != 0) {
    yaml_parser_delete(&parser);
    free(buf);
    return rl_fail_line(&l, (unsigned)bline, "%s", bwhy);
  }
  yaml_parser_set_input_string(&parser, buf, len);
  if (!yaml_parser_load(&parser, &doc)) {
    const char *ctx = parser.context;
    rl_fail_line(&l, (unsigned)parser.problem_mark.line + 1, "YAML syntax error: %s%s%s",
              parser.problem ? parser.problem : "unknown problem", ctx ? " " : "", ctx ? ctx : "");
    goto out;
  }
  have_doc = 1;
  l.doc = &doc;
  yaml_node_t *root = yaml_document_get_root_node(&doc);
  if (!root) {
    rl_fail_line(&l, 1, "empty rules file (expected at least 'version: 1')");
    goto out;
  }
  if (load_root(&l, root) == 0) {
    yaml_document_t extra;
    if (!yaml_parser_load(&parser, &extra)) {
      rl_fail_line(&l, (unsigned)parser.problem_mark.line + 1, "YAML syntax error: %s",
                parser.problem ? parser.problem : "unknown problem");
    } else {
      yaml_node_t *x = yaml_document_get_root_node(&extra);
      if (x)
        rl_fail(&l, x, "only one YAML document is allowed in a rules file");
      yaml_document_delete(&extra);
    }
    if (!l.failed) {
      merge(&l);
      rules_index_fns(r);
    }
  }
out:
  if (have_doc)
    yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
  free(buf);
  free(l.names);
  return l.failed ? -1 : 0;
}
