"""The text utilities (commands/{wc,head,tail,grep,sed,sort,uniq,tr,cut,od,hexdump,diff,more,vi})
built for the host (make -C commands/NAME host), run on prepared inputs.

Each case gives the command line, its standard input, the files it needs
and the exact output and exit status expected. vi and more are driven
through a pty with pexpect. The in-OS versions of these checks,
tests/utils/*.sh, are run here too, against the host builds.
"""
import glob
import os
import re
import subprocess
import time

import pexpect
import pytest

import harness

BIN = os.path.join(harness.BUILD, 'host', 'bin')
UTILS = os.path.join(harness.TOP, 'tests', 'utils')
TEXT_UTILS = ['wc', 'head', 'tail', 'grep', 'sed', 'sort', 'uniq', 'tr', 'cut', 'od', 'hexdump',
              'diff', 'more', 'vi']

FRUIT = 'apple pie\nbanana\nCherry tart\napple\n'
NUMBERS = ''.join(f'{i}\n' for i in range(1, 21))
PEOPLE = 'bob:25:london\nalice:30:paris\ncarol:25:berlin\ndave:4:rome\n'

# (id, argv, stdin, files, expected stdout, expected status)
CASES = [
    # wc
    ('wc-all', ['wc', 'f'], '', {'f': 'one two\nthree\n\nfour'}, '      3       4      19 f\n', 0),
    ('wc-lines-stdin', ['wc', '-l'], 'a\nb\nc\n', {}, '3\n', 0),
    ('wc-words-total', ['wc', '-w', 'f', 'g'], '', {'f': 'a b\n', 'g': 'c\n'},
     '      2 f\n      1 g\n      3 total\n', 0),
    ('wc-chars-utf8', ['wc', '-m'], 'h\u00e9\n', {}, '3\n', 0),
    ('wc-bytes', ['wc', '-c'], 'h\u00e9\n', {}, '4\n', 0),
    ('wc-missing-file', ['wc', 'nonexistent'], '', {}, '', 1),
    ('wc-bad-option', ['wc', '-z'], '', {}, '', 2),
    # head
    ('head-default', ['head'], NUMBERS, {}, ''.join(f'{i}\n' for i in range(1, 11)), 0),
    ('head-n', ['head', '-n', '3'], NUMBERS, {}, '1\n2\n3\n', 0),
    ('head-obsolete-count', ['head', '-2'], NUMBERS, {}, '1\n2\n', 0),
    ('head-bytes', ['head', '-c', '5'], NUMBERS, {}, '1\n2\n3', 0),
    ('head-headers', ['head', '-n', '1', 'f', 'g'], '', {'f': 'x\ny\n', 'g': 'z\n'},
     '==> f <==\nx\n\n==> g <==\nz\n', 0),
    ('head-bad-count', ['head', '-n', 'x'], '', {}, '', 2),
    # tail
    ('tail-default', ['tail'], NUMBERS, {}, ''.join(f'{i}\n' for i in range(11, 21)), 0),
    ('tail-n', ['tail', '-n', '2'], NUMBERS, {}, '19\n20\n', 0),
    ('tail-from-line', ['tail', '-n', '+19'], NUMBERS, {}, '19\n20\n', 0),
    ('tail-obsolete', ['tail', '-3'], NUMBERS, {}, '18\n19\n20\n', 0),
    ('tail-bytes', ['tail', '-c', '3'], NUMBERS, {}, '20\n', 0),
    ('tail-bytes-from', ['tail', '-c', '+3'], 'abcdef', {}, 'cdef', 0),
    ('tail-no-final-newline', ['tail', '-n', '1'], 'a\nb', {}, 'b', 0),
    ('tail-headers', ['tail', '-n', '1', 'f', 'g'], '', {'f': 'x\ny\n', 'g': 'z\n'},
     '==> f <==\ny\n\n==> g <==\nz\n', 0),
    # grep
    ('grep-basic', ['grep', 'apple', 'f'], '', {'f': FRUIT}, 'apple pie\napple\n', 0),
    ('grep-no-match', ['grep', 'kiwi', 'f'], '', {'f': FRUIT}, '', 1),
    ('grep-count', ['grep', '-c', 'a', 'f'], '', {'f': FRUIT}, '4\n', 0),
    ('grep-icase-number', ['grep', '-in', 'cherry', 'f'], '', {'f': FRUIT}, '3:Cherry tart\n', 0),
    ('grep-invert', ['grep', '-v', 'a', 'f'], '', {'f': 'abc\nxyz\n'}, 'xyz\n', 0),
    ('grep-extended', ['grep', '-E', 'an(an)+|^C', 'f'], '', {'f': FRUIT},
     'banana\nCherry tart\n', 0),
    ('grep-bre-interval', ['grep', 'p\\{2\\}', 'f'], '', {'f': FRUIT}, 'apple pie\napple\n', 0),
    ('grep-backref', ['grep', '\\(an\\)\\1', 'f'], '', {'f': FRUIT}, 'banana\n', 0),
    ('grep-fixed', ['grep', '-F', 'a.e', 'f'], '', {'f': 'a.e\nape\n'}, 'a.e\n', 0),
    ('grep-word', ['grep', '-w', 'apple', 'f'], '', {'f': 'apple pie\npineapple\napple\n'},
     'apple pie\napple\n', 0),
    ('grep-line', ['grep', '-x', 'apple', 'f'], '', {'f': FRUIT}, 'apple\n', 0),
    ('grep-list', ['grep', '-l', 'apple', 'f', 'g'], '', {'f': FRUIT, 'g': 'kiwi\n'}, 'f\n', 0),
    ('grep-list-without', ['grep', '-L', 'apple', 'f', 'g'], '', {'f': FRUIT, 'g': 'kiwi\n'},
     'g\n', 0),
    ('grep-names', ['grep', 'i', 'f', 'g'], '', {'f': 'pie\n', 'g': 'kiwi\n'},
     'f:pie\ng:kiwi\n', 0),
    ('grep-no-names', ['grep', '-h', 'i', 'f', 'g'], '', {'f': 'pie\n', 'g': 'kiwi\n'},
     'pie\nkiwi\n', 0),
    ('grep-force-name', ['grep', '-H', 'i', 'f'], '', {'f': 'pie\n'}, 'f:pie\n', 0),
    ('grep-several-e', ['grep', '-e', 'pie', '-e', 'nan', 'f'], '', {'f': FRUIT},
     'apple pie\nbanana\n', 0),
    ('grep-pattern-file', ['grep', '-f', 'p', 'f'], '', {'f': FRUIT, 'p': 'tart\nnana\n'},
     'banana\nCherry tart\n', 0),
    ('grep-quiet', ['grep', '-q', 'pie', 'f'], '', {'f': FRUIT}, '', 0),
    ('grep-missing-file', ['grep', 'x', 'nonexistent'], '', {}, '', 2),
    ('grep-silent', ['grep', '-s', 'x', 'nonexistent'], '', {}, '', 2),
    ('grep-bad-regex', ['grep', 'a\\(', 'f'], '', {'f': 'a\n'}, '', 2),
    ('grep-bad-option', ['grep', '-Z', 'x'], '', {}, '', 2),
    ('grep-recursive', ['grep', '-r', 'deep', 'd'], '', {'d/sub/f': 'deep\nshallow\n'},
     'd/sub/f:deep\n', 0),
    ('grep-stdin', ['grep', 'b'], 'a\nb\n', {}, 'b\n', 0),
    # sed
    ('sed-subst-global', ['sed', 's/o/0/g'], 'foo boo\n', {}, 'f00 b00\n', 0),
    ('sed-subst-nth', ['sed', 's/o/0/2'], 'foo boo\n', {}, 'fo0 boo\n', 0),
    ('sed-subst-groups', ['sed', 's/\\(a*\\)b/[\\1]/'], 'aab\n', {}, '[aa]\n', 0),
    ('sed-subst-ere-amp', ['sed', '-E', 's/(o+)/<&>/'], 'foo\n', {}, 'f<oo>\n', 0),
    ('sed-subst-delim', ['sed', 's|/|_|g'], 'a/b/c\n', {}, 'a_b_c\n', 0),
    ('sed-subst-empty-match', ['sed', 's/x*/-/g'], 'xab\n', {}, '-a-b-\n', 0),
    ('sed-subst-print', ['sed', '-n', 's/a/A/p'], 'a\nb\n', {}, 'A\n', 0),
    ('sed-print-line', ['sed', '-n', '2p'], 'a\nb\nc\n', {}, 'b\n', 0),
    ('sed-delete-range', ['sed', '2,3d'], 'a\nb\nc\nd\n', {}, 'a\nd\n', 0),
    ('sed-regex-range', ['sed', '-n', '/b/,/c/p'], 'a\nb\nx\nc\nd\n', {}, 'b\nx\nc\n', 0),
    ('sed-last-line', ['sed', '-n', '$p'], 'a\nb\n', {}, 'b\n', 0),
    ('sed-negate', ['sed', '/a/!d'], 'a\nb\nab\n', {}, 'a\nab\n', 0),
    ('sed-quit', ['sed', '2q'], 'a\nb\nc\n', {}, 'a\nb\n', 0),
    ('sed-next', ['sed', 'n;d'], '1\n2\n3\n4\n5\n', {}, '1\n3\n5\n', 0),
    ('sed-join-lines', ['sed', ':a;N;$!ba;s/\\n/,/g'], 'a\nb\nc\n', {}, 'a,b,c\n', 0),
    ('sed-reverse', ['sed', '1!G;h;$!d'], 'a\nb\nc\n', {}, 'c\nb\na\n', 0),
    ('sed-N-P-D', ['sed', '$!N;P;D'], 'a\nb\nc\n', {}, 'a\nb\nc\n', 0),
    ('sed-exchange', ['sed', '-n', 'x;$p'], 'a\nb\n', {}, 'a\n', 0),
    ('sed-branch-test', ['sed', 's/a/A/;ta;s/$/!/;:a'], 'a\nb\n', {}, 'A\nb!\n', 0),
    ('sed-append-insert', ['sed', '1i\\\ntop\n$a\\\nend'], 'x\n', {}, 'top\nx\nend\n', 0),
    ('sed-one-line-append', ['sed', '1a after'], 'x\ny\n', {}, 'x\nafter\ny\n', 0),
    ('sed-change-range', ['sed', '2,3c\\\nnew'], 'a\nb\nc\nd\n', {}, 'a\nnew\nd\n', 0),
    ('sed-translate', ['sed', 'y/abc/xyz/'], 'aabbcc\n', {}, 'xxyyzz\n', 0),
    ('sed-line-number', ['sed', '-n', '$='], 'a\nb\nc\n', {}, '3\n', 0),
    ('sed-block', ['sed', '-n', '/b/{s/b/B/;p}'], 'a\nb\n', {}, 'B\n', 0),
    ('sed-several-e', ['sed', '-e', 's/a/b/', '-e', 's/b/c/'], 'a\n', {}, 'c\n', 0),
    ('sed-script-file', ['sed', '-f', 's.sed'], 'hello\n', {'s.sed': 's/h/j/\ns/o$/y/\n'},
     'jelly\n', 0),
    ('sed-no-final-newline', ['sed', 's/a/b/'], 'a', {}, 'b', 0),
    ('sed-write-file', ['sed', '-n', 'w out'], 'a\n', {}, '', 0),
    ('sed-unknown-command', ['sed', 'k'], 'a\n', {}, '', 1),
    ('sed-unterminated-s', ['sed', 's/a/b'], 'a\n', {}, '', 1),
    ('sed-bad-option', ['sed', '-Z', 'p'], '', {}, '', 2),
    # sort
    ('sort-plain', ['sort'], 'b\na\nc\n', {}, 'a\nb\nc\n', 0),
    ('sort-reverse', ['sort', '-r'], 'b\na\nc\n', {}, 'c\nb\na\n', 0),
    ('sort-numeric', ['sort', '-n'], '10\n9\n-3\n2.5\n100\n', {}, '-3\n2.5\n9\n10\n100\n', 0),
    ('sort-unique', ['sort', '-u'], 'b\na\nb\na\n', {}, 'a\nb\n', 0),
    ('sort-fold', ['sort', '-f'], 'b\nA\na\nB\n', {}, 'A\na\nB\nb\n', 0),
    ('sort-key-numeric', ['sort', '-t:', '-k2,2n', '-k1,1'], PEOPLE, {},
     'dave:4:rome\nbob:25:london\ncarol:25:berlin\nalice:30:paris\n', 0),
    ('sort-key-reverse', ['sort', '-t:', '-k3r'], PEOPLE, {},
     'dave:4:rome\nalice:30:paris\nbob:25:london\ncarol:25:berlin\n', 0),
    ('sort-key-chars', ['sort', '-k1.2'], 'ab\nac\naa\n', {}, 'aa\nab\nac\n', 0),
    ('sort-blank-fields', ['sort', '-k2'], 'x  b\ny a\n', {}, 'x  b\ny a\n', 0),
    ('sort-blank-fields-b', ['sort', '-b', '-k2'], 'x  b\ny a\n', {}, 'y a\nx  b\n', 0),
    ('sort-stable', ['sort', '-s', '-k1,1'], 'a 2\nb 1\na 1\n', {}, 'a 2\na 1\nb 1\n', 0),
    ('sort-merge-files', ['sort', '-m', 'f', 'g'], '', {'f': 'a\nc\n', 'g': 'b\nd\n'},
     'a\nb\nc\nd\n', 0),
    ('sort-check-ok', ['sort', '-c'], 'a\nb\n', {}, '', 0),
    ('sort-check-bad', ['sort', '-c'], 'b\na\n', {}, '', 1),
    ('sort-output', ['sort', '-o', 'f', 'f'], '', {'f': 'b\na\n'}, '', 0),
    ('sort-bad-key', ['sort', '-k', '0'], '', {}, '', 2),
    # uniq
    ('uniq-plain', ['uniq'], 'a\na\nb\na\n', {}, 'a\nb\na\n', 0),
    ('uniq-count', ['uniq', '-c'], 'a\na\nb\n', {}, '      2 a\n      1 b\n', 0),
    ('uniq-repeated', ['uniq', '-d'], 'a\na\nb\n', {}, 'a\n', 0),
    ('uniq-unique', ['uniq', '-u'], 'a\na\nb\n', {}, 'b\n', 0),
    ('uniq-icase', ['uniq', '-i'], 'a\nA\nb\n', {}, 'a\nb\n', 0),
    ('uniq-skip-fields', ['uniq', '-f', '1'], 'x a\ny a\nz b\n', {}, 'x a\nz b\n', 0),
    ('uniq-skip-chars', ['uniq', '-s', '2'], 'xxa\nyya\n', {}, 'xxa\n', 0),
    # tr
    ('tr-range', ['tr', 'a-z', 'A-Z'], 'hello\n', {}, 'HELLO\n', 0),
    ('tr-class', ['tr', '[:lower:]', '[:upper:]'], 'abc\n', {}, 'ABC\n', 0),
    ('tr-delete', ['tr', '-d', 'lo'], 'hello world\n', {}, 'he wrd\n', 0),
    ('tr-squeeze', ['tr', '-s', ' '], 'a   b  c\n', {}, 'a b c\n', 0),
    ('tr-complement-delete', ['tr', '-cd', '0-9\\n'], 'a1b2\n', {}, '12\n', 0),
    ('tr-pad-set2', ['tr', 'abc', 'x'], 'abcd\n', {}, 'xxxd\n', 0),
    ('tr-escapes', ['tr', '\\n', ' '], 'a\nb\n', {}, 'a b ', 0),
    ('tr-repeat', ['tr', 'a-d', '[x*]y'], 'abcd\n', {}, 'xxxy\n', 0),
    ('tr-bad-usage', ['tr', '-d'], '', {}, '', 2),
    # cut
    ('cut-fields', ['cut', '-d:', '-f', '1,3'], PEOPLE, {},
     'bob:london\nalice:paris\ncarol:berlin\ndave:rome\n', 0),
    ('cut-field-range', ['cut', '-d:', '-f2-'], 'a:b:c\n', {}, 'b:c\n', 0),
    ('cut-chars', ['cut', '-c', '2-3,5'], 'abcdef\n', {}, 'bce\n', 0),
    ('cut-bytes-open', ['cut', '-b', '-2'], 'abcdef\n', {}, 'ab\n', 0),
    ('cut-only-delimited', ['cut', '-s', '-d,', '-f1'], 'a,b\nnone\n', {}, 'a\n', 0),
    ('cut-no-delimiter-line', ['cut', '-d,', '-f2'], 'a,b\nnone\n', {}, 'b\nnone\n', 0),
    ('cut-tab-default', ['cut', '-f2'], 'a\tb\tc\n', {}, 'b\n', 0),
    ('cut-zero-position', ['cut', '-f0'], '', {}, '', 2),
    ('cut-no-list', ['cut'], '', {}, '', 2),
    # od
    ('od-default', ['od'], 'abcdefghijklmnopqrstuvwxyz',
     {}, '0000000 061141 062143 063145 064147 065151 066153 067155 070157\n'
         '0000020 071161 072163 073165 074167 075171\n0000032\n', 0),
    ('od-hex-bytes-no-address', ['od', '-An', '-t', 'x1'], 'AB\n', {}, ' 41 42 0a\n', 0),
    ('od-chars', ['od', '-c'], 'a\tb\n', {}, '0000000   a  \\t   b  \\n\n0000004\n', 0),
    ('od-two-types', ['od', '-t', 'x1', '-t', 'c'], 'hi',
     {}, '0000000  68  69\n          h   i\n0000002\n', 0),
    ('od-decimal-address', ['od', '-Ad', '-t', 'd1'], '\xff', {}, '0000000   -1\n0000001\n', 0),
    ('od-named', ['od', '-t', 'a'], ' \n', {}, '0000000  sp  nl\n0000002\n', 0),
    ('od-skip-count', ['od', '-j', '2', '-N', '2', '-c'], 'abcdef', {}, '0000002   c   d\n0000004\n',
     0),
    ('od-duplicates', ['od', '-t', 'x1'], '\0' * 48,
     {}, '0000000 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n*\n0000060\n', 0),
    ('od-bad-type', ['od', '-t', 'q'], '', {}, '', 2),
    # hexdump
    ('hexdump-canonical', ['hexdump', '-C'], 'hello world\n',
     {}, '00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |hello world.|\n'
         '0000000c\n', 0),
    ('hexdump-words', ['hexdump'], 'hello world\n',
     {}, '0000000 6568 6c6c 206f 6f77 6c72 0a64\n000000c\n', 0),
    ('hexdump-odd-length', ['hexdump'], 'abc', {}, '0000000 6261 0063\n0000003\n', 0),
    ('hexdump-duplicates', ['hexdump', '-C'], 'a' * 40,
     {}, '00000000  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  |aaaaaaaaaaaaaaaa|\n'
         '*\n'
         '00000020  61 61 61 61 61 61 61 61                           |aaaaaaaa|\n'
         '00000028\n', 0),
    ('hexdump-missing', ['hexdump', 'nonexistent'], '', {}, '', 1),
    # diff
    ('diff-same', ['diff', 'a', 'b'], '', {'a': 'x\ny\n', 'b': 'x\ny\n'}, '', 0),
    ('diff-normal', ['diff', 'a', 'b'], '', {'a': 'a\nb\nc\nd\n', 'b': 'a\nB\nc\nd\ne\n'},
     '2c2\n< b\n---\n> B\n4a5\n> e\n', 1),
    ('diff-delete', ['diff', 'a', 'b'], '', {'a': 'a\nb\nc\n', 'b': 'a\n'},
     '2,3d1\n< b\n< c\n', 1),
    ('diff-no-newline', ['diff', 'a', 'b'], '', {'a': 'a\n', 'b': 'a'},
     '1c1\n< a\n---\n> a\n\\ No newline at end of file\n', 1),
    ('diff-missing', ['diff', 'a', 'nonexistent'], '', {'a': ''}, '', 2),
    ('diff-brief', ['diff', '-q', 'a', 'b'], '', {'a': 'x\n', 'b': 'y\n'},
     'Files a and b differ\n', 1),
    ('diff-bad-option', ['diff', '-Z', 'a', 'b'], '', {}, '', 2),
    # more, not on a terminal: a plain copy
    ('more-copies-to-a-pipe', ['more', 'f'], '', {'f': FRUIT}, FRUIT, 0),
]


def run_case(tmp_path, argv, stdin, files):
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode('latin-1') if '\xff' in content else content.encode())
    data = stdin.encode('latin-1') if '\xff' in stdin else stdin.encode()
    return subprocess.run([os.path.join(BIN, argv[0])] + argv[1:], input=data, cwd=tmp_path,
                          capture_output=True, timeout=30)


@pytest.mark.parametrize('argv,stdin,files,want,status', [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_text_utility(tmp_path, argv, stdin, files, want, status):
    p = run_case(tmp_path, argv, stdin, files)
    assert p.stdout.decode('latin-1') == want, p.stderr.decode()
    assert p.returncode == status, p.stderr.decode()
    if status >= 2 and '-s' not in argv:
        assert p.stderr, 'an error must say what went wrong'
        assert p.stderr.decode().startswith(argv[0] + ':') or b'usage' in p.stderr


def test_errors_name_the_program_and_file(tmp_path):
    p = run_case(tmp_path, ['grep', 'x', 'nonexistent'], '', {})
    assert p.stderr.decode() == 'grep: nonexistent: No such file or directory\n'


def test_sort_writes_output_file_over_its_input(tmp_path):
    run_case(tmp_path, ['sort', '-o', 'f', 'f'], '', {'f': 'b\na\n'})
    assert (tmp_path / 'f').read_text() == 'a\nb\n'


def test_sed_w_flag_and_in_place_edit(tmp_path):
    p = run_case(tmp_path, ['sed', '-n', 's/a/A/w out'], 'a\nb\na\n', {})
    assert p.returncode == 0
    assert (tmp_path / 'out').read_text() == 'A\nA\n'
    p = run_case(tmp_path, ['sed', '-i', 's/old/new/', 'f'], '', {'f': 'old\nold old\n'})
    assert p.returncode == 0 and p.stdout == b''
    assert (tmp_path / 'f').read_text() == 'new\nnew old\n'


def test_diff_unified_output(tmp_path):
    a = ''.join(f'{i}\n' for i in range(1, 11))
    b = a.replace('2\n', 'two\n').replace('9\n', '')
    p = run_case(tmp_path, ['diff', '-u', 'a', 'b'], '', {'a': a, 'b': b})
    assert p.returncode == 1
    body = p.stdout.decode().splitlines()
    assert re.match(r'--- a\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d', body[0])
    assert re.match(r'\+\+\+ b\t', body[1])
    assert body[2:] == ['@@ -1,10 +1,9 @@', ' 1', '-2', '+two', ' 3', ' 4', ' 5', ' 6', ' 7',
                        ' 8', '-9', ' 10']
    p = run_case(tmp_path, ['diff', '-U', '1', 'a', 'b'], '', {'a': a, 'b': b})
    assert p.stdout.decode().splitlines()[2:] == [
        '@@ -1,3 +1,3 @@', ' 1', '-2', '+two', ' 3', '@@ -8,3 +8,2 @@', ' 8', '-9', ' 10']


def test_diff_output_patches_first_file_into_second(tmp_path):
    """Random edits: the normal diff, applied with patch(1), must give the second file."""
    import random
    rng = random.Random(5)
    for _ in range(50):
        a = [rng.choice('abcdef') for _ in range(rng.randint(0, 40))]
        b = list(a)
        for _ in range(rng.randint(0, 10)):
            if b and rng.random() < 0.5:
                del b[rng.randrange(len(b))]
            else:
                b.insert(rng.randint(0, len(b)), rng.choice('abcxyz'))
        (tmp_path / 'a').write_text(''.join(x + '\n' for x in a))
        (tmp_path / 'b').write_text(''.join(x + '\n' for x in b))
        p = run_case(tmp_path, ['diff', 'a', 'b'], '', {})
        assert p.returncode == (0 if a == b else 1)
        if a != b and os.path.exists('/usr/bin/patch'):
            (tmp_path / 'd').write_bytes(p.stdout)
            subprocess.run(['patch', '-s', 'a', 'd'], cwd=tmp_path, check=True)
            assert (tmp_path / 'a').read_text() == (tmp_path / 'b').read_text()


def test_tail_follows_a_growing_file(tmp_path):
    log = tmp_path / 'log'
    log.write_text('first\n')
    child = pexpect.spawn(os.path.join(BIN, 'tail'), ['-f', str(log)], timeout=10)
    try:
        child.expect('first')
        with open(log, 'a') as f:
            f.write('second\n')
        child.expect('second')
    finally:
        child.terminate(force=True)


def test_grep_uses_the_libc_regex_not_glibc():
    for tool in ('grep', 'sed', 'vi', 'more'):
        syms = subprocess.run(['nm', os.path.join(BIN, tool)], capture_output=True, text=True).stdout
        assert 'ember_regcomp' in syms, tool


# ---- more on a terminal ----------------------------------------------------

def test_more_pages_through_a_file(tmp_path):
    f = tmp_path / 'numbers'
    f.write_text(''.join(f'line{i}\n' for i in range(1, 101)))
    child = pexpect.spawn(os.path.join(BIN, 'more'), [str(f)], dimensions=(10, 80), timeout=10)
    child.expect(r'--More--\(9%\)')
    assert 'line9' in child.before.decode() and 'line10' not in child.before.decode()
    child.send(' ')
    child.expect(r'--More--\(18%\)')
    assert 'line18' in child.before.decode()
    child.send('\r')
    child.expect(r'--More--\(19%\)')
    child.send('/')
    child.send('line5[0-9]\r')
    child.expect(r'--More--')
    assert 'line50' in child.before.decode()
    child.send('q')
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


# ---- vi through a pty ------------------------------------------------------

def run_vi(path, keys, rows=24, cols=80):
    """Start vi on path, type each string of keys (Esc alone as '\x1b'), wait for it to exit."""
    child = pexpect.spawn(os.path.join(BIN, 'vi'), [str(path)], dimensions=(rows, cols),
                          env={'TERM': 'vt100', 'PATH': '/usr/bin:/bin'}, timeout=10)
    child.expect(r'line|New File')  # the first screen is up
    for k in keys:
        child.send(k)
        time.sleep(0.08)
    child.expect(pexpect.EOF)
    child.close()
    return child


VI_CASES = [
    ('move-and-delete-line', 'one\ntwo\nthree\n', ['j', 'dd', ':wq\r'], 'one\nthree\n'),
    ('insert', 'one\ntwo\n', ['i', 'hello ', '\x1b', ':wq\r'], 'hello one\ntwo\n'),
    ('append-end', 'abc\n', ['A', '!', '\x1b', ':wq\r'], 'abc!\n'),
    ('open-lines', 'x\n', ['o', 'below', '\x1b', 'O', 'above', '\x1b', ':wq\r'],
     'x\nabove\nbelow\n'),
    ('delete-word', 'one two three\n', ['w', 'dw', ':wq\r'], 'one three\n'),
    ('delete-to-end', 'one two three\n', ['w', 'D', ':wq\r'], 'one \n'),
    ('x-and-dollar', 'one two\n', ['$', 'x', '0', 'x', ':wq\r'], 'ne tw\n'),
    ('words-back-and-end', 'ab cd ef\n', ['$', 'b', 'x', '0', 'e', 'x', ':wq\r'],
     'a cd f\n'),
    ('yank-put', 'one\ntwo\n', ['yy', 'j', 'p', 'gg', 'P', ':wq\r'], 'one\none\ntwo\none\n'),
    ('delete-put-char', 'abc\n', ['x', 'p', ':wq\r'], 'bac\n'),
    ('go-to-line', '1\n2\n3\n4\n5\n', ['3G', 'dd', 'gg', 'dd', 'G', 'dd', ':wq\r'], '2\n4\n'),
    ('ex-line-number', '1\n2\n3\n', [':2\r', 'dd', ':wq\r'], '1\n3\n'),
    ('search-and-next', 'cat\ndog\ncat\nbird\n', ['/cat\r', 'x', 'n', 'x', ':wq\r'],
     'at\ndog\nat\nbird\n'),
    ('search-backward', 'a1\nb\na2\n', ['G', '?a\r', 'x', ':wq\r'], '1\nb\na2\n'),
    ('replace-char', 'abc\n', ['l', 'rX', ':wq\r'], 'aXc\n'),
    ('join', 'a\n  b\nc\n', ['J', ':wq\r'], 'a b\nc\n'),
    ('undo', 'abc\n', ['dd', 'u', 'x', ':wq\r'], 'bc\n'),
    ('undo-insert', 'abc\n', ['A', 'xyz', '\x1b', 'u', ':wq\r'], 'abc\n'),
    ('repeat-dot', 'a b c d\n', ['dw', '.', ':wq\r'], 'c d\n'),
    ('change-word', 'hello world\n', ['cw', 'bye', '\x1b', ':wq\r'], 'bye world\n'),
    ('backspace-in-insert', 'x\n', ['A', 'abc\x7f\x7fZ', '\x1b', ':wq\r'], 'xaZ\n'),
    ('split-line-in-insert', 'abcd\n', ['ll', 'i', '\r', '\x1b', ':wq\r'], 'ab\ncd\n'),
    ('arrow-keys', 'ab\ncd\n', ['\x1b[B', '\x1b[C', 'x', ':wq\r'], 'ab\nc\n'),
    ('count-x', 'abcdef\n', ['3x', ':wq\r'], 'def\n'),
    ('zz-writes-and-quits', 'a\n', ['x', 'ZZ'], '\n'),
    ('no-final-newline-kept', 'abc', ['x', ':wq\r'], 'bc'),
    ('empty-file', '', ['i', 'text', '\x1b', ':wq\r'], 'text\n'),
    ('tabs', 'a\tb\n', ['$', 'x', ':wq\r'], 'a\t\n'),
    ('long-line-scrolls', 'x' * 300 + '\n', ['$', 'i', 'END', '\x1b', ':wq\r'],
     'x' * 299 + 'ENDx\n'),
    ('quit-refused-when-modified', 'a\n', ['x', ':q\r', ':q!\r'], 'a\n'),
]


@pytest.mark.parametrize('content,keys,want', [c[1:] for c in VI_CASES],
                         ids=[c[0] for c in VI_CASES])
def test_vi_edits(tmp_path, content, keys, want):
    path = tmp_path / 'file.txt'
    path.write_text(content)
    os.chdir(tmp_path)
    child = run_vi(path, keys)
    assert child.exitstatus == 0
    assert path.read_text() == want


def test_vi_creates_a_new_file(tmp_path):
    path = tmp_path / 'new.txt'
    run_vi(path, ['i', 'first line', '\x1b', 'o', 'second', '\x1b', ':wq\r'])
    assert path.read_text() == 'first line\nsecond\n'


def test_vi_write_to_another_name(tmp_path):
    path = tmp_path / 'orig.txt'
    path.write_text('a\n')
    os.chdir(tmp_path)
    run_vi(path, ['x', ':w copy.txt\r', ':q!\r'])
    assert (tmp_path / 'copy.txt').read_text() == '\n'
    assert path.read_text() == 'a\n'


def test_vi_edit_command_opens_another_file(tmp_path):
    (tmp_path / 'a').write_text('a\n')
    (tmp_path / 'b').write_text('b\n')
    os.chdir(tmp_path)
    run_vi(tmp_path / 'a', [':e b\r', 'x', ':wq\r'])
    assert (tmp_path / 'a').read_text() == 'a\n'
    assert (tmp_path / 'b').read_text() == '\n'


def test_vi_status_line_shows_name_lines_and_modified(tmp_path):
    path = tmp_path / 'status.txt'
    path.write_text('one\ntwo\n')
    child = pexpect.spawn(os.path.join(BIN, 'vi'), ['status.txt'], dimensions=(10, 60),
                          env={'TERM': 'vt100'}, timeout=10, cwd=str(tmp_path))
    child.expect('2 lines')
    child.send('x')
    child.expect(r'\[Modified\]')
    child.send(':q\r')
    child.expect('No write since last change')
    child.send(':q!\r')
    child.expect(pexpect.EOF)


# ---- the in-OS scripts, run here against the host builds -------------------

@pytest.mark.parametrize('script', sorted(glob.glob(os.path.join(UTILS, '*.sh'))),
                         ids=lambda path: os.path.basename(str(path)))
def test_in_os_script_passes_on_the_host(tmp_path, script):
    name = os.path.basename(script)[:-3]
    if name not in TEXT_UTILS:
        pytest.skip('not one of the text utilities')
    env = dict(os.environ, PATH=BIN + ':/usr/bin:/bin', TMPDIR=str(tmp_path))
    p = subprocess.run(['/bin/sh', script], capture_output=True, text=True, env=env, timeout=120)
    lines = p.stdout.splitlines()
    failures = [line for line in lines if not line.startswith('ok ')]
    assert lines and not failures, p.stdout + p.stderr
