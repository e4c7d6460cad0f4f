// Names the context handle only through sess.h's alias SESS_CTX.
#include "sess.h"

static SESS_CTX slot;

SESS_CTX *sess_slot(void) { return &slot; }
