"""GSM-7 and UCS-2 counting and segments, on known values."""

from __future__ import annotations

import pytest

from cope.text.sms import GSM7, UCS2, capacity, count, plain


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("a" * 160, GSM7, 160, 1),
        ("a" * 161, GSM7, 161, 2),
        ("a" * 306, GSM7, 306, 2),
        ("a" * 307, GSM7, 307, 3),
        ("a" * 612, GSM7, 612, 4),
        ("\u20ac" * 80, GSM7, 160, 1),  # the euro sign is an extension character: 2 septets
        ("^{}\\[~]|", GSM7, 16, 1),
        ("\u20ac" * 81, GSM7, 162, 2),
        ("a" * 152 + "\u20ac" + "a" * 10, GSM7, 164, 2),  # the escape is not split
        ("a" * 152 + "\u20ac" + "a" * 150, GSM7, 304, 2),
        ("a" * 152 + "\u20ac" + "a" * 152, GSM7, 306, 3),  # 306 septets, yet three parts
        ("Ñandú", UCS2, 5, 1),  # ú is not GSM-7
        ("\u00e7", UCS2, 1, 1),  # only the capital Ç is GSM-7
        ("a" * 70 + "\u00e1", UCS2, 71, 2),
        ("\U0001f600" * 35, UCS2, 70, 1),  # emoji outside the BMP: two UTF-16 units
        ("\U0001f600" * 36, UCS2, 72, 2),
        ("\U0001f600" * 33 + "a" + "\U0001f600", UCS2, 69, 1),
    ],
)
def test_counts(text, encoding, units, segments):
    counted = count(text)
    assert (counted.encoding, counted.units, counted.segments) == (encoding, units, segments)


def test_cumulative_limits():
    assert [capacity(GSM7, n) for n in (1, 2, 3, 4)] == [160, 306, 459, 612]
    assert [capacity(UCS2, n) for n in (1, 2, 3, 4)] == [70, 134, 201, 268]


def test_typographic_characters_become_gsm7():
    text = "\u201cBoil\u201d \u2013 it\u2019s\u2026 now\u00a0please \u2014 ok"
    assert plain(text) == '"Boil" - it\'s... now please - ok'
    assert count(text).encoding == UCS2 and count(plain(text)).encoding == GSM7
