"""Messages of publishing from the console at close, and of the site's index and live page
around it (zh first, en second)."""

_M = {
    # The close screen and the publish command.
    "ui.key.publish": ("发布纪要", "Publish the minutes"),
    "ui.key.open_notice": ("打开通知（打印）", "Open the notice (to print)"),
    "ui.close.no_decision": ("方案已通过，但没有记录决议", "A proposal passed, but no decision was recorded"),
    "ui.close.no_decision_hint": ("y/回车 仍然结束会议（这些议题的纪要里没有决议）\nn/esc 返回主持台，按 d 记录决议",
                                  "y/Enter closes the meeting anyway (these items' minutes will have no decision)\n"
                                  "n/Esc goes back to the console: d records the decision"),
    "ui.publish.progress": ("正在发布纪要（网页、Markdown、JSON、CSV、二维码、通知）… {seconds:.1f} 秒",
                            "Publishing the minutes (page, Markdown, JSON, CSV, QR code, notice)… {seconds:.1f} s"),
    "ui.publish.new_version": ("纪要已发布：第 {version} 版（用时 {seconds:.1f} 秒）。p 重新发布。",
                               "Minutes published: version {version} ({seconds:.1f} s). p publishes again."),
    "ui.publish.unchanged": ("内容未变：纪要仍是第 {version} 版。", "Unchanged: the minutes are still version {version}."),
    "ui.publish.failed": ("纪要没有发布：{detail}（p 再试一次）", "The minutes were not published: {detail} (p tries again)"),
    "ui.publish.not_yet": ("纪要还没有发布：按 p 发布。", "The minutes are not published yet: p publishes them."),
    "ui.publish.not_closed": ("会议结束（ctrl+o）时纪要自动发布。", "The minutes are published when the meeting closes (ctrl+o)."),
    "ui.publish.draft": ("筹备中的会议还没有纪要。", "A meeting not yet held has no minutes."),
    "ui.publish.scan": ("手机扫码看纪要：", "Scan with a phone to read the minutes:"),
    "ui.publish.version": ("第 {version} 版 · {time}", "Version {version} · {time}"),
    "ui.publish.notice": ("打印用的通知：{path}（o 打开）", "Notice to print: {path} (o opens it)"),
    "ui.publish.no_notice": ("没有生成通知。", "No notice was drawn."),
    "ui.publish.cannot_open": ("没有能打开它的程序；文件在：{path}", "No program here opens it; the file is {path}"),
    "ui.publish.opening": ("正在打开 {path}……", "Opening {path}…"),
    # The site's index and the live page after the meeting.
    "pub.index_live": ("正在进行的会议", "Meetings in progress"),
    "pub.index_published": ("已公开的纪要", "Published minutes"),
    "pub.live_minutes_soon": ("纪要发布后，这里会给出链接（本页自动更新）。",
                              "A link to the minutes appears here once they are published (this page updates itself)."),
    "pub.live_decisions": ("决议", "Decisions"),
    "pub.live_votes": ("表决结果", "Votes"),
}

MESSAGES = {key: {"zh": zh, "en": en} for key, (zh, en) in _M.items()}
