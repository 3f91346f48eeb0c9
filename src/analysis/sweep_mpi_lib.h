/* MPI, opened at the first distributed sweep (src/analysis/sweep_mpi_lib.c): sweep_mpi.c calls
 * MPI_* as usual and the names below turn those calls into calls through a table filled by
 * dlsym, so the library does not link MPI and only `sweep --mpi` loads it (with Open MPI's
 * runtime, hwloc and libevent). Open MPI's handles (MPI_COMM_WORLD, MPI_INT, MPI_SUM...) are
 * addresses of objects in libmpi, which are looked up the same way. */
#ifndef FULCRUM_ANALYSIS_SWEEP_MPI_LIB_H
#define FULCRUM_ANALYSIS_SWEEP_MPI_LIB_H

#include <mpi.h>

#include "fulcrum/error.h"

/* Every MPI function sweep_mpi.c calls; a new one goes here too. */
#define SWEEP_MPI_FUNCTIONS(X) \
    X(MPI_Allreduce) \
    X(MPI_Comm_rank) \
    X(MPI_Comm_size) \
    X(MPI_Finalize) \
    X(MPI_Gatherv) \
    X(MPI_Init) \
    X(MPI_Initialized) \
    X(MPI_Reduce)

/* The predefined handles sweep_mpi.c uses (objects in Open MPI; plain constants elsewhere). */
#ifdef OPEN_MPI
#define SWEEP_MPI_OBJECTS(X) \
    X(ompi_mpi_comm_world) \
    X(ompi_mpi_int) \
    X(ompi_mpi_double) \
    X(ompi_mpi_uint64_t) \
    X(ompi_mpi_op_max) \
    X(ompi_mpi_op_sum)
#else
#define SWEEP_MPI_OBJECTS(X)
#endif

typedef struct sweep_mpi_table {
#define SWEEP_MPI_MEMBER(f) __typeof__(f) *f;
    SWEEP_MPI_FUNCTIONS(SWEEP_MPI_MEMBER)
    SWEEP_MPI_OBJECTS(SWEEP_MPI_MEMBER)
#undef SWEEP_MPI_MEMBER
    int unused; /* keeps the struct non-empty whatever the lists hold */
} sweep_mpi_table;

extern sweep_mpi_table sweep_mpi;

/* Opens MPI (once per process) before any MPI call: FC_EIO naming the library when it cannot. */
fc_status sweep_mpi_load(fc_error *err);

#ifndef SWEEP_MPI_NO_RENAME
#define MPI_Allreduce (sweep_mpi.MPI_Allreduce)
#define MPI_Comm_rank (sweep_mpi.MPI_Comm_rank)
#define MPI_Comm_size (sweep_mpi.MPI_Comm_size)
#define MPI_Finalize (sweep_mpi.MPI_Finalize)
#define MPI_Gatherv (sweep_mpi.MPI_Gatherv)
#define MPI_Init (sweep_mpi.MPI_Init)
#define MPI_Initialized (sweep_mpi.MPI_Initialized)
#define MPI_Reduce (sweep_mpi.MPI_Reduce)
#ifdef OPEN_MPI
/* MPI_COMM_WORLD is ((MPI_Comm)&(ompi_mpi_comm_world)): the object through its address. */
#define ompi_mpi_comm_world (*sweep_mpi.ompi_mpi_comm_world)
#define ompi_mpi_int (*sweep_mpi.ompi_mpi_int)
#define ompi_mpi_double (*sweep_mpi.ompi_mpi_double)
#define ompi_mpi_uint64_t (*sweep_mpi.ompi_mpi_uint64_t)
#define ompi_mpi_op_max (*sweep_mpi.ompi_mpi_op_max)
#define ompi_mpi_op_sum (*sweep_mpi.ompi_mpi_op_sum)
#endif
#endif

#endif
