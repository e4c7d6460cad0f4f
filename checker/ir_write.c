/* ir_write.c - ir_write: an ir_unit as a unit file (the format: ir_io.h). Shared
 * places, conditions and values are defined once and referenced by id, so that the
 * reader gives back the same sharing. */
#include "ir_io.h"
#include "ir_io_names.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- writer -------------------------------------------------------------------- */

/* An identity map from pointers (or, with by_str, string contents) to ids. */
typedef struct idmap {
  const void **keys;
  unsigned *ids;
  size_t cap, n;
  int by_str;
} idmap;

static size_t key_hash(const idmap *m, const void *k) {
  uint64_t h;
  if (m->by_str) {
    h = 1469598103934665603ull;
    for (const unsigned char *s = k; *s; s++)
      h = (h ^ *s) * 1099511628211ull;
  } else {
    h = (uint64_t)(uintptr_t)k * 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
  }
  return (size_t)h;
}

static int key_eq(const idmap *m, const void *a, const void *b) {
  return m->by_str ? strcmp(a, b) == 0 : a == b;
}

/* idmap_get: 1 and *id when k is in m. */
static int idmap_get(const idmap *m, const void *k, unsigned *id) {
  if (!m->cap)
    return 0;
  for (size_t i = key_hash(m, k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->keys[i])
      return 0;
    if (key_eq(m, m->keys[i], k)) {
      *id = m->ids[i];
      return 1;
    }
  }
}

/* idmap_put: adds k (not present) with id; -1 when out of memory. */
static int idmap_put(idmap *m, const void *k, unsigned id) {
  if ((m->n + 1) * 2 > m->cap) {
    size_t nc = m->cap ? m->cap * 2 : 64;
    const void **nk = calloc(nc, sizeof *nk);
    unsigned *ni = calloc(nc, sizeof *ni);
    if (!nk || !ni) {
      free(nk);
      free(ni);
      return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->keys[i])
        continue;
      size_t j = key_hash(m, m->keys[i]) & (nc - 1);
      while (nk[j])
        j = (j + 1) & (nc - 1);
      nk[j] = m->keys[i];
      ni[j] = m->ids[i];
    }
    free(m->keys);
    free(m->ids);
    m->keys = nk;
    m->ids = ni;
    m->cap = nc;
  }
  size_t i = key_hash(m, k) & (m->cap - 1);
  while (m->keys[i])
    i = (i + 1) & (m->cap - 1);
  m->keys[i] = k;
  m->ids[i] = id;
  m->n++;
  return 0;
}

static void idmap_free(idmap *m) {
  free(m->keys);
  free(m->ids);
  memset(m, 0, sizeof *m);
}

typedef struct wr {
  FILE *o;
  idmap files, places, conds, vals;
  unsigned depth;
  int bad; /* not writable: a cycle, absurd nesting, a NULL where none may be, OOM */
} wr;

static void w_str(wr *w, const char *s) {
  if (!s) {
    fputs(" -", w->o);
    return;
  }
  fputs(" \"", w->o);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(w->o, "\\%c", *p);
    else if (*p < 0x20 || *p == 0x7f)
      fprintf(w->o, "\\x%02x", *p);
    else
      fputc(*p, w->o);
  }
  fputc('"', w->o);
}

/* w_define: the next id of map m for k; -1 (and w->bad) on OOM. */
static int w_define(wr *w, idmap *m, const void *k, unsigned *id) {
  *id = (unsigned)m->n;
  if (idmap_put(m, k, *id) != 0) {
    w->bad = 1;
    return -1;
  }
  return 0;
}

static void w_ref(wr *w, char prefix, idmap *m, const void *k) {
  unsigned id;
  if (!k)
    fputs(" -", w->o);
  else if (idmap_get(m, k, &id))
    fprintf(w->o, " %c%u", prefix, id);
  else
    w->bad = 1; /* not defined: an internal mistake, never written as a dangling id */
}

static void prep_file(wr *w, const char *file) {
  unsigned id;
  if (w->bad || !file || idmap_get(&w->files, file, &id))
    return;
  if (w_define(w, &w->files, file, &id) != 0)
    return;
  fprintf(w->o, "file %u", id);
  w_str(w, file);
  fputc('\n', w->o);
}

static void w_loc(wr *w, ir_loc l) {
  unsigned id;
  if (!l.file)
    fprintf(w->o, " -:%u:%u", l.line, l.col);
  else if (idmap_get(&w->files, l.file, &id))
    fprintf(w->o, " %u:%u:%u", id, l.line, l.col);
  else
    w->bad = 1;
}


static void prep_place(wr *w, const ir_place *p) {
  unsigned id;
  if (w->bad || !p || idmap_get(&w->places, p, &id))
    return;
  if ((unsigned)p->root >= NAMES(root_names) || (p->nsteps && !p->steps)) {
    w->bad = 1;
    return;
  }
  if (w_define(w, &w->places, p, &id) != 0)
    return;
  fprintf(w->o, "place %u %s", id, root_names[p->root]);
  w_str(w, p->name);
  fprintf(w->o, " %u %u %u", p->var, p->is_static, p->is_pointer);
  w_str(w, p->type_name);
  fprintf(w->o, " %u", p->nsteps);
  for (unsigned i = 0; i < p->nsteps; i++) {
    switch (p->steps[i].kind) {
    case IR_STEP_FIELD:
      fputs(" field", w->o);
      w_str(w, p->steps[i].field);
      break;
    case IR_STEP_DEREF:
      fputs(" deref", w->o);
      break;
    case IR_STEP_INDEX:
      fputs(" index", w->o);
      break;
    default:
      w->bad = 1;
    }
  }
  fputc('\n', w->o);
}

static void prep_cond(wr *w, const ir_cond *c);
static void prep_valptr(wr *w, const ir_val *v);

/* prep_val: defines what an inline value refers to. */
static void prep_val(wr *w, const ir_val *v) {
  if (w->bad)
    return;
  if (v->kind == IR_V_PLACE || v->kind == IR_V_ADDR || (v->kind == IR_V_BITS && v->place)) {
    prep_place(w, v->place);
  } else if (v->kind == IR_V_CHOICE) {
    if (++w->depth > IO_MAX_DEPTH) {
      w->bad = 1;
      return;
    }
    prep_cond(w, v->cond);
    prep_valptr(w, v->a);
    prep_valptr(w, v->b);
    w->depth--;
  }
}

static void w_val(wr *w, const ir_val *v) {
  switch (v->kind) {
  case IR_V_UNKNOWN:
    fputs(" unknown", w->o);
    break;
  case IR_V_CONST:
    fprintf(w->o, " const %" PRId64, v->c);
    w_str(w, v->const_name);
    break;
  case IR_V_PLACE:
  case IR_V_ADDR:
    fputs(v->kind == IR_V_PLACE ? " place" : " addr", w->o);
    w_ref(w, 'P', &w->places, v->place);
    break;
  case IR_V_CALL:
    fprintf(w->o, " call %u", v->call);
    break;
  case IR_V_BITS:
    fprintf(w->o, " bits %" PRId64, v->c);
    w_str(w, v->const_name);
    w_ref(w, 'P', &w->places, v->place);
    break;
  case IR_V_CHOICE:
    fputs(" choice", w->o);
    w_ref(w, 'C', &w->conds, v->cond);
    w_ref(w, 'V', &w->vals, v->a);
    w_ref(w, 'V', &w->vals, v->b);
    break;
  default:
    w->bad = 1;
  }
}

static void prep_cond(wr *w, const ir_cond *c) {
  unsigned id;
  if (w->bad || !c || idmap_get(&w->conds, c, &id))
    return;
  if ((unsigned)c->kind >= NAMES(cond_names) || (unsigned)c->op >= NAMES(op_names) ||
      ++w->depth > IO_MAX_DEPTH) {
    w->bad = 1;
    return;
  }
  prep_file(w, c->loc.file);
  prep_val(w, &c->lhs);
  prep_val(w, &c->rhs);
  prep_place(w, c->place);
  w->depth--;
  if (w->bad || idmap_get(&w->conds, c, &id)) { /* defined meanwhile: a cycle */
    w->bad = 1;
    return;
  }
  if (w_define(w, &w->conds, c, &id) != 0)
    return;
  fprintf(w->o, "cond %u %s %s", id, cond_names[c->kind], op_names[c->op]);
  w_loc(w, c->loc);
  w_val(w, &c->lhs);
  w_val(w, &c->rhs);
  w_ref(w, 'P', &w->places, c->place);
  if (c->kind == IR_C_UNKNOWN && c->why != IR_WHY_NONE)
    fprintf(w->o, " %s", ir_why_name(c->why));
  fputc('\n', w->o);
}

static void prep_valptr(wr *w, const ir_val *v) {
  unsigned id;
  if (w->bad || !v || idmap_get(&w->vals, v, &id))
    return;
  if (++w->depth > IO_MAX_DEPTH) {
    w->bad = 1;
    return;
  }
  prep_val(w, v);
  w->depth--;
  if (w->bad || idmap_get(&w->vals, v, &id)) {
    w->bad = 1;
    return;
  }
  if (w_define(w, &w->vals, v, &id) != 0)
    return;
  fprintf(w->o, "val %u", id);
  w_val(w, v);
  fputc('\n', w->o);
}

static int call_present(const ir_event *e) {
  const ir_call *c = &e->call;
  return e->kind == IR_E_CALL || c->id || c->name || c->type_name || c->indirect ||
         c->has_body || c->noreturn || c->nargs;
}

static void w_event(wr *w, const ir_event *e) {
  const ir_call *c = &e->call;
  if ((unsigned)e->kind >= NAMES(ev_names) || (c->nargs && !c->args)) {
    w->bad = 1;
    return;
  }
  int has_call = call_present(e);
  prep_file(w, e->loc.file);
  prep_place(w, e->dst);
  prep_val(w, &e->src);
  for (unsigned i = 0; has_call && i < c->nargs; i++)
    prep_val(w, &c->args[i]);
  if (w->bad)
    return;
  fprintf(w->o, "ev %s", ev_names[e->kind]);
  w_loc(w, e->loc);
  w_ref(w, 'P', &w->places, e->dst);
  w_val(w, &e->src);
  if (has_call) {
    fprintf(w->o, " call %u", c->id);
    w_str(w, c->name);
    w_str(w, c->type_name);
    fprintf(w->o, " %u %u %u %u", c->indirect, c->has_body, c->noreturn, c->nargs);
    for (unsigned i = 0; i < c->nargs; i++)
      w_val(w, &c->args[i]);
  }
  fputc('\n', w->o);
}

static void w_block(wr *w, const ir_block *b) {
  if ((unsigned)b->term >= NAMES(term_names) || (b->nev && !b->ev) ||
      (b->ncases && (!b->case_vals || !b->case_succ))) {
    w->bad = 1;
    return;
  }
  prep_file(w, b->term_loc.file);
  prep_cond(w, b->cond);
  prep_val(w, &b->sval);
  prep_val(w, &b->retval);
  if (w->bad)
    return;
  fprintf(w->o, "block %u %s", b->id, term_names[b->term]);
  w_loc(w, b->term_loc);
  fprintf(w->o, " %u %u", b->succ[0], b->succ[1]);
  w_ref(w, 'C', &w->conds, b->cond);
  fprintf(w->o, " %u %u %u %u", b->has_retval, b->implicit, b->ncases, b->nev);
  w_val(w, &b->sval);
  w_val(w, &b->retval);
  fputc('\n', w->o);
  for (unsigned i = 0; i < b->ncases; i++)
    fprintf(w->o, "case %" PRId64 " %u\n", b->case_vals[i], b->case_succ[i]);
  for (unsigned i = 0; i < b->nev && !w->bad; i++)
    w_event(w, &b->ev[i]);
}

static void w_func(wr *w, const ir_func *f) {
  if (!f->name || (f->nparams && !f->params) || (f->nblocks && !f->blocks)) {
    w->bad = 1;
    return;
  }
  prep_file(w, f->loc.file);
  for (unsigned i = 0; i < f->nparams; i++) {
    if (!f->params[i])
      w->bad = 1;
    prep_place(w, f->params[i]);
  }
  if (w->bad)
    return;
  fputs("func", w->o);
  w_str(w, f->name);
  w_loc(w, f->loc);
  fprintf(w->o, " %u %u %u", f->entry, f->nblocks, f->truncated);
  w_str(w, f->truncated_why);
  fprintf(w->o, " %u", f->nparams);
  for (unsigned i = 0; i < f->nparams; i++)
    w_ref(w, 'P', &w->places, f->params[i]);
  fputc('\n', w->o);
  for (unsigned i = 0; i < f->nblocks && !w->bad; i++)
    w_block(w, &f->blocks[i]);
}

/* ir_write: the unit as a unit file (format above); 0, or -1 on a stream error or
 * an unwritable unit. */
int ir_write(FILE *out, const ir_unit *u) {
  if (!out || !u || !u->main_file || (u->nconsts && !u->consts) || (u->nfuncs && !u->funcs)) {
    errno = EINVAL;
    return -1;
  }
  wr w;
  memset(&w, 0, sizeof w);
  w.o = out;
  w.files.by_str = 1;
  fprintf(out, "%s %d\nunit", IR_IO_MAGIC, IR_IO_VERSION);
  w_str(&w, u->main_file);
  fprintf(out, " %u %u\n", u->nconsts, u->nfuncs);
  for (unsigned i = 0; i < u->nconsts; i++) {
    if (!u->consts[i].name) {
      w.bad = 1;
      break;
    }
    fputs("const", out);
    w_str(&w, u->consts[i].name);
    fprintf(out, " %" PRId64 "\n", u->consts[i].value);
  }
  for (unsigned i = 0; i < u->nfuncs && !w.bad; i++)
    w_func(&w, &u->funcs[i]);
  fputs("end\n", out);
  idmap_free(&w.files);
  idmap_free(&w.places);
  idmap_free(&w.conds);
  idmap_free(&w.vals);
  if (w.bad) {
    errno = EINVAL;
    return -1;
  }
  return ferror(out) ? -1 : 0;
}

