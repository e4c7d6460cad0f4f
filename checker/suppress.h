/* suppress.h - NOLINT comments (clang-tidy's convention) in the analysed sources.
 *
 *   // NOLINT                      all checks on this line
 *   // NOLINT(sspi-context-leak)   the listed checks on this line ('*' globs, commas)
 *   // NOLINTNEXTLINE(sspi-*)      the next line
 *   // NOLINTBEGIN(list) ... // NOLINTEND(list)   every line from BEGIN to END
 *   (the same inside comments written with slash-star)
 *
 * A suppression applies to a finding whose location line it covers. The module records
 * which suppressions were used, and reports the unused ones (--warn-unused-suppressions)
 * and unmatched NOLINTBEGIN/NOLINTEND comments as findings of the gate's own checks.
 */
#ifndef SSPI_SUPPRESS_H
#define SSPI_SUPPRESS_H

#include <stddef.h>
#include "diag.h"
#include "select.h"

typedef struct suppress suppress;

/* suppress_new: an empty suppression table reading files through src (borrowed, must
 * outlive the table; NULL: a private cache). Owned: suppress_free. */
suppress *suppress_new(select_src *src);
void suppress_free(suppress *s);

/* suppress_scan_file: parses the NOLINT comments of path once (later calls with the
 * same file, under any spelling, do nothing). Returns 0, or -1 when the file cannot be
 * read (it then simply has no suppressions). */
int suppress_scan_file(suppress *s, const char *path);
/* suppress_scan_text: the same for text already in memory (tests); path names it. */
int suppress_scan_text(suppress *s, const char *path, const char *text, size_t len);

/* suppress_match: 1 when a finding of check at line of file is suppressed (every
 * covering suppression is then marked used); scans file first if needed. */
int suppress_match(suppress *s, const char *file, unsigned line, const char *check);

/* suppress_report: adds to out one finding per unmatched NOLINTBEGIN/NOLINTEND
 * [sspi-unmatched-suppression] and, when warn_unused, one per unused suppression
 * "NOLINT comment suppresses nothing" [sspi-unused-suppression]. Only comments that
 * concern sspi-check are reported: a bare NOLINT, or a list with a glob matching one of
 * the nids check ids in ids (the enabled checks). Returns the number added. */
unsigned suppress_report(const suppress *s, int warn_unused, const char *const *ids,
                         unsigned nids, diag_set *out);

/* suppress_count: number of suppressions parsed so far (for tests and statistics). */
unsigned suppress_count(const suppress *s);

#endif
