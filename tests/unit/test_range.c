/* test_range.c - the engine's integer sets (an interval minus a few points): the meet
 * and join that predicates over sets use (engine/range.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engine/range.h"

/* {lo..hi} minus the n points given */
static range set_of(int64_t lo, int64_t hi, unsigned n, const int64_t *minus) {
  range r = range_full();
  r.lo = lo;
  r.hi = hi;
  for (unsigned i = 0; i < n; i++)
    range_refine(&r, IR_NE, minus[i]);
  return r;
}

/* "anything but four success codes" met with "a failure" (< 0): the failures */
static void meet_holes_with_bound(void **st) {
  (void)st;
  const int64_t ok[] = {0, 590610, 590611, 590612};
  range r = range_full();
  range_refine(&r, IR_LE, 0); /* a call that never returns SEC_I_* */
  range m = set_of(INT64_MIN, INT64_MAX, 4, ok);
  assert_int_equal(range_meet(&r, &m), 1);
  assert_true(r.hi == -1 && r.lo == INT64_MIN && r.nholes == 0);
  /* and with "one of them" (their hull): nothing is left */
  range z = range_full();
  range_refine(&z, IR_LT, 0);
  range hull = set_of(0, 590612, 0, NULL);
  assert_int_equal(range_meet(&z, &hull), 0);
}

/* holes of both sides are kept within the cap; an empty side empties the meet */
static void meet_keeps_holes(void **st) {
  (void)st;
  const int64_t a[] = {3, 5}, b[] = {4, 5, 7};
  range r = set_of(0, 10, 2, a);
  range m = set_of(2, 20, 3, b);
  assert_int_equal(range_meet(&r, &m), 1);
  assert_true(r.lo == 2 && r.hi == 10);
  assert_int_equal(r.nholes, 4);
  assert_false(range_has(&r, 3) || range_has(&r, 4) || range_has(&r, 5) || range_has(&r, 7));
  assert_true(range_has(&r, 6) && range_has(&r, 8));
  range e = range_full();
  e.lo = 1;
  e.hi = 0;
  assert_int_equal(range_meet(&r, &e), 0);
}

/* the join holds both sides; a point outside both stays out only when it was a hole */
static void join_holds_both(void **st) {
  (void)st;
  const int64_t a[] = {0, 590610}, b[] = {590610, 590611};
  range x = set_of(-100, 590620, 2, a);
  range y = set_of(0, 590615, 2, b);
  range j = range_join(&x, &y);
  assert_true(j.lo == -100 && j.hi == 590620);
  assert_true(range_has(&j, 0));       /* in y */
  assert_true(range_has(&j, 590611));  /* in x */
  assert_false(range_has(&j, 590610)); /* in neither */
  /* disjoint points: the hull (the values between are not said to be out) */
  range p = set_of(0, 0, 0, NULL), q = set_of(590612, 590612, 0, NULL);
  range h = range_join(&p, &q);
  assert_true(h.lo == 0 && h.hi == 590612 && range_has(&h, 7));
  /* an empty side gives the other */
  range e = range_full();
  e.lo = 1;
  e.hi = 0;
  range k = range_join(&e, &x);
  assert_true(range_eq(&k, &x));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(meet_holes_with_bound),
      cmocka_unit_test(meet_keeps_holes),
      cmocka_unit_test(join_holds_both),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
