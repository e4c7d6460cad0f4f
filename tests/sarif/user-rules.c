// A user rules file adds a kind whose leak check is not in the built-in table: the
// log lists it as a rule (generic description) and the result points at it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: not %sspi-check --rules=%S/../rules/cert-store.yaml --format=sarif --srcroot=%S %s > %t/out.sarif
// RUN: python3 %S/../tools/validate_sarif.py %t/out.sarif
// RUN: FileCheck %s --input-file=%t/out.sarif
#include <windows.h>
#include <wincrypt.h>

int count_roots(void) {
  HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                                   CERT_SYSTEM_STORE_CURRENT_USER, L"ROOT");
  if (!store)
    return -1;
  int n = 0;
  PCCERT_CONTEXT c = NULL;
  while ((c = CertEnumCertificatesInStore(store, c)) != NULL)
    n++;
  return n;
}

// CHECK: "id": "sspi-mismatched-release",
// CHECK: "id": "cert-store-leak",
// CHECK: "helpUri": "{{.*}}/docs/rules.md",
// CHECK: "ruleId": "cert-store-leak",
