// Names nothing relevant: never parsed.
int add(int a, int b) { return a + b; }
