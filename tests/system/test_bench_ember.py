"""The benchmark (bench/) on Ember, in quick mode, booted the way `make bench` boots it.

The kernel gets "qemuexit bench=quick run=/bin/bench-boot" and a fresh, empty
ext2 disk as the first virtio disk; init runs the boot script bench-boot,
which records the boot time, mounts the disk on /mnt (or falls back to /tmp,
saying so in a BENCH-NOTE line), runs /bin/bench -q and halts. Every metric
of bench's table must end in a figure or a skip line with a reason. No
figure is compared with anything: timing belongs to `make bench`.
"""
import os
import re
import subprocess
import sys

import harness

sys.path.insert(0, os.path.join(harness.TOP, 'bench'))
import report  # noqa: E402  (bench/report.py, the parser make bench uses)

BENCH_CMDLINE = 'qemuexit bench=quick run=/bin/bench-boot'


def bench_metric_names():
    """Every name bench prints a line for: the 'outputs' column of main.c's metric table."""
    with open(os.path.join(harness.TOP, 'bench', 'main.c'), encoding='utf-8') as f:
        source = f.read()
    rows = re.findall(r'\{\s*"[^"]+",\s*"([^"]+)",\s*bench_\w+\s*\}', source)
    assert rows, 'no metric table in bench/main.c'
    return [name for outputs in rows for name in outputs.split()]


def make_bench_disk(path):
    """The benchmark disk of bench/run.py: empty ext2, 4 KiB blocks."""
    subprocess.run(['truncate', '-s', '256M', path], check=True)
    subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext2', '-b', '4096', '-L', 'bench', path],
                   check=True)
    return path


def test_quick_benchmark_gives_every_metric_a_figure_or_a_reason(boot, tmp_path):
    disk = make_bench_disk(str(tmp_path / 'bench.img'))
    m = boot('kernel', BENCH_CMDLINE, extra=['-drive', f'file={disk},format=raw,if=virtio'],
             timeout=300)
    m.expect(r'BENCH done')
    status = m.wait_exit(timeout=120)
    run = report.parse_console(m.output())

    assert run.done
    assert run.tsc_hz and run.tsc_hz > 0
    assert run.boot_tsc and run.boot_tsc > 0
    expected = bench_metric_names()
    assert [n for n in expected if n not in run.metrics] == [], m.tail()
    for name, figure in run.metrics.items():
        if isinstance(figure, report.Skip):
            assert figure.reason.strip() and figure.reason != 'skipped', name
        else:
            assert figure.value > 0 and figure.count >= 1, name
    assert status == harness.EXIT_SUCCESS
    # make bench's report tables every metric (Ember as its own baseline here).
    summary = report.summarize([run], 'icount')
    text, rows = report.render_report('icount', [], summary, summary)
    assert [r.metric for r in rows] == list(run.metrics)
    assert 'geometric mean' in text
    if not any('/tmp' in note for note in run.notes):
        code, out = harness.e2fsck(disk, offset=0)
        assert code == 0, out

