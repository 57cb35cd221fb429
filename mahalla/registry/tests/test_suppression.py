"""Small-cell suppression: primary under 5, and complementary so totals reveal nothing."""

from __future__ import annotations

from mahalla.registry.indicators.suppression import suppress_column, suppress_table, total


def test_small_cells_are_hidden_and_zero_is_not():
    assert suppress_column([12, 3, 0, 7, 2]) == [12, None, 0, 7, None]


def test_a_single_hidden_cell_takes_the_next_smallest_with_it():
    published = suppress_column([40, 3, 9, 25])
    assert published == [40, None, None, 25]
    # The total (77) minus the published cells leaves 12: neither hidden cell can be told.
    assert 77 - sum(v for v in published if v is not None) == 12


def test_nothing_small_nothing_hidden():
    assert suppress_column([5, 6, 0]) == [5, 6, 0]


def test_tables_are_suppressed_column_by_column():
    rows = [[10, 2], [8, 30], [1, 40]]
    # Each column had one small cell; the next smallest of the same column goes with it.
    assert suppress_table(rows) == [[10, None], [None, None], [None, 40]]
    # Column 2 had one small cell (2): the next smallest (30) goes with it.
    assert suppress_table([[10, 2], [8, 30], [9, 40]]) == [[10, None], [8, None], [9, 40]]


def test_a_small_total_is_hidden():
    assert total([1, 2]) is None and total([3, 4]) == 7 and total([0, 0]) == 0
