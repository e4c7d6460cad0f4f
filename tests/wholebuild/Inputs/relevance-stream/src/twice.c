// Names session_end only: parsed once start.c shows that it releases. Ends a session
// twice on one path.
#include "sess.h"

void run_once(struct sess *s, bool retry) {
  session_end(s);
  if (retry)
    session_end(s);
}
