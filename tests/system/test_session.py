"""A whole working session on the serial console, as a user has it: boot the
disk image through GRUB, log in, make files, edit one with vi, count with a
pipeline, run, stop and resume jobs, log out, shut down as root; the file
system is then clean (e2fsck -fn) and the edited file is there on the next
boot. Everything is typed at the interactive shell, keys included."""
import re

import harness
import session

PLAN = 'first line\nthird line\nlast line\n'


def log_in(m, user):
    """Log in on the console; a Shell once the login shell has started."""
    m.expect(r'login: ', timeout=120)
    m.sendline(user)
    m.expect(r'Welcome to Ember')
    sh = session.Shell(m)
    sh.run('true')  # the shell is reading lines
    return sh


def make_files(sh):
    """Five notes and two other files in ~/notes; counted through a pipeline."""
    assert sh.run('cd; pwd; id -un') == '/home/user\nuser\n'
    assert re.match(r'drwxr-xr-x +\d+ user +user ', sh.run('ls -ld .'))  # the image's
    out = sh.run('mkdir notes && cd notes && '
                 'for n in 1 2 3 4 5; do echo "note $n" > note$n.txt; done; '
                 'echo other > other.log; touch draft.md; echo done')
    assert out == 'done\n'
    assert sh.run("ls | grep '\\.txt$' | wc -l | tr -d ' '") == '5\n'
    assert sh.run('ls | grep -v note | wc -l | tr -d " "') == '2\n'
    assert sh.run('cat note3.txt') == 'note 3\n'


def edit_with_vi(m, sh):
    """Insert three lines, move up, delete one, open a line at the end, :wq."""
    session.type_line(m, 'vi plan.txt')
    m.expect(r'"plan\.txt" \[New File\]')
    m.send('i')
    m.expect(r'-- INSERT --')
    m.send('first line\rsecond line\rthird line')
    m.expect(r'third line')
    m.send('\x1b')  # ESC, then keys that make no escape sequence with it
    m.send('gg')    # to the top,
    m.send('j')     # down one: "second line",
    m.send('dd')    # delete it,
    m.send('Go')    # open a line after the last
    m.send('last line\x1b')
    m.send(':wq\r')
    m.expect(r'\$ ')  # vi has ended
    assert sh.last_status() == 0
    assert sh.run('cat plan.txt') == PLAN


def control_jobs(m, sh):
    """A background job; a foreground job stopped with ^Z, resumed with bg and
    fg, ended with ^C; the background job killed."""
    out = sh.run('sleep 1000 &')
    assert re.match(r'\[1\] \d+\n$', out), out
    out = sh.run('jobs')
    assert re.search(r'^\[1\]\+ +Running +sleep 1000 &$', out, re.M), out
    session.type_line(m, 'sleep 2000')
    session.send_key_until(m, '\x1a', r'\[2\]\+ +Stopped +sleep 2000')
    out = sh.run('jobs')
    assert re.search(r'^\[1\]- +Running +sleep 1000 &$', out, re.M), out
    assert re.search(r'^\[2\]\+ +Stopped +sleep 2000$', out, re.M), out
    assert re.search(r'^\[2\]\+ sleep 2000 &$', sh.run('bg %2'), re.M)
    out = sh.run('jobs %2')
    assert re.search(r'^\[2\]\+ +Running +sleep 2000 &$', out, re.M), out
    session.type_line(m, 'fg %2')
    m.expect(r'sleep 2000\r*\n')
    session.send_key_until(m, '\x03', r'\$ ')
    assert sh.last_status() == 130  # 128 + SIGINT
    assert sh.run('kill %1; wait %1; echo $?') == '143\n'  # 128 + SIGTERM
    assert sh.run('jobs; ps -o comm= | grep -c sleep') == '0\n'


def shut_down_as_root(m):
    """Log out; log in as root and shut down; QEMU ends with a clean halt."""
    m.sendline('exit')
    sh = log_in(m, 'root')
    assert sh.run('id -un') == 'root\n'
    m.sendline('shutdown -h now')
    assert m.wait_exit(timeout=120) == harness.EXIT_SUCCESS


def test_a_console_session_from_login_to_clean_shutdown(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    m = boot('disk', image, timeout=120)
    sh = log_in(m, 'user')
    make_files(sh)
    edit_with_vi(m, sh)
    control_jobs(m, sh)
    shut_down_as_root(m)
    code, out = harness.e2fsck(image)
    assert code == 0, out

    m = boot('disk', image, timeout=120)
    sh = log_in(m, 'user')
    assert sh.run('cat notes/plan.txt; ls notes | wc -l | tr -d " "') == PLAN + '8\n'
    shut_down_as_root(m)
    code, out = harness.e2fsck(image)
    assert code == 0, out
