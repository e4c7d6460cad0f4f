/* schedule.c - the whole-build analysis: every function of every unit walked in one
 * callee-first order, each walk using the summaries of the functions it calls.
 *
 * The call graph spans units (a call by name reaches the function of that name in the
 * caller's own unit if it defines one, else every function of that name with a body;
 * a call through a function pointer the unit fills reaches its one target); it is
 * built from the units' skeletons (skeleton.c), without their IR.
 * Functions are walked in depth-first post-order, so a callee is summarised before its
 * callers and one walk per function is enough; only calls inside a cycle (recursion,
 * callbacks that reach back) see a summary change after their caller was walked, and
 * those callers are walked again from a queue, at most SCHED_MAX_WALKS times each.
 * Every function's findings are those of its last walk.
 *
 * Units are loaded when a function of theirs is walked. The unit of work is a
 * component of the function-level call graph (a function, or functions that call each
 * other); a component is walked once every component it calls is final, so its
 * findings are final when its queue is drained. Ready components are taken from the
 * unit worked on last while it has some, so a unit is usually loaded once; when the
 * source is short of memory, the least recently needed unit goes back to it (to be
 * loaded again), and a unit goes back for good once all its functions are final. The
 * peak is the source's budget plus the units of one component, not the IR of the build.
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
  unsigned unit, func;  /* func: the index in its unit */
  unsigned next_same;   /* next node with the same name, or UINT_NONE */
  unsigned first;       /* the node of the first copy of a header function (else itself) */
  unsigned next_copy;   /* the next copy of the same header function, or UINT_NONE */
  const skel_fn *sf;
} node;

#define UINT_NONE 0xffffffffu

typedef struct graph {
  unsigned n;
  node *v;
  unsigned *out_start, *out;  /* callees of node i: out[out_start[i] .. out_start[i+1]) */
  unsigned *in_start, *in;    /* callers */
} graph;

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
  unsigned *base = xcalloc(sk->n + 1, sizeof *base);
  for (unsigned u = 0; u < sk->n; u++) {
    base[u] = g->n;
    g->n += sk->u[u].nfuncs;
  }
  g->v = xcalloc(g->n, sizeof *g->v);
  unsigned k = 0;
  for (unsigned u = 0; u < sk->n; u++)
    for (unsigned f = 0; f < sk->u[u].nfuncs; f++, k++) {
      const skel_fn *sf = &sk->u[u].f[f];
      g->v[k].unit = u;
      g->v[k].func = f;
      g->v[k].sf = sf;
      g->v[k].next_same = UINT_NONE;
      g->v[k].next_copy = UINT_NONE;
      g->v[k].first = base[sf->first_unit] + sf->first_index;
    }
  /* the copies of a header function, chained from the first in node order */
  unsigned *tail = xcalloc(g->n, sizeof *tail);
  for (unsigned i = 0; i < g->n; i++)
    tail[i] = i;
  for (unsigned i = 0; i < g->n; i++) {
    unsigned f = g->v[i].first;
    if (f == i)
      continue;
    g->v[tail[f]].next_copy = i;
    tail[f] = i;
  }
  free(tail);
  free(base);
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

/* scc: the strongly connected components of the graph of n vertices whose edges are
 * out[start[v] .. start[v+1]) (Tarjan's algorithm with explicit stacks: no recursion
 * however deep the call chains), numbered in the order they complete: a component's
 * callees come before it. comp[v] for every vertex; order[] receives the vertices in
 * the depth-first post-order of the same search (roots in vertex order). Returns the
 * number of components. */
static unsigned scc(unsigned n, const unsigned *start, const unsigned *out, unsigned *comp,
                    unsigned *order) {
  unsigned *index = xcalloc(n, sizeof *index), *low = xcalloc(n, sizeof *low);
  unsigned char *on = xcalloc(n, 1);
  unsigned *tstack = xcalloc(n, sizeof *tstack), tsp = 0;
  unsigned *cstack = xcalloc(2 * (size_t)n + 2, sizeof *cstack); /* (vertex, next edge) */
  unsigned next_index = 1, ncomp = 0, nfinished = 0;
  for (unsigned root = 0; root < n; root++) {
    if (index[root])
      continue;
    unsigned sp = 0;
    cstack[sp++] = root;
    cstack[sp++] = start[root];
    index[root] = low[root] = next_index++;
    tstack[tsp++] = root;
    on[root] = 1;
    while (sp) {
      unsigned v = cstack[sp - 2], e = cstack[sp - 1];
      if (e < start[v + 1]) {
        unsigned w = out[e];
        cstack[sp - 1] = e + 1;
        if (!index[w]) {
          index[w] = low[w] = next_index++;
          tstack[tsp++] = w;
          on[w] = 1;
          cstack[sp++] = w;
          cstack[sp++] = start[w];
        } else if (on[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      sp -= 2;
      order[nfinished++] = v;
      if (low[v] == index[v]) {
        unsigned w;
        do {
          w = tstack[--tsp];
          on[w] = 0;
          comp[w] = ncomp;
        } while (w != v);
        ncomp++;
      }
      if (sp && low[v] < low[cstack[sp - 2]])
        low[cstack[sp - 2]] = low[v];
    }
  }
  free(index);
  free(low);
  free(on);
  free(tstack);
  free(cstack);
  return ncomp;
}

typedef struct sched {
  const graph *g;
  const eskel *sk;
  const engine_source *src;
  unit_ctx *ucs;        /* per unit; valid while the unit is loaded */
  ir_unit **held;       /* per unit: loaded (NULL: not loaded) */
  unsigned char *added; /* per unit: its program facts were added (once) */
  unsigned char *failed;/* per unit: could not be loaded (its functions are not walked) */
  unsigned *remaining;  /* per unit: its functions not yet final */
  unsigned long *used;  /* per unit: when it was last needed (eviction: least recent) */
  unsigned long tick;
  unsigned *loaded;     /* the units loaded, nloaded of them */
  unsigned nloaded;
  unsigned nloads;      /* loads so far (SSPI_CHECK_SHOW_LOADS) */
  const rules *r;
  const engine_opts *o;
  sumtab *sums;
  prog *pg;
  FILE *errs;
  unsigned *walks;      /* walks so far, per node */
  unsigned *walker;     /* per first copy of a function: the copy walked (UINT_NONE: none yet) */
  diag_set **found;     /* findings of the last walk, per node */
  unsigned char *queued;
  unsigned *q, qhead, qtail; /* FIFO ring of n + 1 slots */
  unsigned cut;
} sched;

static void enqueue(sched *s, unsigned i) {
  if (s->queued[i] || s->walks[i] >= SCHED_MAX_WALKS || !s->held[s->g->v[i].unit])
    return;
  s->queued[i] = 1;
  s->q[s->qtail] = i;
  s->qtail = (s->qtail + 1) % (s->g->n + 1);
}

static void walk_node(sched *s, unsigned i) {
  const node *nd = &s->g->v[i];
  if (s->walks[i] >= SCHED_MAX_WALKS || !s->held[nd->unit])
    return;
  /* a header function lowered by several units: the first copy reached is walked,
   * the others use its summary */
  if (s->walker[nd->first] == UINT_NONE)
    s->walker[nd->first] = i;
  else if (s->walker[nd->first] != i)
    return;
  diag_set_free(s->found[i]);
  s->found[i] = diag_set_new();
  FILE *notes = s->walks[i] == 0 ? s->errs : NULL;
  walk_outcome wo = engine_walk_one(&s->ucs[nd->unit], nd->func, s->r, s->o, s->sums, s->pg,
                                    s->found[i], notes);
  if (s->walks[i] == 0)
    s->cut += wo.cut;
  s->walks[i]++;
  /* callers that were walked with the summary this walk replaced (all in this
   * component: a caller outside it is walked later, with the final summary) */
  if (wo.changed)
    for (unsigned c = nd->first; c != UINT_NONE; c = s->g->v[c].next_copy)
      for (unsigned e = s->g->in_start[c]; e < s->g->in_start[c + 1]; e++)
        if (s->walks[s->g->in[e]] > 0)
          enqueue(s, s->g->in[e]);
}

/* unload: unit u goes back to the source; again: it will be needed later. */
static void unload(sched *s, unsigned u, int again) {
  if (!s->held[u])
    return;
  unit_ctx_free(&s->ucs[u]);
  s->src->done(s->src->ctx, u, again);
  s->held[u] = NULL;
  for (unsigned k = 0; k < s->nloaded; k++)
    if (s->loaded[k] == u) {
      s->loaded[k] = s->loaded[--s->nloaded];
      break;
    }
}

/* make_room: while the source is short of memory, the least recently needed unit that
 * the current component does not need (used < now) goes back, to be loaded again. */
static void make_room(sched *s, unsigned long now) {
  while (s->src->full && s->src->full(s->src->ctx)) {
    unsigned best = UINT_NONE;
    for (unsigned k = 0; k < s->nloaded; k++) {
      unsigned u = s->loaded[k];
      if (s->used[u] < now && (best == UINT_NONE || s->used[u] < s->used[best] ||
                               (s->used[u] == s->used[best] && u < best)))
        best = u;
    }
    if (best == UINT_NONE)
      return;
    unload(s, best, 1);
  }
}

/* need_unit: unit u loaded for the current component (0 when it cannot be had). */
static int need_unit(sched *s, unsigned u, unsigned long now) {
  s->used[u] = now;
  if (s->held[u])
    return 1;
  if (s->failed[u] || !s->sk->u[u].present)
    return 0;
  make_room(s, now);
  ir_unit *iu = s->src->load(s->src->ctx, u);
  if (iu && iu->nfuncs != s->sk->u[u].nfuncs) {
    if (s->errs)
      fprintf(s->errs, "%s: note: unit read back differs from the unit lowered; not analysed\n",
              iu->main_file ? iu->main_file : "?");
    s->src->done(s->src->ctx, u, 0);
    iu = NULL;
  }
  if (!iu) {
    s->failed[u] = 1;
    return 0;
  }
  s->nloads++;
  s->held[u] = iu;
  s->loaded[s->nloaded++] = u;
  unit_ctx_init(&s->ucs[u], iu, s->r);
  s->ucs[u].scope = u + 1;
  if (s->pg && !s->added[u]) {
    prog_add_unit(s->pg, iu, s->r);
    s->added[u] = 1;
  }
  return 1;
}

/* engine_check_build: see engine.h.
 *
 * The unit of work is a component of the function-level call graph (usually one
 * function; a cycle of functions that call each other). A component is ready when the
 * components it calls are final; the next one is taken from the unit worked on last
 * while it has ready ones, else from a loaded unit, else from the first unit in the
 * order units became ready (each a deterministic choice: the same walks in every
 * run). Its units are loaded, its functions walked in the depth-first post-order and
 * its queue drained; its findings are then final, and a unit whose functions are all
 * final goes back to the source for good. */
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
  unsigned *comp = xcalloc(g.n, sizeof *comp);
  unsigned ncomp = scc(g.n, g.out_start, g.out, comp, order);
  /* nodes by component in post-order (a counting sort) */
  unsigned *cstart = xcalloc(ncomp + 1, sizeof *cstart);
  for (unsigned i = 0; i < g.n; i++)
    cstart[comp[i] + 1]++;
  for (unsigned c = 0; c < ncomp; c++)
    cstart[c + 1] += cstart[c];
  unsigned *cnodes = xcalloc(g.n, sizeof *cnodes), *fillpos = xcalloc(ncomp + 1, sizeof *fillpos);
  memcpy(fillpos, cstart, ncomp * sizeof *fillpos);
  for (unsigned k = 0; k < g.n; k++)
    cnodes[fillpos[comp[order[k]]]++] = order[k];
  free(fillpos);
  /* pending[c]: edges from c to components not yet final */
  unsigned *pending = xcalloc(ncomp, sizeof *pending);
  for (unsigned i = 0; i < g.n; i++)
    for (unsigned e = g.out_start[i]; e < g.out_start[i + 1]; e++)
      if (comp[g.out[e]] != comp[i])
        pending[comp[i]]++;
  /* ready components, a stack per unit (the unit of the component's first node), and
   * a FIFO of units that have some */
  unsigned *rhead = xcalloc(nunits, sizeof *rhead), *rnext = xcalloc(ncomp, sizeof *rnext);
  unsigned *uq = xcalloc(nunits + 1, sizeof *uq), uqhead = 0, uqtail = 0;
  unsigned char *inuq = xcalloc(nunits, 1);
  for (unsigned u = 0; u < nunits; u++)
    rhead[u] = UINT_NONE;
#define HOME(c) (g.v[cnodes[cstart[c]]].unit)
#define MAKE_READY(c)                                                                     \
  do {                                                                                    \
    unsigned hu_ = HOME(c);                                                               \
    rnext[c] = rhead[hu_];                                                                \
    rhead[hu_] = (c);                                                                     \
    if (!inuq[hu_]) {                                                                     \
      inuq[hu_] = 1;                                                                      \
      uq[uqtail] = hu_;                                                                   \
      uqtail = (uqtail + 1) % (nunits + 1);                                               \
    }                                                                                     \
  } while (0)
  for (unsigned c = ncomp; c-- > 0;)
    if (!pending[c] && cstart[c + 1] > cstart[c])
      MAKE_READY(c);

  sched s;
  memset(&s, 0, sizeof s);
  s.g = &g;
  s.sk = sk;
  s.src = src;
  s.ucs = xcalloc(nunits, sizeof *s.ucs);
  s.held = xcalloc(nunits, sizeof *s.held);
  s.added = xcalloc(nunits, 1);
  s.failed = xcalloc(nunits, 1);
  s.remaining = xcalloc(nunits, sizeof *s.remaining);
  s.used = xcalloc(nunits, sizeof *s.used);
  s.loaded = xcalloc(nunits, sizeof *s.loaded);
  for (unsigned i = 0; i < g.n; i++)
    s.remaining[g.v[i].unit]++;
  s.r = r;
  s.o = o;
  s.sums = sums;
  s.pg = pg;
  s.errs = errs;
  s.walks = xcalloc(g.n, sizeof *s.walks);
  s.walker = xcalloc(g.n, sizeof *s.walker);
  for (unsigned i = 0; i < g.n; i++)
    s.walker[i] = UINT_NONE;
  s.found = xcalloc(g.n, sizeof *s.found);
  s.queued = xcalloc(g.n, 1);
  s.q = xcalloc(g.n + 1, sizeof *s.q);

  unsigned cur = UINT_NONE, done = 0;
  while (done < ncomp) {
    /* the next ready component: the current unit's, a loaded unit's, the FIFO's */
    unsigned u = UINT_NONE;
    if (cur != UINT_NONE && rhead[cur] != UINT_NONE)
      u = cur;
    for (unsigned k = 0; u == UINT_NONE && k < s.nloaded; k++)
      if (rhead[s.loaded[k]] != UINT_NONE && (u == UINT_NONE || s.loaded[k] < u))
        u = s.loaded[k];
    while (u == UINT_NONE && uqhead != uqtail) {
      unsigned cand = uq[uqhead];
      uqhead = (uqhead + 1) % (nunits + 1);
      inuq[cand] = 0;
      if (rhead[cand] != UINT_NONE)
        u = cand;
    }
    if (u == UINT_NONE) {
      /* components that call nothing that is left: only empty ones remain */
      done = ncomp;
      break;
    }
    unsigned c = rhead[u];
    rhead[u] = rnext[c];
    if (rhead[u] != UINT_NONE && !inuq[u]) {
      inuq[u] = 1;
      uq[uqtail] = u;
      uqtail = (uqtail + 1) % (nunits + 1);
    }
    cur = u;
    unsigned long now = ++s.tick;
    for (unsigned k = cstart[c]; k < cstart[c + 1]; k++) {
      const node *nd = &g.v[cnodes[k]];
      if (s.walker[nd->first] == UINT_NONE || s.walker[nd->first] == cnodes[k])
        need_unit(&s, nd->unit, now); /* not for a copy whose first is walked */
    }
    for (unsigned k = cstart[c]; k < cstart[c + 1]; k++)
      walk_node(&s, cnodes[k]);
    while (s.qhead != s.qtail) {
      unsigned i = s.q[s.qhead];
      s.qhead = (s.qhead + 1) % (g.n + 1);
      s.queued[i] = 0;
      walk_node(&s, i);
    }
    /* final: its findings, its callers one step nearer, its units perhaps done */
    for (unsigned k = cstart[c]; k < cstart[c + 1]; k++) {
      unsigned i = cnodes[k];
      if (s.found[i] && out)
        diag_merge(out, s.found[i]);
      diag_set_free(s.found[i]);
      s.found[i] = NULL;
      for (unsigned e = g.in_start[i]; e < g.in_start[i + 1]; e++) {
        unsigned cc = comp[g.in[e]];
        if (cc != c && --pending[cc] == 0)
          MAKE_READY(cc);
      }
      unsigned nu = g.v[i].unit;
      if (--s.remaining[nu] == 0) {
        if (s.held[nu])
          unload(&s, nu, 0);
        else
          src->done(src->ctx, nu, 0);
      }
    }
    done++;
  }
#undef MAKE_READY
#undef HOME
  if (getenv("SSPI_CHECK_SHOW_LOADS")) /* debugging aid, like SSPI_CHECK_SHOW_CAP */
    fprintf(stderr, "sspi-check: %u functions in %u components; %u unit loads\n", g.n, ncomp,
            s.nloads);
  for (unsigned u = 0; u < nunits; u++)
    unload(&s, u, 0);
  free(s.walks);
  free(s.walker);
  free(s.found);
  free(s.queued);
  free(s.q);
  free(s.ucs);
  free(s.held);
  free(s.added);
  free(s.failed);
  free(s.remaining);
  free(s.used);
  free(s.loaded);
  free(order);
  free(comp);
  free(cstart);
  free(cnodes);
  free(pending);
  free(rhead);
  free(rnext);
  free(uq);
  free(inuq);
  graph_free(&g);
  strmap_free(&names);
  return s.cut;
}

/* engine_check_program: see engine.h (units held by the caller: load hands them out,
 * done keeps them). */
static ir_unit *array_load(void *ctx, unsigned i) {
  return ((ir_unit *const *)ctx)[i];
}

static void array_done(void *ctx, unsigned i, int again) {
  (void)ctx;
  (void)i;
  (void)again;
}

unsigned engine_check_program(ir_unit *const *units, unsigned nunits, const rules *r,
                              const engine_opts *o, sumtab *sums, prog *pg, diag_set *out,
                              FILE *errs) {
  eskel *sk = eskel_new(nunits, 0);
  for (unsigned u = 0; u < nunits; u++)
    if (units[u])
      eskel_add_unit(sk, u, units[u], r);
  engine_source src = {(void *)units, array_load, array_done, NULL};
  unsigned cut = engine_check_build(sk, &src, r, o, sums, pg, out, errs);
  eskel_free(sk);
  return cut;
}
