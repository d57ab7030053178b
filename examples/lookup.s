// lookup(i): the i-th entry of a constant table scaled by a host function,
// written the way gcc -O2 -S writes C: sections, .cfi directives, adrp + :lo12:.
// Load it with a64jit.loader.load(text, {"scale": host_function(...)}).
	.arch armv8-a
	.text
	.align	2
	.global	lookup
	.type	lookup, %function
lookup:
.LFB0:
	.cfi_startproc
	stp	x29, x30, [sp, -32]!
	.cfi_def_cfa_offset 32
	.cfi_offset 29, -32
	.cfi_offset 30, -24
	mov	x29, sp
	str	x19, [sp, 16]
	and	x0, x0, 3
	adrp	x1, .LANCHOR0
	add	x1, x1, :lo12:.LANCHOR0
	ldr	x19, [x1, x0, lsl 3]
	bl	scale
	mul	x0, x0, x19
	ldr	x19, [sp, 16]
	ldp	x29, x30, [sp], 32
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
.LFE0:
	.size	lookup, .-lookup
	.section	.rodata
	.align	3
	.set	.LANCHOR0,. + 0
	.type	table, %object
	.size	table, 32
table:
	.xword	10
	.xword	20
	.xword	30
	.xword	40
	.ident	"hand-written in gcc's style"
	.section	.note.GNU-stack,"",@progbits
