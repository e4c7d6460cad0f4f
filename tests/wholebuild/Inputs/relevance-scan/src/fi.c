// Names only a macro of include/names.h, which its command force-includes.
#ifdef MY_HANDLE
int have_handle_type;
#endif
int fi(void) { return 0; }
