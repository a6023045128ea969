"""The hypothesis profile of the fuzz suite: a fixed, small draw in the test run; bench/fuzz.py draws many."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

from .harness import examples

settings.register_profile(
    "fuzz",
    max_examples=examples(25),
    deadline=None,
    # The suite draws the same cases every run; a long run asked for by number draws new ones.
    derandomize="GONGKAI_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
