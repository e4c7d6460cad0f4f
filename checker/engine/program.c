/* program.c - whole-program facts: handles held in globals must be released on the
 * way out of the program (end of main/WinMain, DllMain's unload path, functions
 * registered with atexit or otherwise called back).
 *
 * Each unit contributes facts: which globals its functions acquire into and release,
 * its call edges, the functions whose address it takes (callbacks, atexit handlers)
 * and its entry points (from the rules' entry-points). The link step walks the call
 * graph from the entry points; a global acquired somewhere and released by no
 * function reachable from any entry point is reported at the entry point's exit.
 * When the program has no entry point in view (a library), nothing is reported. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "program.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"

#include "entry_exit.h"

#include <stdlib.h>
#include <string.h>

typedef struct gfact {
  char *place;  /* "g_cred", "g_state.ctx" */
  int kind;
  int acquire;  /* 1 acquire, 0 release */
  ir_loc loc;
  char *fn;
  char *callee;
  char *file;
} gfact;

typedef struct edge {
  char *from, *to;
  char *key; /* "from\x1fto": the edge set's key */
} edge;

typedef struct entry_fn {
  char *name;
  int is_unload;
  ir_loc exit_loc;
  char *file;
} entry_fn;

typedef struct ffact {
  int acquire, kind;
  char *container, *field, *what, *fn, *file;
  char *key;             /* what makes it the same fact again (ff_set) */
  ir_loc loc;
} ffact;

struct prog {
  unsigned nff, capff;
  ffact *ff;
  unsigned nte, capte;
  char **type_escapes;
  unsigned nf, capf;
  gfact *f;
  unsigned ne, cape;
  edge *e;
  unsigned na, capa;
  char **addr_taken;
  unsigned nen, capen;
  entry_fn *en;
  strmap edge_set, addr_set; /* edges and addr_taken by key: no repeats */
  strmap ff_set, te_set;     /* field facts and escaped types: no repeats */
};

static void *grow(void *p, unsigned *cap, unsigned n, size_t elt) {
  if (n < *cap)
    return p;
  *cap = *cap ? *cap * 2 : 16;
  void *np = realloc(p, *cap * elt);
  if (!np)
    xalloc_fail();
  return np;
}

static char *dup(const char *s) {
  if (!s)
    s = "";
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (!d)
    xalloc_fail();
  memcpy(d, s, n);
  return d;
}

prog *prog_new(void) {
  prog *p = calloc(1, sizeof *p);
  if (!p)
    xalloc_fail();
  return p;
}

void prog_free(prog *p) {
  if (!p)
    return;
  for (unsigned i = 0; i < p->nf; i++) {
    free(p->f[i].place);
    free(p->f[i].fn);
    free(p->f[i].callee);
    free(p->f[i].file);
  }
  for (unsigned i = 0; i < p->ne; i++) {
    free(p->e[i].from);
    free(p->e[i].to);
    free(p->e[i].key);
  }
  strmap_free(&p->edge_set);
  strmap_free(&p->addr_set);
  strmap_free(&p->ff_set);
  strmap_free(&p->te_set);
  for (unsigned i = 0; i < p->na; i++)
    free(p->addr_taken[i]);
  for (unsigned i = 0; i < p->nen; i++) {
    free(p->en[i].name);
    free(p->en[i].file);
  }
  for (unsigned i = 0; i < p->nff; i++) {
    free(p->ff[i].container);
    free(p->ff[i].field);
    free(p->ff[i].what);
    free(p->ff[i].fn);
    free(p->ff[i].file);
    free(p->ff[i].key);
  }
  for (unsigned i = 0; i < p->nte; i++)
    free(p->type_escapes[i]);
  free(p->ff);
  free(p->type_escapes);
  free(p->f);
  free(p->e);
  free(p->addr_taken);
  free(p->en);
  free(p);
}

static int loc_same(ir_loc a, ir_loc b) {
  return a.line == b.line && a.col == b.col &&
         ((!a.file && !b.file) || (a.file && b.file && strcmp(a.file, b.file) == 0));
}

void prog_note_global(prog *p, int acquire, const char *place, int kind, ir_loc loc, const char *fn,
                      const char *callee) {
  if (!p || !place)
    return;
  for (unsigned i = 0; i < p->nf; i++)
    if (p->f[i].acquire == acquire && p->f[i].kind == kind && strcmp(p->f[i].place, place) == 0 &&
        (acquire ? loc_same(p->f[i].loc, loc) : strcmp(p->f[i].fn, fn ? fn : "") == 0))
      return;
  p->f = grow(p->f, &p->capf, p->nf, sizeof *p->f);
  gfact *g = &p->f[p->nf++];
  g->place = dup(place);
  g->kind = kind;
  g->acquire = acquire;
  g->file = dup(loc.file);
  g->loc = loc;
  g->loc.file = g->file;
  g->fn = dup(fn);
  g->callee = dup(callee ? callee : fn);
}

/* "const struct conn *" -> "struct conn" */
static char *container_name(const char *t) {
  if (!t)
    return NULL;
  while (strncmp(t, "const ", 6) == 0)
    t += 6;
  char *d = dup(t);
  size_t n = strlen(d);
  while (n > 0 && (d[n - 1] == '*' || d[n - 1] == ' ' || d[n - 1] == '&'))
    d[--n] = 0;
  if (n > 6 && strcmp(d + n - 6, " const") == 0)
    d[n - 6] = 0;
  return d;
}

void prog_note_field(prog *p, int acquire, int kind, const char *container, const char *field,
                     const char *what, ir_loc loc, const char *fn) {
  if (!p || !field)
    return;
  char *cn = container_name(container);
  /* the same fact: kind, direction, container and member (and where, for acquisitions) */
  char *key = NULL;
  size_t klen = 0;
  FILE *k = open_memstream(&key, &klen);
  if (!k)
    xalloc_fail();
  fprintf(k, "%d|%d|%s|%s", acquire, kind, cn ? cn : "", field);
  if (acquire)
    fprintf(k, "|%s:%u:%u", loc.file ? loc.file : "", loc.line, loc.col);
  if (fclose(k) != 0 || !key)
    xalloc_fail();
  unsigned at;
  if (strmap_get(&p->ff_set, key, &at)) {
    free(cn);
    free(key);
    return;
  }
  p->ff = grow(p->ff, &p->capff, p->nff, sizeof *p->ff);
  ffact *f = &p->ff[p->nff];
  f->acquire = acquire;
  f->kind = kind;
  f->container = cn ? cn : dup("");
  f->field = dup(field);
  f->what = dup(what);
  f->fn = dup(fn);
  f->file = dup(loc.file);
  f->key = key;
  f->loc = loc;
  f->loc.file = f->file;
  strmap_put(&p->ff_set, key, p->nff++);
}

void prog_note_type_escape(prog *p, const char *container) {
  if (!p || !container)
    return;
  char *cn = container_name(container);
  if (!cn)
    return;
  if (strmap_key(&p->te_set, cn)) {
    free(cn);
    return;
  }
  p->type_escapes = grow(p->type_escapes, &p->capte, p->nte, sizeof *p->type_escapes);
  p->type_escapes[p->nte++] = cn;
  strmap_put(&p->te_set, cn, 0);
}

static const rule_kind *kind_of(const rules *r, int k) {
  return k >= 0 && (unsigned)k < r->nkinds ? &r->kinds[k] : NULL;
}

/* A finding with one note (diag_add copies the strings). */
static void add_finding(diag_set *out, ir_loc loc, const char *check, const char *msg, const char *func,
                        ir_loc note_loc, const char *note_msg) {
  diag_note note = {note_loc, note_msg};
  diag d;
  memset(&d, 0, sizeof d);
  d.loc = loc;
  d.check = check;
  d.msg = msg;
  d.func = func;
  d.nnotes = 1;
  d.notes = &note;
  diag_add(out, &d);
}

/* A release fact about member m of struct type `rel` covers an acquisition into
 * member m of `acq`: the same type, or a type we cannot compare (unknown, or a typedef
 * spelling: PSESSION may be struct session *). Two different `struct X` spellings are
 * different types. */
static int same_container(const char *rel, const char *acq) {
  if (!rel[0] || !acq[0] || strcmp(rel, acq) == 0)
    return 1;
  int rs = strncmp(rel, "struct ", 7) == 0 || strncmp(rel, "union ", 6) == 0;
  int as = strncmp(acq, "struct ", 7) == 0 || strncmp(acq, "union ", 6) == 0;
  return !(rs && as);
}

/* field_unreleased: acquisition fact i is one report_fields reports: no function of
 * the program releases (or hands on) its member, and its struct type reaches no code
 * we cannot see. */
static int field_unreleased(const prog *p, unsigned i) {
  const ffact *a = &p->ff[i];
  if (!a->acquire || !a->container[0])
    return 0;
  for (unsigned k = 0; k < p->nff; k++) {
    const ffact *x = &p->ff[k];
    if (!x->acquire && x->kind == a->kind && strcmp(x->field, a->field) == 0 &&
        same_container(x->container, a->container))
      return 0;
  }
  return !strmap_key(&p->te_set, a->container);
}

unsigned prog_unreleased_types(const prog *p, const char **types, unsigned max) {
  unsigned n = 0;
  for (unsigned i = 0; p && i < p->nff; i++)
    if (field_unreleased(p, i)) {
      unsigned k = 0;
      while (k < n && k < max && strcmp(types[k], p->ff[i].container) != 0)
        k++;
      if (k == n) {
        if (n < max)
          types[n] = p->ff[i].container;
        n++;
      }
    }
  return n;
}

/* Members that hold a handle acquired through a parameter and that no function of
 * the program releases (or hands on): reported at the acquisition. Silent when the
 * struct type reaches code we cannot see. */
static void report_fields(prog *p, const rules *r, diag_set *out) {
  for (unsigned i = 0; i < p->nff; i++) {
    const ffact *a = &p->ff[i];
    if (!field_unreleased(p, i))
      continue;
    const rule_kind *kd = kind_of(r, a->kind);
    if (!kd)
      continue;
    char msg[512], nmsg[512];
    snprintf(msg, sizeof msg, "%s '%s' is stored in '%s.%s', which no function releases", kd->describe,
             a->what, a->container, a->field);
    snprintf(nmsg, sizeof nmsg, "no function in the program releases '%s.%s'", a->container, a->field);
    add_finding(out, a->loc, kd->leak_check, msg, a->fn, a->loc, nmsg);
  }
}

static const rule_entry *entry_rule(const rules *r, const char *name) {
  for (unsigned i = 0; i < r->nentries; i++)
    if (strcmp(r->entries[i].name, name) == 0)
      return &r->entries[i];
  return NULL;
}

static int is_entry(const rules *r, const char *name, int *unload) {
  for (unsigned i = 0; i < r->nentries; i++)
    if (strcmp(r->entries[i].name, name) == 0) {
      *unload = r->entries[i].is_unload;
      return 1;
    }
  return 0;
}

static void add_edge(prog *p, const char *from, const char *to) {
  size_t lf = strlen(from), lt = strlen(to);
  char *key = malloc(lf + lt + 2);
  if (!key)
    xalloc_fail();
  memcpy(key, from, lf);
  key[lf] = '\x1f';
  memcpy(key + lf + 1, to, lt + 1);
  unsigned i;
  if (strmap_get(&p->edge_set, key, &i)) {
    free(key);
    return;
  }
  p->e = grow(p->e, &p->cape, p->ne, sizeof *p->e);
  p->e[p->ne].from = dup(from);
  p->e[p->ne].to = dup(to);
  p->e[p->ne].key = key;
  strmap_put(&p->edge_set, key, p->ne);
  p->ne++;
}

static void add_addr(prog *p, const char *name) {
  unsigned i;
  if (strmap_get(&p->addr_set, name, &i))
    return;
  p->addr_taken = grow(p->addr_taken, &p->capa, p->na, sizeof *p->addr_taken);
  p->addr_taken[p->na] = dup(name);
  strmap_put(&p->addr_set, p->addr_taken[p->na], p->na);
  p->na++;
}

/* Function names used as values (callbacks): a global place named like a function. */
static void scan_val_for_funcs(prog *p, const ir_unit *u, const ir_val *v, unsigned depth) {
  if (!v || depth > 16)
    return;
  /* any global named as a value may be a function of another unit (atexit(fini) with
   * fini defined elsewhere): names that are not functions have no call edges and so
   * change nothing in the reachability walk */
  (void)u;
  if ((v->kind == IR_V_PLACE || v->kind == IR_V_ADDR) && v->place && v->place->root == IR_ROOT_GLOBAL &&
      v->place->nsteps == 0 && v->place->name && *v->place->name)
    add_addr(p, v->place->name);
  if (v->kind == IR_V_CHOICE) {
    scan_val_for_funcs(p, u, v->a, depth + 1);
    scan_val_for_funcs(p, u, v->b, depth + 1);
  }
}

void prog_add_unit(prog *p, const ir_unit *u, const rules *r) {
  for (unsigned fi = 0; fi < u->nfuncs; fi++) {
    const ir_func *f = &u->funcs[fi];
    ir_loc last = f->loc;
    for (unsigned b = 0; b < f->nblocks; b++) {
      const ir_block *bl = &f->blocks[b];
      if (bl->term == IR_T_RETURN && bl->term_loc.file &&
          (bl->term_loc.line > last.line || (bl->term_loc.line == last.line && bl->term_loc.col > last.col)))
        last = bl->term_loc;
      for (unsigned e = 0; e < bl->nev; e++) {
        const ir_event *ev = &bl->ev[e];
        if (ev->kind == IR_E_CALL) {
          if (!ev->call.indirect && ev->call.name && *ev->call.name)
            add_edge(p, f->name, ev->call.name);
          for (unsigned a = 0; a < ev->call.nargs; a++)
            scan_val_for_funcs(p, u, &ev->call.args[a], 0);
        } else if (ev->kind == IR_E_ASSIGN) {
          scan_val_for_funcs(p, u, &ev->src, 0);
        }
      }
    }
    int unload = 0;
    if (is_entry(r, f->name, &unload)) {
      p->en = grow(p->en, &p->capen, p->nen, sizeof *p->en);
      entry_fn *en = &p->en[p->nen++];
      en->name = dup(f->name);
      en->is_unload = unload;
      const rule_entry *re = entry_rule(r, f->name);
      int64_t wv = re ? re->when.value : 0;
      ir_loc own;
      if (re && re->has_when && re->when_arg >= 0 &&
          (!re->when.value_name || ir_const_lookup(u, re->when.value_name, &wv)) &&
          entry_when_exit(f, (unsigned)re->when_arg, re->when.op, wv, &own))
        last = own; /* the end of DLL_PROCESS_DETACH's own path, not the shared return */
      en->file = dup(last.file);
      en->exit_loc = last;
      en->exit_loc.file = en->file;
    }
  }
}

void prog_report(prog *p, const rules *r, diag_set *out) {
  if (!p)
    return;
  report_fields(p, r, out);
  if (p->nen == 0)
    return;
  /* reachable functions from the entry points and from every address-taken function */
  unsigned cap = 64, n = 0;
  char **reach = malloc(cap * sizeof *reach);
  if (!reach)
    xalloc_fail();
  strmap in_reach; /* name -> index in reach */
  strmap_init(&in_reach);
  /* edges by caller: first edge of each name, then a chain */
  strmap first_from;
  strmap_init(&first_from);
  unsigned *next_from = malloc((p->ne + 1) * sizeof *next_from);
  if (!next_from)
    xalloc_fail();
  for (unsigned k = p->ne; k-- > 0;) {
    unsigned f;
    next_from[k] = strmap_get(&first_from, p->e[k].from, &f) ? f : ~0u;
    strmap_put(&first_from, p->e[k].from, k);
  }
#define ADD_REACH(s)                                                                               \
  do {                                                                                             \
    unsigned at_;                                                                                  \
    if (!strmap_get(&in_reach, (s), &at_)) {                                                       \
      if (n == cap) {                                                                              \
        cap *= 2;                                                                                  \
        reach = realloc(reach, cap * sizeof *reach);                                               \
        if (!reach)                                                                                \
          xalloc_fail();                                                                           \
      }                                                                                            \
      strmap_put(&in_reach, (s), n);                                                               \
      reach[n++] = (s);                                                                            \
    }                                                                                              \
  } while (0)
  for (unsigned i = 0; i < p->nen; i++)
    ADD_REACH(p->en[i].name);
  for (unsigned i = 0; i < p->na; i++)
    ADD_REACH(p->addr_taken[i]);
  for (unsigned i = 0; i < n; i++) { /* n grows while we walk: a BFS bounded by the edges */
    unsigned k;
    if (!strmap_get(&first_from, reach[i], &k))
      continue;
    for (; k != ~0u; k = next_from[k])
      ADD_REACH(p->e[k].to);
  }
#undef ADD_REACH

  for (unsigned i = 0; i < p->nf; i++) {
    const gfact *g = &p->f[i];
    if (!g->acquire)
      continue;
    int released = 0;
    for (unsigned k = 0; k < p->nf && !released; k++) {
      const gfact *x = &p->f[k];
      unsigned at;
      if (!x->acquire && x->kind == g->kind && strcmp(x->place, g->place) == 0 &&
          strmap_get(&in_reach, x->fn, &at))
        released = 1;
    }
    if (released)
      continue;
    const rule_kind *kd = kind_of(r, g->kind);
    if (!kd)
      continue;
    for (unsigned e = 0; e < p->nen; e++) {
      const entry_fn *en = &p->en[e];
      char msg[512], nmsg[512];
      snprintf(msg, sizeof msg, "%s '%s' is not released %s", kd->describe, g->place,
               en->is_unload ? "when the DLL unloads" : "when the program exits");
      snprintf(nmsg, sizeof nmsg, "%s acquired here by '%s' and kept in a global; no function on the %s releases it",
               kd->describe, g->callee, en->is_unload ? "unload path" : "exit path");
      add_finding(out, en->exit_loc, kd->leak_check, msg, en->name, g->loc, nmsg);
    }
  }
  free(reach);
  free(next_from);
  strmap_free(&in_reach);
  strmap_free(&first_from);
}
