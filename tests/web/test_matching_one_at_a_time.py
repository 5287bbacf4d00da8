"""Matching use cases run one at a time per process (web.services.matching.one_at_a_time)."""

from __future__ import annotations

import threading
import time

import pytest

from matcher import Mission
from tests.unit import graphs
from web.services import matching
from web.services.read_model import read_model_of


@pytest.fixture(scope="module")
def model():
    """A read model of the small test graph."""
    return read_model_of("1", graphs.snapshot())


def test_use_cases_wrapped_alike_never_overlap():
    running, peak, count = 0, 0, threading.Lock()

    @matching.one_at_a_time
    def work() -> None:
        nonlocal running, peak
        with count:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with count:
            running -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert peak == 1


@pytest.mark.parametrize("use_case", ["recommend", "check_coalition", "build_coalition",
                                      "what_if"])
def test_a_matching_request_waits_while_another_runs_then_answers(model, use_case):
    busy, release, answered = threading.Event(), threading.Event(), threading.Event()

    @matching.one_at_a_time
    def other_request() -> None:
        busy.set()
        release.wait(10)

    mission = Mission(text="warmtenet energietransitie", province="PV20")
    calls = {"recommend": lambda: matching.recommend(model, mission),
             "check_coalition": lambda: matching.check_coalition(model, mission),
             "build_coalition": lambda: matching.build_coalition(model, mission, 4),
             "what_if": lambda: matching.what_if(model, mission, (), ())}
    holder = threading.Thread(target=other_request)
    holder.start()
    assert busy.wait(10)
    waiter = threading.Thread(target=lambda: (calls[use_case](), answered.set()))
    waiter.start()
    assert not answered.wait(0.3)  # it waits for the other request
    release.set()
    assert answered.wait(30)
    holder.join(10)
    waiter.join(10)
