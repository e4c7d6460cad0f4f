// Names nothing.
int plain(void) { return 1; }
