"""Math's transcendental functions as node computes them, to the last bit.

V8 does not call the C library for ``Math.sin``, ``Math.exp``, ``Math.pow`` (and ``**``)
and their kin: it carries its own C++ translation of Sun's fdlibm (``base::ieee754``). The
functions here follow the same algorithms step by step: the same polynomial coefficients,
the same argument reductions and the same order of double operations, so each returns the
double node returns for every argument (the zeros' signs, NaN, the infinities, subnormals and
arguments near multiples of pi/2 included). Python's floats are IEEE doubles rounded to
nearest, as C's are on x86-64 without fused multiply-adds; where fdlibm reads or rewrites the
32-bit halves of a double, the words go through :mod:`struct`.

Every function takes and returns a Python ``float`` (an ``int`` argument is accepted and
converted first); none raises. ``tests/js/test_jsmath.py`` checks them against vectors
recorded from node (``tools/jsmath_vectors.py`` regenerates them).
"""

from __future__ import annotations

import functools
import math
import struct

__all__ = [
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "cos", "cosh", "exp",
    "expm1", "log", "log10", "log1p", "log2", "pow", "sin", "sinh", "tan", "tanh",
]

_DBL = struct.Struct("<d")
_WORDS = struct.Struct("<Ii")      # a double as (low word, signed high word)
_UWORDS = struct.Struct("<II")     # the same, built from an unsigned high word
_Q = struct.Struct("<q")
_U32 = struct.Struct("<I")
_pack_d = _DBL.pack
_unpack_d = _DBL.unpack
_unpack_w = _WORDS.unpack
_pack_w = _UWORDS.pack
_unpack_q = _Q.unpack
_pack_u32 = _U32.pack
_ZERO_WORD = bytes(4)

_NAN = math.nan
_INF = math.inf
_HUGE = 1.0e300
_TINY = 1.0e-300
_TWO54 = 1.80143985094819840000e+16
_TWO24 = 16777216.0
_TWON24 = 5.9604644775390625e-08


def _words(x: float) -> tuple[int, int]:
    """(low word unsigned, high word as a signed 32-bit int) of ``x``."""
    lo, hi = _unpack_w(_pack_d(x))
    return lo, hi


def _make(hi: int, lo: int) -> float:
    """The double whose high word is ``hi`` and low word ``lo`` (both taken mod 2**32)."""
    x: float = _unpack_d(_pack_w(lo & 0xFFFFFFFF, hi & 0xFFFFFFFF))[0]
    return x


def _hi(x: float) -> int:
    """The high word of ``x``, signed."""
    h: int = _unpack_q(_pack_d(x))[0] >> 32
    return h


def _chop(x: float) -> float:
    """``x`` with its low word cleared."""
    r: float = _unpack_d(_ZERO_WORD + _pack_d(x)[4:])[0]
    return r


def _with_hi(x: float, hi: int) -> float:
    """``x`` with its high word replaced by ``hi``."""
    r: float = _unpack_d(_pack_d(x)[:4] + _pack_u32(hi & 0xFFFFFFFF))[0]
    return r


def _ldexp(x: float, n: int) -> float:
    """C's scalbn: x * 2**n rounded once, overflowing to an infinity."""
    try:
        return math.ldexp(x, n)
    except OverflowError:
        return math.copysign(_INF, x)


# -- the bits of 2/pi and pi/2 for the reduction of huge arguments --------------------------

def _pi_fixed(bits: int) -> int:
    """pi * 2**bits, within a few units (Machin's formula in integers)."""
    guard = bits + 32
    one = 1 << guard

    def arctan_inv(n: int) -> int:
        total = term = one // n
        k, n2, sign = 1, n * n, -1
        while term:
            term //= n2
            total += sign * (term // (2 * k + 1))
            k += 1
            sign = -sign
        return total

    return (16 * arctan_inv(5) - 4 * arctan_inv(239)) >> 32


@functools.cache
def _reduction_tables() -> tuple[list[int], list[float]]:
    """The 24-bit digits of 2/pi after the point (70 of them), and pi/2 cut into eight
    24-bit pieces as doubles (each piece's value, leading piece first). Made at the first
    huge argument (pi to 1,700 bits takes ~60 ms, too much for every process's start)."""
    digits = 70 * 24
    pi = _pi_fixed(digits + 64)
    two_over_pi = (1 << (2 * digits + 65)) // pi    # 2/pi * 2**digits
    ipio2 = [(two_over_pi >> (digits - 24 * (i + 1))) & 0xFFFFFF for i in range(70)]
    half_pi = pi >> (digits + 64 - 190)             # pi/2 * 2**191 (192 bits)
    pieces = [math.ldexp((half_pi >> (192 - 24 * (k + 1))) & 0xFFFFFF, -24 * k - 23)
              for k in range(8)]
    return ipio2, pieces


def _rem_pio2_huge(xs: list[float], e0: int) -> tuple[int, float, float]:
    """fdlibm's multi-precision reduction: ``xs`` (1 to 3 doubles holding 24-bit integers)
    is |x| = sum(xs[i] * 2**(e0 - 24*i)); returns (n mod 8, y0, y1) with y0 + y1 =
    |x| - n*pi/2 to about 2**-106 relatively, computed as fdlibm computes it."""
    ipio2, pio2_pieces = _reduction_tables()
    jk = jp = 4
    jx = len(xs) - 1
    jv = max((e0 - 3) // 24, 0)
    q0 = e0 - 24 * (jv + 1)
    f = [0.0] * 24
    for i in range(jx + jk + 1):
        j = jv - jx + i
        f[i] = float(ipio2[j]) if j >= 0 else 0.0
    q = [0.0] * 24
    for i in range(jk + 1):
        fw = 0.0
        for j in range(jx + 1):
            fw += xs[j] * f[jx + i - j]
        q[i] = fw
    iq = [0] * 24
    jz = jk
    z = 0.0
    ih = n = 0
    while True:
        # q[0..jz] as 24-bit integer chunks, least significant last
        z = q[jz]
        for i, j in enumerate(range(jz, 0, -1)):
            fw = float(int(_TWON24 * z))
            iq[i] = int(z - _TWO24 * fw)
            z = q[j - 1] + fw
        z = _ldexp(z, q0)
        z -= 8.0 * float(math.floor(z * 0.125))
        n = int(z)
        z -= float(n)
        ih = 0
        if q0 > 0:
            top = iq[jz - 1] >> (24 - q0)
            n += top
            iq[jz - 1] -= top << (24 - q0)
            ih = iq[jz - 1] >> (23 - q0)
        elif q0 == 0:
            ih = iq[jz - 1] >> 23
        elif z >= 0.5:
            ih = 2
        if ih > 0:               # the fraction is past a half: take 1 - fraction
            n += 1
            carry = 0
            for i in range(jz):
                j = iq[i]
                if carry == 0:
                    if j != 0:
                        carry = 1
                        iq[i] = 0x1000000 - j
                else:
                    iq[i] = 0xFFFFFF - j
            if q0 == 1:
                iq[jz - 1] &= 0x7FFFFF
            elif q0 == 2:
                iq[jz - 1] &= 0x3FFFFF
            if ih == 2:
                z = 1.0 - z
                if carry != 0:
                    z -= _ldexp(1.0, q0)
        if z == 0.0:
            acc = 0
            for i in range(jz - 1, jk - 1, -1):
                acc |= iq[i]
            if acc == 0:         # cancellation: more digits of 2/pi
                k = 1
                while jk >= k and iq[jk - k] == 0:
                    k += 1
                for i in range(jz + 1, jz + k + 1):
                    f[jx + i] = float(ipio2[jv + i])
                    fw = 0.0
                    for j in range(jx + 1):
                        fw += xs[j] * f[jx + i - j]
                    q[i] = fw
                jz += k
                continue
        break
    if z == 0.0:
        jz -= 1
        q0 -= 24
        while iq[jz] == 0:
            jz -= 1
            q0 -= 24
    else:
        z = _ldexp(z, -q0)
        if z >= _TWO24:
            fw = float(int(_TWON24 * z))
            iq[jz] = int(z - _TWO24 * fw)
            jz += 1
            q0 += 24
            iq[jz] = int(fw)
        else:
            iq[jz] = int(z)
    fw = _ldexp(1.0, q0)
    for i in range(jz, -1, -1):
        q[i] = fw * iq[i]
        fw *= _TWON24
    fq = [0.0] * (jz + 1)
    for i in range(jz, -1, -1):
        fw = 0.0
        k = 0
        while k <= jp and k <= jz - i:
            fw += pio2_pieces[k] * q[i + k]
            k += 1
        fq[jz - i] = fw
    fw = 0.0
    for i in range(jz, -1, -1):
        fw += fq[i]
    y0 = fw if ih == 0 else -fw
    fw = fq[0] - fw
    for i in range(1, jz + 1):
        fw += fq[i]
    y1 = fw if ih == 0 else -fw
    return n & 7, y0, y1


_INVPIO2 = 6.36619772367581382433e-01
_PIO2_1 = 1.57079632673412561417e+00
_PIO2_1T = 6.07710050650619224932e-11
_PIO2_2 = 6.07710050630396597660e-11
_PIO2_2T = 2.02226624879595063154e-21
_PIO2_3 = 2.02226624871116645580e-21
_PIO2_3T = 8.47842766036889956997e-32
#: high words of n*pi/2 for n = 1..32 (a cancellation is possible only near those)
_NPIO2_HW = tuple(_hi(n * math.pi / 2) for n in range(1, 33))


def _rem_pio2(x: float, hx: int) -> tuple[int, float, float]:
    """(n, y0, y1) with y0 + y1 = x - n*pi/2, for finite |x| > pi/4 (``hx``: x's high
    word), as fdlibm's __ieee754_rem_pio2 computes them."""
    ix = hx & 0x7FFFFFFF
    if ix < 0x4002D97C:          # |x| < 3pi/4: n is +-1
        if hx > 0:
            z = x - _PIO2_1
            if ix != 0x3FF921FB:
                y0 = z - _PIO2_1T
                return 1, y0, (z - y0) - _PIO2_1T
            z -= _PIO2_2
            y0 = z - _PIO2_2T
            return 1, y0, (z - y0) - _PIO2_2T
        z = x + _PIO2_1
        if ix != 0x3FF921FB:
            y0 = z + _PIO2_1T
            return -1, y0, (z - y0) + _PIO2_1T
        z += _PIO2_2
        y0 = z + _PIO2_2T
        return -1, y0, (z - y0) + _PIO2_2T
    if ix <= 0x413921FB:         # |x| up to about 2**19 * pi/2: Cody and Waite's steps
        t = abs(x)
        n = int(t * _INVPIO2 + 0.5)
        fn = float(n)
        r = t - fn * _PIO2_1
        w = fn * _PIO2_1T
        if n < 32 and ix != _NPIO2_HW[n - 1]:
            y0 = r - w
        else:
            j = ix >> 20
            y0 = r - w
            if j - ((_hi(y0) >> 20) & 0x7FF) > 16:
                t = r
                w = fn * _PIO2_2
                r = t - w
                w = fn * _PIO2_2T - ((t - r) - w)
                y0 = r - w
                if j - ((_hi(y0) >> 20) & 0x7FF) > 49:
                    t = r
                    w = fn * _PIO2_3
                    r = t - w
                    w = fn * _PIO2_3T - ((t - r) - w)
                    y0 = r - w
        y1 = (r - y0) - w
        if hx < 0:
            return -n, -y0, -y1
        return n, y0, y1
    lo = _words(x)[0]
    e0 = (ix >> 20) - 1046
    mant = ((ix & 0xFFFFF) | 0x100000) << 32 | lo
    xs = [float(mant >> 29), float((mant >> 5) & 0xFFFFFF), float((mant & 31) << 19)]
    while xs[-1] == 0.0:
        xs.pop()
    n, y0, y1 = _rem_pio2_huge(xs, e0)
    if hx < 0:
        return -n, -y0, -y1
    return n, y0, y1


# -- sin, cos, tan ------------------------------------------------------------------------

_S1 = -1.66666666666666324348e-01
_S2 = 8.33333333332248946124e-03
_S3 = -1.98412698298579493134e-04
_S4 = 2.75573137070700676789e-06
_S5 = -2.50507602534068634195e-08
_S6 = 1.58969099521155010221e-10

_C1 = 4.16666666666666019037e-02
_C2 = -1.38888888888741095749e-03
_C3 = 2.48015872894767294178e-05
_C4 = -2.75573143513906633035e-07
_C5 = 2.08757232129817482790e-09
_C6 = -1.13596475577881948265e-11


def _ksin(x: float, y: float, tail: bool) -> float:
    """sin(x + y) for |x| <= pi/4 (``tail``: whether y is used)."""
    if abs(x) < 7.450580596923828e-09:    # 2**-27
        return x
    z = x * x
    v = z * x
    r = _S2 + z * (_S3 + z * (_S4 + z * (_S5 + z * _S6)))
    if not tail:
        return x + v * (_S1 + z * r)
    return x - ((z * (0.5 * y - v * r) - y) - v * _S1)


#: the doubles whose high words are fdlibm's thresholds: |x| compared with them is the high
#: word compared with the threshold
_KCOS_MID = _make(0x3FD33333, 0)
_KCOS_HIGH = _make(0x3FE90001, 0)
_PIO4_EDGE = _make(0x3FE921FC, 0)


def _kcos(x: float, y: float) -> float:
    """cos(x + y) for |x| <= pi/4."""
    ax = abs(x)
    if ax < 7.450580596923828e-09:        # 2**-27
        return 1.0
    z = x * x
    r = z * (_C1 + z * (_C2 + z * (_C3 + z * (_C4 + z * (_C5 + z * _C6)))))
    if ax < _KCOS_MID:
        return 1.0 - (0.5 * z - (z * r - x * y))
    qx = 0.28125 if ax >= _KCOS_HIGH else _chop(ax * 0.25)
    return (1.0 - qx) - ((0.5 * z - qx) - (z * r - x * y))


_T = (3.33333333333334091986e-01, 1.33333333333201242699e-01, 5.39682539762260521377e-02,
      2.18694882948595424599e-02, 8.86323982359930005737e-03, 3.59207910759131235356e-03,
      1.45620945432529025516e-03, 5.88041240820264096874e-04, 2.46463134818469906812e-04,
      7.81794442939557092300e-05, 7.14072491382608190305e-05, -1.85586374855275456654e-05,
      2.59073051863633712884e-05)
_PIO4 = 7.85398163397448278999e-01
_PIO4LO = 3.06161699786838301793e-17


def _neg_recip(w: float, x: float, r: float) -> float:
    """-1/w to nearly full precision, where w = x + r (r the tail that w rounded off)."""
    z = _chop(w)
    v = r - (z - x)
    a = -1.0 / w
    t = _chop(a)
    s = 1.0 + t * z
    return t + a * (s + t * v)


def _ktan(x: float, y: float, k: int) -> float:
    """tan(x + y) (k = 1) or -1/tan(x + y) (k = -1), for |x| <= pi/4."""
    lo, hx = _words(x)
    ix = hx & 0x7FFFFFFF
    if ix < 0x3E300000:
        if ix | lo == 0 and k == -1:
            return _INF
        if k == 1:
            return x
        return _neg_recip(x + y, x, y)
    big = ix >= 0x3FE59428
    if big:
        if hx < 0:
            x = -x
            y = -y
        x = (_PIO4 - x) + (_PIO4LO - y)
        y = 0.0
    T = _T
    z = x * x
    w = z * z
    r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))))
    v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))))
    s = z * x
    r = y + z * (s * (r + v) + y)
    r += T[0] * s
    w = x + r
    if big:
        fk = float(k)
        sign = -1.0 if hx < 0 else 1.0
        return sign * (fk - 2.0 * (x - (w * w / (w + fk) - r)))
    if k == 1:
        return w
    return _neg_recip(w, x, r)


def sin(x: float) -> float:
    """Math.sin."""
    x = float(x)
    if -_PIO4_EDGE < x < _PIO4_EDGE:
        return _ksin(x, 0.0, False)
    if x - x != 0.0:             # NaN or an infinity
        return _NAN
    n, y0, y1 = _rem_pio2(x, _hi(x))
    n &= 3
    if n == 0:
        return _ksin(y0, y1, True)
    if n == 1:
        return _kcos(y0, y1)
    if n == 2:
        return -_ksin(y0, y1, True)
    return -_kcos(y0, y1)


def cos(x: float) -> float:
    """Math.cos."""
    x = float(x)
    if -_PIO4_EDGE < x < _PIO4_EDGE:
        return _kcos(x, 0.0)
    if x - x != 0.0:             # NaN or an infinity
        return _NAN
    n, y0, y1 = _rem_pio2(x, _hi(x))
    n &= 3
    if n == 0:
        return _kcos(y0, y1)
    if n == 1:
        return -_ksin(y0, y1, True)
    if n == 2:
        return -_kcos(y0, y1)
    return _ksin(y0, y1, True)


def tan(x: float) -> float:
    """Math.tan."""
    x = float(x)
    if -_PIO4_EDGE < x < _PIO4_EDGE:
        return _ktan(x, 0.0, 1)
    if x - x != 0.0:             # NaN or an infinity
        return _NAN
    n, y0, y1 = _rem_pio2(x, _hi(x))
    return _ktan(y0, y1, 1 - ((n & 1) << 1))


# -- inverse trigonometric ------------------------------------------------------------------

_PI = 3.14159265358979311600e+00
_PIO2_HI = 1.57079632679489655800e+00
_PIO2_LO = 6.12323399573676603587e-17
_PIO4_HI = 7.85398163397448278999e-01
_PS0 = 1.66666666666666657415e-01
_PS1 = -3.25565818622400915405e-01
_PS2 = 2.01212532134862925881e-01
_PS3 = -4.00555345006794114027e-02
_PS4 = 7.91534994289814532176e-04
_PS5 = 3.47933107596021167570e-05
_QS1 = -2.40339491173441421878e+00
_QS2 = 2.02094576023350569471e+00
_QS3 = -6.88283971605453293030e-01
_QS4 = 7.70381505559019352791e-02


def _asin_ratio(t: float) -> tuple[float, float]:
    """The numerator and denominator of asin's rational approximation at t = x*x."""
    p = t * (_PS0 + t * (_PS1 + t * (_PS2 + t * (_PS3 + t * (_PS4 + t * _PS5)))))
    q = 1.0 + t * (_QS1 + t * (_QS2 + t * (_QS3 + t * _QS4)))
    return p, q


def asin(x: float) -> float:
    """Math.asin."""
    x = float(x)
    lo, hx = _words(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x3FF00000:
        if (ix - 0x3FF00000) | lo == 0:
            return x * _PIO2_HI + x * _PIO2_LO
        return _NAN
    if ix < 0x3FE00000:
        if ix < 0x3E400000:
            return x
        p, q = _asin_ratio(x * x)
        return x + x * (p / q)
    t = (1.0 - abs(x)) * 0.5
    p, q = _asin_ratio(t)
    s = math.sqrt(t)
    if ix >= 0x3FEF3333:
        t = _PIO2_HI - (2.0 * (s + s * (p / q)) - _PIO2_LO)
    else:
        w = _chop(s)
        c = (t - w * w) / (s + w)
        r = p / q
        p = 2.0 * s * r - (_PIO2_LO - 2.0 * c)
        q = _PIO4_HI - 2.0 * w
        t = _PIO4_HI - (p - q)
    return t if hx > 0 else -t


def acos(x: float) -> float:
    """Math.acos."""
    x = float(x)
    lo, hx = _words(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x3FF00000:
        if (ix - 0x3FF00000) | lo == 0:
            return 0.0 if hx > 0 else _PI + 2.0 * _PIO2_LO
        return _NAN
    if ix < 0x3FE00000:
        if ix <= 0x3C600000:
            return _PIO2_HI + _PIO2_LO
        p, q = _asin_ratio(x * x)
        return _PIO2_HI - (x - (_PIO2_LO - x * (p / q)))
    if hx < 0:
        z = (1.0 + x) * 0.5
        p, q = _asin_ratio(z)
        s = math.sqrt(z)
        w = (p / q) * s - _PIO2_LO
        return _PI - 2.0 * (s + w)
    z = (1.0 - x) * 0.5
    s = math.sqrt(z)
    df = _chop(s)
    c = (z - df * df) / (s + df)
    p, q = _asin_ratio(z)
    w = (p / q) * s + c
    return 2.0 * (df + w)


_ATAN_HI = (4.63647609000806093515e-01, 7.85398163397448278999e-01,
            9.82793723247329054082e-01, 1.57079632679489655800e+00)
_ATAN_LO = (2.26987774529616870924e-17, 3.06161699786838301793e-17,
            1.39033110312309984516e-17, 6.12323399573676603587e-17)
_AT = (3.33333333333329318027e-01, -1.99999999998764832476e-01, 1.42857142725034663711e-01,
       -1.11111104054623557880e-01, 9.09088713343650656196e-02, -7.69187620504482999495e-02,
       6.66107313738753120669e-02, -5.83357013379057348645e-02, 4.97687799461593236017e-02,
       -3.65315727442169155270e-02, 1.62858201153657823623e-02)


def atan(x: float) -> float:
    """Math.atan."""
    x = float(x)
    hx = _hi(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x44100000:         # |x| >= 2**66, or not finite
        if x != x:
            return x
        if hx > 0:
            return _ATAN_HI[3] + _ATAN_LO[3]
        return -_ATAN_HI[3] - _ATAN_LO[3]
    if ix < 0x3FDC0000:
        if ix < 0x3E400000:
            return x
        part = -1
    else:
        x = abs(x)
        if ix < 0x3FF30000:
            if ix < 0x3FE60000:
                part = 0
                x = (2.0 * x - 1.0) / (2.0 + x)
            else:
                part = 1
                x = (x - 1.0) / (x + 1.0)
        elif ix < 0x40038000:
            part = 2
            x = (x - 1.5) / (1.0 + 1.5 * x)
        else:
            part = 3
            x = -1.0 / x
    A = _AT
    z = x * x
    w = z * z
    s1 = z * (A[0] + w * (A[2] + w * (A[4] + w * (A[6] + w * (A[8] + w * A[10])))))
    s2 = w * (A[1] + w * (A[3] + w * (A[5] + w * (A[7] + w * A[9]))))
    if part < 0:
        return x - x * (s1 + s2)
    z = _ATAN_HI[part] - ((x * (s1 + s2) - _ATAN_LO[part]) - x)
    return -z if hx < 0 else z


_PI_O_4 = 7.8539816339744827900E-01
_PI_O_2 = 1.5707963267948965580E+00
_PI_LO = 1.2246467991473531772E-16


def atan2(y: float, x: float) -> float:
    """Math.atan2(y, x)."""
    y = float(y)
    x = float(x)
    if x != x or y != y:
        return _NAN
    lx, hx = _words(x)
    ly, hy = _words(y)
    ix = hx & 0x7FFFFFFF
    iy = hy & 0x7FFFFFFF
    if x == 1.0:
        return atan(y)
    m = (1 if hy < 0 else 0) | (2 if hx < 0 else 0)
    if iy | ly == 0:
        if m < 2:
            return y
        return _PI + _TINY if m == 2 else -_PI - _TINY
    if ix | lx == 0:
        return -_PI_O_2 - _TINY if hy < 0 else _PI_O_2 + _TINY
    if ix == 0x7FF00000:
        if iy == 0x7FF00000:
            return (_PI_O_4 + _TINY, -_PI_O_4 - _TINY,
                    3.0 * _PI_O_4 + _TINY, -3.0 * _PI_O_4 - _TINY)[m]
        return (0.0, -0.0, _PI + _TINY, -_PI - _TINY)[m]
    if iy == 0x7FF00000:
        return -_PI_O_2 - _TINY if hy < 0 else _PI_O_2 + _TINY
    k = (iy - ix) >> 20
    if k > 60:
        z = _PI_O_2 + 0.5 * _PI_LO
        m &= 1
    elif hx < 0 and k < -60:
        z = 0.0
    else:
        z = atan(abs(y / x))
    if m == 0:
        return z
    if m == 1:
        return -z
    if m == 2:
        return _PI - (z - _PI_LO)
    return (z - _PI_LO) - _PI


# -- exponentials and logarithms -------------------------------------------------------------

_O_THRESHOLD = 7.09782712893383973096e+02
_U_THRESHOLD = -7.45133219101941108420e+02
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_INVLN2 = 1.44269504088896338700e+00
_P1 = 1.66666666666666019037e-01
_P2 = -2.77777777770155933842e-03
_P3 = 6.61375632143793436117e-05
_P4 = -1.65339022054652515390e-06
_P5 = 4.13813679705723846039e-08
_E = 2.718281828459045
_TWOM1000 = 9.33263618503218878990e-302
_TWO1023 = 8.988465674311579539e307


#: 2**k for k = -1021 .. 1023, at k + 1021
_POW2 = [math.ldexp(1.0, k) for k in range(-1021, 1024)]


def _exp_reduce(x: float, hx: int, neg: bool) -> tuple[int, float, float]:
    """exp's and expm1's argument reduction of ``x`` past 0.5 ln 2 (``hx`` its high word
    without the sign): k, hi and lo with x = k ln 2 + (hi - lo)."""
    if hx < 0x3FF0A2B2:  # |x| < 1.5 ln 2
        return (-1, x + _LN2_HI, -_LN2_LO) if neg else (1, x - _LN2_HI, _LN2_LO)
    k = int(_INVLN2 * x + (-0.5 if neg else 0.5))
    t = float(k)
    return k, x - t * _LN2_HI, t * _LN2_LO


def exp(x: float) -> float:
    """Math.exp."""
    x = float(x)
    hx = _hi(x)
    neg = hx < 0
    hx &= 0x7FFFFFFF
    if hx >= 0x40862E42:
        if hx >= 0x7FF00000:
            if x != x:
                return x
            return 0.0 if neg else x
        if x > _O_THRESHOLD:
            return _INF
        if x < _U_THRESHOLD:
            return 0.0
    k = 0
    hi = lo = 0.0
    if hx > 0x3FD62E42:
        if x == 1.0:
            return _E
        k, hi, lo = _exp_reduce(x, hx, neg)
        x = hi - lo
    elif hx < 0x3E300000:
        return 1.0 + x
    t = x * x
    c = x - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    if k == 0:
        return 1.0 - ((x * c) / (c - 2.0) - x)
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi)
    if k >= -1021:
        if k == 1024:
            return y * 2.0 * _TWO1023
        return y * _POW2[k + 1021]
    return y * _POW2[k + 2021] * _TWOM1000


_LG1 = 6.666666666666735130e-01
_LG2 = 3.999999999940941908e-01
_LG3 = 2.857142874366239149e-01
_LG4 = 2.222219843214978396e-01
_LG5 = 1.818357216161805012e-01
_LG6 = 1.531383769920937332e-01
_LG7 = 1.479819860511658591e-01


def log(x: float) -> float:
    """Math.log."""
    red = _log_reduce(float(x))
    if isinstance(red, float):
        return red
    k, x = red
    hx = _hi(x) & 0x000FFFFF
    f = x - 1.0
    if (0x000FFFFF & (2 + hx)) < 3:
        if f == 0.0:
            if k == 0:
                return 0.0
            dk = float(k)
            return dk * _LN2_HI + dk * _LN2_LO
        R = f * f * (0.5 - 0.33333333333333333 * f)
        if k == 0:
            return f - R
        dk = float(k)
        return dk * _LN2_HI - ((R - dk * _LN2_LO) - f)
    s = f / (2.0 + f)
    dk = float(k)
    z = s * s
    w = z * z
    t1 = w * (_LG2 + w * (_LG4 + w * _LG6))
    t2 = z * (_LG1 + w * (_LG3 + w * (_LG5 + w * _LG7)))
    R = t2 + t1
    if (hx - 0x6147A) | (0x6B851 - hx) > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + R))
        return dk * _LN2_HI - ((hfsq - (s * (hfsq + R) + dk * _LN2_LO)) - f)
    if k == 0:
        return f - s * (f - R)
    return dk * _LN2_HI - ((s * (f - R) - dk * _LN2_LO) - f)


def _klog1p(f: float) -> float:
    """log(1 + f) - f + f*f/2, for 1 + f in [sqrt(2)/2, sqrt(2)]."""
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    t1 = w * (_LG2 + w * (_LG4 + w * _LG6))
    t2 = z * (_LG1 + w * (_LG3 + w * (_LG5 + w * _LG7)))
    hfsq = 0.5 * f * f
    return s * (hfsq + (t2 + t1))


def _log_reduce(x: float) -> tuple[int, float] | float:
    """x = 2**k * m with m in [sqrt(2)/2, sqrt(2)): (k, m); or the result itself for
    zero, negative and non-finite x and for 1."""
    lo, hx = _words(x)
    k = 0
    if hx < 0x00100000:
        if (hx & 0x7FFFFFFF) | lo == 0:
            return -_INF
        if hx < 0:
            return _NAN
        k = -54
        x *= _TWO54
        hx = _hi(x)
    if hx >= 0x7FF00000:
        return x + x
    if hx == 0x3FF00000 and lo == 0:
        return 0.0
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    return k + (i >> 20), _with_hi(x, hx | (i ^ 0x3FF00000))


_IVLN2HI = 1.44269504072144627571e+00
_IVLN2LO = 1.67517131648865118353e-10


def log2(x: float) -> float:
    """Math.log2."""
    red = _log_reduce(float(x))
    if isinstance(red, float):
        return red
    k, m = red
    y = float(k)
    f = m - 1.0
    hfsq = 0.5 * f * f
    r = _klog1p(f)
    hi = _chop(f - hfsq)
    lo = (f - hi) - hfsq + r
    val_hi = hi * _IVLN2HI
    val_lo = (lo + hi) * _IVLN2LO + lo * _IVLN2HI
    w = y + val_hi
    val_lo += (y - w) + val_hi
    return val_lo + w


_IVLN10 = 4.34294481903251816668e-01
_LOG10_2HI = 3.01029995663611771306e-01
_LOG10_2LO = 3.69423907715893078616e-13


def log10(x: float) -> float:
    """Math.log10."""
    x = float(x)
    lo, hx = _words(x)
    k = 0
    if hx < 0x00100000:
        if (hx & 0x7FFFFFFF) | lo == 0:
            return -_INF
        if hx < 0:
            return _NAN
        k = -54
        x *= _TWO54
        lo, hx = _words(x)
    if hx >= 0x7FF00000:
        return x + x
    if hx == 0x3FF00000 and lo == 0:
        return 0.0
    k += (hx >> 20) - 1023
    i = 1 if k < 0 else 0
    y = float(k + i)
    x = _make((hx & 0x000FFFFF) | ((0x3FF - i) << 20), lo)
    z = y * _LOG10_2LO + _IVLN10 * log(x)
    return z + y * _LOG10_2HI


def log1p(x: float) -> float:
    """Math.log1p."""
    x = float(x)
    hx = _hi(x)
    ax = hx & 0x7FFFFFFF
    k = 1
    f = c = 0.0
    hu = 0
    if hx < 0x3FDA827A:
        if ax >= 0x3FF00000:
            return -_INF if x == -1.0 else _NAN
        if ax < 0x3E200000:
            if ax < 0x3C900000:
                return x
            return x - x * x * 0.5
        if hx > 0 or hx <= -0x402D413C:     # -0x402D413C: 0xBFD2BEC4 as a signed word
            k = 0
            f = x
            hu = 1
    if hx >= 0x7FF00000:
        return x + x
    if k != 0:
        if hx < 0x43400000:
            u = 1.0 + x
            hu = _hi(u)
            k = (hu >> 20) - 1023
            c = 1.0 - (u - x) if k > 0 else x - (u - 1.0)
            c /= u
        else:
            u = x
            hu = _hi(u)
            k = (hu >> 20) - 1023
            c = 0.0
        hu &= 0x000FFFFF
        if hu < 0x6A09E:
            u = _with_hi(u, hu | 0x3FF00000)
        else:
            k += 1
            u = _with_hi(u, hu | 0x3FE00000)
            hu = (0x00100000 - hu) >> 2
        f = u - 1.0
    hfsq = 0.5 * f * f
    if hu == 0:
        if f == 0.0:
            if k == 0:
                return 0.0
            c += k * _LN2_LO
            return k * _LN2_HI + c
        R = hfsq * (1.0 - 0.66666666666666666 * f)
        if k == 0:
            return f - R
        return k * _LN2_HI - ((R - (k * _LN2_LO + c)) - f)
    s = f / (2.0 + f)
    z = s * s
    R = z * (_LG1 + z * (_LG2 + z * (_LG3 + z * (_LG4 + z * (_LG5 + z * (_LG6 + z * _LG7))))))
    if k == 0:
        return f - (hfsq - s * (hfsq + R))
    return k * _LN2_HI - ((hfsq - (s * (hfsq + R) + (k * _LN2_LO + c))) - f)


_Q1 = -3.33333333333331316428e-02
_Q2 = 1.58730158725481460165e-03
_Q3 = -7.93650757867487942473e-05
_Q4 = 4.00821782732936239552e-06
_Q5 = -2.01099218183624371326e-07


def expm1(x: float) -> float:
    """Math.expm1."""
    x = float(x)
    hx = _hi(x)
    neg = hx < 0
    hx &= 0x7FFFFFFF
    if hx >= 0x4043687A:
        if hx >= 0x40862E42:
            if hx >= 0x7FF00000:
                if x != x:
                    return x
                return -1.0 if neg else x
            if x > _O_THRESHOLD:
                return _INF
        if neg:
            return _TINY - 1.0
    c = 0.0
    if hx > 0x3FD62E42:
        k, hi, lo = _exp_reduce(x, hx, neg)
        x = hi - lo
        c = (hi - x) - lo
    elif hx < 0x3C900000:
        return x
    else:
        k = 0
    hfx = 0.5 * x
    hxs = x * hfx
    r1 = 1.0 + hxs * (_Q1 + hxs * (_Q2 + hxs * (_Q3 + hxs * (_Q4 + hxs * _Q5))))
    t = 3.0 - r1 * hfx
    e = hxs * ((r1 - t) / (6.0 - x * t))
    if k == 0:
        return x - (x * e - hxs)
    e = x * (e - c) - c
    e -= hxs
    if k == -1:
        return 0.5 * (x - e) - 0.5
    if k == 1:
        if x < -0.25:
            return -2.0 * (e - (x + 0.5))
        return 1.0 + 2.0 * (x - e)
    if k <= -2 or k > 56:
        y = 1.0 - (e - x)
        if k == 1024:
            y = y * 2.0 * _TWO1023
        else:
            y = y * _make(0x3FF00000 + (k << 20), 0)
        return y - 1.0
    twopk = _make(0x3FF00000 + (k << 20), 0)
    if k < 20:
        t = _make(0x3FF00000 - (0x200000 >> k), 0)
        y = t - (e - x)
    else:
        t = _make((0x3FF - k) << 20, 0)
        y = x - (e + t)
        y += 1.0
    return y * twopk


# -- hyperbolic -------------------------------------------------------------------------------

_OVERFLOW_EDGE = 710.4758600739439


def sinh(x: float) -> float:
    """Math.sinh."""
    x = float(x)
    h = -0.5 if x < 0 else 0.5
    ax = abs(x)
    if ax < 22:
        if ax < 3.725290298461914e-9:
            return x
        t = expm1(ax)
        if ax < 1:
            return h * (2 * t - t * t / (t + 1))
        return h * (t + t / (t + 1))
    if ax < 709.7822265625:
        return h * exp(ax)
    if ax <= _OVERFLOW_EDGE:
        w = exp(0.5 * ax)
        return (h * w) * w
    return x * 1.0e307


def cosh(x: float) -> float:
    """Math.cosh."""
    x = float(x)
    ix = _hi(x) & 0x7FFFFFFF
    if ix < 0x3FD62E43:
        t = expm1(abs(x))
        w = 1.0 + t
        if ix < 0x3C800000:
            return w
        return 1.0 + (t * t) / (w + w)
    if ix < 0x40360000:
        t = exp(abs(x))
        return 0.5 * t + 0.5 / t
    if ix < 0x40862E42:
        return 0.5 * exp(abs(x))
    if abs(x) <= _OVERFLOW_EDGE:
        w = exp(0.5 * abs(x))
        return (0.5 * w) * w
    if ix >= 0x7FF00000:
        return x * x
    return _INF


def tanh(x: float) -> float:
    """Math.tanh."""
    x = float(x)
    jx = _hi(x)
    ix = jx & 0x7FFFFFFF
    if ix >= 0x7FF00000:
        if x != x:
            return x
        return 1.0 if jx >= 0 else -1.0
    if ix < 0x40360000:
        if ix < 0x3E300000:
            return x
        if ix >= 0x3FF00000:
            t = expm1(2.0 * abs(x))
            z = 1.0 - 2.0 / (t + 2.0)
        else:
            t = expm1(-2.0 * abs(x))
            z = -t / (t + 2.0)
    else:
        z = 1.0 - _TINY
    return z if jx >= 0 else -z


_LN2 = 6.93147180559945286227e-01


def asinh(x: float) -> float:
    """Math.asinh."""
    x = float(x)
    hx = _hi(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x7FF00000:
        return x + x
    if ix < 0x3E300000:
        return x
    if ix > 0x41B00000:
        w = log(abs(x)) + _LN2
    elif ix > 0x40000000:
        t = abs(x)
        w = log(2.0 * t + 1.0 / (math.sqrt(x * x + 1.0) + t))
    else:
        t = x * x
        w = log1p(abs(x) + t / (1.0 + math.sqrt(1.0 + t)))
    return w if hx > 0 else -w


def acosh(x: float) -> float:
    """Math.acosh."""
    x = float(x)
    lo, hx = _words(x)
    if hx < 0x3FF00000:
        return _NAN
    if hx >= 0x41B00000:
        if hx >= 0x7FF00000:
            return x + x
        return log(x) + _LN2
    if (hx - 0x3FF00000) | lo == 0:
        return 0.0
    if hx > 0x40000000:
        t = x * x
        return log(2.0 * x - 1.0 / (x + math.sqrt(t - 1.0)))
    t = x - 1.0
    return log1p(t + math.sqrt(2.0 * t + t * t))


def atanh(x: float) -> float:
    """Math.atanh."""
    x = float(x)
    lo, hx = _words(x)
    ix = hx & 0x7FFFFFFF
    if (ix | (1 if lo else 0)) > 0x3FF00000:
        return _NAN
    if ix == 0x3FF00000:
        return _INF if x > 0 else -_INF
    if ix < 0x3E300000:
        return x
    x = abs(x)
    if ix < 0x3FE00000:
        t = x + x
        t = 0.5 * log1p(t + t * x / (1.0 - x))
    else:
        t = 0.5 * log1p((x + x) / (1.0 - x))
    return t if hx >= 0 else -t


# -- cbrt -------------------------------------------------------------------------------------

_CB_P0 = 1.87595182427177009643
_CB_P1 = -1.88497979543377169875
_CB_P2 = 1.621429720105354466140
_CB_P3 = -0.758397934778766047437
_CB_P4 = 0.145996192886612446982


def cbrt(x: float) -> float:
    """Math.cbrt."""
    x = float(x)
    lo, hx = _words(x)
    sign = hx & 0x80000000
    hx &= 0x7FFFFFFF
    if hx >= 0x7FF00000:
        return x + x
    if hx < 0x00100000:
        if hx | lo == 0:
            return x
        high = _hi(x * _TWO54) & 0x7FFFFFFF
        t = _make(sign | (high // 3 + 696219795), 0)
    else:
        t = _make(sign | (hx // 3 + 715094163), 0)
    r = (t * t) * (t / x)
    t = t * ((_CB_P0 + r * (_CB_P1 + r * _CB_P2)) + ((r * r) * r) * (_CB_P3 + r * _CB_P4))
    lo, hi = _words(t)
    bits = (((hi & 0xFFFFFFFF) << 32 | lo) + 0x80000000) & 0xFFFFFFFFC0000000
    t = _make(bits >> 32, bits)
    s = t * t
    r = x / s
    w = t + t
    r = (r - t) / (w + r)
    return t + t * r


# -- pow ----------------------------------------------------------------------------------------

_BP = (1.0, 1.5)
_DP_H = (0.0, 5.84962487220764160156e-01)
_DP_L = (0.0, 1.35003920212974897128e-08)
_TWO53 = 9007199254740992.0
_L1 = 5.99999999999994648725e-01
_L2 = 4.28571428578550184252e-01
_L3 = 3.33333329818377432918e-01
_L4 = 2.72728123808534006489e-01
_L5 = 2.30660745775561754067e-01
_L6 = 2.06975017800338417784e-01
_LG2_H = 6.93147182464599609375e-01
_LG2_L = -1.90465429995776804525e-09
_OVT = 8.0085662595372944372e-17
_CP = 9.61796693925975554329e-01
_CP_H = 9.61796700954437255859e-01
_CP_L = -7.02846165095275826516e-09
_IVLN2 = 1.44269504088896338700e+00
_IVLN2_H = 1.44269502162933349609e+00
_IVLN2_L = 1.92596299112661746887e-08


def _int_parity(iy: int, ly: int) -> int:
    """For |y| with high word ``iy`` and low word ``ly``: 0 if y is not an integer, 1 if
    an odd one, 2 if an even one."""
    if iy >= 0x43400000:
        return 2
    if iy >= 0x3FF00000:
        k = (iy >> 20) - 0x3FF
        if k > 20:
            j = ly >> (52 - k)
            if (j << (52 - k)) == ly:
                return 2 - (j & 1)
        elif ly == 0:
            j = iy >> (20 - k)
            if (j << (20 - k)) == iy:
                return 2 - (j & 1)
    return 0


def pow(x: float, y: float) -> float:
    """Math.pow(x, y) and ``x ** y`` (NaN for (+-1) ** (+-Infinity), as JavaScript has it)."""
    x = float(x)
    y = float(y)
    lx, hx = _words(x)
    ly, hy = _words(y)
    ix = hx & 0x7FFFFFFF
    iy = hy & 0x7FFFFFFF
    if iy | ly == 0:
        return 1.0
    if x != x or y != y:
        return _NAN
    yisint = _int_parity(iy, ly) if hx < 0 else 0
    if ly == 0:
        if iy == 0x7FF00000:
            if (ix - 0x3FF00000) | lx == 0:
                return _NAN
            if ix >= 0x3FF00000:
                return y if hy >= 0 else 0.0
            return -y if hy < 0 else 0.0
        if iy == 0x3FF00000:
            if hy < 0:
                return 1.0 / x if x != 0 else math.copysign(_INF, x)
            return x
        if hy == 0x40000000:
            return x * x
        if hy == 0x3FE00000 and hx >= 0:
            return math.sqrt(x)
    ax = abs(x)
    if lx == 0 and (ix == 0x7FF00000 or ix == 0 or ix == 0x3FF00000):
        z = ax
        if hy < 0:
            z = 1.0 / z if z != 0 else _INF
        if hx < 0:
            if (ix - 0x3FF00000) | yisint == 0:
                return _NAN
            if yisint == 1:
                z = -z
        return z
    if hx < 0 and yisint == 0:
        return _NAN
    s = -1.0 if hx < 0 and yisint == 1 else 1.0
    if iy > 0x41E00000:          # |y| > 2**31
        if iy > 0x43F00000:      # |y| > 2**64: over- or underflows
            if ix <= 0x3FEFFFFF:
                return _INF if hy < 0 else 0.0
            if ix >= 0x3FF00000:
                return _INF if hy > 0 else 0.0
        if ix < 0x3FEFFFFF:
            return s * _HUGE * _HUGE if hy < 0 else s * _TINY * _TINY
        if ix > 0x3FF00000:
            return s * _HUGE * _HUGE if hy > 0 else s * _TINY * _TINY
        t = ax - 1.0
        w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25))
        u = _IVLN2_H * t
        v = t * _IVLN2_L - w * _IVLN2
        t1 = _chop(u + v)
        t2 = v - (t1 - u)
    else:
        n = 0
        if ix < 0x00100000:
            ax *= _TWO53
            n -= 53
            ix = _hi(ax)
        n += (ix >> 20) - 0x3FF
        j = ix & 0x000FFFFF
        ix = j | 0x3FF00000
        if j <= 0x3988E:
            k = 0
        elif j < 0xBB67A:
            k = 1
        else:
            k = 0
            n += 1
            ix -= 0x00100000
        ax = _with_hi(ax, ix)
        bp = _BP[k]
        u = ax - bp
        v = 1.0 / (ax + bp)
        ss = u * v
        s_h = _chop(ss)
        t_h = _make(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0)
        t_l = ax - (t_h - bp)
        s_l = v * ((u - s_h * t_h) - s_h * t_l)
        s2 = ss * ss
        r = s2 * s2 * (_L1 + s2 * (_L2 + s2 * (_L3 + s2 * (_L4 + s2 * (_L5 + s2 * _L6)))))
        r += s_l * (s_h + ss)
        s2 = s_h * s_h
        t_h = _chop(3.0 + s2 + r)
        t_l = r - ((t_h - 3.0) - s2)
        u = s_h * t_h
        v = s_l * t_h + t_l * ss
        p_h = _chop(u + v)
        p_l = v - (p_h - u)
        z_h = _CP_H * p_h
        z_l = _CP_L * p_h + p_l * _CP + _DP_L[k]
        t = float(n)
        t1 = _chop(((z_h + z_l) + _DP_H[k]) + t)
        t2 = z_l - (((t1 - t) - _DP_H[k]) - z_h)
    y1 = _chop(y)
    p_l = (y - y1) * t1 + y * t2
    p_h = y1 * t1
    z = p_l + p_h
    i, j = _words(z)
    if j >= 0x40900000:
        if ((j - 0x40900000) | i) != 0 or p_l + _OVT > z - p_h:
            return s * _HUGE * _HUGE
    elif (j & 0x7FFFFFFF) >= 0x4090CC00 and (
            (((j & 0xFFFFFFFF) - 0xC090CC00) | i) != 0 or p_l <= z - p_h):
        return s * _TINY * _TINY
    i = j & 0x7FFFFFFF
    k = (i >> 20) - 0x3FF
    n = 0
    if i > 0x3FE00000:
        n = j + (0x00100000 >> (k + 1))
        k = ((n & 0x7FFFFFFF) >> 20) - 0x3FF
        t = _make(n & ~(0x000FFFFF >> k), 0)
        n = ((n & 0x000FFFFF) | 0x00100000) >> (20 - k)
        if j < 0:
            n = -n
        p_h -= t
    t = _chop(p_l + p_h)
    u = t * _LG2_H
    v = (p_l - (t - p_h)) * _LN2 + t * _LG2_L
    z = u + v
    w = v - (z - u)
    t = z * z
    t1 = z - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    # V8's order, not fdlibm's (which divides by t1 - 2 alone and subtracts w + z*w after)
    r = (z * t1) / ((t1 - 2.0) - (w + z * w))
    z = 1.0 - (r - z)
    j = _hi(z) + (n << 20)
    if (j >> 20) <= 0:
        z = _ldexp(z, n)
    else:
        z = _with_hi(z, j)
    return s * z
