/* fuzz_baseline: the baseline reader (baseline.c, jansson). */
#define _DEFAULT_SOURCE
#include "baseline.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[2048];
  baseline *b = baseline_load(fuzz_file(data, size, ".json"), err, sizeof err);
  baseline_free(b);
  return 0;
}
