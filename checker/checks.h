/* checks.h - the list of check ids sspi-check reports, with their descriptions.
 *
 * One static table: the seven analysis checks plus the two the CI gate itself
 * reports about NOLINT comments. SARIF output (rules[]), --checks validation and the
 * documentation links all read it. Check ids of user rule kinds that are not in the
 * table get a generic description (checks_describe_kind).
 */
#ifndef SSPI_CHECKS_H
#define SSPI_CHECKS_H

#include <stddef.h>

/* Base of the documentation links: <base>/docs/checks/<id>.md. Override at build time
 * with -DSSPI_CHECK_HOME_URL="https://..." for a fork or a mirror. */
#ifndef SSPI_CHECK_HOME_URL
#define SSPI_CHECK_HOME_URL "https://github.com/sspi-check/sspi-check"
#endif
#define CHECKS_DOCS_URL SSPI_CHECK_HOME_URL "/blob/main/docs/checks/"

/* The ids the gate reports itself (see docs/suppressions.md). */
#define CHECK_UNUSED_SUPPRESSION "sspi-unused-suppression"
#define CHECK_UNMATCHED_SUPPRESSION "sspi-unmatched-suppression"

typedef struct check_info {
  const char *id;         /* "sspi-context-leak" */
  const char *short_desc; /* one line, no final period */
  const char *full_desc;  /* a few sentences */
  const char *help;       /* what to do about a finding */
  int gate;               /* 1: reported by the suppression handling, not by the analysis */
} check_info;

/* checks_count / checks_at: the static table, in documentation order. Borrowed. */
unsigned checks_count(void);
const check_info *checks_at(unsigned i);
/* checks_find: the entry for id, or NULL when id is not in the table. Borrowed. */
const check_info *checks_find(const char *id);

/* checks_describe_kind: fills *out with a generic entry for the leak check of a user
 * rule kind (id = leak_check, texts built from describe into buf, which must outlive
 * *out). Returns out. */
const check_info *checks_describe_kind(check_info *out, const char *leak_check,
                                       const char *describe, char *buf, size_t buflen);

/* checks_help_uri: writes the documentation URI of id into buf; returns buf. */
const char *checks_help_uri(const char *id, char *buf, size_t buflen);

#endif
