/* yaml_bound.h - a linear pre-scan of YAML text before libyaml parses it. libyaml's
 * time grows faster than linearly with nesting (a flow list nested 300,000 deep, under
 * 1 MiB, keeps it busy for minutes), and aliases can make a small document stand for a
 * huge one; nesting, aliases and indentation are bounded here, before they cost
 * anything. The scan knows quoted scalars and comments; it may over-count in odd
 * corners (a '[' inside a plain scalar), which only makes the limits stricter. */
#ifndef SSPI_YAML_BOUND_H
#define SSPI_YAML_BOUND_H

#include <stddef.h>

#define YAML_BOUND_DEPTH 64      /* flow ([ {) and compact block (- - -) nesting */
#define YAML_BOUND_INDENT 512    /* leading spaces of a line */
#define YAML_BOUND_ALIASES 1024  /* *alias references in one file */

/* yaml_bound_check: 0 when text[0..n) stays within the limits above; else -1 with
 * *line (1-based) and why set. */
int yaml_bound_check(const unsigned char *text, size_t n, unsigned long *line, char *why,
                     size_t whylen);

#endif
