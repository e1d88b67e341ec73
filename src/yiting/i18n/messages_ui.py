"""Labels of the console."""

MESSAGES = {
    "ui.col_id": {"zh": "编号", "en": "No."},
    "ui.col_when": {"zh": "时间", "en": "When"},
    "ui.col_status": {"zh": "状态", "en": "Status"},
    "ui.col_title": {"zh": "会议", "en": "Meeting"},
    "ui.col_venue": {"zh": "地点", "en": "Venue"},
}
