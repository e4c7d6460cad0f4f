/* fuzz_file.h - what the fuzz targets share: the readers take paths, so each input is
 * written to one private temporary file (created once per fuzzer process) and read
 * back by path; the targets that analyse need the bundled rules, loaded once. */
#ifndef SSPI_FUZZ_FILE_H
#define SSPI_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rules.h"

static char fuzz_path[64];

/* fuzz_file: the path of a regular file holding data[0..size). */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix) {
  if (!fuzz_path[0]) {
    snprintf(fuzz_path, sizeof fuzz_path, "/tmp/sspi-fuzz-XXXXXX%s", suffix);
    int fd = mkstemps(fuzz_path, (int)__builtin_strlen(suffix));
    if (fd < 0)
      abort();
    close(fd);
  }
  FILE *f = fopen(fuzz_path, "wb");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
  return fuzz_path;
}

/* fuzz_default_rules: the bundled rules (loaded on the first call), or NULL when they
 * cannot be read (the target then skips its input). */
static inline rules *fuzz_default_rules(void) {
  static rules *r;
  static int tried;
  if (!tried) {
    tried = 1;
    char err[2048];
    const char *def = rules_default_path();
    r = rules_new();
    if (r && (!def || rules_load_file(r, def, err, sizeof err) != 0)) {
      rules_free(r);
      r = NULL;
    }
  }
  return r;
}

#endif
