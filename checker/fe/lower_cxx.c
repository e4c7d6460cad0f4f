/* lower_cxx.c - C++ object lifetimes: the implicit `this` parameter, constructor
 * calls on the object they build, member and base initialisers, destructor calls
 * where objects die (end of scope, jumps, exceptions, end of full-expression);
 * new/delete and std::unique_ptr are lower_cxx_own.c's.
 *
 * The engine needs no C++ knowledge: a method is a function whose parameter 0 is
 * `this`, and its summary (derived from its body, see engine/derive.c) speaks about
 * (*this).member, so `obj.close()` and a destructor at the end of a block behave
 * like the SSPI calls they wrap. */
#include <stdio.h>
#include <string.h>

#include "fe_internal.h"

typedef enum dtor_kind {
  DT_NONE,     /* trivial, or a class of a system header (no SSPI work) */
  DT_USER,     /* a user-provided destructor: call it */
  DT_IMPLICIT, /* implicit or defaulted: destroy the members and bases */
  DT_UNIQUE    /* std::unique_ptr: run its deleter on the stored pointer */
} dtor_kind;

typedef struct fe_class_info {
  CXCursor def;
  int kind;
} fe_class_info;

#define MAX_CLASS_DEPTH 8u /* nesting of members and bases followed */
#define MAX_FIELDS 256u

unsigned fe_cxx_off(CXCursor c) {
  fe_pos s;
  fe_extent_pos(c, &s, NULL);
  return s.off;
}

void fe_cxx_assign(fe_fn *fn, ir_place *dst, ir_val v, ir_loc loc) {
  ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
  e->dst = dst;
  e->src = v;
}

int fe_cxx_cursor_named(CXCursor c, const char *name) {
  CXString s = clang_getCursorSpelling(c);
  const char *cs = clang_getCString(s);
  int eq = cs && strcmp(cs, name) == 0;
  clang_disposeString(s);
  return eq;
}

/* ---- classes ---------------------------------------------------------------------- */

/* The definition of the class of type t (through typedefs), or a null cursor. */
CXCursor fe_cxx_record_def(CXType t) {
  CXType ct = clang_getCanonicalType(t);
  if (ct.kind != CXType_Record)
    return clang_getNullCursor();
  CXCursor d = clang_getTypeDeclaration(ct);
  if (clang_Cursor_isNull(d))
    return d;
  return clang_getCursorDefinition(d);
}

/* A class (template specialization) of namespace std (or one of its inline
 * namespaces, as libc++'s std::__1) called name. */
int fe_cxx_is_std_class(CXCursor def, const char *name) {
  if (clang_Cursor_isNull(def) || !fe_cxx_cursor_named(def, name))
    return 0;
  CXCursor p = clang_getCursorSemanticParent(def);
  for (int guard = 0; guard < 4 && fe_kind_of(p) == CXCursor_Namespace; guard++) {
    if (fe_cxx_cursor_named(p, "std"))
      return 1;
    p = clang_getCursorSemanticParent(p);
  }
  return 0;
}

typedef struct find_ctx {
  enum CXCursorKind kind;
  const char *name;     /* NULL: any */
  int default_ctor;     /* constructors: only default constructors */
  CXCursor found;
} find_ctx;

static enum CXChildVisitResult find_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  find_ctx *f = d;
  if (fe_kind_of(c) != f->kind)
    return CXChildVisit_Continue;
  if (f->name && !fe_cxx_cursor_named(c, f->name))
    return CXChildVisit_Continue;
  if (f->default_ctor && !clang_CXXConstructor_isDefaultConstructor(c))
    return CXChildVisit_Continue;
  f->found = c;
  return CXChildVisit_Break;
}

/* The first member of class def of the given kind (and name). */
static CXCursor find_member(CXCursor def, enum CXCursorKind k, const char *name, int dflt) {
  find_ctx f = {k, name, dflt, clang_getNullCursor()};
  if (!clang_Cursor_isNull(def))
    clang_visitChildren(def, find_visit, &f);
  return f.found;
}

/* A user-provided default constructor of class type t, or a null cursor. */
static CXCursor user_default_ctor(CXType t) {
  CXCursor def = fe_cxx_record_def(t);
  if (clang_Cursor_isNull(def) || clang_Location_isInSystemHeader(clang_getCursorLocation(def)))
    return clang_getNullCursor();
  CXCursor c = find_member(def, CXCursor_Constructor, NULL, 1);
  if (!clang_Cursor_isNull(c) && clang_CXXMethod_isDefaulted(c))
    return clang_getNullCursor();
  return c;
}

typedef struct members {
  CXCursor v[MAX_FIELDS];
  unsigned n;
  enum CXCursorKind kind;
} members;

static enum CXChildVisitResult members_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  members *m = d;
  if (fe_kind_of(c) == m->kind && m->n < MAX_FIELDS)
    m->v[m->n++] = c;
  return CXChildVisit_Continue;
}

/* The fields (FieldDecl) or base specifiers of class def, in declaration order. */
static void list_members(CXCursor def, enum CXCursorKind k, members *m) {
  m->n = 0;
  m->kind = k;
  if (!clang_Cursor_isNull(def))
    clang_visitChildren(def, members_visit, m);
}

static dtor_kind class_kind(fe_fn *fn, CXType t, unsigned depth);

static dtor_kind compute_kind(fe_fn *fn, CXCursor def, unsigned depth) {
  if (fe_cxx_is_std_class(def, "unique_ptr"))
    return DT_UNIQUE;
  if (clang_Location_isInSystemHeader(clang_getCursorLocation(def)))
    return DT_NONE;
  CXCursor d = find_member(def, CXCursor_Destructor, NULL, 0);
  if (!clang_Cursor_isNull(d) && !clang_CXXMethod_isDefaulted(d))
    return DT_USER;
  if (depth >= MAX_CLASS_DEPTH)
    return DT_NONE;
  members mm; /* on the stack (8 KB; depth <= MAX_CLASS_DEPTH): no arena growth per call */
  members *m = &mm;
  list_members(def, CXCursor_FieldDecl, m);
  for (unsigned i = 0; i < m->n; i++)
    if (class_kind(fn, clang_getCursorType(m->v[i]), depth + 1) != DT_NONE)
      return DT_IMPLICIT;
  list_members(def, CXCursor_CXXBaseSpecifier, m);
  for (unsigned i = 0; i < m->n; i++)
    if (class_kind(fn, clang_getCursorType(m->v[i]), depth + 1) != DT_NONE)
      return DT_IMPLICIT;
  return DT_NONE;
}

/* What destroying an object of type t does (arrays: their elements). */
static dtor_kind class_kind(fe_fn *fn, CXType t, unsigned depth) {
  CXType ct = clang_getCanonicalType(t);
  for (int guard = 0; guard < 8 && (ct.kind == CXType_ConstantArray ||
                                    ct.kind == CXType_IncompleteArray);
       guard++)
    ct = clang_getCanonicalType(clang_getArrayElementType(ct));
  CXCursor def = fe_cxx_record_def(ct);
  if (clang_Cursor_isNull(def))
    return DT_NONE;
  fe_unit *fu = fn->fu;
  for (unsigned i = 0; i < fu->nclasses; i++)
    if (clang_equalCursors(fu->classes[i].def, def))
      return (dtor_kind)fu->classes[i].kind;
  dtor_kind k = compute_kind(fn, def, depth);
  if (fu->nclasses < FE_MAX_CLASS_CACHE) {
    arena_grow(fu->scratch, (void **)&fu->classes, &fu->classes_cap, fu->nclasses + 1,
               sizeof *fu->classes);
    fu->classes[fu->nclasses].def = def;
    fu->classes[fu->nclasses].kind = (int)k;
    fu->nclasses++;
  }
  return k;
}

/* fe_cxx_needs_dtor: see fe_internal.h. */
int fe_cxx_needs_dtor(fe_fn *fn, CXType t) {
  return fn->fu->is_cxx && class_kind(fn, t, 0) != DT_NONE;
}

static ir_place *field_place(fe_fn *fn, ir_place *obj, CXCursor field) {
  const char *name = fe_str(fn->a, clang_getCursorSpelling(field));
  ir_place *p = ir_place_extend(fn->a, obj, IR_STEP_FIELD, name);
  CXType t = clang_getCursorType(field);
  p->type_name = fe_type_name(fn->fu, t);
  enum CXTypeKind k = clang_getCanonicalType(t).kind;
  p->is_pointer = (unsigned char)(k == CXType_Pointer || fe_is_ref(t));
  return p;
}

ir_place *fe_cxx_named_member(fe_fn *fn, ir_place *obj, const char *name, int pointer) {
  ir_place *p = ir_place_extend(fn->a, obj, IR_STEP_FIELD, name);
  p->is_pointer = (unsigned char)pointer;
  return p;
}

/* ---- this ------------------------------------------------------------------------- */

static int has_this(CXCursor f) {
  enum CXCursorKind k = fe_kind_of(f);
  if (k == CXCursor_Constructor || k == CXCursor_Destructor || k == CXCursor_ConversionFunction)
    return 1;
  return k == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(f);
}

/* fe_cxx_begin: see fe_internal.h. */
void fe_cxx_begin(fe_fn *fn, CXCursor fdecl) {
  if (!has_this(fdecl))
    return;
  ir_place *p = fe_this_place(fn);
  CXType ct = clang_getCursorType(clang_getCursorSemanticParent(fdecl));
  const char *cn = fe_type_name(fn->fu, ct);
  p->type_name = fe_intern(fn->fu, cn ? arena_printf(fn->scratch, "%s *", cn) : "?");
}

static ir_place *this_object(fe_fn *fn) {
  ir_place *t = fe_this_place(fn);
  ir_place *o = ir_place_extend(fn->a, t, IR_STEP_DEREF, NULL);
  if (t->type_name) {
    size_t n = strlen(t->type_name);
    if (n > 2 && strcmp(t->type_name + n - 2, " *") == 0)
      o->type_name = fe_intern(fn->fu, arena_strndup(fn->scratch, t->type_name, n - 2));
  }
  return o;
}

/* ---- construction ----------------------------------------------------------------- */

static int is_copy_or_move(CXCursor ctor) {
  return clang_CXXConstructor_isCopyConstructor(ctor) ||
         clang_CXXConstructor_isMoveConstructor(ctor);
}

/* Strips parentheses, implicit conversions and functional casts. */
static CXCursor strip_init(fe_fn *fn, CXCursor c) {
  for (int guard = 0; guard < 64; guard++) {
    enum CXCursorKind k = fe_kind_of(c);
    if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
        k != CXCursor_CXXFunctionalCastExpr)
      return c;
    fe_kids kk = fe_children(fn, c);
    CXCursor only = clang_getNullCursor();
    unsigned n = 0;
    for (unsigned i = 0; i < kk.n; i++)
      if (clang_isExpression(fe_kind_of(kk.v[i]))) {
        only = kk.v[i];
        n++;
      }
    if (n != 1)
      return c;
    c = only;
  }
  return c;
}

/* fe_cxx_ctor_of: see fe_internal.h. */
int fe_cxx_ctor_of(fe_fn *fn, CXCursor init, CXCursor *call) {
  if (!fn->fu->is_cxx)
    return 0;
  CXCursor c = init;
  for (int guard = 0; guard < 16; guard++) {
    c = strip_init(fn, c);
    if (fe_kind_of(c) != CXCursor_CallExpr)
      return 0;
    CXCursor ref = clang_getCursorReferenced(c);
    int na = clang_Cursor_getNumArguments(c);
    if (clang_Cursor_isNull(ref) || clang_isInvalid(fe_kind_of(ref))) {
      /* an implicit copy or move of a temporary */
      if (na != 1)
        return 0;
      c = clang_Cursor_getArgument(c, 0);
      continue;
    }
    if (fe_kind_of(ref) != CXCursor_Constructor)
      return 0;
    if (na == 1 && is_copy_or_move(ref)) {
      CXCursor inner;
      if (fe_cxx_ctor_of(fn, clang_Cursor_getArgument(c, 0), &inner)) {
        *call = inner; /* the copy of a temporary is elided */
        return 1;
      }
      if (clang_CXXMethod_isDefaulted(ref) &&
          !fe_cxx_is_std_class(clang_getCursorSemanticParent(ref), "unique_ptr"))
        return 0; /* a plain copy: an assignment */
    }
    *call = c;
    return 1;
  }
  return 0;
}

static void default_init(fe_fn *fn, ir_place *target, CXType t, ir_loc loc, unsigned depth);

/* The initialiser written for a member or base in a constructor's list. */
typedef struct mem_init {
  CXCursor what; /* MemberRef, or TypeRef of a base */
  CXCursor expr;
} mem_init;

/* Initialises one field of *target: from its initialiser (list or default
 * member initialiser), else by its default constructor. */
static void init_field(fe_fn *fn, ir_place *target, CXCursor field, const CXCursor *given,
                       ir_loc loc, unsigned depth) {
  CXType ft = clang_getCursorType(field);
  if (fe_is_ref(ft) && !given)
    return;
  ir_place *fp = field_place(fn, target, field);
  if (given) {
    if (fe_is_ref(ft)) {
      fe_cxx_assign(fn, fp, fe_lower_addr(fn, *given), loc);
      return;
    }
    fe_lower_init(fn, fp, ft, *given, loc);
    return;
  }
  if (clang_Cursor_isBitField(field))
    return;
  fe_kids kk = fe_children(fn, field);
  for (unsigned i = 0; i < kk.n; i++)
    if (clang_isExpression(fe_kind_of(kk.v[i]))) {
      fe_lower_init(fn, fp, ft, kk.v[i], loc); /* default member initialiser */
      return;
    }
  default_init(fn, fp, ft, loc, depth + 1);
}

/* Default construction of an object of class type t at target: a user-provided
 * default constructor is called; an implicit one initialises the bases and members. */
static void default_init(fe_fn *fn, ir_place *target, CXType t, ir_loc loc, unsigned depth) {
  if (!target || depth >= MAX_CLASS_DEPTH || fn->cur == FE_NONE)
    return;
  CXCursor def = fe_cxx_record_def(t);
  if (clang_Cursor_isNull(def) || clang_Location_isInSystemHeader(clang_getCursorLocation(def)))
    return;
  CXCursor uc = user_default_ctor(t);
  if (!clang_Cursor_isNull(uc)) {
    ir_val self = fe_addr_of(fn, target);
    (void)fe_emit_synth_call(fn, fe_method_name(fn, uc), fe_has_definition(uc), &self, 1, loc);
    return;
  }
  members mm; /* on the stack (8 KB; depth <= MAX_CLASS_DEPTH): no arena growth per call */
  members *m = &mm;
  list_members(def, CXCursor_CXXBaseSpecifier, m);
  for (unsigned i = 0; i < m->n; i++)
    default_init(fn, target, clang_getCursorType(m->v[i]), loc, depth + 1);
  list_members(def, CXCursor_FieldDecl, m);
  for (unsigned i = 0; i < m->n; i++)
    init_field(fn, target, m->v[i], NULL, loc, depth);
}


/* fe_cxx_construct: see fe_internal.h. */
void fe_cxx_construct(fe_fn *fn, CXCursor call, ir_val self, ir_place *target) {
  CXCursor ref = clang_getCursorReferenced(call);
  ir_loc loc = fe_cursor_loc(fn->fu, call);
  if (clang_Cursor_isNull(ref) || fe_kind_of(ref) != CXCursor_Constructor) {
    (void)fe_lower_val(fn, call);
    return;
  }
  int na = clang_Cursor_getNumArguments(call);
  CXCursor cls = clang_getCursorSemanticParent(ref);
  CXType ct = clang_getCanonicalType(clang_getCursorType(call));
  if (target && (ct.kind == CXType_ConstantArray || ct.kind == CXType_IncompleteArray)) {
    /* T a[n]: the elements (one place for all of them) */
    target = ir_place_extend(fn->a, target, IR_STEP_INDEX, NULL);
    target->type_name = fe_type_name(fn->fu, clang_getArrayElementType(ct));
    self = fe_addr_of(fn, target);
  }
  if (target && fe_cxx_is_std_class(cls, "unique_ptr")) {
    fe_cxx_unique_construct(fn, call, target, loc);
    return;
  }
  if (na == 1 && is_copy_or_move(ref) && clang_CXXMethod_isDefaulted(ref)) {
    ir_val v = fe_lower_val(fn, clang_Cursor_getArgument(call, 0));
    if (target)
      fe_cxx_assign(fn, target, v, loc);
    return;
  }
  if (na <= 0 && clang_CXXMethod_isDefaulted(ref)) {
    default_init(fn, target, clang_getCursorType(call), loc, 0);
    return;
  }
  fn->edge_before = 1;
  (void)fe_emit_call(fn, call, fe_method_name(fn, ref), NULL, 0, fe_has_definition(ref), 0, &self,
                     clang_getCursorType(ref));
  fn->edge_before = 0;
}

/* fe_cxx_temporary: see fe_internal.h. */
ir_val fe_cxx_temporary(fe_fn *fn, CXCursor call) {
  CXType t = clang_getCursorType(call);
  CXCursor ref = clang_getCursorReferenced(call);
  int na = clang_Cursor_getNumArguments(call);
  if (class_kind(fn, t, 0) == DT_NONE && na <= 0 &&
      (clang_Cursor_isNull(ref) || clang_CXXMethod_isDefaulted(ref)))
    return fe_val_unknown(); /* nothing happens */
  ir_loc loc = fe_cursor_loc(fn->fu, call);
  ir_place *tmp = fe_temp_place(fn, fe_type_name(fn->fu, t));
  ir_event *d = fe_emit(fn, IR_E_DECL, loc);
  d->dst = tmp;
  fe_cxx_construct(fn, call, fe_addr_of(fn, tmp), tmp);
  fe_cxx_push(fn, tmp, t, fe_cxx_off(call), 1, loc);
  return fe_val_place(IR_V_PLACE, tmp);
}

/* fe_cxx_prologue: see fe_internal.h. */
void fe_cxx_prologue(fe_fn *fn, CXCursor fdecl) {
  enum CXCursorKind k = fe_kind_of(fdecl);
  if (k != CXCursor_Constructor && k != CXCursor_Destructor)
    return;
  CXCursor cls = clang_getCursorSemanticParent(fdecl);
  CXCursor def = clang_getCursorDefinition(cls);
  if (clang_Cursor_isNull(def))
    return;
  ir_place *obj = this_object(fn);
  members *bases = arena_alloc(fn->scratch, sizeof *bases);
  members *fields = arena_alloc(fn->scratch, sizeof *fields);
  list_members(def, CXCursor_CXXBaseSpecifier, bases);
  list_members(def, CXCursor_FieldDecl, fields);
  if (k == CXCursor_Destructor) {
    /* after the body: members in reverse order of declaration, then bases */
    for (unsigned i = 0; i < bases->n; i++)
      fe_cxx_push(fn, obj, clang_getCursorType(bases->v[i]), 0, 0, (ir_loc){0});
    for (unsigned i = 0; i < fields->n; i++) {
      CXType ft = clang_getCursorType(fields->v[i]);
      if (!fe_is_ref(ft))
        fe_cxx_push(fn, field_place(fn, obj, fields->v[i]), ft, 0, 0, (ir_loc){0});
    }
    return;
  }
  /* constructor: the initialisers written in its list */
  fe_kids kk = fe_children(fn, fdecl);
  mem_init *mi = arena_alloc(fn->scratch, (kk.n ? kk.n : 1) * sizeof *mi);
  unsigned nmi = 0;
  for (unsigned i = 0; i + 1 < kk.n; i++) {
    enum CXCursorKind wk = fe_kind_of(kk.v[i]);
    if ((wk == CXCursor_MemberRef || wk == CXCursor_TypeRef) &&
        clang_isExpression(fe_kind_of(kk.v[i + 1]))) {
      mi[nmi].what = kk.v[i];
      mi[nmi].expr = kk.v[i + 1];
      nmi++;
      i++;
    }
  }
  CXCursor canon_cls = clang_getCanonicalCursor(cls);
  for (unsigned j = 0; j < nmi; j++) {
    if (fe_kind_of(mi[j].what) != CXCursor_TypeRef)
      continue;
    CXCursor tref = clang_getCanonicalCursor(clang_getCursorReferenced(mi[j].what));
    if (clang_equalCursors(tref, canon_cls)) { /* a delegating constructor */
      CXCursor call;
      if (fe_cxx_ctor_of(fn, mi[j].expr, &call))
        fe_cxx_construct(fn, call, fe_addr_of(fn, obj), obj);
      else
        (void)fe_lower_val(fn, mi[j].expr);
      return;
    }
  }
  ir_loc floc = fe_name_loc(fn->fu, fdecl);
  for (unsigned i = 0; i < bases->n; i++) {
    CXType bt = clang_getCursorType(bases->v[i]);
    CXCursor bdecl = clang_getCanonicalCursor(clang_getTypeDeclaration(clang_getCanonicalType(bt)));
    int done = 0;
    for (unsigned j = 0; j < nmi && !done; j++) {
      if (fe_kind_of(mi[j].what) != CXCursor_TypeRef)
        continue;
      CXCursor tref = clang_getCanonicalCursor(
          clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(mi[j].what))));
      if (!clang_equalCursors(tref, bdecl))
        continue;
      CXCursor call;
      if (fe_cxx_ctor_of(fn, mi[j].expr, &call))
        fe_cxx_construct(fn, call, fe_addr_of(fn, obj), obj);
      else
        (void)fe_lower_val(fn, mi[j].expr);
      done = 1;
    }
    if (!done)
      default_init(fn, obj, bt, floc, 1);
  }
  for (unsigned i = 0; i < fields->n; i++) {
    const CXCursor *given = NULL;
    ir_loc loc = floc;
    CXCursor fcanon = clang_getCanonicalCursor(fields->v[i]);
    for (unsigned j = 0; j < nmi && !given; j++)
      if (fe_kind_of(mi[j].what) == CXCursor_MemberRef &&
          clang_equalCursors(clang_getCanonicalCursor(clang_getCursorReferenced(mi[j].what)),
                             fcanon)) {
        given = &mi[j].expr;
        loc = fe_cursor_loc(fn->fu, mi[j].what);
      }
    init_field(fn, obj, fields->v[i], given, loc, 0);
  }
}

/* ---- the stack of live objects ------------------------------------------------------ */

/* fe_cxx_push: see fe_internal.h. */
void fe_cxx_push(fe_fn *fn, ir_place *obj, CXType t, unsigned off, int temp, ir_loc loc) {
  if (!fn->fu->is_cxx || !obj || fn->overflow != FE_NONE || (temp && fn->cond_depth))
    return;
  if (class_kind(fn, t, 0) == DT_NONE)
    return;
  unsigned n = fn->cleanup ? fn->cleanup->n + 1 : 1;
  if (n > FE_MAX_CLEANUPS) {
    fe_truncate(fn, "more than 1024 live C++ objects with destructors");
    return;
  }
  fe_cleanup *e = arena_alloc(fn->scratch, sizeof *e);
  e->obj = obj;
  e->type = t;
  e->sdepth = fn->scope ? fn->scope->depth : 0;
  e->owner = fn->owner;
  e->off = off;
  e->n = n;
  e->temp = (unsigned char)temp;
  e->loc = loc;
  e->parent = fn->cleanup;
  fn->cleanup = e;
}

/* fe_cxx_run: see fe_internal.h. */
void fe_cxx_run(fe_fn *fn, fe_cleanup *to, ir_loc loc) {
  for (fe_cleanup *e = fn->cleanup; e && e != to && fn->cur != FE_NONE; e = e->parent)
    fe_cxx_destroy(fn, e->obj, e->type, e->temp ? e->loc : loc);
}

/* fe_cxx_pop: see fe_internal.h. */
void fe_cxx_pop(fe_fn *fn, fe_cleanup *to, ir_loc loc) {
  fe_cxx_run(fn, to, loc);
  fn->cleanup = to;
}

/* fe_cxx_full_expr_end: see fe_internal.h. */
void fe_cxx_full_expr_end(fe_fn *fn, fe_cleanup *mark, const ir_place *keep, ir_loc loc) {
  if (fn->cleanup == mark)
    return;
  fe_cleanup *kept[64];
  unsigned nk = 0;
  for (fe_cleanup *e = fn->cleanup; e && e != mark; e = e->parent) {
    if ((e->temp && (!keep || e->obj != keep)) || nk >= 64) {
      if (fn->cur != FE_NONE)
        fe_cxx_destroy(fn, e->obj, e->type, e->temp ? e->loc : loc);
    } else {
      kept[nk++] = e;
    }
  }
  fn->cleanup = mark;
  while (nk > 0) { /* oldest first */
    fe_cleanup *e = kept[--nk];
    e->temp = 0;
    e->parent = fn->cleanup;
    e->n = fn->cleanup ? fn->cleanup->n + 1 : 1;
    e->owner = fn->owner;
    fn->cleanup = e;
  }
}

/* ---- destruction ------------------------------------------------------------------ */


ir_cond *fe_cxx_nonzero(fe_fn *fn, ir_val v, ir_loc loc) {
  ir_cond *c = arena_alloc(fn->a, sizeof *c);
  c->kind = IR_C_CMP;
  c->op = IR_NE;
  c->lhs = v;
  c->rhs = fe_val_const(0, NULL);
  c->loc = loc;
  return c;
}

/* Runs the deleter of unique_ptr type t on pointer value ptr (at obj: its deleter). */
void fe_cxx_unique_delete(fe_fn *fn, ir_place *obj, CXType t, ir_val ptr, ir_loc loc,
                          unsigned depth) {
  CXType ct = clang_getCanonicalType(t);
  CXType pointee = clang_Type_getTemplateArgumentAsType(ct, 0);
  CXCursor ddef = clang_getNullCursor();
  if (clang_Type_getNumTemplateArguments(ct) >= 2)
    ddef = fe_cxx_record_def(clang_Type_getTemplateArgumentAsType(ct, 1));
  int array = clang_getCanonicalType(pointee).kind == CXType_IncompleteArray;
  if (clang_Cursor_isNull(ddef) || fe_cxx_is_std_class(ddef, "default_delete")) {
    /* delete p / delete[] p */
    CXType et = array ? clang_getArrayElementType(clang_getCanonicalType(pointee)) : pointee;
    if (class_kind(fn, et, depth + 1) != DT_NONE)
      fe_cxx_destroy_depth(fn, fe_deref(fn, ptr), et, loc, depth + 1);
    (void)fe_emit_synth_call(fn, array ? "delete[]" : "delete", 0, &ptr, 1, loc);
    return;
  }
  CXCursor op = find_member(ddef, CXCursor_CXXMethod, "operator()", 0);
  if (clang_Cursor_isNull(op))
    return; /* a deleter we cannot see (a function pointer): nothing */
  ir_val args[2];
  args[0] = fe_addr_of(fn, fe_cxx_named_member(fn, obj, FE_CXX_UP_DEL, 0));
  args[1] = ptr;
  unsigned n = 2;
  if (clang_CXXMethod_isStatic(op)) {
    args[0] = ptr;
    n = 1;
  }
  (void)fe_emit_synth_call(fn, fe_method_name(fn, op), fe_has_definition(op), args, n, loc);
}

/* if (obj.get()) deleter(obj.get()) */
static void unique_destroy(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc, unsigned depth) {
  ir_val ptr = fe_val_place(IR_V_PLACE, fe_cxx_named_member(fn, obj, FE_CXX_UP_PTR, 1));
  unsigned yes = fe_new_block(fn), join = fe_new_block(fn);
  fe_term_branch(fn, fe_cxx_nonzero(fn, ptr, loc), yes, join, loc);
  fn->cur = yes;
  fe_cxx_unique_delete(fn, obj, t, ptr, loc, depth);
  fe_term_goto(fn, join);
  fn->cur = join;
}

void fe_cxx_destroy_depth(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc, unsigned depth) {
  if (!obj || fn->cur == FE_NONE || fn->overflow != FE_NONE || depth > MAX_CLASS_DEPTH)
    return;
  CXType ct = clang_getCanonicalType(t);
  if (ct.kind == CXType_ConstantArray || ct.kind == CXType_IncompleteArray) {
    CXType et = clang_getArrayElementType(ct);
    ir_place *ep = ir_place_extend(fn->a, obj, IR_STEP_INDEX, NULL);
    ep->type_name = fe_type_name(fn->fu, et);
    fe_cxx_destroy_depth(fn, ep, et, loc, depth + 1);
    return;
  }
  CXCursor def = fe_cxx_record_def(ct);
  switch (class_kind(fn, ct, depth)) {
  case DT_NONE:
    return;
  case DT_UNIQUE:
    unique_destroy(fn, obj, ct, loc, depth);
    return;
  case DT_USER: {
    CXCursor d = find_member(def, CXCursor_Destructor, NULL, 0);
    ir_val self = fe_addr_of(fn, obj);
    (void)fe_emit_synth_call(fn, fe_method_name(fn, d), fe_has_definition(d), &self, 1, loc);
    return;
  }
  case DT_IMPLICIT: {
    members mm; /* on the stack: this runs at every exit (depth <= MAX_CLASS_DEPTH) */
    members *m = &mm;
    list_members(def, CXCursor_FieldDecl, m);
    for (unsigned i = m->n; i-- > 0;) {
      CXType ft = clang_getCursorType(m->v[i]);
      if (!fe_is_ref(ft) && class_kind(fn, ft, depth + 1) != DT_NONE)
        fe_cxx_destroy_depth(fn, field_place(fn, obj, m->v[i]), ft, loc, depth + 1);
    }
    list_members(def, CXCursor_CXXBaseSpecifier, m);
    for (unsigned i = m->n; i-- > 0;)
      fe_cxx_destroy_depth(fn, obj, clang_getCursorType(m->v[i]), loc, depth + 1);
    return;
  }
  }
}

/* fe_cxx_destroy: see fe_internal.h. */
void fe_cxx_destroy(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc) {
  fe_cxx_destroy_depth(fn, obj, t, loc, 0);
}

/* ---- temporaries in conditions -------------------------------------------------------- */

typedef struct temps_ctx {
  fe_fn *fn;
  int found;
} temps_ctx;

static enum CXChildVisitResult temps_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  temps_ctx *tc = d;
  enum CXCursorKind k = fe_kind_of(c);
  if (k == CXCursor_LambdaExpr)
    return CXChildVisit_Continue;
  if (k == CXCursor_CallExpr && fe_kind_of(clang_getCursorReferenced(c)) == CXCursor_Constructor &&
      class_kind(tc->fn, clang_getCursorType(c), 0) != DT_NONE) {
    tc->found = 1;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Recurse;
}

/* fe_cxx_has_temps: see fe_internal.h. */
int fe_cxx_has_temps(fe_fn *fn, CXCursor c) {
  temps_ctx tc = {fn, 0};
  if (fe_kind_of(c) == CXCursor_CallExpr) {
    temps_visit(c, c, &tc);
    if (tc.found)
      return 1;
  }
  clang_visitChildren(c, temps_visit, &tc);
  return tc.found;
}
