/* effects.c - what a call does to the state: which rule or summary it has, its status
 * and predicate results, no-return, and the conservative effect of a call nobody
 * described; the effects the rule lists are effects_rule.c's (walk_rule_effects). */
#include <string.h>

#include "program.h"
#include "summary.h"
#include "walk.h"

void walk_note_global(walk *w, const ir_place *p, int acquire, int kind, ir_loc loc, const char *callee) {
  if (!w->prog || !p || !(p->root == IR_ROOT_GLOBAL || p->is_static))
    return;
  for (unsigned i = 0; i < p->nsteps; i++)
    if (p->steps[i].kind == IR_STEP_DEREF)
      return; /* heap storage reached from a global: not a global handle itself */
  prog_note_global(w->prog, acquire, ir_place_str(w->a, p), kind, loc, w->f->name, callee);
}

/* The member a place ends in (through trailing * and []), or NULL. */
static const char *last_field(const ir_place *p) {
  for (unsigned i = p->nsteps; i-- > 0;)
    if (p->steps[i].kind == IR_STEP_FIELD)
      return p->steps[i].field;
  return NULL;
}

/* The declared type of the variable a place starts from ("struct session *"), or NULL:
 * parameters from the function, locals from where they are declared or assigned. */
static const char *root_type(walk *w, const ir_place *p) {
  if (p->root == IR_ROOT_PARAM) {
    for (unsigned i = 0; i < w->f->nparams; i++)
      if (w->f->params[i] && w->f->params[i]->var == p->var)
        return w->f->params[i]->type_name;
    return NULL;
  }
  if (p->root != IR_ROOT_LOCAL || p->var >= WALK_HEAP_BASE)
    return NULL;
  for (unsigned b = 0; b < w->f->nblocks; b++)
    for (unsigned i = 0; i < w->f->blocks[b].nev; i++) {
      const ir_place *d = w->f->blocks[b].ev[i].dst;
      if (d && d->root == IR_ROOT_LOCAL && d->var == p->var && d->nsteps == 0 && d->type_name)
        return d->type_name;
    }
  return NULL;
}

/* The struct type that holds the member a release acts on, when the place is
 * `v->m` or `v.m` and v's declared type is known; NULL otherwise (matches any). */
static const char *release_container(walk *w, const ir_place *p) {
  if (p->nsteps == 2 && p->steps[0].kind == IR_STEP_DEREF && p->steps[1].kind == IR_STEP_FIELD)
    return root_type(w, p);
  if (p->nsteps == 1 && p->steps[0].kind == IR_STEP_FIELD)
    return root_type(w, p);
  return NULL;
}

/* Field-ownership facts for the whole program (see program.c). */
void walk_note_field(walk *w, const ir_place *p, int acquire, int kind, ir_loc loc) {
  if (!w->prog || !p)
    return;
  const char *f = last_field(p);
  if (!f)
    return;
  if (!acquire) {
    prog_note_field(w->prog, 0, kind, release_container(w, p), f, NULL, loc, w->f->name);
    return;
  }
  /* acquisitions into c->f (or *c->pf) of a struct reached through a parameter */
  if (p->root != IR_ROOT_PARAM || p->nsteps < 2 || p->steps[0].kind != IR_STEP_DEREF ||
      p->steps[1].kind != IR_STEP_FIELD || p->nsteps > 3 ||
      (p->nsteps == 3 && p->steps[2].kind != IR_STEP_DEREF))
    return;
  const char *container = NULL;
  for (unsigned i = 0; i < w->f->nparams; i++)
    if (w->f->params[i] && w->f->params[i]->var == p->var)
      container = w->f->params[i]->type_name;
  if (!container)
    return;
  prog_note_field(w->prog, 1, kind, container, p->steps[1].field, ir_place_str(w->a, p), loc, w->f->name);
}

const char *walk_callee_name(const ir_call *c) {
  return c->name && *c->name ? c->name : "(indirect call)";
}

void walk_lost(walk *w, state *s, const ir_place *p, ir_loc loc, int by_acquisition) {
  aval *v = state_get(s, p);
  if (!v || v->k != AV_HANDLE)
    return;
  unsigned id = v->id;
  hnd *h = &s->h[id];
  if (state_handle_refs(s, id) > 1)
    return; /* still reachable through another place */
  h_state e = walk_eff(s, h);
  /* a handle we acquired into a caller's storage and never handed on is lost as well,
   * unless a summary acquires over it: a function that acquires on some paths and
   * continues its caller's handle on others is summarised as acquiring (by_acquisition
   * 2), and the handle may be the one it continued */
  if (h->owned && (!h->escaped || (!h->given && by_acquisition != 2)) &&
      (e == H_HELD || (e == H_COND && walk_untested(s, h)))) {
    report_lost(w, s, id, loc, by_acquisition);
    h->st = H_NONE;
  }
}

/* Kill what an unknown callee may have written through a pointer to p. Handles stay
 * bound (their kinds decide whether they escape); everything else becomes unknown. */
static void forget_under(state *s, const ir_place *p) {
  for (unsigned i = 0; i < s->nb;) {
    if (s->b[i].v.k != AV_HANDLE && ir_place_is_prefix(p, s->b[i].place))
      s->b[i] = s->b[--s->nb];
    else
      i++;
  }
}

/* A described (rule) function may write scalars through its pointer arguments
 * (output sizes, buffer types, attribute flags): forget the non-handle values below
 * what each argument points to, one pointer level deep. Pointers themselves
 * (desc.pBuffers) and handles stay: rule effects say what happens to those. */
void walk_forget_outputs(walk *w, state *s, const ir_call *c, const rule_fn *rf) {
  for (unsigned i = 0; i < c->nargs; i++) {
    /* an argument that is itself the handle of an effect keeps its state: the
     * effects say what happens to it */
    int is_handle_arg = 0;
    for (unsigned k = 0; k < rf->neffects; k++)
      if (rf->effects[k].arg == (int)i && rf->effects[k].npath == 0 && rf->effects[k].nattrs == 0)
        is_handle_arg = 1;
    if (is_handle_arg)
      continue;
    const ir_place *to = walk_pointee(w, s, &c->args[i], NULL);
    if (!to)
      continue;
    const ir_place *targets[9];
    unsigned nt = 0;
    for (unsigned k = 0; k < s->nb && nt < 8; k++)
      if (s->b[k].v.k == AV_ADDR && ir_place_is_prefix(to, s->b[k].place) && s->b[k].v.to &&
          place_cmp(s->b[k].place, to) != 0)
        targets[nt++] = s->b[k].v.to;
    /* a descriptor (a struct holding pointers: SecBufferDesc) is written through its
     * pointers, not in its own members (cBuffers stays); anything else is written itself */
    if (nt == 0)
      targets[nt++] = to;
    /* zeroed storage: its handle members stay empty (the effects say what happens
     * to handles), its other members are unknown now */
    unsigned char zeroed[9] = {0};
    for (unsigned t = 0; t < nt; t++) {
      aval *tv = state_get(s, targets[t]);
      zeroed[t] = (unsigned char)((tv && tv->k == AV_EMPTY && (tv->c == 0 || tv->c == AV_EMPTY_HANDLES)) ||
                                  (!tv && walk_handle_empty_around(s, targets[t])));
    }
    for (unsigned t = 0; t < nt; t++)
      for (unsigned k = 0; k < s->nb;) {
        av_kind kk = s->b[k].v.k;
        if (kk != AV_HANDLE && kk != AV_ADDR && ir_place_is_prefix(targets[t], s->b[k].place))
          s->b[k] = s->b[--s->nb];
        else
          k++;
      }
    for (unsigned t = 0; t < nt; t++) {
      walk_shadow_unknown(s, targets[t]);
      if (zeroed[t] && !state_get(s, targets[t])) {
        aval hv = {.k = AV_EMPTY, .c = AV_EMPTY_HANDLES};
        state_set(s, targets[t], hv);
      }
    }
  }
}

/* A call with no rule: arguments that reach handles let them escape (per kind);
 * storage passed by pointer may have been rewritten. */
/* walk_handle_cap: a state already tracks STATE_MAX_HANDLES handles: the new one is not
 * tracked, and its place becomes unknown (never "empty" or "uninitialised", which a
 * later release or use would report); the function is reported as cut short. */
void walk_handle_cap(walk *w, state *s, const ir_place *p) {
  w->cut_handles = 1;
  if (!p)
    return;
  state_kill_under(s, p);
  state_unbind(s, p);
}

/* walk_unknown_arg: what passing arg to a function sspi-check cannot see does. */
void walk_unknown_arg(walk *w, state *s, const ir_val *arg) {
  if (w->prog && (arg->kind == IR_V_PLACE || arg->kind == IR_V_ADDR) && arg->place &&
      arg->place->type_name)
    prog_note_type_escape(w->prog, arg->place->type_name);
  eval_res a = walk_eval(w, s, arg);
  const ir_place *to = a.addr;
  if (!to && a.v && a.v->k == AV_ADDR)
    to = a.v->to;
  if (to) {
    sum_rec_escape_unknown(w, to);
    walk_escape_from(w, s, to, 1);
    walk_heap_escape(w, s, to);
    forget_under(s, to);
    walk_shadow_unknown(s, to);
    return;
  }
  if (a.v && a.v->k == AV_HANDLE) {
    hnd *h = &s->h[a.v->id];
    if (h->kind >= 0 && (unsigned)h->kind < w->r->nkinds && w->r->kinds[h->kind].unknown_call_escapes)
      h->escaped = h->given = 1;
    return;
  }
  if (a.place && !a.place->is_pointer)
    walk_escape_from(w, s, a.place, 1); /* a struct passed by value: copies of its handles */
  else if (a.place && !a.v) {
    /* an unknown pointer: whatever it points to may change */
    const ir_place *d = ir_place_extend(w->a, a.place, IR_STEP_DEREF, NULL);
    sum_rec_escape_unknown(w, d);
    walk_escape_from(w, s, d, 1);
    forget_under(s, d);
    walk_shadow_unknown(s, d);
  }
}

void walk_unknown_call(walk *w, state *s, const ir_event *e) {
  const ir_call *c = &e->call;
  for (unsigned i = 0; i < c->nargs; i++)
    walk_unknown_arg(w, s, &c->args[i]);
  /* globals may have changed */
  for (unsigned i = 0; i < s->nb;) {
    if (s->b[i].v.k != AV_HANDLE && s->b[i].place->root == IR_ROOT_GLOBAL)
      s->b[i] = s->b[--s->nb];
    else
      i++;
  }
}

int walk_resolve_const(walk *w, const char *name, int64_t *out) {
  return name && ir_const_lookup(w->u, name, out);
}

/* A place that stands for several objects (an array element, indices not told
 * apart): what happens to it may have happened to another element. */
int walk_is_summary_place(const ir_place *p) {
  for (unsigned i = 0; p && i < p->nsteps; i++)
    if (p->steps[i].kind == IR_STEP_INDEX)
      return 1;
  return 0;
}

/* base followed by the effect's member path. */
static const ir_place *with_path(walk *w, const ir_place *base, const rule_effect *fx) {
  const ir_place *p = base;
  for (unsigned i = 0; i < fx->npath; i++)
    p = ir_place_extend(w->a, p, fx->path[i].kind, fx->path[i].field);
  return p;
}

/* Where the handle of a release/use effect lives. *direct receives a handle id when
 * the argument is a handle value with no place (a call result). */
const ir_place *walk_effect_place(walk *w, state *s, const ir_call *c, const rule_effect *fx,
                                  int *direct, const ir_place **addr_of) {
  *direct = -1;
  *addr_of = NULL;
  if (fx->arg < 0 || (unsigned)fx->arg >= c->nargs)
    return NULL;
  const ir_val *arg = &c->args[fx->arg];
  if (fx->pass_value) {
    eval_res a = walk_eval(w, s, arg);
    if (a.addr) {
      *addr_of = a.addr; /* &h passed where a handle value was expected */
      return NULL;
    }
    if (a.v && a.v->k == AV_ADDR) {
      *addr_of = a.v->to;
      return NULL;
    }
    if (a.place)
      return a.place;
    if (a.v && a.v->k == AV_HANDLE)
      *direct = (int)a.v->id;
    return NULL;
  }
  /* a pointer-valued handle (an SSPI buffer) passed where the address of a handle
   * struct is expected: that handle itself is what the call gets */
  eval_res a = walk_eval(w, s, arg);
  if (a.v && a.v->k == AV_HANDLE && walk_kind_ok(w, s->h[a.v->id].kind) &&
      w->r->kinds[s->h[a.v->id].kind].storage == RULE_STORE_POINTER) {
    *direct = (int)a.v->id;
    return NULL;
  }
  const ir_place *p = walk_pointee(w, s, arg, NULL);
  if (p && fx->npath) {
    /* a summary's member path below the argument: c->ctx */
    const ir_place *base = p;
    p = walk_resolve(w, s, with_path(w, base, fx), NULL);
    /* C-style inheritance: auth_free(&a->base) where auth_free downcasts its struct
     * auth * to the struct sspi_auth that starts with it. a->base.cred names nothing;
     * the handle is a->cred: try the enclosing structs of the argument */
    ir_place up = *base;
    while (!state_get(s, p) && up.nsteps > 0 && up.steps[up.nsteps - 1].kind == IR_STEP_FIELD) {
      up.nsteps--;
      const ir_place *q = walk_resolve(w, s, with_path(w, &up, fx), NULL);
      aval *qv = state_get(s, q);
      if (qv && qv->k == AV_HANDLE) {
        p = q;
        break;
      }
    }
  }
  return p;
}

int walk_kind_ok(walk *w, int k) { return k >= 0 && (unsigned)k < w->r->nkinds; }

/* The call does not return: what is still held leaks here, and the path ends (0). */
static int path_ends(walk *w, state *s, const ir_event *e) {
  report_leaks_at_exit(w, s, e->loc, EXIT_NORETURN, walk_callee_name(&e->call));
  w->noreturn_ends++;
  return 0;
}

#define WALK_MAX_RELP 32

/* The place a release effect of a call acts on, as written (before resolution). */
static const ir_place *written_release_place(walk *w, const ir_call *c, const rule_effect *fx) {
  if (fx->arg < 0 || (unsigned)fx->arg >= c->nargs)
    return NULL;
  const ir_val *a = &c->args[fx->arg];
  const ir_place *p = NULL;
  if (fx->pass_value)
    p = a->kind == IR_V_PLACE ? a->place : NULL;
  else
    p = a->kind == IR_V_ADDR ? a->place : NULL;
  for (unsigned i = 0; p && !fx->pass_value && i < fx->npath; i++)
    p = ir_place_extend(w->a, p, fx->path[i].kind, fx->path[i].field);
  return p;
}

/* walk_call_rule: see walk.h. */
const rule_fn *walk_call_rule(walk *w, const ir_call *c) {
  if (!w->call_rule && w->ncallids == 0) {
    for (unsigned b = 0; b < w->f->nblocks; b++)
      for (unsigned i = 0; i < w->f->blocks[b].nev; i++)
        if (w->f->blocks[b].ev[i].kind == IR_E_CALL && w->f->blocks[b].ev[i].call.id >= w->ncallids)
          w->ncallids = w->f->blocks[b].ev[i].call.id + 1;
    w->call_rule = arena_alloc(w->a, (w->ncallids + 1) * sizeof *w->call_rule);
    w->call_rule_known = arena_alloc(w->a, w->ncallids + 1);
    memset(w->call_rule_known, 0, w->ncallids + 1);
  }
  if (c->id >= w->ncallids)
    return rules_match_call(w->r, c);
  if (!w->call_rule_known[c->id]) {
    w->call_rule[c->id] = rules_match_call(w->r, c);
    w->call_rule_known[c->id] = 1;
  }
  return w->call_rule[c->id];
}

/* own_def: (a sumtab_def_fn) where the walk's unit defines a function named name (its
 * own copy of a header function). A linear look: it is asked only for names that
 * several units define, in a unit with no summary of its own for it. */
static int own_def(const void *ctx, const char *name, const char **file, unsigned *line) {
  const walk *w = ctx;
  for (unsigned i = 0; i < w->u->nfuncs; i++)
    if (w->u->funcs[i].name && strcmp(w->u->funcs[i].name, name) == 0 && w->u->funcs[i].loc.file) {
      *file = w->u->funcs[i].loc.file;
      *line = w->u->funcs[i].loc.line;
      return 1;
    }
  return 0;
}

/* walk_summary: see walk.h. */
const rule_fn *walk_summary(const walk *w, const char *name, int *has) {
  return sumtab_get_in(w->sums, w->scope, name, own_def, w, has);
}

void walk_scan_releases(walk *w) {
  w->relp = arena_alloc(w->a, WALK_MAX_RELP * sizeof *w->relp);
  w->nrelp = 0;
  for (unsigned b = 0; b < w->f->nblocks; b++)
    for (unsigned i = 0; i < w->f->blocks[b].nev; i++) {
      const ir_event *e = &w->f->blocks[b].ev[i];
      if (e->kind != IR_E_CALL)
        continue;
      const rule_fn *rf = walk_call_rule(w, &e->call);
      if (!rf && !e->call.indirect && w->sums)
        rf = walk_summary(w, e->call.name, NULL);
      for (unsigned k = 0; rf && k < rf->neffects && w->nrelp < WALK_MAX_RELP; k++) {
        if (rf->effects[k].fx != RX_RELEASE)
          continue;
        const ir_place *p = written_release_place(w, &e->call, &rf->effects[k]);
        /* the program has a function that releases this member, whatever paths the
         * walk finds feasible (a release behind a validity test of a zeroed struct) */
        if (p)
          walk_note_field(w, p, 0, rf->effects[k].kind, e->loc);
        if (p && (p->root == IR_ROOT_LOCAL || p->root == IR_ROOT_PARAM))
          w->relp[w->nrelp++] = p;
      }
    }
}

int walk_call(walk *w, state *s, const ir_event *e) {
  const ir_call *c = &e->call;
  const rule_fn *rf = walk_call_rule(w, c);
  const char *target = c->indirect ? NULL : c->name;
  if (!rf && c->indirect && c->name) {
    for (unsigned i = 0; i < w->nfptrs; i++)
      if (w->fptr_fn[i] && strcmp(w->fptr_slot[i], c->name) == 0)
        target = w->fptr_fn[i];
    if (target)
      rf = rules_fn_by_name(w->r, target);
  }
  int from_summary = 0;
  if (!rf && target && w->sums) {
    int has = 0;
    rf = walk_summary(w, target, &has);
    from_summary = rf != NULL;
    if (!rf && has) {
      /* summarised: nothing visible happens to handles, but scalars it can reach
       * through its pointer arguments may have been written */
      static const rule_fn none;
      walk_forget_outputs(w, s, c, &none);
      state_unbind(s, walk_call_place(w, c->id));
      return c->noreturn ? path_ends(w, s, e) : 1;
    }
    if (!rf && (c->has_body || (c->indirect && target))) {
      /* a function of the unit not summarised yet (recursion): assume it does nothing
       * visible this round; the next round uses its summary */
      w->used_missing_summary = 1;
      static const rule_fn none;
      walk_forget_outputs(w, s, c, &none);
      state_unbind(s, walk_call_place(w, c->id));
      aval mark;
      memset(&mark, 0, sizeof mark);
      mark.k = AV_CONST;
      mark.c = 1;
      state_set(s, walk_call_place(w, WALK_RECURSION_MARK), mark);
      return 1;
    }
  }
  const ir_place *res = walk_call_place(w, c->id);
  state_unbind(s, res);
  if (!rf || rf->opaque) { /* opaque: a summary that could not be recorded whole */
    walk_unknown_call(w, s, e);
    return c->noreturn ? path_ends(w, s, e) : 1;
  }
  int sid = -1;
  if (rf->has_success) {
    int64_t val = rf->success.value;
    int ok = !rf->success.value_name || walk_resolve_const(w, rf->success.value_name, &val);
    if (!ok)
      return walk_unknown_call(w, s, e), 1; /* success test not resolvable here: stay silent */
    {
      sid = state_new_sym(s);
      if (sid >= 0) {
        sym *y = &s->s[sid];
        y->has_succ = 1;
        y->succ_op = rf->success.op;
        y->succ_val = val;
        y->loc = e->loc;
        y->fn = walk_callee_name(c);
        if (rf->has_range) {
          range_refine(&y->r, IR_GE, rf->range_lo);
          range_refine(&y->r, IR_LE, rf->range_hi);
          for (unsigned k = 0; k < rf->nrange_holes; k++)
            range_refine(&y->r, IR_NE, rf->range_holes[k]);
          y->init = y->r;
        }
        int64_t rv = rf->returns.value;
        if (rf->has_returns && (!rf->returns.value_name || walk_resolve_const(w, rf->returns.value_name, &rv))) {
          range_refine(&y->r, rf->returns.op, rv);
          y->init = y->r;
        }
        aval nv = {.k = AV_SYM, .id = (unsigned)sid};
        state_set(s, res, nv);
      }
    }
  }
  /* a predicate of an argument (sspi_ok(ss)): a 0/1 result linked to that argument */
  if (sid < 0 && (rf->has_pred || rf->has_pred_set) && rf->pred_arg >= 0 &&
      (unsigned)rf->pred_arg < c->nargs) {
    eval_res a = walk_eval(w, s, &c->args[rf->pred_arg]);
    walk_param_sym(s, &a);
    if (a.v && a.v->k == AV_SYM) {
      unsigned base = a.v->id;
      int id = state_new_sym(s);
      if (id >= 0) {
        sym *y = &s->s[id];
        y->r.lo = 0;
        y->r.hi = 1;
        y->init = y->r;
        y->linked = 1;
        y->link = base;
        y->link_op = rf->pred_op;
        y->link_c = rf->pred_val;
        if (rf->has_pred_set) {
          range *in = arena_alloc(w->a, 2 * sizeof *in);
          in[0] = rf->pred_in[0];
          in[1] = rf->pred_in[1];
          y->link_set = in;
        }
        aval nv = {.k = AV_SYM, .id = (unsigned)id};
        state_set(s, res, nv);
      }
    }
  }
  w->summary_call = from_summary;
  walk_rule_effects(w, s, e, rf, sid);
  w->summary_call = 0;
  if (rf->assert_fail)
    return 0; /* a failed assertion: the path ends, nothing to report there */
  if (rf->noreturn || c->noreturn)
    return path_ends(w, s, e);
  if (rf->has_noreturn_if && rf->noreturn_if_arg >= 0 && (unsigned)rf->noreturn_if_arg < c->nargs) {
    /* a failed assertion / an error report that does not return: the paths on which
     * the argument passes the test end here, silently (like a failed assert); the
     * others go on knowing it does not */
    int64_t val = rf->noreturn_if.value;
    if (!rf->noreturn_if.value_name || walk_resolve_const(w, rf->noreturn_if.value_name, &val)) {
      const ir_val *a = &c->args[rf->noreturn_if_arg];
      return walk_assume_val(w, s, a, ir_op_negate(rf->noreturn_if.op), val);
    }
  }
  return 1;
}
