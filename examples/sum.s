// sum(n, step): add `step` to an accumulator n times (x0 = n, x1 = step).
        mov     x2, xzr
        cbz     x0, done
loop:
        add     x2, x2, x1
        subs    x0, x0, #1
        b.ne    loop
done:
        mov     x0, x2
        ret
