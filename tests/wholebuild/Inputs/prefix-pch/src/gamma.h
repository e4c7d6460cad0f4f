#ifndef GAMMA_H
#define GAMMA_H
int gamma_once(bool fail);
#endif
