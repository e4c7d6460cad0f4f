/* state.c - abstract states: bindings, handle objects, symbols; canonical form. */
#include "state.h"
#include "../util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Room for the header and then the tables, each aligned for any member type. */
#define STATE_ALIGN(n) (((n) + 15u) & ~(size_t)15u)

/* Working states freed lately, kept for the next ones (a walk makes and frees one per
 * branch; each is 31 KB of handle and symbol slots, so malloc and the page faults of
 * fresh memory were a fifth of the analysis). Each keeps its bindings array. Workers
 * are processes: nothing here is shared. */
#define STATE_SPARE_MAX 32u
static state *spare[STATE_SPARE_MAX];
static unsigned nspare;

/* working_alloc: a working state with room for at least nb bindings; its tables hold
 * whatever they held (as from malloc), its header is cleared. */
static state *working_alloc(unsigned nb) {
  unsigned capb = nb > 16 ? nb : 16;
  if (nspare) {
    state *s = spare[--nspare];
    binding *b = s->b;
    unsigned have = s->capb;
    hnd *h = s->h;
    sym *y = s->s;
    memset(s, 0, sizeof *s);
    s->h = h;
    s->s = y;
    if (have < capb) {
      free(b);
      b = malloc(capb * sizeof *b);
      if (!b)
        xalloc_fail();
      have = capb;
    }
    s->b = b;
    s->capb = have;
    return s;
  }
  size_t head = STATE_ALIGN(sizeof(state));
  size_t hs = STATE_ALIGN(STATE_MAX_HANDLES * sizeof(hnd));
  char *mem = malloc(head + hs + STATE_MAX_SYMS * sizeof(sym));
  if (!mem)
    xalloc_fail();
  state *s = (state *)mem;
  memset(s, 0, sizeof *s);
  s->h = (hnd *)(mem + head);
  s->s = (sym *)(mem + head + hs);
  s->capb = capb;
  s->b = malloc(capb * sizeof *s->b);
  if (!s->b)
    xalloc_fail();
  return s;
}

state *state_new(void) {
  state *s = working_alloc(0);
  memset(s->b, 0, s->capb * sizeof *s->b);
  return s;
}

/* copy_entries: src's bindings, handles and symbols into tables with room for them. */
static void copy_entries(binding *b, hnd *h, sym *y, const state *src) {
  if (src->nb)
    memcpy(b, src->b, src->nb * sizeof *b);
  if (src->nh)
    memcpy(h, src->h, src->nh * sizeof *h);
  if (src->ns)
    memcpy(y, src->s, src->ns * sizeof *y);
}

/* copy_header: what a state says besides its tables (counts, history, hash). */
static void copy_header(state *s, const state *src) {
  s->nb = src->nb;
  s->nh = src->nh;
  s->ns = src->ns;
  s->hist = src->hist;
  s->seq = src->seq;
  s->hash = src->hash;
  s->overflow = src->overflow;
}

static void copy_tables(state *s, const state *src) {
  copy_header(s, src);
  copy_entries(s->b, s->h, s->s, src);
}

state *state_copy(const state *src) {
  state *s = working_alloc(src->nb);
  copy_tables(s, src);
  return s;
}

/* Bodies: the tables of frozen states, one per distinct content, counted. A long walk
 * freezes tens of thousands of states (each block remembers up to its cap), and in the
 * functions that hit the cap most are byte for byte the same as one frozen before (85%
 * on curl's longest): sharing them keeps a long walk's memory several times smaller
 * (a warm run over curl peaked at 92 MB instead of 121 MB). Byte equality, not
 * state_equal: a state equal to another may still differ in what equality ignores
 * (acquisition sites, history numbers), and a frozen state must give back exactly
 * what was frozen. A body goes when its last state does; the table grows with the
 * bodies alive and shrinks back to empty as a walk frees its states. */
typedef struct state_body {
  struct state_body *next; /* in its table bucket */
  uint64_t key;            /* the hash state_canon gave the tables */
  unsigned refs;
  unsigned char shared;    /* in the table (else one state's own) */
  unsigned nb, nh, ns;
  binding *b;
  hnd *h;
  sym *s;
} state_body;

static state_body **bodies; /* buckets, a power of two of them */
static unsigned nbuckets, nbodies;

static int body_is(const state_body *y, uint64_t key, const state *src) {
  return y->key == key && y->nb == src->nb && y->nh == src->nh && y->ns == src->ns &&
         memcmp(y->b, src->b, src->nb * sizeof *src->b) == 0 &&
         memcmp(y->h, src->h, src->nh * sizeof *src->h) == 0 &&
         memcmp(y->s, src->s, src->ns * sizeof *src->s) == 0;
}

static void bodies_grow(void) {
  unsigned n = nbuckets ? nbuckets * 2 : 64; /* most walks share a few bodies */
  state_body **nv = calloc(n, sizeof *nv);
  if (!nv) {
    if (nbuckets)
      return; /* longer chains, still correct */
    xalloc_fail();
  }
  for (unsigned i = 0; i < nbuckets; i++)
    for (state_body *y = bodies[i], *next; y; y = next) {
      next = y->next;
      y->next = nv[y->key & (n - 1)];
      nv[y->key & (n - 1)] = y;
    }
  free(bodies);
  bodies = nv;
  nbuckets = n;
}

/* body_of: the body holding src's tables (a counted reference); shared: src is
 * canonical (its hash, state_canon's, is the key), else a body of its own. */
static state_body *body_of(const state *src, int shared) {
  uint64_t key = src->hash;
  state_body **slot = NULL;
  if (shared) {
    if (nbodies >= nbuckets)
      bodies_grow();
    slot = &bodies[key & (nbuckets - 1)];
    for (state_body *y = *slot; y; y = y->next)
      if (body_is(y, key, src)) {
        y->refs++;
        return y;
      }
  }
  size_t head = STATE_ALIGN(sizeof(state_body));
  size_t bs = STATE_ALIGN(src->nb * sizeof(binding));
  size_t hs = STATE_ALIGN(src->nh * sizeof(hnd));
  char *mem = malloc(head + bs + hs + src->ns * sizeof(sym));
  if (!mem)
    xalloc_fail();
  state_body *y = (state_body *)mem;
  y->key = key;
  y->refs = 1;
  y->nb = src->nb;
  y->nh = src->nh;
  y->ns = src->ns;
  y->b = (binding *)(mem + head);
  y->h = (hnd *)(mem + head + bs);
  y->s = (sym *)(mem + head + bs + hs);
  copy_entries(y->b, y->h, y->s, src);
  y->shared = shared;
  y->next = NULL;
  if (shared) {
    y->next = *slot;
    *slot = y;
    nbodies++;
  }
  return y;
}

static void body_drop(state_body *y) {
  if (--y->refs)
    return;
  if (!y->shared) {
    free(y);
    return;
  }
  state_body **p = &bodies[y->key & (nbuckets - 1)];
  while (*p != y)
    p = &(*p)->next;
  *p = y->next;
  nbodies--;
  free(y);
  if (nbodies == 0) { /* the walk is over: the next one starts small */
    free(bodies);
    bodies = NULL;
    nbuckets = 0;
  }
}

/* Frozen states' headers freed lately, for the next ones: a long walk freezes tens of
 * thousands and frees them all at its end. Linked through their b pointer. */
#define STATE_FREE_HEADS_MAX 65536u
static state *free_heads;
static unsigned nfree_heads;

static state *freeze(const state *src, int shared) {
  state *s = free_heads;
  if (s) {
    free_heads = (state *)(void *)s->b;
    nfree_heads--;
  } else {
    s = malloc(sizeof *s);
    if (!s)
      xalloc_fail();
  }
  memset(s, 0, sizeof *s);
  state_body *y = body_of(src, shared);
  s->frozen = 1;
  s->body = y;
  s->b = y->b;
  s->h = y->h;
  s->s = y->s;
  copy_header(s, src);
  s->capb = src->nb;
  return s;
}

state *state_freeze(const state *src) {
  return freeze(src, 1);
}

state *state_park(const state *src) {
  return freeze(src, 0);
}

void state_free(state *s) {
  if (!s)
    return;
  if (s->frozen) {
    body_drop(s->body);
    if (nfree_heads < STATE_FREE_HEADS_MAX) {
      s->b = (binding *)(void *)free_heads;
      free_heads = s;
      nfree_heads++;
    } else {
      free(s);
    }
    return;
  }
  if (nspare < STATE_SPARE_MAX) {
    spare[nspare++] = s;
    return;
  }
  free(s->b);
  free(s);
}

static int str_cmp(const char *a, const char *b) {
  if (a == b)
    return 0;
  if (!a)
    return -1;
  if (!b)
    return 1;
  return strcmp(a, b);
}

int place_cmp(const ir_place *a, const ir_place *b) {
  if (a == b)
    return 0;
  if (a->root != b->root)
    return a->root < b->root ? -1 : 1;
  if (a->var != b->var)
    return a->var < b->var ? -1 : 1;
  int c = str_cmp(a->name, b->name);
  if (c)
    return c;
  unsigned n = a->nsteps < b->nsteps ? a->nsteps : b->nsteps;
  for (unsigned i = 0; i < n; i++) {
    if (a->steps[i].kind != b->steps[i].kind)
      return a->steps[i].kind < b->steps[i].kind ? -1 : 1;
    c = str_cmp(a->steps[i].field, b->steps[i].field);
    if (c)
      return c;
  }
  if (a->nsteps != b->nsteps)
    return a->nsteps < b->nsteps ? -1 : 1;
  return 0;
}

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

/* Only the first bytes of a name: place_hash runs on every look-up, and places that
 * differ further on are told apart by place_cmp. */
static uint64_t str_hash(const char *s) {
  if (!s)
    return 7;
  if (!s[0])
    return 11;
  return ((uint64_t)(unsigned char)s[0] << 8 | (unsigned char)s[1]) * 1099511628211ULL;
}

uint64_t place_hash(const ir_place *p) {
  uint64_t h = mix(p->root, p->var);
  h = mix(h, str_hash(p->name));
  for (unsigned i = 0; i < p->nsteps; i++)
    h = mix(mix(h, p->steps[i].kind), str_hash(p->steps[i].field));
  return h;
}

static binding *find_binding(const state *s, const ir_place *p, uint64_t ph) {
  for (unsigned i = 0; i < s->nb; i++)
    if (s->b[i].ph == ph && place_cmp(s->b[i].place, p) == 0)
      return &s->b[i];
  return NULL;
}

aval *state_get(state *s, const ir_place *p) {
  binding *b = find_binding(s, p, place_hash(p));
  return b ? &b->v : NULL;
}

void state_set(state *s, const ir_place *p, aval v) {
  uint64_t ph = place_hash(p);
  binding *cur = find_binding(s, p, ph);
  if (cur) {
    cur->v = v;
    return;
  }
  if (s->nb >= STATE_MAX_BINDINGS) {
    /* full: the least a binding says is "declared, never assigned"; forgetting one of
     * those leaves its variable unknown. With none to forget, the walk abandons the
     * path rather than go on without this fact. */
    unsigned k = 0;
    while (k < s->nb && s->b[k].v.k != AV_UNINIT)
      k++;
    if (k == s->nb) {
      s->overflow = 1;
      return;
    }
    s->b[k] = s->b[--s->nb];
  }
  if (s->nb == s->capb) {
    s->capb *= 2;
    binding *nb = realloc(s->b, s->capb * sizeof *nb);
    if (!nb)
      xalloc_fail();
    s->b = nb;
  }
  s->b[s->nb].place = p;
  s->b[s->nb].ph = ph;
  s->b[s->nb].v = v;
  s->nb++;
}

void state_unbind(state *s, const ir_place *p) {
  binding *b = find_binding(s, p, place_hash(p));
  if (b)
    *b = s->b[--s->nb];
}

void state_kill_under(state *s, const ir_place *p) {
  for (unsigned i = 0; i < s->nb;) {
    const ir_place *q = s->b[i].place;
    if (q->nsteps > p->nsteps && ir_place_is_prefix(p, q))
      s->b[i] = s->b[--s->nb];
    else
      i++;
  }
}

int state_new_sym(state *s) {
  if (s->ns >= STATE_MAX_SYMS)
    return -1;
  memset(&s->s[s->ns], 0, sizeof s->s[0]);
  s->s[s->ns].r = range_full();
  s->s[s->ns].init = range_full();
  return (int)s->ns++;
}

int state_new_handle(state *s) {
  if (s->nh >= STATE_MAX_HANDLES)
    return -1;
  memset(&s->h[s->nh], 0, sizeof s->h[0]);
  return (int)s->nh++;
}

unsigned state_handle_refs(const state *s, unsigned id) {
  unsigned n = 0;
  for (unsigned i = 0; i < s->nb; i++)
    if (s->b[i].v.k == AV_HANDLE && s->b[i].v.id == id)
      n++;
  return n;
}

static int binding_cmp(const void *a, const void *b) {
  return place_cmp(((const binding *)a)->place, ((const binding *)b)->place);
}

static int loc_cmp(ir_loc a, ir_loc b) {
  int c = str_cmp(a.file, b.file);
  if (c)
    return c;
  if (a.line != b.line)
    return a.line < b.line ? -1 : 1;
  if (a.col != b.col)
    return a.col < b.col ? -1 : 1;
  return 0;
}

int state_status_excepted(const state *s, const hnd *h) {
  if (h->st != H_COND || h->sym >= s->ns)
    return 0;
  const sym *y = &s->s[h->sym];
  for (unsigned i = 0; i < h->nexcept && y->r.lo == y->r.hi; i++)
    if (y->r.lo == h->except[i])
      return 1;
  return 0;
}

/* A handle that can matter without being bound anywhere: one we may still report
 * (definitely held, or held unless its untested status failed). */
static int handle_matters_unbound(const state *s, const hnd *h) {
  /* a caller's handle released here and then cleared or freed with its container:
   * the function's summary still has to say that it releases it */
  if (!h->owned && h->st == H_RELEASED && h->home && h->home->root == IR_ROOT_PARAM)
    return 1;
  if (!h->owned || h->escaped)
    return 0;
  if (h->st == H_HELD)
    return 1;
  if (h->st != H_COND || h->sym >= s->ns)
    return 0;
  const sym *y = &s->s[h->sym];
  if (state_status_excepted(s, h))
    return 0; /* nothing was acquired (SEC_I_INCOMPLETE_CREDENTIALS: no token) */
  if (!y->has_succ)
    return 1;
  if (range_eq(&y->r, &y->init) && !y->opaque)
    return 1;
  return range_all(&y->r, y->succ_op, y->succ_val);
}

static int hnd_cmp_unbound(const hnd *a, const hnd *b) {
  int c = loc_cmp(a->acq_loc, b->acq_loc);
  if (c)
    return c;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  return place_cmp(a->home, b->home);
}

/* sort_bindings: the bindings in place order. A state is canonical when its successor
 * is made, and the successor's new bindings are appended (an unbound one is replaced
 * by the last), so the bindings are nearly in order: insertion sort, which gives up
 * for qsort after a few moves per binding. */
static void sort_bindings(state *s) {
  binding *b = s->b;
  unsigned n = s->nb, moves = 0, budget = 4 * n + 16;
  for (unsigned i = 1; i < n; i++) {
    if (place_cmp(b[i - 1].place, b[i].place) <= 0)
      continue;
    binding t = b[i];
    unsigned j = i;
    while (j > 0 && place_cmp(b[j - 1].place, t.place) > 0) {
      b[j] = b[j - 1];
      j--;
      moves++;
    }
    b[j] = t;
    if (moves > budget) {
      qsort(b, n, sizeof *b, binding_cmp);
      return;
    }
  }
}

void state_canon(state *s) {
  sort_bindings(s);
  /* Tables indexed by old ids are filled for the ids in use only (filling all of
   * them, 700 bytes, was a seventh of this function); an id past them maps to -1 as
   * it did when they were filled whole. */
  unsigned onh = s->nh, ons = s->ns;

  /* handles: keep bound ones and unbound ones that may still be reported */
  unsigned char keep[STATE_MAX_HANDLES];
  int newid[STATE_MAX_HANDLES];
  for (unsigned i = 0; i < onh; i++) {
    keep[i] = (unsigned char)handle_matters_unbound(s, &s->h[i]);
    newid[i] = -1;
  }

  /* new order: first by first binding, then unbound ones by acquisition site */
  unsigned order[STATE_MAX_HANDLES], n = 0;
  for (unsigned i = 0; i < s->nb && onh; i++) {
    if (s->b[i].v.k != AV_HANDLE)
      continue;
    unsigned id = s->b[i].v.id;
    if (id < onh && newid[id] < 0) {
      newid[id] = (int)n;
      order[n++] = id;
    }
  }
  unsigned first_unbound = n;
  for (unsigned i = 0; i < onh; i++)
    if (keep[i] && newid[i] < 0) {
      newid[i] = (int)n;
      order[n++] = i;
    }
  /* sort the unbound tail for determinism */
  for (unsigned i = first_unbound + 1; i < n; i++)
    for (unsigned j = i; j > first_unbound && hnd_cmp_unbound(&s->h[order[j - 1]], &s->h[order[j]]) > 0; j--) {
      unsigned t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  for (unsigned i = 0; i < n; i++)
    newid[order[i]] = (int)i;
  hnd nh[STATE_MAX_HANDLES];
  for (unsigned i = 0; i < n; i++)
    nh[i] = s->h[order[i]];
  memcpy(s->h, nh, n * sizeof nh[0]);
  s->nh = n;

  /* symbols: referenced from bindings (in order), then from handles; the same pass
   * renumbers the bindings' handles */
  int snew[STATE_MAX_SYMS];
  for (unsigned i = 0; i < ons; i++)
    snew[i] = -1;
  unsigned sorder[STATE_MAX_SYMS], ns = 0;
  for (unsigned i = 0; i < s->nb; i++) {
    aval *v = &s->b[i].v;
    if (v->k == AV_HANDLE)
      v->id = v->id < onh ? (unsigned)newid[v->id] : (unsigned)-1;
    else if (v->k == AV_SYM && v->id < ons && snew[v->id] < 0) {
      snew[v->id] = (int)ns;
      sorder[ns++] = v->id;
    }
  }
  for (unsigned i = 0; i < s->nh; i++)
    if (s->h[i].st == H_COND && s->h[i].sym < ons && snew[s->h[i].sym] < 0) {
      snew[s->h[i].sym] = (int)ns;
      sorder[ns++] = s->h[i].sym;
    }
  /* symbols a kept boolean is linked to (one level: links point at statuses) */
  for (unsigned i = 0; i < ns; i++) {
    const sym *y = &s->s[sorder[i]];
    if (y->linked && y->link < ons && snew[y->link] < 0) {
      snew[y->link] = (int)ns;
      sorder[ns++] = y->link;
    }
  }
#define SNEW(id) ((id) < ons ? snew[id] : -1)
  sym nsy[STATE_MAX_SYMS];
  for (unsigned i = 0; i < ns; i++)
    nsy[i] = s->s[sorder[i]];
  memcpy(s->s, nsy, ns * sizeof nsy[0]);
  s->ns = ns;
  for (unsigned i = 0; i < s->nb; i++)
    if (s->b[i].v.k == AV_SYM)
      s->b[i].v.id = (unsigned)SNEW(s->b[i].v.id);
  for (unsigned i = 0; i < s->nh; i++)
    if (s->h[i].st == H_COND)
      s->h[i].sym = (unsigned)SNEW(s->h[i].sym);
  for (unsigned i = 0; i < s->ns; i++)
    if (s->s[i].linked) {
      if (SNEW(s->s[i].link) >= 0)
        s->s[i].link = (unsigned)snew[s->s[i].link];
      else
        s->s[i].linked = 0;
    }
#undef SNEW

  /* hash */
  uint64_t h = mix(s->nb, mix(s->nh, s->ns));
  for (unsigned i = 0; i < s->nb; i++) {
    /* one step of mix per binding (a chain of four was a tenth of the analysis):
     * the fields are spread by multiplication first, which needs no previous h */
    const aval *v = &s->b[i].v;
    uint64_t w = s->b[i].ph * 0xff51afd7ed558ccdULL ^
                 ((uint64_t)v->c * 0xc4ceb9fe1a85ec53ULL + ((uint64_t)v->id << 8 | (uint64_t)v->k));
    if (v->k == AV_ADDR && v->to)
      w ^= place_hash(v->to) * 0x9e3779b97f4a7c15ULL;
    h = mix(h, w);
  }
  for (unsigned i = 0; i < s->nh; i++) {
    const hnd *x = &s->h[i];
    h = mix(h, (uint64_t)x->kind * 131 + x->st * 7 + x->owned * 3 + x->escaped + x->any_kind * 17);
    h = mix(h, x->sym);
    h = mix(h, x->acq_loc.line * 4099ULL + x->acq_loc.col);
  }
  for (unsigned i = 0; i < s->ns; i++) {
    const sym *y = &s->s[i];
    h = mix(h, (uint64_t)y->r.lo);
    h = mix(h, (uint64_t)y->r.hi);
    h = mix(h, y->r.nholes * 2 + y->opaque);
  }
  s->hash = h;
}

static int aval_eq(const aval *a, const aval *b) {
  if (a->k != b->k)
    return 0;
  switch (a->k) {
  case AV_UNINIT:
  case AV_ESCAPED:
    return 1;
  case AV_CONST:
  case AV_EMPTY:
    return a->c == b->c;
  case AV_SYM:
  case AV_HANDLE:
    return a->id == b->id;
  case AV_ADDR:
    return place_cmp(a->to, b->to) == 0;
  }
  return 0;
}

static int hnd_eq(const hnd *a, const hnd *b) {
  return a->kind == b->kind && a->any_kind == b->any_kind && a->st == b->st &&
         (a->st != H_COND || a->sym == b->sym) &&
         a->owned == b->owned && a->escaped == b->escaped && a->given == b->given &&
         a->prev_empty == b->prev_empty &&
         a->weak == b->weak && !a->first_if_null == !b->first_if_null &&
         !a->none_if_zero == !b->none_if_zero &&
         (!a->none_if_zero || place_cmp(a->none_if_zero, b->none_if_zero) == 0) &&
         (!a->first_if_null || place_cmp(a->first_if_null, b->first_if_null) == 0) &&
         loc_cmp(a->acq_loc, b->acq_loc) == 0 &&
         ((!a->home && !b->home) || (a->home && b->home && place_cmp(a->home, b->home) == 0));
}

static int sym_eq(const sym *a, const sym *b) {
  return range_eq(&a->r, &b->r) && range_eq(&a->init, &b->init) && a->has_succ == b->has_succ &&
         a->opaque == b->opaque &&
         a->linked == b->linked &&
         (!a->linked || (a->link == b->link && a->link_op == b->link_op && a->link_c == b->link_c &&
                         !a->link_set == !b->link_set &&
                         (!a->link_set || (range_eq(&a->link_set[0], &b->link_set[0]) &&
                                           range_eq(&a->link_set[1], &b->link_set[1]))))) &&
         (!a->has_succ || (a->succ_op == b->succ_op && a->succ_val == b->succ_val));
}

int state_equal(const state *a, const state *b) {
  if (a->hash != b->hash || a->nb != b->nb || a->nh != b->nh || a->ns != b->ns)
    return 0;
  if (a->body && a->body == b->body)
    return 1; /* the same tables */
  for (unsigned i = 0; i < a->nb; i++)
    if (a->b[i].ph != b->b[i].ph || place_cmp(a->b[i].place, b->b[i].place) ||
        !aval_eq(&a->b[i].v, &b->b[i].v))
      return 0;
  for (unsigned i = 0; i < a->nh; i++)
    if (!hnd_eq(&a->h[i], &b->h[i]))
      return 0;
  for (unsigned i = 0; i < a->ns; i++)
    if (!sym_eq(&a->s[i], &b->s[i]))
      return 0;
  return 1;
}

/* ---- join ---- */

static int sym_same(const state *a, unsigned ia, const state *b, unsigned ib) {
  if (ia >= a->ns || ib >= b->ns)
    return 0;
  const sym *x = &a->s[ia], *y = &b->s[ib];
  if (x->linked || y->linked)
    return 0; /* a 0/1 value tied to another symbol: kept only when bound identically */
  return range_eq(&x->r, &y->r) && range_eq(&x->init, &y->init) && x->has_succ == y->has_succ &&
         x->opaque == y->opaque && (!x->has_succ || (x->succ_op == y->succ_op && x->succ_val == y->succ_val));
}

static int hnd_same(const state *a, const hnd *x, const state *b, const hnd *y) {
  hnd xx = *x, yy = *y;
  if (x->st == H_COND) {
    if (y->st != H_COND || !sym_same(a, x->sym, b, y->sym))
      return 0;
    xx.sym = yy.sym = 0;
  }
  return hnd_eq(&xx, &yy);
}

/* find_in: s's binding of the place of b. */
static const binding *find_in(const state *s, const binding *b) { return find_binding(s, b->place, b->ph); }

state *state_join(const state *a, const state *b, int (*sticky)(const binding *)) {
  if (a->nh != b->nh)
    return NULL;
  for (unsigned i = 0; i < a->nh; i++)
    if (!hnd_same(a, &a->h[i], b, &b->h[i]))
      return NULL;
  /* the same places hold the same handles (canonical numbering: by first binding) */
  unsigned ha = 0, hb = 0;
  for (unsigned i = 0; i < a->nb; i++)
    ha += a->b[i].v.k == AV_HANDLE;
  for (unsigned i = 0; i < b->nb; i++)
    if (b->b[i].v.k == AV_HANDLE) {
      const binding *o = find_in(a, &b->b[i]);
      if (!o || o->v.k != AV_HANDLE || o->v.id != b->b[i].v.id)
        return NULL;
      hb++;
    }
  if (ha != hb)
    return NULL;
  state *j = state_copy(b);
  for (unsigned i = 0; i < j->nb;) {
    const binding *x = &j->b[i];
    const binding *o = x->v.k == AV_HANDLE ? NULL : find_in(a, x);
    int keep = x->v.k == AV_HANDLE || (sticky && sticky(x));
    if (!keep && o && o->v.k == x->v.k) {
      if (x->v.k == AV_SYM)
        keep = sym_same(a, o->v.id, b, x->v.id);
      else
        keep = aval_eq(&o->v, &x->v);
    }
    if (keep)
      i++;
    else
      j->b[i] = j->b[--j->nb];
  }
  for (unsigned i = 0; sticky && i < a->nb; i++)
    if (a->b[i].v.k != AV_HANDLE && a->b[i].v.k != AV_SYM && sticky(&a->b[i]) && !find_in(j, &a->b[i]))
      state_set(j, a->b[i].place, a->b[i].v);
  state_canon(j);
  return j;
}
