/* range.h - what is known about an unknown integer: an interval minus a few points.
 * Used for call statuses (SECURITY_STATUS) and tested variables. */
#ifndef SSPI_ENGINE_RANGE_H
#define SSPI_ENGINE_RANGE_H

#include <stdint.h>
#include "../rules.h"

/* The same set as the rules' (a summary's predicate carries two of them). */
#define RANGE_MAX_HOLES RULE_VALUES_MAX_HOLES
typedef rule_values range;

/* range_full: every int64. */
range range_full(void);
/* range_is_full: nothing is known. */
int range_is_full(const range *r);
/* range_refine: r := r ∩ {x | x op c}. Returns 0 when the result is empty
 * (the constraint is infeasible), 1 otherwise. Holes beyond the cap are forgotten
 * (the range stays sound: it only grows). */
int range_refine(range *r, ir_op op, int64_t c);
/* range_all / range_none: every / no value of r satisfies  x op c. */
int range_all(const range *r, ir_op op, int64_t c);
int range_none(const range *r, ir_op op, int64_t c);
/* range_meet: r := r ∩ m. Returns 0 when the result is empty (holes beyond the cap are
 * forgotten, as in range_refine). */
int range_meet(range *r, const range *m);
/* range_join: the smallest set of this form holding every value of a and of b that keeps
 * only holes of a or b (it may hold more than a ∪ b: the values between two intervals). */
range range_join(const range *a, const range *b);
/* range_has: v is in r. */
int range_has(const range *r, int64_t v);
/* range_eq: same set representation. */
int range_eq(const range *a, const range *b);
/* ir_op_negate: the op of the false branch (== <-> !=, < <-> >=, ...).
 * ir_op_swap: the op with operands swapped (a < b  <=>  b > a). */
ir_op ir_op_negate(ir_op op);
ir_op ir_op_swap(ir_op op);
/* ir_op_eval: a op b for known values. */
int ir_op_eval(int64_t a, ir_op op, int64_t b);

#endif
