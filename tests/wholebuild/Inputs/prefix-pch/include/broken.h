#ifndef BROKEN_H
#define BROKEN_H
#include <windows.h>
static int broken_value = ;
#endif
