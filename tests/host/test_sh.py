"""The shell (commands/sh) built for the host: the case suite in tests/sh,
checked with our shell and against dash, and the interactive side (line
editing, history, ^C, job control) driven through a pty with pexpect.

Build it first with `make -C commands/sh host`.
"""
import os
import random
import re
import stat
import subprocess
import time

import pexpect
import pytest

import harness

SH = os.path.join(harness.BUILD, 'host', 'bin', 'sh')
CASES = os.path.join(harness.TOP, 'tests', 'sh')
RUNNER = os.path.join(CASES, 'run.sh')
DASH = '/bin/dash'

# Cases that test what dash does not do (or does differently on purpose).
DASH_DIFFERS = {
    'arith-comma',             # dash has no comma operator
    'arith-increment',         # nor ++ and --
    'arith-var-expression',    # nor variables holding expressions
    'case-fallthrough',        # nor ;&
    'linenumber-var',          # nor $LINENO in scripts
    'read-reply-default',      # nor read without a variable name
    'set-xtrace-output',       # traces are quoted differently
    'syntax-error-message',    # messages are worded differently
    'type-kinds',              # "is a shell function" vs "is a function"
}

pytestmark = pytest.mark.skipif(not os.path.exists(SH),
                                reason='build it with: make -C commands/sh host')


def run_suite(shell, tmp_path, interpreter='/bin/sh'):
    env = dict(os.environ, TMPDIR=str(tmp_path))
    return subprocess.run([interpreter, RUNNER, shell], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=600)


def failed_cases(output):
    return {m.group(1) for m in re.finditer(r'^FAIL (\S+?):', output, re.M)}


def test_suite_has_enough_cases():
    cases = [f for f in os.listdir(CASES) if f.endswith('.sh') and f != 'run.sh']
    assert len(cases) >= 170
    for case in cases:
        assert os.path.exists(os.path.join(CASES, case[:-3] + '.out')), case


def test_suite_passes(tmp_path):
    p = run_suite(SH, tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert re.search(r'^\d+ passed, 0 failed$', p.stdout, re.M), p.stdout


def test_suite_runner_runs_under_our_shell(tmp_path):
    p = run_suite(SH, tmp_path, interpreter=SH)
    assert p.returncode == 0, p.stdout + p.stderr


@pytest.mark.skipif(not os.path.exists(DASH), reason='dash is not installed')
def test_suite_agrees_with_dash(tmp_path):
    p = run_suite(DASH, tmp_path)
    assert failed_cases(p.stdout) == DASH_DIFFERS, p.stdout


def sh(script, *args, **kwargs):
    return subprocess.run([SH, '-c', script, 'sh', *args], capture_output=True, text=True,
                          timeout=30, **kwargs)


def test_syntax_error_names_the_line(tmp_path):
    script = tmp_path / 'bad.sh'
    script.write_text('echo one\necho two\nfi\n')
    p = subprocess.run([SH, str(script)], capture_output=True, text=True, timeout=30)
    assert p.returncode == 2
    assert p.stdout == 'one\ntwo\n'
    assert "line 3: syntax error: unexpected 'fi'" in p.stderr


def test_redirection_failure_names_file_and_reason():
    p = sh('echo x > /nonexistent-dir/file')
    assert p.returncode == 2
    assert '/nonexistent-dir/file' in p.stderr and 'No such file or directory' in p.stderr


def test_signal_status_is_128_plus_n():
    assert sh('kill -9 $$').returncode == -9
    p = subprocess.run([SH, '-c', SH + " -c 'kill -TERM $$'; echo $?"], capture_output=True,
                       text=True, timeout=30)
    assert p.stdout == '143\n'


def test_script_without_shebang_runs_in_sh(tmp_path):
    script = tmp_path / 'plain'
    script.write_text('echo "plain script $1 $#"\nexit 4\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    p = sh('"$1" arg; echo "status $?"', str(script))
    assert p.stdout == 'plain script arg 1\nstatus 4\n'


def test_script_with_shebang_and_args(tmp_path):
    script = tmp_path / 'tool'
    script.write_text('#!%s\necho "$0 got $*"\n' % SH)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    p = subprocess.run([str(script), 'a', 'b'], capture_output=True, text=True, timeout=30)
    assert p.stdout == '%s got a b\n' % script


def test_reads_commands_from_a_pipe():
    p = subprocess.run([SH], input='read x\nhello from the pipe\necho "got $x"\n',
                       capture_output=True, text=True, timeout=30)
    assert p.stdout == 'got hello from the pipe\n'


def test_hostile_input_never_crashes():
    inputs = [
        '(' * 5000, '$(' * 3000, '${' * 3000, 'echo $((' + '(' * 3000 + '1',
        'f() { f; }; f', "eval 'eval '" * 50, 'x=' + '$x' * 10000,
        'echo ${x:?', 'case', '<<', 'echo $((1/0))', 'echo $((9223372036854775807 + 1))',
        'echo $(( -9223372036854775807 - 1 ))/$(( (-9223372036854775807 - 1) / -1 ))',
    ]
    for text in inputs:
        p = subprocess.run([SH, '-c', text], capture_output=True, text=True, timeout=60)
        assert p.returncode >= 0, 'crashed on %r: %s' % (text[:40], p.stderr[-200:])


# --- interactive use through a pty


class Interactive:
    PROMPT = 'PROMPT$ '

    def __init__(self, tmp_path):
        env = {'PS1': self.PROMPT, 'PS2': 'MORE> ', 'PATH': os.environ.get('PATH', '/bin'),
               'HOME': str(tmp_path), 'TERM': 'xterm', 'COLUMNS': '80'}
        self.child = pexpect.spawn(SH, cwd=str(tmp_path), env=env, encoding='utf-8',
                                   codec_errors='replace',
                                   timeout=10, dimensions=(24, 80))
        self.prompt()

    def prompt(self):
        self.child.expect_exact(self.PROMPT)

    def run(self, line, expect=None):
        """Type a line; return what the command printed before the next prompt."""
        self.child.send(line + '\r')
        self.child.expect_exact('\r\n')     # the editor ends the line
        self.prompt()
        out = self.child.before
        if expect is not None:
            assert re.search(expect, out), 'expected %r in %r' % (expect, out)
        return out

    def close(self):
        if self.child.isalive():
            self.child.sendcontrol('d')
            self.child.expect(pexpect.EOF)
        self.child.close()


@pytest.fixture
def term(tmp_path):
    t = Interactive(tmp_path)
    yield t
    t.close()


def test_interactive_prompt_and_command(term):
    term.run('echo hello-$((6*7))', r'^hello-42\r\n$')


def test_interactive_prompt_keeps_output_without_newline(term):
    # The editor moves back to its prompt, never to column 0: the output of
    # a command that did not end its line stays on the screen.
    term.child.send('printf abc\r')
    term.child.expect_exact('\r\n')
    term.child.expect_exact('abc' + term.PROMPT)
    term.child.send('echo xy')
    term.child.send('\x1b[D')                   # left: a redraw of the whole line
    term.child.expect_exact('\x1b[15D' + term.PROMPT + 'echo xy\x1b[K\x1b[1D')
    term.run('', r'^xy\r\n$')


def test_interactive_typing_echoes_each_character_as_itself(term):
    term.child.send('echo plain typing')
    term.child.expect_exact('echo plain typing')
    assert term.child.before == '\x1b[K'  # the prompt's frame; then the keys alone
    term.run('', r'^plain typing\r\n$')


def test_interactive_long_line_scrolls_half_a_screen_at_a_time(term):
    # 80 columns, 71 for the text: past the edge the line jumps by half
    # that, and the keys between jumps are echoed as themselves. (Enter
    # draws the line's end once more.)
    word = 'abcdefghij' * 15
    term.child.send('echo ' + word + '\r')
    term.child.expect_exact('\r\n')
    typed = term.child.before
    redraws = typed.count(term.PROMPT)
    assert 2 <= redraws <= 5, repr(typed)
    assert len(typed) < len('echo ' + word) + redraws * 90, repr(typed)
    term.prompt()
    assert term.child.before == word + '\r\n'


def test_interactive_default_prompt(tmp_path):
    env = {'PATH': os.environ.get('PATH', '/bin'), 'HOME': str(tmp_path), 'TERM': 'xterm'}
    child = pexpect.spawn(SH, env=env, encoding='utf-8', timeout=10)
    child.expect_exact('# ' if os.geteuid() == 0 else '$ ')
    child.send('PS1=\'[$((1+1))] \'\r')
    child.expect_exact('[2] ')
    child.sendcontrol('d')
    child.expect(pexpect.EOF)


def test_interactive_continuation_prompt(term):
    term.child.send('if true\r')
    term.child.expect_exact('MORE> ')
    term.run('then echo continued; fi', r'^continued\r\n$')


def test_interactive_history_recall_and_edit(term):
    term.run('echo first', r'^first\r\n$')
    term.run('echo second', r'^second\r\n$')
    term.child.send('\x1b[A\x1b[A')            # up twice: "echo first"
    term.child.send('\x1b[D' * 5 + 'X')         # left five times, insert X
    term.run('', r'^Xfirst\r\n$')
    term.child.send('\x1b[A\x1b[A\x1b[B')       # up, up, down: the last line again
    term.run('', r'^Xfirst\r\n$')


def test_interactive_line_editing_keys(term):
    term.child.send('hello world')
    term.child.sendcontrol('a')                 # ^A: start of line
    term.child.send('echo ')
    term.child.sendcontrol('e')                 # ^E: end of line
    term.run('!', r'^hello world!\r\n$')
    term.child.send('echo junk words')
    term.child.sendcontrol('w')                 # ^W twice: "echo "
    term.child.sendcontrol('w')
    term.run('kept', r'^kept\r\n$')
    term.child.send('garbage')
    term.child.sendcontrol('u')                 # ^U: erase the line
    term.child.send('echo clexx\x7f\x7fan')     # two backspaces
    term.run('', r'^clean\r\n$')


def test_interactive_editor_survives_random_keys(term):
    keys = ['a', ' ', '\x01', '\x02', '\x05', '\x06', '\x08', '\x0b', '\x0e', '\x10', '\x15', '\x17',
            '\x7f', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[H', '\x1b[F', '\x1b[3~', '\x1bOA',
            '\t', '\u00e9', '\u4e2d', '\x1b[99', 'x' * 100, '"', "'", '\\', '$(']
    rng = random.Random(7)
    term.child.delaybeforesend = None
    for _ in range(40):
        for _ in range(rng.randint(1, 30)):
            term.child.send(rng.choice(keys))
        term.child.sendcontrol('c')
        term.child.expect_exact('^C')
        term.prompt()
    term.child.send('echo sur""vived\r')
    term.child.expect_exact('survived\r\n')
    term.prompt()


def test_interactive_ctrl_c_cancels_line(term):
    term.child.send('echo never-run')
    term.child.sendcontrol('c')
    term.child.expect_exact('^C')
    term.prompt()
    term.run('echo $?', r'^130\r\n$')


def test_interactive_ctrl_d_exits(term):
    term.child.sendcontrol('d')
    term.child.expect(pexpect.EOF)


def test_interactive_tab_completes_file_names(term, tmp_path):
    (tmp_path / 'unique-file-name.txt').write_text('contents\n')
    term.child.send('cat uniq\t')
    term.run('', r'^contents\r\n$')


def test_job_control_stop_bg_fg(term):
    term.child.send('sleep 30\r')
    time.sleep(0.5)
    term.child.sendcontrol('z')
    term.child.expect(r'\[1\]\+\s+Stopped\s+sleep 30')
    term.prompt()
    term.run('jobs', r'\[1\]\+\s+Stopped\s+sleep 30')
    term.run('bg %1', r'\[1\]\+ sleep 30 &')
    term.run('jobs', r'\[1\]\+\s+Running\s+sleep 30 &')
    term.child.send('fg %1\r')
    term.child.expect(r'sleep 30\r\n')
    time.sleep(0.3)
    term.child.sendcontrol('c')
    term.prompt()
    term.run('echo $?', r'^130\r\n$')
    term.run('jobs', r'^$')


def test_job_control_background_done_reported(term):
    term.run('sleep 0.2 &', r'^\[1\] \d+\r\n$')
    time.sleep(0.6)
    term.run('', r'\[1\]\+\s+Done\s+sleep 0\.2')


def test_job_control_ctrl_c_stops_loop(term):
    term.child.send('while :; do sleep 1; done; echo not-reached\r')
    term.child.expect_exact('\r\n')
    time.sleep(0.5)
    term.child.sendcontrol('c')
    term.prompt()
    assert 'not-reached' not in term.child.before
    term.run('echo alive', r'^alive\r\n$')


def test_job_control_pipeline_is_one_job(term):
    term.run('sleep 5 | sleep 5 &', r'^\[1\] \d+\r\n$')
    term.run('jobs -l', r'\[1\]\+\s+\d+\s+Running\s+sleep 5 \| sleep 5 &')
    out = term.run('kill %1')
    time.sleep(0.3)
    out += term.run('')
    assert re.search(r'\[1\]\+\s+Terminated\s+sleep 5 \| sleep 5\r\n', out), out
