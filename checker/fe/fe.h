/* fe.h - the libclang front end: compilation databases, parsing, lowering to IR.
 *
 * This folder is the only part of sspi-check that includes clang-c/ headers;
 * nothing libclang-typed crosses this interface.
 */
#ifndef SSPI_FE_H
#define SSPI_FE_H

#include <stdint.h>

#include "../ir.h"
#include "../rules.h"

/* One compile command: the file to analyse and the full compiler command line. */
typedef struct fe_cmd {
  char *file;       /* absolute or directory-relative path of the source */
  char *directory;  /* working directory of the command */
  int argc;
  char **argv;      /* argv[0] is the compiler as written (gcc, clang, cl.exe, ...) */
} fe_cmd;

/* fe_cmd_free: frees an array of n commands and the array itself. */
void fe_cmd_free(fe_cmd *cmds, unsigned n);

/* fe_cdb_load: every command of build_dir/compile_commands.json (libclang's
 * compilation-database API). Returns 0 and an owned array in *out / *n, or -1 with
 * err = "<path>: <problem>". When only_files is non-NULL (n_only entries), keeps the
 * commands whose file matches one of them (same real path); a listed file with no
 * command is an error. */
int fe_cdb_load(const char *build_dir, const char *const *only_files, unsigned n_only,
                fe_cmd **out, unsigned *n, char *err, size_t errlen);

/* fe_cmd_for_file: a command for a file given on the command line with no database:
 * the default Windows target (x86_64-w64-mingw32, -fms-extensions, mingw headers found
 * through the real clang driver path) plus extra compiler flags. Owned result. */
fe_cmd *fe_cmd_for_file(const char *file, int nextra, const char *const *extra);

/* fe_main_path: the main file of cmd as a path from the process's directory (the
 * command's directory joined to a relative file). */
void fe_main_path(const fe_cmd *cmd, char *buf, size_t n);

typedef struct fe_opts {
  int nextra;               /* --extra-arg values appended to every command */
  const char *const *extra;
  int dump_ast;             /* debugging aid, unused by tests */
  int keep_target;          /* --keep-target: database commands keep their own target and
                               headers (code built for Linux through a portability layer) */
  /* When set, called once for every file the unit read (the main file and every file
   * it included, libclang's clang_getInclusions) after a successful parse: the
   * unit cache's dependencies. path is the real path when libclang knows it. */
  void (*on_file)(void *ctx, const char *path);
  void *on_file_ctx;
  /* When set (fe_prefix_plan_new), units that begin with the same #include lines
   * under the same command share a precompiled header of them (prefix.c). The
   * findings are the same with and without. */
  const struct fe_prefix_plan *prefix;
} fe_opts;

/* fe_prefix_plan_new: which prefix each of cmds (n) shares, from the first lines of
 * their main files; PCHs go to dir (fe_prefix_dir_new), built when a unit first needs
 * one. Owned (fe_prefix_plan_free); it borrows cmds, which must outlive it. */
typedef struct fe_prefix_plan fe_prefix_plan;
fe_prefix_plan *fe_prefix_plan_new(const fe_cmd *const *cmds, unsigned n, const char *dir);
void fe_prefix_plan_free(fe_prefix_plan *p);
/* fe_prefix_plan_group: which shared prefix c is planned for (0: none). Units of one
 * group wait on one PCH build: a parallel run starts one unit of each group first. */
uint64_t fe_prefix_plan_group(const fe_prefix_plan *p, const fe_cmd *c);

/* fe_prefix_dir_new: a new empty directory in $TMPDIR (or /tmp) for fe_prefix_plan_new,
 * owned, or NULL. fe_prefix_dir_remove: removes it and what the run put there. */
char *fe_prefix_dir_new(void);
void fe_prefix_dir_remove(const char *dir);

/* fe_lower: parses the command's unit and lowers every function defined in the main
 * file (bodies of rule APIs themselves are skipped: a provider is not a client).
 * Returns an owned unit (ir_unit_free) or NULL with *err set to an owned one-line
 * message "file:line:col: error: <clang's first error>" or "file: <problem>"
 * (free with free()). The rules give the macros with meaning and the constant names
 * to resolve into ir_unit.consts. */
ir_unit *fe_lower(const fe_cmd *cmd, const rules *r, const fe_opts *o, char **err);

/* fe_version: "libclang version string" (owned by a static buffer). */
const char *fe_version(void);

#endif
