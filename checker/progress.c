/* progress.c - "[i/N] file 1.2s" on a terminal, nothing elsewhere. */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct progress {
  FILE *out;
  unsigned total;
  int active;
  size_t shown; /* width of the line currently on screen, 0 when none */
  double start; /* progress_now */
};

double progress_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double elapsed(const progress *p) { return progress_now() - p->start; }

/* progress_new: owned display; inactive unless out is a terminal and !quiet. */
progress *progress_new(FILE *out, unsigned total, int quiet) {
  progress *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->out = out;
  p->total = total;
  p->active = out && !quiet && isatty(fileno(out));
  p->start = progress_now();
  return p;
}

/* progress_active: 1 when the display writes. */
int progress_active(const progress *p) { return p && p->active; }

/* progress_clear: overwrites the current line with spaces and returns the cursor. */
void progress_clear(progress *p) {
  if (!p || !p->active || !p->shown) return;
  fprintf(p->out, "\r%*s\r", (int)p->shown, "");
  fflush(p->out);
  p->shown = 0;
}

/* progress_unit: rewrites the line for unit index of total. */
void progress_unit(progress *p, unsigned index, const char *path) {
  if (!p || !p->active) return;
  const char *base = path ? strrchr(path, '/') : NULL;
  base = base ? base + 1 : path ? path : "";
  char line[160];
  int n = snprintf(line, sizeof line, "[%u/%u] %.100s %.1fs", index, p->total, base,
                   elapsed(p));
  if (n < 0) return;
  size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
  /* pad with spaces when the new line is shorter than the one it replaces */
  fprintf(p->out, "\r%s%*s", line, p->shown > len ? (int)(p->shown - len) : 0, "");
  fflush(p->out);
  p->shown = p->shown > len ? p->shown : len;
}

/* progress_free: clears and frees. */
void progress_free(progress *p) {
  progress_clear(p);
  free(p);
}
