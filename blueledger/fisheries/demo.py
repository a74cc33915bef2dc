"""The fisheries part of `blueledger demo`: a generated Shandong fleet (labelled 生成的演示数据, never real data)
across the start of the 2026 moratorium, its positions ingested, the alerts raised, one case closed with a fine
and one 依港管船 alert handed over to the home port's bureau."""

from collections.abc import Callable
from decimal import Decimal

from blueledger.fisheries import services
from blueledger.fisheries.choices import Disposition
from blueledger.fisheries.generate import fleet, ports, positions
from blueledger.fisheries.ingest import ingest_frame
from blueledger.fisheries.models import Alert, Vessel
from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.orgs.models import Department, Region

DEMO_ORDER = 60


def _bureau(region_code: str) -> Department | None:
    return Department.objects.filter(region__code=region_code, short_name="市海洋发展局").first()


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    if Vessel.objects.filter(is_generated=True).exists():
        write("渔船监管 (生成的演示船队): 已存在, 跳过")
        return
    regions = {r.code: r for r in Region.objects.filter(code__in=["370000", "370200", "370600", "371000", "371100"])}
    if "370000" not in regions:
        write("渔船监管: 没有山东省区划 (先运行 blueledger refdata), 跳过")
        return
    generated = fleet(ports(load_anchorages()))
    for vessel in generated:
        services.vessel_create(
            actor=None,
            generated=True,
            reason="演示数据 (生成)",
            region=regions.get(vessel.region_code, regions["370000"]),
            name=vessel.name,
            registry_port=vessel.home.name,
            home_port=vessel.home.name,
            home_port_code=vessel.home.code,
            beidou_terminal=vessel.terminal,
            gear=vessel.gear,
            power_kw=Decimal(vessel.power_kw),
            owner="演示船东",
        )
    result = ingest_frame(actor=None, positions=positions(generated), region=regions["370000"])
    write(
        f"渔船监管 (生成的演示船队): 渔船 {len(generated)} 艘, 船位 {result.stored:,} 个, "
        f"事件 {result.events}, 预警 {result.alerts_created}"
    )
    breach = Alert.objects.filter(kind="moratorium_breach", vessel__name="鲁荣渔58003").order_by("day").first()
    weihai = _bureau("371000")
    if breach is not None and weihai is not None:
        services.alert_assign(actor=None, alert=breach, department=weihai, note="石岛渔港监督站登船检查")
        services.alert_verify(
            actor=None, alert=breach, verification="5月1日 18时登船检查: 休渔期间拖网作业, 网具未封存。"
        )
        services.alert_dispose(actor=None, alert=breach, disposition=Disposition.FINE, fine_yuan=Decimal("23800"))
        services.alert_close(actor=None, alert=breach)
        write("渔船监管: 鲁荣渔58003 休渔期违规作业一案已结案 (罚款 23800 元)")
    away = Alert.objects.filter(kind="home_port").first()
    qingdao = _bureau("370200")
    if away is not None and qingdao is not None:
        services.alert_assign(actor=None, alert=away, department=qingdao, note="点对点移交船籍港所在地")
        write(f"渔船监管: {away.vessel or away.vessel_key} 异地停泊, 已移交青岛市海洋发展局")
