/* options.c - table-driven command-line parsing, --help and --version.
 *
 * Accepted spellings for an option with an argument: "--name VALUE", "--name=VALUE",
 * and for one-letter aliases "-p DIR" or "-pDIR". "--" ends the options: everything
 * after it is compiler flags. Anything else not starting with '-' is a source file.
 */
#define _POSIX_C_SOURCE 200809L
#include "options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fe/fe.h"
#include "select.h"

#ifndef SSPI_CHECK_VERSION
#define SSPI_CHECK_VERSION "0.0.0"
#endif

typedef int (*opt_setter)(options *o, const char *val, options_error *e);

typedef struct opt_spec {
  const char *name;    /* "--rules" */
  const char *alias;   /* "-p", or NULL */
  const char *metavar; /* NULL: the option takes no argument; "[=...]": an optional
                          value, given only as --name=value */
  opt_setter set;
  const char *help;    /* one or more lines, without the leading indentation */
} opt_spec;

static void set_error(options_error *e, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_error(options_error *e, const char *hint, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
  snprintf(e->hint, sizeof e->hint, "%s", hint ? hint : "");
}

/* parse_count: a decimal number in [lo, hi]; -1 with an error naming the option. */
static int parse_count(const char *opt, const char *val, unsigned long lo, unsigned long hi,
                       unsigned *out, options_error *e) {
  char *end = NULL;
  errno = 0;
  unsigned long v = (val[0] >= '0' && val[0] <= '9') ? strtoul(val, &end, 10) : 0;
  if (!end || *end || errno || v < lo || v > hi) {
    char hint[96];
    snprintf(hint, sizeof hint, "expected a whole number from %lu to %lu", lo, hi);
    set_error(e, hint, "invalid value '%s' for '%s'", val, opt);
    return -1;
  }
  *out = (unsigned)v;
  return 0;
}

static int set_build_dir(options *o, const char *val, options_error *e) {
  if (!*val) {
    set_error(e, NULL, "option '-p' needs a build directory");
    return -1;
  }
  o->build_dir = val;
  return 0;
}

static int set_extra_arg(options *o, const char *val, options_error *e) {
  (void)e;
  o->extra[o->nextra++] = val;
  return 0;
}

static int set_rules(options *o, const char *val, options_error *e) {
  if (!*val) {
    set_error(e, NULL, "option '--rules' needs a file name");
    return -1;
  }
  o->rules[o->nrules++] = val;
  return 0;
}

static int set_dump_ir(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->dump_ir = 1;
  return 0;
}

static int set_all_units(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->all_units = 1;
  return 0;
}

static int set_no_cache(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->no_cache = 1;
  return 0;
}

static int set_no_pch(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->no_pch = 1;
  return 0;
}

static int set_keep_target(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->keep_target = 1;
  return 0;
}

static int set_stats(options *o, const char *val, options_error *e) {
  if (!*val)
    o->stats = 1;
  else if (!strcmp(val, "unknown"))
    o->stats = 2;
  else {
    set_error(e, "expected '--stats' or '--stats=unknown'", "invalid value '%s' for '--stats'", val);
    return -1;
  }
  return 0;
}

static int set_color(options *o, const char *val, options_error *e) {
  if (!strcmp(val, "auto"))
    o->color = OPT_COLOR_AUTO;
  else if (!strcmp(val, "always"))
    o->color = OPT_COLOR_ALWAYS;
  else if (!strcmp(val, "never"))
    o->color = OPT_COLOR_NEVER;
  else {
    set_error(e, "expected auto, always or never", "invalid value '%s' for '--color'", val);
    return -1;
  }
  return 0;
}

static int set_max_states(options *o, const char *val, options_error *e) {
  return parse_count("--max-states", val, 1, 100000, &o->engine.max_states_per_block, e);
}

static int set_max_steps(options *o, const char *val, options_error *e) {
  return parse_count("--max-steps", val, 1, 1000000000UL, &o->engine.max_steps, e);
}

static int set_release_of_empty(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->engine.report_release_of_empty = 1;
  return 0;
}

static int set_jobs(options *o, const char *val, options_error *e) {
  return parse_count("-j", val, 0, 1024, &o->jobs, e);
}

static int set_max_ir_memory(options *o, const char *val, options_error *e) {
  return parse_count("--max-ir-memory", val, 0, 1048576, &o->max_ir_mb, e);
}

static int set_help(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->show_help = 1;
  return 0;
}

static int set_version(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->show_version = 1;
  return 0;
}

/* ---- CI gate options (docs/ci.md) ---- */

static int set_format(options *o, const char *val, options_error *e) {
  if (!strcmp(val, "html")) {
    o->format_html = 1;
    return 0;
  }
  if (strcmp(val, "text") != 0 && strcmp(val, "sarif") != 0) {
    set_error(e, "expected text, sarif or html", "invalid value '%s' for '--format'", val);
    return -1;
  }
  if (o->format && strcmp(o->format, val) != 0) {
    set_error(e, "write the HTML report beside either of them: --format=html or --html-dir=DIR",
              "'--format=%s' and '--format=%s' would share one output", o->format, val);
    return -1;
  }
  o->format = val;
  return 0;
}

/* needs_value: -1 with an error when an option's value is empty. */
static int needs_value(const char *opt, const char *what, const char *val, options_error *e) {
  if (*val)
    return 0;
  set_error(e, NULL, "option '%s' needs %s", opt, what);
  return -1;
}

static int set_cache_dir(options *o, const char *val, options_error *e) {
  o->cache_dir = val;
  return needs_value("--cache-dir", "a directory", val, e);
}

static int set_output(options *o, const char *val, options_error *e) {
  o->output = val;
  return needs_value("-o", "a file name", val, e);
}

static int set_html_dir(options *o, const char *val, options_error *e) {
  o->html_dir = val;
  return needs_value("--html-dir", "a directory", val, e);
}

static int set_srcroot(options *o, const char *val, options_error *e) {
  o->srcroot = val;
  return needs_value("--srcroot", "a directory", val, e);
}

static int set_checks(options *o, const char *val, options_error *e) {
  char err[256];
  select_globs *g = select_globs_new();
  int rc = select_globs_add(g, val, err, sizeof err);
  select_globs_free(g);
  if (rc != 0) {
    set_error(e, "example: --checks=-*,sspi-context-leak", "--checks: %s", err);
    return -1;
  }
  o->checks = val;
  return 0;
}

static int set_exclude(options *o, const char *val, options_error *e) {
  if (needs_value("--exclude", "a path glob", val, e))
    return -1;
  o->exclude[o->nexclude++] = val;
  return 0;
}

static int set_fail_on(options *o, const char *val, options_error *e) {
  char err[256];
  select_globs *g = select_fail_on(val, err, sizeof err);
  if (!g) {
    set_error(e, "expected any, none or check globs", "--fail-on: %s", err);
    return -1;
  }
  select_globs_free(g);
  o->fail_on = val;
  return 0;
}

static int set_baseline(options *o, const char *val, options_error *e) {
  o->baseline = val;
  return needs_value("--baseline", "a file name", val, e);
}

static int set_write_baseline(options *o, const char *val, options_error *e) {
  o->write_baseline = val;
  return needs_value("--write-baseline", "a file name", val, e);
}

static int set_diff(options *o, const char *val, options_error *e) {
  o->diff = val;
  return needs_value("--diff", "a file name (or - for stdin)", val, e);
}

static int set_warn_unused(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->warn_unused = 1;
  return 0;
}

static int set_quiet(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->quiet = 1;
  return 0;
}

static int set_config(options *o, const char *val, options_error *e) {
  o->config = val;
  return needs_value("--config", "a file name", val, e);
}

static int set_no_config(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->no_config = 1;
  return 0;
}

/* ---- the per-unit step and the link step ---- */

static int set_emit_unit(options *o, const char *val, options_error *e) {
  o->emit_unit = val;
  return needs_value("--emit-unit", "a file name", val, e);
}

static int set_link(options *o, const char *val, options_error *e) {
  (void)val;
  (void)e;
  o->link = 1;
  return 0;
}

/* The option table: parsing, --help and the "did you mean" hint all read it. */
static const opt_spec opt_table[] = {
    {"--build-dir", "-p", "DIR", set_build_dir,
     "Read DIR/compile_commands.json (CMake, Ninja, Bear, ...). With files on the\n"
     "command line, check only those files' commands; without, check all of them."},
    {"--extra-arg", NULL, "FLAG", set_extra_arg,
     "Append FLAG to every compiler command line (repeatable). Flags after '--'\n"
     "at the end of the command line are appended the same way."},
    {"--rules", NULL, "FILE", set_rules,
     "Load the rules file FILE on top of the bundled SSPI rules (repeatable; a\n"
     "later entry for the same function replaces an earlier one)."},
    {"--dump-ir", NULL, NULL, set_dump_ir,
     "Print the intermediate representation of every unit instead of checking."},
    {"--all-units", NULL, NULL, set_all_units,
     "With -p, parse every unit of the database. By default a token scan of each\n"
     "unit's source and project headers first leaves out the units that name nothing\n"
     "of the rules and nothing of the parsed units (docs/architecture.md): the\n"
     "findings are the same, the run is faster."},
    {"--cache-dir", NULL, "DIR", set_cache_dir,
     "Keep lowered units in DIR and reuse them while the unit's command, main file,\n"
     "every file it included, the rules and sspi-check are unchanged (default with\n"
     "-p: <build-dir>/.sspi-check-cache; without -p: no cache)."},
    {"--no-cache", NULL, NULL, set_no_cache,
     "Neither read nor write the cache of lowered units."},
    {"--no-pch", NULL, NULL, set_no_pch,
     "With -p, parse every unit alone. By default units whose sources begin with the\n"
     "same #include lines under the same command share a precompiled header of those\n"
     "lines, kept in $TMPDIR for the run (docs/usage.md): the findings are the same."},
    {"--keep-target", NULL, NULL, set_keep_target,
     "Parse database commands for their own target with their own headers instead of\n"
     "x86_64-w64-mingw32 (code that reaches SSPI through a portability layer and is\n"
     "built for Linux, such as FreeRDP's winpr). cl.exe commands are unaffected."},
    {"--stats", NULL, "[=unknown]", set_stats,
     "After the run, print one line on stderr: units, functions, blocks, branches,\n"
     "branches whose condition the front end could not model (unknown-branches) and\n"
     "functions cut short by a limit. '--stats=unknown' also lists each unknown\n"
     "branch with its location and reason."},
    {"--color", NULL, "WHEN", set_color,
     "Colour the text output: auto (default: when stdout is a terminal, TERM is\n"
     "not \"dumb\" and NO_COLOR is not set), always or never."},
    {"--max-states", NULL, "N", set_max_states,
     "Keep at most N distinct states per basic block (default 256). A function that\n"
     "hits a limit is reported with a note on stderr; its findings may be incomplete."},
    {"--max-steps", NULL, "N", set_max_steps,
     "Stop analysing a function after N block visits (default 200000)."},
    {"--report-release-of-empty", NULL, NULL, set_release_of_empty,
     "Also report releasing a handle that was explicitly set empty and never acquired."},
    {"--jobs", "-j", "N", set_jobs,
     "Parse and lower the units in N worker processes (0, the default: one per\n"
     "CPU; at most 64), then analyse them together; the output is the same for\n"
     "any N (-j 1: everything in this process, the deterministic reference)."},
    {"--max-ir-memory", NULL, "MB", set_max_ir_memory,
     "Keep at most MB megabytes of lowered units in memory between parsing and the\n"
     "analysis (default 64); the others wait in an unlinked temporary file in\n"
     "$TMPDIR and are read back when the analysis reaches them. Findings do not\n"
     "depend on it; 0 sends every unit to the file."},
    {"--emit-unit", NULL, "FILE", set_emit_unit,
     "The per-unit step: parse and lower the one unit of the command line (a\n"
     "file, or -p DIR with one file) and write it to the unit file FILE."},
    {"--link", NULL, NULL, set_link,
     "The link step: the inputs are unit files written by --emit-unit (a\n"
     "directory stands for its *.sspi-unit files, sorted); analyse and report\n"
     "them exactly like a normal run, without parsing anything."},
    {"--format", NULL, "FMT", set_format,
     "Report format: text (default), sarif (a SARIF 2.1.0 log for code scanning) or\n"
     "html (a report directory, -o DIR). Give html beside text or sarif to get both."},
    {"--output", "-o", "FILE", set_output,
     "Write the report to FILE instead of stdout (with --format=html alone: the\n"
     "HTML report's directory)."},
    {"--html-dir", NULL, "DIR", set_html_dir,
     "Also write the HTML report into DIR (index.html and a page per finding)."},
    {"--srcroot", NULL, "DIR", set_srcroot,
     "Root of the paths in SARIF logs, fingerprints, baselines, --exclude and --diff\n"
     "(default: the current directory)."},
    {"--checks", NULL, "GLOBS", set_checks,
     "Select checks, clang-tidy style: a comma list of globs, '-' disables, later\n"
     "entries win (\"-*,sspi-context-leak\"). Appended to the config file's list."},
    {"--exclude", NULL, "GLOB", set_exclude,
     "Skip files matching GLOB (fnmatch, relative to --srcroot or absolute):\n"
     "their findings are dropped and such units are not parsed (repeatable)."},
    {"--fail-on", NULL, "WHICH", set_fail_on,
     "Which reported findings make the exit status 1: any (default), none, or\n"
     "check globs (\"sspi-*-leak\")."},
    {"--baseline", NULL, "FILE", set_baseline,
     "Do not report findings recorded in the baseline FILE (docs/baseline.md)."},
    {"--write-baseline", NULL, "FILE", set_write_baseline,
     "Record the current findings (after --checks, --exclude, NOLINT) in FILE."},
    {"--diff", NULL, "FILE", set_diff,
     "Report only findings on lines a unified diff adds or changes (git diff -U0;\n"
     "'-' reads stdin); a finding counts when it or one of its notes is on such a line."},
    {"--warn-unused-suppressions", NULL, NULL, set_warn_unused,
     "Report NOLINT comments that suppress nothing (docs/suppressions.md)."},
    {"--quiet", "-q", NULL, set_quiet,
     "No progress line on stderr (it is only drawn when stderr is a terminal)."},
    {"--config", NULL, "FILE", set_config,
     "Read settings from FILE instead of the nearest .sspi-check.yaml above the\n"
     "current directory (or above the sources)."},
    {"--no-config", NULL, NULL, set_no_config, "Ignore .sspi-check.yaml files."},
    {"--help", "-h", NULL, set_help, "Print this help and exit."},
    {"--version", NULL, NULL, set_version, "Print the version and exit."},
};

#define OPT_COUNT (sizeof opt_table / sizeof opt_table[0])

/* edit_distance: Levenshtein distance of two short strings (longer ones count as far). */
static unsigned edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 63 || lb > 63)
    return 99;
  unsigned row[64];
  for (size_t j = 0; j <= lb; j++)
    row[j] = (unsigned)j;
  for (size_t i = 1; i <= la; i++) {
    unsigned diag = row[0];
    row[0] = (unsigned)i;
    for (size_t j = 1; j <= lb; j++) {
      unsigned up = row[j];
      unsigned best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

/* unknown_option: fills e for an option not in the table, with the nearest name. */
static void unknown_option(const char *arg, size_t namelen, options_error *e) {
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)(namelen < 63 ? namelen : 63), arg);
  const char *best = NULL;
  unsigned best_d = 3; /* suggest only close matches */
  for (size_t i = 0; i < OPT_COUNT; i++) {
    unsigned d = edit_distance(name, opt_table[i].name);
    if (d < best_d) {
      best_d = d;
      best = opt_table[i].name;
    }
  }
  char hint[128];
  if (best)
    snprintf(hint, sizeof hint, "did you mean '%s'?", best);
  else
    snprintf(hint, sizeof hint, "run 'sspi-check --help' for the list of options");
  set_error(e, hint, "unknown option '%s'", name);
}

/* find_option: the table entry for arg ("--name", "--name=value", "-p", "-pVALUE");
 * *inline_val receives the value written inside arg, or NULL. */
static const opt_spec *find_option(const char *arg, const char **inline_val, size_t *namelen) {
  const char *eq = strchr(arg, '=');
  size_t len = (arg[1] == '-' && eq) ? (size_t)(eq - arg) : strlen(arg);
  *namelen = len;
  *inline_val = NULL;
  for (size_t i = 0; i < OPT_COUNT; i++) {
    const opt_spec *s = &opt_table[i];
    if (strlen(s->name) == len && !strncmp(arg, s->name, len)) {
      if (arg[len] == '=')
        *inline_val = arg + len + 1;
      return s;
    }
  }
  if (arg[1] != '-') {
    /* "-p", "-j4", "-pbuild": one-letter aliases, value attached or not */
    for (size_t i = 0; i < OPT_COUNT; i++) {
      const opt_spec *s = &opt_table[i];
      if (!s->alias || strncmp(arg, s->alias, 2))
        continue;
      if (arg[2] == '\0')
        return s;
      if (s->metavar) {
        *inline_val = arg + 2 + (arg[2] == '='); /* "-j4", "-j=4" */
        *namelen = 2;
        return s;
      }
    }
  }
  return NULL;
}

int options_parse(options *o, int argc, char **argv, options_error *e) {
  memset(o, 0, sizeof *o);
  memset(e, 0, sizeof *e);
  o->engine = engine_default_opts();
  o->color = OPT_COLOR_AUTO;
  o->max_ir_mb = OPT_DEFAULT_MAX_IR_MB;
  o->jobs = 0; /* one worker per CPU; a run of one unit stays in this process */
  o->argc = argc;
  o->argv = argv;
  /* Every list holds at most one entry per argument: argc bounds them all. */
  size_t cap = argc > 0 ? (size_t)argc : 1;
  o->files = calloc(cap, sizeof *o->files);
  o->extra = calloc(cap, sizeof *o->extra);
  o->rules = calloc(cap, sizeof *o->rules);
  o->exclude = calloc(cap, sizeof *o->exclude);
  if (!o->files || !o->extra || !o->rules || !o->exclude) {
    set_error(e, NULL, "out of memory");
    return -1;
  }
  int i = 1;
  for (; i < argc; i++) {
    const char *arg = argv[i];
    if (!strcmp(arg, "--")) {
      i++;
      break;
    }
    if (arg[0] != '-' || arg[1] == '\0') {
      o->files[o->nfiles++] = arg;
      continue;
    }
    const char *val = NULL;
    size_t namelen = 0;
    const opt_spec *s = find_option(arg, &val, &namelen);
    if (!s) {
      unknown_option(arg, namelen, e);
      return -1;
    }
    if (!s->metavar && val) {
      set_error(e, NULL, "option '%s' takes no value", s->name);
      return -1;
    }
    if (s->metavar && !val && s->metavar[0] != '[') {
      if (i + 1 >= argc) {
        char hint[96];
        snprintf(hint, sizeof hint, "usage: %s %s", arg, s->metavar);
        set_error(e, hint, "option '%s' needs an argument", arg);
        return -1;
      }
      val = argv[++i];
    }
    if (s->set(o, val ? val : "", e) != 0)
      return -1;
  }
  for (; i < argc; i++)
    o->extra[o->nextra++] = argv[i];
  if (o->show_help || o->show_version)
    return 0;
  if (o->link && o->emit_unit) {
    set_error(e, "run --emit-unit once per unit, then --link over the unit files",
              "'--emit-unit' and '--link' are separate steps");
    return -1;
  }
  if (o->link && o->build_dir) {
    set_error(e, "usage: sspi-check --link [options] <unit-file|dir>...",
              "'--link' reads unit files, not a compilation database ('-p')");
    return -1;
  }
  if (o->link && o->nextra) {
    set_error(e, "pass compiler flags to the per-unit step (--emit-unit)",
              "compiler flags have no effect with '--link'");
    return -1;
  }
  if (o->emit_unit && o->dump_ir) {
    set_error(e, "'--link --dump-ir UNIT-FILE' prints a unit file's IR",
              "'--emit-unit' and '--dump-ir' cannot be combined");
    return -1;
  }
  if (o->format_html && !o->html_dir) {
    if (!o->output) {
      set_error(e, "usage: --format=html -o DIR, or --html-dir=DIR",
                "'--format=html' needs a directory for the report");
      return -1;
    }
    if (o->format) {
      set_error(e, "name the report directory with --html-dir=DIR",
                "'-o' is ambiguous with '--format=%s' and '--format=html'", o->format);
      return -1;
    }
    o->html_dir = o->output; /* -o DIR: the report directory, nothing on stdout */
    o->output = NULL;
  } else if (o->format_html && !o->format && o->output) {
    set_error(e, "add --format=text or --format=sarif for a report in that file",
              "'-o' has nothing to write: the HTML report goes to '--html-dir'");
    return -1;
  }
  if (o->nfiles == 0 && o->link) {
    set_error(e, "usage: sspi-check --link [options] <unit-file|dir>...", "no unit files");
    return -1;
  }
  if (o->nfiles == 0 && !o->build_dir) {
    set_error(e, "usage: sspi-check [options] <file>... [-- <compiler flags>]",
              "no input files");
    return -1;
  }
  return 0;
}

void options_free(options *o) {
  if (!o)
    return;
  free(o->files);
  free(o->extra);
  free(o->rules);
  free(o->exclude);
  o->files = o->extra = o->rules = o->exclude = NULL;
  o->nfiles = o->nrules = o->nexclude = 0;
  o->nextra = 0;
}

/* print_indented: text with every line prefixed by pad. */
static void print_indented(FILE *out, const char *pad, const char *text) {
  const char *p = text;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    fprintf(out, "%s%.*s\n", pad, (int)n, p);
    p += n;
    if (*p == '\n')
      p++;
  }
}

void options_print_help(FILE *out) {
  fputs("Usage: sspi-check [options] <file>... [-- <compiler flags>]\n"
        "       sspi-check -p <build-dir> [options] [<file>...]\n"
        "       sspi-check --emit-unit <unit-file> [-p <build-dir>] <file> [-- <flags>]\n"
        "       sspi-check --link [options] <unit-file|dir>...\n"
        "\n"
        "Finds misuse of Windows SSPI handles in C and C++ code: credential handles\n"
        "(AcquireCredentialsHandle -> FreeCredentialsHandle), security contexts\n"
        "(InitializeSecurityContext/AcceptSecurityContext -> DeleteSecurityContext) and\n"
        "SSPI-allocated buffers (-> FreeContextBuffer) that leak, are released twice,\n"
        "used after release or released with the wrong function.\n"
        "\n"
        "Files named without -p are parsed for x86_64-w64-mingw32 with -fms-extensions\n"
        "and the mingw-w64 headers. Findings go to stdout as\n"
        "  file:line:col: warning: message [check-id]\n"
        "followed by notes that trace the path; errors and notices go to stderr.\n"
        "\n"
        "Options:\n",
        out);
  for (size_t i = 0; i < OPT_COUNT; i++) {
    const opt_spec *s = &opt_table[i];
    char head[96];
    if (s->alias && s->metavar)
      snprintf(head, sizeof head, "%s %s, %s=%s", s->alias, s->metavar, s->name, s->metavar);
    else if (s->alias)
      snprintf(head, sizeof head, "%s, %s", s->alias, s->name);
    else if (s->metavar && s->metavar[0] == '[')
      snprintf(head, sizeof head, "%s%s", s->name, s->metavar);
    else if (s->metavar)
      snprintf(head, sizeof head, "%s=%s", s->name, s->metavar);
    else
      snprintf(head, sizeof head, "%s", s->name);
    fprintf(out, "  %s\n", head);
    print_indented(out, "      ", s->help);
  }
  fputs("\n"
        "Exit status:\n"
        "  0  no findings (none left that --fail-on selects, after --checks, --exclude,\n"
        "     NOLINT comments, --diff and --baseline)\n"
        "  1  findings were reported (and --fail-on selects at least one)\n"
        "  2  bad invocation or unreadable input: unknown option, missing argument,\n"
        "     missing source file, broken compilation database, invalid rules file,\n"
        "     invalid .sspi-check.yaml, unusable --baseline or --diff file, damaged\n"
        "     unit file (--link)\n"
        "  3  some translation unit failed to parse (its first error is on stderr);\n"
        "     the findings of the other units are still printed. 3 wins over 1.\n"
        "\n"
        "Environment:\n"
        "  NO_COLOR         when set and not empty, --color=auto prints no colours\n"
        "  SSPI_CHECK_RULES path of the default rules file (instead of the bundled one)\n"
        "\n"
        "Checks: sspi-credential-leak, sspi-context-leak, sspi-buffer-leak,\n"
        "sspi-double-release, sspi-use-after-release, sspi-release-unacquired,\n"
        "sspi-mismatched-release (see docs/checks/<id>.md); about NOLINT comments:\n"
        "sspi-unused-suppression, sspi-unmatched-suppression (docs/suppressions.md).\n",
        out);
}

void options_print_version(FILE *out) {
  /* fe_version() is clang's banner ("Debian clang version 14.0.6"): show the number. */
  const char *v = fe_version();
  const char *p = v ? v : "";
  while (*p) {
    size_t digits = strspn(p, "0123456789");
    if (digits && p[digits] == '.')
      break;
    p += digits ? digits : 1;
  }
  size_t n = strspn(p, "0123456789.");
  if (n)
    fprintf(out, "sspi-check %s (libclang %.*s)\n", SSPI_CHECK_VERSION, (int)n, p);
  else
    fprintf(out, "sspi-check %s (libclang %s)\n", SSPI_CHECK_VERSION, v ? v : "unknown");
}

int options_use_color(const options *o, FILE *stream) {
  if (o->color == OPT_COLOR_ALWAYS)
    return 1;
  if (o->color == OPT_COLOR_NEVER)
    return 0;
  const char *no_color = getenv("NO_COLOR");
  if (no_color && *no_color)
    return 0;
  const char *term = getenv("TERM");
  if (!term || !*term || !strcmp(term, "dumb"))
    return 0;
  return isatty(fileno(stream));
}
