/* inputs.h - what a run reads before parsing: rules, configuration, compile commands.
 * Each function reports its errors itself (run_error) and returns a failure value. */
#ifndef SSPI_INPUTS_H
#define SSPI_INPUTS_H

#include "config.h"
#include "fe/fe.h"
#include "options.h"
#include "rules.h"

/* run_error: "sspi-check: error: MSG" on stderr. */
void run_error(const char *msg);

/* The compile commands of a run: a database's array, or one command per file. */
typedef struct cmd_list {
  fe_cmd *db;           /* owned (fe_cmd_free(db, ndb)) */
  unsigned ndb;
  fe_cmd **singles;     /* owned, each from fe_cmd_for_file (fe_cmd_free(c, 1)) */
  unsigned nsingles;
  const fe_cmd **all;   /* owned array of borrowed pointers, in command-line order */
  unsigned n;
  unsigned long long *bytes; /* owned, per all[i]: its source file's size (0: unknown) */
} cmd_list;

/* load_rules: the bundled defaults, the config file's rules (cfg may be NULL), then
 * every --rules file. Owned rules, or NULL after reporting. */
rules *load_rules(const options *o, const config *cfg);

/* make_commands: fills *l with the commands of this run; -1 after reporting. */
int make_commands(const options *o, cmd_list *l);
void cmd_list_free(cmd_list *l);

/* load_config: --config FILE, else the .sspi-check.yaml discovered from the cwd or the
 * sources (none with --no-config). 0 with *out owned (NULL: no file), -1 after
 * reporting. */
int load_config(const options *o, const char *const *srcs, unsigned nsrcs, config **out);

/* unit_source_check: 0 when a unit's main file (resolved against the command's
 * directory) is a readable regular file of a sane size (libclang would block on a FIFO
 * or read /dev/zero without end), and so are the files its command (or the extra
 * arguments) force-includes; else -1 with err set. Reports nothing. */
int unit_source_check(const fe_cmd *c, const char *const *extra, int nextra, char *err,
                      size_t errlen);

/* check_outputs: the outputs of the run (-o, --write-baseline, --emit-unit, the HTML
 * directory) are none of its inputs (sources, database, rules, config, baseline, diff)
 * and replace nothing but regular files. 0, or -1 after reporting (exit status 2). */
int check_outputs(const options *o, const cmd_list *cmds, const config *cfg);

#endif
