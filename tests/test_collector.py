"""collector: the cyclic collector paused around a block, and what a process keeps frozen once."""

import gc
import os
import subprocess
import sys
import threading

import pytest

from selfeval_lint import collector
from selfeval_lint.collector import collector_paused, kept_for_good


@pytest.fixture
def collections():
    """The number of collections that start while the test runs."""
    seen = []

    def count(phase, info):
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    yield seen
    gc.callbacks.remove(count)


def _cycles(n: int) -> list:
    """n objects, each in a cycle of its own, kept alive."""
    kept = []
    for _ in range(n):
        node: list = []
        node.append(node)
        kept.append(node)
    return kept


def test_no_collection_runs_inside_the_block(collections):
    gc.collect()
    collections.clear()
    with collector_paused():
        kept = _cycles(20 * gc.get_threshold()[0])  # enough to start gen-0 passes many times over
        inside = len(collections)
        assert not gc.isenabled()
    assert inside == 0
    assert gc.isenabled()
    _cycles(2 * gc.get_threshold()[0])
    assert collections, "the collector runs again after the block"
    del kept


def test_the_collector_is_left_as_the_caller_had_it():
    gc.disable()
    try:
        with collector_paused():
            with collector_paused():
                pass
            assert not gc.isenabled()
        assert not gc.isenabled()  # turned off by the caller: stays off
    finally:
        gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_blocks_in_two_threads_leave_the_collector_on_only_when_both_have_ended():
    # A enters, B enters, A ends (B still reading: the collector stays off), B ends (on again)
    a_in, b_in, a_out, b_go = (threading.Event() for _ in range(4))
    seen = {}

    def a():
        with collector_paused():
            a_in.set()
            b_in.wait(5)
        seen["after a"] = gc.isenabled()
        a_out.set()

    def b():
        a_in.wait(5)
        with collector_paused():
            b_in.set()
            a_out.wait(5)
            b_go.wait(5)
        seen["after b"] = gc.isenabled()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    a_out.wait(5)
    b_go.set()
    for t in threads:
        t.join(5)
    assert seen == {"after a": False, "after b": True}
    assert gc.isenabled()


def test_racing_threads_never_leave_the_collector_off():
    def work():
        for _ in range(20_000):
            with collector_paused():
                pass

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch inside the blocks
    try:
        threads = [threading.Thread(target=work) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)
    assert gc.isenabled()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")
def test_a_child_forked_while_another_thread_reads_has_its_collector_back_on():
    inside, leave = threading.Event(), threading.Event()

    def reader():
        with collector_paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=reader)
    thread.start()
    inside.wait(5)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the reading thread is not there, nor is its block
        with collector_paused():
            pass
        os.write(write, b"on" if gc.isenabled() and collector._paused == 0 else b"off")
        os._exit(0)
    os.waitpid(pid, 0)
    leave.set()
    thread.join(5)
    assert os.read(read, 8) == b"on"
    assert gc.isenabled()


def test_a_block_whose_end_was_cut_short_is_made_good_between_files():
    # a time limit's exception can land between the count's decrement and gc.enable(): the worker asks again
    with collector_paused():
        pass
    gc.disable()  # as the cut-short end left it
    try:
        collector.resume_if_idle()
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            collector.resume_if_idle()  # a block under way: left off
            assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()
    collector._FROZEN.difference_update({"test-kind"})


def test_the_first_build_of_a_kind_is_frozen_a_later_one_is_not(unfrozen):
    gc.unfreeze()
    with kept_for_good("test-kind"):
        first = _cycles(1000)
    frozen = gc.get_freeze_count()
    assert frozen >= len(first)  # the build's objects are left out of later collections
    with kept_for_good("test-kind"):
        second = _cycles(1000)
    assert gc.get_freeze_count() == frozen  # a second build of the kind (other rule data) stays collectable
    del second


def test_garbage_of_a_later_build_is_collected(unfrozen):
    with kept_for_good("test-kind"):
        pass
    gc.collect()
    with kept_for_good("test-kind"):
        _cycles(500)  # dropped at once: garbage in cycles, left for the collector
    assert gc.collect() >= 500


def test_the_models_are_built_once_and_frozen():
    """In a fresh process, building the spaCy pipeline (which builds jieba's dictionary first) freezes both kinds."""
    code = (
        "import gc\n"
        "from selfeval_lint import collector\n"
        "from selfeval_lint.analysis.nlp import pipeline\n"
        "from selfeval_lint.rulesets import load_rules\n"
        "before = gc.get_freeze_count()\n"
        "pipeline(load_rules())\n"
        "print(sorted(collector._FROZEN), gc.get_freeze_count() - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[:2] == ["['jieba',", "'spaCy']"]
    assert int(out[2]) > 100_000  # spaCy's and jieba's objects: left out of every later collection
