#!/bin/sh
# Check that the kernel ELF is loadable as a flat Multiboot image: the header
# lies in the first 8 KiB, and every loadable segment sits in the file at the
# same distance from the load address as in physical memory (the "a.out
# kludge" fields tell loaders to copy the file verbatim).
exec /usr/bin/python3 - "$1" <<'PY'
import struct, sys
path = sys.argv[1]
data = open(path, 'rb').read()
for off in range(0, 8192, 4):
    magic, flags, csum = struct.unpack_from('<III', data, off)
    if magic == 0x1BADB002 and (magic + flags + csum) & 0xFFFFFFFF == 0:
        break
else:
    sys.exit(f'{path}: no Multiboot header in the first 8 KiB')
hdr_addr, load_addr, load_end, bss_end, entry = struct.unpack_from('<5I', data, off + 12)
file_base = off - (hdr_addr - load_addr)
phoff, = struct.unpack_from('<Q', data, 0x20)
phentsize, phnum = struct.unpack_from('<HH', data, 0x36)
for i in range(phnum):
    p_type, p_flags, p_off, p_vaddr, p_paddr, p_filesz, p_memsz, _ = \
        struct.unpack_from('<IIQQQQQQ', data, phoff + i * phentsize)
    if p_type != 1 or p_filesz == 0:
        continue
    if p_off - file_base != p_paddr - load_addr:
        sys.exit(f'{path}: segment {i} at file offset {p_off:#x} does not match '
                 f'physical {p_paddr:#x}; the flat image would be wrong')
    if p_paddr + p_filesz > load_end:
        sys.exit(f'{path}: segment {i} ends past load_end_addr')
if file_base < 0 or file_base + (load_end - load_addr) > len(data):
    sys.exit(f'{path}: load range lies outside the file')
PY
