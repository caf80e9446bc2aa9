"""The file and process utilities (commands/{cat,ls,cp,...}) built for the host
(make -C commands/NAME host), run in a scratch directory.

Most checks are table rows: the command line, its standard input, the files
it needs, the exact output and the exit status. Checks that need more (file
modes and times, several steps, other users) are functions below the table.
Permission checks run the utility as 'nobody' when the tests run as root,
since root passes every permission check. The in-OS versions of these
checks, tests/utils/<utility>.sh, are run here too, against the host builds.
"""
import glob
import grp
import os
import pwd
import re
import shutil
import stat
import subprocess
import tempfile
import time

import pytest

import harness

BIN = os.path.join(harness.BUILD, 'host', 'bin')
UTILS = os.path.join(harness.TOP, 'tests', 'utils')
FILE_UTILS = ['cat', 'echo', 'ls', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'ln', 'chmod', 'chown',
              'touch', 'pwd', 'stat', 'find', 'xargs', 'du', 'dd', 'tar', 'tee', 'basename',
              'dirname', 'env', 'true', 'false', 'yes', 'sleep', 'seq', 'printf', 'test', '[',
              'expr', 'which', 'kill', 'sync', 'uname', 'id', 'whoami', 'date', 'clear', 'cmp']

ME = pwd.getpwuid(os.getuid()).pw_name
MY_GROUP = grp.getgrgid(os.getgid()).gr_name
# 2020-01-02 15:04:05 UTC, a time old enough for the "Jan  2  2020" form.
OLD = 1577977445


def run(cwd, argv, stdin='', env=None, as_nobody=False, timeout=30):
    """Run one of the utilities; text in, CompletedProcess (text) out."""
    preexec = None
    if as_nobody and os.geteuid() == 0:
        nobody = pwd.getpwnam('nobody')

        def preexec():
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
    full_env = dict(os.environ, LC_ALL='C', TZ='UTC')
    full_env.pop('COLUMNS', None)
    full_env.update(env or {})
    # argv[0] is the bare name, as a shell passes it after a PATH search.
    return subprocess.run(argv, executable=os.path.join(BIN, argv[0]), input=stdin, cwd=cwd,
                          capture_output=True, text=True, env=full_env, timeout=timeout,
                          preexec_fn=preexec, errors='replace')


def make_files(root, files):
    """files: {path: text}; a path ending in '/' is a directory."""
    for path, text in files.items():
        full = os.path.join(root, path)
        if path.endswith('/'):
            os.makedirs(full, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(full) or root, exist_ok=True)
        with open(full, 'w') as f:
            f.write(text)


@pytest.fixture
def shared(tmp_path):
    """A scratch directory that 'nobody' can enter too."""
    d = tempfile.mkdtemp(prefix='ember-fileutils-')
    os.chmod(d, 0o777)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_all_utilities_were_built():
    missing = [u for u in FILE_UTILS if not os.access(os.path.join(BIN, u), os.X_OK)]
    assert not missing, f'not built (make -C commands/NAME host): {missing}'


TREE = {'d/': '', 'd/a.txt': 'alpha\n', 'd/b.c': 'int b;\n', 'd/sub/': '', 'd/sub/c.txt': 'gamma\n',
        'd/sub/deep/': '', 'd/sub/deep/e.C': ''}

# (id, argv, stdin, files, expected stdout, expected status)
CASES = [
    # cat
    ('cat-files-and-stdin', ['cat', 'f', '-', 'g'], 'in\n', {'f': 'F\n', 'g': 'G\n'},
     'F\nin\nG\n', 0),
    ('cat-number-across-files', ['cat', '-n', 'f', 'g'], '', {'f': 'a\nb\n', 'g': 'c'},
     '     1\ta\n     2\tb\n     3\tc', 0),
    ('cat-unbuffered', ['cat', '-u'], 'x\n', {}, 'x\n', 0),
    ('cat-missing-continues', ['cat', 'nope', 'f'], '', {'f': 'F\n'}, 'F\n', 1),
    ('cat-directory', ['cat', 'd'], '', {'d/': ''}, '', 1),
    ('cat-bad-option', ['cat', '-z'], '', {}, '', 2),
    # echo
    ('echo-words', ['echo', 'a', 'b  c'], '', {}, 'a b  c\n', 0),
    ('echo-no-newline', ['echo', '-n', 'a'], '', {}, 'a', 0),
    ('echo-escapes', ['echo', 'a\\tb\\nc\\\\'], '', {}, 'a\tb\nc\\\n', 0),
    ('echo-octal', ['echo', '\\0101\\0'], '', {}, 'A\0\n', 0),
    ('echo-stop', ['echo', 'a\\cb', 'c'], '', {}, 'a', 0),
    ('echo-dash-n-later-is-text', ['echo', 'a', '-n'], '', {}, 'a -n\n', 0),
    # ls
    ('ls-sorted', ['ls'], '', {'b': '', 'a': '', 'C': '', '.h': ''}, 'C\na\nb\n', 0),
    ('ls-all', ['ls', '-a'], '', {'b': '', '.h': ''}, '.\n..\n.h\nb\n', 0),
    ('ls-almost-all', ['ls', '-A'], '', {'b': '', '.h': ''}, '.h\nb\n', 0),
    ('ls-classify', ['ls', '-F'], '', {'d/': '', 'f': ''}, 'd/\nf\n', 0),
    ('ls-dir-itself', ['ls', '-d', 'd'], '', {'d/x': ''}, 'd\n', 0),
    ('ls-operands', ['ls', 'f', 'd', 'e'], '', {'f': '', 'd/x': '', 'e/y': ''},
     'f\n\nd:\nx\n\ne:\ny\n', 0),
    ('ls-recursive', ['ls', '-R', 'd'], '', TREE,
     'd:\na.txt\nb.c\nsub\n\nd/sub:\nc.txt\ndeep\n\nd/sub/deep:\ne.C\n', 0),
    ('ls-size-order', ['ls', '-S'], '', {'s': 'x', 'm': 'xx', 'l': 'xxx'}, 'l\nm\ns\n', 0),
    ('ls-reverse', ['ls', '-r'], '', {'a': '', 'b': ''}, 'b\na\n', 0),
    ('ls-columns', ['ls', '-C'], '', {n: '' for n in ['aa', 'bb', 'cc', 'dd', 'ee']},
     'aa  bb  cc  dd  ee\n', 0),
    ('ls-missing', ['ls', 'nope', 'f'], '', {'f': ''}, 'f\n', 1),
    ('ls-bad-option', ['ls', '-Z'], '', {}, '', 2),
    # basename, dirname
    ('basename-plain', ['basename', '/a/b/c.txt'], '', {}, 'c.txt\n', 0),
    ('basename-trailing-slash', ['basename', 'a/b/'], '', {}, 'b\n', 0),
    ('basename-suffix', ['basename', 'x/c.txt', '.txt'], '', {}, 'c\n', 0),
    ('basename-suffix-whole', ['basename', '.txt', '.txt'], '', {}, '.txt\n', 0),
    ('basename-root', ['basename', '///'], '', {}, '/\n', 0),
    ('basename-no-operand', ['basename'], '', {}, '', 2),
    ('dirname-plain', ['dirname', '/a/b/c'], '', {}, '/a/b\n', 0),
    ('dirname-relative', ['dirname', 'c'], '', {}, '.\n', 0),
    ('dirname-trailing', ['dirname', 'a/b//'], '', {}, 'a\n', 0),
    ('dirname-root', ['dirname', '/a'], '', {}, '/\n', 0),
    ('dirname-slashes', ['dirname', '//'], '', {}, '/\n', 0),
    # true, false, sync, clear, uname
    ('true', ['true', 'ignored'], '', {}, '', 0),
    ('false', ['false'], '', {}, '', 1),
    ('sync', ['sync'], '', {}, '', 0),
    ('clear', ['clear'], '', {}, '\033[H\033[2J', 0),
    ('uname-bad-option', ['uname', '-x'], '', {}, '', 2),
    # seq
    ('seq-last', ['seq', '3'], '', {}, '1\n2\n3\n', 0),
    ('seq-first-last', ['seq', '-2', '1'], '', {}, '-2\n-1\n0\n1\n', 0),
    ('seq-increment', ['seq', '1', '3', '10'], '', {}, '1\n4\n7\n10\n', 0),
    ('seq-down', ['seq', '3', '-1', '1'], '', {}, '3\n2\n1\n', 0),
    ('seq-fractions-exact', ['seq', '0', '0.25', '1'], '', {}, '0.00\n0.25\n0.50\n0.75\n1.00\n', 0),
    ('seq-tenths-reach-end', ['seq', '-s', ' ', '0', '0.1', '0.5'], '', {},
     '0.0 0.1 0.2 0.3 0.4 0.5\n', 0),
    ('seq-separator', ['seq', '-s', ',', '3'], '', {}, '1,2,3\n', 0),
    ('seq-equal-width', ['seq', '-w', '8', '10'], '', {}, '08\n09\n10\n', 0),
    ('seq-empty', ['seq', '5', '1'], '', {}, '', 0),
    ('seq-zero-increment', ['seq', '1', '0', '2'], '', {}, '', 1),
    ('seq-not-a-number', ['seq', 'x'], '', {}, '', 1),
    ('seq-no-operand', ['seq'], '', {}, '', 2),
    # printf
    ('printf-escapes', ['printf', 'a\\tb\\n\\101\\x42\\\\'], '', {}, 'a\tb\nAB\\', 0),
    ('printf-conversions', ['printf', '%s|%d|%i|%o|%u|%x|%X|%c|%%\\n', 'str', '42', '-7', '8',
                            '9', '255', '255', 'xyz'], '', {}, 'str|42|-7|10|9|ff|FF|x|%\n', 0),
    ('printf-floats', ['printf', '%.2f %e %g %G\\n', '3.14159', '1234.5', '0.0001', '1e20'], '', {},
     '3.14 1.234500e+03 0.0001 1E+20\n', 0),
    ('printf-flags-width', ['printf', '[%5s][%-5s][%05d][%+d][% d][%.2s][%#x][%#o]\\n', 'ab',
                            'ab', '42', '3', '3', 'abcdef', '255', '8'], '', {},
     '[   ab][ab   ][00042][+3][ 3][ab][0xff][010]\n', 0),
    ('printf-star', ['printf', '[%*d][%-*s][%.*s]\\n', '4', '7', '3', 'a', '2', 'xyz'], '', {},
     '[   7][a  ][xy]\n', 0),
    ('printf-reuse', ['printf', '%s=%s\\n', 'a', '1', 'b', '2', 'c'], '', {}, 'a=1\nb=2\nc=\n', 0),
    ('printf-numbers', ['printf', '%d %d %d %d\\n', '0x10', '010', "'A", '+5'], '', {},
     '16 8 65 5\n', 0),
    ('printf-b', ['printf', '%b|%s\\n', 'a\\tb\\0101', 'a\\tb'], '', {}, 'a\tbA|a\\tb\n', 0),
    ('printf-b-stop', ['printf', '%b%s\\n', 'x\\cy', 'never'], '', {}, 'x', 0),
    ('printf-missing-args', ['printf', '%s|%d|\\n'], '', {}, '|0|\n', 0),
    ('printf-bad-number', ['printf', '%d\\n', 'abc'], '', {}, '0\n', 1),
    ('printf-partial-number', ['printf', '%d\\n', '12abc'], '', {}, '12\n', 1),
    ('printf-bad-conversion', ['printf', 'a%yb'], '', {}, 'a', 1),
    ('printf-dash-dash', ['printf', '--', '-%s-', 'x'], '', {}, '-x-', 0),
    ('printf-no-format', ['printf'], '', {}, '', 2),
    # expr
    ('expr-add', ['expr', '1', '+', '2'], '', {}, '3\n', 0),
    ('expr-precedence', ['expr', '2', '+', '3', '*', '4'], '', {}, '14\n', 0),
    ('expr-parens', ['expr', '(', '2', '+', '3', ')', '*', '4'], '', {}, '20\n', 0),
    ('expr-div-mod', ['expr', '17', '/', '5', '+', '17', '%', '5'], '', {}, '5\n', 0),
    ('expr-negative', ['expr', '-5', '+', '2'], '', {}, '-3\n', 0),
    ('expr-zero-is-false', ['expr', '2', '-', '2'], '', {}, '0\n', 1),
    ('expr-numeric-compare', ['expr', '10', '>', '9'], '', {}, '1\n', 0),
    ('expr-string-compare', ['expr', 'abc', '<', 'abd'], '', {}, '1\n', 0),
    ('expr-equal', ['expr', 'a', '=', 'b'], '', {}, '0\n', 1),
    ('expr-or', ['expr', '', '|', 'fallback'], '', {}, 'fallback\n', 0),
    ('expr-and', ['expr', 'a', '&', '0'], '', {}, '0\n', 1),
    ('expr-match-length', ['expr', 'abcdef', ':', 'abc'], '', {}, '3\n', 0),
    ('expr-match-group', ['expr', 'file.txt', ':', '\\(.*\\)\\.txt'], '', {}, 'file\n', 0),
    ('expr-match-anchored', ['expr', 'xabc', ':', 'abc'], '', {}, '0\n', 1),
    ('expr-length', ['expr', 'length', 'hello'], '', {}, '5\n', 0),
    ('expr-substr', ['expr', 'substr', 'hello', '2', '3'], '', {}, 'ell\n', 0),
    ('expr-index', ['expr', 'index', 'hello', 'lo'], '', {}, '3\n', 0),
    ('expr-match-keyword', ['expr', 'match', 'abc', 'a.'], '', {}, '2\n', 0),
    ('expr-division-by-zero', ['expr', '1', '/', '0'], '', {}, '', 2),
    ('expr-non-integer', ['expr', 'a', '+', '1'], '', {}, '', 2),
    ('expr-syntax', ['expr', '1', '+'], '', {}, '', 2),
    ('expr-overflow', ['expr', '9223372036854775807', '+', '1'], '', {}, '', 3),
    # cmp
    ('cmp-same', ['cmp', 'a', 'b'], '', {'a': 'xyz\n', 'b': 'xyz\n'}, '', 0),
    ('cmp-differ', ['cmp', 'a', 'b'], '', {'a': 'ab\ncd\n', 'b': 'ab\ncx\n'},
     'a b differ: char 5, line 2\n', 1),
    ('cmp-list', ['cmp', '-l', 'a', 'b'], '', {'a': 'abc', 'b': 'axz'}, '2 142 170\n3 143 172\n',
     1),
    ('cmp-silent', ['cmp', '-s', 'a', 'b'], '', {'a': 'a', 'b': 'b'}, '', 1),
    ('cmp-eof', ['cmp', 'a', 'b'], '', {'a': 'ab', 'b': 'abc'}, '', 1),
    ('cmp-stdin', ['cmp', '-', 'b'], 'same', {'b': 'same'}, '', 0),
    ('cmp-missing', ['cmp', 'a', 'nope'], '', {'a': ''}, '', 2),
    # tee
    ('tee-files', ['tee', 'o1', 'o2'], 'data\n', {}, 'data\n', 0),
    ('tee-bad-option', ['tee', '-z'], '', {}, '', 2),
    # env
    ('env-clear-and-set', ['env', '-i', 'A=1', 'B=x y'], '', {}, 'A=1\nB=x y\n', 0),
    ('env-run', ['env', '-i', 'GREETING=hi', '/bin/sh', '-c', 'echo $GREETING'], '', {}, 'hi\n',
     0),
    ('env-not-found', ['env', 'no-such-command-here'], '', {}, '', 127),
    ('env-not-executable', ['env', './f'], '', {'f': 'x'}, '', 126),
    # xargs
    ('xargs-default-echo', ['xargs'], 'a b\n  c\n', {}, 'a b c\n', 0),
    ('xargs-quotes', ['xargs', '-n', '1'], 'a "b c" \'d e\' f\\ g\n', {}, 'a\nb c\nd e\nf g\n', 0),
    ('xargs-n', ['xargs', '-n', '2', 'echo', '>'], '1 2 3 4 5\n', {}, '> 1 2\n> 3 4\n> 5\n', 0),
    ('xargs-replace', ['xargs', '-I', '{}', 'echo', '[{}]', 'x{}y'], 'one\n  two words\n', {},
     '[one] xoney\n[two words] xtwo wordsy\n', 0),
    ('xargs-nul', ['xargs', '-0', '-n', '1'], 'a b\0c\0', {}, 'a b\nc\n', 0),
    ('xargs-eof-string', ['xargs', '-E', 'STOP'], 'a STOP b\n', {}, 'a\n', 0),
    ('xargs-empty-runs-once', ['xargs', 'echo', 'ran'], '', {}, 'ran\n', 0),
    ('xargs-empty-r', ['xargs', '-r', 'echo', 'ran'], '', {}, '', 0),
    ('xargs-size-limit', ['xargs', '-s', '12', 'echo'], 'aa bb cc dd\n', {}, 'aa bb\ncc dd\n', 0),
    ('xargs-command-fails', ['xargs', 'false'], 'a\n', {}, '', 123),
    ('xargs-not-found', ['xargs', 'no-such-command-here'], 'a\n', {}, '', 127),
    ('xargs-unmatched-quote', ['xargs'], '"abc\n', {}, '', 1),
    ('xargs-bad-option', ['xargs', '-q'], '', {}, '', 2),
    # find (entries come in name order)
    ('find-all', ['find', 'd'], '', TREE,
     'd\nd/a.txt\nd/b.c\nd/sub\nd/sub/c.txt\nd/sub/deep\nd/sub/deep/e.C\n', 0),
    ('find-name', ['find', 'd', '-name', '*.txt'], '', TREE, 'd/a.txt\nd/sub/c.txt\n', 0),
    ('find-iname', ['find', 'd', '-iname', '*.c'], '', TREE, 'd/b.c\nd/sub/deep/e.C\n', 0),
    ('find-type-d', ['find', 'd', '-type', 'd'], '', TREE, 'd\nd/sub\nd/sub/deep\n', 0),
    ('find-not', ['find', 'd', '!', '-type', 'd', '!', '-name', '*.txt'], '', TREE,
     'd/b.c\nd/sub/deep/e.C\n', 0),
    ('find-or-parens', ['find', 'd', '(', '-name', 'a*', '-o', '-name', 'c*', ')', '-print'], '',
     TREE, 'd/a.txt\nd/sub/c.txt\n', 0),
    ('find-prune', ['find', 'd', '-name', 'sub', '-prune', '-o', '-type', 'f', '-print'], '', TREE,
     'd/a.txt\nd/b.c\n', 0),
    ('find-maxdepth', ['find', 'd', '-maxdepth', '1'], '', TREE, 'd\nd/a.txt\nd/b.c\nd/sub\n', 0),
    ('find-mindepth', ['find', 'd', '-mindepth', '2', '-type', 'f'], '', TREE,
     'd/sub/c.txt\nd/sub/deep/e.C\n', 0),
    ('find-depth', ['find', 'd/sub', '-depth'], '', TREE,
     'd/sub/c.txt\nd/sub/deep/e.C\nd/sub/deep\nd/sub\n', 0),
    ('find-path', ['find', 'd', '-path', '*sub/*', '-type', 'f'], '', TREE,
     'd/sub/c.txt\nd/sub/deep/e.C\n', 0),
    ('find-size', ['find', 'd', '-type', 'f', '-size', '+6c'], '', TREE, 'd/b.c\n', 0),
    ('find-size-empty', ['find', 'd', '-type', 'f', '-size', '0'], '', TREE, 'd/sub/deep/e.C\n',
     0),
    ('find-exec', ['find', 'd/sub', '-type', 'f', '-exec', 'echo', 'got', '{}', ';'], '', TREE,
     'got d/sub/c.txt\ngot d/sub/deep/e.C\n', 0),
    ('find-exec-plus', ['find', 'd/sub', '-type', 'f', '-exec', 'echo', 'all', '{}', '+'], '',
     TREE, 'all d/sub/c.txt d/sub/deep/e.C\n', 0),
    ('find-exec-as-test', ['find', 'd', '-type', 'f', '-exec', 'grep', '-q', 'gamma', '{}', ';',
                           '-print'], '', TREE, 'd/sub/c.txt\n', 0),
    ('find-print0', ['find', 'd/sub/deep', '-print0'], '', TREE, 'd/sub/deep\0d/sub/deep/e.C\0', 0),
    ('find-default-dot', ['find', '-name', 'x*'], '', {'x1': '', 'y': ''}, './x1\n', 0),
    ('find-missing-path', ['find', 'nope', 'd/sub/deep'], '', TREE, 'd/sub/deep\nd/sub/deep/e.C\n',
     1),
    ('find-exec-plus-fails', ['find', 'd', '-exec', 'false', '{}', '+'], '', TREE, '', 1),
    ('find-unknown-primary', ['find', 'd', '-bogus'], '', TREE, '', 2),
    ('find-missing-argument', ['find', 'd', '-name'], '', TREE, '', 2),
    ('find-unbalanced', ['find', 'd', '(', '-name', 'x'], '', TREE, '', 2),
    ('find-bad-type', ['find', 'd', '-type', 'q'], '', TREE, '', 2),
    ('find-exec-unterminated', ['find', 'd', '-exec', 'echo'], '', TREE, '', 2),
    # dd
    ('dd-copy', ['dd', 'if=in', 'bs=4', 'status=none'], '', {'in': 'abcdefghij'}, 'abcdefghij', 0),
    ('dd-skip-count', ['dd', 'if=in', 'bs=2', 'skip=1', 'count=2', 'status=none'], '',
     {'in': 'abcdefghij'}, 'cdef', 0),
    ('dd-stdin', ['dd', 'ibs=3', 'obs=2', 'status=none'], 'hello', {}, 'hello', 0),
    ('dd-sync', ['dd', 'bs=4', 'conv=sync', 'status=none'], 'abcde', {}, 'abcde\0\0\0', 0),
    ('dd-product', ['dd', 'if=in', 'bs=1x2', 'count=1', 'status=none'], '', {'in': 'abc'}, 'ab', 0),
    ('dd-missing-input', ['dd', 'if=nope'], '', {}, '', 1),
    ('dd-bad-operand', ['dd', 'colour=blue'], '', {}, '', 2),
    ('dd-bad-number', ['dd', 'bs=x'], '', {}, '', 1),
    ('dd-bad-conversion', ['dd', 'conv=shout'], '', {}, '', 2),
    # which
    ('which-missing', ['which', 'no-such-command-here'], '', {}, '', 1),
    ('which-bad-option', ['which', '-z', 'sh'], '', {}, '', 2),
    # kill
    ('kill-name-of-status', ['kill', '-l', '143'], '', {}, 'TERM\n', 0),
    ('kill-name-of-number', ['kill', '-l', '9'], '', {}, 'KILL\n', 0),
    ('kill-bad-signal', ['kill', '-s', 'NOPE', '1'], '', {}, '', 2),
    ('kill-bad-pid', ['kill', 'abc'], '', {}, '', 1),
    ('kill-no-pid', ['kill'], '', {}, '', 2),
    # sleep
    ('sleep-fraction', ['sleep', '0.05'], '', {}, '', 0),
    ('sleep-units', ['sleep', '0.001m', '0.01s'], '', {}, '', 0),
    ('sleep-bad', ['sleep', '1x'], '', {}, '', 1),
    ('sleep-no-operand', ['sleep'], '', {}, '', 2),
    # date
    ('date-setting-refused', ['date', '0101'], '', {}, '', 1),
    ('date-bad-option', ['date', '-z'], '', {}, '', 2),
    # stat
    ('stat-missing', ['stat', 'nope'], '', {}, '', 1),
    ('stat-no-operand', ['stat'], '', {}, '', 2),
    # du
    ('du-missing', ['du', 'nope'], '', {}, '', 1),
    ('du-a-and-s', ['du', '-a', '-s'], '', {}, '', 2),
    # mkdir, rmdir, ln, chmod, chown, touch, cp, mv, rm: usage
    ('mkdir-no-operand', ['mkdir'], '', {}, '', 2),
    ('mkdir-bad-mode', ['mkdir', '-m', 'u+q', 'x'], '', {}, '', 2),
    ('rmdir-no-operand', ['rmdir'], '', {}, '', 2),
    ('ln-no-operand', ['ln'], '', {}, '', 2),
    ('chmod-no-file', ['chmod', '755'], '', {}, '', 2),
    ('chmod-bad-mode', ['chmod', 'u+q', 'f'], '', {'f': ''}, '', 1),
    ('chmod-missing-file', ['chmod', '644', 'nope'], '', {}, '', 1),
    ('chown-no-file', ['chown', 'root'], '', {}, '', 2),
    ('chown-unknown-user', ['chown', 'no-such-user-here', 'f'], '', {'f': ''}, '', 1),
    ('touch-bad-date', ['touch', '-t', '202302300000', 'f'], '', {}, '', 1),
    ('touch-no-operand', ['touch'], '', {}, '', 2),
    ('cp-no-target', ['cp', 'f'], '', {'f': ''}, '', 2),
    ('cp-missing-source', ['cp', 'nope', 'x'], '', {}, '', 1),
    ('mv-no-target', ['mv', 'f'], '', {'f': ''}, '', 2),
    ('mv-missing-source', ['mv', 'nope', 'x'], '', {}, '', 1),
    ('rm-no-operand', ['rm'], '', {}, '', 2),
    ('rm-f-no-operand', ['rm', '-f'], '', {}, '', 0),
    ('tar-no-mode', ['tar', '-v'], '', {}, '', 2),
    ('tar-two-modes', ['tar', '-c', '-t', 'f'], '', {'f': ''}, '', 2),
    ('tar-empty-create', ['tar', '-cf', 'x.tar'], '', {}, '', 2),
    ('id-unknown-user', ['id', 'no-such-user-here'], '', {}, '', 1),
    ('id-bad-option', ['id', '-q'], '', {}, '', 2),
]


# Failures that are answers, not errors: nothing is said on stderr.
QUIET_FAILURES = {'false', 'cmp-silent', 'xargs-command-fails', 'expr-zero-is-false',
                  'expr-equal', 'expr-and', 'expr-match-anchored', 'which-missing',
                  'find-exec-plus-fails'}


@pytest.mark.parametrize('case,argv,stdin,files,want,status', CASES, ids=[c[0] for c in CASES])
def test_file_utility(tmp_path, case, argv, stdin, files, want, status):
    make_files(tmp_path, files)
    p = run(tmp_path, argv, stdin)
    assert p.stdout == want, p.stderr
    assert p.returncode == status, p.stderr
    if status != 0 and case not in QUIET_FAILURES and not want:
        assert p.stderr.startswith(argv[0] + ':') or p.stderr.startswith('usage: '), \
            'an error must say what went wrong, naming the program'
    if status == 0:
        assert p.stderr == ''


# (id, expected exit status, arguments of test)
TEST_CASES = [
    ('no-args', 1, []), ('one-nonempty', 0, ['x']), ('one-empty', 1, ['']),
    ('n', 0, ['-n', 'x']), ('z', 0, ['-z', '']), ('z-nonempty', 1, ['-z', 'x']),
    ('not', 1, ['!', 'x']), ('eq-string', 0, ['a', '=', 'a']), ('ne-string', 1, ['a', '!=', 'a']),
    ('lt', 0, ['3', '-lt', '10']), ('gt', 1, ['3', '-gt', '10']), ('le', 0, ['3', '-le', '3']),
    ('ge', 0, ['4', '-ge', '3']), ('eq', 0, ['07', '-eq', '7']), ('ne', 0, ['1', '-ne', '2']),
    ('negative', 0, ['-5', '-lt', '0']),
    ('bang-is-operand', 1, ['!', '=', 'x']), ('paren-word', 0, ['(', 'x', ')']),
    ('not-n', 0, ['!', '-n', '']), ('and', 0, ['-d', '.', '-a', '-f', 'f']),
    ('and-false', 1, ['-d', '.', '-a', '-f', 'nope']),
    ('or', 0, ['-f', 'nope', '-o', '-d', '.']),
    ('grouped', 1, ['(', '-d', '.', '-o', 'x', ')', '-a', '']),
    ('d', 0, ['-d', '.']), ('f', 0, ['-f', 'f']), ('f-dir', 1, ['-f', '.']),
    ('e-missing', 1, ['-e', 'nope']), ('s-empty', 1, ['-s', 'empty']), ('s', 0, ['-s', 'f']),
    ('h', 0, ['-h', 'link']), ('L-file', 1, ['-L', 'f']), ('x-dir', 0, ['-x', '.']),
    ('ef', 0, ['f', '-ef', './f']), ('nt', 0, ['f', '-nt', 'old']), ('ot', 0, ['old', '-ot', 'f']),
    ('t-not-tty', 1, ['-t', '0']), ('str-lt', 0, ['abc', '<', 'abd']),
    ('bad-integer', 2, ['a', '-eq', '1']), ('too-many', 2, ['1', '2', '3', '4', '5']),
    ('unary-expected', 2, ['x', 'y']),
]


@pytest.mark.parametrize('status,args', [c[1:] for c in TEST_CASES],
                         ids=[c[0] for c in TEST_CASES])
@pytest.mark.parametrize('name', ['test', '['])
def test_test_and_bracket(tmp_path, name, status, args):
    make_files(tmp_path, {'f': 'x', 'empty': '', 'old': ''})
    os.utime(tmp_path / 'old', (OLD, OLD))
    os.symlink('f', tmp_path / 'link')
    p = run(tmp_path, [name] + args + ([']'] if name == '[' else []))
    assert p.returncode == status, p.stderr
    assert bool(p.stderr) == (status == 2)


def test_bracket_needs_closing_bracket(tmp_path):
    p = run(tmp_path, ['[', '1', '-eq', '1'])
    assert p.returncode == 2 and p.stderr == '[: missing \']\'\n'


# ---- error messages name the program, the file and the reason ---------------

def test_errors_name_program_file_and_reason(tmp_path):
    cases = [
        (['cat', 'nope'], "cat: nope: No such file or directory\n"),
        (['ls', 'nope'], "ls: cannot access 'nope': No such file or directory\n"),
        (['cp', 'nope', 'x'], "cp: cannot stat 'nope': No such file or directory\n"),
        (['rm', 'nope'], "rm: cannot remove 'nope': No such file or directory\n"),
        (['rmdir', 'nope'], "rmdir: cannot remove 'nope': No such file or directory\n"),
        (['stat', 'nope'], "stat: cannot stat 'nope': No such file or directory\n"),
        (['find', 'nope'], "find: 'nope': No such file or directory\n"),
        (['du', 'nope'], "du: cannot access 'nope': No such file or directory\n"),
        (['chmod', '600', 'nope'], "chmod: cannot access 'nope': No such file or directory\n"),
        (['touch', 'nodir/f'], "touch: cannot touch 'nodir/f': No such file or directory\n"),
        (['mkdir', 'nodir/d'], "mkdir: cannot create directory 'nodir/d': "
                               "No such file or directory\n"),
        (['dd', 'if=nope'], "dd: cannot open 'nope': No such file or directory\n"),
        (['tar', 'tf', 'nope'], "tar: cannot open 'nope': No such file or directory\n"),
        (['cmp', 'nope', 'nope2'], "cmp: nope: No such file or directory\n"),
        (['find', '.', '-frob'], "find: unknown primary '-frob'\n"),
        (['printf', '%d', 'x'], "printf: 'x': expected a numeric value\n"),
    ]
    for argv, want in cases:
        assert run(tmp_path, argv).stderr == want, argv


def test_permission_denied_is_reported(shared):
    make_files(shared, {'secret': 'x\n', 'locked/': '', 'locked/f': ''})
    os.chmod(os.path.join(shared, 'secret'), 0)
    os.chmod(os.path.join(shared, 'locked'), 0o555)
    p = run(shared, ['cat', 'secret'], as_nobody=True)
    assert (p.returncode, p.stderr) == (1, 'cat: secret: Permission denied\n')
    p = run(shared, ['rm', '-f', 'locked/f'], as_nobody=True)
    assert (p.returncode, p.stderr) == (1, "rm: cannot remove 'locked/f': Permission denied\n")
    p = run(shared, ['cp', 'secret', 'copy'], as_nobody=True)
    assert p.returncode == 1
    assert p.stderr == "cp: cannot open 'secret' for reading: Permission denied\n"
    p = run(shared, ['mkdir', 'locked/new'], as_nobody=True)
    assert p.stderr == "mkdir: cannot create directory 'locked/new': Permission denied\n"
    p = run(shared, ['touch', 'locked/new'], as_nobody=True)
    assert p.stderr == "touch: cannot touch 'locked/new': Permission denied\n"
    p = run(shared, ['ls', 'locked'], as_nobody=True)
    assert p.returncode == 0
    os.chmod(os.path.join(shared, 'locked'), 0o311)
    p = run(shared, ['ls', 'locked'], as_nobody=True)
    assert p.returncode == 1
    assert p.stderr == "ls: cannot open directory 'locked': Permission denied\n"
    p = run(shared, ['find', 'locked'], as_nobody=True)
    assert (p.stdout, p.returncode) == ('locked\n', 1)
    assert p.stderr == "find: 'locked': Permission denied\n"
    os.chmod(os.path.join(shared, 'locked'), 0o755)


# ---- ls ---------------------------------------------------------------------

def test_ls_long_format(tmp_path):
    make_files(tmp_path, {'exe': 'hello', 'd/': ''})
    os.chmod(tmp_path / 'exe', 0o4755)
    os.utime(tmp_path / 'exe', (OLD, OLD))
    os.symlink('exe', tmp_path / 'link')
    os.utime(tmp_path / 'link', (OLD, OLD), follow_symlinks=False)
    p = run(tmp_path, ['ls', '-l', 'exe', 'link'])
    assert p.stdout == (f'-rwsr-xr-x 1 {ME} {MY_GROUP} 5 Jan  2  2020 exe\n'
                        f'lrwxrwxrwx 1 {ME} {MY_GROUP} 3 Jan  2  2020 link -> exe\n')
    p = run(tmp_path, ['ls', '-ln', 'exe'])
    assert p.stdout == f'-rwsr-xr-x 1 {os.getuid()} {os.getgid()} 5 Jan  2  2020 exe\n'


def test_ls_long_format_recent_time_and_total(tmp_path):
    make_files(tmp_path, {'f': 'x' * 10})
    now = time.time() - 3600
    os.utime(tmp_path / 'f', (now, now))
    p = run(tmp_path, ['ls', '-l'])
    lines = p.stdout.splitlines()
    blocks = os.stat(tmp_path / 'f').st_blocks
    assert lines[0] == f'total {blocks}'
    assert re.fullmatch(rf'-rw-r--r-- 1 {ME} {MY_GROUP} 10 [A-Z][a-z][a-z] [ 1-3]\d \d\d:\d\d f',
                        lines[1]), lines[1]


def test_ls_human_sizes_inodes_and_time_order(tmp_path):
    make_files(tmp_path, {'big': 'x' * 2048, 'small': 'x', 'old': ''})
    os.utime(tmp_path / 'old', (OLD, OLD))
    os.utime(tmp_path / 'big', (OLD + 10, OLD + 10))
    assert '2.0K' in run(tmp_path, ['ls', '-lh', 'big']).stdout
    ino = os.stat(tmp_path / 'small').st_ino
    assert run(tmp_path, ['ls', '-i', 'small']).stdout == f'{ino} small\n'
    assert run(tmp_path, ['ls', '-t']).stdout == 'small\nbig\nold\n'
    assert run(tmp_path, ['ls', '-tr']).stdout == 'old\nbig\nsmall\n'


def test_ls_columns_fill_down_within_the_width(tmp_path):
    make_files(tmp_path, {name: '' for name in ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7']})
    p = run(tmp_path, ['ls', '-C'], env={'COLUMNS': '16'})
    assert p.stdout == 'a1  c3  e5  g7\nb2  d4  f6\n'
    p = run(tmp_path, ['ls', '-C'], env={'COLUMNS': '12'})
    assert p.stdout == 'a1  d4  g7\nb2  e5\nc3  f6\n'


def test_ls_follows_symlink_operand_unless_long(tmp_path):
    make_files(tmp_path, {'d/inside': ''})
    os.symlink('d', tmp_path / 'link')
    assert run(tmp_path, ['ls', 'link']).stdout == 'inside\n'
    assert run(tmp_path, ['ls', '-l', 'link']).stdout.endswith(' link -> d\n')


# ---- cp, mv, rm, ln, mkdir, rmdir -------------------------------------------

def test_cp_file_keeps_content_and_mode(tmp_path):
    make_files(tmp_path, {'src': 'content\n'})
    os.chmod(tmp_path / 'src', 0o751)
    assert run(tmp_path, ['cp', 'src', 'dst']).returncode == 0
    assert (tmp_path / 'dst').read_text() == 'content\n'
    assert stat.S_IMODE(os.stat(tmp_path / 'dst').st_mode) == 0o751 & ~0o022


def test_cp_into_directory_and_several_sources(tmp_path):
    make_files(tmp_path, {'a': 'A', 'b': 'B', 'dir/': ''})
    assert run(tmp_path, ['cp', 'a', 'b', 'dir/']).returncode == 0
    assert sorted(os.listdir(tmp_path / 'dir')) == ['a', 'b']
    p = run(tmp_path, ['cp', 'a', 'b', 'notdir'])
    assert (p.returncode, p.stderr) == (1, "cp: target 'notdir' is not a directory\n")


def test_cp_recursive_copies_tree_and_links(tmp_path):
    make_files(tmp_path, TREE)
    os.symlink('a.txt', tmp_path / 'd' / 'ln')
    p = run(tmp_path, ['cp', 'd', 'e'])
    assert (p.returncode, p.stderr) == (1, "cp: -R not specified; omitting directory 'd'\n")
    assert run(tmp_path, ['cp', '-r', 'd', 'e']).returncode == 0
    assert (tmp_path / 'e' / 'sub' / 'c.txt').read_text() == 'gamma\n'
    assert os.readlink(tmp_path / 'e' / 'ln') == 'a.txt'
    assert run(tmp_path, ['cp', '-R', 'd', 'e']).returncode == 0  # into the existing e
    assert (tmp_path / 'e' / 'd' / 'b.c').exists()


def test_cp_preserve_keeps_times_and_mode(tmp_path):
    make_files(tmp_path, {'d/f': 'x'})
    os.chmod(tmp_path / 'd' / 'f', 0o640)
    os.utime(tmp_path / 'd' / 'f', (OLD, OLD))
    os.utime(tmp_path / 'd', (OLD, OLD))
    assert run(tmp_path, ['cp', '-pr', 'd', 'e']).returncode == 0
    st = os.stat(tmp_path / 'e' / 'f')
    assert (st.st_mtime, stat.S_IMODE(st.st_mode)) == (OLD, 0o640)
    assert os.stat(tmp_path / 'e').st_mtime == OLD


def test_cp_refuses_same_file_and_copy_into_itself(tmp_path):
    make_files(tmp_path, {'f': 'x', 'd/g': ''})
    p = run(tmp_path, ['cp', 'f', './f'])
    assert (p.returncode, p.stderr) == (1, "cp: 'f' and './f' are the same file\n")
    p = run(tmp_path, ['cp', '-r', 'd', 'd/sub'])
    assert p.returncode == 1 and 'into itself' in p.stderr
    assert not (tmp_path / 'd' / 'sub').exists()


def test_cp_interactive_asks_before_overwriting(tmp_path):
    make_files(tmp_path, {'a': 'new', 'b': 'old'})
    p = run(tmp_path, ['cp', '-i', 'a', 'b'], stdin='n\n')
    assert p.stderr == "cp: overwrite 'b'? " and (tmp_path / 'b').read_text() == 'old'
    run(tmp_path, ['cp', '-i', 'a', 'b'], stdin='y\n')
    assert (tmp_path / 'b').read_text() == 'new'


def test_cp_force_replaces_unwritable_destination(shared):
    make_files(shared, {'a': 'new'})
    run(shared, ['touch', 'b'], as_nobody=True)
    run(shared, ['chmod', '444', 'b'], as_nobody=True)
    assert run(shared, ['cp', 'a', 'b'], as_nobody=True).returncode == 1
    assert run(shared, ['cp', '-f', 'a', 'b'], as_nobody=True).returncode == 0
    assert open(os.path.join(shared, 'b')).read() == 'new'


def test_mv_renames_and_moves_into_directory(tmp_path):
    make_files(tmp_path, {'a': 'A', 'b': 'B', 'dir/': ''})
    assert run(tmp_path, ['mv', 'a', 'c']).returncode == 0
    assert (tmp_path / 'c').read_text() == 'A' and not (tmp_path / 'a').exists()
    assert run(tmp_path, ['mv', 'b', 'c', 'dir']).returncode == 0
    assert sorted(os.listdir(tmp_path / 'dir')) == ['b', 'c']


def test_mv_interactive_and_errors(tmp_path):
    make_files(tmp_path, {'a': 'A', 'b': 'B', 'd/sub/': ''})
    p = run(tmp_path, ['mv', '-i', 'a', 'b'], stdin='n\n')
    assert p.stderr == "mv: overwrite 'b'? " and (tmp_path / 'a').exists()
    p = run(tmp_path, ['mv', 'd', 'd/sub'])
    assert p.returncode == 1
    assert p.stderr == "mv: cannot move 'd' to a subdirectory of itself, 'd/sub/d'\n"


def test_mv_across_file_systems_copies_then_removes(tmp_path):
    other = '/dev/shm'
    if not os.path.isdir(other) or os.stat(other).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip('no second file system to move to')
    make_files(tmp_path, {'t/f': 'data', 't/sub/g': 'more'})
    os.symlink('f', tmp_path / 't' / 'ln')
    os.utime(tmp_path / 't' / 'f', (OLD, OLD))
    dest = tempfile.mkdtemp(dir=other)
    try:
        assert run(tmp_path, ['mv', 't', dest]).returncode == 0
        assert not (tmp_path / 't').exists()
        assert open(os.path.join(dest, 't', 'sub', 'g')).read() == 'more'
        assert os.readlink(os.path.join(dest, 't', 'ln')) == 'f'
        assert os.stat(os.path.join(dest, 't', 'f')).st_mtime == OLD
        assert run(tmp_path, ['mv', os.path.join(dest, 't', 'f'), 'back']).returncode == 0
        assert (tmp_path / 'back').read_text() == 'data'
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def test_rm_files_trees_and_refusals(tmp_path):
    make_files(tmp_path, TREE)
    make_files(tmp_path, {'f': ''})
    p = run(tmp_path, ['rm', 'd'])
    assert (p.returncode, p.stderr) == (1, "rm: cannot remove 'd': Is a directory\n")
    assert run(tmp_path, ['rm', '-r', 'd', 'f']).returncode == 0
    assert os.listdir(tmp_path) == []
    for name in ['.', '..', 'x/..']:
        p = run(tmp_path, ['rm', '-rf', name])
        assert p.returncode == 1 and 'refusing' in p.stderr, name
    assert run(tmp_path, ['rm', '-f', 'nope']).returncode == 0
    assert run(tmp_path, ['rm', 'nope']).returncode == 1


def test_rm_refuses_the_root_directory(shared):
    # As 'nobody' and answering no, so that even a broken rm could remove nothing.
    p = run(shared, ['rm', '-ri', '/'], stdin='n\n' * 10, as_nobody=True)
    assert p.returncode == 1
    assert p.stderr == "rm: it is dangerous to operate recursively on '/': skipping\n"


def test_rm_interactive(tmp_path):
    make_files(tmp_path, {'a': 'x', 'd/b': ''})
    p = run(tmp_path, ['rm', '-i', 'a'], stdin='n\n')
    assert p.stderr == "rm: remove regular file 'a'? " and (tmp_path / 'a').exists()
    run(tmp_path, ['rm', '-i', 'a'], stdin='y\n')
    assert not (tmp_path / 'a').exists()
    p = run(tmp_path, ['rm', '-ri', 'd'], stdin='y\ny\ny\n')
    assert p.stderr == ("rm: descend into directory 'd'? rm: remove regular empty file 'd/b'? "
                        "rm: remove directory 'd'? ")
    assert not (tmp_path / 'd').exists()


def test_mkdir_parents_and_modes(tmp_path):
    assert run(tmp_path, ['mkdir', '-p', 'a/b/c']).returncode == 0
    assert (tmp_path / 'a' / 'b' / 'c').is_dir()
    assert run(tmp_path, ['mkdir', '-p', 'a/b/c']).returncode == 0
    p = run(tmp_path, ['mkdir', 'a'])
    assert (p.returncode, p.stderr) == (1, "mkdir: cannot create directory 'a': File exists\n")
    run(tmp_path, ['mkdir', '-m', '700', 'm1'])
    run(tmp_path, ['mkdir', '-m', 'u=rwx,g=rx,o=', 'm2'])
    run(tmp_path, ['mkdir', '-m', '1777', 'm3'])
    modes = [stat.S_IMODE(os.stat(tmp_path / m).st_mode) for m in ['m1', 'm2', 'm3']]
    assert modes == [0o700, 0o750, 0o1777]


def test_rmdir_parents_and_non_empty(tmp_path):
    make_files(tmp_path, {'a/b/c/': '', 'full/f': ''})
    assert run(tmp_path, ['rmdir', '-p', 'a/b/c']).returncode == 0
    assert not (tmp_path / 'a').exists()
    p = run(tmp_path, ['rmdir', 'full'])
    assert (p.returncode, p.stderr) == (1, "rmdir: cannot remove 'full': Directory not empty\n")


def test_ln_hard_symbolic_and_force(tmp_path):
    make_files(tmp_path, {'f': 'x', 'g': 'y', 'dir/': ''})
    assert run(tmp_path, ['ln', 'f', 'h']).returncode == 0
    assert os.stat(tmp_path / 'h').st_ino == os.stat(tmp_path / 'f').st_ino
    assert run(tmp_path, ['ln', '-s', 'some/target', 's']).returncode == 0
    assert os.readlink(tmp_path / 's') == 'some/target'
    p = run(tmp_path, ['ln', '-s', 'f', 's'])
    assert (p.returncode, p.stderr) == (1, "ln: cannot create symbolic link 's': File exists\n")
    assert run(tmp_path, ['ln', '-sf', 'f', 's']).returncode == 0
    assert os.readlink(tmp_path / 's') == 'f'
    assert run(tmp_path, ['ln', '-f', 'g', 'h']).returncode == 0
    assert (tmp_path / 'h').read_text() == 'y'
    p = run(tmp_path, ['ln', '-f', 'f', './f'])
    assert p.returncode == 1 and (tmp_path / 'f').read_text() == 'x'
    assert run(tmp_path, ['ln', '-s', '../f', 'g', 'dir']).returncode == 0
    assert sorted(os.listdir(tmp_path / 'dir')) == ['f', 'g']


# ---- chmod, chown, touch ----------------------------------------------------

@pytest.mark.parametrize('start,mode,want', [
    (0o644, '755', 0o755), (0o644, 'u+x', 0o744), (0o777, 'go-w', 0o755),
    (0o600, 'a=r', 0o444), (0o640, 'g=u', 0o660), (0o700, 'u-x,o+r', 0o604),
    (0o644, '+x', 0o755), (0o644, 'u+s', 0o4644), (0o755, '-w', 0o555),
    (0o600, 'a+X', 0o600), (0o700, 'a+X', 0o711), (0o644, 'o=rwx,g-r', 0o607),
    (0o4755, '0755', 0o755), (0o755, '+t', 0o1755),
])
def test_chmod_modes(tmp_path, start, mode, want):
    make_files(tmp_path, {'f': ''})
    os.chmod(tmp_path / 'f', start)
    p = run(tmp_path, ['chmod', mode, 'f'])
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(tmp_path / 'f').st_mode) == want


def test_chmod_recursive_x_for_directories_only(tmp_path):
    make_files(tmp_path, {'d/f': '', 'd/sub/g': ''})
    os.chmod(tmp_path / 'd' / 'f', 0o600)
    os.symlink('f', tmp_path / 'd' / 'ln')
    assert run(tmp_path, ['chmod', '-R', 'go=rX', 'd']).returncode == 0
    mode = lambda *p: stat.S_IMODE(os.stat(tmp_path.joinpath(*p)).st_mode)
    assert (mode('d'), mode('d', 'sub'), mode('d', 'f'), mode('d', 'sub', 'g')) == \
        (0o755, 0o755, 0o644, 0o644)


def test_chown_user_group_and_recursive(tmp_path):
    if os.geteuid() != 0:
        pytest.skip('only root can give files away')
    make_files(tmp_path, {'f': '', 'd/g': ''})
    nobody = pwd.getpwnam('nobody')
    assert run(tmp_path, ['chown', 'nobody', 'f']).returncode == 0
    assert os.stat(tmp_path / 'f').st_uid == nobody.pw_uid
    assert run(tmp_path, ['chown', f'0:{nobody.pw_gid}', 'f']).returncode == 0
    st = os.stat(tmp_path / 'f')
    assert (st.st_uid, st.st_gid) == (0, nobody.pw_gid)
    assert run(tmp_path, ['chown', ':0', 'f']).returncode == 0
    assert os.stat(tmp_path / 'f').st_gid == 0
    assert run(tmp_path, ['chown', '-R', 'nobody', 'd']).returncode == 0
    assert os.stat(tmp_path / 'd' / 'g').st_uid == nobody.pw_uid


def test_chown_not_permitted(shared):
    make_files(shared, {'f': ''})
    p = run(shared, ['chown', 'root', 'f'], as_nobody=True)
    if os.geteuid() == 0:
        assert p.returncode == 1
        assert p.stderr == "chown: cannot change the owner of 'f': Operation not permitted\n"


def test_touch_creates_and_sets_times(tmp_path):
    assert run(tmp_path, ['touch', 'new']).returncode == 0
    assert (tmp_path / 'new').exists()
    assert run(tmp_path, ['touch', '-c', 'absent']).returncode == 0
    assert not (tmp_path / 'absent').exists()
    run(tmp_path, ['touch', '-t', '202001021504.05', 'new'])
    assert os.stat(tmp_path / 'new').st_mtime == OLD
    run(tmp_path, ['touch', '-t', '9901010000', 'y2k'])
    assert time.gmtime(os.stat(tmp_path / 'y2k').st_mtime)[:3] == (1999, 1, 1)
    run(tmp_path, ['touch', '-d', '2020-01-02T15:04:05.5Z', 'frac'])
    assert os.stat(tmp_path / 'frac').st_mtime == OLD + 0.5
    run(tmp_path, ['touch', '-r', 'new', 'copy'])
    assert os.stat(tmp_path / 'copy').st_mtime == OLD
    run(tmp_path, ['touch', '-a', '-t', '202101010000', 'copy'])
    st = os.stat(tmp_path / 'copy')
    assert (st.st_mtime, time.gmtime(st.st_atime)[0]) == (OLD, 2021)
    run(tmp_path, ['touch', '-m', 'copy'])
    assert os.stat(tmp_path / 'copy').st_mtime > OLD + 1000


# ---- pwd, stat, du ----------------------------------------------------------

def test_pwd_logical_and_physical(tmp_path):
    make_files(tmp_path, {'real/': ''})
    os.symlink('real', tmp_path / 'link')
    here = os.path.realpath(tmp_path)
    link = tmp_path / 'link'
    assert run(link, ['pwd', '-P']).stdout == f'{here}/real\n'
    assert run(link, ['pwd'], env={'PWD': str(link)}).stdout == f'{link}\n'
    assert run(link, ['pwd', '-L'], env={'PWD': '/tmp/../nowhere'}).stdout == f'{here}/real\n'


def test_stat_format_sequences(tmp_path):
    make_files(tmp_path, {'f': 'hello'})
    os.chmod(tmp_path / 'f', 0o640)
    os.utime(tmp_path / 'f', (OLD, OLD))
    st = os.stat(tmp_path / 'f')
    p = run(tmp_path, ['stat', '-c', '%n %s %a %A %u %g %U %G %i %h %F %y %Y %%', 'f'])
    assert p.stdout == (f'f 5 640 -rw-r----- {st.st_uid} {st.st_gid} {ME} {MY_GROUP} '
                        f'{st.st_ino} 1 regular file 2020-01-02 15:04:05.000000000 +0000 '
                        f'{OLD} %\n')
    os.symlink('f', tmp_path / 'ln')
    assert run(tmp_path, ['stat', '-c', '%F', 'ln']).stdout == 'symbolic link\n'
    assert run(tmp_path, ['stat', '-L', '-c', '%F', 'ln']).stdout == 'regular file\n'
    assert run(tmp_path, ['stat', '-c', '%F', '.']).stdout == 'directory\n'


def test_stat_default_shows_every_field(tmp_path):
    make_files(tmp_path, {'f': 'hello'})
    os.utime(tmp_path / 'f', (OLD, OLD))
    st = os.stat(tmp_path / 'f')
    out = run(tmp_path, ['stat', 'f']).stdout
    assert out.startswith('  File: f\n  Size: 5 ')
    for text in [f'Blocks: {st.st_blocks}', 'regular file', f'Inode: {st.st_ino}', 'Links: 1',
                 'Access: (0644/-rw-r--r--)', f'Uid: ({st.st_uid:5}/', f'Gid: ({st.st_gid:5}/',
                 'Modify: 2020-01-02 15:04:05.000000000 +0000', 'Access: 2020-01-02', 'Change: ',
                 f'Device: {st.st_dev:x}h/{st.st_dev}d']:
        assert text in out, text


def test_du_counts_blocks(tmp_path):
    make_files(tmp_path, {'d/a': 'x' * 5000, 'd/sub/b': 'y' * 9000})
    os.link(tmp_path / 'd' / 'a', tmp_path / 'd' / 'sub' / 'hard')
    blocks = lambda *p: os.lstat(tmp_path.joinpath(*p)).st_blocks
    sub = blocks('d', 'sub') + blocks('d', 'sub', 'b')  # the hard link counts once
    total = blocks('d') + blocks('d', 'a') + sub
    assert run(tmp_path, ['du', 'd']).stdout == f'{sub}\td/sub\n{total}\td\n'
    assert run(tmp_path, ['du', '-s', 'd']).stdout == f'{total}\td\n'
    assert run(tmp_path, ['du', '-sk', 'd']).stdout == f'{(total + 1) // 2}\td\n'
    lines = run(tmp_path, ['du', '-a', 'd']).stdout.splitlines()
    assert f'{blocks("d", "a")}\td/a' in lines and len(lines) == 4
    assert re.fullmatch(r'\d+(\.\d)?K\td\n', run(tmp_path, ['du', '-sh', 'd']).stdout)


# ---- the in-OS scripts, run here against the host builds -------------------

def utility_scripts():
    names = set(FILE_UTILS) - {'['}
    return sorted(p for p in glob.glob(os.path.join(UTILS, '*.sh'))
                  if os.path.basename(p)[:-3] in names)


def test_every_utility_has_an_in_os_script():
    have = {os.path.basename(p)[:-3] for p in utility_scripts()}
    assert set(FILE_UTILS) - {'['} <= have


@pytest.mark.parametrize('script', utility_scripts(), ids=lambda p: os.path.basename(str(p)))
def test_in_os_script_passes_on_the_host(tmp_path, script):
    env = dict(os.environ, PATH=BIN + ':/usr/bin:/bin', TMPDIR=str(tmp_path), LC_ALL='C')
    p = subprocess.run(['/bin/sh', script], capture_output=True, text=True, env=env, timeout=120)
    lines = p.stdout.splitlines()
    failures = [line for line in lines if not line.startswith('ok ')]
    assert lines and not failures, p.stdout + p.stderr
