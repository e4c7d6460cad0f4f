/* effects_rule.c - the effects a rule (or a summary, written as one) gives a call:
 * uses, releases, acquisitions, clears, escapes, and the heap storage it allocates,
 * frees or copies (walk_rule_effects). effects.c decides which rule a call has and
 * does the rest of the call (its status, predicates, no-return). */
#include <string.h>

#include "program.h"
#include "summary.h"
#include "walk.h"

static void fx_use(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  int direct;
  const ir_place *addr_of;
  const ir_place *p = walk_effect_place(w, s, &e->call, fx, &direct, &addr_of);
  int hid = direct;
  if (p) {
    aval *v = state_get(s, p);
    if (v && v->k == AV_HANDLE)
      hid = (int)v->id;
  }
  if (p)
    sum_rec_use(w, p, fx->kind);
  if (hid < 0)
    return;
  hnd *h = &s->h[hid];
  if (h->kind == fx->kind && walk_eff(s, h) == H_RELEASED && !walk_is_summary_place(p ? p : h->home)) {
    report_use_after_release(w, s, (unsigned)hid, e->loc, walk_callee_name(&e->call));
    h->st = H_NONE; /* reported once: no cascade of findings on this path */
  }
}

/* The kind a type name declares: a kind's type-names (ptr 0) or pointer-type-names /
 * "T *" of a type-name (ptr 1); -1 if none. */
static int kind_of_type(walk *w, const char *tn, int ptr) {
  if (!tn)
    return -1;
  if (!strncmp(tn, "const ", 6))
    tn += 6;
  size_t n = strlen(tn);
  for (unsigned k = 0; k < w->r->nkinds; k++) {
    const rule_kind *rk = &w->r->kinds[k];
    if (!ptr) {
      for (unsigned i = 0; i < rk->ntype_names; i++)
        if (!strcmp(tn, rk->type_names[i]))
          return (int)k;
      continue;
    }
    for (unsigned i = 0; i < rk->npointer_type_names; i++)
      if (!strcmp(tn, rk->pointer_type_names[i]))
        return (int)k;
    for (unsigned i = 0; i < rk->ntype_names; i++) {
      size_t m = strlen(rk->type_names[i]);
      if (n > m + 1 && !strncmp(tn, rk->type_names[i], m) && !strcmp(tn + m, " *"))
        return (int)k;
    }
  }
  return -1;
}

/* The kind that the declared type of the released handle names (place p, or the
 * pointer argument that points to it), or -1. */
static int declared_kind(walk *w, const ir_call *c, const rule_effect *fx, const ir_place *p) {
  if (fx->pass_value)
    return -1;
  int k = p ? kind_of_type(w, p->type_name, 0) : -1;
  if (k >= 0 || fx->arg < 0 || (unsigned)fx->arg >= c->nargs)
    return k;
  const ir_val *a = &c->args[fx->arg];
  if (a->kind == IR_V_ADDR && a->place)
    return kind_of_type(w, a->place->type_name, 0);
  if (a->kind == IR_V_PLACE && a->place)
    return kind_of_type(w, a->place->type_name, 1);
  return -1;
}

/* A heap object of the path (see fx_alloc): (heap)#call, one DEREF step. */
static int is_heap_object(const ir_place *p) {
  return p->root == IR_ROOT_LOCAL && p->var >= WALK_HEAP_BASE && p->nsteps == 1 &&
         p->steps[0].kind == IR_STEP_DEREF;
}

/* p goes through an array element: which element, the walk does not know (weak). */
static int has_index_step(const ir_place *p) {
  for (unsigned i = 0; p && i < p->nsteps; i++)
    if (p->steps[i].kind == IR_STEP_INDEX)
      return 1;
  return 0;
}

/* The pointer argument of a release is known exactly: its place (resolved through the
 * pointers of the path) names no array element. */
static int arg_is_exact(walk *w, state *s, const ir_call *c, int arg) {
  if (arg < 0 || (unsigned)arg >= c->nargs)
    return 0;
  const ir_val *v = &c->args[arg];
  if (v->kind != IR_V_PLACE || !v->place)
    return 0;
  int unknown = 0;
  const ir_place *r = walk_resolve(w, s, v->place, &unknown);
  return !unknown && !has_index_step(v->place) && !has_index_step(r);
}

/* The callee and location of call `id` of the function ("an allocator" if not found). */
static const char *alloc_call(walk *w, unsigned id, ir_loc *loc) {
  for (unsigned b = 0; b < w->f->nblocks; b++)
    for (unsigned i = 0; i < w->f->blocks[b].nev; i++) {
      const ir_event *ev = &w->f->blocks[b].ev[i];
      if (ev->kind == IR_E_CALL && ev->call.id == id) {
        *loc = ev->loc;
        return walk_callee_name(&ev->call);
      }
    }
  return "an allocator";
}

static void fx_release(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  int direct;
  const ir_place *addr_of;
  const ir_place *p = walk_effect_place(w, s, &e->call, fx, &direct, &addr_of);
  const char *fn = walk_callee_name(&e->call);
  if (addr_of && fx->pass_value && is_heap_object(addr_of) && !has_index_step(p) &&
      arg_is_exact(w, s, &e->call, fx->arg)) {
    /* FreeContextBuffer(p) with p = malloc(...): another allocator's memory */
    ir_loc aloc = {0};
    const char *alloc = alloc_call(w, addr_of->var - WALK_HEAP_BASE, &aloc);
    const ir_val *av = fx->arg >= 0 && (unsigned)fx->arg < e->call.nargs ? &e->call.args[fx->arg] : NULL;
    const ir_place *named = av && av->kind == IR_V_PLACE && av->place ? av->place : (p ? p : addr_of);
    report_heap_mismatch(w, named, alloc, aloc, fx->kind, e->loc, fn);
    return;
  }
  if (addr_of) {
    aval *v = state_get(s, addr_of);
    if (v && v->k == AV_HANDLE && s->h[v->id].kind != fx->kind) {
      report_mismatch(w, s, v->id, fx->kind, e->loc, fn);
      s->h[v->id].st = H_RELEASED;
      s->h[v->id].rel_loc = e->loc;
      s->h[v->id].rel_fn = fn;
      s->h[v->id].rel_seq = ++s->seq;
    }
    return;
  }
  int hid = direct;
  aval *v = p ? state_get(s, p) : NULL;
  aval zeroed = {.k = AV_EMPTY, .c = 0};
  if (p && !v && walk_handle_empty_around(s, p))
    v = &zeroed; /* a member of a struct zeroed as a whole */
  if (p && !v) {
    /* a member of a struct declared without initialiser and never written */
    ir_place q = *p;
    while (q.nsteps > 0 && q.steps[q.nsteps - 1].kind == IR_STEP_FIELD) {
      q.nsteps--;
      aval *pv = state_get(s, &q);
      if (pv) {
        if (pv->k == AV_UNINIT)
          v = pv;
        break;
      }
    }
  }
  if (p && v && v->k == AV_HANDLE)
    hid = (int)v->id;
  if (fx->if_held) {
    /* a summary that releases the handle only where it is held (it tests it first):
     * nothing happens to an empty, never acquired or failed handle; one released
     * and not cleared still looks held to the test, so it is released twice */
    if (hid < 0 && v && v->k != AV_HANDLE)
      return;
    if (hid >= 0) {
      h_state st = walk_eff(s, &s->h[hid]);
      if (st == H_NONE || st == H_FAILED || s->h[hid].kind != fx->kind)
        return;
    }
  }
  if (hid < 0) {
    if (!p || p->root == IR_ROOT_UNKNOWN)
      return;
    if (v && v->k == AV_UNINIT) {
      report_release_unacquired(w, s, fx->kind, p, -1, e->loc);
      return;
    }
    if (v && (v->k == AV_EMPTY || v->k == AV_CONST)) {
      if (w->o->report_release_of_empty && !(v->k == AV_CONST && fx->pass_value && v->c == 0))
        report_release_unacquired(w, s, fx->kind, p, -1, e->loc);
      if (v->k == AV_CONST)
        return; /* releasing NULL / a constant */
    }
    if (v && v->k == AV_ADDR && fx->pass_value && v->to && is_heap_object(v->to) &&
        !has_index_step(p) && arg_is_exact(w, s, &e->call, fx->arg)) {
      /* FreeContextBuffer(malloc'd memory): another allocator's memory */
      ir_loc aloc = {0};
      const char *alloc = alloc_call(w, v->to->var - WALK_HEAP_BASE, &aloc);
      report_heap_mismatch(w, p, alloc, aloc, fx->kind, e->loc, fn);
      return;
    }
    if (v && (v->k == AV_SYM || v->k == AV_ADDR))
      return;
    walk_note_global(w, p, 0, fx->kind, e->loc, NULL);
    walk_note_field(w, p, 0, fx->kind, e->loc);
    if (walk_is_summary_place(p))
      return; /* out[i]: which element, we cannot tell */
    /* first sight of a handle owned by someone else: it is released now. Its kind is
     * the release's, unless its declared type says otherwise (DeleteSecurityContext on
     * a member declared CredHandle) */
    int dk = declared_kind(w, &e->call, fx, p);
    int nid = state_new_handle(s);
    if (nid < 0) {
      walk_handle_cap(w, s, p);
      return;
    }
    hnd *h = &s->h[nid];
    h->kind = dk >= 0 ? dk : fx->kind;
    h->any_kind = dk < 0 && fx->any_handle;
    if (dk >= 0 && dk != fx->kind) {
      h->home = p;
      report_mismatch(w, s, (unsigned)nid, fx->kind, e->loc, fn);
    }
    h->st = H_RELEASED;
    h->home = p;
    h->rel_loc = e->loc;
    h->rel_fn = fn;
    h->rel_seq = ++s->seq;
    aval nv = {.k = AV_HANDLE, .id = (unsigned)nid};
    state_set(s, p, nv);
    return;
  }
  hnd *h = &s->h[hid];
  if (p) {
    walk_note_global(w, p, 0, fx->kind, e->loc, NULL);
    walk_note_field(w, p, 0, fx->kind, e->loc);
  }
  if (h->kind != fx->kind) {
    report_mismatch(w, s, (unsigned)hid, fx->kind, e->loc, fn);
  } else {
    switch (walk_eff(s, h)) {
    case H_RELEASED:
      if (!walk_is_summary_place(p ? p : h->home)) {
        report_double_release(w, s, (unsigned)hid, e->loc);
        h->st = H_NONE; /* reported once: no cascade of findings on this path */
        return;
      }
      break;
    case H_FAILED:
      if ((!h->prev_empty || w->o->report_release_of_empty) && !h->weak)
        report_release_unacquired(w, s, fx->kind, h->home, hid, e->loc);
      break;
    default:
      break;
    }
  }
  h->st = H_RELEASED;
  h->rel_loc = e->loc;
  h->rel_fn = fn;
  h->rel_seq = ++s->seq;
}

/* A summary that clears the handle's place after releasing it (t->pvBuffer = NULL,
 * SecInvalidateHandle): the place is empty now. */
static void clear_after_release(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  int direct;
  const ir_place *addr_of;
  const ir_place *p = walk_effect_place(w, s, &e->call, fx, &direct, &addr_of);
  if (!p || p->root == IR_ROOT_UNKNOWN || walk_is_summary_place(p))
    return;
  aval *v = state_get(s, p);
  if (v && v->k == AV_HANDLE && walk_eff(s, &s->h[v->id]) != H_RELEASED)
    return; /* not released by this call (failed, empty): left as it was */
  state_kill_under(s, p);
  aval nv;
  memset(&nv, 0, sizeof nv);
  nv.k = AV_EMPTY;
  nv.c = fx->clears == 2 ? -1 : 0;
  state_set(s, p, nv);
}

/* The places an acquire effect stores into (1 normally; attribute fields: several). */
static unsigned acquire_targets(walk *w, state *s, const ir_call *c, const rule_effect *fx,
                                const ir_place **out, unsigned max) {
  int unknown = 0;
  const ir_place *base = walk_pointee(w, s, &c->args[fx->arg], &unknown);
  if (!base)
    return 0;
  /* a base we only know as "*p" through an unknown local pointer: we cannot tell
   * where it lands, stay silent */
  if (unknown && base->root == IR_ROOT_LOCAL && !walk_place_escapes(base))
    return 0;
  if (fx->attr_arg >= 0) {
    if ((unsigned)fx->attr_arg >= c->nargs)
      return 0;
    eval_res a = walk_eval(w, s, &c->args[fx->attr_arg]);
    if (!a.is_const)
      return 0;
    for (unsigned i = 0; i < fx->nattrs; i++) {
      const rule_attr *at = &fx->attrs[i];
      int64_t val;
      int match = (a.const_name && strcmp(a.const_name, at->const_name) == 0) ||
                  (walk_resolve_const(w, at->const_name, &val) && val == a.c);
      if (!match)
        continue;
      unsigned n = 0;
      for (unsigned k = 0; k < at->nfields && n < max; k++)
        out[n++] = ir_place_extend(w->a, base, IR_STEP_FIELD, at->fields[k]);
      return n;
    }
    return 0;
  }
  /* follow the rule's path from *arg; a pointer on the way must be one we know
   * (desc.pBuffers = &out), otherwise the buffer lands where we cannot name it */
  const ir_place *p = base;
  for (unsigned i = 0; i < fx->npath; i++) {
    const ir_step *st = &fx->path[i];
    if (st->kind == IR_STEP_FIELD) {
      p = ir_place_extend(w->a, p, IR_STEP_FIELD, st->field);
      continue;
    }
    aval *v = state_get(s, p);
    if (!v || v->k != AV_ADDR || !v->to)
      return 0;
    p = v->to;
  }
  out[0] = p;
  return 1;
}

/* member_flags_allow: flags read from a struct member nobody set on this path
 * (s->req_flags): the program's assignments to that member decide, when every one of
 * them is a constant with the flag set. Anything else stays silent. */
static int member_flags_allow(walk *w, const ir_val *arg, const eval_res *a, int64_t mask) {
  const char *type, *field;
  const int64_t *vals;
  unsigned n;
  if (a->v || arg->kind != IR_V_PLACE || !arg->place ||
      !members_key(w->f, arg->place, &type, &field) ||
      !members_values(sumtab_members(w->sums), type, field, &vals, &n))
    return 0;
  for (unsigned i = 0; i < n; i++)
    if ((vals[i] & mask) == 0)
      return 0;
  return 1;
}

static int flag_allows(walk *w, state *s, const ir_call *c, const rule_effect *fx) {
  if (fx->flag_arg < 0)
    return 1;
  if ((unsigned)fx->flag_arg >= c->nargs)
    return 0;
  int64_t mask;
  if (!walk_resolve_const(w, fx->flag_name, &mask))
    return 0;
  const ir_val *arg = &c->args[fx->flag_arg];
  eval_res a = walk_eval(w, s, arg);
  if (a.is_const)
    return (a.c & mask) != 0;
  if (a.bits_set & mask)
    return 1; /* flags | ISC_REQ_ALLOCATE_MEMORY */
  if (arg->kind == IR_V_BITS && arg->place) {
    /* s->req_flags | ISC_REQ_CONFIDENTIALITY: the member's values decide */
    ir_val pv;
    memset(&pv, 0, sizeof pv);
    pv.kind = IR_V_PLACE;
    pv.place = arg->place;
    eval_res pa = walk_eval(w, s, &pv);
    return member_flags_allow(w, &pv, &pa, mask);
  }
  return member_flags_allow(w, arg, &a, mask);
}

/* A struct handle of kind whose members the state knows, each set to a value no live
 * handle has (h.dwLower = 0; h.dwUpper = 0;): releasing it does nothing, as for a handle
 * in zeroed storage. */
static int members_invalid(walk *w, const state *s, const ir_place *p, int kind) {
  if (!walk_kind_ok(w, kind) || w->r->kinds[kind].storage != RULE_STORE_STRUCT)
    return 0;
  const rule_kind *k = &w->r->kinds[kind];
  unsigned n = 0;
  for (unsigned i = 0; i < s->nb; i++) {
    const ir_place *q = s->b[i].place;
    if (q->nsteps <= p->nsteps || !ir_place_is_prefix(p, q))
      continue;
    const aval *v = &s->b[i].v;
    if (q->nsteps != p->nsteps + 1 || q->steps[p->nsteps].kind != IR_STEP_FIELD ||
        v->k != AV_CONST || !rules_kind_invalid(k, v->c))
      return 0;
    n++;
  }
  return n > 0;
}

static void new_handle_at(walk *w, state *s, const ir_event *e, const rule_effect *fx,
                          const ir_place *p, int sid) {
  aval *old = state_get(s, p);
  int prev_empty = (old && (old->k == AV_EMPTY || (old->k == AV_CONST && old->c == 0))) ||
                   (!old && walk_handle_empty_around(s, p)) ||
                   ((!old || old->k == AV_UNINIT) && members_invalid(w, s, p, fx->kind));
  walk_lost(w, s, p, e->loc, w->summary_call ? 2 : 1);
  int id = state_new_handle(s);
  if (id < 0) {
    walk_handle_cap(w, s, p);
    return;
  }
  state_kill_under(s, p);
  hnd *h = &s->h[id];
  walk_note_global(w, p, 1, fx->kind, e->loc, walk_callee_name(&e->call));
  walk_note_field(w, p, 1, fx->kind, e->loc);
  h->kind = fx->kind;
  h->st = (sid >= 0 && !fx->unconditional) ? H_COND : H_HELD;
  h->sym = sid >= 0 ? (unsigned)sid : 0;
  if (fx->has_count && fx->count_arg >= 0 && (unsigned)fx->count_arg < e->call.nargs)
    h->none_if_zero = walk_pointee(w, s, &e->call.args[fx->count_arg], NULL);
  for (unsigned i = 0; i < fx->nexcept && h->st == H_COND &&
                      h->nexcept < sizeof h->except / sizeof h->except[0]; i++) {
    int64_t v;
    if (walk_resolve_const(w, fx->except[i], &v))
      h->except[h->nexcept++] = v;
  }
  h->owned = 1;
  h->escaped = (unsigned char)walk_place_escapes_in(s, p);
  h->prev_empty = (unsigned char)prev_empty;
  if (fx->fail_unknown && h->st == H_COND)
    h->weak = 1; /* where the call failed, it may still be held: never "never acquired" */
  h->home = p;
  h->acq_loc = e->loc;
  h->acq_fn = walk_callee_name(&e->call);
  h->acq_seq = ++s->seq;
  aval nv = {.k = AV_HANDLE, .id = (unsigned)id};
  state_set(s, p, nv);
}

/* flags_ok: flag_allows decided before the call (NULL: decide now). The request flags are
 * read before the callee writes its outputs: ISC(..., flags, ..., &flags, ...) passes one
 * variable as the request and as the returned attributes. */
static void fx_acquire(walk *w, state *s, const ir_event *e, const rule_effect *fx, int sid,
                       const unsigned char *flags_ok) {
  const ir_call *c = &e->call;
  if (flags_ok ? !*flags_ok : !flag_allows(w, s, c, fx))
    return;
  if (fx->arg == RULE_ARG_RETURN) {
    int id = state_new_handle(s);
    if (id < 0) {
      walk_handle_cap(w, s, walk_call_place(w, c->id));
      return;
    }
    hnd *h = &s->h[id];
    h->kind = fx->kind;
    h->st = (sid >= 0 && !fx->unconditional) ? H_COND : H_HELD;
    h->sym = sid >= 0 ? (unsigned)sid : 0;
    h->owned = 1;
    h->is_value = 1;
    h->acq_loc = e->loc;
    h->acq_fn = walk_callee_name(c);
    h->acq_seq = ++s->seq;
    aval nv = {.k = AV_HANDLE, .id = (unsigned)id};
    state_set(s, walk_call_place(w, c->id), nv);
    return;
  }
  if ((unsigned)fx->arg >= c->nargs)
    return;
  const ir_place *targets[8];
  unsigned n = acquire_targets(w, s, c, fx, targets, 8);
  for (unsigned i = 0; i < n; i++) {
    const ir_place *p = targets[i];
    if (fx->cont_arg >= 0 && (unsigned)fx->cont_arg < c->nargs) {
      /* The input handle decides: NULL starts a new context; a known handle continues
       * it (the output receives the same context, MS docs: phNewContext "can be the
       * same as phContext"); an input we cannot tell may be either. */
      eval_res in = walk_eval(w, s, &c->args[fx->cont_arg]);
      int is_null = in.is_const && in.c == 0 && !(in.v && in.v->k != AV_CONST);
      if (!is_null) {
        const ir_place *q = walk_pointee(w, s, &c->args[fx->cont_arg], NULL);
        int known = in.addr || (in.v && in.v->k == AV_ADDR);
        aval *cur = state_get(s, p);
        if (cur && cur->k == AV_HANDLE && q && place_cmp(q, p) == 0) {
          hnd *h = &s->h[cur->id];
          h_state st = walk_eff(s, h);
          if (h->kind == fx->kind && (st == H_HELD || st == H_LIVE || st == H_COND))
            continue; /* the handshake goes on with the same context */
        }
        if (known && q) {
          aval *qv = state_get(s, q);
          if (qv && qv->k == AV_HANDLE && s->h[qv->id].kind == fx->kind) {
            aval alias = *qv;
            walk_lost(w, s, p, e->loc, 1);
            state_kill_under(s, p);
            state_set(s, p, alias); /* the same context under a second name */
            continue;
          }
          if (!qv || qv->k != AV_HANDLE) {
            /* continuing a context someone else created (the caller's *phContext):
             * it exists whatever this call returns */
            int id = state_new_handle(s);
            if (id < 0) {
              walk_handle_cap(w, s, p);
              continue;
            }
            hnd *h = &s->h[id];
            h->kind = fx->kind;
            h->st = H_LIVE;
            h->home = q;
            aval nv;
            memset(&nv, 0, sizeof nv);
            nv.k = AV_HANDLE;
            nv.id = (unsigned)id;
            state_kill_under(s, q);
            state_set(s, q, nv);
            if (place_cmp(q, p) != 0) {
              walk_lost(w, s, p, e->loc, 1);
              state_kill_under(s, p);
              state_set(s, p, nv);
            }
            continue;
          }
        }
        /* an input that may be NULL: a context we track for misuse but do not own, and
         * whose failure does not mean it never existed */
        new_handle_at(w, s, e, fx, p, sid);
        aval *nv = state_get(s, p);
        if (nv && nv->k == AV_HANDLE) {
          s->h[nv->id].escaped = 1;
          s->h[nv->id].weak = 1;
          /* ISC(cred, conn->ctx, ..., &newctx): when a later test finds conn->ctx NULL,
           * this was the first round and newctx a new context (walk_first_round) */
          if (in.place && !in.v && !in.unknown_ptr && !in.addr)
            s->h[nv->id].first_if_null = in.place;
        }
        continue;
      }
    }
    new_handle_at(w, s, e, fx, p, sid);
  }
}

static void fx_clear(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  const ir_call *c = &e->call;
  const ir_place *p = NULL;
  if (fx->arg == RULE_ARG_RETURN) {
    /* fresh storage that comes zeroed (calloc) */
    aval *r = state_get(s, walk_call_place(w, c->id));
    p = r && r->k == AV_ADDR ? r->to : NULL;
  } else if (fx->arg >= 0 && (unsigned)fx->arg < c->nargs) {
    p = walk_pointee(w, s, &c->args[fx->arg], NULL);
  }
  if (!p)
    return;
  walk_lost(w, s, p, e->loc, 0);
  state_kill_under(s, p);
  aval nv = {.k = AV_EMPTY, .c = 0};
  state_set(s, p, nv);
}

/* A summary says the callee hands the handle on: stop reporting it as ours. */
static void fx_escape(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  if (fx->as_unknown_call && fx->npath == 0 && fx->arg >= 0 && (unsigned)fx->arg < e->call.nargs) {
    walk_unknown_arg(w, s, &e->call.args[fx->arg]); /* the callee gives it to unknown code */
    return;
  }
  int direct;
  const ir_place *addr_of;
  const ir_place *p = NULL;
  if (fx->pass_value || fx->npath == 0) {
    p = walk_effect_place(w, s, &e->call, fx, &direct, &addr_of);
    if (direct >= 0)
      s->h[direct].escaped = s->h[direct].given = 1;
  } else if (fx->arg >= 0 && (unsigned)fx->arg < e->call.nargs) {
    const ir_place *base = walk_pointee(w, s, &e->call.args[fx->arg], NULL);
    if (base) {
      p = base;
      for (unsigned i = 0; i < fx->npath; i++)
        p = ir_place_extend(w->a, p, fx->path[i].kind, fx->path[i].field);
      p = walk_resolve(w, s, p, NULL);
    }
  }
  if (p) {
    walk_note_field(w, p, 0, fx->kind, e->loc);
    walk_escape_from(w, s, p, 0);
    aval *v = state_get(s, p);
    if (!v || v->k != AV_HANDLE)
      state_unbind(s, p);
  }
}

/* Fresh storage returned by an allocation call: a heap object of this path. */
static void fx_alloc(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  if (fx->arg != RULE_ARG_RETURN)
    return;
  ir_place *obj = arena_alloc(w->a, sizeof *obj);
  obj->root = IR_ROOT_LOCAL;
  obj->name = "(heap)";
  obj->var = WALK_HEAP_BASE + e->call.id;
  obj->nsteps = 1;
  obj->steps = arena_alloc(w->a, sizeof(ir_step));
  obj->steps[0].kind = IR_STEP_DEREF;
  /* a new allocation from the same call site replaces the old object of the path */
  for (unsigned i = 0; i < s->nb;) {
    const ir_place *q = s->b[i].place;
    if (q->root == IR_ROOT_LOCAL && q->var == obj->var && s->b[i].v.k != AV_HANDLE)
      s->b[i] = s->b[--s->nb];
    else
      i++;
  }
  aval nv;
  memset(&nv, 0, sizeof nv);
  nv.k = AV_ADDR;
  nv.to = obj;
  state_set(s, walk_call_place(w, e->call.id), nv);
}

/* Storage freed: handles still held in it are leaked at this call. */
static void fx_free(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  if (fx->arg < 0 || (unsigned)fx->arg >= e->call.nargs)
    return;
  eval_res a = walk_eval(w, s, &e->call.args[fx->arg]);
  if (a.v && a.v->k == AV_HANDLE) {
    /* free(token.pvBuffer): a handle kept in a pointer given to a heap free function
     * (only when the pointer is known exactly: not one element of an array of buffers) */
    if (!arg_is_exact(w, s, &e->call, fx->arg))
      return;
    hnd *h = &s->h[a.v->id];
    h_state st = walk_eff(s, h);
    if (st == H_HELD || st == H_LIVE || (st == H_COND && walk_untested(s, h))) {
      report_freed_as_heap(w, s, a.v->id, e->loc, walk_callee_name(&e->call));
      h->st = H_RELEASED; /* reported once; no leak on top of it */
      h->rel_loc = e->loc;
      h->rel_fn = walk_callee_name(&e->call);
      h->rel_seq = ++s->seq;
    }
    return;
  }
  const ir_place *obj = a.v && a.v->k == AV_ADDR ? a.v->to : NULL;
  if (!obj)
    return;
  for (unsigned i = 0; i < s->nb; i++) {
    if (s->b[i].v.k != AV_HANDLE || !ir_place_is_prefix(obj, s->b[i].place))
      continue;
    hnd *h = &s->h[s->b[i].v.id];
    h_state st = walk_eff(s, h);
    /* escaped or not: the storage that holds the handle is gone */
    if (h->owned && (st == H_HELD || (st == H_COND && walk_untested(s, h)))) {
      report_freed(w, s, s->b[i].v.id, e->loc, walk_callee_name(&e->call));
      h->st = H_NONE;
    }
  }
  state_kill_under(s, obj);
  state_unbind(s, obj);
}

/* The place a pointer argument points to: &x -> x, p -> *p; NULL when unknown. */
static ir_place *pointee_of_arg(walk *w, const ir_call *c, int arg) {
  if (arg < 0 || (unsigned)arg >= c->nargs)
    return NULL;
  const ir_val *v = &c->args[arg];
  if (v->kind == IR_V_ADDR && v->place)
    return v->place;
  if (v->kind == IR_V_PLACE && v->place && v->place->root != IR_ROOT_UNKNOWN)
    return ir_place_extend(w->a, v->place, IR_STEP_DEREF, NULL);
  return NULL;
}

/* assign_at: the assignment dst = src a call makes, at the call's location. */
static void assign_at(walk *w, state *s, const ir_event *call, ir_place *dst, ir_val src) {
  ir_event as;
  memset(&as, 0, sizeof as);
  as.kind = IR_E_ASSIGN;
  as.loc = call->loc;
  as.dst = dst;
  as.src = src;
  walk_assign(w, s, &as);
}

/* memcpy(dst, src, n): *dst = *src, handles included (a context copied into a holder
 * moves with the copy). Unknown places: the source's handles escape as before. */
static void fx_copy(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  ir_place *dst = pointee_of_arg(w, &e->call, fx->arg);
  ir_place *src = pointee_of_arg(w, &e->call, fx->from_arg);
  if (!dst || !src) {
    walk_unknown_call(w, s, e);
    return;
  }
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_PLACE;
  v.place = src;
  assign_at(w, s, e, dst, v);
}

/* A summary's store (RX_STORE): *arg (+path) = the from argument, as the assignment the
 * callee made (init_desc(&desc, bufs, 3): desc.pBuffers = bufs). An unknown destination
 * holds nothing we track: nothing to do. Nor does an array element: a[0] and a[1] are
 * one place here, and init_buf(&in[0], token); init_buf(&in[1], NULL) must not leave
 * in[0].pvBuffer NULL: the element stays unknown, as the call's outputs were left
 * (walk_forget_outputs). */
static void fx_store(walk *w, state *s, const ir_event *e, const rule_effect *fx) {
  ir_place *dst = pointee_of_arg(w, &e->call, fx->arg);
  if (!dst || fx->from_arg < 0 || (unsigned)fx->from_arg >= e->call.nargs)
    return;
  for (unsigned i = 0; i < fx->npath; i++)
    dst = ir_place_extend(w->a, dst, fx->path[i].kind, fx->path[i].field);
  if (walk_is_summary_place(walk_resolve(w, s, dst, NULL)))
    return;
  assign_at(w, s, e, dst, e->call.args[fx->from_arg]);
}

/* walk_rule_effects: see walk.h. */
void walk_rule_effects(walk *w, state *s, const ir_event *e, const rule_fn *rf, int sid) {
  const ir_call *c = &e->call;
  /* uses first (a continuation call uses its input context before replacing it),
   * then releases, then what the callee writes, then acquisitions */
  for (unsigned i = 0; i < rf->neffects; i++)
    if (rf->effects[i].fx == RX_USE && walk_kind_ok(w, rf->effects[i].kind))
      fx_use(w, s, e, &rf->effects[i]);
  for (unsigned i = 0; i < rf->neffects; i++)
    if (rf->effects[i].fx == RX_RELEASE && walk_kind_ok(w, rf->effects[i].kind)) {
      fx_release(w, s, e, &rf->effects[i]);
      if (rf->effects[i].clears)
        clear_after_release(w, s, e, &rf->effects[i]);
    }
  unsigned char flags_ok[64];
  for (unsigned i = 0; i < rf->neffects && i < 64; i++)
    flags_ok[i] = (unsigned char)(rf->effects[i].fx != RX_ACQUIRE ||
                                  flag_allows(w, s, c, &rf->effects[i]));
  walk_forget_outputs(w, s, c, rf);
  for (unsigned i = 0; i < rf->neffects; i++) {
    const rule_effect *fx = &rf->effects[i];
    switch (fx->fx) {
    case RX_USE:
    case RX_RELEASE:
      break;
    case RX_ACQUIRE:
      if (walk_kind_ok(w, fx->kind))
        fx_acquire(w, s, e, fx, sid, i < 64 ? &flags_ok[i] : NULL);
      break;
    case RX_CLEAR:
      fx_clear(w, s, e, fx);
      break;
    case RX_ESCAPE:
      fx_escape(w, s, e, fx);
      break;
    case RX_ALLOC:
      fx_alloc(w, s, e, fx);
      break;
    case RX_FREE:
      fx_free(w, s, e, fx);
      break;
    case RX_COPY:
      fx_copy(w, s, e, fx);
      break;
    case RX_STORE:
      fx_store(w, s, e, fx);
      break;
    }
  }
}
