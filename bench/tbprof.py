#!/usr/bin/python3
"""Where one metric's guest instructions go on Ember: program and function.

usage: bench/tbprof.py METRIC [--clock icount|wall] [--quick] [--top N]

Boots Ember as run.py does (bench-boot, a fresh benchmark disk, the host's
TCP peer) with "bench_metric=METRIC" and QEMU's TCG plugin bench/tbprof.c
(built here into build/bench/tbprof.so), which counts every translated
block's runs from the moment bench prints BENCH-CLOCK. Each block is then
given to the program whose bytes it matches at its address (all programs
are linked at the same address: the bytes tell them apart; the kernel is
the upper half; lwIP is found where its bytes are), and to the function
around it from the program's symbols. Prints instructions by program and
by function, totals over the run, with a call count beside each (how often
its first block ran); divide by the operations or bytes the metric did in
the run for a cost per operation.

Instruction counts do not depend on the clock; under wall time the guest
just runs slower. Needs gcc and QEMU 7.2's plugin support (Debian's has it).
"""
import argparse
import bisect
import collections
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402
import run  # noqa: E402

KERNEL_HALF = 1 << 47
LWIP = 'lib/liblwip.so.0'


def build_plugin():
    """build/bench/tbprof.so from bench/tbprof.c, when older than it."""
    src = os.path.join(run.HERE, 'tbprof.c')
    so = os.path.join(run.WORK, 'tbprof.so')
    if not os.path.exists(so) or os.path.getmtime(so) < os.path.getmtime(src):
        os.makedirs(run.WORK, exist_ok=True)
        subprocess.run(['gcc', '-std=gnu17', '-O2', '-Wall', '-Wextra', '-Werror', '-shared',
                        '-fPIC', '-o', so, src, '-lpthread'], check=True)
    return so


class Program:
    """An ELF file's loadable bytes and its function symbols, at base."""

    def __init__(self, name, path, base=0):
        self.name, self.base = name, base
        with open(path, 'rb') as f:
            self.data = f.read()
        self.segments = []  # (vaddr, file offset, file size)
        out = subprocess.run(['readelf', '-lW', path], capture_output=True, text=True).stdout
        for line in out.splitlines():
            f = line.split()
            if f and f[0] == 'LOAD':
                self.segments.append((int(f[2], 16), int(f[1], 16), int(f[4], 16)))
        self.addrs, self.names = [], []
        for dynamic in ([], ['-D']):  # a stripped library has its dynamic symbols
            out = subprocess.run(['nm', '-n', '--defined-only'] + dynamic + [path],
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                f = line.split()
                if len(f) == 3 and f[1] in 'tTwWi':
                    self.addrs.append(int(f[0], 16))
                    self.names.append(f[2])
            if self.addrs:
                break

    def bytes_at(self, vaddr, n):
        vaddr -= self.base
        for v, off, size in self.segments:
            if v <= vaddr < v + size:
                return self.data[off + vaddr - v:off + vaddr - v + n]
        return None

    def function(self, vaddr):
        """(name, whether vaddr is its first byte)."""
        i = bisect.bisect_right(self.addrs, vaddr - self.base) - 1
        if i < 0:
            return '?', False
        return self.names[i], self.addrs[i] == vaddr - self.base

    def find_base(self, blocks):
        """Where this (position-independent) file sits, by its bytes."""
        votes = collections.Counter()
        for vaddr, _, _, code in blocks:
            at = self.data.find(code) if len(code) >= 16 else -1  # all its bytes: prologues repeat
            if at < 0:
                continue
            for v, off, size in self.segments:
                if off <= at < off + size:
                    votes[vaddr - (at - off + v)] += 1
        if votes:
            self.base = votes.most_common(1)[0][0]
        return bool(votes)


def read_blocks(path):
    """The plugin's lines: (vaddr, instructions, runs, first bytes)."""
    blocks = []
    with open(path) as f:
        for line in f:
            vaddr, _, insns, runs, code = line.split()
            blocks.append((int(vaddr, 16), int(insns), int(runs), bytes.fromhex(code)))
    return blocks


def attribute(blocks, kernel, programs, library=None):
    """Instructions by program and by program:function, and calls by
    program:function (runs of the block at its first byte)."""
    if library:
        unknown = [b for b in sorted(blocks, key=lambda b: -b[1] * b[2])[:500]
                   if b[0] < KERNEL_HALF
                   and not any(p.bytes_at(b[0], len(b[3])) == b[3] for p in programs)]
        if not library.find_base(unknown):
            library = None
    candidates = programs + ([library] if library else [])
    owners = []  # per block: the programs whose bytes it is
    sure = collections.Counter()  # instructions of blocks only one program has
    for vaddr, insns, runs, code in blocks:
        if vaddr >= KERNEL_HALF:
            owners.append([kernel])
            continue
        owners.append([p for p in candidates if p.bytes_at(vaddr, len(code)) == code])
        if len(owners[-1]) == 1:
            sure[owners[-1][0].name] += insns * runs
    by_program, by_function = collections.Counter(), collections.Counter()
    calls = collections.Counter()
    for (vaddr, insns, runs, code), found in zip(blocks, owners):
        if not found:
            by_program['?'] += insns * runs
            continue
        # code that several programs share (their libc, at the same address)
        # goes to the one that otherwise ran the most
        owner = max(found, key=lambda p: sure[p.name])
        name, first = owner.function(vaddr)
        key = f'{owner.name}:{name}'
        by_program[owner.name] += insns * runs
        by_function[key] += insns * runs
        if first:
            calls[key] += runs
    return by_program, by_function, calls


def load_programs():
    kernel = Program('kernel', os.path.join(run.BUILD, 'kernel', 'kernel'))
    bindir = os.path.join(run.BUILD, 'bin')
    programs = [Program(n, os.path.join(bindir, n)) for n in sorted(os.listdir(bindir))]
    lib = os.path.join(run.BUILD, 'root', LWIP)
    library = Program('lwip', lib) if os.path.exists(lib) else None
    return kernel, programs, library


def print_report(blocks, top):
    by_program, by_function, calls = attribute(blocks, *load_programs())
    total = sum(by_program.values())
    print(f'  {"all":<44} {total:14d} instructions')
    for name, n in by_program.most_common():
        if n:
            print(f'  {name:<44} {n:14d}  {100 * n / total:5.1f} %')
    print(f'\n  {"function":<44} {"instructions":>14} {"calls":>12}')
    for name, n in by_function.most_common(top):
        print(f'  {name:<44} {n:14d} {calls[name]:12d}')


def main():
    p = argparse.ArgumentParser(description="where one Ember metric's instructions go")
    p.add_argument('metric')
    p.add_argument('--clock', choices=['icount', 'wall'], default='icount')
    p.add_argument('--quick', action='store_true')
    p.add_argument('--top', type=int, default=40)
    args = p.parse_args()
    plugin = build_plugin()
    out = os.path.join(run.WORK, f'tbprof-{args.metric}.out')
    snap = os.path.join(run.WORK, 'tbprof.snap')
    for stale in (out, snap):
        if os.path.exists(stale):
            os.unlink(stale)
    console, log_path, _peer = run.boot_one_metric(
        args.metric, args.clock, args.quick, f'tbprof-{args.metric}.log',
        ['-plugin', f'{plugin},out={out},snap={snap}'])
    boot, snapped = report.Boot(), False
    for line in console.logged_lines(600):
        report.parse_line(boot, line.strip())
        if not snapped and boot.tsc_hz:
            open(snap, 'w').close()
            snapped = True
    console.stop()
    figure = boot.metrics.get(args.metric)
    if not os.path.exists(out) or not isinstance(figure, report.Figure):
        sys.exit(f'tbprof: no figure or no counts for {args.metric} (log {log_path})')
    blocks = read_blocks(out)
    print(f'{args.metric}: {figure.value:g} {figure.unit} with the plugin '
          '(counts: everything after BENCH-CLOCK, the metric\'s own set-up and waits too)')
    print_report(blocks, args.top)

if __name__ == '__main__':
    main()
