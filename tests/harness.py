"""Boot Ember in QEMU (TCG) with the serial console on a pty, and talk to it.

Every machine's whole serial output goes to tests/logs/<test>.log; when a
test fails, conftest.py attaches that log to the report.
"""
import os
import re
import subprocess

import pexpect

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get('EMBER_BUILD', os.path.join(TOP, 'build'))
QEMU_SH = os.path.join(TOP, 'release', 'qemu.sh')
LOGDIR = os.path.join(TOP, 'tests', 'logs')

# QEMU's isa-debug-exit turns the guest's status s into exit code (s << 1) | 1.
EXIT_SUCCESS = 1
EXIT_PANIC = 3


class Machine:
    """One QEMU instance. Use expect()/send*() like pexpect."""

    def __init__(self, mode, arg, extra=(), timeout=60, env=None, log_name='machine'):
        os.makedirs(LOGDIR, exist_ok=True)
        self.log_path = os.path.join(LOGDIR, log_name + '.log')
        self.log = open(self.log_path, 'w', encoding='utf-8', errors='replace')
        full_env = dict(os.environ)
        full_env.update(env or {})
        full_env.setdefault('EMBER_BUILD', BUILD)
        self.child = pexpect.spawn(QEMU_SH, [mode, arg, *extra], env=full_env,
                                   encoding='utf-8', codec_errors='replace',
                                   timeout=timeout, dimensions=(50, 200))
        self.child.logfile_read = self.log
        self.default_timeout = timeout

    def expect(self, pattern, timeout=None):
        """Wait for a regular expression (or list); return the match object."""
        try:
            self.child.expect(pattern, timeout=timeout or self.default_timeout)
        except pexpect.TIMEOUT:
            raise AssertionError(f'timed out waiting for {pattern!r}; tail of the console:\n'
                                 + self.tail()) from None
        except pexpect.EOF:
            raise AssertionError(f'QEMU exited while waiting for {pattern!r}; tail:\n'
                                 + self.tail()) from None
        return self.child.match

    def expect_exact(self, text, timeout=None):
        return self.expect(re.escape(text), timeout)

    def send(self, text):
        self.child.send(text)

    def sendline(self, text=''):
        self.child.send(text + '\r')

    def wait_exit(self, timeout=60):
        """Wait for QEMU to end; return its exit status."""
        try:
            self.child.expect(pexpect.EOF, timeout=timeout)
        except pexpect.TIMEOUT:
            raise AssertionError('QEMU did not exit; tail:\n' + self.tail()) from None
        self.child.close()
        return self.child.exitstatus

    def output(self):
        self.log.flush()
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def tail(self, lines=40):
        return '\n'.join(self.output().splitlines()[-lines:])

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)
        self.log.close()


def make_disk_image(path, size_mib=256):
    subprocess.run([os.path.join(TOP, 'release', 'mkimage.sh'), BUILD, path, str(size_mib)],
                   check=True, capture_output=True)
    return path


def e2fsck(image, offset=1048576):
    """Run e2fsck -fn on the root partition; return (exit code, output)."""
    p = subprocess.run(['e2fsck', '-fn', f'{image}?offset={offset}'],
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr
