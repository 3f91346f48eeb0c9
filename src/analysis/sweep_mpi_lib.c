/* Opens MPI at the first distributed sweep and fills the table sweep_mpi_lib.h calls through.
 * Linked, Open MPI and its runtime were loaded by every command (a tenth of start-up); only
 * `sweep --mpi` uses them. RTLD_GLOBAL: Open MPI's own components resolve libmpi's symbols. */
#ifdef FULCRUM_HAVE_MPI
#include <pthread.h>

#define SWEEP_MPI_NO_RENAME
#include "analysis/sweep_mpi_lib.h"
#include "util/dl.h"

sweep_mpi_table sweep_mpi;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded;

fc_status sweep_mpi_load(fc_error *err)
{
    static const char *const names[] = {
#define SWEEP_MPI_NAME(f) #f,
        SWEEP_MPI_FUNCTIONS(SWEEP_MPI_NAME) SWEEP_MPI_OBJECTS(SWEEP_MPI_NAME)
#undef SWEEP_MPI_NAME
    };
    enum { N = sizeof names / sizeof names[0] };
    fc_status st = FC_OK;
    pthread_mutex_lock(&lock);
    if (!loaded) {
        void *p[N];
        st = util_dl_load(FULCRUM_MPI_SONAME, 1, "a distributed sweep (MPI)", names, p, N, err);
        if (!st) {
            size_t i = 0;
#define SWEEP_MPI_SET(f) sweep_mpi.f = (__typeof__(sweep_mpi.f))p[i++];
            SWEEP_MPI_FUNCTIONS(SWEEP_MPI_SET)
            SWEEP_MPI_OBJECTS(SWEEP_MPI_SET)
#undef SWEEP_MPI_SET
            loaded = 1;
        }
    }
    pthread_mutex_unlock(&lock);
    return st;
}

#endif
