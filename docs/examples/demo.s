	.arch armv8-a
	.file	"demo.c"
	.text
	.align	2
	.p2align 4,,11
	.global	nth_prime
	.type	nth_prime, %function
nth_prime:
.LFB0:
	.cfi_startproc
	cmp	w0, 7
	bhi	.L3
	adrp	x1, .LANCHOR0
	add	x1, x1, :lo12:.LANCHOR0
	ldr	w0, [x1, w0, uxtw 2]
	ret
	.p2align 2,,3
.L3:
	mov	w0, -1
	ret
	.cfi_endproc
.LFE0:
	.size	nth_prime, .-nth_prime
	.align	2
	.p2align 4,,11
	.global	count_char
	.type	count_char, %function
count_char:
.LFB1:
	.cfi_startproc
	ldrb	w2, [x0]
	mov	x3, x0
	mov	w0, 0
	cbz	w2, .L5
	.p2align 3,,7
.L7:
	cmp	w2, w1
	ldrb	w2, [x3, 1]!
	cinc	w0, w0, eq
	cbnz	w2, .L7
.L5:
	ret
	.cfi_endproc
.LFE1:
	.size	count_char, .-count_char
	.section	.rodata.str1.8,"aMS",@progbits,1
	.align	3
.LC0:
	.string	"compiler output"
	.text
	.align	2
	.p2align 4,,11
	.global	vowels
	.type	vowels, %function
vowels:
.LFB2:
	.cfi_startproc
	adrp	x2, .LC0
	add	x2, x2, :lo12:.LC0
	mov	w0, 0
	mov	w1, 99
	.p2align 3,,7
.L11:
	cmp	w1, 111
	ldrb	w1, [x2, 1]!
	cinc	w0, w0, eq
	cbnz	w1, .L11
	ret
	.cfi_endproc
.LFE2:
	.size	vowels, .-vowels
	.section	.rodata
	.align	4
	.set	.LANCHOR0,. + 0
	.type	primes, %object
	.size	primes, 32
primes:
	.word	2
	.word	3
	.word	5
	.word	7
	.word	11
	.word	13
	.word	17
	.word	19
	.ident	"GCC: (Debian 12.2.0-14) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
