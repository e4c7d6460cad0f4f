/* lower.c - a function definition to a control-flow graph (one ir_func): the blocks,
 * scopes and jumps the statements use (the statements are lower_stmt.c's;
 * expressions, places and conditions lower_expr.c's and its parts').
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

ir_block *fe_term_block(fe_fn *fn, unsigned b) {
  if (b == FE_NONE || b == fn->overflow || fn->bbs[b].has_term)
    return NULL;
  fn->bbs[b].has_term = 1;
  return &fn->bbs[b].b;
}

ir_cond *fe_unknown_cond(fe_fn *fn, ir_loc loc) {
  ir_cond *c = arena_alloc(fn->a, sizeof *c);
  c->kind = IR_C_UNKNOWN;
  c->why = IR_WHY_STRUCTURAL;
  c->loc = loc;
  return c;
}

void fe_add_case(fe_fn *fn, unsigned b, int64_t v, unsigned to) {
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
    fe_term_branch(fn, fe_unknown_cond(fn, (ir_loc){0}), pad, next, (ir_loc){0});
    fn->cur = pad;
    fe_cxx_run(fn, s->cleanup, fn->exc_loc); /* at the call that threw */
    from = fe_ensure_cur(fn);
    ir_block *pb = fe_term_block(fn, from);
    if (pb && s->nhandlers == 1) {
      pb->term = IR_T_GOTO;
      pb->succ[0] = s->handlers[0];
    } else if (pb) {
      pb->term = IR_T_SWITCH;
      pb->sval.kind = IR_V_UNKNOWN;
      pb->succ[0] = s->handlers[s->nhandlers - 1];
      for (unsigned i = 0; i + 1 < s->nhandlers; i++)
        fe_add_case(fn, from, (int64_t)i, s->handlers[i]);
    }
    fn->cur = next;
    return;
  }
  ir_block *b = fe_term_block(fn, from);
  if (b && s->kind == FE_SC_CXXTRY) {
    b->term = IR_T_SWITCH;
    b->sval.kind = IR_V_UNKNOWN;
    b->succ[0] = next;
    for (unsigned i = 0; i < s->nhandlers; i++)
      fe_add_case(fn, from, (int64_t)i, s->handlers[i]);
  } else if (b) {
    b->term = IR_T_BRANCH;
    b->cond = fe_unknown_cond(fn, (ir_loc){0});
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
  ir_block *b = fe_term_block(fn, fn->cur);
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
  ir_block *b = fe_term_block(fn, fn->cur);
  if (b) {
    b->term = IR_T_BRANCH;
    b->cond = c ? c : fe_unknown_cond(fn, loc);
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
  ir_block *b = fe_term_block(fn, fn->cur);
  if (b)
    b->term = IR_T_UNREACHABLE;
  fn->cur = FE_NONE;
}

void fe_term_return(fe_fn *fn, const ir_val *v, ir_loc loc, int implicit) {
  if (fn->cur == FE_NONE)
    return;
  exc_flush(fn);
  ir_block *b = fe_term_block(fn, fn->cur);
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

unsigned fe_start_off(CXCursor c, CXFile *file) {
  fe_pos s;
  fe_extent_pos(c, &s, NULL);
  if (file)
    *file = s.file;
  return s.off;
}

/* ---- scopes and jumps --------------------------------------------------------------- */

fe_scope *fe_new_scope(fe_fn *fn, fe_scope_kind k, CXCursor stmt) {
  fe_scope *s = arena_alloc(fn->scratch, sizeof *s);
  s->kind = k;
  s->key = fe_start_off(stmt, NULL);
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

void fe_finally_copy(fe_fn *fn, fe_scope *s) {
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
  fe_finally_copy(fn, s);
  fn->cleanup = sv;
}

/* Leaving scopes: runs the finally bodies of every scope deeper than `depth` and
 * destroys the C++ objects above `to`, innermost first (an object constructed
 * inside a __try is destroyed before its finally body runs). fn->ret_skip is not
 * destroyed (the object a return statement returns). */
void fe_exit_scopes(fe_fn *fn, unsigned depth, fe_cleanup *to, ir_loc loc) {
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
      ir_block *b = fe_term_block(fn, from);
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
        fe_add_case(fn, from, (int64_t)i, s->handlers[i]);
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
  ir_block *b = fe_term_block(fn, fn->cur);
  if (b) {
    b->term = IR_T_THROW;
    b->term_loc = loc;
  }
  fn->cur = FE_NONE;
}

/* ---- labels ---------------------------------------------------------------------- */

fe_label *fe_label_get(fe_fn *fn, const char *name) {
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

unsigned fe_label_block(fe_fn *fn, fe_label *l) {
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
    ps->bkeys[ps->nbkeys++] = fe_start_off(c, NULL);
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
    fe_label *l = fe_label_get(ps->fn, clang_getCString(s) ? clang_getCString(s) : "");
    clang_disposeString(s);
    if (!l->keys && ps->nkeys) {
      l->keys = arena_alloc(ps->fn->scratch, ps->nkeys * sizeof *l->keys);
      memcpy(l->keys, ps->keys, ps->nkeys * sizeof *l->keys);
    }
    l->nkeys = ps->nkeys;
    if (!l->scanned) {
      l->scanned = 1;
      l->off = fe_start_off(c, NULL);
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
        ps->keys[ps->nkeys++] = fe_start_off(c, NULL);
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
unsigned fe_common_depth(fe_fn *fn, const fe_label *l) {
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
fe_cleanup *fe_goto_keeps(fe_fn *fn, const fe_label *l) {
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
  const char *name = fe_function_name(fu, c);
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
  fn.owner = fe_start_off(body, NULL);
  fe_cxx_prologue(&fn, c);
  fe_lower_stmt(&fn, body);
  if (fn.cur != FE_NONE && fn.overflow == FE_NONE) {
    ir_loc loc = fe_end_loc(&fn, body); /* the closing brace itself */
    fe_exit_scopes(&fn, 0, NULL, loc);  /* a destructor's members and bases */
    fe_term_return(&fn, NULL, loc, 1);
  }
  /* shared finally copies: switch to the continuations */
  for (shared_list *sl = fn.shared; sl; sl = sl->next) {
    unsigned ex = sl->s->shared_exit;
    if (ex == FE_NONE || !sl->n)
      continue;
    ir_block *b = fe_term_block(&fn, ex);
    if (!b)
      continue;
    b->term = IR_T_SWITCH;
    b->sval.kind = IR_V_UNKNOWN;
    b->succ[0] = sl->conts[0];
    for (unsigned i = 1; i < sl->n; i++)
      fe_add_case(&fn, ex, (int64_t)i, sl->conts[i]);
  }
  for (unsigned i = 0; i < fn.nbbs; i++)
    if (!fn.bbs[i].has_term)
      fn.bbs[i].b.term = IR_T_UNREACHABLE;
  finish(&fn, entry);

  arena_grow(fu->scratch, (void **)&fu->out, &fu->out_cap, fu->nout + 1, sizeof *fu->out);
  fu->out[fu->nout++] = f;
  arena_free(fn.scratch);
}
