"""ds, the memory driver and the tty driver, tested in the OS by devtest.

devtest (tests/os/devtest/) plays vfs's part before vfs exists: it sends the
drivers CDEV and BDEV requests and prints one line per case, then
"devtest: N passed, N failed", and halts. Cases that need a typist print
"devtest: type WHAT"; this test types the answer on the serial console (or,
for the VGA console's keyboard, sends the keys through a QEMU monitor).
The boot image and the choice of slots are explained in devtest's main.c.
"""
import os
import re
import socket
import time

import harness

DEFAULT_CASES = 40  # every case but console_keyboard

TTY_ARGS = '@io=3f8:8 @io=60:1 @io=64:1 @io=3d4:2 @irq=4 @irq=1'

# What to type on the serial line for each prompt, and the echo it must draw
# ('': none at all; None: not checked here).
TYPING = {
    'line': ('hello\r', 'hello\r\n'),
    'erase': ('abx\x7fc\r', 'abx\b \bc\r\n'),
    'kill': ('junk\x15ok\r', 'junk' + '\b \b' * 4 + 'ok\r\n'),
    'eof': ('ab\x04\x04', 'ab'),
    'raw': ('x', ''),  # echo is off in raw mode
    'rawline': ('yz', ''),
    'intr': ('\x03', '^C'),
    'select': ('sel\r', 'sel\r\n'),
    'stop': ('\x13go\r', None),  # ^S: the echo waits for ^Q
    'start': ('\x11', 'go\r\n'),  # ^Q: the held echo, then the write
}

# Keys for the VGA console, as QEMU's sendkey names them.
KEYS = {
    'keys': ['h', 'i', 'x', 'backspace', 'shift-a', 'ret'],
    'arrow': ['up'],
}

PROMPT_OR_SUMMARY = r'devtest: (?:type (\w+)\r*\n|(\d+) passed, (\d+) failed)'


def make_ramdisk(directory):
    """1 MiB whose byte i is i % 251; the module's name must be 'ramdisk'."""
    path = os.path.join(directory, 'ramdisk')
    with open(path, 'wb') as f:
        f.write(bytes(i % 251 for i in range(1 << 20)))
    return path


def boot_modules(ramdisk, devtest_args):
    b = os.path.join(harness.BUILD, 'bin')
    return ','.join([
        f'{b}/ds',
        f'{b}/memory',
        f'{b}/devtest pm',
        f'{b}/tty {TTY_ARGS}',
        f'{b}/devtest {devtest_args}',
        f'{ramdisk} @data',
    ])


class Monitor:
    """QEMU's human monitor on a Unix socket, for sendkey."""

    def __init__(self, path):
        for _ in range(100):
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                time.sleep(0.1)
        else:
            raise AssertionError('no QEMU monitor at ' + path)
        self.sock.settimeout(10)
        self._read_prompt()

    def _read_prompt(self):
        data = b''
        while not data.endswith(b'(qemu) '):
            chunk = self.sock.recv(4096)
            if not chunk:
                raise AssertionError('QEMU monitor closed')
            data += chunk

    def sendkey(self, key):
        self.sock.sendall(f'sendkey {key}\n'.encode())
        self._read_prompt()
        time.sleep(0.15)  # the key's release

    def close(self):
        self.sock.close()


def run_devtest(boot, tmp_path, devtest_args, monitor_path=None):
    """Boot, answer the prompts, return (machine, passed, failed, status, prompts)."""
    extra = []
    if monitor_path:
        extra = ['-monitor', f'unix:{monitor_path},server=on,wait=off']
    mods = boot_modules(make_ramdisk(str(tmp_path)), devtest_args)
    m = boot('kernel', 'qemuexit', extra=extra, env={'EMBER_MODULES': mods}, timeout=120)
    monitor = Monitor(monitor_path) if monitor_path else None
    prompts = []
    try:
        while True:
            found = m.expect(PROMPT_OR_SUMMARY)
            what = found.group(1)
            if what is None:
                passed, failed = int(found.group(2)), int(found.group(3))
                break
            prompts.append(what)
            if what in TYPING:
                m.send(TYPING[what][0])
            elif what in KEYS and monitor:
                for key in KEYS[what]:
                    monitor.sendkey(key)
            else:
                raise AssertionError(f'devtest asked for {what!r}; tail:\n' + m.tail())
    finally:
        if monitor:
            monitor.close()
    status = m.wait_exit(timeout=60)
    return m, passed, failed, status, prompts


def serial_bytes(m):
    """What the guest sent on the serial line: the log as written, with the
    pty's own ONLCR (each LF became CR LF) undone."""
    m.output()  # flushes the log
    with open(m.log_path, encoding='utf-8', errors='replace', newline='') as f:
        return f.read().replace('\r\n', '\n')


def failures(out):
    return [l for l in out.splitlines() if 'FAIL' in l or re.match(r'\s+t_\w+\.c:', l)]


def test_ds_memory_and_tty_in_the_os(boot, tmp_path):
    m, passed, failed, status, prompts = run_devtest(boot, tmp_path, 'halt')
    out = m.output()
    assert failed == 0, failures(out)
    assert passed == DEFAULT_CASES
    assert status == harness.EXIT_SUCCESS
    assert prompts == ['line', 'erase', 'kill', 'eof', 'raw', 'rawline', 'intr', 'select', 'stop',
                       'start']
    # The drivers started and said so; the write went out with ONLCR.
    out = serial_bytes(m)
    assert 'memory: ready; random seeded from' in out
    assert 'tty: ready, console ttyS0' in out
    assert 'cannot start' not in out
    assert 'devtest: written through the tty driver\r\n' in out
    assert 'devtest: a background write, let through\r\n' in out
    assert out.count('held back by ^S, let go by ^Q') == 40
    # Each typed line was echoed as the line discipline edits it.
    for what, (_, echo) in TYPING.items():
        if echo is None:
            continue
        after = out.split(f'devtest: type {what}', 1)[1]
        drawn = after.split('devtest: ', 1)[0]
        assert echo in drawn if echo else drawn.strip() == '', (what, after[:200])


def test_a_tty_case_runs_alone(boot, tmp_path):
    m, passed, failed, status, prompts = run_devtest(boot, tmp_path,
                                                     'tty_job_control tty_vtime_timeout halt')
    assert (passed, failed) == (2, 0), failures(m.output())
    assert 'devtest: ds_publish_lookup' not in m.output()
    assert status == harness.EXIT_SUCCESS


def test_vga_console_and_keyboard(boot, tmp_path):
    monitor = os.path.join(str(tmp_path), 'monitor.sock')
    m, passed, failed, status, prompts = run_devtest(
        boot, tmp_path, 'console_output console_scrolling console_keyboard halt', monitor)
    assert failed == 0, failures(m.output())
    assert passed == 3
    assert prompts == ['keys', 'arrow']
    assert status == harness.EXIT_SUCCESS
