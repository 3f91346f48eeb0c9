/* GMP's allocation failure under fc_game_exit_on_oom: the process ends with the message and the
 * status asked for, not GMP's abort. This program makes an allocation fail on purpose (a 1 GiB
 * number under a 256 MiB address-space limit, or, under AddressSanitizer, which cannot run
 * with such a limit, ASan's max_allocation_size_mb set by the test) and is run by ctest
 * through expect.sh, which checks the status (7) and that the message is the last line printed. */
#include <gmp.h>
#include <stdio.h>
#include <sys/resource.h>

#include "fulcrum/fulcrum.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

int main(void)
{
#ifndef UNDER_ASAN
    struct rlimit lim = {256UL << 20, 256UL << 20};
    if (setrlimit(RLIMIT_AS, &lim) != 0) {
        perror("setrlimit");
        return 2;
    }
#endif
    fc_game_exit_on_oom("test: GMP ran out of memory", 7);
    mpz_t big;
    mpz_init2(big, (mp_bitcnt_t)1 << 33); /* 1 GiB of limbs */
    mpz_setbit(big, ((mp_bitcnt_t)1 << 33) - 1);
    printf("allocated %zu bits: the limit did not hold\n", mpz_sizeinbase(big, 2));
    mpz_clear(big);
    return 0;
}
