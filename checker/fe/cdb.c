/* cdb.c - compile commands: compilation databases (libclang's API), commands for
 * files named on the command line, and the rewriting of a project's compiler
 * command line into one libclang can parse for a Windows target on Linux.
 *
 * Facts this relies on (measured with libclang 14, see docs/frontend.md):
 *  - argv[0] must be a real clang driver so that its resource directory
 *    (intrinsics headers) is found;
 *  - the mingw-w64 headers are found with --sysroot=<dir containing
 *    x86_64-w64-mingw32/include> (the MinGW toolchain looks in
 *    <sysroot>/x86_64-w64-mingw32/include);
 *  - in cl mode (--driver-mode=cl) GNU options must be wrapped as /clang:<opt>;
 *  - relative paths in a command are made absolute against its directory (passing
 *    -working-directory would make libclang chdir() the whole process).
 */
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clang-c/CXCompilationDatabase.h>

#include "fe_internal.h"
#include "../util/xalloc.h"

#define FE_DEFAULT_TARGET "x86_64-w64-mingw32"
#define FE_MAX_ARGS 65536

static int file_exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

/* fe_clang_path: absolute path of the clang driver libclang should impersonate
 * ($SSPI_CHECK_CLANG, else the driver beside the libclang we were built with, else the
 * first existing clang-19 install). Static storage. */
const char *fe_clang_path(void) {
  static char path[PATH_MAX];
  if (path[0])
    return path;
  static const char *const cands[] = {
#ifdef SSPI_CLANG_DRIVER
      SSPI_CLANG_DRIVER,
#endif
      "/usr/lib/llvm-19/bin/clang", "/usr/bin/clang-19", "/usr/local/bin/clang-19",
      "/usr/bin/clang",             "/usr/local/bin/clang",
  };
  const char *env = getenv("SSPI_CHECK_CLANG");
  const char *pick = NULL;
  if (env && *env && file_exists(env))
    pick = env;
  for (size_t i = 0; !pick && i < sizeof cands / sizeof cands[0]; i++)
    if (file_exists(cands[i]))
      pick = cands[i];
  if (!pick)
    pick = cands[0]; /* parsing will report the missing headers */
  if (!realpath(pick, path))
    snprintf(path, sizeof path, "%s", pick);
  return path;
}

/* fe_mingw_sysroot: directory D such that D/x86_64-w64-mingw32/include/windows.h
 * exists ($SSPI_CHECK_MINGW_SYSROOT, else /usr, /usr/local, /opt/mingw64), or NULL. */
const char *fe_mingw_sysroot(void) {
  static int done;
  static char root[PATH_MAX];
  if (done)
    return root[0] ? root : NULL;
  done = 1;
  const char *env = getenv("SSPI_CHECK_MINGW_SYSROOT");
  const char *cands[] = {env, "/usr", "/usr/local", "/opt/mingw64"};
  for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
    char probe[PATH_MAX];
    if (!cands[i] || !*cands[i])
      continue;
    snprintf(probe, sizeof probe, "%s/" FE_DEFAULT_TARGET "/include/windows.h", cands[i]);
    if (file_exists(probe)) {
      snprintf(root, sizeof root, "%s", cands[i]);
      return root;
    }
  }
  return NULL;
}

/* ---- fe_cmd ---------------------------------------------------------------------- */

/* fe_cmd_free: frees n commands and the array. */
void fe_cmd_free(fe_cmd *cmds, unsigned n) {
  if (!cmds)
    return;
  for (unsigned i = 0; i < n; i++) {
    free(cmds[i].file);
    free(cmds[i].directory);
    for (int j = 0; j < cmds[i].argc; j++)
      free(cmds[i].argv[j]);
    free(cmds[i].argv);
  }
  free(cmds);
}

/* fe_cmd_for_file: the default command for a file named on the command line. */
fe_cmd *fe_cmd_for_file(const char *file, int nextra, const char *const *extra) {
  fe_cmd *c = xcalloc(1, sizeof *c);
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd))
    snprintf(cwd, sizeof cwd, ".");
  const char *root = fe_mingw_sysroot();
  if (nextra < 0)
    nextra = 0;
  c->argv = xcalloc((size_t)nextra + 8, sizeof *c->argv);
  int n = 0;
  c->argv[n++] = xstrdup(fe_clang_path());
  c->argv[n++] = xstrdup("--target=" FE_DEFAULT_TARGET);
  if (root) {
    char buf[PATH_MAX + 16];
    snprintf(buf, sizeof buf, "--sysroot=%s", root);
    c->argv[n++] = xstrdup(buf);
  }
  c->argv[n++] = xstrdup("-fms-extensions");
  c->argv[n++] = xstrdup("-fsyntax-only");
  for (int i = 0; i < nextra; i++)
    c->argv[n++] = xstrdup(extra[i] ? extra[i] : "");
  c->argv[n++] = xstrdup(file);
  c->argc = n;
  c->file = xstrdup(file);
  c->directory = xstrdup(cwd);
  return c;
}

/* ---- command-line rewriting --------------------------------------------------------- */

typedef struct argvec {
  char **v;
  int n, cap;
} argvec;

static void av_push(argvec *a, const char *s) {
  if (a->n >= FE_MAX_ARGS)
    return;
  if (a->n + 2 > a->cap) {
    int nc = a->cap ? a->cap * 2 : 32;
    char **nv = realloc(a->v, (size_t)nc * sizeof *nv);
    if (!nv) {
        xalloc_fail();
    }
    a->v = nv;
    a->cap = nc;
  }
  a->v[a->n++] = xstrdup(s);
  a->v[a->n] = NULL;
}

/* Lower-case basename of a compiler path without ".exe" (either slash). */
static void tool_name(const char *path, char *out, size_t outsz) {
  const char *b = path;
  for (const char *p = path; *p; p++)
    if (*p == '/' || *p == '\\')
      b = p + 1;
  size_t n = 0;
  for (; b[n] && n + 1 < outsz; n++)
    out[n] = (char)tolower((unsigned char)b[n]);
  out[n] = 0;
  if (n > 4 && strcmp(out + n - 4, ".exe") == 0)
    out[n - 4] = 0;
}

static int is_cl_name(const char *t) { return strcmp(t, "cl") == 0 || strcmp(t, "clang-cl") == 0 ||
                                              strncmp(t, "clang-cl-", 9) == 0; }

/* Options only cl.exe uses (a compiler path mangled by the database's quoting may
 * hide the tool name: "C:\VC\bin\cl.exe" unquoted reads as "C:VCbincl.exe"). */
static int has_cl_options(char **argv, int argc) {
  static const char *const opts[] = {"/nologo", "/c", "/TP", "/TC", "/EHsc", "/EHa", "/W0",
                                     "/W1", "/W2", "/W3", "/W4", "/MD", "/MT", "/MDd", "/MTd",
                                     "/Zi", "/Od", "/O2", "/GS", "/GS-"};
  for (int i = 1; i < argc; i++) {
    for (size_t j = 0; j < sizeof opts / sizeof opts[0]; j++)
      if (strcmp(argv[i], opts[j]) == 0)
        return 1;
    if (strncmp(argv[i], "/Fo", 3) == 0 || strncmp(argv[i], "/std:", 5) == 0)
      return 1;
  }
  return 0;
}

static int is_wrapper(const char *t) {
  return strcmp(t, "ccache") == 0 || strcmp(t, "sccache") == 0 || strcmp(t, "distcc") == 0 ||
         strcmp(t, "icecc") == 0;
}

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* GNU-style options dropped together with their separate value. */
static int gnu_drop_with_value(const char *a) {
  static const char *const opts[] = {"-o", "-MF", "-MT", "-MQ", "-include-pch", "-Xlinker",
                                     "-T", "-dumpbase", "-dumpdir", "-auxbase", "-auxbase-strip"};
  for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
    if (strcmp(a, opts[i]) == 0)
      return 1;
  return 0;
}

/* GNU-style options dropped alone. */
static int gnu_drop(const char *a) {
  if (strcmp(a, "-c") == 0 || strcmp(a, "-S") == 0 || strcmp(a, "-E") == 0 ||
      strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0 || strcmp(a, "-MD") == 0 ||
      strcmp(a, "-MMD") == 0 || strcmp(a, "-MP") == 0 || strcmp(a, "-MG") == 0 ||
      strcmp(a, "-pedantic-errors") == 0 || strcmp(a, "-fsyntax-only") == 0 ||
      strcmp(a, "-pipe") == 0 || strcmp(a, "-save-temps") == 0 || strcmp(a, "-Winvalid-pch") == 0)
    return 1;
  if (starts(a, "-o") || starts(a, "-MF") || starts(a, "-MT") || starts(a, "-MQ"))
    return 1;
  if (starts(a, "-Werror") || starts(a, "-fpch-") || starts(a, "-Wl,") || starts(a, "-save-temps="))
    return 1;
  if (starts(a, "-working-directory"))
    return 1;
  return 0;
}

/* cl options that take the rest of the argument or are dropped outright. A cl
 * option starts with '/' or '-'. */
static int cl_drop(const char *a) {
  if (a[0] != '/' && a[0] != '-')
    return 0;
  const char *o = a + 1;
  if (strcmp(o, "c") == 0 || strcmp(o, "WX") == 0 || strcmp(o, "Zi") == 0 ||
      strcmp(o, "ZI") == 0 || strcmp(o, "FS") == 0 || strcmp(o, "showIncludes") == 0 ||
      strcmp(o, "nologo") == 0 || strcmp(o, "Zs") == 0 || strcmp(o, "fsyntax-only") == 0)
    return 1;
  static const char *const pre[] = {"Fo", "Fe", "Fd", "Fp", "Fa", "FR", "Fr", "Fm", "Fi",
                                    "Yu", "Yc", "Yl", "MP", "sourceDependencies",
                                    "Werror", "clang:-working-directory"};
  for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
    if (starts(o, pre[i]))
      return 1;
  return 0;
}

/* The command targets mingw-w64 itself (--target=x86_64-w64-mingw32, -target
 * x86_64-w64-windows-gnu, ...): it needs the sysroot too. */
static int mingw_target(char **argv, int argc) {
  for (int i = 1; i < argc; i++) {
    const char *t = NULL;
    if (strncmp(argv[i], "--target=", 9) == 0)
      t = argv[i] + 9;
    else if ((strcmp(argv[i], "-target") == 0 || strcmp(argv[i], "--target") == 0) && i + 1 < argc)
      t = argv[i + 1];
    if (t && (strstr(t, "mingw") || strstr(t, "windows-gnu")))
      return 1;
  }
  return 0;
}

static int has_opt(char **argv, int argc, const char *p1, const char *p2) {
  for (int i = 1; i < argc; i++)
    if (starts(argv[i], p1) || (p2 && starts(argv[i], p2)))
      return 1;
  return 0;
}

static void real_of(const char *dir, const char *file, char *out, size_t outsz);

/* Relative paths in a command are relative to its directory. Passing
 * -working-directory to libclang 14 would make it chdir() the whole process (its
 * real file system sets the process's current directory), so instead the paths
 * of the options that take one, and the input files, are made absolute here. */
static const char *abs_arg(const fe_cmd *cmd, const char *prefix, const char *path, char *buf,
                           size_t bufsz) {
  if (!path[0] || path[0] == '/' || !cmd->directory || !*cmd->directory)
    return NULL;
  char rp[PATH_MAX];
  real_of(cmd->directory, path, rp, sizeof rp);
  int n = snprintf(buf, bufsz, "%s%s", prefix, rp);
  return n > 0 && (size_t)n < bufsz ? buf : NULL;
}

/* Options whose value is a path: separate ("-I dir") or joined ("-Idir"). Longer
 * names first so that a prefix does not shadow them. */
static const char *const gnu_path_opts[] = {
    "--sysroot=", "-isystem", "-isysroot", "-iquote", "-idirafter", "-include", "-imacros",
    "-iwithprefixbefore", "-iwithprefix", "-iprefix", "-ivfsoverlay", "--sysroot", "-I", "-F",
    NULL};
static const char *const cl_path_opts[] = {"/external:I", "-external:I", "/imsvc", "-imsvc",
                                           "/FI", "-FI", "/Tc", "-Tc", "/Tp", "-Tp",
                                           "/I", "-I", NULL};

/* Rewrites argument i (and its separate value) of in[] into out, making paths
 * absolute; returns how many arguments were consumed. */
static int push_with_abs_path(argvec *out, argvec *files, const fe_cmd *cmd, char **in, int nin,
                              int i, int cl, int wd) {
  const char *a = in[i];
  char buf[PATH_MAX * 2 + 64];
  struct stat st;
  if (cl && a[0] == '/' && stat(a, &st) == 0 && S_ISREG(st.st_mode)) {
    av_push(files, a); /* an absolute input path, not an option */
    return 1;
  }
  if (cl && a[0] != '-' && a[0] != '/') {
    /* An absolute input path such as /work/a.c would read as the cl option /w:
     * name it with /Tc or /Tp ("--" cannot be used: libclang appends its own
     * options after ours). */
    const char *r = wd ? abs_arg(cmd, "", a, buf, sizeof buf) : NULL;
    if (r)
      av_push(files, r);
    else
      av_push(out, a);
    return 1;
  }
  if (!wd) {
    av_push(out, a);
    return 1;
  }
  const char *const *opts = cl ? cl_path_opts : gnu_path_opts;
  for (size_t k = 0; opts[k]; k++) {
    size_t n = strlen(opts[k]);
    if (strncmp(a, opts[k], n) != 0)
      continue;
    if (a[n] == 0 && opts[k][n - 1] != '=') { /* separate value */
      av_push(out, a);
      if (i + 1 < nin) {
        const char *r = abs_arg(cmd, "", in[i + 1], buf, sizeof buf);
        av_push(out, r ? r : in[i + 1]);
        return 2;
      }
      return 1;
    }
    char pre[64];
    snprintf(pre, sizeof pre, "%s", opts[k]);
    const char *r = abs_arg(cmd, pre, a + n, buf, sizeof buf);
    av_push(out, r ? r : a);
    return 1;
  }
  if (a[0] != '-' && a[0] != '/') { /* an input file */
    const char *r = abs_arg(cmd, "", a, buf, sizeof buf);
    av_push(out, r ? r : a);
    return 1;
  }
  av_push(out, a);
  return 1;
}

/* The command's directory differs from ours: its relative paths need rewriting. */
static int needs_wd(const fe_cmd *cmd) {
  char cwd[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
  if (!cmd->directory || !*cmd->directory)
    return 0;
  if (!getcwd(cwd, sizeof cwd) || !realpath(cwd, a) || !realpath(cmd->directory, b))
    return 1;
  return strcmp(a, b) != 0;
}

/* fe_rewrite_argv: the command line to give libclang for cmd (see the file comment),
 * with extra appended. Returns a malloc'd NULL-terminated vector (fe_argv_free). */
char **fe_rewrite_argv(const fe_cmd *cmd, int nextra, const char *const *extra, int keep_target,
                       int *argc_out) {
  argvec out = {0};
  int i0 = 0;
  char tool[256] = "";
  char buf[PATH_MAX + 64];
  if (cmd->argc > 0 && cmd->argv[0])
    tool_name(cmd->argv[0], tool, sizeof tool);
  if (is_wrapper(tool) && cmd->argc > 1) {
    i0 = 1;
    tool_name(cmd->argv[1], tool, sizeof tool);
  }
  int wd = needs_wd(cmd);
  argvec files = {0};
  int cl = is_cl_name(tool) || has_opt(cmd->argv + i0, cmd->argc - i0, "--driver-mode=cl", NULL) ||
           has_cl_options(cmd->argv + i0, cmd->argc - i0);
  char **in = cmd->argv + i0;
  int nin = cmd->argc - i0;
  const char *root = fe_mingw_sysroot();
  /* Diagnostics that clang 16+ turned into errors but gcc 13, MSVC and clang 14 only
   * warn about: code that builds with its own compiler must parse here too. */
  static const char *const lenient[] = {
      "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
      "-Wno-error=int-conversion", "-Wno-error=incompatible-function-pointer-types"};
  av_push(&out, fe_clang_path());
  if (cl) {
    int has_target = has_opt(in, nin, "--target", "-target") ||
                     has_opt(in, nin, "/clang:--target", "/clang:-target") ||
                     has_opt(in, nin, "-clang:--target", NULL);
    if (!has_opt(in, nin, "--driver-mode=cl", NULL))
      av_push(&out, "--driver-mode=cl");
    if (!has_target)
      av_push(&out, "--target=" FE_DEFAULT_TARGET);
    if ((!has_target || mingw_target(in, nin)) && root) {
      snprintf(buf, sizeof buf, "/clang:--sysroot=%s", root);
      av_push(&out, buf);
    }
    av_push(&out, "/clang:-fms-extensions");
    for (size_t k = 0; k < sizeof lenient / sizeof lenient[0]; k++) {
      snprintf(buf, sizeof buf, "/clang:%s", lenient[k]);
      av_push(&out, buf);
    }
    for (int i = 1; i < nin; i++) {
      const char *a = in[i];
      if (strcmp(a, "/link") == 0 || strcmp(a, "-link") == 0)
        break; /* linker options follow */
      if (cl_drop(a))
        continue;
      i += push_with_abs_path(&out, &files, cmd, in, nin, i, 1, wd) - 1;
    }
  } else {
    int has_target = keep_target || has_opt(in, nin, "--target", "-target");
    if (!has_target)
      av_push(&out, "--target=" FE_DEFAULT_TARGET);
    if ((!has_target || mingw_target(in, nin)) && root &&
        !has_opt(in, nin, "--sysroot", "-isysroot")) {
      snprintf(buf, sizeof buf, "--sysroot=%s", root);
      av_push(&out, buf);
    }
    if (!keep_target && !has_opt(in, nin, "-fms-extensions", NULL))
      av_push(&out, "-fms-extensions");
    av_push(&out, "-fsyntax-only");
    for (size_t k = 0; k < sizeof lenient / sizeof lenient[0]; k++)
      av_push(&out, lenient[k]);
    for (int i = 1; i < nin; i++) {
      const char *a = in[i];
      if (gnu_drop_with_value(a)) {
        i++;
        continue;
      }
      if (gnu_drop(a))
        continue;
      i += push_with_abs_path(&out, &files, cmd, in, nin, i, 0, wd) - 1;
    }
  }
  for (int i = 0; i < nextra; i++)
    if (extra[i])
      av_push(&out, extra[i]);
  for (int i = 0; i < files.n; i++) {
    /* cl only: absolute input files as /Tc<file> (C) or /Tp<file> (C++) */
    const char *f = files.v[i];
    const char *ext = strrchr(f, '.');
    int cxx = has_opt(in, nin, "/TP", "-TP") ||
              (!has_opt(in, nin, "/TC", "-TC") && ext && strcmp(ext, ".c") != 0 &&
               strcmp(ext, ".C") != 0);
    snprintf(buf, sizeof buf, "%s%s", cxx ? "/Tp" : "/Tc", f);
    av_push(&out, buf);
  }
  fe_argv_free(files.v, files.n);
  if (!out.v)
    av_push(&out, fe_clang_path());
  *argc_out = out.n;
  return out.v;
}

/* fe_argv_free: frees a vector from fe_rewrite_argv. */
void fe_argv_free(char **argv, int argc) {
  if (!argv)
    return;
  for (int i = 0; i < argc; i++)
    free(argv[i]);
  free(argv);
}

/* fe_argv_remove: removes argv[i] (shifting the rest). */
void fe_argv_remove(char **argv, int *argc, int i) {
  if (i < 0 || i >= *argc)
    return;
  free(argv[i]);
  memmove(argv + i, argv + i + 1, (size_t)(*argc - i) * sizeof *argv);
  (*argc)--;
}

/* ---- compilation databases ------------------------------------------------------- */

static char *str_take(CXString s) {
  const char *c = clang_getCString(s);
  char *r = xstrdup(c ? c : "");
  clang_disposeString(s);
  return r;
}

/* Bounded copy (truncates). */
static void copy_str(char *dst, size_t dstsz, const char *src) {
  size_t n = strlen(src);
  if (n >= dstsz)
    n = dstsz - 1;
  memcpy(dst, src, n);
  dst[n] = 0;
}

/* Absolute, symlink-free path of file (relative to dir when relative); copies the
 * joined path when the file does not exist. */
static void real_of(const char *dir, const char *file, char *out, size_t outsz) {
  char joined[PATH_MAX * 2];
  if (file[0] != '/' && dir && *dir)
    snprintf(joined, sizeof joined, "%s/%s", dir, file);
  else
    snprintf(joined, sizeof joined, "%s", file);
  char rp[PATH_MAX];
  if (realpath(joined, rp))
    copy_str(out, outsz, rp);
  else
    copy_str(out, outsz, joined);
}

/* fe_cdb_load: all commands of build_dir/compile_commands.json (see fe.h). */
int fe_cdb_load(const char *build_dir, const char *const *only_files, unsigned n_only,
                fe_cmd **out, unsigned *n, char *err, size_t errlen) {
  char path[PATH_MAX + 32];
  *out = NULL;
  *n = 0;
  snprintf(path, sizeof path, "%s/compile_commands.json", build_dir);
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  CXCompilationDatabase_Error ec = CXCompilationDatabase_NoError;
  CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(build_dir, &ec);
  if (ec != CXCompilationDatabase_NoError || !db) {
    snprintf(err, errlen, "%s: cannot load the compilation database (invalid JSON?)", path);
    if (db)
      clang_CompilationDatabase_dispose(db);
    return -1;
  }
  CXCompileCommands all = clang_CompilationDatabase_getAllCompileCommands(db);
  unsigned total = all ? clang_CompileCommands_getSize(all) : 0;
  if (total == 0 && st.st_size > 2) {
    /* libclang returns nothing for malformed JSON: report it. */
    snprintf(err, errlen, "%s: no compile commands (invalid JSON or empty list)", path);
    if (all)
      clang_CompileCommands_dispose(all);
    clang_CompilationDatabase_dispose(db);
    return -1;
  }
  char (*only_real)[PATH_MAX] = NULL;
  unsigned char *only_hit = NULL;
  if (only_files && n_only) {
    only_real = xcalloc(n_only, sizeof *only_real);
    only_hit = xcalloc(n_only, 1);
    for (unsigned i = 0; i < n_only; i++) {
      char rp[PATH_MAX];
      if (!realpath(only_files[i], rp)) {
        snprintf(err, errlen, "%s: %s", only_files[i], strerror(errno));
        free(only_real);
        free(only_hit);
        clang_CompileCommands_dispose(all);
        clang_CompilationDatabase_dispose(db);
        return -1;
      }
      copy_str(only_real[i], PATH_MAX, rp);
    }
  }
  fe_cmd *cmds = xcalloc(total, sizeof *cmds);
  unsigned k = 0;
  for (unsigned i = 0; i < total; i++) {
    CXCompileCommand c = clang_CompileCommands_getCommand(all, i);
    char *dir = str_take(clang_CompileCommand_getDirectory(c));
    char *file = str_take(clang_CompileCommand_getFilename(c));
    if (only_real) {
      char rp[PATH_MAX];
      real_of(dir, file, rp, sizeof rp);
      int keep = 0;
      for (unsigned j = 0; j < n_only; j++)
        if (strcmp(rp, only_real[j]) == 0) {
          keep = 1;
          only_hit[j] = 1;
        }
      if (!keep) {
        free(dir);
        free(file);
        continue;
      }
    }
    unsigned na = clang_CompileCommand_getNumArgs(c);
    if (na > FE_MAX_ARGS)
      na = FE_MAX_ARGS;
    cmds[k].file = file;
    cmds[k].directory = dir;
    cmds[k].argc = (int)na;
    cmds[k].argv = xcalloc((size_t)na + 1, sizeof *cmds[k].argv);
    for (unsigned j = 0; j < na; j++)
      cmds[k].argv[j] = str_take(clang_CompileCommand_getArg(c, j));
    k++;
  }
  clang_CompileCommands_dispose(all);
  clang_CompilationDatabase_dispose(db);
  for (unsigned j = 0; only_real && j < n_only; j++)
    if (!only_hit[j]) {
      snprintf(err, errlen, "%s: no compile command for this file in %s", only_files[j], path);
      free(only_real);
      free(only_hit);
      fe_cmd_free(cmds, k);
      return -1;
    }
  free(only_real);
  free(only_hit);
  *out = cmds;
  *n = k;
  return 0;
}
