"""Fixtures for tests that boot Ember, and the serial log on failure."""
import re

import pytest

import harness


@pytest.fixture
def boot(request):
    """boot(mode, arg, ...) starts a Machine; all are stopped after the test."""
    machines = []
    base = re.sub(r'[^A-Za-z0-9_.-]', '_', request.node.nodeid)

    def start(mode, arg, extra=(), timeout=60, env=None):
        name = base if not machines else f'{base}.{len(machines)}'
        m = harness.Machine(mode, arg, extra, timeout, env, log_name=name)
        machines.append(m)
        return m

    request.node.machines = machines
    yield start
    for m in machines:
        m.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == 'call' and report.failed:
        for m in getattr(item, 'machines', []):
            report.sections.append((f'serial console ({m.log_path})', m.output()))
