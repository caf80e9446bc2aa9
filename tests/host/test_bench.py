"""The benchmark suite's host-side parts: the Linux build of bench/ run on
this host in quick mode (with run.py's TCP peer for the guest-host metrics),
and the parsing, tables and targets of bench/report.py with and without
Ember's figures. Booting Ember in quick mode is a system test."""
import os
import re
import subprocess
import sys

import pytest

import harness

BENCH_DIR = os.path.join(harness.TOP, 'bench')
LINUX_BIN = os.path.join(harness.BUILD, 'bench', 'linux')
sys.path.insert(0, BENCH_DIR)
sys.path.insert(0, os.path.join(BENCH_DIR, 'linux'))

import mkinitramfs  # noqa: E402
import report  # noqa: E402
import run  # noqa: E402

FIGURE_LINE = re.compile(r'^BENCH (\S+) [0-9.]+ (ticks|MB/s) n=[1-9][0-9]*$')
SKIP_LINE = re.compile(r'^BENCH (\S+) skip \S.*$')


@pytest.fixture(scope='module')
def bench():
    """Build the static Linux binaries; return the path of bench."""
    p = subprocess.run(['make', '-s', '-C', BENCH_DIR, 'linux'], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    return os.path.join(LINUX_BIN, 'bench')


def run_bench(bench, *args, timeout=180):
    p = subprocess.run([bench, *args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout.splitlines(), p.stderr


def listed_metrics(bench):
    code, lines, _ = run_bench(bench, '-l')
    assert code == 0
    return [name for line in lines for name in line.split()[1:]]


def test_bench_quick_mode_prints_every_metric_or_a_skip_reason(bench, tmp_path):
    code, lines, err = run_bench(bench, '-q', '-d', str(tmp_path))
    assert code == 0, err
    assert re.match(r'^BENCH-CLOCK [1-9][0-9]* Hz$', lines[0]), lines[0]
    assert lines[-1] == 'BENCH done'
    seen = {}
    for line in lines[1:-1]:
        m = FIGURE_LINE.match(line) or SKIP_LINE.match(line)
        assert m, f'malformed line: {line!r}'
        seen[m[1]] = line
    assert sorted(seen) == sorted(listed_metrics(bench))
    assert list(tmp_path.iterdir()) == [], 'the file tests left files behind'


def test_bench_measures_the_host_without_skipping_core_metrics(bench, tmp_path):
    _, lines, _ = run_bench(bench, '-q', '-d', str(tmp_path))
    measured = {FIGURE_LINE.match(line)[1] for line in lines if FIGURE_LINE.match(line)}
    for metric in ('null_syscall', 'pipe_pingpong', 'fork_exit_wait', 'fork_exec_wait',
                   'file_create_delete', 'create_files', 'stat_path5', 'seq_write'):
        assert metric in measured, lines


def test_bench_runs_one_metric_by_name(bench, tmp_path):
    code, lines, _ = run_bench(bench, '-q', '-d', str(tmp_path), '-m', 'null_syscall')
    assert code == 0
    assert [line.split()[1] for line in lines[1:]] == ['null_syscall', 'done']


def test_bench_runs_a_group_by_one_of_its_lines(bench, tmp_path):
    code, lines, _ = run_bench(bench, '-q', '-d', str(tmp_path), '-m', 'delete_files')
    assert code == 0
    assert [line.split()[1] for line in lines[1:]] == ['create_files', 'delete_files', 'done']


def test_bench_rejects_an_unknown_metric(bench):
    code, _, err = run_bench(bench, '-q', '-m', 'no_such_metric')
    assert code == 2
    assert 'no_such_metric' in err


def test_fork_exec_without_its_program_is_skipped_with_the_reason(bench, tmp_path):
    code, lines, _ = run_bench(bench, '-q', '-m', 'fork_exec_wait', '-x', '/nonexistent/true')
    assert code == 0
    assert lines[1] == ('BENCH fork_exec_wait skip exec /nonexistent/true: '
                        'No such file or directory')


def test_file_tests_in_a_missing_directory_are_skipped(bench):
    code, lines, _ = run_bench(bench, '-q', '-m', 'file_create_delete', '-d', '/nonexistent')
    assert code == 0
    assert SKIP_LINE.match(lines[1]) and 'No such file or directory' in lines[1]


def test_bench_true_exits_at_once_with_success(bench):
    assert subprocess.run([os.path.join(LINUX_BIN, 'bench-true')]).returncode == 0


def test_boot_tsc_prints_a_tsc_line(bench):
    out = subprocess.run([os.path.join(LINUX_BIN, 'boot-tsc')], capture_output=True, text=True)
    assert re.match(r'^BOOT-TSC \d+$', out.stdout.strip())


LINUX_CONSOLE = """\
[    0.000000] Linux version 6.1.0
BOOT-TSC 6000000000\r
BENCH-CLOCK 1000000000 Hz\r
BENCH null_syscall 340 ticks n=2000\r
BENCH pipe_pingpong 10000 ticks n=2000\r
BENCH seq_write 100.0 MB/s n=3\r
BENCH tcp_rtt skip socket: Address family not supported by protocol\r
BENCH done\r
[    3.5] reboot: Power down
"""

EMBER_CONSOLE = """\
Ember 0.1 (x86_64 microkernel) booted by qemu
BOOT-TSC 300000000
BENCH-CLOCK 1000000000 Hz
BENCH null_syscall 680 ticks n=2000
BENCH pipe_pingpong 5000 ticks n=2000
BENCH seq_write 50.0 MB/s n=3
BENCH tcp_rtt skip socket: Function not implemented
BENCH-KERNEL ipc_call_reply 420 ticks seL4: 300 cycles
BENCH done
"""


def summaries(ember_text, linux_text, clock='icount'):
    ember_boot = report.parse_console(ember_text)
    if not ember_boot.done:
        ember_boot.problem = 'QEMU exited without "BENCH done"'
    linux = report.summarize([report.parse_console(linux_text)], clock)
    return report.summarize([ember_boot], clock), linux


def test_console_parsing_reads_figures_skips_clock_and_boot_time():
    boot = report.parse_console(LINUX_CONSOLE)
    assert boot.done and boot.tsc_hz == 1e9 and boot.boot_tsc == 6000000000
    assert boot.metrics['null_syscall'] == report.Figure(340, 'ticks', 2000)
    assert boot.metrics['tcp_rtt'].reason == 'socket: Address family not supported by protocol'


def test_table_shows_ember_as_na_with_the_reason_when_it_printed_nothing():
    ember, linux = summaries('Ember 0.1 booted\nkernel: halted\n', LINUX_CONSOLE)
    text, rows = report.render_report('icount', [('date', 'today')], ember, linux)
    assert [r.metric for r in rows] == ['null_syscall', 'pipe_pingpong', 'seq_write', 'tcp_rtt']
    assert all(r.ratio is None for r in rows)
    assert 'Ember: n/a: QEMU exited without "BENCH done"' in text
    assert 'geometric mean of 0 ratios: -' in text
    assert re.search(r'null_syscall\s+instr\s+n/a\s+340\s+-', text)
    assert 'Ember  n/a' in text and 'Linux  6000000000 instr' in text


def test_a_not_supported_line_is_the_reason():
    boot = report.parse_console('bench: not supported yet\n')
    assert not boot.done and boot.unsupported == 'bench: not supported yet'


def test_ratios_are_ember_cost_over_linux_cost_with_their_geometric_mean():
    ember, linux = summaries(EMBER_CONSOLE, LINUX_CONSOLE)
    rows = {r.metric: r for r in report.compare(ember, linux)}
    assert rows['null_syscall'].ratio == pytest.approx(2.0)
    assert rows['pipe_pingpong'].ratio == pytest.approx(0.5)
    assert rows['seq_write'].ratio == pytest.approx(2.0)  # half the throughput
    assert rows['tcp_rtt'].ratio is None
    text, _ = report.render_report('icount', [], ember, linux)
    assert 'geometric mean of 3 ratios: 1.26' in text
    assert 'Linux tcp_rtt: socket: Address family not supported by protocol' in text


def test_kernel_figures_get_their_own_section_with_the_reference():
    ember, linux = summaries(EMBER_CONSOLE, LINUX_CONSOLE)
    text, _ = report.render_report('icount', [], ember, linux)
    assert re.search(r'ipc_call_reply\s+420\s+instr\s+seL4: 300 cycles', text)


def test_wall_time_converts_ticks_with_each_boot_clock_and_takes_medians():
    boots = [report.parse_console(f'BENCH-CLOCK {hz} Hz\nBENCH null_syscall {ticks} ticks n=9\n'
                                  'BOOT-TSC 4000000000\nBENCH done\n')
             for hz, ticks in ((2e9, 2000), (1e9, 1500), (2e9, 9000))]
    summary = report.summarize(boots, 'wall')
    assert summary.figures['null_syscall'] == report.Figure(1.5, 'us', 27)
    assert summary.boot_time.value == pytest.approx(2.0) and summary.boot_time.unit == 's'


def test_csv_has_a_row_per_metric_with_notes_for_missing_figures():
    ember, linux = summaries('', LINUX_CONSOLE)
    lines = report.render_csv('icount', report.compare(ember, linux)).splitlines()
    assert lines[0] == 'clock,metric,unit,ember,linux,ratio,ember_note,linux_note'
    assert lines[1] == 'icount,null_syscall,instr,,340,,"QEMU exited without ""BENCH done""",n=2000'
    assert len(lines) == 5


def test_chart_is_drawn_only_when_there_are_ratios(tmp_path):
    ember, linux = summaries('', LINUX_CONSOLE)
    png = tmp_path / 'chart.png'
    assert not report.plot_ratios(report.compare(ember, linux), str(png), 'none')
    ember, linux = summaries(EMBER_CONSOLE, LINUX_CONSOLE)
    assert report.plot_ratios(report.compare(ember, linux), str(png), 'test chart')
    assert png.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'


def test_initramfs_modules_load_after_their_dependencies():
    deps = {
        'ext4': ('kernel/fs/ext4/ext4.ko.xz', ['kernel/lib/crc16.ko.xz', 'kernel/fs/jbd2/jbd2.ko.xz']),
        'crc16': ('kernel/lib/crc16.ko.xz', []),
        'jbd2': ('kernel/fs/jbd2/jbd2.ko.xz', ['kernel/lib/crc16.ko.xz']),
        'virtio_blk': ('kernel/drivers/block/virtio_blk.ko.xz', []),
    }
    assert mkinitramfs.load_order(deps, ['ext4', 'virtio_blk']) == [
        'kernel/lib/crc16.ko.xz', 'kernel/fs/jbd2/jbd2.ko.xz', 'kernel/fs/ext4/ext4.ko.xz',
        'kernel/drivers/block/virtio_blk.ko.xz']


def test_qemu_sh_linux_mode_needs_kernel_initrd_and_command_line():
    p = subprocess.run([harness.QEMU_SH, 'linux', '/boot/vmlinuz'], capture_output=True,
                       text=True)
    assert p.returncode == 2 and 'usage: qemu.sh linux' in p.stderr


@pytest.fixture(scope='module')
def host_peer():
    return run.HostPeer()


@pytest.mark.parametrize('metric,unit', [('tcp_host_rtt', 'ticks'), ('tcp_host_bulk', 'MB/s')])
def test_guest_host_tcp_metrics_talk_to_run_py_peer(bench, host_peer, metric, unit):
    code, lines, err = run_bench(bench, '-q', '-m', metric, '-H', f'127.0.0.1:{host_peer.port}')
    assert code == 0, err
    m = FIGURE_LINE.match(lines[1])
    assert m and m[1] == metric and m[2] == unit, lines


def test_guest_host_tcp_metrics_without_a_peer_say_why(bench):
    _, lines, _ = run_bench(bench, '-q', '-m', 'tcp_host_rtt')
    assert lines[1] == 'BENCH tcp_host_rtt skip no host peer given (-H ADDRESS:PORT)'
    _, lines, _ = run_bench(bench, '-q', '-m', 'tcp_host_bulk', '-H', 'nowhere')
    assert lines[1] == 'BENCH tcp_host_bulk skip -H ADDRESS:PORT: Invalid argument'


def test_recovery_is_ember_only_and_says_so_on_linux(bench):
    _, lines, _ = run_bench(bench, '-q', '-m', 'recovery', '-k', 'virtio-blk')
    assert lines[1] == 'BENCH recovery skip Ember only: this system does not restart a dead driver'


def test_boots_do_not_inherit_module_lists_or_memory_sizes(monkeypatch):
    monkeypatch.setenv('EMBER_MODULES', '/build/bin/hello')
    monkeypatch.setenv('EMBER_MEM', '64M')
    env = run.boot_env('icount')
    assert 'EMBER_MODULES' not in env and 'EMBER_MEM' not in env
    assert env['EMBER_ICOUNT'] == '1' and env['EMBER_SERIAL'] == 'test'
    assert run.boot_env('wall', EMBER_MODULES='ktest')['EMBER_MODULES'] == 'ktest'


def test_targets_are_judged_and_the_misses_named():
    ember, linux = summaries(EMBER_CONSOLE, LINUX_CONSOLE)
    ember.kernel.append(report.KernelFigure('kernel_size', 4680, 'lines', ''))
    text, _ = report.render_report('icount', [], ember, linux)
    assert 'geometric mean <= 2.0: 1.26 met' in text
    assert 'no metric worse than 5x: met' in text
    assert re.search(r'boot to the shell prompt .*: 300000000 vs 6000000000 \(0\.050\), met', text)
    assert 'kernel under 12,000 lines: 4680, met' in text
    slow = EMBER_CONSOLE.replace('680 ticks', '3400 ticks')  # 10x Linux's null_syscall
    ember, linux = summaries(slow, LINUX_CONSOLE)
    text, _ = report.render_report('icount', [], ember, linux)
    assert 'geometric mean <= 2.0: 2.15 missed by 1.08x' in text
    assert 'no metric worse than 5x: missed: null_syscall 10.00' in text


def test_the_ipc_figure_is_printed_beside_its_target_and_sel4():
    console = EMBER_CONSOLE.replace(
        'BENCH-KERNEL ipc_call_reply 420 ticks seL4: 300 cycles',
        'BENCH-KERNEL ipc_call_reply_address_spaces 490 ticks ref=seL4-x86_64:757-cycles')
    ember, linux = summaries(console, LINUX_CONSOLE)
    text, _ = report.render_report('icount', [], ember, linux)
    assert re.search(r'ipc_call_reply_address_spaces\s+490\s+instr\s+target <= 500 instructions '
                     r'cross-address-space round trip; seL4 x86-64: 375 cycles call, 382 reply',
                     text)


# ---- bench/tbprof.py: instructions by program and function ----

import tbprof  # noqa: E402


def test_the_block_counting_plugin_builds():
    so = tbprof.build_plugin()
    syms = subprocess.run(['nm', '-D', '--defined-only', so], capture_output=True,
                          text=True).stdout
    assert 'qemu_plugin_install' in syms and 'qemu_plugin_version' in syms


def block_at(program, function, runs, insns=5, offset=0):
    """A block as the plugin writes it: the program's bytes at function + offset."""
    i = program.names.index(function)
    vaddr = program.addrs[i] + offset
    return (vaddr, insns, runs, program.bytes_at(vaddr, 32))


def test_blocks_go_to_the_program_whose_bytes_they_are_and_its_function():
    kernel, programs, library = tbprof.load_programs()
    net = next(p for p in programs if p.name == 'net')
    e1000 = next(p for p in programs if p.name == 'e1000')
    blocks = [block_at(net, 'net_chksum', 100), block_at(net, 'net_chksum', 400, 3, 9),
              block_at(e1000, 'main', 7), block_at(kernel, 'ipc_senda', 11, 4),
              (0x401000, 2, 50, bytes(range(32)))]  # nobody's bytes
    by_program, by_function, calls = tbprof.attribute(blocks, kernel, programs)
    assert by_function['net:net_chksum'] == 5 * 100 + 3 * 400
    assert calls['net:net_chksum'] == 100  # only the block at its first byte counts as a call
    assert by_function['e1000:main'] == 5 * 7 and calls['e1000:main'] == 7
    assert by_function['kernel:ipc_senda'] == 4 * 11
    assert by_program['?'] == 2 * 50
    assert sum(by_program.values()) == sum(b[1] * b[2] for b in blocks)


def test_a_library_is_found_where_its_bytes_are():
    kernel, programs, library = tbprof.load_programs()
    assert library is not None, 'lwIP is installed into build/root by the build'
    base = 0x7fff00000000
    fn = library.names.index('tcp_output')
    vaddr = base + library.addrs[fn]
    blocks = [(vaddr + k, 4, 10, library.bytes_at(library.addrs[fn] + k, 32)) for k in (0, 16)]
    _, by_function, _ = tbprof.attribute(blocks, kernel, programs, library)
    assert library.base == base
    assert by_function['lwip:tcp_output'] == 2 * 4 * 10
