/* cdb_check.h - strict reading of compile_commands.json before libclang sees it.
 *
 * libclang's JSON compilation database is lenient: a database cut after its first
 * entry, trailing garbage after `]`, or two arrays one after the other are accepted,
 * and the entries it could not read vanish without a word. A CI gate must not turn a
 * broken build step into a green run, so the file is first read with jansson and must
 * be exactly one JSON array of entries, each an object with a string "directory", a
 * string "file", and a string "command" or an array of strings "arguments" ("output"
 * optional). libclang then reads the same, validated file. */
#ifndef SSPI_CDB_CHECK_H
#define SSPI_CDB_CHECK_H

#include <stddef.h>

/* cdb_check_buffer: 0 when text[0..len) is a valid database; else -1 with err set to
 * "NAME:LINE:COLUMN: invalid compilation database: PROBLEM" (name names the file). */
int cdb_check_buffer(const char *name, const char *text, size_t len, char *err, size_t errlen);

/* cdb_check_file: the same for the file at path (read as a regular file within the
 * database size limit). */
int cdb_check_file(const char *path, char *err, size_t errlen);

#endif
