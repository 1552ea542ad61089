#ifndef CJOBARCHIVE_ZLIB_SHIM_H
#define CJOBARCHIVE_ZLIB_SHIM_H
#include <zlib.h>
#endif
