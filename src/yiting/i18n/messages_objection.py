"""The objection period (询异期): the desk's refusals, the minutes' wording, the console and the CLI."""

_FIELDS = {
    "objection_days": ("询异天数", "objection period (days)"),
    "objection_contact": ("异议受理方式", "where to object"),
    "objection_text": ("异议内容", "objection"),
    "objector": ("提出人", "objector"),
    "received_at": ("收到时间", "received at"),
    "answer": ("答复内容", "answer"),
    "answered_by": ("答复人", "answered by"),
    "answered_at": ("答复时间", "answered at"),
}

MESSAGES = {
    **{f"field.{key}": {"zh": zh, "en": en} for key, (zh, en) in _FIELDS.items()},
    "desk.no_objections": {"zh": "找不到编号为 {id} 的异议。", "en": "There is no objection with id {id}."},
    "desk.no_objection_periods": {"zh": "找不到编号为 {id} 的询异期设置。",
                                  "en": "There is no objection period with id {id}."},
    # -- the desk's refusals ----------------------------------------------------------------------
    "objection.bad_days": {"zh": "询异天数“{value}”不对：请写 1 到 {limit} 之间的整数天。",
                           "en": "“{value}” is not a period: give a whole number of days from 1 to {limit}."},
    "objection.resident_phone": {
        "zh": "这是名单上一位居民的电话。异议受理方式只能是社区或业委会等的办公地点、办公电话，不能是居民个人的。",
        "en": "That is the phone of a resident on the roster. Residents object to an office or an official "
              "phone, never to a resident's own."},
    "objection.reason_after_publish": {
        "zh": "纪要已经公开：修改询异期请写明理由（会记入记录，并在纪要中显示）。",
        "en": "The minutes are published: changing the objection period needs a reason "
              "(it is logged and shown in the minutes)."},
    "objection.meeting_not_closed": {"zh": "会议“{title}”尚未结束：结束并公开结果后才能登记异议。",
                                     "en": "The meeting “{title}” has not ended: objections are recorded "
                                           "once it is closed and its result published."},
    "objection.in_future": {"zh": "{field}“{value}”还没到，请写已经过去的时间。",
                            "en": "The {field} “{value}” is in the future; give a time that has passed."},
    "objection.before_meeting_end": {"zh": "{field}“{value}”早于会议结束（{earliest}），请检查。",
                                     "en": "The {field} “{value}” is before the meeting ended ({earliest}); check it."},
    "objection.answer_before_objection": {"zh": "{field}“{value}”早于收到异议的时间（{earliest}），请检查。",
                                          "en": "The {field} “{value}” is before the objection was received "
                                                "({earliest}); check it."},
    "objection.reason_to_change_answer": {
        "zh": "这条异议已经答复过：修改答复请写明理由（会记入记录）。",
        "en": "This objection has been answered already: changing the answer needs a reason (it is logged)."},
    "objection.undo_too_late": {
        "zh": "只能撤销 {minutes} 分钟内刚登记的异议或答复：它可能已在公开的纪要里。请改为答复，或修改答复并写明理由。",
        "en": "Only an objection or answer recorded in the last {minutes} minutes can be undone: it may be in published "
              "minutes already. Answer it instead, or change the answer with a reason."},
    # -- the minutes ------------------------------------------------------------------------------
    "objection.heading": {"zh": "询异期与异议", "en": "Objection period and objections"},
    "objection.open_until": {
        "zh": "询异期：{days} 天，至 {until} 止。对以上结果有异议的，请在此之前向{contact}提出。",
        "en": "Objection period: {days} days, until {until}. Anyone who objects to the result above may say so "
              "by then to {contact}."},
    "objection.closed_on": {"zh": "询异期（{days} 天）已于 {until} 结束。",
                            "en": "The objection period ({days} days) closed on {until}."},
    "objection.contact_unset": {"zh": "社区居委会", "en": "the residents' committee"},
    "objection.none_received": {"zh": "未收到异议。", "en": "No objection was received."},
    "objection.all_answered": {"zh": "收到异议 {count} 条，均已答复。",
                               "en": "{count} objection(s) received, all answered."},
    "objection.some_answered": {"zh": "收到异议 {count} 条，已答复 {answered} 条，{waiting} 条待答复。",
                                "en": "{count} objection(s) received: {answered} answered, {waiting} awaiting an answer."},
    "objection.period_changed": {"zh": "询异期设置于 {at} 修改，理由：{reason}",
                                 "en": "The objection period was changed on {at}. Reason: {reason}"},
    "objection.not_named": {"zh": "未具名居民", "en": "a resident (not named)"},
    "objection.received": {"zh": "{at} 收到 {who} 的异议{late}", "en": "Received {at} from {who}{late}"},
    "objection.late": {"zh": "（询异期后收到）", "en": " (after the period)"},
    "objection.late_plain": {"zh": "询异期后收到", "en": "received after the period"},
    "objection.awaiting": {"zh": "待答复", "en": "Awaiting an answer"},
    "objection.answered": {"zh": "答复（{at}，{by}）：{answer}", "en": "Answer ({at}, {by}): {answer}"},
    "objection.answer_changed": {"zh": "答复于 {at} 修改，理由：{reason}",
                                 "en": "The answer was changed on {at}. Reason: {reason}"},
    "objection.csv_section": {"zh": "异议", "en": "objection"},
    "objection.csv_period": {"zh": "询异期", "en": "objection period"},
    # -- the command line -------------------------------------------------------------------------
    "objection.cli_period_set": {"zh": "询异期设置已保存。", "en": "Objection period saved."},
    "objection.cli_period": {"zh": "询异期：会议结束后 {days} 天；异议受理：{contact}",
                             "en": "Objection period: {days} days after the meeting; objections to: {contact}"},
    "objection.cli_no_contact": {"zh": "未设置（纪要中写“社区居委会”）",
                                 "en": "not set (the minutes say “the residents' committee”)"},
    "objection.cli_runs": {"zh": "会议于 {start} 结束，询异期至 {until}（含）。",
                           "en": "The meeting ended on {start}; objections until {until} (inclusive)."},
    "objection.cli_not_started": {"zh": "会议尚未结束，询异期从结束次日起算。",
                                  "en": "The meeting has not ended: the period runs from the day after it ends."},
    "objection.cli_added": {"zh": "已登记异议 #{id}。重新发布纪要后，新版本会列出它。",
                            "en": "Objection #{id} recorded. Publish again: the next version lists it."},
    "objection.cli_answered": {"zh": "已记录对异议 #{id} 的答复。重新发布纪要后，新版本会列出它。",
                               "en": "The answer to objection #{id} is recorded. Publish again: the next version shows it."},
    "objection.cli_none": {"zh": "尚未收到异议。", "en": "No objection recorded."},
    "objection.cli_not_public": {"zh": "（公开时隐去姓名）", "en": "(masked in public)"},
    # -- the console ------------------------------------------------------------------------------
    "ui.key.objections": {"zh": "询异", "en": "Objections"},
    "ui.key.add_objection": {"zh": "登记异议", "en": "Record objection"},
    "ui.key.answer_objection": {"zh": "答复", "en": "Answer"},
    "ui.key.objection_period": {"zh": "询异期设置", "en": "Period"},
    "ui.objection.title": {"zh": "询异", "en": "Objections"},
    "ui.objection.intro": {
        "zh": "会议结束后，居民可在询异期内对结果提出异议。a 登记异议，r 或 Enter 答复选中的一条，s 设置天数和受理地点，ctrl+z 撤销 10 分钟内刚做的登记，"
              "p 重新发布纪要（新版本会列出异议和答复）。",
        "en": "After the meeting, residents may object to its result during the objection period. a records an "
              "objection, r or Enter answers the one selected, s sets the days and where to object, ctrl+z undoes an entry made in the last 10 minutes, p publishes again "
              "(the new version lists objections and answers)."},
    "ui.objection.period": {"zh": "询异期：会议结束后 {days} 天，至 {until}；受理：{contact}",
                            "en": "Objection period: {days} days after the meeting, until {until}; to: {contact}"},
    "ui.objection.no_contact": {"zh": "未设置（按 s 设置）", "en": "not set (press s)"},
    "ui.objection.open": {"zh": "询异期进行中，至 {until}（含）。", "en": "The period is open until {until} (inclusive)."},
    "ui.objection.closed": {"zh": "询异期已于 {until} 结束。", "en": "The period closed on {until}."},
    "ui.objection.counts": {"zh": "异议 {count} 条，已答复 {answered} 条。", "en": "{count} objection(s), {answered} answered."},
    "ui.objection.none": {"zh": "还没有登记异议（按 a 登记）。", "en": "No objection recorded yet (press a)."},
    "ui.objection.col_received": {"zh": "收到时间", "en": "Received"},
    "ui.objection.col_who": {"zh": "提出人", "en": "From"},
    "ui.objection.col_text": {"zh": "异议", "en": "Objection"},
    "ui.objection.col_answer": {"zh": "答复", "en": "Answer"},
    "ui.objection.from_roster": {"zh": "提出人（名单上的人，可不填）", "en": "From (someone on the roster; optional)"},
    "ui.objection.person_hint": {"zh": "输入姓名或拼音首字母", "en": "type a name or its pinyin initials"},
    "ui.objection.name_given": {"zh": "或：提出人姓名（不在名单上，可不填）", "en": "Or: their name (not on the roster; optional)"},
    "ui.objection.consent": {"zh": "本人同意公开姓名", "en": "They agreed to be named"},
    "ui.objection.consent_no": {"zh": "否（公开时隐去）", "en": "no (masked)"},
    "ui.objection.consent_yes": {"zh": "是", "en": "yes"},
    "ui.objection.add_note": {"zh": "未经本人同意，公开的纪要里只写姓氏（王**）。",
                              "en": "Without their consent the published minutes show only a surname (王**)."},
    "ui.objection.by_hint": {"zh": "如：社区居委会、业委会", "en": "e.g. the residents' committee"},
    "ui.objection.contact_hint": {"zh": "如：社区服务中心二楼、居委会办公电话", "en": "e.g. the service centre, 2nd floor"},
    "ui.objection.change_reason": {"zh": "修改答复的理由", "en": "Why the answer changes"},
    "ui.key.undo_objection": {"zh": "撤销刚才的登记", "en": "Undo the last entry"},
    "ui.undone.add_objection": {"zh": "已撤销：刚登记的异议（{name}）。", "en": "Undone: the objection just recorded ({name})."},
    "ui.undone.answer_objection": {"zh": "已撤销：刚记录的答复（{name}）。", "en": "Undone: the answer just recorded ({name})."},
    "ui.objection.saved": {"zh": "已记录。按 p 重新发布纪要。", "en": "Recorded. Press p to publish again."},
}
