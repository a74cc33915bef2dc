"""The document text on the review page: every item marked at its span, and everything HTML-escaped."""

from __future__ import annotations

from blueledger.ledgers.selectors import Mark, marked_text


def test_marks_wrap_their_spans_and_text_is_escaped() -> None:
    text = "甲<b>乙&丙"
    html = marked_text(text, [Mark(1, 4, "task", "task-1", "任务 一"), Mark(5, 6, "quantity target", "q-2", "目标")])
    assert str(html) == (
        '甲<mark id="mark-task-1" class="task" data-item="task-1" title="任务 一">&lt;b&gt;</mark>'
        '乙<mark id="mark-q-2" class="quantity target" data-item="q-2" title="目标">&amp;</mark>丙'
    )


def test_a_mark_inside_another_nests_and_a_crossing_one_is_left_out() -> None:
    text = "新建渔港3个以上"
    marks = [
        Mark(0, 8, "task", "task-1", "任务"),
        Mark(4, 6, "quantity target", "quantity-2", "目标"),
        Mark(6, 10, "dept lead", "responsibility-3", "越界"),  # beyond the text
        Mark(5, 7, "dept lead", "responsibility-4", "交叉"),  # crosses quantity-2's end
    ]
    html = str(marked_text(text, marks))
    assert html == (
        '<mark id="mark-task-1" class="task" data-item="task-1" title="任务">新建渔港'
        '<mark id="mark-quantity-2" class="quantity target" data-item="quantity-2" title="目标">3个</mark>'
        "以上</mark>"
    )


def test_attribute_values_are_escaped() -> None:
    html = str(marked_text("ab", [Mark(0, 1, "x", "i", '"><script>')]))
    assert html == '<mark id="mark-i" class="x" data-item="i" title="&quot;&gt;&lt;script&gt;">a</mark>b'


def test_items_sharing_a_span_share_one_mark() -> None:
    marks = [
        Mark(0, 2, "dept support", "responsibility-1", "配合"),
        Mark(0, 2, "dept support", "responsibility-2", "配合"),
    ]
    assert str(marked_text("各县", marks)) == (
        '<mark id="mark-responsibility-1" class="dept support" data-item="responsibility-1 responsibility-2" '
        'title="配合">各县</mark>'
    )
