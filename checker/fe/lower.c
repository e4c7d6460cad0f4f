/* lower.c - statements to a control-flow graph: one ir_func per function
 * definition. Expressions, places and conditions are in lower_expr.c.
 *
 * The builder keeps a current block (fn->cur, FE_NONE after a jump); statements
 * append events to it and end it with terminators. Jumps out of __try/__finally run
 * a copy of the finally body (up to FE_MAX_FINALLY_COPIES per try, then one shared
 * copy that ends in a switch over the continuations). At the end, empty goto-only
 * blocks are bypassed, unreachable blocks dropped and the rest renumbered in
 * creation order (roughly source order). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

/* ---- blocks ----------------------------------------------------------------------- */

/* fe_truncate: marks the function as cut short (first reason kept). */
void fe_truncate(fe_fn *fn, const char *why) {
  fn->f->truncated = 1;
  if (!fn->f->truncated_why)
    fn->f->truncated_why = arena_strdup(fn->a, why);
}

/* fe_new_block: a fresh block id; past the cap, the shared overflow sink. */
unsigned fe_new_block(fe_fn *fn) {
  if (fn->overflow != FE_NONE)
    return fn->overflow;
  int last = fn->nbbs + 1 >= FE_MAX_BLOCKS;
  arena_grow(fn->scratch, (void **)&fn->bbs, &fn->bbs_cap, fn->nbbs + 1, sizeof *fn->bbs);
  fe_bb *b = &fn->bbs[fn->nbbs];
  memset(b, 0, sizeof *b);
  b->b.id = fn->nbbs;
  b->b.term = IR_T_UNREACHABLE;
  if (last) {
    fe_truncate(fn, "more than 20000 basic blocks");
    b->has_term = 1;
    fn->overflow = fn->nbbs;
  }
  return fn->nbbs++;
}

/* fe_ensure_cur: the current block, starting an (unreachable) one if needed. */
unsigned fe_ensure_cur(fe_fn *fn) {
  if (fn->cur == FE_NONE)
    fn->cur = fe_new_block(fn);
  return fn->cur;
}

/* fe_emit: appends an event of kind k to the current block; the pointer is valid
 * until the next event is appended to that block. */
ir_event *fe_emit(fe_fn *fn, ir_event_kind k, ir_loc loc) {
  static ir_event sink;
  unsigned b = fe_ensure_cur(fn);
  if (b == fn->overflow) {
    memset(&sink, 0, sizeof sink);
    return &sink;
  }
  fe_bb *bb = &fn->bbs[b];
  arena_grow(fn->scratch, (void **)&bb->b.ev, &bb->ev_cap, bb->b.nev + 1, sizeof *bb->b.ev);
  ir_event *e = &bb->b.ev[bb->b.nev++];
  memset(e, 0, sizeof *e);
  e->kind = k;
  e->loc = loc;
  return e;
}

static ir_block *term_block(fe_fn *fn, unsigned b) {
  if (b == FE_NONE || b == fn->overflow || fn->bbs[b].has_term)
    return NULL;
  fn->bbs[b].has_term = 1;
  return &fn->bbs[b].b;
}

static ir_cond *unknown_cond(fe_fn *fn, ir_loc loc) {
  ir_cond *c = arena_alloc(fn->a, sizeof *c);
  c->kind = IR_C_UNKNOWN;
  c->why = IR_WHY_STRUCTURAL;
  c->loc = loc;
  return c;
}

static void add_case(fe_fn *fn, unsigned b, int64_t v, unsigned to) {
  fe_bb *bb = &fn->bbs[b];
  size_t cap = bb->case_cap;
  arena_grow(fn->scratch, (void **)&bb->b.case_vals, &cap, bb->b.ncases + 1,
             sizeof *bb->b.case_vals);
  cap = bb->case_cap;
  arena_grow(fn->scratch, (void **)&bb->b.case_succ, &cap, bb->b.ncases + 1,
             sizeof *bb->b.case_succ);
  bb->case_cap = cap;
  bb->b.case_vals[bb->b.ncases] = v;
  bb->b.case_succ[bb->b.ncases] = to;
  bb->b.ncases++;
}

/* Exceptional edges: after a call inside a C++ try (to every handler) and after
 * every statement inside a __try/__except (to the handler). The C++ objects
 * constructed inside the try are destroyed on the way (in a landing block). */
static void exc_flush(fe_fn *fn) {
  if (!fn->exc_pending || fn->cur == FE_NONE || !fn->scope) {
    fn->exc_pending = 0;
    return;
  }
  fn->exc_pending = 0;
  fe_scope *s = fn->scope;
  if (s->kind == FE_SC_FINALLY)
    return;
  unsigned from = fn->cur;
  unsigned next = fe_new_block(fn);
  if (s->kind == FE_SC_CXXTRY && s->nhandlers && fn->cleanup != s->cleanup) {
    unsigned pad = fe_new_block(fn);
    fe_term_branch(fn, unknown_cond(fn, (ir_loc){0}), pad, next, (ir_loc){0});
    fn->cur = pad;
    fe_cxx_run(fn, s->cleanup, fn->exc_loc); /* at the call that threw */
    from = fe_ensure_cur(fn);
    ir_block *pb = term_block(fn, from);
    if (pb && s->nhandlers == 1) {
      pb->term = IR_T_GOTO;
      pb->succ[0] = s->handlers[0];
    } else if (pb) {
      pb->term = IR_T_SWITCH;
      pb->sval.kind = IR_V_UNKNOWN;
      pb->succ[0] = s->handlers[s->nhandlers - 1];
      for (unsigned i = 0; i + 1 < s->nhandlers; i++)
        add_case(fn, from, (int64_t)i, s->handlers[i]);
    }
    fn->cur = next;
    return;
  }
  ir_block *b = term_block(fn, from);
  if (b && s->kind == FE_SC_CXXTRY) {
    b->term = IR_T_SWITCH;
    b->sval.kind = IR_V_UNKNOWN;
    b->succ[0] = next;
    for (unsigned i = 0; i < s->nhandlers; i++)
      add_case(fn, from, (int64_t)i, s->handlers[i]);
  } else if (b) {
    b->term = IR_T_BRANCH;
    b->cond = unknown_cond(fn, (ir_loc){0});
    b->succ[0] = next;
    b->succ[1] = s->except_bb;
  }
  fn->cur = next;
}

/* fe_exc_flush: see fe_internal.h. */
void fe_exc_flush(fe_fn *fn) { exc_flush(fn); }

/* fe_note_call: a call was emitted (exceptional edge pending inside a C++ try). */
void fe_note_call(fe_fn *fn) {
  if (fn->scope && fn->scope->kind == FE_SC_CXXTRY)
    fn->exc_pending = 1;
}

/* fe_term_goto: ends the current block with a jump to `to` (fe_term_goto_at: written
 * in the source as a break, continue or goto statement at loc). */
void fe_term_goto_at(fe_fn *fn, unsigned to, ir_loc loc) {
  if (fn->cur == FE_NONE)
    return;
  exc_flush(fn);
  ir_block *b = term_block(fn, fn->cur);
  if (b) {
    b->term = IR_T_GOTO;
    b->succ[0] = to;
    b->term_loc = loc;
  }
  fn->cur = FE_NONE;
}

void fe_term_goto(fe_fn *fn, unsigned to) {
  ir_loc none = {0};
  fe_term_goto_at(fn, to, none);
}

/* fe_term_branch: ends the current block with a two-way branch on c. */
void fe_term_branch(fe_fn *fn, ir_cond *c, unsigned t, unsigned f, ir_loc loc) {
  if (fn->cur == FE_NONE)
    return;
  exc_flush(fn);
  ir_block *b = term_block(fn, fn->cur);
  if (b) {
    b->term = IR_T_BRANCH;
    b->cond = c ? c : unknown_cond(fn, loc);
    b->succ[0] = t;
    b->succ[1] = f;
    b->term_loc = loc;
  }
  fn->cur = FE_NONE;
}

/* fe_term_unreachable: the path ends here (after __builtin_unreachable()). */
void fe_term_unreachable(fe_fn *fn) {
  if (fn->cur == FE_NONE)
    return;
  ir_block *b = term_block(fn, fn->cur);
  if (b)
    b->term = IR_T_UNREACHABLE;
  fn->cur = FE_NONE;
}

static void term_return(fe_fn *fn, const ir_val *v, ir_loc loc, int implicit) {
  if (fn->cur == FE_NONE)
    return;
  exc_flush(fn);
  ir_block *b = term_block(fn, fn->cur);
  if (b) {
    b->term = IR_T_RETURN;
    b->term_loc = loc;
    b->implicit = (unsigned char)implicit;
    if (v) {
      b->has_retval = 1;
      b->retval = *v;
    }
  }
  fn->cur = FE_NONE;
}

typedef struct kids_ctx {
  fe_fn *fn;
  CXCursor *v;
  unsigned n;
  size_t cap;
} kids_ctx;

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  kids_ctx *k = d;
  arena_grow(k->fn->scratch, (void **)&k->v, &k->cap, k->n + 1, sizeof *k->v);
  k->v[k->n++] = c;
  return CXChildVisit_Continue;
}

/* fe_children: the direct children of c (in the function's scratch arena). */
fe_kids fe_children(fe_fn *fn, CXCursor c) {
  kids_ctx k = {fn, NULL, 0, 0};
  clang_visitChildren(c, collect_kid, &k);
  fe_kids r = {k.v, k.n};
  return r;
}

static unsigned start_off(CXCursor c, CXFile *file) {
  fe_pos s;
  fe_extent_pos(c, &s, NULL);
  if (file)
    *file = s.file;
  return s.off;
}

/* ---- scopes and jumps --------------------------------------------------------------- */

static fe_scope *new_scope(fe_fn *fn, fe_scope_kind k, CXCursor stmt) {
  fe_scope *s = arena_alloc(fn->scratch, sizeof *s);
  s->kind = k;
  s->key = start_off(stmt, NULL);
  s->parent = fn->scope;
  s->jump_outer = fn->jump;
  s->depth = fn->scope ? fn->scope->depth + 1 : 1;
  s->shared_entry = s->shared_exit = FE_NONE;
  s->except_bb = s->leave_bb = FE_NONE;
  s->cleanup = fn->cleanup;
  return s;
}

/* Scopes whose shared finally copy needs its exit switch filled in at the end. */
typedef struct fe_shared {
  fe_scope *s;
  unsigned *conts;
  unsigned n;
  size_t cap;
  struct fe_shared *next;
} shared_list;

/* Lowers the finally body of s as if at the end of its try (context: outside). */
static void lower_finally_body(fe_fn *fn, fe_scope *s) {
  fe_scope *sv_scope = fn->scope;
  fe_jump *sv_jump = fn->jump;
  fe_switch *sv_sw = fn->sw;
  unsigned char sv_pending = fn->exc_pending;
  fn->scope = s->parent;
  fn->jump = s->jump_outer;
  fn->sw = NULL;
  fn->exc_pending = 0;
  fn->in_copy++;
  fe_lower_stmt(fn, s->fin_body);
  fn->in_copy--;
  fn->scope = sv_scope;
  fn->jump = sv_jump;
  fn->sw = sv_sw;
  fn->exc_pending = sv_pending;
}

static void finally_copy(fe_fn *fn, fe_scope *s) {
  if (fn->cur == FE_NONE || fn->overflow != FE_NONE)
    return;
  exc_flush(fn);
  if (s->copies < FE_MAX_FINALLY_COPIES) {
    s->copies++;
    lower_finally_body(fn, s);
    return;
  }
  shared_list *sl = NULL;
  for (shared_list *p = fn->shared; p; p = p->next)
    if (p->s == s)
      sl = p;
  if (!sl) {
    sl = arena_alloc(fn->scratch, sizeof *sl);
    sl->s = s;
    sl->next = fn->shared;
    fn->shared = sl;
    unsigned from = fn->cur;
    fn->cur = FE_NONE;
    s->shared_entry = fe_ensure_cur(fn);
    lower_finally_body(fn, s);
    s->shared_exit = fn->cur; /* left open: its switch is set at the end */
    fn->cur = from;
  }
  fe_term_goto(fn, s->shared_entry);
  if (s->shared_exit == FE_NONE)
    return; /* the finally body never falls through */
  unsigned cont = fe_new_block(fn);
  arena_grow(fn->scratch, (void **)&sl->conts, &sl->cap, sl->n + 1, sizeof *sl->conts);
  sl->conts[sl->n++] = cont;
  fn->cur = cont;
}

/* A finally copy run while the live C++ objects down to `at` are still to be
 * destroyed after it (a jump inside the finally body sees only those). */
static void finally_copy_at(fe_fn *fn, fe_scope *s, fe_cleanup *at) {
  fe_cleanup *sv = fn->cleanup;
  fn->cleanup = at;
  finally_copy(fn, s);
  fn->cleanup = sv;
}

/* Leaving scopes: runs the finally bodies of every scope deeper than `depth` and
 * destroys the C++ objects above `to`, innermost first (an object constructed
 * inside a __try is destroyed before its finally body runs). fn->ret_skip is not
 * destroyed (the object a return statement returns). */
static void exit_scopes(fe_fn *fn, unsigned depth, fe_cleanup *to, ir_loc loc) {
  fe_cleanup *e = fn->cleanup;
  fe_scope *s = fn->scope;
  for (;;) {
    if (fn->cur == FE_NONE)
      return;
    int have_e = e && e != to;
    int have_s = s && s->depth > depth;
    if (have_e && (!have_s || e->sdepth >= s->depth)) {
      if (!fn->ret_skip || e->obj != fn->ret_skip)
        fe_cxx_destroy(fn, e->obj, e->type, e->temp ? e->loc : loc);
      e = e->parent;
      continue;
    }
    if (!have_s)
      return;
    if (s->kind == FE_SC_FINALLY)
      finally_copy_at(fn, s, e);
    s = s->parent;
  }
}

/* fe_route_throw: an exception raised here. At each enclosing C++ try (innermost
 * first): to the handler that catches exactly its type; else to any of the
 * handlers (a base class may match) and, without a catch (...), on outwards.
 * Finally bodies on the way run; with no try left, the function ends by a throw. */
void fe_route_throw(fe_fn *fn, ir_loc loc, const char *thrown) {
  if (fn->cur == FE_NONE)
    return;
  fn->exc_pending = 0;
  fe_cleanup *e = fn->cleanup;
  for (fe_scope *s = fn->scope; s; s = s->parent) {
    /* the objects constructed inside this try are destroyed first */
    for (; e && e->sdepth >= s->depth && fn->cur != FE_NONE; e = e->parent)
      fe_cxx_destroy(fn, e->obj, e->type, e->temp ? e->loc : loc);
    if (fn->cur == FE_NONE)
      return;
    if (s->kind == FE_SC_CXXTRY && s->nhandlers) {
      unsigned exact = FE_NONE, all = FE_NONE;
      for (unsigned i = 0; i < s->nhandlers; i++) {
        if (!s->handler_types[i] && all == FE_NONE)
          all = s->handlers[i];
        if (thrown && s->handler_types[i] && exact == FE_NONE &&
            strcmp(s->handler_types[i], thrown) == 0)
          exact = s->handlers[i];
      }
      unsigned from = fn->cur;
      ir_block *b = term_block(fn, from);
      fn->cur = FE_NONE;
      if (!b)
        return;
      if (exact != FE_NONE) {
        b->term = IR_T_GOTO;
        b->succ[0] = exact;
        return;
      }
      /* any handler may catch it (a base class, catch (...)); without a
       * catch (...) it may also go on outwards */
      b->term = IR_T_SWITCH;
      b->sval.kind = IR_V_UNKNOWN;
      b->term_loc = loc;
      for (unsigned i = 0; i < s->nhandlers; i++)
        add_case(fn, from, (int64_t)i, s->handlers[i]);
      if (all != FE_NONE) {
        b->succ[0] = all;
        return;
      }
      fn->cur = fe_new_block(fn);
      b->succ[0] = fn->cur;
      continue;
    }
    if (s->kind == FE_SC_FINALLY)
      finally_copy_at(fn, s, e);
  }
  for (; e && fn->cur != FE_NONE; e = e->parent)
    fe_cxx_destroy(fn, e->obj, e->type, e->temp ? e->loc : loc);
  if (fn->cur == FE_NONE)
    return;
  ir_block *b = term_block(fn, fn->cur);
  if (b) {
    b->term = IR_T_THROW;
    b->term_loc = loc;
  }
  fn->cur = FE_NONE;
}

/* ---- labels ---------------------------------------------------------------------- */

static fe_label *label_get(fe_fn *fn, const char *name) {
  for (unsigned i = 0; i < fn->nlabels; i++)
    if (strcmp(fn->labels[i].name, name) == 0)
      return &fn->labels[i];
  arena_grow(fn->scratch, (void **)&fn->labels, &fn->labels_cap, fn->nlabels + 1,
             sizeof *fn->labels);
  fe_label *l = &fn->labels[fn->nlabels++];
  memset(l, 0, sizeof *l);
  l->name = arena_strdup(fn->scratch, name);
  l->bb = FE_NONE;
  return l;
}

static unsigned label_block(fe_fn *fn, fe_label *l) {
  if (l->bb == FE_NONE)
    l->bb = fe_new_block(fn);
  return l->bb;
}

typedef struct prescan {
  fe_fn *fn;
  unsigned keys[FE_MAX_STMT_DEPTH];
  unsigned nkeys;
  unsigned bkeys[FE_MAX_STMT_DEPTH * 4]; /* statements that own C++ objects */
  unsigned nbkeys;
  unsigned depth;
} prescan;

static enum CXChildVisitResult prescan_visit(CXCursor c, CXCursor p, CXClientData d);

/* Statements whose scope owns the C++ objects declared in them (see fe_cleanup). */
static int owns_objects(enum CXCursorKind k) {
  return k == CXCursor_CompoundStmt || k == CXCursor_ForStmt || k == CXCursor_CXXForRangeStmt ||
         k == CXCursor_IfStmt || k == CXCursor_WhileStmt || k == CXCursor_SwitchStmt;
}

static void prescan_children(prescan *ps, CXCursor c) {
  if (ps->depth >= FE_MAX_STMT_DEPTH * 4)
    return;
  int owner = owns_objects(clang_getCursorKind(c));
  if (owner)
    ps->bkeys[ps->nbkeys++] = start_off(c, NULL);
  ps->depth++;
  clang_visitChildren(c, prescan_visit, ps);
  ps->depth--;
  if (owner)
    ps->nbkeys--;
}

static enum CXChildVisitResult prescan_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  prescan *ps = d;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_LambdaExpr || clang_isDeclaration(k))
    return k == CXCursor_VarDecl ? CXChildVisit_Recurse : CXChildVisit_Continue;
  if (k == CXCursor_LabelStmt) {
    CXString s = clang_getCursorSpelling(c);
    fe_label *l = label_get(ps->fn, clang_getCString(s) ? clang_getCString(s) : "");
    clang_disposeString(s);
    if (!l->keys && ps->nkeys) {
      l->keys = arena_alloc(ps->fn->scratch, ps->nkeys * sizeof *l->keys);
      memcpy(l->keys, ps->keys, ps->nkeys * sizeof *l->keys);
    }
    l->nkeys = ps->nkeys;
    if (!l->scanned) {
      l->scanned = 1;
      l->off = start_off(c, NULL);
      l->nbkeys = ps->nbkeys;
      l->bkeys = arena_alloc(ps->fn->scratch, (ps->nbkeys ? ps->nbkeys : 1) * sizeof *l->bkeys);
      memcpy(l->bkeys, ps->bkeys, ps->nbkeys * sizeof *l->bkeys);
    }
    prescan_children(ps, c);
    return CXChildVisit_Continue;
  }
  if ((k == CXCursor_CXXTryStmt || k == CXCursor_SEHTryStmt) && ps->nkeys < FE_MAX_STMT_DEPTH) {
    fe_kids kids = fe_children(ps->fn, c);
    for (unsigned i = 0; i < kids.n; i++) {
      if (i == 0)
        ps->keys[ps->nkeys++] = start_off(c, NULL);
      prescan_children(ps, kids.v[i]);
      /* the body itself may be a label-free compound; visit it as a node too */
      if (i == 0)
        ps->nkeys--;
    }
    return CXChildVisit_Continue;
  }
  prescan_children(ps, c);
  return CXChildVisit_Continue;
}

/* Depth of the innermost scope shared by the current position and label l. */
static unsigned common_depth(fe_fn *fn, const fe_label *l) {
  fe_scope *chain[FE_MAX_STMT_DEPTH];
  unsigned n = 0;
  for (fe_scope *s = fn->scope; s && n < FE_MAX_STMT_DEPTH; s = s->parent)
    chain[n++] = s;
  unsigned d = 0;
  while (d < n && d < l->nkeys && chain[n - 1 - d]->key == l->keys[d])
    d++;
  return d;
}

/* The live C++ objects a goto to label l keeps: those declared before the label
 * in a statement whose scope encloses it. The result is the new top. */
static fe_cleanup *goto_keeps(fe_fn *fn, const fe_label *l) {
  fe_cleanup *e = fn->cleanup;
  if (!l->scanned)
    return e;
  for (; e; e = e->parent) {
    int enclosing = 0;
    for (unsigned i = 0; i < l->nbkeys && !enclosing; i++)
      enclosing = l->bkeys[i] == e->owner;
    if (enclosing && e->off < l->off)
      break;
  }
  return e;
}

/* ---- statements ------------------------------------------------------------------- */

static void stmt_done(fe_fn *fn) {
  if (fn->scope && fn->scope->kind == FE_SC_EXCEPT && fn->cur != FE_NONE)
    fn->exc_pending = 1;
  exc_flush(fn);
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
static ir_loc end_loc(fe_fn *fn, CXCursor c) {
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
  unsigned last_off = start_off(k.v[k.n - 1], &f);
  unsigned if_off = start_off(c, NULL);
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
  fe_cxx_pop(fn, mark, end_loc(fn, c)); /* condition variables */
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
  fn->owner = start_off(c, NULL);
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
  ir_loc el = end_loc(fn, c);
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
  unsigned off = start_off(c, &f);
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
      unsigned o = start_off(k.v[i], &kf);
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
  fe_cxx_pop(fn, mark, end_loc(fn, c)); /* the variables of the init clause */
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
  fe_term_branch(fn, unknown_cond(fn, loc), b, x, loc);
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
  fn->owner = start_off(c, NULL);
  for (unsigned i = 0; i + 2 < k.n; i++)
    lower_pre(fn, k.v[i]);
  CXCursor cond = k.v[k.n - 2];
  fe_cleanup *m2 = fn->cleanup;
  ir_val v = fe_lower_val(fn, cond);
  exc_flush(fn);
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
  ir_block *b = term_block(fn, head);
  if (b) {
    b->term = IR_T_SWITCH;
    b->sval = v;
    b->succ[0] = sw.dflt != FE_NONE ? sw.dflt : x;
    b->term_loc = fe_cursor_loc(fn->fu, cond);
    for (unsigned i = 0; i < sw.n; i++)
      add_case(fn, head, sw.vals[i], sw.succ[i]);
  }
  fn->cur = x;
  fe_cxx_pop(fn, mark, end_loc(fn, c));
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
  exit_scopes(fn, j->scope ? j->scope->depth : 0, j->cleanup, loc);
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
  exc_flush(fn);
  if (has && v.kind == IR_V_PLACE && fn->cleanup && v.place != fn->ret_skip) {
    /* the value is read before the destructors run */
    ir_place *t = fe_temp_place(fn, v.place->type_name);
    t->is_pointer = v.place->is_pointer;
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
    e->dst = t;
    e->src = v;
    v.place = t;
  }
  exit_scopes(fn, 0, NULL, loc);
  fn->ret_skip = NULL;
  term_return(fn, has ? &v : NULL, loc, 0);
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
  fe_label *l = label_get(fn, name);
  exit_scopes(fn, common_depth(fn, l), goto_keeps(fn, l), fe_cursor_loc(fn->fu, c));
  fe_term_goto(fn, label_block(fn, l));
}

/* goto *p: any label of the function. */
static void lower_indirect_goto(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  ir_val v = {0};
  if (k.n)
    v = fe_lower_val(fn, k.v[0]);
  (void)v;
  exc_flush(fn);
  if (fn->cur == FE_NONE)
    return;
  unsigned head = fn->cur;
  ir_block *b = term_block(fn, head);
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
  b->succ[0] = label_block(fn, &fn->labels[0]);
  for (unsigned i = 1; i < n; i++)
    add_case(fn, head, (int64_t)i, label_block(fn, &fn->labels[i]));
}

static void lower_label(fe_fn *fn, CXCursor c) {
  const char *name = fe_str(fn->scratch, clang_getCursorSpelling(c));
  fe_label *l = label_get(fn, name);
  unsigned b;
  if (l->placed) {
    b = fe_new_block(fn); /* the label's statement lowered again (a finally copy) */
  } else {
    b = label_block(fn, l);
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
    fe_scope *s = new_scope(fn, FE_SC_FINALLY, c);
    s->fin_body = hk.n ? hk.v[hk.n - 1] : clang_getNullCursor();
    s->leave_bb = fe_new_block(fn);
    fn->scope = s;
    fe_lower_stmt(fn, body);
    fe_term_goto(fn, s->leave_bb);
    fn->scope = s->parent;
    fn->cur = s->leave_bb;
    if (hk.n)
      finally_copy(fn, s);
    return;
  }
  /* __except */
  fe_scope *s = new_scope(fn, FE_SC_EXCEPT, c);
  s->except_bb = fe_new_block(fn);
  s->leave_bb = fe_new_block(fn);
  unsigned b = fe_new_block(fn);
  fe_ensure_cur(fn);
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fe_term_branch(fn, unknown_cond(fn, loc), b, s->except_bb, loc);
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
  exit_scopes(fn, s->depth, s->cleanup, loc);
  fe_term_goto(fn, s->leave_bb);
}

static void lower_cxx_try(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  if (k.n < 1)
    return;
  fe_scope *s = new_scope(fn, FE_SC_CXXTRY, c);
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
  fn->owner = start_off(c, NULL);
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
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, end_loc(fn, c));
    e->dst = t;
    e->src = *last_val;
    last_val->place = t;
  }
  if (fn->cleanup != mark)
    fe_cxx_pop(fn, mark, end_loc(fn, c)); /* the objects of this block, newest first */
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

/* ---- the function ---------------------------------------------------------------- */

static void tokenize_fn(fe_fn *fn, CXCursor c) {
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(fn->fu->tu, clang_getCursorExtent(c), &toks, &n);
  fn->toks = arena_alloc(fn->scratch, (n ? n : 1) * sizeof *fn->toks);
  unsigned k = 0;
  for (unsigned i = 0; i < n; i++) {
    fe_pos p = fe_pos_of(clang_getTokenLocation(fn->fu->tu, toks[i]));
    if (p.file != fn->file)
      continue;
    fe_tok *t = &fn->toks[k++];
    t->off = p.off;
    t->kind = clang_getTokenKind(toks[i]);
    t->sp[0] = 0;
    if (t->kind == CXToken_Punctuation || t->kind == CXToken_Keyword) {
      CXString s = clang_getTokenSpelling(fn->fu->tu, toks[i]);
      const char *cs = clang_getCString(s);
      snprintf(t->sp, sizeof t->sp, "%s", cs ? cs : "");
      t->len = (unsigned)strlen(cs ? cs : "");
      clang_disposeString(s);
    }
  }
  if (toks)
    clang_disposeTokens(fn->fu->tu, toks, n);
  fn->ntoks = k;
}

/* fe_tok_at: index of the token starting at off, or -1. */
int fe_tok_at(fe_fn *fn, unsigned off) {
  int i = fe_tok_from(fn, off);
  return i >= 0 && (unsigned)i < fn->ntoks && fn->toks[i].off == off ? i : -1;
}

/* fe_tok_from: index of the first token at or after off (ntoks if none). */
int fe_tok_from(fe_fn *fn, unsigned off) {
  unsigned lo = 0, hi = fn->ntoks;
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    if (fn->toks[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (int)lo;
}

static const char *function_name(fe_unit *fu, CXCursor c) { return fe_function_name(fu, c); }

/* Bypasses empty goto-only blocks, drops unreachable blocks, renumbers, and
 * copies the result into the IR arena. */
static void finish(fe_fn *fn, unsigned entry) {
  unsigned n = fn->nbbs;
  unsigned *fwd = arena_alloc(fn->scratch, (n ? n : 1) * sizeof *fwd);
  /* the location of the first break/continue/goto statement on a bypassed chain: a
   * plain jump into it keeps it (the end of a case, for DllMain's unload path) */
  ir_loc *fwd_loc = arena_alloc(fn->scratch, (n ? n : 1) * sizeof *fwd_loc);
  for (unsigned i = 0; i < n; i++) {
    unsigned t = i;
    memset(&fwd_loc[i], 0, sizeof fwd_loc[i]);
    for (unsigned hops = 0; hops < 64; hops++) {
      fe_bb *b = &fn->bbs[t];
      if (b->b.nev || b->b.term != IR_T_GOTO || b->b.succ[0] == t || b->b.succ[0] >= n)
        break;
      if (!fwd_loc[i].file)
        fwd_loc[i] = b->b.term_loc;
      t = b->b.succ[0];
    }
    fwd[i] = t;
  }
  for (unsigned i = 0; i < n; i++) {
    ir_block *b = &fn->bbs[i].b;
    switch (b->term) {
    case IR_T_GOTO:
      if (!b->term_loc.file)
        b->term_loc = fwd_loc[b->succ[0]];
      b->succ[0] = fwd[b->succ[0]];
      break;
    case IR_T_BRANCH:
      b->succ[0] = fwd[b->succ[0]];
      b->succ[1] = fwd[b->succ[1]];
      break;
    case IR_T_SWITCH:
      b->succ[0] = fwd[b->succ[0]];
      for (unsigned j = 0; j < b->ncases; j++)
        b->case_succ[j] = fwd[b->case_succ[j]];
      break;
    default:
      break;
    }
  }
  entry = fwd[entry];
  /* reachability */
  unsigned char *seen = arena_alloc(fn->scratch, n ? n : 1);
  unsigned *stack = arena_alloc(fn->scratch, (n ? n : 1) * sizeof *stack);
  unsigned sp = 0;
  seen[entry] = 1;
  stack[sp++] = entry;
  while (sp) {
    ir_block *b = &fn->bbs[stack[--sp]].b;
    unsigned succs[2];
    unsigned ns = 0;
    if (b->term == IR_T_GOTO || b->term == IR_T_SWITCH)
      succs[ns++] = b->succ[0];
    if (b->term == IR_T_BRANCH) {
      succs[ns++] = b->succ[0];
      succs[ns++] = b->succ[1];
    }
    for (unsigned j = 0; j < ns; j++)
      if (!seen[succs[j]]) {
        seen[succs[j]] = 1;
        stack[sp++] = succs[j];
      }
    if (b->term == IR_T_SWITCH)
      for (unsigned j = 0; j < b->ncases; j++)
        if (!seen[b->case_succ[j]]) {
          seen[b->case_succ[j]] = 1;
          stack[sp++] = b->case_succ[j];
        }
  }
  unsigned *nid = fwd; /* reuse */
  unsigned m = 0;
  for (unsigned i = 0; i < n; i++)
    nid[i] = seen[i] ? m++ : FE_NONE;
  ir_func *f = fn->f;
  f->blocks = arena_alloc(fn->a, (m ? m : 1) * sizeof *f->blocks);
  f->nblocks = m;
  f->entry = nid[entry];
  for (unsigned i = 0; i < n; i++) {
    if (!seen[i])
      continue;
    ir_block *src = &fn->bbs[i].b;
    ir_block *dst = &f->blocks[nid[i]];
    *dst = *src;
    dst->id = nid[i];
    if (src->nev) {
      dst->ev = arena_alloc(fn->a, src->nev * sizeof *dst->ev);
      memcpy(dst->ev, src->ev, src->nev * sizeof *dst->ev);
    } else {
      dst->ev = NULL;
    }
    if (src->term == IR_T_GOTO || src->term == IR_T_SWITCH || src->term == IR_T_BRANCH)
      dst->succ[0] = nid[src->succ[0]];
    if (src->term == IR_T_BRANCH)
      dst->succ[1] = nid[src->succ[1]];
    if (src->term == IR_T_SWITCH && src->ncases) {
      dst->case_vals = arena_alloc(fn->a, src->ncases * sizeof *dst->case_vals);
      dst->case_succ = arena_alloc(fn->a, src->ncases * sizeof *dst->case_succ);
      for (unsigned j = 0; j < src->ncases; j++) {
        dst->case_vals[j] = src->case_vals[j];
        dst->case_succ[j] = nid[src->case_succ[j]];
      }
    } else {
      dst->case_vals = NULL;
      dst->case_succ = NULL;
      dst->ncases = 0;
    }
  }
}

static CXCursor function_body(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  for (unsigned i = k.n; i-- > 0;) {
    enum CXCursorKind kk = clang_getCursorKind(k.v[i]);
    if (kk == CXCursor_CompoundStmt || kk == CXCursor_CXXTryStmt)
      return k.v[i];
  }
  return clang_getNullCursor();
}

/* fe_lower_function: see fe_internal.h. */
void fe_lower_function(fe_unit *fu, CXCursor c) {
  const char *name = function_name(fu, c);
  if (fu->r && clang_getCursorKind(c) == CXCursor_FunctionDecl && rules_fn_by_name(fu->r, name))
    return; /* an implementation of a rule API is not a client */
  fe_fn fn;
  memset(&fn, 0, sizeof fn);
  fn.fu = fu;
  fn.a = fu->a;
  fn.scratch = arena_new();
  fn.decl = c;
  fn.file = fe_pos_of(clang_getCursorLocation(c)).file;
  fn.cur = FE_NONE;
  fn.overflow = FE_NONE;
  fn.next_call = 1;
  if (clang_getCursorLanguage(c) == CXLanguage_CPlusPlus)
    fu->is_cxx = 1;
  ir_func f;
  memset(&f, 0, sizeof f);
  fn.f = &f;
  f.name = name;
  f.loc = fe_name_loc(fu, c);

  CXCursor body = function_body(&fn, c);
  if (clang_Cursor_isNull(body)) {
    arena_free(fn.scratch);
    return;
  }
  int np = clang_Cursor_getNumArguments(c);
  if (np < 0)
    np = 0;
  fe_cxx_begin(&fn, c); /* `this` first */
  if (np > 0 || fn.this_place) {
    f.params = arena_alloc(fu->a, ((size_t)np + 1) * sizeof *f.params);
    if (fn.this_place)
      f.params[f.nparams++] = fn.this_place;
    for (int i = 0; i < np; i++) {
      CXCursor pc = clang_Cursor_getArgument(c, (unsigned)i);
      ir_place *p = fe_var_place(&fn, pc);
      if (p)
        f.params[f.nparams++] = p;
    }
  }
  tokenize_fn(&fn, c);
  prescan ps;
  memset(&ps, 0, sizeof ps);
  ps.fn = &fn;
  prescan_children(&ps, body);

  unsigned entry = fe_new_block(&fn);
  fn.cur = entry;
  fn.owner = start_off(body, NULL);
  fe_cxx_prologue(&fn, c);
  fe_lower_stmt(&fn, body);
  if (fn.cur != FE_NONE && fn.overflow == FE_NONE) {
    ir_loc loc = end_loc(&fn, body); /* the closing brace itself */
    exit_scopes(&fn, 0, NULL, loc);  /* a destructor's members and bases */
    term_return(&fn, NULL, loc, 1);
  }
  /* shared finally copies: switch to the continuations */
  for (shared_list *sl = fn.shared; sl; sl = sl->next) {
    unsigned ex = sl->s->shared_exit;
    if (ex == FE_NONE || !sl->n)
      continue;
    ir_block *b = term_block(&fn, ex);
    if (!b)
      continue;
    b->term = IR_T_SWITCH;
    b->sval.kind = IR_V_UNKNOWN;
    b->succ[0] = sl->conts[0];
    for (unsigned i = 1; i < sl->n; i++)
      add_case(&fn, ex, (int64_t)i, sl->conts[i]);
  }
  for (unsigned i = 0; i < fn.nbbs; i++)
    if (!fn.bbs[i].has_term)
      fn.bbs[i].b.term = IR_T_UNREACHABLE;
  finish(&fn, entry);

  arena_grow(fu->scratch, (void **)&fu->out, &fu->out_cap, fu->nout + 1, sizeof *fu->out);
  fu->out[fu->nout++] = f;
  arena_free(fn.scratch);
}
