/* report.c - turns engine events into findings with path notes.
 * Message texts follow docs/messages.md. */
#include <string.h>

#include "walk.h"

#define MAX_BRANCH_NOTES 16 /* shown per path, the ones nearest the finding */
#define MAX_PATH_SCAN 512   /* branches of a path read back (then folded) */
#define MAX_NOTES 24

typedef struct notes {
  unsigned n;
  diag_note v[MAX_NOTES];
} notes;

static void add_note(notes *ns, ir_loc loc, const char *msg) {
  if (ns->n < MAX_NOTES && loc.file) {
    ns->v[ns->n].loc = loc;
    ns->v[ns->n].msg = msg;
    ns->n++;
  }
}

static const rule_kind *kind(walk *w, int k) {
  static const rule_kind unknown = {.name = "handle", .describe = "handle", .leak_check = "sspi-leak"};
  if (k < 0 || (unsigned)k >= w->r->nkinds)
    return &unknown;
  return &w->r->kinds[k];
}

/* hkind: the kind a finding names handle h by: "handle" when its kind is a guess (first
 * seen released by a function that closes any handle, such as CloseHandle). */
static const rule_kind *hkind(walk *w, const hnd *h) {
  return h->any_kind ? kind(w, -1) : kind(w, h->kind);
}

static const char *place_text(walk *w, const ir_place *p) {
  return p ? ir_place_str(w->a, p) : "(value)";
}

static int loc_before(ir_loc a, ir_loc b) {
  int c = strcmp(a.file ? a.file : "", b.file ? b.file : "");
  if (c)
    return c < 0;
  if (a.line != b.line)
    return a.line < b.line;
  return a.col < b.col;
}

static int loc_eq(ir_loc a, ir_loc b) { return !loc_before(a, b) && !loc_before(b, a); }

/* Branch notes of the path after sequence number `after`, oldest first. */
static void add_branch_notes(walk *w, const state *s, notes *ns, unsigned after, unsigned before) {
  const hist *pick[MAX_PATH_SCAN];
  unsigned n = 0, guard = 0;
  for (const hist *h = s->hist; h && n < MAX_PATH_SCAN && guard < 16 * MAX_PATH_SCAN; h = h->prev, guard++)
    if (h->seq > after && h->seq < before)
      pick[n++] = h;
  /* oldest first; a branch the path took more than once (rounds of a loop before the
   * states repeated) is shown once, as it was taken the last time: the rounds between
   * are folded away */
  const hist *path[MAX_PATH_SCAN];
  unsigned np = 0;
  for (unsigned i = n; i > 0;) {
    unsigned last = i - 1;
    for (unsigned j = 0; j < last; j++)
      if (loc_eq(pick[j]->loc, pick[last]->loc)) {
        last = j;
        break;
      }
    path[np++] = pick[last];
    i = last;
  }
  unsigned from = np > MAX_BRANCH_NOTES ? np - MAX_BRANCH_NOTES : 0;
  if (from)
    add_note(ns, path[0]->loc,
             arena_printf(w->a, "%u earlier branch%s of this path not shown", from, from == 1 ? "" : "es"));
  for (unsigned i = from; i < np; i++)
    add_note(ns, path[i]->loc, path[i]->msg);
}

/* acquisition + "assuming" + branch notes since the acquisition (up to seq `before`). */
static void add_path_notes(walk *w, const state *s, const hnd *h, notes *ns, unsigned before) {
  const rule_kind *k = kind(w, h->kind);
  if (h->owned && h->acq_loc.file) {
    add_note(ns, h->acq_loc, arena_printf(w->a, "%s acquired here by '%s'", k->describe, h->acq_fn));
    if (walk_untested(s, h))
      add_note(ns, h->acq_loc, arena_printf(w->a, "assuming '%s' succeeded", h->acq_fn));
  }
  add_branch_notes(w, s, ns, h->owned ? h->acq_seq : 0, before);
}

/* The path up to the release, the release itself, and the branches after it. */
static void add_release_notes(walk *w, const state *s, const hnd *h, notes *ns, const char *what) {
  add_path_notes(w, s, h, ns, h->rel_seq);
  add_note(ns, h->rel_loc, what);
  add_branch_notes(w, s, ns, h->rel_seq, ~0u);
}

/* A leak found on one path. Leaks of one acquisition (same acquiring site, kind and
 * place) on several paths are one finding: the one that leaves first in the source,
 * with notes naming the other places where the handle is left held. */
struct leak_pending {
  ir_loc acq;
  int kind;
  const char *what;
  ir_loc loc;
  const char *check, *msg;
  notes ns;
  unsigned nother;
  ir_loc other[WALK_LEAK_OTHERS];
};

static void add_other(leak_pending *p, ir_loc loc) {
  if (loc_eq(loc, p->loc))
    return;
  for (unsigned i = 0; i < p->nother; i++)
    if (loc_eq(p->other[i], loc))
      return;
  if (p->nother < WALK_LEAK_OTHERS)
    p->other[p->nother++] = loc;
}

static void leak(walk *w, const hnd *h, ir_loc loc, const char *check, const char *msg, notes *ns) {
  const char *what = place_text(w, h->home);
  leak_pending *p = NULL;
  for (unsigned i = 0; i < w->nleaks && !p; i++)
    if (w->leaks[i].kind == h->kind && loc_eq(w->leaks[i].acq, h->acq_loc) &&
        strcmp(w->leaks[i].what, what) == 0)
      p = &w->leaks[i];
  if (!p) {
    if (w->nleaks == w->capleaks) {
      unsigned ncap = w->capleaks ? w->capleaks * 2 : 8;
      leak_pending *nv = arena_alloc(w->a, ncap * sizeof *nv);
      if (w->nleaks)
        memcpy(nv, w->leaks, w->nleaks * sizeof *nv);
      w->leaks = nv;
      w->capleaks = ncap;
    }
    p = &w->leaks[w->nleaks++];
    memset(p, 0, sizeof *p);
    p->acq = h->acq_loc;
    p->kind = h->kind;
    p->what = what;
  } else if (loc_eq(loc, p->loc) && strcmp(msg, p->msg) == 0) {
    /* the same leak reached again: keep the shortest path to it (a loop walked once,
     * not every round the walk went through before the states repeated) */
    if (ns->n < p->ns.n)
      p->ns = *ns;
    return;
  } else if (!loc_before(loc, p->loc) && !(loc_eq(loc, p->loc) && strcmp(msg, p->msg) < 0)) {
    add_other(p, loc);
    return;
  } else {
    ir_loc old = p->loc;
    p->loc = loc;
    add_other(p, old);
  }
  p->loc = loc;
  p->check = check;
  p->msg = msg;
  p->ns = *ns;
}

static void emit(walk *w, ir_loc loc, const char *check, const char *msg, notes *ns);

void report_flush_leaks(walk *w) {
  for (unsigned i = 0; i < w->nleaks; i++) {
    leak_pending *p = &w->leaks[i];
    for (unsigned k = 0; k < p->nother; k++)
      add_note(&p->ns, p->other[k], arena_printf(w->a, "'%s' is also left held here", p->what));
    emit(w, p->loc, p->check, p->msg, &p->ns);
  }
  w->nleaks = 0;
}

static void emit(walk *w, ir_loc loc, const char *check, const char *msg, notes *ns) {
  /* a misuse (double release, use after release, release of nothing, wrong release
   * function) at one site is one finding, whichever path reached it first */
  int misuse = 1;
  for (unsigned i = 0; i < w->r->nkinds; i++)
    if (w->r->kinds[i].leak_check && strcmp(w->r->kinds[i].leak_check, check) == 0)
      misuse = 0;
  if (misuse) {
    /* the handle is the first quoted name of the message */
    const char *q1 = strchr(msg, '\'');
    const char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
    const char *what = q1 && q2 ? arena_strndup(w->a, q1 + 1, (size_t)(q2 - q1 - 1)) : "";
    for (unsigned i = 0; i < w->nmisuse; i++)
      if (w->misuse_loc[i].line == loc.line && w->misuse_loc[i].col == loc.col &&
          strcmp(w->misuse_check[i], check) == 0 && strcmp(w->misuse_what[i], what) == 0 &&
          ((!w->misuse_loc[i].file && !loc.file) ||
           (w->misuse_loc[i].file && loc.file && strcmp(w->misuse_loc[i].file, loc.file) == 0)))
        return;
    if (w->nmisuse < 64) {
      w->misuse_loc[w->nmisuse] = loc;
      w->misuse_check[w->nmisuse] = check;
      w->misuse_what[w->nmisuse] = what;
      w->nmisuse++;
    }
  }
  diag d;
  memset(&d, 0, sizeof d);
  d.loc = loc;
  d.check = check;
  d.msg = msg;
  d.func = w->f->name;
  d.nnotes = ns->n;
  d.notes = ns->v;
  diag_add(w->out, &d);
}

void report_history(walk *w, state *s, ir_loc loc, const char *msg) {
  hist *h = arena_alloc(w->a, sizeof *h);
  h->prev = s->hist;
  h->seq = ++s->seq;
  h->loc = loc;
  h->msg = msg;
  s->hist = h;
}

void report_leaks_at_exit(walk *w, state *s, ir_loc loc, exit_how how, const char *callee) {
  for (unsigned i = 0; i < s->nh; i++) {
    hnd *h = &s->h[i];
    if (!h->owned || h->escaped)
      continue;
    h_state e = walk_eff(s, h);
    if (!(e == H_HELD || (e == H_COND && walk_untested(s, h))))
      continue;
    const rule_kind *k = kind(w, h->kind);
    const char *what = place_text(w, h->home);
    const char *msg;
    switch (how) {
    case EXIT_RETURN:
      msg = arena_printf(w->a, "%s '%s' is not released when the function returns", k->describe, what);
      break;
    case EXIT_END:
      msg = arena_printf(w->a, "%s '%s' is not released when the function ends", k->describe, what);
      break;
    case EXIT_NORETURN:
      msg = arena_printf(w->a, "%s '%s' is not released before '%s' ends the process", k->describe,
                         what, callee ? callee : "?");
      break;
    default:
      msg = arena_printf(w->a, "%s '%s' is not released when the exception leaves the function",
                         k->describe, what);
      break;
    }
    notes ns = {0};
    add_path_notes(w, s, h, &ns, ~0u);
    leak(w, h, loc, k->leak_check, msg, &ns);
  }
}

void report_lost(walk *w, state *s, unsigned hid, ir_loc loc, int by_acquisition) {
  hnd *h = &s->h[hid];
  const rule_kind *k = kind(w, h->kind);
  const char *msg = arena_printf(w->a, by_acquisition
                                           ? "%s '%s' is overwritten by a new acquisition while still held"
                                           : "%s '%s' is overwritten while still held",
                                 k->describe, place_text(w, h->home));
  notes ns = {0};
  add_path_notes(w, s, h, &ns, ~0u);
  leak(w, h, loc, k->leak_check, msg, &ns);
}

void report_freed(walk *w, state *s, unsigned hid, ir_loc loc, const char *callee) {
  hnd *h = &s->h[hid];
  const rule_kind *k = kind(w, h->kind);
  notes ns = {0};
  add_path_notes(w, s, h, &ns, ~0u);
  leak(w, h, loc, k->leak_check,
       arena_printf(w->a, "%s '%s' is not released before '%s' frees the memory holding it", k->describe,
                    place_text(w, h->home), callee),
       &ns);
}

void report_double_release(walk *w, state *s, unsigned hid, ir_loc loc) {
  hnd *h = &s->h[hid];
  const rule_kind *k = hkind(w, h);
  notes ns = {0};
  add_release_notes(w, s, h, &ns, "first released here");
  emit(w, loc, "sspi-double-release",
       arena_printf(w->a, "%s '%s' is released twice", k->describe, place_text(w, h->home)), &ns);
}

void report_use_after_release(walk *w, state *s, unsigned hid, ir_loc loc, const char *callee) {
  hnd *h = &s->h[hid];
  const rule_kind *k = hkind(w, h);
  notes ns = {0};
  add_release_notes(w, s, h, &ns, "released here");
  emit(w, loc, "sspi-use-after-release",
       arena_printf(w->a, "%s '%s' is used by '%s' after it was released", k->describe,
                    place_text(w, h->home), callee),
       &ns);
}

void report_release_unacquired(walk *w, state *s, int kind_id, const ir_place *p, int hid, ir_loc loc) {
  const rule_kind *k = kind(w, kind_id);
  notes ns = {0};
  const char *msg;
  if (hid >= 0) {
    hnd *h = &s->h[hid];
    add_note(&ns, h->acq_loc, arena_printf(w->a, "%s acquired here by '%s'", k->describe, h->acq_fn));
    add_note(&ns, h->acq_loc, "acquisition failed on this path");
    add_branch_notes(w, s, &ns, h->acq_seq, ~0u);
    msg = arena_printf(w->a, "%s '%s' is released but its acquisition failed", k->describe,
                       place_text(w, p ? p : h->home));
  } else {
    msg = arena_printf(w->a, "%s '%s' is released but was never acquired", k->describe, place_text(w, p));
  }
  emit(w, loc, "sspi-release-unacquired", msg, &ns);
}

void report_freed_as_heap(walk *w, state *s, unsigned hid, ir_loc loc, const char *callee) {
  hnd *h = &s->h[hid];
  const rule_kind *k = hkind(w, h);
  notes ns = {0};
  add_path_notes(w, s, h, &ns, ~0u);
  emit(w, loc, "sspi-mismatched-release",
       arena_printf(w->a, "%s '%s' is released with '%s', which frees heap memory; release it with %s",
                    k->describe, place_text(w, h->home), callee,
                    k->release_hint ? k->release_hint : "its release function"),
       &ns);
}

void report_heap_mismatch(walk *w, const ir_place *p, const char *allocator, ir_loc alloc_loc,
                          int release_kind, ir_loc loc, const char *callee) {
  const rule_kind *rk = kind(w, release_kind);
  notes ns = {0};
  if (alloc_loc.file)
    add_note(&ns, alloc_loc, arena_printf(w->a, "memory allocated here by '%s'", allocator));
  emit(w, loc, "sspi-mismatched-release",
       arena_printf(w->a, "memory from '%s' in '%s' is released with '%s', which releases %ss",
                    allocator, place_text(w, p), callee, rk->describe),
       &ns);
}

void report_mismatch(walk *w, state *s, unsigned hid, int release_kind, ir_loc loc, const char *callee) {
  hnd *h = &s->h[hid];
  const rule_kind *k = hkind(w, h);
  const rule_kind *rk = kind(w, release_kind);
  notes ns = {0};
  add_path_notes(w, s, h, &ns, ~0u);
  emit(w, loc, "sspi-mismatched-release",
       arena_printf(w->a, "%s '%s' is released with '%s', which releases %ss", k->describe,
                    place_text(w, h->home), callee, rk->describe),
       &ns);
}
