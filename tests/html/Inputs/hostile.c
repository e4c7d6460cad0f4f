// Source text is untrusted: <img src=x onerror=alert(1)> </script><script>alert("x")</script>
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int hostile(int give_up) {
  const char *s = "</script><img src=x onerror=alert(2)>&amp;";
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK) // ' " & <b>bold</b>
    return -1;
  if (give_up && s[0] == '<') /* bytes: ÿþ  Ã© */
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}
