#ifndef CALIMPORT_CLIBPQ_SHIM_H
#define CALIMPORT_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
