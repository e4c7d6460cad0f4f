/* fuzz_relscan: the relevance pre-pass's token scan (relscan.c) of a source read as a
 * unit's main file and as a project header that file includes (header entities, brace
 * and parenthesis tracking, #include and #define lines), then the fixpoint's questions
 * about the unit (relevance.c), and the prefix of the main file (prefixscan.c). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_file.h"
#include "prefixscan.h"
#include "relevance.h"
#include "rules.h"

static char main_path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rules *fuzz_rules = fuzz_default_rules();
  if (!fuzz_rules)
    return 0;
  if (!main_path[0]) {
    snprintf(main_path, sizeof main_path, "/tmp/sspi-fuzz-main-XXXXXX.c");
    int fd = mkstemps(main_path, 2);
    if (fd < 0)
      abort();
    close(fd);
  }
  const char *hdr = fuzz_file(data, size, ".h");
  FILE *f = fopen(main_path, "wb");
  if (!f)
    abort();
  fprintf(f, "#include \"%s\"\n", hdr);
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
  char cc[] = "cc";
  char *argv[] = {cc, NULL};
  fe_cmd c = {main_path, (char *)"/tmp", 1, argv};
  relevance *rv = relevance_new(fuzz_rules, 1);
  if (!rv)
    return 0;
  relevance_scan(rv, 0, &c, NULL, 0);
  (void)relevance_wanted(rv, 0);
  const char *types[] = {"struct conn *", "SESSION"};
  (void)relevance_names_type(rv, 0, types, 2);
  relevance_free(rv);
  /* the same file's prefix (fe/prefix.c shares a PCH of it) */
  unsigned nlines = 0;
  char *text = prefix_scan(main_path, PREFIX_SCAN_MAX_LINES, &nlines);
  if ((text == NULL) != (nlines == 0) || (text && strlen(text) >= 16384))
    abort();
  free(text);
  return 0;
}
