"""The translation table: every user-facing UI string in English and Simplified Chinese.

Keys are dotted (``data.title``); a key ending in a library code (``role.nps``, ``stage.purchase``,
``problem.blank``) labels that code. ``tests/test_i18n.py`` checks that both languages have
every key with the same ``{placeholders}``, that the UI uses no missing key and no key is unused.
"""
from __future__ import annotations

LANGUAGES = {"en": "English", "zh": "简体中文"}

STRINGS: dict[str, dict[str, str]] = {
    # App shell and navigation
    "app.language": {"en": "Language · 语言", "zh": "语言 · Language"},
    "nav.section.prepare": {"en": "Prepare", "zh": "准备"},
    "nav.section.analyse": {"en": "Analyse", "zh": "分析"},
    "nav.section.share": {"en": "Share", "zh": "分享"},
    "nav.data": {"en": "Data", "zh": "数据"},
    "nav.journey": {"en": "Journey", "zh": "旅程"},
    "nav.sentiment": {"en": "Sentiment", "zh": "情感"},
    "nav.personas": {"en": "Personas", "zh": "用户画像"},
    "nav.compare": {"en": "Compare", "zh": "对比"},
    "nav.report": {"en": "Report", "zh": "报告"},
    "error.unexpected": {
        "en": "Something went wrong while processing this file; please check the file or try another export.",
        "zh": "处理此文件时出错；请检查文件，或换一份导出文件再试。",
    },

    # Pages not built yet
    "sentiment.coming": {
        "en": "Not built yet: this page will score the sentiment and emotion of comments and posts, "
              "in English and Chinese, by touchpoint and over time.",
        "zh": "尚未上线：此页面将为中英文评论和帖子打出情感分数并识别情绪，按触点和时间展示。",
    },
    "personas.coming": {
        "en": "Not built yet: this page will group respondents into personas and describe what sets "
              "each one apart, its satisfaction and its pain points.",
        "zh": "尚未上线：此页面将把受访者聚类为用户画像，并描述每类人群的特点、满意度和痛点。",
    },
    "compare.coming": {
        "en": "Not built yet: this page will compare metrics between segments, channels or periods "
              "with significance tests.",
        "zh": "尚未上线：此页面将对比不同细分人群、渠道或时间段的指标，并给出显著性检验。",
    },
    "report.coming": {
        "en": "Not built yet: this page will export the findings as a self-contained HTML report.",
        "zh": "尚未上线：此页面将把分析结果导出为独立的 HTML 报告。",
    },

    # Data page
    "data.title": {"en": "Data", "zh": "数据"},
    "data.intro": {
        "en": "Upload a survey export and a social or review feedback export, then check how each was read "
              "and what every column means.",
        "zh": "上传问卷导出文件和社交媒体或评论反馈导出文件，然后检查读取结果以及每一列的含义。",
    },
    "data.upload.survey": {"en": "Survey export", "zh": "问卷导出文件"},
    "data.upload.feedback": {"en": "Social / review feedback export", "zh": "社交媒体 / 评论反馈导出文件"},
    "data.upload_help": {
        "en": "CSV, TSV, TXT, Excel or JSON as exported by Qualtrics, SurveyMonkey, Typeform, Google Forms "
              "or any tool, in any common encoding.",
        "zh": "支持 Qualtrics、SurveyMonkey、Typeform、Google 表单或其他工具导出的 CSV、TSV、TXT、Excel 或 "
              "JSON 文件，常见编码均可。",
    },
    "data.using_sample": {"en": "In use: {name} (bundled sample)", "zh": "当前使用：{name}（内置示例）"},
    "data.using_upload": {"en": "In use: {name} (your upload)", "zh": "当前使用：{name}（您上传的文件）"},
    "data.use_sample": {"en": "Use the sample instead", "zh": "改用示例数据"},
    "data.sample_note": {
        "en": "No file uploaded yet, so the bundled sample project is shown: a real airline passenger "
              "survey and airline tweets.",
        "zh": "尚未上传文件，因此显示内置示例项目：真实的航空乘客满意度问卷和航空公司推文。",
    },
    "data.loading": {"en": "Reading {name}…", "zh": "正在读取 {name}…"},
    "data.loaded": {"en": "Read {name}: {rows} rows", "zh": "已读取 {name}：{rows} 行"},
    "data.failed": {"en": "Could not read {name}", "zh": "无法读取 {name}"},
    "data.fact.format": {"en": "Format", "zh": "格式"},
    "data.fact.kind": {"en": "Dataset", "zh": "数据类型"},
    "data.fact.encoding": {"en": "Encoding", "zh": "编码"},
    "data.fact.delimiter": {"en": "Delimiter", "zh": "分隔符"},
    "data.fact.sheet": {"en": "Sheet", "zh": "工作表"},
    "data.fact.rows": {"en": "Rows read", "zh": "读取行数"},
    "data.fact.rows_used": {"en": "Rows used", "zh": "使用行数"},
    "data.mapping": {"en": "Column roles", "zh": "列角色"},
    "data.mapping_help": {
        "en": "Check what each column means and fix any wrong guess; scale, reverse and “0 = not applicable” "
              "matter for rating columns. Every page uses this mapping.",
        "zh": "检查每一列的含义并修正错误的识别；量表范围、反向计分和“0 = 不适用”只对评分列有效。所有页面都使用此映射。",
    },
    "data.mapping_reset": {"en": "Reset to detected roles", "zh": "恢复为自动识别的角色"},
    "data.col.column": {"en": "Column", "zh": "列"},
    "data.col.role": {"en": "Role", "zh": "角色"},
    "data.col.question": {"en": "Question", "zh": "问题"},
    "data.col.scale_min": {"en": "Scale min", "zh": "量表最小值"},
    "data.col.scale_max": {"en": "Scale max", "zh": "量表最大值"},
    "data.col.reverse": {"en": "Reverse", "zh": "反向"},
    "data.col.reverse_help": {
        "en": "Tick when a higher number is worse (e.g. “how much effort…”).",
        "zh": "数值越高代表越差时勾选（例如“费了多大力气……”）。",
    },
    "data.col.zero_is_na": {"en": "0 = N/A", "zh": "0 = 不适用"},
    "data.col.zero_is_na_help": {
        "en": "Tick when 0 means “not applicable” rather than a score; those answers are left out.",
        "zh": "当 0 表示“不适用”而不是分数时勾选；这些回答将不计入。",
    },
    "data.col.problem": {"en": "Problem", "zh": "问题类型"},
    "data.col.count": {"en": "Count", "zh": "数量"},
    "data.col.examples": {"en": "Examples", "zh": "示例"},
    "data.validation": {"en": "Validation report", "zh": "校验报告"},
    "data.no_issues": {"en": "No problems found: every value was read.", "zh": "未发现问题：所有值均已读取。"},
    "data.download_excluded": {
        "en": "Download the {n} excluded rows and values (CSV)",
        "zh": "下载 {n} 条被排除的行和值（CSV）",
    },
    "data.preview": {"en": "Tidy data preview", "zh": "整理后的数据预览"},
    "data.preview.responses": {"en": "Responses", "zh": "回答"},
    "data.preview.feedback": {"en": "Feedback posts", "zh": "反馈帖子"},
    "data.preview.touchpoints": {"en": "Touchpoint scores (long)", "zh": "触点评分（长表）"},
    "data.preview.first_rows": {"en": "First {shown} of {total} rows.", "zh": "显示前 {shown} 行，共 {total} 行。"},

    # Codes from the analysis library
    "format.qualtrics": {"en": "Qualtrics", "zh": "Qualtrics"},
    "format.surveymonkey": {"en": "SurveyMonkey", "zh": "SurveyMonkey"},
    "format.typeform": {"en": "Typeform", "zh": "Typeform"},
    "format.google_forms": {"en": "Google Forms", "zh": "Google 表单"},
    "format.generic": {"en": "Generic table", "zh": "通用表格"},
    "kind.survey": {"en": "Survey", "zh": "问卷"},
    "kind.feedback": {"en": "Feedback", "zh": "反馈"},
    "delimiter.comma": {"en": "Comma", "zh": "逗号"},
    "delimiter.semicolon": {"en": "Semicolon", "zh": "分号"},
    "delimiter.tab": {"en": "Tab", "zh": "制表符"},
    "delimiter.pipe": {"en": "Pipe |", "zh": "竖线 |"},
    "role.respondent_id": {"en": "Respondent ID", "zh": "受访者 ID"},
    "role.timestamp": {"en": "Timestamp", "zh": "时间"},
    "role.nps": {"en": "NPS (0–10)", "zh": "NPS（0–10）"},
    "role.csat": {"en": "CSAT rating", "zh": "CSAT 满意度评分"},
    "role.ces": {"en": "CES effort rating", "zh": "CES 费力度评分"},
    "role.touchpoint": {"en": "Touchpoint rating", "zh": "触点评分"},
    "role.outcome": {"en": "Outcome (yes / no)", "zh": "结果（是 / 否）"},
    "role.text": {"en": "Free text", "zh": "文本"},
    "role.channel": {"en": "Channel", "zh": "渠道"},
    "role.attribute": {"en": "Attribute", "zh": "属性"},
    "role.behaviour": {"en": "Behaviour", "zh": "行为"},
    "role.author": {"en": "Author", "zh": "作者"},
    "role.engagement": {"en": "Engagement", "zh": "互动量"},
    "role.ignore": {"en": "Ignore", "zh": "忽略"},
    "problem.blank": {"en": "Blank", "zh": "空值"},
    "problem.non_numeric": {"en": "Not a number", "zh": "非数字"},
    "problem.not_applicable": {"en": "0 = not applicable", "zh": "0 = 不适用"},
    "problem.out_of_scale": {"en": "Outside the scale", "zh": "超出量表范围"},
    "problem.bad_date": {"en": "Unreadable date", "zh": "无法识别的日期"},
    "problem.outlier": {"en": "Impossible value", "zh": "不可能的值"},
    "problem.unreadable_row": {"en": "Unreadable row", "zh": "无法读取的行"},
    "problem.duplicate_id": {"en": "Repeated ID", "zh": "重复 ID"},
    "problem.duplicate_header": {"en": "Repeated column name", "zh": "重复列名"},
    "problem.duplicate_row": {"en": "Duplicate row", "zh": "重复行"},
    "stage.awareness": {"en": "Awareness", "zh": "认知"},
    "stage.consideration": {"en": "Consideration", "zh": "了解"},
    "stage.purchase": {"en": "Purchase", "zh": "购买"},
    "stage.experience": {"en": "Experience", "zh": "体验"},
    "stage.service": {"en": "Service", "zh": "售后"},
    "stage.loyalty": {"en": "Loyalty", "zh": "忠诚"},

    # Metric tiles
    "metric.nps": {"en": "NPS", "zh": "NPS 净推荐值"},
    "metric.csat": {"en": "CSAT", "zh": "CSAT 满意度"},
    "metric.ces": {"en": "CES", "zh": "CES 费力度"},
    "metric.satisfied": {"en": "Satisfied", "zh": "满意占比"},
    "metric_help.nps": {
        "en": "% promoters (9–10) minus % detractors (0–6); ± is half the 95% interval.",
        "zh": "推荐者（9–10 分）占比减去贬损者（0–6 分）占比；± 为 95% 置信区间的一半。",
    },
    "metric_help.csat": {
        "en": "% of answers in the top two boxes of the scale; ± is half the 95% interval.",
        "zh": "落在量表最高两档的回答占比；± 为 95% 置信区间的一半。",
    },
    "metric_help.ces": {
        "en": "Mean effort score on its scale; ± is half the 95% interval.",
        "zh": "量表上的平均费力度得分；± 为 95% 置信区间的一半。",
    },
    "metric_help.satisfied": {
        "en": "% of respondents whose outcome is satisfied / yes; ± is half the 95% interval.",
        "zh": "结果为“满意 / 是”的受访者占比；± 为 95% 置信区间的一半。",
    },
    "tile.n": {"en": "n = {n}", "zh": "n = {n}"},
    "tile.small_sample": {"en": "n = {n} · small sample", "zh": "n = {n} · 样本量小"},

    # Journey page
    "journey.title": {"en": "Journey", "zh": "旅程"},
    "journey.coming": {
        "en": "A first look: touchpoint ratings by stage. The full journey map with emotions and pain points "
              "comes in a later release.",
        "zh": "初步视图：按阶段展示触点评分。包含情绪和痛点的完整旅程地图将在后续版本提供。",
    },
    "journey.source": {"en": "Survey: {name}", "zh": "问卷：{name}"},
    "journey.fix_on_data": {"en": "Check the file and its column roles on the Data page", "zh": "前往数据页面检查文件和列角色"},
    "journey.no_touchpoints": {
        "en": "No column is mapped as a touchpoint rating, so there is nothing to chart yet.",
        "zh": "还没有任何列被映射为触点评分，暂时无法绘图。",
    },
    "journey.chart_title": {
        "en": "Lowest-rated touchpoint: {touchpoint} ({mean}/{scale})",
        "zh": "评分最低的触点：{touchpoint}（{mean}/{scale}）",
    },
    "journey.axis": {"en": "Mean rating (bar) and 95% interval (line)", "zh": "平均评分（条形）与 95% 置信区间（线）"},
    "journey.axis_score": {
        "en": "Score, % of each touchpoint's own scale (scales differ)",
        "zh": "得分，占各触点自身量表的百分比（量表不同）",
    },
    "journey.scale_max": {"en": "Scale max", "zh": "量表最大值"},
    "journey.touchpoint": {"en": "Touchpoint", "zh": "触点"},
    "journey.stage": {"en": "Stage", "zh": "阶段"},
    "journey.mean": {"en": "Mean", "zh": "平均分"},
    "journey.low": {"en": "95% low", "zh": "95% 下限"},
    "journey.high": {"en": "95% high", "zh": "95% 上限"},
    "journey.top2": {"en": "% top two", "zh": "最高两档占比 %"},
    "download.png": {"en": "Chart (PNG)", "zh": "图表（PNG）"},
    "download.svg": {"en": "Chart (SVG)", "zh": "图表（SVG）"},
    "download.csv": {"en": "Data (CSV)", "zh": "数据（CSV）"},
}


def t(key: str, lang: str, **fmt) -> str:
    """The text for ``key`` in ``lang`` (English if the language is unknown), formatted with ``fmt``.

    Raises ``KeyError`` for an unknown key, so a typo fails loudly in tests.
    """
    entry = STRINGS[key]
    text = entry.get(lang, entry["en"])
    return text.format(**fmt)
