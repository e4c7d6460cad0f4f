/* Names a handle type of the rules in a macro (no SSPI header needed to parse). */
#define MY_HANDLE CredHandle
