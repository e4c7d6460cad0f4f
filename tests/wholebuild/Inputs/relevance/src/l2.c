// The middle of the chain: names only functions of l1.c.
int l1_open(void *h);
void l1_close(void *h);

int l2_open(void *h) { return l1_open(h); }
void l2_close(void *h) { l1_close(h); }
