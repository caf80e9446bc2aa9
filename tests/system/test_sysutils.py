"""The commands that are Ember's own (ps, uptime, free, df, mount, umount, login,
getty, passwd, su, shutdown, hostname, top, service), run inside the OS.

The tests boot a root ramdisk of their own: the usual root (release/mkroot.sh)
plus two accounts with known passwords, root ('rootpw') and tester ('secret',
uid 1001, home /home/tester), hashed on the host by lib/libcrypt itself. Tests
that need a shell (su, passwd, the in-OS scripts tests/utils/<name>.sh) skip
while /bin/sh is not part of the root; without it tester's login shell is
/bin/id, which shows who login made us.

The password hash is also checked on the host against OpenSSL's SHA-256 crypt.
"""
import os
import re
import shutil
import subprocess
import time

import pytest

import harness
import session
from session import Shell, log_in, log_in_to_shell, run_program

LIBCRYPT = os.path.join(harness.TOP, 'lib', 'libcrypt')
UTILS = os.path.join(harness.TOP, 'tests', 'utils')
RAMDISK_MIB = 64
TESTER_UID, TESTER_GID = 1001, 100
SCRIPTS = ['ps', 'uptime', 'free', 'df', 'hostname', 'mount', 'service', 'top']

# Hash a password with lib/libcrypt on the host: pwhash KEY SETTING.
HASHER_C = r'''
#include <stdio.h>
#include "pwhash.h"
int main(int argc, char **argv)
{
    char out[PWHASH_MAX];
    if (argc != 3 || pwhash(argv[1], argv[2], out, sizeof(out)) < 0)
        return 1;
    printf("%s\n", out);
    return 0;
}
'''

# Change one field of an account file with lib/libcrypt on the host:
# update FILE NAME FIELD VALUE [TEMPLATE]; prints the error's name on failure.
UPDATER_C = r'''
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shadow.h"
int main(int argc, char **argv)
{
    const char *values[9] = { 0 };
    int field = atoi(argv[3]);
    values[field] = argv[4];
    if (account_update(argv[1], argv[2], values, field + 1, argc > 5 ? argv[5] : NULL, 0600) == 0)
        return 0;
    printf("%s\n", errno == EBUSY ? "EBUSY" : errno == ENOENT ? "ENOENT" :
                    errno == EINVAL ? "EINVAL" : strerror(errno));
    return 1;
}
'''


def compile_with_libcrypt(directory, name, text, sources):
    src, exe = directory / (name + '.c'), directory / name
    src.write_text(text)
    subprocess.run(['gcc', '-std=gnu17', '-Wall', '-Wextra', '-Werror', '-I', LIBCRYPT, '-o',
                    str(exe), str(src)] + [os.path.join(LIBCRYPT, s) for s in sources],
                   check=True)
    return str(exe)


@pytest.fixture(scope='module')
def hasher(tmp_path_factory):
    exe = compile_with_libcrypt(tmp_path_factory.mktemp('pwhash'), 'pwhash', HASHER_C,
                                ['sha256.c', 'pwhash.c'])

    def hash_password(key, setting):
        return subprocess.run([exe, key, setting], check=True, capture_output=True,
                              text=True).stdout.strip()
    return hash_password


def add_accounts(stage, hash_password, has_shell):
    etc = os.path.join(stage, 'etc')
    shell = '/bin/sh' if has_shell else '/bin/id'
    with open(os.path.join(etc, 'passwd'), 'a') as f:
        f.write(f'tester:x:{TESTER_UID}:{TESTER_GID}:Test user:/home/tester:{shell}\n')
    shadow = os.path.join(etc, 'shadow')
    kept = []
    if os.path.exists(shadow):
        with open(shadow) as f:
            kept = [line for line in f if not line.startswith(('root:', 'tester:'))]
    with open(shadow, 'w') as f:
        f.writelines(kept)
        f.write(f'root:{hash_password("rootpw", "$5$rootsalt")}:19000:0:99999:7:::\n')
        f.write(f'tester:{hash_password("secret", "$5$testsalt")}:19000:0:99999:7:::\n')
    os.chmod(shadow, 0o600)
    os.makedirs(os.path.join(stage, 'home', 'tester'), exist_ok=True)


@pytest.fixture(scope='module')
def image(tmp_path_factory, hasher):
    accounts = {}

    def customize(stage):
        accounts['has_shell'] = os.access(os.path.join(stage, 'bin', 'sh'), os.X_OK)
        add_accounts(stage, hasher, accounts['has_shell'])

    return session.make_root(tmp_path_factory.mktemp('sysutils'), RAMDISK_MIB, customize,
                             [f'set_inode_field /home/tester uid {TESTER_UID}',
                              f'set_inode_field /home/tester gid {TESTER_GID}'])


def need_shell(image):
    if not image.has_shell:
        pytest.skip('no /bin/sh in the root yet (commands/sh is not built for Ember)')


# ---- the password hash, on the host ---------------------------------------------

def test_password_hash_matches_the_reference_vectors(hasher):
    # The examples of the SHA-256 crypt specification.
    assert hasher('Hello world!', '$5$saltstring') == \
        '$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5'
    assert hasher('Hello world!', '$5$rounds=10000$saltstringsaltstring') == \
        '$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA'
    # A stored hash works as the setting: its own hash comes back.
    h = hasher('secret', '$5$abc')
    assert hasher('secret', h) == h and hasher('Secret', h) != h


def test_password_hash_agrees_with_openssl(hasher):
    openssl = shutil.which('openssl')
    if not openssl:
        pytest.skip('no openssl on the host')
    for key in ['a', 'secret', 'x' * 33, 'p' * 100, 'with space:colon']:
        for salt in ['s', 'saltstring', '0123456789abcdef', 'ab./XY']:
            want = subprocess.run([openssl, 'passwd', '-5', '-salt', salt, key], check=True,
                                  capture_output=True, text=True).stdout.strip()
            assert hasher(key, f'$5${salt}') == want, (key, salt)


def test_account_files_change_one_line_atomically(tmp_path):
    update = compile_with_libcrypt(tmp_path, 'update', UPDATER_C, ['shadow.c'])
    shadow = tmp_path / 'shadow'
    shadow.write_text('root:old:5:0:99999:7:::\nuser:*:1:0:99999:7:::\n# kept as it is\n')
    os.chmod(shadow, 0o640)

    def run(*args):
        p = subprocess.run([update, str(shadow)] + list(args), capture_output=True, text=True)
        return p.returncode, p.stdout.strip()

    assert run('user', '1', '$5$s$hash') == (0, '')
    assert run('user', '2', '20000') == (0, '')
    assert run('new', '1', 'h', '%s:*:0:0') == (0, '')
    assert shadow.read_text() == ('root:old:5:0:99999:7:::\nuser:$5$s$hash:20000:0:99999:7:::\n'
                                  '# kept as it is\nnew:h:0:0\n')
    assert os.stat(shadow).st_mode & 0o777 == 0o640  # the mode stays
    assert not os.path.exists(tmp_path / 'shadow.tmp')
    assert run('nobody', '1', 'x') == (1, 'ENOENT')  # no template: no new line
    assert run('root', '1', 'a:b') == (1, 'EINVAL')  # a ':' would add a field
    (tmp_path / 'shadow.tmp').write_text('')
    assert run('root', '1', 'new') == (1, 'EBUSY')  # another writer holds the lock
    assert 'root:old:' in shadow.read_text()


# ---- information commands, run by init -------------------------------------------

def test_ps_lists_init_and_itself(image, boot):
    out = run_program(image, boot, ['/bin/ps', '-ef'])
    assert re.search(r'^UID +PID +PPID +C +STIME +TTY +TIME +CMD$', out, re.M)
    assert re.search(r'^root +1 +0 +\d+ +\S+ +\S+ +\d\d:\d\d:\d\d init$', out, re.M)
    assert re.search(r'^root +\d+ +1 +\d+ +\S+ +\S+ +\d\d:\d\d:\d\d ps$', out, re.M)
    for server in ['pm', 'vm', 'vfs', 'ext2', 'tty']:
        assert re.search(rf' {server}$', out, re.M), server


def test_uptime_prints_a_sane_line(image, boot):
    out = run_program(image, boot, ['/bin/uptime'])
    assert re.search(r'^ \d\d:\d\d:\d\d up (\d+ min| ?\d+:\d\d), +1 user, +'
                     r'load average: 0\.00, 0\.00, 0\.00$', out, re.M)


def test_free_prints_sane_numbers(image, boot):
    out = run_program(image, boot, ['/bin/free'])
    found = re.search(r'^Mem: +(\d+) +(\d+) +(\d+)$', out, re.M)
    assert found, out
    total, used, free = map(int, found.groups())
    assert 16 * 1024 < total <= 512 * 1024  # KiB of a 512 MiB machine
    assert used + free == total and used > 0
    assert re.search(r'^Swap: +0 +0 +0$', out, re.M)


def test_df_shows_the_root_file_system(image, boot):
    out = run_program(image, boot, ['/bin/df'])
    found = re.search(r'^(\S+) +(\d+) +(\d+) +(\d+) +(\d+)% /$', out, re.M)
    assert found, out
    total, used, avail, pct = map(int, found.groups()[1:])
    assert total == RAMDISK_MIB * 1024
    assert 0 < used and used + avail <= total and 0 < pct <= 100


def test_mount_lists_the_root(image, boot):
    out = run_program(image, boot, ['/bin/mount'])
    assert re.search(r'^\S+ on / type ext2 \(rw\)$', out, re.M)


def test_service_lists_the_boot_services(image, boot):
    m = image.boot(boot, 'qemuexit run=/bin/service,list')
    m.expect(r'init: /bin/service exited with status (\d+)')
    out = m.output().replace('\r', '')
    if 'rs does not support' in out:
        pytest.xfail('rs does not answer RS_LIST yet')
    assert re.search(r'^LABEL +ENDPOINT +PID +RESTARTS +STATE +PERIOD +UP +PATH +LAST$', out,
                     re.M)
    for label in ['ds', 'pm', 'vm', 'vfs', 'tty']:
        assert re.search(rf'^{label} +\d+ +\d+ +\d+ +up ', out, re.M), label


# ---- the clock ---------------------------------------------------------------------

def test_clock_is_set_from_the_rtc(image, boot):
    # QEMU's CMOS clock follows the host's: rtc (started by /etc/rc) reads it at
    # boot and sets the time, so date, and the times of new files, are today's.
    need_shell(image)
    m = image.boot(boot)
    m.expect(r'rtc: (\d{4})-\d\d-\d\d \d\d:\d\d:\d\d UTC')
    sh = log_in_to_shell(m, 'root', 'rootpw')
    host = time.time()
    assert sh.run('date +%Y').strip() == time.strftime('%Y', time.gmtime(host))
    assert abs(int(sh.run('date +%s')) - host) < 24 * 3600
    sh.run('echo x > /tmp/clock; touch /root/clock')
    for path in ['/tmp/clock', '/root/clock']:
        assert abs(int(sh.run(f'stat -c %Y {path}')) - host) < 24 * 3600, path
    listing = sh.run('ls -l /root/clock')
    found = re.search(r' ([A-Z][a-z]{2}) +(\d+) +\d\d:\d\d /root/clock$', listing, re.M)
    assert found, listing
    days = {(time.strftime('%b', t), t.tm_mday) for t in map(time.gmtime, (host - 600, host))}
    assert (found.group(1), int(found.group(2))) in days, listing


# ---- sessions --------------------------------------------------------------------

def test_login_rejects_a_wrong_password_and_accepts_the_right_one(image, boot):
    m = image.boot(boot)
    log_in(m, 'tester', 'wrong')
    m.expect(r'Login incorrect')
    log_in(m, 'no-such-user', 'secret')
    m.expect(r'Login incorrect')
    log_in(m, 'tester', 'secret')
    m.expect(r'Welcome to Ember')  # /etc/motd
    if not image.has_shell:
        m.expect(rf'uid={TESTER_UID}\(tester\) gid={TESTER_GID}\(users\)')
        return
    sh = Shell(m)
    out = sh.run('id -u; id -g; pwd; echo "$HOME $USER $LOGNAME $SHELL $PATH $0"')
    assert out.split('\n')[:4] == [str(TESTER_UID), str(TESTER_GID), '/home/tester',
                                   '/home/tester tester tester /bin/sh /bin:/usr/bin -sh']


def test_login_as_root_needs_roots_password(image, boot):
    need_shell(image)
    m = image.boot(boot)
    log_in(m, 'root', 'secret')
    m.expect(r'Login incorrect')
    sh = log_in_to_shell(m, 'root', 'rootpw')
    assert sh.run('id -u; pwd').split('\n')[:2] == ['0', '/root']


def test_getty_prints_the_banner_and_starts_login(image, boot):
    m = image.boot(boot, 'qemuexit run=/sbin/getty,ttyS0')
    m.expect(r'Ember 0\.1 \(\S+\) \(ttyS0\)')
    log_in(m, 'tester', 'secret')
    if image.has_shell:
        m.expect(r'Welcome to Ember')
        assert Shell(m).run('id -u') == f'{TESTER_UID}\n'
        m.sendline('exit')
    else:
        m.expect(rf'uid={TESTER_UID}\(tester\)')
    m.expect(r'init: /sbin/getty exited with status 0')
    assert m.wait_exit() == harness.EXIT_SUCCESS


def test_su_runs_commands_as_another_user(image, boot):
    need_shell(image)
    m = image.boot(boot)
    sh = log_in_to_shell(m, 'root', 'rootpw')
    out = sh.run("su tester -c 'id -u; echo $HOME $USER'")
    assert out == f'{TESTER_UID}\n/home/tester tester\n'
    assert sh.run("su - tester -c 'pwd; echo $0'") == '/home/tester\n-sh\n'
    assert 'does not exist' in sh.run('su nobody-here -c true 2>&1')
    # An ordinary user cannot become root: no password typed opens the door.
    out = sh.run("su tester -c 'su root -c id </dev/null; echo status $?' 2>&1")
    assert 'uid=0' not in out and 'status 1' in out and 'su: Authentication failure' in out


def test_passwd_changes_a_password(image, boot):
    need_shell(image)
    m = image.boot(boot)
    sh = log_in_to_shell(m, 'root', 'rootpw')
    out = sh.run("printf 'a\\nb\\n' | passwd tester 2>&1; echo status $?")
    assert 'do not match' in out and 'status 1' in out
    out = sh.run("printf 'newpw\\nnewpw\\n' | passwd tester 2>&1; echo status $?")
    assert 'password updated for tester' in out and 'status 0' in out
    assert sh.run("grep -c '^tester:[$]5[$]' /etc/shadow; ls -l /etc/shadow").startswith(
        '1\n-rw------- ')
    assert sh.run('ls /etc/shadow.tmp 2>&1 >/dev/null; echo $?').endswith('1\n')
    m.sendline('exit')
    log_in(m, 'tester', 'secret')
    m.expect(r'Login incorrect')
    sh = log_in_to_shell(m, 'tester', 'newpw')
    assert sh.run('id -u') == f'{TESTER_UID}\n'
    # passwd is set-user-id root: an ordinary user changes their own password.
    assert sh.run('ls -l /bin/passwd').startswith('-rwsr-xr-x ')
    out = sh.run("printf 'newpw\\nthird\\nthird\\n' | passwd 2>&1; echo status $?")
    assert 'password updated for tester' in out and 'status 0' in out
    assert 'Permission denied' in sh.run('cat /etc/shadow 2>&1')
    m.sendline('exit')
    log_in_to_shell(m, 'tester', 'third')


def test_shutdown_halts_the_machine(image, boot):
    m = image.boot(boot, 'qemuexit run=/sbin/shutdown,-h,now')
    m.expect(r'The system is going down for halt NOW!')
    assert m.wait_exit() == harness.EXIT_SUCCESS
    assert 'init: /sbin/shutdown exited' not in m.output()


def test_reboot_from_a_session_is_for_root_alone(image, boot):
    need_shell(image)
    m = image.boot(boot)
    sh = log_in_to_shell(m, 'tester', 'secret')
    assert sh.run('/sbin/reboot 2>&1; echo status $?') == \
        'reboot: only root may reboot the system\nstatus 1\n'
    m.sendline('exit')
    log_in_to_shell(m, 'root', 'rootpw')
    m.sendline('sleep 1000 & shutdown -r now')
    m.expect(r'The system is going down for reboot NOW!')
    m.expect(r'kernel: reboot by pm')
    assert m.wait_exit() == 0  # QEMU runs with -no-reboot: a reset ends it


# ---- the in-OS scripts -------------------------------------------------------------

@pytest.mark.parametrize('name', SCRIPTS)
def test_in_os_script_passes(image, boot, name):
    need_shell(image)
    m = image.boot(boot, f'qemuexit run=/bin/sh,/usr/tests/utils/{name}.sh')
    m.expect(r'init: /bin/sh exited with status \d+')
    lines = [line for line in m.output().replace('\r', '').split('\n')
             if line.startswith(('ok ', 'FAIL '))]
    failures = [line for line in lines if not line.startswith('ok ')]
    assert lines and not failures, '\n'.join(failures)


def test_every_utility_script_passes_in_one_boot(image, boot):
    # tests/utils/run-all runs each tests/utils/*.sh in turn, announcing it with
    # "script NAME"; every script must print ok lines and no FAIL line, and
    # the whole run must end in time (a hang shows as the last script named).
    need_shell(image)
    m = image.boot(boot, 'qemuexit run=/bin/sh,/usr/tests/utils/run-all', timeout=600)
    m.expect(r'run-all: done', timeout=600)
    m.expect(r'init: /bin/sh exited with status 0')
    oks, failures, script = {}, [], None
    for line in m.output().replace('\r', '').split('\n'):
        if line.startswith('script '):
            script = line.split()[1]
            oks[script] = 0
        elif line.startswith('ok ') and script:
            oks[script] += 1
        elif line.startswith('FAIL '):
            failures.append(f'{script}: {line}')
    assert not failures, '\n'.join(failures)
    expected = {name[:-3] for name in os.listdir(UTILS) if name.endswith('.sh')}
    assert set(oks) == expected
    assert not [name for name, n in oks.items() if n == 0]


def test_every_script_is_tested():
    mine = {'ps', 'uptime', 'free', 'df', 'hostname', 'mount', 'service', 'top'}
    assert mine == set(SCRIPTS)
    for name in SCRIPTS:
        assert os.path.exists(os.path.join(UTILS, name + '.sh')), name
