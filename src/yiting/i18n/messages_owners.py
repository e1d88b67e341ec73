"""Messages of the owners' register and owners' votes (units, owners, ballots over days)."""

MESSAGES = {
    # -- counting (domain/owners.py) ---------------------------------------------------------
    "owners.list_sep": {"zh": "、", "en": " and "},
    "owners.source_sep": {"zh": "、", "en": "; "},
    "owners.source_count.register": {"zh": "登记簿 {units} 套 {area} m²", "en": "title register: {units} units, {area} m²"},
    "owners.source_count.survey": {"zh": "实测 {units} 套 {area} m²", "en": "survey: {units} units, {area} m²"},
    "owners.source_count.contract": {"zh": "合同 {units} 套 {area} m²",
                                     "en": "purchase contract: {units} units, {area} m²"},
    "owners.source.register": {"zh": "登记簿", "en": "title register"},
    "owners.source.survey": {"zh": "实测", "en": "survey"},
    "owners.source.contract": {"zh": "合同", "en": "contract"},
    "owners.denominators": {
        "zh": "专有部分 {units} 套，总面积 {area} m²（{sources}）；业主总人数 {heads} 人",
        "en": "{units} units with a total exclusive area of {area} m² ({sources}); {heads} owners by head count"},
    "owners.denominators_merged": {
        "zh": "（同一业主的多套房、开发商未售房各按一人计：{heads} 人共 {units} 套）",
        "en": " (one buyer of several units, and the developer's unsold units, count as one: {heads} owners hold "
              "{units} units)"},
    "owners.denominators_merged_one": {
        "zh": "（同一业主的多套房、开发商未售房各按一人计：1 人共 {units} 套）",
        "en": " (one buyer of several units, and the developer's unsold units, count as one: one owner holds "
              "{units} units)"},
    "owners.choice.yes": {"zh": "同意", "en": "agree"},
    "owners.choice.no": {"zh": "反对", "en": "disagree"},
    "owners.choice.abstain": {"zh": "弃权", "en": "abstain"},
    "owners.bad_choice": {"zh": "“{value}”不是选项：请选 同意、反对 或 弃权。",
                          "en": "“{value}” is not an option: choose agree, disagree or abstain."},
    "owners.unit_not_in_vote": {"zh": "这套房不在本次表决的范围内。", "en": "This unit is not part of the property voted on."},
    "owners.already_counted": {"zh": "{unit} 的选票已经计入（{choice}），一套房只能计一次。要更正，请先撤回该票。",
                               "en": "The ballot of {unit} is already counted ({choice}); a unit counts once. "
                                     "To correct it, withdraw that ballot first."},
    "owners.holder_disagrees": {
        "zh": "{unit} 与 {other} 是同一业主（按一人计），{other} 已投“{choice}”：同一业主只能有一个意见。",
        "en": "{unit} and {other} have the same owner (one head), who already voted “{choice}” for {other}: "
              "one owner has one say."},
    "owners.share.art278_general": {"zh": "过半数", "en": "more than half"},
    "owners.share.art278_special": {"zh": "四分之三", "en": "three quarters"},
    "owners.participation_met": {"zh": "参与表决已达到面积、人数两个三分之二。",
                                 "en": "Participation has reached two thirds by area and by head."},
    "owners.heads_part": {"zh": "{heads} 户", "en": "{heads} owners"},
    "owners.heads_part_one": {"zh": "1 户", "en": "1 owner"},
    "owners.area_part": {"zh": "{area} m²", "en": "{area} m²"},
    "owners.needed_participation": {"zh": "还需 {what} 参与即达到三分之二",
                                    "en": "Two thirds take part once {what} more do"},
    "owners.participation_unreachable": {
        "zh": "还需 {what} 参与，但未交回的只剩 {outstanding}：达不到三分之二",
        "en": "{what} more must take part, but only {outstanding} are still out: two thirds cannot be reached"},
    "owners.needed_agreement": {"zh": "同意还差 {what} 即达到参与者的{share}",
                                "en": "Agreement reaches {share} of those taking part once {what} more agree"},
    "owners.agreement_pending": {"zh": "同意须达到参与者面积、人数的{share}：收回第一张选票后计算",
                                 "en": "Agreement must reach {share} of those taking part: counted from the first ballot returned"},
    "owners.agreement_met": {"zh": "同意已达到参与者面积、人数的{share}。",
                             "en": "Agreement has reached {share} of those taking part, by area and by head."},
    # -- the desk -----------------------------------------------------------------------------
    "field.owner": {"zh": "业主姓名", "en": "owner's name"},
    "field.unit_label": {"zh": "房号", "en": "unit"},
    "field.area_m2": {"zh": "专有部分面积", "en": "exclusive floor area"},
    "field.collected_by": {"zh": "收票人", "en": "collected by"},
    "field.objection_until": {"zh": "询异期截止日", "en": "end of the objection period"},
    "owners.bad_source": {"zh": "面积来源“{value}”不对：请填 登记簿、实测 或 合同。",
                          "en": "“{value}” is not an area source: give register, survey or contract."},
    "owners.import_line": {"zh": "第 {line} 行：{detail}（没有导入任何一行，请改正后重试）",
                           "en": "Line {line}: {detail} (nothing was imported; correct it and try again)"},
    "owners.unit_has_ballots": {"zh": "{unit} 已有选票计入，不能从名册删除。",
                                "en": "{unit} has a counted ballot; it cannot be taken off the register."},
    "owners.ballots_register": {
        "zh": "业主表决已有选票计入，计票单和结果以当时的房屋名册为准：不能再修改房屋名册。",
        "en": "Ballots of an owners' vote are already counted against the register as it stands: "
              "the register can no longer be changed."},
    "owners.correct_open": {
        "zh": "按户计票的表决不能整体更正：请撤回录错的选票（写明理由），再录入正确的选票，须在表决结束前进行。",
        "en": "A vote counted per unit cannot be corrected as a whole: withdraw the wrong ballot (with its "
              "reason) and enter the right one, while the vote is open."},
    "owners.correct_closed": {
        "zh": "按户计票的表决已经结束，不能更正：选票只能在表决结束前撤回和重新录入。",
        "en": "This vote counted per unit is closed and cannot be corrected: ballots can only be withdrawn "
              "and entered again while the vote is open."},
    "desk.no_units": {"zh": "找不到编号为 {id} 的房屋。", "en": "There is no unit with id {id}."},
    "desk.no_unit_owners": {"zh": "找不到编号为 {id} 的房屋业主登记。",
                            "en": "There is no unit's owner entry with id {id}."},
    "desk.no_unit_votes": {"zh": "找不到编号为 {id} 的按户表决。", "en": "There is no vote counted per unit with id {id}."},
    "desk.no_unit_ballots": {"zh": "找不到编号为 {id} 的选票。", "en": "There is no ballot with id {id}."},
    "owners.vote_open_register": {
        "zh": "业主表决正在进行，分母已在开始表决时确定：表决结束前不能修改房屋名册。",
        "en": "An owners' vote is open and its denominators were fixed when it opened: the register of units "
              "cannot change until it closes."},
    "owners.area_zero": {"zh": "面积“{value}”不对：专有部分面积须大于 0。",
                         "en": "“{value}” is not an exclusive area: it must be more than 0."},
    "owners.unit_exists": {"zh": "名册里已经有 {unit} 了。", "en": "{unit} is already on the register."},
    "owners.not_unit_vote": {"zh": "这不是按房屋计票的业主表决。", "en": "This is not an owners' vote counted per unit."},
    "owners.collected_in_future": {"zh": "收票时间“{value}”还没到，请检查日期。",
                                   "en": "“{value}” is in the future; check the date the ballot was collected."},
    "owners.no_ballot": {"zh": "{unit} 还没有选票计入。", "en": "No ballot of {unit} has been counted."},
    "owners.objection_before_vote": {"zh": "询异期截止日 {day} 早于表决开始（{opened}）。",
                                     "en": "The objection period cannot end ({day}) before the vote opened ({opened})."},
    "owners.no_such_building": {"zh": "房屋名册里没有“{building}”：请从名册的楼栋中选择。",
                                "en": "There is no building “{building}” on the register of units."},
    "owners.enter_per_unit": {"zh": "这项业主表决按房屋计票：请在业主表决面板（u）逐户录入选票。",
                              "en": "This owners' vote is counted per unit: enter each ballot in the owners' "
                                    "vote panel (u)."},
    "owners.csv_columns": {"zh": "房屋名册需要“房号”和“面积”两列（现在的表头：{header}）。",
                           "en": "A register of units needs a “unit” and an “area” column (the header is: {header})."},
    "owners.csv_area_differs": {"zh": "第 {line} 行：{unit} 在前面出现过，但面积不同。",
                                "en": "Line {line}: {unit} appeared above with another area."},
    "owners.no_units": {"zh": "房屋名册是空的：请先导入或添加房屋。",
                        "en": "The register of units is empty: import or add units first."},
    # -- the papers (publish/ballots.py) ---------------------------------------------------
    "owners.paper_ballot_heading": {"zh": "业主大会表决票", "en": "Owners' assembly ballot"},
    "owners.paper_sheet_heading": {"zh": "业主大会表决计票单", "en": "Owners' vote counting sheet"},
    "owners.paper_property": {"zh": "物业区域", "en": "Property"},
    "owners.paper_unit": {"zh": "专有部分（房号）", "en": "Unit"},
    "owners.paper_area": {"zh": "专有部分面积", "en": "Exclusive floor area"},
    "owners.paper_area_value": {"zh": "{area} m²（依据：{source}）", "en": "{area} m² (from the {source})"},
    "owners.paper_matter": {"zh": "表决事项", "en": "The matter"},
    "owners.paper_rule": {"zh": "表决规则", "en": "Rule"},
    "owners.paper_rule.art278_general": {
        "zh": "依《民法典》第二百七十八条，由专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，"
              "并经参与表决专有部分面积过半数且参与表决人数过半数的业主同意。",
        "en": "Civil Code art. 278: owners holding at least two thirds of the exclusive area and at least two "
              "thirds of the owners take part, and more than half of the participating area and of the "
              "participating owners agree."},
    "owners.paper_rule.art278_special": {
        "zh": "依《民法典》第二百七十八条，由专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，"
              "并经参与表决专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意。",
        "en": "Civil Code art. 278: owners holding at least two thirds of the exclusive area and at least two "
              "thirds of the owners take part, and at least three quarters of the participating area and of "
              "the participating owners agree."},
    "owners.paper_choose": {"zh": "表决意见（请在一个方框内打“√”，多选或不选视为弃权）：",
                            "en": "Your choice (tick one box; none or more than one counts as abstaining):"},
    "owners.paper_signature": {"zh": "业主（或委托人）签字：________________________",
                               "en": "Owner's (or proxy's) signature: ________________________"},
    "owners.paper_signed_on": {"zh": "日期：________年____月____日", "en": "Date: ____________"},
    "owners.paper_collector": {"zh": "收票人：______________    收回时间：____月____日 ____时",
                               "en": "Collected by: ______________    on: ____________"},
    "owners.paper_objection": {"zh": "询异期：表决结果公布后至 {until}，业主可查询本户选票是否计入、是否计错。",
                               "en": "Objection period: after the result is posted, until {until}, owners may "
                                     "check that their ballot was counted, and counted right."},
    "owners.paper_number": {"zh": "表决编号 {vote} · 第 {number}/{total} 张", "en": "Vote {vote} · ballot {number}/{total}"},
    "owners.sheet_denominators": {"zh": "计票基数", "en": "Denominators"},
    "owners.sheet_unit": {"zh": "房号", "en": "Unit"},
    "owners.sheet_area": {"zh": "面积 m²", "en": "Area m²"},
    "owners.sheet_choice": {"zh": "意见", "en": "Choice"},
    "owners.sheet_collector": {"zh": "收票人", "en": "Collected by"},
    "owners.sheet_when": {"zh": "收回时间", "en": "Collected on"},
    "owners.sheet_not_back": {"zh": "（未交回）", "en": "(not back)"},
    "owners.sheet_scrutineers": {"zh": "监票人签字：______________    ______________",
                                 "en": "Scrutineers: ______________    ______________"},
    "owners.sheet_counters": {"zh": "计票人签字：______________    ______________",
                              "en": "Counters: ______________    ______________"},
    "owners.sheet_date": {"zh": "日期：________年____月____日", "en": "Date: ____________"},
    "owners.sheet_page": {"zh": "第 {number}/{total} 页", "en": "Page {number}/{total}"},
    "owners.unit_ambiguous": {"zh": "“{unit}”有 {count} 套房，请写上楼栋（如 12号楼1单元 301）。",
                              "en": "“{unit}” names {count} units; give the building too (e.g. 12号楼1单元 301)."},
    "owners.no_such_unit": {"zh": "房屋名册里没有“{unit}”。", "en": "There is no unit “{unit}” on the register."},
    # -- the command line -------------------------------------------------------------------
    "owners.cli_unit_line": {"zh": "#{id}  {unit}  {area} m²（{source}）  业主：{owners}",
                             "en": "#{id}  {unit}  {area} m² ({source})  owners: {owners}"},
    "owners.cli_imported": {"zh": "已导入 {count} 套房。", "en": "{count} units imported."},
    "owners.cli_added": {"zh": "已添加房屋 #{id}。", "en": "Unit #{id} added."},
    "owners.cli_edited": {"zh": "已修改房屋 #{id}。", "en": "Unit #{id} changed."},
    "owners.cli_removed": {"zh": "已从名册删除房屋 #{id}。", "en": "Unit #{id} taken off the register."},
    "owners.cli_returned": {"zh": "已交回选票 {returned}/{units} 套。", "en": "Ballots back: {returned} of {units} units."},
    "owners.cli_ballot": {"zh": "已计入：{unit} {choice}。", "en": "Counted: {unit}, {choice}."},
    "owners.cli_withdrawn": {"zh": "已撤回房屋 #{id} 的选票。", "en": "The ballot of unit #{id} was withdrawn."},
    "owners.cli_objection": {"zh": "询异期截止日：{until}。", "en": "The objection period ends on {until}."},
    "owners.cli_wrote": {"zh": "已写入 {path}", "en": "Written: {path}"},
    # -- the minutes ------------------------------------------------------------------------
    "owners.minutes_denominators": {"zh": "计票基数（按房屋名册，依最高人民法院建筑物区分所有权司法解释第八、九条）：{denominators}",
                                    "en": "Denominators (from the register of units, as the Supreme People's Court's "
                                          "interpretation arts. 8–9 count them): {denominators}"},
    "owners.minutes_objection": {"zh": "询异期至 {until}：业主可向业委会查询本户选票是否计入。",
                                 "en": "Objection period until {until}: owners may ask the owners' committee whether "
                                       "their ballot was counted."},
    # -- the console ------------------------------------------------------------------------
    "ui.owners.intro": {
        "zh": "业主表决（按房屋计票）：上方是表决现状——参与、同意按面积和人数对照门槛，以及还差多少；下方是房屋名册和每户选票。"
              "o 就等待表决的方案开始业主表决（可选一栋楼）；光标选一户，按 y/n/a 录入 同意/反对/弃权（收票人和时间用 c 设定，不设则为现在）；b 逐项填写一张选票；"
              "w 撤回录错的选票；p 打印选票和计票单；d 设定询异期。没有进行中的表决时可 i 导入、+ 添加、e 修改、Delete 删除房屋。",
        "en": "Owners' vote counted per unit: above, where the vote stands — participation and agreement by area and by "
              "head against their thresholds, and what is still needed; below, the register and each unit's ballot. "
              "o opens an owners' vote on the proposal waiting (one building, if chosen); pick a unit and press y/n/a for agree/disagree/abstain (collector and time set with c; otherwise now); "
              "b fills in a whole ballot; w withdraws one entered by mistake; p prints the ballots and the counting "
              "sheet; d sets the objection period. With no vote open: i imports, + adds, e edits, Delete removes a unit."},
    "ui.owners.key.yes": {"zh": "同意", "en": "agree"},
    "ui.owners.key.no": {"zh": "反对", "en": "disagree"},
    "ui.owners.key.abstain": {"zh": "弃权", "en": "abstain"},
    "ui.owners.key.ballot_form": {"zh": "填写选票", "en": "ballot"},
    "ui.owners.key.collector": {"zh": "收票人", "en": "collector"},
    "ui.owners.key.withdraw": {"zh": "撤回选票", "en": "withdraw ballot"},
    "ui.owners.key.papers": {"zh": "打印选票", "en": "print ballots"},
    "ui.owners.key.objection": {"zh": "询异期", "en": "objection period"},
    "ui.owners.key.import": {"zh": "导入名册", "en": "import register"},
    "ui.owners.key.add": {"zh": "添加房屋", "en": "add unit"},
    "ui.owners.key.edit": {"zh": "修改房屋", "en": "edit unit"},
    "ui.owners.key.remove": {"zh": "删除房屋", "en": "remove unit"},
    "ui.owners.key.open": {"zh": "业主表决", "en": "owners' vote"},
    "ui.owners.col.unit": {"zh": "房号", "en": "Unit"},
    "ui.owners.col.area": {"zh": "面积m²", "en": "Area m²"},
    "ui.owners.col.source": {"zh": "来源", "en": "Source"},
    "ui.owners.col.owners": {"zh": "业主", "en": "Owners"},
    "ui.owners.col.ballot": {"zh": "意见", "en": "Ballot"},
    "ui.owners.col.collector": {"zh": "收票人", "en": "Collector"},
    "ui.owners.col.when": {"zh": "收回", "en": "Back on"},
    "ui.owners.empty": {"zh": "房屋名册是空的：按 i 导入 CSV，或按 + 逐套添加。",
                        "en": "The register of units is empty: press i to import a CSV, or + to add units."},
    "ui.owners.no_vote": {"zh": "还没有按房屋计票的业主表决：在表决界面选用《民法典》第278条规则开启。",
                          "en": "No owners' vote counted per unit yet: open one in the voting screen with an art. 278 rule."},
    "ui.owners.open": {"zh": "进行中", "en": "open"},
    "ui.owners.closed": {"zh": "已结束", "en": "closed"},
    "ui.owners.whole": {"zh": "全体业主", "en": "whole property"},
    "ui.owners.vote_line": {"zh": "业主表决 #{id}（{state}）· {scope} · {rule}",
                            "en": "Owners' vote #{id} ({state}) · {scope} · {rule}"},
    "ui.owners.participation_line": {
        "zh": "参与 面积 {area}/{whole_area} m² {area_share}% {area_mark} · 人数 {heads}/{whole_heads} {head_share}% {head_mark}（须{threshold}）",
        "en": "Taking part: area {area}/{whole_area} m² {area_share}% {area_mark} · owners {heads}/{whole_heads} "
              "{head_share}% {head_mark} (needs {threshold})"},
    "ui.owners.agree_line": {
        "zh": "同意 面积 {area}/{whole_area} m² {area_share}% {area_mark} · 人数 {heads}/{whole_heads} {head_share}% {head_mark}（须{threshold}）",
        "en": "Agree: area {area}/{whole_area} m² {area_share}% {area_mark} · owners {heads}/{whole_heads} "
              "{head_share}% {head_mark} (needs {threshold})"},
    "ui.owners.threshold.participation.art278_general": {"zh": "≥三分之二", "en": "≥ 2/3"},
    "ui.owners.threshold.participation.art278_special": {"zh": "≥三分之二", "en": "≥ 2/3"},
    "ui.owners.threshold.agree.art278_general": {"zh": "过半数", "en": "> 1/2"},
    "ui.owners.threshold.agree.art278_special": {"zh": "≥四分之三", "en": "≥ 3/4"},
    "ui.owners.returned": {"zh": "已交回 {returned}/{units} 套 · 收票人：{collector}",
                           "en": "Back: {returned}/{units} units · collector: {collector}"},
    "ui.owners.objection": {"zh": " · 询异期至 {until}", "en": " · objections until {until}"},
    "ui.owners.ballot_title": {"zh": "录入一张选票", "en": "Enter a ballot"},
    "ui.owners.ballot_note": {"zh": "房号写楼栋和房号（如 12号楼1单元 301）；收回时间不填即为现在。",
                              "en": "Give the unit with its building (e.g. 12号楼1单元 301); leave the time empty for now."},
    "ui.owners.collected_at": {"zh": "收回时间", "en": "Collected on"},
    "ui.owners.collector_title": {"zh": "收票人和收回时间", "en": "Collector and time"},
    "ui.owners.collector_note": {"zh": "之后用 y/n/a 录入的选票都记为此人收回、此时间收回（时间不填即为录入时）。",
                                 "en": "Ballots entered with y/n/a from now on are recorded as collected by this "
                                       "person at this time (empty: when entered)."},
    "ui.owners.withdraw_title": {"zh": "撤回 {unit} 的选票", "en": "Withdraw the ballot of {unit}"},
    "ui.owners.objection_title": {"zh": "询异期", "en": "Objection period"},
    "ui.owners.objection_note": {"zh": "结果公布后，业主在此日期前可查询本户选票是否计入。",
                                 "en": "After the result is posted, owners may check their ballot until this day."},
    "ui.owners.papers_written": {"zh": "已写入选票 {ballots}\n计票单 {sheet}", "en": "Ballots written to {ballots}\n"
                                                                                       "counting sheet to {sheet}"},
    "ui.owners.import_title": {"zh": "导入房屋名册", "en": "Import a register of units"},
    "ui.owners.import_note": {"zh": "CSV 列：楼栋、房号、面积、面积来源、业主（共有人用、分开）、开发商（是=未售）；逗号或分号分隔。",
                              "en": "CSV columns: building, unit, area, area_source, owners (co-owners split by 、), "
                                    "developer (yes = unsold); comma or semicolon separated."},
    "ui.owners.path": {"zh": "文件路径", "en": "File path"},
    "ui.owners.unreadable": {"zh": "读不了文件 {path}：{detail}", "en": "Cannot read {path}: {detail}"},
    "ui.owners.unit_note": {"zh": "同名业主视为同一人（多套房按一人计），不同的人同名时请加以区分，如 王芳(3-101)；"
                                  "开发商未售房合计按一人计。",
                            "en": "The same name is the same owner (several units count as one); tell apart two people "
                                  "of one name, e.g. 王芳(3-101). The developer's unsold units count as one together."},
    "ui.owners.developer": {"zh": "开发商未售", "en": "Developer's unsold"},
    "ui.owners.developer_no": {"zh": "否", "en": "no"},
    "ui.owners.developer_yes": {"zh": "是", "en": "yes"},
    "ui.owners.add_title": {"zh": "添加房屋", "en": "Add a unit"},
    "ui.owners.edit_title": {"zh": "修改 {unit}", "en": "Edit {unit}"},
    "ui.owners.per_unit_hint": {"zh": "业主 {heads} 人，按房屋计票：按 u 逐户录入选票",
                                "en": "{heads} owners, counted per unit: press u to enter each unit's ballot"},
    "ui.owners.key.open_vote": {"zh": "开始业主表决", "en": "open owners' vote"},
    "ui.owners.rule.art278_general": {"zh": "一般事项：过半数同意", "en": "ordinary matter: more than half agree"},
    "ui.owners.rule.art278_special": {"zh": "第六至八项（维修资金、改建重建、改变共有部分用途）：四分之三同意",
                                      "en": "items 6–8 (maintenance funds, rebuilding, changing common parts): "
                                            "three quarters agree"},
    "ui.owners.scope": {"zh": "表决范围", "en": "Voted on by"},
    "ui.owners.open_title": {"zh": "开始业主表决（按房屋计票）", "en": "Open an owners' vote (counted per unit)"},
    "ui.owners.open_note": {"zh": "方案：{text}。计票基数为所选范围内房屋名册上的全部房屋，开始后名册不能修改。",
                            "en": "Proposal: {text}. The denominators are every unit of the register in the chosen "
                                  "scope; the register is fixed once the vote opens."},
    "ui.owners.papers_working": {"zh": "正在生成 {units} 张选票和计票单…", "en": "Drawing {units} ballots and the counting sheet…"},
}
