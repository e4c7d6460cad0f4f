/* schedule.c - the whole-build analysis: every function of every unit walked in one
 * callee-first order, each walk using the summaries of the functions it calls.
 *
 * The call graph spans units (a call by name reaches every function of that name with
 * a body, and a call through a function pointer the unit fills reaches its one
 * target); it is built from the units' skeletons (skeleton.c), without their IR.
 * Functions are walked in depth-first post-order, so a callee is summarised before its
 * callers and one walk per function is enough; only calls inside a cycle (recursion,
 * callbacks that reach back) see a summary change after their caller was walked, and
 * those callers are walked again from a queue, at most SCHED_MAX_WALKS times each.
 * Every function's findings are those of its last walk.
 *
 * Units are loaded one group at a time: the groups are the strongly connected
 * components of the unit-level call graph (units whose functions call each other,
 * usually one unit alone), taken callee groups first. A group's functions are walked
 * in the post-order above, its queue is drained, and its findings are then final (no
 * function of a later group is called by it), so its units go back to the source
 * before the next group is loaded. Peak memory is the IR of the largest group, not of
 * the build.
 *
 * Ownership: everything here is owned by one call of engine_check_build and freed
 * before it returns; the skeleton, source, rules, sums and pg are borrowed.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "program.h"
#include "skeleton.h"
#include "summary.h"
#include "walk.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"

/* A function walked this many times stops being walked again (a cycle whose summaries
 * keep changing): its last findings stand. */
#define SCHED_MAX_WALKS 4

typedef struct node {
  unsigned unit, func;  /* func: the index in the compacted unit (walk_index) */
  unsigned next_same;   /* next node with the same name, or UINT_NONE */
  const skel_fn *sf;
} node;

#define UINT_NONE 0xffffffffu

typedef struct graph {
  unsigned n;
  node *v;
  unsigned *out_start, *out;  /* callees of node i: out[out_start[i] .. out_start[i+1]) */
  unsigned *in_start, *in;    /* callers */
} graph;

static void *xcalloc(size_t n, size_t sz) {
  void *p = calloc(n ? n : 1, sz);
  if (!p)
    xalloc_fail();
  return p;
}

/* Calls fn for each edge of node i (each callee node of each name it calls). A name
 * the caller's own unit defines is that definition (C: a unit that defines f calls its
 * own f; two units' static helpers of the same name do not call each other); any other
 * name reaches every function of that name. */
typedef void (*edge_fn)(graph *g, unsigned from, unsigned to, void *arg);

static void for_edges(graph *g, const strmap *names, unsigned i, edge_fn fn, void *arg) {
  const skel_fn *sf = g->v[i].sf;
  unsigned unit = g->v[i].unit;
  for (unsigned t = 0; t < sf->ntargets; t++) {
    unsigned first, j;
    if (!strmap_get(names, sf->targets[t], &first))
      continue;
    int own = 0;
    for (j = first; j != UINT_NONE && !own; j = g->v[j].next_same)
      own = g->v[j].unit == unit;
    for (j = first; j != UINT_NONE; j = g->v[j].next_same)
      if (!own || g->v[j].unit == unit)
        fn(g, i, j, arg);
  }
}

static void count_edge(graph *g, unsigned from, unsigned to, void *arg) {
  (void)g;
  (void)from;
  (void)to;
  (*(size_t *)arg)++;
}

typedef struct fill {
  unsigned *pos;
  unsigned *in_count;
} fill;

static void put_edge(graph *g, unsigned from, unsigned to, void *arg) {
  fill *f = arg;
  g->out[f->pos[from]++] = to;
  f->in_count[to]++;
}

static void build(graph *g, const eskel *sk, strmap *names) {
  g->n = 0;
  for (unsigned u = 0; u < sk->n; u++)
    g->n += sk->u[u].nkept;
  g->v = xcalloc(g->n, sizeof *g->v);
  unsigned k = 0;
  for (unsigned u = 0; u < sk->n; u++)
    for (unsigned f = 0; f < sk->u[u].nfuncs; f++) {
      const skel_fn *sf = &sk->u[u].f[f];
      if (sf->dropped)
        continue;
      g->v[k].unit = u;
      g->v[k].func = sf->walk_index;
      g->v[k].sf = sf;
      g->v[k].next_same = UINT_NONE;
      k++;
    }
  /* names -> first node; next_same chains the rest in node order */
  unsigned *last = xcalloc(g->n, sizeof *last);
  for (unsigned i = 0; i < g->n; i++) {
    const char *nm = g->v[i].sf->name;
    unsigned first;
    if (!nm)
      continue;
    if (!strmap_get(names, nm, &first)) {
      strmap_put(names, nm, i);
      last[i] = i;
    } else {
      g->v[last[first]].next_same = i;
      last[first] = i;
    }
  }
  free(last);
  /* callees (CSR), then callers */
  g->out_start = xcalloc(g->n + 1, sizeof *g->out_start);
  for (unsigned i = 0; i < g->n; i++) {
    size_t c = 0;
    for_edges(g, names, i, count_edge, &c);
    g->out_start[i + 1] = g->out_start[i] + (unsigned)c;
  }
  g->out = xcalloc(g->out_start[g->n], sizeof *g->out);
  fill fl = {xcalloc(g->n, sizeof *fl.pos), xcalloc(g->n, sizeof *fl.in_count)};
  for (unsigned i = 0; i < g->n; i++)
    fl.pos[i] = g->out_start[i];
  for (unsigned i = 0; i < g->n; i++)
    for_edges(g, names, i, put_edge, &fl);
  g->in_start = xcalloc(g->n + 1, sizeof *g->in_start);
  for (unsigned i = 0; i < g->n; i++)
    g->in_start[i + 1] = g->in_start[i] + fl.in_count[i];
  g->in = xcalloc(g->in_start[g->n], sizeof *g->in);
  for (unsigned i = 0; i < g->n; i++)
    fl.pos[i] = g->in_start[i];
  for (unsigned i = 0; i < g->n; i++)
    for (unsigned e = g->out_start[i]; e < g->out_start[i + 1]; e++)
      g->in[fl.pos[g->out[e]]++] = i;
  free(fl.pos);
  free(fl.in_count);
}

static void graph_free(graph *g) {
  free(g->v);
  free(g->out_start);
  free(g->out);
  free(g->in_start);
  free(g->in);
}

/* Depth-first post-order over callee edges, roots in node order (an explicit stack:
 * no recursion however deep the call chains). */
static void post_order(const graph *g, unsigned *order) {
  unsigned char *mark = xcalloc(g->n, 1);
  unsigned *stack = xcalloc(2 * (size_t)g->n + 2, sizeof *stack); /* (node, next edge) */
  unsigned k = 0;
  for (unsigned root = 0; root < g->n; root++) {
    if (mark[root])
      continue;
    unsigned sp = 0;
    stack[sp++] = root;
    stack[sp++] = g->out_start[root];
    mark[root] = 1;
    while (sp) {
      unsigned i = stack[sp - 2], e = stack[sp - 1];
      while (e < g->out_start[i + 1] && mark[g->out[e]])
        e++;
      if (e < g->out_start[i + 1]) {
        unsigned j = g->out[e];
        stack[sp - 1] = e + 1;
        mark[j] = 1;
        stack[sp++] = j;
        stack[sp++] = g->out_start[j];
      } else {
        order[k++] = i;
        sp -= 2;
      }
    }
  }
  free(mark);
  free(stack);
}

/* unit_groups: the strongly connected components of the unit-level call graph
 * (Tarjan's algorithm with an explicit stack), numbered in the order they complete:
 * a group's callee groups come before it. group[u] for every unit; returns the
 * number of groups. */
static unsigned unit_groups(const graph *g, unsigned nunits, unsigned *group) {
  /* unit edges (CSR), one per function edge that crosses units */
  unsigned *ustart = xcalloc(nunits + 1, sizeof *ustart);
  for (unsigned i = 0; i < g->n; i++)
    for (unsigned e = g->out_start[i]; e < g->out_start[i + 1]; e++)
      if (g->v[g->out[e]].unit != g->v[i].unit)
        ustart[g->v[i].unit + 1]++;
  for (unsigned u = 0; u < nunits; u++)
    ustart[u + 1] += ustart[u];
  unsigned *uout = xcalloc(ustart[nunits], sizeof *uout);
  unsigned *pos = xcalloc(nunits, sizeof *pos);
  for (unsigned u = 0; u < nunits; u++)
    pos[u] = ustart[u];
  for (unsigned i = 0; i < g->n; i++)
    for (unsigned e = g->out_start[i]; e < g->out_start[i + 1]; e++)
      if (g->v[g->out[e]].unit != g->v[i].unit)
        uout[pos[g->v[i].unit]++] = g->v[g->out[e]].unit;

  unsigned *index = xcalloc(nunits, sizeof *index), *low = xcalloc(nunits, sizeof *low);
  unsigned char *on = xcalloc(nunits, 1);
  unsigned *tstack = xcalloc(nunits, sizeof *tstack), tsp = 0;
  unsigned *cstack = xcalloc(2 * (size_t)nunits + 2, sizeof *cstack); /* (unit, next edge) */
  unsigned next_index = 1, ngroups = 0;
  for (unsigned root = 0; root < nunits; root++) {
    if (index[root])
      continue;
    unsigned sp = 0;
    cstack[sp++] = root;
    cstack[sp++] = ustart[root];
    index[root] = low[root] = next_index++;
    tstack[tsp++] = root;
    on[root] = 1;
    while (sp) {
      unsigned u = cstack[sp - 2], e = cstack[sp - 1];
      if (e < ustart[u + 1]) {
        unsigned v = uout[e];
        cstack[sp - 1] = e + 1;
        if (!index[v]) {
          index[v] = low[v] = next_index++;
          tstack[tsp++] = v;
          on[v] = 1;
          cstack[sp++] = v;
          cstack[sp++] = ustart[v];
        } else if (on[v] && index[v] < low[u]) {
          low[u] = index[v];
        }
        continue;
      }
      sp -= 2;
      if (low[u] == index[u]) {
        unsigned v;
        do {
          v = tstack[--tsp];
          on[v] = 0;
          group[v] = ngroups;
        } while (v != u);
        ngroups++;
      }
      if (sp) {
        unsigned parent = cstack[sp - 2];
        if (low[u] < low[parent])
          low[parent] = low[u];
      }
    }
  }
  free(ustart);
  free(uout);
  free(pos);
  free(index);
  free(low);
  free(on);
  free(tstack);
  free(cstack);
  return ngroups;
}

typedef struct sched {
  const graph *g;
  unit_ctx *ucs;        /* per unit; valid while the unit is loaded */
  unsigned char *loaded;
  const rules *r;
  const engine_opts *o;
  sumtab *sums;
  prog *pg;
  FILE *errs;
  unsigned *walks;      /* walks so far, per node */
  diag_set **found;     /* findings of the last walk, per node */
  unsigned char *queued;
  unsigned *q, qhead, qtail; /* FIFO ring of n + 1 slots */
  unsigned cut;
} sched;

static void enqueue(sched *s, unsigned i) {
  if (s->queued[i] || s->walks[i] >= SCHED_MAX_WALKS || !s->loaded[s->g->v[i].unit])
    return;
  s->queued[i] = 1;
  s->q[s->qtail] = i;
  s->qtail = (s->qtail + 1) % (s->g->n + 1);
}

static void walk_node(sched *s, unsigned i) {
  const node *nd = &s->g->v[i];
  if (s->walks[i] >= SCHED_MAX_WALKS || !s->loaded[nd->unit])
    return;
  diag_set_free(s->found[i]);
  s->found[i] = diag_set_new();
  FILE *notes = s->walks[i] == 0 ? s->errs : NULL;
  walk_outcome wo = engine_walk_one(&s->ucs[nd->unit], nd->func, s->r, s->o, s->sums, s->pg,
                                    s->found[i], notes);
  if (s->walks[i] == 0)
    s->cut += wo.cut;
  s->walks[i]++;
  /* callers that were walked with the summary this walk replaced (all in this group:
   * a caller in another group is walked later, with the final summary) */
  if (wo.changed)
    for (unsigned e = s->g->in_start[i]; e < s->g->in_start[i + 1]; e++)
      if (s->walks[s->g->in[e]] > 0)
        enqueue(s, s->g->in[e]);
}

/* load_unit: unit u of a group, its duplicates removed, ready to walk. */
static ir_unit *load_unit(sched *s, const eskel *sk, const engine_source *src, unsigned u) {
  ir_unit *iu = src->load(src->ctx, u);
  if (!iu)
    return NULL;
  if (sk->u[u].nkept != iu->nfuncs && skel_compact(sk, u, iu) != 0) {
    if (s->errs)
      fprintf(s->errs, "%s: note: unit read back differs from the unit lowered; not analysed\n",
              iu->main_file ? iu->main_file : "?");
    src->done(src->ctx, u, iu);
    return NULL;
  }
  unit_ctx_init(&s->ucs[u], iu, s->r);
  if (s->pg)
    prog_add_unit(s->pg, iu, s->r);
  s->loaded[u] = 1;
  return iu;
}

/* engine_check_build: see engine.h. */
unsigned engine_check_build(eskel *sk, const engine_source *src, const rules *r,
                            const engine_opts *o, sumtab *sums, prog *pg, diag_set *out,
                            FILE *errs) {
  engine_opts def = engine_default_opts();
  if (!o)
    o = &def;
  skel_settle(sk);
  unsigned nunits = sk->n;
  strmap names;
  strmap_init(&names);
  graph g;
  build(&g, sk, &names);
  unsigned *order = xcalloc(g.n, sizeof *order);
  post_order(&g, order);
  unsigned *group = xcalloc(nunits, sizeof *group);
  unsigned ngroups = unit_groups(&g, nunits, group);
  /* nodes by group in post-order, units by group in unit order (counting sorts) */
  unsigned *gnode_start = xcalloc(ngroups + 1, sizeof *gnode_start);
  unsigned *gunit_start = xcalloc(ngroups + 1, sizeof *gunit_start);
  for (unsigned i = 0; i < g.n; i++)
    gnode_start[group[g.v[i].unit] + 1]++;
  for (unsigned u = 0; u < nunits; u++)
    gunit_start[group[u] + 1]++;
  for (unsigned k = 0; k < ngroups; k++) {
    gnode_start[k + 1] += gnode_start[k];
    gunit_start[k + 1] += gunit_start[k];
  }
  unsigned *gnodes = xcalloc(g.n, sizeof *gnodes), *gunits = xcalloc(nunits, sizeof *gunits);
  unsigned *fillpos = xcalloc(ngroups + 1, sizeof *fillpos);
  memcpy(fillpos, gnode_start, ngroups * sizeof *fillpos);
  for (unsigned k = 0; k < g.n; k++)
    gnodes[fillpos[group[g.v[order[k]].unit]]++] = order[k];
  memcpy(fillpos, gunit_start, ngroups * sizeof *fillpos);
  for (unsigned u = 0; u < nunits; u++)
    gunits[fillpos[group[u]]++] = u;
  free(fillpos);

  sched s;
  memset(&s, 0, sizeof s);
  s.g = &g;
  s.ucs = xcalloc(nunits, sizeof *s.ucs);
  s.loaded = xcalloc(nunits, 1);
  s.r = r;
  s.o = o;
  s.sums = sums;
  s.pg = pg;
  s.errs = errs;
  s.walks = xcalloc(g.n, sizeof *s.walks);
  s.found = xcalloc(g.n, sizeof *s.found);
  s.queued = xcalloc(g.n, 1);
  s.q = xcalloc(g.n + 1, sizeof *s.q);
  ir_unit **held = xcalloc(nunits, sizeof *held);
  for (unsigned gr = 0; gr < ngroups; gr++) {
    for (unsigned k = gunit_start[gr]; k < gunit_start[gr + 1]; k++)
      if (sk->u[gunits[k]].present)
        held[gunits[k]] = load_unit(&s, sk, src, gunits[k]);
    for (unsigned k = gnode_start[gr]; k < gnode_start[gr + 1]; k++)
      walk_node(&s, gnodes[k]);
    while (s.qhead != s.qtail) {
      unsigned i = s.q[s.qhead];
      s.qhead = (s.qhead + 1) % (g.n + 1);
      s.queued[i] = 0;
      walk_node(&s, i);
    }
    /* the group's findings are final; its units go back */
    for (unsigned k = gnode_start[gr]; k < gnode_start[gr + 1]; k++) {
      unsigned i = gnodes[k];
      if (s.found[i] && out)
        diag_merge(out, s.found[i]);
      diag_set_free(s.found[i]);
      s.found[i] = NULL;
    }
    for (unsigned k = gunit_start[gr]; k < gunit_start[gr + 1]; k++) {
      unsigned u = gunits[k];
      if (!held[u])
        continue;
      unit_ctx_free(&s.ucs[u]);
      s.loaded[u] = 0;
      src->done(src->ctx, u, held[u]);
      held[u] = NULL;
    }
  }
  free(held);
  free(s.walks);
  free(s.found);
  free(s.queued);
  free(s.q);
  free(s.ucs);
  free(s.loaded);
  free(order);
  free(group);
  free(gnode_start);
  free(gunit_start);
  free(gnodes);
  free(gunits);
  graph_free(&g);
  strmap_free(&names);
  return s.cut;
}

/* engine_check_program: see engine.h (units held by the caller: load hands them out,
 * done keeps them). */
static ir_unit *array_load(void *ctx, unsigned i) {
  return ((ir_unit *const *)ctx)[i];
}

static void array_done(void *ctx, unsigned i, ir_unit *u) {
  (void)ctx;
  (void)i;
  (void)u;
}

unsigned engine_check_program(ir_unit *const *units, unsigned nunits, const rules *r,
                              const engine_opts *o, sumtab *sums, prog *pg, diag_set *out,
                              FILE *errs) {
  eskel *sk = eskel_new(nunits, 0);
  for (unsigned u = 0; u < nunits; u++)
    if (units[u])
      eskel_add_unit(sk, u, units[u], r);
  engine_source src = {(void *)units, array_load, array_done};
  unsigned cut = engine_check_build(sk, &src, r, o, sums, pg, out, errs);
  eskel_free(sk);
  return cut;
}
