#ifndef T_H
#define T_H
static inline int over(double v, double limit) {
  if (v > limit)
    return 1;
  return 0;
}
#endif
