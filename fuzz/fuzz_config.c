/* fuzz_config: the .sspi-check.yaml reader (config.c). */
#define _DEFAULT_SOURCE
#include "config.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[2048];
  config *c = config_load(fuzz_file(data, size, ".yaml"), err, sizeof err);
  config_free(c);
  return 0;
}
