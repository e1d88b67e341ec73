"""Messages of the rules of order and of numbers as people write them: the number parser, the
point of order, the quorum and the vote rules in words, speaking time per person and party."""

_M: dict[str, tuple[str, str]] = {
    # Numbers (yiting.parsing).
    "parsing.bad_area": ("面积“{value}”不对：请写 0 到 100000 之间的平方米数，如 89.5、89,5 或 89.5平"
                         "（单位可写 平、平米、平方米、㎡、m²、m2，也可不写）。",
                         "“{value}” is not a floor area: give square metres between 0 and 100000, e.g. 89.5, "
                         "89,5 or 89.5m² (平, 平米, 平方米, ㎡, m², m2 or no unit)."),
    "parsing.ambiguous_number": ("“{value}”有两种读法：{whole} 还是 {decimal}？请写成 {whole} 或 {decimal}"
                                 "（逗号后恰好三位数时无法分辨是千位分隔还是小数点）。",
                                 "“{value}” can be read two ways: {whole} or {decimal}? Write {whole} or "
                                 "{decimal} (with exactly three digits after a comma it may group thousands "
                                 "or mark decimals)."),
    # The point of order in the console.
    "order.queue.resumes": ("续讲 剩{left}", "resumes, {left} left"),
    "order.console.resumes_next": ("接着发言：{name}（被程序问题打断，还剩 {left}；空格继续）",
                                   "Next: {name} goes on (interrupted by a point of order, {left} left; space resumes)"),
    "order.console.party_budget": ("各方每议题{minutes}分钟", "{minutes} min per party and item"),
    "order.console.point_of_order": ("程序问题：{name}", "Point of order: {name}"),
    "order.console.interrupted": ("{name}的发言暂停，随后续讲", "{name} resumes after it"),
    # Speaking time (i on the console).
    "ui.key.speaking_time": ("发言用时", "Speaking time"),
    "order.time.title": ("发言用时：各方与各人（esc 关闭）", "Speaking time by party and person (Esc closes)"),
    "order.time.item": ("本议题 · 共 {total}", "This item · {total} in all"),
    "order.time.meeting": ("全场 · 共 {total}", "The whole meeting · {total} in all"),
    "order.time.no_item": ("还没有进行中的议题", "No item under discussion"),
    "order.time.who": ("身份 / 发言人", "Party / speaker"),
    "order.time.spoken": ("用时", "Time"),
    "order.time.speeches": ("次数", "Speeches"),
    "order.time.share": ("占比", "Share"),
    "order.time.no_party": ("（未填身份）", "(no party given)"),
    "order.time.hint": ("按身份汇总；正在发言的计到此刻；程序问题也计入用时。",
                        "Totals by party; a speech under way counts to now; points of order count too."),
    # The rules in force, in the minutes (yiting.publish.wording.rules_in_force).
    "order.rules.heading": ("本次会议的议事规则", "The rules of this meeting"),
    "order.rules.speeches": ("发言：每人对每个方案最多发言 {per} 次，每次 {time}，剩 {warn} 秒时提醒；超过次数或时间须主持人说明理由。",
                             "Speeches: each person at most {per} times per proposal, {time} each, warned at {warn} s "
                             "left; more needs the facilitator's stated reason."),
    "order.rules.order": ("发言顺序：没发过言的先于再次发言的，赞成与反对交替；程序问题优先，不计入发言次数；被程序问题打断的发言，之后接着讲完所剩时间。",
                          "Order: those who have not spoken go before those speaking again, pro and con alternate; a "
                          "point of order comes first and does not count as a speech; a speech it interrupts then "
                          "goes on for the time it had left."),
    "order.rules.vote_default": ("表决规则（默认）：{rule}。{how}", "Vote rule (default): {rule}. {how}"),
    "order.rules.vote_also": ("本次也有表决采用：{rule}。{how}", "Also used at this meeting: {rule}. {how}"),
    "order.rules.vote.plain_majority": ("赞成票多于反对票即通过；弃权不计入；赞成与反对票数相等（平票）不通过。",
                                        "Passed when yes votes outnumber no votes; abstentions are not counted; a tie fails."),
    "order.rules.vote.two_thirds": ("赞成票不少于赞成与反对票合计的三分之二即通过；弃权不计入；无人投赞成或反对票不通过。",
                                    "Passed when yes votes are at least two thirds of the yes and no votes; abstentions "
                                    "are not counted; with no yes or no votes it fails."),
    "order.rules.vote.present_majority": ("赞成票超过到会有表决权人数的一半即通过；弃权和未投票都等于不赞成；恰好一半不通过。",
                                          "Passed when yes votes are more than half of the voters present; abstaining "
                                          "or not voting counts as not in favour; exactly half fails."),
    "order.rules.vote.consensus": ("无人反对且至少一人赞成即通过；弃权不算反对。",
                                   "Passed when nobody objects and at least one is in favour; an abstention is no objection."),
    "order.rules.vote.art278_general": ("参与表决的业主须占专有部分面积和人数均不少于三分之二；参与者中同意的面积和人数均须超过一半；弃权算参与表决，但不算同意；恰好一半不通过。",
                                        "Owners taking part must hold at least two thirds of the exclusive area and be "
                                        "at least two thirds of the owners; of them, more than half by area and by head "
                                        "must agree; an abstention takes part but does not agree; exactly half fails."),
    "order.rules.vote.art278_special": ("参与表决的业主须占专有部分面积和人数均不少于三分之二；参与者中同意的面积和人数均须不少于四分之三（筹集维修资金，改建、重建，改变共有部分用途或者利用共有部分从事经营活动）；弃权算参与表决，但不算同意。",
                                        "Owners taking part must hold at least two thirds of the exclusive area and be "
                                        "at least two thirds of the owners; of them, at least three quarters by area and "
                                        "by head must agree (maintenance funds, rebuilding, changing the use of common "
                                        "parts or using them for business); an abstention takes part but does not agree."),
    "order.rules.quorum": ("法定人数：{quorum}，按签到的有表决权者计；未达法定人数时的表决只作参考，不作决定。",
                           "Quorum: {quorum}, counting the voters checked in; a vote taken without it is "
                           "consultative only and decides nothing."),
    "order.rules.whole_minutes": ("{m} 分钟", "{m} min"),
    "order.rules.no_quorum": ("法定人数：{quorum}。", "Quorum: {quorum}."),
    "order.csv.rule_in_force": ("议事规则", "rule"),
    # Speaking time in the minutes.
    "order.minutes.time_share": ("{who} {time}（{n} 次）", "{who} {time} ({n})"),
    "order.minutes.item_time": ("发言用时", "Speaking time"),
    "order.minutes.time_heading": ("全场发言用时", "Speaking time at the meeting"),
    "order.minutes.by_party": ("按身份", "By party"),
    "order.minutes.by_person": ("按发言人", "By speaker"),
    # Closing a roll call.
    "order.vote.not_voted": ("还有 {n} 位到会的表决人没有表决：{names}。结束后他们的票不再计入。",
                             "{n} voters present have not voted: {names}. Once closed, their votes can no longer count."),
    "order.vote.not_voted_owners": ("还有 {n} 位业主没有表决：{names}。", "{n} owners have not voted: {names}."),
    # The rules (yiting.domain.rules, yiting.domain.quorum).
    "domain.rules_warn_over_speech": ("提醒时间（剩 {warn} 秒时）不能长于每次发言的时限（{speech} 秒）：请把提醒时间改短，或把发言时限改长。",
                                      "The warning ({warn} s left) cannot be longer than a speech ({speech} s): "
                                      "make the warning shorter or the speech longer."),
    "order.party_budget": ("{party}在本议题已发言 {used}，达到每方 {budget} 的发言时间预算；如仍让其发言，请写明理由。",
                           "{party} has spoken {used} on this item, its budget of {budget} per party; to let them "
                           "speak anyway, give a reason."),
    "minutes.override.over_budget": ("超过本方在本议题的发言时间预算，理由：{reason}",
                                     "Past their party's speaking time on this item, reason: {reason}"),
    "field.party_seconds": ("每方每议题发言时间（秒）", "speaking time per party and item (seconds)"),
    "ui.rules.party_seconds": ("各方限时（秒）", "Per party, item (s)"),
    "order.rules.party_budget": ("发言时间预算：每个议题上，每一方（按身份：业委会、物业公司、居民……）合计不超过 {time}；超出须主持人说明理由。",
                                 "Speaking time budget: on each item, each party (owners' committee, property "
                                 "company, residents …) at most {time} in all; more needs the facilitator's stated reason."),
    "order.time.budget": ("每方预算 {budget}", "budget {budget} per party"),
    "field.quorum_strict": ("法定人数的算法（超过/不少于）", "quorum: more than or at least"),
    "order.rules.quorum_strict": ("到会须（←→）", "Present must be (←→)"),
    "order.rules.more_than": ("超过", "more than"),
    "order.rules.at_least": ("不少于", "at least"),
    "order.rules.quorum_words": ("即：{words}；{budget}", "That is: {words}; {budget}"),
    "order.rules.party_time": ("每个议题上各方（按身份）合计发言不超过 {time}", "each party at most {time} on an item"),
    "order.rules.party_time_none": ("各方发言时间不设上限", "no limit on each party's time"),
    "order.quorum_rule.none": ("不设法定人数", "no quorum"),
    "order.quorum_rule.count_least": ("到会不少于 {n} 人", "at least {n} voters present"),
    "order.quorum_rule.count_more": ("到会须多于 {n} 人（至少 {n}+1 人）", "more than {n} voters present"),
    "order.quorum_rule.half_least": ("到会不少于有表决权者的半数", "at least half of the voters present"),
    "order.quorum_rule.half_more": ("到会须过半数（超过有表决权者的一半）", "more than half of the voters present"),
    "order.quorum_rule.share_least": ("到会不少于有表决权者的 {share}", "at least {share} of the voters present"),
    "order.quorum_rule.share_more": ("到会须超过有表决权者的 {share}", "more than {share} of the voters present"),
}

MESSAGES = {key: {"zh": zh, "en": en} for key, (zh, en) in _M.items()}
