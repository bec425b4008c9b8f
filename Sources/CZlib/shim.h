#ifndef ASSIST_CZLIB_SHIM_H
#define ASSIST_CZLIB_SHIM_H

#include <zlib.h>

/* inflateInit2 is a macro (it passes the library's version and the stream's size): invisible to
   Swift, so it is wrapped. windowBits -15: a raw DEFLATE stream, as a ZIP entry holds it. */
static inline int assist_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -15);
}

#endif
