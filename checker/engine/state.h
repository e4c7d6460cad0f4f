/* state.h - one abstract program state of the path walk (engine-internal).
 *
 * A state binds places to abstract values, owns a small table of handle objects
 * (one per acquisition, tracked by origin, not by C type) and of symbols (unknown
 * integers such as a call's status, constrained by the branches taken).
 * States are malloc-owned (state_copy / state_freeze / state_free); the places they
 * point to are owned by the function walk's arena. A working state has room for
 * STATE_MAX_HANDLES handles and STATE_MAX_SYMS symbols, so a pointer into h[] or s[]
 * stays valid while handles and symbols are added; copying it copies only the entries
 * in use. A frozen state (the ones a block remembers to recognise repeats, and those
 * waiting in the worklist) is never changed: its tables are a body of exactly its
 * entries, shared by every frozen state whose tables are byte for byte the same (most
 * are: a state passes unchanged through the blocks that only test). The path history
 * (for notes) is a persistent list in that arena and is ignored by state_equal.
 */
#ifndef SSPI_ENGINE_STATE_H
#define SSPI_ENGINE_STATE_H

#include <stdint.h>
#include "../ir.h"
#include "range.h"

typedef enum av_kind {
  AV_UNINIT, /* declared, never assigned */
  AV_CONST,  /* known integer */
  AV_SYM,    /* unknown integer: symbol id */
  AV_HANDLE, /* holds handle object id (the struct itself, or a pointer-kind value) */
  AV_ADDR,   /* pointer to place */
  AV_EMPTY,  /* set to "no handle": zero-filled (c = 0) or invalidated (c = -1) */
  AV_ESCAPED /* on a heap object's own place: its address went where we cannot follow */
} av_kind;

/* AV_EMPTY's c for storage whose handle members are empty but whose other members
 * are unknown: a zeroed struct after a call that may have written its scalars. */
#define AV_EMPTY_HANDLES INT64_MIN

typedef struct aval {
  av_kind k;
  int64_t c;           /* CONST, EMPTY */
  unsigned id;         /* SYM: symbol index; HANDLE: handle index */
  const ir_place *to;  /* ADDR */
} aval;

typedef struct binding {
  const ir_place *place; /* canonical (resolved) place; arena-owned */
  uint64_t ph;           /* place_hash(place) */
  aval v;
} binding;

typedef enum h_state {
  H_COND,     /* held iff symbol `sym` satisfies the acquiring call's success test */
  H_HELD,     /* definitely held */
  H_LIVE,     /* assumed held, owned by someone else (a parameter's handle) */
  H_RELEASED, /* released at rel_loc */
  H_FAILED,   /* the acquiring call failed: nothing held */
  H_NONE      /* held nothing: tested NULL / invalid on this path */
} h_state;

typedef struct hnd {
  int kind;              /* rules kind index */
  h_state st;
  unsigned sym;          /* H_COND */
  unsigned char owned;   /* acquired in this function: a leak is ours to report */
  unsigned char escaped; /* ownership went somewhere we cannot see from here */
  unsigned char given;   /* escaped by being handed on (an unknown callee, a summary's
                            escape, returned), not only by living in a caller's storage:
                            whoever got it may hold it, so losing our copy loses nothing */
  unsigned char prev_empty; /* the place was explicitly empty before the acquisition */
  unsigned char weak;       /* maybe a continuation of a context we cannot see: its
                               failure does not mean "never acquired" */
  unsigned char is_value;   /* the handle is the acquiring call's return value: its symbol
                               is the value itself (NULL tests refine it) */
  unsigned char nexcept;    /* H_COND: statuses of success that acquire nothing (the rule's
                               not-on): a path whose status is known to be one of them
                               holds nothing (walk_eff) */
  int64_t except[2];        /* RULE_MAX_EXCEPT */
  unsigned char any_kind;   /* first seen released by a function that closes any handle
                               (rule_effect.any_handle): its kind is a guess, and findings
                               name it "handle" */
  const ir_place *none_if_zero; /* the place the call wrote the buffer's element count to
                               (rule_effect.count): a later test finding it 0 means no buffer */
  const ir_place *first_if_null; /* weak: the input place (conn->ctx) that was passed as the
                               context to continue, unread since: a later test finding it NULL
                               makes this a new context the function owns (first round) */
  const ir_place *home;  /* place it was stored at when acquired / first seen */
  ir_loc acq_loc;
  const char *acq_fn;    /* callee that acquired it */
  unsigned acq_seq;      /* history sequence number of the acquisition */
  ir_loc rel_loc;
  const char *rel_fn;
  unsigned rel_seq;
} hnd;

typedef struct sym {
  range r;
  range init;             /* what was known when the call returned (the rule's `returns`) */
  unsigned char has_succ; /* a success test is attached (the status of a rule call) */
  ir_op succ_op;
  int64_t succ_val;
  ir_loc loc;             /* the call that produced it */
  const char *fn;
  unsigned char opaque;   /* tested in a way we could not model: never "untested" */
  unsigned char linked;   /* a 0/1 value that is 1 exactly when  sym[link] link_op link_c */
  unsigned link;
  ir_op link_op;
  int64_t link_c;
  const range *link_set;  /* or, when not NULL: when it is v, sym[link] is in link_set[v]
                             (a summary's predicate over sets; owned by the walk's arena) */
} sym;

/* Path history entry (notes). */
typedef struct hist {
  const struct hist *prev;
  unsigned seq;
  ir_loc loc;
  const char *msg;       /* arena-owned */
} hist;

#define STATE_MAX_BINDINGS 512
#define STATE_MAX_HANDLES 48
#define STATE_MAX_SYMS 128

typedef struct state {
  unsigned nb, capb;
  binding *b;            /* sorted by place after state_canon */
  unsigned nh;
  hnd *h;                /* working: STATE_MAX_HANDLES slots; frozen: nh */
  unsigned ns;
  sym *s;                /* working: STATE_MAX_SYMS slots; frozen: ns */
  unsigned char frozen;  /* b, h and s live in body, shared and never changed */
  unsigned char overflow; /* a binding was dropped at STATE_MAX_BINDINGS: facts are
                            missing, the path is abandoned (walk.c) */
  /* not part of equality: */
  const hist *hist;
  unsigned seq;
  uint64_t hash;         /* valid after state_canon */
  struct state_body *body; /* frozen: the shared tables (state.c) */
} state;

/* state_new: an empty owned working state. state_copy: a working deep copy (owned) of
 * a working or frozen state. state_freeze: a compact read-only copy (owned) of a
 * canonical state (state_canon, nothing changed since): only compare it (state_equal),
 * copy it or free it. state_park: the same of any state, its tables not shared (a
 * state put aside to be copied back). Frozen states live no longer than the walk that
 * made them (the places they point to are its arena's). */
state *state_new(void);
state *state_copy(const state *s);
state *state_freeze(const state *s);
state *state_park(const state *s);
void state_free(state *s);

/* place_cmp: total order on places (root, var, name, steps). */
int place_cmp(const ir_place *a, const ir_place *b);

/* place_hash: a hash of what place_cmp compares (equal places, equal hashes). */
uint64_t place_hash(const ir_place *p);

/* state_get: the binding value of place p (exact), or NULL. Borrowed. */
aval *state_get(state *s, const ir_place *p);
/* state_set: binds p (arena-owned place) to v, replacing any binding of p. */
void state_set(state *s, const ir_place *p, aval v);
/* state_unbind: removes the binding of p (not its sub-places). */
void state_unbind(state *s, const ir_place *p);
/* state_kill_under: removes bindings of places strictly below p (p.f, p->x, ...). */
void state_kill_under(state *s, const ir_place *p);

/* state_new_sym / state_new_handle: append; return the index, or -1 when full. */
int state_new_sym(state *s);
int state_new_handle(state *s);

/* state_status_excepted: h is H_COND and its status is known to be one of the statuses
 * of success on which its acquisition does not happen (rules not-on). */
int state_status_excepted(const state *s, const hnd *h);

/* state_handle_refs: how many bindings hold handle id. */
unsigned state_handle_refs(const state *s, unsigned id);

/* state_canon: drops dead symbols and unreferenced finished handles, renumbers
 * symbols and handles in a canonical order, sorts bindings, computes the hash. */
void state_canon(state *s);
/* state_equal: same bindings, handles and symbols (history ignored). */
int state_equal(const state *a, const state *b);

/* state_join: when canonical states a and b agree on every handle (the same handle
 * objects, bound at the same places, with the same status symbols), returns a new
 * canonical working state that keeps b's handles and history and, of the other facts,
 * only those a and b share (a value bound at the same place, a symbol with the same
 * range): it stands for the paths of both. A binding for which sticky() is true is
 * kept when either state has it (marks such as "escaped"). NULL when the handles
 * differ. Owned. */
state *state_join(const state *a, const state *b, int (*sticky)(const binding *));

#endif
