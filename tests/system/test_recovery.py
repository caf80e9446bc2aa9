"""Recovery: rs restarts drivers that die or hang, tested in the OS by
rstest (tests/os/rstest/), run by init from the root file system. rstest
prints one line per case, then "rstest: N passed, N failed"."""
import re

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
