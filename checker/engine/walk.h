/* walk.h - engine-internal: the per-function walk context shared by walk.c
 * (the worklist and transfer functions), eval.c (values, places, conditions),
 * effects.c (rule effects of calls), report.c (findings) and live.c (liveness). */
#ifndef SSPI_ENGINE_WALK_H
#define SSPI_ENGINE_WALK_H

#include <stdio.h>
#include "../diag.h"
#include "../rules.h"
#include "engine.h"
#include "state.h"

typedef struct live_info live_info;
typedef struct leak_pending leak_pending;
#define WALK_LEAK_OTHERS 4
typedef struct sum_rec sum_rec;
struct sumtab;

typedef struct walk {
  const ir_unit *u;
  const rules *r;
  const engine_opts *o;
  const ir_func *f;
  arena *a;            /* function-walk arena: resolved places, history, strings */
  diag_set *out;
  live_info *live;
  unsigned *test_count; /* per local/param var id: how often a condition reads it */
  unsigned nvars;
  const struct sumtab *sums; /* summaries of functions seen so far (may be NULL) */
  unsigned scope;            /* the unit's scope in sums (unit_ctx.scope) */
  sum_rec *rec;              /* records this function's summary (may be NULL) */
  int used_missing_summary;  /* called a function of the unit that had no summary yet */
  struct prog *prog;         /* whole-program facts (globals), may be NULL */
  unsigned noreturn_ends;     /* paths that ended in a call that does not return */
  unsigned nmisuse;           /* misuse findings already emitted (one per site and check) */
  ir_loc misuse_loc[64];
  const char *misuse_check[64];
  const char *misuse_what[64];
  unsigned nrelp;             /* places (as written) that a release in this function acts */
  const ir_place **relp;      /* on: a test of one of them records "empty" on its empty side */
  unsigned nleaks, capleaks;  /* leaks found so far, one per acquisition (report.c) */
  leak_pending *leaks;
  unsigned nfptrs;           /* function pointers the unit sets itself: a member or pointer */
  const char **fptr_slot;    /* variable name that only ever receives one function */
  const char **fptr_fn;
  int cut_handles;           /* a state ran out of handle slots (effects.c handle_cap) */
  int cut;                   /* the walk was cut short: its exits are not all recorded */
  int summary_call;          /* the effects being applied are a summary's, not a rule's */
  unsigned ncallids;         /* call ids of w->f are below this (walk_call_rule's cache) */
  const rule_fn **call_rule; /* per call id: its rule, once looked up */
  unsigned char *call_rule_known;
} walk;

/* walk_note_global: tells the program facts that p (if global) is acquired/released. */
void walk_note_global(walk *w, const ir_place *p, int acquire, int kind, ir_loc loc, const char *callee);

/* ---- walk.c: one function at a time (run_unit, schedule.c) ---- */

/* What walking a unit's functions needs of the unit itself: the function pointers it
 * fills (a member or variable that only ever receives one function). Owned arena. */
typedef struct unit_ctx {
  const ir_unit *u;
  unsigned scope; /* the unit's number in the build + 1 (its functions' summaries are
                     told from other units' functions of the same name), 0: none */
  arena *a;
  unsigned nfptrs;
  const char **fslot, **ffn;
} unit_ctx;

void unit_ctx_init(unit_ctx *uc, const ir_unit *u, const rules *r);
void unit_ctx_free(unit_ctx *uc);
/* unit_ctx_fptr: the function a call through slot (a member or variable name) reaches,
 * or NULL. Borrowed. */
const char *unit_ctx_fptr(const unit_ctx *uc, const char *slot);

typedef struct walk_outcome {
  unsigned cut;   /* 1 when the function was cut short (notes printed when notes != NULL) */
  int changed;    /* its summary in sums changed (or is new) */
  int missing;    /* it called a function of the unit that had no summary yet */
} walk_outcome;

/* engine_walk_one: walks function fi of uc->u once: findings into out (non-NULL),
 * global facts into pg (NULL: none), its summary into sums. */
walk_outcome engine_walk_one(const unit_ctx *uc, unsigned fi, const rules *r, const engine_opts *o,
                             struct sumtab *sums, struct prog *pg, diag_set *out, FILE *notes);

/* ---- eval.c ---- */

/* An evaluated operand: where it lives (if an lvalue) and what is known of it. */
typedef struct eval_res {
  int is_const;            /* c valid */
  int64_t c;
  const char *const_name;  /* when written as a named constant */
  const ir_place *place;   /* PLACE: the resolved place read (NULL otherwise) */
  const ir_place *addr;    /* ADDR: the resolved place whose address it is */
  aval *v;                 /* binding of place (PLACE) / call result (CALL), or NULL */
  int unknown_ptr;         /* PLACE resolution went through an unknown pointer */
  int64_t bits_set;        /* BITS (x | C): bits known set in a value otherwise unknown */
} eval_res;

const ir_place *walk_resolve(walk *w, state *s, const ir_place *p, int *through_unknown);
const ir_place *walk_call_place(walk *w, unsigned call_id);
eval_res walk_eval(walk *w, state *s, const ir_val *v);
/* walk_pointee: the place an argument points to (ADDR, or a pointer place's ADDR
 * binding, or *p for an unknown pointer p); NULL for NULL/unknown. */
const ir_place *walk_pointee(walk *w, state *s, const ir_val *v, int *unknown_ptr);
/* walk_assume: refines s with cond == truth; returns 0 when infeasible. */
int walk_assume(walk *w, state *s, const ir_cond *c, int truth);
/* walk_assign: the effect of an assignment event (dst = src; a struct copy carries the
 * bindings below src, handles included). Used for rule copies (memcpy). */
void walk_assign(walk *w, state *s, const ir_event *e);
/* walk_assume_val: refines s with  v op c  (v a value of the IR: a status, a 0/1
 * condition value, a flag); returns 0 when infeasible. */
int walk_assume_val(walk *w, state *s, const ir_val *v, ir_op op, int64_t c);
/* walk_param_sym: e is the unknown value of a parameter (no steps): binds a fresh
 * symbol to it so that tests of it can be linked (predicate summaries). 1 if bound. */
int walk_param_sym(state *s, eval_res *e);
/* walk_zeroed_around: p is unbound and lies (through members and elements, not
 * pointers) in a struct zeroed as a whole (memset, calloc): it reads as zero / empty. */
int walk_zeroed_around(state *s, const ir_place *p);
/* walk_handle_empty_around: the same for handle members only: also true after a call
 * that may have written the struct's scalars but not its handles (AV_EMPTY_HANDLES). */
int walk_handle_empty_around(state *s, const ir_place *p);
/* walk_shadow_unknown: p was written with something unknown: if it lies in a zeroed
 * struct, bind it to an unknown value so that it no longer reads as zero. */
void walk_shadow_unknown(state *s, const ir_place *p);
/* walk_bool_of: v is  cond ? 1 : 0  on a status symbol: *out becomes a 0/1 symbol
 * linked to that status. 0 when v is not of that shape. */
int walk_bool_of(walk *w, state *s, const ir_val *v, aval *out);
/* walk_decide: 1 true, 0 false, -1 unknown, without changing s. */
int walk_decide(walk *w, state *s, const ir_cond *c);
/* walk_eff: the effective state of a handle (H_COND resolved through its symbol). */
h_state walk_eff(const state *s, const hnd *h);
/* walk_untested: H_COND whose status nobody looked at. */
int walk_untested(const state *s, const hnd *h);
/* Heap objects from allocation calls are places rooted at a pseudo local whose var
 * id is WALK_HEAP_BASE + call id, with one DEREF step: "s->cred" for  s = calloc(..) */
#define WALK_HEAP_BASE 0x40000000u
/* The longest place a pointer value may point to (steps); see do_assign. */
#define WALK_MAX_ADDR_STEPS 12
/* A path that went through a call to a function of the unit with no summary yet
 * (recursion, first round) carries a binding on this pseudo call-result place; its
 * exits say nothing about the function's summary. */
#define WALK_RECURSION_MARK 0x7ffffff0u
/* walk_place_escapes: storage that outlives the function or belongs to a caller. */
int walk_place_escapes(const ir_place *p);
/* walk_heap_escape: marks the heap object `to` points into (if any) as escaped:
 * handles stored in it later are not ours to report either. */
void walk_heap_escape(walk *w, state *s, const ir_place *to);
/* walk_place_escapes_in: walk_place_escapes, or a place inside an escaped heap object. */
int walk_place_escapes_in(state *s, const ir_place *p);
/* walk_escape_from: marks every handle bound at or below p as escaped
 * (only kinds that escape on unknown calls when only_escaping_kinds). */
void walk_escape_from(walk *w, state *s, const ir_place *p, int only_escaping_kinds);

/* ---- predset.c ---- */

/* What one exit tells about a predicate over sets of an argument's values. */
typedef struct pset_exit pset_exit;
/* pset_exit_note: the exit of state s returns rv (pid: the 0/1 symbol it returns, or
 * UINT32_MAX); NULL unless it returns a constant 0 or 1 or a 0/1 value linked to a
 * symbol. Owned by w->a. */
pset_exit *pset_exit_note(walk *w, const state *s, const eval_res *rv, unsigned pid);
/* pset_derive: fills fn's predicate over sets (has_pred_set, pred_arg, pred_in) when
 * the walk was not cut short, fn has no plain predicate, every one of the n exits has a
 * note, and a parameter that f never assigns is told apart by the result. Returns 1
 * when it did. */
int pset_derive(const walk *w, pset_exit *const *ex, unsigned n, rule_fn *fn);

/* ---- effects.c ---- */

/* walk_call: applies a call event; returns 0 when the path ends (no-return call). */
int walk_call(walk *w, state *s, const ir_event *e);
/* walk_call_rule: rules_match_call for a call of w->f, looked up once per walk (a call
 * is walked once per state that reaches it). */
const rule_fn *walk_call_rule(walk *w, const ir_call *c);
/* walk_summary: the summary a call of name in w's unit applies (sumtab_get_in: the unit's
 * own function of that name, a header copy's walked twin, else the name's), or NULL;
 * *has (may be NULL) as sumtab_has. */
const rule_fn *walk_summary(const walk *w, const char *name, int *has);
/* walk_scan_releases: fills w->relp with the places released by the calls of w->f. */
void walk_scan_releases(walk *w);
/* walk_lost: a binding of p is about to be overwritten: report a handle lost with it
 * (by_acquisition: 0 an assignment, 1 a rule's acquisition, 2 a summary's). */
void walk_lost(walk *w, state *s, const ir_place *p, ir_loc loc, int by_acquisition);
/* The helpers effects.c shares with effects_rule.c: field-ownership facts for the whole
 * program (program.c); the callee's name as the notes spell it; a handle over the
 * state's room (not tracked, its place unknown, the function cut short); what passing
 * arg to, or calling, a function nobody described does; a constant the rules name;
 * a valid rules kind; a place standing for several objects (an array element); where
 * the handle of a release/use effect lives (*direct: a handle id when the argument is
 * a handle value with no place); the scalars a described function may write through
 * its pointer arguments forgotten. */
void walk_note_field(walk *w, const ir_place *p, int acquire, int kind, ir_loc loc);
const char *walk_callee_name(const ir_call *c);
void walk_handle_cap(walk *w, state *s, const ir_place *p);
void walk_unknown_arg(walk *w, state *s, const ir_val *arg);
void walk_unknown_call(walk *w, state *s, const ir_event *e);
int walk_resolve_const(walk *w, const char *name, int64_t *out);
int walk_kind_ok(walk *w, int k);
int walk_is_summary_place(const ir_place *p);
const ir_place *walk_effect_place(walk *w, state *s, const ir_call *c, const rule_effect *fx,
                                  int *direct, const ir_place **addr_of);
void walk_forget_outputs(walk *w, state *s, const ir_call *c, const rule_fn *rf);

/* ---- effects_rule.c ---- */

/* walk_rule_effects: the effects rf lists applied to call event e: uses first (a
 * continuation call uses its input context before replacing it), then releases, then
 * what the callee writes, then acquisitions (sid: the call's status symbol, or -1),
 * clears, escapes and heap storage. */
void walk_rule_effects(walk *w, state *s, const ir_event *e, const rule_fn *rf, int sid);

/* ---- report.c ---- */

typedef enum exit_how { EXIT_RETURN, EXIT_END, EXIT_NORETURN, EXIT_THROW } exit_how;

void report_leaks_at_exit(walk *w, state *s, ir_loc loc, exit_how how, const char *callee);
void report_lost(walk *w, state *s, unsigned hid, ir_loc loc, int by_acquisition);
void report_freed(walk *w, state *s, unsigned hid, ir_loc loc, const char *callee);
void report_double_release(walk *w, state *s, unsigned hid, ir_loc loc);
void report_use_after_release(walk *w, state *s, unsigned hid, ir_loc loc, const char *callee);
void report_release_unacquired(walk *w, state *s, int kind, const ir_place *p, int hid, ir_loc loc);
void report_mismatch(walk *w, state *s, unsigned hid, int release_kind, ir_loc loc, const char *callee);
/* report_freed_as_heap: a handle kept in a pointer (an SSPI buffer, a token) given to a
 * heap free function (free, LocalFree, ...). */
void report_freed_as_heap(walk *w, state *s, unsigned hid, ir_loc loc, const char *callee);
/* report_heap_mismatch: memory from an allocation rule (malloc) given to a handle
 * kind's release function (FreeContextBuffer); p is the place that held the pointer. */
void report_heap_mismatch(walk *w, const ir_place *p, const char *allocator, ir_loc alloc_loc,
                          int release_kind, ir_loc loc, const char *callee);
/* report_flush_leaks: emits the leaks found during the walk, one per acquisition. */
void report_flush_leaks(walk *w);
/* report_history: appends a history entry (path note) to s. */
void report_history(walk *w, state *s, ir_loc loc, const char *msg);

/* ---- derive.c ---- */

sum_rec *sum_rec_new(walk *w);
/* sum_rec_exit: observe the state at a returning exit. */
void sum_rec_exit(walk *w, state *s, const ir_block *b);
/* sum_rec_use: a caller-visible place was used as a handle of kind. */
void sum_rec_use(walk *w, const ir_place *p, int kind);
/* sum_rec_escape: a caller-visible place (or what is below it) was handed to code
 * we cannot follow, or stored where it outlives the call. */
void sum_rec_escape(walk *w, const ir_place *p);
/* sum_rec_escape_unknown: the same place passed to an unknown callee (the summary's
 * escape is then "as an unknown call would": rule_effect.as_unknown_call). */
void sum_rec_escape_unknown(walk *w, const ir_place *p);
/* sum_rec_finish: the derived summary (arena-owned parts); 0 when it has no effect. */
int sum_rec_finish(walk *w, rule_fn *fn);

/* ---- live.c ---- */

live_info *live_compute(walk *w);
/* live_var: the local/param var id may still be mentioned from block b on. */
int live_var(const live_info *l, unsigned block, unsigned var);
int live_call(const live_info *l, unsigned block, unsigned call_id);
/* live_field: a member of this name may still be mentioned from block b on (in a place
 * of the function's or in an effect path of what a call applies). 1 when unsure. */
int live_field(live_info *l, unsigned block, const char *name);
/* live_free: what live_compute allocated outside the walk's arena. */
void live_free(live_info *l);

#endif
