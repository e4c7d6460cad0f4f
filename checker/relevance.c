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
  strset toks;
  strset body;          /* those inside braces (inline bodies, initialisers, struct
                           members) or on directive lines (#define): where a header can
                           call or store a function; a prototype is not a use */
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
  unsigned *files;  /* the project headers it includes (indices into relevance.files) */
  unsigned nfiles;
  size_t capfiles;
  int force;        /* unreadable, or past a bound: relevant */
  int scanned;
} rel_unit;

struct relevance {
  arena *a;
  strset names;   /* handle names of the rules + what parsed units add */
  strset rule_names; /* the rules' own */
  unsigned names_version; /* grows with names (what a header's has_name was checked against) */
  rel_file *files; /* project headers read so far */
  unsigned nfiles;
  size_t capfiles;
  strmap file_index; /* path -> index into files */
  strset defined; /* functions parsed units call without a body */
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

/* names_add: k is relevant, and so is every slot assigned k (transitively; an explicit
 * stack of names, each added once). */
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

/* pair_add: slot receives name, which is not relevant yet. */
static void pair_add(relevance *rv, const char *name, const char *slot) {
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
  rv->pairs[rv->npairs].slot = arena_strdup(rv->a, slot);
  rv->pairs[rv->npairs].next = head;
  strmap_put(&rv->pending, key, rv->npairs++);
}

/* rule_name_add: a name of the rules (it counts wherever a header names it). */
static void rule_name_add(relevance *rv, const char *k) {
  names_add(rv, k);
  set_add(&rv->rule_names, rv->a, k);
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
  for (unsigned i = 0; i < r->nfns; i++) {
    const rule_fn *f = &r->fns[i];
    if (!fn_has_handle_effect(f))
      continue;
    for (unsigned k = 0; k < f->nnames; k++)
      rule_name_add(rv, f->names[k]);
    for (unsigned k = 0; k < f->ntypes; k++)
      rule_name_add(rv, f->types[k]);
    for (unsigned k = 0; k < f->npatterns; k++)
      rv->patterns[rv->npatterns++] = f->patterns[k];
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
  return rv;
}

void relevance_free(relevance *rv) {
  if (!rv)
    return;
  if (rv->units)
    for (unsigned i = 0; i < rv->n; i++) {
      strmap_free(&rv->units[i].toks);
      strmap_free(&rv->units[i].top);
    }
  free(rv->units);
  for (unsigned i = 0; i < rv->nfiles; i++) {
    strmap_free(&rv->files[i].toks);
    strmap_free(&rv->files[i].body);
  }
  strmap_free(&rv->file_index);
  strmap_free(&rv->names);
  strmap_free(&rv->rule_names);
  strmap_free(&rv->defined);
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
  while (i < n) {
    char c = s[i];
    if (c == '\n') {
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
      i++; /* other directives: their identifiers count (#define X SspiCall) */
      line_start = 0;
      directive = 1;
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
      continue;
    }
    if (is_id0((unsigned char)c)) {
      size_t b = i;
      while (i < n && is_id((unsigned char)s[i]))
        i++;
      set_add_n(toks, rv->a, s + b, i - b);
      if (hf && (braces > 0 || directive))
        set_add_n(&hf->body, rv->a, s + b, i - b);
      if (is_main && braces <= 0)
        set_add_n(&sc->u->top, rv->a, s + b, i - b);
      continue;
    }
    if (c >= '0' && c <= '9') { /* a number, with its suffix (0x1F, 10UL) */
      while (i < n && (is_id((unsigned char)s[i]) || s[i] == '.'))
        i++;
      continue;
    }
    if (c == '{')
      braces++;
    else if (c == '}')
      braces--;
    i++;
  }
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
        if (callee && !ev->call.indirect && !ev->call.has_body)
          set_add(&rv->defined, rv->a, callee);
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

/* header_names: a header names something relevant: a name of the rules anywhere, or a
 * name the parsed units added where it can be a use (hf->body). */
static const char *header_names(const relevance *rv, const rel_file *hf) {
  const char *t = name_in_set(rv, &rv->rule_names, &hf->toks);
  return t ? t : name_in(rv, &hf->body);
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

int relevance_wanted(relevance *rv, unsigned i) {
  if (!rv || i >= rv->n)
    return 1;
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
  }
  for (size_t k = 0; k < u->top.cap; k++)
    if (u->top.keys[k] && set_has(&rv->defined, u->top.keys[k]))
      return why(i, "defines a function a parsed unit calls:", u->top.keys[k]);
  return 0;
}
