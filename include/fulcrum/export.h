/* FC_API marks the library's public functions and objects. The library is compiled with
 * -fvisibility=hidden, so everything else stays inside libfulcrum.so: clients see only the
 * fc_ names declared in these headers, and internal helpers can change freely. */
#ifndef FULCRUM_EXPORT_H
#define FULCRUM_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define FC_API __attribute__((visibility("default")))
#else
#define FC_API
#endif

#endif
