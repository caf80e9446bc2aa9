"""Helpers for system tests that work in Ember the way a user does: a root
file system of the test's own, booted as the ramdisk, and a shell on the
serial console.

    root = session.make_root(directory, customize=add_my_files)
    m = root.boot(boot)                 # boot: the conftest fixture
    sh = session.log_in_to_shell(m, 'user', None)
    assert sh.run('echo hi') == 'hi\\n'

A test's root is staged by release/mkroot.sh like the release's, so it
holds the commands and the in-OS tests (/usr/tests); customize(stage) may
add or change files before mke2fs writes the image, and debugfs commands
(for owners, which the stage cannot set without root rights) run after.
"""
import os
import re
import subprocess

import harness

DEFAULT_RAMDISK_MIB = 64


class Image:
    """A root ramdisk in a directory of its own, and how to boot it."""

    def __init__(self, directory, has_shell):
        self.directory = directory
        self.has_shell = has_shell
        self.ramdisk = os.path.join(directory, 'ramdisk')
        modules = []
        with open(os.path.join(harness.TOP, 'release', 'bootlist')) as f:
            for line in f:
                line = line.split('#')[0].strip()
                if not line:
                    continue
                name, _, args = line.partition(' ')
                path = self.ramdisk if name == 'ramdisk' else os.path.join(harness.BUILD, name)
                modules.append(path + (' ' + args if args else ''))
        self.modules = ','.join(modules)

    def boot(self, boot, cmdline='qemuexit', timeout=120, extra=()):
        return boot('kernel', cmdline, extra, timeout=timeout,
                    env={'EMBER_MODULES': self.modules})


def make_root(directory, size_mib=DEFAULT_RAMDISK_MIB, customize=None, debugfs=(),
              label='ember-test'):
    """Stage the root in DIRECTORY/stage, write DIRECTORY/ramdisk; an Image.

    customize(stage) runs before the image is written; debugfs is a list of
    debugfs commands (e.g. 'set_inode_field /home/user uid 1000') run on it.
    """
    directory = str(directory)
    stage = os.path.join(directory, 'stage')
    ramdisk = os.path.join(directory, 'ramdisk')
    subprocess.run([os.path.join(harness.TOP, 'release', 'mkroot.sh'), harness.BUILD, stage],
                   check=True)
    has_shell = os.access(os.path.join(stage, 'bin', 'sh'), os.X_OK)
    if customize:
        customize(stage)
    subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext2', '-b', '1024', '-L', label,
                    '-O', '^dir_index,^resize_inode,^ext_attr', '-E', 'root_owner=0:0',
                    '-d', stage, ramdisk, f'{size_mib}M'], check=True)
    if debugfs:
        subprocess.run(['debugfs', '-w', '-f', '-', ramdisk], check=True, capture_output=True,
                       input=''.join(c + '\n' for c in debugfs), text=True)
    subprocess.run([os.path.join(harness.TOP, 'release', 'mkdevs.sh'), ramdisk], check=True)
    subprocess.run([os.path.join(harness.TOP, 'release', 'mkowners.sh'), ramdisk, stage],
                   check=True)
    return Image(directory, has_shell)


def home_for(stage, path, uid, gid):
    """Make a home directory in the stage; the debugfs commands that own it."""
    os.makedirs(os.path.join(stage, path.lstrip('/')), exist_ok=True)
    return [f'set_inode_field {path} uid {uid}', f'set_inode_field {path} gid {gid}']


class Shell:
    """A shell on the console: run() types a command line and returns its output."""

    def __init__(self, machine):
        self.m = machine
        self.count = 0

    def run(self, command, timeout=60):
        self.count += 1
        # The markers are typed split by quotes, so only the output matches them.
        start, end = f'<<{self.count}', f'>>{self.count}'
        sep = ' ' if command.rstrip().endswith('&') else '; '  # "cmd &; x" is an error
        self.m.sendline(f"echo '{start[:2]}''{start[2:]}'; {command}{sep}"
                        f"echo '{end[:2]}''{end[2:]}'")
        found = self.m.expect(r'(?s)' + re.escape(start) + r'\r*\n(.*?)' + re.escape(end),
                              timeout)
        return found.group(1).replace('\r', '')

    def last_status(self):
        """$? of the command line typed before (run() itself would change it)."""
        self.count += 1
        marker = f'<<{self.count}'
        self.m.sendline(f"echo '{marker[:2]}''{marker[2:]}' $?")
        return int(self.m.expect(re.escape(marker) + r' (\d+)\r*\n').group(1))

    def status(self, command, timeout=60):
        """Run command; its output and its exit status."""
        out = self.run(f'{command}; echo "[status $?]"', timeout)
        found = re.search(r'\[status (\d+)\]\n$', out)
        assert found, out
        return out[:found.start()], int(found.group(1))


def log_in(m, user, password):
    m.expect(r'login: ')
    m.sendline(user)
    if password is not None:
        m.expect(r'Password: ')
        m.sendline(password)


def log_in_to_shell(m, user, password):
    log_in(m, user, password)
    m.expect(r'Welcome to Ember')
    return Shell(m)


def run_program(image, boot, argv, timeout=120):
    """Boot with run=ARGV; return the console output once the machine halted."""
    m = image.boot(boot, 'qemuexit run=' + ','.join(argv), timeout=timeout)
    m.expect(re.escape(f'init: {argv[0]} exited with status 0'))
    assert m.wait_exit() == harness.EXIT_SUCCESS
    return m.output().replace('\r', '')


def run_to_exit(image, boot, argv, timeout):
    """Boot with run=ARGV; the console output once ARGV[0] has exited (any status)."""
    m = image.boot(boot, 'qemuexit run=' + ','.join(argv), timeout=timeout)
    m.expect(r'init: ' + re.escape(argv[0]) + r' exited with status \d+')
    return m.output().replace('\r', '')


def type_line(m, line, prompt=r'[$#] '):
    """Type a command line; return once the shell's line editor has taken it
    (after its prompt: what the terminal echoes of keys typed ahead does not
    count), so the command is starting."""
    m.sendline(line)
    m.expect(prompt + r'(?:\x1b\[K)?' + re.escape(line) + r'\r*\n')


def send_key_until(m, key, pattern, tries=10, wait=5):
    """Press key (e.g. ^Z, ^C) until pattern shows; the match.

    A key the terminal turns into a signal acts only once the job has the
    terminal; pressed before that, the shell's group gets the signal and
    ignores it, so the key is pressed again.
    """
    for _ in range(tries - 1):
        m.send(key)
        try:
            return m.expect(pattern, timeout=wait)
        except AssertionError:
            continue
    m.send(key)
    return m.expect(pattern, timeout=wait)


def poll(sh, command, pattern, tries=20):
    """Run command until its output matches pattern (a state another process
    reaches in its own time); the last output, which the caller checks."""
    out = ''
    for _ in range(tries):
        out = sh.run(command)
        if re.search(pattern, out, re.M):
            break
        sh.run('sleep 1')
    return out
