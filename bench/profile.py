#!/usr/bin/python3
"""Where one metric's time goes on Ember under TCG: QEMU events per operation.

usage: bench/profile.py METRIC [--seconds N] [--quick]

Boots Ember as run.py does (bench-boot, a fresh benchmark disk, the host's
TCP peer) with "bench_metric=METRIC", and while the metric runs counts, with
perf and uprobes on the QEMU binary:

  tlb_flush                     QEMU empties its software TLB: one per CR3 load
  tb_gen_code                   a block of guest code translated
  tb_invalidate_phys_page_fast  a guest store into a page holding translated code

and prints them per operation (per MB for throughput metrics), using the
metric's own figure from the same boot. The counts start when bench prints
BENCH-CLOCK, so a metric with a long setup should get more --seconds. Needs
root and perf (linux-perf); the probes stay defined for later runs.
"""
import argparse
import subprocess
import sys

import report
import run

QEMU = '/usr/bin/qemu-system-x86_64'
EVENTS = ['tlb_flush', 'tb_gen_code', 'tb_invalidate_phys_page_fast']


def add_probes():
    listed = subprocess.run(['perf', 'probe', '-l'], capture_output=True, text=True).stdout
    for event in EVENTS:
        if f'probe_qemu:{event} ' not in listed:
            subprocess.run(['perf', 'probe', '-q', '-x', QEMU, event], check=True)


def count(pid, seconds):
    """perf stat on the QEMU process: {event: count}."""
    out = subprocess.run(['perf', 'stat', '-x,', '-e', ','.join(f'probe_qemu:{e}' for e in EVENTS),
                          '-p', str(pid), '--', 'sleep', str(seconds)],
                         capture_output=True, text=True).stderr
    counts = {}
    for line in out.splitlines():
        fields = line.split(',')
        if len(fields) > 2 and fields[0].isdigit():
            counts[fields[2].split(':')[-1]] = int(fields[0])
    return counts


def main():
    p = argparse.ArgumentParser(description='QEMU events per operation of one Ember metric')
    p.add_argument('metric')
    p.add_argument('--seconds', type=float, default=3.0)
    p.add_argument('--quick', action='store_true')
    args = p.parse_args()
    add_probes()
    console, log_path, _peer = run.boot_one_metric(args.metric, 'wall', args.quick,
                                                   f'profile-{args.metric}.log')
    boot, counts = report.Boot(), None
    for line in console.logged_lines(600):
        report.parse_line(boot, line.strip())
        if counts is None and boot.tsc_hz:
            counts = count(console.proc.pid, args.seconds)
    console.stop()
    figure = boot.metrics.get(args.metric)
    if counts is None or not isinstance(figure, report.Figure):
        sys.exit(f'profile: no figure for {args.metric} (log {log_path})')
    if figure.unit == 'MB/s':
        per, unit = 1 / figure.value, 'MB'
        print(f'{args.metric}: {figure.value:.1f} MB/s while probed')
    else:
        per, unit = figure.value / boot.tsc_hz, 'op'
        print(f'{args.metric}: {per * 1e6:.1f} us per operation while probed')
    for event in EVENTS:
        rate = counts.get(event, 0) / args.seconds
        print(f'  {event:<30} {rate * per:12.1f} per {unit}')


if __name__ == '__main__':
    main()
