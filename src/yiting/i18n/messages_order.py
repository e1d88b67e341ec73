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
    "order.console.interrupted": ("{name}的发言暂停，程序问题后继续", "{name}'s speech waits until after it"),
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
    "order.time.hint": ("按身份（业委会、物业公司、居民……）汇总，发言中的计到此刻；程序问题也计入用时。",
                        "Totals by party (owners' committee, property company, residents …); a speech under way "
                        "counts to now; points of order count too."),
    # Closing a roll call.
    "order.vote.not_voted": ("还有 {n} 位到会的表决人没有表决：{names}。结束后他们的票不再计入。",
                             "{n} voters present have not voted: {names}. Once closed, their votes can no longer count."),
    "order.vote.not_voted_owners": ("还有 {n} 位业主没有表决：{names}。", "{n} owners have not voted: {names}."),
    # The rules (yiting.domain.rules, yiting.domain.quorum).
    "domain.rules_warn_over_speech": ("提醒时间（剩 {warn} 秒时）不能长于每次发言的时限（{speech} 秒）：请把提醒时间改短，或把发言时限改长。",
                                      "The warning ({warn} s left) cannot be longer than a speech ({speech} s): "
                                      "make the warning shorter or the speech longer."),
    "field.quorum_strict": ("法定人数的算法（超过/不少于）", "quorum: more than or at least"),
    "order.rules.quorum_strict": ("到会须（←→）", "Present must be (←→)"),
    "order.rules.more_than": ("超过", "more than"),
    "order.rules.at_least": ("不少于", "at least"),
    "order.rules.quorum_words": ("即：{words}", "That is: {words}"),
    "order.quorum_rule.none": ("不设法定人数", "no quorum"),
    "order.quorum_rule.count_least": ("到会不少于 {n} 人", "at least {n} voters present"),
    "order.quorum_rule.count_more": ("到会须多于 {n} 人（至少 {n}+1 人）", "more than {n} voters present"),
    "order.quorum_rule.half_least": ("到会不少于有表决权者的半数", "at least half of the voters present"),
    "order.quorum_rule.half_more": ("到会须过半数（超过有表决权者的一半）", "more than half of the voters present"),
    "order.quorum_rule.share_least": ("到会不少于有表决权者的 {share}", "at least {share} of the voters present"),
    "order.quorum_rule.share_more": ("到会须超过有表决权者的 {share}", "more than {share} of the voters present"),
}

MESSAGES = {key: {"zh": zh, "en": en} for key, (zh, en) in _M.items()}
