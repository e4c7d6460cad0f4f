/* test_rules.c - the rules module: rules/sspi.yaml and the files of tests/rules/ loaded
 * into tables, the lookups the engine uses, overriding by later files, and the
 * "path:line: message" errors of the invalid files tests/rules/bad-*.yaml (each
 * states its expected error in a "# expect-error: LINE: MESSAGE" comment).
 *
 * Files are found under $SSPI_CHECK_SOURCE_DIR (set by ctest) or $SSPI_SOURCE_DIR,
 * else the compile-time SSPI_SOURCE_DIR (or SSPI_CHECK_RULES_DIR/..), else the
 * current directory. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "rules.h"

#ifndef SSPI_SOURCE_DIR
#ifdef SSPI_CHECK_RULES_DIR /* the build's <source>/rules */
#define SSPI_SOURCE_DIR SSPI_CHECK_RULES_DIR "/.."
#else
#define SSPI_SOURCE_DIR "."
#endif
#endif

static char path_buf[4][1024];
static int path_slot;

/* A path under the source tree (one of four rotating static buffers). */
static const char *src(const char *rel) {
  const char *root = getenv("SSPI_CHECK_SOURCE_DIR");
  if (!root || !*root)
    root = getenv("SSPI_SOURCE_DIR");
  if (!root || !*root)
    root = SSPI_SOURCE_DIR;
  char *b = path_buf[path_slot++ % 4];
  snprintf(b, sizeof path_buf[0], "%s/%s", root, rel);
  return b;
}

static rules *load_sspi(void) {
  rules *r = rules_new();
  char err[512];
  int rc = rules_load_file(r, src("rules/sspi.yaml"), err, sizeof err);
  if (rc != 0)
    print_error("%s\n", err);
  assert_int_equal(rc, 0);
  return r;
}

static const rule_fn *fn(const rules *r, const char *name) {
  const rule_fn *f = rules_fn_by_name(r, name);
  if (!f)
    print_error("no rule for %s\n", name);
  assert_non_null(f);
  return f;
}

/* The effect number i of the rule for name, checked for action and kind name. */
static const rule_effect *effect(const rules *r, const char *name, unsigned i, rule_fx_kind fx, const char *kind) {
  const rule_fn *f = fn(r, name);
  assert_true(i < f->neffects);
  const rule_effect *e = &f->effects[i];
  assert_int_equal(e->fx, fx);
  if (kind)
    assert_int_equal(e->kind, rules_kind_index(r, kind));
  else
    assert_int_equal(e->kind, -1);
  return e;
}

static int has_const(const rules *r, const char *name) {
  int n = 0;
  for (unsigned i = 0; i < r->nconst_names; i++)
    n += strcmp(r->const_names[i], name) == 0;
  return n;
}

static const rule_attr *attr(const rule_effect *e, const char *const_name) {
  for (unsigned i = 0; i < e->nattrs; i++)
    if (strcmp(e->attrs[i].const_name, const_name) == 0)
      return &e->attrs[i];
  return NULL;
}

static ir_call call(const char *name, const char *type, int indirect) {
  ir_call c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.type_name = type;
  c.indirect = (unsigned char)indirect;
  return c;
}

/* ---- rules/sspi.yaml --------------------------------------------------------------- */

static void test_sspi_kinds(void **state) {
  (void)state;
  rules *r = load_sspi();
  assert_int_equal(r->nkinds, 4);
  int cred = rules_kind_index(r, "credential"), ctx = rules_kind_index(r, "context"),
      buf = rules_kind_index(r, "buffer"), tok = rules_kind_index(r, "token");
  assert_true(cred >= 0 && ctx >= 0 && buf >= 0 && tok >= 0);
  assert_string_equal(r->kinds[tok].leak_check, "sspi-token-leak");
  assert_string_equal(r->kinds[tok].release_hint, "CloseHandle");
  assert_int_equal(r->kinds[tok].storage, RULE_STORE_POINTER);
  assert_int_equal(rules_kind_index(r, "nothing"), -1);
  const rule_kind *k = &r->kinds[cred];
  assert_string_equal(k->describe, "credential handle");
  assert_string_equal(k->leak_check, "sspi-credential-leak");
  assert_int_equal(k->storage, RULE_STORE_STRUCT);
  assert_int_equal(k->ninvalid, 2);
  assert_int_equal(k->invalid_values[0], 0);
  assert_int_equal(k->invalid_values[1], -1);
  assert_int_equal(k->unknown_call_escapes, 1);
  assert_string_equal(k->release_hint, "FreeCredentialsHandle");
  k = &r->kinds[ctx];
  assert_string_equal(k->describe, "context handle");
  assert_string_equal(k->leak_check, "sspi-context-leak");
  assert_string_equal(k->release_hint, "DeleteSecurityContext");
  k = &r->kinds[buf];
  assert_string_equal(k->describe, "SSPI-allocated buffer");
  assert_string_equal(k->leak_check, "sspi-buffer-leak");
  assert_int_equal(k->storage, RULE_STORE_POINTER);
  assert_string_equal(k->size_field, "cbBuffer");
  assert_int_equal(k->unknown_call_escapes, 0);
  assert_string_equal(k->release_hint, "FreeContextBuffer");
  rules_free(r);
}

static void test_sspi_credentials(void **state) {
  (void)state;
  rules *r = load_sspi();
  const rule_fn *f = fn(r, "AcquireCredentialsHandleW");
  assert_ptr_equal(f, fn(r, "AcquireCredentialsHandleA"));
  assert_true(f->has_success);
  assert_int_equal(f->success.op, IR_GE);
  assert_int_equal(f->success.value, 0);
  assert_null(f->success.value_name);
  assert_int_equal(f->neffects, 1);
  const rule_effect *e = effect(r, "AcquireCredentialsHandleW", 0, RX_ACQUIRE, "credential");
  assert_int_equal(e->arg, 7);
  assert_int_equal(e->pass_value, 0);
  assert_int_equal(e->npath, 0);
  assert_int_equal(e->cont_arg, -1);
  assert_int_equal(e->flag_arg, -1);
  assert_int_equal(e->attr_arg, -1);
  assert_int_equal(e->unconditional, 0);
  assert_string_equal(f->src_file, src("rules/sspi.yaml"));
  assert_true(f->src_line > 1);

  e = effect(r, "FreeCredentialsHandle", 0, RX_RELEASE, "credential");
  assert_int_equal(e->arg, 0);
  assert_int_equal(e->pass_value, 0);
  assert_ptr_equal(fn(r, "FreeCredentialHandle"), fn(r, "FreeCredentialsHandle")); /* macro alias */

  effect(r, "QueryCredentialsAttributesW", 0, RX_USE, "credential");
  e = effect(r, "QueryCredentialsAttributesW", 1, RX_ACQUIRE, "buffer");
  assert_int_equal(e->arg, 2);
  assert_int_equal(e->attr_arg, 1);
  const rule_attr *a = attr(e, "SECPKG_CRED_ATTR_NAMES");
  assert_non_null(a);
  assert_int_equal(a->nfields, 1);
  assert_string_equal(a->fields[0], "sUserName");
  effect(r, "QueryCredentialsAttributesExA", 1, RX_ACQUIRE, "buffer");
  assert_int_equal(effect(r, "SetCredentialsAttributesA", 0, RX_USE, "credential")->arg, 0);
  assert_int_equal(effect(r, "AddCredentialsW", 0, RX_USE, "credential")->arg, 0);
  rules_free(r);
}

/* InitializeSecurityContext: phNewContext is argument 8 and pOutput 9 (0-based) in
 * sspi.h; AcceptSecurityContext: 5 and 6. */
static void test_sspi_contexts(void **state) {
  (void)state;
  rules *r = load_sspi();
  static const char *const isc[] = {"InitializeSecurityContextA", "InitializeSecurityContextW",
                                    "SaslInitializeSecurityContextA", "SaslInitializeSecurityContextW"};
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(fn(r, isc[i])->neffects, 4);
    const rule_effect *e = effect(r, isc[i], 0, RX_USE, "credential");
    assert_int_equal(e->arg, 0);
    assert_int_equal(e->optional, 1);
    e = effect(r, isc[i], 1, RX_USE, "context");
    assert_int_equal(e->arg, 1);
    assert_int_equal(e->optional, 1);
    e = effect(r, isc[i], 2, RX_ACQUIRE, "context");
    assert_int_equal(e->arg, 8);
    assert_int_equal(e->cont_arg, 1);
    e = effect(r, isc[i], 3, RX_ACQUIRE, "buffer");
    assert_int_equal(e->arg, 9);
    assert_int_equal(e->flag_arg, 3);
    assert_string_equal(e->flag_name, "ISC_REQ_ALLOCATE_MEMORY");
    assert_int_equal(e->npath, 3);
    assert_int_equal(e->path[0].kind, IR_STEP_FIELD);
    assert_string_equal(e->path[0].field, "pBuffers");
    assert_int_equal(e->path[1].kind, IR_STEP_INDEX);
    assert_null(e->path[1].field);
    assert_int_equal(e->path[2].kind, IR_STEP_FIELD);
    assert_string_equal(e->path[2].field, "pvBuffer");
    assert_int_equal(e->nexcept, 1);
    assert_string_equal(e->except[0], "SEC_I_INCOMPLETE_CREDENTIALS");
  }
  static const char *const asc[] = {"AcceptSecurityContext", "SaslAcceptSecurityContext"};
  for (size_t i = 0; i < 2; i++) {
    const rule_effect *e = effect(r, asc[i], 2, RX_ACQUIRE, "context");
    assert_int_equal(e->arg, 5);
    assert_int_equal(e->cont_arg, 1);
    e = effect(r, asc[i], 3, RX_ACQUIRE, "buffer");
    assert_int_equal(e->arg, 6);
    assert_int_equal(e->flag_arg, 3);
    assert_string_equal(e->flag_name, "ASC_REQ_ALLOCATE_MEMORY");
    assert_int_equal(e->nexcept, 0);
  }
  assert_int_equal(effect(r, "ImportSecurityContextW", 0, RX_ACQUIRE, "context")->arg, 3);
  assert_int_equal(effect(r, "ImportSecurityContextA", 0, RX_ACQUIRE, "context")->arg, 3);
  assert_int_equal(effect(r, "DeleteSecurityContext", 0, RX_RELEASE, "context")->arg, 0);
  effect(r, "ExportSecurityContext", 0, RX_USE, "context");
  const rule_effect *e = effect(r, "ExportSecurityContext", 1, RX_ACQUIRE, "buffer");
  assert_int_equal(e->arg, 2);
  assert_int_equal(e->npath, 1);
  assert_string_equal(e->path[0].field, "pvBuffer");
  static const char *const uses[] = {"EncryptMessage", "DecryptMessage", "MakeSignature", "VerifySignature",
                                     "ApplyControlToken", "CompleteAuthToken", "ImpersonateSecurityContext",
                                     "RevertSecurityContext", "QuerySecurityContextToken", "SetContextAttributesW",
                                     "SetContextAttributesA", "QueryContextAttributesA", "QueryContextAttributesExW"};
  for (size_t i = 0; i < sizeof uses / sizeof uses[0]; i++) {
    e = effect(r, uses[i], 0, RX_USE, "context");
    assert_int_equal(e->arg, 0);
    assert_int_equal(e->optional, 0);
  }
  rules_free(r);
}

static void test_sspi_context_attributes(void **state) {
  (void)state;
  rules *r = load_sspi();
  static const char *const qca[] = {"QueryContextAttributesA", "QueryContextAttributesW", "QueryContextAttributesExA",
                                    "QueryContextAttributesExW"};
  for (size_t i = 0; i < 4; i++) {
    const rule_effect *e = effect(r, qca[i], 1, RX_ACQUIRE, "buffer");
    assert_int_equal(e->arg, 2);
    assert_int_equal(e->attr_arg, 1);
    assert_int_equal(e->npath, 0);
    const rule_attr *a = attr(e, "SECPKG_ATTR_NAMES");
    assert_non_null(a);
    assert_int_equal(a->nfields, 1);
    assert_string_equal(a->fields[0], "sUserName");
    a = attr(e, "SECPKG_ATTR_NATIVE_NAMES");
    assert_non_null(a);
    assert_int_equal(a->nfields, 2);
    assert_string_equal(a->fields[0], "sClientName");
    assert_string_equal(a->fields[1], "sServerName");
    assert_non_null(a = attr(e, "SECPKG_ATTR_PACKAGE_INFO"));
    assert_string_equal(a->fields[0], "PackageInfo");
    assert_non_null(a = attr(e, "SECPKG_ATTR_NEGOTIATION_INFO"));
    assert_string_equal(a->fields[0], "PackageInfo");
    assert_non_null(a = attr(e, "SECPKG_ATTR_KEY_INFO"));
    assert_int_equal(a->nfields, 2);
    assert_non_null(attr(e, "SECPKG_ATTR_AUTHORITY"));
    assert_non_null(attr(e, "SECPKG_ATTR_SESSION_KEY"));
    assert_non_null(attr(e, "SECPKG_ATTR_TARGET_INFORMATION"));
    /* sizes, lifespans and flags are plain values the caller owns */
    assert_null(attr(e, "SECPKG_ATTR_SIZES"));
    assert_null(attr(e, "SECPKG_ATTR_STREAM_SIZES"));
    assert_null(attr(e, "SECPKG_ATTR_LIFESPAN"));
    assert_null(attr(e, "SECPKG_ATTR_FLAGS"));
    assert_null(attr(e, "SECPKG_ATTR_ACCESS_TOKEN"));
  }
  rules_free(r);
}

static void test_sspi_buffers_and_misc(void **state) {
  (void)state;
  rules *r = load_sspi();
  assert_int_equal(effect(r, "EnumerateSecurityPackagesW", 0, RX_ACQUIRE, "buffer")->arg, 1);
  assert_int_equal(effect(r, "EnumerateSecurityPackagesA", 0, RX_ACQUIRE, "buffer")->arg, 1);
  assert_int_equal(effect(r, "EnumerateSecurityPackagesW", 0, RX_ACQUIRE, "buffer")->has_count, 1);
  assert_int_equal(effect(r, "EnumerateSecurityPackagesW", 0, RX_ACQUIRE, "buffer")->count_arg, 0);
  assert_int_equal(effect(r, "QuerySecurityPackageInfoW", 0, RX_ACQUIRE, "buffer")->arg, 1);
  const rule_effect *e = effect(r, "FreeContextBuffer", 0, RX_RELEASE, "buffer");
  assert_int_equal(e->arg, 0);
  assert_int_equal(e->pass_value, 1);

  static const char *const zero[] = {"memset", "RtlZeroMemory", "SecureZeroMemory", "RtlSecureZeroMemory"};
  for (size_t i = 0; i < 4; i++) {
    e = effect(r, zero[i], 0, RX_CLEAR, NULL);
    assert_int_equal(e->arg, 0);
    assert_int_equal(fn(r, zero[i])->has_success, 0);
  }
  static const char *const gone[] = {"exit",        "_exit",      "_Exit",        "abort",
                                     "ExitProcess", "ExitThread", "FreeLibraryAndExitThread",
                                     "__fastfail",  "_endthreadex", "FatalAppExitW", "RaiseFailFastException"};
  for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
    assert_int_equal(fn(r, gone[i])->noreturn, 1);
  assert_null(rules_fn_by_name(r, "longjmp"));
  assert_null(rules_fn_by_name(r, "TerminateThread"));

  const rule_macro *m = rules_macro(r, "FAILED");
  assert_non_null(m);
  assert_int_equal(m->kind, RM_STATUS);
  assert_int_equal(m->op, IR_LT);
  assert_int_equal(m->value, 0);
  static const char *const ok[] = {"SUCCEEDED", "SEC_SUCCESS", "NT_SUCCESS"};
  for (size_t i = 0; i < 3; i++) {
    assert_non_null(m = rules_macro(r, ok[i]));
    assert_int_equal(m->kind, RM_STATUS);
    assert_int_equal(m->op, IR_GE);
    assert_int_equal(m->value, 0);
  }
  assert_int_equal(rules_macro(r, "SecIsValidHandle")->kind, RM_VALID);
  assert_int_equal(rules_macro(r, "SecInvalidateHandle")->kind, RM_INVALIDATE);
  assert_null(rules_macro(r, "NOT_A_MACRO"));

  int seen_main = 0, seen_dll = 0;
  for (unsigned i = 0; i < r->nentries; i++) {
    if (!strcmp(r->entries[i].name, "main"))
      seen_main = 1 + r->entries[i].is_unload;
    if (!strcmp(r->entries[i].name, "DllMain"))
      seen_dll = 1 + r->entries[i].is_unload;
  }
  assert_int_equal(seen_main, 1);
  assert_int_equal(seen_dll, 2);

  /* every constant the rules name, once */
  assert_int_equal(has_const(r, "ISC_REQ_ALLOCATE_MEMORY"), 1);
  assert_int_equal(has_const(r, "ASC_REQ_ALLOCATE_MEMORY"), 1);
  assert_int_equal(has_const(r, "SECPKG_ATTR_NAMES"), 1);
  assert_int_equal(has_const(r, "SECPKG_CRED_ATTR_NAMES"), 1);
  for (unsigned i = 0; i < r->nconst_names; i++)
    assert_int_equal(has_const(r, r->const_names[i]), 1);
  rules_free(r);
}

/* Every SSPI function must be reachable by name (also as the member of
 * SecurityFunctionTable{A,W}), by its *_FN typedef and by GetProcAddress names. */
static void test_match_call(void **state) {
  (void)state;
  rules *r = load_sspi();
  const rule_fn *ach = fn(r, "AcquireCredentialsHandleW"), *fch = fn(r, "FreeCredentialsHandle"),
                *dsc = fn(r, "DeleteSecurityContext"), *sisc = fn(r, "SaslInitializeSecurityContextW"),
                *qca = fn(r, "QueryContextAttributesW"), *qcax = fn(r, "QueryContextAttributesExW");
  ir_call c = call("AcquireCredentialsHandleW", NULL, 0); /* direct call */
  assert_ptr_equal(rules_match_call(r, &c), ach);
  c = call("AcquireCredentialsHandleW", "ACQUIRE_CREDENTIALS_HANDLE_FN_W", 1); /* g_sspi->Acquire... */
  assert_ptr_equal(rules_match_call(r, &c), ach);
  c = call("pfn", "FREE_CREDENTIALS_HANDLE_FN", 1); /* a typedef'd pointer with any name */
  assert_ptr_equal(rules_match_call(r, &c), fch);
  c = call("p_FreeCredentialsHandle", NULL, 1); /* GetProcAddress into a void-ish pointer */
  assert_ptr_equal(rules_match_call(r, &c), fch);
  c = call("pfnAcquireCredentialsHandleW", NULL, 1);
  assert_ptr_equal(rules_match_call(r, &c), ach);
  c = call("g_DeleteSecurityContext", NULL, 1);
  assert_ptr_equal(rules_match_call(r, &c), dsc);
  c = call("pSaslInitializeSecurityContextW", NULL, 1);
  assert_ptr_equal(rules_match_call(r, &c), sisc);
  c = call("pQueryContextAttributesW", NULL, 1);
  assert_ptr_equal(rules_match_call(r, &c), qca);
  c = call("pQueryContextAttributesExW", NULL, 1);
  assert_ptr_equal(rules_match_call(r, &c), qcax);
  /* patterns apply to indirect calls only, and only to whole SSPI names */
  c = call("p_FreeCredentialsHandle", NULL, 0);
  assert_null(rules_match_call(r, &c));
  c = call("pSspiDeleteSecurityContextAsync", NULL, 1);
  assert_null(rules_match_call(r, &c));
  c = call("my_helper", NULL, 0);
  assert_null(rules_match_call(r, &c));
  c = call("", NULL, 1); /* callee is an expression */
  assert_null(rules_match_call(r, &c));
  c = call("", "DELETE_SECURITY_CONTEXT_FN", 1);
  assert_ptr_equal(rules_match_call(r, &c), dsc);
  assert_null(rules_match_call(r, NULL));
  assert_null(rules_match_call(NULL, &c));
  rules_free(r);
}

/* ---- a second API: tests/rules/cert-store.yaml -------------------------------------- */

static void test_cert_store(void **state) {
  (void)state;
  rules *r = load_sspi();
  char err[512];
  int rc = rules_load_file(r, src("tests/rules/cert-store.yaml"), err, sizeof err);
  if (rc)
    print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_int_equal(r->nkinds, 5);
  int ks = rules_kind_index(r, "cert-store");
  assert_int_equal(ks, 4);
  assert_string_equal(r->kinds[ks].leak_check, "cert-store-leak");
  assert_string_equal(r->kinds[ks].describe, "certificate store handle");
  assert_int_equal(r->kinds[ks].storage, RULE_STORE_POINTER);
  assert_int_equal(r->kinds[ks].unknown_call_escapes, 1);

  const rule_fn *open = fn(r, "CertOpenStore");
  assert_true(open->has_success);
  assert_int_equal(open->success.op, IR_NE);
  assert_int_equal(open->success.value, 0);
  const rule_effect *e = effect(r, "CertOpenStore", 0, RX_ACQUIRE, "cert-store");
  assert_int_equal(e->arg, RULE_ARG_RETURN);
  assert_int_equal(effect(r, "CertOpenSystemStoreW", 0, RX_ACQUIRE, "cert-store")->arg, RULE_ARG_RETURN);
  e = effect(r, "CertCloseStore", 0, RX_RELEASE, "cert-store");
  assert_int_equal(e->arg, 0);
  assert_int_equal(e->pass_value, 1);
  e = effect(r, "CertFindCertificateInStore", 0, RX_USE, "cert-store");
  assert_int_equal(e->pass_value, 1);
  effect(r, "CertEnumCertificatesInStore", 0, RX_USE, "cert-store");
  assert_int_equal(effect(r, "CertAddStoreToCollection", 1, RX_USE, "cert-store")->arg, 1);

  /* the SSPI rules are untouched */
  assert_int_equal(effect(r, "AcquireCredentialsHandleW", 0, RX_ACQUIRE, "credential")->arg, 7);
  ir_call c = call("pCertOpenStore", NULL, 1);
  assert_ptr_equal(rules_match_call(r, &c), open);
  rules_free(r);
}

/* ---- later files override earlier ones ------------------------------------------------ */

static const char *write_temp(char *name, size_t cap, const char *text) {
  snprintf(name, cap, "/tmp/test_rules_XXXXXX");
  int fd = mkstemp(name);
  assert_true(fd >= 0);
  size_t len = strlen(text);
  assert_int_equal(write(fd, text, len), (ssize_t)len);
  close(fd);
  return name;
}

static void test_override(void **state) {
  (void)state;
  rules *r = load_sspi();
  unsigned nfns = r->nfns, nkinds = r->nkinds;
  const char *text = "version: 1\n"
                     "kinds:\n"
                     "  - {name: credential, describe: SSPI credential, leak-check: my-credential-leak}\n"
                     "macros:\n"
                     "  - {name: FAILED, status: \"!= 0\"}\n"
                     "  - {name: MY_OK, status: \"== 0x10\"}\n"
                     "entry-points:\n"
                     "  - {name: ServiceMain, at: exit}\n"
                     "functions:\n"
                     "  # our wrapper\n"
                     "  - names: [AcquireCredentialsHandleW, MyAcquire]\n"
                     "    success: \"== SEC_E_OK\"\n"
                     "    effects: [{acquire: credential, arg: 7, unconditional: true}]\n"
                     "  - names: [MyOpen]\n"
                     "    success: \"> -2\"\n"
                     "    effects: [{acquire: credential, arg: return}, {escape: any, arg: 0, path: \"a->b[]\"}]\n";
  char name[64];
  write_temp(name, sizeof name, text);
  char err[512];
  int rc = rules_load_file(r, name, err, sizeof err);
  if (rc)
    print_error("%s\n", err);
  unlink(name);
  assert_int_equal(rc, 0);
  /* the kind is replaced in place: effects keep pointing at it */
  assert_int_equal(r->nkinds, nkinds);
  assert_int_equal(rules_kind_index(r, "credential"), 0);
  assert_string_equal(r->kinds[0].leak_check, "my-credential-leak");
  assert_string_equal(r->kinds[0].describe, "SSPI credential");
  assert_int_equal(r->kinds[0].ninvalid, 0);
  assert_int_equal(rules_macro(r, "FAILED")->op, IR_NE);
  assert_int_equal(rules_macro(r, "MY_OK")->value, 16);
  int seen = 0;
  for (unsigned i = 0; i < r->nentries; i++)
    seen += !strcmp(r->entries[i].name, "ServiceMain");
  assert_int_equal(seen, 1);

  /* W is redefined; A keeps the bundled rule */
  const rule_fn *w = fn(r, "AcquireCredentialsHandleW"), *a = fn(r, "AcquireCredentialsHandleA");
  assert_ptr_not_equal(w, a);
  assert_ptr_equal(w, fn(r, "MyAcquire"));
  assert_string_equal(w->src_file, name);
  assert_int_equal(w->src_line, 11);
  assert_int_equal(w->success.op, IR_EQ);
  assert_string_equal(w->success.value_name, "SEC_E_OK");
  assert_int_equal(has_const(r, "SEC_E_OK"), 1);
  assert_int_equal(w->effects[0].unconditional, 1);
  assert_int_equal(a->nnames, 1);
  assert_int_equal(a->effects[0].unconditional, 0);
  assert_int_equal(r->nfns, nfns + 2);
  /* by the typedef, the older entry still answers */
  ir_call c = call("pfn", "ACQUIRE_CREDENTIALS_HANDLE_FN_W", 1);
  assert_ptr_equal(rules_match_call(r, &c), a);
  c = call("AcquireCredentialsHandleW", "ACQUIRE_CREDENTIALS_HANDLE_FN_W", 1);
  assert_ptr_equal(rules_match_call(r, &c), w);

  const rule_fn *o = fn(r, "MyOpen");
  assert_int_equal(o->success.op, IR_GT);
  assert_int_equal(o->success.value, -2);
  assert_null(o->success.value_name);
  assert_int_equal(o->effects[0].arg, RULE_ARG_RETURN);
  assert_int_equal(o->effects[1].fx, RX_ESCAPE);
  assert_int_equal(o->effects[1].kind, -1);
  assert_int_equal(o->effects[1].npath, 4);
  assert_int_equal(o->effects[1].path[1].kind, IR_STEP_DEREF);
  assert_string_equal(o->effects[1].path[2].field, "b");
  assert_int_equal(o->effects[1].path[3].kind, IR_STEP_INDEX);

  /* a file that takes every name of an entry drops that entry */
  text = "version: 1\nfunctions:\n  - {names: [AcquireCredentialsHandleA]}\n";
  write_temp(name, sizeof name, text);
  rc = rules_load_file(r, name, err, sizeof err);
  unlink(name);
  assert_int_equal(rc, 0);
  assert_int_equal(r->nfns, nfns + 2);
  assert_int_equal(fn(r, "AcquireCredentialsHandleA")->neffects, 0);
  c = call("pfn", "ACQUIRE_CREDENTIALS_HANDLE_FN_W", 1);
  assert_null(rules_match_call(r, &c));
  rules_free(r);
}

/* ---- errors --------------------------------------------------------------------------- */

static const char *const bad_files[] = {
    "bad-arg-range.yaml",    "bad-arg-return.yaml", "bad-attribute.yaml",     "bad-bool.yaml",
    "bad-duplicate-function.yaml", "bad-duplicate-key.yaml", "bad-empty.yaml", "bad-flag-on-release.yaml",
    "bad-kind.yaml",         "bad-macro.yaml",      "bad-missing-names.yaml", "bad-path.yaml",
    "bad-root.yaml",         "bad-success.yaml",    "bad-syntax.yaml",        "bad-top-key.yaml",
    "bad-unknown-key.yaml",  "bad-unknown-kind.yaml", "bad-version.yaml",     "bad-wrong-type.yaml",
    "bad-noreturn-if.yaml",  "bad-noreturn-both.yaml", "bad-entry-when.yaml", "bad-not-on.yaml",
    "bad-not-on-list.yaml",  "bad-count.yaml",
};

/* The "# expect-error: LINE: MESSAGE" comment of a test file, as "path:LINE: MESSAGE". */
static void expected_error(const char *path, char *out, size_t cap) {
  FILE *f = fopen(path, "r");
  if (!f)
    print_error("cannot open %s\n", path);
  assert_non_null(f);
  char line[1024];
  out[0] = 0;
  while (fgets(line, sizeof line, f)) {
    const char *tag = "# expect-error: ";
    if (strncmp(line, tag, strlen(tag)) == 0) {
      line[strcspn(line, "\n")] = 0;
      snprintf(out, cap, "%s:%s", path, line + strlen(tag));
      break;
    }
  }
  fclose(f);
  if (!out[0])
    print_error("%s has no expect-error comment\n", path);
  assert_true(out[0] != 0);
}

static void test_bad_files(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
    char rel[256], want[1024], err[1024];
    snprintf(rel, sizeof rel, "tests/rules/%s", bad_files[i]);
    const char *path = src(rel);
    expected_error(path, want, sizeof want);
    rules *r = rules_new();
    int rc = rules_load_file(r, path, err, sizeof err);
    if (rc != -1 || strcmp(err, want) != 0)
      print_error("%s\n  want: %s\n  got:  %s\n", bad_files[i], want, rc ? err : "(loaded)");
    assert_int_equal(rc, -1);
    assert_string_equal(err, want);
    assert_int_equal(r->nfns, 0); /* nothing of a bad file is kept */
    assert_int_equal(r->nkinds, 0);
    rules_free(r);
  }
}

/* A bad file after a good one leaves the good rules exactly as they were. */
static void test_bad_file_keeps_rules(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
    rules *r = load_sspi();
    unsigned nfns = r->nfns, nkinds = r->nkinds, nmacros = r->nmacros, nconst = r->nconst_names;
    const rule_fn *ach = fn(r, "AcquireCredentialsHandleW");
    char rel[256], err[1024];
    snprintf(rel, sizeof rel, "tests/rules/%s", bad_files[i]);
    const char *path = src(rel);
    assert_int_equal(rules_load_file(r, path, err, sizeof err), -1);
    assert_true(strncmp(err, path, strlen(path)) == 0 && err[strlen(path)] == ':');
    assert_int_equal(r->nfns, nfns);
    assert_int_equal(r->nkinds, nkinds);
    assert_int_equal(r->nmacros, nmacros);
    assert_int_equal(r->nconst_names, nconst);
    assert_ptr_equal(fn(r, "AcquireCredentialsHandleW"), ach);
    rules_free(r);
  }
}

static void test_missing_file(void **state) {
  (void)state;
  rules *r = rules_new();
  char err[256];
  assert_int_equal(rules_load_file(r, "/nonexistent/rules.yaml", err, sizeof err), -1);
  assert_string_equal(err, "/nonexistent/rules.yaml:0: cannot open rules file: No such file or directory");
  /* a tiny buffer is truncated, never overrun */
  char small[8];
  assert_int_equal(rules_load_file(r, "/nonexistent/rules.yaml", small, sizeof small), -1);
  assert_string_equal(small, "/nonexi");
  assert_int_equal(rules_load_file(r, "/nonexistent/rules.yaml", NULL, 0), -1);
  rules_free(r);
  rules_free(NULL);
}

/* Errors inside effects carry the line of the offending node. */
static void test_error_lines(void **state) {
  (void)state;
  static const struct {
    const char *text, *want;
  } cases[] = {
      {"version: 1\nkinds: [{name: k, leak-check: k-leak}]\nfunctions:\n  - names: [F]\n    effects:\n"
       "      - {use: k, arg: 0}\n      - {use: k, arg: -1}\n",
       ":7: arg -1 is out of range (0..31)"},
      {"version: 1\nkinds: [{name: k, leak-check: k-leak}]\nfunctions:\n  - names: [F]\n"
       "    effects: [{acquire: k, arg: 0, continues: return}]\n",
       ":5: 'continues' must be an argument index (0..31), not 'return'"},
      {"version: 1\nkinds: [{name: k, leak-check: k-leak}]\nfunctions:\n  - names: [F]\n"
       "    effects: [{use: k, release: k, arg: 0}]\n",
       ":5: an effect has one action: 'release' and 'use' together"},
      {"version: 1\nkinds:\n  - {name: k, leak-check: k-leak, invalid-values: [0, 1, 2, 3, 4]}\n",
       ":3: too many items in 'invalid-values' (limit 4)"},
      {"version: 1\nkinds:\n  - {name: k, leak-check: k-leak, storage: heap}\n", ":3: 'storage' must be struct or pointer"},
      {"version: 1\nfunctions:\n  - names: [F]\n    success: \">= 99999999999999999999\"\n",
       ":4: bad success '>= 99999999999999999999': expected '<op> <integer or CONSTANT>' with op one of == != < <= > >="},
      {"version: 1\nmacros:\n  - {name: OK, status: \"== SEC_E_OK\"}\n",
       ":3: bad status '== SEC_E_OK': expected '<op> <integer>' with op one of == != < <= > >="},
      {"version: 1\nentry-points:\n  - {name: main}\n", ":3: entry point without 'at' (exit or unload)"},
      {"version: 1\nfunctions:\n  - {names: [F], effects: [{clear: false, arg: 0}]}\n", ":3: 'clear' must be true"},
      {"version: 1\n---\nversion: 1\n", ":3: only one YAML document is allowed in a rules file"},
      {"version: 1\nfunctions:\n  - names: [\"two words\"]\n",
       ":3: 'names' must not contain blanks or control characters: 'two words'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char name[64], err[512], want[600];
    write_temp(name, sizeof name, cases[i].text);
    rules *r = rules_new();
    int rc = rules_load_file(r, name, err, sizeof err);
    unlink(name);
    snprintf(want, sizeof want, "%s%s", name, cases[i].want);
    if (rc != -1 || strcmp(err, want) != 0)
      print_error("case %zu\n  want: %s\n  got:  %s\n", i, want, rc ? err : "(loaded)");
    assert_int_equal(rc, -1);
    assert_string_equal(err, want);
    rules_free(r);
  }
}

static void test_default_path(void **state) {
  (void)state;
  const char *old = getenv("SSPI_CHECK_RULES");
  char *saved = old ? strdup(old) : NULL;
  setenv("SSPI_CHECK_RULES", "/some/where/sspi.yaml", 1);
  assert_string_equal(rules_default_path(), "/some/where/sspi.yaml");
  unsetenv("SSPI_CHECK_RULES");
  const char *p = rules_default_path();
  assert_non_null(p);
  size_t n = strlen(p);
  assert_true(n >= 9 && strcmp(p + n - 9, "sspi.yaml") == 0);
  if (saved) {
    setenv("SSPI_CHECK_RULES", saved, 1);
    free(saved);
  }
}

/* Loading the bundled rules is part of every run: it must stay far below 5 ms. */
static void test_load_time(void **state) {
  (void)state;
  struct timespec t0, t1;
  double best = 1e9;
  for (int i = 0; i < 5; i++) {
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rules *r = load_sspi();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    rules_free(r);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    if (ms < best)
      best = ms;
  }
  print_message("rules/sspi.yaml loads in %.3f ms\n", best);
  assert_true(best < 5.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sspi_kinds),
      cmocka_unit_test(test_sspi_credentials),
      cmocka_unit_test(test_sspi_contexts),
      cmocka_unit_test(test_sspi_context_attributes),
      cmocka_unit_test(test_sspi_buffers_and_misc),
      cmocka_unit_test(test_match_call),
      cmocka_unit_test(test_cert_store),
      cmocka_unit_test(test_override),
      cmocka_unit_test(test_bad_files),
      cmocka_unit_test(test_bad_file_keeps_rules),
      cmocka_unit_test(test_missing_file),
      cmocka_unit_test(test_error_lines),
      cmocka_unit_test(test_default_path),
      cmocka_unit_test(test_load_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
