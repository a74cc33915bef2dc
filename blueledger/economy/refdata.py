"""The economy part of `blueledger refdata`: GB/T 20794-2021 categories and industries and the shipped
GB/T 4754-2017 crosswalk (economy/data/)."""

from collections.abc import Callable

from blueledger.economy.services import classification_load_reference, composite_template_load


def refdata_load(*, write: Callable[[str], None]) -> None:
    created, updated = classification_load_reference(actor=None)
    write(f"海洋产业分类与行业对照: 新建 {created}, 更新 {updated}")
    if composite_template_load(actor=None):
        write("综合指数模板: 中国海洋发展指数 (6 个领域, 2015=100)")
