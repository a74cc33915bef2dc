from django.db import models


class Gear(models.TextChoices):
    TRAWL = "拖网", "拖网"
    PURSE_SEINE = "围网", "围网"
    GILLNET = "刺网", "刺网"
    STOW_NET = "张网", "张网"
    HOOK_AND_LINE = "钓具", "钓具"
    POT = "笼壶", "笼壶"
    FIXED = "定置", "定置"
    BEAM_SHRIMP = "桁杆拖虾", "桁杆拖虾"
    LIGHT_NET = "灯光围网", "灯光围（敷）网"
    CARRIER = "运输", "运输 (捕捞辅助船)"
    AQUACULTURE = "养殖", "养殖"


class VesselStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    LAID_UP = "laid_up", "停港"
    DEREGISTERED = "deregistered", "注销"


class CertificateKind(models.TextChoices):
    FISHING_LICENCE = "fishing_licence", "捕捞许可证"
    INSPECTION = "inspection", "检验证书"
    REGISTRATION = "registration", "登记证书"


class EventKind(models.TextChoices):
    PORT_VISIT = "port_visit", "进港停泊"
    GAP = "gap", "信号中断"
    ENCOUNTER = "encounter", "海上相遇 (疑似过驳)"
    LOITERING = "loitering", "海上滞留"
    MORATORIUM_BREACH = "moratorium_breach", "休渔期违规作业"
    HOME_PORT = "home_port", "异地停泊 (依港管船)"
    FOREIGN = "foreign", "外籍船舶"
    IDENTITY_CLASH = "identity_clash", "MMSI 冲突"


# Events that become alerts; port visits are the record the others are judged against.
ALERT_KINDS = (
    EventKind.GAP,
    EventKind.ENCOUNTER,
    EventKind.LOITERING,
    EventKind.MORATORIUM_BREACH,
    EventKind.HOME_PORT,
    EventKind.FOREIGN,
    EventKind.IDENTITY_CLASH,
)


class AlertStatus(models.TextChoices):
    OPEN = "open", "待指派"
    ASSIGNED = "assigned", "核查中"
    VERIFIED = "verified", "已核查"
    DISPOSED = "disposed", "已处理"
    CLOSED = "closed", "已结案"


class Disposition(models.TextChoices):
    NO_VIOLATION = "no_violation", "未发现违规"
    WARNING = "warning", "警告"
    FINE = "fine", "罚款"
    TRANSFERRED = "transferred", "移送"


class RoundIndicator(models.TextChoices):
    """Figures of 渔船监管 a dispatch round's target can take by itself (TargetBinding)."""

    MORATORIUM_VIOLATIONS = "moratorium_violations", "休渔期间违规作业 (起)"
    IN_PORT_RATE = "in_port_rate", "休渔渔船在港率 (%)"


# The units a bound target may be written in, per figure.
ROUND_INDICATOR_UNITS: dict[str, tuple[str, ...]] = {
    RoundIndicator.MORATORIUM_VIOLATIONS: ("起", "宗", "件", "次"),
    RoundIndicator.IN_PORT_RATE: ("%",),
}


# How the track engine's rule ids and event figures read on the alert pages (the engine keeps English ids).
RULE_LABELS = {
    "port_visit": "进港停泊",
    "gap": "信号中断",
    "suspected_disabling": "疑似关闭 AIS",
    "encounter": "海上相遇",
    "loitering": "海上滞留",
    "foreign_vessel": "外籍船舶进入本省海域",
    "identity_clash": "MMSI 冲突",
}
DETAIL_LABELS = {
    "label": "休渔规定",
    "gear": "作业类型",
    "positions": "船位数",
    "positions_before": "中断前船位数",
    "max_speed_knots": "最高航速(节)",
    "rules": "规则集",
    "moving_min_speed_knots": "作业判定最低航速(节)",
    "breach_split_hours": "违规分段间隔(小时)",
    "port": "停泊港",
    "home_port": "船籍港",
    "mid": "MID (国籍代码)",
    "mmsi": "MMSI",
    "other_track": "另一条轨迹",
    "waters": "海域",
    "domestic_mids": "本国 MID",
    "hours": "时长(小时)",
    "max_gap_hours": "最长中断(小时)",
    "distance_km": "距离(公里)",
    "began_in_port": "中断始于港内",
    "suspected_disabling": "疑似关闭 AIS",
    "shore_distance_nm": "离岸距离(海里)",
    "gap_min_hours": "最短中断(小时)",
    "suspected_disabling_rule": "疑似关闭 AIS 判定规则",
    "shore_distance_min_nm": "最小离岸距离(海里)",
    "positions_before_min": "中断前最少船位数",
    "positions_before_hours": "中断前统计时长(小时)",
    "anchorage": "锚地",
}
