"""Messages of `yiting.domain`: display names, refusals and the sentences that explain a vote."""

_NEGATIVE = {
    "yes": ("赞成票数不能为负数（{value}）。", "The yes count cannot be negative ({value})."),
    "no": ("反对票数不能为负数（{value}）。", "The no count cannot be negative ({value})."),
    "abstain": ("弃权票数不能为负数（{value}）。", "The abstention count cannot be negative ({value})."),
    "present": ("到会人数不能为负数（{value}）。", "The number present cannot be negative ({value})."),
    "eligible": (
        "有表决权的人数不能为负数（{value}）。",
        "The number of eligible voters cannot be negative ({value}).",
    ),
    "yes_area": ("同意面积不能为负数（{value} m²）。", "The area in favour cannot be negative ({value} m²)."),
    "no_area": ("反对面积不能为负数（{value} m²）。", "The area against cannot be negative ({value} m²)."),
    "abstain_area": (
        "弃权面积不能为负数（{value} m²）。",
        "The abstaining area cannot be negative ({value} m²).",
    ),
    "eligible_area": (
        "全体业主专有面积不能为负数（{value} m²）。",
        "The owners' total exclusive area cannot be negative ({value} m²).",
    ),
}

_AREA_MISMATCH = {
    "yes": ("同意", "in favour"),
    "no": ("反对", "against"),
    "abstain": ("弃权", "abstaining"),
}

MESSAGES: dict[str, dict[str, str]] = {
    # Display names of the enums in yiting.domain.rules.
    "domain.label.stance.pro": {"zh": "赞成", "en": "Pro"},
    "domain.label.stance.con": {"zh": "反对", "en": "Con"},
    "domain.label.stance.neutral": {"zh": "中立", "en": "Neutral"},
    "domain.label.speech_kind.normal": {"zh": "一般发言", "en": "Speech"},
    "domain.label.speech_kind.point_of_order": {"zh": "程序问题", "en": "Point of order"},
    "domain.label.speech_kind.reply": {"zh": "回应", "en": "Reply"},
    "domain.label.vote_rule.plain_majority": {
        "zh": "简单多数（赞成多于反对）",
        "en": "Simple majority (more yes than no)",
    },
    "domain.label.vote_rule.two_thirds": {
        "zh": "三分之二多数（不计弃权）",
        "en": "Two thirds of votes cast (abstentions not counted)",
    },
    "domain.label.vote_rule.present_majority": {
        "zh": "到会过半数（赞成超过到会人数一半）",
        "en": "Majority of those present",
    },
    "domain.label.vote_rule.consensus": {
        "zh": "协商一致（无人反对）",
        "en": "Consensus (no objection)",
    },
    "domain.label.vote_rule.art278_general": {
        "zh": "《民法典》第278条 一般多数（过半数）",
        "en": "Civil Code art. 278, ordinary majority (more than half)",
    },
    "domain.label.vote_rule.art278_special": {
        "zh": "《民法典》第278条 特别多数（四分之三）",
        "en": "Civil Code art. 278, special majority (three quarters)",
    },
    "domain.label.vote_method.show_of_hands": {"zh": "举手表决", "en": "Show of hands"},
    "domain.label.vote_method.roll_call": {"zh": "记名表决", "en": "Roll call"},
    "domain.label.vote_method.paper_ballot": {"zh": "无记名投票", "en": "Secret ballot"},
    "domain.label.quorum_kind.none": {"zh": "不设法定人数", "en": "No quorum"},
    "domain.label.quorum_kind.count": {"zh": "按人数", "en": "A number of voters"},
    "domain.label.quorum_kind.share": {"zh": "按比例", "en": "A share of eligible voters"},
    # Refusals.
    "domain.explain.consultative": {
        "zh": "（仅供参考：未达法定人数，不作决定）",
        "en": "(Consultative only: no quorum, nothing decided.) ",
    },
    "domain.rules_invalid": {
        "zh": "议事规则设置有误：{field}不能设为“{value}”（允许：{allowed}）。",
        "en": "Invalid rule setting: the {field} cannot be “{value}” (allowed: {allowed}).",
    },
    "domain.tally_not_whole": {
        "zh": "人数和票数必须是整数：{field} = {value}。",
        "en": "Counts must be whole numbers: {field} = {value}.",
    },
    "domain.tally_area_invalid": {
        "zh": "面积必须是数字：{field} = {value}。",
        "en": "Areas must be numbers: {field} = {value}.",
    },
    "domain.tally_present_over_eligible": {
        "zh": "到会 {present} 人，多于有表决权的 {eligible} 人，请核对签到和名册。",
        "en": "{present} present but only {eligible} eligible voters: check the sign-in and the roster.",
    },
    "domain.tally_over_present": {
        "zh": "共 {cast} 票，多于到会的 {present} 人，请重新清点。",
        "en": "{cast} votes but only {present} present: please count again.",
    },
    "domain.tally_no_owners": {
        "zh": "按《民法典》第278条表决，需要先录入全体业主名册。",
        "en": "An art. 278 vote needs the roster of all owners first.",
    },
    "domain.tally_no_area": {
        "zh": "按《民法典》第278条表决，需要全体业主的专有面积总和。",
        "en": "An art. 278 vote needs the total exclusive floor area of all owners.",
    },
    "domain.tally_over_eligible": {
        "zh": "收回表决票 {cast} 张，多于业主总数 {eligible} 人，请重新清点。",
        "en": "{cast} ballots returned but only {eligible} owners: please count again.",
    },
    "domain.tally_area_over_eligible": {
        "zh": "参与表决的专有面积 {area} m²，超过全体业主面积总和 {eligible_area} m²，请核对。",
        "en": "Participating area {area} m² exceeds all owners' area {eligible_area} m²: please check.",
    },
    "domain.speech_limit": {
        "zh": "同一方案每人最多发言 {limit} 次，此人已发言 {spoken} 次。",
        "en": "Speaking limit: {limit} per person on a proposal; already spoken {spoken}.",
    },
    # Quorum.
    "domain.quorum.none": {
        "zh": "到会 {present}/{eligible} 人，不设法定人数。",
        "en": "{present} of {eligible} present; no quorum required.",
    },
    "domain.quorum.no_roster": {
        "zh": "名单上还没有可以表决的人，谈不上法定人数。",
        "en": "Nobody with a vote is on the roster yet: there is no quorum to reach.",
    },
    "domain.quorum.met": {
        "zh": "到会 {present}/{eligible} 人，法定人数 {needed} 人，已达到。",
        "en": "{present} of {eligible} present; quorum {needed}: met.",
    },
    "domain.quorum.short": {
        "zh": "到会 {present}/{eligible} 人，法定人数 {needed} 人，未达到，还差 {missing} 人。",
        "en": "{present} of {eligible} present; quorum {needed}: not met, {missing} short.",
    },
    # Explaining a vote: the counts, then the verdict of the rule.
    "domain.explain.counts": {
        "zh": "赞成 {yes} 票，反对 {no} 票，弃权 {abstain} 票；",
        "en": "{yes} yes, {no} no, {abstain} abstentions; ",
    },
    "domain.explain.counts_one_abstention": {
        "zh": "赞成 {yes} 票，反对 {no} 票，弃权 {abstain} 票；",
        "en": "{yes} yes, {no} no, {abstain} abstention; ",
    },
    "domain.explain.plain_majority.yes_gt_no": {
        "zh": "赞成多于反对，通过。",
        "en": "more yes than no: adopted.",
    },
    "domain.explain.plain_majority.tie": {
        "zh": "赞成未多于反对，未通过。",
        "en": "a tie is not a majority: not adopted.",
    },
    "domain.explain.plain_majority.no_gt_yes": {
        "zh": "赞成未多于反对，未通过。",
        "en": "not more yes than no: not adopted.",
    },
    "domain.explain.plain_majority.no_votes": {
        "zh": "无人投赞成或反对票，未通过。",
        "en": "no votes for or against: not adopted.",
    },
    "domain.explain.two_thirds.yes_ge_two_thirds": {
        "zh": "赞成占赞成与反对票之和的 {yes_share}%，达到三分之二，通过。",
        "en": "yes is {yes_share}% of yes and no votes, at least two thirds: adopted.",
    },
    "domain.explain.two_thirds.yes_lt_two_thirds": {
        "zh": "赞成占赞成与反对票之和的 {yes_share}%，不足三分之二，未通过。",
        "en": "yes is {yes_share}% of yes and no votes, less than two thirds: not adopted.",
    },
    "domain.explain.two_thirds.no_votes": {
        "zh": "无人投赞成或反对票，未通过。",
        "en": "no votes for or against: not adopted.",
    },
    "domain.explain.present_majority.yes_gt_half_present": {
        "zh": "到会 {present} 人，过半数需 {needed} 票，通过。",
        "en": "{present} present, a majority needs {needed}: adopted.",
    },
    "domain.explain.present_majority.yes_le_half_present": {
        "zh": "到会 {present} 人，过半数需 {needed} 票，未通过。",
        "en": "{present} present, a majority needs {needed}: not adopted.",
    },
    "domain.explain.consensus.no_objection": {
        "zh": "无人反对，通过。",
        "en": "no objection: adopted.",
    },
    "domain.explain.consensus.objection": {
        "zh": "有 {no} 票反对，未通过。",
        "en": "{no} against: not adopted.",
    },
    "domain.explain.consensus.no_yes": {
        "zh": "无人赞成，未通过。",
        "en": "nobody in favour: not adopted.",
    },
    # Civil Code art. 278: participation first, then the double majority.
    "domain.explain.art278.participation": {
        "zh": "参与表决：专有面积 {participating_area}/{eligible_area} m²（{participation_area_share}%），"
        "业主 {participating}/{eligible} 人（{participation_head_share}%），",
        "en": "Participation: exclusive area {participating_area}/{eligible_area} m² "
        "({participation_area_share}%), owners {participating}/{eligible} "
        "({participation_head_share}%), ",
    },
    "domain.explain.art278.participation_met": {
        "zh": "达到三分之二；",
        "en": "at least two thirds; ",
    },
    "domain.explain.art278.participation_area_short": {
        "zh": "面积未达到三分之二，未通过。",
        "en": "area below two thirds: not adopted.",
    },
    "domain.explain.art278.participation_heads_short": {
        "zh": "人数未达到三分之二，未通过。",
        "en": "owners below two thirds: not adopted.",
    },
    "domain.explain.art278.participation_area_and_heads_short": {
        "zh": "面积和人数均未达到三分之二，未通过。",
        "en": "area and owners both below two thirds: not adopted.",
    },
    "domain.explain.art278.in_favour": {
        "zh": "同意：面积 {yes_area} m²（占参与 {yes_area_share}%），人数 {yes} 人（占参与 {yes_head_share}%），",
        "en": "in favour: area {yes_area} m² ({yes_area_share}% of participating), "
        "owners {yes} ({yes_head_share}% of participating), ",
    },
    "domain.explain.art278_general.yes_area_and_heads_met": {
        "zh": "均过半数，通过。",
        "en": "both more than half: adopted.",
    },
    "domain.explain.art278_general.yes_area_short": {
        "zh": "人数过半数，但面积未过半数，未通过。",
        "en": "owners more than half but area not: not adopted.",
    },
    "domain.explain.art278_general.yes_heads_short": {
        "zh": "面积过半数，但人数未过半数，未通过。",
        "en": "area more than half but owners not: not adopted.",
    },
    "domain.explain.art278_general.yes_area_and_heads_short": {
        "zh": "面积和人数均未过半数，未通过。",
        "en": "neither more than half: not adopted.",
    },
    "domain.explain.art278_special.yes_area_and_heads_met": {
        "zh": "均达到四分之三，通过。",
        "en": "both at least three quarters: adopted.",
    },
    "domain.explain.art278_special.yes_area_short": {
        "zh": "人数达到四分之三，但面积未达到，未通过。",
        "en": "owners at least three quarters but area not: not adopted.",
    },
    "domain.explain.art278_special.yes_heads_short": {
        "zh": "面积达到四分之三，但人数未达到，未通过。",
        "en": "area at least three quarters but owners not: not adopted.",
    },
    "domain.explain.art278_special.yes_area_and_heads_short": {
        "zh": "面积和人数均未达到四分之三，未通过。",
        "en": "neither at least three quarters: not adopted.",
    },
}

MESSAGES.update(
    {f"domain.tally_negative_{field}": {"zh": zh, "en": en} for field, (zh, en) in _NEGATIVE.items()}
)
MESSAGES.update(
    {
        f"domain.tally_area_mismatch_{stance}": {
            "zh": f"{zh} {{count}} 人，{zh}面积 {{area}} m²，人数与面积对不上，请核对。",
            "en": f"{{count}} owners {en} with {{area}} m² {en}: the count and the area do not match.",
        }
        for stance, (zh, en) in _AREA_MISMATCH.items()
    }
)
