/* janitor.h - a run's private temporary directories (the shared-prefix PCHs, the -j
 * workers' unit files) removed however the run ends: by its own cleanup, or, when it
 * is killed (SIGKILL from a CI timeout, an out-of-memory exit), by a small process
 * forked for the purpose that waits for the run's end of a pipe to close.
 *
 * The janitor is started by the first janitor_watch. It leaves the run's process
 * group and ignores terminal signals, so that a Ctrl-C or a group kill meant for the
 * run does not stop it before it has cleaned up; it holds no other descriptor of the
 * run (stdin, stdout and stderr are /dev/null), so whoever reads the run's output sees
 * its end when the run ends. Worker processes forked by the run hold the pipe too: a
 * directory the workers still use is removed only once they have ended as well.
 * It removes the regular files of each directory left and the directory (never
 * anything below: the run's directories hold only files).
 */
#ifndef SSPI_JANITOR_H
#define SSPI_JANITOR_H

/* janitor_watch: dir is removed, with the files in it, when the run ends, unless the
 * run has removed it itself (janitor_forget). 0, or -1 when the janitor cannot be had
 * (no pipe or process, a path over 4,000 bytes, 64 directories watched): the run goes
 * on, and only its own cleanup removes dir. */
int janitor_watch(const char *dir);

/* janitor_forget: the run has removed dir (or is about to): the janitor drops it. */
void janitor_forget(const char *dir);

/* janitor_remove_dir: the regular files of dir, then dir (as the janitor does). */
void janitor_remove_dir(const char *dir);

#endif
