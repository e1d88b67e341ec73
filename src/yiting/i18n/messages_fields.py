"""Names of the fields a message may mention."""

_FIELDS = {
    "title": ("标题", "title"), "community": ("社区", "community"), "venue": ("地点", "venue"),
    "kind": ("会议形式", "format"), "facilitator": ("主持人", "facilitator"), "note_taker": ("记录员", "note-taker"),
    "name": ("姓名", "name"), "party": ("身份/单位", "party"), "building": ("楼栋", "building"),
    "phone": ("电话", "phone"), "address": ("住址", "address"), "description": ("说明", "description"),
    "category": ("类别", "category"), "raised_by": ("反映人", "person raising it"), "reason": ("理由", "reason"),
    "summary": ("发言摘要", "summary"), "text": ("内容", "text"), "task": ("任务内容", "task"),
    "owner_party": ("负责单位", "responsible party"), "owner_person": ("负责人", "responsible person"),
    "notes": ("跟进记录", "notes"), "urgency": ("紧急程度", "urgency"), "status": ("状态", "status"),
    "outcome": ("结果", "outcome"), "stance": ("立场", "stance"), "choice": ("表决选项", "choice"),
    "rule": ("表决规则", "rule"), "evaluation": ("评价", "evaluation"),
    "yes": ("赞成", "yes"), "no": ("反对", "no"), "abstain": ("弃权", "abstention"),
    "speech_seconds": ("每次发言时长（秒）", "speech length (seconds)"),
    "speeches_per_person": ("每人发言次数", "speeches per person"),
    "warn_seconds": ("提醒时间（秒）", "warning time (seconds)"),
    "vote_rule": ("表决规则", "vote rule"), "quorum_kind": ("法定人数方式", "quorum kind"),
    "quorum_value": ("法定人数", "quorum"), "person": ("人员", "person"),
    "yes_area": ("赞成面积", "yes area"), "no_area": ("反对面积", "no area"), "abstain_area": ("弃权面积", "abstention area"),
}

MESSAGES = {f"field.{key}": {"zh": zh, "en": en} for key, (zh, en) in _FIELDS.items()}
