#ifndef TIMEOUTS_H
#define TIMEOUTS_H
/* A header function every unit of the project lowers; its float test has no meaning
 * in the IR (an unknown branch). */
static inline int timed_out(double elapsed, double limit) {
  if (elapsed > limit)
    return 1;
  return 0;
}
#endif
