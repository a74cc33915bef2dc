"""领导批示 in the bulletin: the leaders' 批示 on the previous bulletin open the text as part 一, each with its
落实情况; without any the part is left out and 总体情况 is 一."""

from __future__ import annotations

import datetime
import io
from dataclasses import replace

import docx

from blueledger.dispatch.bulletin import InstructionRow, render_bulletin
from blueledger.dispatch.engine_tests.factories import make_bulletin_data


def _paragraphs(*rows: InstructionRow) -> list[str]:
    document = docx.Document(io.BytesIO(render_bulletin(replace(make_bulletin_data(), instructions=rows))))
    return [paragraph.text for paragraph in document.paragraphs]


def test_the_instructions_open_the_bulletin_with_how_each_was_carried_out() -> None:
    texts = _paragraphs(
        InstructionRow("张市长", datetime.date(2025, 9, 3), "滞后事项要逐项督办", implemented=True,
                       note="已建立督办清单, 每周通报"),
        InstructionRow("李副市长", datetime.date(2025, 9, 10), "渔港建设要加快", implemented=False),
    )

    start = texts.index("一、领导批示")
    assert texts[start:start + 6] == [
        "一、领导批示",
        "张市长（2025年9月3日）批示：滞后事项要逐项督办",
        "落实情况：已建立督办清单，每周通报",
        "李副市长（2025年9月10日）批示：渔港建设要加快",
        "落实情况：正在落实。",
        "二、总体情况",
    ]
    assert texts[-1] != ""  # no masthead, no 版记 anchor: the document still ends with its date


def test_without_instructions_there_is_no_such_part() -> None:
    texts = _paragraphs()

    assert "一、领导批示" not in texts and "一、总体情况" in texts
