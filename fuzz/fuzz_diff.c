/* fuzz_diff: the unified-diff reader behind --diff (select.c). */
#define _DEFAULT_SOURCE
#include "fuzz_file.h"
#include "select.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[2048];
  select_diff *d = select_diff_load(fuzz_file(data, size, ".diff"), err, sizeof err);
  select_diff_free(d);
  return 0;
}
