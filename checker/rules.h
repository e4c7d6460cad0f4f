/* rules.h - the declarative knowledge of handle APIs, loaded from rules/ (YAML files).
 *
 * The engine knows no API by name: every acquiring, releasing, using, clearing or
 * non-returning function, every handle kind and every macro with meaning comes from
 * a rules file. rules/sspi.yaml holds the SSPI defaults; --rules FILE adds more
 * (later files override earlier entries with the same function name).
 *
 * Ownership: a `rules` and everything reachable from it is owned by rules->arena.
 */
#ifndef SSPI_RULES_H
#define SSPI_RULES_H

#include "util/strmap.h"
#include <stddef.h>
#include "ir.h"

/* How a handle of a kind is stored and passed. */
typedef enum rule_storage {
  RULE_STORE_STRUCT,  /* the handle is a struct (CredHandle): APIs take its address */
  RULE_STORE_POINTER  /* the handle is a pointer value (SSPI buffers, HCERTSTORE):
                         NULL means "none"; release functions take the value */
} rule_storage;

typedef struct rule_kind {
  const char *name;        /* "credential", "context", "buffer" */
  const char *describe;    /* "credential handle" (used in messages) */
  const char *leak_check;  /* check id reported for a leak: "sspi-credential-leak" */
  rule_storage storage;
  unsigned ninvalid;
  int64_t invalid_values[4];  /* field values a live STRUCT handle never has (0, -1): a
                                 comparison of a handle field with one of these is a
                                 validity test */
  const char *size_field;  /* POINTER kinds stored in a struct: sibling field whose zero
                              means "no buffer" (SecBuffer.cbBuffer); NULL if none */
  int unknown_call_escapes; /* 1: passing the handle (or its address) to a function with no
                               body and no rule hands it over (stop tracking here);
                               0: the callee only borrows it (keep tracking) */
  const char *release_hint; /* name of the release function for messages, or NULL */
  unsigned ntype_names;
  const char **type_names; /* C typedef names of the handle itself ("CredHandle"); a handle
                              whose acquisition is not visible has this kind when its
                              declared type (or the pointee of a "T *" / pointer typedef in
                              pointer_type_names) is one of them */
  unsigned npointer_type_names;
  const char **pointer_type_names; /* "PCredHandle" */
} rule_kind;

typedef enum rule_fx_kind {
  RX_ACQUIRE, /* a new handle of `kind` is stored at *arg (+path), or is the return value */
  RX_RELEASE, /* the handle at *arg (pass_value: the arg's value) is released */
  RX_USE,     /* the handle at *arg (pass_value: the arg's value) must be live */
  RX_CLEAR,   /* the storage *arg is zero-filled (memset, ZeroMemory) */
  RX_ESCAPE,  /* the handle at *arg (+path) is handed to code we cannot follow: it is
                 no longer reported as leaked here (function summaries use it for
                 "released on some paths only") */
  RX_ALLOC,   /* the call returns (arg: return) fresh storage owned by the caller
                 (malloc, calloc, HeapAlloc): handles stored in it are the caller's */
  RX_FREE,    /* the storage *arg points to is freed (free, HeapFree): handles still
                 held in it are leaked there */
  RX_COPY,    /* *arg receives a copy of *from (memcpy, memmove, CopyMemory): handles in
                 the source are now (also) held in the destination */
  RX_STORE    /* (derived summaries) *arg (+path) is assigned the value of argument from, a
                 pointer: a helper that fills a descriptor (d->pBuffers = arr), so that
                 what a later call writes through *arg's member lands in the caller's
                 array */
} rule_fx_kind;

#define RULE_ARG_RETURN (-1)
#define RULE_MAX_EXCEPT 2u /* statuses of an acquire's not-on list */

typedef struct rule_attr {
  const char *const_name;  /* attribute constant, e.g. "SECPKG_ATTR_NAMES" */
  unsigned nfields;
  const char **fields;     /* members of *arg that receive an owned buffer ("sUserName") */
} rule_attr;

typedef struct rule_effect {
  rule_fx_kind fx;
  int kind;                /* index into rules.kinds; -1 for RX_CLEAR */
  int arg;                 /* 0-based argument index, or RULE_ARG_RETURN (acquire only) */
  int pass_value;          /* release/use: the handle is the argument's value itself */
  int optional;            /* use: a NULL argument is allowed and means "no handle" */
  unsigned npath;
  ir_step *path;           /* acquire: steps applied after *arg ("pBuffers[].pvBuffer") */
  int from_arg;            /* copy: the source argument; store: the stored argument */
  int cont_arg;            /* acquire: index of the input-handle argument whose non-NULL
                              value means "continue the existing handle", or -1 */
  int flag_arg;            /* acquire only when this arg has the bit flag_name: or -1 */
  const char *flag_name;   /* e.g. "ISC_REQ_ALLOCATE_MEMORY" */
  int attr_arg;            /* acquire only for the attribute constants in attrs: or -1 */
  unsigned nattrs;
  rule_attr *attrs;
  int unconditional;       /* acquire: owned whatever the call returns */
  unsigned nexcept;        /* acquire: statuses of success the call returns without
                              acquiring (SEC_I_INCOMPLETE_CREDENTIALS brings no output
                              token): a path where the status is one of them holds none */
  const char **except;     /* their constant names (resolved per unit) */
  int has_count;           /* acquire: argument count_arg points to the number of elements
                              the call returns; a path where that count is 0 holds no
                              buffer (EnumerateSecurityPackages' pcPackages) */
  int count_arg;
  int any_handle;          /* release: the function closes any handle (CloseHandle): a
                              value it is given that was not seen acquired is of unknown
                              kind, named "handle" in findings, not by this kind */
  int if_held;             /* release (derived summaries): only when the handle is held; a
                              caller's handle that is empty, failed or unknown is left alone
                              ("if (t->pvBuffer) FreeContextBuffer(t->pvBuffer)") */
  int fail_unknown;        /* acquire (derived summaries): held where the result passes the
                              success test; where it does not, perhaps held and perhaps not
                              (an open function that fails half way, leaving what it
                              acquired to the close function): no finding there */
  int clears;              /* release (derived summaries): the place is then set empty:
                              1 zero / NULL, 2 the invalid handle (SecInvalidateHandle) */
  int as_unknown_call;     /* escape (derived summaries): the callee only passes the value to
                              code it cannot see (a function pointer): the caller treats the
                              argument as passed to an unknown function, which for a kind
                              without unknown-call-escapes (a token sent through a socket
                              layer's callback) is a use, not a hand-over */
} rule_effect;

/* A set of integers: an interval minus a few points (the engine's range, range.h). */
#define RULE_VALUES_MAX_HOLES 6
typedef struct rule_values {
  int64_t lo, hi;
  unsigned nholes;
  int64_t holes[RULE_VALUES_MAX_HOLES]; /* sorted, each strictly inside [lo, hi] */
} rule_values;

typedef struct rule_success {
  ir_op op;                /* the call succeeded iff  result <op> value */
  int64_t value;
  const char *value_name;  /* when the rules named a constant: resolve with the unit's
                              constants (ir_const_lookup); NULL when numeric */
} rule_success;

typedef struct rule_fn {
  const char *src_file;    /* rules file and line, for messages */
  unsigned src_line;
  unsigned nnames;
  const char **names;      /* exact callee names (A/W variants, table member names) */
  unsigned ntypes;
  const char **types;      /* function-pointer typedef names (FREE_CREDENTIALS_HANDLE_FN) */
  unsigned npatterns;
  const char **patterns;   /* fnmatch(3) globs matched against the names of pointer
                              variables and members ("p*FreeCredentialsHandle") */
  int has_success;
  rule_success success;
  int has_returns;
  rule_success returns;    /* every value the function can return satisfies this
                              (AcquireCredentialsHandle: "<= 0", it never returns SEC_I_*) */
  int noreturn;            /* the call never returns (exit, ExitProcess, abort) */
  int assert_fail;         /* the function a failed assert() calls: the path ends silently */
  int opaque;              /* (derived) the function's exits could not all be recorded (more
                              than the summary's caps): a call to it is an unknown call */
  int has_noreturn_if;     /* the call does not return when argument noreturn_if_arg
                              satisfies noreturn_if (an error reporter that longjmps for
                              some levels, a test assertion whose failure ends the check) */
  int noreturn_if_arg;
  rule_success noreturn_if;
  int has_range;           /* the result is always within [range_lo, range_hi] (derived for
                              functions of the program that return only constants) */
  int64_t range_lo, range_hi;
  unsigned nrange_holes;   /* values inside [range_lo, range_hi] it never returns (a wrapper
                              that returns 1 or -1: range -1..1 without 0) */
  int64_t range_holes[6];
  int has_pred;            /* (derived) a predicate of its argument: the result is 1 when
                              argument pred_arg satisfies  pred_op pred_val, else 0
                              (static inline int sspi_ok(SECURITY_STATUS s) { return s >= 0; }) */
  int pred_arg;
  ir_op pred_op;
  int64_t pred_val;
  int has_pred_set;        /* (derived) a 0/1 result that tells sets of argument pred_arg's
                              values apart: when it is 1, the argument was in pred_in[1],
                              when 0, in pred_in[0] (a status helper that returns 1 for
                              anything but four success codes); has_pred is then 0 */
  rule_values pred_in[2];
  unsigned neffects;
  rule_effect *effects;
} rule_fn;

typedef enum rule_macro_kind {
  RM_STATUS,     /* NAME(x) is the test  x <op> value  (FAILED: x < 0) */
  RM_VALID,      /* NAME(&h) tests that h holds a valid handle (SecIsValidHandle) */
  RM_INVALIDATE  /* NAME(&h) sets h to the invalid handle (SecInvalidateHandle) */
} rule_macro_kind;

typedef struct rule_macro {
  const char *name;
  rule_macro_kind kind;
  ir_op op;                /* RM_STATUS */
  int64_t value;           /* RM_STATUS */
} rule_macro;

/* A program entry point whose end releases what the program still holds: the
 * unload path of a DLL (DllMain) or the end of a program (main, wmain, WinMain). */
typedef struct rule_entry {
  const char *name;
  int is_unload;           /* 1: DLL unload (DllMain); 0: process exit (main) */
  int has_when;            /* the path that matters is the one where argument when_arg
                              satisfies when (DllMain: reason == DLL_PROCESS_DETACH) */
  int when_arg;
  rule_success when;
} rule_entry;

typedef struct rules {
  arena *arena;
  unsigned nkinds;
  rule_kind *kinds;
  unsigned nfns;
  rule_fn *fns;
  unsigned nmacros;
  rule_macro *macros;
  unsigned nconst_names;
  const char **const_names; /* every constant name the rules refer to (flags, attributes,
                               success values): the front end resolves these per unit */
  size_t kinds_cap, fns_cap, macros_cap, const_names_cap; /* growth bookkeeping */
  unsigned nentries;
  rule_entry *entries;      /* `entry-points:` of the rules files */
  size_t entries_cap;
  strmap fn_index;          /* name -> newest fns[] entry naming it, built by */
  unsigned fn_indexed;      /* rules_index_fns for fns[0..fn_indexed) (0: none) */
} rules;

/* rules_index_fns: (re)builds the name index of r->fns (after loading). */
void rules_index_fns(rules *r);

/* rules_new: an empty rule set (owned; free with rules_free). */
rules *rules_new(void);
void rules_free(rules *r);

/* rules_load_file: parses one YAML rules file and adds its entries to r.
 * Returns 0 on success; -1 with err filled as "path:line: message" (one line). */
int rules_load_file(rules *r, const char *path, char *err, size_t errlen);

/* rules_default_path: the path of the bundled rules/sspi.yaml (borrowed static
 * string): $SSPI_CHECK_RULES if set, else next to the executable
 * (../share/sspi-check/rules/sspi.yaml or the source tree's rules/), else the
 * compile-time SSPI_CHECK_RULES_DIR. */
const char *rules_default_path(void);

/* rules_match_call: the rule for a call, by exact name, then by function-pointer
 * typedef name, then (for indirect calls) by pattern; NULL if none. Borrowed. */
const rule_fn *rules_match_call(const rules *r, const ir_call *c);
/* rules_fn_by_name: the rule whose names include name (exact); NULL if none. */
const rule_fn *rules_fn_by_name(const rules *r, const char *name);
/* rules_macro: the macro entry for name, or NULL. Borrowed. */
const rule_macro *rules_macro(const rules *r, const char *name);
/* rules_kind_index: index of the kind with this name, or -1. */
int rules_kind_index(const rules *r, const char *name);
/* rules_kind_invalid: v is one of kind k's invalid-values (a value a field of a live
 * handle never has: 0, -1 for SSPI's handles). */
int rules_kind_invalid(const rule_kind *k, int64_t v);

#endif
