/* relevance.c - the relevance pre-pass's fixpoint (relevance.h has the rule): the
 * relevant names (the rules', then what parsed units and header entities add), the
 * pairs that make a name relevant once another is, the region of functions whose
 * callees are asked for, the kinds that can exist (dormant release functions), and
 * which unit is wanted. The token scan of sources is relscan.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "relevance.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relevance_int.h"
#include "util/xalloc.h"

const char *rel_intern_n(relevance *rv, const char *s, size_t n) {
  const char *k = strmap_key_n(&rv->intern, s, n);
  if (!k) {
    k = arena_strndup(rv->a, s, n);
    strmap_put(&rv->intern, k, 0);
  }
  return k;
}

void rel_push(const char ***arr, size_t *n, size_t *cap, const char *v) {
  if (*n == *cap) {
    *cap = *cap ? 2 * *cap : 16;
    const char **na = realloc(*arr, *cap * sizeof *na);
    if (!na)
      xalloc_fail();
    *arr = na;
  }
  (*arr)[(*n)++] = v;
}

static int fn_has_handle_effect(const rule_fn *f) {
  for (unsigned k = 0; k < f->neffects; k++)
    switch (f->effects[k].fx) {
    case RX_ACQUIRE:
    case RX_RELEASE:
    case RX_USE:
    case RX_ESCAPE:
      return 1;
    default:
      break;
    }
  return 0;
}

/* glob_split: g as a rel_glob: simple when it is '*' then a literal, perhaps ending in
 * a plain bracket class ([AW]); any other glob goes to fnmatch(3). */
static rel_glob glob_split(const char *g) {
  rel_glob r = {g, NULL, 0, NULL, 0, 0};
  if (g[0] != '*' || strpbrk(g + 1, "*?\\"))
    return r;
  const char *br = strchr(g + 1, '[');
  if (!br) {
    r.lit = g + 1;
    r.nlit = strlen(g + 1);
    r.simple = 1;
    return r;
  }
  const char *close = strchr(br, ']');
  if (!close || close[1] || close == br + 1 || br[1] == '!' || br[1] == '^' ||
      memchr(br + 1, '-', (size_t)(close - br - 1)) || memchr(br + 1, '[', (size_t)(close - br - 1)))
    return r;
  r.lit = g + 1;
  r.nlit = (size_t)(br - g - 1);
  r.cls = br + 1;
  r.ncls = (size_t)(close - br - 1);
  r.simple = 1;
  return r;
}

static int glob_match(const rel_glob *g, const char *t) {
  if (!g->simple)
    return fnmatch(g->glob, t, 0) == 0;
  size_t n = strlen(t), tail = g->cls ? 1 : 0;
  if (n < g->nlit + tail || memcmp(t + n - tail - g->nlit, g->lit, g->nlit) != 0)
    return 0;
  return !g->cls || memchr(g->cls, t[n - 1], g->ncls) != NULL;
}

/* defined_add: k (interned) is a function of the region called without a body: the
 * unit that defines it is wanted. */
static void defined_add(relevance *rv, const char *k) {
  if (set_add(&rv->defined, rv->a, k))
    rel_push(&rv->defined_log, &rv->ndefined_log, &rv->capdefined_log,
             strmap_key(&rv->defined, k));
}

/* region_add: k is in the region, and so is every function it calls (transitively; an
 * explicit stack, each name once); those called without a body are asked for. */
static void region_add(relevance *rv, const char *k) {
  if (set_has(&rv->region, k))
    return;
  const char **stack = NULL;
  size_t n = 0, cap = 0;
  rel_push(&stack, &n, &cap, k);
  while (n) {
    const char *name = stack[--n];
    if (set_has(&rv->region, name))
      continue;
    const char *key = rel_intern_n(rv, name, strlen(name));
    strmap_put(&rv->region, key, 0);
    if (set_has(&rv->nobody, key))
      defined_add(rv, key);
    unsigned e;
    if (strmap_get(&rv->callees, key, &e))
      for (; e != REL_NO_PAIR; e = rv->edges[e].next)
        if (!set_has(&rv->region, rv->edges[e].callee))
          rel_push(&stack, &n, &cap, rv->edges[e].callee);
  }
  free(stack);
}

/* edge_add: fk (interned: a function of a parsed unit) calls callee. */
static void edge_add(relevance *rv, const char *fk, const char *callee) {
  const char *ck = rel_intern_n(rv, callee, strlen(callee));
  unsigned head = REL_NO_PAIR;
  strmap_get(&rv->callees, fk, &head);
  for (unsigned e = head; e != REL_NO_PAIR; e = rv->edges[e].next)
    if (rv->edges[e].callee == ck)
      return;
  if (rv->nedges == rv->capedges) {
    rv->capedges = rv->capedges ? 2 * rv->capedges : 256;
    struct rel_edge *ne = realloc(rv->edges, rv->capedges * sizeof *ne);
    if (!ne)
      xalloc_fail();
    rv->edges = ne;
  }
  rv->edges[rv->nedges].callee = ck;
  rv->edges[rv->nedges].next = head;
  strmap_put(&rv->callees, fk, rv->nedges++);
}

/* names_add: k is relevant, and so is every slot assigned k (transitively; an explicit
 * stack of names, each added once). A relevant function is in the region. */
void rel_names_add(relevance *rv, const char *k) {
  if (set_has(&rv->names, k))
    return;
  const char **stack = NULL;
  size_t n = 0, cap = 0;
  rel_push(&stack, &n, &cap, k);
  while (n) {
    const char *name = stack[--n];
    if (!set_add(&rv->names, rv->a, name))
      continue;
    rel_push(&rv->names_log, &rv->nnames_log, &rv->capnames_log, strmap_key(&rv->names, name));
    if (rv->seeded)
      region_add(rv, name);
    unsigned p;
    if (strmap_get(&rv->pending, name, &p))
      for (; p != REL_NO_PAIR; p = rv->pairs[p].next)
        if (!set_has(&rv->names, rv->pairs[p].slot))
          rel_push(&stack, &n, &cap, rv->pairs[p].slot);
  }
  free(stack);
}

/* rel_pair_add: slot receives name, which is not relevant yet (both interned). */
void rel_pair_add(relevance *rv, const char *name, const char *slot) {
  unsigned head = REL_NO_PAIR;
  const char *key = rel_intern_n(rv, name, strlen(name));
  strmap_get(&rv->pending, key, &head);
  if (rv->npairs == rv->cappairs) {
    rv->cappairs = rv->cappairs ? 2 * rv->cappairs : 64;
    struct rel_pair *np = realloc(rv->pairs, rv->cappairs * sizeof *np);
    if (!np)
      xalloc_fail();
    rv->pairs = np;
  }
  rv->pairs[rv->npairs].slot = rel_intern_n(rv, slot, strlen(slot));
  rv->pairs[rv->npairs].next = head;
  strmap_put(&rv->pending, key, rv->npairs++);
}

/* rule_name_add: a name of the rules (it counts wherever a header names it). */
void rel_rule_name_add(relevance *rv, const char *k) {
  rel_names_add(rv, k);
  set_add(&rv->rule_names, rv->a, k);
}

/* fn_dormant: f only releases or uses handles (acquires none), so it matters
 * only where a handle of its kinds exists: it is seeded once the scan shows that some
 * unit names an acquirer of one of them (finalize). CloseHandle releases access tokens
 * and closes every other kernel handle: without QuerySecurityContextToken in the
 * build, its callers cannot reach a finding. */
static int fn_dormant(const rule_fn *f) {
  for (unsigned k = 0; k < f->neffects; k++)
    if (f->effects[k].fx == RX_ACQUIRE || f->effects[k].fx == RX_ESCAPE)
      return 0;
  return 1;
}

static void seed_fn(relevance *rv, const rule_fn *f) {
  for (unsigned k = 0; k < f->nnames; k++)
    rel_rule_name_add(rv, f->names[k]);
  for (unsigned k = 0; k < f->ntypes; k++)
    rel_rule_name_add(rv, f->types[k]);
  for (unsigned k = 0; k < f->npatterns; k++)
    rv->patterns[rv->npatterns++] = glob_split(f->patterns[k]);
}

relevance *relevance_new(const rules *r, unsigned n) {
  relevance *rv = calloc(1, sizeof *rv);
  if (!rv || !(rv->a = arena_new()) || !(rv->units = calloc(n + 1, sizeof *rv->units))) {
    relevance_free(rv);
    return NULL;
  }
  rv->n = n;
  size_t npat = 0;
  for (unsigned i = 0; i < r->nfns; i++)
    if (fn_has_handle_effect(&r->fns[i]))
      npat += r->fns[i].npatterns;
  rv->patterns = arena_alloc(rv->a, (npat + 1) * sizeof *rv->patterns);
  rv->r = r;
  rv->awake = arena_alloc(rv->a, r->nkinds + 1);
  rv->fn_seeded = arena_alloc(rv->a, r->nfns + 1);
  for (unsigned i = 0; i < r->nfns; i++) {
    const rule_fn *f = &r->fns[i];
    if (fn_has_handle_effect(f) && !fn_dormant(f)) {
      rv->fn_seeded[i] = 1;
      seed_fn(rv, f);
    }
  }
  for (unsigned i = 0; i < r->nkinds; i++) {
    const rule_kind *k = &r->kinds[i];
    for (unsigned j = 0; j < k->ntype_names; j++)
      rel_rule_name_add(rv, k->type_names[j]);
    for (unsigned j = 0; j < k->npointer_type_names; j++)
      rel_rule_name_add(rv, k->pointer_type_names[j]);
  }
  for (unsigned i = 0; i < r->nmacros; i++)
    if (r->macros[i].kind != RM_STATUS)
      rel_rule_name_add(rv, r->macros[i].name);
  for (unsigned i = 0; i < r->nentries; i++)
    rel_rule_name_add(rv, r->entries[i].name);
  /* flag and attribute constants: a unit that only stores ISC_REQ_ALLOCATE_MEMORY in a
   * struct member decides what calls elsewhere allocate (engine/members.c) */
  for (unsigned i = 0; i < r->nconst_names; i++)
    rel_rule_name_add(rv, r->const_names[i]);
  rv->seeded = 1;
  return rv;
}

void relevance_free(relevance *rv) {
  if (!rv)
    return;
  if (rv->units)
    for (unsigned i = 0; i < rv->n; i++) {
      strmap_free(&rv->units[i].toks);
      strmap_free(&rv->units[i].top);
      strmap_free(&rv->units[i].defs);
    }
  free(rv->units);
  for (unsigned i = 0; i < rv->nfiles; i++) {
    strmap_free(&rv->files[i].toks);
    strmap_free(&rv->files[i].body);
    free(rv->files[i].funcs);
  }
  strmap_free(&rv->file_index);
  strmap_free(&rv->intern);
  strmap_free(&rv->stat_memo);
  strmap_free(&rv->names);
  free(rv->names_log);
  strmap_free(&rv->rule_names);
  strmap_free(&rv->defined);
  free(rv->defined_log);
  strmap_free(&rv->region);
  strmap_free(&rv->nobody);
  strmap_free(&rv->callees);
  free(rv->edges);
  strmap_free(&rv->pending);
  free(rv->pairs);
  if (rv->a)
    arena_free(rv->a);
  free(rv);
}

/* ---- the fixpoint ---- */

static void wake(relevance *rv, int kind);

/* slot_name: the name a place is known by for calls through it: its last member, else
 * its variable. */
static const char *slot_name(const ir_place *p) {
  if (!p)
    return NULL;
  for (unsigned k = p->nsteps; k-- > 0;)
    if (p->steps[k].kind == IR_STEP_FIELD && p->steps[k].field)
      return p->steps[k].field;
  return p->name && *p->name ? p->name : NULL;
}

/* name_matches: t is in names or matches a rules pattern. */
int rel_name_matches(const relevance *rv, const strset *names, const char *t) {
  if (set_has(names, t))
    return 1;
  for (unsigned p = 0; p < rv->npatterns; p++)
    if (glob_match(&rv->patterns[p], t))
      return 1;
  return 0;
}

/* handle_typed: the place's type names a handle type of the rules ("CredHandle",
 * "PCtxtHandle *", "const SecHandle"). */
static int handle_typed(const relevance *rv, const ir_place *p) {
  const char *t = p ? p->type_name : NULL;
  while (t && *t) {
    while (*t && !is_id0((unsigned char)*t))
      t++;
    const char *b = t;
    while (*t && is_id((unsigned char)*t))
      t++;
    if (t > b && strmap_key_n(&rv->rule_names, b, (size_t)(t - b)))
      return 1;
  }
  return 0;
}

/* handle_val: a value of the event reads or takes the address of a handle-typed place. */
static int handle_val(const relevance *rv, const ir_val *v, unsigned depth) {
  if (!v || depth > 8)
    return 0;
  if ((v->kind == IR_V_PLACE || v->kind == IR_V_ADDR) && handle_typed(rv, v->place))
    return 1;
  return v->kind == IR_V_CHOICE &&
         (handle_val(rv, v->a, depth + 1) || handle_val(rv, v->b, depth + 1));
}

/* learn_func: what one function of a parsed unit adds, in one pass over its events.
 * fn can carry a handle effect to its callers when it calls something relevant (a
 * function of the rules, or of the parsed units that can) or touches a handle-typed
 * place; then its name is relevant. A callee or slot not (yet) relevant is remembered:
 * fn becomes relevant when it does (pairs, whatever the order). Also the functions it
 * calls without a body, and the slots it assigns a function to. */
static void learn_func(relevance *rv, const ir_func *fn) {
  const char *name = fn->name && *fn->name ? rel_intern_n(rv, fn->name, strlen(fn->name)) : NULL;
  int relevant = 0;
  for (unsigned b = 0; b < fn->nblocks; b++)
    for (unsigned e = 0; e < fn->blocks[b].nev; e++) {
      const ir_event *ev = &fn->blocks[b].ev[e];
      if (ev->kind == IR_E_CALL) {
        const char *callee = ev->call.name && *ev->call.name ? ev->call.name : NULL;
        const rule_fn *rf = rv->nawake < rv->r->nkinds ? rules_match_call(rv->r, &ev->call) : NULL;
        for (unsigned k = 0; rf && k < rf->neffects; k++)
          if (rf->effects[k].fx == RX_ACQUIRE)
            wake(rv, rf->effects[k].kind);
        if (callee && !ev->call.indirect) {
          if (!ev->call.has_body && set_add(&rv->nobody, rv->a, callee) &&
              set_has(&rv->region, callee))
            defined_add(rv, callee);
          if (name)
            edge_add(rv, name, callee);
        }
        if (relevant)
          continue;
        if (callee && rel_name_matches(rv, &rv->names, callee))
          relevant = 1;
        else if (callee && name)
          rel_pair_add(rv, callee, name);
        for (unsigned a = 0; a < ev->call.nargs && !relevant; a++)
          relevant = handle_val(rv, &ev->call.args[a], 0);
        continue;
      }
      if (ev->kind != IR_E_ASSIGN && ev->kind != IR_E_CLEAR)
        continue;
      if (!relevant)
        relevant = handle_typed(rv, ev->dst) || handle_val(rv, &ev->src, 0);
      if (ev->kind == IR_E_ASSIGN && (ev->src.kind == IR_V_PLACE || ev->src.kind == IR_V_ADDR) &&
          ev->src.place && ev->src.place->nsteps == 0 && ev->src.place->name &&
          *ev->src.place->name) {
        const char *slot = slot_name(ev->dst);
        if (slot && set_has(&rv->names, ev->src.place->name))
          rel_names_add(rv, slot);
        else if (slot)
          rel_pair_add(rv, ev->src.place->name, slot); /* relevant once the name is */
      }
    }
  if (relevant && name)
    rel_names_add(rv, name);
  /* in the region before its unit was parsed (a region function calls it): so are its
   * callees now */
  unsigned e;
  if (name && set_has(&rv->region, name) && strmap_get(&rv->callees, name, &e))
    for (; e != REL_NO_PAIR; e = rv->edges[e].next)
      region_add(rv, rv->edges[e].callee);
}

void relevance_learn(relevance *rv, const ir_unit *u) {
  if (!rv || !u)
    return;
  for (unsigned f = 0; f < u->nfuncs; f++)
    learn_func(rv, &u->funcs[f]);
}

/* log_hit: an element of toks that is in set, or NULL, where set's elements are
 * log[0..nlog) in the order they were added and toks was found to hold none of the
 * first seen: only the newer ones are looked up in toks, or each token in set when that
 * is fewer look-ups. The answer is the one a look at every token would give. */
static const char *log_hit(const strset *toks, const strset *set, const char *const *log,
                           size_t nlog, size_t seen) {
  if (nlog - seen > toks->n) {
    for (size_t k = 0; k < toks->cap; k++)
      if (toks->keys[k] && set_has(set, toks->keys[k]))
        return toks->keys[k];
    return NULL;
  }
  for (size_t k = seen; k < nlog; k++)
    if (set_has(toks, log[k]))
      return log[k];
  return NULL;
}

/* toks_hit: one of toks that is a relevant name (or matches a rules pattern), or NULL.
 * Names and patterns only grow: toks was found to hold none of the first *seen_names
 * names of names_log and to match none of the first *seen_pat patterns, so only the
 * newer ones are tried; on a miss both marks move to the end. */
static const char *toks_hit(const relevance *rv, const strset *toks, size_t *seen_names,
                            unsigned *seen_pat) {
  const char *hit = log_hit(toks, &rv->names, rv->names_log, rv->nnames_log, *seen_names);
  for (unsigned p = *seen_pat; p < rv->npatterns && !hit; p++)
    for (size_t k = 0; k < toks->cap && !hit; k++)
      if (toks->keys[k] && glob_match(&rv->patterns[p], toks->keys[k]))
        hit = toks->keys[k];
  if (!hit) {
    *seen_names = rv->nnames_log;
    *seen_pat = rv->npatterns;
  }
  return hit;
}

/* header_names: a header names something relevant in code of its own that every
 * includer may run: code the scan could not give a name to (hf->body), or anywhere
 * when its braces do not balance. Its named entities (macros, inline functions,
 * initialised objects, typedefs) count where a unit names them (entity_link). Once
 * found, it stays (the names only grow). */
static const char *header_names(const relevance *rv, rel_file *hf) {
  if (!hf->has_name) {
    hf->hit = toks_hit(rv, hf->unbalanced ? &hf->toks : &hf->body, &hf->seen_names,
                       &hf->seen_pat);
    hf->has_name = hf->hit != NULL;
  }
  return hf->hit;
}

/* defines_called: a function the unit may define (defs) that a function of the region
 * calls without a body, or NULL; like toks_hit, only what defined_log added since the
 * last miss is tried. */
static const char *defines_called(const relevance *rv, rel_unit *u) {
  const char *hit = log_hit(u->unbalanced ? &u->top : &u->defs, &rv->defined,
                            rv->defined_log, rv->ndefined_log, u->seen_defined);
  if (!hit)
    u->seen_defined = rv->ndefined_log;
  return hit;
}

/* header_own: hf defines an inline function that is relevant: the first unit that
 * includes hf is parsed (the function is analysed in that unit, as when every unit is
 * parsed), whether or not a unit calls it. */
static const char *header_own(const relevance *rv, const rel_file *hf) {
  for (size_t k = 0; k < hf->nfuncs; k++)
    if (set_has(&rv->names, hf->funcs[k]))
      return hf->funcs[k];
  return NULL;
}

/* why: with SSPI_CHECK_SHOW_RELEVANCE set, why unit i is parsed (a debugging aid,
 * like SSPI_CHECK_SHOW_CAP). */
static int why(unsigned i, const char *what, const char *name) {
  static int show = -1;
  if (show < 0)
    show = getenv("SSPI_CHECK_SHOW_RELEVANCE") != NULL;
  if (show)
    fprintf(stderr, "sspi-check: relevance: unit %u: %s%s%s\n", i, what, name ? " " : "",
            name ? name : "");
  return 1;
}

/* names_acquirer: one of toks names a function of the rules that acquires a handle of
 * kind (by name, typedef or pattern). */
static int names_acquirer(const relevance *rv, const strset *toks, int kind) {
  const rules *r = rv->r;
  for (unsigned i = 0; i < r->nfns; i++) {
    const rule_fn *f = &r->fns[i];
    int acq = 0;
    for (unsigned k = 0; k < f->neffects && !acq; k++)
      acq = f->effects[k].fx == RX_ACQUIRE && f->effects[k].kind == kind;
    if (!acq)
      continue;
    for (unsigned k = 0; k < f->nnames; k++)
      if (set_has(toks, f->names[k]))
        return 1;
    for (unsigned k = 0; k < f->ntypes; k++)
      if (set_has(toks, f->types[k]))
        return 1;
    for (unsigned k = 0; k < f->npatterns; k++) {
      rel_glob g = glob_split(f->patterns[k]);
      for (size_t t = 0; t < toks->cap; t++)
        if (toks->keys[t] && glob_match(&g, toks->keys[t]))
          return 1;
    }
  }
  return 0;
}

/* wake: handles of kind can exist in the build: the dormant functions of the rules
 * that release or use it are seeded (once). */
static void wake(relevance *rv, int kind) {
  const rules *r = rv->r;
  if (kind < 0 || (unsigned)kind >= r->nkinds || rv->awake[kind])
    return;
  rv->awake[kind] = 1;
  rv->nawake++;
  int was = rv->seeded;
  rv->seeded = 0; /* the rules' names, not learnt ones */
  for (unsigned i = 0; i < r->nfns; i++) {
    const rule_fn *f = &r->fns[i];
    if (!fn_has_handle_effect(f) || !fn_dormant(f) || rv->fn_seeded[i])
      continue;
    for (unsigned k = 0; k < f->neffects; k++)
      if (f->effects[k].kind == kind) {
        rv->fn_seeded[i] = 1;
        seed_fn(rv, f);
        break;
      }
  }
  rv->seeded = was;
}

/* wake_named: the kinds still dormant that the main files of units [units_from,
 * units_to) or the headers files[files_from..] name an acquirer of wake, kind by kind. */
static void wake_named(relevance *rv, unsigned units_from, unsigned units_to,
                       unsigned files_from) {
  for (unsigned k = 0; k < rv->r->nkinds; k++) {
    if (rv->awake[k])
      continue;
    int named = 0;
    for (unsigned i = units_from; i < units_to && !named; i++)
      named = names_acquirer(rv, &rv->units[i].toks, (int)k);
    for (unsigned f = files_from; f < rv->nfiles && !named; f++)
      named = names_acquirer(rv, &rv->files[f].toks, (int)k);
    if (named)
      wake(rv, (int)k);
  }
}

/* finalize: at the first question (relevance_wanted), the kinds that some main file or
 * project header scanned by then names an acquirer of are awake (fn_dormant); a unit
 * scanned later wakes the kinds it or its new headers name then (rel_wake_scanned), so
 * the answer does not depend on how much was scanned when the questions began (with -j
 * the scan goes on while the workers parse). A unit the scan could not read whole is
 * parsed, and what it calls wakes kinds then (learn_func). */
static void finalize(relevance *rv) {
  rv->finalized = 1;
  wake_named(rv, 0, rv->n, 0);
}

/* rel_wake_scanned: see relevance_int.h. */
void rel_wake_scanned(relevance *rv, unsigned i, unsigned files_from) {
  if (rv->finalized && rv->nawake < rv->r->nkinds) /* before, finalize looks at it */
    wake_named(rv, i, i + 1, files_from);
}

unsigned long relevance_generation(const relevance *rv) {
  if (!rv)
    return 0;
  return (unsigned long)rv->nnames_log + rv->ndefined_log + rv->npatterns + rv->finalized;
}

int relevance_wanted(relevance *rv, unsigned i) {
  if (!rv || i >= rv->n)
    return 1;
  if (!rv->finalized)
    finalize(rv);
  rel_unit *u = &rv->units[i];
  if (!u->scanned || u->force)
    return why(i, "not scanned or forced", NULL);
  const char *t = toks_hit(rv, &u->toks, &u->seen_names, &u->seen_pat);
  if (t)
    return why(i, "main file names", t);
  for (unsigned k = 0; k < u->nfiles; k++) {
    rel_file *hf = &rv->files[u->files[k]];
    if (header_names(rv, hf))
      return why(i, hf->path, hf->hit);
    const char *f = hf->first_unit == i ? header_own(rv, hf) : NULL;
    if (f)
      return why(i, "first to include a header whose inline function is relevant:", f);
  }
  t = defines_called(rv, u);
  if (t)
    return why(i, "defines a function a parsed unit calls:", t);
  return 0;
}

/* type_ident: the k-th identifier of a type as spelt ("struct conn *" -> conn), other
 * than the keywords around it; NULL after the last. */
static const char *type_ident(const char *t, unsigned k, size_t *len) {
  static const char *const kw[] = {"struct", "union", "enum", "const", "volatile", "restrict"};
  for (unsigned seen = 0; t && *t;) {
    while (*t && !is_id0((unsigned char)*t))
      t++;
    const char *b = t;
    while (*t && is_id((unsigned char)*t))
      t++;
    if (t == b)
      break;
    int skip = 0;
    for (size_t j = 0; j < sizeof kw / sizeof *kw && !skip; j++)
      skip = (size_t)(t - b) == strlen(kw[j]) && !strncmp(b, kw[j], (size_t)(t - b));
    if (!skip && seen++ == k) {
      *len = (size_t)(t - b);
      return b;
    }
  }
  return NULL;
}

int relevance_names_type(const relevance *rv, unsigned i, const char *const *types, unsigned n) {
  if (!rv || i >= rv->n)
    return 1;
  const rel_unit *u = &rv->units[i];
  if (!u->scanned || u->force)
    return 1;
  for (unsigned t = 0; t < n; t++) {
    size_t len;
    const char *id;
    for (unsigned k = 0; (id = type_ident(types[t], k, &len)); k++) {
      if (set_has_n(&u->toks, id, len))
        return 1;
      for (unsigned f = 0; f < u->nfiles; f++)
        if (set_has_n(&rv->files[u->files[f]].toks, id, len))
          return 1;
    }
  }
  return 0;
}
