import math

import pytest

from kbs.measure.stats import LatencySummary, percentile, rate


def test_percentile_interpolates_between_ranks_like_numpy():
    values = [10, 20, 30, 40]
    assert percentile(values, 0.5) == 25
    assert percentile(values, 0.0) == 10
    assert percentile(values, 1.0) == 40
    assert percentile(values, 0.95) == pytest.approx(38.5)


def test_percentile_does_not_depend_on_order_and_handles_one_value():
    assert percentile([3, 1, 2], 0.5) == 2
    assert percentile([7], 0.95) == 7


def test_percentile_of_nothing_is_nan_and_fraction_is_checked():
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError):
        percentile([1, 2], 95)


def test_summary_of_latencies():
    summary = LatencySummary.of([100.0] * 19 + [1000.0])
    assert summary.count == 20
    assert summary.p50 == 100
    assert summary.p95 == pytest.approx(145.0)
    assert summary.max == 1000
    assert summary.mean == pytest.approx(145.0)


def test_empty_summary_says_nothing_was_measured():
    summary = LatencySummary.of([])
    assert summary.count == 0
    assert summary.as_dict()["p95"] is None


def test_rate():
    assert rate(30, 10.0) == 3.0
    assert rate(5, 0.0) == 0.0
