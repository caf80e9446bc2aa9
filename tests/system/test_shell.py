"""The shell (commands/sh) inside Ember.

The case suite of tests/sh runs in the OS, all of it in one boot: init runs
tests/sh/run.sh -v with /bin/sh, which compares each case's output and exit
status with NAME.out and NAME.status and prints "ok NAME" or "FAIL NAME:
reason" (plus what the case printed, what was expected and its standard
error). The runner's output goes to the second serial port, a channel of
its own that no server's log line can cut into; each case is then one test
here. By hand, in a session on Ember:

    sh /usr/tests/sh/run.sh -v /bin/sh

The interactive side runs through the serial console, as a user types it:
the prompt, line editing and history, job control (^Z, jobs, fg, bg, ^C,
background jobs that read the terminal), traps and #! scripts.
"""
import os
import re

import pytest

import harness
import session

CASES_DIR = os.path.join(harness.TOP, 'tests', 'sh')
CASES = sorted(f[:-3] for f in os.listdir(CASES_DIR) if f.endswith('.sh') and f != 'run.sh')
SUITE = '/usr/tests/sh-suite'
SUITE_TEXT = '''# The shell's case suite, its report on the second serial port.
exec >/dev/ttyS1 2>&1
mkdir -p /tmp/sh-suite
TMPDIR=/tmp/sh-suite sh /usr/tests/sh/run.sh -v /bin/sh
echo "[run.sh exit $?]"
'''
SUITE_TIMEOUT = 1800

# The grammar of the issue, each with the cases that show it (by name prefix).
GRAMMAR = {
    'nested quoting': ['quote-nested', 'nested-command-substitution-quotes', 'cmdsub-nested',
                       'cmdsub-backquote-nested', 'eval-quoting'],
    'here-documents': ['redir-heredoc', 'heredoc-', 'cmdsub-heredoc', 'while-read-heredoc'],
    'pipelines of several stages': ['pipeline-'],
    'set -e': ['errexit-'],
    'functions with local variables': ['function-local'],
    'traps': ['trap-'],
    'parameter expansion forms': ['param-'],
    'command substitution': ['cmdsub-'],
    'arithmetic': ['arith-'],
    'globbing': ['glob-'],
    'if, while, until, for, case': ['if-', 'while-', 'until-', 'for-', 'case-'],
    'redirections': ['redir-'],
    'special parameters': ['status-', 'background-', 'positional-', 'param-dollar'],
    'set -u -x': ['set-'],
    'builtins': ['read-', 'printf-', 'test-', 'getopts-', 'export-', 'readonly-', 'shift-',
                 'unset-', 'eval-', 'exec-', 'dot-', 'command-', 'type-', 'alias-', 'umask-',
                 'wait-', 'kill-', 'cd-', 'echo-'],
}


@pytest.fixture(scope='module')
def image(tmp_path_factory):
    def add_suite(stage):
        with open(os.path.join(stage, SUITE.lstrip('/')), 'w') as f:
            f.write(SUITE_TEXT)

    return session.make_root(tmp_path_factory.mktemp('shell'), customize=add_suite)


def parse_report(text):
    """run.sh -v's report: {case: None if it passed, else its failure text}, summary."""
    results, summary, current = {}, None, None
    for line in text.splitlines():
        if line.startswith('ok '):
            results[line[3:].strip()] = None
            current = None
        elif line.startswith('FAIL '):
            name, _, reason = line[5:].partition(':')
            results[name] = reason.strip() + '\n'
            current = name
        elif line.startswith('    ') and current:
            results[current] += line + '\n'
        elif re.match(r'^\d+ passed, \d+ failed$', line):
            summary = line
    return results, summary


@pytest.fixture(scope='module')
def suite(image):
    results = os.path.join(image.directory, 'sh-suite.txt')
    m = harness.Machine('kernel', 'qemuexit run=/bin/sh,' + SUITE,
                        ['-serial', 'file:' + results], SUITE_TIMEOUT,
                        {'EMBER_MODULES': image.modules}, log_name='test_shell-suite')
    try:
        m.expect(r'init: /bin/sh exited with status \d+', SUITE_TIMEOUT)
    finally:
        m.close()
    with open(results, encoding='utf-8', errors='replace') as f:
        text = f.read()
    return text, *parse_report(text)


def test_suite_ran_to_its_end(suite):
    text, results, summary = suite
    assert summary, 'no summary line; the report:\n' + text[-3000:]
    passed, failed = map(int, re.findall(r'\d+', summary))
    assert passed + failed == len(results) == len(CASES)
    assert passed >= 150
    assert re.search(r'^\[run\.sh exit 0\]$', text, re.M), summary


@pytest.mark.parametrize('case', CASES)
def test_case_passes_inside_ember(suite, case):
    text, results, _ = suite
    assert case in results, f'{case} was not run; the end of the report:\n' + text[-2000:]
    assert results[case] is None, f'{case}: {results[case]}'


@pytest.mark.parametrize('feature', sorted(GRAMMAR))
def test_suite_covers_the_grammar(suite, feature):
    _, results, _ = suite
    cases = [c for c in results if c.startswith(tuple(GRAMMAR[feature]))]
    assert cases, f'no case for {feature}'
    passing = [c for c in cases if results[c] is None]
    assert passing == cases, f'{feature}: failing ' + ', '.join(set(cases) - set(passing))


# ---- interactive, through the serial console -------------------------------------

def log_in(image, boot, user='user'):
    m = image.boot(boot)
    sh = session.log_in_to_shell(m, user, None)
    return m, sh


def test_login_shell_has_job_control(image, boot):
    m, sh = log_in(image, boot)
    assert 'm' in sh.run('echo $-')  # the monitor option
    assert sh.run('echo $0') == '-sh\n'
    assert 'job control' not in m.output()
    # The shell leads its own process group, which has the terminal.
    assert sh.run('ps -o pgid= -p $$ | tr -d " "') == sh.run('echo $$')


def test_foreground_job_gets_a_process_group_of_its_own(image, boot):
    m, sh = log_in(image, boot)
    shell_pid = sh.run('echo $$').strip()
    out = sh.run("sh -c 'echo $$ $(ps -o pgid= -p $$)'").split()
    assert out[0] == out[1] != shell_pid  # the job leads its own group
    # Both stages of a pipeline share the job's group.
    out = sh.run("sh -c 'ps -o pgid= -p $$' | { read g; echo $g $(ps -o pgid= -p $$); }")
    first, second = out.split()
    assert first != shell_pid and second == shell_pid  # { } runs in the shell's process


def test_ctrl_z_stops_and_bg_fg_resume(image, boot):
    m, sh = log_in(image, boot)
    session.type_line(m, 'sleep 1000')
    session.send_key_until(m, '\x1a', r'\[1\]\+ +Stopped +sleep 1000')
    out = sh.run('jobs')
    assert re.search(r'^\[1\]\+ +Stopped +sleep 1000$', out, re.M), out
    assert re.search(r'^\[1\]\+ sleep 1000 &$', sh.run('bg'), re.M)
    out = sh.run('jobs')
    assert re.search(r'^\[1\]\+ +Running +sleep 1000 &$', out, re.M), out
    assert sh.run("ps -o stat=,comm= | grep sleep | tr -s ' '").strip() in ('S sleep', 'R sleep')
    session.type_line(m, 'fg %1')
    m.expect(r'sleep 1000\r*\n')
    session.send_key_until(m, '\x03', r'\$ ')
    assert sh.last_status() == 130
    assert sh.run('jobs') == ''


def test_ctrl_z_stops_a_whole_pipeline(image, boot):
    m, sh = log_in(image, boot)
    session.type_line(m, 'sleep 1000 | cat')
    session.send_key_until(m, '\x1a', r'\[1\]\+ +Stopped +sleep 1000 \| cat')
    states = sh.run("ps -o stat=,comm= | grep -e sleep -e cat | tr -s ' '").split('\n')
    assert sorted(s.strip() for s in states if s) == ['T cat', 'T sleep']
    assert sh.run('kill %1; wait %1; echo $?') == '143\n'  # 128 + SIGTERM
    assert sh.run('jobs; ps -o comm= | grep -c -e sleep -e cat') == '0\n'


def test_background_job_that_reads_the_terminal_stops(image, boot):
    m, sh = log_in(image, boot)
    out = sh.run('cat &')
    assert re.search(r'^\[1\] \d+$', out, re.M), out
    out = session.poll(sh, 'jobs', r'Stopped')
    assert re.search(r'^\[1\]\+ +Stopped.* +cat$', out, re.M), out  # SIGTTIN
    session.type_line(m, 'fg')
    m.expect(r'cat\r*\n')
    m.sendline('typed to cat')
    m.expect(r'typed to cat\r*\ntyped to cat')  # the echo, then cat's copy
    m.send('\x04')
    assert sh.last_status() == 0


def test_ctrl_c_stops_only_the_foreground_job(image, boot):
    m, sh = log_in(image, boot)
    assert re.match(r'\[1\] \d+', sh.run('sleep 1000 &'))
    session.type_line(m, 'sleep 2000')
    session.send_key_until(m, '\x03', r'\$ ')
    assert sh.last_status() == 130
    out = sh.run('jobs; ps -o comm= | grep -c sleep')
    assert re.search(r'^\[1\]\+ +Running +sleep 1000 &$', out, re.M) and out.endswith('\n1\n')
    assert sh.run('kill %1; wait %1; echo $?') == '143\n'
    assert sh.run('sleep 1 & wait $!; echo waited $?') .endswith('waited 0\n')


def test_line_editing_and_history(image, boot):
    m, sh = log_in(image, boot)
    sh.run('true')  # the shell is reading lines
    session.type_line(m, 'echo first')
    m.expect(r'first\r*\n')
    m.send('\x1b[A')                 # up: "echo first"
    m.send('\x1b[D' * 5 + 'X')       # left five times, insert X
    m.sendline()
    m.expect(r'\r\nXfirst\r*\n')
    m.send('ech hello')
    m.send('\x01\x1b[C\x1b[C\x1b[Co')  # ^A, right three times, insert o
    m.send('\x05 again')             # ^E, append
    m.sendline()
    m.expect(r'\r\nhello again\r*\n')
    m.send('garbage\x15echo clexx\x7f\x7fan')  # ^U, two backspaces
    m.sendline()
    m.expect(r'\r\nclean\r*\n')
    m.send('\x1b[A\x1b[A\x1b[A\x1b[B')  # up three times, down once: "echo hello again"
    m.sendline()
    m.expect(r'\r\nhello again\r*\n')
    # The prompt follows output that did not end its line.
    m.sendline('printf no-newline')
    m.expect(r'no-newline\$ ')


def test_interactive_traps_and_exit(image, boot):
    m, sh = log_in(image, boot)
    assert sh.run("trap 'echo got USR1' USR1; kill -USR1 $$") == 'got USR1\n'
    assert sh.run("trap 'echo in trap' INT; kill -INT $$; trap - INT") == 'in trap\n'
    m.sendline("trap 'echo leaving now' EXIT; exit")
    m.expect(r'leaving now')
    m.expect(r'login: ')


def test_scripts_with_interpreter_line(image, boot):
    m, sh = log_in(image, boot)
    sh.run('cd /tmp')
    sh.run("printf '#!/bin/sh\\necho \"$0 got $# args: $*\"\\nexit 7\\n' > tool; chmod +x tool")
    out, status = sh.status('./tool a "b c"')
    assert (out, status) == ('./tool got 2 args: a b c\n', 7)
    sh.run("printf 'echo plain $1\\n' > plain; chmod +x plain")
    assert sh.run('./plain x') == 'plain x\n'  # no #!: run by sh
    out, status = sh.status('./nonexistent')
    assert status == 127 and 'nonexistent' in out
    sh.run('chmod -x tool')
    out, status = sh.status('./tool 2>&1')
    assert status == 126 and 'Permission denied' in out
