"""Messages of matters (议事清单) and duties (履职清单): the six steps, in the desk, the console
and the command line."""

_STEPS = {
    "raised": ("随时说事", "raised"),
    "classified": ("分类理事", "sorted"),
    "deliberating": ("多方议事", "in deliberation"),
    "assigned": ("明责办事", "assigned"),
    "evaluated": ("公开评事", "evaluated"),
    "closed": ("全程查事", "closed"),
}
_RAISER_KINDS = {
    "resident": ("居民", "resident"),
    "grid_worker": ("网格员", "grid worker"),
    "committee": ("社区两委", "committee"),
    "building_head": ("楼栋长", "building head"),
}
_URGENCIES = {"low": ("不急", "low"), "normal": ("一般", "normal"), "high": ("较急", "high"),
              "urgent": ("紧急", "urgent")}
_DUTY_STATES = {"open": ("待办", "open"), "in_progress": ("办理中", "in progress"), "done": ("已办结", "done"),
                "overdue": ("已逾期", "overdue")}
_VERDICTS = {"satisfied": ("满意", "satisfied"), "fairly_satisfied": ("基本满意", "fairly satisfied"),
             "dissatisfied": ("不满意", "dissatisfied")}
_METHODS = {"show_of_hands": ("会上举手", "show of hands at a meeting"), "paper_forms": ("纸质评议表", "paper forms")}
_MOMENTS = {
    "raised": ("提出", "raised"),
    "also_raised": ("也提出（已合并）", "also raised (merged)"),
    "sorted": ("分类", "sorted"),
    "taken_up": ("上会议事", "taken up at a meeting"),
    "vote": ("表决", "vote"),
    "decision": ("决议", "decision"),
    "duty": ("明确责任", "duty given"),
    "accepted": ("接单", "accepted"),
    "note": ("进展", "progress"),
    "done": ("办结", "done"),
    "evaluated": ("评议", "evaluated"),
    "closed": ("结案", "closed"),
}


def _labels(prefix: str, table: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {f"{prefix}.{key}": {"zh": zh, "en": en} for key, (zh, en) in table.items()}


MESSAGES = {
    **_labels("matters.step", _STEPS),
    **_labels("matters.raiser_kind", _RAISER_KINDS),
    **_labels("matters.urgency", _URGENCIES),
    **_labels("matters.duty_state", _DUTY_STATES),
    **_labels("matters.verdict", _VERDICTS),
    **_labels("matters.method", _METHODS),
    **_labels("matters.moment", _MOMENTS),
    "matters.follow_up_title": {"zh": "上次议定事项落实情况", "en": "Follow-up of earlier decisions"},
    "matters.bad_count": {"zh": "“{value}”不是人数：请填写 0 或正整数。",
                          "en": "“{value}” is not a count: type 0 or a whole number."},
    "matters.no_evaluation": {"zh": "评议人数都是 0：至少要有一人评议。",
                              "en": "All the counts are 0: at least one person must have judged."},
    "matters.merge_self": {"zh": "不能把一件事项合并到它自己。", "en": "A matter cannot be merged into itself."},
    "matters.merge_merged": {"zh": "这件事项已经合并到别的事项，不能再合并。",
                             "en": "That matter has already been merged into another."},
    "matters.merge_taken_up": {"zh": "要合并的事项已经上会或派单，不能再合并。",
                               "en": "The duplicate has already been taken up or dispatched; it cannot be merged."},
    "matters.merge_closed": {"zh": "保留的事项已经结案，不能再并入别的事项。",
                             "en": "The matter to keep is closed; nothing can be merged into it."},
    "matters.bad_category": {"zh": "没有“{value}”这个类别：请从预设类别中选（环境卫生、停车、消防、漏水、照明……）。",
                             "en": "There is no category “{value}”: pick one of the presets (sanitation, parking, fire safety, leaks, lighting …)."},
    "matters.is_merged": {"zh": "事项 {id} 已合并到事项 {into}，请在那件事项上操作。",
                          "en": "Matter {id} was merged into matter {into}; work on that one."},
    "matters.is_closed": {"zh": "事项“{title}”已经结案。", "en": "The matter “{title}” is closed."},
    "matters.due_past": {"zh": "办理期限 {due} 已经过去（今天是 {day}）。",
                         "en": "The due date {due} has passed (today is {day})."},
    "matters.duty_done": {"zh": "任务“{task}”已经办结。", "en": "The duty “{task}” is done already."},
    "matters.duty_not_done": {"zh": "任务“{task}”还没有办结，不用重新打开。",
                              "en": "The duty “{task}” is not done; there is nothing to reopen."},
    "matters.duties_not_done": {"zh": "还有 {count} 项任务没有办结（如“{task}”），不能结案。",
                                "en": "{count} duty/duties not done yet (such as “{task}”): the matter cannot be closed."},
    "matters.note_future": {"zh": "日期 {day} 还没到。", "en": "The day {day} has not come yet."},
    "matters.due_on": {"zh": "期限 {due}", "en": "due {due}"},
    "matters.follow_up_line": {"zh": "{task}（{party}）；{due}；{state}", "en": "{task} ({party}); {due}; {state}"},
    "desk.no_duty_notes": {"zh": "找不到编号为 {id} 的进展记录。", "en": "There is no progress note with id {id}."},
    "desk.no_evaluations": {"zh": "找不到编号为 {id} 的评议。", "en": "There is no evaluation with id {id}."},
    "desk.no_matter_raisers": {"zh": "找不到编号为 {id} 的提出人。", "en": "There is no raiser with id {id}."},
    "matters.no_title_column": {"zh": "找不到“事项”（title）列。表头是：{header}",
                                "en": "There is no “title” (事项) column. The header is: {header}"},
    "matters.duplicate": {"zh": "议事清单上已有同名同地点的事项（{building}）",
                          "en": "already on the list of matters with the same place ({building})"},
    "matters.no_category": {"zh": "未分类", "en": "unsorted"},
    "matters.anonymous": {"zh": "（未具名）", "en": "(not named)"},
    "matters.evaluation_line": {
        "zh": "满意 {satisfied} · 基本满意 {fairly} · 不满意 {dissatisfied}（满意率 {rate}，{method}）：{verdict}",
        "en": "satisfied {satisfied} · fairly satisfied {fairly} · dissatisfied {dissatisfied} "
              "({rate} satisfied, {method}): {verdict}"},
    "matters.dispatched_by": {"zh": "{by}派单", "en": "dispatched by {by}"},
    "matters.header_line": {"zh": "{step} · {category} · {urgency}", "en": "{step} · {category} · {urgency}"},
    "matters.merged_into_line": {"zh": "已合并到事项 #{id}“{title}”", "en": "Merged into matter #{id} “{title}”"},
    "matters.duty_now": {"zh": "现在：{task} —— {state}", "en": "Now: {task} — {state}"},
    "cli_matters.added": {"zh": "已记下事项 #{id}：{title}", "en": "Matter #{id} raised: {title}"},
    "cli_matters.none": {"zh": "议事清单上还没有事项。", "en": "There are no matters yet."},
    "cli_matters.imported": {"zh": "已导入 {count} 件事项，{refused} 行未导入。",
                             "en": "Imported {count} matters; {refused} lines refused."},
    "cli_matters.sorted": {"zh": "事项 #{id} 已分类：{title}", "en": "Matter #{id} sorted: {title}"},
    "cli_matters.merged": {"zh": "事项 #{duplicate} 已合并到 #{id}：{title}",
                           "en": "Matter #{duplicate} merged into #{id}: {title}"},
    "cli_matters.dispatched": {"zh": "已派单，任务 #{id}：{task}", "en": "Dispatched as duty #{id}: {task}"},
    "cli_matters.taken": {"zh": "已列入议程第 {position} 项：{title}", "en": "On the agenda as item {position}: {title}"},
    "cli_matters.closed": {"zh": "事项 #{id} 已结案：{title}", "en": "Matter #{id} closed: {title}"},
    "cli_matters.no_duties": {"zh": "没有任务。", "en": "No duties."},
    "cli_matters.dispatched_source": {"zh": "{by}派单", "en": "dispatched by {by}"},
    "cli_matters.duty_counts": {"zh": "待办 {open} · 办理中 {in_progress} · 已办结 {done} · 已逾期 {overdue}",
                                "en": "open {open} · in progress {in_progress} · done {done} · overdue {overdue}"},
    "cli_matters.duty_now": {"zh": "任务 #{id}“{task}”：{state}", "en": "Duty #{id} “{task}”: {state}"},
    "cli_matters.noted": {"zh": "已记下 {day} 的进展。", "en": "Progress of {day} noted."},
    "cli_matters.reopened": {"zh": "居民不满意：任务已重新打开。", "en": "Residents are not satisfied: the duty is open again."},
}
