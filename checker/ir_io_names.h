/* ir_io_names.h - the words of the unit file format (ir_io.h) for the IR's enums, in
 * enum order: the writer prints them, the reader looks them up. Private to
 * ir_write.c and ir_read.c. */
#ifndef SSPI_IR_IO_NAMES_H
#define SSPI_IR_IO_NAMES_H

static const char *const root_names[] = {"local", "param", "global", "unknown"};
static const char *const cond_names[] = {"cmp", "valid", "unknown", "mask"};
static const char *const op_names[] = {"eq", "ne", "lt", "le", "gt", "ge"};
static const char *const term_names[] = {"goto",   "branch", "switch",
                                         "return", "throw",  "unreachable"};
static const char *const ev_names[] = {"call",  "assign",     "decl",
                                       "clear", "invalidate", "delete"};
#define NAMES(a) (sizeof(a) / sizeof((a)[0]))

#endif
