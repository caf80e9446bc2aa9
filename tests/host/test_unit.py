"""Run each host-side C unit test (cmocka) built by tests/unit/Makefile."""
import glob
import os
import subprocess

import pytest

import harness

UNIT_BINARIES = sorted(glob.glob(os.path.join(harness.BUILD, 'tests', 'unit', 'test_*')))


@pytest.mark.parametrize('binary', UNIT_BINARIES, ids=os.path.basename)
def test_unit(binary):
    p = subprocess.run([binary], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr


def test_unit_binaries_were_built():
    assert UNIT_BINARIES, 'no unit tests found: run make unit'


def test_c_sources_follow_clang_format():
    script = os.path.join(harness.TOP, 'release', 'format-check.sh')
    p = subprocess.run([script], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, 'run release/format-check.sh --fix\n' + p.stdout + p.stderr
