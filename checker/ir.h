/* ir.h - the small intermediate representation shared by the front end and the
 * analysis. One function body = a control-flow graph of basic blocks; each block
 * holds a list of events (calls, assignments, declarations) and ends in one
 * terminator (goto, two-way branch on an atomic condition, switch, return).
 *
 * The IR has no libclang dependency: the front end (checker/fe/) builds it, the
 * engine (checker/engine/) reads it, and tests can build it by hand.
 *
 * Ownership: every pointer inside an ir_unit is owned by the unit's arena
 * (ir_unit.arena) and lives until ir_unit_free(). Strings are never NULL unless a
 * comment says so.
 */
#ifndef SSPI_IR_H
#define SSPI_IR_H

#include <stdint.h>
#include <stdio.h>
#include "util/arena.h"

/* A source position. Reported positions are expansion locations (where the
 * user's macro call is written), 1-based line and column. file==NULL: unknown. */
typedef struct ir_loc {
  const char *file;
  unsigned line, col;
} ir_loc;

/* ---- places: lvalue paths such as  cred  c->cred  st->creds[]  *out ---------- */

typedef enum ir_root_kind {
  IR_ROOT_LOCAL,   /* a local variable of this function (incl. static locals: see is_static) */
  IR_ROOT_PARAM,   /* a parameter of this function */
  IR_ROOT_GLOBAL,  /* a file-scope or extern variable */
  IR_ROOT_UNKNOWN  /* storage we cannot name (result of a call, complex expression) */
} ir_root_kind;

typedef enum ir_step_kind {
  IR_STEP_FIELD, /* .name  (p->f is DEREF then FIELD) */
  IR_STEP_DEREF, /* *      */
  IR_STEP_INDEX  /* [any]  array element; indices are not distinguished */
} ir_step_kind;

typedef struct ir_step {
  ir_step_kind kind;
  const char *field; /* FIELD: member name; otherwise NULL */
} ir_step;

typedef struct ir_place {
  ir_root_kind root;
  const char *name;     /* variable name as written ("" for IR_ROOT_UNKNOWN) */
  unsigned var;         /* locals/params: id unique within the function (1..); globals: 0 */
  unsigned char is_static;   /* local declared static: lives past the function */
  unsigned char is_pointer;  /* the place's own type is a pointer type */
  const char *type_name;     /* spelling of the place's type ("CredHandle", "PCtxtHandle",
                                "struct conn *"), or NULL when unknown */
  unsigned nsteps;
  ir_step *steps;
} ir_place;

/* ---- values ----------------------------------------------------------------- */

typedef enum ir_val_kind {
  IR_V_UNKNOWN, /* anything we do not model */
  IR_V_CONST,   /* integer constant (also NULL == 0, enum constants, macros evaluated) */
  IR_V_PLACE,   /* the value read from a place (rvalue of an lvalue) */
  IR_V_ADDR,    /* &place  (arrays decaying to a pointer are ADDR of place[any]) */
  IR_V_CALL,    /* the value returned by the call event with this call id */
  IR_V_CHOICE,  /* cond ? a : b */
  IR_V_BITS     /* a | c with c a constant (flags | ISC_REQ_ALLOCATE_MEMORY, and the value
                   flags |= c stores): every bit of c is set; the others are those of
                   place's value (place: a, when a is a place), or unknown (place NULL) */
} ir_val_kind;

struct ir_cond;

typedef struct ir_val {
  ir_val_kind kind;
  int64_t c;              /* CONST; BITS: the bits set */
  const char *const_name; /* CONST, BITS: name of the macro/enumerator it was written as, or NULL */
  ir_place *place;        /* PLACE, ADDR; BITS: the other operand, or NULL */
  unsigned call;          /* CALL: ir_call.id */
  struct ir_cond *cond;   /* CHOICE */
  struct ir_val *a, *b;   /* CHOICE: value when cond true / false */
} ir_val;

/* ---- conditions (atomic: && || ! are lowered to control flow) ----------------- */

typedef enum ir_op { IR_EQ, IR_NE, IR_LT, IR_LE, IR_GT, IR_GE } ir_op;

typedef enum ir_cond_kind {
  IR_C_CMP,     /* lhs op rhs;  if (x) is CMP(x, NE, 0) */
  IR_C_VALID,   /* the handle stored at place looks valid (a rule-declared validity
                   macro such as SecIsValidHandle(&h)); place is the handle's place */
  IR_C_UNKNOWN, /* not modelled: both branches are feasible */
  IR_C_MASK     /* (lhs & rhs) op 0, op EQ or NE: a bit test (flags & HAVE_CTX); decided
                   when both values are known constants on the path */
} ir_cond_kind;

/* Why a condition is IR_C_UNKNOWN (--stats=unknown). IR_WHY_STRUCTURAL branches have
 * no condition in the source (a range-for's "once more?", an exception edge, a
 * pending C++ exception): they are not counted as unknown conditions. */
typedef enum ir_why {
  IR_WHY_NONE,        /* not unknown */
  IR_WHY_STRUCTURAL,  /* no source condition (see above) */
  IR_WHY_FLOAT,       /* a floating-point value or comparison */
  IR_WHY_BITS,        /* a bit operation: flags & MASK, x ^ y, ~x, x << n */
  IR_WHY_ARITH,       /* arithmetic: a - b, a * b, pointer arithmetic */
  IR_WHY_VALID_ARG,   /* a validity macro whose argument is not a handle's place */
  IR_WHY_DEPTH,       /* nested deeper than the front end's expression cap */
  IR_WHY_EXPR,        /* any other expression without a value in the IR */
  IR_WHY_COUNT
} ir_why;
/* ir_why_name: "float", "bits", ... (a word; "-" for IR_WHY_NONE). */
const char *ir_why_name(ir_why w);

typedef struct ir_cond {
  ir_cond_kind kind;
  ir_op op;
  ir_val lhs, rhs;
  ir_place *place; /* VALID */
  ir_loc loc;
  ir_why why;      /* UNKNOWN: the reason */
} ir_cond;

/* ---- events ----------------------------------------------------------------- */

typedef struct ir_call {
  unsigned id;             /* unique within the function; IR_V_CALL refers to it */
  const char *name;        /* callee: function name, table member name or pointer
                              variable name; "" when the callee is an expression */
  const char *type_name;   /* typedef spelling of the callee's function-pointer type for
                              indirect calls (e.g. "FREE_CREDENTIALS_HANDLE_FN"), or NULL */
  unsigned char indirect;  /* called through a struct member or pointer variable */
  unsigned char has_body;  /* a direct call to a function defined in this unit */
  unsigned char noreturn;  /* the callee is declared not to return (__declspec(noreturn),
                              __attribute__((noreturn)), _Noreturn, [[noreturn]]) */
  unsigned nargs;
  ir_val *args;
} ir_call;

typedef enum ir_event_kind {
  IR_E_CALL,       /* call: see ir_call. Its result, if used, is IR_V_CALL(id) */
  IR_E_ASSIGN,     /* dst = src (also struct copy, and initialisers with an expression) */
  IR_E_DECL,       /* dst declared without initialiser (its value is indeterminate) */
  IR_E_CLEAR,      /* dst set to all zero: "= {0}", "= {}", static zero-init */
  IR_E_INVALIDATE, /* dst set to the invalid handle by a rule-declared macro
                      (SecInvalidateHandle) */
  IR_E_DELETE      /* storage of dst released (C++ delete of a pointer's target);
                      later work, may be absent */
} ir_event_kind;

typedef struct ir_event {
  ir_event_kind kind;
  ir_loc loc;
  ir_call call;  /* CALL */
  ir_place *dst; /* ASSIGN, DECL, CLEAR, INVALIDATE, DELETE; ASSIGN may have dst==NULL when
                    the target is not a nameable place (then src is just evaluated) */
  ir_val src;    /* ASSIGN */
} ir_event;

/* ---- blocks and terminators ------------------------------------------------- */

typedef enum ir_term_kind {
  IR_T_GOTO,        /* succ[0] */
  IR_T_BRANCH,      /* cond true -> succ[0], false -> succ[1] */
  IR_T_SWITCH,      /* on sval: case_vals[i] -> case_succ[i]; otherwise -> succ[0] */
  IR_T_RETURN,      /* leave the function (return statement, or falling off the end) */
  IR_T_THROW,       /* leave the function by an exception nobody in it catches */
  IR_T_UNREACHABLE  /* e.g. after __builtin_unreachable; the path ends silently */
} ir_term_kind;

typedef struct ir_block {
  unsigned id;
  unsigned nev;
  ir_event *ev;
  ir_term_kind term;
  ir_loc term_loc;       /* RETURN: the return statement or the closing brace;
                            BRANCH/SWITCH: the condition; THROW: the throw */
  unsigned succ[2];
  ir_cond *cond;         /* BRANCH */
  ir_val sval;           /* SWITCH */
  unsigned ncases;
  int64_t *case_vals;
  unsigned *case_succ;
  unsigned char has_retval; /* RETURN */
  ir_val retval;
  unsigned char implicit;   /* RETURN: falling off the closing brace */
} ir_block;

typedef struct ir_func {
  const char *name;
  ir_loc loc;            /* the function's name in its definition */
  unsigned nparams;
  ir_place **params;     /* the places of the parameters, in order */
  unsigned nblocks;
  ir_block *blocks;      /* blocks[entry] is the entry */
  unsigned entry;
  unsigned char truncated; /* the front end hit a cap: the CFG is incomplete */
  const char *truncated_why; /* NULL unless truncated */
} ir_func;

/* A named integer constant that the rules refer to, resolved in this unit
 * (e.g. ISC_REQ_ALLOCATE_MEMORY = 0x100). Unresolved names are absent. */
typedef struct ir_const {
  const char *name;
  int64_t value;
} ir_const;

typedef struct ir_unit {
  arena *arena;          /* owns everything below */
  const char *main_file; /* path as given on the command line / in the database */
  unsigned nfuncs;
  ir_func *funcs;
  unsigned nconsts;
  ir_const *consts;
} ir_unit;

/* ir_unit_new: an empty unit with its own arena (owned; free with ir_unit_free). */
ir_unit *ir_unit_new(const char *main_file);
void ir_unit_free(ir_unit *u);

/* Counts over lowered units (--stats). */
typedef struct ir_stats {
  unsigned long units, functions, blocks, branches, unknown;
} ir_stats;
/* ir_func_stats: adds f's counts to st (functions, blocks, branches, unknown). A branch
 * is a two-way BRANCH terminator with a source condition (structural ones are left
 * out); unknown counts those whose condition is IR_C_UNKNOWN. With list non-NULL,
 * prints each unknown branch as "file:line:col: unknown branch (REASON) in 'f'"
 * (main_file: where a branch without a location is said to be). */
void ir_func_stats(const ir_func *f, ir_stats *st, FILE *list, const char *main_file);

/* ir_const_lookup: value of a resolved named constant; returns 0 and leaves *out
 * untouched when the name is not resolved in this unit, 1 when found. */
int ir_const_lookup(const ir_unit *u, const char *name, int64_t *out);

/* ir_place_eq: same root variable and same steps. */
int ir_place_eq(const ir_place *a, const ir_place *b);
/* ir_place_str: "c->cred", "*out", "bufs[].pvBuffer"; owned by arena a. */
char *ir_place_str(arena *a, const ir_place *p);
/* ir_place_extend: a new place = base followed by one more step (owned by a). */
ir_place *ir_place_extend(arena *a, const ir_place *base, ir_step_kind k, const char *field);
/* ir_place_is_prefix: pre is base of p (pre's steps are a prefix of p's steps). */
int ir_place_is_prefix(const ir_place *pre, const ir_place *p);

/* ir_dump: a stable textual form of a unit, for tests (--dump-ir). */
void ir_dump(FILE *out, const ir_unit *u);

#endif
