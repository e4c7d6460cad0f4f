/* test_gate.c - the CI-gate modules without libclang: check globs, diff parsing, NOLINT
 * parsing, fingerprint stability, baseline round trip, SARIF shape, configuration. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "baseline.h"
#include "checks.h"
#include "config.h"
#include "diag.h"
#include "out_sarif.h"
#include "select.h"
#include "suppress.h"

/* ---- helpers ------------------------------------------------------------------ */

static char tmpdir[256];

static int make_tmpdir(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/test_gate.XXXXXX");
  if (!mkdtemp(tmpdir)) return -1;
  /* realpath: /tmp may be a symlink */
  char *r = realpath(tmpdir, NULL);
  if (!r) return -1;
  snprintf(tmpdir, sizeof tmpdir, "%s", r);
  free(r);
  return 0;
}

static int remove_tmpdir(void **state) {
  (void)state;
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to tmpdir/name; returns the path (static buffer rotation). */
static const char *write_file(const char *name, const char *text) {
  static char paths[8][512];
  static unsigned k;
  char *p = paths[k++ % 8];
  snprintf(p, 512, "%s/%s", tmpdir, name);
  for (char *slash = p + strlen(tmpdir) + 1; (slash = strchr(slash, '/')) != NULL; slash++) {
    *slash = '\0'; /* mkdir -p of the parents */
    mkdir(p, 0755);
    *slash = '/';
  }
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return p;
}

static void add_finding(diag_set *s, const char *file, unsigned line, unsigned col,
                        const char *check, const char *msg, const char *func,
                        unsigned note_line) {
  diag d;
  diag_note n;
  memset(&d, 0, sizeof d);
  d.loc.file = file;
  d.loc.line = line;
  d.loc.col = col;
  d.check = check;
  d.msg = msg;
  d.func = func;
  if (note_line) {
    n.loc.file = file;
    n.loc.line = note_line;
    n.loc.col = 7;
    n.msg = "credential handle acquired here by 'AcquireCredentialsHandleW'";
    d.nnotes = 1;
    d.notes = &n;
  }
  diag_add(s, &d);
}

/* ---- check globs ---------------------------------------------------------------- */

static select_globs *globs(const char *list) {
  char err[256];
  select_globs *g = select_globs_new();
  assert_int_equal(select_globs_add(g, list, err, sizeof err), 0);
  return g;
}

static void test_glob_match(void **state) {
  (void)state;
  assert_true(select_glob_match("*", "sspi-context-leak"));
  assert_true(select_glob_match("sspi-*", "sspi-context-leak"));
  assert_true(select_glob_match("sspi-*-leak", "sspi-context-leak"));
  assert_true(select_glob_match("*leak", "sspi-buffer-leak"));
  assert_true(select_glob_match("s*p*i*", "sspi"));
  assert_false(select_glob_match("sspi-*-leak", "sspi-double-release"));
  assert_false(select_glob_match("sspi-context", "sspi-context-leak"));
  assert_false(select_glob_match("", "x"));
  assert_true(select_glob_match("", ""));
}

static void test_checks_semantics(void **state) {
  (void)state;
  select_globs *g = globs("*");
  assert_true(select_globs_enabled(g, "sspi-context-leak"));
  select_globs_free(g);

  /* "-*,x": only x */
  g = globs("*,-*,sspi-context-leak");
  assert_true(select_globs_enabled(g, "sspi-context-leak"));
  assert_false(select_globs_enabled(g, "sspi-credential-leak"));
  select_globs_free(g);

  /* later wins, in both directions; whitespace ignored */
  g = globs(" * , -sspi-*-leak ,  sspi-buffer-leak");
  assert_true(select_globs_enabled(g, "sspi-buffer-leak"));
  assert_false(select_globs_enabled(g, "sspi-context-leak"));
  assert_true(select_globs_enabled(g, "sspi-double-release"));
  select_globs_free(g);

  /* appending a second list (config then command line) continues the same list */
  g = globs("-*,sspi-context-leak");
  char err[256];
  assert_int_equal(select_globs_add(g, "-sspi-context-leak,sspi-double-release", err, sizeof err), 0);
  assert_false(select_globs_enabled(g, "sspi-context-leak"));
  assert_true(select_globs_enabled(g, "sspi-double-release"));
  select_globs_free(g);

  /* nothing matches: disabled; empty entries skipped */
  g = globs(",,sspi-double-release,");
  assert_false(select_globs_enabled(g, "sspi-context-leak"));
  assert_true(select_globs_enabled(g, "sspi-double-release"));
  select_globs_free(g);

  g = select_globs_new();
  assert_int_equal(select_globs_add(g, "sspi context", err, sizeof err), -1);
  assert_non_null(strstr(err, "sspi context"));
  assert_int_equal(select_globs_add(g, "-", err, sizeof err), -1);
  select_globs_free(g);
}

static void test_fail_on(void **state) {
  (void)state;
  char err[256];
  select_globs *g = select_fail_on("any", err, sizeof err);
  assert_true(select_globs_enabled(g, "sspi-buffer-leak"));
  select_globs_free(g);
  g = select_fail_on("none", err, sizeof err);
  assert_false(select_globs_enabled(g, "sspi-buffer-leak"));
  select_globs_free(g);
  g = select_fail_on("sspi-*-leak,-sspi-buffer-leak", err, sizeof err);
  assert_true(select_globs_enabled(g, "sspi-context-leak"));
  assert_false(select_globs_enabled(g, "sspi-buffer-leak"));
  assert_false(select_globs_enabled(g, "sspi-double-release"));
  select_globs_free(g);
  assert_null(select_fail_on("sspi-?", err, sizeof err));
}

/* ---- paths and excludes --------------------------------------------------------- */

static void test_paths(void **state) {
  (void)state;
  char *r = select_relpath("/src/proj", "/src/proj/net/conn.c");
  assert_string_equal(r, "net/conn.c");
  free(r);
  assert_null(select_relpath("/src/proj", "/src/project/conn.c"));
  assert_null(select_relpath("/src/proj", "/other/conn.c"));
  r = select_relpath("/", "/a/b.c");
  assert_string_equal(r, "a/b.c");
  free(r);
  r = select_abspath("/no/such/dir/../x/./y.c");
  assert_string_equal(r, "/no/such/x/y.c");
  free(r);
  r = select_abspath("/no/such/../../../..");
  assert_string_equal(r, "/");
  free(r);

  const char *f = write_file("third_party/zlib/inflate.c", "int x;\n");
  const char *g = write_file("src/conn.c", "int y;\n");
  const char *ex[] = {"third_party/*"};
  assert_true(select_excluded(ex, 1, tmpdir, f));
  assert_false(select_excluded(ex, 1, tmpdir, g));
  const char *ex2[] = {"./src/*.c"};
  assert_true(select_excluded(ex2, 1, tmpdir, g));
  const char *ex3[] = {"*/zlib/*"}; /* the absolute path is tried too */
  assert_true(select_excluded(ex3, 1, "/elsewhere", f));
  assert_false(select_excluded(NULL, 0, tmpdir, f));
}

/* ---- unified diffs ---------------------------------------------------------------- */

static const char git_diff_u0[] =
    "diff --git a/src/conn.c b/src/conn.c\n"
    "index 1111111..2222222 100644\n"
    "--- a/src/conn.c\n"
    "+++ b/src/conn.c\n"
    "@@ -10,0 +11,2 @@ int connect_once(void)\n"
    "+  if (give_up)\n"
    "+    return -1;\n"
    "@@ -40 +42 @@ static void cleanup(void)\n"
    "-  FreeCredentialsHandle(&cred);\n"
    "+  FreeCredentialsHandle(&other);\n"
    "@@ -60,2 +61,0 @@\n"
    "-  DeleteSecurityContext(&ctx);\n"
    "-  --count;\n"
    "diff --git a/new.c b/new.c\n"
    "new file mode 100644\n"
    "--- /dev/null\n"
    "+++ b/new.c\n"
    "@@ -0,0 +1,3 @@\n"
    "+int a;\n"
    "+--- not a header\n"
    "+int c;\n"
    "diff --git a/gone.c b/gone.c\n"
    "deleted file mode 100644\n"
    "--- a/gone.c\n"
    "+++ /dev/null\n"
    "@@ -1,2 +0,0 @@\n"
    "-int a;\n"
    "-int b;\n"
    "diff --git \"a/sp ace.c\" \"b/sp ace.c\"\n"
    "--- \"a/sp ace.c\"\n"
    "+++ \"b/sp ace.c\"\n"
    "@@ -5 +5 @@\n"
    "-x\n"
    "+y\n";

static void test_diff_u0(void **state) {
  (void)state;
  char err[256];
  select_diff *d = select_diff_parse(git_diff_u0, sizeof git_diff_u0 - 1, "pr.diff", err, sizeof err);
  assert_non_null(d);
  assert_int_equal(select_diff_nfiles(d), 3);
  assert_false(select_diff_line(d, "src/conn.c", 10));
  assert_true(select_diff_line(d, "src/conn.c", 11));
  assert_true(select_diff_line(d, "src/conn.c", 12));
  assert_false(select_diff_line(d, "src/conn.c", 13));
  assert_false(select_diff_line(d, "src/conn.c", 41));
  assert_true(select_diff_line(d, "src/conn.c", 42));
  assert_false(select_diff_line(d, "src/conn.c", 43));
  /* pure deletion after new line 61: lines 61 and 62 border the gap */
  assert_false(select_diff_line(d, "src/conn.c", 60));
  assert_true(select_diff_line(d, "src/conn.c", 61));
  assert_true(select_diff_line(d, "src/conn.c", 62));
  assert_false(select_diff_line(d, "src/conn.c", 63));
  assert_true(select_diff_line(d, "new.c", 1));
  assert_true(select_diff_line(d, "new.c", 2));
  assert_true(select_diff_line(d, "./new.c", 3));
  assert_false(select_diff_line(d, "new.c", 4));
  assert_false(select_diff_line(d, "gone.c", 1));
  assert_true(select_diff_line(d, "sp ace.c", 5));
  assert_false(select_diff_line(d, "b/src/conn.c", 11));
  select_diff_free(d);
}

static void test_diff_context(void **state) {
  (void)state;
  static const char text[] =
      "--- a/x.c\t2024-01-01\n"
      "+++ b/x.c\t2024-01-02\n"
      "@@ -1,7 +1,8 @@\n"
      " a\n"
      " b\n"
      "-c\n"
      "+C\n"
      "+D\n"
      " d\n"
      "-e\n"
      " f\n"
      "\n" /* a context line whose leading space was stripped */
      "\\ No newline at end of file\n";
  char err[256];
  select_diff *d = select_diff_parse(text, sizeof text - 1, "ctx.diff", err, sizeof err);
  assert_non_null(d);
  assert_false(select_diff_line(d, "x.c", 2));
  assert_true(select_diff_line(d, "x.c", 3));
  assert_true(select_diff_line(d, "x.c", 4));
  assert_true(select_diff_line(d, "x.c", 5)); /* d: borders the deletion of e */
  assert_true(select_diff_line(d, "x.c", 6)); /* f: borders it too */
  assert_false(select_diff_line(d, "x.c", 7));
  select_diff_free(d);

  static const char bad[] = "--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,x @@\n";
  assert_null(select_diff_parse(bad, sizeof bad - 1, "bad.diff", err, sizeof err));
  assert_string_equal(err, "bad.diff:3: malformed hunk header");
  static const char orphan[] = "@@ -1 +1 @@\n-a\n+b\n";
  assert_null(select_diff_parse(orphan, sizeof orphan - 1, "o.diff", err, sizeof err));
  assert_string_equal(err, "o.diff:1: hunk before any '+++' file header");
  assert_null(select_diff_load("/no/such.diff", err, sizeof err));
  assert_non_null(strstr(err, "/no/such.diff: "));
}

static void test_diff_touches_notes(void **state) {
  (void)state;
  const char *f = write_file("d/conn.c", "a\nb\nc\nd\ne\nf\n");
  static const char text[] = "--- a/d/conn.c\n+++ b/d/conn.c\n@@ -2,0 +3 @@\n+c\n";
  char err[256];
  select_diff *d = select_diff_parse(text, sizeof text - 1, "t", err, sizeof err);
  assert_non_null(d);
  diag_set *s = diag_set_new();
  add_finding(s, f, 6, 3, "sspi-credential-leak", "m", "fn", 3); /* note on line 3 */
  add_finding(s, f, 6, 3, "sspi-credential-leak", "m2", "fn", 1);
  assert_true(select_diff_touches(d, tmpdir, diag_get(s, 0)));
  assert_false(select_diff_touches(d, tmpdir, diag_get(s, 1)));
  assert_false(select_diff_touches(d, "/elsewhere", diag_get(s, 0)));
  diag_set_free(s);
  select_diff_free(d);
}

/* ---- NOLINT ---------------------------------------------------------------------- */

static const char nolint_src[] =
    "void f(void) {\n"                                              /* 1 */
    "  leak1(); // NOLINT\n"                                        /* 2 */
    "  leak2(); // NOLINT(sspi-context-leak)\n"                     /* 3 */
    "  leak3(); /* NOLINT(sspi-*-leak, bugprone-*) */\n"            /* 4 */
    "  // NOLINTNEXTLINE(sspi-double-release)\n"                    /* 5 */
    "  twice();\n"                                                  /* 6 */
    "  const char *s = \"// NOLINT\"; leak7();\n"                   /* 7 */
    "  // NOLINTBEGIN(sspi-buffer-leak)\n"                          /* 8 */
    "  buf9();\n"                                                   /* 9 */
    "  /* a comment\n"                                              /* 10 */
    "     NOLINTNEXTLINE */\n"                                      /* 11 */
    "  any12();\n"                                                  /* 12 */
    "  // NOLINTEND(sspi-buffer-leak)\n"                            /* 13 */
    "  buf14();\n"                                                  /* 14 */
    "  x(); // NOLINTFOO NOLINT(clang-analyzer-*) because\n"        /* 15 */
    "  y(); // NOLINT()\n"                                          /* 16 */
    "  z(); // NOLINT(sspi-context-leak\n"                          /* 17 */
    "  char c = '\"'; w(); // NOLINT(sspi-use-after-release)\n"     /* 18 */
    "  // NOLINTEND(sspi-context-leak)\n"                           /* 19 */
    "  // NOLINTBEGIN\n"                                            /* 20 */
    "}\n";

static void test_nolint_parse(void **state) {
  (void)state;
  suppress *s = suppress_new(NULL);
  assert_int_equal(suppress_scan_text(s, "/v/n.c", nolint_src, sizeof nolint_src - 1), 0);
  /* bare NOLINT: every check on its line only */
  assert_true(suppress_match(s, "/v/n.c", 2, "sspi-credential-leak"));
  assert_true(suppress_match(s, "/v/n.c", 2, "sspi-double-release"));
  assert_false(suppress_match(s, "/v/n.c", 1, "sspi-credential-leak"));
  assert_false(suppress_match(s, "/v/n.c", 3, "sspi-credential-leak"));
  /* lists, globs */
  assert_true(suppress_match(s, "/v/n.c", 3, "sspi-context-leak"));
  assert_true(suppress_match(s, "/v/n.c", 4, "sspi-buffer-leak"));
  assert_false(suppress_match(s, "/v/n.c", 4, "sspi-double-release"));
  /* NEXTLINE */
  assert_false(suppress_match(s, "/v/n.c", 5, "sspi-double-release"));
  assert_true(suppress_match(s, "/v/n.c", 6, "sspi-double-release"));
  assert_false(suppress_match(s, "/v/n.c", 6, "sspi-context-leak"));
  /* inside a string literal: not a comment */
  assert_false(suppress_match(s, "/v/n.c", 7, "sspi-context-leak"));
  /* BEGIN..END */
  assert_true(suppress_match(s, "/v/n.c", 9, "sspi-buffer-leak"));
  assert_true(suppress_match(s, "/v/n.c", 13, "sspi-buffer-leak"));
  assert_false(suppress_match(s, "/v/n.c", 14, "sspi-buffer-leak"));
  assert_false(suppress_match(s, "/v/n.c", 9, "sspi-context-leak"));
  /* NOLINTNEXTLINE inside a multi-line block comment (word on line 11) */
  assert_true(suppress_match(s, "/v/n.c", 12, "sspi-context-leak"));
  /* other tools' lists, empty lists and an unclosed list suppress nothing of ours */
  assert_false(suppress_match(s, "/v/n.c", 15, "sspi-context-leak"));
  assert_false(suppress_match(s, "/v/n.c", 16, "sspi-context-leak"));
  assert_false(suppress_match(s, "/v/n.c", 17, "sspi-context-leak"));
  /* a quote inside a character literal does not start a string */
  assert_true(suppress_match(s, "/v/n.c", 18, "sspi-use-after-release"));
  /* unmatched BEGIN (20) suppresses nothing */
  assert_false(suppress_match(s, "/v/n.c", 21, "sspi-context-leak"));

  /* report: unmatched END (19) and BEGIN (20) always; unused only on request */
  const char *ids[] = {"sspi-credential-leak", "sspi-context-leak", "sspi-buffer-leak",
                       "sspi-double-release", "sspi-use-after-release"};
  diag_set *out = diag_set_new();
  assert_int_equal(suppress_report(s, 0, ids, 5, out), 2);
  assert_string_equal(diag_get(out, 0)->check, "sspi-unmatched-suppression");
  assert_int_equal(diag_get(out, 0)->loc.line, 19);
  assert_int_equal(diag_get(out, 0)->loc.col, 6);
  assert_non_null(strstr(diag_get(out, 0)->msg, "'NOLINTEND'"));
  assert_int_equal(diag_get(out, 1)->loc.line, 20);
  assert_non_null(strstr(diag_get(out, 1)->msg, "'NOLINTBEGIN'"));
  diag_set_free(out);

  out = diag_set_new();
  /* used: 2, 3, 4, 5(6), 8(..13), 11(12), 18. Unused and ours: 16 has an empty list
   * (not ours), 15 is clang-analyzer's: so nothing else is unused. */
  assert_int_equal(suppress_report(s, 1, ids, 5, out), 2);
  diag_set_free(out);
  suppress_free(s);

  /* an unused one is reported at its NOLINT word */
  s = suppress_new(NULL);
  static const char src2[] = "int a; // NOLINT(sspi-context-leak)\nint b; /* NOLINT */\n";
  suppress_scan_text(s, "/v/u.c", src2, sizeof src2 - 1);
  assert_true(suppress_match(s, "/v/u.c", 2, "sspi-context-leak"));
  out = diag_set_new();
  assert_int_equal(suppress_report(s, 1, ids, 5, out), 1);
  const diag *d = diag_get(out, 0);
  assert_string_equal(d->loc.file, "/v/u.c");
  assert_int_equal(d->loc.line, 1);
  assert_int_equal(d->loc.col, 11);
  assert_string_equal(d->msg, "NOLINT comment suppresses nothing");
  assert_string_equal(d->check, "sspi-unused-suppression");
  diag_set_free(out);
  /* with the context check disabled, its NOLINT no longer concerns us */
  out = diag_set_new();
  const char *ids2[] = {"sspi-buffer-leak"};
  assert_int_equal(suppress_report(s, 1, ids2, 1, out), 0);
  diag_set_free(out);
  suppress_free(s);
}

static void test_nolint_files(void **state) {
  (void)state;
  const char *f = write_file("s/conn.c", "int main(void) {\n  return 0; // NOLINT(sspi-*)\n}\n");
  suppress *s = suppress_new(NULL);
  char rel[600];
  /* the same file under another spelling is the same file */
  snprintf(rel, sizeof rel, "%s/s/../s/conn.c", tmpdir);
  assert_true(suppress_match(s, rel, 2, "sspi-context-leak"));
  assert_true(suppress_match(s, f, 2, "sspi-context-leak"));
  assert_int_equal(suppress_count(s), 1);
  assert_false(suppress_match(s, "/no/such/file.c", 2, "sspi-context-leak"));
  suppress_free(s);
}

/* ---- fingerprints and baselines ----------------------------------------------------- */

static const char fp_v1[] =
    "int connect_once(int give_up) {\n"
    "  CredHandle cred;\n"
    "  if (give_up)\n"
    "    return -1;\n"
    "  return 0;\n"
    "}\n";
static const char fp_v2[] =
    "#include <stdio.h>\n"
    "/* three lines inserted above */\n"
    "\n"
    "int connect_once(int give_up) {\n"
    "  CredHandle cred;\n"
    "  if (give_up)\n"
    "      return   -1;\n" /* whitespace changes do not matter either */
    "  return 0;\n"
    "}\n";

static char **fps_of(const char *file, unsigned line, unsigned *n, diag_set **keep) {
  diag_set *s = diag_set_new();
  add_finding(s, file, line, 5, "sspi-credential-leak",
              "credential handle 'cred' is not released when the function returns",
              "connect_once", line - 2);
  *n = diag_count(s);
  char **fps = baseline_fingerprints(s, tmpdir, NULL);
  *keep = s;
  return fps;
}

static void test_fingerprint_stable(void **state) {
  (void)state;
  unsigned n;
  diag_set *s1, *s2, *s3;
  const char *f = write_file("fp/conn.c", fp_v1);
  char **a = fps_of(f, 4, &n, &s1);
  assert_int_equal(strlen(a[0]), 32);
  f = write_file("fp/conn.c", fp_v2);
  char **b = fps_of(f, 7, &n, &s2);
  assert_string_equal(a[0], b[0]);
  /* another line text: another fingerprint */
  char **c = fps_of(f, 8, &n, &s3);
  assert_string_not_equal(a[0], c[0]);
  baseline_fingerprints_free(a, 1);
  baseline_fingerprints_free(b, 1);
  baseline_fingerprints_free(c, 1);
  diag_set_free(s1);
  diag_set_free(s2);
  diag_set_free(s3);

  /* identical keys on two lines get distinct fingerprints (occurrence index) */
  const char *g = write_file("fp/twice.c", "x\n  return -1;\n  return -1;\n");
  diag_set *s = diag_set_new();
  add_finding(s, g, 2, 3, "sspi-context-leak", "m", "f", 0);
  add_finding(s, g, 3, 3, "sspi-context-leak", "m", "f", 0);
  char **t = baseline_fingerprints(s, tmpdir, NULL);
  assert_string_not_equal(t[0], t[1]);
  baseline_fingerprints_free(t, 2);
  diag_set_free(s);
}

static void test_baseline_round_trip(void **state) {
  (void)state;
  const char *f = write_file("bl/conn.c", fp_v1);
  diag_set *s = diag_set_new();
  add_finding(s, f, 4, 5, "sspi-credential-leak", "credential handle 'cred' is not released when the function returns", "connect_once", 2);
  add_finding(s, f, 2, 3, "sspi-context-leak", "say \"hi\"\tnow", "connect_once", 0);
  char **fps = baseline_fingerprints(s, tmpdir, NULL);
  const diag *ds[2] = {diag_get(s, 0), diag_get(s, 1)};
  char path[600], err[512];
  snprintf(path, sizeof path, "%s/bl/baseline.json", tmpdir);
  assert_int_equal(baseline_write(path, ds, (const char *const *)fps, 2, tmpdir, err, sizeof err), 0);

  /* one finding per line, sorted by file then rule: the context finding first */
  FILE *in = fopen(path, "r");
  assert_non_null(in);
  char line[1024];
  unsigned lines = 0, ctx_line = 0, cred_line = 0;
  while (fgets(line, sizeof line, in)) {
    lines++;
    if (strstr(line, "sspi-context-leak")) ctx_line = lines;
    if (strstr(line, "sspi-credential-leak")) cred_line = lines;
    if (strstr(line, "\"ruleId\"")) assert_non_null(strstr(line, "\"file\": \"bl/conn.c\""));
  }
  fclose(in);
  assert_true(ctx_line > 0 && cred_line == ctx_line + 1);
  assert_int_equal(lines, 8);

  baseline *b = baseline_load(path, err, sizeof err);
  assert_non_null(b);
  assert_int_equal(baseline_size(b), 2);
  assert_true(baseline_has(b, fps[0]));
  assert_true(baseline_has(b, fps[1]));
  assert_false(baseline_has(b, "0123456789abcdef0123456789abcdef"));
  baseline_free(b);

  /* writing the same findings again gives the same bytes */
  char again[600];
  snprintf(again, sizeof again, "%s/bl/again.json", tmpdir);
  const diag *rev[2] = {ds[1], ds[0]};
  const char *revfp[2] = {fps[1], fps[0]};
  assert_int_equal(baseline_write(again, rev, revfp, 2, tmpdir, err, sizeof err), 0);
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", path, again);
  assert_int_equal(system(cmd), 0);

  /* bad baselines: "path: problem" */
  const char *bad = write_file("bl/bad.json", "{\"version\": 1, \"findings\": [ {\"fingerprint\": 3} ]}");
  assert_null(baseline_load(bad, err, sizeof err));
  assert_non_null(strstr(err, "bad.json: finding 1 has no valid \"fingerprint\""));
  bad = write_file("bl/syntax.json", "{\n\"version\": 1,\n\"findings\": [\n");
  assert_null(baseline_load(bad, err, sizeof err));
  assert_non_null(strstr(err, "syntax.json: invalid JSON at line"));
  bad = write_file("bl/v2.json", "{\"version\": 2, \"findings\": []}");
  assert_null(baseline_load(bad, err, sizeof err));
  assert_non_null(strstr(err, "unsupported baseline version"));
  assert_null(baseline_load("/no/such/baseline.json", err, sizeof err));
  assert_non_null(strstr(err, "/no/such/baseline.json: "));

  /* an empty baseline is valid */
  const diag *none[1] = {NULL};
  assert_int_equal(baseline_write(again, none, NULL, 0, tmpdir, err, sizeof err), 0);
  b = baseline_load(again, err, sizeof err);
  assert_non_null(b);
  assert_int_equal(baseline_size(b), 0);
  baseline_free(b);

  baseline_fingerprints_free(fps, 2);
  diag_set_free(s);
}

/* ---- SARIF ------------------------------------------------------------------------- */

static void test_sarif_shape(void **state) {
  (void)state;
  const char *f = write_file("sarif/my conn.c", "int main(void) {\n  é(); return 0;\n}\n");
  diag_set *s = diag_set_new();
  add_finding(s, f, 2, 9, "sspi-context-leak", "context handle 'ctx' is not released when the function returns", "main", 1);
  add_finding(s, "/outside/root.c", 3, 1, "acme-widget-leak", "widget leaked", NULL, 0);
  out_sarif_opts o;
  memset(&o, 0, sizeof o);
  o.srcroot = tmpdir;
  o.version = "0.1.0";
  o.execution_successful = 1;
  json_t *log = out_sarif_build(s, &o);
  assert_non_null(log);
  assert_string_equal(json_string_value(json_object_get(log, "version")), "2.1.0");
  json_t *run = json_array_get(json_object_get(log, "runs"), 0);
  json_t *drv = json_object_get(json_object_get(run, "tool"), "driver");
  assert_string_equal(json_string_value(json_object_get(drv, "name")), "sspi-check");
  assert_string_equal(json_string_value(json_object_get(drv, "version")), "0.1.0");
  json_t *rules = json_object_get(drv, "rules");
  /* every table check plus the unknown id of the second finding */
  assert_int_equal(json_array_size(rules), checks_count() + 1);
  const char *seven[] = {"sspi-credential-leak", "sspi-context-leak", "sspi-buffer-leak",
                         "sspi-double-release", "sspi-use-after-release",
                         "sspi-release-unacquired", "sspi-mismatched-release"};
  for (unsigned k = 0; k < 7; k++) {
    int found = 0;
    for (size_t i = 0; i < json_array_size(rules); i++) {
      json_t *r = json_array_get(rules, i);
      if (strcmp(json_string_value(json_object_get(r, "id")), seven[k]) == 0) {
        found = 1;
        const char *uri = json_string_value(json_object_get(r, "helpUri"));
        assert_non_null(strstr(uri, "docs/checks/"));
        assert_non_null(strstr(uri, seven[k]));
        assert_non_null(json_object_get(json_object_get(r, "shortDescription"), "text"));
        assert_non_null(json_object_get(json_object_get(r, "fullDescription"), "text"));
        assert_non_null(json_object_get(json_object_get(r, "help"), "text"));
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(r, "defaultConfiguration"), "level")),
                            "warning");
      }
    }
    assert_true(found);
  }
  const char *base = json_string_value(json_object_get(
      json_object_get(json_object_get(run, "originalUriBaseIds"), "%SRCROOT%"), "uri"));
  assert_true(strncmp(base, "file:///", 8) == 0);
  assert_int_equal(base[strlen(base) - 1], '/');

  json_t *results = json_object_get(run, "results");
  assert_int_equal(json_array_size(results), 2);
  json_t *r0 = json_array_get(results, 0);
  assert_string_equal(json_string_value(json_object_get(r0, "ruleId")), "sspi-context-leak");
  size_t ix = (size_t)json_integer_value(json_object_get(r0, "ruleIndex"));
  assert_string_equal(json_string_value(json_object_get(json_array_get(rules, ix), "id")),
                      "sspi-context-leak");
  assert_string_equal(json_string_value(json_object_get(r0, "level")), "warning");
  json_t *pl = json_object_get(json_array_get(json_object_get(r0, "locations"), 0), "physicalLocation");
  json_t *art = json_object_get(pl, "artifactLocation");
  assert_string_equal(json_string_value(json_object_get(art, "uri")), "sarif/my%20conn.c");
  assert_string_equal(json_string_value(json_object_get(art, "uriBaseId")), "%SRCROOT%");
  json_t *reg = json_object_get(pl, "region");
  assert_int_equal(json_integer_value(json_object_get(reg, "startLine")), 2);
  /* byte column 9 after a two-byte character is UTF-16 column 8 */
  assert_int_equal(json_integer_value(json_object_get(reg, "startColumn")), 8);
  json_t *tf = json_array_get(json_object_get(json_array_get(json_object_get(r0, "codeFlows"), 0), "threadFlows"), 0);
  json_t *steps = json_object_get(tf, "locations");
  assert_int_equal(json_array_size(steps), 2); /* the note, then the finding */
  assert_non_null(strstr(json_string_value(json_object_get(json_object_get(json_object_get(json_array_get(steps, 0), "location"), "message"), "text")), "acquired here"));
  const char *fp = json_string_value(json_object_get(json_object_get(r0, "partialFingerprints"), "sspiCheck/v1"));
  assert_non_null(fp);
  assert_int_equal(strlen(fp), 32);

  /* outside the source root: an absolute file URI without uriBaseId */
  json_t *r1 = json_array_get(results, 1);
  json_t *art1 = json_object_get(json_object_get(json_array_get(json_object_get(r1, "locations"), 0), "physicalLocation"), "artifactLocation");
  assert_string_equal(json_string_value(json_object_get(art1, "uri")), "file:///outside/root.c");
  assert_null(json_object_get(art1, "uriBaseId"));

  /* written form: valid JSON text with a final newline */
  char path[600];
  snprintf(path, sizeof path, "%s/sarif/out.sarif", tmpdir);
  FILE *out = fopen(path, "w");
  assert_int_equal(out_sarif_write(out, s, &o), 0);
  fclose(out);
  json_error_t je;
  json_t *back = json_load_file(path, 0, &je);
  assert_non_null(back);
  assert_true(json_equal(back, log));
  json_decref(back);
  json_decref(log);
  diag_set_free(s);
}

/* ---- configuration ---------------------------------------------------------------- */

static void test_config(void **state) {
  (void)state;
  const char *p = write_file("cfg/.sspi-check.yaml",
                             "# project settings\n"
                             "checks: \"-*,sspi-*-leak\"\n"
                             "exclude:\n  - \"third_party/*\"\n  - \"*.gen.c\"\n"
                             "fail-on: sspi-context-leak\n"
                             "baseline: ci/baseline.json\n"
                             "rules: [tools/wrappers.yaml]\n"
                             "warn-unused-suppressions: yes\n"
                             "format: sarif\n");
  write_file("cfg/sub/deeper/x.c", "int x;\n");
  char err[512];
  config *c = config_load(p, err, sizeof err);
  assert_non_null(c);
  assert_string_equal(c->checks, "-*,sspi-*-leak");
  assert_int_equal(c->nexclude, 2);
  assert_string_equal(c->exclude[1], "*.gen.c");
  assert_string_equal(c->fail_on, "sspi-context-leak");
  char want[600];
  snprintf(want, sizeof want, "%s/cfg/ci/baseline.json", tmpdir);
  assert_string_equal(c->baseline, want);
  assert_int_equal(c->nrules, 1);
  snprintf(want, sizeof want, "%s/cfg/tools/wrappers.yaml", tmpdir);
  assert_string_equal(c->rules[0], want);
  assert_int_equal(c->warn_unused, 1);
  assert_string_equal(c->format, "sarif");
  config_free(c);

  /* walking up from a source file or a directory */
  char start[600];
  snprintf(start, sizeof start, "%s/cfg/sub/deeper/x.c", tmpdir);
  char *found = config_find(start);
  assert_non_null(found);
  assert_string_equal(found, p);
  free(found);
  snprintf(start, sizeof start, "%s/cfg/sub", tmpdir);
  found = config_find(start);
  assert_string_equal(found, p);
  free(found);
  assert_null(config_find(tmpdir));

  /* errors carry path:line */
  p = write_file("bad1/.sspi-check.yaml", "checks: \"*\"\nexlude: [a]\n");
  assert_null(config_load(p, err, sizeof err));
  assert_non_null(strstr(err, ".sspi-check.yaml:2: unknown key 'exlude'"));
  p = write_file("bad2/.sspi-check.yaml", "format: xml\n");
  assert_null(config_load(p, err, sizeof err));
  assert_non_null(strstr(err, ".sspi-check.yaml:1: 'format' must be text or sarif"));
  p = write_file("bad3/.sspi-check.yaml", "checks: ok\nwarn-unused-suppressions: maybe\n");
  assert_null(config_load(p, err, sizeof err));
  assert_non_null(strstr(err, ":2: 'warn-unused-suppressions' must be true or false"));
  p = write_file("bad4/.sspi-check.yaml", "checks: [a, b\n");
  assert_null(config_load(p, err, sizeof err));
  assert_non_null(strstr(err, ".sspi-check.yaml:"));
  p = write_file("bad5/.sspi-check.yaml", "checks: \"sspi context\"\n");
  assert_null(config_load(p, err, sizeof err));
  assert_non_null(strstr(err, ":1: invalid character ' '"));
  p = write_file("bad6/.sspi-check.yaml", "- a\n- b\n");
  assert_null(config_load(p, err, sizeof err));
  assert_non_null(strstr(err, ":1: the configuration must be a mapping"));
  p = write_file("empty/.sspi-check.yaml", "# nothing\n");
  c = config_load(p, err, sizeof err);
  assert_non_null(c);
  assert_null(c->checks);
  assert_int_equal(c->warn_unused, -1);
  config_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_glob_match),
      cmocka_unit_test(test_checks_semantics),
      cmocka_unit_test(test_fail_on),
      cmocka_unit_test(test_paths),
      cmocka_unit_test(test_diff_u0),
      cmocka_unit_test(test_diff_context),
      cmocka_unit_test(test_diff_touches_notes),
      cmocka_unit_test(test_nolint_parse),
      cmocka_unit_test(test_nolint_files),
      cmocka_unit_test(test_fingerprint_stable),
      cmocka_unit_test(test_baseline_round_trip),
      cmocka_unit_test(test_sarif_shape),
      cmocka_unit_test(test_config),
  };
  return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
