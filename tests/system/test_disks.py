"""The disk drivers (virtio-blk, ata) and the PCI bus driver, exercised by the
in-OS test disktest (a boot module) through the BDEV protocol.

Each test makes a fresh 64 MiB disk image: an MBR with three partitions
(sfdisk), minors 1 and 2 filled with a known pattern that disktest checks,
minor 3 the scratch area disktest overwrites, the fourth entry empty. The
boot modules are ds (slot 0, as DS_EP requires), the PCI bus driver, the
disk driver and disktest, which prints one line per case and
"disktest: N passed, N failed", then halts the machine. See tests/os/disktest/.
"""
import re
import struct
import subprocess

import pytest

import harness

DISK_SIZE = 64 << 20
PARTITIONS = 'label: dos\nstart=2048, size=16384, type=83\nstart=18432, size=8192, type=83\n' \
             'start=32768, type=83\n'
PATTERN_MINORS = {1: (2048, 16384), 2: (18432, 8192)}
SCRATCH_START = 32768 * 512

DRIVERS = {
    # name: (QEMU -drive interface option, the PCI function disktest checks)
    'virtio-blk': (',if=virtio', '1af4:1001'),
    'ata': ('', '8086:7010'),  # -machine pc: an IDE disk on the PIIX3, primary master
}

QUICK_CASES = 14
ALL_CASES = QUICK_CASES + 2


def make_disk(path):
    """The test disk: partitions, and the pattern disktest expects in minors 1 and 2
    (each sector: an 8-byte record repeated: le32 sector number, 'E', 'P', minor, 0x5A)."""
    with open(path, 'wb') as f:
        f.truncate(DISK_SIZE)
    subprocess.run(['sfdisk', '-q', path], input=PARTITIONS, text=True, check=True,
                   capture_output=True)
    with open(path, 'r+b') as f:
        for minor, (start, count) in PATTERN_MINORS.items():
            f.seek(start * 512)
            f.write(b''.join((struct.pack('<I', s) + b'EP' + bytes([minor, 0x5A])) * 64
                             for s in range(count)))
    return path


def modules(driver, disktest_args, with_ds=True):
    b = f'{harness.BUILD}/bin'
    pcidev = DRIVERS[driver][1]
    test = f'{b}/disktest label={driver} size={DISK_SIZE} pcidev={pcidev} {disktest_args} ' \
           'halt @heap=16M'
    if with_ds:
        return f'{b}/ds,{b}/pci @io=0xcf8:8,{b}/{driver},{test}'
    # Without ds, module i is endpoint MAKE_EP(1, i) = 1024 + i.
    return f'{b}/pci @io=0xcf8:8 nods,{b}/{driver} pci=1024 nods,{test} dev=1025 pci=1024'


def run_disktest(boot, driver, image, disktest_args, drive_opts='', with_ds=True, timeout=300):
    drive = f'file={image},format=raw{DRIVERS[driver][0]}{drive_opts}'
    m = boot('kernel', 'qemuexit', extra=('-drive', drive),
             env={'EMBER_MODULES': modules(driver, disktest_args, with_ds)}, timeout=timeout)
    summary = m.expect(r'disktest: (\d+) passed, (\d+) failed')
    status = m.wait_exit(timeout=30)
    return m, int(summary.group(1)), int(summary.group(2)), status


def failures(out):
    return [l for l in out.splitlines() if 'FAIL' in l or '.c:' in l or 'panic' in l]


@pytest.fixture
def disk(tmp_path):
    return make_disk(str(tmp_path / 'disk.img'))


@pytest.mark.parametrize('driver', DRIVERS)
def test_disk_driver_passes_every_disktest_case(boot, disk, driver):
    m, passed, failed, status = run_disktest(boot, driver, disk, 'all')
    out = m.output()
    assert failed == 0, failures(out)
    assert passed == ALL_CASES
    assert status == harness.EXIT_SUCCESS
    # The bus driver found the disk's function; the driver read the partition table.
    assert re.search(rf'pci: 00:\S+ {DRIVERS[driver][1]} class 01', out)
    assert f'{driver}: partition 1: sectors 2048+16384' in out
    assert f'{driver}: partition 3: sectors 32768+98304' in out
    assert f'{driver}: 131072 sectors (64 MiB), ready' in out
    speed = re.search(r'disktest: throughput: 16 MiB written in \d+ ms \((\d+) KiB/s\), '
                      r'read and checked in \d+ ms \((\d+) KiB/s\)', out)
    assert speed, 'no throughput figure'
    print(f'{driver}: write {speed.group(1)} KiB/s, read {speed.group(2)} KiB/s')


@pytest.mark.parametrize('driver', DRIVERS)
def test_written_data_reaches_the_disk_image(boot, disk, driver):
    m, passed, failed, status = run_disktest(boot, driver, disk, 'sequential_throughput')
    assert (passed, failed, status) == (1, 0, harness.EXIT_SUCCESS), failures(m.output())
    # disktest writes 16 MiB at 16 MiB into minor 3, each MiB stamped with its offset.
    with open(disk, 'rb') as f:
        for mib in (0, 7, 15):
            f.seek(SCRATCH_START + (16 << 20) + (mib << 20))
            assert struct.unpack('<Q', f.read(8))[0] == mib << 20
    # The pattern partitions are untouched.
    with open(disk, 'rb') as f:
        f.seek(18432 * 512)
        assert f.read(8) == struct.pack('<I', 0) + b'EP\x02\x5a'


@pytest.mark.parametrize('driver', DRIVERS)
def test_device_errors_give_eio_and_the_driver_recovers(boot, disk, driver, tmp_path):
    bad = SCRATCH_START + (40 << 20)
    conf = tmp_path / 'blkdebug.conf'
    conf.write_text(''.join(f'[inject-error]\nevent = "{ev}"\nerrno = "5"\nsector = "{bad // 512}"\n\n'
                            for ev in ('read_aio', 'write_aio')))
    image = f'blkdebug:{conf}:{disk}'
    m, passed, failed, status = run_disktest(boot, driver, image,
                                             f'badpos={40 << 20} device_error_gives_eio')
    out = m.output()
    assert (passed, failed, status) == (1, 0, harness.EXIT_SUCCESS), failures(out)
    assert re.search(rf'{driver}: read of \d+ sectors at {bad // 512} failed \(error -5\); '
                     'resetting', out)
    assert re.search(rf'{driver}: write of \d+ sectors at {bad // 512} failed', out)


@pytest.mark.slow
@pytest.mark.parametrize('driver', DRIVERS)
def test_a_device_that_does_not_answer_gives_eio_not_a_hang(boot, disk, driver):
    # 16 KiB/s: a 128 KiB command takes about 8 s, past the driver's 5 s deadline.
    m, passed, failed, status = run_disktest(boot, driver, disk, 'slow_device_times_out',
                                             drive_opts=',throttling.bps-total=16384')
    out = m.output()
    assert (passed, failed, status) == (1, 0, harness.EXIT_SUCCESS), failures(out)
    assert re.search(rf'{driver}: read of \d+ sectors at \d+ failed \(error -116\)', out)


def test_disktest_runs_without_ds(boot, disk):
    """The fallback set-up: endpoints on the command line instead of ds."""
    m, passed, failed, status = run_disktest(boot, 'virtio-blk', disk, 'quick', with_ds=False)
    assert failed == 0, failures(m.output())
    assert passed == QUICK_CASES
    assert status == harness.EXIT_SUCCESS


def test_disktest_reports_an_unknown_case(boot, disk):
    m, passed, failed, status = run_disktest(boot, 'virtio-blk', disk, 'no_such_case')
    assert 'disktest: no case named no_such_case' in m.output()
    assert failed == 1 and status == harness.EXIT_PANIC

