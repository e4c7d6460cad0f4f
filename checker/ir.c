/* ir.c - the IR's small helpers: units, constants, places, and the --dump-ir
 * printer. The text format of ir_dump is documented in docs/frontend.md; tests
 * under tests/fe/ assert on it, so change both together. */
#include "ir.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ir_unit_new: an empty unit owning a fresh arena; main_file is copied. */
ir_unit *ir_unit_new(const char *main_file) {
  arena *a = arena_new();
  ir_unit *u = arena_alloc(a, sizeof *u);
  u->arena = a;
  u->main_file = arena_strdup(a, main_file ? main_file : "");
  return u;
}

/* ir_unit_free: releases the unit and everything in its arena. NULL is fine. */
void ir_unit_free(ir_unit *u) {
  if (u)
    arena_free(u->arena); /* the unit itself lives in its arena */
}

/* ir_const_lookup: 1 and *out = value when name is resolved in u, else 0. */
int ir_const_lookup(const ir_unit *u, const char *name, int64_t *out) {
  if (!u || !name)
    return 0;
  for (unsigned i = 0; i < u->nconsts; i++)
    if (strcmp(u->consts[i].name, name) == 0) {
      if (out)
        *out = u->consts[i].value;
      return 1;
    }
  return 0;
}

static int steps_eq(const ir_step *a, const ir_step *b) {
  if (a->kind != b->kind)
    return 0;
  if (a->kind != IR_STEP_FIELD)
    return 1;
  return a->field && b->field && strcmp(a->field, b->field) == 0;
}

/* Same root variable: locals/params by id, globals by name; unknown roots are
 * never the same storage (unless it is the very same place object). */
static int roots_eq(const ir_place *a, const ir_place *b) {
  if (a->root != b->root)
    return 0;
  switch (a->root) {
  case IR_ROOT_LOCAL:
  case IR_ROOT_PARAM:
    return a->var == b->var;
  case IR_ROOT_GLOBAL:
    return a->name && b->name && strcmp(a->name, b->name) == 0;
  case IR_ROOT_UNKNOWN:
    return a == b;
  }
  return 0;
}

/* ir_place_eq: same root and the same steps. */
int ir_place_eq(const ir_place *a, const ir_place *b) {
  if (!a || !b)
    return 0;
  if (a == b)
    return 1;
  if (!roots_eq(a, b) || a->nsteps != b->nsteps)
    return 0;
  for (unsigned i = 0; i < a->nsteps; i++)
    if (!steps_eq(&a->steps[i], &b->steps[i]))
      return 0;
  return 1;
}

/* ir_place_is_prefix: pre has p's root and its steps start p's steps. */
int ir_place_is_prefix(const ir_place *pre, const ir_place *p) {
  if (!pre || !p)
    return 0;
  if (pre == p)
    return 1;
  if (!roots_eq(pre, p) || pre->nsteps > p->nsteps)
    return 0;
  for (unsigned i = 0; i < pre->nsteps; i++)
    if (!steps_eq(&pre->steps[i], &p->steps[i]))
      return 0;
  return 1;
}

/* ir_place_extend: copy of base with one more step; strings are shared (they
 * live in the same arena or longer). type_name is unknown for the new place. */
ir_place *ir_place_extend(arena *a, const ir_place *base, ir_step_kind k, const char *field) {
  ir_place *p = arena_alloc(a, sizeof *p);
  *p = *base;
  p->nsteps = base->nsteps + 1;
  p->steps = arena_alloc(a, p->nsteps * sizeof *p->steps);
  if (base->nsteps)
    memcpy(p->steps, base->steps, base->nsteps * sizeof *p->steps);
  p->steps[base->nsteps].kind = k;
  p->steps[base->nsteps].field = k == IR_STEP_FIELD ? arena_strdup(a, field ? field : "") : NULL;
  p->type_name = NULL;
  p->is_pointer = 0;
  return p;
}

/* A growing string for the printers (malloc'd, capped). */
typedef struct sbuf {
  char *s;
  size_t n, cap;
} sbuf;

#define SBUF_MAX (64u * 1024u)

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > SBUF_MAX)
    return; /* cap: an absurd place is cut short rather than grown forever */
  if (b->n + n + 1 > b->cap) {
    size_t nc = b->cap ? b->cap : 64;
    while (nc < b->n + n + 1)
      nc *= 2;
    char *ns = realloc(b->s, nc);
    if (!ns)
      return;
    b->s = ns;
    b->cap = nc;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

/* Prepends s (used for the prefix '*'). */
static void sb_prepend(sbuf *b, const char *s) {
  size_t n = strlen(s);
  size_t old = b->n;
  sb_put(b, s, n); /* make room */
  if (b->n != old + n)
    return;
  memmove(b->s + n, b->s, old);
  memcpy(b->s, s, n);
}

static void place_text(sbuf *b, const ir_place *p) {
  if (p->root == IR_ROOT_UNKNOWN || !p->name || !*p->name)
    sb_puts(b, "?");
  else
    sb_puts(b, p->name);
  int prefixed = 0; /* the text so far starts with a prefix '*' */
  for (unsigned i = 0; i < p->nsteps; i++) {
    const ir_step *s = &p->steps[i];
    int postfix = s->kind != IR_STEP_DEREF ||
                  (i + 1 < p->nsteps && p->steps[i + 1].kind == IR_STEP_FIELD);
    if (postfix && prefixed) {
      sb_prepend(b, "(");
      sb_puts(b, ")");
      prefixed = 0;
    }
    switch (s->kind) {
    case IR_STEP_FIELD:
      sb_puts(b, ".");
      sb_puts(b, s->field ? s->field : "?");
      break;
    case IR_STEP_INDEX:
      sb_puts(b, "[]");
      break;
    case IR_STEP_DEREF:
      if (postfix) {
        sb_puts(b, "->");
        i++;
        sb_puts(b, p->steps[i].field ? p->steps[i].field : "?");
      } else {
        sb_prepend(b, "*");
        prefixed = 1;
      }
      break;
    }
  }
}

/* ir_place_str: the place as a C-like path ("c->cred", "*out", "bufs[].pvBuffer");
 * an unknown root prints as "?". Owned by arena a. */
char *ir_place_str(arena *a, const ir_place *p) {
  if (!p)
    return arena_strdup(a, "?");
  sbuf b = {0};
  place_text(&b, p);
  char *r = arena_strdup(a, b.s ? b.s : "?");
  free(b.s);
  return r;
}

/* ---- dump --------------------------------------------------------------------- */

static void dump_loc(FILE *o, ir_loc l) {
  if (l.file)
    fprintf(o, "  (%s:%u:%u)", l.file, l.line, l.col);
  else
    fputs("  (?)", o);
}

static void dump_place(FILE *o, const ir_place *p) {
  sbuf b = {0};
  if (!p) {
    fputs("?", o);
    return;
  }
  if (p->root == IR_ROOT_GLOBAL)
    sb_puts(&b, "::");
  else if (p->is_static)
    sb_puts(&b, "static:");
  place_text(&b, p);
  fputs(b.s ? b.s : "?", o);
  free(b.s);
}

static void dump_cond(FILE *o, const ir_cond *c);

static void dump_val(FILE *o, const ir_val *v) {
  switch (v->kind) {
  case IR_V_UNKNOWN:
    fputs("?", o);
    break;
  case IR_V_CONST:
    if (v->const_name)
      fprintf(o, "%s=%" PRId64, v->const_name, v->c);
    else
      fprintf(o, "%" PRId64, v->c);
    break;
  case IR_V_PLACE:
    dump_place(o, v->place);
    break;
  case IR_V_ADDR:
    fputs("&", o);
    dump_place(o, v->place);
    break;
  case IR_V_CALL:
    fprintf(o, "call#%u", v->call);
    break;
  case IR_V_BITS:
    fputs("(", o);
    if (v->place)
      dump_place(o, v->place);
    else
      fputs("?", o);
    if (v->const_name)
      fprintf(o, " | %s=%" PRId64 ")", v->const_name, v->c);
    else
      fprintf(o, " | %" PRId64 ")", v->c);
    break;
  case IR_V_CHOICE:
    fputs("(", o);
    if (v->cond)
      dump_cond(o, v->cond);
    else
      fputs("?", o);
    fputs(" ? ", o);
    if (v->a)
      dump_val(o, v->a);
    fputs(" : ", o);
    if (v->b)
      dump_val(o, v->b);
    fputs(")", o);
    break;
  }
}

static const char *op_str(ir_op op) {
  static const char *const s[] = {"==", "!=", "<", "<=", ">", ">="};
  return (unsigned)op < 6 ? s[op] : "??";
}

static void dump_cond(FILE *o, const ir_cond *c) {
  switch (c->kind) {
  case IR_C_CMP:
    fputs("cmp(", o);
    dump_val(o, &c->lhs);
    fprintf(o, " %s ", op_str(c->op));
    dump_val(o, &c->rhs);
    fputs(")", o);
    break;
  case IR_C_MASK:
    fputs("mask(", o);
    dump_val(o, &c->lhs);
    fputs(" & ", o);
    dump_val(o, &c->rhs);
    fprintf(o, " %s 0)", op_str(c->op));
    break;
  case IR_C_VALID:
    fputs("valid(", o);
    dump_place(o, c->place);
    fputs(")", o);
    break;
  case IR_C_UNKNOWN:
    fputs("unknown", o);
    if (c->why != IR_WHY_NONE && c->why != IR_WHY_STRUCTURAL)
      fprintf(o, "[%s]", ir_why_name(c->why));
    break;
  }
}

static void dump_event(FILE *o, const ir_event *e) {
  fputs("  ", o);
  switch (e->kind) {
  case IR_E_CALL:
    fprintf(o, "call#%u %s%s(", e->call.id, e->call.indirect ? "*" : "",
            e->call.name && *e->call.name ? e->call.name : "?");
    for (unsigned i = 0; i < e->call.nargs; i++) {
      if (i)
        fputs(", ", o);
      dump_val(o, &e->call.args[i]);
    }
    fputs(")", o);
    if (e->call.type_name)
      fprintf(o, " type=%s", e->call.type_name);
    if (e->call.has_body)
      fputs(" body", o);
    break;
  case IR_E_ASSIGN:
    fputs("assign ", o);
    dump_place(o, e->dst);
    fputs(" = ", o);
    dump_val(o, &e->src);
    break;
  case IR_E_DECL:
    fputs("decl ", o);
    dump_place(o, e->dst);
    break;
  case IR_E_CLEAR:
    fputs("clear ", o);
    dump_place(o, e->dst);
    break;
  case IR_E_INVALIDATE:
    fputs("invalidate ", o);
    dump_place(o, e->dst);
    break;
  case IR_E_DELETE:
    fputs("delete ", o);
    dump_place(o, e->dst);
    break;
  }
  if ((e->kind == IR_E_DECL || e->kind == IR_E_CLEAR) && e->dst && e->dst->type_name)
    fprintf(o, " : %s", e->dst->type_name);
  dump_loc(o, e->loc);
  fputc('\n', o);
}

static void dump_term(FILE *o, const ir_block *b) {
  fputs("  ", o);
  switch (b->term) {
  case IR_T_GOTO:
    fprintf(o, "goto bb%u\n", b->succ[0]);
    return;
  case IR_T_BRANCH:
    fputs("branch ", o);
    if (b->cond)
      dump_cond(o, b->cond);
    else
      fputs("unknown", o);
    fprintf(o, " -> bb%u, bb%u", b->succ[0], b->succ[1]);
    break;
  case IR_T_SWITCH:
    fputs("switch ", o);
    dump_val(o, &b->sval);
    fputs(" [", o);
    for (unsigned i = 0; i < b->ncases; i++)
      fprintf(o, "%s%" PRId64 " -> bb%u", i ? ", " : "", b->case_vals[i], b->case_succ[i]);
    fprintf(o, "] default bb%u", b->succ[0]);
    break;
  case IR_T_RETURN:
    fputs("return", o);
    if (b->implicit)
      fputs(" implicit", o);
    if (b->has_retval) {
      fputs(" ", o);
      dump_val(o, &b->retval);
    }
    break;
  case IR_T_THROW:
    fputs("throw", o);
    break;
  case IR_T_UNREACHABLE:
    fputs("unreachable\n", o);
    return;
  }
  dump_loc(o, b->term_loc);
  fputc('\n', o);
}

/* ir_dump: every constant, then every function with its blocks in id order. */
void ir_dump(FILE *out, const ir_unit *u) {
  if (!u)
    return;
  fprintf(out, "unit %s\n", u->main_file);
  for (unsigned i = 0; i < u->nconsts; i++)
    fprintf(out, "const %s = %" PRId64 "\n", u->consts[i].name, u->consts[i].value);
  for (unsigned fi = 0; fi < u->nfuncs; fi++) {
    const ir_func *f = &u->funcs[fi];
    fprintf(out, "func %s", f->name);
    if (f->loc.file)
      fprintf(out, " (%s:%u:%u)", f->loc.file, f->loc.line, f->loc.col);
    fputc('\n', out);
    if (f->nparams) {
      fputs("  params", out);
      for (unsigned i = 0; i < f->nparams; i++) {
        fputs(i ? ", " : " ", out);
        dump_place(out, f->params[i]);
        if (f->params[i]->type_name)
          fprintf(out, " : %s", f->params[i]->type_name);
      }
      fputc('\n', out);
    }
    if (f->truncated)
      fprintf(out, "  truncated: %s\n", f->truncated_why ? f->truncated_why : "?");
    fprintf(out, "  entry bb%u\n", f->entry);
    for (unsigned bi = 0; bi < f->nblocks; bi++) {
      const ir_block *b = &f->blocks[bi];
      fprintf(out, "bb%u:\n", b->id);
      for (unsigned ei = 0; ei < b->nev; ei++)
        dump_event(out, &b->ev[ei]);
      dump_term(out, b);
    }
  }
}

/* ir_why_name: see ir.h. */
const char *ir_why_name(ir_why w) {
  static const char *const names[IR_WHY_COUNT] = {"-",        "structural", "float", "bits",
                                                  "arith",    "valid-arg",  "depth", "expr"};
  return (unsigned)w < IR_WHY_COUNT ? names[w] : "-";
}
