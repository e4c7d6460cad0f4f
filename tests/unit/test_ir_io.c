/* test_ir_io.c - unit files (checker/ir_write.c, checker/ir_read.c) on units built by hand.
 *
 * The round trip: ir_dump(ir_read(ir_write(u))) == ir_dump(u), writing the read unit
 * again gives the same bytes (every field, not only the dumped ones), shared places,
 * conditions and values stay shared. Malformed files are rejected with
 * "path:line: message", and a few thousand mutated files never crash the reader. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ir.h"
#include "ir_io.h"

/* ---- helpers: text of a unit ---- */

/* to_text: ir_write into a malloc'd string. */
static char *to_text(const ir_unit *u) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  assert_non_null(f);
  assert_int_equal(ir_write(f, u), 0);
  assert_int_equal(fclose(f), 0);
  return buf;
}

static char *dump_text(const ir_unit *u) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  assert_non_null(f);
  ir_dump(f, u);
  assert_int_equal(fclose(f), 0);
  return buf;
}

/* from_text: ir_read of a string ("t.unit" in messages); err receives the message. */
static ir_unit *from_text(const char *text, size_t len, char *err, size_t errlen) {
  FILE *f = fmemopen((void *)text, len, "r");
  assert_non_null(f);
  ir_unit *u = ir_read(f, "t.unit", err, errlen);
  fclose(f);
  return u;
}

/* round_trip: checks the properties on u and returns the read unit (owned). */
static ir_unit *round_trip(const ir_unit *u) {
  char err[512];
  char *t1 = to_text(u);
  ir_unit *back = from_text(t1, strlen(t1), err, sizeof err);
  if (!back)
    fail_msg("ir_read failed: %s\n%s", err, t1);
  char *d1 = dump_text(u), *d2 = dump_text(back);
  assert_string_equal(d1, d2);
  char *t2 = to_text(back);
  assert_string_equal(t1, t2);
  free(t1);
  free(t2);
  free(d1);
  free(d2);
  return back;
}

/* ---- helpers: building units ---- */

typedef struct ub {
  ir_unit *u;
  arena *a;
} ub;

static ir_place *mk_place(ub *b, ir_root_kind root, const char *name, unsigned var) {
  ir_place *p = arena_alloc(b->a, sizeof *p);
  p->root = root;
  p->name = name;
  p->var = var;
  return p;
}

static ir_val v_const(int64_t c, const char *name) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_CONST;
  v.c = c;
  v.const_name = name;
  return v;
}

static ir_val v_place(ir_val_kind k, ir_place *p) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = k;
  v.place = p;
  return v;
}

static ir_val v_bits(int64_t c, const char *name, ir_place *p) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_BITS;
  v.c = c;
  v.const_name = name;
  v.place = p;
  return v;
}

static ir_val v_call(unsigned id) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_CALL;
  v.call = id;
  return v;
}

static ir_cond *mk_cmp(ub *b, ir_val lhs, ir_op op, ir_val rhs, ir_loc loc) {
  ir_cond *c = arena_alloc(b->a, sizeof *c);
  c->kind = IR_C_CMP;
  c->op = op;
  c->lhs = lhs;
  c->rhs = rhs;
  c->loc = loc;
  return c;
}

static ir_val v_choice(ub *b, ir_cond *c, ir_val x, ir_val y) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_CHOICE;
  v.cond = c;
  v.a = arena_alloc(b->a, sizeof *v.a);
  *v.a = x;
  v.b = arena_alloc(b->a, sizeof *v.b);
  *v.b = y;
  return v;
}

static ir_func *add_funcs(ub *b, unsigned n) {
  b->u->nfuncs = n;
  b->u->funcs = arena_alloc(b->a, n * sizeof *b->u->funcs);
  return b->u->funcs;
}

static void set_blocks(ub *b, ir_func *f, unsigned n, unsigned nev) {
  f->nblocks = n;
  f->blocks = arena_alloc(b->a, n * sizeof *f->blocks);
  for (unsigned i = 0; i < n; i++) {
    f->blocks[i].id = i;
    f->blocks[i].term = IR_T_RETURN;
    if (nev)
      f->blocks[i].ev = arena_alloc(b->a, nev * sizeof(ir_event));
  }
}

static ir_event *add_ev(ir_block *bl, ir_event_kind k, ir_loc loc) {
  ir_event *e = &bl->ev[bl->nev++];
  e->kind = k;
  e->loc = loc;
  return e;
}

static void set_args(ub *b, ir_call *c, unsigned n, const ir_val *args) {
  c->nargs = n;
  c->args = arena_alloc(b->a, n * sizeof *c->args);
  memcpy(c->args, args, n * sizeof *c->args);
}

/* A unit exercising every kind of every enum and every field of ir.h. */
static ir_unit *build_full(void) {
  ub b;
  b.u = ir_unit_new("src/dir with space/a \"quoted\" \\ file.c");
  b.a = b.u->arena;
  const char *f1 = "src/a.c";
  const char *f2 = "include/h\tab\x7f\xc3\xa9.h"; /* a tab, DEL and UTF-8 */
  ir_loc l1 = {f1, 10, 3}, l2 = {f2, 4294967295u, 0}, lnone = {NULL, 7, 9};

  b.u->nconsts = 3;
  b.u->consts = arena_alloc(b.a, 3 * sizeof *b.u->consts);
  b.u->consts[0] = (ir_const){"ISC_REQ_ALLOCATE_MEMORY", 0x100};
  b.u->consts[1] = (ir_const){"MIN", INT64_MIN};
  b.u->consts[2] = (ir_const){"MAX", INT64_MAX};

  ir_func *fs = add_funcs(&b, 3);

  /* f0: every place shape, event kind and terminator */
  ir_func *f = &fs[0];
  f->name = "connect_all";
  f->loc = l1;
  f->nparams = 2;
  f->params = arena_alloc(b.a, 2 * sizeof *f->params);
  ir_place *pc = mk_place(&b, IR_ROOT_PARAM, "c", 1);
  pc->is_pointer = 1;
  pc->type_name = "struct conn *";
  ir_place *pout = mk_place(&b, IR_ROOT_PARAM, "out", 2);
  pout->is_pointer = 1;
  f->params[0] = pc;
  f->params[1] = pout;
  ir_place *ccred = ir_place_extend(b.a, pc, IR_STEP_DEREF, NULL);
  ccred = ir_place_extend(b.a, ccred, IR_STEP_FIELD, "cred");
  ir_place *idx = ir_place_extend(b.a, mk_place(&b, IR_ROOT_GLOBAL, "g_bufs", 0), IR_STEP_INDEX,
                                  NULL);
  idx = ir_place_extend(b.a, idx, IR_STEP_FIELD, "pv\"Buffer\"");
  ir_place *nullfield = ir_place_extend(b.a, pout, IR_STEP_FIELD, NULL);
  nullfield->steps[0].field = NULL;
  ir_place *st = mk_place(&b, IR_ROOT_LOCAL, "s_cred", 3);
  st->is_static = 1;
  st->type_name = "CredHandle";
  ir_place *unk = mk_place(&b, IR_ROOT_UNKNOWN, "", 0);
  ir_place *noname = mk_place(&b, IR_ROOT_UNKNOWN, NULL, 0);
  ir_place *odd = mk_place(&b, IR_ROOT_LOCAL, "odd", 4);
  odd->is_static = 200;
  odd->is_pointer = 255;

  set_blocks(&b, f, 6, 9);
  ir_block *bl = &f->blocks[0];
  ir_event *e = add_ev(bl, IR_E_DECL, l1);
  e->dst = st;
  e = add_ev(bl, IR_E_CALL, l2);
  e->call.id = 1;
  e->call.name = "AcquireCredentialsHandleW";
  e->call.has_body = 0;
  ir_val args[7] = {v_const(0, "NULL"), v_const(-2, NULL), v_place(IR_V_ADDR, ccred),
                    v_place(IR_V_PLACE, unk), v_place(IR_V_ADDR, idx),
                    v_bits(256, "ISC_REQ_ALLOCATE_MEMORY", st), v_bits(-4, NULL, NULL)};
  set_args(&b, &e->call, 7, args);
  e = add_ev(bl, IR_E_CALL, lnone);
  e->call.id = 2;
  e->call.name = "pfnFree";
  e->call.type_name = "FREE_CREDENTIALS_HANDLE_FN";
  e->call.indirect = 1;
  ir_val a2[1] = {v_place(IR_V_ADDR, unk)}; /* the same unknown place: stays the same */
  set_args(&b, &e->call, 1, a2);
  e = add_ev(bl, IR_E_CALL, l1);
  e->call.id = 3;
  e->call.name = "";
  e->call.has_body = 1; /* no arguments */
  e->call.noreturn = 1;
  e = add_ev(bl, IR_E_ASSIGN, l1);
  e->dst = NULL; /* only evaluated */
  e->src = v_call(3);
  e = add_ev(bl, IR_E_CLEAR, l2);
  e->dst = odd;
  e = add_ev(bl, IR_E_INVALIDATE, l1);
  e->dst = nullfield;
  e = add_ev(bl, IR_E_DELETE, l1);
  e->dst = noname;
  e = add_ev(bl, IR_E_ASSIGN, l2); /* st |= 0x10 */
  e->dst = st;
  e->src = v_bits(16, NULL, st);
  bl->term = IR_T_BRANCH;
  bl->term_loc = l1;
  bl->cond = mk_cmp(&b, v_call(1), IR_NE, v_const(0, "SEC_E_OK"), l1);
  bl->succ[0] = 1;
  bl->succ[1] = 2;

  bl = &f->blocks[1];
  bl->term = IR_T_SWITCH;
  bl->term_loc = l2;
  bl->sval = v_place(IR_V_PLACE, mk_place(&b, IR_ROOT_LOCAL, "ss", 5));
  bl->ncases = 3;
  bl->case_vals = arena_alloc(b.a, 3 * sizeof *bl->case_vals);
  bl->case_succ = arena_alloc(b.a, 3 * sizeof *bl->case_succ);
  bl->case_vals[0] = INT64_MIN;
  bl->case_vals[1] = 0;
  bl->case_vals[2] = INT64_MAX;
  bl->case_succ[0] = 3;
  bl->case_succ[1] = 4;
  bl->case_succ[2] = 5;
  bl->succ[0] = 2;

  bl = &f->blocks[2];
  bl->term = IR_T_GOTO;
  bl->succ[0] = 3;
  ir_cond *valid = arena_alloc(b.a, sizeof *valid);
  valid->kind = IR_C_VALID;
  valid->place = ccred;
  valid->loc = l2;
  e = add_ev(bl, IR_E_ASSIGN, l1);
  e->dst = st;
  e->src = v_choice(&b, valid, v_const(1, NULL), v_const(0, NULL));

  bl = &f->blocks[3];
  bl->term = IR_T_RETURN;
  bl->term_loc = l1;
  bl->has_retval = 1;
  /* nested choices: the condition of a choice compares another choice */
  ir_cond *inner = mk_cmp(&b, v_place(IR_V_PLACE, pc), IR_EQ, v_const(0, NULL), lnone);
  ir_val deep = v_choice(&b, inner, v_call(1), v_const(-1, NULL));
  ir_cond *outer = mk_cmp(&b, deep, IR_GE, v_const(0, NULL), l2);
  bl->retval = v_choice(&b, outer, deep, v_place(IR_V_ADDR, idx));

  bl = &f->blocks[4];
  bl->term = IR_T_THROW;
  bl->term_loc = l2;
  bl = &f->blocks[5];
  bl->term = IR_T_UNREACHABLE;
  bl->implicit = 1;
  f->entry = 0;

  /* f1: truncated, the other operators, an unknown condition, an implicit return */
  f = &fs[1];
  f->name = "huge";
  f->loc = lnone;
  f->truncated = 1;
  f->truncated_why = "more than 20000 basic blocks";
  set_blocks(&b, f, 7, 1);
  static const ir_op ops[] = {IR_LT, IR_LE, IR_GT, IR_GE, IR_EQ};
  for (unsigned i = 0; i < 5; i++) {
    bl = &f->blocks[i];
    bl->term = IR_T_BRANCH;
    bl->cond = mk_cmp(&b, v_place(IR_V_PLACE, st), ops[i], v_const(i, NULL), l1);
    bl->succ[0] = i + 1;
    bl->succ[1] = 6;
  }
  bl = &f->blocks[5];
  bl->term = IR_T_BRANCH;
  bl->cond = arena_alloc(b.a, sizeof *bl->cond);
  bl->cond->kind = IR_C_UNKNOWN;
  bl->succ[0] = bl->succ[1] = 6;
  bl = &f->blocks[6];
  bl->implicit = 1;
  bl->term_loc = l1;
  bl->succ[0] = 77; /* not live for a return: kept as it is */
  f->entry = 3;

  /* f2: no blocks, no location */
  f = &fs[2];
  f->name = "empty";
  return b.u;
}

static void test_round_trip_full(void **state) {
  (void)state;
  ir_unit *u = build_full();
  ir_unit *back = round_trip(u);
  assert_string_equal(back->main_file, u->main_file);
  assert_int_equal(back->nconsts, 3);
  int64_t v = 0;
  assert_int_equal(ir_const_lookup(back, "MIN", &v), 1);
  assert_true(v == INT64_MIN);
  ir_func *f = &back->funcs[0];
  /* fields ir_dump does not show */
  assert_int_equal(f->params[0]->var, 1);
  assert_int_equal(f->params[0]->is_pointer, 1);
  assert_string_equal(f->params[0]->type_name, "struct conn *");
  assert_string_equal(f->blocks[0].ev[2].call.type_name, "FREE_CREDENTIALS_HANDLE_FN");
  assert_int_equal(f->blocks[0].ev[3].call.noreturn, 1);
  assert_int_equal(f->blocks[0].ev[2].call.noreturn, 0);
  assert_int_equal(f->blocks[0].ev[5].dst->is_static, 200);
  assert_null(f->blocks[0].ev[6].dst->steps[0].field);
  assert_null(f->blocks[0].ev[7].dst->name);
  assert_null(f->blocks[0].ev[2].loc.file);
  assert_int_equal(f->blocks[0].ev[2].loc.line, 7);
  assert_int_equal(back->funcs[1].blocks[6].succ[0], 77);
  assert_int_equal(back->funcs[1].entry, 3);
  assert_int_equal(back->funcs[2].nblocks, 0);
  /* sharing: the unknown place of two calls, the param place and its uses */
  ir_place *u1 = f->blocks[0].ev[1].call.args[3].place;
  ir_place *u2 = f->blocks[0].ev[2].call.args[0].place;
  assert_ptr_equal(u1, u2);
  assert_true(ir_place_eq(u1, u2));
  assert_ptr_equal(f->blocks[3].retval.cond->lhs.a, f->blocks[3].retval.a->a);
  assert_ptr_equal(f->blocks[3].retval.cond->lhs.cond, f->blocks[3].retval.a->cond);
  assert_ptr_equal(f->blocks[0].ev[0].dst, back->funcs[1].blocks[0].cond->lhs.place);
  /* bits values: flags | C of a place, of an unknown value, and flags |= C */
  const ir_val *bits = &f->blocks[0].ev[1].call.args[5];
  assert_int_equal(bits->kind, IR_V_BITS);
  assert_true(bits->c == 256);
  assert_string_equal(bits->const_name, "ISC_REQ_ALLOCATE_MEMORY");
  assert_ptr_equal(bits->place, f->blocks[0].ev[0].dst);
  assert_int_equal(f->blocks[0].ev[1].call.args[6].kind, IR_V_BITS);
  assert_true(f->blocks[0].ev[1].call.args[6].c == -4);
  assert_null(f->blocks[0].ev[1].call.args[6].place);
  assert_null(f->blocks[0].ev[1].call.args[6].const_name);
  assert_ptr_equal(f->blocks[0].ev[8].src.place, f->blocks[0].ev[8].dst);
  /* one file name string per file */
  assert_ptr_equal(f->loc.file, f->blocks[0].ev[3].loc.file);
  ir_unit_free(back);
  ir_unit_free(u);
}

static void test_round_trip_empty(void **state) {
  (void)state;
  ir_unit *u = ir_unit_new("");
  ir_unit *back = round_trip(u);
  assert_string_equal(back->main_file, "");
  assert_int_equal(back->nfuncs, 0);
  assert_int_equal(back->nconsts, 0);
  ir_unit_free(back);
  ir_unit_free(u);
}

static void test_deterministic(void **state) {
  (void)state;
  ir_unit *a = build_full(), *b = build_full();
  char *ta = to_text(a), *tb = to_text(b);
  assert_string_equal(ta, tb);
  assert_memory_equal(ta, IR_IO_MAGIC " 2\n", strlen(IR_IO_MAGIC) + 3);
  free(ta);
  free(tb);
  ir_unit_free(a);
  ir_unit_free(b);
}

/* A cycle between a condition and a value cannot be written (and does not hang). */
static void test_cycle_not_written(void **state) {
  (void)state;
  ub b;
  b.u = ir_unit_new("c.c");
  b.a = b.u->arena;
  ir_func *f = add_funcs(&b, 1);
  f->name = "f";
  set_blocks(&b, f, 1, 0);
  ir_cond *c = mk_cmp(&b, v_const(0, NULL), IR_EQ, v_const(0, NULL), (ir_loc){NULL, 0, 0});
  c->lhs = v_choice(&b, c, v_const(1, NULL), v_const(2, NULL));
  f->blocks[0].term = IR_T_BRANCH;
  f->blocks[0].cond = c;
  char *buf = NULL;
  size_t n = 0;
  FILE *o = open_memstream(&buf, &n);
  assert_int_equal(ir_write(o, b.u), -1);
  fclose(o);
  free(buf);
  ir_unit_free(b.u);
}

/* ---- malformed input ---- */

static const char *const hdr = "sspi-unit 1\nunit \"m.c\" 0 1\n";

/* expect_error: text is rejected with a message starting "t.unit:<line>: " and
 * containing want. */
static void expect_error(const char *text, unsigned line, const char *want) {
  char err[512];
  ir_unit *u = from_text(text, strlen(text), err, sizeof err);
  if (u)
    fail_msg("accepted:\n%s", text);
  char prefix[64];
  snprintf(prefix, sizeof prefix, "t.unit:%u: ", line);
  if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, want))
    fail_msg("for:\n%s\ngot '%s', wanted '%s...%s'", text, err, prefix, want);
}

static char *cat(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 1;
  char *s = malloc(n);
  snprintf(s, n, "%s%s", a, b);
  return s;
}

static void bad_body(const char *body, unsigned line, const char *want) {
  char *t = cat(hdr, body);
  expect_error(t, line, want);
  free(t);
}

static void test_malformed(void **state) {
  (void)state;
  expect_error("", 1, "empty file");
  expect_error("hello\n", 1, "not an sspi-check unit file");
  expect_error("sspi-unit 3\n", 1, "version 3 is not supported");
  expect_error("sspi-unit 0\n", 1, "version 0 is not supported");
  expect_error("sspi-unit x\n", 1, "bad unit file version");
  expect_error("sspi-unit 1\n", 2, "unexpected end of file");
  expect_error("sspi-unit 1\nunit m.c 0 0\n", 2, "expected a quoted string");
  expect_error("sspi-unit 1\nunit \"m.c\" 0\n", 2, "missing function count");
  expect_error("sspi-unit 1\nunit \"m.c\" 0 0\n", 3, "no 'end' record");
  expect_error("sspi-unit 1\nunit \"m.c\" 0 0\nend\nend\n", 4, "data after the 'end' record");
  expect_error("sspi-unit 1\nunit \"m.c\" 1 0\nend\n", 3, "1 constants announced, 0 found");
  expect_error("sspi-unit 1\nunit \"m.c\" 0 0\nconst \"A\" 1\nend\n", 3, "more constants");
  expect_error("sspi-unit 1\nunit \"m.c\" 0 0\nbogus 1\n", 3, "unknown record 'bogus'");
  expect_error("sspi-unit 1\nunit \"m.c\" 0 0\n\n", 3, "missing record");
  expect_error("sspi-unit 1\nunit \"m\\q.c\" 0 0\nend\n", 2, "bad escape");
  expect_error("sspi-unit 1\nunit \"m.c 0 0\nend\n", 2, "unterminated string");
  expect_error("sspi-unit 1\nunit \"m.c\"0 0\nend\n", 2, "missing space after a string");
  expect_error("sspi-unit 1\nunit \"m\\x00.c\" 0 0\nend\n", 2, "\\x00");
  expect_error("sspi-unit 1\nunit \"m.c\" 0 0\nconst \"A\" 99999999999999999999\nend\n", 3,
               "64-bit integer");
  bad_body("end\n", 3, "1 functions announced, 0 found");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nend\n", 4, "1 blocks announced, 0 found");
  bad_body("func \"f\" 0:1:1 0 0 0 - 0\nend\n", 3, "file 0 is not defined");
  bad_body("func \"f\" -:1 0 0 0 - 0\nend\n", 3, "bad location");
  bad_body("func \"f\" -:0:0 0 0 0 - 1 P0\nend\n", 3, "'P0' is not defined");
  bad_body("place 1 local \"x\" 1 0 0 - 0\n", 3, "place id 1 out of sequence");
  bad_body("place 0 nowhere \"x\" 1 0 0 - 0\n", 3, "unknown root 'nowhere'");
  bad_body("place 0 local \"x\" 1 0 0 - 2 deref\n", 3, "fewer steps than announced");
  bad_body("place 0 local \"x\" 1 0 0 - 1 jump\n", 3, "unknown step 'jump'");
  bad_body("place 0 local \"x\" 1 0 256 - 0\n", 3, "bad pointer flag");
  bad_body("place 0 local \"x\" 99999999 0 0 - 0\n", 3, "bad variable id");
  bad_body("place 0 local \"x\" 1 0 0 - 0 extra\n", 3, "unexpected 'extra'");
  bad_body("cond 0 cmp eq -:0:0 choice C0 - - unknown -\n", 3, "'C0' is not defined");
  bad_body("cond 0 cmp is -:0:0 unknown unknown -\n", 3, "unknown operator 'is'");
  bad_body("val 0 maybe\n", 3, "unknown value kind 'maybe'");
  bad_body("val 0 call -1\n", 3, "bad call id");
  bad_body("block 0 goto -:0:0 0 0 - 0 0 0 0 unknown unknown\n", 3, "block outside a function");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nblock 1 goto -:0:0 0 0 - 0 0 0 0 unknown unknown\n", 4,
           "block 1 out of sequence");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nblock 0 goto -:0:0 1 0 - 0 0 0 0 unknown unknown\nend\n",
           5, "a successor does not exist");
  bad_body("func \"f\" -:0:0 1 1 0 - 0\nblock 0 return -:0:0 0 0 - 0 0 0 0 unknown unknown\n"
           "end\n",
           5, "entry block 1 does not exist");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nblock 0 switch -:0:0 0 0 - 0 0 1 0 unknown unknown\n"
           "case 5 3\nend\n",
           6, "a successor does not exist");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nblock 0 return -:0:0 0 0 - 0 0 0 1 unknown unknown\n"
           "end\n",
           5, "0 cases and 1 events announced, 0 and 0 found");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nblock 0 return -:0:0 0 0 - 0 0 0 0 unknown unknown\n"
           "ev decl -:0:0 - unknown\n",
           5, "more events than the 0 announced");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nblock 0 return -:0:0 0 0 - 0 0 0 1 unknown unknown\n"
           "ev call -:0:0 - unknown\n",
           5, "call event without its call part");
  bad_body("func \"f\" -:0:0 0 1 0 - 0\nblock 0 return -:0:0 0 0 - 0 0 0 1 unknown unknown\n"
           "ev call -:0:0 - unknown call 1 \"g\" - 0 0 0 3 unknown\n",
           5, "fewer arguments than announced");
  bad_body("case 1 0\n", 3, "case outside a block");
  bad_body("ev decl -:0:0 - unknown\n", 3, "event outside a block");
  bad_body("func - -:0:0 0 0 0 - 0\n", 3, "bad function name");
  bad_body("func \"f\" -:0:0 0 0 0 - 0\nfunc \"g\" -:0:0 0 0 0 - 0\n", 4, "more functions");
}

/* A NUL byte and an over-long line are errors, not crashes. */
static void test_binary_input(void **state) {
  (void)state;
  static const char nul[] = "sspi-unit 1\nunit \"a\0b\" 0 0\nend\n";
  char err[256];
  ir_unit *u = from_text(nul, sizeof nul - 1, err, sizeof err);
  assert_null(u);
  assert_non_null(strstr(err, "t.unit:2: NUL byte"));
  /* a NULL err buffer is fine */
  FILE *f = fmemopen((void *)nul, sizeof nul - 1, "r");
  assert_null(ir_read(f, "t.unit", NULL, 0));
  fclose(f);
}

/* ---- mutations of a valid file ---- */

static uint64_t rng_state = 0x243f6a8885a308d3ull;

static unsigned rnd(unsigned n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned)(rng_state % n);
}

static void test_mutations_do_not_crash(void **state) {
  (void)state;
  ir_unit *u = build_full();
  char *text = to_text(u);
  size_t len = strlen(text);
  char *m = malloc(len * 2 + 64);
  static const char pieces[][12] = {" ", "\n", "\"", "\\", "-", "P0", "C9", "V1", "999999999",
                                    "-1", ":", "0", "end\n", "\\x"};
  unsigned accepted = 0;
  for (unsigned iter = 0; iter < 4000; iter++) {
    memcpy(m, text, len + 1);
    size_t n = len;
    unsigned edits = 1 + rnd(4);
    for (unsigned k = 0; k < edits && n > 0; k++) {
      size_t at = rnd((unsigned)n);
      switch (rnd(5)) {
      case 0: /* flip a byte */
        m[at] = (char)rnd(256);
        break;
      case 1: /* truncate */
        n = at;
        break;
      case 2: { /* delete a run */
        size_t run = 1 + rnd(16);
        if (at + run > n)
          run = n - at;
        memmove(m + at, m + at + run, n - at - run);
        n -= run;
        break;
      }
      case 3: { /* insert a piece */
        const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
        size_t pl = strlen(p);
        if (n + pl < len * 2 + 32) {
          memmove(m + at + pl, m + at, n - at);
          memcpy(m + at, p, pl);
          n += pl;
        }
        break;
      }
      default: { /* duplicate a run */
        size_t run = 1 + rnd(40);
        if (at + run > n)
          run = n - at;
        if (n + run < len * 2 + 32) {
          memmove(m + at + run, m + at, n - at);
          n += run;
        }
        break;
      }
      }
    }
    char err[512];
    err[0] = 0;
    ir_unit *r = from_text(m, n, err, sizeof err);
    if (r) {
      accepted++;
      char *t = to_text(r); /* whatever was accepted can be written and dumped */
      char *d = dump_text(r);
      free(t);
      free(d);
      ir_unit_free(r);
    } else {
      assert_true(strncmp(err, "t.unit:", 7) == 0);
    }
  }
  (void)accepted;
  free(m);
  free(text);
  ir_unit_free(u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip_full),
      cmocka_unit_test(test_round_trip_empty),
      cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_cycle_not_written),
      cmocka_unit_test(test_malformed),
      cmocka_unit_test(test_binary_input),
      cmocka_unit_test(test_mutations_do_not_crash),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
