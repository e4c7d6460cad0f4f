/* lower_call.c - calls to IR call events: callee names, throwing and noreturn
 * callees, arguments in evaluation order.
 *
 * Part of the expression lowering (lower_expr.c has the values; the helpers all four
 * parts share are declared in fe_internal.h, "lower_expr.c and its parts"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

/* ---- calls ---------------------------------------------------------------------------- */

typedef struct overload_ctx {
  CXCursor fn;
  const char *name;
  unsigned n;
} overload_ctx;

static enum CXChildVisitResult overload_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  overload_ctx *o = d;
  enum CXCursorKind k = fe_kind_of(c);
  if (k != CXCursor_CXXMethod && k != CXCursor_Constructor && k != CXCursor_ConversionFunction &&
      k != CXCursor_FunctionTemplate)
    return CXChildVisit_Continue;
  CXString s = clang_getCursorSpelling(c);
  const char *cs = clang_getCString(s);
  if (cs && strcmp(cs, o->name) == 0)
    o->n++;
  clang_disposeString(s);
  return o->n > 1 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The class that declares method c has several members of its name. */
static int overloaded(CXCursor c, const char *name) {
  CXCursor cls = clang_getCursorSemanticParent(c);
  CXCursor def = clang_getCursorDefinition(cls);
  overload_ctx o = {c, name, 0};
  clang_visitChildren(clang_Cursor_isNull(def) ? cls : def, overload_visit, &o);
  return o.n > 1;
}

static int word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Callee names have no blanks (summary files and rules separate words by them):
 * a blank between two words becomes '_' ("operator_bool", "const_Cred&"), any
 * other one is dropped ("Cred(int,int)"). */
static void no_blanks(char *s) {
  char *w = s;
  for (char *r = s; *r; r++) {
    if (*r != ' ') {
      *w++ = *r;
      continue;
    }
    if (w > s && word_char(w[-1]) && word_char(r[1]))
      *w++ = '_';
  }
  *w = 0;
}

/* fe_function_name: see fe_internal.h. */
const char *fe_function_name(fe_unit *fu, CXCursor ref) {
  enum CXCursorKind rk = fe_kind_of(ref);
  CXString s = clang_getCursorSpelling(ref);
  const char *name = clang_getCString(s);
  const char *r;
  if (rk == CXCursor_CXXMethod || rk == CXCursor_Constructor || rk == CXCursor_Destructor ||
      rk == CXCursor_ConversionFunction) {
    CXString ps = clang_getCursorSpelling(clang_getCursorSemanticParent(ref));
    const char *pn = clang_getCString(ps);
    char buf[512];
    if (rk != CXCursor_Destructor && overloaded(ref, name ? name : "")) {
      /* overloads (constructors, above all) get their parameter types: Cred::Cred(int) */
      CXString ds = clang_getCursorDisplayName(ref);
      snprintf(buf, sizeof buf, "%s::%s", pn ? pn : "?",
               clang_getCString(ds) ? clang_getCString(ds) : "?");
      clang_disposeString(ds);
    } else {
      snprintf(buf, sizeof buf, "%s::%s", pn ? pn : "?", name ? name : "?");
    }
    no_blanks(buf);
    r = fe_intern(fu, buf);
    clang_disposeString(ps);
  } else {
    r = fe_intern(fu, name ? name : "");
  }
  clang_disposeString(s);
  return r;
}

/* fe_method_name: see fe_internal.h. */
const char *fe_method_name(fe_fn *fn, CXCursor ref) { return fe_function_name(fn->fu, ref); }

/* fe_has_definition: see fe_internal.h. */
int fe_has_definition(CXCursor ref) {
  CXCursor d = clang_getCursorDefinition(ref);
  return !clang_Cursor_isNull(d) && clang_isCursorDefinition(d);
}

/* Whether a call may throw a C++ exception (for the edges to the handlers of an
 * enclosing try): not for the rules' APIs (C APIs returning a status), functions with
 * C language linkage (as with MSVC's /EHsc) and noexcept functions. */
static int may_throw(fe_fn *fn, CXCursor call, const ir_call *ic) {
  if (fn->fu->r && rules_match_call(fn->fu->r, ic))
    return 0;
  if (ic->indirect)
    return 1;
  CXCursor ref = clang_getCursorReferenced(call);
  if (clang_Cursor_isNull(ref) || clang_isInvalid(clang_getCursorKind(ref)))
    return 1;
  int es = clang_getCursorExceptionSpecificationType(ref);
  if (es == CXCursor_ExceptionSpecificationKind_BasicNoexcept ||
      es == CXCursor_ExceptionSpecificationKind_DynamicNone ||
      es == CXCursor_ExceptionSpecificationKind_NoThrow)
    return 0;
  if (clang_getCursorKind(ref) != CXCursor_FunctionDecl)
    return 1;
  CXString m = clang_Cursor_getMangling(ref);
  const char *ms = clang_getCString(m);
  int cxx = ms && strncmp(ms, "_Z", 2) == 0; /* Itanium mangling: C++ linkage */
  clang_disposeString(m);
  return cxx;
}

/* The function declaration says it never returns: in its type (__declspec(noreturn),
 * __attribute__((noreturn))) or as a keyword/attribute before its name (_Noreturn,
 * [[noreturn]]). */
static int decl_noreturn(fe_fn *fn, CXCursor ref) {
  enum CXCursorKind rk = clang_getCursorKind(ref);
  if (rk != CXCursor_FunctionDecl && rk != CXCursor_CXXMethod)
    return 0;
  CXString ts = clang_getTypeSpelling(clang_getCursorType(ref));
  const char *t = clang_getCString(ts);
  int nr = t && strstr(t, "noreturn") != NULL;
  clang_disposeString(ts);
  if (nr)
    return 1;
  CXTranslationUnit tu = clang_Cursor_getTranslationUnit(ref);
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(ref), &toks, &n);
  CXString name = clang_getCursorSpelling(ref);
  const char *nm = clang_getCString(name);
  for (unsigned i = 0; i < n && i < 64 && !nr; i++) {
    CXString sp = clang_getTokenSpelling(tu, toks[i]);
    const char *x = clang_getCString(sp);
    if (x && nm && strcmp(x, nm) == 0) {
      clang_disposeString(sp);
      break;
    }
    if (x && (strcmp(x, "_Noreturn") == 0 || strcmp(x, "noreturn") == 0))
      nr = 1;
    clang_disposeString(sp);
  }
  clang_disposeString(name);
  if (toks)
    clang_disposeTokens(tu, toks, n);
  (void)fn;
  return nr;
}

static ir_event *new_call_event(fe_fn *fn, const char *name, ir_loc loc) {
  ir_event *e = fe_emit(fn, IR_E_CALL, loc);
  e->call.id = fn->next_call++;
  e->call.name = name ? name : "";
  return e;
}

/* fe_emit_call: see fe_internal.h. */
ir_val fe_emit_call(fe_fn *fn, CXCursor c, const char *name, const char *type_name, int indirect,
                    int has_body, int first_arg, const ir_val *self, CXType fty) {
  int na = clang_Cursor_getNumArguments(c);
  if (na < 0)
    na = 0;
  unsigned n = na > first_arg ? (unsigned)(na - first_arg) : 0;
  unsigned off = self ? 1u : 0u;
  ir_val *args = n + off ? arena_alloc(fn->a, (n + off) * sizeof *args) : NULL;
  if (self)
    args[0] = *self;
  int nparams = fty.kind == CXType_FunctionProto ? clang_getNumArgTypes(fty) : 0;
  for (unsigned i = 0; i < n; i++) {
    CXCursor a = clang_Cursor_getArgument(c, (unsigned)first_arg + i);
    int by_ref = (int)i < nparams && fe_is_ref(clang_getArgType(fty, i));
    args[off + i] = by_ref ? fe_lower_addr(fn, a) : fe_lower_val(fn, a);
  }
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  int before = fn->edge_before;
  fn->edge_before = 0;
  ir_call probe;
  memset(&probe, 0, sizeof probe);
  probe.name = name ? name : "";
  probe.type_name = type_name;
  probe.indirect = (unsigned char)indirect;
  int throws = fn->scope && fn->scope->kind == FE_SC_CXXTRY && may_throw(fn, c, &probe);
  if (throws && before) {
    /* a constructor that throws has built nothing: the edge leaves before it */
    fn->exc_loc = loc;
    fe_note_call(fn);
    fe_exc_flush(fn);
  }
  ir_event *e = new_call_event(fn, name, loc);
  e->call.type_name = type_name;
  e->call.indirect = (unsigned char)indirect;
  e->call.has_body = (unsigned char)has_body;
  if (!indirect)
    e->call.noreturn = (unsigned char)decl_noreturn(fn, clang_getCursorReferenced(c));
  e->call.nargs = n + off;
  e->call.args = args;
  unsigned id = e->call.id;
  if (throws && !before) {
    fn->exc_loc = loc;
    fe_note_call(fn);
  }
  ir_val v = fe_val_unknown();
  v.kind = IR_V_CALL;
  v.call = id;
  return v;
}

/* fe_emit_synth_call: see fe_internal.h. */
unsigned fe_emit_synth_call(fe_fn *fn, const char *name, int has_body, const ir_val *args,
                            unsigned nargs, ir_loc loc) {
  ir_val *a = nargs ? arena_alloc(fn->a, nargs * sizeof *a) : NULL;
  if (nargs)
    memcpy(a, args, nargs * sizeof *a);
  ir_event *e = new_call_event(fn, name, loc);
  e->call.has_body = (unsigned char)has_body;
  e->call.nargs = nargs;
  e->call.args = a;
  return e->call.id;
}

static ir_val emit_call(fe_fn *fn, CXCursor c, const char *name, const char *type_name,
                        int indirect, int has_body, int first_arg, CXType fty) {
  return fe_emit_call(fn, c, name, type_name, indirect, has_body, first_arg, NULL, fty);
}

/* The function type of a callee expression (through one pointer level). */
static CXType callee_fty(CXCursor callee) {
  CXType t = clang_getCanonicalType(clang_getCursorType(callee));
  if (t.kind == CXType_Pointer)
    t = clang_getCanonicalType(clang_getPointeeType(t));
  return t;
}

ir_val fe_lower_call(fe_fn *fn, CXCursor c) {
  CXCursor ref = clang_getCursorReferenced(c);
  enum CXCursorKind rk = fe_kind_of(ref);
  int na = clang_Cursor_getNumArguments(c);
  if (rk == CXCursor_Constructor) {
    if (na == 1 && (clang_CXXConstructor_isCopyConstructor(ref) ||
                    clang_CXXConstructor_isMoveConstructor(ref))) {
      CXCursor tc;
      if (fe_cxx_ctor_of(fn, clang_Cursor_getArgument(c, 0), &tc))
        return fe_cxx_temporary(fn, tc); /* a copy of a temporary is elided */
      if (fe_cxx_ctor_of(fn, c, &tc))
        return fe_cxx_temporary(fn, tc); /* a user copy/move constructor, std::unique_ptr */
      return fe_lower_val(fn, clang_Cursor_getArgument(c, 0));
    }
    return fe_cxx_temporary(fn, c);
  }
  fe_kids kk = fe_expr_kids(fn, c);
  if ((clang_Cursor_isNull(ref) || clang_isInvalid(rk)) && na == 1 && kk.n == 1 &&
      clang_equalCursors(kk.v[0], clang_Cursor_getArgument(c, 0)))
    return fe_lower_val(fn, kk.v[0]); /* an implicit copy/move of a temporary */
  CXType rty = fe_is_function_like(rk) ? clang_getCursorType(ref) : clang_getCursorType(c);
  ir_val special;
  if (fe_is_function_like(rk) && fe_cxx_special_call(fn, c, ref, &special)) {
    /* a reference result is given as an address: the value is the referent's */
    if (fe_is_ref(clang_getCursorResultType(ref)) &&
        (special.kind == IR_V_ADDR || special.kind == IR_V_PLACE))
      return fe_val_place(IR_V_PLACE, fe_deref(fn, special));
    return special;
  }
  const char *spell = NULL;
  if (rk == CXCursor_FunctionDecl || rk == CXCursor_CXXMethod)
    spell = fe_method_name(fn, ref);
  if (spell && strncmp(spell, "__builtin_unreachable", 21) == 0 && rk == CXCursor_FunctionDecl) {
    fe_term_unreachable(fn);
    return fe_val_unknown();
  }
  if (spell && strcmp(spell, "__builtin_expect") == 0 && na >= 1) {
    ir_val v = fe_lower_val(fn, clang_Cursor_getArgument(c, 0));
    if (na >= 2)
      (void)fe_lower_val(fn, clang_Cursor_getArgument(c, 1));
    return v;
  }
  /* Overloaded operators (C++): operator= on a copy is an assignment. */
  if (spell && (rk == CXCursor_CXXMethod || rk == CXCursor_FunctionDecl)) {
    CXString rs = clang_getCursorSpelling(ref);
    const char *rn = clang_getCString(rs);
    int is_op = rn && strncmp(rn, "operator", 8) == 0 &&
                (rn[8] == '=' || rn[8] == '(' || rn[8] == '[' || rn[8] == '-' || rn[8] == '+' ||
                 rn[8] == '*' || rn[8] == '<' || rn[8] == '>' || rn[8] == '!' || rn[8] == '&' ||
                 rn[8] == '|' || rn[8] == '^' || rn[8] == '%' || rn[8] == '/' || rn[8] == '~' ||
                 rn[8] == ',' || rn[8] == ' ');
    int is_assign = rn && strcmp(rn, "operator=") == 0;
    clang_disposeString(rs);
    /* a.operator=(b) is a member call (the callee names the method); a = b an
     * operator call whose arguments are all the operands */
    int member_syntax = kk.n && fe_kind_of(fe_strip(kk.v[0])) == CXCursor_MemberRefExpr &&
                        clang_equalCursors(clang_getCursorReferenced(fe_strip(kk.v[0])), ref);
    if (is_op && na >= 1 && !member_syntax) {
      /* CXXOperatorCallExpr: every operand is an argument */
      if (is_assign && na == 2 && clang_CXXMethod_isDefaulted(ref)) {
        ir_val v = fe_lower_val(fn, clang_Cursor_getArgument(c, 1));
        ir_place *p = fe_lower_place(fn, clang_Cursor_getArgument(c, 0));
        ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, c));
        e->dst = p;
        e->src = v;
        return v;
      }
      if (rk == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(ref)) {
        /* a member operator: the first operand is the object */
        ir_val self = fe_lower_addr(fn, clang_Cursor_getArgument(c, 0));
        return fe_emit_call(fn, c, spell, NULL, 0, fe_has_definition(ref), 1, &self, rty);
      }
      return emit_call(fn, c, spell, NULL, 0, fe_has_definition(ref), 0, rty);
    }
  }
  if (!kk.n)
    return emit_call(fn, c, spell ? spell : "", NULL, spell == NULL,
                     spell && fe_has_definition(ref), 0, rty);
  /* The callee expression: f, t->Fn, t.Fn, pfn, (*pfn), obj.method */
  CXCursor callee = kk.v[0];
  for (int guard = 0; guard < 64; guard++) {
    CXCursor inner;
    if (fe_wrapper_inner(fn, callee, &inner)) {
      callee = inner;
      continue;
    }
    if (fe_kind_of(callee) == CXCursor_UnaryOperator) {
      fe_kids uk = fe_expr_kids(fn, callee);
      if (uk.n == 1) {
        const char *op = fe_unary_op(fn, callee);
        if (op && strcmp(op, "*") == 0) {
          callee = uk.v[0];
          continue;
        }
      }
    }
    break;
  }
  enum CXCursorKind ck = fe_kind_of(callee);
  if (ck == CXCursor_DeclRefExpr) {
    CXCursor cref = clang_getCursorReferenced(callee);
    enum CXCursorKind crk = fe_kind_of(cref);
    if (crk == CXCursor_FunctionDecl || crk == CXCursor_CXXMethod)
      return emit_call(fn, c, fe_method_name(fn, cref), NULL, 0, fe_has_definition(cref), 0,
                       clang_getCursorType(cref));
    if (crk == CXCursor_VarDecl || crk == CXCursor_ParmDecl) {
      const char *nm = fe_str(fn->a, clang_getCursorSpelling(cref));
      const char *tn = fe_typedef_name(fn->fu, clang_getCursorType(callee));
      return emit_call(fn, c, fe_intern(fn->fu, nm), tn, 1, 0, 0, callee_fty(callee));
    }
  } else if (ck == CXCursor_MemberRefExpr) {
    CXCursor mref = clang_getCursorReferenced(callee);
    enum CXCursorKind mk = fe_kind_of(mref);
    fe_kids mk_kids = fe_expr_kids(fn, callee);
    if (mk == CXCursor_CXXMethod || mk == CXCursor_Destructor || mk == CXCursor_ConversionFunction) {
      /* obj.m(a) -> Class::m(&obj, a); p->m(a) -> Class::m(p, a); m(a) in a method ->
       * Class::m(this, a). The object is evaluated first. */
      ir_val self = fe_val_place(IR_V_PLACE, fe_this_place(fn));
      if (mk_kids.n) {
        CXCursor base = mk_kids.v[0];
        int arrow = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer;
        self = arrow ? fe_lower_val(fn, base) : fe_lower_addr(fn, base);
      }
      int is_static = mk == CXCursor_CXXMethod && clang_CXXMethod_isStatic(mref);
      return fe_emit_call(fn, c, fe_method_name(fn, mref), NULL, 0, fe_has_definition(mref), 0,
                          is_static ? NULL : &self, clang_getCursorType(mref));
    }
    if (mk_kids.n)
      (void)fe_lower_val(fn, mk_kids.v[0]); /* the object: calls in it happen first */
    const char *nm = fe_str(fn->scratch, clang_getCursorSpelling(callee));
    const char *tn = fe_typedef_name(fn->fu, clang_getCursorType(callee));
    return emit_call(fn, c, fe_intern(fn->fu, nm), tn, 1, 0, 0, callee_fty(callee));
  }
  (void)fe_lower_val(fn, callee);
  return emit_call(fn, c, "", fe_typedef_name(fn->fu, clang_getCursorType(callee)), 1, 0, 0,
                   callee_fty(callee));
}
