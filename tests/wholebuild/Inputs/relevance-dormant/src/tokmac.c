// Takes an access token through a header it includes by a macro.
#define TOKEN_HEADER "tokhdr.h"
#include TOKEN_HEADER

int tok_probe(CtxtHandle *ctx) { return ctx_token(ctx) != NULL; }
