"""Recovery: rs restarts drivers that die or hang, tested in the OS by
rstest (tests/os/rstest/), run by init from the root file system. rstest
prints one line per case, then "rstest: N passed, N failed"."""
import re
import subprocess

import pytest

import harness


def run_rstest(boot, cases=''):
    arg = '/usr/tests/rstest' + (',' + ','.join(cases.split()) if cases else '')
    m = boot('kernel', f'qemuexit run={arg}', timeout=180)
    match = m.expect(r'rstest: (\d+) passed, (\d+) failed', timeout=170)
    return m, match


def test_rs_restarts_killed_hung_and_faulted_drivers(boot):
    m, match = run_rstest(boot)
    passed, failed = int(match.group(1)), int(match.group(2))
    out = m.output()
    bad = re.findall(r'rstest: (\w+) FAIL', out)
    assert failed == 0, f'failed cases: {bad}\n{m.tail(60)}'
    assert passed == 4
    # The restarts are rs's doing, and it says why.
    assert 'rs: service tty died (killed on purpose)' in out
    assert re.search(r'rs: service memory missed its heartbeat', out)
    assert m.wait_exit() == harness.EXIT_SUCCESS


def test_a_slow_start_up_is_not_taken_for_a_hang(boot):
    """On a slow machine (-icount: each instruction takes 64 ns of guest
    time, as when the host is busy) the network server's start-up takes
    longer than its 2 s heartbeat period. rs waits for a service's first
    answer (up to its start-up limit) instead of killing it as hung again
    and again; the server comes up once and serves sockets."""
    m = boot('kernel', 'qemuexit run=/usr/tests/socktest,bad_length_pointers_are_efault',
             extra=['-icount', 'shift=6,sleep=off'], timeout=300)
    found = m.expect(r'socktest: (\d+) passed, (\d+) failed', timeout=290)
    out = m.output()
    assert (int(found.group(1)), int(found.group(2))) == (1, 0), m.tail(40)
    assert 'hung; killing it' not in out, m.tail(40)
    assert not re.search(r'rs: service \S+ died', out), m.tail(40)
    assert m.wait_exit() == harness.EXIT_SUCCESS


def log_in(m):
    m.expect(r'login: ', timeout=120)
    m.sendline('root')
    m.expect(r'# ')


def run(m, command, timeout=60):
    """Run command in the shell; return its output (between two markers)."""
    m.sendline(f"echo '<''<'; {command}; echo '>''>' $?")
    match = m.expect(r'<<\r*\n(.*?)>> (\d+)\r*\n', timeout=timeout)
    return match.group(1).replace('\r', ''), int(match.group(2))


def test_a_64_mib_copy_survives_ten_kills_of_the_disk_driver(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'disk.img'), size_mib=512)
    m = boot('disk', image, timeout=600)
    log_in(m)
    out, status = run(m, 'dd if=/dev/urandom of=/root/big bs=64k count=1024 2>&1; sync', 600)
    assert status == 0, out
    out, status = run(m, 'cksum < /root/big', 300)
    assert status == 0
    original = re.search(r'^\d+ 67108864$', out, re.M).group(0)
    # Kill the root disk's driver ten times while the copy runs.
    m.sendline('(for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1; service kill virtio-blk; done; '
               'echo killer-done) &')
    out, status = run(m, 'cp /root/big /root/copy && cksum < /root/copy', 600)
    assert status == 0, out
    m.expect(r'killer-done', timeout=120)
    assert re.search(r'^\d+ 67108864$', out, re.M).group(0) == original
    listing, _ = run(m, 'service list')
    restarts = re.search(r'virtio-blk\s+\d+\s+\d+\s+(\d+)\s+up', listing)
    assert restarts and int(restarts.group(1)) >= 10, listing
    m.sendline('shutdown -h now')
    assert m.wait_exit(timeout=120) == harness.EXIT_SUCCESS
    log = m.output()
    assert log.count('rs: service virtio-blk died (killed on purpose)') >= 10
    code, out = harness.e2fsck(image)
    assert code == 0, out


def campaign(boot, tmp_path, faults, timeout):
    """Boot the disk image with a second disk, mount it, run ficampaign
    against its driver; return the machine and the campaign's output."""
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    data = str(tmp_path / 'data.img')
    subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext2', '-b', '4096', data, '64M'], check=True)
    m = boot('disk', image, extra=['-drive', f'file={data},format=raw,if=virtio'],
             timeout=timeout)
    log_in(m)
    assert run(m, 'mount /dev/vdb /mnt')[1] == 0
    out, status = run(m, f'ficampaign -n {faults} -s 7 virtio-blk1 2>&1', timeout)
    return m, image, data, out, status


@pytest.mark.timeout(2400)  # a few minutes alone; far longer on a loaded host
def test_a_fault_campaign_against_the_disk_driver_loses_no_data(boot, tmp_path):
    m, image, data, out, status = campaign(boot, tmp_path, 1000, 2200)
    summary = re.search(r'workload rounds (\d+): correct (\d+), I/O errors (\d+), '
                        r'wrong data (\d+)', out)
    assert summary, out
    injected = int(re.search(r'faults injected (\d+)', out).group(1))
    crashes = int(re.search(r'crashes detected (\d+)', out).group(1))
    hangs = int(re.search(r'hangs detected (\d+)', out).group(1))
    assert injected >= 1000 - int(re.search(r'refused (\d+)', out).group(1))
    assert crashes > 0 and hangs > 0, out
    assert int(summary.group(4)) == 0, out  # never silently wrong data
    assert int(summary.group(2)) > 0, out
    assert 'other services failed 0' in out and status == 0, out
    assert 'KERNEL PANIC' not in m.output()
    assert run(m, 'umount /mnt')[1] == 0
    m.sendline('shutdown -h now')
    assert m.wait_exit(timeout=120) == harness.EXIT_SUCCESS
    code, report = harness.e2fsck(image)
    assert code == 0, report


def free_kib(m):
    """vm's free memory in KiB, from free(1)."""
    out, status = run(m, 'free')
    assert status == 0, out
    return int(re.search(r'Mem:\s+\d+\s+\d+\s+(\d+)', out).group(1))


def test_fifty_kills_of_a_dma_driver_give_all_its_memory_back(boot, tmp_path):
    """virtio-blk takes physically contiguous memory for its queue (vm's
    MAP_CONTIG) and DMA buffers; each death must give every frame back to
    vm, and the fifty-first instance must still read its disk. The driver
    of the second disk (virtio-blk1) is rs's from the start, so all its
    memory is vm's."""
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    files = tmp_path / 'files'
    files.mkdir()
    (files / 'marker').write_text('ember-dma-test\n')
    data = str(tmp_path / 'data.img')
    subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext2', '-d', str(files), data, '8M'], check=True)
    m = boot('disk', image, extra=['-drive', f'file={data},format=raw,if=virtio'], timeout=900)
    log_in(m)
    mount = ('umount /mnt 2>/dev/null; for i in 1 2 3 4 5 6 7 8 9 10; do '
             'mount /dev/vdb /mnt && break; sleep 1; done; cat /mnt/marker')
    assert 'ember-dma-test' in run(m, mount)[0]  # once rs has started the driver
    kills = ('i=0; while [ $i -lt {n} ]; do service kill virtio-blk1 >/dev/null; '
             'sleep 1; i=$((i+1)); done; sleep 2; echo kills $i')
    # Memory that fills on first use (a heap's first touch of a stretch maps
    # 16 pages at once) moved "free" by up to 256 KiB after the first
    # restarts in one CI run: count from after five of them.
    out, status = run(m, kills.format(n=5), 120)
    assert 'kills 5' in out, out
    before = free_kib(m)
    out, status = run(m, kills.format(n=50), 600)
    assert 'kills 50' in out, out
    after = free_kib(m)
    # Others' memory moves a little meanwhile (the network server's heap
    # fills lazily); the queue alone (3 pages a death) would be 600 KiB.
    assert abs(after - before) <= 256, f'{before} KiB free before the kills, {after} after'
    assert 'ember-dma-test' in run(m, mount)[0]  # read from the disk again
    log = m.output()
    assert log.count('rs: service virtio-blk1 died (killed on purpose)') >= 55
    assert 'cannot set up' not in log
