/* lower_stmt.c - statements to blocks and events: compound statements, if, loops,
 * switch, return, goto and labels, __try/__except/__finally, C++ try/catch. The blocks,
 * scopes and jumps they use are lower.c's (declared in fe_internal.h, "lower.c and
 * lower_stmt.c"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

/* ---- statements ------------------------------------------------------------------- */

static void stmt_done(fe_fn *fn) {
  if (fn->scope && fn->scope->kind == FE_SC_EXCEPT && fn->cur != FE_NONE)
    fn->exc_pending = 1;
  fe_exc_flush(fn);
}

static int tok_is(fe_fn *fn, int i, const char *s) {
  return i >= 0 && (unsigned)i < fn->ntoks && strcmp(fn->toks[i].sp, s) == 0;
}

static int is_decl_kind(enum CXCursorKind k) {
  return k == CXCursor_VarDecl || k == CXCursor_DeclStmt;
}

/* Lowers a statement that precedes a condition (if/switch init, condition variable). */
static void lower_pre(fe_fn *fn, CXCursor c) {
  if (clang_getCursorKind(c) == CXCursor_VarDecl) {
    fe_lower_var_decl(fn, c);
    stmt_done(fn);
  } else {
    fe_lower_stmt(fn, c);
  }
}

/* The last character of a statement (its closing brace), where the objects of its
 * scope are destroyed. */
ir_loc fe_end_loc(fe_fn *fn, CXCursor c) {
  ir_loc loc = fe_loc(fn->fu, clang_getRangeEnd(clang_getCursorExtent(c)));
  if (loc.col > 1)
    loc.col--;
  return loc;
}

/* A condition whose temporaries (C++) are destroyed on both edges, after the
 * condition is evaluated. */
static void lower_cond_full(fe_fn *fn, CXCursor c, unsigned t, unsigned f) {
  if (!fn->fu->is_cxx || !fe_cxx_has_temps(fn, c)) {
    fe_lower_cond(fn, c, t, f, NULL);
    return;
  }
  fe_cleanup *mark = fn->cleanup;
  unsigned t2 = fe_new_block(fn), f2 = fe_new_block(fn);
  fe_lower_cond(fn, c, t2, f2, NULL);
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fn->cur = t2;
  fe_cxx_run(fn, mark, loc);
  fe_term_goto(fn, t);
  fn->cur = f2;
  fe_cxx_run(fn, mark, loc);
  fe_term_goto(fn, f);
  fn->cleanup = mark;
}

static void lower_if(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 2)
    return;
  int has_else = 0;
  CXFile f;
  unsigned last_off = fe_start_off(k.v[k.n - 1], &f);
  unsigned if_off = fe_start_off(c, NULL);
  if (f != fn->file ||
      last_off == if_off || !fn->fu->is_cxx) {
    /* C (or no usable tokens): cond, then[, else] (plus C++ declarations first) */
    unsigned pre = 0;
    while (pre < k.n && is_decl_kind(clang_getCursorKind(k.v[pre])))
      pre++;
    has_else = k.n - pre >= 3;
  } else {
    has_else = tok_is(fn, fe_tok_from(fn, last_off) - 1, "else");
  }
  if ((unsigned)(2 + has_else) > k.n)
    has_else = 0;
  unsigned ti = k.n - 1 - (unsigned)has_else;
  unsigned ci = ti - 1;
  fe_cleanup *mark = fn->cleanup;
  unsigned sv_owner = fn->owner;
  fn->owner = if_off;
  for (unsigned i = 0; i < ci; i++)
    lower_pre(fn, k.v[i]);
  unsigned t = fe_new_block(fn), j = fe_new_block(fn);
  unsigned e = has_else ? fe_new_block(fn) : j;
  fe_ensure_cur(fn);
  lower_cond_full(fn, k.v[ci], t, e);
  fn->cur = t;
  fe_lower_stmt(fn, k.v[ti]);
  fe_term_goto(fn, j);
  if (has_else) {
    fn->cur = e;
    fe_lower_stmt(fn, k.v[k.n - 1]);
    fe_term_goto(fn, j);
  }
  fn->cur = j;
  fe_cxx_pop(fn, mark, fe_end_loc(fn, c)); /* condition variables */
  fn->owner = sv_owner;
}

static fe_jump *push_jump(fe_fn *fn, unsigned brk, unsigned cont) {
  fe_jump *j = arena_alloc(fn->scratch, sizeof *j);
  j->brk = brk;
  j->cont = cont;
  j->scope = fn->scope;
  j->cleanup = fn->cleanup;
  j->parent = fn->jump;
  fn->jump = j;
  return j;
}

static void lower_while(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 2)
    return;
  unsigned h = fe_new_block(fn), b = fe_new_block(fn), x = fe_new_block(fn);
  fe_term_goto(fn, h);
  fn->cur = h;
  fe_cleanup *mark = fn->cleanup;
  unsigned sv_owner = fn->owner;
  fn->owner = fe_start_off(c, NULL);
  for (unsigned i = 0; i + 2 < k.n; i++)
    lower_pre(fn, k.v[i]);
  /* a condition variable is destroyed after each iteration and on the way out */
  int has_cv = fn->cleanup != mark;
  unsigned xf = has_cv ? fe_new_block(fn) : x;
  fe_ensure_cur(fn);
  lower_cond_full(fn, k.v[k.n - 2], b, xf);
  fe_jump *sv = fn->jump;
  fe_jump *jp = push_jump(fn, x, h);
  jp->cleanup = mark;
  fn->cur = b;
  fe_lower_stmt(fn, k.v[k.n - 1]);
  ir_loc el = fe_end_loc(fn, c);
  fe_cxx_run(fn, mark, el);
  fe_term_goto(fn, h);
  fn->jump = sv;
  if (has_cv) {
    fn->cur = xf;
    fe_cxx_run(fn, mark, el);
    fe_term_goto(fn, x);
  }
  fn->cleanup = mark;
  fn->owner = sv_owner;
  fn->cur = x;
}

static void lower_do(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 2)
    return;
  unsigned b = fe_new_block(fn), cb = fe_new_block(fn), x = fe_new_block(fn);
  fe_term_goto(fn, b);
  fe_jump *sv = fn->jump;
  push_jump(fn, x, cb);
  fn->cur = b;
  fe_lower_stmt(fn, k.v[0]);
  fe_term_goto(fn, cb);
  fn->jump = sv;
  fn->cur = cb;
  lower_cond_full(fn, k.v[1], b, x);
  fn->cur = x;
}

static void lower_for(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 1)
    return;
  CXCursor body = k.v[k.n - 1];
  int init = -1, cond = -1, inc = -1, condvar = -1;
  /* Find "for ( init ; cond ; inc )" in the tokens. */
  CXFile f;
  unsigned off = fe_start_off(c, &f);
  int ti = f == fn->file ? fe_tok_at(fn, off) : -1;
  unsigned semi1 = 0, semi2 = 0, rp = 0;
  int ok = 0;
  if (ti >= 0 && tok_is(fn, ti, "for") && tok_is(fn, ti + 1, "(")) {
    int depth = 0, nsemi = 0;
    for (unsigned i = (unsigned)ti + 2; i < fn->ntoks; i++) {
      const char *s = fn->toks[i].sp;
      if (strcmp(s, "(") == 0 || strcmp(s, "[") == 0 || strcmp(s, "{") == 0)
        depth++;
      else if ((strcmp(s, ")") == 0 || strcmp(s, "]") == 0 || strcmp(s, "}") == 0) && depth > 0)
        depth--;
      else if (strcmp(s, ")") == 0) {
        rp = fn->toks[i].off;
        ok = nsemi == 2;
        break;
      } else if (strcmp(s, ";") == 0 && depth == 0) {
        if (nsemi == 0)
          semi1 = fn->toks[i].off;
        else
          semi2 = fn->toks[i].off;
        nsemi++;
      }
    }
  }
  if (ok) {
    for (unsigned i = 0; i + 1 < k.n; i++) {
      CXFile kf;
      unsigned o = fe_start_off(k.v[i], &kf);
      if (o < semi1)
        init = (int)i;
      else if (o < semi2) {
        if (clang_getCursorKind(k.v[i]) == CXCursor_VarDecl)
          condvar = (int)i;
        else
          cond = (int)i;
      } else if (o < rp)
        inc = (int)i;
    }
  } else {
    unsigned m = k.n - 1;
    if (m >= 3) {
      init = 0;
      cond = (int)m - 2;
      inc = (int)m - 1;
    } else if (m == 2) {
      init = 0;
      cond = 1;
    } else if (m == 1) {
      if (clang_isExpression(clang_getCursorKind(k.v[0])))
        cond = 0;
      else
        init = 0;
    }
  }
  fe_cleanup *mark = fn->cleanup;
  unsigned sv_owner = fn->owner;
  fn->owner = off;
  if (init >= 0)
    fe_lower_stmt(fn, k.v[init]);
  unsigned h = fe_new_block(fn), b = fe_new_block(fn), ib = fe_new_block(fn), x = fe_new_block(fn);
  fe_term_goto(fn, h);
  fn->cur = h;
  if (condvar >= 0)
    lower_pre(fn, k.v[condvar]);
  if (cond >= 0) {
    fe_ensure_cur(fn);
    lower_cond_full(fn, k.v[cond], b, x);
  } else {
    fe_term_goto(fn, b);
  }
  fe_jump *sv = fn->jump;
  push_jump(fn, x, ib);
  fn->cur = b;
  fe_lower_stmt(fn, body);
  fe_term_goto(fn, ib);
  fn->jump = sv;
  fn->cur = ib;
  if (inc >= 0) {
    fe_cleanup *m2 = fn->cleanup;
    fe_lower_expr_stmt(fn, k.v[inc]);
    stmt_done(fn);
    fe_cxx_full_expr_end(fn, m2, NULL, fe_cursor_loc(fn->fu, k.v[inc]));
  }
  fe_term_goto(fn, h);
  fn->cur = x;
  fe_cxx_pop(fn, mark, fe_end_loc(fn, c)); /* the variables of the init clause */
  fn->owner = sv_owner;
}

/* for (decl : range) body -- the body runs any number of times. */
static void lower_range_for(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 3)
    return;
  CXCursor body = k.v[k.n - 1], range = k.v[k.n - 2], var = k.v[k.n - 3];
  for (unsigned i = 0; i + 3 < k.n; i++)
    fe_lower_stmt(fn, k.v[i]);
  (void)fe_lower_val(fn, range);
  stmt_done(fn);
  unsigned h = fe_new_block(fn), b = fe_new_block(fn), x = fe_new_block(fn);
  fe_term_goto(fn, h);
  fn->cur = h;
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fe_term_branch(fn, fe_unknown_cond(fn, loc), b, x, loc);
  fe_jump *sv = fn->jump;
  push_jump(fn, x, h);
  fn->cur = b;
  if (clang_getCursorKind(var) == CXCursor_VarDecl) {
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_name_loc(fn->fu, var));
    e->dst = fe_var_place(fn, var);
    e->src.kind = IR_V_UNKNOWN;
  }
  fe_lower_stmt(fn, body);
  fe_term_goto(fn, h);
  fn->jump = sv;
  fn->cur = x;
}

static void lower_switch(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 2)
    return;
  fe_cleanup *mark = fn->cleanup;
  unsigned sv_owner = fn->owner;
  fn->owner = fe_start_off(c, NULL);
  for (unsigned i = 0; i + 2 < k.n; i++)
    lower_pre(fn, k.v[i]);
  CXCursor cond = k.v[k.n - 2];
  fe_cleanup *m2 = fn->cleanup;
  ir_val v = fe_lower_val(fn, cond);
  fe_exc_flush(fn);
  fe_cxx_full_expr_end(fn, m2, NULL, fe_cursor_loc(fn->fu, cond));
  unsigned head = fe_ensure_cur(fn);
  unsigned x = fe_new_block(fn);
  fe_switch sw = {0};
  sw.head = head;
  sw.dflt = FE_NONE;
  sw.parent = fn->sw;
  fn->sw = &sw;
  fe_jump *sv = fn->jump;
  push_jump(fn, x, FE_NONE);
  fn->cur = FE_NONE;
  fe_lower_stmt(fn, k.v[k.n - 1]);
  fe_term_goto(fn, x);
  fn->jump = sv;
  fn->sw = sw.parent;
  ir_block *b = fe_term_block(fn, head);
  if (b) {
    b->term = IR_T_SWITCH;
    b->sval = v;
    b->succ[0] = sw.dflt != FE_NONE ? sw.dflt : x;
    b->term_loc = fe_cursor_loc(fn->fu, cond);
    for (unsigned i = 0; i < sw.n; i++)
      fe_add_case(fn, head, sw.vals[i], sw.succ[i]);
  }
  fn->cur = x;
  fe_cxx_pop(fn, mark, fe_end_loc(fn, c));
  fn->owner = sv_owner;
}

static void sw_add(fe_fn *fn, fe_switch *sw, int64_t v, unsigned to) {
  for (unsigned i = 0; i < sw->n; i++)
    if (sw->vals[i] == v)
      return;
  size_t cap = sw->cap;
  arena_grow(fn->scratch, (void **)&sw->vals, &cap, sw->n + 1, sizeof *sw->vals);
  cap = sw->cap;
  arena_grow(fn->scratch, (void **)&sw->succ, &cap, sw->n + 1, sizeof *sw->succ);
  sw->cap = cap;
  sw->vals[sw->n] = v;
  sw->succ[sw->n] = to;
  sw->n++;
}

static void lower_case(fe_fn *fn, CXCursor c, int is_default) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 1)
    return;
  CXCursor sub = k.v[k.n - 1];
  if (!fn->sw || (!is_default && k.n < 2)) {
    fe_lower_stmt(fn, sub);
    return;
  }
  unsigned b = fe_new_block(fn);
  fe_term_goto(fn, b);
  if (is_default) {
    fn->sw->dflt = b;
  } else {
    int64_t lo, hi;
    if (fe_try_const(fn, k.v[0], &lo)) {
      if (k.n >= 3 && fe_try_const(fn, k.v[1], &hi) && hi >= lo) {
        if ((uint64_t)hi - (uint64_t)lo < 256) {
          for (int64_t v = lo;; v++) {
            sw_add(fn, fn->sw, v, b);
            if (v == hi)
              break;
          }
        } else {
          sw_add(fn, fn->sw, lo, b);
          sw_add(fn, fn->sw, hi, b);
        }
      } else {
        sw_add(fn, fn->sw, lo, b);
      }
    }
  }
  fn->cur = b;
  fe_lower_stmt(fn, sub);
}

static void lower_break(fe_fn *fn, int is_continue, ir_loc loc) {
  fe_jump *j = fn->jump;
  while (j && is_continue && j->cont == FE_NONE)
    j = j->parent;
  if (!j) {
    fe_term_unreachable(fn);
    return;
  }
  fe_exit_scopes(fn, j->scope ? j->scope->depth : 0, j->cleanup, loc);
  fe_term_goto_at(fn, is_continue ? j->cont : j->brk, loc);
}

/* The local object a return statement returns by name (`return c;`, possibly
 * through an implicit copy or move): it is not destroyed (copy elision). */
static const ir_place *returned_local(fe_fn *fn, CXCursor e) {
  for (int guard = 0; guard < 16; guard++) {
    e = fe_strip(e);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k == CXCursor_DeclRefExpr) {
      CXCursor ref = clang_getCursorReferenced(e);
      if (clang_getCursorKind(ref) != CXCursor_VarDecl ||
          clang_getCanonicalType(clang_getCursorType(ref)).kind != CXType_Record)
        return NULL;
      ir_place *p = fe_var_place(fn, ref);
      return p && p->root == IR_ROOT_LOCAL && !p->is_static ? p : NULL;
    }
    if (k != CXCursor_CallExpr || clang_Cursor_getNumArguments(e) != 1)
      return NULL;
    CXCursor ref = clang_getCursorReferenced(e);
    if (!clang_Cursor_isNull(ref) && !(clang_getCursorKind(ref) == CXCursor_Constructor &&
                                       (clang_CXXConstructor_isCopyConstructor(ref) ||
                                        clang_CXXConstructor_isMoveConstructor(ref))))
      return NULL;
    e = clang_Cursor_getArgument(e, 0);
  }
  return NULL;
}

static void lower_return(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  ir_val v;
  int has = 0;
  CXType rt = clang_getCursorResultType(fn->decl);
  for (unsigned i = 0; i < k.n; i++)
    if (clang_isExpression(clang_getCursorKind(k.v[i]))) {
      CXCursor call;
      const ir_place *named = fn->fu->is_cxx && !fe_is_ref(rt) ? returned_local(fn, k.v[i]) : NULL;
      if (fn->fu->is_cxx && fe_is_ref(rt)) {
        v = fe_lower_addr(fn, k.v[i]); /* a reference is returned as an address */
      } else if (named) {
        /* `return c;`: the local is the returned object (copy elision) */
        memset(&v, 0, sizeof v);
        v.kind = IR_V_PLACE;
        v.place = (ir_place *)named;
        fn->ret_skip = named;
      } else if (fn->fu->is_cxx && fe_cxx_ctor_of(fn, k.v[i], &call)) {
        /* a prvalue is constructed in the caller's object: not destroyed here */
        ir_place *t = fe_temp_place(fn, fe_type_name(fn->fu, clang_getCursorType(k.v[i])));
        ir_event *d = fe_emit(fn, IR_E_DECL, fe_cursor_loc(fn->fu, k.v[i]));
        d->dst = t;
        fe_cxx_construct(fn, call, fe_addr_of(fn, t), t);
        memset(&v, 0, sizeof v);
        v.kind = IR_V_PLACE;
        v.place = t;
      } else {
        v = fe_lower_val(fn, k.v[i]);
      }
      has = 1;
      break;
    }
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fe_exc_flush(fn);
  if (has && v.kind == IR_V_PLACE && fn->cleanup && v.place != fn->ret_skip) {
    /* the value is read before the destructors run */
    ir_place *t = fe_temp_place(fn, v.place->type_name);
    t->is_pointer = v.place->is_pointer;
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
    e->dst = t;
    e->src = v;
    v.place = t;
  }
  fe_exit_scopes(fn, 0, NULL, loc);
  fn->ret_skip = NULL;
  fe_term_return(fn, has ? &v : NULL, loc, 0);
}

static void lower_goto(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  const char *name = NULL;
  for (unsigned i = 0; i < k.n && !name; i++)
    if (clang_getCursorKind(k.v[i]) == CXCursor_LabelRef)
      name = fe_str(fn->scratch, clang_getCursorSpelling(k.v[i]));
  if (!name) {
    fe_term_unreachable(fn);
    return;
  }
  fe_label *l = fe_label_get(fn, name);
  fe_exit_scopes(fn, fe_common_depth(fn, l), fe_goto_keeps(fn, l), fe_cursor_loc(fn->fu, c));
  fe_term_goto(fn, fe_label_block(fn, l));
}

/* goto *p: any label of the function. */
static void lower_indirect_goto(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  ir_val v = {0};
  if (k.n)
    v = fe_lower_val(fn, k.v[0]);
  (void)v;
  fe_exc_flush(fn);
  if (fn->cur == FE_NONE)
    return;
  unsigned head = fn->cur;
  ir_block *b = fe_term_block(fn, head);
  fn->cur = FE_NONE;
  if (!b)
    return;
  b->term = IR_T_SWITCH;
  b->sval.kind = IR_V_UNKNOWN;
  b->term_loc = fe_cursor_loc(fn->fu, c);
  unsigned n = fn->nlabels;
  if (!n) {
    b->term = IR_T_UNREACHABLE;
    return;
  }
  b->succ[0] = fe_label_block(fn, &fn->labels[0]);
  for (unsigned i = 1; i < n; i++)
    fe_add_case(fn, head, (int64_t)i, fe_label_block(fn, &fn->labels[i]));
}

static void lower_label(fe_fn *fn, CXCursor c) {
  const char *name = fe_str(fn->scratch, clang_getCursorSpelling(c));
  fe_label *l = fe_label_get(fn, name);
  unsigned b;
  if (l->placed) {
    b = fe_new_block(fn); /* the label's statement lowered again (a finally copy) */
  } else {
    b = fe_label_block(fn, l);
    l->placed = 1;
  }
  fe_term_goto(fn, b);
  fn->cur = b;
  fe_kids k = fe_children(fn, c);
  if (k.n)
    fe_lower_stmt(fn, k.v[k.n - 1]);
}

static void lower_compound(fe_fn *fn, CXCursor c, ir_val *last_val);

static void lower_seh_try(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 2)
    return;
  CXCursor body = k.v[0], handler = k.v[1];
  fe_kids hk = fe_children(fn, handler);
  if (clang_getCursorKind(handler) == CXCursor_SEHFinallyStmt) {
    fe_scope *s = fe_new_scope(fn, FE_SC_FINALLY, c);
    s->fin_body = hk.n ? hk.v[hk.n - 1] : clang_getNullCursor();
    s->leave_bb = fe_new_block(fn);
    fn->scope = s;
    fe_lower_stmt(fn, body);
    fe_term_goto(fn, s->leave_bb);
    fn->scope = s->parent;
    fn->cur = s->leave_bb;
    if (hk.n)
      fe_finally_copy(fn, s);
    return;
  }
  /* __except */
  fe_scope *s = fe_new_scope(fn, FE_SC_EXCEPT, c);
  s->except_bb = fe_new_block(fn);
  s->leave_bb = fe_new_block(fn);
  unsigned b = fe_new_block(fn);
  fe_ensure_cur(fn);
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fe_term_branch(fn, fe_unknown_cond(fn, loc), b, s->except_bb, loc);
  fn->cur = b;
  fn->scope = s;
  fe_lower_stmt(fn, body);
  fe_term_goto(fn, s->leave_bb);
  fn->scope = s->parent;
  fn->cur = s->except_bb;
  if (hk.n >= 2) {
    (void)fe_lower_val(fn, hk.v[0]); /* the filter expression */
    stmt_done(fn);
  }
  if (hk.n)
    fe_lower_stmt(fn, hk.v[hk.n - 1]);
  fe_term_goto(fn, s->leave_bb);
  fn->cur = s->leave_bb;
}

static void lower_leave(fe_fn *fn, ir_loc loc) {
  fe_scope *s = fn->scope;
  while (s && s->kind == FE_SC_CXXTRY)
    s = s->parent;
  if (!s) {
    fe_term_unreachable(fn);
    return;
  }
  fe_exit_scopes(fn, s->depth, s->cleanup, loc);
  fe_term_goto(fn, s->leave_bb);
}

static void lower_cxx_try(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 1)
    return;
  fe_scope *s = fe_new_scope(fn, FE_SC_CXXTRY, c);
  s->nhandlers = k.n - 1;
  s->handlers = arena_alloc(fn->scratch, (s->nhandlers ? s->nhandlers : 1) * sizeof *s->handlers);
  s->handler_types =
      arena_alloc(fn->scratch, (s->nhandlers ? s->nhandlers : 1) * sizeof *s->handler_types);
  for (unsigned i = 0; i < s->nhandlers; i++) {
    s->handlers[i] = fe_new_block(fn);
    fe_kids hk = fe_children(fn, k.v[i + 1]);
    for (unsigned j = 0; j < hk.n; j++)
      if (clang_getCursorKind(hk.v[j]) == CXCursor_VarDecl)
        s->handler_types[i] = fe_catch_type(fn, clang_getCursorType(hk.v[j]));
  }
  unsigned x = fe_new_block(fn);
  fn->scope = s;
  fe_lower_stmt(fn, k.v[0]);
  fe_term_goto(fn, x);
  fn->scope = s->parent;
  for (unsigned i = 0; i < s->nhandlers; i++) {
    CXCursor h = k.v[i + 1];
    fe_kids hk = fe_children(fn, h);
    fn->cur = s->handlers[i];
    for (unsigned j = 0; j < hk.n; j++) {
      CXCursor hc = hk.v[j];
      if (clang_getCursorKind(hc) == CXCursor_VarDecl) {
        ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_name_loc(fn->fu, hc));
        e->dst = fe_var_place(fn, hc);
        e->src.kind = IR_V_UNKNOWN;
      } else if (j == hk.n - 1) {
        fe_lower_stmt(fn, hc);
      }
    }
    fe_term_goto(fn, x);
  }
  fn->cur = x;
}

/* fe_lower_stmt: lowers one statement at the current position. */
void fe_lower_stmt(fe_fn *fn, CXCursor c) {
  if (fn->overflow != FE_NONE || clang_Cursor_isNull(c))
    return;
  if (fn->sdepth >= FE_MAX_STMT_DEPTH) {
    fe_truncate(fn, "statements nested deeper than 256 levels");
    return;
  }
  fn->sdepth++;
  enum CXCursorKind k = clang_getCursorKind(c);
  switch (k) {
  case CXCursor_CompoundStmt:
    lower_compound(fn, c, NULL);
    break;
  case CXCursor_DeclStmt: {
    fe_kids kids = fe_children(fn, c);
    for (unsigned i = 0; i < kids.n; i++)
      if (clang_getCursorKind(kids.v[i]) == CXCursor_VarDecl)
        fe_lower_var_decl(fn, kids.v[i]);
    stmt_done(fn);
    break;
  }
  case CXCursor_IfStmt:
    lower_if(fn, c);
    break;
  case CXCursor_WhileStmt:
    lower_while(fn, c);
    break;
  case CXCursor_DoStmt:
    lower_do(fn, c);
    break;
  case CXCursor_ForStmt:
    lower_for(fn, c);
    break;
  case CXCursor_CXXForRangeStmt:
    lower_range_for(fn, c);
    break;
  case CXCursor_SwitchStmt:
    lower_switch(fn, c);
    break;
  case CXCursor_CaseStmt:
    lower_case(fn, c, 0);
    break;
  case CXCursor_DefaultStmt:
    lower_case(fn, c, 1);
    break;
  case CXCursor_BreakStmt:
    lower_break(fn, 0, fe_cursor_loc(fn->fu, c));
    break;
  case CXCursor_ContinueStmt:
    lower_break(fn, 1, fe_cursor_loc(fn->fu, c));
    break;
  case CXCursor_ReturnStmt:
    lower_return(fn, c);
    break;
  case CXCursor_GotoStmt:
    lower_goto(fn, c);
    break;
  case CXCursor_IndirectGotoStmt:
    lower_indirect_goto(fn, c);
    break;
  case CXCursor_LabelStmt:
    lower_label(fn, c);
    break;
  case CXCursor_NullStmt:
    break;
  case CXCursor_SEHTryStmt:
    lower_seh_try(fn, c);
    break;
  case CXCursor_SEHLeaveStmt:
    lower_leave(fn, fe_cursor_loc(fn->fu, c));
    break;
  case CXCursor_CXXTryStmt:
    lower_cxx_try(fn, c);
    break;
  case CXCursor_UnexposedStmt: {
    /* e.g. attributed statements: lower what is inside */
    fe_kids kids = fe_children(fn, c);
    for (unsigned i = 0; i < kids.n; i++) {
      enum CXCursorKind kk = clang_getCursorKind(kids.v[i]);
      if (clang_isStatement(kk) || clang_isExpression(kk))
        fe_lower_stmt(fn, kids.v[i]);
    }
    break;
  }
  default:
    if (clang_isExpression(k)) {
      fe_cleanup *mark = fn->cleanup;
      fe_lower_expr_stmt(fn, c);
      stmt_done(fn);
      fe_cxx_full_expr_end(fn, mark, NULL, fe_cursor_loc(fn->fu, c));
    }
    break; /* asm and anything else: no effect we model */
  }
  fn->sdepth--;
}

/* The expansion of a rules' RM_INVALIDATE macro that produced statement c. */
static const fe_mexp *invalidate_expansion(fe_fn *fn, CXCursor c) {
  if (!clang_isExpression(clang_getCursorKind(c)))
    return NULL;
  fe_pos s, e;
  fe_extent_pos(c, &s, &e);
  if (!s.file)
    return NULL;
  const fe_mexp *m = fe_macro_at(fn->fu, s.file, s.off);
  if (!m || !m->rm || m->rm->kind != RM_INVALIDATE || e.off > m->end)
    return NULL;
  return m;
}

static void lower_compound(fe_fn *fn, CXCursor c, ir_val *last_val) {
  fe_kids k = fe_children(fn, c);
  const fe_mexp *prev = NULL;
  fe_cleanup *mark = fn->cleanup;
  unsigned sv_owner = fn->owner;
  fn->owner = fe_start_off(c, NULL);
  for (unsigned i = 0; i < k.n; i++) {
    CXCursor s = k.v[i];
    const fe_mexp *m = invalidate_expansion(fn, s);
    if (m && m == prev)
      continue; /* the second statement of the same SecInvalidateHandle(&h) */
    prev = m;
    /* `if (x) SecInvalidateHandle(&h);`: the first statement of the expansion is
     * the if's body, the second one follows the if: it is only a field write. */
    int orphan = 0;
    if (m && i > 0) {
      fe_pos pe;
      fe_extent_pos(k.v[i - 1], NULL, &pe);
      orphan = pe.file == m->file && pe.off > m->off;
    }
    if (last_val && i + 1 == k.n && clang_isExpression(clang_getCursorKind(s))) {
      *last_val = fe_lower_val(fn, s);
      stmt_done(fn);
    } else {
      fn->no_invalidate = (unsigned char)orphan;
      fe_lower_stmt(fn, s);
      fn->no_invalidate = 0;
    }
  }
  if (fn->cleanup != mark && last_val && last_val->kind == IR_V_PLACE && fn->cur != FE_NONE) {
    /* a statement expression's value is read before its objects die */
    ir_place *t = fe_temp_place(fn, last_val->place->type_name);
    t->is_pointer = last_val->place->is_pointer;
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_end_loc(fn, c));
    e->dst = t;
    e->src = *last_val;
    last_val->place = t;
  }
  if (fn->cleanup != mark)
    fe_cxx_pop(fn, mark, fe_end_loc(fn, c)); /* the objects of this block, newest first */
  fn->owner = sv_owner;
}

/* fe_lower_compound_value: see fe_internal.h. */
ir_val fe_lower_compound_value(fe_fn *fn, CXCursor c) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_UNKNOWN;
  if (fn->sdepth >= FE_MAX_STMT_DEPTH) {
    fe_truncate(fn, "statements nested deeper than 256 levels");
    return v;
  }
  fn->sdepth++;
  lower_compound(fn, c, &v);
  fn->sdepth--;
  return v;
}
