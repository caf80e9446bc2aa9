"""The kernel's primitives, exercised by the in-OS test suite ktest (a boot module).

ktest prints one line per case and a closing "N passed, N failed", then halts
the machine with status 0 when every case passed. See tests/os/ktest/.
"""
import re

import pytest

import harness

KTEST_CASES = 31


def run_ktest(boot, args, timeout=300):
    mods = f'{harness.BUILD}/bin/ktest {args} halt @heap=8M'
    m = boot('kernel', 'qemuexit', env={'EMBER_MODULES': mods}, timeout=timeout)
    summary = m.expect(r'ktest: (\d+) passed, (\d+) failed')
    status = m.wait_exit(timeout=30)
    return m, int(summary.group(1)), int(summary.group(2)), status


def test_every_kernel_primitive_and_error_path(boot):
    m, passed, failed, status = run_ktest(boot, 'all')
    out = m.output()
    assert failed == 0, [l for l in out.splitlines() if 'FAIL' in l or '.c:' in l]
    assert passed == KTEST_CASES
    assert status == harness.EXIT_SUCCESS
    # Each fault stopped only the faulting process and was reported.
    for fault in ('divide error', 'invalid opcode', 'general protection'):
        assert re.search(rf'kernel: child \(ep \d+\): {fault} at rip', out), fault
    assert re.search(r'page fault at rip ffffffff80100000 addr ffffffff80100000', out)


def test_kernel_fuzz_survives_tens_of_thousands_of_calls(boot):
    m, passed, failed, status = run_ktest(boot, 'fuzz_kernel_calls')
    report = re.search(r'fuzz: (\d+) calls \(seed (\S+)\): (\d+) accepted, (\d+) refused; '
                       r'kernel alive', m.output())
    assert report, m.tail()
    assert int(report.group(1)) >= 20000
    assert int(report.group(3)) + int(report.group(4)) == int(report.group(1))
    assert (passed, failed, status) == (1, 0, harness.EXIT_SUCCESS)


def test_ktest_runs_a_single_case_by_name(boot):
    m, passed, failed, status = run_ktest(boot, 'ipc_deadlock_cycle')
    assert (passed, failed) == (1, 0)
    assert 'ktest: ipc_call_reply_threads' not in m.output()


def test_clearing_a_process_ends_all_its_threads(boot):
    # pm ends a process with one KC_CLEAR of its endpoint; a second thread
    # must not outlive it (it would keep running on memory vm reuses).
    m, passed, failed, status = run_ktest(boot, 'clear_ends_every_thread_of_a_process')
    assert (passed, failed) == (1, 0), m.tail()


def test_ktest_reports_an_unknown_case(boot):
    m, passed, failed, status = run_ktest(boot, 'no_such_case')
    assert 'ktest: no case named no_such_case' in m.output()
    assert failed == 1 and status == harness.EXIT_PANIC


@pytest.mark.parametrize('args', ['bench'])
def test_kernel_ipc_benchmark_prints_figures(boot, args):
    mods = f'{harness.BUILD}/bin/ktest {args} halt @heap=8M'
    m = boot('kernel', 'qemuexit', env={'EMBER_MODULES': mods, 'EMBER_ICOUNT': '1'})
    for metric in ('ipc_call_reply_address_spaces', 'ipc_call_reply_threads',
                   'notify_round_trip', 'null_kernel_call'):
        m.expect(rf'BENCH-KERNEL {metric} \d+ ticks')
    assert m.wait_exit() == harness.EXIT_SUCCESS
