/* unitcache.c - the cache of lowered units (see unitcache.h).
 *
 * An entry, "<dir>/<key: 32 hex digits>.sspi-cache":
 *   sspi-check-cache 1
 *   key <32 hex digits>
 *   dep <16 hex digits: XXH3 of the content> <path>      one per file the unit read
 *   payload <bytes> <16 hex digits: XXH3 of the payload>
 *   <the unit file (ir_io.h), exactly <bytes> bytes>
 * Everything is checked before the payload is read as a unit file; anything that does
 * not match is a miss.
 */
#define _POSIX_C_SOURCE 200809L
#include "unitcache.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "ir_io.h"
#include "util/arena.h"
#include "util/infile.h"
#include "util/strmap.h"

#ifndef SSPI_CHECK_VERSION
#define SSPI_CHECK_VERSION "0.0.0"
#endif

#define UC_MAGIC "sspi-check-cache 1"
#define UC_MAX_DEPS 100000u
#define UC_MAX_PATH 4096u

struct unitcache {
  char *dir;
  XXH64_hash_t rules_hash;
  /* the dependencies hashed so far in this run: path -> index (a header that 150
   * units include is read once per run, not 150 times) */
  strmap dep_index;
  arena *a;             /* the paths */
  XXH64_hash_t *dep_h;
  unsigned char *dep_ok;
  unsigned ndeps, capdeps;
};

/* hash_file: XXH3 of a regular file's content (bounded); 0, or -1 when unreadable. */
static int hash_file(const char *path, XXH64_hash_t *out) {
  char err[1400];
  FILE *f = infile_open(path, INFILE_MAX_SOURCE, err, sizeof err);
  if (!f)
    return -1;
  XXH3_state_t *st = XXH3_createState();
  char buf[1 << 15];
  int rc = st && XXH3_64bits_reset(st) == XXH_OK ? 0 : -1;
  size_t n;
  while (rc == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0)
    if (XXH3_64bits_update(st, buf, n) != XXH_OK)
      rc = -1;
  if (ferror(f))
    rc = -1;
  if (rc == 0)
    *out = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  fclose(f);
  return rc;
}

/* dep_hash: hash_file of a file a unit read, once per run per file. */
static int dep_hash(unitcache *c, const char *path, XXH64_hash_t *out) {
  unsigned k;
  if (strmap_get(&c->dep_index, path, &k)) {
    *out = c->dep_h[k];
    return c->dep_ok[k] ? 0 : -1;
  }
  XXH64_hash_t h = 0;
  int rc = hash_file(path, &h);
  if (c->ndeps == c->capdeps) {
    unsigned cap = c->capdeps ? 2 * c->capdeps : 256;
    XXH64_hash_t *nh = realloc(c->dep_h, cap * sizeof *nh);
    if (nh)
      c->dep_h = nh;
    unsigned char *no = nh ? realloc(c->dep_ok, cap) : NULL;
    if (!nh || !no) {
      *out = h; /* not remembered: hashed again next time */
      return rc;
    }
    c->dep_ok = no;
    c->capdeps = cap;
  }
  c->dep_h[c->ndeps] = h;
  c->dep_ok[c->ndeps] = rc == 0;
  strmap_put(&c->dep_index, arena_strdup(c->a, path), c->ndeps++);
  *out = h;
  return rc;
}

unitcache *unitcache_new(const char *dir, const char *const *rule_files, unsigned n) {
  unitcache *c = calloc(1, sizeof *c);
  if (c) {
    strmap_init(&c->dep_index);
    c->a = arena_new();
  }
  if (!c || !(c->dir = strdup(dir))) {
    unitcache_free(c);
    return NULL;
  }
  XXH3_state_t *st = XXH3_createState();
  if (!st || XXH3_64bits_reset(st) != XXH_OK) {
    XXH3_freeState(st);
    unitcache_free(c);
    return NULL;
  }
  for (unsigned i = 0; i < n; i++) {
    XXH64_hash_t h;
    if (hash_file(rule_files[i], &h) != 0) {
      XXH3_freeState(st);
      unitcache_free(c);
      return NULL;
    }
    XXH3_64bits_update(st, &h, sizeof h);
  }
  /* the executable itself: a rebuilt sspi-check (a changed front end under the same
   * version number) never reads the entries of another build */
  XXH64_hash_t eh;
  if (hash_file("/proc/self/exe", &eh) == 0)
    XXH3_64bits_update(st, &eh, sizeof eh);
  c->rules_hash = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  return c;
}

void unitcache_free(unitcache *c) {
  if (!c)
    return;
  free(c->dir);
  strmap_free(&c->dep_index);
  arena_free(c->a);
  free(c->dep_h);
  free(c->dep_ok);
  free(c);
}

static void upd_str(XXH3_state_t *st, const char *s) {
  XXH3_128bits_update(st, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* main_path: the unit's main file, resolved against the command's directory. */
static int main_path(const fe_cmd *cmd, char *buf, size_t n) {
  int w = cmd->file[0] == '/' || !cmd->directory
              ? snprintf(buf, n, "%s", cmd->file)
              : snprintf(buf, n, "%s/%s", cmd->directory, cmd->file);
  return w >= 0 && (size_t)w < n ? 0 : -1;
}

/* entry_key: the key of cmd's entry as 32 hex digits; -1 when the main file cannot be
 * read (no caching). */
static int entry_key(const unitcache *c, const fe_cmd *cmd, const fe_opts *fo, char hex[33]) {
  char path[UC_MAX_PATH];
  XXH64_hash_t mh;
  if (main_path(cmd, path, sizeof path) != 0 || hash_file(path, &mh) != 0)
    return -1;
  XXH3_state_t *st = XXH3_createState();
  if (!st || XXH3_128bits_reset(st) != XXH_OK) {
    XXH3_freeState(st);
    return -1;
  }
  upd_str(st, UC_MAGIC);
  upd_str(st, SSPI_CHECK_VERSION);
  upd_str(st, fe_version());
  XXH3_128bits_update(st, &c->rules_hash, sizeof c->rules_hash);
  upd_str(st, cmd->directory);
  upd_str(st, cmd->file);
  for (int i = 0; i < cmd->argc; i++)
    upd_str(st, cmd->argv[i]);
  upd_str(st, "\001extra");
  for (int i = 0; fo && i < fo->nextra; i++)
    upd_str(st, fo->extra[i]);
  upd_str(st, fo && fo->keep_target ? "keep-target" : "mingw");
  XXH3_128bits_update(st, &mh, sizeof mh);
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  snprintf(hex, 33, "%016" PRIx64 "%016" PRIx64, (uint64_t)h.high64, (uint64_t)h.low64);
  return 0;
}

static char *entry_path(const unitcache *c, const char *hex, const char *suffix) {
  size_t n = strlen(c->dir) + 64;
  char *p = malloc(n);
  if (p)
    snprintf(p, n, "%s/%s%s", c->dir, hex, suffix);
  return p;
}

/* read_line: the next line of buf[*pos..n) without its newline, NUL-terminated in
 * place; NULL at the end or without a newline. */
static char *read_line(char *buf, size_t n, size_t *pos) {
  if (*pos >= n)
    return NULL;
  char *s = buf + *pos, *nl = memchr(s, '\n', n - *pos);
  if (!nl)
    return NULL;
  *nl = 0;
  *pos = (size_t)(nl - buf) + 1;
  return s;
}

/* read_all: the whole entry file (bounded), owned; NULL when missing or unreadable. */
static char *read_all(const char *path, size_t *len) {
  char err[1400];
  return infile_read(path, INFILE_MAX_UNIT, len, err, sizeof err);
}

/* get: the entry of cmd; with check_deps, only while every file it lists still hashes
 * the same (else the entry's dependencies were checked earlier in this run). */
static ir_unit *get(unitcache *c, const fe_cmd *cmd, const fe_opts *fo, int check_deps) {
  char hex[33];
  if (!c || entry_key(c, cmd, fo, hex) != 0)
    return NULL;
  char *path = entry_path(c, hex, ".sspi-cache");
  size_t n = 0, pos = 0;
  char *buf = path ? read_all(path, &n) : NULL;
  ir_unit *u = NULL;
  char *line;
  if (!buf || !(line = read_line(buf, n, &pos)) || strcmp(line, UC_MAGIC) != 0 ||
      !(line = read_line(buf, n, &pos)) || strncmp(line, "key ", 4) != 0 ||
      strcmp(line + 4, hex) != 0)
    goto done;
  for (unsigned k = 0; k <= UC_MAX_DEPS; k++) {
    if (!(line = read_line(buf, n, &pos)))
      goto done;
    if (!strncmp(line, "dep ", 4)) {
      char *end;
      errno = 0;
      unsigned long long want = strtoull(line + 4, &end, 16);
      XXH64_hash_t have;
      if (!check_deps)
        continue;
      if (errno || end != line + 20 || *end != ' ' || dep_hash(c, end + 1, &have) != 0 ||
          have != (XXH64_hash_t)want)
        goto done; /* a file the unit read changed (or is gone) */
      continue;
    }
    if (strncmp(line, "payload ", 8) != 0)
      goto done;
    char *end;
    errno = 0;
    unsigned long long len = strtoull(line + 8, &end, 10);
    if (errno || *end != ' ')
      goto done;
    unsigned long long want = strtoull(end + 1, &end, 16);
    if (*end || len != n - pos || XXH3_64bits(buf + pos, (size_t)len) != (XXH64_hash_t)want)
      goto done;
    FILE *in = fmemopen(buf + pos, (size_t)len, "r");
    if (!in)
      goto done;
    char err[1400];
    u = ir_read(in, path, err, sizeof err);
    fclose(in);
    break;
  }
done:
  free(buf);
  free(path);
  return u;
}

ir_unit *unitcache_get(unitcache *c, const fe_cmd *cmd, const fe_opts *fo) {
  return get(c, cmd, fo, 1);
}

ir_unit *unitcache_reload(unitcache *c, const fe_cmd *cmd, const fe_opts *fo) {
  return get(c, cmd, fo, 0);
}

/* The files a unit read, collected through fe_opts.on_file. */
typedef struct dep_list {
  char **paths;
  unsigned n, cap;
  int overflow;
} dep_list;

static void add_dep(void *ctx, const char *path) {
  dep_list *d = ctx;
  if (d->overflow)
    return;
  if (d->n == d->cap) {
    unsigned cap = d->cap ? d->cap * 2 : 64;
    char **np = cap <= UC_MAX_DEPS ? realloc(d->paths, cap * sizeof *np) : NULL;
    if (!np) {
      d->overflow = 1;
      return;
    }
    d->paths = np;
    d->cap = cap;
  }
  if (!(d->paths[d->n] = strdup(path)))
    d->overflow = 1;
  else
    d->n++;
}

/* put: writes the entry through a temporary file renamed into place. */
/* put: the entry of key hex: u as ir_write writes it (returned, owned, *plen long; NULL
 * when it could not be written out) and the files d it read. */
static char *put(unitcache *c, const char *hex, const ir_unit *u, const dep_list *d,
                 size_t *plen_out) {
  char *payload = NULL;
  size_t plen = 0;
  FILE *mem = open_memstream(&payload, &plen);
  if (!mem)
    return NULL;
  int bad = ir_write(mem, u) != 0;
  if (fclose(mem) != 0 || bad) {
    free(payload);
    return NULL;
  }
  *plen_out = plen;
  mkdir(c->dir, 0777); /* EEXIST is fine; any other problem shows in mkstemp */
  char *tmp = entry_path(c, ".tmp-", "XXXXXX");
  char *final = entry_path(c, hex, ".sspi-cache");
  int fd = tmp && final ? mkstemp(tmp) : -1;
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    if (fd >= 0) {
      close(fd);
      unlink(tmp);
    }
    goto out;
  }
  fprintf(f, "%s\nkey %s\n", UC_MAGIC, hex);
  for (unsigned k = 0; k < d->n; k++) {
    XXH64_hash_t h;
    if (strchr(d->paths[k], '\n') || dep_hash(c, d->paths[k], &h) != 0) {
      bad = 1; /* a file we cannot hash again: never cache this unit */
      break;
    }
    fprintf(f, "dep %016" PRIx64 " %s\n", (uint64_t)h, d->paths[k]);
  }
  fprintf(f, "payload %zu %016" PRIx64 "\n", plen, (uint64_t)XXH3_64bits(payload, plen));
  fwrite(payload, 1, plen, f);
  if (fclose(f) != 0 || bad || rename(tmp, final) != 0)
    unlink(tmp);
out:
  free(tmp);
  free(final);
  return payload;
}

ir_unit *unitcache_lower(unitcache *c, const fe_cmd *cmd, const rules *r, const fe_opts *fo,
                         char **err, char **bytes, size_t *nbytes) {
  char hex[33];
  if (bytes)
    *bytes = NULL;
  if (!c || entry_key(c, cmd, fo, hex) != 0)
    return fe_lower(cmd, r, fo, err);
  dep_list d;
  memset(&d, 0, sizeof d);
  fe_opts o = *fo;
  o.on_file = add_dep;
  o.on_file_ctx = &d;
  ir_unit *u = fe_lower(cmd, r, &o, err);
  if (u && !d.overflow) {
    size_t plen = 0;
    char *payload = put(c, hex, u, &d, &plen);
    if (bytes && payload) {
      *bytes = payload;
      *nbytes = plen;
    } else {
      free(payload);
    }
  }
  for (unsigned k = 0; k < d.n; k++)
    free(d.paths[k]);
  free(d.paths);
  return u;
}
