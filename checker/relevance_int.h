/* relevance_int.h - what the two halves of the relevance pre-pass share: the token
 * scan of sources (relscan.c) and the fixpoint over names (relevance.c). Private to
 * them. */
#ifndef SSPI_RELEVANCE_INT_H
#define SSPI_RELEVANCE_INT_H

#include <string.h>

#include "relevance.h"
#include "util/arena.h"
#include "util/strmap.h"

#define REL_MAX_HEADERS 256u
#define REL_MAX_DEPTH 16u
#define REL_MAX_PATH 4096u
#define REL_NO_PAIR 0xffffffffu

/* ---- a set of strings: a strmap whose keys are copies in the pre-pass arena ---- */

typedef strmap strset;

static inline int set_has_n(const strset *s, const char *k, size_t n) { return strmap_key_n(s, k, n) != NULL; }

static inline int set_has(const strset *s, const char *k) { return strmap_key(s, k) != NULL; }

/* set_add_n: adds k[0..n) (copied into a); 1 when new, 0 when present. */
static inline int set_add_n(strset *s, arena *a, const char *k, size_t n) {
  if (set_has_n(s, k, n))
    return 0;
  strmap_put(s, arena_strndup(a, k, n), 0);
  return 1;
}

static inline int set_add(strset *s, arena *a, const char *k) { return set_add_n(s, a, k, strlen(k)); }

/* set_add_key: adds k itself, a string that outlives the set (one the pre-pass interned:
 * rel_intern_n), without a copy; 1 when new. The scan's sets hold the interned names,
 * so an identifier is stored once however many files and sets name it. */
static inline int set_add_key(strset *s, const char *k) {
  if (set_has(s, k))
    return 0;
  strmap_put(s, k, 0);
  return 1;
}

static inline int is_id0(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static inline int is_id(int c) { return is_id0(c) || (c >= '0' && c <= '9'); }

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
  size_t seen_names;    /* names (relevance.names_log) and patterns already found */
  unsigned seen_pat;    /*   missing from its code: the sets only grow (toks_hit) */
  int has_name;
  const char *hit;      /* the name that made has_name (borrowed) */
} rel_file;

/* A rules pattern ("*Name", "*Name[AW]", else any fnmatch(3) glob), split once: every
 * token of every scanned file is tested against every pattern. */
typedef struct rel_glob {
  const char *glob;
  const char *lit;   /* simple: the literal tail after '*' */
  size_t nlit;
  const char *cls;   /* simple: the characters of a final [...] class, or NULL */
  size_t ncls;
  int simple;
} rel_glob;

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
  size_t seen_names;    /* names (names_log) and patterns its main file was found */
  unsigned seen_pat;    /*   not to name */
  size_t seen_defined;  /* entries of defined_log its defs were found not to hold */
} rel_unit;

struct relevance {
  arena *a;
  strset intern;  /* names of header entities and their tokens: one copy each */
  strmap stat_memo; /* path -> 1 when a regular file (relscan.c's is_file) */
  strset names;   /* handle names of the rules + what parsed units add */
  const char **names_log; /* the same names in the order they were added: a unit or
                             header is checked again against the new ones only */
  size_t nnames_log, capnames_log;
  strset rule_names; /* the rules' own */
  int seeded;     /* the rules' names are in: names added from now on are learnt */
  int finalized;  /* the dormant functions were decided over what was scanned by the
                     first question (finalize); later scans wake kinds themselves */
  const rules *r;
  unsigned char *awake;     /* per kind: an acquirer is named or called (wake) */
  unsigned nawake;
  unsigned char *fn_seeded; /* per function of the rules: its names are in */
  rel_file *files; /* project headers read so far */
  unsigned nfiles;
  size_t capfiles;
  strmap file_index; /* path -> index into files */
  strset defined; /* functions of the region that parsed units call without a body */
  const char **defined_log; /* the same in the order they were added */
  size_t ndefined_log, capdefined_log;
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
  rel_glob *patterns;   /* of the seeded functions of the rules */
  unsigned npatterns;
  unsigned n;
  rel_unit *units;
};

/* relevance.c: the names (each function below keeps the fixpoint's invariants) */
/* rel_names_add: k is relevant, and so is every slot or entity linked to it. */
void rel_names_add(relevance *rv, const char *k);
/* rel_rule_name_add: a name of the rules (also counted as a handle type by
 * handle_typed when it is one). */
void rel_rule_name_add(relevance *rv, const char *k);
/* rel_pair_add: slot becomes relevant when name does (both interned: rel_intern_n). */
void rel_pair_add(relevance *rv, const char *name, const char *slot);
/* rel_name_matches: t is in names or matches a pattern of the rules. */
int rel_name_matches(const relevance *rv, const strset *names, const char *t);
/* rel_intern_n: the pre-pass's one copy of s[0..n). */
const char *rel_intern_n(relevance *rv, const char *s, size_t n);
/* rel_push: appends v to a malloc'd array (*arr, *n of *cap). */
void rel_push(const char ***arr, size_t *n, size_t *cap, const char *v);

/* rel_wake_scanned: unit i was scanned after finalize (files[files_from..] are the
 * headers its scan read first): the dormant kinds it or those headers name an acquirer
 * of wake now. */
void rel_wake_scanned(relevance *rv, unsigned i, unsigned files_from);

#endif
