"""POSIX behaviour inside Ember: init runs the in-OS test program posixtest
(tests/os/posixtest, installed as /usr/tests/posixtest) on the console, one
line per case ("posixtest: NAME ok" or "posixtest: NAME FAIL: reason") and
a closing "posixtest: N passed, N failed"; init halts the machine when it
exits. posixtest bounds every case by a time limit of its own (at most 150
s), so a console silent for longer than STALL means the system is stuck.

The root file system is a copy of the release's disk image on the virtio
disk, so the files the cases create, write, rename and remove go through
ext2 to the disk; after the halt, e2fsck -fn must find it clean.
"""
import re

import pytest

import harness

CLOSING = r'posixtest: (\d+) passed, (\d+) failed'
ANY_LINE = r'posixtest: [^\r\n]*\r?\n'
FAIL_LINE = re.compile(r'posixtest: (?:\S+ FAIL: [^\n]*|no case named [^\n]*)')
STALL = 200  # seconds without a posixtest line


def run_posixtest(boot, case_set, image):
    """Boot with IMAGE as the root disk, run posixtest CASE_SET; (passed,
    failed, the FAIL lines, exit status)."""
    m = boot('kernel', f'qemuexit root=virtio-blk:1 run=/usr/tests/posixtest,{case_set}',
             extra=['-drive', f'file={image},format=raw,if=virtio'], timeout=STALL)
    m.expect(r'init: starting', timeout=60)
    last = 'none yet'
    while True:
        try:
            m.expect([CLOSING, ANY_LINE])
        except AssertionError as e:
            raise AssertionError(f'posixtest stalled after: {last}\n{e}') from None
        if m.child.match.re.pattern == CLOSING:
            break
        last = m.child.match.group(0).strip()
    passed, failed = int(m.child.match.group(1)), int(m.child.match.group(2))
    status = int(m.expect(r'init: /usr/tests/posixtest exited with status (\d+)').group(1))
    assert m.wait_exit() == harness.EXIT_SUCCESS
    fails = FAIL_LINE.findall(m.output().replace('\r', ''))
    return passed, failed, fails, status


def check(image, passed, failed, fails, status):
    listing = '\n'.join(fails)
    assert failed == 0, f'{failed} of {passed + failed} cases failed:\n{listing}'
    assert not fails, f'FAIL lines despite "0 failed":\n{listing}'
    assert passed > 0
    assert status == 0
    code, out = harness.e2fsck(image)
    assert code == 0, 'the disk is not clean after the run:\n' + out


@pytest.mark.timeout(2400)
def test_posix_quick_set_passes(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    check(image, *run_posixtest(boot, 'quick', image))


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_posix_slow_set_passes(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'disk.img'))
    check(image, *run_posixtest(boot, 'slow', image))
