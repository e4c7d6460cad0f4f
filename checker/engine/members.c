/* members.c - constants assigned to struct members across the program (members.h).
 * A flat table keyed by (normalised struct type, member), indexed by hash; a capped
 * number of distinct values per member, past which the member is unknown. */
#include "members.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strmap.h"

#define MEMBERS_MAX_VALUES 16
#define MEMBERS_MAX_ENTRIES 65536
#define MEMBERS_MAX_TYPE 256

typedef struct mentry {
  char *type, *field;     /* owned */
  char *key;              /* owned: "type\x1ffield", the index's key */
  int unknown;
  unsigned n;
  int64_t v[MEMBERS_MAX_VALUES];
} mentry;

struct members {
  unsigned n, cap;
  mentry *e;
  strmap idx;             /* key -> entry */
  int full;               /* the table hit its cap: every member not in it is unknown */
  int poisoned;           /* merged from a full table: nothing is known */
};

members *members_new(void) {
  return calloc(1, sizeof(members));
}

void members_free(members *m) {
  if (!m)
    return;
  for (unsigned i = 0; i < m->n; i++) {
    free(m->e[i].type);
    free(m->e[i].field);
    free(m->e[i].key);
  }
  free(m->e);
  strmap_free(&m->idx);
  free(m);
}

/* norm: "const struct tls_ctx *" -> "struct tls_ctx" into buf; 0 when not a struct
 * or typedef name one can key on. */
static int norm(const char *t, char *buf, size_t cap) {
  if (!t)
    return 0;
  size_t n = 0;
  while (*t) {
    if (strncmp(t, "const ", 6) == 0) {
      t += 6;
      continue;
    }
    if (strncmp(t, "volatile ", 9) == 0) {
      t += 9;
      continue;
    }
    if (*t == '*' || *t == '&')
      break;
    if (n + 1 >= cap)
      return 0;
    buf[n++] = *t++;
  }
  while (n && buf[n - 1] == ' ')
    n--;
  buf[n] = 0;
  return n > 0;
}

/* root_type: the declared type of p's root variable in f (a parameter, or a local
 * whose bare place carries its type somewhere in f's events). */
static const char *root_type(const ir_func *f, const ir_place *p) {
  if (p->root == IR_ROOT_PARAM) {
    for (unsigned i = 0; i < f->nparams; i++)
      if (f->params[i] && f->params[i]->var == p->var)
        return f->params[i]->type_name;
    return NULL;
  }
  if (p->root != IR_ROOT_LOCAL)
    return NULL;
  for (unsigned b = 0; b < f->nblocks; b++)
    for (unsigned e = 0; e < f->blocks[b].nev; e++) {
      const ir_place *d = f->blocks[b].ev[e].dst;
      if (d && d->root == IR_ROOT_LOCAL && d->var == p->var && d->nsteps == 0 && d->type_name)
        return d->type_name;
    }
  return NULL;
}

int members_key(const ir_func *f, const ir_place *p, const char **type, const char **field) {
  if (!p || !f)
    return 0;
  unsigned k = 0;
  if (p->nsteps == 2 && p->steps[0].kind == IR_STEP_DEREF && p->steps[1].kind == IR_STEP_FIELD)
    k = 1;
  else if (p->nsteps == 1 && p->steps[0].kind == IR_STEP_FIELD)
    k = 0;
  else
    return 0;
  const char *t = root_type(f, p);
  if (!t || !p->steps[k].field)
    return 0;
  *type = t;
  *field = p->steps[k].field;
  return 1;
}

/* entry_key: "type\x1ffield" (owned; NULL when out of memory). */
static char *entry_key(const char *type, const char *field) {
  size_t a = strlen(type), b = strlen(field);
  char *k = malloc(a + b + 2);
  if (k) {
    memcpy(k, type, a);
    k[a] = '\x1f';
    memcpy(k + a + 1, field, b + 1);
  }
  return k;
}

static mentry *find(const members *m, const char *type, const char *field) {
  char buf[512];
  size_t a = strlen(type), b = strlen(field);
  unsigned at;
  if (a + b + 2 <= sizeof buf) {
    memcpy(buf, type, a);
    buf[a] = '\x1f';
    memcpy(buf + a + 1, field, b + 1);
    return strmap_get(&m->idx, buf, &at) ? &m->e[at] : NULL;
  }
  char *k = entry_key(type, field);
  mentry *e = k && strmap_get(&m->idx, k, &at) ? &m->e[at] : NULL;
  free(k);
  return e;
}

static char *dupstr(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

/* get_key: the entry of (normalised type, field), made when missing; NULL when the
 * table is full. */
static mentry *get_key(members *m, const char *key, const char *field) {
  mentry *e = find(m, key, field);
  if (e || m->full)
    return e;
  if (m->n == m->cap) {
    unsigned nc = m->cap ? m->cap * 2 : 32;
    mentry *ne = nc <= MEMBERS_MAX_ENTRIES ? realloc(m->e, nc * sizeof *ne) : NULL;
    if (!ne) {
      m->full = 1;
      return NULL;
    }
    m->e = ne;
    m->cap = nc;
  }
  e = &m->e[m->n];
  memset(e, 0, sizeof *e);
  e->type = dupstr(key);
  e->field = dupstr(field);
  e->key = entry_key(key, field);
  if (!e->type || !e->field || !e->key) {
    free(e->type);
    free(e->field);
    free(e->key);
    m->full = 1;
    return NULL;
  }
  strmap_put(&m->idx, e->key, m->n++);
  return e;
}

static mentry *get(members *m, const ir_func *f, const ir_place *p) {
  const char *t, *field;
  char key[MEMBERS_MAX_TYPE];
  if (!members_key(f, p, &t, &field) || !norm(t, key, sizeof key))
    return NULL;
  return get_key(m, key, field);
}

static void add_value(mentry *e, int64_t v) {
  for (unsigned i = 0; i < e->n; i++)
    if (e->v[i] == v)
      return;
  if (e->n == MEMBERS_MAX_VALUES)
    e->unknown = 1;
  else
    e->v[e->n++] = v;
}

/* or_itself: src is the member dst itself with bits added (s->req_flags |= C): a value
 * keeps every bit the member's constants have, so it adds none to the list. */
static int or_itself(const ir_func *f, const ir_place *dst, const ir_val *src) {
  const char *t1, *f1, *t2, *f2;
  return src->kind == IR_V_BITS && src->place && members_key(f, dst, &t1, &f1) &&
         members_key(f, src->place, &t2, &f2) && strcmp(t1, t2) == 0 && strcmp(f1, f2) == 0;
}

/* addr_of: a member whose address is taken is written where we cannot see. */
static void addr_of(members *m, const ir_func *f, const ir_val *v, unsigned depth) {
  if (!v || depth > 8)
    return;
  if (v->kind == IR_V_ADDR && v->place) {
    mentry *e = get(m, f, v->place);
    if (e)
      e->unknown = 1;
  } else if (v->kind == IR_V_CHOICE) {
    addr_of(m, f, v->a, depth + 1);
    addr_of(m, f, v->b, depth + 1);
  }
}

void members_add_unit(members *m, const ir_unit *u) {
  if (!m || !u)
    return;
  for (unsigned fi = 0; fi < u->nfuncs; fi++) {
    const ir_func *f = &u->funcs[fi];
    for (unsigned b = 0; b < f->nblocks; b++)
      for (unsigned i = 0; i < f->blocks[b].nev; i++) {
        const ir_event *ev = &f->blocks[b].ev[i];
        if (ev->kind == IR_E_ASSIGN && ev->dst) {
          mentry *e = get(m, f, ev->dst);
          if (!e)
            continue;
          if (ev->src.kind == IR_V_CONST)
            add_value(e, ev->src.c);
          else if (!or_itself(f, ev->dst, &ev->src))
            e->unknown = 1;
          addr_of(m, f, &ev->src, 0);
        } else if (ev->kind == IR_E_CALL) {
          for (unsigned a = 0; a < ev->call.nargs; a++)
            addr_of(m, f, &ev->call.args[a], 0);
        }
      }
  }
}

void members_merge(members *dst, const members *src) {
  if (!dst || !src)
    return;
  /* a full table lost members it saw: what it lost is unknown in the whole program */
  dst->poisoned |= src->full || src->poisoned;
  for (unsigned i = 0; i < src->n; i++) {
    const mentry *s = &src->e[i];
    mentry *e = get_key(dst, s->type, s->field);
    if (!e)
      continue;
    e->unknown |= s->unknown;
    for (unsigned k = 0; k < s->n; k++)
      add_value(e, s->v[k]);
  }
}

int members_values(const members *m, const char *type, const char *field, const int64_t **vals,
                   unsigned *n) {
  char key[MEMBERS_MAX_TYPE];
  if (!m || m->poisoned || !type || !field || !norm(type, key, sizeof key))
    return 0;
  const mentry *e = find(m, key, field);
  if (!e || e->unknown || e->n == 0)
    return 0;
  *vals = e->v;
  *n = e->n;
  return 1;
}
