/* lower_cxx.c - C++ object lifetimes: the implicit `this` parameter, constructor
 * calls on the object they build, member and base initialisers, destructor calls
 * where objects die (end of scope, jumps, exceptions, end of full-expression,
 * delete), new-expressions as allocations, and std::unique_ptr as a pointer whose
 * deleter runs at its destruction.
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

/* unique_ptr is modelled with two members of its own (they print as
 * `p.get()` and `p.get_deleter()`). */
static const char UP_PTR[] = "get()";
static const char UP_DEL[] = "get_deleter()";

static ir_val v_unknown(void) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_UNKNOWN;
  return v;
}

static ir_val v_place(ir_val_kind k, ir_place *p) {
  ir_val v = v_unknown();
  if (!p)
    return v;
  v.kind = k;
  v.place = p;
  return v;
}

static ir_val v_const(int64_t c) {
  ir_val v = v_unknown();
  v.kind = IR_V_CONST;
  v.c = c;
  return v;
}

static enum CXCursorKind kind_of(CXCursor c) { return clang_getCursorKind(c); }

static unsigned off_of(CXCursor c) {
  fe_pos s;
  fe_extent_pos(c, &s, NULL);
  return s.off;
}

static void assign(fe_fn *fn, ir_place *dst, ir_val v, ir_loc loc) {
  ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
  e->dst = dst;
  e->src = v;
}

static int cursor_named(CXCursor c, const char *name) {
  CXString s = clang_getCursorSpelling(c);
  const char *cs = clang_getCString(s);
  int eq = cs && strcmp(cs, name) == 0;
  clang_disposeString(s);
  return eq;
}

/* ---- classes ---------------------------------------------------------------------- */

/* The definition of the class of type t (through typedefs), or a null cursor. */
static CXCursor record_def(CXType t) {
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
static int is_std_class(CXCursor def, const char *name) {
  if (clang_Cursor_isNull(def) || !cursor_named(def, name))
    return 0;
  CXCursor p = clang_getCursorSemanticParent(def);
  for (int guard = 0; guard < 4 && kind_of(p) == CXCursor_Namespace; guard++) {
    if (cursor_named(p, "std"))
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
  if (kind_of(c) != f->kind)
    return CXChildVisit_Continue;
  if (f->name && !cursor_named(c, f->name))
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
  CXCursor def = record_def(t);
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
  if (kind_of(c) == m->kind && m->n < MAX_FIELDS)
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
  if (is_std_class(def, "unique_ptr"))
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
  CXCursor def = record_def(ct);
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

static ir_place *named_member(fe_fn *fn, ir_place *obj, const char *name, int pointer) {
  ir_place *p = ir_place_extend(fn->a, obj, IR_STEP_FIELD, name);
  p->is_pointer = (unsigned char)pointer;
  return p;
}

/* ---- this ------------------------------------------------------------------------- */

static int has_this(CXCursor f) {
  enum CXCursorKind k = kind_of(f);
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
    enum CXCursorKind k = kind_of(c);
    if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
        k != CXCursor_CXXFunctionalCastExpr)
      return c;
    fe_kids kk = fe_children(fn, c);
    CXCursor only = clang_getNullCursor();
    unsigned n = 0;
    for (unsigned i = 0; i < kk.n; i++)
      if (clang_isExpression(kind_of(kk.v[i]))) {
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
    if (kind_of(c) != CXCursor_CallExpr)
      return 0;
    CXCursor ref = clang_getCursorReferenced(c);
    int na = clang_Cursor_getNumArguments(c);
    if (clang_Cursor_isNull(ref) || clang_isInvalid(kind_of(ref))) {
      /* an implicit copy or move of a temporary */
      if (na != 1)
        return 0;
      c = clang_Cursor_getArgument(c, 0);
      continue;
    }
    if (kind_of(ref) != CXCursor_Constructor)
      return 0;
    if (na == 1 && is_copy_or_move(ref)) {
      CXCursor inner;
      if (fe_cxx_ctor_of(fn, clang_Cursor_getArgument(c, 0), &inner)) {
        *call = inner; /* the copy of a temporary is elided */
        return 1;
      }
      if (clang_CXXMethod_isDefaulted(ref) &&
          !is_std_class(clang_getCursorSemanticParent(ref), "unique_ptr"))
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
      assign(fn, fp, fe_lower_addr(fn, *given), loc);
      return;
    }
    fe_lower_init(fn, fp, ft, *given, loc);
    return;
  }
  if (clang_Cursor_isBitField(field))
    return;
  fe_kids kk = fe_children(fn, field);
  for (unsigned i = 0; i < kk.n; i++)
    if (clang_isExpression(kind_of(kk.v[i]))) {
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
  CXCursor def = record_def(t);
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

static void unique_construct(fe_fn *fn, CXCursor call, ir_place *target, ir_loc loc);

/* fe_cxx_construct: see fe_internal.h. */
void fe_cxx_construct(fe_fn *fn, CXCursor call, ir_val self, ir_place *target) {
  CXCursor ref = clang_getCursorReferenced(call);
  ir_loc loc = fe_cursor_loc(fn->fu, call);
  if (clang_Cursor_isNull(ref) || kind_of(ref) != CXCursor_Constructor) {
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
  if (target && is_std_class(cls, "unique_ptr")) {
    unique_construct(fn, call, target, loc);
    return;
  }
  if (na == 1 && is_copy_or_move(ref) && clang_CXXMethod_isDefaulted(ref)) {
    ir_val v = fe_lower_val(fn, clang_Cursor_getArgument(call, 0));
    if (target)
      assign(fn, target, v, loc);
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
    return v_unknown(); /* nothing happens */
  ir_loc loc = fe_cursor_loc(fn->fu, call);
  ir_place *tmp = fe_temp_place(fn, fe_type_name(fn->fu, t));
  ir_event *d = fe_emit(fn, IR_E_DECL, loc);
  d->dst = tmp;
  fe_cxx_construct(fn, call, fe_addr_of(fn, tmp), tmp);
  fe_cxx_push(fn, tmp, t, off_of(call), 1, loc);
  return v_place(IR_V_PLACE, tmp);
}

/* fe_cxx_prologue: see fe_internal.h. */
void fe_cxx_prologue(fe_fn *fn, CXCursor fdecl) {
  enum CXCursorKind k = kind_of(fdecl);
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
    enum CXCursorKind wk = kind_of(kk.v[i]);
    if ((wk == CXCursor_MemberRef || wk == CXCursor_TypeRef) &&
        clang_isExpression(kind_of(kk.v[i + 1]))) {
      mi[nmi].what = kk.v[i];
      mi[nmi].expr = kk.v[i + 1];
      nmi++;
      i++;
    }
  }
  CXCursor canon_cls = clang_getCanonicalCursor(cls);
  for (unsigned j = 0; j < nmi; j++) {
    if (kind_of(mi[j].what) != CXCursor_TypeRef)
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
      if (kind_of(mi[j].what) != CXCursor_TypeRef)
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
      if (kind_of(mi[j].what) == CXCursor_MemberRef &&
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

static void destroy(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc, unsigned depth);

static ir_cond *nonzero(fe_fn *fn, ir_val v, ir_loc loc) {
  ir_cond *c = arena_alloc(fn->a, sizeof *c);
  c->kind = IR_C_CMP;
  c->op = IR_NE;
  c->lhs = v;
  c->rhs = v_const(0);
  c->loc = loc;
  return c;
}

/* Runs the deleter of unique_ptr type t on pointer value ptr (at obj: its deleter). */
static void unique_delete(fe_fn *fn, ir_place *obj, CXType t, ir_val ptr, ir_loc loc,
                          unsigned depth) {
  CXType ct = clang_getCanonicalType(t);
  CXType pointee = clang_Type_getTemplateArgumentAsType(ct, 0);
  CXCursor ddef = clang_getNullCursor();
  if (clang_Type_getNumTemplateArguments(ct) >= 2)
    ddef = record_def(clang_Type_getTemplateArgumentAsType(ct, 1));
  int array = clang_getCanonicalType(pointee).kind == CXType_IncompleteArray;
  if (clang_Cursor_isNull(ddef) || is_std_class(ddef, "default_delete")) {
    /* delete p / delete[] p */
    CXType et = array ? clang_getArrayElementType(clang_getCanonicalType(pointee)) : pointee;
    if (class_kind(fn, et, depth + 1) != DT_NONE)
      destroy(fn, fe_deref(fn, ptr), et, loc, depth + 1);
    (void)fe_emit_synth_call(fn, array ? "delete[]" : "delete", 0, &ptr, 1, loc);
    return;
  }
  CXCursor op = find_member(ddef, CXCursor_CXXMethod, "operator()", 0);
  if (clang_Cursor_isNull(op))
    return; /* a deleter we cannot see (a function pointer): nothing */
  ir_val args[2];
  args[0] = fe_addr_of(fn, named_member(fn, obj, UP_DEL, 0));
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
  ir_val ptr = v_place(IR_V_PLACE, named_member(fn, obj, UP_PTR, 1));
  unsigned yes = fe_new_block(fn), join = fe_new_block(fn);
  fe_term_branch(fn, nonzero(fn, ptr, loc), yes, join, loc);
  fn->cur = yes;
  unique_delete(fn, obj, t, ptr, loc, depth);
  fe_term_goto(fn, join);
  fn->cur = join;
}

static void destroy(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc, unsigned depth) {
  if (!obj || fn->cur == FE_NONE || fn->overflow != FE_NONE || depth > MAX_CLASS_DEPTH)
    return;
  CXType ct = clang_getCanonicalType(t);
  if (ct.kind == CXType_ConstantArray || ct.kind == CXType_IncompleteArray) {
    CXType et = clang_getArrayElementType(ct);
    ir_place *ep = ir_place_extend(fn->a, obj, IR_STEP_INDEX, NULL);
    ep->type_name = fe_type_name(fn->fu, et);
    destroy(fn, ep, et, loc, depth + 1);
    return;
  }
  CXCursor def = record_def(ct);
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
        destroy(fn, field_place(fn, obj, m->v[i]), ft, loc, depth + 1);
    }
    list_members(def, CXCursor_CXXBaseSpecifier, m);
    for (unsigned i = m->n; i-- > 0;)
      destroy(fn, obj, clang_getCursorType(m->v[i]), loc, depth + 1);
    return;
  }
  }
}

/* fe_cxx_destroy: see fe_internal.h. */
void fe_cxx_destroy(fe_fn *fn, ir_place *obj, CXType t, ir_loc loc) {
  destroy(fn, obj, t, loc, 0);
}

/* ---- temporaries in conditions -------------------------------------------------------- */

typedef struct temps_ctx {
  fe_fn *fn;
  int found;
} temps_ctx;

static enum CXChildVisitResult temps_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  temps_ctx *tc = d;
  enum CXCursorKind k = kind_of(c);
  if (k == CXCursor_LambdaExpr)
    return CXChildVisit_Continue;
  if (k == CXCursor_CallExpr && kind_of(clang_getCursorReferenced(c)) == CXCursor_Constructor &&
      class_kind(tc->fn, clang_getCursorType(c), 0) != DT_NONE) {
    tc->found = 1;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Recurse;
}

/* fe_cxx_has_temps: see fe_internal.h. */
int fe_cxx_has_temps(fe_fn *fn, CXCursor c) {
  temps_ctx tc = {fn, 0};
  if (kind_of(c) == CXCursor_CallExpr) {
    temps_visit(c, c, &tc);
    if (tc.found)
      return 1;
  }
  clang_visitChildren(c, temps_visit, &tc);
  return tc.found;
}

/* ---- new and delete --------------------------------------------------------------------- */

static int tok_is(fe_fn *fn, int i, const char *s) {
  return i >= 0 && (unsigned)i < fn->ntoks && strcmp(fn->toks[i].sp, s) == 0;
}

/* Index of the token that closes the bracket opened at token i (or -1). */
static int tok_close(fe_fn *fn, int i, unsigned end) {
  int depth = 0;
  for (int j = i; j >= 0 && (unsigned)j < fn->ntoks && fn->toks[j].off < end; j++) {
    const char *s = fn->toks[j].sp;
    if (!strcmp(s, "(") || !strcmp(s, "[") || !strcmp(s, "{"))
      depth++;
    else if ((!strcmp(s, ")") || !strcmp(s, "]") || !strcmp(s, "}")) && --depth == 0)
      return j;
  }
  return -1;
}

/* The keyword token (new/delete) of expression c, after an optional `::`; -1 when
 * its tokens cannot be seen (a macro). */
static int keyword_tok(fe_fn *fn, CXCursor c, const char *kw, unsigned *end) {
  fe_pos s, e;
  fe_extent_pos(c, &s, &e);
  if (s.file != fn->file || e.file != s.file)
    return -1;
  *end = e.off;
  int i = fe_tok_at(fn, s.off);
  if (tok_is(fn, i, "::"))
    i++;
  return tok_is(fn, i, kw) ? i : -1;
}

/* fe_cxx_new: see fe_internal.h. */
ir_val fe_cxx_new(fe_fn *fn, CXCursor c, ir_place *dst, ir_loc dst_loc) {
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fe_kids kk = fe_children(fn, c);
  unsigned end = 0;
  int kw = keyword_tok(fn, c, "new", &end);
  unsigned pl_end = 0, br_open = 0, br_close = 0;
  int placement = 0, array = 0;
  if (kw >= 0) {
    int i = kw + 1;
    if (tok_is(fn, i, "(")) {
      int cl = tok_close(fn, i, end);
      if (cl > 0) {
        placement = 1;
        pl_end = fn->toks[cl].off;
        i = cl + 1;
      }
    }
    /* the type, up to ( { [ or the end */
    int depth = 0;
    for (; i >= 0 && (unsigned)i < fn->ntoks && fn->toks[i].off < end; i++) {
      const char *s = fn->toks[i].sp;
      if (!strcmp(s, "<"))
        depth++;
      else if (!strcmp(s, ">") && depth > 0)
        depth--;
      else if (depth == 0 && (!strcmp(s, "(") || !strcmp(s, "{")))
        break;
      else if (depth == 0 && !strcmp(s, "[")) {
        int cl = tok_close(fn, i, end);
        array = 1;
        br_open = fn->toks[i].off;
        br_close = cl > 0 ? fn->toks[cl].off : end;
        break;
      }
    }
  }
  ir_val res = v_unknown();
  int have_res = 0;
  CXCursor init = clang_getNullCursor();
  for (unsigned i = 0; i < kk.n; i++) {
    CXCursor x = kk.v[i];
    if (!clang_isExpression(kind_of(x)))
      continue;
    unsigned o = off_of(x);
    if (placement && o < pl_end) {
      ir_val v = fe_lower_val(fn, x);
      if (!have_res) {
        res = v; /* placement new: the storage given */
        have_res = 1;
      }
    } else if (array && o > br_open && o < br_close) {
      (void)fe_lower_val(fn, x); /* the size */
    } else {
      init = x;
    }
  }
  if (!placement) {
    unsigned id = fe_emit_synth_call(fn, array ? "new[]" : "new", 0, NULL, 0, loc);
    res = v_unknown();
    res.kind = IR_V_CALL;
    res.call = id;
  }
  if (dst) {
    assign(fn, dst, res, dst_loc);
    res = v_place(IR_V_PLACE, dst);
  }
  if (!clang_Cursor_isNull(init)) {
    CXCursor call;
    if (fe_cxx_ctor_of(fn, init, &call))
      fe_cxx_construct(fn, call, res, NULL);
    else if (res.kind == IR_V_PLACE || res.kind == IR_V_ADDR)
      fe_lower_init(fn, fe_deref(fn, res), clang_getCursorType(init), init, loc);
    else
      (void)fe_lower_val(fn, init);
  }
  return res;
}

/* fe_cxx_delete: see fe_internal.h. */
void fe_cxx_delete(fe_fn *fn, CXCursor c) {
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  unsigned end = 0;
  int kw = keyword_tok(fn, c, "delete", &end);
  int array = kw >= 0 && tok_is(fn, kw + 1, "[");
  fe_kids kk = fe_children(fn, c);
  CXCursor op = clang_getNullCursor();
  for (unsigned i = 0; i < kk.n && clang_Cursor_isNull(op); i++)
    if (clang_isExpression(kind_of(kk.v[i])))
      op = kk.v[i];
  if (clang_Cursor_isNull(op))
    return;
  ir_val v = fe_lower_val(fn, op);
  CXType pt = clang_getCanonicalType(clang_getCursorType(op));
  if (pt.kind == CXType_Pointer) {
    CXType t = clang_getPointeeType(pt);
    if (class_kind(fn, t, 0) != DT_NONE) {
      /* the static type's destructor (a virtual one may be another class's) */
      ir_place *obj = array && v.kind == IR_V_PLACE
                          ? ir_place_extend(fn->a, v.place, IR_STEP_INDEX, NULL) /* p[] */
                          : fe_deref(fn, v);
      destroy(fn, obj, t, loc, 0);
    }
  }
  (void)fe_emit_synth_call(fn, array ? "delete[]" : "delete", 0, &v, 1, loc);
}

/* ---- std::unique_ptr, std::move ------------------------------------------------------------ */

/* unique_ptr<T, D> p(args) at target: p.get() = the pointer (or 0; or taken from
 * another unique_ptr, which is left empty). */
static void unique_construct(fe_fn *fn, CXCursor call, ir_place *target, ir_loc loc) {
  int na = clang_Cursor_getNumArguments(call);
  ir_place *ptr = named_member(fn, target, UP_PTR, 1);
  ir_val v = v_const(0);
  for (int i = 0; i < na; i++) {
    CXCursor a = clang_Cursor_getArgument(call, (unsigned)i);
    CXType at = clang_getCanonicalType(clang_getCursorType(a));
    if (i == 0 && is_std_class(record_def(at), "unique_ptr")) {
      ir_place *src = fe_lower_place(fn, a);
      if (src) {
        ir_place *sp = named_member(fn, src, UP_PTR, 1);
        v = v_place(IR_V_PLACE, sp);
        ir_place *t = fe_temp_place(fn, NULL);
        t->is_pointer = 1;
        assign(fn, t, v, loc);
        assign(fn, sp, v_const(0), loc);
        v = v_place(IR_V_PLACE, t);
      } else {
        v = v_unknown();
      }
    } else if (i == 0) {
      v = fe_lower_val(fn, a);
    } else {
      (void)fe_lower_val(fn, a); /* the deleter */
    }
  }
  assign(fn, ptr, v, loc);
}

/* The object a member call c of a unique_ptr works on (operator syntax: its first
 * operand, *first_arg = 1). */
static ir_place *member_object(fe_fn *fn, CXCursor c, CXCursor ref, int *first_arg) {
  *first_arg = 0;
  fe_kids kk = fe_children(fn, c);
  for (unsigned i = 0; i < kk.n; i++) {
    CXCursor x = fe_strip(kk.v[i]);
    if (kind_of(x) == CXCursor_MemberRefExpr &&
        clang_equalCursors(clang_getCursorReferenced(x), ref)) {
      fe_kids mk = fe_children(fn, x);
      for (unsigned j = 0; j < mk.n; j++)
        if (clang_isExpression(kind_of(mk.v[j]))) {
          CXCursor base = mk.v[j];
          if (clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer)
            return fe_deref(fn, fe_lower_val(fn, base));
          return fe_lower_place(fn, base);
        }
      return fe_deref(fn, v_place(IR_V_PLACE, fe_this_place(fn)));
    }
  }
  if (clang_Cursor_getNumArguments(c) < 1)
    return NULL;
  *first_arg = 1;
  return fe_lower_place(fn, clang_Cursor_getArgument(c, 0));
}

/* p.reset(v) / p = nullptr / p = std::move(q): the old pointer is deleted when not
 * null, p.get() becomes v. */
static void unique_reset(fe_fn *fn, ir_place *obj, CXType t, ir_val v, ir_loc loc) {
  ir_place *ptr = named_member(fn, obj, UP_PTR, 1);
  ir_place *old = fe_temp_place(fn, NULL);
  old->is_pointer = 1;
  assign(fn, old, v_place(IR_V_PLACE, ptr), loc);
  assign(fn, ptr, v, loc);
  ir_val ov = v_place(IR_V_PLACE, old);
  unsigned yes = fe_new_block(fn), join = fe_new_block(fn);
  fe_term_branch(fn, nonzero(fn, ov, loc), yes, join, loc);
  fn->cur = yes;
  unique_delete(fn, obj, t, ov, loc, 0);
  fe_term_goto(fn, join);
  fn->cur = join;
}

/* The value of the pointer taken out of unique_ptr expression a (std::move(q)
 * or a temporary), leaving it empty; unknown for anything else. */
static ir_val unique_take(fe_fn *fn, CXCursor a, ir_loc loc) {
  ir_place *src = fe_lower_place(fn, a); /* a temporary is materialised */
  if (!src)
    return v_unknown();
  ir_place *sp = named_member(fn, src, UP_PTR, 1);
  ir_place *t = fe_temp_place(fn, NULL);
  t->is_pointer = 1;
  assign(fn, t, v_place(IR_V_PLACE, sp), loc);
  assign(fn, sp, v_const(0), loc);
  return v_place(IR_V_PLACE, t);
}

static int unique_member(fe_fn *fn, CXCursor c, CXCursor ref, ir_val *out) {
  CXCursor cls = clang_getCursorSemanticParent(ref);
  CXType t = clang_getCursorType(cls);
  CXString s = clang_getCursorSpelling(ref);
  char name[32];
  snprintf(name, sizeof name, "%s", clang_getCString(s) ? clang_getCString(s) : "");
  clang_disposeString(s);
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  int first = 0;
  ir_place *obj = member_object(fn, c, ref, &first);
  if (!obj) {
    *out = v_unknown();
    return 0;
  }
  int na = clang_Cursor_getNumArguments(c) - first;
  ir_place *ptr = named_member(fn, obj, UP_PTR, 1);
  if (!strcmp(name, "get") || !strcmp(name, "operator->") || !strcmp(name, "operator bool") ||
      !strcmp(name, "operator*")) {
    *out = v_place(IR_V_PLACE, ptr); /* operator*: T& given as its address */
    return 1;
  }
  if (!strcmp(name, "get_deleter")) {
    *out = fe_addr_of(fn, named_member(fn, obj, UP_DEL, 0));
    return 1;
  }
  if (!strcmp(name, "release")) {
    ir_place *tmp = fe_temp_place(fn, NULL);
    tmp->is_pointer = 1;
    assign(fn, tmp, v_place(IR_V_PLACE, ptr), loc);
    assign(fn, ptr, v_const(0), loc);
    *out = v_place(IR_V_PLACE, tmp);
    return 1;
  }
  if (!strcmp(name, "reset") || !strcmp(name, "operator=")) {
    ir_val v = v_const(0);
    if (na >= 1) {
      CXCursor a = clang_Cursor_getArgument(c, (unsigned)first);
      CXType at = clang_getCanonicalType(clang_getCursorType(a));
      if (is_std_class(record_def(at), "unique_ptr"))
        v = unique_take(fn, a, loc);
      else if (kind_of(a) == CXCursor_UnexposedExpr && fe_children(fn, a).n == 0)
        v = v_const(0); /* reset(): the default argument nullptr */
      else
        v = fe_lower_val(fn, a);
    }
    unique_reset(fn, obj, t, v, loc);
    *out = fe_addr_of(fn, obj);
    return 1;
  }
  if (!strcmp(name, "swap") && na == 1) {
    ir_place *other = fe_lower_place(fn, clang_Cursor_getArgument(c, (unsigned)first));
    if (other) {
      ir_place *op = named_member(fn, other, UP_PTR, 1);
      ir_place *tmp = fe_temp_place(fn, NULL);
      tmp->is_pointer = 1;
      assign(fn, tmp, v_place(IR_V_PLACE, ptr), loc);
      assign(fn, ptr, v_place(IR_V_PLACE, op), loc);
      assign(fn, op, v_place(IR_V_PLACE, tmp), loc);
    }
    *out = v_unknown();
    return 1;
  }
  /* anything else: the object is used, nothing changes */
  for (int i = first; i < clang_Cursor_getNumArguments(c); i++)
    (void)fe_lower_val(fn, clang_Cursor_getArgument(c, (unsigned)i));
  *out = v_unknown();
  return 1;
}

/* fe_cxx_special_call: see fe_internal.h. */
int fe_cxx_special_call(fe_fn *fn, CXCursor c, CXCursor ref, ir_val *out) {
  if (!fn->fu->is_cxx)
    return 0;
  enum CXCursorKind rk = kind_of(ref);
  CXCursor parent = clang_getCursorSemanticParent(ref);
  if (rk == CXCursor_FunctionDecl && kind_of(parent) == CXCursor_Namespace &&
      clang_Cursor_getNumArguments(c) == 1 &&
      (cursor_named(ref, "move") || cursor_named(ref, "forward") ||
       cursor_named(ref, "addressof"))) {
    CXCursor p = parent;
    int in_std = 0;
    for (int guard = 0; guard < 4 && kind_of(p) == CXCursor_Namespace && !in_std; guard++) {
      in_std = cursor_named(p, "std");
      p = clang_getCursorSemanticParent(p);
    }
    if (!in_std)
      return 0;
    *out = fe_lower_addr(fn, clang_Cursor_getArgument(c, 0)); /* a reference or &x */
    return 1;
  }
  if ((rk == CXCursor_CXXMethod || rk == CXCursor_ConversionFunction) &&
      is_std_class(parent, "unique_ptr"))
    return unique_member(fn, c, ref, out);
  return 0;
}
