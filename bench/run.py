#!/usr/bin/python3
"""Boot Ember and Debian's Linux on the same virtual machine, run the same
benchmark program in each, and print the figures side by side.

Both systems boot through release/qemu.sh, the one definition of the machine
(same -machine, -cpu, -m, -smp, accelerator and devices), with the same
benchmark disk attached the same way: a fresh ext2 image made with
mke2fs before every boot, as the first virtio disk. Ember boots its kernel
with "qemuexit bench=MODE run=/bin/bench-boot"; its init runs that script
(bench-boot), which runs /bin/bench on the disk mounted at /mnt, then halts.
Linux boots /boot/vmlinuz-* with an initramfs made here
(linux/mkinitramfs.py) whose init does the same.

Ember's kernel figures come from one more boot per clock: the kernel with
the in-OS test ktest as its only module, in its "bench" mode, which prints
BENCH-KERNEL lines (IPC round trips, kernel calls). The kernel's size, in
code lines of kernel/, is counted here on the host.

Each clock is one pass: "icount" boots each system once under
EMBER_ICOUNT=1 (deterministic instruction counts), "wall" boots each
several times in plain TCG with -mem-prealloc and takes medians. A system
that prints no "BENCH done" before the timeout, exits early, or says
"not supported" gets its column shown as n/a with the reason; Ember does
not retry after a failed boot. report.py turns the console logs into the
tables, the CSV and the chart written to bench/results/.
"""
import argparse
import datetime
import glob
import os
import queue
import shlex
import socket
import struct
import subprocess
import sys
import threading
import time

import report

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
BUILD = os.environ.get('EMBER_BUILD', os.path.join(TOP, 'build'))
WORK = os.path.join(BUILD, 'bench')
QEMU_SH = os.path.join(TOP, 'release', 'qemu.sh')
DISK_SIZE = '256M'
LINUX_CMDLINE = 'console=ttyS0 quiet panic=-1'
EMBER_CMDLINE = 'qemuexit run=/bin/bench-boot'
KTEST_MODULES = '{build}/bin/ktest bench halt @heap=8M'
EXIT_GRACE = 60  # seconds a system may take to power off after "BENCH done"
# QEMU's user network (both systems get the default NIC with it) shows the
# host's 127.0.0.1 to the guest as 10.0.2.2.
GUEST_HOST_ADDRESS = '10.0.2.2'


class HostPeer:
    """The host's end of tcp_host_rtt and tcp_host_bulk (bench/net.c): a
    TCP server on 127.0.0.1 at a port the host picks, one thread per
    connection. The client's first byte picks the service: 'e' echoes every
    byte back; 'b' and an eight-byte big-endian count N swallow the stream
    and answer one byte after every N bytes."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    @staticmethod
    def _read_exactly(conn, n):
        data = b''
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _serve(self, conn):
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            mode = self._read_exactly(conn, 1)
            if mode == b'e':
                while (byte := conn.recv(1)):
                    conn.sendall(byte)
            elif mode == b'b':
                header = self._read_exactly(conn, 8)
                interval = struct.unpack('>Q', header)[0] if header else 0
                received = 0
                while interval and (chunk := conn.recv(1 << 16)):
                    received += len(chunk)
                    while received >= interval:
                        received -= interval
                        conn.sendall(b'a')
        except OSError:
            pass
        finally:
            conn.close()

    def guest_address(self):
        return f'{GUEST_HOST_ADDRESS}:{self.port}'


def parse_args():
    p = argparse.ArgumentParser(description='Ember vs Linux on the same QEMU machine')
    p.add_argument('--quick', action='store_true', help='bench=quick: few repetitions')
    p.add_argument('--boots', type=int, default=3, help='wall-time boots per system')
    p.add_argument('--clocks', default='icount,wall', help='icount, wall or both')
    p.add_argument('--systems', default='ember,linux', help='which systems to boot')
    p.add_argument('--kernel', default=None, help='Linux kernel (default: newest /boot/vmlinuz-*)')
    p.add_argument('--timeout', type=float, default=None,
                   help='seconds a boot may take (default 1200, quick 300)')
    p.add_argument('--idle-timeout', type=float, default=None,
                   help='seconds without console output before giving up (default 300, quick 120)')
    p.add_argument('--start-timeout', type=float, default=None,
                   help='seconds from boot to the first BENCH line (default 180, quick 90)')
    p.add_argument('--results', default=os.path.join(HERE, 'results'))
    args = p.parse_args()
    args.timeout = args.timeout or (300 if args.quick else 1200)
    args.idle_timeout = args.idle_timeout or (120 if args.quick else 300)
    args.start_timeout = args.start_timeout or (90 if args.quick else 180)
    args.clocks = [c for c in args.clocks.split(',') if c]
    args.systems = [s for s in args.systems.split(',') if s]
    for c in args.clocks:
        if c not in report.CLOCK_TITLES:
            p.error(f'unknown clock {c}')
    return args


def newest_kernel():
    kernels = sorted(glob.glob('/boot/vmlinuz-*'), key=os.path.getmtime)
    if not kernels:
        sys.exit('run.py: no /boot/vmlinuz-*: install linux-image-amd64')
    return kernels[-1]


def make_initramfs(kernel):
    out = os.path.join(WORK, 'initramfs.cpio')
    subprocess.run([sys.executable, os.path.join(HERE, 'linux', 'mkinitramfs.py'),
                    '--kernel', kernel, '--bin', os.path.join(WORK, 'linux'), '--out', out],
                   check=True)
    return out


def make_disk(system):
    """A fresh, empty ext2 benchmark disk (4 KiB blocks) for one boot."""
    path = os.path.join(WORK, f'disk-{system}.img')
    if os.path.exists(path):
        os.unlink(path)
    subprocess.run(['truncate', '-s', DISK_SIZE, path], check=True)
    subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext2', '-b', '4096', '-L', 'bench', path],
                   check=True)
    return path


def qemu_version():
    out = subprocess.run(['qemu-system-x86_64', '--version'], capture_output=True, text=True)
    return out.stdout.splitlines()[0] if out.stdout else 'unknown'


class Console:
    """A QEMU process started through qemu.sh, its console read line by line."""

    def __init__(self, argv, env, log_path):
        self.log = open(log_path, 'w', encoding='utf-8', errors='replace')
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines = queue.Queue()
        self.qemu_argv = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            self.lines.put(raw.decode('utf-8', 'replace').replace('\r', '').rstrip('\n'))
        self.lines.put(None)

    def note_command_line(self):
        """qemu.sh execs QEMU in the same process: read QEMU's argv from /proc."""
        if self.qemu_argv:
            return
        try:
            with open(f'/proc/{self.proc.pid}/cmdline', 'rb') as f:
                argv = [a.decode() for a in f.read().split(b'\0') if a]
        except OSError:
            return
        if argv and 'qemu-system' in os.path.basename(argv[0]):
            self.qemu_argv = argv

    def next_line(self, timeout):
        """The next line, None at the end of output, or TimeoutError."""
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None

    def write(self, line):
        self.log.write(line + '\n')
        self.log.flush()

    def logged_lines(self, seconds):
        """Each console line, logged, until the output ends or seconds pass."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.next_line(timeout=1.0)
            except TimeoutError:
                continue
            if line is None:
                return
            self.write(line)
            yield line

    def stop(self):
        """End QEMU if it is still running; return its exit status."""
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        return self.proc.returncode


def watch(console, args):
    """Feed console lines to a Boot until QEMU exits, fails or times out.

    After "BENCH done" the system gets EXIT_GRACE seconds to power off."""
    boot = report.Boot()
    start = last_output = time.monotonic()
    deadline = start + args.timeout
    started = False  # a BENCH line has been seen
    while True:
        console.note_command_line()
        now = time.monotonic()
        if now >= deadline:
            if not boot.done:
                boot.problem = f'no "BENCH done" within {args.timeout:.0f} s'
            return boot
        if not started and now - start > args.start_timeout:
            boot.problem = f'the benchmark did not start within {args.start_timeout:.0f} s'
            return boot
        if now - last_output > args.idle_timeout and not boot.done:
            boot.problem = f'no console output for {args.idle_timeout:.0f} s'
            return boot
        try:
            line = console.next_line(timeout=min(deadline - now, 1.0))
        except TimeoutError:
            continue
        if line is None:
            return boot
        last_output = time.monotonic()
        console.write(line)
        started = started or line.startswith('BENCH')
        was_done = boot.done
        report.parse_line(boot, line.strip())
        if boot.done and not was_done:
            deadline = min(deadline, last_output + EXIT_GRACE)
        if boot.unsupported and not boot.done:
            boot.problem = boot.unsupported
            return boot


def boot_env(clock, **extra):
    """qemu.sh's environment for a boot. EMBER_MODULES and EMBER_MEM come
    from here only: one left over in the caller's environment would boot
    other modules (a lone test program instead of the system) or another
    machine than the baseline's."""
    env = {k: v for k, v in os.environ.items() if k not in ('EMBER_MODULES', 'EMBER_MEM')}
    env.update(EMBER_BUILD=BUILD, EMBER_SERIAL='test',
               EMBER_ICOUNT='1' if clock == 'icount' else '0', **extra)
    return env


def boot_one_metric(metric, clock, quick, log_name, qemu_args=()):
    """Boot Ember to run one metric alone (bench_metric=), as a full boot
    would: a fresh benchmark disk and the host's TCP peer. For the tools
    that watch one metric (profile.py, tbprof.py). Returns the console,
    its log's path and the peer (keep it: it serves the guest)."""
    peer = HostPeer()
    os.makedirs(os.path.join(WORK, 'logs'), exist_ok=True)
    disk = make_disk('ember')
    cmdline = (f'{EMBER_CMDLINE} bench={"quick" if quick else "full"} '
               f'bench_host={peer.guest_address()} bench_metric={metric}')
    log_path = os.path.join(WORK, 'logs', log_name)
    console = Console([QEMU_SH, 'kernel', cmdline, '-drive', f'file={disk},format=raw,if=virtio',
                       *qemu_args], boot_env(clock), log_path)
    return console, log_path, peer


def boot_once(system, clock, index, args, kernel, initrd):
    """Boot one system once; return the parsed Boot and QEMU's command line."""
    mode = f'bench={"quick" if args.quick else "full"} bench_host={args.peer.guest_address()}'
    disk = make_disk(system)
    extra = ['-drive', f'file={disk},format=raw,if=virtio']
    if clock == 'wall':
        extra.append('-mem-prealloc')
    if system == 'linux':
        argv = [QEMU_SH, 'linux', kernel, initrd, f'{LINUX_CMDLINE} {mode}'] + extra
    else:
        argv = [QEMU_SH, 'kernel', f'{EMBER_CMDLINE} {mode}'] + extra
    env = boot_env(clock)
    log_path = os.path.join(WORK, 'logs', f'{clock}-{system}-{index}.log')
    console = Console(argv, env, log_path)
    boot = watch(console, args)
    status = console.stop()
    if not boot.done and not boot.problem:
        boot.problem = f'QEMU exited (status {status}) without "BENCH done"'
        if boot.errors:
            boot.problem += ': ' + '; '.join(boot.errors)
    print(f'  {clock} {system} boot {index + 1}: '
          + ('done' if boot.done else f'n/a: {boot.problem}') + f'  (log {log_path})',
          flush=True)
    return boot, console.qemu_argv or argv


def run_system(system, clock, args, kernel, initrd):
    """The boots of one system in one clock: one under icount, --boots in wall time."""
    if system == 'ember' and not os.path.exists(os.path.join(BUILD, 'kernel', 'kernel')):
        return [report.Boot(problem='build/kernel/kernel is not built')], None
    boots, command = [], None
    for i in range(1 if clock == 'icount' else args.boots):
        boot, command = boot_once(system, clock, i, args, kernel, initrd)
        boots.append(boot)
        if not boot.done and system == 'ember':
            break
    return boots, command


def kernel_figures(clock, args):
    """Ember's kernel figures: a ktest boot's BENCH-KERNEL lines, and the line count."""
    figures = []
    if os.path.exists(os.path.join(BUILD, 'bin', 'ktest')):
        env = boot_env(clock, EMBER_MODULES=KTEST_MODULES.format(build=BUILD))
        log_path = os.path.join(WORK, 'logs', f'{clock}-ember-kernel.log')
        console = Console([QEMU_SH, 'kernel', 'qemuexit'], env, log_path)
        boot = report.Boot()
        for line in console.logged_lines(120):
            report.parse_line(boot, line.strip())
        console.stop()
        hz = next((k.value for k in boot.kernel if k.metric == 'tsc_hz'), None)
        boot.kernel = [k for k in boot.kernel if k.metric != 'tsc_hz']
        figures = report.kernel_figures([boot], clock, hz)
        print(f'  {clock} ember kernel (ktest bench): {len(figures)} figures  (log {log_path})',
              flush=True)
    lines = report.kernel_line_count(os.path.join(TOP, 'kernel'))
    figures.append(report.KernelFigure('kernel_size', lines, 'lines',
                                       'code lines (not blank, not only comments) of kernel/'))
    return figures


def absent(system):
    return [report.Boot(problem=f'{system} not run (--systems)')], None


def run_clock(clock, args, kernel, initrd, stamp):
    print(f'bench: {clock} clock', flush=True)
    boots, commands = {}, {}
    for system in ('ember', 'linux'):
        if system in args.systems:
            boots[system], commands[system] = run_system(system, clock, args, kernel, initrd)
        else:
            boots[system], commands[system] = absent(system)
    linux_hz = next((b.tsc_hz for b in boots['linux'] if b.tsc_hz), None)
    ember_hz = next((b.tsc_hz for b in boots['ember'] if b.tsc_hz), None)
    ember = report.summarize(boots['ember'], clock, fallback_hz=linux_hz)
    if 'ember' in args.systems:
        ember.kernel += kernel_figures(clock, args)
    linux = report.summarize(boots['linux'], clock, fallback_hz=ember_hz)
    meta = [('date', stamp.strftime('%Y-%m-%d %H:%M:%S')),
            ('QEMU', qemu_version()),
            ('mode', 'quick' if args.quick else 'full'),
            ('boots', f'Ember {ember.boots}, Linux {linux.boots}'),
            ('Linux kernel', kernel),
            ('TSC (calibrated)', f'Ember {format_hz(ember_hz)}, Linux {format_hz(linux_hz)}')]
    for system in ('ember', 'linux'):
        cmd = commands[system]
        meta.append((f'{system} QEMU command line', shlex.join(cmd) if cmd else 'not booted'))
    text, rows = report.render_report(clock, meta, ember, linux)
    print(text, flush=True)
    write_results(clock, text, rows, stamp, args)


def format_hz(hz):
    return f'{hz / 1e6:.1f} MHz' if hz else 'n/a'


def write_results(clock, text, rows, stamp, args):
    os.makedirs(args.results, exist_ok=True)
    base = os.path.join(args.results, f'{stamp.strftime("%Y-%m-%d-%H%M")}-{clock}')
    with open(base + '.txt', 'w', encoding='utf-8') as f:
        f.write(text)
    with open(base + '.csv', 'w', encoding='utf-8') as f:
        f.write(report.render_csv(clock, rows))
    gm = report.geometric_mean([r.ratio for r in rows])
    title = (f'Ember / Linux, {clock} clock, {stamp.strftime("%Y-%m-%d %H:%M")}, '
             f'geometric mean {report.format_ratio(gm)}')
    try:
        plotted = report.plot_ratios(rows, base + '.png', title)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f'bench: no chart: gnuplot failed: {e}')
        plotted = False
    if not plotted:
        print('bench: no chart: no metric has figures from both systems')
    print(f'bench: wrote {base}.txt, .csv' + (', .png' if plotted else ''), flush=True)


def main():
    args = parse_args()
    args.peer = HostPeer()
    os.makedirs(os.path.join(WORK, 'logs'), exist_ok=True)
    kernel = args.kernel or newest_kernel()
    initrd = make_initramfs(kernel) if 'linux' in args.systems else None
    stamp = datetime.datetime.now()
    for clock in args.clocks:
        run_clock(clock, args, kernel, initrd, stamp)


if __name__ == '__main__':
    main()
