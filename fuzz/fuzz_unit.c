/* fuzz_unit: the unit-file reader (ir_read.c) behind --link, then what --link --dump-ir
 * and the analysis do with what it accepted. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>

#include "engine/engine.h"
#include "fuzz_file.h"
#include "ir.h"
#include "ir_io.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[2048];
  rules *fuzz_rules = fuzz_default_rules();
  if (!fuzz_rules)
    return 0;
  FILE *in = fmemopen((void *)data, size ? size : 1, "rb");
  if (!in)
    return 0;
  ir_unit *u = ir_read(in, "fuzz.sspi-unit", err, sizeof err);
  fclose(in);
  if (u) {
    FILE *null = fopen("/dev/null", "w");
    if (null) {
      ir_dump(null, u);
      fclose(null);
    }
    engine_opts eo = engine_default_opts();
    eo.max_steps = 20000;
    diag_set *out = diag_set_new();
    engine_check_unit(u, fuzz_rules, &eo, out, NULL);
    diag_set_free(out);
    ir_unit_free(u);
  }
  return 0;
}
