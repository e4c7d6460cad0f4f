// Names nothing itself: its command force-includes include/names.h.
int fi(void) { return 0; }
