#ifndef BETA_H
#define BETA_H
int beta_once(bool fail);
#endif
