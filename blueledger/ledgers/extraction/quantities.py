"""Find measured quantities: a number (Arabic or Chinese, or a range) with its unit, and its comparison.

One compiled pattern finds every number-plus-unit in a single pass; the rules below then drop what a
ledger does not track: numbers in quoted names and book titles (“四个十”, 《…15条》), ordinals and ranks
(第2次, 进入全省前三位), a negated 一 that means none (未发生一起事故), slogans written with Chinese
numerals (十项机制, 五场硬仗), periods (4个月, 四个季度), class qualifiers (50亿元以上项目, 过50亿元项目:
an amount that names a class of things), capacity in a name (20GW光伏…), formulas (1+4+N) and page
furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from blueledger.ledgers.extraction.model import ComparisonOp
from blueledger.ledgers.extraction.segments import Segments
from blueledger.lib.cn_numbers import ARABIC_NUMBER_PATTERN, parse_arabic_number, parse_chinese_numeral
from blueledger.lib.units import COUNT_UNITS, MEASURE_UNITS, is_count_unit

_CHINESE_NUMBER = r"[〇一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*"
_NUMBER = rf"(?:{ARABIC_NUMBER_PATTERN}|{_CHINESE_NUMBER})"


class _TrieNode(dict[str, "_TrieNode"]):
    """Children by character; the key "" marks the end of a word."""


def _trie_alternation(words: frozenset[str]) -> str:
    """A regex matching the longest of `words` at a position, written as a trie (个(?:百分点)?|…) so that
    the engine tests each character once instead of every word in turn: 80 units, read at every number."""
    trie = _TrieNode()
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, _TrieNode())
        node[""] = _TrieNode()

    def pattern(node: _TrieNode) -> str:
        branches = [re.escape(character) + pattern(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" not in node:
            return group
        return f"(?:{group})?" if len(branches) == 1 and len(branches[0]) > 1 else f"{group}?"

    return pattern(trie)


_UNITS = _trie_alternation(COUNT_UNITS | MEASURE_UNITS)
_QUANTITY = re.compile(
    rf"(?:百分之(?P<percent>{_NUMBER})"
    rf"|(?P<number>{_NUMBER})(?:(?P<range_sep>[-~—–至到])(?P<number_max>{_NUMBER}))?"
    rf"(?P<gap> )?(?P<more_before>[余多])?(?P<magnitude>万亿|千万|百万|亿|万|千)?(?P<more_after>[余多])?"
    rf"(?:(?P<unit>{_UNITS})"
    # The other endings share the number's scan (one pass over each digit): 三分之二 and 1/2 (a share);
    # a decimal number of years, a duration and never a date (受教育年限11.2年); a magnitude with no unit
    # after it, which counts the people or things named next (3.86万国标贫困人口).
    rf"|分之(?P<numerator>[一二三四五六七八九十]{{1,3}})"
    rf"|/(?P<slash_denominator>\d{{1,2}})(?![\d/])"
    rf"|(?P<years>(?:(?<=\.\d)|(?<=\.\d\d))年)"
    rf"|(?P<bare>(?<=[万亿])(?![余多\d]|平方|立方))))"
)

# Words after a unit that make the number part of another word: 万吨级 (class), 一次性, 1号.
_BOUND_SUFFIX = frozenset("级性式型号")
# Unit characters that begin another word when followed by these (一支持 is 统一+支持, not 1支). Only a
# Chinese numeral can be the end of a word; after Arabic digits the measure word wins (64台风机 is 64台).
_UNIT_WORD_CONTINUATIONS: dict[str, tuple[str, ...]] = {
    "支": ("持", "撑", "付", "出"),
    "处": ("理", "置", "罚", "于", "长", "室"),
    "条": ("件", "例", "款"),
    "名": ("单", "称", "牌", "录", "义"),
    "位": ("置", "于"),
    "人": ("民", "员", "才"),
    "台": ("账", "湾"),
    "场": ("景", "地", "所", "馆", "域"),
    "只": ("有", "是", "要", "能"),
    "头": ("部",),
    "起": ("草", "来", "步", "点", "始", "到"),
    "座": ("谈",),
    "个": ("性", "体"),
    "期": ("间", "末", "限", "初"),
    "次": ("数", "产业"),
    "户": ("籍", "外"),
    "家": ("庭", "乡"),
    "件": ("事",),
    "口": ("岸", "径", "号", "子", "气", "头", "罩", "碑", "语", "味"),
    "组": ("织", "建", "成", "合", "团", "长", "委"),
    "块": ("儿", "钱"),
    "根": ("据", "本", "源", "治", "除", "基"),
    "顶": ("层", "尖", "端", "级", "峰", "替"),
}
# 一 right after these characters is part of a word (统一, 唯一, 之一, 进一步, 每一个) — 引进十二家 is a count.
_WORD_BEFORE_ONE = frozenset("统唯之进同单逐专划合归每任其万")
# A "——" bullet opening the sentence: its headline names a goal (——打造一个国际深水大港。).
_BULLET_START = re.compile(r"[ \t\u3000]{0,8}——")
# 了一份, 的一块, 是一个: after these 一 is an article, not a count.
_ARTICLE_BEFORE_ONE = frozenset("了的是为")
# Any Chinese numeral after these is an ordinal, a weekday or a session (第二, 周三, 星期五, 八届三次全会).
_WORD_BEFORE_CHINESE_NUMERAL = frozenset("第周星期届")
# 个 followed by a period or a grouping word: 4个月, 四个季度, 八个方面 are no counted things.
_PERIOD_AFTER_GE = re.compile(r"(?:月|季度|小时|工作日|星期|时期|方面|阶段|层面|维度|年头)")
# Chinese numeral + measure word + one of these names a slogan or package (十项机制, 五场硬仗, 八项规定).
_SLOGAN_NOUNS = re.compile(
    r"(?:机制|硬仗|战役|行动|工程|制度|规定|原则|理念|意识|自信|维护|确立|形态|体系|举措|要求|方向|战术|战略|"
    r"攻坚战|模式|精神|作风|纪律|禁令|清单|任务书|关系|统筹|融合|联动|保障|服务|措施|目标|作用|表|图|网)"
)
# N条 + these names a policy package (15条硬措施), not a count the ledger tracks.
_POLICY_PACKAGE_NOUNS = re.compile(r"(?:硬措施|措施|举措|意见|规定|政策|细则|条例|要求)")
# 前三位, 前十名: a rank, not a count.
_RANK_UNITS = frozenset({"位", "名"})
# 未发生一起, 没有一个, 不出现一例: 一 after a negation means none, which is no quantity a ledger tracks.
_NEGATION_BEFORE = re.compile(r"(?:未|没有|没|不|无|杜绝)(?:发生|出现|有)?\Z")
# A case counted with 起 (一起…案件), as opposed to 一起 meaning "together".
_CASE_WORDS = re.compile(r"案|事故|事件|纠纷|违法|违规")
# Comparison words written right before the number.
_OP_BEFORE: tuple[tuple[str, ComparisonOp], ...] = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("至少", ">="),
    ("不小于", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不多于", "<="),
    ("控制在", "<="),
    ("不大于", "<="),
    ("至多", "<="),
    ("超过", ">"),
    ("突破", ">"),
    ("多于", ">"),
    ("大于", ">"),
    ("超", ">"),
    ("破", ">"),
    ("大约", "~"),
    ("约", "~"),
    ("近", "~"),
    ("接近", "~"),
)
# The same floors and ceilings when they govern a verb phrase: 至少研发落地5项.
_OP_IN_CLAUSE: tuple[tuple[str, ComparisonOp], ...] = (
    ("至少", ">="),
    ("不少于", ">="),
    ("不低于", ">="),
    ("不超过", "<="),
    ("控制在", "<="),
)
# A cap or a floor of a subsidy or quota, also across the grant verb: 给予最高50万元补助, 补助上限为30万元,
# 单个项目最高补助500万元, 每亩最低补助300元.
_LIMIT_BEFORE = re.compile(
    r"(?:(?P<cap>最高|最多|上限)|(?P<floor>最低|下限))可?(?:给予)?(?:一次性)?"
    r"(?:补助|补贴|奖励|资助|奖补|支持|扶持)?(?:为|达|可达|达到)?\Z"
)
_LIMIT_BEFORE_CHARS = 12
# Characters before 约/近 that make them part of another word (签约5个 is no approximation).
_WORD_BEFORE_APPROXIMATION: dict[str, str] = {
    "约": "签节制预合公条契邀履特相", "近": "最附临靠就邻亲", "超": "赶高", "破": "打突爆",
}
# 多 or 余 after the unit (增长了1倍多) is "more than", as before it (150余家); not where a word goes on (多功能).
_OP_AFTER = re.compile(
    r"(?P<ge>及以上|以上)|(?P<le>以下|以内)|(?P<approx>左右|上下)|(?P<gt>[多余](?![\u4e00-\u9fff]))"
)
_AFTER_OPS: dict[str, ComparisonOp] = {"ge": ">=", "le": "<=", "approx": "~", "gt": ">"}
# An amount followed by 以上/以下 and a noun (50亿元以上项目) qualifies a class of things.
_QUALIFIER_AFTER = re.compile(r"(?:及以上|以上|以下|以内)的?[\u4e00-\u9fff]")
_CLASS_AFTER_GUO = re.compile(r"的?[\u4e00-\u9fff]")
# A capacity or size right before a project's name: 30万吨单点系泊项目, 100万千瓦核电项目.
_NAMED_PROJECT_AFTER = re.compile(r"[\u4e00-\u9fff]{1,10}?项目")
# Nouns that make the amount before them the bound of a class: 10-50万元群体, 2-10米等深线, 3000吨级.
_CLASS_NOUN_AFTER = re.compile(r"(?:群体|人群|等深线|水深线|以浅|以深)")
_RANGE_SEPARATORS = frozenset("-~—–至到")
_LATIN_UNITS = frozenset({"GW", "MW", "kW", "TEU"})


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A number with its unit as found in the normalised text, before role and context are settled."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    op: ComparisonOp


# Runs of digits (with their separators) or of Chinese numerals longer than any written number: the pattern
# would try each of their offsets and backtrack through the rest of the run (quadratic). They are masked
# with a character of the same length, so offsets stay those of the text.
_OVERLONG_NUMBER = re.compile(r"[\d.,]{40,}|[〇零一二两三四五六七八九十百千万亿]{24,}")
_MASK = "#"


def _mask_overlong_numbers(text: str) -> str:
    return _OVERLONG_NUMBER.sub(lambda match: _MASK * len(match.group()), text)


def find_quantities(text: str, segments: Segments) -> list[QuantityMention]:
    """Every tracked number-plus-unit of `text`, in order."""
    text = _mask_overlong_numbers(text)
    found: list[QuantityMention] = []
    for match in _QUANTITY.finditer(text):
        start = match.start()
        # The number must not continue a longer one (the 5 of 3.5, the 300 of 1,300); tested here, not
        # in the pattern, because a leading lookbehind makes the engine try every offset of the text.
        if start and (
            text[start - 1].isdigit() or (start > 1 and text[start - 1] in ".," and text[start - 2].isdigit())
        ):
            continue
        mention = _read_mention(text, match, segments)
        if mention is None:
            continue
        previous = found[-1] if found else None
        if (
            previous is not None
            and previous.op == "="
            and mention.op in ("=", "~", ">=", "<=")
            and previous.unit == mention.unit
            and previous.end + 1 == mention.start
            and text[previous.end] in _RANGE_SEPARATORS
        ):
            # 10%—15%, 2万吨至3万吨: a range written with the unit on both ends.
            found[-1] = QuantityMention(
                previous.start, mention.end, previous.value, mention.value, mention.unit, "range"
            )
            continue
        found.append(mention)
    return found


def _read_fraction(text: str, match: re.Match[str], segments: Segments) -> QuantityMention | None:
    """四分之一 → 0.25, 三分之二 → 0.6667, 1/2 → 0.5: a share with no unit."""
    start, end = match.span()
    number_text = match.group("number")
    if (
        segments.is_quoted(start, end)
        or segments.is_chrome(start)
        or (start and text[start - 1] in "/.-")
        or match.group("gap")
        or match.group("number_max")
        or match.group("magnitude")
        or match.group("more_before")
        or match.group("more_after")
    ):
        return None
    numerator: int | None
    denominator: int | None
    if match.group("numerator") is not None:
        numerator, denominator = parse_chinese_numeral(match.group("numerator")), parse_chinese_numeral(number_text)
    elif number_text.isdigit() and len(number_text) <= 2:
        numerator, denominator = int(number_text), int(match.group("slash_denominator"))
    else:
        return None
    if numerator is None or denominator is None or not 0 < numerator < denominator:
        return None
    value = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001")).normalize()
    return QuantityMention(start, end, value, None, "", _op_before(text, start, segments))


def _read_bare(text: str, match: re.Match[str], segments: Segments) -> QuantityMention | None:
    """3.86万 with no unit (the unit is the magnitude), or 11.2年 (a duration)."""
    start, end = match.span()
    value = parse_arabic_number(match.group("number"))
    if (
        value is None
        or segments.is_quoted(start, end)
        or segments.is_chrome(start)
        or text[start - 1 : start] in ("第", "+")
        or match.group("gap")
        or match.group("number_max")
        or match.group("more_before")
        or match.group("more_after")
    ):
        return None
    unit = "年" if match.group("years") is not None else match.group("magnitude") or ""
    if unit not in ("年", "万", "亿", "万亿"):
        return None
    op_after = _OP_AFTER.match(text, end)
    op: ComparisonOp
    if op_after is not None:
        op = _AFTER_OPS[op_after.lastgroup or ""]
    else:
        op = _op_before(text, start, segments)
    return QuantityMention(start, end, value, None, unit, op)


def _read_mention(text: str, match: re.Match[str], segments: Segments) -> QuantityMention | None:
    if match.group("numerator") is not None or match.group("slash_denominator") is not None:
        return _read_fraction(text, match, segments)
    if match.group("bare") is not None or match.group("years") is not None:
        return _read_bare(text, match, segments)
    start, end = match.span()
    unit = match.group("unit") or "%"
    if match.group("gap") and (is_count_unit(unit) or parse_arabic_number(match.group("number")) is None):
        return None  # "26.7 千米" keeps a typeset space before a measure; "3 个" or "三 个" is no quantity
    before = text[start - 1] if start > 0 else ""
    after = text[end : end + 4]
    if segments.is_quoted(start, end) or segments.is_chrome(start):
        return None
    if before in ("第", "+", "×", "*") or after[:1] in _BOUND_SUFFIX or after[:1] == "+":
        return None
    if unit in MEASURE_UNITS and unit != "%" and _NAMED_PROJECT_AFTER.match(text, end):
        return None  # 30万吨单点系泊项目: a capacity that is part of a project's name
    if unit in _LATIN_UNITS and after[:1] and "\u4e00" <= after[0] <= "\u9fff" and after[:2] != "左右":
        return None  # 20GW光伏组件产业基地: a capacity inside a project's name
    if before == "前" and unit in _RANK_UNITS:
        return None
    if unit == "个" and _PERIOD_AFTER_GE.match(after):
        return None
    if unit == "条" and _POLICY_PACKAGE_NOUNS.match(after):
        return None

    percent = match.group("percent")
    number_text = percent if percent is not None else match.group("number")
    number_max_text = match.group("number_max")
    chinese = parse_arabic_number(number_text) is None
    if chinese:
        if unit[-1] in _UNIT_WORD_CONTINUATIONS and after.startswith(_UNIT_WORD_CONTINUATIONS[unit[-1]]):
            return None
        if before and (
            before in _WORD_BEFORE_CHINESE_NUMERAL or (before in _WORD_BEFORE_ONE and number_text.startswith("一"))
        ):
            return None
        if unit in ("期", "所", "种"):
            return None  # 一期, 二期: phases of a project; 海洋一所: an institute's name; 一种: a sort of
        if number_text == "一" and before in _ARTICLE_BEFORE_ONE:
            return None  # 交出了一份答卷, 是一块短板: 一 as an article, no count
        sentence_start, _ = segments.sentence_of(start)
        if _BULLET_START.match(text, sentence_start):
            return None  # ——打造一个国际深水大港。: a bullet's headline names a goal, it counts nothing
        if number_text == "一" and _NEGATION_BEFORE.search(text, max(0, start - 4), start):
            return None
        if _SLOGAN_NOUNS.match(after):
            return None
        if unit == "起":
            clause_start, clause_end = segments.clause_of(start)
            if not _CASE_WORDS.search(text, clause_start, clause_end):
                return None
    magnitude = match.group("magnitude") or ""
    value = _number_value(number_text)
    value_max = _number_value(number_max_text) if number_max_text else None
    if value is None and number_max_text is None and chinese:
        value, value_max = _adjacent_digit_range(number_text)
    if value is None or (number_max_text and value_max is None):
        return None
    if chinese and number_text[-1] in "万亿" and len(number_text) > 1 and not magnitude:
        # 两万吨 is written as 2 万吨; keep the magnitude with the unit, as Arabic numbers do.
        head = _number_value(number_text[:-1])
        if head is not None:
            value, magnitude = head, number_text[-1]
    written_unit = "%" if percent is not None else magnitude + unit

    op: ComparisonOp = "="
    if value_max is not None:
        op = "range"
    elif match.group("more_before") or match.group("more_after"):
        op = ">"
    else:
        op_after = _OP_AFTER.match(text, end)
        if op_after is not None:
            op = _AFTER_OPS[op_after.lastgroup or ""]
        else:
            op = _op_before(text, start, segments)
    if not is_count_unit(written_unit) and written_unit != "%" and _is_class_qualifier(text, start, end):
        return None
    return QuantityMention(start, end, value, value_max, written_unit, op)


def _number_value(number_text: str | None) -> Decimal | None:
    if not number_text:
        return None
    arabic = parse_arabic_number(number_text)
    if arabic is not None:
        return arabic
    chinese = parse_chinese_numeral(number_text)
    return Decimal(chinese) if chinese is not None else None


def _adjacent_digit_range(number_text: str) -> tuple[Decimal | None, Decimal | None]:
    """两三个, 三五家: two neighbouring digits mean 'two or three'."""
    if len(number_text) == 2:
        low, high = parse_chinese_numeral(number_text[0]), parse_chinese_numeral(number_text[1])
        if low is not None and high is not None and 0 < low < high <= 9 and high - low <= 2:
            return Decimal(low), Decimal(high)
    return None, None


def _op_before(text: str, start: int, segments: Segments) -> ComparisonOp:
    window = text[max(0, start - 4) : start]
    for word, op in _OP_BEFORE:
        if window.endswith(word):
            if len(word) == 1 and window[-2:-1] in _WORD_BEFORE_APPROXIMATION[word]:
                continue  # 签约, 最近: the character ends another word
            return op
    limit_start = max(0, start - _LIMIT_BEFORE_CHARS)
    if text.find("最", limit_start, start) >= 0 or text.find("限", limit_start, start) >= 0:
        limit = _LIMIT_BEFORE.search(text, limit_start, start)
        if limit is not None:
            return "<=" if limit.group("cap") else ">="
    clause_start, _ = segments.clause_of(start)
    clause = text[clause_start:start]
    best: tuple[int, ComparisonOp] | None = None
    for word, op in _OP_IN_CLAUSE:
        position = clause.rfind(word)
        if position >= 0 and (best is None or position > best[0]):
            best = (position, op)
    if best is not None and not any(ch.isdigit() for ch in clause[best[0] :]):
        return best[1]
    return "="


def _is_class_qualifier(text: str, start: int, end: int) -> bool:
    """50亿元以上项目, 过300亿元的涉海项目, 10-50万元群体, 2-10米等深线: an amount naming a class whose
    members are then counted or measured."""
    if _CLASS_NOUN_AFTER.match(text, end):
        return True
    if _QUALIFIER_AFTER.match(text, end):
        return True
    if start >= 1 and text[start - 1] == "过" and (start < 2 or text[start - 2] not in "超越通经"):
        return bool(_CLASS_AFTER_GUO.match(text, end))
    return False
