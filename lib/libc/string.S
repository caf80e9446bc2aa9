/*
 * memcpy and memset for every program, in place of newlib's x86_64 ones.
 *
 * newlib's versions move the small, unaligned and tail parts of a block
 * with rep movsb / rep stosb, and copies under 256 bytes with rep movsq.
 * Under QEMU's TCG every iteration of a rep instruction is a pass through
 * the translated-block loop (and one instruction in -icount time), so a
 * 1,460-byte copy spent more on its 52-byte tail than on the rest. These
 * never use rep: 16-byte SSE moves (the kernel saves every thread's SSE
 * state on a switch, so SSE costs nothing extra), four per pass; the last
 * 16 bytes are moved first-loaded, last-stored, overlapping the passes
 * before them, so no tail loop is needed; under 16 bytes, two overlapping
 * moves of 8, 4, 2 or 1 bytes.
 */
#ifndef MEMCPY_NAME /* the host's unit test renames them (tests/unit) */
#define MEMCPY_NAME memcpy
#define MEMSET_NAME memset
#endif

	.text

/* void *memcpy(void *dst (rdi), const void *src (rsi), size_t n (rdx)) */
	.globl	MEMCPY_NAME
	.type	MEMCPY_NAME, @function
MEMCPY_NAME:
	movq	%rdi, %rax
	cmpq	$16, %rdx
	jb	.Lcopy_small
	movdqu	-16(%rsi,%rdx), %xmm3		/* the last 16 bytes */
	leaq	-16(%rdi,%rdx), %r8		/* and where they go */
	subq	$16, %rdx			/* bytes before them */
	cmpq	$64, %rdx
	jb	.Lcopy_16s
.Lcopy_64:
	movdqu	(%rsi), %xmm0
	movdqu	16(%rsi), %xmm1
	movdqu	32(%rsi), %xmm2
	movdqu	48(%rsi), %xmm4
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm1, 16(%rdi)
	movdqu	%xmm2, 32(%rdi)
	movdqu	%xmm4, 48(%rdi)
	addq	$64, %rsi
	addq	$64, %rdi
	subq	$64, %rdx
	cmpq	$64, %rdx
	jae	.Lcopy_64
.Lcopy_16s:					/* 0..63 before the last 16 */
	testq	%rdx, %rdx
	jz	.Lcopy_last
.Lcopy_16:
	movdqu	(%rsi), %xmm0
	movdqu	%xmm0, (%rdi)
	addq	$16, %rsi
	addq	$16, %rdi
	subq	$16, %rdx
	ja	.Lcopy_16			/* more than 16 were left */
.Lcopy_last:
	movdqu	%xmm3, (%r8)
	ret
.Lcopy_small:					/* 0..15 */
	cmpq	$8, %rdx
	jb	.Lcopy_lt8
	movq	(%rsi), %rcx
	movq	-8(%rsi,%rdx), %r8
	movq	%rcx, (%rdi)
	movq	%r8, -8(%rdi,%rdx)
	ret
.Lcopy_lt8:
	cmpq	$4, %rdx
	jb	.Lcopy_lt4
	movl	(%rsi), %ecx
	movl	-4(%rsi,%rdx), %r8d
	movl	%ecx, (%rdi)
	movl	%r8d, -4(%rdi,%rdx)
	ret
.Lcopy_lt4:
	testq	%rdx, %rdx
	jz	.Lcopy_done
	movzbl	(%rsi), %ecx
	cmpq	$2, %rdx
	jb	.Lcopy_1
	movzwl	-2(%rsi,%rdx), %r8d
	movw	%r8w, -2(%rdi,%rdx)
.Lcopy_1:
	movb	%cl, (%rdi)
.Lcopy_done:
	ret
	.size	MEMCPY_NAME, . - MEMCPY_NAME

/* void *memset(void *dst (rdi), int c (esi), size_t n (rdx)) */
	.globl	MEMSET_NAME
	.type	MEMSET_NAME, @function
MEMSET_NAME:
	movq	%rdi, %rax
	movzbl	%sil, %ecx
	movabsq	$0x0101010101010101, %r8
	imulq	%r8, %rcx			/* the byte in all eight */
	cmpq	$16, %rdx
	jb	.Lset_small
	movq	%rcx, %xmm0
	punpcklqdq %xmm0, %xmm0
	movdqu	%xmm0, -16(%rdi,%rdx)		/* the last 16 bytes */
	subq	$16, %rdx
	cmpq	$64, %rdx
	jb	.Lset_16s
.Lset_64:
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm0, 16(%rdi)
	movdqu	%xmm0, 32(%rdi)
	movdqu	%xmm0, 48(%rdi)
	addq	$64, %rdi
	subq	$64, %rdx
	cmpq	$64, %rdx
	jae	.Lset_64
.Lset_16s:
	testq	%rdx, %rdx
	jz	.Lset_done
.Lset_16:
	movdqu	%xmm0, (%rdi)
	addq	$16, %rdi
	subq	$16, %rdx
	ja	.Lset_16
	ret
.Lset_small:					/* 0..15 */
	cmpq	$8, %rdx
	jb	.Lset_lt8
	movq	%rcx, (%rdi)
	movq	%rcx, -8(%rdi,%rdx)
	ret
.Lset_lt8:
	cmpq	$4, %rdx
	jb	.Lset_lt4
	movl	%ecx, (%rdi)
	movl	%ecx, -4(%rdi,%rdx)
	ret
.Lset_lt4:
	testq	%rdx, %rdx
	jz	.Lset_done
	movb	%cl, (%rdi)
	cmpq	$2, %rdx
	jb	.Lset_done
	movw	%cx, -2(%rdi,%rdx)
.Lset_done:
	ret
	.size	MEMSET_NAME, . - MEMSET_NAME

	.section .note.GNU-stack, "", @progbits
