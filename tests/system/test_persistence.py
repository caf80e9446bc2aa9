"""The root file system on the disk image: what is written survives a
reboot, shutdown leaves the file system clean, and a second disk mounts,
serves and unmounts. Each boot goes through GRUB, as an installed system
does; the console session is root's (empty password in etc/shadow)."""
import os
import subprocess

import harness


def log_in(m):
    m.expect(r'login: ', timeout=120)
    m.sendline('root')
    m.expect(r'# ')


def run(m, command, timeout=60):
    """Run command in the shell; return its output (between two markers)."""
    m.sendline(f"echo '<''<'; {command}; echo '>''>' $?")
    match = m.expect(r'<<\r*\n(.*?)>> (\d+)\r*\n', timeout=timeout)
    return match.group(1).replace('\r', ''), int(match.group(2))


def test_a_file_survives_a_reboot_and_the_disk_stays_clean(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    m = boot('disk', image, timeout=120)
    log_in(m)
    assert run(m, 'echo kept-across-reboots > /root/keep.txt; sync')[1] == 0
    m.sendline('reboot')
    m.expect(r'kernel: reboot by pm')
    assert m.wait_exit() == 0  # QEMU runs with -no-reboot: the reset ends it

    m = boot('disk', image, timeout=120)
    log_in(m)
    assert run(m, 'cat /root/keep.txt') == ('kept-across-reboots\n', 0)
    m.sendline('shutdown -h now')
    assert m.wait_exit() == harness.EXIT_SUCCESS
    code, out = harness.e2fsck(image)
    assert code == 0, out


def ext2_from(src, path):
    """A 32 MiB ext2 image at path holding the tree at src."""
    subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext2', '-b', '4096', '-d', str(src),
                    path, '32M'], check=True)
    return path


def make_data_disk(path, tmp_path):
    src = tmp_path / 'data'
    src.mkdir()
    (src / 'hello.txt').write_text('hello from the second disk\n')
    return ext2_from(src, path)


def test_a_second_disk_mounts_serves_and_unmounts(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    data = make_data_disk(str(tmp_path / 'data.img'), tmp_path)
    m = boot('disk', image, extra=['-drive', f'file={data},format=raw,if=virtio'], timeout=120)
    log_in(m)
    assert run(m, 'mount /dev/vdb /mnt')[1] == 0
    assert run(m, 'cat /mnt/hello.txt') == ('hello from the second disk\n', 0)
    assert run(m, 'mount')[0].count('/dev/vdb on /mnt type ext2') == 1
    out, status = run(m, 'df -k /mnt')
    assert status == 0 and '/mnt' in out
    # A mount point is not renamed away under its file system.
    out, status = run(m, 'mv /mnt /mnt-moved 2>&1')
    assert status != 0 and 'busy' in out.lower(), out
    assert run(m, 'cat /mnt/hello.txt') == ('hello from the second disk\n', 0)
    # Busy while a shell sits in it; then written, unmounted, gone from view.
    out, status = run(m, 'cd /mnt; umount /mnt 2>&1; cd /')
    assert 'busy' in out.lower()
    assert run(m, 'echo written-on-ember > /mnt/new.txt; umount /mnt')[1] == 0
    assert run(m, 'ls /mnt; mount | grep -c vdb')[0] == '0\n'
    # Not a block device, no such driver, not root: clear errors.
    out, status = run(m, 'mount /etc/passwd /mnt 2>&1')
    assert status != 0 and 'not a block device' in out
    out, status = run(m, 'mount /dev/sda1 /mnt 2>&1')  # no ATA driver runs
    assert status != 0 and 'cannot mount /dev/sda1' in out
    out, status = run(m, 'su user -c "mount /dev/vdb /mnt" 2>&1')
    assert status != 0
    m.sendline('shutdown -h now')
    assert m.wait_exit() == harness.EXIT_SUCCESS
    code, out = harness.e2fsck(data, offset=0)
    assert code == 0, out
    dump = subprocess.run(['debugfs', '-R', 'cat /new.txt', data], capture_output=True, text=True)
    assert dump.stdout == 'written-on-ember\n'
    code, out = harness.e2fsck(image)
    assert code == 0, out


def make_tree_disk(path, tmp_path):
    """A data disk with directories and symbolic links for path walks."""
    src = tmp_path / 'tree'
    (src / 'sub' / 'deeper').mkdir(parents=True)
    (src / 'hello.txt').write_text('hello from the second disk\n')
    (src / 'sub' / 'f').write_text('f on the second disk\n')
    os.symlink('..', src / 'sub' / 'up')      # relative, to the mounted root
    os.symlink('/etc', src / 'sub' / 'out')   # absolute, out of this file system
    os.symlink('/mnt/sub', src / 'self')      # absolute, back into it through /mnt
    return ext2_from(src, path)


def test_paths_cross_mount_points_both_ways(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    data = make_tree_disk(str(tmp_path / 'data.img'), tmp_path)
    m = boot('disk', image, extra=['-drive', f'file={data},format=raw,if=virtio'], timeout=120)
    log_in(m)
    hello = 'hello from the second disk\n'
    assert run(m, 'ls /mnt/sub 2>/dev/null')[1] != 0  # not mounted yet
    assert run(m, 'mount /dev/vdb /mnt')[1] == 0
    # Down into the mounted file system, ".." back out of its root, links
    # leading out of it and back in.
    assert run(m, 'cat /mnt/sub/deeper/../../hello.txt') == (hello, 0)
    assert run(m, 'cat /mnt/sub/up/hello.txt') == (hello, 0)
    assert run(m, 'head -1 /mnt/../etc/passwd')[0].startswith('root:')
    assert run(m, 'head -1 /mnt/sub/out/passwd')[0].startswith('root:')
    assert run(m, 'head -1 /mnt/sub/up/../etc/passwd')[0].startswith('root:')
    assert run(m, 'cat /mnt/self/f') == ('f on the second disk\n', 0)
    assert run(m, 'cd /mnt/sub/deeper && cat ../../hello.txt && ls ../../../etc/passwd; cd /') \
        == (hello + '../../../etc/passwd\n', 0)
    assert run(m, 'ln -s /mnt/sub /root/into && cat /root/into/../hello.txt') == (hello, 0)
    # A rename inside it: the old name is gone at once.
    assert run(m, 'mv /mnt/sub/f /mnt/sub/g && cat /mnt/sub/g') == ('f on the second disk\n', 0)
    assert run(m, 'cat /mnt/sub/f 2>/dev/null')[1] != 0
    # Unmounted: the names under /mnt are gone; mounted again: back.
    assert run(m, 'umount /mnt')[1] == 0
    assert run(m, 'cat /mnt/hello.txt 2>/dev/null')[1] != 0
    assert run(m, 'cat /root/into/g 2>/dev/null')[1] != 0
    assert run(m, 'mount /dev/vdb /mnt')[1] == 0
    assert run(m, 'cat /mnt/sub/g /root/into/up/hello.txt') == ('f on the second disk\n' + hello, 0)
    assert run(m, 'umount /mnt')[1] == 0
    m.sendline('shutdown -h now')
    assert m.wait_exit() == harness.EXIT_SUCCESS
    code, out = harness.e2fsck(data, offset=0)
    assert code == 0, out


def test_more_files_than_vfs_keeps_vnodes_for(boot, tmp_path):
    """vfs caches at most 1,024 vnodes and gives up unused ones as it needs
    slots: 1,500 files made, read back and removed in one directory (each
    name a sibling of the others but for its last digits) leave the file
    system clean."""
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    m = boot('disk', image, timeout=120)
    log_in(m)
    make = ('mkdir /root/many && cd /root/many && i=0; '
            'while [ $i -lt 1500 ]; do echo $i > f$i; i=$((i+1)); done; cd /')
    assert run(m, make, 600)[1] == 0
    assert run(m, 'ls /root/many | wc -l') == ('1500\n', 0)
    out, status = run(m, 'cat /root/many/f0 /root/many/f999 /root/many/f1499 /root/many/f1000')
    assert (out, status) == ('0\n999\n1499\n1000\n', 0)
    check = ('bad=0; i=0; while [ $i -lt 1500 ]; do read v < /root/many/f$i; '
             '[ "$v" = "$i" ] || bad=$((bad+1)); i=$((i+1)); done; echo bad $bad')
    assert run(m, check, 600) == ('bad 0\n', 0)  # every file holds its own number
    assert run(m, 'rm /root/many/f* && rmdir /root/many && ls /root', 600)[1] == 0
    m.sendline('shutdown -h now')
    assert m.wait_exit() == harness.EXIT_SUCCESS
    code, out = harness.e2fsck(image)
    assert code == 0, out
