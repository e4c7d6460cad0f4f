/* yaml_bound.c - bounded nesting, indentation and aliases in YAML text (yaml_bound.h). */
#include "yaml_bound.h"

#include <stdio.h>

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int yaml_bound_check(const unsigned char *s, size_t n, unsigned long *line, char *why,
                     size_t whylen) {
  unsigned long ln = 1, aliases = 0;
  unsigned depth = 0;
  size_t i = 0;
  int at_line_start = 1;
  while (i < n) {
    unsigned char c = s[i];
    if (at_line_start) {
      /* indentation, then compact block indicators ("- - - x", "? - x") */
      size_t sp = 0;
      while (i < n && s[i] == ' ') {
        i++;
        sp++;
      }
      if (sp > YAML_BOUND_INDENT) {
        snprintf(why, whylen, "indented by more than %u spaces", YAML_BOUND_INDENT);
        *line = ln;
        return -1;
      }
      unsigned compact = 0;
      while (i + 1 < n && (s[i] == '-' || s[i] == '?' || s[i] == ':') && s[i + 1] == ' ') {
        i += 2;
        while (i < n && s[i] == ' ')
          i++;
        if (++compact > YAML_BOUND_DEPTH) {
          snprintf(why, whylen, "block collections nested more than %u deep", YAML_BOUND_DEPTH);
          *line = ln;
          return -1;
        }
      }
      at_line_start = 0;
      continue;
    }
    if (c == '\n') {
      ln++;
      i++;
      at_line_start = 1;
      continue;
    }
    if (c == '#' && (i == 0 || is_space(s[i - 1]))) {
      while (i < n && s[i] != '\n')
        i++;
      continue;
    }
    if (c == '"' || c == '\'') {
      /* a quoted scalar: skip to its end (\" escapes in "...", '' in '...') */
      i++;
      while (i < n) {
        if (s[i] == '\n')
          ln++;
        if (c == '"' && s[i] == '\\' && i + 1 < n) {
          i += 2;
          continue;
        }
        if (s[i] == c) {
          if (c == '\'' && i + 1 < n && s[i + 1] == '\'') {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > YAML_BOUND_DEPTH) {
        snprintf(why, whylen, "flow collections nested more than %u deep", YAML_BOUND_DEPTH);
        *line = ln;
        return -1;
      }
    } else if ((c == ']' || c == '}') && depth) {
      depth--;
    } else if (c == '*' && (i == 0 || is_space(s[i - 1]) || s[i - 1] == '[' || s[i - 1] == '{' ||
                            s[i - 1] == ',')) {
      if (++aliases > YAML_BOUND_ALIASES) {
        snprintf(why, whylen, "more than %u aliases", YAML_BOUND_ALIASES);
        *line = ln;
        return -1;
      }
    }
    i++;
  }
  return 0;
}
