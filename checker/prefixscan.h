/* prefixscan.h - the leading #include/#define lines of a main file (prefixscan.c). */
#ifndef SSPI_PREFIXSCAN_H
#define SSPI_PREFIXSCAN_H

#define PREFIX_SCAN_MAX_LINES 64 /* directives in one prefix */

/* prefix_scan: the header text of the prefix of the main file at path, at most
 * max_lines directives, one per line (continuations joined; a quoted include found in
 * the main file's directory named by its path there, so that it resolves from anywhere
 * as it does from the main file), owned; *nlines: its lines. NULL (and 0) when the
 * prefix has no #include, path names no directory, the file is not a regular file, or
 * the text would pass 16 KB. */
char *prefix_scan(const char *path, unsigned max_lines, unsigned *nlines);

#endif
