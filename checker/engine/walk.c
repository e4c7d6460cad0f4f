/* walk.c - the path-sensitive walk over one function's CFG.
 *
 * A worklist of (block, state). At block entry a state is pruned (facts about dead
 * variables dropped), put in canonical form and compared with the states already
 * seen at that block: an identical one ends the path (this is the merge that keeps
 * loops finite and long if-chains linear). Caps: states per block and block visits
 * per function; hitting one is reported once on the notices stream. */
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"
#include "summary.h"
#include "walk.h"

typedef struct item {
  unsigned block;
  state *s;
} item;

typedef struct seenset {
  unsigned n, cap;
  state **v;
} seenset;

typedef struct worklist {
  unsigned n, cap;
  item *v;
} worklist;

engine_opts engine_default_opts(void) {
  engine_opts o;
  memset(&o, 0, sizeof o);
  o.max_states_per_block = 256;
  o.max_steps = 200000;
  o.report_release_of_empty = 0;
  return o;
}

/* push: s (a working state, owned) goes on top of the worklist. The state it buries
 * waits there, maybe for long (a branch's other side): it is frozen, so that the list
 * holds compact copies and not a working state's full tables each (a long function
 * with many tests held a thousand of them, tens of MB of fresh pages). */
static void push(worklist *wl, unsigned block, state *s) {
  if (wl->n > 0 && !wl->v[wl->n - 1].s->frozen) {
    state *below = wl->v[wl->n - 1].s;
    wl->v[wl->n - 1].s = state_park(below);
    state_free(below);
  }
  if (wl->n == wl->cap) {
    wl->cap = wl->cap ? wl->cap * 2 : 64;
    item *nv = realloc(wl->v, wl->cap * sizeof *nv);
    if (!nv)
      xalloc_fail();
    wl->v = nv;
  }
  wl->v[wl->n].block = block;
  wl->v[wl->n].s = s;
  wl->n++;
}

/* address_held: some binding of s points to p's variable (or into it). */
static int address_held(const state *s, const ir_place *p) {
  for (unsigned j = 0; j < s->nb; j++) {
    const aval *v = &s->b[j].v;
    if (v->k == AV_ADDR && v->to && v->to->root == p->root && v->to->var == p->var)
      return 1;
  }
  return 0;
}

/* member_unread: a constant in a member (config->resume_from = -1, per->outs.fopened
 * = 1) that nothing from this block on can read: no place of the function names the
 * member, nor an effect path of the rules and summaries of its calls (live_field). The
 * caller's objects are not the function's to describe beyond their handles (a summary
 * says what happens to handles, not to other members), so such a constant only splits
 * paths that cannot differ from here on. Kept: the place a handle of the state was
 * stored at (its exit says whether it was cleared after the release), and every fact
 * that is not a plain constant (emptiness, symbols, addresses). */
static int member_unread(walk *w, const state *s, const ir_place *p, const aval *v,
                         unsigned block) {
  if (v->k != AV_CONST || p->nsteps == 0 || p->steps[p->nsteps - 1].kind != IR_STEP_FIELD ||
      live_field(w->live, block, p->steps[p->nsteps - 1].field))
    return 0;
  for (unsigned i = 0; i < s->nh; i++)
    if (s->h[i].home && place_cmp(s->h[i].home, p) == 0)
      return 0;
  return 1;
}

/* Drop facts no later block can use. */
static void prune(walk *w, state *s, unsigned block) {
  for (unsigned i = 0; i < s->nb;) {
    const ir_place *p = s->b[i].place;
    int dead = 0;
    int finished = s->b[i].v.k == AV_HANDLE && s->b[i].v.id < s->nh &&
                   (s->h[s->b[i].v.id].st == H_RELEASED || s->h[s->b[i].v.id].st == H_FAILED ||
                    s->h[s->b[i].v.id].st == H_NONE);
    if (finished && p->root == IR_ROOT_LOCAL && !p->is_static && p->var < WALK_HEAP_BASE) {
      /* a released (or never acquired) handle in a variable nobody reads again, by name
       * or through a pointer the state holds: no use after release can come through it,
       * and it no longer takes a handle slot */
      dead = !live_var(w->live, block, p->var) && !address_held(s, p);
    } else if (s->b[i].v.k != AV_HANDLE) {
      /* parameters keep what is known of them (a NULL pointer parameter matters for
       * the function's summary at its exits) */
      if (p->root == IR_ROOT_LOCAL && !p->is_static)
        dead = !live_var(w->live, block, p->var);
      else if (p->root == IR_ROOT_UNKNOWN && p->var > 0 && p->nsteps == 0)
        dead = !live_call(w->live, block, p->var - 1);
      if (!dead)
        dead = member_unread(w, s, p, &s->b[i].v, block);
    }
    if (dead)
      s->b[i] = s->b[--s->nb];
    else
      i++;
  }
}

/* The object a member address points into: &a->base is a pointer to *a as well
 * (the first member of a struct has its address), so what escapes with it is all of *a. */
static const ir_place *enclosing(walk *w, const ir_place *p) {
  if (!p || p->nsteps == 0 || p->steps[p->nsteps - 1].kind != IR_STEP_FIELD)
    return p;
  ir_place *q = arena_alloc(w->a, sizeof *q);
  *q = *p;
  while (q->nsteps > 0 && q->steps[q->nsteps - 1].kind == IR_STEP_FIELD)
    q->nsteps--;
  q->type_name = NULL;
  q->is_pointer = 0;
  return q;
}

static void apply_return_escape(walk *w, state *s, const ir_block *b) {
  if (!b->has_retval)
    return;
  eval_res r = walk_eval(w, s, &b->retval);
  if (r.v && r.v->k == AV_HANDLE)
    s->h[r.v->id].escaped = s->h[r.v->id].given = 1;
  if (r.v && r.v->k == AV_ADDR) {
    walk_escape_from(w, s, enclosing(w, r.v->to), 0);
    walk_heap_escape(w, s, r.v->to);
  }
  if (r.place)
    walk_escape_from(w, s, r.place, 0);
  if (r.addr) {
    walk_escape_from(w, s, enclosing(w, r.addr), 0);
    walk_heap_escape(w, s, r.addr);
  }
}

static void do_assign(walk *w, state *s, const ir_event *e);

/* walk_assign: see walk.h. */
void walk_assign(walk *w, state *s, const ir_event *e) { do_assign(w, s, e); }

/* Assignment dst = src. */
static void do_assign(walk *w, state *s, const ir_event *e) {
  eval_res src = walk_eval(w, s, &e->src);
  if (!e->dst)
    return;
  int unknown = 0;
  const ir_place *dst = walk_resolve(w, s, e->dst, &unknown);
  int dst_escapes = walk_place_escapes_in(s, dst);

  /* writing a field of a struct handle: the handle is replaced (h.dwLower = 0) */
  if (dst->nsteps > 0 && dst->steps[dst->nsteps - 1].kind == IR_STEP_FIELD) {
    ir_place *parent = arena_alloc(w->a, sizeof *parent);
    *parent = *dst;
    parent->nsteps = dst->nsteps - 1;
    aval *pv = state_get(s, parent);
    if (pv && pv->k == AV_HANDLE) {
      const hnd *h = &s->h[pv->id];
      if (h->kind >= 0 && (unsigned)h->kind < w->r->nkinds &&
          w->r->kinds[h->kind].storage == RULE_STORE_STRUCT) {
        walk_lost(w, s, parent, e->loc, 0);
        aval nv = {.k = AV_EMPTY, .c = src.is_const ? src.c : 0};
        state_kill_under(s, parent);
        if (src.is_const)
          state_set(s, parent, nv);
        else
          state_unbind(s, parent);
        return;
      }
    }
  }

  aval *cur = state_get(s, dst);
  int same_handle = cur && cur->k == AV_HANDLE && src.v && src.v->k == AV_HANDLE && src.v->id == cur->id;
  if (!same_handle)
    walk_lost(w, s, dst, e->loc, 0);
  /* the element count of an array a call returned, overwritten: its later tests say
   * nothing about that array (rule_effect.count) */
  for (unsigned i = 0; i < s->nh; i++)
    if (s->h[i].none_if_zero && place_cmp(s->h[i].none_if_zero, dst) == 0)
      s->h[i].none_if_zero = NULL;

  /* what flows into dst */
  aval nv;
  int have = 0;
  memset(&nv, 0, sizeof nv);
  if (dst_escapes && (src.addr || src.place))
    sum_rec_escape(w, src.addr ? src.addr : src.place);
  /* a struct parameter passed by value (CredHandle cred) copied into storage that is
   * not a local variable of this function (obj->cred = cred, a heap object, *out): the
   * caller's handle is handed over with it */
  if (src.place && src.place->root == IR_ROOT_PARAM && src.place->nsteps == 0 &&
      !src.place->is_pointer && !(dst->root == IR_ROOT_LOCAL && dst->nsteps == 0 &&
                                  dst->var < WALK_HEAP_BASE && !dst->is_static))
    sum_rec_escape(w, src.place);
  if (src.addr) {
    nv.k = AV_ADDR;
    nv.to = src.addr;
    have = 1;
    const ir_place *obj = enclosing(w, src.addr);
    if (dst_escapes && !ir_place_is_prefix(obj, dst)) {
      /* not when the object points into itself (c->desc.pBuffers = &c->buf): what it
       * holds is still reachable only through it */
      walk_escape_from(w, s, obj, 0);
      walk_heap_escape(w, s, src.addr);
    }
  } else if (src.v) {
    nv = *src.v;
    have = 1;
    if (nv.k == AV_ADDR && nv.to && nv.to->var >= WALK_HEAP_BASE && nv.to->name &&
        strcmp(nv.to->name, "(heap)") == 0) {
      /* name fresh heap storage after the pointer it is first stored in: s->cred,
       * backend->cred->cred_handle */
      ir_place *named = arena_alloc(w->a, sizeof *named);
      *named = *nv.to;
      named->name = dst->nsteps == 0 ? dst->name : ir_place_str(w->a, e->dst);
      nv.to = named;
      /* what is known of the fresh storage (zeroed by calloc) moves to the new name */
      for (unsigned i = 0; i < s->nb; i++) {
        const ir_place *q = s->b[i].place;
        if (q->root == IR_ROOT_LOCAL && q->var == named->var && q->name && strcmp(q->name, "(heap)") == 0) {
          ir_place *nq = arena_alloc(w->a, sizeof *nq);
          *nq = *q;
          nq->name = named->name;
          s->b[i].place = nq;
          s->b[i].ph = place_hash(nq);
        }
      }
    }
    if (nv.k == AV_HANDLE) {
      hnd *h = &s->h[nv.id];
      if (dst_escapes)
        h->escaped = 1;
      if (!h->home)
        h->home = dst;
    }
    if (nv.k == AV_ADDR && dst_escapes) {
      walk_escape_from(w, s, enclosing(w, nv.to), 0);
      walk_heap_escape(w, s, nv.to);
    }
  } else if (src.is_const) {
    nv.k = AV_CONST;
    nv.c = src.c;
    have = 1;
  } else if (src.place && src.place->root == IR_ROOT_PARAM && src.place->nsteps == 0 &&
             src.place->is_pointer && dst->root == IR_ROOT_PARAM && dst->nsteps >= 1 &&
             dst->steps[0].kind == IR_STEP_DEREF) {
    /* a pointer parameter stored where the caller sees it (d->pBuffers = arr): the place
     * now points where the parameter does, which the exit states show (derive.c: the
     * summary stores the caller's argument there) */
    nv.k = AV_ADDR;
    nv.to = ir_place_extend(w->a, src.place, IR_STEP_DEREF, NULL);
    have = 1;
  } else if (walk_bool_of(w, s, &e->src, &nv)) {
    have = 1;
  }
  /* k-limiting: a pointer that walks forward through what it points into
   * (p = (T *)&p->items[p->count] in a loop) names a longer place on every round and
   * never repeats a state; past WALK_MAX_ADDR_STEPS steps it is an unknown pointer. */
  if (have && nv.k == AV_ADDR && nv.to && nv.to->nsteps > WALK_MAX_ADDR_STEPS)
    have = 0;

  /* struct copy: carry the bindings below src over to dst */
  binding carry[32];
  unsigned ncarry = 0;
  if (src.place && src.place != dst) {
    for (unsigned i = 0; i < s->nb && ncarry < 32; i++) {
      const ir_place *q = s->b[i].place;
      if (q->nsteps <= src.place->nsteps || !ir_place_is_prefix(src.place, q))
        continue;
      ir_place *nq = arena_alloc(w->a, sizeof *nq);
      *nq = *dst;
      nq->nsteps = dst->nsteps + (q->nsteps - src.place->nsteps);
      nq->steps = arena_alloc(w->a, nq->nsteps * sizeof(ir_step) + 1);
      if (dst->nsteps)
        memcpy(nq->steps, dst->steps, dst->nsteps * sizeof(ir_step));
      memcpy(nq->steps + dst->nsteps, q->steps + src.place->nsteps,
             (q->nsteps - src.place->nsteps) * sizeof(ir_step));
      nq->is_pointer = q->is_pointer;
      nq->type_name = q->type_name;
      carry[ncarry].place = nq;
      carry[ncarry].v = s->b[i].v;
      ncarry++;
      if (dst_escapes && s->b[i].v.k == AV_HANDLE)
        s->h[s->b[i].v.id].escaped = 1;
    }
  }

  state_kill_under(s, dst);
  if (have)
    state_set(s, dst, nv);
  else {
    state_unbind(s, dst);
    walk_shadow_unknown(s, dst);
  }
  for (unsigned i = 0; i < ncarry; i++)
    state_set(s, carry[i].place, carry[i].v);
}

/* Events of one block; returns 0 when the path ended inside the block. */
static int run_events(walk *w, state *s, const ir_block *b) {
  for (unsigned i = 0; i < b->nev; i++) {
    const ir_event *e = &b->ev[i];
    switch (e->kind) {
    case IR_E_CALL:
      if (!walk_call(w, s, e))
        return 0;
      break;
    case IR_E_ASSIGN:
      do_assign(w, s, e);
      break;
    case IR_E_DECL:
    case IR_E_CLEAR:
    case IR_E_INVALIDATE: {
      if (!e->dst)
        break;
      const ir_place *p = walk_resolve(w, s, e->dst, NULL);
      walk_lost(w, s, p, e->loc, 0);
      state_kill_under(s, p);
      aval nv;
      memset(&nv, 0, sizeof nv);
      nv.k = e->kind == IR_E_DECL ? AV_UNINIT : AV_EMPTY;
      nv.c = e->kind == IR_E_INVALIDATE ? -1 : 0;
      state_set(s, p, nv);
      break;
    }
    case IR_E_DELETE:
      break;
    }
  }
  return 1;
}

static int any_owned(const state *s) {
  for (unsigned i = 0; i < s->nh; i++)
    if (s->h[i].owned || s->h[i].st == H_RELEASED)
      return 1;
  return 0;
}

static void func_loc_note(walk *w, FILE *errs, const char *why) {
  if (!errs)
    return;
  fprintf(errs, "%s:%u:%u: note: analysis of '%s' was cut short (%s); findings in it may be incomplete\n",
          w->f->loc.file ? w->f->loc.file : "?", w->f->loc.line, w->f->loc.col, w->f->name, why);
}



/* Facts a join keeps when either side has them: an escaped heap object (what is stored
 * in it later is not ours to report) and the mark of a path through a function without
 * a summary yet (its exits say nothing about this function's summary). */
static int join_sticky(const binding *b) {
  if (b->v.k == AV_ESCAPED)
    return 1;
  return b->place->root == IR_ROOT_UNKNOWN && b->place->var == WALK_RECURSION_MARK + 1;
}

/* Past this many states at one block, a new state is joined with one the block holds
 * that tracks the same handles (state_join): the facts they differ in are forgotten.
 * Handles stay path-sensitive; values nobody can tell apart any more stop multiplying
 * the states (optional out-parameters tested again and again, flags set in loops).
 * A state that holds no handle is joined past half as many: what it knows only decides
 * which later paths can be taken, and the large functions of a build that hold no
 * handle at all (a command-line parser, a transfer loop) are most of the analysis'
 * time. Measured: curl's analysis 0.137 -> 0.103 s, and the findings and every summary
 * of curl, Wine's SSPI callers and Wine's 160 module units unchanged; joined past a
 * sixteenth of the cap, 5 of Wine's module summaries lost an allocation wrapper or an
 * escape. */
static unsigned join_after(const engine_opts *o, const state *s) {
  unsigned n = o->max_states_per_block / (s->nh ? 4 : 8);
  return n ? n : 1;
}

/* join_into: *sp (canonical, not yet held) is joined with the first state of ss that
 * tracks the same handles. Covered (the join adds nothing to that state): *sp is freed
 * and set to NULL. Otherwise the held state is replaced by the join and *sp becomes a
 * working copy of it, to be walked on. 0 when no held state tracks the same handles. */
static int join_into(seenset *ss, state **sp) {
  state *s = *sp;
  for (unsigned i = 0; i < ss->n; i++) {
    state *j = state_join(ss->v[i], s, join_sticky);
    if (!j)
      continue;
    state_free(s);
    if (state_equal(j, ss->v[i])) {
      state_free(j);
      *sp = NULL;
      return 1;
    }
    state_free(ss->v[i]);
    ss->v[i] = state_freeze(j);
    *sp = j;
    return 1;
  }
  return 0;
}

/* Debugging aid (SSPI_CHECK_SHOW_CAP=1, like SSPI_CHECK_SHOW_SUMMARIES): the states a
 * block holds when the per-block cap is hit, to see which facts keep them apart. */
static void show_states(walk *w, unsigned block, state **v, unsigned n) {
  fprintf(stderr, "== %s: block %u holds %u states\n", w->f->name, block, n);
  for (unsigned k = 0; k < n && k < 6; k++) {
    const state *s = v[k];
    fprintf(stderr, "-- state %u: %u bindings, %u handles, %u symbols\n", k, s->nb, s->nh, s->ns);
    for (unsigned i = 0; i < s->nb; i++) {
      const aval *a = &s->b[i].v;
      fprintf(stderr, "   %s = k%d c%lld id%u%s%s\n", ir_place_str(w->a, s->b[i].place), (int)a->k,
              (long long)a->c, a->id, a->k == AV_ADDR && a->to ? " -> " : "",
              a->k == AV_ADDR && a->to ? ir_place_str(w->a, a->to) : "");
    }
    for (unsigned i = 0; i < s->nh; i++)
      fprintf(stderr, "   h%u kind%d st%d sym%u owned%d esc%d line%u\n", i, s->h[i].kind, (int)s->h[i].st,
              s->h[i].sym, s->h[i].owned, s->h[i].escaped, s->h[i].acq_loc.line);
    for (unsigned i = 0; i < s->ns; i++)
      fprintf(stderr, "   s%u [%lld,%lld] holes%u line%u\n", i, (long long)s->s[i].r.lo,
              (long long)s->s[i].r.hi, s->s[i].r.nholes, s->s[i].loc.line);
  }
}

/* Walks one function. Returns 1 when it was cut short. */
static int walk_function(walk *w, FILE *errs) {
  const ir_func *f = w->f;
  if (f->nblocks == 0 || f->entry >= f->nblocks)
    return 0;
  w->live = live_compute(w);
  walk_scan_releases(w);
  seenset *seen = calloc(f->nblocks, sizeof *seen);
  if (!seen)
    xalloc_fail();
  worklist wl = {0, 0, NULL};
  state *init = state_new();
  /* pointer parameters point to the caller's storage, never NULL on the paths that
   * matter: bind p to &(*p) so that "if (p)" is decided and *p is the caller's place */
  for (unsigned i = 0; i < f->nparams; i++) {
    const ir_place *p = f->params[i];
    if (!p || !p->is_pointer)
      continue;
    aval v;
    memset(&v, 0, sizeof v);
    v.k = AV_ADDR;
    v.to = ir_place_extend(w->a, p, IR_STEP_DEREF, NULL);
    state_set(init, p, v);
  }
  push(&wl, f->entry, init);
  unsigned steps = 0;
  int cut_states = 0, cut_steps = 0, cut_facts = 0;

  while (wl.n > 0) {
    item it = wl.v[--wl.n];
    state *s = it.s;
    if (s->frozen) { /* buried by a later push (push): a working copy again */
      s = state_copy(it.s);
      state_free(it.s);
    }
    if (steps >= w->o->max_steps) {
      cut_steps = 1;
      state_free(s);
      continue;
    }
    steps++;
    const ir_block *b = &f->blocks[it.block];
    prune(w, s, it.block);
    state_canon(s);
    seenset *ss = &seen[it.block];
    int dup = 0;
    for (unsigned i = 0; i < ss->n && !dup; i++)
      dup = state_equal(ss->v[i], s);
    if (dup) {
      state_free(s);
      continue;
    }
    int joined = ss->n >= join_after(w->o, s) && join_into(ss, &s);
    if (joined && !s)
      continue; /* covered by a state the block already holds */
    if (!joined && ss->n >= w->o->max_states_per_block) {
      if (!cut_states && getenv("SSPI_CHECK_SHOW_CAP"))
        show_states(w, it.block, ss->v, ss->n);
      cut_states = 1;
      state_free(s);
      continue;
    }
    if (!joined) {
      if (ss->n == ss->cap) {
        ss->cap = ss->cap ? ss->cap * 2 : 4;
        state **nv = realloc(ss->v, ss->cap * sizeof *nv);
        if (!nv)
          xalloc_fail();
        ss->v = nv;
      }
      ss->v[ss->n++] = state_freeze(s);
    }

    if (!run_events(w, s, b)) {
      state_free(s);
      continue;
    }
    if (s->overflow) {
      /* more facts at one point than a state holds: going on without the ones dropped
       * could report what did not happen (a status test that no longer decides its
       * handle); the path is abandoned and the function reported as cut short */
      cut_facts = 1;
      state_free(s);
      continue;
    }
    switch (b->term) {
    case IR_T_GOTO:
      if (b->succ[0] < f->nblocks)
        push(&wl, b->succ[0], s);
      else
        state_free(s);
      break;
    case IR_T_BRANCH: {
      state *t = state_copy(s);
      state *fl = s;
      int can_t = !b->cond || walk_assume(w, t, b->cond, 1);
      int can_f = !b->cond || walk_assume(w, fl, b->cond, 0);
      if (can_t && can_f && any_owned(s)) {
        report_history(w, t, b->term_loc, "taking the true branch");
        report_history(w, fl, b->term_loc, "taking the false branch");
      }
      /* push false first so that the true branch is walked first (stable notes) */
      if (can_f && b->succ[1] < f->nblocks)
        push(&wl, b->succ[1], fl);
      else
        state_free(fl);
      if (can_t && b->succ[0] < f->nblocks)
        push(&wl, b->succ[0], t);
      else
        state_free(t);
      break;
    }
    case IR_T_SWITCH: {
      eval_res v = walk_eval(w, s, &b->sval);
      int symid = (v.v && v.v->k == AV_SYM) ? (int)v.v->id : -1;
      int matched_const = 0;
      for (unsigned i = 0; i < b->ncases; i++) {
        if (b->case_succ[i] >= f->nblocks)
          continue;
        if (v.is_const) {
          if (v.c == b->case_vals[i]) {
            push(&wl, b->case_succ[i], state_copy(s));
            matched_const = 1;
          }
          continue;
        }
        state *c = state_copy(s);
        if (symid >= 0 && !range_refine(&c->s[symid].r, IR_EQ, b->case_vals[i])) {
          state_free(c);
          continue;
        }
        push(&wl, b->case_succ[i], c);
      }
      /* default (or past the switch) */
      if (v.is_const && matched_const) {
        state_free(s);
        break;
      }
      int ok = 1;
      if (symid >= 0)
        for (unsigned i = 0; i < b->ncases && ok; i++)
          ok = range_refine(&s->s[symid].r, IR_NE, b->case_vals[i]);
      if (ok && b->succ[0] < f->nblocks)
        push(&wl, b->succ[0], s);
      else
        state_free(s);
      break;
    }
    case IR_T_RETURN:
      sum_rec_exit(w, s, b);
      apply_return_escape(w, s, b);
      report_leaks_at_exit(w, s, b->term_loc, b->implicit ? EXIT_END : EXIT_RETURN, NULL);
      state_free(s);
      break;
    case IR_T_THROW:
      report_leaks_at_exit(w, s, b->term_loc, EXIT_THROW, NULL);
      state_free(s);
      break;
    case IR_T_UNREACHABLE:
    default:
      state_free(s);
      break;
    }
  }
  report_flush_leaks(w);
  for (unsigned i = 0; i < wl.n; i++)
    state_free(wl.v[i].s);
  free(wl.v);
  for (unsigned b = 0; b < f->nblocks; b++) {
    for (unsigned i = 0; i < seen[b].n; i++)
      state_free(seen[b].v[i]);
    free(seen[b].v);
  }
  free(seen);
  live_free(w->live);
  w->live = NULL;
  if (cut_steps || cut_states || cut_facts || w->cut_handles) {
    char why[96];
    snprintf(why, sizeof why, "%s",
             cut_steps    ? "step limit reached"
             : cut_states ? "too many distinct states at one point"
             : cut_facts  ? "more facts at one point than the analysis tracks"
                          : "more handles held at one point than the analysis tracks");
    func_loc_note(w, errs, why);
    return 1;
  }
  return 0;
}

#define ENGINE_MAX_FPTRS 256

/* The function a value names, if it is a function of the unit or one the rules know. */
static const char *func_ref(const ir_unit *u, const strmap *fnames, const rules *r,
                            const ir_val *v) {
  if (!v || (v->kind != IR_V_PLACE && v->kind != IR_V_ADDR) || !v->place ||
      v->place->root != IR_ROOT_GLOBAL || v->place->nsteps != 0 || !v->place->name)
    return NULL;
  unsigned i;
  if (strmap_get(fnames, v->place->name, &i))
    return u->funcs[i].name;
  const rule_fn *rf = rules_fn_by_name(r, v->place->name);
  return rf ? v->place->name : NULL;
}

/* Function pointers the unit fills itself (ops->close = conn_close; pfn = conn_close):
 * a member or pointer variable name that only ever receives one function resolves
 * calls through it. Flow-insensitive; a slot given two functions resolves to none. */
static unsigned collect_fptrs(const ir_unit *u, const rules *r, arena *a, const char ***slot_out,
                              const char ***fn_out) {
  const char **slot = arena_alloc(a, ENGINE_MAX_FPTRS * sizeof *slot);
  const char **fn = arena_alloc(a, ENGINE_MAX_FPTRS * sizeof *fn);
  unsigned n = 0;
  strmap seen; /* slot -> its index: one look-up per assignment */
  strmap_init(&seen);
  strmap fnames; /* the unit's functions by name (the first of a name) */
  strmap_init(&fnames);
  for (unsigned fi = u->nfuncs; fi-- > 0;)
    if (u->funcs[fi].name)
      strmap_put(&fnames, u->funcs[fi].name, fi);
  for (unsigned fi = 0; fi < u->nfuncs; fi++)
    for (unsigned b = 0; b < u->funcs[fi].nblocks; b++) {
      const ir_block *bl = &u->funcs[fi].blocks[b];
      for (unsigned e = 0; e < bl->nev; e++) {
        const ir_event *ev = &bl->ev[e];
        if (ev->kind != IR_E_ASSIGN || !ev->dst)
          continue;
        const char *target = func_ref(u, &fnames, r, &ev->src);
        const ir_place *d = ev->dst;
        const char *name = d->nsteps == 0 ? d->name
                           : d->steps[d->nsteps - 1].kind == IR_STEP_FIELD ? d->steps[d->nsteps - 1].field
                                                                           : NULL;
        if (!name)
          continue;
        unsigned k;
        if (strmap_get(&seen, name, &k)) {
          if (!target || (fn[k] && strcmp(fn[k], target) != 0))
            fn[k] = NULL; /* assigned something else too: ambiguous */
          continue;
        }
        if (!target || n >= ENGINE_MAX_FPTRS)
          continue;
        slot[n] = name;
        fn[n] = target;
        strmap_put(&seen, name, n);
        n++;
      }
    }
  strmap_free(&seen);
  strmap_free(&fnames);
  *slot_out = slot;
  *fn_out = fn;
  return n;
}

/* unit_ctx_init: see walk.h. */
void unit_ctx_init(unit_ctx *uc, const ir_unit *u, const rules *r) {
  memset(uc, 0, sizeof *uc);
  uc->u = u;
  uc->a = arena_new();
  uc->nfptrs = collect_fptrs(u, r, uc->a, &uc->fslot, &uc->ffn);
}

void unit_ctx_free(unit_ctx *uc) {
  arena_free(uc->a);
  memset(uc, 0, sizeof *uc);
}

/* unit_ctx_fptr: see walk.h (the resolution walk_call makes). */
const char *unit_ctx_fptr(const unit_ctx *uc, const char *slot) {
  const char *target = NULL;
  for (unsigned i = 0; slot && i < uc->nfptrs; i++)
    if (uc->ffn[i] && strcmp(uc->fslot[i], slot) == 0)
      target = uc->ffn[i];
  return target;
}

/* engine_walk_one: see walk.h. */
walk_outcome engine_walk_one(const unit_ctx *uc, unsigned fi, const rules *r, const engine_opts *o,
                             sumtab *sums, prog *pg, diag_set *out, FILE *notes) {
  walk_outcome res = {0, 0, 0};
  walk w;
  memset(&w, 0, sizeof w);
  w.u = uc->u;
  w.r = r;
  w.o = o;
  w.f = &uc->u->funcs[fi];
  w.a = arena_new();
  w.out = out;
  w.sums = sums;
  w.scope = uc->scope;
  w.rec = sum_rec_new(&w);
  w.prog = pg;
  w.nfptrs = uc->nfptrs;
  w.fptr_slot = uc->fslot;
  w.fptr_fn = uc->ffn;
  if (w.f->truncated && notes) {
    func_loc_note(&w, notes, w.f->truncated_why ? w.f->truncated_why : "front-end limit");
    res.cut++;
  }
  int walk_cut = walk_function(&w, notes);
  res.cut += (unsigned)walk_cut;
  w.cut = walk_cut || w.f->truncated;
  rule_fn fn;
  int has = sum_rec_finish(&w, &fn);
  if (getenv("SSPI_CHECK_SHOW_SUMMARIES")) /* debugging aid, like SSPI_CHECK_SHOW_ARGV */
    fputs(summary_text(w.a, w.f->name, has ? &fn : NULL, r), stderr);
  res.changed = sumtab_put_in(sums, uc->scope, w.f->name, w.f->loc.file, w.f->loc.line,
                              has ? &fn : NULL, r);
  res.missing = w.used_missing_summary;
  arena_free(w.a);
  return res;
}

unsigned engine_check_unit(const ir_unit *u, const rules *r, const engine_opts *o, diag_set *out,
                           FILE *errs) {
  sumtab *sums = sumtab_new();
  members *mem = members_new();
  members_add_unit(mem, u);
  sumtab_set_members(sums, mem);
  prog *pg = prog_new();
  ir_unit *one = (ir_unit *)u;
  unsigned cut = engine_check_program(&one, 1, r, o, sums, pg, out, errs);
  prog_report(pg, r, out);
  prog_free(pg);
  sumtab_free(sums);
  members_free(mem);
  return cut;
}
