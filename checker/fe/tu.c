/* tu.c - parsing one unit with libclang, reporting its first error, collecting the
 * functions to lower, the macro expansions and definitions, then lowering. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fe_internal.h"
#include "../prefixscan.h"
#include "../util/xalloc.h"

#define FE_MAX_ARG_RETRIES 8
#define FE_MAX_HEADER_FNS 100000 /* project-header functions of one PCH */

static CXIndex g_index;

static CXIndex get_index(void) {
  if (!g_index)
    g_index = clang_createIndex(0, 0);
  return g_index;
}

/* The index of units parsed with a shared prefix's PCH: their visit leaves out the
 * PCH's declarations (deserialising every declaration of <windows.h> again in every
 * unit cost more than parsing it); the functions of project headers in it are had by
 * their positions (KEY.fns), its constants from KEY.consts (prefix.c). */
static CXIndex g_index_local;

static CXIndex get_index_local(void) {
  if (!g_index_local)
    g_index_local = clang_createIndex(1, 0);
  return g_index_local;
}

/* fe_version: libclang's version string (static buffer). */
const char *fe_version(void) {
  static char buf[256];
  if (!buf[0]) {
    CXString s = clang_getClangVersion();
    const char *c = clang_getCString(s);
    snprintf(buf, sizeof buf, "%s", c ? c : "libclang");
    clang_disposeString(s);
  }
  return buf;
}

static char *xasprintf(const char *fmt, const char *a, const char *b) {
  int n = snprintf(NULL, 0, fmt, a, b);
  if (n < 0)
    n = 0;
  char *s = malloc((size_t)n + 1);
  if (!s)
    xalloc_fail();
  snprintf(s, (size_t)n + 1, fmt, a, b);
  return s;
}

/* "file:line:col: error: text" for a diagnostic, "unit: error: text" when it has
 * no location (owned by the caller). */
static char *diag_message(CXDiagnostic d, const char *unit) {
  CXString text = clang_getDiagnosticSpelling(d);
  const char *t = clang_getCString(text);
  CXFile f = NULL;
  unsigned line = 0, col = 0;
  clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, &col, NULL);
  char *r;
  if (f) {
    CXString fn = clang_getFileName(f);
    const char *fs = clang_getCString(fn);
    size_t n = strlen(fs ? fs : "") + strlen(t ? t : "") + 64;
    r = malloc(n);
    if (!r)
      xalloc_fail();
    snprintf(r, n, "%s:%u:%u: error: %s", fs ? fs : "", line, col, t ? t : "");
    clang_disposeString(fn);
  } else {
    r = xasprintf("%s: error: %s", unit, t ? t : "");
  }
  clang_disposeString(text);
  return r;
}

/* The first error of the unit, or NULL. *bad_arg receives the argument named by an
 * "unknown argument" driver error (owned), when that is the first error. */
static char *first_error(CXTranslationUnit tu, const char *unit, char **bad_arg) {
  unsigned n = clang_getNumDiagnostics(tu);
  *bad_arg = NULL;
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
    if (sev >= CXDiagnostic_Error) {
      CXString text = clang_getDiagnosticSpelling(d);
      const char *t = clang_getCString(text);
      const char *q;
      static const char *const pre[] = {"unknown argument: '", "unsupported option '"};
      for (size_t k = 0; t && k < sizeof pre / sizeof pre[0] && !*bad_arg; k++) {
        size_t pl = strlen(pre[k]);
        if (strncmp(t, pre[k], pl) == 0 && (q = strchr(t + pl, '\'')) != NULL) {
          size_t len = (size_t)(q - (t + pl));
          *bad_arg = malloc(len + 1);
          if (!*bad_arg)
            xalloc_fail();
          memcpy(*bad_arg, t + pl, len);
          (*bad_arg)[len] = 0;
        }
      }
      clang_disposeString(text);
      char *m = diag_message(d, unit);
      clang_disposeDiagnostic(d);
      return m;
    }
    clang_disposeDiagnostic(d);
  }
  return NULL;
}

/* ---- collecting the unit's interesting cursors ----------------------------------- */

static int is_function_kind(enum CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_ConversionFunction;
}

static enum CXChildVisitResult visit_enum(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) == CXCursor_EnumConstantDecl)
    fe_macros_add_enumerator((fe_unit *)data, c);
  return CXChildVisit_Continue;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  fe_unit *fu = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  switch (k) {
  case CXCursor_MacroDefinition: {
    /* the predefined __cplusplus tells the unit's language (clang_getCursorLanguage
     * says C for a plain function of a C++ unit) */
    CXString ms = clang_getCursorSpelling(c);
    if (clang_getCString(ms) && strcmp(clang_getCString(ms), "__cplusplus") == 0)
      fu->is_cxx = 1;
    clang_disposeString(ms);
    fe_macros_add_definition(fu, c);
    return CXChildVisit_Continue;
  }
  case CXCursor_MacroExpansion:
    if (!fu->main_file && clang_Location_isFromMainFile(clang_getCursorLocation(c)))
      fu->main_file = fe_pos_of(clang_getCursorLocation(c)).file;
    fe_macros_add_expansion(fu, c);
    return CXChildVisit_Continue;
  case CXCursor_InclusionDirective:
    return CXChildVisit_Continue;
  case CXCursor_EnumDecl:
    if (fu->r && fu->r->nconst_names)
      clang_visitChildren(c, visit_enum, fu);
    return CXChildVisit_Continue;
  default:
    break;
  }
  /* Functions defined in the main file and in the project's own headers (static
   * inline helpers) are lowered; system headers (mingw-w64, -isystem) are not. The
   * driver keeps one copy of a header function per run (ir_unit_drop_duplicates). */
  CXSourceLocation loc = clang_getCursorLocation(c);
  if (clang_Location_isInSystemHeader(loc))
    return CXChildVisit_Continue;
  if (!clang_Location_isFromMainFile(loc)) {
    if (is_function_kind(k) && clang_isCursorDefinition(c)) {
      arena_grow(fu->scratch, (void **)&fu->fns, &fu->fns_cap, fu->nfns + 1, sizeof *fu->fns);
      fu->fns[fu->nfns++] = c;
    }
    if (k == CXCursor_Namespace || k == CXCursor_LinkageSpec)
      return CXChildVisit_Recurse;
    return CXChildVisit_Continue;
  }
  if (!fu->main_file)
    fu->main_file = fe_pos_of(loc).file;
  if (is_function_kind(k)) {
    if (clang_isCursorDefinition(c)) {
      arena_grow(fu->scratch, (void **)&fu->fns, &fu->fns_cap, fu->nfns + 1, sizeof *fu->fns);
      fu->fns[fu->nfns++] = c;
    }
    return CXChildVisit_Continue;
  }
  if (k == CXCursor_Namespace || k == CXCursor_LinkageSpec || k == CXCursor_StructDecl ||
      k == CXCursor_ClassDecl || k == CXCursor_UnionDecl)
    return CXChildVisit_Recurse;
  return CXChildVisit_Continue;
}

static enum CXChildVisitResult visit_consts(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  fe_unit *fu = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_MacroDefinition) {
    CXString ms = clang_getCursorSpelling(c);
    if (clang_getCString(ms) && strcmp(clang_getCString(ms), "__cplusplus") == 0)
      fu->is_cxx = 1;
    clang_disposeString(ms);
    fe_macros_add_definition(fu, c);
  } else if (k == CXCursor_EnumDecl && fu->r && fu->r->nconst_names)
    clang_visitChildren(c, visit_enum, fu);
  return CXChildVisit_Continue;
}

unsigned fe_unit_consts(CXTranslationUnit tu, const rules *r, arena *a, ir_const **out, int *is_cxx) {
  fe_unit fu;
  memset(&fu, 0, sizeof fu);
  fu.tu = tu;
  fu.r = r;
  fu.u = ir_unit_new("(prefix)");
  fu.a = fu.u->arena;
  fu.scratch = arena_new();
  clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_consts, &fu);
  fe_macros_finish(&fu);
  unsigned n = fu.u->nconsts;
  *out = n ? arena_alloc(a, n * sizeof **out) : NULL;
  for (unsigned i = 0; i < n; i++) {
    (*out)[i].name = arena_strdup(a, fu.u->consts[i].name);
    (*out)[i].value = fu.u->consts[i].value;
  }
  *is_cxx = fu.is_cxx;
  arena_free(fu.scratch);
  ir_unit_free(fu.u);
  return n;
}

typedef struct hfn_ctx {
  CXTranslationUnit tu;
  FILE *out;
  unsigned n;
  int bad;
} hfn_ctx;

/* visit_header_fns: what visit_top takes from outside the main file (function
 * definitions of project headers, in namespaces and extern "C" blocks too), as
 * "offset name path" lines. */
static enum CXChildVisitResult visit_header_fns(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  hfn_ctx *h = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  CXSourceLocation loc = clang_getCursorLocation(c);
  if (clang_Location_isInSystemHeader(loc) || clang_Location_isFromMainFile(loc))
    return CXChildVisit_Continue;
  if (is_function_kind(k) && clang_isCursorDefinition(c)) {
    CXFile f = NULL;
    unsigned off = 0;
    clang_getSpellingLocation(loc, &f, NULL, NULL, &off);
    CXString name = clang_getFileName(f), fn = clang_getCursorSpelling(c);
    const char *p = clang_getCString(name), *s = clang_getCString(fn);
    /* the position must lead back to this function (a function a macro writes is
     * spelt inside the macro: several at one place), and the name be one word */
    CXCursor back = f ? clang_getCursor(h->tu, clang_getLocationForOffset(h->tu, f, off))
                      : clang_getNullCursor();
    if (!f || !p || !*p || strchr(p, '\n') || !s || !*s || strpbrk(s, " \n") ||
        !clang_equalCursors(back, c) || ++h->n > FE_MAX_HEADER_FNS)
      h->bad = 1;
    else
      fprintf(h->out, "%u %s %s\n", off, s, p);
    clang_disposeString(name);
    clang_disposeString(fn);
  }
  if (k == CXCursor_Namespace || k == CXCursor_LinkageSpec)
    return CXChildVisit_Recurse;
  return CXChildVisit_Continue;
}

int fe_header_fns(CXTranslationUnit tu, FILE *out) {
  hfn_ctx h = {tu, out, 0, 0};
  clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_header_fns, &h);
  return h.bad ? -1 : 0;
}

/* prefix_fns: the project-header functions of the unit's PCH (KEY.fns beside deps),
 * found by position, as visit_top would have found them. -1 when one is missing. */
static int prefix_fns(fe_unit *fu, const char *deps) {
  FILE *f = fe_prefix_open(deps, "fns");
  if (!f)
    return -1;
  char line[PATH_MAX + 32];
  int rc = 0;
  unsigned n = 0;
  while (rc == 0 && n++ < FE_MAX_HEADER_FNS && fgets(line, sizeof line, f)) {
    char *sp = strchr(line, ' '), *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
    size_t l = strlen(line);
    if (!sp2 || l < 5 || line[l - 1] != '\n') {
      rc = -1;
      break;
    }
    line[l - 1] = '\0';
    *sp2 = '\0';
    unsigned off = (unsigned)strtoul(line, NULL, 10);
    CXFile file = clang_getFile(fu->tu, sp2 + 1);
    CXCursor c = file ? clang_getCursor(fu->tu, clang_getLocationForOffset(fu->tu, file, off))
                      : clang_getNullCursor();
    CXString cs = clang_getCursorSpelling(c);
    int same = clang_getCString(cs) && strcmp(clang_getCString(cs), sp + 1) == 0;
    clang_disposeString(cs);
    if (!same || !is_function_kind(clang_getCursorKind(c)) || !clang_isCursorDefinition(c)) {
      rc = -1;
      break;
    }
    arena_grow(fu->scratch, (void **)&fu->fns, &fu->fns_cap, fu->nfns + 1, sizeof *fu->fns);
    fu->fns[fu->nfns++] = c;
  }
  fclose(f);
  return rc;
}

/* ---- debugging aid: --dump-ast ---------------------------------------------------- */

typedef struct dump_ctx {
  FILE *out;
  unsigned depth;
} dump_ctx;

static enum CXChildVisitResult visit_dump(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  dump_ctx *d = data;
  CXString k = clang_getCursorKindSpelling(clang_getCursorKind(c));
  CXString s = clang_getCursorSpelling(c);
  CXFile f;
  unsigned line, col;
  clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, &line, &col, NULL);
  fprintf(d->out, "%*s%s '%s' %u:%u\n", (int)(2 * d->depth), "", clang_getCString(k),
          clang_getCString(s), line, col);
  clang_disposeString(k);
  clang_disposeString(s);
  if (d->depth < 200) {
    dump_ctx sub = {d->out, d->depth + 1};
    clang_visitChildren(c, visit_dump, &sub);
  }
  return CXChildVisit_Continue;
}

/* ---- fe_lower -------------------------------------------------------------------------- */

void fe_main_path(const fe_cmd *cmd, char *buf, size_t n) {
  if (cmd->file[0] != '/' && cmd->directory && *cmd->directory)
    snprintf(buf, n, "%s/%s", cmd->directory, cmd->file);
  else
    snprintf(buf, n, "%s", cmd->file);
}

/* report_inclusion: clang_getInclusions visitor: each file once to o->on_file. */
static void report_inclusion(CXFile f, CXSourceLocation *stack, unsigned depth, CXClientData d) {
  (void)stack;
  (void)depth;
  const fe_opts *o = d;
  CXString real = clang_File_tryGetRealPathName(f);
  const char *p = clang_getCString(real);
  if (p && *p) {
    o->on_file(o->on_file_ctx, p);
  } else {
    CXString name = clang_getFileName(f);
    const char *n = clang_getCString(name);
    if (n && *n)
      o->on_file(o->on_file_ctx, n);
    clang_disposeString(name);
  }
  clang_disposeString(real);
}

/* parse_with_prefix: the unit parsed with its shared prefix's PCH (prefix.c), or NULL
 * when it has none, or when that parse fails or reports an error (the caller parses it
 * alone and reports what that parse says). *deps: the PCH's list of files, owned. */
static CXTranslationUnit parse_with_prefix(const fe_opts *o, const fe_cmd *cmd, const rules *r,
                                           char **argv, int argc, const char *path,
                                           unsigned flags, char **deps) {
  *deps = NULL;
  const char *pdir = NULL;
  unsigned want = o && o->prefix ? fe_prefix_plan_lines(o->prefix, cmd, &pdir) : 0;
  if (!want)
    return NULL;
  int skip = -1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, path) == 0 || strcmp(a, cmd->file) == 0) /* relative from its directory */
      skip = skip == -1 ? i : -2;
    /* cl's include search differs; a forced include or a PCH of the project's own comes
     * before the prefix; -x may name a language the file's name does not: such units
     * are parsed alone */
    if (strncmp(a, "--driver-mode=cl", 16) == 0 || strncmp(a, "-include", 8) == 0 ||
        strncmp(a, "-x", 2) == 0 || strcmp(a, "--language") == 0 ||
        strncmp(a, "-imacros", 8) == 0 || strncmp(a, "--include", 9) == 0)
      return NULL;
  }
  if (skip < 0)
    return NULL;
  unsigned got = 0;
  char *text = prefix_scan(path, want, &got);
  if (text && got != want) { /* the file changed since the plan */
    free(text);
    text = NULL;
  }
  if (!text)
    return NULL;
  char *pch = fe_prefix_pch(get_index(), pdir, argv, argc, skip, cmd->directory, text, r, deps);
  free(text);
  if (!pch)
    return NULL;
  const char **av = malloc(((size_t)argc + 2) * sizeof *av);
  if (!av)
    xalloc_fail();
  av[0] = argv[0];
  av[1] = "-include-pch";
  av[2] = pch;
  for (int i = 1; i < argc; i++)
    av[i + 2] = argv[i];
  CXTranslationUnit tu = NULL;
  enum CXErrorCode ec =
      clang_parseTranslationUnit2FullArgv(get_index_local(), NULL, av, argc + 2, NULL, 0, flags, &tu);
  free(av);
  free(pch);
  char *bad = NULL, *msg = NULL;
  if (ec == CXError_Success && tu && (msg = first_error(tu, path, &bad)) == NULL)
    return tu;
  if (getenv("SSPI_CHECK_SHOW_PREFIX"))
    fprintf(stderr, "sspi-check: prefix: %s: parsed again alone: %s\n", path,
            msg ? msg : "libclang could not parse it");
  free(bad);
  free(msg);
  if (tu)
    clang_disposeTranslationUnit(tu);
  free(*deps);
  *deps = NULL;
  return NULL;
}

/* fe_lower: see fe.h. */
ir_unit *fe_lower(const fe_cmd *cmd, const rules *r, const fe_opts *o, char **err) {
  *err = NULL;
  if (!cmd || !cmd->file) {
    *err = xasprintf("%s%s", "(no file)", ": no compile command");
    return NULL;
  }
  /* The file must be readable: report it the way a compiler would. */
  char path[PATH_MAX * 2];
  fe_main_path(cmd, path, sizeof path);
  FILE *probe = fopen(path, "r");
  if (!probe) {
    *err = xasprintf("%s: %s", cmd->file, strerror(errno));
    return NULL;
  }
  fclose(probe);
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    *err = xasprintf("%s: %s", cmd->file, "Is a directory");
    return NULL;
  }

  int argc = 0;
  char **argv =
      fe_rewrite_argv(cmd, o ? o->nextra : 0, o ? o->extra : NULL, o ? o->keep_target : 0, &argc);
  if (getenv("SSPI_CHECK_SHOW_ARGV")) { /* debugging aid: the command libclang gets */
    fprintf(stderr, "sspi-check: libclang command for %s:", cmd->file);
    for (int i = 0; i < argc; i++)
      fprintf(stderr, " %s", argv[i]);
    fputc('\n', stderr);
  }
  CXTranslationUnit tu = NULL;
  unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing |
                   CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
  char *msg = NULL;
  char *deps = NULL;
  tu = parse_with_prefix(o, cmd, r, argv, argc, path, flags, &deps);
  for (int attempt = 0; !tu; attempt++) {
    enum CXErrorCode ec = clang_parseTranslationUnit2FullArgv(
        get_index(), NULL, (const char *const *)argv, argc, NULL, 0, flags, &tu);
    if (ec != CXError_Success || !tu) {
      /* No unit, no diagnostics: in practice a command line the clang driver
       * rejects (an invalid option value) or a crash. */
      const char *why = ec == CXError_Crashed ? "libclang crashed while parsing it"
                        : ec == CXError_InvalidArguments ? "invalid arguments to libclang"
                        : "libclang could not parse it (is the compiler command valid?)";
      msg = xasprintf("%s: error: %s", cmd->file, why);
      tu = NULL;
      break;
    }
    char *bad = NULL;
    msg = first_error(tu, cmd->file, &bad);
    if (!msg)
      break;
    /* A compiler option clang does not know (gcc-only flags in a database):
     * drop it and parse again. */
    int removed = 0;
    if (bad && attempt < FE_MAX_ARG_RETRIES)
      for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], bad) == 0) {
          fe_argv_remove(argv, &argc, i);
          removed = 1;
          break;
        }
    free(bad);
    if (!removed)
      break;
    free(msg);
    msg = NULL;
    clang_disposeTranslationUnit(tu);
    tu = NULL;
  }
  fe_argv_free(argv, argc);
  if (msg) {
    free(deps);
    if (tu)
      clang_disposeTranslationUnit(tu);
    *err = msg;
    return NULL;
  }

  fe_unit fu;
  memset(&fu, 0, sizeof fu);
  fu.tu = tu;
  fu.r = r;
  fu.u = ir_unit_new(cmd->file);
  fu.a = fu.u->arena;
  fu.scratch = arena_new();
  if (deps &&
      (fe_prefix_consts(deps, fu.a, (ir_const **)&fu.prefix_consts, &fu.nprefix_consts, &fu.is_cxx) != 0 ||
       prefix_fns(&fu, deps) != 0)) {
    /* the PCH's constants are gone (another process removed the directory?): parse
     * alone rather than differently */
    clang_disposeTranslationUnit(tu);
    ir_unit_free(fu.u);
    arena_free(fu.scratch);
    free(deps);
    fe_opts alone = *o;
    alone.prefix = NULL;
    return fe_lower(cmd, r, &alone, err);
  }
  CXString spell = clang_getTranslationUnitSpelling(tu);
  fu.main_file = clang_getFile(tu, clang_getCString(spell));
  clang_disposeString(spell);

  clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &fu);
  fe_macros_finish(&fu);

  if (o && o->dump_ast) {
    for (unsigned i = 0; i < fu.nfns; i++) {
      dump_ctx d = {stderr, 0};
      visit_dump(fu.fns[i], clang_getNullCursor(), &d);
    }
  }

  for (unsigned i = 0; i < fu.nfns; i++)
    fe_lower_function(&fu, fu.fns[i]);
  if (fu.nout) {
    fu.u->funcs = arena_alloc(fu.a, fu.nout * sizeof *fu.u->funcs);
    memcpy(fu.u->funcs, fu.out, fu.nout * sizeof *fu.u->funcs);
    fu.u->nfuncs = fu.nout;
  }
  arena_free(fu.scratch);
  if (o && o->on_file) {
    clang_getInclusions(tu, report_inclusion, (CXClientData)o);
    if (deps) /* the files of the shared prefix, which libclang does not report */
      fe_prefix_deps(deps, o->on_file, o->on_file_ctx);
  }
  free(deps);
  clang_disposeTranslationUnit(tu);
  return fu.u;
}
