/* Self-contained C functions for the loader tests: static tables, string constants,
   a switch table, floating point, recursion, calls between functions, mutable globals
   and a call to a host function. Written for a64jit; built with gcc -O2 -fno-tree-vectorize
   -fno-tree-loop-distribute-patterns -ffp-contract=off (no Advanced SIMD, no strlen/memset calls, no fmadd). */
typedef unsigned int uint32_t;

extern long host_scale(long x, long k);

static const int primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
static const char *const names[] = {"zero", "one", "two", "three", "four"};
static const double weights[] = {0.5, 1.25, -2.0, 3.75};
static long counter;
long total = 100;
static signed char scratch[64];  /* plain char is unsigned on AArch64, signed on x86 */

long nth_prime(long i) {
    if (i < 0 || i >= (long)(sizeof primes / sizeof primes[0])) return -1;
    return primes[i];
}

long name_length(long i) {
    if (i < 0 || i > 4) return -1;
    long n = 0;
    for (const char *p = names[i]; *p; p++) n++;
    return n;
}

long name_char(long i, long j) {
    if (i < 0 || i > 4) return -1;
    return names[i][j];
}

long classify(long op, long a, long b) {
    switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return b ? a / b : 0;
    case 4: return a & b;
    case 5: return a | b;
    case 6: return a ^ b;
    case 7: return a << (b & 63);
    case 8: return (long)((unsigned long)a >> (b & 63));
    default: return -999;
    }
}

double weighted(double x, long i) {
    return x * weights[i & 3] + 0.125;
}

float mixf(float a, float b) {
    return a * 0.75f + b / 4.0f;
}

long fib(long n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

long bump(long by) {
    counter += by;
    total += 2 * by;
    return counter * 1000 + total;
}

long fill_and_sum(long n) {
    long s = 0;
    for (long i = 0; i < 64; i++) scratch[i] = (signed char)(i * n);
    for (long i = 0; i < 64; i += 3) s += scratch[i];
    return s;
}

long gcd(long a, long b) {
    while (b) { long t = a % b; a = b; b = t; }
    return a < 0 ? -a : a;
}

long lcm_sum(long a, long b) {
    return a / gcd(a, b) * b + nth_prime(a & 7);
}

long via_host(long x) {
    return host_scale(x, 3) + 1;
}

uint32_t crc8ish(const unsigned char *p, long n) {
    uint32_t h = 2166136261u;
    for (long i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

long hash_name(long i) {
    const char *s = names[i % 5];
    long n = 0;
    while (s[n]) n++;
    return crc8ish((const unsigned char *)s, n);
}
