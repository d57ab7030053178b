"""Python twin of tests/js/programs/mandelbrot.js."""

from jsrt import log, scale

SCALE = scale()

width = 48
height = 24
max_iter = 60
inside = 0
iter_sum = 0
rows = []
for _rep in range(SCALE):
    for y in range(height):
        ci = (y / height) * 2.4 - 1.2
        line = ""
        for x in range(width):
            cr = (x / width) * 3.2 - 2.2
            zr = 0.0
            zi = 0.0
            i = 0
            while i < max_iter and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                i += 1
            iter_sum += i
            if i == max_iter:
                inside += 1
                line += "#"
            else:
                line += "+" if i > 8 else "." if i > 3 else " "
        rows.append(line)
for y in range(0, height, 4):
    log(rows[y])
log("inside", inside, "iterations", iter_sum)

area = 0.0
step = 0.05
for _rep in range(SCALE):
    cr = -2.0
    while cr < 0.5:
        ci = -1.2
        while ci < 1.2:
            zr = cr
            zi = ci
            k = 0
            while k < 40:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2 * zr * zi + ci
                zr = zr2 - zi2 + cr
                k += 1
            if k == 40:
                area += step * step
            ci += step
        cr += step
log("area", area)
log("checksum", inside * 100000 + iter_sum)
