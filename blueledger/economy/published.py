"""Published ocean-economy figures with their sources (shared/reference/domain-facts.md §2.3–2.4): the
national 《中国海洋经济统计公报》 2020–2024, Shandong 2019–2024, 青岛, 威海 and 潍坊. Amounts 亿元 at
current prices; growth in % (comparable prices unless noted); shares in % of GDP. Only figures a source
states are here: a bound ("超过1500亿元") or a figure from memory is not."""

from __future__ import annotations

from decimal import Decimal

from blueledger.economy.choices import Indicator, PriceBasis

# (region code or "" for 全国, industry key or "", indicator, year, value, price basis, source, note)
PublishedRow = tuple[str, str, str, int, str, str, str, str]

NATIONAL_2020 = "m.hunanlong.com/c/06251K12021.html; 52ocean.cn thread 6600"
NATIONAL_2021 = "52ocean.cn thread 6600 (2021年《中国海洋经济统计公报》)"
NATIONAL_2022 = "52ocean.cn thread 32917; wap.rexun.cn (中新网)"
NATIONAL_2023 = "zrzyj.panjin.gov.cn/2024_03/21_17/content-463074.html (2023年《中国海洋经济统计公报》)"
NATIONAL_2024 = "hrbtv.net/folder963/2025-02-25/1010789.html; jwview.com (2024年《中国海洋经济统计公报》)"
SHANDONG_2019 = "qingdaonews.com/content/2020-11/16/content_22443214.htm"
WEIHAI_2025 = "reportify.cn (齐鲁晚报 2026-01-23)"
SHANDONG_2022_STRUCTURE = "52ocean.cn thread 37383"
COASTAL = "占沿海地区生产总值比重 (2006 分类口径)"
GDP, GROWTH, SHARE, VA = Indicator.OCEAN_GDP, Indicator.OCEAN_GDP_GROWTH, Indicator.GDP_SHARE, Indicator.VALUE_ADDED
CUR, CMP = PriceBasis.CURRENT, PriceBasis.COMPARABLE

PUBLISHED: tuple[PublishedRow, ...] = (
    ("", "", GDP, 2020, "79550", CUR, NATIONAL_2020, "初步核算 80010, 修订为 79550"),
    ("", "", GROWTH, 2020, "-5.3", CMP, NATIONAL_2020, ""),
    ("", "", SHARE, 2020, "14.9", CUR, NATIONAL_2020, COASTAL),
    ("", "", GDP, 2021, "90385", CUR, NATIONAL_2021, ""),
    ("", "", GROWTH, 2021, "8.3", CMP, NATIONAL_2021, ""),
    ("", "", SHARE, 2021, "15.0", CUR, NATIONAL_2021, COASTAL),
    ("", "", GDP, 2022, "94628", CUR, NATIONAL_2022, "自 2022 年起按 GB/T 20794-2021 分类"),
    ("", "", GROWTH, 2022, "1.9", CMP, NATIONAL_2022, ""),
    ("", "", SHARE, 2022, "7.8", CUR, NATIONAL_2022, "占国内生产总值比重"),
    ("", "", GDP, 2023, "99097", CUR, NATIONAL_2023, ""),
    ("", "", GROWTH, 2023, "6.0", CMP, NATIONAL_2023, ""),
    ("", "", SHARE, 2023, "7.9", CUR, NATIONAL_2023, "占国内生产总值比重"),
    ("", "", GDP, 2024, "105438", CUR, NATIONAL_2024, ""),
    ("", "", GROWTH, 2024, "5.9", CMP, NATIONAL_2024, ""),
    ("", "", SHARE, 2024, "7.8", CUR, NATIONAL_2024, "占国内生产总值比重"),
    ("", "marine_industries", VA, 2023, "40711", CUR, NATIONAL_2023, "增长 7.9%"),
    ("", "research_education", VA, 2023, "6345", CUR, NATIONAL_2023, "增长 2.1%"),
    ("", "public_services", VA, 2023, "16606", CUR, NATIONAL_2023, "增长 3.3%"),
    ("", "upstream", VA, 2023, "14101", CUR, NATIONAL_2023, "增长 6.1%"),
    ("", "downstream", VA, 2023, "21334", CUR, NATIONAL_2023, "增长 5.8%"),
    ("", "transport", VA, 2022, "7528", CUR, "javascriptjump.com (海洋经济蓝皮书 2023, 中新社)", "增长 6.0%"),
    ("", "fishery", VA, 2024, "4880", CUR, "deluxeaction.com/xinwen/1001918.html (2024年公报报道转载)", "增长 4.0%"),
    ("", "shipbuilding", VA, 2024, "1370", CUR, "hrbtv.net; neimeng.xinwen.mobi/436204.html", "增长 14.9%"),
    ("", "engineering_equipment", VA, 2024, "1032", CUR, "hrbtv.net; neimeng.xinwen.mobi/436204.html", "增长 9.1%"),
    ("", "chemicals", VA, 2024, "4453", CUR, "neimeng.xinwen.mobi/436204.html", "增长 6.6%"),
    ("", "transport", VA, 2024, "8194", CUR, "hrbtv.net", "增长 7.4%"),
    ("", "tourism", VA, 2024, "16135", CUR, "hrbtv.net", "增长 9.2%"),
    ("370000", "", GDP, 2019, "14600", CUR, SHANDONG_2019, "原文“1.46万亿元”"),
    ("370000", "", SHARE, 2019, "20.5", CUR, SHANDONG_2019, ""),
    ("370000", "", GDP, 2020, "13187", CUR, "sw-wood.cn (中工网转载)", "恢复到上年的 98.10%"),
    ("370000", "", SHARE, 2020, "18.03", CUR, "sw-wood.cn (中工网转载)", ""),
    ("370000", "", GDP, 2021, "14942.1", CUR, "jchdbf.com (《2021年山东省海洋经济发展报告》发布会转载)", ""),
    ("370000", "", GROWTH, 2021, "15.7", CMP, "jchdbf.com (《2021年山东省海洋经济发展报告》发布会转载)", ""),
    ("370000", "", SHARE, 2021, "18.0", CUR, "jchdbf.com (《2021年山东省海洋经济发展报告》发布会转载)", ""),
    ("370000", "", GDP, 2022, "16302.9", CUR, "8i8i8i.com (大众日报转载); zhiyao.mbahome.com (齐鲁网)", ""),
    ("370000", "", GROWTH, 2022, "7.6", CUR, "8i8i8i.com (大众日报转载)", "现价增速"),
    ("370000", "", SHARE, 2022, "18.6", CUR, "8i8i8i.com (大众日报转载)", ""),
    ("370000", "", GDP, 2023, "17018.3", CUR, "sd.xinhuanet.com/20240425", ""),
    ("370000", "", GROWTH, 2023, "6.2", CMP, "sd.xinhuanet.com/20240425", ""),
    ("370000", "", SHARE, 2023, "18.5", CUR, "sd.xinhuanet.com/20240425", ""),
    ("370000", "", GDP, 2024, "18011.8", CUR, "sdxw.iqilu.com (闪电新闻); gouwuzhinan.com", ""),
    ("370000", "", GROWTH, 2024, "6.1", CMP, "sdxw.iqilu.com (闪电新闻)", ""),
    ("370000", "", SHARE, 2024, "18.3", CUR, "sdxw.iqilu.com (闪电新闻)", ""),
    ("370000", "marine_industries", VA, 2022, "7227.1", CUR, SHANDONG_2022_STRUCTURE,
     "主要海洋产业, 占全省海洋生产总值 44.3%"),
    ("370000", "tourism", VA, 2022, "1851.3", CUR, "52ocean.cn thread 37383", ""),
    ("370000", "transport", VA, 2022, "1522.2", CUR, "52ocean.cn thread 37383", ""),
    ("370000", "chemicals", VA, 2022, "1304.6", CUR, "52ocean.cn thread 37383", ""),
    ("370000", "fishery", VA, 2022, "934.6", CUR, "52ocean.cn thread 37383", ""),
    ("370000", "marine_industries", VA, 2023, "7620.4", CUR, "sd.xinhuanet.com/20240425", "15个海洋产业, 增长 7.9%"),
    ("370000", "upstream", VA, 2023, "2505.9", CUR, "sd.xinhuanet.com/20240425", "增长 7.4%"),
    ("370000", "downstream", VA, 2023, "3969.4", CUR, "sd.xinhuanet.com/20240425", "增长 6.7%"),
    ("370200", "", GDP, 2017, "2909", CUR, "sd.dzwww.com/sdnews/201803/t20180301_17095473.htm", ""),
    ("370200", "", GROWTH, 2017, "15.7", CMP, "sd.dzwww.com/sdnews/201803/t20180301_17095473.htm", ""),
    ("370200", "", SHARE, 2017, "26.4", CUR, "sd.dzwww.com/sdnews/201803/t20180301_17095473.htm", ""),
    ("370200", "", GDP, 2024, "5513.2", CUR, "ylbk.net (青岛日报转载 市政府新闻办 2025-04-01)", ""),
    ("370200", "", SHARE, 2024, "33", CUR, "ylbk.net (青岛日报转载 市政府新闻办 2025-04-01)", ""),
    ("370200", "marine_industries", VA, 2024, "2524.3", CUR, "ylbk.net (青岛日报转载)", "15个主要海洋产业, 增长 8.3%"),
    ("371000", "", SHARE, 2025, "38.5", CUR, WEIHAI_2025,
     "海洋生产总值原文“超过1500亿元”, 为下限, 不录为数值"),
    ("370700", "", GDP, 2024, "1703.4", CUR, "chaxiaohao.com (二手来源)", "全省第三"),
    ("370700", "", GROWTH, 2024, "6.8", CMP, "chaxiaohao.com (二手来源)", ""),
    ("370700", "", SHARE, 2024, "21", CUR, "chaxiaohao.com (二手来源)", "原文“约21%”"),
)


def published_value(row: PublishedRow) -> Decimal:
    return Decimal(row[4])
