"""Lead and support departments of a task."""

from blueledger.ledgers.extraction import extract


def make_duties(text: str) -> list[tuple[str, str, str]]:
    ledger = extract(text, source="test.txt")
    return [(r.task_key, r.role, r.department_name) for r in ledger.responsibilities]


def test_bracketed_clause_with_lead_and_support() -> None:
    text = "1.建设海洋牧场。新建2处。（市海洋局牵头，市财政局、市自然资源和规划局按职责分工负责）\n"
    assert make_duties(text) == [
        ("1", "lead", "市海洋局"),
        ("1", "support", "市财政局"),
        ("1", "support", "市自然资源和规划局"),
    ]


def test_labelled_line() -> None:
    text = "1.建设渔港\n责任单位：市海洋与渔业局牵头，市发改委、市交通局配合\n"
    assert make_duties(text) == [
        ("1", "lead", "市海洋与渔业局"),
        ("1", "support", "市发改委"),
        ("1", "support", "市交通局"),
    ]


def test_lead_and_support_labels_and_etc() -> None:
    text = "1.建设渔港。（牵头单位：市海洋局；配合单位：市财政局、各区市政府等）\n"
    assert make_duties(text) == [
        ("1", "lead", "市海洋局"),
        ("1", "support", "市财政局"),
        ("1", "support", "各区市政府"),
    ]


def test_clause_without_lead_names_only_support() -> None:
    assert make_duties("1.开放合作。（市发改委、市商务局按职责分工负责）\n") == [
        ("1", "support", "市发改委"),
        ("1", "support", "市商务局"),
    ]


def test_clause_for_every_task_adds_support_everywhere() -> None:
    text = (
        "一、主要任务\n1.做强产业。（市工信局牵头，各项任务均需各区市人民政府落实，以下不再列出）\n"
        "2.建设园区。（市商务局牵头）\n"
    )
    assert make_duties(text) == [
        ("一", "support", "各区市人民政府"),
        ("一.1", "lead", "市工信局"),
        ("一.1", "support", "各区市人民政府"),
        ("一.2", "lead", "市商务局"),
        ("一.2", "support", "各区市人民政府"),
    ]


def test_governance_prose_is_no_assignment() -> None:
    assert make_duties("1.统筹推进。推动形成市委海洋委牵头抓总、各部门协同配合的工作格局。\n") == []


def test_span_points_at_the_name() -> None:
    ledger = extract("1.建设渔港。（市海洋局牵头）\n", source="test.txt")
    span = ledger.responsibilities[0].span
    assert span is not None
    assert ledger.text[span.start : span.end] == "市海洋局"


def test_a_bracketed_second_name_stays_with_the_department_as_written() -> None:
    text = (
        "一、重点任务\n1.发展海洋新能源。推进海上光伏建设。\n"
        "牵头单位：市发展改革委（市能源局）；配合单位：市自然资源和规划局\n"
    )
    ledger = extract(text, source="t.txt")
    assert [(r.task_key, r.department_name, r.role) for r in ledger.responsibilities] == [
        ("一.1", "市发展改革委（市能源局）", "lead"),
        ("一.1", "市自然资源和规划局", "support"),
    ]


def test_labelled_line_followed_by_another_labelled_line_keeps_its_last_department() -> None:
    text = (
        "1.建设渔港\n责任单位：市海洋与渔业局牵头，市发改委、市交通局、市财政局配合\n"
        "对标城市：宁波市    对标值：渔港吞吐量增长5%。\n"
    )
    assert make_duties(text) == [
        ("1", "lead", "市海洋与渔业局"),
        ("1", "support", "市发改委"),
        ("1", "support", "市交通局"),
        ("1", "support", "市财政局"),
    ]


def test_sentence_that_only_assigns_departments() -> None:
    text = "1.发展远洋渔业。新建渔船2艘。由市海洋局牵头，市商务局、市交通局配合。\n2.建设码头。市港航局牵头。\n"
    assert make_duties(text) == [
        ("1", "lead", "市海洋局"),
        ("1", "support", "市商务局"),
        ("1", "support", "市交通局"),
        ("2", "lead", "市港航局"),
    ]


def test_sentence_that_mentions_a_lead_inside_other_words_is_no_assignment() -> None:
    text = "1.完善机制。建立由市海洋局牵头的联席会议制度。该项工作由市商务局牵头，各区配合推进落实。\n"
    assert make_duties(text) == []


def test_every_task_sentence_sharing_the_bracket_with_the_task_departments() -> None:
    ascii_text = (
        "一、主要任务\n1.编制规划。(牵头单位:市海洋局;配合单位:市财政局、市商务局。"
        "各项任务均需各区(市)人民政府落实,以下不再列出)\n2.建设园区。(市工信局牵头)\n"
    )
    assert make_duties(ascii_text) == [
        ("一", "support", "各区(市)人民政府"),
        ("一.1", "lead", "市海洋局"),
        ("一.1", "support", "市财政局"),
        ("一.1", "support", "市商务局"),
        ("一.1", "support", "各区(市)人民政府"),
        ("一.2", "lead", "市工信局"),
        ("一.2", "support", "各区(市)人民政府"),
    ]
    full_width_text = (
        "1.编制规划。（牵头单位：市海洋局；配合单位：市财政局。各项任务均需各区（市）人民政府落实，以下不再列出）\n"
    )
    assert make_duties(full_width_text) == [
        ("1", "lead", "市海洋局"),
        ("1", "support", "市财政局"),
        ("1", "support", "各区（市）人民政府"),
    ]


def test_lead_marked_in_brackets_after_its_name() -> None:
    text = (
        "1.建设平台。(责任单位:市海洋局(牵头)、市大数据局)\n"
        "2.建设园区。（责任单位：市工信局（牵头），市科技局、市商务局）\n"
    )
    assert make_duties(text) == [
        ("1", "lead", "市海洋局"),
        ("1", "support", "市大数据局"),
        ("2", "lead", "市工信局"),
        ("2", "support", "市科技局"),
        ("2", "support", "市商务局"),
    ]


def test_labels_set_off_by_spaces_and_on_lines_of_their_own() -> None:
    text = (
        "1.建设渔港。（牵头单位：市海洋局 配合单位：市财政局、市交通局）\n"
        "2.建设园区。新建园区1个。\n牵头单位：市工信局\n配合单位：市科技局、市商务局\n"
        "3.加强执法。（责任单位：市海洋局〔牵头〕、市公安局）\n"
    )
    assert make_duties(text) == [
        ("1", "lead", "市海洋局"),
        ("1", "support", "市财政局"),
        ("1", "support", "市交通局"),
        ("2", "lead", "市工信局"),
        ("2", "support", "市科技局"),
        ("2", "support", "市商务局"),
        ("3", "lead", "市海洋局"),
        ("3", "support", "市公安局"),
    ]


def test_sentence_that_assigns_to_one_responsible_department_or_to_bodies_that_are_no_departments() -> None:
    text = "1.发展休闲渔业。新建基地2个。由市文旅局负责。\n2.发展远洋渔业。由市海洋局牵头，各区市配合。\n"
    assert make_duties(text) == [("1", "support", "市文旅局"), ("2", "lead", "市海洋局")]


def test_any_department_label_is_left_out_of_the_names_and_its_words_give_the_role() -> None:
    text = (
        "1.建设渔港。（主要责任单位：市海洋局；协同单位：市财政局）\n"
        "2.建设平台。（牵头部门：市海洋局；参与部门：市大数据局）\n"
        "3.建设园区。\n主要责任单位：市工信局牵头，市科技局配合\n"
    )
    assert make_duties(text) == [
        ("1", "support", "市海洋局"),
        ("1", "support", "市财政局"),
        ("2", "lead", "市海洋局"),
        ("2", "support", "市大数据局"),
        ("3", "lead", "市工信局"),
        ("3", "support", "市科技局"),
    ]


def test_a_responsibility_line_with_one_unit_and_no_role_word_names_the_lead() -> None:
    text = "1.提高受教育年限达到11.2年。\n责任单位:市教育局\n2.建设校舍。\n责任单位:市教育局、市财政局\n"
    assert make_duties(text) == [
        ("1", "lead", "市教育局"),
        ("2", "support", "市教育局"),
        ("2", "support", "市财政局"),
    ]


def test_a_bare_trailing_bracket_of_units_is_a_responsibility_list() -> None:
    text = "1.推进港口建设（市发改委）。\n2.推进航道建设（市交通局、市港航中心）\n3.完善网络（5G基站）。\n"
    assert make_duties(text) == [
        ("1", "lead", "市发改委"),
        ("2", "support", "市交通局"),
        ("2", "support", "市港航中心"),
    ]


def test_a_host_and_co_host_pair_closing_a_section_covers_the_section_and_its_items() -> None:
    text = (
        "一、发展海洋经济\n1.建设渔港。\n2.建设码头。\n主办单位：市海洋局；协办单位：市交通局\n"
        "二、保护生态\n1.修复岸线。\n责任单位：市生态环境局\n2.整治河口。\n责任单位：市水利局\n"
    )
    assert make_duties(text) == [
        ("一", "lead", "市海洋局"),
        ("一", "support", "市交通局"),
        ("一.1", "lead", "市海洋局"),
        ("一.1", "support", "市交通局"),
        ("一.2", "lead", "市海洋局"),
        ("一.2", "support", "市交通局"),
        ("二.1", "lead", "市生态环境局"),
        ("二.2", "lead", "市水利局"),
    ]


def test_host_and_main_responsibility_words_name_the_lead() -> None:
    text = "1.建设渔港。（市海洋局主办，市财政局协办）\n2.建设码头。（主责单位：市交通局；协同单位：市港航中心）\n"
    assert make_duties(text) == [
        ("1", "lead", "市海洋局"),
        ("1", "support", "市财政局"),
        ("2", "lead", "市交通局"),
        ("2", "support", "市港航中心"),
    ]
