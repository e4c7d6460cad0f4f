// The end of the chain: names only functions of l2.c.
int l2_open(void *h);
void l2_close(void *h);

struct slot {
  unsigned long lower, upper;
};

int l3_ok(void) {
  struct slot s;
  if (l2_open(&s) != 0)
    return -1;
  l2_close(&s);
  return 0;
}

int l3_leak(void) {
  struct slot s;
  if (l2_open(&s) != 0)
    return -1;
  return 0;
}
