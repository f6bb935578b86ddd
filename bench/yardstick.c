/*
 * The yardstick for `npm run bench`: the plainest per-entry loop in C. One byte per GFN (bit 0
 * present, bit 1 prefetched), one memslot holding the whole guest, every page resident. Each
 * access tests its byte; a fault walks the 8-entry window entry by entry exactly as
 * __direct_pte_prefetch does (buggy drops the trailing run; fixed prefetches it).
 *
 * usage: yardstick <buggy|fixed> <sequential|random> <pages> [seed] [slot pages, default pages]
 * (accesses touch GFNs 0..pages-1; the memslot is GFNs 0..slot pages-1)
 * prints one JSON line: {"ms":..,"pfFixed":..,"prefetched":..,"prefetchCalls":..,"prefetchHits":..}
 * Random order is the engine's KeyedPermutation (same keys, same rounds), so totals must match.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint32_t mix32(uint32_t h) {
  h = (h ^ (h >> 16)) * 0x85ebca6bu;
  h = (h ^ (h >> 13)) * 0xc2b2ae35u;
  return h ^ (h >> 16);
}

static uint32_t half_bits, half_mask;
static uint32_t keys[4];

static void perm_init(uint64_t n, uint32_t seed) {
  uint32_t bits = 2;
  while ((1ull << bits) < n) bits += 2;
  half_bits = bits / 2;
  half_mask = (uint32_t)((1ull << half_bits) - 1);
  uint32_t s = seed ^ 0x9e3779b9u;
  for (uint32_t r = 0; r < 4; r++) {
    /* JS: mix32(s + 0x6d2b79f5 * (r + 1)) on doubles, then >>> 0: the same as uint32 wrap. */
    s = mix32((uint32_t)((uint64_t)s + 0x6d2b79f5ull * (r + 1)));
    keys[r] = s;
  }
}

static uint64_t perm_at(uint64_t i, uint64_t n) {
  uint64_t x = i;
  do {
    uint32_t l = (uint32_t)(x >> half_bits) & half_mask, r = (uint32_t)x & half_mask;
    for (int k = 0; k < 4; k++) {
      uint32_t t = l ^ (mix32(r ^ keys[k]) & half_mask);
      l = r;
      r = t;
    }
    x = ((uint64_t)l << half_bits) | r;
  } while (x >= n);
  return x;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: yardstick <buggy|fixed> <sequential|random> <pages> [seed]\n");
    return 2;
  }
  int fixed = strcmp(argv[1], "fixed") == 0;
  int random = strcmp(argv[2], "random") == 0;
  uint64_t pages = strtoull(argv[3], 0, 10);
  uint32_t seed = argc > 4 ? (uint32_t)strtoul(argv[4], 0, 10) : 0;
  uint64_t slot_end = argc > 5 ? strtoull(argv[5], 0, 10) : pages;
  if (slot_end < pages) slot_end = pages;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  uint8_t *spte = calloc(slot_end + 8, 1);
  if (!spte) return 1;
  if (random) perm_init(pages, seed);
  uint64_t faults = 0, prefetched = 0, calls = 0, hits = 0;
  for (uint64_t a = 0; a < pages; a++) {
    uint64_t g = random ? perm_at(a, pages) : a;
    uint8_t s = spte[g];
    if (s & 1) {
      if (s & 2) {
        hits++;
        spte[g] = 1;
      }
      continue;
    }
    faults++;
    spte[g] = 1;
    uint64_t first = g & ~7ull;
    int64_t start = -1;
    uint64_t e = first;
    for (int i = 0; i < 8; i++, e++) {
      if (e == g || (spte[e] & 1)) {
        if (start < 0) continue;
        /* A batch inside one clean, resident slot installs in full (it fails only past the end). */
        calls++;
        if (e > slot_end) break;
        for (uint64_t p = (uint64_t)start; p < e; p++) spte[p] = 3;
        prefetched += e - (uint64_t)start;
        start = -1;
      } else if (start < 0) {
        start = (int64_t)e;
      }
    }
    if (fixed && start >= 0 && e - first == 8) {
      calls++;
      if (e <= slot_end) {
        for (uint64_t p = (uint64_t)start; p < e; p++) spte[p] = 3;
        prefetched += e - (uint64_t)start;
      }
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
  printf("{\"ms\":%.3f,\"pfFixed\":%llu,\"prefetched\":%llu,\"prefetchCalls\":%llu,\"prefetchHits\":%llu}\n", ms,
         (unsigned long long)faults, (unsigned long long)prefetched, (unsigned long long)calls,
         (unsigned long long)hits);
  free(spte);
  return 0;
}
