/* janitor.c - see janitor.h. The run and its janitor talk over a stream socket pair
 * (a write to a janitor that has died returns EPIPE with MSG_NOSIGNAL instead of
 * killing the run with SIGPIPE): "+DIR\n" watches a directory, "-DIR\n" drops it.
 * Each message is one send of at most JANITOR_MAX_PATH + 2 bytes. */
#define _GNU_SOURCE /* closefrom, MSG_NOSIGNAL */
#include "janitor.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#define JANITOR_MAX_PATH 4000u
#define JANITOR_MAX_DIRS 64u

static int jfd = -1;     /* the run's end; -1: not started */
static int jfailed;      /* could not be started: not tried again */

void janitor_remove_dir(const char *dir) {
  if (!dir)
    return;
  DIR *dp = opendir(dir);
  if (dp) {
    struct dirent *e;
    char path[JANITOR_MAX_PATH + 300];
    while ((e = readdir(dp)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
        continue;
      int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      if (n > 0 && (size_t)n < sizeof path)
        unlink(path); /* a directory inside is not ours: unlink fails, rmdir below too */
    }
    closedir(dp);
  }
  rmdir(dir);
}

/* janitor_main: the janitor's whole life: the directories it is told of, until the run
 * (and every process holding its end) has ended; then those not dropped are removed. */
static void janitor_main(int fd) {
  static char dirs[JANITOR_MAX_DIRS][JANITOR_MAX_PATH + 1];
  unsigned ndirs = 0;
  char buf[2 * (JANITOR_MAX_PATH + 2)];
  size_t have = 0;
  for (;;) {
    ssize_t got = read(fd, buf + have, sizeof buf - have);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      break; /* the run has ended (or the socket failed: clean up now either way) */
    have += (size_t)got;
    char *nl;
    while ((nl = memchr(buf, '\n', have)) != NULL) {
      size_t len = (size_t)(nl - buf);
      if (len >= 2 && len - 1 <= JANITOR_MAX_PATH) {
        char path[JANITOR_MAX_PATH + 1];
        memcpy(path, buf + 1, len - 1);
        path[len - 1] = 0;
        if (buf[0] == '+' && ndirs < JANITOR_MAX_DIRS) {
          memcpy(dirs[ndirs++], path, len);
        } else if (buf[0] == '-') {
          for (unsigned i = 0; i < ndirs; i++)
            if (strcmp(dirs[i], path) == 0) {
              memcpy(dirs[i], dirs[--ndirs], sizeof dirs[i]);
              break;
            }
        }
      }
      have -= len + 1;
      memmove(buf, nl + 1, have);
    }
    if (have == sizeof buf)
      have = 0; /* no line in a full buffer: not a message of ours */
  }
  for (unsigned i = 0; i < ndirs; i++)
    janitor_remove_dir(dirs[i]);
}

static int janitor_start(void) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return -1;
  fflush(NULL); /* nothing buffered is written twice */
  pid_t pid = fork();
  if (pid < 0) {
    close(sv[0]);
    close(sv[1]);
    return -1;
  }
  if (pid == 0) {
    /* the janitor: out of the run's process group and deaf to terminal signals, with
     * no descriptor of the run but its end of the socket */
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
      signal(sigs[i], SIG_IGN);
    setsid();
    int fd = sv[0];
    if (fd != 3) {
      if (dup2(fd, 3) < 0)
        _exit(0);
      fd = 3;
    }
    int null = open("/dev/null", O_RDWR);
    for (int k = 0; k < 3; k++)
      if (null >= 0 && null != k)
        dup2(null, k);
    closefrom(4);
    janitor_main(fd);
    _exit(0);
  }
  close(sv[0]);
  jfd = sv[1];
  return 0;
}

/* say: one message to the janitor; -1 when it could not be sent whole. */
static int say(char what, const char *dir) {
  char msg[JANITOR_MAX_PATH + 3];
  size_t n = strlen(dir);
  if (n > JANITOR_MAX_PATH || memchr(dir, '\n', n))
    return -1;
  msg[0] = what;
  memcpy(msg + 1, dir, n);
  msg[n + 1] = '\n';
  ssize_t w;
  do
    w = send(jfd, msg, n + 2, MSG_NOSIGNAL);
  while (w < 0 && errno == EINTR);
  return w == (ssize_t)(n + 2) ? 0 : -1;
}

int janitor_watch(const char *dir) {
  if (!dir || jfailed)
    return -1;
  if (jfd < 0 && janitor_start() != 0) {
    jfailed = 1;
    return -1;
  }
  return say('+', dir);
}

void janitor_forget(const char *dir) {
  if (dir && jfd >= 0)
    say('-', dir);
}
