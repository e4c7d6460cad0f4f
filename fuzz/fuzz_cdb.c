/* fuzz_cdb: the strict compile_commands.json check that runs before libclang reads
 * the database (cdb_check.c). */
#include <stddef.h>
#include <stdint.h>

#include "cdb_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[2048];
  cdb_check_buffer("compile_commands.json", (const char *)data, size, err, sizeof err);
  return 0;
}
