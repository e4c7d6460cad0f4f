/* options.h - the command line of sspi-check: argv -> struct options.
 *
 * Parsing is driven by one table in options.c (name, alias, argument, help text,
 * setter); --help is printed from the same table, so a new option is one table row,
 * one setter and one field here. Nothing in this module exits or prints on its own
 * except options_print_help / options_print_version.
 *
 * Ownership: strings in struct options point into argv (borrowed: argv outlives the
 * run); the arrays holding them are owned and released by options_free.
 */
#ifndef SSPI_OPTIONS_H
#define SSPI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>
#include "engine/engine.h"

typedef enum opt_color {
  OPT_COLOR_AUTO,   /* colour when the stream is a terminal, TERM is not "dumb" and
                       NO_COLOR is unset or empty */
  OPT_COLOR_ALWAYS,
  OPT_COLOR_NEVER
} opt_color;

/* --max-ir-memory's default, in megabytes. */
#define OPT_DEFAULT_MAX_IR_MB 64u

typedef struct options {
  const char **files;      /* source files named on the command line, in order (with
                              --link: unit files and directories holding them) */
  unsigned nfiles;
  const char *build_dir;   /* -p: directory holding compile_commands.json, or NULL */
  const char **extra;      /* --extra-arg values, then the flags after "--" */
  int nextra;
  const char **rules;      /* --rules files, in order (loaded after the defaults) */
  unsigned nrules;
  int dump_ir;             /* --dump-ir: print the IR instead of checking */
  int stats;               /* --stats: 1 = the stats line, 2 = also every unknown branch */
  const char *cache_dir;   /* --cache-dir DIR (NULL: <build-dir>/.sspi-check-cache with -p) */
  int no_cache;            /* --no-cache */
  int no_pch;              /* --no-pch */
  int all_units;           /* --all-units: no relevance pre-pass (parse every unit) */
  int keep_target;         /* --keep-target: database commands keep their own target */
  opt_color color;
  engine_opts engine;      /* --max-states, --max-steps, --report-release-of-empty */
  unsigned jobs;           /* -j: worker processes for the per-unit step (0: one per
                              CPU, the default; the driver caps it at 64); 1 = in this process */
  unsigned max_ir_mb;      /* --max-ir-memory MB: lowered units kept in memory between
                              lowering and analysis; beyond it they wait on disk */
  const char *emit_unit;   /* --emit-unit FILE: the per-unit step of one unit, or NULL */
  int link;                /* --link: files[] are unit files or directories of them */
  int show_help;           /* --help / -h */
  int show_version;        /* --version */
  /* CI gate (docs/ci.md); NULL / 0 when not given, then .sspi-check.yaml or the
   * default applies */
  const char *format;      /* --format: "text" or "sarif" (the report on stdout or -o) */
  int format_html;         /* --format=html given: the HTML report; without a text or
                              sarif --format, nothing else is written */
  const char *html_dir;    /* --html-dir, or -o with --format=html: the HTML report's
                              directory (NULL: no HTML report) */
  const char *output;      /* -o, --output: report file instead of stdout */
  const char *srcroot;     /* --srcroot: root of relative paths (default: cwd) */
  const char *checks;      /* --checks: clang-tidy style globs */
  const char **exclude;    /* --exclude path globs (repeatable) */
  unsigned nexclude;
  const char *fail_on;     /* --fail-on: any | none | globs */
  const char *baseline;    /* --baseline FILE */
  const char *write_baseline; /* --write-baseline FILE */
  const char *diff;        /* --diff FILE ("-": stdin) */
  int warn_unused;         /* --warn-unused-suppressions */
  int quiet;               /* --quiet: no progress line */
  const char *config;      /* --config FILE */
  int no_config;           /* --no-config */
  int argc;                /* the command line as given (for the HTML report) */
  char **argv;
} options;

/* A command-line problem: msg is the problem ("unknown option '--foo'"), hint a
 * suggestion for the next line ("did you mean '--rules'?"), possibly empty. */
typedef struct options_error {
  char msg[512];
  char hint[256];
} options_error;

/* options_parse: fills *o from argv (argv[0] is the program name). Returns 0, or -1
 * with *e filled (bad invocation: the caller exits with status 2). On success with
 * show_help or show_version set, the remaining checks (input files given) are
 * skipped. *o must be released with options_free in both cases. */
int options_parse(options *o, int argc, char **argv, options_error *e);

/* options_free: releases the arrays owned by *o (not the borrowed strings). */
void options_free(options *o);

/* options_print_help: the full usage text, option list and exit-status table. */
void options_print_help(FILE *out);

/* options_print_version: "sspi-check <version> (libclang <version>)" and a newline. */
void options_print_version(FILE *out);

/* options_use_color: 1 when output to stream should carry ANSI colours under o's
 * --color setting (auto: stream is a TTY, TERM is set and not "dumb", NO_COLOR is
 * unset or empty). */
int options_use_color(const options *o, FILE *stream);

#endif
