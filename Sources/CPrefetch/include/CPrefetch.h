#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the processor to start loading the cache line at `p` for writing, without
/// waiting for it (a hint: it never faults). Swift has no prefetch of its own.
static inline void clientele_prefetch(const void *p) {
    __builtin_prefetch(p, 1, 3);
}

#endif
