/* fuzz_file.h - the readers take paths: each input is written to one private
 * temporary file (created once per fuzzer process) and read back by path. */
#ifndef SSPI_FUZZ_FILE_H
#define SSPI_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_path[64];

/* fuzz_file: the path of a regular file holding data[0..size). */
static const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix) {
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

#endif
