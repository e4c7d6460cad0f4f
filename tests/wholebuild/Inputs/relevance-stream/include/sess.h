// A session object that owns a credential; only prototypes here (not a use).
#include <stdbool.h>
#include <wchar.h>

struct sess;
struct sess *sess_open(const wchar_t *package);
void sess_close(struct sess *s);
bool session_start(struct sess **out);
void session_end(struct sess *s);
