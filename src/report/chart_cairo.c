/* Opens cairo at the first chart and fills the table chart_cairo.h calls through: the charts
 * are the only users of cairo (and of the fontconfig, pixman, freetype, X11 libraries it brings),
 * so linking it made every command load some twenty libraries it did not use. */
#include <pthread.h>

#define CHART_CAIRO_NO_RENAME
#include "report/chart_cairo.h"
#include "util/dl.h"

chart_cairo_table chart_cairo;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded;

fc_status chart_cairo_load(fc_error *err)
{
    static const char *const names[] = {
#define CHART_CAIRO_NAME(f) #f,
        CHART_CAIRO_FUNCTIONS(CHART_CAIRO_NAME)
#undef CHART_CAIRO_NAME
    };
    enum { N = sizeof names / sizeof names[0] };
    fc_status st = FC_OK;
    pthread_mutex_lock(&lock);
    if (!loaded) {
        void *p[N];
        st = util_dl_load(FULCRUM_CAIRO_SONAME, 0, "drawing charts", names, p, N, err);
        if (!st) {
            size_t i = 0;
#define CHART_CAIRO_SET(f) chart_cairo.f = (__typeof__(chart_cairo.f))p[i++];
            CHART_CAIRO_FUNCTIONS(CHART_CAIRO_SET)
#undef CHART_CAIRO_SET
            loaded = 1;
        }
    }
    pthread_mutex_unlock(&lock);
    return st;
}

int chart_cairo_loaded(void)
{
    pthread_mutex_lock(&lock);
    int l = loaded;
    pthread_mutex_unlock(&lock);
    return l;
}
