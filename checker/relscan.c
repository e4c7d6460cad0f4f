/* relscan.c - the relevance pre-pass's token scan (relevance.h has the rule).
 *
 * Comments, string and character literals are skipped; "#include" lines are followed
 * into project headers (each read once per run, its #includes resolved per unit); a
 * main file's identifiers are kept (all, those outside braces, and the functions it may
 * define), a header's as entities: macros, inline functions, initialised objects and
 * typedefs, each linked to the names its text holds (rel_pair_add), while struct
 * bodies, prototypes and extern declarations name nothing. Bounds: 256 headers per
 * unit, 16 levels of inclusion, INFILE_MAX_SOURCE per file, 64 levels of braces;
 * beyond them the unit is relevant, or the header counts whole.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "relevance_int.h"
#include "util/infile.h"
#include "util/xalloc.h"

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

static void scan_file(scan_ctx *sc, const char *path, unsigned depth, int is_main);

/* fits: an snprintf result that was not cut short. */
static int fits(int w, size_t n) { return w >= 0 && (size_t)w < n; }

/* dir_of: the directory part of path into buf ("." when none). */
static void dir_of(const char *path, char *buf, size_t n) {
  const char *slash = strrchr(path, '/');
  if (!slash || !fits(snprintf(buf, n, "%.*s", (int)(slash - path), path), n))
    snprintf(buf, n, ".");
}

/* is_file: p is a regular file; asked once per path and run (units include the same
 * headers through the same directories: a stat(2) per include, directory and unit
 * was a third of a warm run's pre-pass). */
static int is_file(relevance *rv, const char *p) {
  unsigned v;
  if (strmap_get(&rv->stat_memo, p, &v))
    return (int)v;
  struct stat st;
  v = stat(p, &st) == 0 && S_ISREG(st.st_mode);
  strmap_put(&rv->stat_memo, arena_strdup(rv->a, p), v);
  return (int)v;
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
    found = fits(snprintf(buf, sizeof buf, "%s", hname), sizeof buf) && is_file(sc->rv, buf);
  if (!found && quoted) {
    dir_of(from, dir, sizeof dir);
    found = fits(snprintf(buf, sizeof buf, "%s/%s", dir, hname), sizeof buf) && is_file(sc->rv, buf);
  }
  unsigned k = 0;
  for (const char *d; !found && (d = include_dir(sc, &k));)
    found = join(sc, d, hname, buf, sizeof buf) && is_file(sc->rv, buf);
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

#define HS_MAX_DEPTH 64u
#define HS_MAX_NAMES 16u

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

/* ptr_cmp: interned strings by address (equal strings, equal pointers). */
static int ptr_cmp(const void *a, const void *b) {
  uintptr_t x = (uintptr_t) * (const char *const *)a, y = (uintptr_t) * (const char *const *)b;
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
        now = rel_name_matches(rv, &rv->names, toks[t]);
    if (now) {
      rel_names_add(rv, nm);
      continue;
    }
    for (size_t t = 0; t < ntoks; t++)
      if ((t == 0 || toks[t] != toks[t - 1]) && toks[t] != nm)
        rel_pair_add(rv, toks[t], nm);
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
        set_add_key(&hs->u->defs, hs->fcands[k]);
    if (hs->macro_like || hs->unnamed || (hs->fn_def && !hs->nfcands))
      for (size_t t = 0; t < hs->ntoks; t++)
        set_add_key(&hs->u->defs, hs->toks[t]);
  } else if (hs->unnamed || (hs->fn_def && !hs->nfcands) || (hs->init && !hs->nnames)) {
    for (size_t t = 0; t < hs->ntoks; t++)
      set_add_key(&hf->body, hs->toks[t]);
  } else if (hs->is_typedef) {
    /* an alias matters only as a handle type (the rules' names are known now) */
    for (size_t t = 0; t < hs->ntoks; t++)
      if (rel_name_matches(rv, &rv->rule_names, hs->toks[t])) {
        for (size_t k = 0; k < hs->nnames; k++)
          rel_rule_name_add(rv, hs->names[k]);
        break;
      }
  } else if (hs->fn_def) {
    for (size_t k = 0; k < hs->nfcands; k++)
      rel_push(&hf->funcs, &hf->nfuncs, &hf->capfuncs, hs->fcands[k]);
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

/* hs_name: one more name the statement declares or may define; past HS_MAX_NAMES the
 * statement is code without a name (each name is linked to each token: a bound keeps
 * that linear in the header's size). */
static void hs_name(hscan *hs, const char ***arr, size_t *n, size_t *cap, const char *v) {
  if (*n >= HS_MAX_NAMES) {
    hs->unnamed = 1;
    return;
  }
  rel_push(arr, n, cap, v);
}

static void hs_shift(hscan *hs, int t, const char *id, char p) {
  hs->t2 = hs->t1;
  hs->id2 = hs->id1;
  hs->t1 = t;
  hs->id1 = id;
  hs->p1 = p;
}

/* hs_id: the next identifier (interned). */
static void hs_id(hscan *hs, const char *id) {
  if (hs->dir) {
    if (hs->dir_words++ == 0)
      hs->is_define = !strcmp(id, "define");
    else if (hs->is_define && !hs->macro)
      hs->macro = id;
    else if (hs->is_define)
      rel_push(&hs->mtoks, &hs->nmtoks, &hs->capmtoks, id);
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
      hs_name(hs, &hs->names, &hs->nnames, &hs->capnames, id);
  }
  if (!hs->agg)
    rel_push(&hs->toks, &hs->ntoks, &hs->captoks, id);
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
        hs_name(hs, &hs->names, &hs->nnames, &hs->capnames, hs->eq_name);
    } else if (hs->nfcands && !hs->is_typedef) {
      hs->fn_def = 1;
    } else if (hs->eq_name) {
      hs->init = 1; /* T x = (T){...} and the like */
      hs_name(hs, &hs->names, &hs->nnames, &hs->capnames, hs->eq_name);
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
          hs_name(hs, &hs->fcands, &hs->nfcands, &hs->capfcands, hs->id1);
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
      hs_name(hs, &hs->names, &hs->nnames, &hs->capnames, hs->id1);
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
      const char *id = rel_intern_n(rv, s + b, i - b);
      set_add_key(toks, id);
      hs_id(&hs, id);
      if (is_main && braces <= 0)
        set_add_key(&sc->u->top, id);
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
  unsigned files_from = rv->nfiles;
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
        is_file(rv, fbuf))
      f = fbuf; /* relative to the command's directory, as the compiler reads it */
    if (f)
      follow_include(&sc, path, f, strlen(f), 1, 0);
  }
  strmap_free(&sc.seen);
  rv->units[i].scanned = 1;
  rel_wake_scanned(rv, i, files_from);
}
