/* schedule.c - the whole-build analysis: every function of every unit walked in one
 * callee-first order, each walk using the summaries of the functions it calls.
 *
 * The call graph spans units (a call by name reaches every function of that name with
 * a body, and a call through a function pointer the unit fills reaches its one
 * target). Functions are walked in depth-first post-order, so a callee is summarised
 * before its callers and one walk per function is enough; only calls inside a cycle
 * (recursion, callbacks that reach back) see a summary change after their caller was
 * walked, and those callers are walked again from a queue, at most SCHED_MAX_WALKS
 * times each. Every function's findings are those of its last walk. Before this,
 * the link step summarised every unit in rounds and then checked every unit again:
 * three to twelve walks of each function.
 *
 * Ownership: everything here is owned by one call of engine_check_program and freed
 * before it returns; units, rules, sums and pg are borrowed.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "program.h"
#include "summary.h"
#include "walk.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"

/* A function walked this many times stops being walked again (a cycle whose summaries
 * keep changing): its last findings stand. */
#define SCHED_MAX_WALKS 4

typedef struct node {
  unsigned unit, func;
  unsigned next_same;   /* next node with the same name, or UINT_NONE */
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

/* The name a call event reaches: a direct callee, or the one function a unit's
 * function pointer receives. NULL for anything else. */
static const char *call_target(const unit_ctx *uc, const ir_event *ev) {
  if (ev->kind != IR_E_CALL || !ev->call.name)
    return NULL;
  if (!ev->call.indirect)
    return ev->call.name;
  return unit_ctx_fptr(uc, ev->call.name);
}

/* Calls the edges of node i to fn (each callee node of each call event). */
typedef void (*edge_fn)(graph *g, unsigned from, unsigned to, void *arg);

static void for_edges(graph *g, const unit_ctx *ucs, ir_unit *const *units, const strmap *names,
                      unsigned i, edge_fn fn, void *arg) {
  const node *nd = &g->v[i];
  const ir_func *f = &units[nd->unit]->funcs[nd->func];
  for (unsigned b = 0; b < f->nblocks; b++)
    for (unsigned e = 0; e < f->blocks[b].nev; e++) {
      const char *t = call_target(&ucs[nd->unit], &f->blocks[b].ev[e]);
      unsigned j;
      if (!t || !strmap_get(names, t, &j))
        continue;
      for (; j != UINT_NONE; j = g->v[j].next_same)
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

static void build(graph *g, const unit_ctx *ucs, ir_unit *const *units, unsigned nunits, strmap *names) {
  g->n = 0;
  for (unsigned u = 0; u < nunits; u++)
    if (units[u])
      g->n += units[u]->nfuncs;
  g->v = xcalloc(g->n, sizeof *g->v);
  unsigned k = 0;
  unsigned *last = NULL;
  for (unsigned u = 0; u < nunits; u++)
    for (unsigned f = 0; units[u] && f < units[u]->nfuncs; f++, k++) {
      g->v[k].unit = u;
      g->v[k].func = f;
      g->v[k].next_same = UINT_NONE;
    }
  /* names -> first node; next_same chains the rest in node order */
  last = xcalloc(g->n, sizeof *last);
  for (unsigned i = 0; i < g->n; i++) {
    const char *nm = units[g->v[i].unit]->funcs[g->v[i].func].name;
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
    for_edges(g, ucs, units, names, i, count_edge, &c);
    g->out_start[i + 1] = g->out_start[i] + (unsigned)c;
  }
  g->out = xcalloc(g->out_start[g->n], sizeof *g->out);
  fill fl = {xcalloc(g->n, sizeof *fl.pos), xcalloc(g->n, sizeof *fl.in_count)};
  for (unsigned i = 0; i < g->n; i++)
    fl.pos[i] = g->out_start[i];
  for (unsigned i = 0; i < g->n; i++)
    for_edges(g, ucs, units, names, i, put_edge, &fl);
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

typedef struct sched {
  const graph *g;
  const unit_ctx *ucs;
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
  if (s->queued[i] || s->walks[i] >= SCHED_MAX_WALKS)
    return;
  s->queued[i] = 1;
  s->q[s->qtail] = i;
  s->qtail = (s->qtail + 1) % (s->g->n + 1);
}

static void walk_node(sched *s, unsigned i) {
  const node *nd = &s->g->v[i];
  if (s->walks[i] >= SCHED_MAX_WALKS)
    return;
  diag_set_free(s->found[i]);
  s->found[i] = diag_set_new();
  FILE *notes = s->walks[i] == 0 ? s->errs : NULL;
  walk_outcome wo = engine_walk_one(&s->ucs[nd->unit], nd->func, s->r, s->o, s->sums, s->pg,
                                    s->found[i], notes);
  if (s->walks[i] == 0)
    s->cut += wo.cut;
  s->walks[i]++;
  /* callers that were walked with the summary this walk replaced */
  if (wo.changed)
    for (unsigned e = s->g->in_start[i]; e < s->g->in_start[i + 1]; e++)
      if (s->walks[s->g->in[e]] > 0)
        enqueue(s, s->g->in[e]);
}

/* engine_check_program: see engine.h. */
unsigned engine_check_program(ir_unit *const *units, unsigned nunits, const rules *r,
                              const engine_opts *o, sumtab *sums, prog *pg, diag_set *out, FILE *errs) {
  engine_opts def = engine_default_opts();
  if (!o)
    o = &def;
  unit_ctx *ucs = xcalloc(nunits, sizeof *ucs);
  for (unsigned u = 0; u < nunits; u++)
    if (units[u]) {
      unit_ctx_init(&ucs[u], units[u], r);
      if (pg)
        prog_add_unit(pg, units[u], r);
    }
  strmap names;
  strmap_init(&names);
  graph g;
  build(&g, ucs, units, nunits, &names);
  unsigned *order = xcalloc(g.n, sizeof *order);
  post_order(&g, order);

  sched s;
  memset(&s, 0, sizeof s);
  s.g = &g;
  s.ucs = ucs;
  s.r = r;
  s.o = o;
  s.sums = sums;
  s.pg = pg;
  s.errs = errs;
  s.walks = xcalloc(g.n, sizeof *s.walks);
  s.found = xcalloc(g.n, sizeof *s.found);
  s.queued = xcalloc(g.n, 1);
  s.q = xcalloc(g.n + 1, sizeof *s.q);
  for (unsigned k = 0; k < g.n; k++)
    walk_node(&s, order[k]);
  while (s.qhead != s.qtail) {
    unsigned i = s.q[s.qhead];
    s.qhead = (s.qhead + 1) % (g.n + 1);
    s.queued[i] = 0;
    walk_node(&s, i);
  }
  for (unsigned i = 0; i < g.n; i++) {
    if (s.found[i] && out)
      diag_merge(out, s.found[i]);
    diag_set_free(s.found[i]);
  }
  free(s.walks);
  free(s.found);
  free(s.queued);
  free(s.q);
  free(order);
  graph_free(&g);
  strmap_free(&names);
  for (unsigned u = 0; u < nunits; u++)
    if (units[u])
      unit_ctx_free(&ucs[u]);
  free(ucs);
  return s.cut;
}
