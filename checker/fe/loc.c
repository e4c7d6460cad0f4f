/* loc.c - source locations: libclang locations -> file offsets and IR locations.
 *
 * Positions use clang_getFileLocation: a token written inside a macro argument maps
 * to where it is written (so a call inside FAILED(...) is reported at the call),
 * a token produced by a macro body maps to the macro's expansion point (so the
 * statements of SecInvalidateHandle(&h) are reported at the macro name). File
 * names are interned once per unit. */
#include <string.h>

#include "fe_internal.h"

/* fe_pos_of: file, offset, line and column of a location (file NULL if none). */
fe_pos fe_pos_of(CXSourceLocation l) {
  fe_pos p = {0};
  clang_getFileLocation(l, &p.file, &p.line, &p.col, &p.off);
  return p;
}

/* fe_str: arena copy of s, which is disposed. */
const char *fe_str(arena *a, CXString s) {
  const char *c = clang_getCString(s);
  const char *r = arena_strdup(a, c ? c : "");
  clang_disposeString(s);
  return r;
}

/* tidy_path: "./Inputs/t.h", "dir/./t.h" and "dir//t.h" are the same file as
 * "Inputs/t.h" and "dir/t.h": one spelling, so that a header reached through two include
 * paths is one file to the rest of the run (its functions are copies of each other).
 * Lexical only: ".." is kept (a symbolic link may stand before it). In place. */
static void tidy_path(char *p) {
  char *r = p, *w = p;
  while (r[0] == '.' && r[1] == '/' && r[2]) /* leading "./" */
    r += 2;
  while (*r) {
    if (r[0] == '/' && r[1] == '/') {
      r++;
      continue;
    }
    if (r[0] == '/' && r[1] == '.' && r[2] == '/') {
      r += 2;
      continue;
    }
    *w++ = *r++;
  }
  *w = '\0';
}

static const char *file_name(fe_unit *fu, CXFile f) {
  if (!f)
    return NULL;
  if (f == fu->last_file)
    return fu->last_name;
  for (unsigned i = 0; i < fu->nfiles; i++)
    if (fu->files[i].file == f) {
      fu->last_file = f;
      fu->last_name = fu->files[i].name;
      return fu->files[i].name;
    }
  char *name = (char *)fe_str(fu->a, clang_getFileName(f));
  tidy_path(name);
  if (fu->nfiles < FE_MAX_FILES) {
    arena_grow(fu->scratch, (void **)&fu->files, &fu->files_cap, fu->nfiles + 1,
               sizeof *fu->files);
    fu->files[fu->nfiles].file = f;
    fu->files[fu->nfiles].name = name;
    fu->nfiles++;
  }
  fu->last_file = f;
  fu->last_name = name;
  return name;
}

/* fe_loc: IR location of l; the file name is owned by the unit's arena. */
ir_loc fe_loc(fe_unit *fu, CXSourceLocation l) {
  fe_pos p = fe_pos_of(l);
  ir_loc r = {0};
  if (!p.file)
    return r;
  r.file = file_name(fu, p.file);
  r.line = p.line;
  r.col = p.col;
  return r;
}

/* fe_cursor_loc: location of the first character of c's extent. */
ir_loc fe_cursor_loc(fe_unit *fu, CXCursor c) {
  return fe_loc(fu, clang_getRangeStart(clang_getCursorExtent(c)));
}

/* fe_name_loc: clang's location of the cursor (for a declaration: its name). */
ir_loc fe_name_loc(fe_unit *fu, CXCursor c) { return fe_loc(fu, clang_getCursorLocation(c)); }

/* fe_extent_pos: start/end positions of c's extent (end is exclusive). */
void fe_extent_pos(CXCursor c, fe_pos *start, fe_pos *end) {
  CXSourceRange r = clang_getCursorExtent(c);
  if (start)
    *start = fe_pos_of(clang_getRangeStart(r));
  if (end)
    *end = fe_pos_of(clang_getRangeEnd(r));
}
