#ifndef ALPHA_H
#define ALPHA_H
int alpha_once(bool fail);
#endif
