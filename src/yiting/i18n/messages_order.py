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
}

MESSAGES = {key: {"zh": zh, "en": en} for key, (zh, en) in _M.items()}
