/* config.h - the project configuration file .sspi-check.yaml.
 *
 *   checks: "-*,sspi-*-leak"        # string (or a list of strings), appended to "*"
 *   exclude: ["vendor*", "*.gen.c"] # list of fnmatch globs, relative to --srcroot
 *   fail-on: any                    # any | none | check globs
 *   baseline: .sspi-baseline.json   # relative to the config file's directory
 *   rules: [tools/wrappers.yaml]    # relative to the config file's directory
 *   warn-unused-suppressions: true
 *   format: sarif                   # text | sarif
 *
 * Command-line flags override these (for checks, the command-line list is appended to
 * the file's, so later entries win, as in clang-tidy).
 */
#ifndef SSPI_CONFIG_H
#define SSPI_CONFIG_H

#include <stddef.h>

#define CONFIG_FILE_NAME ".sspi-check.yaml"

typedef struct config {
  char *path;          /* the file read */
  char *dir;           /* its directory (absolute) */
  char *checks;        /* NULL: not set */
  unsigned nexclude;
  char **exclude;
  char *fail_on;       /* NULL: not set */
  char *baseline;      /* NULL: not set; else resolved against dir */
  unsigned nrules;
  char **rules;        /* resolved against dir */
  int warn_unused;     /* -1: not set; else 0/1 */
  char *format;        /* NULL: not set; else "text" or "sarif" */
} config;

/* config_find: the nearest CONFIG_FILE_NAME walking up from start (a directory, or a
 * file whose directory is used) to the file-system root. Owned absolute path, or NULL
 * when there is none. */
char *config_find(const char *start);

/* config_discover: the configuration of a run: the nearest file above the current
 * directory, else the nearest above the first of the n sources that has one. Owned
 * path or NULL. */
char *config_discover(const char *const *sources, unsigned n);

/* config_load: parses path (libyaml). Owned result (config_free), or NULL with
 * err = "path:line: message" (or "path: message" when the file cannot be read). */
config *config_load(const char *path, char *err, size_t errlen);
void config_free(config *c);

#endif
