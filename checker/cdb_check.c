/* cdb_check.c - strict validation of compile_commands.json (cdb_check.h), with jansson. */
#include "cdb_check.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/infile.h"

static int entry_problem(json_t *e, char *why, size_t n) {
  if (!json_is_object(e)) {
    snprintf(why, n, "an entry is not an object");
    return -1;
  }
  json_t *dir = json_object_get(e, "directory"), *file = json_object_get(e, "file");
  json_t *cmd = json_object_get(e, "command"), *args = json_object_get(e, "arguments");
  json_t *out = json_object_get(e, "output");
  if (!json_is_string(dir)) {
    snprintf(why, n, "an entry has no string \"directory\"");
    return -1;
  }
  if (!json_is_string(file) || json_string_length(file) == 0) {
    snprintf(why, n, "an entry has no string \"file\"");
    return -1;
  }
  if (out && !json_is_string(out)) {
    snprintf(why, n, "\"output\" of '%s' is not a string", json_string_value(file));
    return -1;
  }
  if (cmd && !json_is_string(cmd)) {
    snprintf(why, n, "\"command\" of '%s' is not a string", json_string_value(file));
    return -1;
  }
  if (args) {
    if (!json_is_array(args) || json_array_size(args) == 0) {
      snprintf(why, n, "\"arguments\" of '%s' is not a non-empty array", json_string_value(file));
      return -1;
    }
    for (size_t i = 0; i < json_array_size(args); i++)
      if (!json_is_string(json_array_get(args, i))) {
        snprintf(why, n, "\"arguments\" of '%s' holds a value that is not a string",
                 json_string_value(file));
        return -1;
      }
  }
  if (!cmd && !args) {
    snprintf(why, n, "the entry of '%s' has neither \"command\" nor \"arguments\"",
             json_string_value(file));
    return -1;
  }
  return 0;
}

int cdb_check_buffer(const char *name, const char *text, size_t len, char *err, size_t errlen) {
  json_error_t je;
  /* no JSON_DISABLE_EOF_CHECK: anything after the array (garbage, a second array) is
   * an error; JSON_REJECT_DUPLICATES: an entry with two "file" keys is ambiguous */
  json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  if (!root) {
    snprintf(err, errlen, "%s:%d:%d: invalid compilation database: %s", name, je.line,
             je.column, je.text);
    return -1;
  }
  char why[512];
  int rc = 0;
  if (!json_is_array(root)) {
    snprintf(err, errlen, "%s:1:1: invalid compilation database: not a JSON array of entries",
             name);
    rc = -1;
  }
  for (size_t i = 0; rc == 0 && i < json_array_size(root); i++)
    if (entry_problem(json_array_get(root, i), why, sizeof why) != 0) {
      snprintf(err, errlen, "%s: invalid compilation database: entry %zu: %s", name, i + 1, why);
      rc = -1;
    }
  json_decref(root);
  return rc;
}

int cdb_check_file(const char *path, char *err, size_t errlen) {
  size_t len = 0;
  char *buf = infile_read(path, INFILE_MAX_CDB, &len, err, errlen);
  if (!buf)
    return -1;
  int rc = cdb_check_buffer(path, buf, len, err, errlen);
  free(buf);
  return rc;
}
