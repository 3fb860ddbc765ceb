"""The whole app opens no network connection: real processes under ``strace -e trace=connect``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="platform: strace traces Linux system calls"),
              pytest.mark.tool("strace")]

PROFILE = {"version": 1, "name": "Alex Doe", "applicant_type": "us_md",
           "specialty": "Internal Medicine", "home_state": "OH", "step2_ck": 248,
           "budget_usd": 1500}
_INET = re.compile(r"sa_family=AF_INET6?\b")


def _smartpick(data_dir, *args):
    return [sys.executable, "-m", "smartpick_desktop", "--data-dir", str(data_dir), *args]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nonet") / "data"
    profile = folder.parent / "profile.json"
    profile.write_text(json.dumps(PROFILE))
    done = subprocess.run(_smartpick(folder, "profile", "import", str(profile)),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return folder


def _connects(tmp_path, command):
    trace = tmp_path / "trace.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace),
                           *command], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return trace.read_text().splitlines()


CASES = {
    "smoke": ("--smoke",),
    "rank": ("rank", "--json"),
    "plan export": ("plan", "export", "{tmp}/plan.pdf", "--ics", "{tmp}/plan.ics"),
    "articles list": ("articles", "list", "--json"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_no_inet_connection(name, data_dir, tmp_path):
    args = [a.format(tmp=tmp_path) for a in CASES[name]]
    lines = _connects(tmp_path, _smartpick(data_dir, *args))
    inet = [line for line in lines if _INET.search(line)]
    assert inet == [], f"{name} connected to the network: {inet[:3]}"


def test_the_check_sees_a_real_connection(tmp_path):
    """The strace check would catch a connection (so a pass above means something)."""
    code = ("import socket\ns = socket.socket()\ns.settimeout(0.2)\n"
            "try:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\n")
    lines = _connects(tmp_path, [sys.executable, "-c", code])
    assert any(_INET.search(line) for line in lines)



@pytest.mark.parametrize("how", ["connect", "connect_ex", "sendto", "create_connection"])
def test_the_pytest_guard_refuses_internet_sockets(how):
    import socket

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if how == "sendto" else
                         socket.SOCK_STREAM)
    try:
        with pytest.raises(AssertionError, match="network connection|connect"):
            if how == "sendto":
                sock.sendto(b"x", ("127.0.0.1", 9))
            elif how == "create_connection":
                socket.create_connection(("127.0.0.1", 9), timeout=0.1)
            else:
                getattr(sock, how)(("127.0.0.1", 9))
    finally:
        sock.close()
