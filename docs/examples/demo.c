static const int primes[] = {2, 3, 5, 7, 11, 13, 17, 19};

int nth_prime(unsigned i)
{
    return i < 8 ? primes[i] : -1;
}

int count_char(const char *s, int c)
{
    int n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

int vowels(void)
{
    return count_char("compiler output", 'o');
}
