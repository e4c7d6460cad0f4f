/* fe_internal.h - shared internals of the front end (the checker/fe sources only).
 *
 * Lifetimes: an fe_unit lives for one fe_lower() call; fe_unit.scratch holds the
 * per-unit tables (macro expansions, macro definitions, interned strings) and is
 * freed at the end. An fe_fn lives while one function is lowered; fe_fn.scratch
 * holds the builder's tables. Everything that ends up in the IR is allocated
 * from the unit's IR arena (fe_unit.a).
 */
#ifndef SSPI_FE_INTERNAL_H
#define SSPI_FE_INTERNAL_H

#include <clang-c/Index.h>
#include <limits.h>
#include <stdint.h>

#include "fe.h"

#define FE_NONE UINT_MAX
#define FE_MAX_BLOCKS 20000u      /* blocks per function */
#define FE_MAX_DEPTH 64u          /* expression nesting per statement */
#define FE_MAX_STMT_DEPTH 256u    /* statement nesting (recursion guard) */
#define FE_MAX_FINALLY_COPIES 16u /* inlined copies of one __finally body */
#define FE_MAX_FILES 4096u        /* interned file names per unit */
#define FE_MAX_MACRO_DEPTH 16u    /* nested macros while evaluating a constant */
#define FE_MAX_CLEANUPS 1024u     /* live C++ objects with destructors per function */
#define FE_MAX_CLASS_CACHE 512u   /* classes whose destructor kind is remembered */

/* ---- loc.c ---------------------------------------------------------------------- */

/* A file position: the file and byte offset after mapping macro locations the way
 * clang_getFileLocation does (macro arguments -> where they are written, macro
 * bodies -> the expansion point). */
typedef struct fe_pos {
  CXFile file;
  unsigned off, line, col;
} fe_pos;

struct fe_unit;

fe_pos fe_pos_of(CXSourceLocation l);
/* fe_loc: an IR location (interned file name) for a source location. */
ir_loc fe_loc(struct fe_unit *fu, CXSourceLocation l);
/* fe_cursor_loc: location of the first character of a cursor's extent. */
ir_loc fe_cursor_loc(struct fe_unit *fu, CXCursor c);
/* fe_name_loc: the cursor's own location (a declaration's name). */
ir_loc fe_name_loc(struct fe_unit *fu, CXCursor c);
/* fe_extent_pos: start and (exclusive) end positions of a cursor's extent. */
void fe_extent_pos(CXCursor c, fe_pos *start, fe_pos *end);
/* fe_str: copy of a CXString into arena a (disposes s); never NULL. */
const char *fe_str(arena *a, CXString s);
/* fe_intern: an interned copy of s in the unit's IR arena. */
const char *fe_intern(struct fe_unit *fu, const char *s);

/* ---- cdb.c ---------------------------------------------------------------------- */

/* fe_clang_path: the clang driver path put in argv[0] (static storage). */
const char *fe_clang_path(void);
/* fe_mingw_sysroot: the --sysroot that finds the mingw-w64 headers, or NULL. */
const char *fe_mingw_sysroot(void);
/* fe_rewrite_argv: the libclang command line for cmd plus extra (owned: fe_argv_free).
 * keep_target: a GNU-style command keeps its own target and headers (no mingw target,
 * sysroot or -fms-extensions added). */
char **fe_rewrite_argv(const fe_cmd *cmd, int nextra, const char *const *extra, int keep_target,
                       int *argc_out);
void fe_argv_free(char **argv, int argc);

/* prefix.c: shared prefixes (its file comment has the rule; the prefix text is
 * prefixscan.c's). fe_prefix_plan_lines: the prefix lines planned for c (0: none) and
 * the PCH directory. fe_prefix_key: the key of text under argv without argv[skip] (the
 * main file) in wd. fe_prefix_pch: the path of the PCH this unit may be parsed with
 * (owned; *deps the path of its file list, owned), or NULL: a key another process is
 * building, or one that is not shared. fe_prefix_deps: each file of such a list to
 * on_file. */
unsigned fe_prefix_plan_lines(const fe_prefix_plan *p, const fe_cmd *c, const char **dir);
void fe_prefix_key(char *const *argv, int argc, int skip, const char *wd, const char *text,
                   char hex[33]);
char *fe_prefix_pch(CXIndex ix, const char *dir, char *const *argv, int argc, int skip,
                    const char *wd, const char *text, const rules *r, char **deps);
void fe_prefix_deps(const char *deps, void (*on_file)(void *, const char *), void *ctx);
/* fe_prefix_consts: what a unit parsed with the PCH whose file list is deps needs of
 * its headers' macros (the PCH keeps no macro definitions): the rules' constants they
 * define, into arena a, and whether the unit is C++. -1 when unreadable. */
int fe_prefix_consts(const char *deps, arena *a, ir_const **out, unsigned *n, int *is_cxx);
/* fe_prefix_open: the file KEY.ext beside a PCH's KEY.deps, opened to read, or NULL. */
FILE *fe_prefix_open(const char *deps, const char *ext);
/* fe_unit_consts: the rules' constants a parsed unit defines (its macro definitions
 * and enumerators, as macros.c evaluates them), into arena a; *is_cxx: C++. */
unsigned fe_unit_consts(CXTranslationUnit tu, const rules *r, arena *a, ir_const **out, int *is_cxx);
/* fe_header_fns: "offset name path" for each function defined in a project header of tu
 * (what the lowering takes from outside the main file; KEY.fns). 0, or -1 when past
 * the cap or unnamed. */
int fe_header_fns(CXTranslationUnit tu, FILE *out);
/* fe_argv_remove: drops argv[i]. */
void fe_argv_remove(char **argv, int *argc, int i);

/* ---- macros.c ------------------------------------------------------------------- */

/* One macro expansion written in the main file or in a project (non-system) header. */
typedef struct fe_mexp {
  CXFile file;             /* where it is written */
  unsigned off, end;       /* file offsets of the macro name and of the end */
  const char *name;        /* interned */
  const rule_macro *rm;    /* the rules' entry for this macro, or NULL */
  int fn_like;             /* a function-like macro */
} fe_mexp;

/* fe_macros_add_expansion / fe_macros_add_definition: called for every
 * MacroExpansion (outside system headers) / MacroDefinition cursor of the unit. */
void fe_macros_add_expansion(struct fe_unit *fu, CXCursor c);
void fe_macros_add_definition(struct fe_unit *fu, CXCursor c);
/* fe_macros_add_enumerator: an enumerator whose name the rules refer to. */
void fe_macros_add_enumerator(struct fe_unit *fu, CXCursor c);
/* fe_macros_finish: sorts the expansions; resolves the rules' constant names into
 * fu->u->consts. */
void fe_macros_finish(struct fe_unit *fu);
/* fe_macro_exact: the expansion in file f that spans exactly [off, end), or NULL. */
const fe_mexp *fe_macro_exact(struct fe_unit *fu, CXFile f, unsigned off, unsigned end);
/* fe_macro_at: the expansion in file f whose name starts at off, or NULL. */
const fe_mexp *fe_macro_at(struct fe_unit *fu, CXFile f, unsigned off);

/* ---- the unit ------------------------------------------------------------------- */

typedef struct fe_file_name {
  CXFile file;
  const char *name;
} fe_file_name;

typedef struct fe_strtab fe_strtab; /* string interning (macros.c) */
typedef struct fe_macdefs fe_macdefs;

typedef struct fe_unit {
  CXTranslationUnit tu;
  CXFile main_file;
  int is_cxx;
  const rules *r;
  ir_unit *u;
  arena *a;       /* == u->arena: everything in the IR */
  arena *scratch; /* per-unit tables, freed at the end of fe_lower */

  fe_file_name *files;
  unsigned nfiles;
  size_t files_cap;
  CXFile last_file;
  const char *last_name;

  fe_mexp *mexp;
  unsigned nmexp;
  size_t mexp_cap;

  fe_strtab *strs;
  fe_macdefs *defs;
  /* parsed with a shared prefix's PCH, which keeps no macro definitions: the values
   * of the rules' constants that its headers define (prefix.c), used for the names
   * the unit's own definitions and enumerators leave unresolved */
  const ir_const *prefix_consts;
  unsigned nprefix_consts;

  CXCursor *fns; /* function definitions to lower, in source order */
  unsigned nfns;
  size_t fns_cap;

  ir_func *out; /* lowered functions */
  unsigned nout;
  size_t out_cap;

  struct fe_class_info *classes; /* destructor kinds of the classes seen (lower_cxx.c) */
  unsigned nclasses;
  size_t classes_cap;
} fe_unit;

/* ---- lower.c / lower_expr.c: one function ---------------------------------------- */

typedef struct fe_tok {
  unsigned off, len;
  CXTokenKind kind;
  char sp[8]; /* spelling of punctuation and keywords (truncated), "" otherwise */
} fe_tok;

typedef struct fe_bb {
  ir_block b;
  size_t ev_cap, case_cap;
  unsigned char has_term;
} fe_bb;

typedef enum fe_scope_kind {
  FE_SC_CXXTRY,   /* try { } catch */
  FE_SC_EXCEPT,   /* __try { } __except */
  FE_SC_FINALLY   /* __try { } __finally */
} fe_scope_kind;

struct fe_jump;

/* A C++ object whose destructor runs when its scope is left (lower_cxx.c): local
 * variables of class type, temporaries until the end of their full-expression, the
 * members and bases of *this in a destructor. The live objects form a stack (a
 * linked list, newest first) that follows the lexical structure; jumps and
 * exceptions destroy the objects between the current top and their target. */
typedef struct fe_cleanup {
  ir_place *obj;       /* the object */
  CXType type;         /* its type (a class, or an array of a class) */
  unsigned sdepth;     /* depth of fn->scope when it was constructed */
  unsigned owner;      /* file offset of the statement whose scope it belongs to */
  unsigned off;        /* file offset of its declaration */
  unsigned n;          /* number of entries up to this one */
  unsigned char temp;  /* a temporary (destroyed at the end of its full-expression) */
  ir_loc loc;          /* temporaries: where they are destroyed */
  struct fe_cleanup *parent;
} fe_cleanup;

typedef struct fe_scope {
  fe_scope_kind kind;
  unsigned key;               /* file offset of the try statement (stable across copies) */
  struct fe_scope *parent;
  struct fe_jump *jump_outer; /* break/continue targets outside the try */
  unsigned depth;             /* number of scopes from the root, this one included */
  /* FINALLY */
  CXCursor fin_body;
  unsigned copies;
  unsigned shared_entry, shared_exit; /* beyond the copy cap */
  /* CXXTRY */
  unsigned *handlers;
  const char **handler_types; /* NULL entry: catch (...) */
  unsigned nhandlers;
  /* EXCEPT */
  unsigned except_bb;
  /* EXCEPT, FINALLY: the target of __leave */
  unsigned leave_bb;
  fe_cleanup *cleanup; /* live C++ objects when the try began */
} fe_scope;

typedef struct fe_jump {
  unsigned brk, cont; /* cont == FE_NONE for a switch */
  fe_scope *scope;    /* scope at the loop/switch */
  fe_cleanup *cleanup; /* live C++ objects at the loop/switch */
  struct fe_jump *parent;
} fe_jump;

typedef struct fe_switch {
  unsigned head;      /* block that gets the SWITCH terminator */
  unsigned dflt;      /* default block or FE_NONE */
  int64_t *vals;
  unsigned *succ;
  unsigned n;
  size_t cap;
  struct fe_switch *parent;
} fe_switch;

typedef struct fe_label {
  const char *name;
  unsigned bb;
  unsigned char placed;
  unsigned *keys; /* keys of the try statements around the label, outermost first */
  unsigned nkeys;
  unsigned *bkeys; /* offsets of the statements whose scopes enclose the label */
  unsigned nbkeys;
  unsigned off;    /* file offset of the label */
  unsigned char scanned;
} fe_label;

typedef struct fe_var {
  CXCursor decl;
  unsigned id;
  ir_place *root;
  struct fe_var *next;
} fe_var;

#define FE_VAR_BUCKETS 256u

typedef struct fe_fn {
  fe_unit *fu;
  arena *a;       /* == fu->a */
  arena *scratch; /* builder tables */
  ir_func *f;
  CXCursor decl;
  CXFile file; /* the file the definition is written in (main file or project header):
                  its tokens are fn->toks */

  fe_bb *bbs;
  unsigned nbbs;
  size_t bbs_cap;
  unsigned cur; /* block receiving events, FE_NONE after a jump */
  unsigned overflow; /* sink block once the block cap is hit, FE_NONE before */

  fe_tok *toks;
  unsigned ntoks;

  fe_var *vars[FE_VAR_BUCKETS];
  unsigned nvars;
  ir_place *this_place;

  fe_scope *scope;
  fe_jump *jump;
  fe_switch *sw;
  fe_label *labels;
  unsigned nlabels;
  size_t labels_cap;

  unsigned next_call;
  unsigned char exc_pending; /* a call happened inside a C++ try since the last edge */
  unsigned char no_invalidate; /* lowering the orphaned half of SecInvalidateHandle */
  unsigned depth;            /* expression nesting in the current statement */
  unsigned sdepth;           /* statement nesting */
  unsigned in_copy;          /* >0 while lowering a __finally copy */
  struct fe_shared *shared;  /* tries whose shared finally copy needs its exit switch */
  unsigned ntemps;           /* synthetic locals for conditions used as values */
  fe_cleanup *cleanup;       /* live C++ objects with destructors, newest first */
  unsigned owner;            /* offset of the innermost statement that owns objects */
  unsigned cond_depth;       /* >0 inside an operand evaluated only on some paths */
  const ir_place *ret_skip;  /* the object a return statement returns (not destroyed) */
  unsigned char edge_before; /* the next call's exceptional edge leaves before it */
  ir_loc exc_loc;            /* the last call that may throw (destructors on its edge) */
} fe_fn;

/* lower.c */
/* fe_lower_function: lowers one function definition into fu->out. */
void fe_lower_function(fe_unit *fu, CXCursor fn);
unsigned fe_new_block(fe_fn *fn);
unsigned fe_ensure_cur(fe_fn *fn);
ir_event *fe_emit(fe_fn *fn, ir_event_kind k, ir_loc loc);
void fe_term_goto(fe_fn *fn, unsigned to);
void fe_term_goto_at(fe_fn *fn, unsigned to, ir_loc loc);
void fe_term_branch(fe_fn *fn, ir_cond *c, unsigned t, unsigned f, ir_loc loc);
void fe_term_unreachable(fe_fn *fn);
/* fe_route_throw: an exception of type `thrown` (canonical spelling without cv and
 * reference; NULL: unknown, e.g. a rethrow) raised at loc. */
void fe_route_throw(fe_fn *fn, ir_loc loc, const char *thrown);
/* fe_catch_type: the type a catch handler's declaration catches, in the same form. */
const char *fe_catch_type(fe_fn *fn, CXType t);
/* fe_note_call: a call event was emitted (for exceptional edges inside C++ try). */
void fe_note_call(fe_fn *fn);
void fe_lower_stmt(fe_fn *fn, CXCursor c);
void fe_truncate(fe_fn *fn, const char *why);
/* fe_exc_flush: emits the pending exceptional edges (calls inside a C++ try) now. */
void fe_exc_flush(fe_fn *fn);
/* fe_lower_compound_value: lowers a compound statement (a GNU statement
 * expression's body) and returns the value of its last expression statement. */
ir_val fe_lower_compound_value(fe_fn *fn, CXCursor c);

/* lower_expr.c */
typedef enum fe_cond_res {
  FE_COND_ATOMIC,  /* one BRANCH on *out */
  FE_COND_TRUE,    /* constant: jumped to t */
  FE_COND_FALSE,   /* constant: jumped to f */
  FE_COND_COMPLEX  /* several branches */
} fe_cond_res;

ir_val fe_lower_val(fe_fn *fn, CXCursor c);
ir_place *fe_lower_place(fe_fn *fn, CXCursor c);
/* fe_lower_cond: lowers c as a condition: control goes to t when true, f when
 * false; cur is FE_NONE afterwards. *out (may be NULL) receives the atomic
 * condition when the result is FE_COND_ATOMIC. */
fe_cond_res fe_lower_cond(fe_fn *fn, CXCursor c, unsigned t, unsigned f, ir_cond **out);
/* fe_lower_expr_stmt: an expression in statement position. */
void fe_lower_expr_stmt(fe_fn *fn, CXCursor c);
/* fe_lower_var_decl: a local variable declaration (DECL / CLEAR / ASSIGN / call). */
void fe_lower_var_decl(fe_fn *fn, CXCursor c);
/* fe_var_place: the root place of a variable or parameter declaration. */
ir_place *fe_var_place(fe_fn *fn, CXCursor decl);
/* fe_try_const: 1 and *v when c is an integer constant expression without effects. */
int fe_try_const(fe_fn *fn, CXCursor c, int64_t *v);
/* fe_strip: skips parentheses and implicit/explicit casts. */
CXCursor fe_strip(CXCursor c);
/* fe_tok_at / fe_tok_from: token index starting exactly at off / first at or after off. */
int fe_tok_at(fe_fn *fn, unsigned off);
int fe_tok_from(fe_fn *fn, unsigned off);
/* fe_type_name: interned spelling of a type, NULL for an invalid type. */
const char *fe_type_name(fe_unit *fu, CXType t);
/* fe_is_ref: t is an lvalue or rvalue reference type. */
int fe_is_ref(CXType t);
/* fe_this_place: the implicit `this` parameter of the function (created once). */
ir_place *fe_this_place(fe_fn *fn);
/* fe_temp_place: a fresh synthetic local "$tN" of the given type (NULL: int). */
ir_place *fe_temp_place(fe_fn *fn, const char *type_name);
/* fe_addr_of: the value &p (&*q is q). */
ir_val fe_addr_of(fe_fn *fn, ir_place *p);
/* fe_deref: the place *v (&q -> q, p -> *p, anything else -> *?). */
ir_place *fe_deref(fe_fn *fn, ir_val v);
/* fe_lower_addr: the address of the object an expression designates (an argument
 * bound to a reference, the initialiser of a reference); a prvalue of class type
 * is materialised as a temporary. Unknown when it has no place. */
ir_val fe_lower_addr(fe_fn *fn, CXCursor c);
/* fe_function_name: the IR name of a function: "Class::method" for methods,
 * constructors and destructors ("Class::method(int, const Class &)" with the
 * parameter types when the class has several members of that name), the
 * function's name otherwise (interned). */
const char *fe_function_name(fe_unit *fu, CXCursor ref);
/* fe_method_name: fe_function_name of a callee. */
const char *fe_method_name(fe_fn *fn, CXCursor ref);
/* fe_has_definition: the function is defined in this unit. */
int fe_has_definition(CXCursor ref);
/* fe_emit_call: a call event for call expression c (arguments from first_arg on,
 * preceded by *self when non-NULL; arguments bound to reference parameters of the
 * function type fty are passed by address). Returns the call's value. */
ir_val fe_emit_call(fe_fn *fn, CXCursor c, const char *name, const char *type_name, int indirect,
                    int has_body, int first_arg, const ir_val *self, CXType fty);
/* fe_emit_synth_call: a call the source does not spell (destructors, operator
 * new/delete) with the given arguments (copied). Returns its id. */
unsigned fe_emit_synth_call(fe_fn *fn, const char *name, int has_body, const ir_val *args,
                            unsigned nargs, ir_loc loc);
/* fe_lower_init: initialises place p (of type t) from initialiser init: braced
 * lists, constructor calls (into p, copies elided), or an assignment. */
void fe_lower_init(fe_fn *fn, ir_place *p, CXType t, CXCursor init, ir_loc loc);

/* lower_cxx.c: C++ object lifetimes */
/* fe_cxx_begin: the implicit `this` parameter of a non-static method,
 * constructor or destructor (created first, so that it is parameter 0). */
void fe_cxx_begin(fe_fn *fn, CXCursor fdecl);
/* fe_cxx_prologue: at the entry of a constructor, its base and member
 * initialisers; in a destructor, the members and bases to destroy after the body. */
void fe_cxx_prologue(fe_fn *fn, CXCursor fdecl);
/* fe_cxx_needs_dtor: objects of type t have a destructor that does something
 * (user-provided, or implicit with such members or bases, or std::unique_ptr). */
int fe_cxx_needs_dtor(fe_fn *fn, CXType t);
/* fe_cxx_push: obj (of type t) was constructed: destroy it when its scope is left
 * (temp: at the end of the full-expression, at loc). No-op for types without a
 * destructor, or inside an operand evaluated only on some paths (temporaries). */
void fe_cxx_push(fe_fn *fn, ir_place *obj, CXType t, unsigned off, int temp, ir_loc loc);
/* fe_cxx_run: destroys the objects from the top of the stack down to `to`
 * (excluded) at loc, newest first; the stack is unchanged. */
void fe_cxx_run(fe_fn *fn, fe_cleanup *to, ir_loc loc);
/* fe_cxx_pop: fe_cxx_run, then `to` becomes the top. */
void fe_cxx_pop(fe_fn *fn, fe_cleanup *to, ir_loc loc);
/* fe_cxx_full_expr_end: the end of a full-expression that began when `mark` was
 * the top: its temporaries are destroyed (newest first, each at its own place),
 * except the one at `keep` (a temporary bound to a reference), which stays as a
 * scoped object. */
void fe_cxx_full_expr_end(fe_fn *fn, fe_cleanup *mark, const ir_place *keep, ir_loc loc);
/* fe_cxx_destroy: the destructor calls of one object. */
void fe_cxx_destroy(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc);
/* fe_cxx_ctor_of: the constructor call that initialises an object from init
 * (through implicit conversions, functional casts and elided copies of
 * temporaries), in *call; 0 when init is not one. */
int fe_cxx_ctor_of(fe_fn *fn, CXCursor init, CXCursor *call);
/* fe_cxx_construct: the constructor call `call` on the object at target (self:
 * its address, or the result of operator new when target is NULL). */
void fe_cxx_construct(fe_fn *fn, CXCursor call, ir_val self, ir_place *target);
/* fe_cxx_temporary: a temporary object built by constructor call `call`: its value. */
ir_val fe_cxx_temporary(fe_fn *fn, CXCursor call);
/* fe_cxx_new / fe_cxx_delete: new-expressions (a call "new" + the constructor on
 * its result) and delete-expressions (the destructor + a call "delete"). With dst
 * (a pointer variable or member the result is stored in, at loc), the store comes
 * before the constructor and the constructor runs on dst. */
ir_val fe_cxx_new(fe_fn *fn, CXCursor c, ir_place *dst, ir_loc loc);
void fe_cxx_delete(fe_fn *fn, CXCursor c);
/* fe_cxx_has_temps: expression c constructs a temporary that needs a destructor. */
int fe_cxx_has_temps(fe_fn *fn, CXCursor c);
/* fe_cxx_special_call: calls of std::unique_ptr members and std::move/forward:
 * 1 and *out when handled. */
int fe_cxx_special_call(fe_fn *fn, CXCursor c, CXCursor ref, ir_val *out);

/* Children of a cursor (small helper used everywhere). */
typedef struct fe_kids {
  CXCursor *v;
  unsigned n;
} fe_kids;
/* fe_children: direct children, allocated from the function's scratch arena. */
fe_kids fe_children(fe_fn *fn, CXCursor c);

/* ---- lower_expr.c and its parts (lower_place.c, lower_call.c, lower_cond.c) ---------- */

/* Values. */
ir_val fe_val_unknown(void);
ir_val fe_val_const(int64_t c, const char *name);
ir_val fe_val_place(ir_val_kind k, ir_place *p);
/* Cursors: the kind; an expression's children; the expression a wrapper (paren,
 * cast, ...) holds (1 and *inner when c is one). */
enum CXCursorKind fe_kind_of(CXCursor c);
fe_kids fe_expr_kids(fe_fn *fn, CXCursor c);
int fe_wrapper_inner(fe_fn *fn, CXCursor c, CXCursor *inner);
int fe_is_pointerish(CXType t);
const char *fe_typedef_name(fe_unit *fu, CXType t);
/* fe_depth_enter: one level deeper in an expression; 0 past FE_MAX_DEPTH. */
int fe_depth_enter(fe_fn *fn);
/* Operators as written ("==", "!"), from libclang's operator-kind API; whether the
 * operator is written in a macro body. */
const char *fe_binary_op(fe_fn *fn, CXCursor c);
const char *fe_unary_op(fe_fn *fn, CXCursor c);
int fe_op_in_macro_body(CXCursor c);
int fe_may_be_const(enum CXCursorKind k);
/* fe_is_cmp: op is a comparison (*out its IR operator). */
int fe_is_cmp(const char *op, ir_op *out);
/* Places: a declared variable's object; base extended by one step. */
int fe_is_function_like(enum CXCursorKind k);
ir_place *fe_var_object(fe_fn *fn, CXCursor decl);
ir_place *fe_extend(fe_fn *fn, ir_place *base, ir_step_kind k, const char *field);
/* fe_lower_call: a call expression: its events, and its value. */
ir_val fe_lower_call(fe_fn *fn, CXCursor c);
/* The first MemberRefExpr under a cursor (pre-order), for SecIsValidHandle-like
 * macros: a visitor for clang_visitChildren with an fe_find_member as data. */
typedef struct fe_find_member {
  CXCursor found;
  int ok;
} fe_find_member;
enum CXChildVisitResult fe_find_member_visit(CXCursor c, CXCursor p, CXClientData d);

/* ---- lower.c and lower_stmt.c ------------------------------------------------------- */

/* Blocks: block b, to be given its terminator (NULL when it has one, or is none or
 * the overflow block); a condition the front end could not read (structural); a
 * switch case v -> block to, added to block b; the current block ends in a return
 * (of *v when v is not NULL). */
ir_block *fe_term_block(fe_fn *fn, unsigned b);
ir_cond *fe_unknown_cond(fe_fn *fn, ir_loc loc);
void fe_add_case(fe_fn *fn, unsigned b, int64_t v, unsigned to);
void fe_term_return(fe_fn *fn, const ir_val *v, ir_loc loc, int implicit);
/* Scopes and jumps: the file offset where c starts; a scope of kind k opened by stmt;
 * a copy of scope s's finally body here; leaving every scope deeper than depth and
 * destroying the C++ objects above to, innermost first. */
unsigned fe_start_off(CXCursor c, CXFile *file);
fe_scope *fe_new_scope(fe_fn *fn, fe_scope_kind k, CXCursor stmt);
void fe_finally_copy(fe_fn *fn, fe_scope *s);
void fe_exit_scopes(fe_fn *fn, unsigned depth, fe_cleanup *to, ir_loc loc);
/* Labels: the label of a name (made on first use); its block; the depth of the
 * innermost scope shared by the current position and l; the live C++ objects a goto
 * to l keeps (the new top). */
fe_label *fe_label_get(fe_fn *fn, const char *name);
unsigned fe_label_block(fe_fn *fn, fe_label *l);
unsigned fe_common_depth(fe_fn *fn, const fe_label *l);
fe_cleanup *fe_goto_keeps(fe_fn *fn, const fe_label *l);
/* fe_end_loc: the last character of a statement (its closing brace), where the
 * objects of its scope are destroyed. */
ir_loc fe_end_loc(fe_fn *fn, CXCursor c);

/* ---- lower_cxx.c and lower_cxx_own.c ------------------------------------------------- */

/* std::unique_ptr is modelled with two members of its own (they print as `p.get()`
 * and `p.get_deleter()`). */
#define FE_CXX_UP_PTR "get()"
#define FE_CXX_UP_DEL "get_deleter()"
/* The file offset where c starts; an assignment event dst = v; c's spelling is name;
 * the definition of a class type (a null cursor when none); def is std::name; the
 * place of obj's member `name` (a pointer when pointer is 1). */
unsigned fe_cxx_off(CXCursor c);
void fe_cxx_assign(fe_fn *fn, ir_place *dst, ir_val v, ir_loc loc);
int fe_cxx_cursor_named(CXCursor c, const char *name);
CXCursor fe_cxx_record_def(CXType t);
int fe_cxx_is_std_class(CXCursor def, const char *name);
ir_place *fe_cxx_named_member(fe_fn *fn, ir_place *obj, const char *name, int pointer);
/* fe_cxx_destroy_depth: fe_cxx_destroy of an object depth levels down in members and
 * bases. fe_cxx_nonzero: the condition v != 0. */
void fe_cxx_destroy_depth(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc, unsigned depth);
ir_cond *fe_cxx_nonzero(fe_fn *fn, ir_val v, ir_loc loc);
/* std::unique_ptr: p(args) constructed at target (p.get() = the pointer, or 0, or taken
 * from another unique_ptr, which is left empty); the deleter of unique_ptr type t run
 * on pointer value ptr (obj: the unique_ptr, for its deleter). */
void fe_cxx_unique_construct(fe_fn *fn, CXCursor call, ir_place *target, ir_loc loc);
void fe_cxx_unique_delete(fe_fn *fn, ir_place *obj, CXType t, ir_val ptr, ir_loc loc,
                          unsigned depth);

#endif
