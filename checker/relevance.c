/* relevance.c - the relevance pre-pass (see relevance.h for the rule).
 *
 * A token scan: comments, string and character literals are skipped, every identifier
 * is kept (also those of #define lines: a macro that expands to an SSPI call names it),
 * "#include" lines are followed into project headers, and the identifiers the main file
 * has outside any braces are kept apart (definitions and declarations of functions).
 * Bounds: 256 headers per unit, 16 levels of inclusion, INFILE_MAX_SOURCE per file;
 * beyond them the unit is relevant.
 */
#define _POSIX_C_SOURCE 200809L
#include "relevance.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/arena.h"
#include "util/infile.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define REL_MAX_HEADERS 256u
#define REL_MAX_DEPTH 16u
#define REL_MAX_PATH 4096u

/* ---- a set of strings: a strmap whose keys are copies in the pre-pass arena ---- */

typedef strmap strset;

static int set_has_n(const strset *s, const char *k, size_t n) { return strmap_key_n(s, k, n) != NULL; }

static int set_has(const strset *s, const char *k) { return strmap_key(s, k) != NULL; }

/* set_add_n: adds k[0..n) (copied into a); 1 when new, 0 when present. */
static int set_add_n(strset *s, arena *a, const char *k, size_t n) {
  if (set_has_n(s, k, n))
    return 0;
  strmap_put(s, arena_strndup(a, k, n), 0);
  return 1;
}

static int set_add(strset *s, arena *a, const char *k) { return set_add_n(s, a, k, strlen(k)); }

/* ---- the pre-pass ---- */

struct relevance;
static void names_add(struct relevance *rv, const char *k);

/* A project header, read once per run however many units include it: its identifiers
 * and its #include lines (resolved per unit: the include path is the unit's). */
typedef struct rel_inc {
  const char *name; /* arena copy */
  int quoted;
} rel_inc;

typedef struct rel_file {
  const char *path;     /* arena copy */
  strset toks;          /* every identifier (a header whose braces do not balance
                           counts all of them, as code) */
  strset body;          /* those of code the scan could not give a name to (braces
                           after neither a declarator nor `=`) */
  const char **funcs;   /* the functions it defines (inline bodies; interned; malloc'd) */
  size_t nfuncs;
  size_t capfuncs;
  unsigned first_unit;  /* the first unit (in database order) that includes it */
  int has_first;
  int unbalanced;       /* braces or parentheses that do not balance */
  rel_inc *incs;        /* in the pre-pass arena */
  unsigned nincs;
  size_t capincs;
  int force;            /* unreadable, or an #include of a macro */
  unsigned checked;     /* names_version when has_name was computed (0: never) */
  int has_name;
  const char *hit;      /* the name that made has_name (borrowed) */
} rel_file;

typedef struct rel_unit {
  strset toks;      /* identifiers of the main file */
  strset top;       /* identifiers of the main file outside any braces */
  strset defs;      /* the functions the main file may define: names before a body,
                       and every identifier of a top-level NAME(...) (a macro) */
  int unbalanced;   /* its braces do not balance: top stands for defs */
  unsigned *files;  /* the project headers it includes (indices into relevance.files) */
  unsigned nfiles;
  size_t capfiles;
  int force;        /* unreadable, or past a bound: relevant */
  int scanned;
} rel_unit;

struct relevance {
  arena *a;
  strset intern;  /* names of header entities and their tokens: one copy each */
  strset names;   /* handle names of the rules + what parsed units add */
  strset rule_names; /* the rules' own */
  unsigned names_version; /* grows with names (what a header's has_name was checked against) */
  int seeded;     /* the rules' names are in: names added from now on are learnt */
  int finalized;  /* the scan is over and the dormant functions decided (finalize) */
  const rules *r;
  unsigned char *awake;     /* per kind: an acquirer is named or called (wake) */
  unsigned char *fn_seeded; /* per function of the rules: its names are in */
  rel_file *files; /* project headers read so far */
  unsigned nfiles;
  size_t capfiles;
  strmap file_index; /* path -> index into files */
  strset defined; /* functions of the region that parsed units call without a body */
  /* the region: functions whose summaries can reach a finding (those that can carry a
   * handle effect, and every function they call, to any depth); only calls of the
   * region ask for the unit that defines the callee */
  strset region;
  strset nobody;  /* functions parsed units call without a body */
  strmap callees; /* function -> first edge (index into edges) */
  struct rel_edge { const char *callee; unsigned next; } *edges;
  unsigned nedges;
  size_t capedges;
  /* slot = name assignments seen while name was not (yet) relevant: when name becomes
   * relevant, so does slot (whatever order the units arrive in) */
  strmap pending;   /* name -> first pair (index into pairs) */
  struct rel_pair { const char *slot; unsigned next; } *pairs;
  unsigned npairs;
  size_t cappairs;
  const char **patterns;
  unsigned npatterns;
  unsigned n;
  rel_unit *units;
};

static int fn_has_handle_effect(const rule_fn *f) {
  for (unsigned k = 0; k < f->neffects; k++)
    switch (f->effects[k].fx) {
    case RX_ACQUIRE:
    case RX_RELEASE:
    case RX_USE:
    case RX_ESCAPE:
      return 1;
    default:
      break;
    }
  return 0;
}

#define REL_NO_PAIR 0xffffffffu

/* region_add: k is in the region, and so is every function it calls (transitively; an
 * explicit stack, each name once); those called without a body are asked for. */
static void region_add(relevance *rv, const char *k) {
  if (set_has(&rv->region, k))
    return;
  size_t cap = 16, n = 0;
  const char **stack = malloc(cap * sizeof *stack);
  if (!stack)
    xalloc_fail();
  stack[n++] = k;
  while (n) {
    const char *name = stack[--n];
    if (set_has(&rv->region, name))
      continue;
    const char *key = strmap_key(&rv->intern, name);
    if (!key) {
      key = arena_strdup(rv->a, name);
      strmap_put(&rv->intern, key, 0);
    }
    strmap_put(&rv->region, key, 0);
    if (set_has(&rv->nobody, key))
      set_add(&rv->defined, rv->a, key);
    unsigned e;
    if (!strmap_get(&rv->callees, key, &e))
      continue;
    for (; e != REL_NO_PAIR; e = rv->edges[e].next) {
      if (set_has(&rv->region, rv->edges[e].callee))
        continue;
      if (n == cap) {
        cap *= 2;
        const char **ns = realloc(stack, cap * sizeof *ns);
        if (!ns)
          xalloc_fail();
        stack = ns;
      }
      stack[n++] = rv->edges[e].callee;
    }
  }
  free(stack);
}

/* edge_add: fn (of a parsed unit) calls callee. */
static void edge_add(relevance *rv, const char *fn, const char *callee) {
  const char *fk = strmap_key(&rv->intern, fn), *ck = strmap_key(&rv->intern, callee);
  if (!fk) {
    fk = arena_strdup(rv->a, fn);
    strmap_put(&rv->intern, fk, 0);
  }
  if (!ck) {
    ck = arena_strdup(rv->a, callee);
    strmap_put(&rv->intern, ck, 0);
  }
  unsigned head = REL_NO_PAIR;
  strmap_get(&rv->callees, fk, &head);
  for (unsigned e = head; e != REL_NO_PAIR; e = rv->edges[e].next)
    if (rv->edges[e].callee == ck)
      return;
  if (rv->nedges == rv->capedges) {
    rv->capedges = rv->capedges ? 2 * rv->capedges : 256;
    struct rel_edge *ne = realloc(rv->edges, rv->capedges * sizeof *ne);
    if (!ne)
      xalloc_fail();
    rv->edges = ne;
  }
  rv->edges[rv->nedges].callee = ck;
  rv->edges[rv->nedges].next = head;
  strmap_put(&rv->callees, fk, rv->nedges++);
}

/* names_add: k is relevant, and so is every slot assigned k (transitively; an explicit
 * stack of names, each added once). A relevant function is in the region. */
static void names_add(relevance *rv, const char *k) {
  if (set_has(&rv->names, k))
    return;
  size_t cap = 16, n = 0;
  const char **stack = malloc(cap * sizeof *stack);
  if (!stack)
    xalloc_fail();
  stack[n++] = k;
  while (n) {
    const char *name = stack[--n];
    if (!set_add(&rv->names, rv->a, name))
      continue;
    rv->names_version++;
    if (rv->seeded)
      region_add(rv, name);
    unsigned p;
    if (!strmap_get(&rv->pending, name, &p))
      continue;
    for (; p != REL_NO_PAIR; p = rv->pairs[p].next) {
      if (set_has(&rv->names, rv->pairs[p].slot))
        continue;
      if (n == cap) {
        cap *= 2;
        const char **ns = realloc(stack, cap * sizeof *ns);
        if (!ns)
          xalloc_fail();
        stack = ns;
      }
      stack[n++] = rv->pairs[p].slot;
    }
  }
  free(stack);
}

/* pair_add: slot receives name, which is not relevant yet (slot is copied unless
 * slot_owned: an arena string of the pre-pass). */
static void pair_add_slot(relevance *rv, const char *name, const char *slot, int slot_owned) {
  unsigned head = REL_NO_PAIR;
  const char *key = strmap_key(&rv->pending, name);
  if (key)
    strmap_get(&rv->pending, key, &head);
  else
    key = arena_strdup(rv->a, name);
  if (rv->npairs == rv->cappairs) {
    rv->cappairs = rv->cappairs ? 2 * rv->cappairs : 64;
    struct rel_pair *np = realloc(rv->pairs, rv->cappairs * sizeof *np);
    if (!np)
      xalloc_fail();
    rv->pairs = np;
  }
  rv->pairs[rv->npairs].slot = slot_owned ? slot : arena_strdup(rv->a, slot);
  rv->pairs[rv->npairs].next = head;
  strmap_put(&rv->pending, key, rv->npairs++);
}

static void pair_add(relevance *rv, const char *name, const char *slot) {
  pair_add_slot(rv, name, slot, 0);
}

/* rule_name_add: a name of the rules (it counts wherever a header names it). */
static void rule_name_add(relevance *rv, const char *k) {
  names_add(rv, k);
  set_add(&rv->rule_names, rv->a, k);
}

/* fn_kinds_dormant: f only releases or uses handles (acquires none), so it matters
 * only where a handle of its kinds exists: it is seeded once the scan shows that some
 * unit names an acquirer of one of them (finalize). CloseHandle releases access tokens
 * and closes every other kernel handle: without QuerySecurityContextToken in the
 * build, its callers cannot reach a finding. */
static int fn_dormant(const rule_fn *f) {
  for (unsigned k = 0; k < f->neffects; k++)
    if (f->effects[k].fx == RX_ACQUIRE || f->effects[k].fx == RX_ESCAPE)
      return 0;
  return 1;
}

static void seed_fn(relevance *rv, const rule_fn *f) {
  for (unsigned k = 0; k < f->nnames; k++)
    rule_name_add(rv, f->names[k]);
  for (unsigned k = 0; k < f->ntypes; k++)
    rule_name_add(rv, f->types[k]);
  for (unsigned k = 0; k < f->npatterns; k++)
    rv->patterns[rv->npatterns++] = f->patterns[k];
}

relevance *relevance_new(const rules *r, unsigned n) {
  relevance *rv = calloc(1, sizeof *rv);
  if (!rv || !(rv->a = arena_new()) || !(rv->units = calloc(n + 1, sizeof *rv->units))) {
    relevance_free(rv);
    return NULL;
  }
  rv->n = n;
  rv->names_version = 1;
  size_t npat = 0;
  for (unsigned i = 0; i < r->nfns; i++)
    if (fn_has_handle_effect(&r->fns[i]))
      npat += r->fns[i].npatterns;
  rv->patterns = arena_alloc(rv->a, (npat + 1) * sizeof *rv->patterns);
  rv->r = r;
  rv->awake = arena_alloc(rv->a, r->nkinds + 1);
  rv->fn_seeded = arena_alloc(rv->a, r->nfns + 1);
  for (unsigned i = 0; i < r->nfns; i++) {
    const rule_fn *f = &r->fns[i];
    if (fn_has_handle_effect(f) && !fn_dormant(f)) {
      rv->fn_seeded[i] = 1;
      seed_fn(rv, f);
    }
  }
  for (unsigned i = 0; i < r->nkinds; i++) {
    const rule_kind *k = &r->kinds[i];
    for (unsigned j = 0; j < k->ntype_names; j++)
      rule_name_add(rv, k->type_names[j]);
    for (unsigned j = 0; j < k->npointer_type_names; j++)
      rule_name_add(rv, k->pointer_type_names[j]);
  }
  for (unsigned i = 0; i < r->nmacros; i++)
    if (r->macros[i].kind != RM_STATUS)
      rule_name_add(rv, r->macros[i].name);
  for (unsigned i = 0; i < r->nentries; i++)
    rule_name_add(rv, r->entries[i].name);
  /* flag and attribute constants: a unit that only stores ISC_REQ_ALLOCATE_MEMORY in a
   * struct member decides what calls elsewhere allocate (engine/members.c) */
  for (unsigned i = 0; i < r->nconst_names; i++)
    rule_name_add(rv, r->const_names[i]);
  rv->seeded = 1;
  return rv;
}

void relevance_free(relevance *rv) {
  if (!rv)
    return;
  if (rv->units)
    for (unsigned i = 0; i < rv->n; i++) {
      strmap_free(&rv->units[i].toks);
      strmap_free(&rv->units[i].top);
      strmap_free(&rv->units[i].defs);
    }
  free(rv->units);
  for (unsigned i = 0; i < rv->nfiles; i++) {
    strmap_free(&rv->files[i].toks);
    strmap_free(&rv->files[i].body);
    free(rv->files[i].funcs);
  }
  strmap_free(&rv->file_index);
  strmap_free(&rv->intern);
  strmap_free(&rv->names);
  strmap_free(&rv->rule_names);
  strmap_free(&rv->defined);
  strmap_free(&rv->region);
  strmap_free(&rv->nobody);
  strmap_free(&rv->callees);
  free(rv->edges);
  strmap_free(&rv->pending);
  free(rv->pairs);
  if (rv->a)
    arena_free(rv->a);
  free(rv);
}

/* ---- scanning ---- */

typedef struct scan_ctx {
  relevance *rv;
  rel_unit *u;
  const fe_cmd *cmd;
  const char *const *extra;
  int nextra;
  unsigned ui; /* the unit's index */
  unsigned nheaders;
  strset seen; /* headers already scanned for this unit */
} scan_ctx;

static int is_id0(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_id(int c) { return is_id0(c) || (c >= '0' && c <= '9'); }

static void scan_file(scan_ctx *sc, const char *path, unsigned depth, int is_main);

/* fits: an snprintf result that was not cut short. */
static int fits(int w, size_t n) { return w >= 0 && (size_t)w < n; }

/* dir_of: the directory part of path into buf ("." when none). */
static void dir_of(const char *path, char *buf, size_t n) {
  const char *slash = strrchr(path, '/');
  if (!slash || !fits(snprintf(buf, n, "%.*s", (int)(slash - path), path), n))
    snprintf(buf, n, ".");
}

static int is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* join: dir + "/" + name into buf, dir made absolute against the command's directory;
 * 0 when the path does not fit. */
static int join(const scan_ctx *sc, const char *dir, const char *name, char *buf, size_t n) {
  if (dir[0] == '/' || !sc->cmd->directory)
    return fits(snprintf(buf, n, "%s/%s", dir, name), n);
  return fits(snprintf(buf, n, "%s/%s/%s", sc->cmd->directory, dir, name), n);
}

/* include_dir: the k-th -I / -iquote directory of the command and the extra
 * arguments, or NULL after the last. */
static const char *include_dir(const scan_ctx *sc, unsigned *k) {
  for (;;) {
    unsigned i = (*k)++;
    const char *a, *next;
    if (i < (unsigned)sc->cmd->argc) {
      a = sc->cmd->argv[i];
      next = i + 1 < (unsigned)sc->cmd->argc ? sc->cmd->argv[i + 1] : NULL;
    } else if (i - (unsigned)sc->cmd->argc < (unsigned)sc->nextra) {
      unsigned j = i - (unsigned)sc->cmd->argc;
      a = sc->extra[j];
      next = j + 1 < (unsigned)sc->nextra ? sc->extra[j + 1] : NULL;
    } else
      return NULL;
    if (!strcmp(a, "-I") || !strcmp(a, "-iquote") || !strcmp(a, "/I")) {
      if (next) {
        (*k)++;
        return next;
      }
      return NULL;
    }
    if (!strncmp(a, "-I", 2) || !strncmp(a, "/I", 2))
      return a + 2;
    if (!strncmp(a, "-iquote", 7))
      return a + 7;
  }
}

/* follow_include: a project header named by an #include line, scanned when found. */
static void follow_include(scan_ctx *sc, const char *from, const char *name, size_t len,
                           int quoted, unsigned depth) {
  char hname[512], buf[REL_MAX_PATH], dir[REL_MAX_PATH];
  if (len == 0 || len >= sizeof hname)
    return;
  memcpy(hname, name, len);
  hname[len] = 0;
  int found = 0;
  if (hname[0] == '/')
    found = fits(snprintf(buf, sizeof buf, "%s", hname), sizeof buf) && is_file(buf);
  if (!found && quoted) {
    dir_of(from, dir, sizeof dir);
    found = fits(snprintf(buf, sizeof buf, "%s/%s", dir, hname), sizeof buf) && is_file(buf);
  }
  unsigned k = 0;
  for (const char *d; !found && (d = include_dir(sc, &k));)
    found = join(sc, d, hname, buf, sizeof buf) && is_file(buf);
  if (!found)
    return; /* a system header, or one the compiler finds elsewhere: not the project's */
  if (set_has(&sc->seen, buf))
    return;
  if (sc->nheaders >= REL_MAX_HEADERS || depth >= REL_MAX_DEPTH) {
    sc->u->force = 1;
    return;
  }
  sc->nheaders++;
  set_add(&sc->seen, sc->rv->a, buf);
  scan_file(sc, buf, depth + 1, 0);
}

/* add_inc: an #include line of header hf, to be resolved per unit. */
static void add_inc(relevance *rv, rel_file *hf, const char *name, size_t len, int quoted) {
  arena_grow(rv->a, (void **)&hf->incs, &hf->capincs, hf->nincs + 1, sizeof *hf->incs);
  hf->incs[hf->nincs].name = arena_strndup(rv->a, name, len);
  hf->incs[hf->nincs].quoted = quoted;
  hf->nincs++;
}

/* ---- header entities ----
 * A header's text is not code of a unit that includes it until the unit uses something
 * of it: a macro (expanded where it is named), an inline function (called), an object
 * with an initialiser (named), a typedef (an alias of a handle type). Each of these
 * becomes a relevant name when its text names one (now, or once the fixpoint adds the
 * name: the pairs of names_add). Prototypes, extern declarations and struct, union and
 * enum definitions are not uses (relevance.h says why that is enough). A header whose
 * braces or parentheses do not balance (conditional code) is taken whole, as code. */

static int name_matches(const relevance *rv, const strset *names, const char *t);
static void wake(relevance *rv, int kind);

#define HS_MAX_DEPTH 64u

enum { HB_CODE, HB_AGG, HB_LINK };         /* what a brace opens */
enum { HT_NONE, HT_ID, HT_PUNCT, HT_STR }; /* what a token was */

typedef struct hscan {
  relevance *rv;
  rel_file *hf;          /* the header scanned, or NULL for a main file */
  rel_unit *u;           /* the unit whose main file is scanned (hf NULL) */
  int *unbalanced;       /* hf's or u's */
  unsigned stmt_ids;     /* identifiers of the statement at depth 0 so far */
  int macro_like;        /* the statement starts NAME( : a macro may define functions */
  unsigned char kind[HS_MAX_DEPTH]; /* the open braces (HB_*) */
  unsigned nk;
  unsigned depth;        /* open braces other than extern "C" { */
  int agg;               /* the outermost open brace is a struct/union/enum body */
  long paren;            /* parentheses open at brace depth 0 */
  unsigned groups;       /* parenthesis groups the statement opened at depth 0 */
  int t1, t2;            /* the last two tokens (HT_*), their identifiers, character */
  const char *id1, *id2;
  char p1;
  /* the statement at brace depth 0: its tokens (outside struct bodies), the names it
   * declares (typedef, initialised object) and the function names it may define */
  const char **toks, **names, **fcands;
  size_t ntoks, captoks, nnames, capnames, nfcands, capfcands;
  const char *last_id0;  /* the last identifier at parenthesis depth 0 */
  const char *eq_name;   /* the declarator before `=` */
  int stmt_start, is_typedef, fn_def, init, unnamed;
  /* a directive line */
  int dir, dir_words, is_define;
  const char *macro;
  const char **mtoks;
  size_t nmtoks, capmtoks;
} hscan;

static const char *intern_n(relevance *rv, const char *s, size_t n) {
  const char *k = strmap_key_n(&rv->intern, s, n);
  if (!k) {
    k = arena_strndup(rv->a, s, n);
    strmap_put(&rv->intern, k, 0);
  }
  return k;
}

static void push(const char ***arr, size_t *n, size_t *cap, const char *v) {
  if (*n == *cap) {
    *cap = *cap ? 2 * *cap : 16;
    const char **na = realloc(*arr, *cap * sizeof *na);
    if (!na)
      xalloc_fail();
    *arr = na;
  }
  (*arr)[(*n)++] = v;
}

static int is_tag_kw(const char *id) {
  return !strcmp(id, "struct") || !strcmp(id, "union") || !strcmp(id, "enum");
}

/* not_declarator: identifiers followed by `(` that do not name what is declared */
static int not_declarator(const char *id) {
  static const char *const kw[] = {"__attribute__", "__attribute", "__declspec", "_Alignas",
                                   "alignas", "__typeof__", "__typeof", "typeof", "__asm__",
                                   "__asm", "asm", "sizeof", "_Static_assert", "static_assert",
                                   "_Pragma", "__pragma", "__extension__"};
  for (size_t k = 0; k < sizeof kw / sizeof *kw; k++)
    if (!strcmp(id, kw[k]))
      return 1;
  return 0;
}

static int ptr_cmp(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  return x < y ? -1 : x > y;
}

/* entity_link: each of names (interned) is relevant once one of toks is (names_add
 * now, or a pair for names_add to follow). */
static void entity_link(relevance *rv, const char **names, size_t nnames, const char **toks,
                        size_t ntoks) {
  if (!nnames || !ntoks)
    return;
  qsort(toks, ntoks, sizeof *toks, ptr_cmp);
  for (size_t k = 0; k < nnames; k++) {
    const char *nm = names[k];
    if (set_has(&rv->names, nm))
      continue;
    int now = 0;
    for (size_t t = 0; t < ntoks && !now; t++)
      if ((t == 0 || toks[t] != toks[t - 1]) && toks[t] != nm)
        now = name_matches(rv, &rv->names, toks[t]);
    if (now) {
      names_add(rv, nm);
      continue;
    }
    for (size_t t = 0; t < ntoks; t++)
      if ((t == 0 || toks[t] != toks[t - 1]) && toks[t] != nm)
        pair_add_slot(rv, toks[t], nm, 1);
  }
}

/* hs_flush: the statement at depth 0 ended (`;`, or a function body's `}`). */
static void hs_flush(hscan *hs) {
  relevance *rv = hs->rv;
  rel_file *hf = hs->hf;
  if (!hf) {
    /* a main file: the functions it may define */
    if (hs->fn_def)
      for (size_t k = 0; k < hs->nfcands; k++)
        set_add(&hs->u->defs, rv->a, hs->fcands[k]);
    if (hs->macro_like || (hs->fn_def && !hs->nfcands))
      for (size_t t = 0; t < hs->ntoks; t++)
        set_add(&hs->u->defs, rv->a, hs->toks[t]);
  } else if (hs->is_typedef) {
    /* an alias matters only as a handle type (the rules' names are known now) */
    for (size_t t = 0; t < hs->ntoks; t++)
      if (name_matches(rv, &rv->rule_names, hs->toks[t])) {
        for (size_t k = 0; k < hs->nnames; k++)
          rule_name_add(rv, hs->names[k]);
        break;
      }
  } else if (hs->unnamed || (hs->fn_def && !hs->nfcands) || (hs->init && !hs->nnames)) {
    for (size_t t = 0; t < hs->ntoks; t++)
      set_add(&hf->body, rv->a, hs->toks[t]);
  } else if (hs->fn_def) {
    for (size_t k = 0; k < hs->nfcands; k++)
      push(&hf->funcs, &hf->nfuncs, &hf->capfuncs, hs->fcands[k]);
    entity_link(rv, hs->fcands, hs->nfcands, hs->toks, hs->ntoks);
  } else if (hs->init) {
    entity_link(rv, hs->names, hs->nnames, hs->toks, hs->ntoks);
  }
  hs->ntoks = hs->nnames = hs->nfcands = 0;
  hs->last_id0 = hs->eq_name = NULL;
  hs->stmt_start = 1;
  hs->is_typedef = hs->fn_def = hs->init = hs->unnamed = hs->macro_like = 0;
  hs->groups = hs->stmt_ids = 0;
}

static void hs_shift(hscan *hs, int t, const char *id, char p) {
  hs->t2 = hs->t1;
  hs->id2 = hs->id1;
  hs->t1 = t;
  hs->id1 = id;
  hs->p1 = p;
}

static void hs_id(hscan *hs, const char *s, size_t n) {
  const char *id = intern_n(hs->rv, s, n);
  if (hs->dir) {
    if (hs->dir_words++ == 0)
      hs->is_define = !strcmp(id, "define");
    else if (hs->is_define && !hs->macro)
      hs->macro = id;
    else if (hs->is_define)
      push(&hs->mtoks, &hs->nmtoks, &hs->capmtoks, id);
    return;
  }
  if (hs->depth == 0) {
    if (hs->stmt_start && !strcmp(id, "typedef"))
      hs->is_typedef = 1;
    hs->stmt_start = 0;
    hs->stmt_ids++;
    if (hs->paren == 0)
      hs->last_id0 = id;
    /* typedef R (CALL *NAME)(...): the name in the first group */
    if (hs->is_typedef && hs->paren == 1 && hs->groups == 1 && hs->t1 == HT_PUNCT &&
        hs->p1 == '*')
      push(&hs->names, &hs->nnames, &hs->capnames, id);
  }
  if (!hs->agg)
    push(&hs->toks, &hs->ntoks, &hs->captoks, id);
  hs_shift(hs, HT_ID, id, 0);
}

/* hs_open: what a `{` opens, and what it makes of the statement at depth 0. */
static void hs_open(hscan *hs) {
  int kind;
  if (hs->t1 == HT_STR)
    kind = HB_LINK; /* extern "C" { */
  else if (hs->depth > 0)
    kind = hs->agg ? HB_AGG : HB_CODE;
  else if ((hs->t1 == HT_ID && is_tag_kw(hs->id1)) ||
           (hs->t1 == HT_ID && hs->t2 == HT_ID && is_tag_kw(hs->id2)))
    kind = HB_AGG;
  else
    kind = HB_CODE;
  if (hs->depth == 0 && kind == HB_CODE && !hs->fn_def && !hs->init && !hs->unnamed) {
    if (hs->t1 == HT_PUNCT && hs->p1 == '=') {
      hs->init = 1;
      if (hs->eq_name)
        push(&hs->names, &hs->nnames, &hs->capnames, hs->eq_name);
    } else if (hs->nfcands && !hs->is_typedef) {
      hs->fn_def = 1;
    } else if (hs->eq_name) {
      hs->init = 1; /* T x = (T){...} and the like */
      push(&hs->names, &hs->nnames, &hs->capnames, hs->eq_name);
    } else {
      hs->unnamed = 1;
    }
  }
  if (hs->nk < HS_MAX_DEPTH)
    hs->kind[hs->nk++] = (unsigned char)kind;
  else
    *hs->unbalanced = 1; /* too deep to follow: the header is taken whole */
  if (kind != HB_LINK) {
    if (hs->depth == 0)
      hs->agg = kind == HB_AGG;
    hs->depth++;
  }
}

static void hs_close(hscan *hs) {
  if (hs->nk == 0) {
    *hs->unbalanced = 1;
    return;
  }
  int kind = hs->kind[--hs->nk];
  if (kind == HB_LINK || hs->depth == 0 || --hs->depth > 0)
    return;
  hs->agg = 0;
  if (kind == HB_CODE && hs->fn_def)
    hs_flush(hs); /* a function body ends its definition */
}

static void hs_punct(hscan *hs, char c) {
  if (hs->dir)
    return;
  if (c == '{') {
    hs_open(hs);
  } else if (c == '}') {
    hs_close(hs);
  } else if (hs->depth == 0) {
    if (c == '(') {
      if (hs->paren == 0) {
        if (hs->groups == 0 && hs->stmt_ids == 1 && hs->t1 == HT_ID)
          hs->macro_like = 1;
        hs->groups++;
        if (hs->t1 == HT_ID && !not_declarator(hs->id1) && !hs->is_typedef)
          push(&hs->fcands, &hs->nfcands, &hs->capfcands, hs->id1);
      }
      hs->paren++;
    } else if (c == ')') {
      if (hs->paren > 0)
        hs->paren--;
      else
        *hs->unbalanced = 1;
    } else if (c == '=' && hs->paren == 0) {
      hs->eq_name = hs->last_id0;
    } else if ((c == ',' || c == ';') && hs->paren == 0 && hs->is_typedef && hs->t1 == HT_ID) {
      push(&hs->names, &hs->nnames, &hs->capnames, hs->id1);
    }
    if (c == ';' && hs->paren == 0)
      hs_flush(hs);
  }
  hs_shift(hs, HT_PUNCT, NULL, c);
}

static void hs_str(hscan *hs) {
  if (!hs->dir)
    hs_shift(hs, HT_STR, NULL, 0);
}

static void hs_dir_begin(hscan *hs) {
  hs->dir = 1;
  hs->dir_words = 0;
  hs->is_define = 0;
  hs->macro = NULL;
  hs->nmtoks = 0;
}

/* hs_dir_end: a #define NAME ... line: NAME is relevant once its text names something
 * relevant. Other directives name nothing a unit runs. */
static void hs_dir_end(hscan *hs) {
  if (hs->dir && hs->is_define && hs->macro && hs->hf)
    entity_link(hs->rv, &hs->macro, 1, hs->mtoks, hs->nmtoks);
  hs->dir = 0;
}

static void hs_end(hscan *hs) {
  hs_dir_end(hs);
  if (hs->nk || hs->depth || hs->paren)
    *hs->unbalanced = 1;
  else if (hs->ntoks)
    hs_flush(hs);
  free(hs->toks);
  free(hs->names);
  free(hs->fcands);
  free(hs->mtoks);
}

/* scan_text: the tokens of one file: the main file's into the unit (its #includes
 * followed at once), a header's into hf (its #includes recorded in hf). */
static void scan_text(scan_ctx *sc, const char *path, const char *s, size_t n, unsigned depth,
                      int is_main, rel_file *hf) {
  relevance *rv = sc->rv;
  strset *toks = hf ? &hf->toks : &sc->u->toks;
  int *force = hf ? &hf->force : &sc->u->force;
  size_t i = 0;
  long braces = 0;
  int line_start = 1, directive = 0;
  hscan hs;
  memset(&hs, 0, sizeof hs);
  hs.rv = rv;
  hs.hf = hf;
  hs.u = sc->u;
  hs.unbalanced = hf ? &hf->unbalanced : &sc->u->unbalanced;
  hs.stmt_start = 1;
  while (i < n) {
    char c = s[i];
    if (c == '\n') {
      if (directive)
        hs_dir_end(&hs);
      line_start = 1;
      directive = 0;
      i++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      i++;
      continue;
    }
    if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
      i += 2;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n')
        i++;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      i += 2;
      while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'))
        i++;
      i += 2;
      continue;
    }
    if (c == '#' && line_start) {
      size_t j = i + 1;
      while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
      if (n - j >= 7 && !strncmp(s + j, "include", 7)) {
        j += 7;
        while (j < n && (s[j] == ' ' || s[j] == '\t'))
          j++;
        if (j < n && (s[j] == '"' || s[j] == '<')) {
          char close = s[j] == '"' ? '"' : '>';
          size_t b = ++j;
          while (j < n && s[j] != close && s[j] != '\n')
            j++;
          if (j < n && s[j] == close) {
            if (hf)
              add_inc(rv, hf, s + b, j - b, close == '"');
            else
              follow_include(sc, path, s + b, j - b, close == '"', depth);
          }
        } else {
          *force = 1; /* #include MACRO: which header is not known without cpp */
        }
        while (j < n && s[j] != '\n')
          j++;
        i = j;
        continue;
      }
      i++; /* other directives: a main file's identifiers count (#define X SspiCall) */
      line_start = 0;
      directive = 1;
      hs_dir_begin(&hs);
      continue;
    }
    line_start = 0;
    if (c == '"' || c == '\'') {
      i++;
      while (i < n && s[i] != c && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < n)
          i++;
        i++;
      }
      if (i < n && s[i] == c)
        i++; /* an unterminated literal (don't in #error) ends at the line, not past it */
      hs_str(&hs);
      continue;
    }
    if (is_id0((unsigned char)c)) {
      size_t b = i;
      while (i < n && is_id((unsigned char)s[i]))
        i++;
      set_add_n(toks, rv->a, s + b, i - b);
      hs_id(&hs, s + b, i - b);
      if (is_main && braces <= 0)
        set_add_n(&sc->u->top, rv->a, s + b, i - b);
      continue;
    }
    if (c >= '0' && c <= '9') { /* a number, with its suffix (0x1F, 10UL) */
      while (i < n && (is_id((unsigned char)s[i]) || s[i] == '.'))
        i++;
      hs_punct(&hs, '0'); /* a token that is neither an identifier nor a brace */
      continue;
    }
    if (c == '{')
      braces++;
    else if (c == '}')
      braces--;
    hs_punct(&hs, c);
    i++;
  }
  hs_end(&hs);
}

/* read_whole: the file's bytes (malloc'd, *n), or NULL. */
static char *read_whole(const char *path, size_t *np) {
  char err[1400];
  return infile_read(path, INFILE_MAX_SOURCE, np, err, sizeof err);
}

/* header_file: the index of path's record, read and scanned the first time. */
static unsigned header_file(scan_ctx *sc, const char *path, unsigned depth) {
  relevance *rv = sc->rv;
  unsigned idx;
  if (strmap_get(&rv->file_index, path, &idx))
    return idx;
  arena_grow(rv->a, (void **)&rv->files, &rv->capfiles, rv->nfiles + 1, sizeof *rv->files);
  idx = rv->nfiles++;
  rel_file *hf = &rv->files[idx];
  memset(hf, 0, sizeof *hf);
  hf->path = arena_strdup(rv->a, path);
  strmap_put(&rv->file_index, hf->path, idx);
  size_t n = 0;
  char *buf = read_whole(path, &n);
  if (!buf)
    hf->force = 1;
  else
    scan_text(sc, path, buf, n, depth, 0, hf);
  free(buf);
  return idx;
}

static void scan_file(scan_ctx *sc, const char *path, unsigned depth, int is_main) {
  if (is_main) {
    size_t n = 0;
    char *buf = read_whole(path, &n);
    if (!buf) {
      sc->u->force = 1;
      return;
    }
    scan_text(sc, path, buf, n, depth, 1, NULL);
    free(buf);
    return;
  }
  unsigned idx = header_file(sc, path, depth);
  rel_unit *u = sc->u;
  arena_grow(sc->rv->a, (void **)&u->files, &u->capfiles, u->nfiles + 1, sizeof *u->files);
  u->files[u->nfiles++] = idx;
  if (sc->rv->files[idx].force)
    u->force = 1;
  if (!sc->rv->files[idx].has_first) {
    sc->rv->files[idx].has_first = 1;
    sc->rv->files[idx].first_unit = sc->ui;
  }
  /* rv->files may move while the includes are followed: index, never a pointer */
  for (unsigned k = 0; k < sc->rv->files[idx].nincs; k++) {
    const rel_inc inc = sc->rv->files[idx].incs[k];
    follow_include(sc, sc->rv->files[idx].path, inc.name, strlen(inc.name), inc.quoted, depth);
  }
}

void relevance_scan(relevance *rv, unsigned i, const fe_cmd *c, const char *const *extra,
                    int nextra) {
  if (!rv || i >= rv->n)
    return;
  scan_ctx sc;
  memset(&sc, 0, sizeof sc);
  sc.rv = rv;
  sc.u = &rv->units[i];
  sc.ui = i;
  sc.cmd = c;
  sc.extra = extra;
  sc.nextra = nextra;
  char path[REL_MAX_PATH];
  int ok;
  if (c->file[0] == '/' || !c->directory)
    ok = fits(snprintf(path, sizeof path, "%s", c->file), sizeof path);
  else
    ok = fits(snprintf(path, sizeof path, "%s/%s", c->directory, c->file), sizeof path);
  if (ok)
    scan_file(&sc, path, 0, 1);
  else
    sc.u->force = 1;
  /* forced includes (-include FILE, /FI FILE) are part of the unit */
  for (int k = 0; k < c->argc; k++) {
    const char *a = c->argv[k], *f = NULL;
    if ((!strcmp(a, "-include") || !strcmp(a, "/FI")) && k + 1 < c->argc)
      f = c->argv[++k];
    else if (!strncmp(a, "/FI", 3) && a[3])
      f = a + 3;
    char fbuf[REL_MAX_PATH];
    if (f && f[0] != '/' && c->directory &&
        fits(snprintf(fbuf, sizeof fbuf, "%s/%s", c->directory, f), sizeof fbuf) &&
        is_file(fbuf))
      f = fbuf; /* relative to the command's directory, as the compiler reads it */
    if (f)
      follow_include(&sc, path, f, strlen(f), 1, 0);
  }
  strmap_free(&sc.seen);
  rv->units[i].scanned = 1;
}

/* ---- the fixpoint ---- */

/* last_name: the name a place is known by for calls through it: its last member, else
 * its variable. */
static const char *slot_name(const ir_place *p) {
  if (!p)
    return NULL;
  for (unsigned k = p->nsteps; k-- > 0;)
    if (p->steps[k].kind == IR_STEP_FIELD && p->steps[k].field)
      return p->steps[k].field;
  return p->name && *p->name ? p->name : NULL;
}

/* name_matches: t is in names or matches a rules pattern. */
static int name_matches(const relevance *rv, const strset *names, const char *t) {
  if (set_has(names, t))
    return 1;
  for (unsigned p = 0; p < rv->npatterns; p++)
    if (fnmatch(rv->patterns[p], t, 0) == 0)
      return 1;
  return 0;
}

/* handle_typed: the place's type names a handle type of the rules ("CredHandle",
 * "PCtxtHandle *", "const SecHandle"). */
static int handle_typed(const relevance *rv, const ir_place *p) {
  const char *t = p ? p->type_name : NULL;
  while (t && *t) {
    while (*t && !is_id0((unsigned char)*t))
      t++;
    const char *b = t;
    while (*t && is_id((unsigned char)*t))
      t++;
    if (t > b && strmap_key_n(&rv->rule_names, b, (size_t)(t - b)))
      return 1;
  }
  return 0;
}

/* handle_val: a value of the event reads or takes the address of a handle-typed place. */
static int handle_val(const relevance *rv, const ir_val *v, unsigned depth) {
  if (!v || depth > 8)
    return 0;
  if ((v->kind == IR_V_PLACE || v->kind == IR_V_ADDR) && handle_typed(rv, v->place))
    return 1;
  return v->kind == IR_V_CHOICE &&
         (handle_val(rv, v->a, depth + 1) || handle_val(rv, v->b, depth + 1));
}

/* learn_func: what one function of a parsed unit adds, in one pass over its events.
 * fn can carry a handle effect to its callers when it calls something relevant (a
 * function of the rules, or of the parsed units that can) or touches a handle-typed
 * place; then its name is relevant. A callee or slot not (yet) relevant is remembered:
 * fn becomes relevant when it does (pairs, whatever the order). Also the functions it
 * calls without a body, and the slots it assigns a function to. */
static void learn_func(relevance *rv, const ir_func *fn) {
  const char *name = fn->name && *fn->name ? fn->name : NULL;
  int relevant = 0;
  for (unsigned b = 0; b < fn->nblocks; b++)
    for (unsigned e = 0; e < fn->blocks[b].nev; e++) {
      const ir_event *ev = &fn->blocks[b].ev[e];
      if (ev->kind == IR_E_CALL) {
        const char *callee = ev->call.name && *ev->call.name ? ev->call.name : NULL;
        const rule_fn *rf = rules_match_call(rv->r, &ev->call);
        for (unsigned k = 0; rf && k < rf->neffects; k++)
          if (rf->effects[k].fx == RX_ACQUIRE)
            wake(rv, rf->effects[k].kind);
        if (callee && !ev->call.indirect) {
          if (!ev->call.has_body && set_add(&rv->nobody, rv->a, callee) &&
              set_has(&rv->region, callee))
            set_add(&rv->defined, rv->a, callee);
          if (name)
            edge_add(rv, name, callee);
        }
        if (relevant)
          continue;
        if (callee && name_matches(rv, &rv->names, callee))
          relevant = 1;
        else if (callee && name)
          pair_add(rv, callee, name);
        for (unsigned a = 0; a < ev->call.nargs && !relevant; a++)
          relevant = handle_val(rv, &ev->call.args[a], 0);
        continue;
      }
      if (ev->kind != IR_E_ASSIGN && ev->kind != IR_E_CLEAR)
        continue;
      if (!relevant)
        relevant = handle_typed(rv, ev->dst) || handle_val(rv, &ev->src, 0);
      if (ev->kind == IR_E_ASSIGN && (ev->src.kind == IR_V_PLACE || ev->src.kind == IR_V_ADDR) &&
          ev->src.place && ev->src.place->nsteps == 0 && ev->src.place->name &&
          *ev->src.place->name) {
        const char *slot = slot_name(ev->dst);
        if (slot && set_has(&rv->names, ev->src.place->name))
          names_add(rv, slot);
        else if (slot)
          pair_add(rv, ev->src.place->name, slot); /* relevant once the name is */
      }
    }
  if (relevant && name)
    names_add(rv, name);
  /* in the region before its unit was parsed (a region function calls it): so are its
   * callees now */
  if (name && set_has(&rv->region, name)) {
    unsigned e;
    const char *key = strmap_key(&rv->intern, name);
    if (key && strmap_get(&rv->callees, key, &e))
      for (; e != REL_NO_PAIR; e = rv->edges[e].next)
        region_add(rv, rv->edges[e].callee);
  }
}

void relevance_learn(relevance *rv, const ir_unit *u) {
  if (!rv || !u)
    return;
  for (unsigned f = 0; f < u->nfuncs; f++)
    learn_func(rv, &u->funcs[f]);
}

/* name_in: one of toks that is a relevant name (or matches a rules pattern), or NULL. */
static const char *name_in_set(const relevance *rv, const strset *names, const strset *toks) {
  for (size_t k = 0; k < toks->cap; k++)
    if (toks->keys[k] && name_matches(rv, names, toks->keys[k]))
      return toks->keys[k];
  return NULL;
}

static const char *name_in(const relevance *rv, const strset *toks) {
  return name_in_set(rv, &rv->names, toks);
}

/* header_names: a header names something relevant in code of its own that every
 * includer may run: code the scan could not give a name to (hf->body), or anywhere
 * when its braces do not balance. Its named entities (macros, inline functions,
 * initialised objects, typedefs) count where a unit names them (entity_link). */
static const char *header_names(const relevance *rv, const rel_file *hf) {
  return name_in(rv, hf->unbalanced ? &hf->toks : &hf->body);
}

/* header_own: hf defines an inline function that is relevant: the first unit that
 * includes hf is parsed (the function is analysed in that unit, as when every unit is
 * parsed), whether or not a unit calls it. */
static const char *header_own(const relevance *rv, const rel_file *hf) {
  for (size_t k = 0; k < hf->nfuncs; k++)
    if (set_has(&rv->names, hf->funcs[k]))
      return hf->funcs[k];
  return NULL;
}

/* why: with SSPI_CHECK_SHOW_RELEVANCE set, why unit i is parsed (a debugging aid,
 * like SSPI_CHECK_SHOW_CAP). */
static int why(unsigned i, const char *what, const char *name) {
  static int show = -1;
  if (show < 0)
    show = getenv("SSPI_CHECK_SHOW_RELEVANCE") != NULL;
  if (show)
    fprintf(stderr, "sspi-check: relevance: unit %u: %s%s%s\n", i, what, name ? " " : "",
            name ? name : "");
  return 1;
}

/* names_acquirer: one of toks names a function of the rules that acquires a handle of
 * kind (by name, typedef or pattern). */
static int names_acquirer(const relevance *rv, const strset *toks, int kind) {
  const rules *r = rv->r;
  for (unsigned i = 0; i < r->nfns; i++) {
    const rule_fn *f = &r->fns[i];
    int acq = 0;
    for (unsigned k = 0; k < f->neffects && !acq; k++)
      acq = f->effects[k].fx == RX_ACQUIRE && f->effects[k].kind == kind;
    if (!acq)
      continue;
    for (unsigned k = 0; k < f->nnames; k++)
      if (set_has(toks, f->names[k]))
        return 1;
    for (unsigned k = 0; k < f->ntypes; k++)
      if (set_has(toks, f->types[k]))
        return 1;
    for (unsigned k = 0; k < f->npatterns; k++)
      for (size_t t = 0; t < toks->cap; t++)
        if (toks->keys[t] && fnmatch(f->patterns[k], toks->keys[t], 0) == 0)
          return 1;
  }
  return 0;
}

/* finalize: after every unit is scanned, the dormant functions of the rules whose
 * kinds some unit can acquire (its main file or a header it includes names an
 * acquirer of the kind) are seeded (fn_dormant). */
/* wake: handles of kind can exist in the build: the dormant functions of the rules
 * that release or use it are seeded (once). */
static void wake(relevance *rv, int kind) {
  const rules *r = rv->r;
  if (kind < 0 || (unsigned)kind >= r->nkinds || rv->awake[kind])
    return;
  rv->awake[kind] = 1;
  int was = rv->seeded;
  rv->seeded = 0; /* the rules' names, not learnt ones */
  for (unsigned i = 0; i < r->nfns; i++) {
    const rule_fn *f = &r->fns[i];
    if (!fn_has_handle_effect(f) || !fn_dormant(f) || rv->fn_seeded[i])
      continue;
    for (unsigned k = 0; k < f->neffects; k++)
      if (f->effects[k].kind == kind) {
        rv->fn_seeded[i] = 1;
        seed_fn(rv, f);
        break;
      }
  }
  rv->seeded = was;
}

/* finalize: after every unit is scanned, the kinds that some main file or project
 * header names an acquirer of are awake (fn_dormant). A unit the scan could not read
 * whole is parsed, and what it calls wakes kinds then (learn_func). */
static void finalize(relevance *rv) {
  rv->finalized = 1;
  const rules *r = rv->r;
  for (unsigned k = 0; k < r->nkinds; k++) {
    int named = 0;
    for (unsigned i = 0; i < rv->n && !named; i++)
      named = names_acquirer(rv, &rv->units[i].toks, (int)k);
    for (unsigned i = 0; i < rv->nfiles && !named; i++)
      named = names_acquirer(rv, &rv->files[i].toks, (int)k);
    if (named)
      wake(rv, (int)k);
  }
}

int relevance_wanted(relevance *rv, unsigned i) {
  if (!rv || i >= rv->n)
    return 1;
  if (!rv->finalized)
    finalize(rv);
  const rel_unit *u = &rv->units[i];
  if (!u->scanned || u->force)
    return why(i, "not scanned or forced", NULL);
  const char *t = name_in(rv, &u->toks);
  if (t)
    return why(i, "main file names", t);
  /* a header's answer holds until the names grow (the fixpoint adds parsed units') */
  for (unsigned k = 0; k < u->nfiles; k++) {
    rel_file *hf = &rv->files[u->files[k]];
    if (hf->checked != rv->names_version) {
      hf->hit = header_names(rv, hf);
      hf->has_name = hf->hit != NULL;
      hf->checked = rv->names_version;
    }
    if (hf->has_name)
      return why(i, hf->path, hf->hit);
    const char *f = hf->first_unit == i ? header_own(rv, hf) : NULL;
    if (f)
      return why(i, "first to include a header whose inline function is relevant:", f);
  }
  const strset *defs = u->unbalanced ? &u->top : &u->defs;
  for (size_t k = 0; k < defs->cap; k++)
    if (defs->keys[k] && set_has(&rv->defined, defs->keys[k]))
      return why(i, "defines a function a parsed unit calls:", defs->keys[k]);
  return 0;
}

/* type_ident: the k-th identifier of a type as spelt ("struct conn *" -> conn), other
 * than the keywords around it; NULL after the last. */
static const char *type_ident(const char *t, unsigned k, size_t *len) {
  static const char *const kw[] = {"struct", "union", "enum", "const", "volatile", "restrict"};
  for (unsigned seen = 0; t && *t;) {
    while (*t && !is_id0((unsigned char)*t))
      t++;
    const char *b = t;
    while (*t && is_id((unsigned char)*t))
      t++;
    if (t == b)
      break;
    int skip = 0;
    for (size_t j = 0; j < sizeof kw / sizeof *kw && !skip; j++)
      skip = (size_t)(t - b) == strlen(kw[j]) && !strncmp(b, kw[j], (size_t)(t - b));
    if (!skip && seen++ == k) {
      *len = (size_t)(t - b);
      return b;
    }
  }
  return NULL;
}

int relevance_names_type(const relevance *rv, unsigned i, const char *const *types, unsigned n) {
  if (!rv || i >= rv->n)
    return 1;
  const rel_unit *u = &rv->units[i];
  if (!u->scanned || u->force)
    return 1;
  for (unsigned t = 0; t < n; t++) {
    size_t len;
    const char *id;
    for (unsigned k = 0; (id = type_ident(types[t], k, &len)); k++) {
      if (set_has_n(&u->toks, id, len))
        return 1;
      for (unsigned f = 0; f < u->nfiles; f++)
        if (set_has_n(&rv->files[u->files[f]].toks, id, len))
          return 1;
    }
  }
  return 0;
}
