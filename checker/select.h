/* select.h - which findings a CI run keeps: check globs (--checks, --fail-on), path
 * globs (--exclude), changed lines (--diff), plus the path and source-text helpers the
 * gate modules share (srcroot-relative paths, a cache of source files).
 */
#ifndef SSPI_SELECT_H
#define SSPI_SELECT_H

#include <stddef.h>
#include "diag.h"

/* ---- check globs: clang-tidy semantics ----------------------------------------- */

/* A comma-separated list of globs ("-*,sspi-context-leak"): each entry enables the
 * checks it matches, or disables them when it starts with '-'; a later entry wins over
 * an earlier one; a check no entry matches is disabled. '*' matches any run of
 * characters; whitespace around entries is ignored; empty entries are skipped. */
typedef struct select_globs select_globs;

/* select_globs_new: an empty list (matches nothing). Owned: select_globs_free. */
select_globs *select_globs_new(void);
void select_globs_free(select_globs *g);
/* select_globs_add: appends the entries of list (may be NULL or empty). Returns 0, or -1
 * with err set when an entry holds a character other than letters, digits, '-', '_',
 * '.', '*' or when the cap (1024 entries) is reached. */
int select_globs_add(select_globs *g, const char *list, char *err, size_t errlen);
/* select_globs_enabled: 1 when id is enabled by the list, else 0. */
int select_globs_enabled(const select_globs *g, const char *id);
/* select_glob_match: 1 when the '*'-glob pat matches the whole of s. */
int select_glob_match(const char *pat, const char *s);

/* select_fail_on: builds the --fail-on list: "any" (every reported finding), "none"
 * (never), or a glob list as above. Owned result, or NULL with err set. */
select_globs *select_fail_on(const char *spec, char *err, size_t errlen);
/* select_globs_unmatched: the first pattern of g (other than "*") that matches none of
 * the check ids ids[0..n): a misspelt id. NULL when every pattern matches one. */
const char *select_globs_unmatched(const select_globs *g, const char *const *ids, unsigned n);

/* ---- paths ------------------------------------------------------------------- */

/* select_abspath: owned absolute, normalised form of path (realpath when the file
 * exists; else the current directory joined and "."/".." folded). NULL only on OOM. */
char *select_abspath(const char *path);
/* select_relpath: owned path of abs relative to the directory root_abs (both absolute,
 * normalised), or NULL when abs is not inside root_abs. */
char *select_relpath(const char *root_abs, const char *abs);
/* select_display_path: owned srcroot-relative path of path when inside root_abs, else
 * its absolute path. */
char *select_display_path(const char *root_abs, const char *path);

/* select_excluded: 1 when path matches one of the n fnmatch(3) globs (flags 0, so '*'
 * also crosses '/'), tried against the srcroot-relative path (when inside root_abs)
 * and against the absolute path. */
int select_excluded(const char *const *globs, unsigned n, const char *root_abs,
                    const char *path);

/* ---- unified diffs ----------------------------------------------------------- */

/* The added/changed lines (new side) of every file of a unified diff. */
typedef struct select_diff select_diff;

/* select_diff_parse: parses diff text (git diff -U0 or with context). name is used
 * in errors ("name:line: problem"). Owned result, or NULL with err set. */
select_diff *select_diff_parse(const char *text, size_t len, const char *name, char *err,
                               size_t errlen);
/* select_diff_load: reads and parses the file path; NULL with "path: problem" or
 * "path:line: problem" in err. */
select_diff *select_diff_load(const char *path, char *err, size_t errlen);
void select_diff_free(select_diff *d);
/* select_diff_nfiles: number of files the diff adds or changes lines in. */
unsigned select_diff_nfiles(const select_diff *d);
/* select_diff_line: 1 when line of relpath (the diff's own path spelling, a/ b/
 * prefixes removed) was added or changed, or borders a deletion. */
int select_diff_line(const select_diff *d, const char *relpath, unsigned line);
/* select_diff_touches: 1 when the finding's location or one of its notes' locations is
 * on a changed line; paths are made srcroot-relative first. */
int select_diff_touches(const select_diff *d, const char *root_abs, const diag *f);

/* ---- finding order ------------------------------------------------------------ */

/* select_diag_cmp: the order of diag_finish (file, line, column, check id, message). */
int select_diag_cmp(const diag *a, const diag *b);

/* ---- source files ------------------------------------------------------------ */

/* A cache of whole source files read once (capped: 4096 files of at most 64 MiB). */
typedef struct select_src select_src;

/* select_src_new: an empty cache (owned; select_src_free). */
select_src *select_src_new(void);
void select_src_free(select_src *c);
/* select_src_text: the text of path (borrowed, valid until the cache is freed) and its
 * length in *len; NULL when unreadable, too large or past the cap. */
const char *select_src_text(select_src *c, const char *path, size_t *len);
/* select_src_line: borrowed start of line (1-based) of path without its newline, its
 * length in *len; NULL when the file or the line does not exist. */
const char *select_src_line(select_src *c, const char *path, unsigned line, size_t *len);

#endif
