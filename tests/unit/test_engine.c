/* test_engine.c - the engine on control-flow graphs built by hand (no libclang).
 *
 * Each test builds a tiny rule set (a "cred" kind acquired by Acq(&h) with status
 * >= 0 and released by Rel(&h)) and one function graph, runs the engine and checks
 * the findings (check id, line). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "engine/engine.h"
#include "ir.h"
#include "rules.h"

/* ---- a rule set built in code ---- */

static const char *acq_names[] = {"Acq"};
static const char *rel_names[] = {"Rel"};
static const char *use_names[] = {"Use"};
static const char *exit_names[] = {"Quit"};
static const char *relctx_names[] = {"RelCtx"};

static rule_kind test_kinds[2];
static rule_effect acq_fx, rel_fx, use_fx, relctx_fx;
static rule_fn test_fns[5];
static rules test_rules;

static void setup_rules(void) {
  memset(&test_rules, 0, sizeof test_rules);
  memset(test_kinds, 0, sizeof test_kinds);
  test_kinds[0].name = "cred";
  test_kinds[0].describe = "credential handle";
  test_kinds[0].leak_check = "sspi-credential-leak";
  test_kinds[0].storage = RULE_STORE_STRUCT;
  test_kinds[0].ninvalid = 2;
  test_kinds[0].invalid_values[0] = 0;
  test_kinds[0].invalid_values[1] = -1;
  test_kinds[0].unknown_call_escapes = 1;
  test_kinds[1] = test_kinds[0];
  test_kinds[1].name = "ctx";
  test_kinds[1].describe = "context handle";
  test_kinds[1].leak_check = "sspi-context-leak";

  memset(&acq_fx, 0, sizeof acq_fx);
  acq_fx.fx = RX_ACQUIRE;
  acq_fx.kind = 0;
  acq_fx.arg = 0;
  acq_fx.cont_arg = acq_fx.flag_arg = acq_fx.attr_arg = -1;
  rel_fx = acq_fx;
  rel_fx.fx = RX_RELEASE;
  use_fx = acq_fx;
  use_fx.fx = RX_USE;
  relctx_fx = rel_fx;
  relctx_fx.kind = 1;

  memset(test_fns, 0, sizeof test_fns);
  test_fns[0].nnames = 1;
  test_fns[0].names = acq_names;
  test_fns[0].has_success = 1;
  test_fns[0].success.op = IR_GE;
  test_fns[0].success.value = 0;
  test_fns[0].neffects = 1;
  test_fns[0].effects = &acq_fx;
  test_fns[1].nnames = 1;
  test_fns[1].names = rel_names;
  test_fns[1].neffects = 1;
  test_fns[1].effects = &rel_fx;
  test_fns[2].nnames = 1;
  test_fns[2].names = use_names;
  test_fns[2].neffects = 1;
  test_fns[2].effects = &use_fx;
  test_fns[3].nnames = 1;
  test_fns[3].names = exit_names;
  test_fns[3].noreturn = 1;
  test_fns[4].nnames = 1;
  test_fns[4].names = relctx_names;
  test_fns[4].neffects = 1;
  test_fns[4].effects = &relctx_fx;

  test_rules.nkinds = 2;
  test_rules.kinds = test_kinds;
  test_rules.nfns = 5;
  test_rules.fns = test_fns;
}

/* rules_match_call / rules_fn_by_name come from rules.c; the engine only calls
 * rules_match_call, which matches by exact name first: our table works with it. */

/* ---- a tiny graph builder ---- */

typedef struct gb {
  ir_unit *u;
  ir_func *f;
  unsigned next_call;
} gb;

static gb gb_new(unsigned nblocks) {
  gb g;
  g.u = ir_unit_new("t.c");
  g.u->nfuncs = 1;
  g.u->funcs = arena_alloc(g.u->arena, sizeof(ir_func));
  g.f = &g.u->funcs[0];
  g.f->name = "f";
  g.f->loc = (ir_loc){"t.c", 1, 1};
  g.f->nblocks = nblocks;
  g.f->blocks = arena_alloc(g.u->arena, nblocks * sizeof(ir_block));
  for (unsigned i = 0; i < nblocks; i++) {
    g.f->blocks[i].id = i;
    g.f->blocks[i].ev = arena_alloc(g.u->arena, 16 * sizeof(ir_event));
    g.f->blocks[i].term = IR_T_UNREACHABLE;
  }
  g.next_call = 1;
  return g;
}

static ir_place *local(gb *g, const char *name, unsigned var) {
  ir_place *p = arena_alloc(g->u->arena, sizeof *p);
  p->root = IR_ROOT_LOCAL;
  p->name = name;
  p->var = var;
  return p;
}

static ir_loc L(unsigned line) { return (ir_loc){"t.c", line, 3}; }

/* call name(&place) in block b; returns the call id */
static unsigned call_addr(gb *g, unsigned b, const char *name, ir_place *p, unsigned line) {
  ir_block *bl = &g->f->blocks[b];
  ir_event *e = &bl->ev[bl->nev++];
  e->kind = IR_E_CALL;
  e->loc = L(line);
  e->call.id = g->next_call++;
  e->call.name = name;
  e->call.nargs = 1;
  e->call.args = arena_alloc(g->u->arena, sizeof(ir_val));
  if (p) {
    e->call.args[0].kind = IR_V_ADDR;
    e->call.args[0].place = p;
  } else {
    e->call.args[0].kind = IR_V_UNKNOWN;
  }
  return e->call.id;
}

static void assign_call(gb *g, unsigned b, ir_place *dst, unsigned id, unsigned line) {
  ir_block *bl = &g->f->blocks[b];
  ir_event *e = &bl->ev[bl->nev++];
  e->kind = IR_E_ASSIGN;
  e->loc = L(line);
  e->dst = dst;
  e->src.kind = IR_V_CALL;
  e->src.call = id;
}

static void assign_const(gb *g, unsigned b, ir_place *dst, int64_t c, unsigned line) {
  ir_block *bl = &g->f->blocks[b];
  ir_event *e = &bl->ev[bl->nev++];
  e->kind = IR_E_ASSIGN;
  e->loc = L(line);
  e->dst = dst;
  e->src.kind = IR_V_CONST;
  e->src.c = c;
}

static void decl(gb *g, unsigned b, ir_place *dst, ir_event_kind k, unsigned line) {
  ir_block *bl = &g->f->blocks[b];
  ir_event *e = &bl->ev[bl->nev++];
  e->kind = k;
  e->loc = L(line);
  e->dst = dst;
}

static void br_place(gb *g, unsigned b, ir_place *p, ir_op op, int64_t c, unsigned t, unsigned f,
                     unsigned line) {
  ir_block *bl = &g->f->blocks[b];
  bl->term = IR_T_BRANCH;
  bl->term_loc = L(line);
  bl->cond = arena_alloc(g->u->arena, sizeof(ir_cond));
  bl->cond->kind = IR_C_CMP;
  bl->cond->op = op;
  bl->cond->lhs.kind = IR_V_PLACE;
  bl->cond->lhs.place = p;
  bl->cond->rhs.kind = IR_V_CONST;
  bl->cond->rhs.c = c;
  bl->succ[0] = t;
  bl->succ[1] = f;
}

static void br_unknown(gb *g, unsigned b, unsigned t, unsigned f, unsigned line) {
  ir_block *bl = &g->f->blocks[b];
  bl->term = IR_T_BRANCH;
  bl->term_loc = L(line);
  bl->cond = arena_alloc(g->u->arena, sizeof(ir_cond));
  bl->cond->kind = IR_C_UNKNOWN;
  bl->succ[0] = t;
  bl->succ[1] = f;
}

static void go(gb *g, unsigned b, unsigned to) {
  g->f->blocks[b].term = IR_T_GOTO;
  g->f->blocks[b].succ[0] = to;
}

static void ret(gb *g, unsigned b, unsigned line) {
  g->f->blocks[b].term = IR_T_RETURN;
  g->f->blocks[b].term_loc = L(line);
}

static unsigned last_cut;

static diag_set *run(gb *g) {
  diag_set *d = diag_set_new();
  engine_opts o = engine_default_opts();
  last_cut = engine_check_unit(g->u, &test_rules, &o, d, NULL);
  diag_finish(d);
  return d;
}

static int has(diag_set *d, const char *check, unsigned line) {
  for (unsigned i = 0; i < diag_count(d); i++) {
    const diag *x = diag_get(d, i);
    if (strcmp(x->check, check) == 0 && x->loc.line == line)
      return 1;
  }
  return 0;
}

/* ---- tests ---- */

/* ss = Acq(&c); if (ss < 0) return; if (?) return;  Rel(&c); return; */
static void leak_on_early_return(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(5);
  ir_place *c = local(&g, "c", 1), *ss = local(&g, "ss", 2);
  decl(&g, 0, c, IR_E_DECL, 2);
  unsigned id = call_addr(&g, 0, "Acq", c, 3);
  assign_call(&g, 0, ss, id, 3);
  br_place(&g, 0, ss, IR_LT, 0, 1, 2, 4);
  ret(&g, 1, 5);            /* failure: nothing held */
  br_unknown(&g, 2, 3, 4, 6);
  ret(&g, 3, 7);            /* leak */
  call_addr(&g, 4, "Rel", c, 8);
  ret(&g, 4, 9);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 1);
  assert_true(has(d, "sspi-credential-leak", 7));
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* Rel(&c); Rel(&c) on a parameter-owned place: double release */
static void double_release(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(1);
  ir_place *c = local(&g, "c", 1);
  c->root = IR_ROOT_PARAM;
  call_addr(&g, 0, "Rel", c, 2);
  call_addr(&g, 0, "Rel", c, 3);
  ret(&g, 0, 4);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 1);
  assert_true(has(d, "sspi-double-release", 3));
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* Acq(&c) (untested) ; Rel(&c); Use(&c): use after release */
static void use_after_release(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(1);
  ir_place *c = local(&g, "c", 1);
  call_addr(&g, 0, "Acq", c, 2);
  call_addr(&g, 0, "Rel", c, 3);
  call_addr(&g, 0, "Use", c, 4);
  ret(&g, 0, 5);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 1);
  assert_true(has(d, "sspi-use-after-release", 4));
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* CredHandle c; Rel(&c): never acquired. c = {0}; Rel(&c): silent by convention. */
static void release_unacquired(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(1);
  ir_place *c = local(&g, "c", 1), *z = local(&g, "z", 2);
  decl(&g, 0, c, IR_E_DECL, 2);
  decl(&g, 0, z, IR_E_CLEAR, 3);
  call_addr(&g, 0, "Rel", c, 4);
  call_addr(&g, 0, "Rel", z, 5);
  ret(&g, 0, 6);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 1);
  assert_true(has(d, "sspi-release-unacquired", 4));
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* failed acquisition then release: unacquired (acquisition failed) */
static void release_after_failure(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(3);
  ir_place *c = local(&g, "c", 1), *ss = local(&g, "ss", 2);
  decl(&g, 0, c, IR_E_DECL, 2);
  unsigned id = call_addr(&g, 0, "Acq", c, 3);
  assign_call(&g, 0, ss, id, 3);
  br_place(&g, 0, ss, IR_NE, 0, 1, 2, 4);
  call_addr(&g, 1, "Rel", c, 5); /* ss != 0 covers negative (failure) and positive */
  ret(&g, 1, 6);
  call_addr(&g, 2, "Rel", c, 7);
  ret(&g, 2, 8);
  diag_set *d = run(&g);
  /* ss != 0 may still be a positive success code: release at 5 is "maybe": silent */
  assert_int_equal(diag_count(d), 0);
  diag_set_free(d);
  ir_unit_free(g.u);

  g = gb_new(3);
  c = local(&g, "c", 1);
  ss = local(&g, "ss", 2);
  decl(&g, 0, c, IR_E_DECL, 2);
  id = call_addr(&g, 0, "Acq", c, 3);
  assign_call(&g, 0, ss, id, 3);
  br_place(&g, 0, ss, IR_LT, 0, 1, 2, 4);
  call_addr(&g, 1, "Rel", c, 5);
  ret(&g, 1, 6);
  call_addr(&g, 2, "Rel", c, 7);
  ret(&g, 2, 8);
  d = run(&g);
  assert_int_equal(diag_count(d), 1);
  assert_true(has(d, "sspi-release-unacquired", 5));
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* flag: have = 0; if (Acq(&c) >= 0) have = 1; ...; if (have) Rel(&c); return  -> silent */
static void flag_guard(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(6);
  ir_place *c = local(&g, "c", 1), *have = local(&g, "have", 2), *ss = local(&g, "ss", 3);
  assign_const(&g, 0, have, 0, 2);
  unsigned id = call_addr(&g, 0, "Acq", c, 3);
  assign_call(&g, 0, ss, id, 3);
  br_place(&g, 0, ss, IR_GE, 0, 1, 2, 3);
  assign_const(&g, 1, have, 1, 4);
  go(&g, 1, 2);
  br_unknown(&g, 2, 3, 3, 5); /* unrelated work */
  br_place(&g, 3, have, IR_NE, 0, 4, 5, 6);
  call_addr(&g, 4, "Rel", c, 7);
  go(&g, 4, 5);
  ret(&g, 5, 8);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 0);
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* mismatched: Acq(&c) ; RelCtx(&c) */
static void mismatched(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(1);
  ir_place *c = local(&g, "c", 1);
  call_addr(&g, 0, "Acq", c, 2);
  call_addr(&g, 0, "RelCtx", c, 3);
  ret(&g, 0, 4);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 1);
  assert_true(has(d, "sspi-mismatched-release", 3));
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* escape: Acq(&c); Unknown(&c); return -> silent */
static void escape_to_unknown(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(1);
  ir_place *c = local(&g, "c", 1);
  call_addr(&g, 0, "Acq", c, 2);
  call_addr(&g, 0, "keep_it", c, 3);
  ret(&g, 0, 4);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 0);
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* no-return call with a live handle */
static void noreturn_exit(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(1);
  ir_place *c = local(&g, "c", 1);
  call_addr(&g, 0, "Acq", c, 2);
  call_addr(&g, 0, "Quit", NULL, 3);
  ret(&g, 0, 4);
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 1);
  assert_true(has(d, "sspi-credential-leak", 3));
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* 40 independent ifs on distinct unknowns: the walk stays small and is not cut */
static void long_if_chain(void **st) {
  (void)st;
  setup_rules();
  unsigned n = 40;
  gb g = gb_new(2 * n + 2);
  ir_place *c = local(&g, "c", 1);
  call_addr(&g, 0, "Acq", c, 1);
  go(&g, 0, 1);
  for (unsigned i = 0; i < n; i++) {
    unsigned b = 1 + 2 * i;
    ir_place *x = local(&g, "x", 10 + i);
    br_place(&g, b, x, IR_NE, 0, b + 1, b + 2, 100 + i);
    call_addr(&g, b + 1, "work", NULL, 200 + i);
    go(&g, b + 1, b + 2);
  }
  call_addr(&g, 2 * n + 1, "Rel", c, 500);
  ret(&g, 2 * n + 1, 501);
  /* 2^40 paths; merging at the joins keeps the walk linear and uncut */
  diag_set *d = run(&g);
  assert_int_equal(diag_count(d), 0);
  assert_int_equal(last_cut, 0);
  diag_set_free(d);
  ir_unit_free(g.u);
}

/* loop: while (?) { Acq(&c) } -> overwrite leak on the second iteration */
static void overwrite_in_loop(void **st) {
  (void)st;
  setup_rules();
  gb g = gb_new(4);
  ir_place *c = local(&g, "c", 1), *ss = local(&g, "ss", 2);
  go(&g, 0, 1);
  br_unknown(&g, 1, 2, 3, 2);
  unsigned id = call_addr(&g, 2, "Acq", c, 3);
  assign_call(&g, 2, ss, id, 3);
  go(&g, 2, 1);
  call_addr(&g, 3, "Rel", c, 5);
  ret(&g, 3, 6);
  diag_set *d = run(&g);
  assert_true(has(d, "sspi-credential-leak", 3));
  diag_set_free(d);
  ir_unit_free(g.u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(leak_on_early_return), cmocka_unit_test(double_release),
      cmocka_unit_test(use_after_release),    cmocka_unit_test(release_unacquired),
      cmocka_unit_test(release_after_failure), cmocka_unit_test(flag_guard),
      cmocka_unit_test(mismatched),           cmocka_unit_test(escape_to_unknown),
      cmocka_unit_test(noreturn_exit),        cmocka_unit_test(long_if_chain),
      cmocka_unit_test(overwrite_in_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
