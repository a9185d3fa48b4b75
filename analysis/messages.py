"""Words for the library's codes, in English and Simplified Chinese.

The library never words a sentence for people inline: errors, findings, problems, roles, stages
and test names leave it as codes with parameters (:class:`Message`), and this one table turns
them into text for the command line (``--lang``) and for the app. The app keeps the words of its
own widgets in ``pages/ui/words.py``; ``tests/test_i18n.py`` checks that both tables have every
key in both languages with the same placeholders, and that every code the library emits is here.

Parameters are rendered before they are put in a template: a :class:`Message` parameter is
rendered in the same language (so a metric or stage code inside a finding is translated too), a
list is joined with the language's separator, anything else is ``str()``-ed as given. Numbers
are formatted by the code that builds the message, so templates carry no format specs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

LANGUAGES = {"en": "English", "zh": "简体中文"}
_LIST_SEPARATOR = {"en": ", ", "zh": "、"}
_QUOTES = {"en": ("'", "'"), "zh": ("“", "”")}


@dataclass(frozen=True)
class Message:
    """A code from :data:`CODES` with the values its template needs."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English for an unknown language)."""
        return render(self, lang)

    def __str__(self) -> str:
        return self.text("en")


def say(code: str, **params) -> Message:
    """Shorthand for ``Message(code, params)``; fails at once on an unknown code."""
    if code not in CODES:
        raise KeyError(f"no words for the code {code!r} in analysis.messages.CODES")
    return Message(code, params)


def first_of(items: list, limit: int = 10) -> list | Message:
    """``items`` as they are when at most ``limit``, else the first ``limit`` "and N more" (for a message's list)."""
    if len(items) <= limit:
        return items
    return say("list.more", shown=items[:limit], more=f"{len(items) - limit:,}")


@dataclass(frozen=True)
class Quoted:
    """A user's value (a column name, a group) shown in the language's quotation marks."""

    value: Any


def render(value, lang: str = "en") -> str:
    """Text of a Message, a Quoted value, a list of those, or any other value, in ``lang``."""
    if isinstance(value, Message):
        entry = CODES[value.code]
        template = entry.get(lang, entry["en"])
        return template.format(**{name: render(part, lang) for name, part in value.params.items()})
    if isinstance(value, Quoted):
        left, right = _QUOTES.get(lang, _QUOTES["en"])
        return f"{left}{render(value.value, lang)}{right}"
    if isinstance(value, (list, tuple)):
        return _LIST_SEPARATOR.get(lang, ", ").join(render(part, lang) for part in value)
    return str(value)


def text(code: str, lang: str = "en", **params) -> str:
    """The words for ``code`` in ``lang``, with ``params`` rendered in: ``say(code, **params).text(lang)``."""
    return say(code, **params).text(lang)


_EXPORT_AGAIN = {"en": "export it again from your survey tool", "zh": "请从问卷工具重新导出"}

CODES: dict[str, dict[str, str]] = {
    # Reading files
    "error.in_file": {"en": "{file}: {detail}", "zh": "{file}：{detail}"},
    "error.file.not_found": {"en": "{file}: file not found; check the path.", "zh": "{file}：找不到文件；请检查路径。"},
    "error.file.is_folder": {
        "en": "{file}: is a folder, not a file; give the path of an export file.",
        "zh": "{file}：这是文件夹而不是文件；请给出导出文件的路径。",
    },
    "error.file.unreadable": {
        "en": "{file}: could not be read ({reason}); check the path and the file's permissions.",
        "zh": "{file}：无法读取（{reason}）；请检查路径和文件权限。",
    },
    "error.file.empty": {
        "en": "{file}: the file is empty; " + _EXPORT_AGAIN["en"] + ".",
        "zh": "{file}：文件是空的；" + _EXPORT_AGAIN["zh"] + "。",
    },
    "error.file.no_rows": {
        "en": "{file}: no rows found; " + _EXPORT_AGAIN["en"] + ".",
        "zh": "{file}：没有找到任何行；" + _EXPORT_AGAIN["zh"] + "。",
    },
    "error.file.all_rows_too_wide": {
        "en": "{file}: every response row has more fields than the header (row {row} has {fields} fields, the "
              "header {width}); check the header row and re-export the file.",
        "zh": "{file}：每一行回答的字段都比表头多（第 {row} 行有 {fields} 个字段，表头只有 {width} 个）；"
              "请检查表头并重新导出文件。",
    },
    "error.file.header_only": {
        "en": "{file}: has a header row but no responses; export again after responses have come in.",
        "zh": "{file}：只有表头，没有回答；请在收到回答后重新导出。",
    },
    "error.file.not_a_table": {
        "en": "{file}: this is {what}, not a table; upload a CSV, TSV, TXT, XLSX or JSON export.",
        "zh": "{file}：这是{what}，不是表格；请上传 CSV、TSV、TXT、XLSX 或 JSON 导出文件。",
    },
    "error.file.html": {
        "en": "{file}: this is a web page (HTML), not a table; download the export itself as CSV, TSV, TXT, XLSX "
              "or JSON.",
        "zh": "{file}：这是网页（HTML），不是表格；请下载导出文件本身（CSV、TSV、TXT、XLSX 或 JSON）。",
    },
    "error.file.binary": {
        "en": "{file}: this looks like a binary file, not a table; upload a CSV, TSV, TXT, XLSX or JSON export.",
        "zh": "{file}：这看起来是二进制文件，不是表格；请上传 CSV、TSV、TXT、XLSX 或 JSON 导出文件。",
    },
    "error.file.unclosed_quote": {
        "en": "{file}: a quote opened near line {line} is never closed, so the rest of the file cannot be split "
              "into columns; close the quote or re-export the file with standard quoting.",
        "zh": "{file}：第 {line} 行附近的引号没有闭合，文件其余部分无法分列；请补上引号，或用标准引号方式重新导出。",
    },
    "error.file.unclosed_quote_somewhere": {
        "en": "{file}: a quote is never closed, so the rest of the file cannot be split into columns; close the "
              "quote or re-export the file with standard quoting.",
        "zh": "{file}：有引号没有闭合，文件其余部分无法分列；请补上引号，或用标准引号方式重新导出。",
    },
    "error.file.bad_workbook": {
        "en": "{file}: looks like an Excel workbook but could not be opened (it may be damaged or password "
              "protected); re-save it in Excel or export as CSV.",
        "zh": "{file}：看起来是 Excel 工作簿，但无法打开（可能已损坏或设有密码）；请在 Excel 中另存一次，或导出为 CSV。",
    },
    "error.file.empty_workbook": {
        "en": "{file}: every sheet in the workbook is empty; " + _EXPORT_AGAIN["en"] + ".",
        "zh": "{file}：工作簿中的所有工作表都是空的；" + _EXPORT_AGAIN["zh"] + "。",
    },
    "error.file.bad_json": {
        "en": "{file}: JSON must be a list of response objects (or an object holding one); export the responses "
              "as JSON records or as CSV.",
        "zh": "{file}：JSON 必须是回答对象的列表（或包含这样列表的对象）；请把回答导出为 JSON 记录或 CSV。",
    },
    "what.pdf": {"en": "a PDF document", "zh": "PDF 文档"},
    "what.png": {"en": "a PNG image", "zh": "PNG 图片"},
    "what.jpeg": {"en": "a JPEG image", "zh": "JPEG 图片"},
    "what.gif": {"en": "a GIF image", "zh": "GIF 图片"},
    "what.gzip": {"en": "a gzip archive", "zh": "gzip 压缩包"},
    "what.rar": {"en": "a RAR archive", "zh": "RAR 压缩包"},
    "what.7z": {"en": "a 7-Zip archive", "zh": "7-Zip 压缩包"},

    # The column mapping
    "error.mapping.unknown_column": {
        "en": "{file}: the mapping names column {column}, which is not in the file; reset the mapping to the "
              "detected one.",
        "zh": "{file}：映射中的列 {column} 不在文件里；请把映射恢复为自动识别的结果。",
    },
    "error.mapping.unknown_role": {
        "en": "{file}: {role} is not a known role; use one of {roles}.",
        "zh": "{file}：{role} 不是已知的角色；请使用以下之一：{roles}。",
    },
    "error.mapping.bad_scale": {
        "en": "{file}: column {column} needs a scale whose minimum is below its maximum (for example 1 and 5); "
              "fix it in the mapping.",
        "zh": "{file}：列 {column} 的量表最小值必须小于最大值（例如 1 和 5）；请在映射中修改。",
    },

    # Command line
    "error.cli.groups": {
        "en": "--groups takes two group names separated by a comma, for example --groups \"Business travel,"
              "Personal Travel\"; got {given}.",
        "zh": "--groups 需要两个用逗号分隔的组名，例如 --groups \"Business travel,Personal Travel\"；收到的是 {given}。",
    },
    "cli.summary": {
        "en": "{file}: {format} export ({kind}), {rows} rows read, {used} used",
        "zh": "{file}：{format} 导出文件（{kind}），读取 {rows} 行，使用 {used} 行",
    },
    "cli.no_answers": {"en": "no valid answers", "zh": "没有有效回答"},
    "cli.template": {"en": "template {name}: {matched} columns matched; not in this file: {missing}",
                     "zh": "模板 {name}：匹配 {matched} 列；本文件中没有：{missing}"},
    "cli.interval": {"en": "(95% interval {low} to {high}, n = {n})", "zh": "（95% 置信区间 {low} 至 {high}，n = {n}）"},
    "cli.revenue": {
        "en": "Revenue {net} net = {gross} gross − {returns} returns + {beyond} returns beyond sales",
        "zh": "净收入 {net} = 销售总额 {gross} − 退货 {returns} + 超出销售额的退货 {beyond}",
    },
    "cli.compare": {"en": "{file}: {a} vs {b} (groups of {by})", "zh": "{file}：{a} 对比 {b}（按 {by} 分组）"},
    "cli.compare_all": {"en": "{file}: all {n} groups of {by}", "zh": "{file}：{by} 的全部 {n} 个组"},
    "cli.compare_weighted": {"en": "Weighted by {column}: every value weighted, tested at each group's effective n.",
                             "zh": "按 {column} 加权：所有数值均已加权，按各组的有效样本量检验。"},
    "persona.trait.higher": {"en": "{label} higher: {persona} on average against {overall} for everyone",
                             "zh": "{label} 较高：平均 {persona}，全体为 {overall}"},
    "persona.trait.lower": {"en": "{label} lower: {persona} on average against {overall} for everyone",
                            "zh": "{label} 较低：平均 {persona}，全体为 {overall}"},
    "persona.trait.more": {"en": "More often {label} = {value}: {persona}% against {overall}% of everyone",
                           "zh": "{label} 为 {value} 的更多：{persona}%，全体为 {overall}%"},
    "persona.trait.fewer": {"en": "Less often {label} = {value}: {persona}% against {overall}% of everyone",
                            "zh": "{label} 为 {value} 的更少：{persona}%，全体为 {overall}%"},
    "persona.k.best_stable": {
        "en": "k = {k}: clear groups (silhouette {silhouette}, against {null} for the same answers shuffled column by "
              "column), and the highest silhouette among the k whose groups come back when the data is resampled "
              "(stability {stability}, from {low} to {high} over three resample pairs; 0.75 or more).",
        "zh": "k = {k}：分组清晰（轮廓系数 {silhouette}，而同样的答案逐列打乱后为 {null}），且在重抽样后分组仍能重现的 k"
              "（稳定性 {stability}，三组重抽样从 {low} 到 {high}；不低于 0.75）中轮廓系数最高。",
    },
    "persona.k.most_stable": {
        "en": "k = {k}: the groups are clearer than in shuffled answers (silhouette {silhouette} against {null}), but "
              "no k gives groups that reliably come back when the data is resampled (stability 0.75 or more), so "
              "the most stable one is proposed (stability {stability}, from {low} to {high}); treat the personas as "
              "rough.",
        "zh": "k = {k}：分组比打乱后的答案更清晰（轮廓系数 {silhouette}，打乱后为 {null}），但没有哪个 k 的分组在重抽样后能"
              "稳定重现（稳定性不低于 0.75），因此推荐最稳定的一个（稳定性 {stability}，从 {low} 到 {high}）；"
              "这些用户画像只宜粗略参考。",
    },
    "persona.k.no_clear_groups": {
        "en": "No clear groups: for every k from 2 to 10 the groups are no clearer than those found in the same "
              "answers shuffled column by column (at best k = {k}, silhouette {silhouette} against {null}). Everyone "
              "is shown as one persona; choose a k to see a split anyway, as a description rather than a finding.",
        "zh": "没有清晰的分组：k 从 2 到 10，分组都不比把同样的答案逐列打乱后得到的分组更清晰（最好的是 k = {k}，"
              "轮廓系数 {silhouette}，打乱后为 {null}）。所有人显示为一个画像；如仍需划分，可手动选择 k，"
              "但那只是描述，而非发现。",
    },
    "persona.k.chosen_not_clear": {
        "en": "k = {k} was chosen by hand: its groups are no clearer than those in the same answers shuffled column "
              "by column (silhouette {silhouette} against {null}), so read these personas as a description of the "
              "data, not as groups found in it.",
        "zh": "k = {k} 为手动选择：其分组并不比同样的答案逐列打乱后的分组更清晰（轮廓系数 {silhouette}，打乱后为 "
              "{null}），因此这些画像只是对数据的描述，而不是在数据中发现的分组。",
    },
    "persona.k.no_clear_groups_untested": {
        "en": "No clear groups: too few respondents to compare any k with shuffled answers. Everyone is shown as one "
              "persona.",
        "zh": "没有清晰的分组：受访者太少，无法将任何 k 与打乱后的答案比较。所有人显示为一个画像。",
    },
    "persona.level_driven": {
        "en": "These personas differ mainly in how high they rate everything: {share}% of the differences between "
              "them is one overall rating level, so they read as generous raters versus harsh raters more than as "
              "kinds of customer. Turn on “Adjust for each respondent’s rating level” to group people by what they "
              "rate above or below their own average.",
        "zh": "这些画像主要区别在于整体打分的高低：它们之间 {share}% 的差异只是整体评分水平，因此更像“打分宽松者”与"
              "“打分严格者”，而不是不同类型的客户。打开“按每位受访者的评分水平校正”，即可按人们高于或低于自己平均"
              "水平打分的项目来分组。",
    },
    "persona.traits_held_out": {
        "en": "Traits are shown only when they are found again on {rows} respondents the groups were not fitted on "
              "(the same test, Holm-adjusted); {unconfirmed} found only on the respondents the groups were fitted on are "
              "listed apart as not confirmed.",
        "zh": "特征须在 {rows} 位未参与分组拟合的受访者中再次发现（同样的检验，Holm 校正）才算确认；"
              "另有 {unconfirmed} 条仅在参与拟合的受访者中发现，单独列为未确认。",
    },
    "persona.traits_held_out_all": {
        "en": "Traits are shown only when they are found again on {rows} respondents the groups were not fitted on "
              "(the same test, Holm-adjusted); every one was.",
        "zh": "特征须在 {rows} 位未参与分组拟合的受访者中再次发现（同样的检验，Holm 校正）才算确认；全部都已确认。",
    },
    "persona.traits_unchecked": {
        "en": "Too few respondents to check traits on respondents the groups were not fitted on, so no trait is "
              "shown ({unconfirmed} found on the fitted respondents only).",
        "zh": "受访者太少，无法在未参与分组拟合的受访者中核对特征，因此不显示特征（仅在参与拟合的受访者中发现 "
              "{unconfirmed} 条）。",
    },
    "persona.traits_everyone": {
        "en": "One persona holds everyone, so it has no traits that set it apart.",
        "zh": "只有一个画像，包含所有人，因此没有与众不同的特征。",
    },
    "error.personas.no_comments": {
        "en": "--comments: the survey has no free-text column to score; map one as text on the Data page or "
              "leave --comments out.",
        "zh": "--comments：问卷中没有可评分的自由文本列；请在数据页面把一列映射为文本，或去掉 --comments。",
    },
    "error.personas.no_ids": {
        "en": "{file} cannot be linked: the survey has no respondent-id column to match its ids against; map one "
              "as respondent id.",
        "zh": "无法关联 {file}：问卷中没有可与其 ID 匹配的受访者 ID 列；请将一列映射为受访者 ID。",
    },
    "error.personas.few_matches": {
        "en": "Only {matched} of the {total} ids in {file} (column {column}) match a respondent id of the survey: too "
              "few to be the same people rather than a coincidence of numbers. Check that both files use the same ids.",
        "zh": "{file}（{column} 列）的 {total} 个 ID 中只有 {matched} 个与问卷受访者 ID 相同：太少，更像是数字巧合"
              "而不是同一批人。请确认两个文件使用同一套 ID。",
    },
    "error.personas.nothing_to_link": {
        "en": "{file} has neither comments nor order lines to link to the survey's respondents.",
        "zh": "{file} 既没有评论也没有订单行，无法与问卷受访者关联。",
    },
    "error.personas.no_match": {
        "en": "None of the ids in {file} matches a respondent id of the survey: check that both files use the "
              "same ids.",
        "zh": "{file} 中没有任何 ID 与问卷的受访者 ID 相同：请确认两个文件使用同一套 ID。",
    },
    "error.personas.no_features": {
        "en": "{file}: no column can describe people (ratings, attributes, behaviour or channel); mark such columns "
              "on the Data page or name them with --features.",
        "zh": "{file}：没有可描述人群的列（评分、属性、行为或渠道）；请在“数据”页设置这些列，或用 --features 指定。",
    },
    "error.personas.unknown_feature": {
        "en": "{file}: {column} is not a column that can describe people; choose from {columns}.",
        "zh": "{file}：{column} 不是可描述人群的列；请从 {columns} 中选择。",
    },
    "error.personas.too_few_rows": {
        "en": "{file}: {rows} usable rows cannot make {k} personas; choose a smaller k.",
        "zh": "{file}：{rows} 行可用数据无法分出 {k} 个用户画像；请选择更小的 k。",
    },
    "cli.personas": {"en": "{file}: {k} personas of {rows} responses (silhouette {silhouette}).",
                     "zh": "{file}：{rows} 条回答分为 {k} 个用户画像（轮廓系数 {silhouette}）。"},
    "cli.personas_one": {"en": "{file}: no clear groups among {rows} responses; everyone is one persona.",
                         "zh": "{file}：{rows} 条回答中没有清晰的分组；所有人为一个用户画像。"},
    "cli.persona_comments": {
        "en": "   comments: {n}, {negative}% negative (95% CI {low}-{high}); pain points: {terms}",
        "zh": "   评论：{n} 条，负面 {negative}%（95% 置信区间 {low}-{high}）；痛点：{terms}",
    },
    "cli.persona_buying": {
        "en": "   buying: {customers} customers; one-time {one}%, occasional {occasional}%, frequent {frequent}%; "
              "mean CLV {clv}",
        "zh": "   购买：{customers} 位客户；一次性 {one}%、偶尔 {occasional}%、经常 {frequent}%；平均客户终身价值 {clv}",
    },
    "cli.rfm": {
        "en": "{file}: {customers} customers; one-time {one}, occasional {occasional}, frequent {frequent} "
              "(frequent: more than {above} orders).",
        "zh": "{file}：{customers} 位客户；一次性购买 {one}，偶尔购买 {occasional}，经常购买 {frequent}（经常购买：订单多于 {above} 笔）。",
    },
    "cli.rfm_excluded": {"en": "  set aside: {reason} {n}", "zh": "  已剔除：{reason} {n}"},

    # Behaviour (event logs and session tables)
    "error.behaviour.no_visitor": {
        "en": "{file}: no visitor id column found (headers: {headers}); name the column that identifies a visitor "
              "client_id, visitor_id, user_id or cookie.",
        "zh": "{file}：找不到访客 ID 列（列名：{headers}）；请把标识访客的列命名为 “client_id”、“visitor_id”、“user_id” 或 “cookie”。",
    },
    "error.behaviour.no_time": {
        "en": "{file}: no timestamp column found (headers: {headers}); name it timestamp, or give Date and Time columns.",
        "zh": "{file}：找不到时间列（列名：{headers}）；请将其命名为 timestamp，或提供 Date 和 Time 两列。",
    },
    "error.behaviour.no_page": {
        "en": "{file}: no page or event column found (headers: {headers}); name it page_url, page or event_name.",
        "zh": "{file}：找不到页面或事件列（列名：{headers}）；请将其命名为 page_url、page 或 event_name。",
    },
    "error.behaviour.bad_time": {
        "en": "{file}: column {column} does not read as dates and times (for example {examples}); export times as "
              "ISO 8601 (2025-02-23T10:05:01Z) or YYYY-MM-DD HH:MM:SS.",
        "zh": "{file}：列 {column} 无法识别为日期时间（例如 {examples}）；请以 ISO 8601（2025-02-23T10:05:01Z）"
              "或 YYYY-MM-DD HH:MM:SS 格式导出时间。",
    },
    "error.behaviour.unknown_step": {
        "en": "Funnel step {step} matches no event name or page in the data; use an event name such as {known}, "
              "a page pattern such as /products/*, or product, cart, checkout, purchase.",
        "zh": "漏斗步骤 {step} 与数据中的任何事件名或页面都不匹配；请使用事件名（例如 {known}）、"
              "页面模式（例如 /products/*）或 product、cart、checkout、purchase。",
    },
    "error.behaviour.unknown_stage": {
        "en": "Stage rule names {stage}, which is not a journey stage; use one of {stages}.",
        "zh": "阶段规则中的 {stage} 不是旅程阶段；请使用 {stages} 之一。",
    },
    "error.behaviour.gap": {"en": "The session gap must be a positive number of minutes, not {given}.",
                            "zh": "会话间隔必须是正的分钟数，而不是 {given}。"},
    "error.behaviour.window": {"en": "The conversion window must be a positive number of minutes, hours or days, "
                                     "not {given}.",
                               "zh": "转化时间窗必须是正的分钟、小时或天数，而不是 {given}。"},
    "error.behaviour.header_only": {
        "en": "{files}: a header row and no events; export the log again once it has events.",
        "zh": "{files}：只有表头，没有事件；请在日志有事件后重新导出。",
    },
    "error.behaviour.no_events": {
        "en": "Every row was set aside ({excluded}); nothing is left to analyse. Check the files, or keep bots.",
        "zh": "所有行均被剔除（{excluded}）；没有可分析的数据。请检查文件，或保留机器人流量。",
    },
    "error.behaviour.no_engine": {
        "en": "The DuckDB engine is not installed (pip install duckdb); install it, or run with --engine pandas.",
        "zh": "未安装 DuckDB 引擎（pip install duckdb）；请安装它，或使用 --engine pandas 运行。",
    },
    "error.behaviour.engine_file": {
        "en": "{file}: the DuckDB engine reads CSV, TSV and TXT files (gzip-compressed too) and Parquet files in "
              "place; run with --engine pandas for this file.",
        "zh": "{file}：DuckDB 引擎可直接读取 CSV、TSV、TXT 文件（包括 gzip 压缩）和 Parquet 文件；此文件请使用 "
              "--engine pandas 运行。",
    },
    "error.behaviour.engine_failed": {
        "en": "DuckDB could not read {files}: {reason}. Check the files, or run with --engine pandas.",
        "zh": "DuckDB 无法读取 {files}：{reason}。请检查文件，或使用 --engine pandas 运行。",
    },
    "error.behaviour.engine_failed_connected": {
        "en": "The connected log {path} ({n} files) could not be read: {reason}. Ask the server's operator to check "
              "its files (one may still be being written, be damaged, or have other columns than the rest), or, as "
              "an editor of the project, disconnect the log and upload its files instead.",
        "zh": "无法读取已连接的日志 {path}（{n} 个文件）：{reason}。请服务器管理员检查这些文件（可能有文件仍在写入、已损坏或列与其他"
              "文件不同），或由项目的编辑者断开该日志，改为上传其文件。",
    },
    "error.behaviour.engine_url": {
        "en": "{url} is not an engine this tool runs on; give duckdb, pandas, or a URL starting with {schemes}.",
        "zh": "{url} 不是本工具支持的引擎；请使用 duckdb、pandas，或以 {schemes} 开头的连接地址。",
    },
    "error.behaviour.remote_package": {
        "en": "Running on {engine} needs the Python package {package} (pip install {package}); install it, or run "
              "on DuckDB with the log's files.",
        "zh": "在 {engine} 上运行需要 Python 包 {package}（pip install {package}）；请安装它，或用日志文件在 DuckDB "
              "上运行。",
    },
    "error.behaviour.remote_table": {
        "en": "An engine given by a URL reads the events from a table where they are: name it with --table (and "
              "give no files).",
        "zh": "用连接地址指定的引擎从事件所在的表中读取数据：请用 --table 指定表名（不要再给文件）。",
    },
    "error.behaviour.no_files": {
        "en": "Give one or more log files, or --engine URL --table NAME to read the events where they are.",
        "zh": "请给出一个或多个日志文件，或用 --engine 连接地址 --table 表名 在事件所在处读取。",
    },
    "error.behaviour.no_table": {
        "en": "{engine} at {url} has no table {table}; check its name (schema.table where needed).",
        "zh": "{url} 上的 {engine} 中没有表 {table}；请检查表名（必要时写作 schema.table）。",
    },
    "error.behaviour.remote_failed": {
        "en": "{engine} at {url} could not run the analysis: {reason}. Check the connection and the table.",
        "zh": "{url} 上的 {engine} 无法完成分析：{reason}。请检查连接和表。",
    },
    "error.log_path.off": {
        "en": "Connecting a log on the server is off; the server's operator turns it on with {setting}.",
        "zh": "未启用连接服务器上的日志；服务器管理员可通过 {setting} 启用。",
    },
    "error.log_path.outside": {
        "en": "{path} is outside the folders this server allows ({roots}); choose a file or folder inside one.",
        "zh": "{path} 不在本服务器允许的文件夹（{roots}）内；请选择其中的文件或文件夹。",
    },
    "error.log_path.symlink": {
        "en": "{path} is a link leading outside the folders this server allows ({roots}); choose the file itself.",
        "zh": "{path} 是指向本服务器允许的文件夹（{roots}）之外的链接；请直接选择文件本身。",
    },
    "error.log_path.missing": {
        "en": "{path} does not exist on the server; check the spelling (paths are case-sensitive).",
        "zh": "服务器上不存在 {path}；请检查拼写（路径区分大小写）。",
    },
    "error.log_path.empty": {
        "en": "{path} holds no log file; the folder needs files ending in {suffixes}.",
        "zh": "{path} 中没有日志文件；文件夹中需要以 {suffixes} 结尾的文件。",
    },
    "error.log_path.too_many": {
        "en": "{path} holds {n} log files, more than this server allows ({limit}, set by {setting}); choose a "
              "folder with fewer files.",
        "zh": "{path} 含有 {n} 个日志文件，超过本服务器允许的数量（{limit}，由 {setting} 设置）；请选择文件较少的文件夹。",
    },
    "error.log_path.too_big": {
        "en": "{path} holds {gb} GB of logs, more than this server allows ({limit} GB, set by {setting}); "
              "choose fewer files.",
        "zh": "{path} 含有 {gb} GB 日志，超过本服务器允许的大小（{limit} GB，由 {setting} 设置）；请选择较少的文件。",
    },
    "error.log_path.unreadable": {
        "en": "{files} cannot be read in place; a connected log is CSV, TSV or TXT (UTF-8, gzip too) or Parquet "
              "({suffixes}).",
        "zh": "无法直接读取 {files}；连接的日志须为 CSV、TSV 或 TXT（UTF-8，可 gzip 压缩）或 Parquet（{suffixes}）。",
    },
    "error.log_db.setting": {
        "en": "The server setting {setting} has entries that cannot be used: {entries}. It lists NAME=URL entries "
              "separated by spaces; ask the server's operator to correct it.",
        "zh": "服务器设置 {setting} 中有无法使用的条目：{entries}。该设置列出以空格分隔的 NAME=URL 条目；请服务器管理员更正。",
    },
    "error.log_db.entry.no_name": {
        "en": "entry {place} (no NAME= before its URL)",
        "zh": "第 {place} 项（URL 前没有 NAME=）",
    },
    "error.log_db.entry.bad_name": {
        "en": "entry {place}, named {name} (a name is 1 to 40 letters, digits, _ or -)",
        "zh": "第 {place} 项，名称 {name}（名称须为 1 至 40 个字母、数字、_ 或 -）",
    },
    "error.log_db.entry.repeated": {
        "en": "entry {place}, named {name} (the name is given twice)",
        "zh": "第 {place} 项，名称 {name}（该名称重复）",
    },
    "error.log_db.entry.bad_url": {
        "en": "entry {place}, named {name} (its URL must start with postgresql:// or spark://)",
        "zh": "第 {place} 项，名称 {name}（其 URL 须以 postgresql:// 或 spark:// 开头）",
    },
    "error.log_db.not_allowed": {
        "en": "The database {name} is no longer allowed on this server (the setting {setting}); an editor of the "
              "project can choose another database or disconnect it, or the server's operator can allow it again.",
        "zh": "本服务器已不再允许数据库 {name}（设置 {setting}）；项目的编辑者可以选择其他数据库或断开连接，或由服务器管理员重新允许它。",
    },
    "error.log_db.table_name": {
        "en": "{table} is not a table name the app reads from the database {name}: use letters, digits and _ only "
              "(schema.table where needed).",
        "zh": "{table} 不是应用可从数据库 {name} 读取的表名：只能使用字母、数字和 _（必要时写作 schema.table）。",
    },
    "error.log_db.package": {
        "en": "Reading the database {name} needs the Python package {package} on the server; ask the server's "
              "operator to install it.",
        "zh": "读取数据库 {name} 需要服务器上安装 Python 包 {package}；请服务器管理员安装。",
    },
    "error.log_db.unreachable": {
        "en": "The database {name} could not be reached: it may be down, or its address or login changed. Try "
              "again later, or ask the server's operator to check it.",
        "zh": "无法连接数据库 {name}：它可能已停止运行，或其地址或登录信息已更改。请稍后重试，或请服务器管理员检查。",
    },
    "error.log_db.no_table": {
        "en": "The database {name} has no table {table}; check its name (schema.table where needed) or choose "
              "another table.",
        "zh": "数据库 {name} 中没有表 {table}；请检查表名（必要时写作 schema.table）或选择其他表。",
    },
    "error.log_db.failed": {
        "en": "The database {name} could not analyse the table {table}: {reason}. Check that the table holds an "
              "event log (a visitor or session id, a time, a page or event name), or choose another table.",
        "zh": "数据库 {name} 无法分析表 {table}：{reason}。请检查该表是否为事件日志（含访客或会话 ID、时间、页面或事件名），"
              "或选择其他表。",
    },
    "error.behaviour.not_session_table": {
        "en": "{file}: no BounceRates and ExitRates columns; a session table needs both.",
        "zh": "{file}：没有 BounceRates 和 ExitRates 列；会话表需要这两列。",
    },
    "error.behaviour.mixed_files": {
        "en": "{file} is a session table (one row per session); give it on its own, not with event logs.",
        "zh": "{file} 是会话表（每行一个会话）；请单独提供，不要与事件日志一起提供。",
    },
    "cli.behaviour": {
        "en": "{files}: {visitors} visitors, {sessions} sessions, {events} events; bounce rate {bounce}, "
              "pages per session {pages}, conversion {conversion}.",
        "zh": "{files}：{visitors} 位访客，{sessions} 个会话，{events} 个事件；跳出率 {bounce}，每会话页数 {pages}，"
              "转化率 {conversion}。",
    },
    "cli.behaviour_funnel": {"en": "Funnel", "zh": "漏斗"},
    "cli.behaviour_exits": {"en": "Exit pages (exits / views)", "zh": "退出页面（退出数 / 浏览数）"},
    "cli.behaviour_channels": {"en": "Channels (sessions, bounce, conversion)", "zh": "渠道（会话数、跳出率、转化率）"},
    "cli.session_table": {
        "en": "{file}: {sessions} sessions; mean bounce rate {bounce}, mean exit rate {exit}, conversion {conversion}.",
        "zh": "{file}：{sessions} 个会话；平均跳出率 {bounce}，平均退出率 {exit}，转化率 {conversion}。",
    },
    "cli.session_table_by": {"en": "By {column} (sessions, bounce, exit, conversion)",
                             "zh": "按 {column}（会话数、跳出率、退出率、转化率）"},
    "reason.missing_visitor": {"en": "No visitor id", "zh": "缺少访客 ID"},
    "reason.bad_time": {"en": "Unreadable time", "zh": "无法识别的时间"},
    "reason.duplicate_event": {"en": "Exact duplicate of an earlier event", "zh": "与前面某个事件完全相同的重复行"},
    "reason.marker": {"en": "Session marker, not a page view", "zh": "会话标记行，不是页面浏览"},
    "reason.bot": {"en": "Bot or crawler", "zh": "机器人或爬虫"},
    "reason.missing_session": {"en": "No session id in a file with a session id column",
                               "zh": "文件有会话 ID 列，但此行缺少会话 ID"},
    "reason.outside_session": {"en": "Outside the log's marked visits (after an end marker, before a start marker)",
                               "zh": "不在日志标记的任何一次访问内（在结束标记之后、开始标记之前）"},
    "session_rule.session_id": {"en": "{n} sessions follow the log's session id column {columns}.",
                                "zh": "{n} 个会话按日志的会话 ID 列 {columns} 划分。"},
    "session_rule.session_id_one": {"en": "{n} session follows the log's session id column {columns}.",
                                    "zh": "{n} 个会话按日志的会话 ID 列 {columns} 划分。"},
    "session_rule.markers": {"en": "{n} sessions follow the log's own start and end markers ({markers}).",
                             "zh": "{n} 个会话按日志自带的开始和结束标记（{markers}）划分。"},
    "session_rule.markers_one": {"en": "{n} session follows the log's own start and end markers ({markers}).",
                                 "zh": "{n} 个会话按日志自带的开始和结束标记（{markers}）划分。"},
    "session_rule.inactivity_gap": {
        "en": "{n} sessions are made by a {gap}-minute inactivity gap, as the log has no session id column or start "
              "and end markers for them.",
        "zh": "{n} 个会话按 {gap} 分钟无活动间隔切分，因为日志没有可依据的会话 ID 列或开始和结束标记。",
    },
    "session_rule.inactivity_gap_one": {
        "en": "{n} session is made by a {gap}-minute inactivity gap, as the log has no session id column or start "
              "and end markers for it.",
        "zh": "{n} 个会话按 {gap} 分钟无活动间隔切分，因为日志没有可依据的会话 ID 列或开始和结束标记。",
    },
    "channel.direct": {"en": "Direct", "zh": "直接访问"},
    "channel.organic_search": {"en": "Organic search", "zh": "自然搜索"},
    "channel.paid_search": {"en": "Paid search", "zh": "付费搜索"},
    "channel.social": {"en": "Social", "zh": "社交媒体"},
    "channel.email": {"en": "Email", "zh": "电子邮件"},
    "channel.affiliate": {"en": "Affiliate", "zh": "联盟推广"},
    "channel.display": {"en": "Display", "zh": "展示广告"},
    "channel.referral": {"en": "Referral", "zh": "外部引荐"},
    "channel.campaign": {"en": "Other campaign", "zh": "其他推广活动"},
    "channel.unknown": {"en": "Unknown (referrer not collected)", "zh": "未知（未采集来源）"},
    "device.mobile": {"en": "Mobile", "zh": "手机"},
    "device.tablet": {"en": "Tablet", "zh": "平板"},
    "device.desktop": {"en": "Desktop", "zh": "桌面电脑"},
    "device.bot": {"en": "Bot or crawler", "zh": "机器人或爬虫"},
    "device.unknown": {"en": "Unknown (no user agent)", "zh": "未知（无用户代理）"},
    "visitor_type.new": {"en": "New visitor", "zh": "新访客"},
    "visitor_type.returning": {"en": "Returning visitor", "zh": "回访访客"},
    "error.cli.whole_number": {"en": "{option} needs a whole number or auto, not {given}.",
                               "zh": "{option} 需要整数或 auto，而不是 {given}。"},
    "error.sentiment.labels": {
        "en": "Column {column} holds a label that is not a sentiment: {example}. Use negative / neutral / positive, "
              "0 / 1, -1 / 0 / 1 or 1–5 stars.",
        "zh": "列 {column} 中有无法识别的情感标签：{example}。请使用 negative / neutral / positive（负面 / 中性 / 正面）、"
              "0 / 1、-1 / 0 / 1 或 1–5 星。",
    },
    "error.sentiment.too_few_labels": {
        "en": "Not enough labels to tell whether a model trained on column {column} beats the engine: it needs two "
              "labels or more, each with at least {least} texts (one per fold of the cross-validation); it has "
              "{counts}.",
        "zh": "标注不足以判断用列 {column} 训练的模型是否胜过引擎：至少需要两种标签，且每种至少 {least} 条文本"
              "（交叉验证每折一条）；目前为 {counts}。",
    },
    "error.sentiment.not_a_column": {
        "en": "{file}: {column} is not a column of the file; its columns are {columns}. Give the exact header.",
        "zh": "{file}：{column} 不是文件中的列；文件的列为 {columns}。请给出准确的列名。",
    },
    "error.sentiment.thresholds": {
        "en": "--negative {negative} and --positive {positive} need -1 <= negative <= positive <= 1.",
        "zh": "--negative {negative} 和 --positive {positive} 需要满足 -1 <= negative <= positive <= 1。",
    },
    "error.sentiment.keyword_line": {
        "en": "Keyword line {line} reads {text}; write it as 'touchpoint: keyword, keyword'.",
        "zh": "关键词第 {line} 行为 {text}；请写成“触点：关键词，关键词”。",
    },
    "error.sentiment.no_text": {
        "en": "{file}: no column of free text was found; name the text column with --text-col.",
        "zh": "{file}：没有找到自由文本列；请用 --text-col 指定文本列。",
    },
    "error.themes.codeframe": {
        "en": "{file}: is not a codeframe ({reason}); give a JSON or CSV file saved with --save-codeframe.",
        "zh": "{file}：不是编码框架（{reason}）；请给出用 --save-codeframe 保存的 JSON 或 CSV 文件。",
    },
    "error.themes.one_period": {
        "en": "All readable dates fall in one period; emerging themes need comments from at least two periods.",
        "zh": "所有可识别的日期都在同一时段内；新兴主题需要至少两个时段的评论。",
    },
    "error.themes.no_terms": {
        "en": "{file}: the comments of column {column} ({n}) share too few words to find themes in (a theme needs "
              "words that recur across comments: give a few dozen comments or more, or choose the column of comments "
              "with --text-col).",
        "zh": "{file}：列 {column} 的 {n} 条评论共有的词语太少，无法发现主题（主题需要在多条评论中反复出现的词语：请提供几十条以上的"
              "评论，或用 --text-col 选择评论所在的列）。",
    },
    "cli.topics": {
        "en": "{file}: {rows} rows coded with {codes} codes into {out}; {uncoded} rows have no topic.",
        "zh": "{file}：已用 {codes} 个编码为 {rows} 行编码，写入 {out}；{uncoded} 行没有主题。",
    },
    "cli.topics_unreadable": {
        "en": "Rows of {file} that could not be read (more fields than the header) are set aside and not in {out}: "
              "{n}, the first on line {row}; check the file's quoting.",
        "zh": "{file} 中无法读取的行（字段多于表头）已排除，未写入 {out}：共 {n} 行，第一行在第 {row} 行；请检查文件的引号。",
    },
    "cli.topic_line": {
        "en": "  {id}. {name} ({size} comments): {terms}",
        "zh": "  {id}. {name}（{size} 条评论）：{terms}",
    },
    "cli.topic_line_held": {
        "en": "  {id}. {name} ({size} comments; {level}, stability {stability}): {terms}",
        "zh": "  {id}. {name}（{size} 条评论；{level}，稳定性 {stability}）：{terms}",
    },
    "themes.stability.stable": {"en": "stable", "zh": "稳定"},
    "themes.stability.weak": {"en": "weak", "zh": "较弱"},
    "themes.stability.dissolved": {"en": "dissolves", "zh": "不稳定"},
    "cli.sentiment": {
        "en": "{file}: {rows} texts scored into {out} ({engine}); negative {negative}, neutral {neutral}, "
              "positive {positive}, undetected {undetected}.",
        "zh": "{file}：已为 {rows} 条文本打分，写入 {out}（{engine}）；负面 {negative}，中性 {neutral}，正面 {positive}，"
              "无法识别 {undetected}。",
    },
    "cli.trained": {"en": "{file}: {figures} {verdict}", "zh": "{file}：{figures}{verdict}"},
    "sentiment.cv": {
        "en": "Trained on {n} labelled texts, {repeats} × {folds}-fold cross-validation with the engine on the same "
              "folds: macro-F1 {trained} (SD {trained_sd} over the folds) for the trained model, {zero} "
              "(SD {zero_sd}) for the engine; difference {difference}, standard error {se} (95% interval {low} to "
              "{high}, corrected resampled t-test, {p}).",
        "zh": "用 {n} 条已标注文本训练，{repeats} × {folds} 折交叉验证，引擎在相同的折上评估：训练后模型的宏平均 F1 为 "
              "{trained}（各折标准差 {trained_sd}），引擎为 {zero}（标准差 {zero_sd}）；差值 {difference}，标准误 {se}"
              "（95% 区间 {low} 至 {high}，校正重复抽样 t 检验，{p}）。",
    },
    "sentiment.cv.trained": {"en": "The trained model is better by more than one standard error, so it is used.",
                             "zh": "训练后的模型领先超过一个标准误，因此采用它。"},
    "sentiment.cv.engine": {"en": "The engine is better by more than one standard error, so it stays in use.",
                            "zh": "引擎领先超过一个标准误，因此继续使用引擎。"},
    "sentiment.cv.unclear": {
        "en": "Not enough labels to tell: the difference is within one standard error of 0, so the engine stays in "
              "use; more labelled texts would narrow it.",
        "zh": "标注不足以判断：差值与 0 相差不到一个标准误，因此继续使用引擎；更多已标注文本可以缩小不确定性。",
    },
    "error.cli.unexpected": {
        "en": "{file}: could not be read ({reason}); check that it is a survey or feedback export.",
        "zh": "{file}：无法读取（{reason}）；请确认它是问卷或反馈导出文件。",
    },

    # Waves
    "error.waves.counts": {
        "en": "Waves need one label per file: {files} files were given with {labels} labels.",
        "zh": "每个波次文件需要一个标签：给出了 {files} 个文件和 {labels} 个标签。",
    },
    "error.waves.labels": {
        "en": "Each wave needs its own label, not blank and not repeated ({labels}); rename the wave and try again.",
        "zh": "每个波次需要各自的标签，不能为空也不能重复（{labels}）；请重命名该波次后再试。",
    },
    "error.waves.unknown_wave_column": {
        "en": "The matching table of wave {wave} names column {column}, which that file does not have; "
              "match the wave again.",
        "zh": "波次 {wave} 的匹配表中有列 {column}，但该文件没有这一列；请重新匹配该波次。",
    },
    "error.waves.unknown_base_column": {
        "en": "The matching table of wave {wave} points to {column}, which is not a column of the first wave; "
              "choose one of its columns or \"not used\".",
        "zh": "波次 {wave} 的匹配表指向 {column}，但它不是第一个波次的列；请选择其中一列或“不使用”。",
    },
    "error.waves.no_wave_column": {
        "en": "Column {column} holding the waves is not in the survey; add a wave on the Data page first.",
        "zh": "调查中没有存放波次的列 {column}；请先在“数据”页添加一个波次。",
    },

    # Compare
    "error.compare.not_a_column": {
        "en": "{column} is not a column of the file; give the exact column header to compare by.",
        "zh": "{column} 不是文件中的列；请给出用于分组对比的准确列名。",
    },
    "error.compare.ignored_column": {
        "en": "Column {column} is ignored in the mapping; give it a role such as attribute to compare groups by it.",
        "zh": "列 {column} 在映射中被忽略；请给它一个角色（例如“属性”）后再按它分组对比。",
    },
    "error.compare.one_group": {
        "en": "Column {column} has only {group}, so there are no two groups to compare; choose another column.",
        "zh": "列 {column} 只有 {group} 一个组，无法对比两个组；请换一列。",
    },
    "error.compare.no_groups": {
        "en": "Column {column} has no values, so there are no two groups to compare; choose another column.",
        "zh": "列 {column} 没有任何取值，无法对比两个组；请换一列。",
    },
    "error.compare.same_groups": {
        "en": "Name two different groups of {column} to compare, for example {first} and {second}.",
        "zh": "请指定 {column} 中两个不同的组进行对比，例如 {first} 和 {second}。",
    },
    "error.compare.unknown_group": {
        "en": "Column {column} has no group {group}; its groups are {groups}.",
        "zh": "列 {column} 中没有 {group} 这个组；它的组有：{groups}。",
    },
    "list.more": {"en": "{shown} and {more} more", "zh": "{shown} 等另外 {more} 个"},

    # Key drivers
    "error.drivers.few_outcomes": {
        "en": "Key drivers need at least {minimum} respondents who answered the outcome {column}, found {found}; "
              "collect more answers or choose another outcome.",
        "zh": "关键驱动分析需要至少 {minimum} 位回答了结果指标 {column} 的受访者，目前只有 {found} 位；"
              "请收集更多回答或换一个结果指标。",
    },
    "error.drivers.few_touchpoints": {
        "en": "Key drivers need at least two touchpoint ratings besides the outcome, found {found}; map more "
              "columns as touchpoints.",
        "zh": "关键驱动分析除结果指标外至少需要两个触点评分，目前只有 {found} 个；请把更多列映射为触点。",
    },
    "error.drivers.few_complete": {
        "en": "Key drivers need at least {minimum} respondents who answered the outcome {column} and every "
              "touchpoint, found {found}; collect more answers or map fewer touchpoints.",
        "zh": "关键驱动分析需要至少 {minimum} 位同时回答了结果指标 {column} 和所有触点的受访者，目前只有 {found} 位；"
              "请收集更多回答或减少触点。",
    },
    "error.drivers.constant_outcome": {
        "en": "Key drivers need an outcome that varies, but every complete answer of {column} is the same; "
              "choose another outcome.",
        "zh": "关键驱动分析需要有差异的结果指标，但 {column} 的所有完整回答都相同；请换一个结果指标。",
    },
    "error.drivers.unknown_outcome": {
        "en": "{column} is not a column of the prepared file, so it cannot be the key-driver outcome; choose a "
              "mapped numeric or yes/no column.",
        "zh": "{column} 不是已整理文件中的列，不能作为关键驱动分析的结果指标；请选择已映射的数值列或是/否列。",
    },
    "error.drivers.no_outcome": {
        "en": "Key drivers need an overall outcome (an NPS, CSAT or satisfied yes/no column), and none is mapped; "
              "set the role of one column to NPS, CSAT or outcome.",
        "zh": "关键驱动分析需要一个总体结果指标（NPS、CSAT 或满意与否的是/否列），但没有映射任何此类列；"
              "请把其中一列的角色设为 NPS、CSAT 或结果。",
    },
    "error.drivers.bad_outcome": {
        "en": "The key-driver outcome {column} is neither numeric nor a yes/no outcome; choose an NPS, CSAT or "
              "satisfied column.",
        "zh": "关键驱动分析的结果指标 {column} 既不是数值也不是是/否结果；请选择 NPS、CSAT 或满意列。",
    },

    # Conversion
    "error.conversion.bad_flags": {
        "en": "Column {column} has values that are not a yes/no conversion flag ({examples}); use TRUE/FALSE, "
              "1/0, yes/no or 是/否.",
        "zh": "列 {column} 中有不是“是/否”转化标记的值（{examples}）；请使用 TRUE/FALSE、1/0、yes/no 或 是/否。",
    },
    "error.conversion.missing_column": {
        "en": "Column {column} is not in the file; choose one of its columns for the conversion view.",
        "zh": "列 {column} 不在文件中；请为转化分析选择文件中的一列。",
    },

    # Transactions
    "error.transactions.no_revenue": {
        "en": "A transaction file needs either an amount column or both a quantity and a unit price column; "
              "choose them in the column mapping.",
        "zh": "交易文件需要一个金额列，或者同时有数量列和单价列；请在列映射中选择。",
    },
    "error.transactions.missing_column": {
        "en": "No {field} column was found among the headers ({headers}); rename that column (for example to "
              "CustomerID, InvoiceNo, InvoiceDate, Quantity, UnitPrice or Amount) or choose it by hand.",
        "zh": "在表头（{headers}）中没有找到{field}列；请重命名该列（例如 CustomerID、InvoiceNo、InvoiceDate、"
              "Quantity、UnitPrice 或 Amount），或手动选择。",
    },
    "error.transactions.margin": {
        "en": "The margin must be a share between 0 and 1 (for example 0.3 for 30%), not {value}.",
        "zh": "利润率必须是 0 到 1 之间的比例（例如 30% 写作 0.3），而不是 {value}。",
    },
    "error.transactions.lifespan": {
        "en": "The expected customer lifespan must be a positive number of years, not {value}.",
        "zh": "预期客户生命周期必须是正的年数，而不是 {value}。",
    },
    "field.customer": {"en": "customer ID", "zh": "客户编号"},
    "field.invoice": {"en": "invoice or order number", "zh": "订单号或发票号"},
    "field.date": {"en": "purchase date", "zh": "购买日期"},
    "field.quantity": {"en": "quantity", "zh": "数量"},
    "field.price": {"en": "unit price", "zh": "单价"},
    "field.amount": {"en": "amount", "zh": "金额"},

    # Trends and segments
    "error.trend.no_timestamp": {
        "en": "No column is mapped as the date (timestamp) of each response; map the submission date column to "
              "the Timestamp role to see trends over time.",
        "zh": "没有任何列被映射为每条回答的日期（时间）；请把提交日期列映射为“时间”角色，以查看随时间的趋势。",
    },
    "error.trend.no_dates": {
        "en": "None of the dates in the timestamp column could be read; check the column mapped as Timestamp.",
        "zh": "时间列中的日期都无法识别；请检查被映射为“时间”的列。",
    },
    "error.trend.bad_period": {
        "en": "{given} is not a period length for trends; use auto, day, week, month or quarter.",
        "zh": "{given} 不是有效的趋势时间段；请使用 auto、day、week、month 或 quarter。",
    },
    "error.segment.not_a_column": {
        "en": "{column} is not a column of this file; choose an attribute column such as class, region or "
              "customer type.",
        "zh": "{column} 不是此文件中的列；请选择舱位、地区或客户类型等属性列。",
    },

    # Metrics and group comparisons
    "error.nps.not_0_to_10": {
        "en": "NPS answers must be whole numbers from 0 to 10, found {value}; prepare the file first (it sets such "
              "answers aside) or map the column to another role.",
        "zh": "NPS 回答必须是 0 到 10 的整数，但出现了 {value}；请先整理文件（会把这类回答单独列出），或把该列映射为其他角色。",
    },
    "metric.conversion": {"en": "Conversion", "zh": "转化率"},
    "unit.nps": {"en": "NPS points", "zh": "个 NPS 分"},
    "unit.nps_adjusted": {"en": "NPS points (adjusted-Wald estimate, the interval's centre; as measured {raw})",
                          "zh": "个 NPS 分（调整 Wald 估计，即区间中心；实测差值 {raw}）"},
    "unit.share": {"en": "percentage points", "zh": "个百分点"},
    "unit.scale": {"en": "points", "zh": "分"},
    "unit.money": {"en": "currency units", "zh": "货币单位"},
    "unit.rate": {"en": "orders a year", "zh": "单/年"},
    "segment.one-time": {"en": "one-time buyers", "zh": "一次性购买客户"},
    "segment.occasional": {"en": "occasional buyers", "zh": "偶尔购买客户"},
    "segment.frequent": {"en": "frequent buyers", "zh": "频繁购买客户"},
    "metric.clv": {"en": "Customer value (CLV)", "zh": "客户价值（CLV）"},
    "metric.aov": {"en": "Average order value", "zh": "平均订单金额"},
    "metric.mean_customer_aov": {"en": "Mean customer order value", "zh": "客户平均订单金额的均值"},
    "metric.frequency": {"en": "Orders a year", "zh": "年订单数"},
    "metric.repeat_buyers": {"en": "Repeat buyers", "zh": "复购客户占比"},
    "test.nps_z": {"en": "z test on NPS, adjusted Wald", "zh": "NPS 的 z 检验（调整 Wald）"},
    "test.two_proportion_z": {"en": "two-proportion z test", "zh": "双比例 z 检验"},
    "test.welch_t": {"en": "Welch t test", "zh": "Welch t 检验"},
    "test.bootstrap_bca": {"en": "bootstrap test, BCa interval", "zh": "自助法检验（BCa 区间）"},
    "test.chi_square": {"en": "chi-square test", "zh": "卡方检验"},
    "test.fisher_exact": {"en": "Fisher's exact test", "zh": "Fisher 精确检验"},
    "test.monte_carlo_exact": {"en": "Monte Carlo exact test", "zh": "蒙特卡洛精确检验"},
    "finding.higher": {
        "en": "{metric} is {size} {unit} higher among {a} than among {b} ({test}, {p}; Holm-adjusted {p_holm}).",
        "zh": "{a}的{metric}比{b}高 {size} {unit}（{test}，{p}；Holm 校正后 {p_holm}）。",
    },
    "finding.lower": {
        "en": "{metric} is {size} {unit} lower among {a} than among {b} ({test}, {p}; Holm-adjusted {p_holm}).",
        "zh": "{a}的{metric}比{b}低 {size} {unit}（{test}，{p}；Holm 校正后 {p_holm}）。",
    },
    "finding.same": {
        "en": "{metric} is the same among {a} and {b} ({test}, {p}; Holm-adjusted {p_holm}).",
        "zh": "{a}与{b}的{metric}相同（{test}，{p}；Holm 校正后 {p_holm}）。",
    },
    "finding.untestable": {
        "en": "{metric} can't be compared between {a} and {b}: too few answers ({a}: n = {n_a}, {b}: n = {n_b}).",
        "zh": "{a}与{b}的{metric}无法比较：回答太少（{a}：n = {n_a}，{b}：n = {n_b}）。",
    },
    "verdict.matters": {
        "en": "A real difference, large enough to matter (threshold: {threshold} {unit}).",
        "zh": "这是真实存在的差异，且大到有实际意义（阈值：{threshold} {unit}）。",
    },
    "verdict.too_small": {
        "en": "Real, but below the {threshold} {unit} that would matter in practice.",
        "zh": "差异真实存在，但低于有实际意义的 {threshold} {unit}。",
    },
    "verdict.noise": {
        "en": "Within noise: not significant once all {total} comparisons are taken into account (Holm).",
        "zh": "在随机波动范围内：考虑全部 {total} 项比较（Holm 校正）后不显著。",
    },
    "finding.group_n": {"en": "{group} (n = {n})", "zh": "{group}（n = {n}）"},
    "finding.small_sample": {"en": "Small sample: {groups}; treat with caution.", "zh": "样本量小：{groups}；请谨慎解读。"},
    "finding.sentence": {"en": "{lead} {verdict}", "zh": "{lead}{verdict}"},
    "finding.sentence_caution": {"en": "{lead} {verdict} {caution}", "zh": "{lead}{verdict}{caution}"},
    "compare.summary": {
        "en": "{count} of {total} metrics differ significantly between {a} and {b} (Holm-adjusted p < 0.05); "
              "{matters} of them by at least the difference that matters in practice.",
        "zh": "{a} 与 {b} 之间，{total} 个指标中有 {count} 个存在显著差异（Holm 校正后 p < 0.05）；"
              "其中 {matters} 个的差异达到了有实际意义的幅度。",
    },
    "compare.summary_none": {
        "en": "None of the {total} metrics differs significantly between {a} and {b} (Holm-adjusted p < 0.05).",
        "zh": "{a} 与 {b} 之间 {total} 个指标均无显著差异（Holm 校正后 p < 0.05）。",
    },
    "compare.summary_untestable": {
        "en": "No metric can be tested between {a} and {b}: each group needs at least two answers.",
        "zh": "{a} 与 {b} 之间没有可以检验的指标：每个组至少需要两条回答。",
    },
    "compare.everyone_else": {"en": "everyone else", "zh": "其他所有人"},
    "compare.summary_all_formed": {
        "en": "Every metric of this file is a feature the personas were formed on, so they differ on all of them by "
              "construction: there is nothing left to test. Form the personas on other features (attributes, "
              "behaviour) to compare them on their ratings.",
        "zh": "此文件的每项指标都是划分用户画像所用的特征，因此画像在这些指标上必然不同，没有可检验的指标。"
              "请用其他特征（属性、行为）划分画像，再比较它们的评分。",
    },
    "compare.summary_empty": {
        "en": "This file has no metric to compare (no NPS, CSAT, CES, satisfied, conversion or touchpoint rating "
              "column); map one on the Data page.",
        "zh": "此文件没有可对比的指标（没有 NPS、CSAT、CES、满意、转化或触点评分列）；请在数据页面映射一列。",
    },

    # Three or more groups (analysis.compare_many)
    "test.chi_square_exact": {"en": "chi-square test, Monte Carlo exact p", "zh": "卡方检验（蒙特卡洛精确 p 值）"},
    "test.nps_chi_square": {"en": "chi-square test of promoters, passives and detractors",
                            "zh": "推荐者、被动者、贬损者构成的卡方检验"},
    "test.nps_chi_square_exact": {"en": "chi-square test of promoters, passives and detractors, Monte Carlo exact p",
                                  "zh": "推荐者、被动者、贬损者构成的卡方检验（蒙特卡洛精确 p 值）"},
    "test.welch_anova": {"en": "Welch's ANOVA", "zh": "Welch 方差分析"},
    "test.games_howell": {"en": "Games-Howell test", "zh": "Games-Howell 检验"},
    "kfinding.untestable": {
        "en": "{metric} can't be compared across the groups: fewer than two groups have enough answers.",
        "zh": "{metric}无法在各组之间比较：回答足够的组不到两个。",
    },
    "kfinding.none": {
        "en": "{metric} does not differ significantly between the {count} groups ({test}, {p}; Holm-adjusted {p_holm}).",
        "zh": "{count} 个组之间的{metric}无显著差异（{test}，{p}；Holm 校正后 {p_holm}）。",
    },
    "kfinding.overall_only": {
        "en": "{metric} differs across the {count} groups ({test}, {p}; Holm-adjusted {p_holm}), but no single pair of "
              "groups differs clearly once the pairs are adjusted.",
        "zh": "{count} 个组之间的{metric}整体上存在差异（{test}，{p}；Holm 校正后 {p_holm}），但经两两比较校正后，"
              "没有哪一对组存在明确差异。",
    },
    "kfinding.differ": {
        "en": "On {metric}, {statements}; {rest} ({test}, {p}; Holm-adjusted {p_holm}).",
        "zh": "在{metric}上，{statements}；{rest}（{test}，{p}；Holm 校正后 {p_holm}）。",
    },
    "kfinding.differ_all": {
        "en": "On {metric}, {statements} ({test}, {p}; Holm-adjusted {p_holm}).",
        "zh": "在{metric}上，{statements}（{test}，{p}；Holm 校正后 {p_holm}）。",
    },
    "kfinding.higher": {"en": "{group} is higher than {others}", "zh": "{group}高于{others}"},
    "kfinding.and": {"en": "{first} and {last}", "zh": "{first}和{last}"},
    "kfinding.then": {"en": "{first}; {next}", "zh": "{first}；{next}"},
    "kfinding.pair_alike": {"en": "{a} and {b} do not differ", "zh": "{a}与{b}之间无差异"},
    "kfinding.others_alike": {"en": "the other {count} pairs do not differ clearly",
                              "zh": "其余 {count} 对组之间无明确差异"},
    "kfinding.with_note": {"en": "{finding} {note}", "zh": "{finding}{note}"},
    "kfinding.left_out": {"en": "Left out for fewer than {minimum} answers: {groups}.",
                          "zh": "回答少于 {minimum} 条而未纳入：{groups}。"},
    "kcompare.personas": {"en": "personas", "zh": "用户画像"},
    "kcompare.summary": {
        "en": "Across {by} ({groups} groups), {count} of {total} metrics differ significantly (Holm-adjusted p < 0.05).",
        "zh": "在{by}的 {groups} 个组之间，{total} 个指标中有 {count} 个存在显著差异（Holm 校正后 p < 0.05）。",
    },
    "kcompare.summary_none": {
        "en": "Across {by} ({groups} groups), none of the {total} metrics differs significantly (Holm-adjusted "
              "p < 0.05).",
        "zh": "在{by}的 {groups} 个组之间，{total} 个指标均无显著差异（Holm 校正后 p < 0.05）。",
    },
    "kcompare.summary_untestable": {
        "en": "No metric can be tested across the groups of {by}: at least two groups need {minimum} answers or more.",
        "zh": "{by}的各组之间没有可检验的指标：至少需要两个组各有 {minimum} 条或更多回答。",
    },

    # Key drivers
    "drivers.model": {
        "en": "Together the {count} touchpoints explain {percent} of the variance in {outcome} (R² = {r2}, n = {n}).",
        "zh": "{count} 个触点共解释了{outcome} {percent} 的方差（R² = {r2}，n = {n}）。",
    },
    "drivers.model_binary": {
        "en": "Together the {count} touchpoints explain {percent} of the variance in {outcome} (R² = {r2}, n = {n}). "
              "{outcome} is a yes/no outcome, so this is a linear probability model: the weights are shares of R² "
              "and the p-values are approximate.",
        "zh": "{count} 个触点共解释了{outcome} {percent} 的方差（R² = {r2}，n = {n}）。{outcome}是“是/否”结果，"
              "因此这是线性概率模型：权重是 R² 的份额，p 值只是近似值。",
    },
    "drivers.rank_fix": {
        "en": "{touchpoint}: {share}% of the explained variance, yet scores only {score}/100: fix first.",
        "zh": "{touchpoint}：占已解释方差的 {share}%，但得分只有 {score}/100：优先改进。",
    },
    "drivers.rank": {
        "en": "{touchpoint}: {share}% of the explained variance, scores {score}/100 ({quadrant}).",
        "zh": "{touchpoint}：占已解释方差的 {share}%，得分 {score}/100（{quadrant}）。",
    },
    "drivers.rank_negative": {
        "en": "{touchpoint}: {share}% of the explained variance, but a negative driver: higher ratings go with a "
              "lower {outcome} when the other touchpoints are held fixed (standardised coefficient {beta}). Check "
              "the scale's direction before acting on it.",
        "zh": "{touchpoint}：占已解释方差的 {share}%，但它是负向驱动因素：在其他触点不变时，评分越高，{outcome}越低"
              "（标准化系数 {beta}）。请先核对该量表的方向再据此行动。",
    },
    "drivers.rank_suppressed": {
        "en": "{touchpoint}: {share}% of the explained variance; on its own it goes with a higher {outcome} "
              "(r = {r}), but with the other touchpoints held fixed its effect turns negative (standardised "
              "coefficient {beta}): it overlaps with them, so judge it together with them.",
        "zh": "{touchpoint}：占已解释方差的 {share}%；单独看它与更高的{outcome}相关（r = {r}），但在其他触点不变时其效应"
              "变为负（标准化系数 {beta}）：它与其他触点高度重叠，请与它们一起判断。",
    },
    "drivers.with_note": {"en": "{line} {note}", "zh": "{line}{note}"},
    "drivers.not_significant": {
        "en": "Its own effect is not significant ({p}).",
        "zh": "其独立效应不显著（{p}）。",
    },
    "drivers.dropped": {"en": "Left out of the model: {reasons}.", "zh": "未纳入模型：{reasons}。"},
    "drivers.dropped_one": {"en": "{touchpoint} ({reason})", "zh": "{touchpoint}（{reason}）"},
    "drivers.dropped_few": {"en": "answered by {share} of respondents", "zh": "只有 {share} 的受访者回答"},
    "drivers.dropped_constant": {"en": "no variation in its ratings", "zh": "评分没有差异"},
    "quadrant.negative": {"en": "negative driver", "zh": "负向驱动"},

    # Labels of the library's codes
    "format.qualtrics": {"en": "Qualtrics", "zh": "Qualtrics"},
    "format.surveymonkey": {"en": "SurveyMonkey", "zh": "SurveyMonkey"},
    "format.typeform": {"en": "Typeform", "zh": "Typeform"},
    "format.google_forms": {"en": "Google Forms", "zh": "Google 表单"},
    "format.generic": {"en": "Generic table", "zh": "通用表格"},
    "kind.survey": {"en": "Survey", "zh": "问卷"},
    "kind.feedback": {"en": "Feedback", "zh": "反馈"},
    "kind.transactions": {"en": "Transactions", "zh": "交易"},
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
    "problem.not_applicable": {"en": "Not applicable (0 or N/A)", "zh": "不适用（0 或 N/A）"},
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
    "metric.nps": {"en": "NPS", "zh": "NPS 净推荐值"},
    "metric.csat": {"en": "CSAT", "zh": "CSAT 满意度"},
    "metric.ces": {"en": "CES", "zh": "CES 费力度"},
    "metric.satisfied": {"en": "Satisfied share", "zh": "满意占比"},
    "emotion.angry": {"en": "angry", "zh": "愤怒"},
    "emotion.sad": {"en": "sad", "zh": "失望"},
    "emotion.neutral": {"en": "neutral", "zh": "平静"},
    "emotion.happy": {"en": "happy", "zh": "满意"},
    "emotion.excited": {"en": "excited", "zh": "惊喜"},
    "quadrant.fix_first": {"en": "fix first", "zh": "优先改进"},
    "quadrant.strengths": {"en": "strength", "zh": "优势"},
    "quadrant.maintain": {"en": "maintain", "zh": "保持"},
    "quadrant.low_priority": {"en": "low priority", "zh": "次要"},

    # Customer value and conversion tests
    "reason.missing_customer": {"en": "No customer ID", "zh": "缺少客户编号"},
    "reason.missing_invoice": {"en": "No invoice number", "zh": "缺少订单号"},
    "reason.bad_date": {"en": "Unreadable date", "zh": "无法识别的日期"},
    "reason.bad_number": {"en": "Unreadable quantity, price or amount", "zh": "无法识别的数量、单价或金额"},
    "reason.zero_quantity": {"en": "Quantity 0", "zh": "数量为 0"},
    "reason.non_positive_price": {"en": "Unit price 0 or below", "zh": "单价为 0 或负数"},
    "reason.zero_amount": {"en": "Amount 0", "zh": "金额为 0"},
    "reason.duplicate_line": {"en": "Exact duplicate of an earlier line", "zh": "与前面某一行完全相同的重复行"},
    "reason.returns_only": {"en": "Only returns, no purchase in the export",
                            "zh": "只有退货，导出中没有购买"},
    "clv.lifespan_floor": {
        "en": "CLV assumes customers stay at least one year: the purchases in this export span {days} days and "
              "customers bought over {tenure} days on average, too short to measure how long customers stay, so "
              "the expected lifespan is set to one year and CLV is about one year of value, not a lifetime.",
        "zh": "CLV 假设客户至少留存一年：本导出中的购买跨度为 {days} 天，客户平均购买跨度为 {tenure} 天，"
              "不足以衡量客户能留存多久，因此预期生命周期按一年计，CLV 约为一年的价值，而不是终身价值。",
    },
    "clv.frequency_floor": {
        "en": "{count} of {customers} customers bought over less than a year; their purchase frequency counts "
              "their orders as one year's orders, not as a rate projected from a shorter period.",
        "zh": "{customers} 位客户中有 {count} 位的购买跨度不足一年；其购买频次把这些订单算作一年的订单，"
              "而不是由更短时期外推的速率。",
    },
    "clv.interval_skewed": {
        "en": "Customer value is very skewed here (skewness {skewness}: a few customers hold much of it) and there "
              "are {customers} customers, so the interval is likely too narrow: a sample this small often misses "
              "the rare large customers. On resampled retail customers a 95% interval from 50 customers covered "
              "the true mean 73% of the time; from 500, 94%.",
        "zh": "此处客户价值高度偏斜（偏度 {skewness}：少数客户占了很大一部分）且只有 {customers} 位客户，因此区间很可能"
              "过窄：这么小的样本常常漏掉少见的大客户。在重抽样的零售客户上，由 50 位客户算出的 95% 区间只有 73% 的"
              "时候覆盖真实均值；由 500 位客户算出的为 94%。",
    },
    "clv.revenue_floor": {
        "en": "Returns exceeded purchases for {count} of {customers} customers in this export ({amount} more "
              "returned than bought, probably goods bought before the export began); their net revenue and CLV "
              "count as 0.",
        "zh": "{customers} 位客户中有 {count} 位在本导出中的退货超过购买（退货比购买多 {amount}，可能是导出开始前"
              "所购商品的退货）；其净收入和 CLV 按 0 计。",
    },

    # Ingestion (roles, validation)
    "problem.swallowed_lines": {
        "en": "Lines swallowed by an unclosed quote (examples: row: first swallowed line)",
        "zh": "未闭合的引号吞并了后面的行（示例：行号：第一条被吞并的行）",
    },
    "problem.non_integer": {"en": "Not a whole number (NPS is 0–10)", "zh": "不是整数（NPS 为 0–10）"},
    "problem.preview_response": {"en": "Survey preview", "zh": "问卷预览"},
    "problem.test_response": {"en": "Test response", "zh": "测试回答"},
    "problem.spam_response": {"en": "Marked as spam", "zh": "被标记为垃圾回答"},
    "problem.unfinished_response": {"en": "Unfinished response", "zh": "未完成的回答"},
    "error.template.not_json": {
        "en": "{file} is not a JSON file; upload a mapping template downloaded from the Data page.",
        "zh": "{file} 不是 JSON 文件；请上传从“数据”页下载的映射模板。",
    },
    "error.template.not_template": {
        "en": "{file} is JSON but not a Journey Lens mapping template; upload a template downloaded from the Data page.",
        "zh": "{file} 是 JSON，但不是 Journey Lens 映射模板；请上传从“数据”页下载的模板。",
    },
    "error.template.bad_column": {
        "en": "{file}: column {column} of the template has no known role; fix or remove it and upload it again.",
        "zh": "{file}：模板中的列 {column} 没有可识别的角色；请修正或删除后重新上传。",
    },
    "error.template.bad_field": {
        "en": "{file}: column {column} of the template has a {field} of the wrong kind; fix it and upload it again.",
        "zh": "{file}：模板中列 {column} 的 {field} 类型不对；请修正后重新上传。",
    },
    "error.template.no_name": {
        "en": "A mapping template needs a name; type one and save again.",
        "zh": "映射模板需要名称；请输入名称后再保存。",
    },
    "error.mapping.bad_words": {
        "en": "{file}: the words of column {column} must be written as word=number separated by semicolons (for "
              "example Poor=1; Good=3), but {part} is not; fix it in the mapping.",
        "zh": "{file}：列 {column} 的文字取值必须写成“文字=数字”，用分号分隔（例如 差=1; 好=3），但 {part} 不是；"
              "请在映射中修改。",
    },
    "error.mapping.outcome_not_two_valued": {
        "en": "{file}: column {column} has {count} different answers ({examples}, …), so it cannot be a yes/no "
              "outcome, which has two; map it as text or an attribute instead.",
        "zh": "{file}：列 {column} 有 {count} 种不同的回答（{examples}……），不能作为只有两种回答的是/否结果；"
              "请改为文本或属性。",
    },
    "error.mapping.not_a_rating": {
        "en": "{file}: column {column} holds values from {low} to {high}, which is not a rating scale (whole "
              "numbers at most 200 apart, such as 1-5, 0-10, 0-100 or -100 to 100); map it as an attribute or behaviour "
              "instead.",
        "zh": "{file}：列 {column} 的取值从 {low} 到 {high}，不是评分量表（整数且跨度不超过 200，例如 1-5、0-10、"
              "0-100 或 -100 到 100）；请改为属性或行为。",
    },
    "error.mapping.bad_outcome_words": {
        "en": "{file}: the words of yes/no column {column} must be written as answer=yes or answer=no separated by "
              "semicolons (for example 1=no; 2=yes), but {part} is not; fix it in the mapping.",
        "zh": "{file}：是/否列 {column} 的文字取值必须写成“答案=yes”或“答案=no”，用分号分隔（例如 1=no; 2=yes），"
              "但 {part} 不是；请在映射中修改。",
    },
    "note.ces_higher_easier": {
        "en": "Higher = easier: the question asks how easy it was.",
        "zh": "分数越高越容易：题目问的是容易程度。",
    },
    "note.ces_higher_effort": {
        "en": "Higher = more effort: the question asks about effort or difficulty.",
        "zh": "分数越高越费力：题目问的是费力或困难程度。",
    },
    "note.ces_labels_higher_easier": {
        "en": "Higher = easier, as the answer labels say.",
        "zh": "分数越高越容易，依据选项文字。",
    },
    "note.ces_labels_higher_effort": {
        "en": "Higher = more effort, as the answer labels say.",
        "zh": "分数越高越费力，依据选项文字。",
    },
    "note.ces_direction_unknown": {
        "en": "Neither the question's wording nor the answer labels say whether higher means easier; read as "
              "easier. Check the questionnaire and tick Reverse if higher means more effort.",
        "zh": "题目措辞和选项文字都没有说明分数越高是否越容易；暂按越容易处理。请核对问卷，若分数越高越费力请勾选“反向”。",
    },
    "note.ces_header_higher_easier": {
        "en": "Higher = easier, as the anchors in the header say.",
        "zh": "分数越高越容易，依据列名中的刻度说明。",
    },
    "note.ces_header_higher_effort": {
        "en": "Higher = more effort, as the anchors in the header say.",
        "zh": "分数越高越费力，依据列名中的刻度说明。",
    },
    "note.scale_reversed_header": {
        "en": "Higher = worse, as the anchors in the header say (“1 = very satisfied”); read reversed.",
        "zh": "分数越高越差，依据列名中的刻度说明（如“1=非常满意”）；已按反向读取。",
    },
    "note.scale_reversed_labels": {
        "en": "Higher = worse, as the answer labels say; read reversed.",
        "zh": "分数越高越差，依据选项文字；已按反向读取。",
    },
    "note.outcome_coding_header": {
        "en": "Which answer means yes is read from the header (see Words).",
        "zh": "哪个答案表示“是”取自列名（见“文字取值”）。",
    },
    "note.outcome_coding_labels": {
        "en": "Which answer means yes is read from the answer labels (see Words).",
        "zh": "哪个答案表示“是”取自选项文字（见“文字取值”）。",
    },
    "note.outcome_coding_assumed": {
        "en": "The export does not say which number means yes; 1 is read as yes. Check the questionnaire and "
              "write the coding in Words (for example 1=no; 2=yes).",
        "zh": "导出文件没有说明哪个数字表示“是”；暂按 1 = 是 读取。请核对问卷，并在“文字取值”中写明（例如 1=no; 2=yes）。",
    },
    "note.scale_from_header": {"en": "Scale taken from the header.", "zh": "量表取自列名。"},
    "note.scale_from_labels": {"en": "Scale widened to every labelled answer (a rating label answered once is still "
                                     "an end of the scale).",
                               "zh": "量表已扩展到所有带标签的答案（只出现一次的评分标签仍是量表的一端）。"},
    "note.words_shared": {
        "en": "Read as another column with the same answers (its words were shared).",
        "zh": "与答案相同的另一列读法一致（共用了其文字取值）。",
    },
    "note.from_template": {
        "en": "Reading taken from the mapping template.",
        "zh": "读法取自映射模板。",
    },
    "note.words_read": {
        "en": "Answer words read as numbers (see Words).",
        "zh": "文字答案按数字读取（见“文字取值”）。",
    },
    "note.zero_not_applicable": {"en": "0 read as not applicable.", "zh": "0 按“不适用”处理。"},
    "note.scale_inferred": {
        "en": "Scale filled in from the answers after the role was changed.",
        "zh": "更改角色后，量表根据答案自动补全。",
    },
    "note.response_screening": {
        "en": "Survey-tool metadata: previews, tests, spam and unfinished responses are set aside.",
        "zh": "问卷工具的元数据：预览、测试、垃圾和未完成的回答会被排除。",
    },
    "note.blank_not_chosen": {
        "en": "Multi-select option: a blank means not chosen.",
        "zh": "多选题选项：空白表示未选择。",
    },
    # Limits on what is read
    "error.limit.bytes": {
        "en": "{file}: the file is {found} MB, more than the limit of {limit} MB; to read it, set the environment "
              "variable {variable} to a higher number of MB.",
        "zh": "{file}：文件大小为 {found} MB，超过了 {limit} MB 的上限；如需读取，请把环境变量 {variable} 设为更大的 MB 数。",
    },
    "error.limit.columns": {
        "en": "{file}: the table has at least {found} columns, more than the limit of {limit}; to read it, set the "
              "environment variable {variable} to a higher number.",
        "zh": "{file}：表格至少有 {found} 列，超过了 {limit} 列的上限；如需读取，请把环境变量 {variable} 设为更大的数。",
    },
    "error.limit.cells": {
        "en": "{file}: the file holds at least {found} cells, more than the limit of {limit}; to read it, set the "
              "environment variable {variable} to a higher number.",
        "zh": "{file}：文件至少有 {found} 个单元格，超过了 {limit} 个的上限；如需读取，请把环境变量 {variable} 设为更大的数。",
    },
    "error.limit.text": {
        "en": "{file}: the cells hold at least {found} MB of text, more than the limit of {limit} MB; to read it, set "
              "the environment variable {variable} to a higher number of MB.",
        "zh": "{file}：单元格中的文字至少有 {found} MB，超过了 {limit} MB 的上限；如需读取，请把环境变量 {variable} 设为更大的 MB 数。",
    },
    "error.limit.setting": {
        "en": "The environment variable {variable} is {value}, not a whole number above 0; set it to one, or unset it "
              "to use the default.",
        "zh": "环境变量 {variable} 的值为 {value}，不是大于 0 的整数；请改为整数，或删除它以使用默认值。",
    },
    "error.file.not_regular": {
        "en": "{file}: not a regular file (a device, pipe or socket); save the export as a file and open that.",
        "zh": "{file}：不是普通文件（而是设备、管道或套接字）；请把导出内容保存为文件后再打开。",
    },
    "error.file.too_deep": {
        "en": "{file}: the JSON is nested too deeply to read; export the responses as a flat list of records.",
        "zh": "{file}：JSON 嵌套层级太深，无法读取；请把回答导出为扁平的记录列表。",
    },

    # The store: saved projects and share links
    "error.store.failed": {
        "en": "The project store {store} could not be read or written ({reason}). Nothing was saved; check that "
              "its disk has space and can be written, or name another store with JOURNEY_LENS_STORE.",
        "zh": "无法读写项目存储 {store}（{reason}），未保存任何内容；请检查其所在磁盘是否有空间、是否可写，"
              "或用 JOURNEY_LENS_STORE 指定另一个存储。",
    },
    "error.store.unreachable": {
        "en": "The project store {store} cannot be opened ({reason}); check the address (--store or "
              "JOURNEY_LENS_STORE) and that the database is running.",
        "zh": "无法打开项目存储 {store}（{reason}）；请检查地址（--store 或 JOURNEY_LENS_STORE）以及数据库是否在运行。",
    },
    "error.store.newer_schema": {
        "en": "The project store is at schema version {found}, newer than this Journey Lens knows ({known}); "
              "update Journey Lens to open it.",
        "zh": "项目存储的结构版本为 {found}，比当前 Journey Lens 支持的版本（{known}）更新；请升级 Journey Lens 后再打开。",
    },
    "error.store.project_exists": {"en": "A project named {project} already exists; choose another name.",
                                   "zh": "已有名为 {project} 的项目；请换一个名称。"},
    "error.store.no_project": {"en": "There is no project {project} in the store; check its name.",
                               "zh": "存储中没有项目 {project}；请检查名称。"},
    "error.name.invisible": {"en": "The {what} holds an invisible or direction-changing character ({character}), "
                                   "which lets one name pass for another; type the name again without it.",
                             "zh": "{what}中含有不可见或改变文字方向的字符（{character}），会让一个名称冒充另一个；"
                                   "请去掉该字符后重新输入。"},
    "error.name.empty": {"en": "The {what} is empty: type a name.", "zh": "{what}为空：请输入名称。"},
    "error.name.control": {"en": "The {what} holds an invisible control character ({character}); type it again "
                                 "without it.",
                           "zh": "{what}中含有不可见的控制字符（{character}）；请去掉后重新输入。"},
    "warning.name.looks_like": {"en": "Note: {name} looks like {other}, which already exists; check that a new "
                                      "one is meant.",
                                "zh": "注意：{name} 看起来与已有的 {other} 很像；请确认确实需要一个新的。"},
    "name.project": {"en": "project name", "zh": "项目名称"},
    "name.view": {"en": "view name", "zh": "视图名称"},
    "name.persona": {"en": "persona name", "zh": "用户画像名称"},
    "name.note": {"en": "note", "zh": "批注"},
    "name.title": {"en": "title", "zh": "标题"},
    "error.name.too_long": {"en": "The {what} {name} is longer than {longest} characters; shorten it.",
                            "zh": "{what} {name} 超过 {longest} 个字符；请缩短。"},
    "error.store.read_only": {"en": "This project was opened with a view link, which cannot change it; ask for "
                                    "the edit link.",
                              "zh": "此项目通过只读链接打开，无法修改；如需编辑，请索取编辑链接。"},
    "error.store.link_revoked": {"en": "This link has been revoked or replaced; ask the project's owner for a "
                                       "new one.",
                                 "zh": "此链接已被撤销或替换；请向项目负责人索取新链接。"},
    "error.store.bad_role": {"en": "{role} is not a link role; use edit or view.",
                             "zh": "{role} 不是链接类型；请使用 edit（编辑）或 view（只读）。"},
    "error.store.no_item": {"en": "There is no {item} {id} in this project.", "zh": "此项目中没有编号为 {id} 的{item}。"},
    "store.item.pin": {"en": "pin", "zh": "图钉"},
    "store.item.note": {"en": "note", "zh": "笔记"},
    "error.store.no_dataset": {"en": "This project has no dataset version {version}; publish a file first.",
                               "zh": "此项目没有数据集版本 {version}；请先发布文件。"},
    "error.store.pin_kind": {"en": "{kind} is not a kind of pin; use chart or table.",
                             "zh": "{kind} 不是图钉类型；请使用 chart（图表）或 table（表格）。"},
    "error.store.pin_order": {"en": "The new order must name each of the project's pins exactly once.",
                              "zh": "新的顺序必须恰好包含此项目的每个图钉一次。"},
    "error.store.retention": {"en": "{variable} is {value}; set it to a whole number of days (0 or unset keeps "
                                    "projects until they are deleted).",
                              "zh": "{variable} 的值为 {value}；请设为整数天数（设为 0 或不设置则项目一直保留，直到被删除）。"},
    "error.store.older_than": {"en": "--older-than must be a whole number of days, 1 or more; {value} is not.",
                               "zh": "--older-than 必须是不小于 1 的整数天数；{value} 不符合。"},
    "error.store.no_retention": {"en": "Say how old is too old: give --older-than DAYS or set "
                                       "JOURNEY_LENS_RETENTION_DAYS.",
                                 "zh": "请指定多久算过期：使用 --older-than 天数，或设置 JOURNEY_LENS_RETENTION_DAYS。"},
    "store.held": {"en": "{what}: {count}", "zh": "{what}：{count}"},
    "store.held.nothing": {"en": "no files, settings, pins or links", "zh": "没有文件、设置、图钉或链接"},
    "store.table.datasets": {"en": "file versions", "zh": "文件版本"},
    "store.table.settings": {"en": "setting versions", "zh": "设置版本"},
    "store.table.classifiers": {"en": "trained classifiers", "zh": "已训练的分类器"},
    "store.table.views": {"en": "saved views", "zh": "已保存的视图"},
    "store.table.pins": {"en": "pins", "zh": "图钉"},
    "store.table.notes": {"en": "notes", "zh": "笔记"},
    "store.table.links": {"en": "share links", "zh": "分享链接"},

    # The executive summary (analysis.briefing)
    "summary.title": {"en": "Summary", "zh": "摘要"},
    "summary.interval": {"en": "95% CI {low} to {high}", "zh": "95% 置信区间 {low} 至 {high}"},
    "summary.headline": {"en": "{metric} is {value} ({interval}, n = {n}).",
                         "zh": "{metric}为 {value}（{interval}，n = {n}）。"},
    "summary.headline_small": {"en": "{metric} is {value} ({interval}), from only {n} answers: read it with care.",
                               "zh": "{metric}为 {value}（{interval}），仅基于 {n} 份回答，请谨慎解读。"},
    "summary.lost": {
        "en": "Customers rate {touchpoint} ({stage}) lowest of {count} touchpoints: {score} of 100 ({interval}, n = {n}), "
              "its interval wholly below every other's; all ratings average {overall}.",
        "zh": "在 {count} 个触点中，客户对{touchpoint}（{stage}）的评分最低：{score}/100（{interval}，n = {n}），"
              "其区间完全低于其余每个触点的区间；全部评分平均为 {overall}。",
    },
    "summary.lost_unclear": {
        "en": "{touchpoint} ({stage}) has the lowest point estimate of {count} touchpoints, {score} of 100 ({interval}, "
              "n = {n}), but its interval overlaps the intervals of {overlapping} of the other {others}, so it is not "
              "clearly the lowest; all "
              "ratings average {overall}.",
        "zh": "在 {count} 个触点中，{touchpoint}（{stage}）的点估计最低，为 {score}/100（{interval}，n = {n}），但其区间与"
              "其余 {others} 个触点中 {overlapping} 个的区间重叠，不能断定它最低；全部评分平均为 {overall}。",
    },
    "summary.with_note": {"en": "{sentence} {note}", "zh": "{sentence}{note}"},
    "summary.small_left_out": {"en": "{count} touchpoints rated by fewer than 30 are left out.",
                               "zh": "评分少于 30 份的 {count} 个触点未计入。"},
    "summary.small_caution": {"en": "Fewer than 30 rated it: read with care.", "zh": "评分少于 30 份，请谨慎解读。"},
    "summary.said": {"en": "At the {stage} stage, {share} of {n} comments are negative ({interval}).",
                     "zh": "在{stage}阶段，{n} 条评论中 {share} 为负面（{interval}）。"},
    "summary.said_term": {
        "en": "At the {stage} stage, {share} of {n} comments are negative ({interval}); the term that most sets them "
              "apart is {term}.",
        "zh": "在{stage}阶段，{n} 条评论中 {share} 为负面（{interval}）；最能区分负面评论的词是{term}。",
    },
    "summary.changed": {
        "en": "{metric} went from {before} in {previous} (n = {n_before}) to {after} in {latest} (n = {n_after}), "
              "{change} {unit}: a significant change ({test}, {p}).",
        "zh": "{metric}从{previous}的 {before}（n = {n_before}）变为{latest}的 {after}（n = {n_after}），变化 {change} {unit}，"
              "变化显著（{test}，{p}）。",
    },
    "summary.changed_not": {
        "en": "{metric} went from {before} in {previous} (n = {n_before}) to {after} in {latest} (n = {n_after}), "
              "{change} {unit}: not a significant change ({test}, {p}).",
        "zh": "{metric}从{previous}的 {before}（n = {n_before}）变为{latest}的 {after}（n = {n_after}），变化 {change} {unit}，"
              "变化不显著（{test}，{p}）。",
    },
    "summary.period.day": {"en": "{date}", "zh": " {date} "},
    "summary.period.week": {"en": "the week of {date}", "zh": " {date} 起的一周"},
    "summary.period.month": {"en": "{date}", "zh": " {date} "},
    "summary.differs": {
        "en": "Of the groups that differ significantly from everyone else on {metric}, {group} ({column}) differs most: "
              "{value} (n = {n}) against {rest} (n = {n_rest}); {test}, Holm-adjusted {p_holm} over {count} group tests.",
        "zh": "在{metric}上与其他人有显著差异的群体中，{group}（{column}）差异最大：{value}（n = {n}），其他人为 {rest}"
              "（n = {n_rest}）；{test}，经 Holm 校正 {p_holm}（共检验 {count} 个群体）。",
    },
    "summary.differs_none": {
        "en": "No group differs significantly from everyone else on {metric} ({count} groups in {columns} columns "
              "tested, Holm-adjusted).",
        "zh": "在{metric}上，没有任何群体与其他人有显著差异（检验了 {columns} 个分组列中的 {count} 个群体，经 Holm 校正）。",
    },

    # The HTML report
    "report.title": {"en": "Journey Lens report", "zh": "Journey Lens 报告"},
    "report.generated": {"en": "Generated on {date}", "zh": "生成日期：{date}"},
    "report.empty": {"en": "Nothing has been pinned yet.", "zh": "尚未固定任何内容。"},
    "report.chart_failed": {"en": "This chart could not be drawn.", "zh": "此图表无法绘制。"},
    "report.metrics": {"en": "{file}: headline metrics", "zh": "{file}：核心指标"},
    "report.rows": {"en": "Responses read", "zh": "读取的回答"},
    "report.rows_used": {"en": "Responses used", "zh": "使用的回答"},
    "report.column.measure": {"en": "Measure", "zh": "指标"},
    "report.column.value": {"en": "Value", "zh": "数值"},
    "report.column.interval": {"en": "95% interval", "zh": "95% 置信区间"},
    "report.column.n": {"en": "n", "zh": "样本量 n"},
    "report.column.stage": {"en": "Stage", "zh": "阶段"},
    "report.column.touchpoint": {"en": "Touchpoint", "zh": "触点"},
    "report.column.top2": {"en": "% top ratings", "zh": "最高评分占比 %"},
    "report.touchpoints": {
        "en": "{file}: {touchpoint} has the fewest top ratings ({share}%) of {count} touchpoints",
        "zh": "{file}：在 {count} 个触点中，{touchpoint} 的最高评分占比最低（{share}%）",
    },

    # Command line: report, publish, links
    "cli.report": {"en": "Wrote {out}: {sections} sections from {files}.", "zh": "已写入 {out}：{sections} 个部分，来自 {files}。"},
    "cli.published": {"en": "Published as version {version} of project {project}.",
                      "zh": "已发布为项目 {project} 的第 {version} 版。"},
    "cli.published.same": {"en": "The same file is already version {version} of project {project}; nothing added.",
                           "zh": "同一文件已是项目 {project} 的第 {version} 版；未新增内容。"},
    "cli.links.earlier": {"en": "The project's links were given when they were issued and still work; to get new "
                                "ones, publish with --new-links.",
                          "zh": "项目的链接已在签发时提供，仍然有效；如需新链接，请加 --new-links 重新发布。"},
    "cli.links.new": {"en": "New {role} link: {url}", "zh": "新的{role}链接：{url}"},
    "cli.links.revoked": {"en": "The {role} link is revoked.", "zh": "{role}链接已撤销。"},
    "cli.links.active": {"en": "{role} link: active, issued {since}", "zh": "{role}链接：有效，签发于 {since}"},
    "cli.links.none": {"en": "{role} link: none active", "zh": "{role}链接：无有效链接"},
    "store.role.edit": {"en": "edit", "zh": "编辑"},
    "store.role.view": {"en": "view", "zh": "只读"},
    "cli.deleted": {"en": "Deleted project {project} and everything it held ({held}).",
                    "zh": "已删除项目 {project} 及其全部内容（{held}）。"},
    "cli.delete.would": {"en": "Would delete project {project} and everything it holds ({held}).",
                         "zh": "将删除项目 {project} 及其全部内容（{held}）。"},
    "cli.purged": {"en": "Removed project {project}, last changed or opened {touched} ({held}).",
                   "zh": "已移除项目 {project}，最后修改或打开于 {touched}（{held}）。"},
    "cli.purge.would": {"en": "Would remove project {project}, last changed or opened {touched} ({held}).",
                        "zh": "将移除项目 {project}，最后修改或打开于 {touched}（{held}）。"},
    "cli.purge.none": {"en": "No project has gone {days} days without being changed or opened; nothing to remove.",
                       "zh": "没有超过 {days} 天未修改或打开的项目；无需移除。"},
    "cli.dry_run": {"en": "Dry run: nothing was changed.", "zh": "演练：未做任何更改。"},

    # Banner tables (analysis.crosstab)
    "crosstab.question": {"en": "Question", "zh": "问题"},
    "crosstab.measure": {"en": "Measure", "zh": "指标"},
    "crosstab.total": {"en": "Total", "zh": "总计"},
    "crosstab.letters": {"en": "sig.", "zh": "显著"},
    "crosstab.base": {"en": "Base (n)", "zh": "样本量 (n)"},
    "crosstab.effective_base": {"en": "Effective base", "zh": "有效样本量"},
    "crosstab.measure.top_box_1": {"en": "Top box %", "zh": "最高档占比 %"},
    "crosstab.measure.top_box_2": {"en": "Top-2 box %", "zh": "前两档占比 %"},
    "crosstab.measure.mean": {"en": "Mean", "zh": "均值"},
    "crosstab.measure.mean_reversed": {"en": "Mean (lower is better)", "zh": "均值（越低越好）"},
    "crosstab.measure.nps": {"en": "NPS", "zh": "NPS"},
    "crosstab.measure.answer": {"en": "{answer} (%)", "zh": "{answer}（%）"},
    "crosstab.note.letters": {
        "en": "Letters: the value is significantly higher ({confidence}% confidence, two-sided) than in the columns "
              "of the same banner whose letters it carries; Total is not tested.",
        "zh": "字母：该值显著高于（{confidence}% 置信度，双侧）同一横幅中所标字母对应的列；总计列不参与检验。",
    },
    "crosstab.note.tests": {
        "en": "Tests: shares by the two-proportion z test (pooled), means by Welch's t test, NPS by the z test on the "
              "adjusted-Wald NPS with the multinomial variance of the difference.",
        "zh": "检验：占比用双比例 z 检验（合并方差），均值用 Welch t 检验，NPS 用调整 Wald NPS 的 z 检验"
              "（差值采用多项分布方差）。",
    },
    "crosstab.note.correction.holm": {
        "en": "Multiple comparisons: p-values adjusted by Holm's method over the pairs of columns of each row and "
              "banner.",
        "zh": "多重比较：在每一行、每个横幅的列两两比较中，用 Holm 法调整 p 值。",
    },
    "crosstab.note.correction.bonferroni": {
        "en": "Multiple comparisons: p-values adjusted by Bonferroni's method over the pairs of columns of each row "
              "and banner.",
        "zh": "多重比较：在每一行、每个横幅的列两两比较中，用 Bonferroni 法调整 p 值。",
    },
    "crosstab.note.correction.bh": {
        "en": "Multiple comparisons: p-values adjusted by the Benjamini-Hochberg method (false discovery rate) over "
              "the pairs of columns of each row and banner.",
        "zh": "多重比较：在每一行、每个横幅的列两两比较中，用 Benjamini-Hochberg 法（错误发现率）调整 p 值。",
    },
    "crosstab.note.correction.none": {
        "en": "Multiple comparisons: p-values not adjusted; with many pairs, about 1 in 20 pairs that do not differ "
              "still gets a letter.",
        "zh": "多重比较：p 值未调整；比较的列对较多时，约每 20 对无差异的列中仍会有 1 对被标上字母。",
    },
    "crosstab.note.weighted": {
        "en": "Weighted by {source}: values are weighted, and tests and low-base flags use each cell's effective "
              "base (Kish: (Σw)² / Σw²), shown after the base.",
        "zh": "按 {source} 加权：数值为加权值，检验和低样本标记采用每个单元格的有效样本量（Kish：(Σw)² / Σw²），"
              "列在样本量之后。",
    },
    "crosstab.note.unweighted": {"en": "Unweighted.", "zh": "未加权。"},
    "crosstab.note.low_base": {
        "en": "* Base under {threshold} (effective base when weighted): read with care.",
        "zh": "* 样本量不足 {threshold}（加权时为有效样本量）：请谨慎解读。",
    },
    "error.crosstab.column_not_found": {
        "en": "{column} is not a column of the file; give the exact header (names are case-sensitive).",
        "zh": "{column} 不是文件中的列；请给出准确的列名（区分大小写）。",
    },
    "error.crosstab.not_a_row": {
        "en": "{column} is read as {role} and cannot be a row of a banner table; choose ratings, NPS, yes/no, "
              "categorical or multi-select columns.",
        "zh": "{column} 被识别为“{role}”，不能作为交叉表的行；请选择评分、NPS、是/否、分类或多选题的列。",
    },
    "error.crosstab.not_a_banner": {
        "en": "{column} is read as {role} and cannot be a banner; choose an attribute, the channel, a yes/no outcome "
              "or a numeric column (cut into bands).",
        "zh": "{column} 被识别为“{role}”，不能作为横幅；请选择属性、渠道、是/否结果或数值列（按区间划分）。",
    },
    "error.crosstab.banner_empty": {
        "en": "{column} has no value in the rows used, so it cannot be a banner; choose another column or widen the "
              "filters.",
        "zh": "{column} 在所用的行中没有取值，不能作为横幅；请选择其他列或放宽筛选。",
    },
    "error.crosstab.banner_too_many": {
        "en": "{column} has {count} different values, more than the {limit} a banner can show; choose a column with "
              "fewer categories.",
        "zh": "{column} 有 {count} 个不同取值，超过横幅可显示的 {limit} 个；请选择类别更少的列。",
    },
    "error.crosstab.too_many_answers": {
        "en": "{column} has {count} different answers, more than the {limit} a banner table shows as rows; choose a "
              "column with fewer answers.",
        "zh": "{column} 有 {count} 种不同答案，超过交叉表可作为行显示的 {limit} 种；请选择答案更少的列。",
    },
    "error.crosstab.no_rows": {"en": "No rows were chosen; choose at least one question.",
                               "zh": "没有选择行；请至少选择一个问题。"},
    "error.crosstab.no_banners": {"en": "No banner was chosen; choose at least one column to break the rows by.",
                                  "zh": "没有选择横幅；请至少选择一列来拆分各行。"},
    "error.crosstab.correction": {"en": "The correction {given} is unknown; use one of {known}.",
                                  "zh": "未知的校正方法 {given}；请使用以下之一：{known}。"},
    "cli.crosstab": {
        "en": "{file}: banner table of {rows} rows by {banners}: {cells} cells, {lettered} with letters.",
        "zh": "{file}：{rows} 行 × {banners} 的交叉表：{cells} 个单元格，其中 {lettered} 个带字母。",
    },
    "cli.crosstab_out": {"en": "Written to {out}.", "zh": "已写入 {out}。"},
    "error.cli.crosstab_out": {"en": "--out must end in .xlsx or .csv, not {given}.",
                               "zh": "--out 必须以 .xlsx 或 .csv 结尾，而不是 {given}。"},

    # Survey weights (analysis.weighting)
    "error.weight.column_not_found": {
        "en": "{column} is not a column of the file; give the exact header (names are case-sensitive).",
        "zh": "{column} 不是文件中的列；请给出准确的列名（区分大小写）。",
    },
    "error.weight.no_targets": {"en": "No weighting targets were given; set target shares for at least one column.",
                                "zh": "没有给出加权目标；请至少为一列设定目标占比。"},
    "error.weight.duplicate_target": {
        "en": "Column {column} has targets twice; give each column's shares once.",
        "zh": "列 {column} 的目标给了两次；每列的占比只需给一次。",
    },
    "error.weight.target_syntax": {
        "en": "The target {given} cannot be read; write it as COLUMN=CATEGORY:SHARE,CATEGORY:SHARE "
              "(for example Gender=Female:0.51,Male:0.49).",
        "zh": "无法读取目标 {given}；请写成 列名=类别:占比,类别:占比（例如 Gender=Female:0.51,Male:0.49）。",
    },
    "error.weight.duplicate_category": {
        "en": "The targets of {column} name {category} twice; give each category's share once.",
        "zh": "{column} 的目标中 {category} 出现了两次；每个类别的占比只需给一次。",
    },
    "error.weight.share_not_number": {
        "en": "The share of {category} in the targets of {column} is {given}, not a number; write it as 0.25 or 25%.",
        "zh": "{column} 的目标中 {category} 的占比为 {given}，不是数字；请写成 0.25 或 25%。",
    },
    "error.weight.share_not_positive": {
        "en": "The share of {category} in the targets of {column} is {share}; every share must be above 0 (leave "
              "out the respondents of a category that should not count, or merge it with a neighbour).",
        "zh": "{column} 的目标中 {category} 的占比为 {share}；每个占比都必须大于 0（不应计入的类别请先筛除其受访者，"
              "或与相邻类别合并）。",
    },
    "error.weight.shares_sum": {
        "en": "The target shares of {column} sum to {total}, not 1; correct them so they add up to 1 (or 100%).",
        "zh": "{column} 的目标占比之和为 {total}，而不是 1；请修正使其合计为 1（或 100%）。",
    },
    "error.weight.unlisted_category": {
        "en": "{rows} rows have a value of {column} that has no target: {categories} (the first at row {row}); "
              "add a share for each, or filter those rows out first.",
        "zh": "有 {rows} 行的 {column} 取值没有目标：{categories}（第一处在第 {row} 行）；请为每个取值给出占比，"
              "或先筛除这些行。",
    },
    "error.weight.empty_category": {
        "en": "No respondent has {column} = {categories}, so a target share for it cannot be met; merge it with a "
              "neighbouring category or drop it from the targets.",
        "zh": "没有受访者的 {column} 为 {categories}，其目标占比无法达到；请与相邻类别合并，或从目标中删去。",
    },
    "error.weight.band_syntax": {
        "en": "The targets of {column} mix bands and categories: {category} is not a band LOW..HIGH with LOW below "
              "HIGH (for example 18..35, or 65.. for 65 and over); write every category as a band.",
        "zh": "{column} 的目标混用了区间和类别：{category} 不是 LOW..HIGH 形式且 LOW 小于 HIGH 的区间"
              "（例如 18..35，或用 65.. 表示 65 及以上）；请把每个类别都写成区间。",
    },
    "error.weight.bands_overlap": {
        "en": "The bands {first} and {second} of {column} overlap; each value must fall in one band only.",
        "zh": "{column} 的区间 {first} 与 {second} 重叠；每个值只能落在一个区间内。",
    },
    "error.weight.edges": {
        "en": "{column} has {bands} bands but {shares} shares; give one share per band.",
        "zh": "{column} 有 {bands} 个区间，却给了 {shares} 个占比；请每个区间给一个占比。",
    },
    "error.weight.trim": {
        "en": "Trimming needs MIN,MAX with 0 <= MIN <= 1 <= MAX and MIN below MAX (weights relative to a mean of 1, "
              "for example 0.3,3), not {given}.",
        "zh": "截尾需要 MIN,MAX，且 0 <= MIN <= 1 <= MAX、MIN 小于 MAX（权重以均值 1 为基准，例如 0.3,3），"
              "而不是 {given}。",
    },
    "error.weight.no_convergence": {
        "en": "Raking did not converge in {iterations} passes: a weighted share still misses its target by {error} "
              "percentage points, so the targets cannot all be met together (two columns may split the same "
              "respondents in different shares); check the targets or weight on fewer columns.",
        "zh": "加权迭代 {iterations} 轮仍未收敛：仍有加权占比与目标相差 {error} 个百分点，这些目标无法同时满足"
              "（可能两列划分的是同一批受访者，却给了不同的占比）；请检查目标，或减少加权的列。",
    },
    "error.weight.no_valid_weights": {
        "en": "Column {column} holds no usable weight (a positive, finite number) in any row; choose the weight "
              "column of the file.",
        "zh": "列 {column} 中没有任何一行是可用的权重（有限的正数）；请选择文件中的权重列。",
    },
    "note.weight.trim_misses_targets": {
        "en": "Trimmed to {floor}–{cap}: the weights keep those bounds, and a weighted share now misses its target "
              "by up to {error} percentage points.",
        "zh": "已截尾至 {floor}–{cap}：权重保持在此范围内，加权占比与目标最多相差 {error} 个百分点。",
    },
    "reason.weight_missing": {"en": "No weight", "zh": "缺少权重"},
    "reason.weight_not_number": {"en": "Weight not a number", "zh": "权重不是数字"},
    "reason.weight_not_finite": {"en": "Weight not finite", "zh": "权重不是有限数"},
    "reason.weight_not_positive": {"en": "Weight 0 or below", "zh": "权重为 0 或负数"},
    "cli.weight": {
        "en": "{file}: {rows} rows weighted into {out} (column {column}); effective n {effective_n}, design effect "
              "{deff}, efficiency {efficiency}%, weights {low} to {high}; {iterations} raking passes.",
        "zh": "{file}：已为 {rows} 行加权并写入 {out}（列 {column}）；有效样本量 {effective_n}，设计效应 {deff}，"
              "加权效率 {efficiency}%，权重 {low} 至 {high}；迭代 {iterations} 轮。",
    },
    "cli.weight_margin": {"en": "{column} = {category}: {before}% → {after}% (target {target}%, n = {n})",
                          "zh": "{column} = {category}：{before}% → {after}%（目标 {target}%，n = {n}）"},
    "cli.weight_missing": {"en": "{column}: {count} rows without a value keep their weight on it",
                           "zh": "{column}：{count} 行无取值，在此列上保持原权重"},
    "cli.weighted_by": {
        "en": "Weighted by {column}: {rows} rows, effective n {effective_n}, design effect {deff}.",
        "zh": "按 {column} 加权：{rows} 行，有效样本量 {effective_n}，设计效应 {deff}。",
    },
}
