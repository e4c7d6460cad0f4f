/* fuzz_rules: the rules reader (rules_yaml.c) on arbitrary YAML. */
#define _DEFAULT_SOURCE
#include "fuzz_file.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[2048];
  rules *r = rules_new();
  rules_load_file(r, fuzz_file(data, size, ".yaml"), err, sizeof err);
  rules_free(r);
  return 0;
}
