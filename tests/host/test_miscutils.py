"""dd, tee, xargs, env, yes, sleep, which, kill, id, whoami, uname and date
built for the host, in a scratch directory. The helpers are
test_fileutils.py's."""
import grp
import os
import pwd
import re
import signal
import subprocess
import time

from test_fileutils import BIN, ME, MY_GROUP, make_files, run

# ---- dd, tee, xargs, env, yes, which, kill, id, whoami, uname, date ----------

def test_dd_reports_records(tmp_path):
    make_files(tmp_path, {'in': 'abcdefghij'})
    p = run(tmp_path, ['dd', 'if=in', 'of=out', 'bs=4'])
    assert p.stderr == '2+1 records in\n2+1 records out\n10 bytes copied\n'
    assert (tmp_path / 'out').read_text() == 'abcdefghij'
    p = run(tmp_path, ['dd', 'if=in', 'of=out', 'ibs=3', 'obs=4'])
    assert p.stderr == '3+1 records in\n2+1 records out\n10 bytes copied\n'


def test_dd_seek_notrunc_and_truncate(tmp_path):
    make_files(tmp_path, {'out': 'abcdefghij'})
    run(tmp_path, ['dd', 'of=out', 'bs=2', 'seek=1', 'conv=notrunc', 'status=none'], stdin='XY')
    assert (tmp_path / 'out').read_text() == 'abXYefghij'
    run(tmp_path, ['dd', 'of=out', 'bs=2', 'seek=1', 'status=none'], stdin='XY')
    assert (tmp_path / 'out').read_text() == 'abXY'


def test_tee_appends_and_survives_a_bad_file(tmp_path):
    make_files(tmp_path, {'log': 'old\n'})
    p = run(tmp_path, ['tee', '-a', 'log', 'nodir/x', 'new'], stdin='line\n')
    assert (p.stdout, p.returncode) == ('line\n', 1)
    assert p.stderr == 'tee: nodir/x: No such file or directory\n'
    assert (tmp_path / 'log').read_text() == 'old\nline\n'
    assert (tmp_path / 'new').read_text() == 'line\n'


def test_xargs_trace_and_exit_255(tmp_path):
    p = run(tmp_path, ['xargs', '-t', 'echo', 'x'], stdin='a b\n')
    assert (p.stdout, p.stderr) == ('x a b\n', 'echo x a b\n')
    p = run(tmp_path, ['xargs', '-n', '1', 'sh', '-c', 'echo $0; exit 255'], stdin='1 2\n')
    assert (p.stdout, p.returncode) == ('1\n', 124)


def test_env_unset_and_keep(tmp_path):
    p = run(tmp_path, ['env', '-u', 'KEEP', 'sh', '-c', 'echo "[$KEEP][$OTHER]"'],
            env={'KEEP': 'k', 'OTHER': 'o'})
    assert p.stdout == '[][o]\n'


def test_yes_repeats_until_the_pipe_closes(tmp_path):
    for argv, line in [(['yes'], b'y\n'), (['yes', 'a', 'b'], b'a b\n')]:
        proc = subprocess.Popen([os.path.join(BIN, argv[0])] + argv[1:], stdout=subprocess.PIPE)
        data = proc.stdout.read(len(line) * 1000)
        proc.stdout.close()
        assert proc.wait(timeout=10) == -signal.SIGPIPE
        assert data == line * 1000


def test_sleep_waits(tmp_path):
    start = time.monotonic()
    assert run(tmp_path, ['sleep', '0.3']).returncode == 0
    assert 0.3 <= time.monotonic() - start < 5


def test_which_searches_path(tmp_path):
    make_files(tmp_path, {'bin1/tool': '', 'bin2/tool': '', 'bin1/plain': ''})
    for d in ['bin1', 'bin2']:
        os.chmod(tmp_path / d / 'tool', 0o755)
    env = {'PATH': f'{tmp_path}/bin1:{tmp_path}/bin2'}
    assert run(tmp_path, ['which', 'tool'], env=env).stdout == f'{tmp_path}/bin1/tool\n'
    p = run(tmp_path, ['which', '-a', 'tool', 'plain'], env=env)
    assert (p.stdout, p.returncode) == (f'{tmp_path}/bin1/tool\n{tmp_path}/bin2/tool\n', 1)
    assert run(tmp_path, ['which', './bin1/tool']).stdout == './bin1/tool\n'


def test_kill_sends_signals(tmp_path):
    for argv, sig in [([], signal.SIGTERM), (['-9'], signal.SIGKILL), (['-s', 'INT'], signal.SIGINT),
                      (['-HUP'], signal.SIGHUP), (['-s', 'sigusr1'], signal.SIGUSR1)]:
        child = subprocess.Popen(['sleep', '30'])
        p = run(tmp_path, ['kill'] + argv + [str(child.pid)])
        assert p.returncode == 0, p.stderr
        assert child.wait(timeout=10) == -sig
    p = run(tmp_path, ['kill', '-l'])
    assert p.stdout.startswith('HUP INT QUIT ') and ' KILL ' in p.stdout and ' TERM ' in p.stdout


def test_id_whoami_uname(tmp_path):
    assert run(tmp_path, ['id', '-u']).stdout == f'{os.geteuid()}\n'
    assert run(tmp_path, ['id', '-g']).stdout == f'{os.getegid()}\n'
    assert run(tmp_path, ['id', '-un']).stdout == f'{ME}\n'
    assert run(tmp_path, ['id', '-gn']).stdout == f'{MY_GROUP}\n'
    assert run(tmp_path, ['id']).stdout.startswith(
        f'uid={os.getuid()}({ME}) gid={os.getgid()}({MY_GROUP}) groups=')
    nobody = pwd.getpwnam('nobody')
    group = grp.getgrgid(nobody.pw_gid).gr_name
    assert run(tmp_path, ['id', 'nobody']).stdout == (
        f'uid={nobody.pw_uid}(nobody) gid={nobody.pw_gid}({group}) '
        f'groups={nobody.pw_gid}({group})\n')
    assert run(tmp_path, ['whoami']).stdout == f'{ME}\n'
    u = os.uname()
    assert run(tmp_path, ['uname']).stdout == f'{u.sysname}\n'
    assert run(tmp_path, ['uname', '-a']).stdout == \
        f'{u.sysname} {u.nodename} {u.release} {u.version} {u.machine}\n'
    assert run(tmp_path, ['uname', '-m', '-r']).stdout == f'{u.release} {u.machine}\n'


def test_date_formats(tmp_path):
    year = time.gmtime().tm_year
    assert run(tmp_path, ['date', '-u', '+%Y']).stdout.strip() in (str(year), str(year + 1))
    out = run(tmp_path, ['date', '-u']).stdout
    assert re.fullmatch(r'[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\d \d\d:\d\d:\d\d UTC \d{4}\n', out), out
    assert run(tmp_path, ['date', '+%%|%n|']).stdout == '%|\n|\n'
    assert run(tmp_path, ['date', '-u', '+%Z'], env={'TZ': 'EST5EDT'}).stdout == 'UTC\n'
