"""tar (commands/tar) built for the host: round trips, archives from and for
other tars, listing, chosen members, damaged and hostile archives, owners.
The helpers are test_fileutils.py's."""
import io
import os
import pwd
import shutil
import stat
import subprocess
import tarfile

import pytest

from test_fileutils import BIN, ME, MY_GROUP, OLD, make_files, run


# ---- tar ----------------------------------------------------------------------

def make_tar_tree(root):
    make_files(root, {'src/a': 'hello\n', 'src/sub/b': 'x' * 1000, 'src/empty/': ''})
    os.symlink('a', os.path.join(root, 'src', 'ln'))
    os.link(os.path.join(root, 'src', 'a'), os.path.join(root, 'src', 'hard'))
    long_dir = os.path.join(root, 'src', 'd' * 90)
    os.makedirs(long_dir)
    with open(os.path.join(long_dir, 'f' * 90), 'w') as f:
        f.write('deep\n')
    with open(os.path.join(root, 'src', 'n' * 150), 'w') as f:
        f.write('long\n')
    os.utime(os.path.join(root, 'src', 'a'), (OLD, OLD))
    os.chmod(os.path.join(root, 'src', 'sub'), 0o750)


def same_tree(left, right):
    for dirpath, dirnames, filenames in os.walk(left):
        rel = os.path.relpath(dirpath, left)
        other = os.path.join(right, rel)
        assert sorted(os.listdir(other)) == sorted(dirnames + filenames), rel
        for name in filenames + dirnames:
            a, b = os.lstat(os.path.join(dirpath, name)), os.lstat(os.path.join(other, name))
            assert a.st_mode == b.st_mode, name
            if stat.S_ISLNK(a.st_mode):
                assert os.readlink(os.path.join(dirpath, name)) == \
                    os.readlink(os.path.join(other, name))
            elif stat.S_ISREG(a.st_mode):
                assert int(a.st_mtime) == int(b.st_mtime), name
                with open(os.path.join(dirpath, name), 'rb') as fa, \
                        open(os.path.join(other, name), 'rb') as fb:
                    assert fa.read() == fb.read(), name


def test_tar_round_trip(tmp_path):
    make_tar_tree(tmp_path)
    p = run(tmp_path, ['tar', '-cf', 'a.tar', 'src'])
    assert p.returncode == 0, p.stderr
    os.mkdir(tmp_path / 'out')
    p = run(tmp_path, ['tar', '-x', '-f', 'a.tar', '-C', 'out'])
    assert p.returncode == 0, p.stderr
    same_tree(tmp_path / 'src', tmp_path / 'out' / 'src')
    assert os.stat(tmp_path / 'out/src/hard').st_ino == os.stat(tmp_path / 'out/src/a').st_ino
    assert os.path.getsize(tmp_path / 'a.tar') % 10240 == 0


def test_tar_archives_are_readable_by_python_tarfile(tmp_path):
    make_tar_tree(tmp_path)
    run(tmp_path, ['tar', 'cf', 'a.tar', 'src'])
    with tarfile.open(tmp_path / 'a.tar') as t:
        names = t.getnames()
        assert 'src/' + 'n' * 150 in names
        assert f'src/{"d" * 90}/{"f" * 90}' in names
        member = t.getmember('src/a')
        assert (member.size, member.mtime, member.mode) == (6, OLD, 0o644)
        assert t.extractfile(member).read() == b'hello\n'
        assert t.getmember('src/ln').issym() and t.getmember('src/hard').islnk()


def test_tar_list_and_verbose_list(tmp_path):
    make_files(tmp_path, {'src/a': 'hello\n', 'src/d/': ''})
    os.utime(tmp_path / 'src' / 'a', (OLD, OLD))
    run(tmp_path, ['tar', 'cf', 'a.tar', 'src'])
    assert run(tmp_path, ['tar', 'tf', 'a.tar']).stdout == 'src/\nsrc/a\nsrc/d/\n'
    lines = run(tmp_path, ['tar', '-tvf', 'a.tar', 'src/a']).stdout.splitlines()
    owner = f'{ME}/{MY_GROUP}'
    assert lines == [f'-rw-r--r-- {owner} {"6":>{max(18 - len(owner), 0)}} 2020-01-02 15:04 src/a']
    p = run(tmp_path, ['tar', 'tf', 'a.tar', 'nope'])
    assert (p.returncode, p.stderr) == (2, "tar: 'nope': not found in archive\n")


def test_tar_traditional_options_stdin_and_verbose(tmp_path):
    make_files(tmp_path, {'src/a': 'A'})
    p = run(tmp_path, ['tar', 'cvf', 'a.tar', 'src'])
    assert p.stdout == 'src/\nsrc/a\n'
    with open(tmp_path / 'a.tar', 'rb') as f:
        data = f.read()
    p = subprocess.run([os.path.join(BIN, 'tar'), 'tf', '-'], input=data, capture_output=True)
    assert p.stdout == b'src/\nsrc/a\n'


def test_tar_extracts_only_chosen_members(tmp_path):
    make_files(tmp_path, {'src/a/x': '1', 'src/b/y': '2'})
    run(tmp_path, ['tar', 'cf', 't.tar', 'src'])
    os.mkdir(tmp_path / 'out')
    assert run(tmp_path, ['tar', 'xf', 't.tar', '-C', 'out', 'src/a']).returncode == 0
    assert os.listdir(tmp_path / 'out' / 'src') == ['a']


@pytest.mark.parametrize('fmt', [tarfile.USTAR_FORMAT, tarfile.PAX_FORMAT, tarfile.GNU_FORMAT],
                         ids=['ustar', 'pax', 'gnu'])
def test_tar_reads_archives_of_other_tars(tmp_path, fmt):
    make_files(tmp_path, {'src/a': 'hello\n', 'src/sub/b': 'b' * 700})
    os.symlink('a', tmp_path / 'src' / 'ln')
    os.utime(tmp_path / 'src' / 'a', (OLD, OLD))
    long_name = 'src/' + 'L' * 120 if fmt != tarfile.USTAR_FORMAT else 'src/short'
    make_files(tmp_path, {long_name: 'long\n'})
    with tarfile.open(tmp_path / 'o.tar', 'w', format=fmt) as t:
        t.add(tmp_path / 'src', arcname='src')
    os.mkdir(tmp_path / 'out')
    p = run(tmp_path, ['tar', 'xf', 'o.tar', '-C', 'out'])
    assert p.returncode == 0, p.stderr
    same_tree(tmp_path / 'src', tmp_path / 'out' / 'src')


def test_tar_reads_gnu_tar_posix_archives(tmp_path):
    gnu_tar = shutil.which('tar', path='/usr/bin:/bin')
    if not gnu_tar:
        pytest.skip('no system tar to make the archive')
    make_tar_tree(tmp_path)
    for fmt in ['posix', 'gnu']:
        subprocess.run([gnu_tar, f'--format={fmt}', '-cf', f'{fmt}.tar', 'src'], cwd=tmp_path,
                       check=True)
        os.mkdir(tmp_path / fmt)
        p = run(tmp_path, ['tar', 'xf', f'{fmt}.tar', '-C', fmt])
        assert p.returncode == 0, p.stderr
        same_tree(tmp_path / 'src', tmp_path / fmt / 'src')


def add_member(t, name, data=b'', kind=tarfile.REGTYPE, target=''):
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname, info.mode = kind, len(data), target, 0o644
    t.addfile(info, io.BytesIO(data) if data else None)


def test_tar_refuses_to_escape_the_directory(tmp_path):
    with tarfile.open(tmp_path / 'evil.tar', 'w', format=tarfile.USTAR_FORMAT) as t:
        add_member(t, 'ok', b'fine')
        add_member(t, 'a/../../escaped', b'bad')
        add_member(t, '/abs', b'abs')
        add_member(t, 'link', kind=tarfile.SYMTYPE, target=str(tmp_path))
        add_member(t, 'link/through', b'bad')
    os.mkdir(tmp_path / 'out')
    p = run(tmp_path / 'out', ['tar', 'xf', '../evil.tar'])
    assert p.returncode == 2
    assert "'a/../../escaped': skipped: member name contains '..'" in p.stderr
    assert not (tmp_path / 'escaped').exists() and not (tmp_path / 'through').exists()
    assert (tmp_path / 'out' / 'abs').read_text() == 'abs'
    assert (tmp_path / 'out' / 'ok').read_text() == 'fine'


def test_tar_damaged_archives(tmp_path):
    make_files(tmp_path, {'src/a': 'A' * 3000, 'junk': 'j' * 1024, 'short': 'x' * 100})
    run(tmp_path, ['tar', 'cf', 'a.tar', 'src'])
    with open(tmp_path / 'a.tar', 'rb') as f:
        data = f.read()
    (tmp_path / 'cut.tar').write_bytes(data[:1500])
    for name in ['cut.tar', 'junk', 'short']:
        p = run(tmp_path, ['tar', 'tf', name])
        assert p.returncode == 2 and p.stderr.startswith('tar: '), name


def test_tar_as_root_restores_owners(tmp_path):
    if os.geteuid() != 0:
        pytest.skip('only root restores owners')
    make_files(tmp_path, {'src/f': 'x'})
    os.chown(tmp_path / 'src' / 'f', pwd.getpwnam('nobody').pw_uid, -1)
    run(tmp_path, ['tar', 'cf', 'a.tar', 'src'])
    os.mkdir(tmp_path / 'out')
    run(tmp_path, ['tar', 'xf', 'a.tar', '-C', 'out'])
    assert os.stat(tmp_path / 'out' / 'src' / 'f').st_uid == pwd.getpwnam('nobody').pw_uid
