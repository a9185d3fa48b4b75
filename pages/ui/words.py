"""The words of the app's own widgets, in English and Simplified Chinese.

The library's codes (roles, stages, problems, errors, findings) have their words in
``analysis/messages.py``; :func:`t` looks a key up here first and then there, so a page asks
for either the same way. ``tests/test_i18n.py`` checks that both languages have every key with
the same ``{placeholders}``, that the UI uses no missing key and no key is unused.
"""
from __future__ import annotations

from analysis.messages import CODES, LANGUAGES, render

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", "\n": "line"}  # labelled by delimiter.<name>

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

    # Compare page: banner table (pages/ui/banner.py)
    "banner.title": {"en": "Banner table", "zh": "交叉表（横幅表）"},
    "banner.intro": {
        "en": "Questions down the side, banners across: each column's value and the letters of the columns of the "
              "same banner it is significantly higher than.",
        "zh": "问题在左侧，横幅在上方：每列显示数值，以及它显著高于同一横幅中哪些列的字母。",
    },
    "banner.rows": {"en": "Questions (rows)", "zh": "问题（行）"},
    "banner.banners": {"en": "Banners (columns)", "zh": "横幅（列）"},
    "banner.correction": {"en": "Multiple-comparison correction", "zh": "多重比较校正"},
    "banner.correction_help": {
        "en": "How the p-values of the pairs of columns of each row and banner are adjusted before letters are "
              "given. Holm keeps the chance of any false letter in a row under 5% and is the default.",
        "zh": "在标注字母之前，如何调整每一行、每个横幅中列两两比较的 p 值。Holm 法把一行中出现任何错误字母的概率"
              "控制在 5% 以内，为默认方法。",
    },
    "banner.correction.holm": {"en": "Holm", "zh": "Holm"},
    "banner.correction.bonferroni": {"en": "Bonferroni", "zh": "Bonferroni"},
    "banner.correction.bh": {"en": "Benjamini-Hochberg", "zh": "Benjamini-Hochberg"},
    "banner.correction.none": {"en": "No correction", "zh": "不校正"},
    "banner.pick": {"en": "Choose at least one question and one banner to build the table.",
                    "zh": "请至少选择一个问题和一个横幅来生成交叉表。"},
    "banner.working": {"en": "Building the banner table…", "zh": "正在生成交叉表…"},

    # Sentiment page
    "sentiment.source": {"en": "Texts to read", "zh": "要分析的文本"},
    "sentiment.source.feedback": {"en": "Feedback · {file} · {column}", "zh": "反馈 · {file} · {column}"},
    "sentiment.source.survey": {"en": "Survey comments · {file} · {column}", "zh": "问卷评论 · {file} · {column}"},
    "sentiment.no_text": {
        "en": "Neither file in use has a column of free text. Upload social or review feedback, or a survey with "
              "comments, on the Data page (or mark a column as text in its roles).",
        "zh": "当前使用的文件中都没有自由文本列。请在“数据”页上传社交或评论反馈，或带评论的问卷（或在列角色中把某列设为文本）。",
    },
    "sentiment.no_rows": {"en": "No text passes the sidebar filters.", "zh": "没有文本符合侧边栏的筛选条件。"},
    "sentiment.settings": {"en": "Engine and thresholds", "zh": "引擎与阈值"},
    "sentiment.engine": {"en": "Engine", "zh": "引擎"},
    "sentiment.engine_help": {
        "en": "Auto reads English with the English engine (VADER and TextBlob with customer-experience words, "
              "emoji and emoticons) and Chinese with the Chinese engine; TextBlob and VADER are the bare "
              "libraries, for comparison. Nothing is sent anywhere: every engine runs on this server.",
        "zh": "“自动”用英文引擎（VADER 与 TextBlob，加上客户体验词汇、表情符号）读英文，用中文引擎读中文；TextBlob 和 "
              "VADER 为原始库，供对比。所有引擎都在本服务器上运行，不向外发送任何内容。",
    },
    "sentiment.engine.auto": {"en": "Auto (by language)", "zh": "自动（按语言）"},
    "sentiment.engine.english": {"en": "English engine", "zh": "英文引擎"},
    "sentiment.engine.textblob": {"en": "TextBlob (bare)", "zh": "TextBlob（原始）"},
    "sentiment.engine.vader": {"en": "VADER (bare)", "zh": "VADER（原始）"},
    "sentiment.engine.chinese": {"en": "Chinese engine", "zh": "中文引擎"},
    "sentiment.text_lang": {"en": "Language of the texts", "zh": "文本语言"},
    "sentiment.text_lang.auto": {"en": "Detect per text", "zh": "逐条识别"},
    "sentiment.text_lang.en": {"en": "All English", "zh": "全部为英文"},
    "sentiment.text_lang.zh": {"en": "All Chinese", "zh": "全部为中文"},
    "sentiment.thresholds": {"en": "Neutral band of the score", "zh": "分数的中性区间"},
    "sentiment.thresholds_help": {
        "en": "Scores run from -1 (negative) to 1 (positive). Below the left handle a text is negative, above "
              "the right one positive, in between neutral. Changing them re-labels at once; nothing is scored again.",
        "zh": "分数从 -1（负面）到 1（正面）。低于左侧滑块为负面，高于右侧为正面，中间为中性。调整后立即重新标注，不会重新打分。",
    },
    "sentiment.scoring": {"en": "Reading {n} distinct texts…", "zh": "正在分析 {n} 条不同的文本……"},
    "sentiment.adapted": {
        "en": "The Chinese engine fitted itself to these {n} Chinese texts, without labels: it expects about {share} "
              "of them to be positive. The words it learnt from them did not pass its held-out check, so none are used.",
        "zh": "中文引擎已在不使用标签的情况下适配这 {n} 条中文文本：预计约 {share} 为正面。从中学到的领域词未通过留出检验，因此未使用。",
    },
    "sentiment.adapted_words": {
        "en": "The Chinese engine fitted itself to these {n} Chinese texts, without labels: it expects about {share} "
              "of them to be positive and uses {words} domain n-grams learnt from them (accuracy on its held-out "
              "check sentences {before} before, {after} after).",
        "zh": "中文引擎已在不使用标签的情况下适配这 {n} 条中文文本：预计约 {share} 为正面，并使用从中学到的 {words} 个领域词组"
              "（留出检验句准确率：适配前 {before}，适配后 {after}）。",
    },
    "sentiment.tile.read": {"en": "Texts read", "zh": "已分析文本"},
    "sentiment.tile.read_help": {
        "en": "Texts an engine could read (English, Chinese, or emoji). Shares below are of these.",
        "zh": "引擎能够读取的文本（英文、中文或表情符号）。下面的比例以此为基数。",
    },
    "sentiment.tile.negative": {"en": "Negative", "zh": "负面"},
    "sentiment.tile.positive": {"en": "Positive", "zh": "正面"},
    "sentiment.tile.undetected": {"en": "Undetected", "zh": "无法识别"},
    "sentiment.tile.undetected_help": {
        "en": "Empty texts, texts that are only a link or a mention, and languages no engine reads: counted "
              "apart, never as neutral.",
        "zh": "空文本、只有链接或 @ 的文本，以及引擎无法读取的语言：单独计数，不算作中性。",
    },
    "sentiment.languages": {"en": "Languages: {mix}.", "zh": "语言：{mix}。"},
    "sentiment.language.en": {"en": "English", "zh": "英文"},
    "sentiment.language.zh": {"en": "Chinese", "zh": "中文"},
    "sentiment.language.other": {"en": "other languages", "zh": "其他语言"},
    "sentiment.language.none": {"en": "no words", "zh": "无文字"},
    "sentiment.label": {"en": "Sentiment", "zh": "情感"},
    "sentiment.label.negative": {"en": "negative", "zh": "负面"},
    "sentiment.label.neutral": {"en": "neutral", "zh": "中性"},
    "sentiment.label.positive": {"en": "positive", "zh": "正面"},
    "sentiment.label.undetected": {"en": "undetected", "zh": "无法识别"},
    "sentiment.emotion": {"en": "Emotion", "zh": "情绪"},
    "sentiment.score": {"en": "Score", "zh": "分数"},
    "sentiment.share": {"en": "Share", "zh": "占比"},
    "sentiment.comment": {"en": "Comment", "zh": "评论"},
    "sentiment.language": {"en": "Language", "zh": "语言"},
    "sentiment.period": {"en": "Period", "zh": "时间段"},
    "sentiment.group": {"en": "Group", "zh": "分组"},
    "sentiment.term": {"en": "Term", "zh": "词语"},
    "sentiment.term_share_help": {"en": "Share of these comments that use the term.", "zh": "使用该词语的评论占比。"},
    "sentiment.term_z_help": {
        "en": "How strongly the term sets these comments apart from the others (a log-odds z score; above 2 is "
              "more than chance).",
        "zh": "该词语把这些评论与其他评论区分开的程度（对数几率 z 值；大于 2 即超出偶然）。",
    },
    "sentiment.term_n_help": {"en": "Comments that use the term.", "zh": "使用该词语的评论数。"},
    "sentiment.touchpoint": {"en": "Touchpoint (from the words)", "zh": "触点（根据词语）"},
    "sentiment.stage": {"en": "Journey stage (from the words)", "zh": "旅程阶段（根据词语）"},
    "sentiment.channel": {"en": "Channel", "zh": "渠道"},
    "sentiment.keywords": {"en": "Touchpoints in the comments", "zh": "评论中的触点"},
    "sentiment.keywords_help": {
        "en": "Each comment is tagged with the touchpoint whose keywords it mentions most, and so with that "
              "touchpoint's journey stage (as set on the Journey page). The lists start from the survey's "
              "touchpoint names, in English and Chinese; edit them, one touchpoint per line, or add lines of your own.",
        "zh": "每条评论会被标记到它提及关键词最多的触点，并由此归入该触点的旅程阶段（在“旅程”页设置）。关键词列表由问卷的触点名称"
              "生成，包含中英文；您可以逐行编辑（每行一个触点），也可以添加新行。",
    },
    "sentiment.keywords_label": {"en": "Keywords (touchpoint: keyword, keyword)", "zh": "关键词（触点：关键词，关键词）"},
    "sentiment.keywords_reset": {"en": "Back to keywords from the touchpoint names", "zh": "恢复为根据触点名称生成的关键词"},
    "sentiment.keywords_no_touchpoints": {
        "en": "The survey in use cannot be read or is a transaction export, so comments cannot be tagged to the "
              "journey. Check it on the Data page.",
        "zh": "当前问卷无法读取或是交易导出，因此无法把评论标记到旅程。请在“数据”页检查。",
    },
    "sentiment.keywords_topics": {
        "en": "The survey rates no touchpoint, so each comment is tagged to the common topic it mentions most "
              "(booking, staff, delivery, refund…), and so to that topic's journey stage. Edit the lists, one "
              "topic per line, or add lines of your own (for example your product's names).",
        "zh": "此问卷没有触点评分，因此每条评论会被标记到它提及最多的常见话题（预订、员工、配送、退款……），并由此归入该话题的"
              "旅程阶段。您可以逐行编辑列表（每行一个话题），也可以添加新行（例如您的产品名称）。",
    },
    "sentiment.tagged": {"en": "{n} of {total} comments ({share}%) mention a touchpoint.",
                         "zh": "{total} 条评论中有 {n} 条（{share}%）提及某个触点。"},
    "sentiment.axis.score": {"en": "Sentiment score (-1 to 1)", "zh": "情感分数（-1 到 1）"},
    "sentiment.axis.texts": {"en": "Texts", "zh": "文本数"},
    "sentiment.axis.share": {"en": "Share of texts (%)", "zh": "文本占比（%）"},
    "sentiment.axis.negative": {"en": "Negative (%)", "zh": "负面（%）"},
    "sentiment.chart.distribution": {"en": "{share}% of the texts read are negative",
                                     "zh": "已分析文本中 {share}% 为负面"},
    "sentiment.chart.emotions": {"en": "Most texts read as {emotion}", "zh": "多数文本的情绪为 {emotion}"},
    "sentiment.chart.emotions_none": {"en": "No text could be read", "zh": "没有可读取的文本"},
    "sentiment.over_time": {"en": "Over time", "zh": "随时间变化"},
    "sentiment.chart.trend": {"en": "Negative texts peaked in the period from {period} ({share}%)",
                              "zh": "负面文本在 {period} 起的时间段达到最高（{share}%）"},
    "sentiment.by_group": {"en": "Where it is most negative", "zh": "哪里最负面"},
    "sentiment.group_by": {"en": "Group by", "zh": "分组依据"},
    "sentiment.periods_dropped": {"en": "Texts in periods with fewer than {min} texts are left out of this chart: {n}.",
                                  "zh": "文本少于 {min} 条的时段（共 {n} 条文本）未画入此图。"},
    "sentiment.group_too_small": {"en": "No group has {n} or more texts read.", "zh": "没有分组包含 {n} 条及以上的已分析文本。"},
    "sentiment.chart.groups": {"en": "{group} has the largest share of negative texts ({share}%)",
                               "zh": "{group} 的负面文本占比最高（{share}%）"},
    "sentiment.terms": {"en": "In their words", "zh": "他们的原话"},
    "sentiment.terms_working": {"en": "Finding the words that set comments apart…", "zh": "正在找出区分评论的关键词……"},
    "sentiment.terms.negative": {"en": "Pain points: words of negative comments", "zh": "痛点：负面评论中的词语"},
    "sentiment.terms.positive": {"en": "Delights: words of positive comments", "zh": "亮点：正面评论中的词语"},
    "sentiment.terms_within": {"en": "Words of", "zh": "词语范围"},
    "sentiment.terms_all": {"en": "All comments", "zh": "全部评论"},
    "sentiment.terms_none": {"en": "No word stands out.", "zh": "没有突出的词语。"},
    "sentiment.examples": {"en": "Comments with “{term}” (pick a term above to see its comments)",
                           "zh": "包含“{term}”的评论（在上表中选择词语以查看评论）"},
    "sentiment.comments": {"en": "The strongest comments", "zh": "最强烈的评论"},
    "sentiment.comments.negative": {"en": "Most negative", "zh": "最负面"},
    "sentiment.comments.positive": {"en": "Most positive", "zh": "最正面"},
    "sentiment.train": {"en": "Learn from your labels", "zh": "从您的标注中学习"},
    "sentiment.train_help": {
        "en": "From a column of labels in the file (negative / neutral / positive, 0 / 1, or 1–5 stars), or from "
              "comments you check here, a classifier can learn this project's way of speaking. It is "
              "cross-validated first, the engine scored on the same folds, and used only if it beats the engine "
              "by more than one standard error of the difference; with too few labels to tell, the engine stays.",
        "zh": "根据文件中的标注列（负面 / 中性 / 正面、0 / 1 或 1–5 星），或您在此检查的评论，可以训练一个分类器来学习本项目的"
              "表达方式。它会先做交叉验证（引擎在相同的折上评估），只有领先引擎超过差值的一个标准误时才会被采用；"
              "标注不足以判断时继续使用引擎。",
    },
    "sentiment.train_column": {"en": "Label column", "zh": "标注列"},
    "sentiment.train_from": {"en": "Labels from", "zh": "标注来源"},
    "sentiment.train_from.column": {"en": "A column of the file", "zh": "文件中的列"},
    "sentiment.train_from.check": {"en": "Comments I check here", "zh": "我在此检查的评论"},
    "sentiment.check_size": {"en": "Comments to check", "zh": "要检查的评论数"},
    "sentiment.check_help": {
        "en": "A sample from the whole range of scores, with the engine's labels. Correct the ones it got wrong; "
              "every row shown counts as checked.",
        "zh": "从各个分数段抽取的样本，附引擎给出的标签。请更正判断错误的标签；显示的每一行都视为已检查。",
    },
    "sentiment.your_label": {"en": "Your label", "zh": "您的标注"},
    "sentiment.my_labels": {"en": "labels checked here", "zh": "在此检查的标注"},
    "sentiment.train_button": {"en": "Train and check", "zh": "训练并检验"},
    "sentiment.train_working": {"en": "Cross-validating: fold {done} of {total}…",
                                "zh": "正在交叉验证：第 {done} 折，共 {total} 折……"},
    "sentiment.train.scoring": {"en": "Reading every text with the trained model…", "zh": "正在用训练后的模型读取所有文本……"},
    "sentiment.train_use": {"en": "Use the trained model", "zh": "使用训练后的模型"},
    "sentiment.using_trained": {"en": "Labels below come from the model trained on your labels.",
                                "zh": "以下标签来自根据您的标注训练的模型。"},
    "sentiment.download": {"en": "Download the scored texts (CSV)", "zh": "下载打分后的文本（CSV）"},

    # Sentiment page: Themes (pages/ui/themes.py)
    "themes.title": {"en": "Themes: what the comments are about", "zh": "主题：评论在谈什么"},
    "themes.help": {
        "en": "Themes are found in the comments shown (stemmed words and phrases, latent semantic analysis, "
              "spherical k-means); the same comments and settings always give the same themes. Every comment is "
              "coded with its strongest theme and every theme it carries.",
        "zh": "主题从当前显示的评论中发现（词干与短语、潜在语义分析、球面 k 均值）；相同的评论和设置总是得到相同的主题。"
              "每条评论都被编码为其最强的主题，以及它涉及的所有主题。",
    },
    "themes.none": {"en": "No themes yet: choose k and press Discover themes.",
                    "zh": "尚无主题：请选择 k 并点击“发现主题”。"},
    "themes.none_viewer": {"en": "No themes have been found for these comments yet.",
                           "zh": "这些评论还没有发现主题。"},
    "themes.k": {"en": "Number of themes (k)", "zh": "主题数（k）"},
    "themes.k_help": {
        "en": "Automatic tries 2 to 12 themes and keeps the number whose themes are best separated (highest "
              "mean cosine silhouette).",
        "zh": "自动：尝试 2 到 12 个主题，保留主题区分最清楚（平均余弦轮廓系数最高）的数目。",
    },
    "themes.k_auto": {"en": "Automatic", "zh": "自动"},
    "themes.auto_chosen": {
        "en": "Automatic chose {k} themes: of 2 to {highest}, the number whose themes are best separated (highest "
              "mean cosine silhouette).",
        "zh": "自动选择了 {k} 个主题：在 2 到 {highest} 个之中，主题区分最清楚（平均余弦轮廓系数最高）的数目。",
    },
    "themes.auto_ceiling": {
        "en": "That is the most it tries: these comments keep separating into finer themes, so choose the number "
              "of themes for the detail you need.",
        "zh": "这是自动尝试的上限：这些评论还能不断细分为更小的主题，请按所需的细致程度自行选择主题数。",
    },
    "themes.discover": {"en": "Discover themes", "zh": "发现主题"},
    "themes.working": {"en": "Finding the themes…", "zh": "正在发现主题……"},
    "themes.no_terms": {"en": "These comments share too few words to find themes in.",
                        "zh": "这些评论共有的词语太少，无法发现主题。"},
    "themes.col.theme": {"en": "Theme", "zh": "主题"},
    "themes.col.terms": {"en": "Top terms", "zh": "主要词语"},
    "themes.col.n": {"en": "Comments", "zh": "评论数"},
    "themes.col.share": {"en": "Share of comments %", "zh": "评论占比 %"},
    "themes.col.negative": {"en": "Negative %", "zh": "负面占比 %"},
    "themes.col.examples": {"en": "Representative comments", "zh": "代表性评论"},
    "themes.col.stability": {"en": "Stability", "zh": "稳定性"},
    "themes.stability": {
        "en": "How well the themes hold up: {stable} of {tested} are stable and {dissolved} dissolve when the comments "
              "are grouped again on 20 random subsets of 80% of them, at most 800 each (a theme's stability is its "
              "mean Jaccard similarity with the closest group of a subset: stable from 0.75, dissolves below 0.5, "
              "Hennig 2007). Read a theme that dissolves (dashed in the chart) as loose talk rather than a topic, or "
              "choose fewer themes.",
        "zh": "主题是否稳定：在 20 个随机子集（80% 的评论，每个最多 800 条）上重新分组后，{tested} 个主题中 {stable} 个稳定，"
              "{dissolved} 个不稳定（主题的稳定性是它与子集中最接近的组的平均 Jaccard 相似度：0.75 及以上为稳定，低于 0.5 "
              "为不稳定，Hennig 2007）。不稳定的主题（图中虚线框）更像零散的说法而非话题，可以把它当作噪声，或选择更少的主题。",
    },
    "themes.no_clear": {
        "en": "No clear themes: none of the {tested} themes is stable when the comments are grouped again on random "
              "subsets (every stability below 0.75). These comments share little topic structure: read the themes "
              "as loose groupings, or try fewer themes.",
        "zh": "没有清晰的主题：在随机子集上重新分组后，{tested} 个主题没有一个稳定（稳定性都低于 0.75）。这些评论几乎"
              "没有共同的话题结构：请把这些主题当作松散的分组，或尝试更少的主题。",
    },
    "themes.col.p_adjusted": {"en": "p (Holm)", "zh": "p（Holm 校正）"},
    "themes.col.significant": {"en": "Significant", "zh": "显著"},
    "themes.col.z": {"en": "z negative vs positive", "zh": "z（负面对正面）"},
    "themes.col.previous": {"en": "Previous period %", "zh": "上一时段 %"},
    "themes.col.last": {"en": "Last period %", "zh": "最近时段 %"},
    "themes.col.change": {"en": "Change (points)", "zh": "变化（百分点）"},
    "themes.col.emerging": {"en": "Emerging", "zh": "新兴"},
    "themes.chart": {"en": "Theme sizes; the most negative theme is {theme} ({share}% negative)",
                     "zh": "各主题规模；最负面的主题是 {theme}（负面占 {share}%）"},
    "themes.table": {"en": "Themes", "zh": "主题"},
    "themes.uncoded": {"en": "{n} of {total} comments have no theme (no word any theme uses).",
                       "zh": "{total} 条评论中有 {n} 条没有主题（不含任何主题所用的词语）。"},
    "themes.by_sentiment": {"en": "Themes by sentiment", "zh": "各情感的主题"},
    "themes.by_group": {"en": "Themes by group", "zh": "各分组的主题"},
    "themes.too_small": {"en": "Fewer than two groups have at least {n} comments.",
                         "zh": "至少有 {n} 条评论的分组不足两个。"},
    "themes.tests_help": {
        "en": "Shares are of each group's comments that carry the theme. Each theme is tested with a chi-square "
              "test of its presence against the group, Holm-adjusted across themes. z: log-odds with an "
              "informative Dirichlet prior of negative against positive comments (above 2: negative comments "
              "talk about it more).",
        "zh": "占比为各组评论中涉及该主题的比例。每个主题用卡方检验比较其出现与分组是否独立，并在主题间做 Holm 校正。"
              "z：负面对正面评论的带信息狄利克雷先验对数几率（大于 2 表示负面评论更常谈到它）。",
    },
    "themes.emerging": {"en": "Emerging themes", "zh": "新兴主题"},
    "themes.emerging_help": {
        "en": "Share of comments carrying each theme in the period from {previous} ({n_previous} comments) and "
              "the one from {last} ({n_last} comments); two-proportion z test, Holm-adjusted across themes.",
        "zh": "各主题在 {previous} 起的时段（{n_previous} 条评论）与 {last} 起的时段（{n_last} 条评论）中的占比；"
              "两比例 z 检验，主题间 Holm 校正。",
    },
    "themes.drivers": {"en": "Themes as drivers of {outcome}", "zh": "{outcome} 的主题驱动因素"},
    "themes.drivers_outcome": {"en": "Outcome the themes are tested against", "zh": "用于检验主题的结果指标"},
    "themes.drivers_help": {
        "en": "{n} comments linked to an answer to {outcome} ({high} against {low}; other answers left out). A "
              "logistic regression of being on the {high} side on the themes each comment carries: a positive "
              "coefficient goes with {high}, a negative one with {low}; Wald tests, Holm-adjusted across themes. "
              "Beside it, what {low} talk about that {high} do not: the log-odds z with an informative Dirichlet "
              "prior (above 2: {low} talk about it more) and a two-proportion z test of the shares, Holm-adjusted.",
        "zh": "{n} 条评论关联到了 {outcome} 的回答（{high} 对 {low}；其他回答不计）。以评论涉及的主题对“是否属于{high}”"
              "做逻辑回归：系数为正与{high}相关，为负与{low}相关；Wald 检验，主题间 Holm 校正。旁边是{low}谈到而{high}"
              "少谈的内容：带信息狄利克雷先验的对数几率 z（大于 2 表示{low}更常谈到它），以及两组占比的两比例 z 检验"
              "（Holm 校正）。",
    },
    "themes.drivers_unlinked": {
        "en": "Themes as drivers of {outcome} need comments linked to the survey's answers (the survey's own comments, "
              "or feedback with a column of respondent ids) with both outcomes among them.",
        "zh": "要计算 {outcome} 的主题驱动因素，评论需关联到问卷回答（问卷自带的评论，或含受访者 ID 列的反馈），且两种结果都要有。",
    },
    "themes.drivers_none": {
        "en": "Themes of the comments can be tested as drivers here too: discover them on the Sentiment page.",
        "zh": "评论的主题也可以在此作为驱动因素检验：请先在情感分析页发现主题。",
    },
    "themes.side.promoter": {"en": "promoters", "zh": "推荐者"},
    "themes.side.detractor": {"en": "detractors", "zh": "贬损者"},
    "themes.side.satisfied": {"en": "satisfied (top boxes)", "zh": "满意（最高档）"},
    "themes.side.unsatisfied": {"en": "not satisfied", "zh": "不满意"},
    "themes.side.yes": {"en": "yes", "zh": "是"},
    "themes.side.no": {"en": "no", "zh": "否"},
    "themes.col.high_with": {"en": "% {high} with it", "zh": "提及者中{high} %"},
    "themes.col.high_without": {"en": "% {high} without it", "zh": "未提及者中{high} %"},
    "themes.col.low_share": {"en": "% of {low}'s comments", "zh": "{low}评论占比 %"},
    "themes.col.high_share": {"en": "% of {high}'s comments", "zh": "{high}评论占比 %"},
    "themes.col.z_low": {"en": "z {low} vs {high}", "zh": "z（{low}对{high}）"},
    "themes.col.p_low": {"en": "p {low} vs {high} (Holm)", "zh": "p（{low}对{high}，Holm 校正）"},
    "themes.col.negative_n": {"en": "Negative comments", "zh": "负面评论数"},
    "themes.card": {"en": "Negative themes: {themes}", "zh": "负面主题：{themes}"},
    "themes.card_item": {"en": "{name} ({n})", "zh": "{name}（{n}）"},
    "themes.card_item_dissolved": {"en": "{name} ({n}; dissolves)", "zh": "{name}（{n}；不稳定）"},
    "themes.by_stage": {"en": "Themes by journey stage", "zh": "各旅程阶段的主题"},
    "themes.by_stage_help": {
        "en": "Comments placed at each stage by their touchpoint keywords, coded by the codeframe kept on the "
              "Sentiment page: how many carry each theme, how many of those are negative, and the share negative "
              "with its 95% Wilson interval. Most negative comments first.",
        "zh": "评论按触点关键词归入各阶段，并按情感分析页保存的编码框架编码：各主题的评论数、其中负面评论数，以及负面占比"
              "及其 95% Wilson 区间。负面评论最多的在前。",
    },
    "themes.merge": {"en": "Merge codes", "zh": "合并编码"},
    "themes.merge_hint": {"en": "Two or more codes", "zh": "两个或更多编码"},
    "themes.merge_do": {"en": "Merge", "zh": "合并"},
    "themes.merge_bad": {"en": "Choose at least two codes of one kind to merge.",
                         "zh": "请选择至少两个同类编码进行合并。"},
    "themes.split": {"en": "Split a theme", "zh": "拆分主题"},
    "themes.split_do": {"en": "Split in two", "zh": "一分为二"},
    "themes.split_bad": {"en": "This theme's comments do not split into two themes.",
                         "zh": "该主题的评论无法拆分为两个主题。"},
    "themes.delete": {"en": "Delete a code", "zh": "删除编码"},
    "themes.delete_do": {"en": "Delete", "zh": "删除"},
    "themes.delete_bad": {"en": "Choose a code to delete.", "zh": "请选择要删除的编码。"},
    "themes.keyword_name": {"en": "New code from keywords: name", "zh": "用关键词新建编码：名称"},
    "themes.keywords": {"en": "Keywords", "zh": "关键词"},
    "themes.keywords_help": {"en": "Words or phrases separated by commas; a comment mentioning any of them carries the code.",
                             "zh": "用逗号分隔的词或短语；提到其中任何一个的评论即带有该编码。"},
    "themes.keyword_do": {"en": "Add code", "zh": "添加编码"},
    "themes.keyword_bad": {"en": "A keyword code needs a name and at least one keyword.",
                           "zh": "关键词编码需要名称和至少一个关键词。"},
    "themes.touchpoints_do": {"en": "Add the touchpoint codes", "zh": "添加触点编码"},
    "themes.touchpoints_help": {
        "en": "The touchpoint codes that tag comments to touchpoints (one per keyword line, with its journey stage), "
              "added to this codeframe.",
        "zh": "将评论标记到触点的触点编码（每个关键词行一个，带其旅程阶段），添加到此编码框架。"},
    "themes.touchpoints_bad": {"en": "The touchpoint keywords could not be read as codes.",
                               "zh": "无法将触点关键词读取为编码。"},
    "themes.col.coefficient": {"en": "Coefficient (log odds)", "zh": "系数（对数几率）"},
    "themes.col.odds_ratio": {"en": "Odds ratio", "zh": "优势比"},
    "themes.col.status": {"en": "In the model", "zh": "模型状态"},
    "themes.status.modelled": {"en": "tested", "zh": "已检验"},
    "themes.status.too_few": {"en": "too few comments", "zh": "评论太少"},
    "themes.status.collinear": {"en": "same as another theme", "zh": "与其他主题重合"},
    "themes.status.separated": {"en": "only one side mentions it", "zh": "只出现在一方"},
    "themes.download_csv": {"en": "Coded comments (CSV)", "zh": "已编码评论（CSV）"},
    "themes.download_xlsx": {"en": "Coded comments (XLSX)", "zh": "已编码评论（XLSX）"},
    "themes.download_frame": {"en": "Codeframe (JSON)", "zh": "编码框架（JSON）"},
    "themes.edit": {"en": "Edit the codeframe", "zh": "编辑编码框架"},
    "themes.rename": {"en": "Name of theme {id}", "zh": "主题 {id} 的名称"},
    "themes.upload": {"en": "Load a saved codeframe (JSON or CSV)", "zh": "载入已保存的编码框架（JSON 或 CSV）"},
    "themes.upload_bad": {
        "en": "{file} is not a codeframe ({reason}); load a codeframe downloaded here (JSON) or saved by the command "
              "line (JSON or CSV).",
        "zh": "{file} 不是编码框架（{reason}）；请载入在此下载的编码框架（JSON）或命令行保存的编码框架（JSON 或 CSV）。",
    },
    "themes.upload_use": {"en": "Use this codeframe", "zh": "使用此编码框架"},
    # Personas page
    "personas.settings": {"en": "Features, algorithm and number of personas", "zh": "特征、算法与画像数量"},
    "personas.features": {"en": "Features", "zh": "特征"},
    "personas.features_help": {
        "en": "The columns people are grouped on: ratings, attributes, behaviour, channel. Ids, free text, "
              "times and columns with one value for nearly everyone are left out at first. Numbers are "
              "standardised, categories one-hot coded; missing values are filled in (numbers by the median, "
              "categories by the most frequent value).",
        "zh": "用于分组的列：评分、属性、行为、渠道。默认不含编号、自由文本、时间和几乎只有一个取值的列。数值会标准化，"
              "类别做独热编码；缺失值会被填补（数值用中位数，类别用最常见值）。",
    },
    "personas.algorithm": {"en": "Algorithm", "zh": "算法"},
    "personas.algorithm_help": {
        "en": "k-means suits most data (mini-batch above 20,000 rows); the Gaussian mixture allows groups of "
              "different spread; agglomerative (Ward) clusters a sample of 3,000 and assigns the rest; k-modes "
              "is for mostly categorical data. Each uses a fixed seed: the same data and settings give the "
              "same personas.",
        "zh": "K 均值适合大多数数据（超过 20,000 行时用小批量）；高斯混合允许各组离散程度不同；层次聚类（Ward 法）对 3,000 行样本"
              "聚类后再分配其余行；K 众数适合以类别为主的数据。每种算法都用固定随机种子：相同数据和设置得到相同画像。",
    },
    "personas.algorithm.kmeans": {"en": "k-means", "zh": "K 均值"},
    "personas.algorithm.gmm": {"en": "Gaussian mixture", "zh": "高斯混合"},
    "personas.algorithm.agglomerative": {"en": "Agglomerative (Ward)", "zh": "层次聚类（Ward 法）"},
    "personas.algorithm.kmodes": {"en": "k-modes (categories)", "zh": "K 众数（类别）"},
    "personas.k": {"en": "Number of personas (k)", "zh": "画像数量（k）"},
    "personas.k_auto": {"en": "auto", "zh": "自动"},
    "personas.k_help": {
        "en": "Auto compares k = 2 to 10 by silhouette (how well separated the groups are, against the same answers "
              "shuffled column by column) and stability (whether the same groups come back on resampled data) and "
              "recommends one, or says there are no clear groups; pick a number to override it.",
        "zh": "“自动”按轮廓系数（分组是否分得开，并与逐列打乱后的同样答案比较）和稳定性（重抽样后分组能否重现）比较 "
              "k = 2 到 10 并推荐一个，或指出没有清晰的分组；选择数字可覆盖推荐。",
    },
    "personas.level_adjusted": {"en": "Adjust for each respondent’s rating level", "zh": "按每位受访者的评分水平校正"},
    "personas.level_adjusted_help": {
        "en": "Centre each respondent's ratings on their own average before grouping, so personas differ in what "
              "people rate above or below their own average rather than in how generously they rate everything.",
        "zh": "分组前把每位受访者的评分以其本人的平均分为中心，使画像的区别在于人们对哪些项目打分高于或低于自己的平均水平，"
              "而不是整体打分的宽严。",
    },
    "personas.k_chosen": {"en": "You chose k = {k}; the recommended k is {recommended} (see the chart).",
                          "zh": "您选择了 k = {k}；推荐的 k 为 {recommended}（见下图）。"},
    "personas.working": {"en": "Finding personas…", "zh": "正在生成用户画像……"},
    "personas.comparing": {"en": "Comparing k = 2 to 10…", "zh": "正在比较 k = 2 到 10……"},
    "personas.working_auto": {"en": "Comparing k = 2 to 10 and finding personas…",
                              "zh": "正在比较 k = 2 到 10 并生成用户画像……"},
    "personas.link.own": {"en": "Use the sentiment of the survey's comments", "zh": "使用问卷评论的情感"},
    "personas.link.own_help": {
        "en": "Scores every free-text answer (as on the Sentiment page) so each persona says how its comments feel "
              "and what its negative ones are about; comment sentiment can then be a feature.",
        "zh": "为每条自由文本回答评分（与情感分析页面相同），让每个画像显示其评论的情绪和负面评论的主题；"
              "评论情感也可作为特征。",
    },
    "personas.link.own_off": {
        "en": "The survey's comments are not scored: switch them on above to see sentiment per persona.",
        "zh": "尚未为问卷评论评分：打开上方开关即可查看每个画像的情感。",
    },
    "personas.link.comments": {
        "en": "Linked: {comments} comments from {n} respondents.",
        "zh": "已关联：{n} 位受访者的 {comments} 条评论。",
    },
    "personas.link.buying": {
        "en": "Linked: the purchases of {n} respondents (the transaction export's customer ids match).",
        "zh": "已关联：{n} 位受访者的购买记录（交易导出中的客户 ID 相同）。",
    },
    "personas.link.not_linked": {"en": "The feedback file is not linked: {why}", "zh": "反馈文件未关联：{why}"},
    "personas.linked.comment_sentiment": {"en": "Comment sentiment", "zh": "评论情感"},
    "personas.linked.comment_negative": {"en": "Negative comments (%)", "zh": "负面评论（%）"},
    "personas.linked.comments": {"en": "Comments", "zh": "评论数"},
    "personas.linked.orders": {"en": "Orders", "zh": "订单数"},
    "personas.linked.revenue": {"en": "Revenue", "zh": "收入"},
    "personas.linked.recency_days": {"en": "Days since last order", "zh": "距上次下单天数"},
    "personas.linked.clv": {"en": "CLV", "zh": "客户终身价值"},
    "personas.linked.buying": {"en": "Buying", "zh": "购买类型"},
    "personas.comments": {
        "en": "Comments: {n}, {negative}% negative (95% CI {low}–{high}%), mostly {emotion}",
        "zh": "评论：{n} 条，负面 {negative}%（95% 置信区间 {low}–{high}%），主要情绪：{emotion}",
    },
    "personas.pain_points": {"en": "Pain points: {terms}", "zh": "痛点：{terms}"},
    "personas.buying": {
        "en": "Buying ({n} customers): one-time {one}% · occasional {occasional}% · frequent {frequent}% · "
              "mean CLV {clv}",
        "zh": "购买（{n} 位客户）：一次性 {one}% · 偶尔 {occasional}% · 经常 {frequent}% · 平均客户终身价值 {clv}",
    },
    "personas.pick_features": {"en": "Pick at least one feature to group people on.", "zh": "请至少选择一个用于分组的特征。"},
    "personas.transactions": {
        "en": "This is a transaction export: its customers are grouped by how they buy (one-time, occasional, "
              "frequent) rather than clustered. Their value and segments are below (also on the Data page).",
        "zh": "这是交易导出文件：客户按购买方式（一次性、偶尔、经常）分群，而非聚类。客户价值与分群见下方（“数据”页也有）。",
    },
    "customers.thresholds": {"en": "One-time: 1 order; occasional: the other repeat buyers; frequent: more orders "
                                   "than you set here (by default the top third of repeat buyers: more than {above}).",
                             "zh": "一次性：1 笔订单；偶尔：其余复购客户；经常：订单数多于此处设定的值"
                                   "（默认为复购客户中最多的三分之一：多于 {above} 笔）。"},
    "customers.frequent_above": {"en": "Frequent buyers: more orders than", "zh": "经常购买客户：订单数多于"},
    "personas.overview": {"en": "{k} personas of {n} responses · silhouette {silhouette}",
                          "zh": "{n} 条回答分为 {k} 个用户画像 · 轮廓系数 {silhouette}"},
    "personas.overview_one": {"en": "No clear groups among {n} responses: everyone is one persona",
                              "zh": "{n} 条回答中没有清晰的分组：所有人为一个用户画像"},
    "personas.level_on": {"en": "Ratings centred on each respondent’s own level.",
                          "zh": "评分已按每位受访者本人的水平校正。"},
    "personas.imputed": {"en": "Missing values were filled in for {n} features (most: {column}, {share}% of rows).",
                         "zh": "{n} 个特征有缺失值被填补（最多：{column}，占 {share}% 的行）。"},
    "personas.measure.silhouette": {"en": "Silhouette", "zh": "轮廓系数"},
    "personas.measure.stability": {"en": "Stability", "zh": "稳定性"},
    "personas.measure.null_silhouette": {"en": "Silhouette of shuffled answers", "zh": "打乱后答案的轮廓系数"},
    "personas.measure.stability_low": {"en": "Lowest stability", "zh": "最低稳定性"},
    "personas.measure.stability_high": {"en": "Highest stability", "zh": "最高稳定性"},
    "personas.chart.k_none": {"en": "No k gives groups clearer than shuffled answers (dashed)",
                              "zh": "没有哪个 k 的分组比打乱后的答案（虚线）更清晰"},
    "personas.unconfirmed": {"en": "Not confirmed on held-out respondents: {traits}",
                             "zh": "未在留出的受访者中确认：{traits}"},
    "personas.chart.k": {"en": "Recommended: k = {k} (silhouette: higher is better separated, dashed: shuffled answers; "
                                "stability: 1 = the same groups on resampled data)",
                         "zh": "推荐：k = {k}（轮廓系数越高分组越分明，虚线为打乱后的答案；稳定性为 1 表示重抽样后分组相同）"},
    "personas.cards": {"en": "Who they are", "zh": "他们是谁"},
    "personas.name": {"en": "Persona", "zh": "用户画像"},
    "personas.name_alike": {"en": "This name looks like {other}, another persona's: readers may mix them up.",
                            "zh": "这个名称看起来与另一个用户画像 {other} 很像：读者可能会混淆。"},
    "personas.size": {"en": "Persona {id} · {n} responses ({share}%)", "zh": "画像 {id} · {n} 条回答（{share}%）"},
    "personas.no_traits": {"en": "Nothing sets this group clearly apart.", "zh": "没有明显区别于其他人的特征。"},
    "personas.weakest": {"en": "Weakest stage: {stage}", "zh": "最弱阶段：{stage}"},
    "personas.channel": {"en": "Channel used most: {channel}", "zh": "最常用渠道：{channel}"},
    "personas.where": {"en": "Where they sit and how they rate", "zh": "分布与评分"},
    "personas.axis.x": {"en": "First component ({share}% of the variance)", "zh": "第一主成分（{share}% 方差）"},
    "personas.axis.y": {"en": "Second component ({share}% of the variance)", "zh": "第二主成分（{share}% 方差）"},
    "personas.chart.map": {"en": "The personas on the two main directions of the features",
                           "zh": "用户画像在特征两个主方向上的分布"},
    "personas.chart.heatmap": {"en": "{persona} rates {touchpoint} lowest ({score}/100)",
                               "zh": "{persona} 对 {touchpoint} 的评分最低（{score}/100）"},
    "personas.downloads": {"en": "Downloads", "zh": "下载"},
    "personas.id": {"en": "Persona number", "zh": "画像编号"},
    "personas.share": {"en": "Share (%)", "zh": "占比（%）"},
    "personas.traits": {"en": "Traits", "zh": "特征描述"},
    "personas.row": {"en": "Row", "zh": "行"},
    "personas.download.csv": {"en": "Personas (CSV)", "zh": "用户画像（CSV）"},
    "personas.download.json": {"en": "Personas (JSON)", "zh": "用户画像（JSON）"},
    "personas.download.md": {"en": "Personas (Markdown)", "zh": "用户画像（Markdown）"},
    "personas.download.rows": {"en": "Persona of every response (CSV)", "zh": "每条回答的画像（CSV）"},
    # Behaviour page
    "nav.behaviour": {"en": "Behaviour", "zh": "行为"},
    "behaviour.upload": {"en": "Event logs or a session table", "zh": "事件日志或会话表"},
    "behaviour.upload_help": {
        "en": "Upload one or several files at once (daily exports are read together, even when their headers "
              "drifted). Files stay in this browser session only.",
        "zh": "可一次上传一个或多个文件（按日导出的文件会合并读取，即使列名有变化）。文件只保存在当前浏览器会话中。",
    },
    "behaviour.empty_view": {
        "en": "This project has no web or app analytics log; an editor can add one on this page.",
        "zh": "此项目没有网站或应用分析日志；编辑者可以在此页面添加。",
    },
    "behaviour.empty": {
        "en": "Upload a web or app analytics export to see where visitors leave: sessions, bounce, exit pages, "
              "funnel drop-off and journey stages.",
        "zh": "上传网站或应用分析导出文件，查看访客在哪里离开：会话、跳出、退出页面、漏斗流失和旅程阶段。",
    },
    "behaviour.empty_formats": {
        "en": "**Event log**: one row per page view or event, with a visitor id (client_id, visitor_id, user_id, "
              "cookie), a time (one column, or a date and a time) and a page URL or event name; referrer, user "
              "agent and event data are used when present.  \n**Google Analytics 4**: the BigQuery export as JSON "
              "lines (event_name, event_timestamp, user_pseudo_id, event_params), or flattened to CSV.  \n"
              "**Session table**: one row per session with bounce "
              "and exit rates (such as UCI Online Shoppers: BounceRates, ExitRates, Revenue, VisitorType, Month).",
        "zh": "**事件日志**：每行一次页面浏览或事件，包含访客 ID 列、时间（一列，或日期加时间两列）以及页面地址或"
              "事件名称；如有来源页、用户代理和事件数据也会使用。  \n"
              "**Google Analytics 4**：BigQuery 导出的 JSON 行文件（event_name、event_timestamp、user_pseudo_id、"
              "event_params），或展平后的 CSV。  \n"
              "**会话表**：每行一个会话，带跳出率和退出率（例如公开的网购会话数据集：跳出率、退出率、是否成交、"
              "访客类型、月份等列）。",
    },
    "behaviour.empty_privacy": {
        "en": "No log is bundled with the app: the example exports we know of may not be redistributed.",
        "zh": "应用未附带示例日志：已知的示例导出文件不允许再分发。",
    },
    "behaviour.working": {"en": "Reading the logs and building sessions…", "zh": "正在读取日志并划分会话…"},
    "behaviour.files": {"en": "Files: {files}", "zh": "文件：{files}"},
    "behaviour.working_connected": {"en": "Querying {files} files ({mb} MB) in place with DuckDB…",
                                    "zh": "正在用 DuckDB 直接查询 {files} 个文件（{mb} MB）…"},
    "behaviour.connect": {"en": "Or connect a big log on the server", "zh": "或连接服务器上的大型日志"},
    "behaviour.connect_help": {
        "en": "A file, or a folder of daily files (CSV, TSV, gzip-compressed too, or Parquet), under {roots}. It is "
              "read in place by DuckDB and never uploaded; view links show the same log.",
        "zh": "位于 {roots} 下的一个文件，或一个按日存放文件的文件夹（CSV、TSV，可 gzip 压缩，或 Parquet）。"
              "由 DuckDB 直接读取，无需上传；查看链接显示同一份日志。"},
    "behaviour.connect_path": {"en": "Path on the server", "zh": "服务器上的路径"},
    "behaviour.connect_button": {"en": "Connect", "zh": "连接"},
    "behaviour.connected": {"en": "Connected log: {path} ({files} files, {mb} MB), read in place on the server.",
                            "zh": "已连接日志：{path}（{files} 个文件，{mb} MB），在服务器上直接读取。"},
    "behaviour.connect_db": {"en": "Or connect a table in a database", "zh": "或连接数据库中的表"},
    "behaviour.connect_db_help": {
        "en": "The databases this server allows, by name. The table's events are analysed in the database, never "
              "uploaded or loaded here; the project keeps the database's name and the table, and view links show "
              "the same figures.",
        "zh": "本服务器允许的数据库（按名称）。表中的事件在数据库内分析，不会上传或载入本应用；项目只保存数据库名称和表名，"
              "查看链接显示相同的结果。"},
    "behaviour.connect_db_name": {"en": "Database", "zh": "数据库"},
    "behaviour.connect_db_table": {"en": "Table", "zh": "表"},
    "behaviour.connect_db_tables": {"en": "Its tables", "zh": "其中的表"},
    "behaviour.connect_db_pick": {"en": "Pick a table", "zh": "选择一个表"},
    "behaviour.connect_db_list": {"en": "List its tables", "zh": "列出其中的表"},
    "behaviour.connect_db_listing": {"en": "Listing the tables of {name}…", "zh": "正在列出 {name} 中的表…"},
    "behaviour.connect_db_checking": {"en": "Reading the first rows of {table} in {name}…",
                                      "zh": "正在读取 {name} 中 {table} 的前几行…"},
    "behaviour.connected_db": {"en": "Connected log: the table {table} in the database {name}, analysed in the database.",
                               "zh": "已连接日志：数据库 {name} 中的表 {table}，在数据库内分析。"},
    "behaviour.working_db": {"en": "Querying the table {table} in the database {name}…",
                             "zh": "正在查询数据库 {name} 中的表 {table}…"},
    "behaviour.disconnect": {"en": "Disconnect and use uploads", "zh": "断开连接并改用上传文件"},
    "behaviour.big_upload": {
        "en": "These logs are large ({mb} MB; from {limit} MB): DuckDB reads them in place from a temporary copy, "
              "without loading them whole into memory. The project keeps them as the files themselves, so its "
              "links (view links too) show the same figures.",
        "zh": "这些日志较大（{mb} MB；从 {limit} MB 起）：DuckDB 从临时副本直接读取，不会整个载入内存。项目按原文件保存它们，"
              "因此项目的链接（包括查看链接）显示相同的数字。"},
    "behaviour.big_upload_no_sessions": {
        "en": "The table of sessions is not offered for a log this large (one row per session of the whole log); "
              "the funnel and pages tables are.",
        "zh": "如此大的日志不提供会话表下载（整个日志每个会话一行）；可下载漏斗表和页面表。"},
    "behaviour.connected_no_sessions": {
        "en": "The table of sessions is not offered for a connected log (one row per session of the whole log); "
              "the funnel and pages tables are.",
        "zh": "连接的日志不提供会话表下载（整个日志每个会话一行）；可下载漏斗表和页面表。"},
    "behaviour.settings": {"en": "How the log is read", "zh": "日志读取设置"},
    "behaviour.gap": {"en": "Session gap (minutes)", "zh": "会话间隔（分钟）"},
    "behaviour.gap_help": {
        "en": "Where the log has no session id column or start and end markers, a new session starts after more "
              "than this many minutes without an event (30 by default).",
        "zh": "日志没有会话 ID 列或开始和结束标记时，超过这么多分钟没有事件，就开始一个新会话（默认 30）。",
    },
    "behaviour.session_column": {"en": "Session id column", "zh": "会话 ID 列"},
    "behaviour.session_column_help": {
        "en": "A visitor's events that share this column's value are one session, however long the pauses. "
              "Without one, the log's start and end markers make the sessions, else the session gap.",
        "zh": "同一访客在此列取值相同的事件属于一个会话，无论中间停顿多久。没有此列时，按日志的开始和结束标记划分会话，"
              "再没有则按会话间隔划分。",
    },
    "behaviour.session_column_none": {"en": "(none)", "zh": "（无）"},
    "behaviour.keep_bots": {"en": "Keep bots and crawlers", "zh": "保留机器人和爬虫"},
    "behaviour.keep_bots_help": {
        "en": "Events of crawlers' user agents are set aside unless kept; kept, their device is 'bot'.",
        "zh": "默认剔除爬虫用户代理的事件；保留时其设备类型为“机器人或爬虫”。",
    },
    "behaviour.patterns": {"en": "Page groups (one pattern a line)", "zh": "页面分组（每行一个模式）"},
    "behaviour.patterns_help": {
        "en": "Glob patterns such as /products/* or /blog/*: every page that matches is counted as that page. "
              "Pages no pattern matches are grouped by the default rules.",
        "zh": "通配模式，如 /products/* 或 /blog/*：匹配的页面都计为该页面。未匹配的页面按默认规则分组。",
    },
    "behaviour.markers": {"en": "Marker events (not page views)", "zh": "标记事件（不是页面浏览）"},
    "behaviour.markers_help": {
        "en": "Rows with these event or page names mark something else (a session start or end) and are set aside.",
        "zh": "带这些事件或页面名称的行只是标记（会话开始或结束），会被剔除。",
    },
    "behaviour.steps": {"en": "Funnel steps, in order", "zh": "漏斗步骤（按顺序）"},
    "behaviour.steps_help": {
        "en": "Events or page groups, in the order picked. A session reaches a step when it holds the earlier steps "
              "before it, in that order.",
        "zh": "事件或页面分组，按选择的顺序。会话依次完成前面的步骤后，才算到达该步骤。",
    },
    "behaviour.steps_placeholder": {"en": "Pick two steps or more", "zh": "请选择至少两个步骤"},
    "behaviour.conversion": {"en": "Conversion events", "zh": "转化事件"},
    "behaviour.conversion_help": {
        "en": "A session that holds any of these converted. Guessed from purchase events when left as it is.",
        "zh": "含有其中任一事件的会话即为转化。默认从购买类事件中推断。",
    },
    "behaviour.tile.visitors": {"en": "Visitors", "zh": "访客数"},
    "behaviour.tile.visitors_help": {"en": "Distinct visitor ids in the kept events.", "zh": "保留事件中不同访客 ID 的数量。"},
    "behaviour.tile.sessions": {"en": "Sessions", "zh": "会话数"},
    "behaviour.tile.sessions_help": {
        "en": "A visitor's visits: the log's own session ids or start and end markers where it has them, else its "
              "events in time order split after more than {gap} minutes without an event.",
        "zh": "访客的每次访问：日志有会话 ID 或开始和结束标记时按其划分，否则按时间排列的事件超过 {gap} 分钟无事件即切分为新会话。",
    },
    "behaviour.tile.bounce": {"en": "Bounce rate", "zh": "跳出率"},
    "behaviour.tile.bounce_help": {
        "en": "Sessions with exactly one event, a page view; ± half the 95% Wilson interval.",
        "zh": "只有一个事件（一次页面浏览）的会话占比；± 为 95% Wilson 区间的一半。",
    },
    "behaviour.tile.pages": {"en": "Pages / session", "zh": "每会话页数"},
    "behaviour.tile.pages_help": {"en": "Mean page views per session; ± half the 95% t interval.",
                                  "zh": "每个会话的平均页面浏览数；± 为 95% t 区间的一半。"},
    "behaviour.tile.conversion": {"en": "Conversion", "zh": "转化率"},
    "behaviour.tile.conversion_help": {
        "en": "Sessions holding a conversion event ({events}); ± half the 95% Wilson interval.",
        "zh": "含有转化事件（{events}）的会话占比；± 为 95% Wilson 区间的一半。",
    },
    "behaviour.tile.no_conversion": {
        "en": "No conversion event was found; pick one in the settings.",
        "zh": "未找到转化事件；请在设置中选择。",
    },
    "behaviour.tile.time": {"en": "Time on page", "zh": "页面停留时间"},
    "behaviour.tile.time_help": {
        "en": "Mean gap to the next event in the session, over the page views that have one; a session's last "
              "page has no known time and is left out, never counted as 0. n = page views timed.",
        "zh": "到同一会话下一个事件的平均间隔，仅计有下一事件的页面浏览；会话最后一页的时间未知，不计入，也不按 0 计。"
              "n = 计时的页面浏览数。",
    },
    "behaviour.tile.mean_bounce": {"en": "Mean bounce rate", "zh": "平均跳出率"},
    "behaviour.tile.mean_bounce_help": {
        "en": "Mean of the sessions' bounce rates (of the pages they viewed); ± half the 95% t interval.",
        "zh": "各会话跳出率（其浏览页面的跳出率）的平均值；± 为 95% t 区间的一半。",
    },
    "behaviour.tile.mean_exit": {"en": "Mean exit rate", "zh": "平均退出率"},
    "behaviour.tile.mean_exit_help": {
        "en": "Mean of the sessions' exit rates (of the pages they viewed); ± half the 95% t interval.",
        "zh": "各会话退出率（其浏览页面的退出率）的平均值；± 为 95% t 区间的一半。",
    },
    "behaviour.tile.table_conversion_help": {
        "en": "Sessions that converted (the Revenue column); ± half the 95% Wilson interval.",
        "zh": "发生转化（成交列）的会话占比；± 为 95% Wilson 区间的一半。",
    },
    "behaviour.seconds": {"en": "{s} s", "zh": "{s} 秒"},
    "behaviour.minutes": {"en": "{m} min {s} s", "zh": "{m} 分 {s} 秒"},
    "behaviour.read": {"en": "{events} events kept from {files} file(s).", "zh": "从 {files} 个文件中保留了 {events} 个事件。"},
    "behaviour.read_table": {"en": "{events} events kept from the table {table}.",
                             "zh": "从表 {table} 中保留了 {events} 个事件。"},
    "behaviour.excluded": {"en": "Set aside: {reasons}.", "zh": "已剔除：{reasons}。"},
    "behaviour.filters_note": {
        "en": "The sidebar filters narrow the survey only; this log is always shown whole.",
        "zh": "侧边栏筛选只作用于问卷；此日志始终完整显示。",
    },
    "behaviour.filters_note_help": {
        "en": "The survey's dates, channels and segments do not identify visitors in an analytics log, so they "
              "are not applied to it.",
        "zh": "问卷的日期、渠道和分组无法对应分析日志中的访客，因此不应用于日志。",
    },
    "behaviour.funnel": {"en": "Funnel: where sessions drop off", "zh": "漏斗：会话在哪里流失"},
    "behaviour.funnel_none": {
        "en": "No funnel: the log has no product, cart, checkout or purchase events to guess one from. Pick two "
              "steps or more under “How the log is read”.",
        "zh": "没有漏斗：日志中没有可用于推断的商品、购物车、结账或购买事件。请在“日志读取设置”中选择至少两个步骤。",
    },
    "behaviour.funnel.first": {"en": "{n} sessions", "zh": "{n} 个会话"},
    "behaviour.funnel.bar": {"en": "{n} · −{drop}% · median {time}", "zh": "{n} · −{drop}% · 中位 {time}"},
    "behaviour.chart.funnel": {
        "en": "The biggest drop is from {a} to {b}: {drop}% of sessions leave ({interval}%, {n} sessions)",
        "zh": "流失最多的是从 {a} 到 {b}：{drop}% 的会话离开（{interval}%，{n} 个会话）",
    },
    "behaviour.funnel_help": {
        "en": "Bars: % of the {entered} sessions that entered step 1 ({share}% of all sessions) reaching each "
              "step in order, with 95% intervals; beside them, sessions, the drop-off from the previous step and "
              "the median time between the two steps.",
        "zh": "条形：进入第 1 步的 {entered} 个会话（占全部会话的 {share}%）中依次到达各步骤的比例及 95% 区间；"
              "旁边是会话数、较上一步的流失率以及两步之间的中位时间。",
    },
    "behaviour.step": {"en": "Step", "zh": "步骤"},
    "behaviour.step_name": {"en": "Event or page", "zh": "事件或页面"},
    "behaviour.sessions": {"en": "Sessions", "zh": "会话数"},
    "behaviour.share": {"en": "Share", "zh": "占比"},
    "behaviour.axis.reach": {"en": "Reach (% of step 1)", "zh": "到达率（占第 1 步的 %）"},
    "behaviour.of_all": {"en": "Of all sessions (%)", "zh": "占全部会话（%）"},
    "behaviour.from_previous": {"en": "Went on from previous step (%)", "zh": "从上一步继续（%）"},
    "behaviour.drop_off": {"en": "Drop-off (%)", "zh": "流失率（%）"},
    "behaviour.drop_low": {"en": "Drop-off 95% low", "zh": "流失率 95% 下限"},
    "behaviour.drop_high": {"en": "Drop-off 95% high", "zh": "流失率 95% 上限"},
    "behaviour.drop_off_sessions": {"en": "Sessions lost", "zh": "流失会话数"},
    "behaviour.median_s": {"en": "Median seconds from previous step", "zh": "距上一步的中位秒数"},
    "behaviour.by_segment_funnel": {"en": "Drop-off by segment", "zh": "按分组的流失"},
    "behaviour.segment": {"en": "Segment", "zh": "分组"},
    "behaviour.by.channel": {"en": "Channel", "zh": "渠道"},
    "behaviour.by.device": {"en": "Device", "zh": "设备"},
    "behaviour.by.visitor_type": {"en": "New or returning", "zh": "新访客或回访"},
    "behaviour.by.entry_page": {"en": "Landing page", "zh": "着陆页"},
    "behaviour.by.date": {"en": "Date", "zh": "日期"},
    "behaviour.small": {"en": "small sample", "zh": "样本量小"},
    "behaviour.went_on": {"en": "Went on to the step (%)", "zh": "继续到该步骤（%）"},
    "behaviour.previous": {"en": "Sessions at the previous step", "zh": "上一步的会话数"},
    "behaviour.chart.segments_untested": {"en": "Going on from step to step, by {by}", "zh": "按{by}的逐步继续率"},
    "behaviour.chart.segments_differ": {
        "en": "Going on differs by {by} at {k} of {n} tested steps (Holm-adjusted)",
        "zh": "在 {n} 个检验的步骤中，有 {k} 个步骤的继续率因{by}而不同（Holm 校正）",
    },
    "behaviour.chart.segments_same": {
        "en": "No tested step's drop-off differs by {by} beyond chance ({n} steps, Holm-adjusted)",
        "zh": "各检验步骤的流失率在{by}之间没有超出随机波动的差异（{n} 个步骤，Holm 校正）",
    },
    "behaviour.verdict.untested": {
        "en": "Nothing to test by {by}: the log has one group only, or every session went on (or none did).",
        "zh": "无法按{by}检验：日志中只有一个分组，或所有会话都继续了（或都没有继续）。",
    },
    "behaviour.verdict.family": {
        "en": "{n} step(s) tested by {by}; p-values are Holm-adjusted over them (5% family-wise):",
        "zh": "按{by}检验了 {n} 个步骤；p 值在这些步骤间做了 Holm 校正（族错误率 5%）：",
    },
    "behaviour.verdict.differs": {
        "en": "**{step}** differs: {high} goes on most ({high_rate}%), {low} least ({low_rate}%); {test}, {p}, "
              "Holm-adjusted {p_holm}.",
        "zh": "**{step}** 存在差异：{high} 继续率最高（{high_rate}%），{low} 最低（{low_rate}%）；{test}，{p}，"
              "Holm 校正后 {p_holm}。",
    },
    "behaviour.verdict.within_noise": {
        "en": "{step}: within noise ({high} {high_rate}%, {low} {low_rate}%); {test}, {p}, Holm-adjusted {p_holm}.",
        "zh": "{step}：在随机波动范围内（{high} {high_rate}%，{low} {low_rate}%）；{test}，{p}，Holm 校正后 {p_holm}。",
    },
    "behaviour.after_drop": {"en": "Where they went instead", "zh": "流失后去了哪里"},
    "behaviour.after_drop_none": {"en": "Every session that entered the funnel went through to the end.",
                                  "zh": "进入漏斗的会话都走完了全部步骤。"},
    "behaviour.after_drop_help": {
        "en": "For the sessions that stopped at a step: the next pages they viewed (up to three), or the end of "
              "the session.",
        "zh": "对停在某一步的会话：之后浏览的页面（最多三个），或会话结束。",
    },
    "behaviour.stopped_at": {"en": "Stopped at", "zh": "停在"},
    "behaviour.next_pages": {"en": "Next pages", "zh": "之后的页面"},
    "behaviour.exit": {"en": "(left the site)", "zh": "（离开网站）"},
    "behaviour.exits": {"en": "Exit pages", "zh": "退出页面"},
    "behaviour.exit_rate": {"en": "Exit rate (%)", "zh": "退出率（%）"},
    "behaviour.page": {"en": "Page", "zh": "页面"},
    "behaviour.exits_n": {"en": "Exits", "zh": "退出数"},
    "behaviour.views": {"en": "Views", "zh": "浏览数"},
    "behaviour.entries": {"en": "Entries", "zh": "进入数"},
    "behaviour.interval": {"en": "95% interval", "zh": "95% 区间"},
    "behaviour.chart.exits": {
        "en": "Most sessions end on {page}: {exits} exits, {rate}% of its views ({interval}%)",
        "zh": "最多会话在 {page} 结束：{exits} 次退出，占其浏览的 {rate}%（{interval}%）",
    },
    "behaviour.time_on_page": {"en": "Time on page", "zh": "停留时间"},
    "behaviour.time_interval": {"en": "Time 95% interval", "zh": "停留时间 95% 区间"},
    "behaviour.time_n": {"en": "Views timed", "zh": "计时的浏览数"},
    "behaviour.time_on_page_s": {"en": "Time on page (s)", "zh": "停留时间（秒）"},
    "behaviour.time_low": {"en": "Time 95% low (s)", "zh": "停留时间 95% 下限（秒）"},
    "behaviour.time_high": {"en": "Time 95% high (s)", "zh": "停留时间 95% 上限（秒）"},
    "behaviour.exits_help": {
        "en": "Exit rate = sessions ending on the page / its views (Wilson 95% interval). Fewer than 30 views "
              "is a small sample (faded bars, ⚠). Time on page leaves out each session's last view.",
        "zh": "退出率 = 在该页面结束的会话数 / 该页面浏览数（Wilson 95% 区间）。浏览少于 30 次为小样本（条形变淡、⚠）。"
              "停留时间不含每个会话的最后一次浏览。",
    },
    "behaviour.by": {"en": "By channel, device, visitor type, landing page or date",
                     "zh": "按渠道、设备、访客类型、着陆页或日期"},
    "behaviour.chart.by": {
        "en": "{group} bounces most: {rate}% of its {n} sessions ({interval}%)",
        "zh": "{group} 跳出率最高：其 {n} 个会话中有 {rate}% 跳出（{interval}%）",
    },
    "behaviour.pages_low": {"en": "Pages 95% low", "zh": "页数 95% 下限"},
    "behaviour.pages_high": {"en": "Pages 95% high", "zh": "页数 95% 上限"},
    "behaviour.conversion_low": {"en": "Conversion 95% low", "zh": "转化率 95% 下限"},
    "behaviour.conversion_high": {"en": "Conversion 95% high", "zh": "转化率 95% 上限"},
    "behaviour.bounce_interval": {"en": "Bounce 95% interval", "zh": "跳出率 95% 区间"},
    "behaviour.conversion_interval": {"en": "Conversion 95% interval", "zh": "转化率 95% 区间"},
    "behaviour.retention": {"en": "Retention", "zh": "留存"},
    "behaviour.retention.period": {"en": "Cohorts by", "zh": "同期群按"},
    "behaviour.retention.week": {"en": "Week of first visit", "zh": "首次访问的周"},
    "behaviour.retention.month": {"en": "Month of first visit", "zh": "首次访问的月"},
    "behaviour.retention.week_n": {"en": "Week {k}", "zh": "第 {k} 周"},
    "behaviour.retention.month_n": {"en": "Month {k}", "zh": "第 {k} 月"},
    "behaviour.retention.cohort": {"en": "First visit", "zh": "首次访问"},
    "behaviour.retention.later": {"en": "Period after the first visit", "zh": "首次访问后的周期"},
    "behaviour.retention.share": {"en": "Returning (%)", "zh": "回访（%）"},
    "behaviour.retention.returning": {"en": "Visitors returning", "zh": "回访访客数"},
    "behaviour.retention.size": {"en": "Visitors in the cohort", "zh": "同期群访客数"},
    "behaviour.retention.none": {"en": "The log spans a single period: no visitor could come back in a later one yet.",
                                 "zh": "日志只覆盖一个周期：访客还无法在之后的周期回访。"},
    "behaviour.chart.retention_week": {
        "en": "{share}% of visitors came back the week after their first visit ({interval}%, {n} visitors)",
        "zh": "{share}% 的访客在首次访问后的下一周回访（{interval}%，{n} 位访客）"},
    "behaviour.chart.retention_month": {
        "en": "{share}% of visitors came back the month after their first visit ({interval}%, {n} visitors)",
        "zh": "{share}% 的访客在首次访问后的下一个月回访（{interval}%，{n} 位访客）"},
    "behaviour.retention.cut": {
        "en": "The heatmap shows the latest {cohorts} of {all_cohorts} cohorts and their first {periods} later periods; "
              "the data download has them all.",
        "zh": "热图显示 {all_cohorts} 个同期群中最近的 {cohorts} 个及其之后的前 {periods} 个周期；数据下载包含全部。",
    },
    "behaviour.retention.help": {
        "en": "Each row is the visitors first seen in a week (from Monday) or month; each cell the share of them with "
              "a session in a later one (hover for the 95% interval). Only periods the log reaches are shown.",
        "zh": "每一行是在某一周（从周一起）或某月首次出现的访客；每个格子是其中在之后周期有会话的比例（悬停查看 95% 区间）。"
              "只显示日志覆盖到的周期。"},
    "behaviour.window": {"en": "Conversion window", "zh": "转化时间窗"},
    "behaviour.window.amount": {"en": "Steps within", "zh": "各步骤须在"},
    "behaviour.window.unit": {"en": "Unit", "zh": "单位"},
    "behaviour.window.minutes": {"en": "minutes", "zh": "分钟"},
    "behaviour.window.hours": {"en": "hours", "zh": "小时"},
    "behaviour.window.days": {"en": "days", "zh": "天"},
    "behaviour.window.minutes_n": {"en": "within {n} min", "zh": "{n} 分钟内"},
    "behaviour.window.hours_n": {"en": "within {n} h", "zh": "{n} 小时内"},
    "behaviour.window.days_n": {"en": "within {n} days", "zh": "{n} 天内"},
    "behaviour.window.any": {"en": "any time in the session", "zh": "会话内任意时间"},
    "behaviour.chart.window": {
        "en": "Finishing {limit} of the first step: {share}% of entering sessions ({interval}%), {all}% with no limit",
        "zh": "在第一步后{limit}完成：进入漏斗的会话中 {share}%（{interval}%），不限时为 {all}%"},
    "behaviour.window.help": {
        "en": "A session counts at a step when it reached it, in order, at most this long after its first step.",
        "zh": "会话按顺序到达某一步，且距其第一步不超过该时长，才计入该步。"},
    "behaviour.trend": {"en": "Funnel week by week", "zh": "按周的漏斗"},
    "behaviour.trend.one_week": {"en": "The sessions entering the funnel fall in one week: there is no trend to draw.",
                                 "zh": "进入漏斗的会话都在同一周：无法画出趋势。"},
    "behaviour.trend.differs": {"en": "differs from the week before", "zh": "与前一周不同"},
    "behaviour.trend.week": {"en": "Week from", "zh": "周（起始日）"},
    "behaviour.trend.rate": {"en": "Finished the funnel (%)", "zh": "完成漏斗（%）"},
    "behaviour.trend.entered": {"en": "Sessions entering", "zh": "进入漏斗的会话"},
    "behaviour.trend.completed": {"en": "Sessions finishing", "zh": "完成漏斗的会话"},
    "behaviour.trend.change": {"en": "Change from the week before (points)", "zh": "较前一周的变化（百分点）"},
    "behaviour.trend.p": {"en": "p (Holm-adjusted)", "zh": "p（Holm 校正）"},
    "behaviour.chart.trend_same": {
        "en": "Finishing the funnel over {weeks} weeks: no week differs from the week before",
        "zh": "{weeks} 周内完成漏斗的比例：没有一周与前一周有显著差异"},
    "behaviour.chart.trend_differs": {
        "en": "Finishing the funnel over {weeks} weeks: {n} week(s) differ from the week before",
        "zh": "{weeks} 周内完成漏斗的比例：{n} 周与前一周有显著差异"},
    "behaviour.trend.help": {
        "en": "Per week of the session start: the share of sessions entering the funnel that finish it, with its 95% "
              "interval; each week is tested against the one before (chi-square, or Fisher's exact test for small "
              "counts), the p-values Holm-adjusted together.",
        "zh": "按会话开始的周：进入漏斗的会话中完成漏斗的比例及其 95% 区间；每周与前一周检验（卡方检验，计数小时用 Fisher 精确检验），"
              "所有 p 值一起做 Holm 校正。"},
    "behaviour.before": {"en": "What came before a goal", "zh": "到达目标之前的路径"},
    "behaviour.before.goal": {"en": "Goal", "zh": "目标"},
    "behaviour.before.goal_help": {"en": "An event name or a page of the log (the funnel's last step first).",
                                   "zh": "日志中的事件名称或页面（漏斗最后一步排在最前）。"},
    "behaviour.before.entry": {"en": "(the goal came first)", "zh": "（目标最先出现）"},
    "behaviour.before.help": {
        "en": "The last three pages viewed before each session's first {goal}, oldest first; share of the sessions "
              "that reached it.",
        "zh": "每个会话第一次 {goal} 之前最后浏览的三个页面（从早到晚）；占到达该目标的会话的比例。"},
    "behaviour.frustration": {"en": "Frustration signals", "zh": "受挫信号"},
    "behaviour.frustration.help": {
        "en": "Page loops: the same page three times within 5 minutes. Back and forth: page A, another page, then A "
              "again within 60 seconds. Dead ends: a session ending on an error or no-result page (when the log names "
              "them). Shares of the sessions that reached the stage or viewed the page.",
        "zh": "页面循环：5 分钟内三次浏览同一页面。来回跳转：页面 A、另一页面、60 秒内又回到 A。死胡同：会话结束在错误页或无结果页"
              "（日志中有此类页面时）。比例以到达该阶段或浏览该页面的会话为基数。"},
    "behaviour.frustration.loop": {"en": "Page loop", "zh": "页面循环"},
    "behaviour.frustration.back_forth": {"en": "Back and forth", "zh": "来回跳转"},
    "behaviour.frustration.dead_end": {"en": "Dead end", "zh": "死胡同"},
    "behaviour.frustration.share": {"en": "Sessions with the signal (%)", "zh": "出现该信号的会话（%）"},
    "behaviour.frustration.sessions": {"en": "Sessions with the signal", "zh": "出现该信号的会话数"},
    "behaviour.frustration.none": {"en": "No session shows a page loop, back and forth or dead end.",
                                   "zh": "没有会话出现页面循环、来回跳转或死胡同。"},
    "behaviour.chart.frustration": {
        "en": "{signal} is commonest at {stage}: {share}% of its sessions ({interval}%, {n} sessions)",
        "zh": "{signal}在{stage}阶段最常见：占其会话的 {share}%（{interval}%，{n} 个会话）"},
    "behaviour.paths": {"en": "Paths and flows", "zh": "路径与流向"},
    "behaviour.top_paths": {"en": "Most common paths from entry", "zh": "从进入开始最常见的路径"},
    "behaviour.path": {"en": "Path", "zh": "路径"},
    "behaviour.flow_step": {"en": "Move", "zh": "跳转"},
    "behaviour.flow_step_n": {"en": "Page {k} → {next}", "zh": "第 {k} → {next} 页"},
    "behaviour.from_page": {"en": "From", "zh": "从"},
    "behaviour.to_page": {"en": "To", "zh": "到"},
    "behaviour.chart.flows": {
        "en": "From page {k}, the commonest move is {move} ({share}% of sessions)",
        "zh": "从第 {k} 页起，最常见的跳转是 {move}（占会话的 {share}%）",
    },
    "behaviour.journey": {"en": "Into the journey", "zh": "对应到旅程"},
    "behaviour.journey_help": {
        "en": "Pages and events are mapped to journey stages by pattern (first match wins). Reach = sessions with "
              "an event at the stage / all sessions; leaving = sessions whose last staged event was there / "
              "sessions reaching it. Both with 95% intervals; the Journey page sets them beside the survey.",
        "zh": "页面和事件按模式映射到旅程阶段（先匹配者优先）。到达率 = 在该阶段有事件的会话 / 全部会话；"
              "离开率 = 最后一个阶段事件在此的会话 / 到达该阶段的会话。均含 95% 区间；“旅程”页会把它们与问卷并列显示。",
    },
    "behaviour.stage_map": {"en": "Pages → stages", "zh": "页面 → 阶段"},
    "behaviour.stage_map_help": {
        "en": "Glob patterns matched against page paths and event names, case ignored, first match wins. Add, "
              "edit or delete rows.",
        "zh": "通配模式，匹配页面路径和事件名称，不区分大小写，先匹配者优先。可添加、修改或删除行。",
    },
    "behaviour.pattern": {"en": "Pattern", "zh": "模式"},
    "behaviour.stage_map_reset": {"en": "Back to the default rules", "zh": "恢复默认规则"},
    "behaviour.axis.reach_all": {"en": "Reach (% of sessions)", "zh": "到达率（占会话 %）"},
    "behaviour.axis.leave": {"en": "Leave the journey here (%)", "zh": "在此离开旅程（%）"},
    "behaviour.journey_none": {"en": "No page or event matches a stage rule.", "zh": "没有页面或事件匹配阶段规则。"},
    "behaviour.chart.stages": {
        "en": "Sessions leave the journey most at {stage}: {rate}% of the {n} that reach it ({interval}%)",
        "zh": "会话最常在{stage}阶段离开旅程：到达的 {n} 个会话中 {rate}%（{interval}%）",
    },
    "behaviour.chart.stages_small": {
        "en": "No stage is reached by 30 sessions: every figure is a small sample",
        "zh": "没有阶段达到 30 个会话：所有数字都是小样本",
    },
    "behaviour.to_journey": {"en": "See the stages beside the survey on the Journey page",
                             "zh": "在“旅程”页查看各阶段与问卷的对照"},
    "behaviour.downloads": {"en": "Downloads", "zh": "下载"},
    "behaviour.download.sessions": {"en": "Sessions (CSV)", "zh": "会话（CSV）"},
    "behaviour.download.funnel": {"en": "Funnel (CSV)", "zh": "漏斗（CSV）"},
    "behaviour.download.pages": {"en": "Pages (CSV)", "zh": "页面（CSV）"},
    "behaviour.table_kind": {
        "en": "{file} is a session table: {n} sessions, one a row, with their bounce and exit rates.",
        "zh": "{file} 是会话表：共 {n} 个会话，每行一个，带跳出率和退出率。",
    },
    "behaviour.table_help": {
        "en": "A session table has no events, so there is no funnel, path or time on page: its rates are "
              "averages of the pages each session viewed, as the export computed them.",
        "zh": "会话表没有事件，因此没有漏斗、路径或停留时间：其比率是导出时按每个会话浏览页面计算的平均值。",
    },
    "behaviour.table_by": {"en": "By {column}", "zh": "按 {column}"},
    "behaviour.chart.table_by": {
        "en": "{group} converts most: {rate}% of its {n} sessions ({interval}%)",
        "zh": "{group} 转化率最高：其 {n} 个会话中 {rate}%（{interval}%）",
    },
    "behaviour.chart.table_by_none": {"en": "Bounce and exit rates by {column}", "zh": "按 {column} 的跳出率和退出率"},
    "behaviour.bounce_low": {"en": "Bounce 95% low", "zh": "跳出率 95% 下限"},
    "behaviour.bounce_high": {"en": "Bounce 95% high", "zh": "跳出率 95% 上限"},
    "behaviour.exit_low": {"en": "Exit 95% low", "zh": "退出率 95% 下限"},
    "behaviour.exit_high": {"en": "Exit 95% high", "zh": "退出率 95% 上限"},
    "behaviour.conversions": {"en": "Conversions", "zh": "转化数"},
    "behaviour.table_test_differs": {
        "en": "Conversion differs by {column} ({test}, {p}).",
        "zh": "转化率因 {column} 而不同（{test}，{p}）。",
    },
    "behaviour.table_test_same": {
        "en": "Conversion does not differ by {column} beyond chance ({test}, {p}).",
        "zh": "转化率在 {column} 之间没有超出随机波动的差异（{test}，{p}）。",
    },
    "behaviour.journey.title": {"en": "Scores and sessions", "zh": "评分与会话"},
    "behaviour.journey.source": {
        "en": "Sessions from the log on the Behaviour page ({files}); the sidebar filters do not apply to it.",
        "zh": "会话来自“行为”页的日志（{files}）；侧边栏筛选不作用于日志。",
    },
    "behaviour.journey.source_db": {
        "en": "Sessions from the table {table} in the database {name}, analysed in the database with the Behaviour "
              "page's settings; the sidebar filters do not apply to it.",
        "zh": "会话来自数据库 {name} 中的表 {table}，按“行为”页的设置在数据库内分析；侧边栏筛选不作用于日志。",
    },
    "behaviour.journey.source_connected": {
        "en": "Sessions from the log connected on the server, {path} ({files} files, {mb} MB), read in place by DuckDB "
              "with the Behaviour page's settings; the sidebar filters do not apply to it.",
        "zh": "会话来自服务器上连接的日志 {path}（{files} 个文件，{mb} MB），按“行为”页的设置由 DuckDB 直接读取；"
              "侧边栏筛选不作用于日志。",
    },
    "behaviour.journey.card": {"en": "Sessions reaching: {n} ({reach}%) · leaving here: {leave}",
                               "zh": "到达的会话：{n}（{reach}%）· 在此离开：{leave}"},
    "behaviour.journey.card_small": {"en": "Sessions reaching: {n} ({reach}%) · leaving here: {leave} · small sample",
                                     "zh": "到达的会话：{n}（{reach}%）· 在此离开：{leave} · 样本量小"},
    "behaviour.journey.card_none": {"en": "No session reaches this stage", "zh": "没有会话到达此阶段"},
    "behaviour.journey.sessions": {"en": "Sessions reaching", "zh": "到达的会话"},
    "behaviour.journey.reach": {"en": "Reach", "zh": "到达率"},
    "behaviour.journey.leave": {"en": "Leaving here", "zh": "在此离开"},
    "behaviour.journey.leave_interval": {"en": "Leaving 95% interval", "zh": "离开率 95% 区间"},
    "behaviour.journey.card_frustrated": {"en": "With a frustration signal here: {share} · most often: {signal}",
                                          "zh": "在此出现受挫信号的会话：{share} · 最常见：{signal}"},
    "behaviour.journey.card_calm": {"en": "No frustration signal here", "zh": "此阶段没有受挫信号"},
    "behaviour.journey.frustrated": {"en": "With a frustration signal", "zh": "出现受挫信号"},
    "behaviour.journey.frustrated_interval": {"en": "Frustration 95% interval", "zh": "受挫信号 95% 区间"},
    "behaviour.journey.top_signal": {"en": "Most frequent signal", "zh": "最常见的信号"},
    "behaviour.journey.interval_short": {"en": "95% CI", "zh": "95% 区间"},
    "behaviour.journey.frustrated_short": {"en": "Frustrated", "zh": "受挫"},
    "behaviour.journey.verdict_few": {
        "en": "No stage is reached by 30 sessions, so the log cannot yet say where visitors leave.",
        "zh": "没有阶段达到 30 个会话，日志还不能说明访客在哪里离开。",
    },
    "behaviour.journey.verdict_agree": {
        "en": "The survey's weakest stage, {survey} (score {score}), is also where the most sessions leave the "
              "journey: {leave} of the {n} sessions that reach it.",
        "zh": "问卷得分最低的阶段{survey}（{score} 分）也是会话离开旅程最多的阶段：到达的 {n} 个会话中有 {leave}。",
    },
    "behaviour.journey.verdict_disagree": {
        "en": "The survey scores {survey} lowest ({score}), but sessions leave the journey most at {stage}: "
              "{leave} of the {n} sessions that reach it.",
        "zh": "问卷中{survey}得分最低（{score} 分），但会话最常在{stage}离开旅程：到达的 {n} 个会话中有 {leave}。",
    },
    "behaviour.journey.verdict_unreached": {"en": "No session of the log reaches {survey}.",
                                            "zh": "日志中没有会话到达{survey}。"},
    "behaviour.journey.verdict_separated": {
        "en": "At {survey}, {leave} of {n} leave; the intervals do not overlap, so {stage} does lose more sessions.",
        "zh": "在{survey}，{n} 个会话中有 {leave} 离开；两个区间不重叠，因此{stage}确实流失更多会话。",
    },
    "behaviour.journey.verdict_overlap": {
        "en": "At {survey}, {leave} of {n} leave; the intervals overlap, so the log does not show {stage} losing "
              "more sessions than {survey}.",
        "zh": "在{survey}，{n} 个会话中有 {leave} 离开；两个区间重叠，因此日志不能表明{stage}比{survey}流失更多会话。",
    },
    # Pages not built yet
    # Report page (the insight notebook)
    "report.pin": {"en": "Pin", "zh": "固定"},
    "report.note": {"en": "Your note", "zh": "您的批注"},
    "report.note_placeholder": {"en": "What this shows, and what to do about it", "zh": "这说明了什么，应采取什么行动"},
    "report.pin_button": {"en": "Pin to the report", "zh": "固定到报告"},
    "report.pinned": {"en": "Pinned to the report.", "zh": "已固定到报告。"},
    "report.sample_draft": {
        "en": "Until something is pinned, here is the report of the bundled sample's files as the command line "
              "writes it (python -m analysis report): their headline figures and touchpoints.",
        "zh": "在固定任何内容之前，这里是内置示例文件的报告（与命令行 python -m analysis report 生成的相同）："
              "核心指标和触点。",
    },
    "report.nothing_pinned": {
        "en": "Nothing is pinned yet. Use the Pin button under any chart or table to add it here with a note: the "
              "pins, in order, are the story stakeholders read and download.",
        "zh": "尚未固定任何内容。使用任意图表或表格下方的“固定”按钮，连同批注一起添加到此处："
              "这些按顺序排列的内容就是干系人阅读和下载的报告。",
    },
    "report.intro": {"en": "{n} pinned results of {project}, in reading order.",
                     "zh": "{project} 的 {n} 项已固定结果，按阅读顺序排列。"},
    "report.download": {"en": "Download the report (HTML)", "zh": "下载报告（HTML）"},
    "report.pdf_hint": {
        "en": "The HTML report holds its charts and needs no internet; for a PDF, open it and print it to PDF.",
        "zh": "HTML 报告自带图表，无需联网；如需 PDF，请打开后“打印为 PDF”。",
    },
    "report.untitled": {"en": "Untitled", "zh": "未命名"},
    "report.pinned_on": {"en": "Pinned from {page} · {when}", "zh": "固定自 {page} · {when}"},
    "report.edit_note": {"en": "Edit note", "zh": "编辑批注"},
    "report.save_note": {"en": "Save note", "zh": "保存批注"},
    "report.up": {"en": "Up", "zh": "上移"},
    "report.down": {"en": "Down", "zh": "下移"},
    "report.remove": {"en": "Remove", "zh": "移除"},
    "report.page": {"en": "Page (of {pages})", "zh": "页码（共 {pages} 页）"},
    "report.showing": {"en": "Pins {first}–{last} of {total}", "zh": "第 {first}–{last} 条，共 {total} 条"},
    # Projects and share links
    "project.name": {"en": "Project: {name}", "zh": "项目：{name}"},
    "project.read_only": {
        "en": "Read-only view: you see the project's data and settings; nothing you do here changes it.",
        "zh": "只读视图：您看到的是项目的数据和设置；在此所做的任何操作都不会改变项目。",
    },
    "project.share": {"en": "Share", "zh": "分享"},
    "project.share_help": {
        "en": "**View link** (read-only, opens this page with these filters): anyone with it sees the project's "
              "data but cannot change anything.",
        "zh": "**查看链接**（只读，打开此页面并带上当前筛选）：持有者可查看项目数据，但无法做任何修改。",
    },
    "project.view_link_unknown": {
        "en": "The view link was issued earlier and is not shown again (only its fingerprint is kept). Make a new "
              "one to copy it: the old one then stops working.",
        "zh": "查看链接已在之前生成，不再显示（只保存其指纹）。如需复制，请生成新链接：旧链接随即失效。",
    },
    "project.view_link_none": {
        "en": "This project has no view link yet. Create one to share it read-only.",
        "zh": "此项目还没有查看链接。创建一个即可只读分享。",
    },
    "project.create_view_link": {"en": "Create view link", "zh": "创建查看链接"},
    "project.new_view_link": {"en": "New view link", "zh": "生成新查看链接"},
    "project.revoke_view_link": {"en": "Revoke view link", "zh": "撤销查看链接"},
    "project.edit_link": {
        "en": "**Edit link** (this address): keep it to yourself; it reopens the project with full rights.",
        "zh": "**编辑链接**（即当前地址）：请勿外传；它可以完全权限重新打开项目。",
    },
    "project.view_name": {"en": "Name this view (page and filters)", "zh": "为此视图命名（页面与筛选）"},
    "project.save_view": {"en": "Save view", "zh": "保存视图"},
    "project.view_saved": {"en": "Saved the view {name}.", "zh": "已保存视图 {name}。"},
    "project.view_alike": {"en": "It looks like the saved view {other}: check that you meant a new one.",
                           "zh": "它看起来与已保存的视图 {other} 很像：请确认确实需要新建。"},
    "project.saved_views": {"en": "Saved views", "zh": "已保存的视图"},
    "project.bad_link.title": {"en": "This link does not open a project", "zh": "此链接无法打开项目"},
    "project.bad_link": {
        "en": "The link is unknown, mistyped or has been revoked, so no data is shown. Ask the person who shared "
              "it for a new link.",
        "zh": "该链接未知、有误或已被撤销，因此不显示任何数据。请向分享者索取新链接。",
    },
    "project.bad_link.start": {"en": "Start with the sample data", "zh": "从示例数据开始"},
    "project.gone.title": {"en": "This project no longer exists", "zh": "此项目已不存在"},
    "project.gone.deleted": {
        "en": "An editor deleted it on {date}, with all its files, settings, pins and links, so there is nothing "
              "to show. Ask the person who shared the link whether there is a new project.",
        "zh": "编辑者已于 {date} 将其删除，连同全部文件、设置、图钉和链接，因此没有可显示的内容。"
              "请向分享者确认是否有新的项目。",
    },
    "project.gone.expired": {
        "en": "It was removed on {date} because nobody changed or opened it for longer than this server keeps "
              "unused projects, so there is nothing to show. Ask the person who shared the link for a new one.",
        "zh": "由于长时间无人修改或打开，超过了本服务器保留闲置项目的期限，它已于 {date} 被移除，因此没有可显示的内容。"
              "请向分享者索取新链接。",
    },
    "project.delete": {"en": "Delete project", "zh": "删除项目"},
    "project.delete_help": {
        "en": "Deletes this project for everyone who has its links: every uploaded file and all its versions, column "
              "roles and other settings, trained classifiers, saved views, pins, notes and both links. It cannot "
              "be undone; the links then say the project no longer exists.",
        "zh": "将为所有持有链接的人删除此项目：所有上传的文件及其全部版本、列角色和其他设置、已训练的分类器、已保存的视图、"
              "图钉、笔记以及两个链接。此操作无法撤销；之后链接会显示项目已不存在。",
    },
    "project.delete_confirm": {"en": "Yes, delete {name} and everything in it",
                               "zh": "是的，删除 {name} 及其全部内容"},
    "project.delete_button": {"en": "Delete for good", "zh": "永久删除"},
    "project.deleted": {"en": "Deleted the project {name}.", "zh": "已删除项目 {name}。"},
    "project.not_saved": {
        "en": "Your work cannot be saved to the project right now, so it stays in this browser tab only. {reason}",
        "zh": "目前无法把您的工作保存到项目中，因此只保留在此浏览器标签页里。{reason}",
    },
    "project.store_down.title": {"en": "The project cannot be opened", "zh": "无法打开该项目"},
    "project.store_down": {
        "en": "The store that keeps the project cannot be used. {reason}",
        "zh": "保存该项目的存储无法使用。{reason}",
    },

    # Data page
    "upload.button": {"en": "Upload", "zh": "上传"},
    "upload.limit": {"en": "{size}MB per file", "zh": "每个文件不超过 {size}MB · CSV、TSV、TXT、XLSX、XLS、JSON"},
    "data.preview.empty": {
        "en": "No rows are left to use: every one was set aside (see the validation report above).",
        "zh": "没有可用的行：所有行都被排除了（见上方的校验报告）。",
    },
    "data.preview.respondent_id": {"en": "Respondent ID", "zh": "受访者 ID"},
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
        "en": "No file uploaded yet, so the bundled sample project is shown: a real airline passenger survey "
              "and real airline tweets, with simulated parts no public airline data has (NPS, CSAT, CES, response "
              "dates, advertising and rewards ratings, which respondent wrote each tweet, and a web event log).",
        "zh": "尚未上传文件，因此显示内置示例项目：真实的航空乘客满意度问卷和真实的航空公司推文，以及公开航空数据所没有、"
              "因而模拟生成的部分（NPS、CSAT、CES、答卷日期、广告与常旅客奖励评分、每条推文对应的受访者、网站事件日志）。",
    },
    "data.loading": {"en": "Reading {name}…", "zh": "正在读取 {name}…"},
    "data.step.read": {"en": "Reading the file: encoding, delimiter, header rows…", "zh": "正在读取文件：编码、分隔符、表头…"},
    "data.step.roles": {"en": "Guessing what each of the {columns} columns means…", "zh": "正在识别 {columns} 列各自的含义…"},
    "data.step.check": {
        "en": "Checking every value of {rows} rows and computing the headline metrics…",
        "zh": "正在检查 {rows} 行中的每个值并计算核心指标…",
    },
    "data.step.customers": {"en": "Valuing every customer…", "zh": "正在计算每位客户的价值…"},
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
    "data.mapping_find": {"en": "Find columns", "zh": "查找列"},
    "data.mapping_find_hint": {"en": "words from the column, label or question", "zh": "列名、标签或问题中的文字"},
    "data.mapping_roles": {"en": "Show roles", "zh": "显示的角色"},
    "data.mapping_all_roles": {"en": "All roles", "zh": "全部角色"},
    "data.mapping_shown": {"en": "{shown} of {total} columns shown.", "zh": "显示 {total} 列中的 {shown} 列。"},
    "data.mapping_refused": {
        "en": "This edit can't be used, so every page keeps the previous mapping: {reason}",
        "zh": "此修改无法使用，所有页面继续使用之前的映射：{reason}",
    },
    "data.mapping_bulk": {"en": "Role for the {count} columns shown", "zh": "为显示的 {count} 列设置角色"},
    "data.mapping_bulk_pick": {"en": "Choose a role", "zh": "选择角色"},
    "data.mapping_bulk_apply": {"en": "Apply to all shown", "zh": "应用到所有显示的列"},
    "data.col.label": {"en": "Short label", "zh": "简称"},
    "data.col.label_help": {
        "en": "How charts and findings name the column; the full question stays in tooltips.",
        "zh": "图表和结论中对该列的称呼；完整问题保留在提示中。",
    },
    "data.col.words": {"en": "Answer words", "zh": "文字取值"},
    "data.col.words_help": {
        "en": "Words that stand for numbers on this rating, as word=number separated by semicolons "
              "(Poor=1; Fair=2; Good=3); on a yes/no column, which answer means yes, as answer=yes or "
              "answer=no (1=no; 2=yes).",
        "zh": "在此评分中代表数字的文字，写成“文字=数字”，用分号分隔（差=1; 一般=2; 好=3）；"
              "对是/否列，写明哪个答案表示“是”，如“答案=yes”或“答案=no”（1=no; 2=yes）。",
    },
    "data.col.note": {"en": "How it was read", "zh": "读取说明"},
    "data.mapping_check": {
        "en": "The export does not say how to read {count} column(s): {columns}. Each was read the usual way; its "
              "note says how. Check the questionnaire and fix Reverse or Words where it differs.",
        "zh": "导出文件没有说明如何读取 {count} 列：{columns}。这些列已按常规方式读取，备注中有说明。"
              "请核对问卷，如有不同请修改“反向”或“文字取值”。",
    },
    "data.mapping_reset": {"en": "Reset to detected roles", "zh": "恢复为自动识别的角色"},
    "data.share_words": {"en": "Same answers, same words", "zh": "答案相同，取值相同"},
    "data.share_words_help": {
        "en": "Columns answered with the same labels are usually one scale. Pick the column whose words (and role, "
              "scale and direction) are right, and give them to every column with the same answers.",
        "zh": "答案标签相同的列通常是同一个量表。选择文字取值（以及角色、量表和方向）正确的列，把它们应用到所有答案相同的列。",
    },
    "data.share_words_from": {"en": "Column whose words to use", "zh": "使用哪一列的文字取值"},
    "data.share_words_apply": {"en": "Use them for the {count} columns with the same answers",
                               "zh": "应用到答案相同的 {count} 列"},
    "data.templates": {"en": "Mapping templates (for the next wave)", "zh": "映射模板（用于下一期数据）"},
    "data.templates_help": {
        "en": "Save this mapping (roles, labels, scales and words, by column name) to apply it to the next wave of "
              "the survey, here or as a downloaded file.",
        "zh": "保存当前映射（按列名保存角色、简称、量表和文字取值），以便应用到下一期调查数据：可在此处应用，也可下载为文件。",
    },
    "data.template_name": {"en": "Template name", "zh": "模板名称"},
    "data.template_save": {"en": "Save as template", "zh": "保存为模板"},
    "data.template_saved": {"en": "Saved the template {name}.", "zh": "已保存模板 {name}。"},
    "data.template_pick": {"en": "Saved template", "zh": "已保存的模板"},
    "data.template_pick_none": {"en": "Choose a template", "zh": "选择模板"},
    "data.template_apply": {"en": "Apply to this file", "zh": "应用到此文件"},
    "data.template_download": {"en": "Download as JSON", "zh": "下载为 JSON"},
    "data.template_upload": {"en": "Upload a template (JSON)", "zh": "上传模板（JSON）"},
    "data.template_applied": {"en": "Template {name} applied: {matched} of its {total} columns found in this file.",
                              "zh": "已应用模板 {name}：其 {total} 列中有 {matched} 列在此文件中找到。"},
    "data.template_not_in_file": {"en": "Columns of the template this file lacks: {columns}",
                                  "zh": "模板中有、此文件中没有的列：{columns}"},
    "data.template_new_columns": {"en": "Columns of this file the template does not name (read as detected): {columns}",
                                  "zh": "此文件中有、模板未包含的列（按自动识别读取）：{columns}"},
    "data.col.column": {"en": "Column", "zh": "列"},
    "data.col.role": {"en": "Role", "zh": "角色"},
    "data.col.question": {"en": "Question", "zh": "问题"},
    "data.col.scale_min": {"en": "Scale min", "zh": "量表最小值"},
    "data.col.scale_max": {"en": "Scale max", "zh": "量表最大值"},
    "data.col.reverse": {"en": "Reverse", "zh": "反向"},
    "data.col.reverse_help": {
        "en": "Tick when a higher number is worse (e.g. “how much effort…”); on a yes/no column, to swap "
              "which answer means yes.",
        "zh": "数值越高代表越差时勾选（例如“费了多大力气……”）；对是/否列，勾选可互换“是”与“否”。",
    },
    "data.col.zero_is_na": {"en": "0 = N/A", "zh": "0 = 不适用"},
    "data.col.zero_is_na_help": {
        "en": "Tick when 0 means “not applicable” rather than a score; those answers are left out.",
        "zh": "当 0 表示“不适用”而不是分数时勾选；这些回答将不计入。",
    },
    "data.col.row": {"en": "Row", "zh": "行"},
    "data.col.value": {"en": "Value", "zh": "值"},
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

    # Customer value (transaction exports)
    "customers.title": {"en": "Customer value", "zh": "客户价值"},
    "customers.customers": {"en": "Customers", "zh": "客户数"},
    "customers.customers_help": {
        "en": "Customers with at least one sale in the export; customers with only returns are set aside.",
        "zh": "导出中至少有一笔购买的客户；只有退货的客户被单独列出。",
    },
    "customers.clv_help": {
        "en": "Historic customer lifetime value: average order value × orders a year × expected lifespan (years), on "
              "revenue net of returns; mean per customer, under it its 95% interval (BCa bootstrap over customers: "
              "longer above the mean, where the few big customers are).",
        "zh": "历史客户生命周期价值：平均订单金额 × 年订单数 × 预期生命周期（年），按扣除退货后的净收入计算；"
              "为每位客户的平均值，下方为其 95% 置信区间（对客户做 BCa 自助法：少数大客户在均值之上，故上侧更长）。",
    },
    "customers.revenue": {"en": "Net revenue", "zh": "净收入"},
    "customers.set_aside": {"en": "Set aside, with the reason:", "zh": "被排除的部分及原因："},
    "customers.reason": {"en": "Reason", "zh": "原因"},
    "customers.segment": {"en": "Buying behaviour", "zh": "购买行为"},
    "customers.share_customers": {"en": "% of customers", "zh": "客户占比 %"},
    "customers.share_revenue": {"en": "% of revenue", "zh": "收入占比 %"},
    "customers.chart_title": {
        "en": "{segment}: {revenue}% of revenue from {customers}% of customers",
        "zh": "{segment}：以 {customers}% 的客户贡献了 {revenue}% 的收入",
    },
    "customers.compare_link": {"en": "Compare groups of customers", "zh": "对比不同客户群"},
    "customers.journey_note": {
        "en": "This is a transaction export: it has purchases, not ratings, so there is no journey to draw. See its "
              "customers' value on the Data page, or compare groups of customers.",
        "zh": "这是交易导出文件：只有购买记录，没有评分，因此无法绘制旅程。请在数据页面查看客户价值，或对比不同客户群。",
    },

    # Codes from the analysis library
    "delimiter.comma": {"en": "Comma", "zh": "逗号"},
    "delimiter.semicolon": {"en": "Semicolon", "zh": "分号"},
    "delimiter.tab": {"en": "Tab", "zh": "制表符"},
    "delimiter.pipe": {"en": "Pipe |", "zh": "竖线 |"},
    "delimiter.line": {"en": "Line break (one text a line)", "zh": "换行（每行一条文本）"},

    # Metric tiles
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
    "metric_help.conversion": {
        "en": "% of respondents who converted (a yes/no behaviour column such as purchased); ± is half the 95% "
              "interval.",
        "zh": "已转化的受访者占比（如“已购买”这类是/否行为列）；± 为 95% 置信区间的一半。",
    },
    "tile.n": {"en": "n = {n}", "zh": "n = {n}"},
    "tile.small_sample": {"en": "n = {n} · small sample", "zh": "n = {n} · 样本量小"},
    "tile.n_weighted": {"en": "eff. n = {effective_n}", "zh": "有效 n = {effective_n}"},
    "tile.small_sample_weighted": {"en": "eff. n = {effective_n} · small sample",
                                   "zh": "有效 n = {effective_n} · 样本量小"},
    "tile.weighted_help": {
        "en": "Weighted: the value is the weighted one and its interval is at Kish's effective n, {effective_n} of "
              "the {n} answers (the number of unweighted answers that would be as precise).",
        "zh": "已加权：数值为加权值，其区间按 Kish 有效样本量计算：{n} 个回答中的 {effective_n}（即精度相同的未加权回答数）。",
    },

    # Weights (Data page panel, and the note under every page's figures)
    "weights.title": {"en": "Weights", "zh": "加权"},
    "compare.effective_n": {"en": "Effective n ({group})", "zh": "有效样本量（{group}）"},
    "compare.effective_n_help": {
        "en": "Kish's effective n of the group's weighted answers: the tests and intervals are at this n.",
        "zh": "该组加权回答的 Kish 有效样本量：检验和区间按此样本量计算。"},
    "weights.intro": {
        "en": "Weight the survey so that its shares of some columns meet targets (census margins, say), or use a "
              "weight column of the file. Every metric, interval and test on every page then uses the weights; "
              "intervals and tests at Kish's effective n.",
        "zh": "为问卷加权，使某些列的占比达到目标（例如人口普查的边际分布），或使用文件中的权重列。之后每个页面的所有指标、"
              "区间和检验都使用权重；区间和检验按 Kish 有效样本量计算。",
    },
    "weights.switch": {"en": "Use weights", "zh": "使用加权"},
    "weights.switch_help": {"en": "Off: every figure is unweighted; the settings are kept.",
                            "zh": "关闭时所有数字均不加权；设置会保留。"},
    "weights.mode": {"en": "Weights from", "zh": "权重来源"},
    "weights.mode.targets": {"en": "Target shares (raking)", "zh": "目标比例（迭代加权）"},
    "weights.mode.column": {"en": "A weight column in the file", "zh": "文件中的权重列"},
    "weights.column": {"en": "Weight column", "zh": "权重列"},
    "weights.column_placeholder": {"en": "Choose a column", "zh": "选择一列"},
    "weights.column_help": {
        "en": "A row whose weight is blank, not a number or 0 and below is left out of every figure, counted below. "
              "Set the column's role to Ignore in the mapping so it is not read as a rating.",
        "zh": "权重为空、不是数字或小于等于 0 的行不计入任何数字，下方会计数。请在列角色中把该列设为“忽略”，以免被当作评分。",
    },
    "weights.columns": {"en": "Columns to weight to", "zh": "要加权的列"},
    "weights.columns_placeholder": {"en": "Choose one or more columns", "zh": "选择一列或多列"},
    "weights.columns_help": {
        "en": "Columns with up to 30 values, and numeric columns (by bands). Raking adjusts the weights column by "
              "column, pass after pass, until every share meets its target.",
        "zh": "最多 30 个取值的列，以及数值列（按区间）。迭代加权逐列、逐轮调整权重，直到每个占比都达到目标。",
    },
    "weights.shares": {"en": "Target shares of **{column}**", "zh": "**{column}** 的目标比例"},
    "weights.paste": {"en": "Or paste the shares", "zh": "或粘贴比例"},
    "weights.paste_placeholder": {"en": "A:0.5, B:0.5 or A:50%, B:50%", "zh": "A:0.5, B:0.5 或 A:50%, B:50%"},
    "weights.paste_help": {
        "en": "Category:share pairs separated by commas, shares as 0.51 or 51%; a numeric column by bands from LOW "
              "up to, not including, HIGH: ..30:0.3, 30..50:0.4, 50..:0.3. Press Enter to fill the table.",
        "zh": "用逗号分隔的“类别:比例”，比例写作 0.51 或 51%；数值列按区间（含下限、不含上限）：..30:0.3, 30..50:0.4, "
              "50..:0.3。按回车填入表格。",
    },
    "weights.trim": {"en": "Trim the weights", "zh": "截尾权重"},
    "weights.trim_help": {
        "en": "Keep every weight between a floor and a cap (relative to a mean of 1): fewer extreme weights, a larger "
              "effective n, but the margins may then miss their targets (said below).",
        "zh": "把每个权重限制在下限与上限之间（相对于均值 1）：极端权重更少、有效样本量更大，但边际分布可能偏离目标（下方会说明）。",
    },
    "weights.floor": {"en": "Floor", "zh": "下限"},
    "weights.cap": {"en": "Cap", "zh": "上限"},
    "weights.col.column": {"en": "Column", "zh": "列"},
    "weights.col.category": {"en": "Category", "zh": "类别"},
    "weights.col.target": {"en": "Target %", "zh": "目标 %"},
    "weights.col.before": {"en": "Before %", "zh": "加权前 %"},
    "weights.col.after": {"en": "After %", "zh": "加权后 %"},
    "weights.fig.converged": {"en": "Passes", "zh": "迭代轮数"},
    "weights.fig.converged_help": {
        "en": "Raking passes until every weighted share was within 1e-8 of its target (or, trimmed, until the "
              "weights stopped changing).",
        "zh": "迭代加权直到每个加权占比与目标相差不超过 1e-8（截尾时直到权重不再变化）所用的轮数。"},
    "weights.fig.min": {"en": "Min weight", "zh": "最小权重"},
    "weights.fig.max": {"en": "Max weight", "zh": "最大权重"},
    "weights.fig.efficiency": {"en": "Efficiency", "zh": "加权效率"},
    "weights.fig.efficiency_help": {"en": "(Σw)² / (n·Σw²): 100% when every weight is the same.",
                                    "zh": "(Σw)² / (n·Σw²)：所有权重相同时为 100%。"},
    "weights.fig.effective_n": {"en": "Effective n", "zh": "有效样本量"},
    "weights.fig.effective_n_help": {
        "en": "Kish's effective sample size (Σw)² / Σw² of the {n} weighted rows: how many unweighted answers would "
              "be as precise.",
        "zh": "{n} 个加权行的 Kish 有效样本量 (Σw)² / Σw²：精度相同的未加权回答数。"},
    "weights.fig.deff": {"en": "Design effect", "zh": "设计效应"},
    "weights.fig.deff_help": {"en": "n / effective n: how much the weights widen the intervals' variance.",
                              "zh": "n / 有效样本量：权重使区间方差扩大的倍数。"},
    "weights.excluded": {"en": "Left out of every figure: {reasons}.", "zh": "不计入任何数字：{reasons}。"},
    "weights.margins": {"en": "Margins before and after weighting", "zh": "加权前后的边际分布"},
    "weights.viewer": {"en": "The weights were set by the project's editors.", "zh": "权重由项目编辑者设置。"},
    "weights.viewer_off": {"en": "No weights are in use.", "zh": "未使用权重。"},
    "weights.note_raked": {"en": "Weighted to {columns} · effective n {effective_n} of {n}",
                           "zh": "已按 {columns} 加权 · 有效样本量 {effective_n}（共 {n}）"},
    "weights.note_column": {"en": "Weighted by the column {column} · effective n {effective_n} of {n}",
                            "zh": "已按列 {column} 加权 · 有效样本量 {effective_n}（共 {n}）"},
    "weights.note_help": {
        "en": "Every metric, interval and test here uses the survey weights set on the Data page; intervals and "
              "tests at Kish's effective n of the rows shown.",
        "zh": "此处所有指标、区间和检验都使用“数据”页设置的问卷权重；区间和检验按所示行的 Kish 有效样本量计算。",
    },
    "weights.note_unweighted": {"en": "Unweighted", "zh": "未加权"},
    "weights.not_applied.comments": {"en": "Unweighted: every comment counts once (the survey weights apply to "
                                           "survey metrics)", "zh": "未加权：每条评论计一次（问卷权重只用于问卷指标）"},
    "weights.not_applied.events": {"en": "Unweighted: every session counts once (the survey weights apply to "
                                         "survey metrics)", "zh": "未加权：每个会话计一次（问卷权重只用于问卷指标）"},
    "weights.note_refused": {"en": "Unweighted: the weights set for this file cannot be made",
                             "zh": "未加权：无法为此文件生成所设置的权重"},
    "weights.note_refused_help": {"en": "The Weights panel on the Data page says why.",
                                  "zh": "“数据”页的“加权”面板会说明原因。"},

    # Sidebar filters
    "filter.title": {"en": "Filters", "zh": "筛选"},
    "filter.dates": {"en": "Date range", "zh": "日期范围"},
    "filter.channel": {"en": "Channel", "zh": "渠道"},
    "filter.all_channels": {"en": "All channels", "zh": "全部渠道"},
    "filter.segment": {"en": "Segment", "zh": "细分人群"},
    "filter.no_segment": {"en": "Everyone", "zh": "全部受访者"},
    "filter.segment_help": {
        "en": "Pick an attribute column (class, region, customer type…), then the values to keep.",
        "zh": "先选择一个属性列（舱位、地区、客户类型……），再选择要保留的取值。",
    },
    "filter.segment_values": {"en": "Keep {column}", "zh": "保留的 {column}"},
    "filter.all_values": {"en": "All values", "zh": "全部取值"},
    "filter.persona": {"en": "Persona", "zh": "用户画像"},
    "filter.all_personas": {"en": "Everyone", "zh": "全部受访者"},
    "filter.persona_help": {"en": "The personas last found on the Personas page.",
                            "zh": "“用户画像”页最近生成的画像。"},
    "filter.touchpoints": {"en": "Touchpoints", "zh": "触点"},
    "filter.all_touchpoints": {"en": "All touchpoints", "zh": "全部触点"},
    "filter.note": {"en": "Filtered: {n} of {total} responses", "zh": "已筛选：{total} 条回答中的 {n} 条"},
    "filter.note_help": {
        "en": "The sidebar filters narrow every number and chart on every page; a copied link keeps them.",
        "zh": "侧边栏筛选会作用于所有页面上的每个数字和图表；复制的链接会保留筛选条件。",
    },
    "filter.clear": {"en": "Clear filters", "zh": "清除筛选"},
    "data.all_set_aside": {
        "en": "No response of {name} can be used: all {rows} rows were set aside ({reasons}). The Data page lists "
              "each row and why; export the real responses, or map the column that marks them differently.",
        "zh": "{name} 中没有可用的回答：全部 {rows} 行都被排除（{reasons}）。“数据”页列出了每一行及原因；请导出真实回答，"
              "或更改标记这些行的列的角色。",
    },
    "filter.nothing_left": {
        "en": "No response matches the sidebar filters; widen or clear them.",
        "zh": "没有符合侧边栏筛选条件的回答；请放宽或清除筛选。",
    },

    # Journey page
    "journey.title": {"en": "Journey", "zh": "旅程"},
    "journey.source": {"en": "File: {name}", "zh": "文件：{name}"},
    "journey.working": {"en": "Preparing the journey…", "zh": "正在生成旅程…"},
    "journey.working_map": {"en": "Scoring every touchpoint and stage…", "zh": "正在计算每个触点和阶段的得分…"},
    "journey.fix_on_data": {"en": "Check the file and its column roles on the Data page", "zh": "前往数据页面检查文件和列角色"},
    "journey.by_channel": {
        "en": "This survey rates no touchpoint, so the journey is drawn from {metric} by {channel}: each channel is "
              "placed at the stage its name suggests (change any in the stage map).",
        "zh": "此问卷没有触点评分，因此按 {channel} 的 {metric} 绘制旅程：每个渠道按其名称放在相应阶段"
              "（可在阶段映射中修改）。",
    },
    "journey.no_touchpoints": {
        "en": "No column is mapped as a touchpoint rating, so there is nothing to chart yet.",
        "zh": "还没有任何列被映射为触点评分，暂时无法绘图。",
    },
    "journey.no_ratings": {
        "en": "No touchpoint has a valid rating in this selection.",
        "zh": "当前选择中没有任何触点有有效评分。",
    },
    "journey.map": {"en": "Journey map", "zh": "旅程地图"},
    "journey.headline": {"en": "Headline metrics", "zh": "核心指标"},
    "summary.to_chart": {"en": "(chart)", "zh": "（图表）"},
    "journey.stage_map": {"en": "Stage map: which stage each touchpoint belongs to", "zh": "阶段映射：每个触点属于哪个阶段"},
    "journey.stage_map_help": {
        "en": "Stages were guessed from the touchpoint names; change any that are wrong. Every chart on this "
              "page follows this map.",
        "zh": "阶段是根据触点名称推断的；如有错误请修改。本页所有图表都使用此映射。",
    },
    "journey.stage_map_reset": {"en": "Reset to guessed stages", "zh": "恢复为推断的阶段"},
    "journey.map_title": {
        "en": "Customers are least happy at {stage} ({score}/100)",
        "zh": "客户在「{stage}」阶段最不满意（{score}/100）",
    },
    "journey.map_subtitle": {"en": "High point: {stage} ({score}/100).", "zh": "最高点：{stage}（{score}/100）。"},
    "journey.map_title_one": {
        "en": "Only {stage} has ratings: {score}/100",
        "zh": "只有「{stage}」阶段有评分：{score}/100",
    },
    "journey.map_subtitle_one": {
        "en": "Place touchpoints in other stages with the stage map above to see the whole journey.",
        "zh": "请用上方的阶段映射把触点放到其他阶段，以查看完整旅程。",
    },
    "journey.map_legend": {
        "en": "Score = average rating as % of the scale; faces show the emotion.",
        "zh": "得分 = 平均评分占量表的百分比；表情代表情绪。",
    },
    "journey.card_more": {"en": "and {count} more", "zh": "另有 {count} 个"},
    "journey.card_n": {"en": "{n} respondents", "zh": "{n} 位受访者"},
    "journey.card_feedback": {"en": "Comments: {share}% negative, {positive}% positive (n = {n})",
                              "zh": "评论：{share}% 为负面，{positive}% 为正面（n = {n}）"},
    "journey.card_ratings": {"en": "ratings {face} **{score}**", "zh": "评分 {face} **{score}**"},
    "journey.feedback": {"en": "Scores and words, stage by stage", "zh": "评分与原话：逐个阶段"},
    "journey.feedback_source": {
        "en": "Comments from {file} ({column}), tagged to stages by their touchpoint keywords, read with the engine "
              "and thresholds chosen on the Sentiment page; the sidebar filters apply.",
        "zh": "评论来自 {file}（{column}），按触点关键词归入阶段，用“情感”页选择的引擎和阈值读取；侧边栏筛选同样适用。",
    },
    "journey.feedback_working": {"en": "Reading the comments…", "zh": "正在读取评论……"},
    "journey.feedback_none": {
        "en": "No comment mentions a touchpoint of the survey. Edit the touchpoint keywords on the Sentiment page.",
        "zh": "没有评论提及问卷中的触点。请在“情感”页编辑触点关键词。",
    },
    "journey.feedback_few": {
        "en": "Fewer than two stages have {n} or more comments, so scores and words are not compared.",
        "zh": "评论数达到 {n} 条的阶段不足两个，因此不比较评分与原话。",
    },
    "journey.feedback_agree": {
        "en": "Scores and words agree: **{stage}** is the weakest stage in the survey, and the comments about it are "
              "the most negative ({share}% of {n}).",
        "zh": "评分与原话一致：**{stage}** 是问卷中得分最低的阶段，相关评论也最负面（{n} 条中 {share}%）。",
    },
    "journey.feedback_disagree": {
        "en": "Scores and words differ: the survey scores **{survey}** lowest ({score}/100), while the comments are "
              "most negative about **{stage}** ({share}% of {n}).",
        "zh": "评分与原话不一致：问卷中 **{survey}** 得分最低（{score}/100），而评论对 **{stage}** 最负面（{n} 条中 {share}%）。",
    },
    "journey.feedback_close": {
        "en": "It does not clearly stand out from {other} ({share}% negative; {p}), so treat the ranking of the two "
              "as uncertain.",
        "zh": "它与 {other}（{share}% 为负面；{p}）差别不明显，两者的排序并不确定。",
    },
    "journey.feedback_n": {"en": "Comments", "zh": "评论数"},
    "journey.feedback_negative": {"en": "Negative", "zh": "负面"},
    "journey.feedback_interval": {"en": "95% interval (%)", "zh": "95% 置信区间（%）"},
    "journey.pain_point": {"en": "Top pain point", "zh": "主要痛点"},
    "journey.pain_topic": {"en": "Most criticised topic", "zh": "被批评最多的话题"},
    "journey.feedback_positive": {"en": "Positive", "zh": "正面"},
    "journey.channel": {"en": "Channel", "zh": "渠道"},
    "journey.channel_feedback": {"en": "What respondents say, by {channel}", "zh": "受访者的评论：按{channel}"},
    "journey.from_comments": {
        "en": "This survey rates no touchpoint and names no channel, so the journey is drawn from its comments: each "
              "comment is placed at the stage of the topic it mentions most (booking, staff, delivery, refund…; edit "
              "the topics' keywords on the Sentiment page). Shares are of the readable comments placed at each stage.",
        "zh": "此问卷没有触点评分，也没有渠道列，因此旅程由评论绘制：每条评论归入它提及最多的话题（预订、员工、配送、退款……）"
              "所在的阶段（可在“情感”页编辑话题关键词）。比例按每个阶段中可读取的评论计算。",
    },
    "journey.comments_title": {"en": "Comments are most negative at {stage}: {share}% of {n}",
                               "zh": "评论在{stage}阶段最负面：{n} 条中 {share}%"},
    "journey.comments_axis": {"en": "Share of the stage's comments (%)", "zh": "占该阶段评论的比例（%）"},
    "journey.card_comments": {"en": "{face} comments", "zh": "{face} 评论"},
    "journey.card_no_comments": {"en": "No comment is placed here.", "zh": "没有评论归入此阶段。"},
    "journey.card_pain": {"en": "Pain point: '{term}'", "zh": "痛点：“{term}”"},
    "journey.pain_touchpoint": {"en": "Most criticised touchpoint", "zh": "被批评最多的触点"},
    "journey.feedback_more": {"en": "More on the Sentiment page", "zh": "在“情感”页查看更多"},
    "journey.map_axis": {"en": "Score (0–100)", "zh": "得分（0–100）"},
    "journey.map_empty": {"en": "no touchpoints", "zh": "无触点"},
    "journey.score": {"en": "Score (0–100)", "zh": "得分（0–100）"},
    "journey.emotion": {"en": "Emotion", "zh": "情绪"},
    "journey.ratings": {"en": "Ratings", "zh": "评分数"},
    "journey.respondents": {"en": "Respondents", "zh": "受访者数"},
    "journey.n": {"en": "n", "zh": "n"},
    "journey.scale_min": {"en": "Scale min", "zh": "量表最小值"},
    "journey.weakest": {"en": "Weakest touchpoint", "zh": "最弱触点"},
    "journey.touchpoints": {"en": "Touchpoints", "zh": "触点"},
    "journey.friction": {"en": "Where customers are lost", "zh": "客户在哪里流失"},
    "journey.friction_none": {
        "en": "No touchpoint has enough ratings (30 or more) to name friction points.",
        "zh": "没有触点的评分数达到 30 条，无法判断摩擦点。",
    },
    "journey.friction_both": {
        "en": "**{touchpoint}** ({stage}) scores among the lowest, {score}/100, and {share}% of its ratings are "
              "in the two worst boxes (n = {n}).",
        "zh": "**{touchpoint}**（{stage}）得分位列最低之一，为 {score}/100，且 {share}% 的评分落在最差的两档（n = {n}）。",
    },
    "journey.friction_lowest": {
        "en": "**{touchpoint}** ({stage}) scores among the lowest: {score}/100 (n = {n}).",
        "zh": "**{touchpoint}**（{stage}）得分位列最低之一：{score}/100（n = {n}）。",
    },
    "journey.friction_detractors": {
        "en": "**{touchpoint}** ({stage}) has many unhappy customers: {share}% of its ratings are in the two "
              "worst boxes (n = {n}).",
        "zh": "**{touchpoint}**（{stage}）不满意的客户较多：{share}% 的评分落在最差的两档（n = {n}）。",
    },
    "journey.touchpoint_ratings": {"en": "Touchpoint ratings", "zh": "触点评分"},
    "journey.chart_title": {
        "en": "Lowest-rated touchpoint: {touchpoint} ({mean}/{scale})",
        "zh": "评分最低的触点：{touchpoint}（{mean}/{scale}）",
    },
    "journey.zero_na_some": {
        "en": "0 was read as “not applicable” and left out for: {touchpoints}. Change this on the Data page.",
        "zh": "以下触点的 0 分被视为“不适用”并已排除：{touchpoints}。可在数据页面修改。",
    },
    "journey.zero_na_none": {
        "en": "0 is counted as a rating for every touchpoint (none reads 0 as “not applicable”).",
        "zh": "所有触点的 0 分都计为评分（没有触点把 0 视为“不适用”）。",
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
    "journey.bottom2": {"en": "% bottom two", "zh": "最低两档占比 %"},
    "journey.zero_is_na": {"en": "0 = not applicable", "zh": "0 = 不适用"},
    "journey.yes": {"en": "yes", "zh": "是"},
    "journey.no": {"en": "no", "zh": "否"},

    # Key drivers
    "drivers.title": {"en": "Key drivers", "zh": "关键驱动因素"},
    "drivers.outcome": {"en": "Outcome to explain", "zh": "要解释的结果指标"},
    "drivers.no_outcome": {
        "en": "Key drivers need an overall outcome: map an NPS, CSAT or satisfied (yes / no) column on the Data page.",
        "zh": "关键驱动分析需要一个总体结果指标：请在数据页面把 NPS、CSAT 或满意（是 / 否）列映射出来。",
    },
    "drivers.working": {"en": "Estimating key drivers…", "zh": "正在计算关键驱动因素…"},
    "drivers.unavailable": {
        "en": "Key drivers can't be estimated for this selection. {reason}",
        "zh": "当前选择无法计算关键驱动因素。{reason}",
    },
    "drivers.chart_title_fix": {"en": "Fix first: {touchpoint}", "zh": "优先改进：{touchpoint}"},
    "drivers.chart_title": {"en": "{touchpoint} matters most", "zh": "{touchpoint} 影响最大"},
    "drivers.chart_facts": {
        "en": "{share}% of the impact, scores {score}/100.",
        "zh": "影响占 {share}%，得分 {score}/100。",
    },
    "drivers.chart_subtitle": {
        "en": "Dashed lines: medians. Top left: important but weak.",
        "zh": "虚线为中位数。左上角：重要但表现弱。",
    },
    "drivers.axis_performance": {"en": "Performance (score 0–100)", "zh": "表现（得分 0–100）"},
    "drivers.axis_importance": {
        "en": "Importance (% of explained variance in {outcome})",
        "zh": "重要性（占 {outcome} 已解释方差的 %）",
    },
    "drivers.quadrant": {"en": "Quadrant", "zh": "象限"},
    "drivers.share": {"en": "Importance (%)", "zh": "重要性（%）"},
    "drivers.performance": {"en": "Performance (0–100)", "zh": "表现（0–100）"},
    "drivers.beta": {"en": "Std. coefficient", "zh": "标准化系数"},
    "drivers.p_value": {"en": "p-value", "zh": "p 值"},
    "drivers.beta_help": {
        "en": "Standardised regression coefficient: the effect of one standard deviation of this rating with the "
              "others held fixed; negative means higher ratings go with a worse outcome.",
        "zh": "标准化回归系数：在其他评分不变时，该评分提高一个标准差带来的影响；为负表示评分越高结果越差。",
    },
    "drivers.r": {"en": "Correlation", "zh": "相关系数"},
    "drivers.r_help": {
        "en": "Correlation of this rating with the outcome on its own, ignoring the other touchpoints.",
        "zh": "不考虑其他触点时，该评分与结果指标的相关系数。",
    },
    "drivers.full_ranking": {"en": "Full ranking", "zh": "完整排名"},
    "drivers.method_title": {"en": "How key drivers are estimated", "zh": "关键驱动因素的计算方法"},
    "drivers.method": {
        "en": "The outcome is regressed on all touchpoint ratings at once, using respondents who answered all of "
              "them. Because ratings are correlated, plain regression coefficients are unstable, so importance is "
              "measured with **relative weights** (Johnson, 2000): the model's R² is split between the touchpoints, "
              "and each touchpoint's **importance** is its share of that explained variance (the shares add up to "
              "100%).\n\n**Performance** is the touchpoint's average rating as a share of its scale (0 = worst, "
              "100 = best). The **p-value** tests the touchpoint's standardized regression coefficient: below 0.05, "
              "its effect holds even with the other touchpoints held fixed.\n\nThe dashed lines split the matrix "
              "at the medians: **fix first** = above-median importance and below-median performance; "
              "**strengths** = important and performing well; **maintain** and **low priority** matter less. "
              "Relative weights have no sign, so each touchpoint also shows its **direction**: a **negative driver** "
              "(pink) is one whose higher ratings go with a worse outcome when the others are held fixed; it is never "
              "put in \"fix first\". When the outcome is yes/no, the regression is a linear probability model and "
              "its p-values are approximate. This shows association, not proof of cause.",
        "zh": "将结果指标同时对所有触点评分做回归，只使用回答了全部触点的受访者。由于各触点评分彼此相关，普通回归系数不稳定，"
              "因此用**相对权重**（Johnson, 2000）衡量重要性：把模型的 R² 分配给各触点，每个触点的**重要性**就是它占已解释"
              "方差的份额（合计 100%）。\n\n**表现**是该触点的平均评分占量表的比例（0 = 最差，100 = 最好）。**p 值**检验"
              "该触点的标准化回归系数：低于 0.05 表示在控制其他触点后它的作用依然存在。\n\n虚线按中位数划分矩阵：**优先改进**"
              " = 重要性高于中位数且表现低于中位数；**优势** = 重要且表现好；**保持**和**次要**的影响较小。"
              "相对权重没有正负，因此每个触点还标出**方向**：**负向驱动**（粉色）指在其他触点不变时评分越高、结果越差的触点，"
              "它不会被列为“优先改进”。当结果指标为“是/否”时，回归是线性概率模型，p 值只是近似值。"
              "这反映的是相关关系，并不证明因果。",
    },

    # Segments and trends
    "heatmap.title": {"en": "Touchpoints by segment", "zh": "各细分人群的触点得分"},
    "heatmap.blank": {"en": "(blank)", "zh": "（空白）"},
    "heatmap.other": {"en": "Other", "zh": "其他"},
    "heatmap.segment": {"en": "Segment", "zh": "细分人群"},
    "heatmap.working": {"en": "Scoring touchpoints per segment…", "zh": "正在按细分人群计算触点得分…"},
    "heatmap.by": {"en": "Segment by", "zh": "细分依据"},
    "heatmap.no_segments": {
        "en": "No attribute column with 2 to 30 values is mapped, so there are no segments to compare.",
        "zh": "没有映射取值在 2 到 30 个之间的属性列，因此无法对比细分人群。",
    },
    "heatmap.chart_title": {
        "en": "Weakest spot: {touchpoint} among {segment} ({score}/100)",
        "zh": "最薄弱之处：{segment} 人群的 {touchpoint}（{score}/100）",
    },
    "heatmap.small_sample": {
        "en": "* fewer than 30 ratings: read with caution.",
        "zh": "* 评分少于 30 条：解读时请谨慎。",
    },
    # Waves (Data page and Journey page)
    "waves.title": {"en": "Waves", "zh": "波次"},
    "waves.none": {
        "en": "One wave so far. Add another export of the same questionnaire to track every metric from wave to wave.",
        "zh": "目前只有一个波次。添加同一问卷的另一份导出文件，即可逐波次跟踪每个指标。",
    },
    "waves.add": {"en": "Add a wave", "zh": "添加波次"},
    "waves.add_help": {
        "en": "Upload another export of the same questionnaire as {file}. Its columns are matched to this survey's by "
              "header, question text, short label, then by similar wording; correct the matching in the table.",
        "zh": "上传与 {file} 相同问卷的另一份导出文件。其列会依次按列名、题目文字、简短标签和相近措辞与本调查的列匹配；"
              "可在表格中更正匹配。",
    },
    "waves.upload": {"en": "Export of the new wave", "zh": "新波次的导出文件"},
    "waves.first": {"en": "Label of the survey in use (the first wave)", "zh": "当前调查（第一个波次）的标签"},
    "waves.first_label": {"en": "Wave 1", "zh": "第1波"},
    "waves.numbered": {"en": "Wave {number}", "zh": "第{number}波"},
    "waves.label": {"en": "Label of the new wave", "zh": "新波次的标签"},
    "waves.proposed": {
        "en": "{matched} of {total} columns matched; {missing} columns of the survey have no match in this wave.",
        "zh": "{total} 列中已匹配 {matched} 列；调查中有 {missing} 列在此波次中没有对应列。",
    },
    "waves.bad_label": {
        "en": "Each wave needs its own label, not blank and not used by another wave.",
        "zh": "每个波次需要各自的标签，不能为空，也不能与其他波次重复。",
    },
    "waves.add_button": {"en": "Add {label} as a wave", "zh": "将 {label} 添加为波次"},
    "waves.not_used": {"en": "— not used —", "zh": "— 不使用 —"},
    "waves.matching_of": {"en": "Matching of {label}", "zh": "{label} 的列匹配"},
    "waves.remove": {"en": "Remove {label}", "zh": "移除 {label}"},
    "waves.left_out": {"en": "Columns left out when stacking ({count})", "zh": "合并时未使用的列（{count}）"},
    "waves.col.label": {"en": "Wave", "zh": "波次"},
    "waves.col.file": {"en": "File", "zh": "文件"},
    "waves.col.rows": {"en": "Rows", "zh": "行数"},
    "waves.col.used": {"en": "Columns matched", "zh": "已匹配列"},
    "waves.col.left": {"en": "Columns not used", "zh": "未使用列"},
    "waves.col.column": {"en": "Column", "zh": "列"},
    "waves.col.reason": {"en": "Reason", "zh": "原因"},
    "waves.col.wave_column": {"en": "Column in this wave", "zh": "此波次中的列"},
    "waves.col.question": {"en": "Question", "zh": "题目"},
    "waves.col.base_column": {"en": "Column of the survey", "zh": "调查中的列"},
    "waves.col.rule": {"en": "Matched by", "zh": "匹配依据"},
    "waves.col.change": {"en": "Change from the previous wave", "zh": "较上一波次的变化"},
    "waves.col.significant": {"en": "Significant change", "zh": "变化显著"},
    "waves.rule.header": {"en": "same header", "zh": "相同列名"},
    "waves.rule.question": {"en": "same question", "zh": "相同题目"},
    "waves.rule.label": {"en": "same short label", "zh": "相同简短标签"},
    "waves.rule.similar": {"en": "similar wording", "zh": "措辞相近"},
    "waves.reason.not_used": {"en": "not used in the matching", "zh": "匹配中未使用"},
    "waves.reason.same_column": {
        "en": "another column of this wave fills the same survey column", "zh": "此波次的另一列已对应同一调查列"},
    "waves.reason.not_in_wave": {"en": "this wave has no such column (blank)", "zh": "此波次没有该列（留空）"},
    "waves.journey_title": {"en": "Waves", "zh": "波次对比"},
    "waves.working": {"en": "Computing every metric per wave…", "zh": "正在按波次计算各项指标…"},
    "waves.chart_title": {
        "en": "{metric}: {first} in {first_wave}, {last} in {last_wave}; {count} significant change(s) from wave to "
              "wave",
        "zh": "{metric}：{first_wave} 为 {first}，{last_wave} 为 {last}；波次之间有 {count} 处显著变化",
    },
    "waves.chart_note": {
        "en": "Bars are 95% intervals. ▲/▼ marks a change from the previous wave that is significant at 95% (the "
              "metric's two-group test: NPS z, two-proportion z or Welch t; Holm-adjusted over every metric of that "
              "pair of waves). Compare any two waves on the Compare page by the column “wave”.",
        "zh": "竖线为95%区间。▲/▼ 表示与上一波次相比在95%水平上显著的变化（各指标的两组检验：NPS z 检验、两比例 z 检验或 "
              "Welch t 检验；按该对波次的全部指标做 Holm 校正）。可在“对比”页按“wave”列对比任意两个波次。",
    },
    "waves.trend_note": {
        "en": "The responses have no dates; the Waves section above shows every metric from wave to wave.",
        "zh": "这些回答没有日期；上方的“波次对比”部分展示了各指标在各波次间的变化。",
    },
    "trend.title": {"en": "Trend over time", "zh": "随时间的趋势"},
    "trend.working": {"en": "Computing trends…", "zh": "正在计算趋势…"},
    "trend.needs_timestamp": {
        "en": "Trends need a date for each response: map the submission date column as “Timestamp” on the Data page.",
        "zh": "趋势分析需要每条回答的日期：请在数据页面把提交日期列映射为“时间”。",
    },
    "trend.metric": {"en": "Metric", "zh": "指标"},
    "trend.axis_format": {"en": "%b %d, %Y", "zh": "%Y年%m月%d日"},
    "trend.value": {"en": "Value", "zh": "数值"},
    "trend.period": {"en": "Period", "zh": "时间段"},
    "trend.chart_title_up": {
        "en": "{metric} rose from {first} ({start}) to {last} ({end})",
        "zh": "{metric} 从 {first}（{start}）上升到 {last}（{end}）",
    },
    "trend.chart_title_down": {
        "en": "{metric} fell from {first} ({start}) to {last} ({end})",
        "zh": "{metric} 从 {first}（{start}）下降到 {last}（{end}）",
    },
    "trend.chart_title_flat": {
        "en": "{metric} held at {last} from {start} to {end}",
        "zh": "{metric} 从 {start} 到 {end} 保持在 {last}",
    },
    "trend.chart_title_one": {
        "en": "{metric}: {last} ({end}); one period only",
        "zh": "{metric}：{last}（{end}）；只有一个时间段",
    },
    "trend.small_sample": {
        "en": "Hollow points: fewer than 30 answers in that period, read with caution.",
        "zh": "空心点：该时间段回答少于 30 条，解读时请谨慎。",
    },
    # Compare page
    "compare.intro": {
        "en": "Pick a column and two of its groups: every metric and touchpoint is compared with a significance "
              "test (Holm-adjusted for testing them all at once), a 95% interval of the difference, and whether "
              "the difference is large enough to matter.",
        "zh": "选择一列及其中的两个组：每个指标和触点都会做显著性检验（对同时检验的所有指标做 Holm 校正），"
              "给出差异的 95% 置信区间，并判断差异是否大到有实际意义。",
    },
    "compare.by": {"en": "Compare groups of", "zh": "按此列分组对比"},
    "compare.persona": {"en": "Persona", "zh": "用户画像"},
    "compare.rest": {"en": "Everyone else", "zh": "其他所有人"},
    "compare.persona_hint": {
        "en": "Personas appear here once the Personas page has found them: compare one with everyone else.",
        "zh": "在“用户画像”页面生成画像后，可在此将某个画像与其他所有人对比。",
    },
    "compare.formed_by": {
        "en": "Not compared: the personas were formed on {n} of these metrics ({metrics}), so they differ on them by "
              "construction; the count above leaves them out. The Personas page shows how each persona rates them.",
        "zh": "未比较：用户画像是根据其中 {n} 项指标（{metrics}）划分的，因此在这些指标上必然不同；上面的计数不包括它们。"
              "各画像对它们的评分见用户画像页面。",
    },
    "compare.persona_first": {
        "en": "Pick a persona as group A; group B can be another persona or everyone else.",
        "zh": "请选择一个画像作为 A 组；B 组可以是另一个画像或其他所有人。",
    },
    "compare.edges": {"en": "Band edges", "zh": "分段边界"},
    "compare.edges_help": {
        "en": "This column holds numbers, so it is cut into bands, at its quartiles unless you type edges here "
              "(for example 25, 35, 50). Each band includes its lower edge.",
        "zh": "此列为数值，因此被分成若干段；默认按四分位数分段，也可以在这里输入边界（例如 25, 35, 50）。每段包含其下边界。",
    },
    "compare.edges_placeholder": {"en": "quartiles", "zh": "四分位数"},
    "compare.group.a": {"en": "Group A", "zh": "A 组"},
    "compare.group.b": {"en": "Group B", "zh": "B 组"},
    "compare.same_group": {"en": "Pick two different groups.", "zh": "请选择两个不同的组。"},
    "compare.persona_filter_set_aside": {
        "en": "The sidebar's persona filter is set aside here, so that the personas can be compared with each other; "
              "the other filters still apply.",
        "zh": "此处不使用侧栏的用户画像筛选，以便在画像之间相互比较；其他筛选仍然有效。",
    },
    "compare.mode": {"en": "Groups to compare", "zh": "对比哪些组"},
    "compare.mode.all": {"en": "All {n} groups", "zh": "全部 {n} 个组"},
    "compare.mode.two": {"en": "Two of them", "zh": "其中两个组"},
    "compare.many.findings": {"en": "All {n} groups of {by}", "zh": "{by} 的全部 {n} 个组"},
    "compare.many.tests": {"en": "One test per metric", "zh": "每个指标一次检验"},
    "compare.many.tests_help": {
        "en": "Shares (CSAT, satisfied, conversion): chi-square test of each group's yes and no answers; NPS: "
              "chi-square test of each group's promoters, passives and detractors; both with a Monte Carlo exact "
              "p-value (20,000 seeded draws) when a group's expected count is below 5. Means (CES, touchpoint "
              "ratings): Welch's ANOVA, which does not assume equal spreads. p (Holm) is adjusted over every metric "
              "of the table; a metric's groups differ when it is below 0.05, and only then are pairs named.",
        "zh": "占比（CSAT、满意、转化）：对各组“是/否”回答做卡方检验；NPS：对各组推荐者、被动者、贬损者做卡方检验；"
              "某组的期望频数低于 5 时，两者都改用蒙特卡洛精确 p 值（20,000 次固定种子抽样）。均值（CES、触点评分）："
              "Welch 方差分析，不假定各组方差相等。p（Holm 校正）对表中所有指标做了校正；低于 0.05 才认为该指标各组"
              "有差异，也只有这时才指出哪两组不同。",
    },
    "compare.many.groups": {"en": "Groups tested", "zh": "参与检验的组数"},
    "compare.many.n": {"en": "Answers", "zh": "回答数"},
    "compare.many.statistic": {"en": "χ² / F", "zh": "χ² / F"},
    "compare.many.verdict.differ": {"en": "groups differ", "zh": "各组有差异"},
    "compare.many.verdict.none": {"en": "no clear difference", "zh": "无明确差异"},
    "compare.many.metric": {"en": "Look at one metric", "zh": "查看单个指标"},
    "compare.many.group": {"en": "Group", "zh": "组"},
    "compare.many.value": {"en": "Value", "zh": "数值"},
    "compare.many.chart_title": {"en": "{metric} by group, with 95% intervals", "zh": "各组的{metric}及 95% 置信区间"},
    "compare.many.axis.nps": {"en": "NPS", "zh": "NPS"},
    "compare.many.axis.share": {"en": "Share, %", "zh": "占比，%"},
    "compare.many.axis.scale": {"en": "Mean", "zh": "均值"},
    "compare.many.pairs": {"en": "Pairs of groups", "zh": "两两对比"},
    "compare.many.pairs_help": {
        "en": "Each pair's difference (first − second) with its 95% interval and adjusted p-value: Holm over the "
              "pairs for shares and NPS (two-proportion and NPS z tests), Games-Howell for means (its intervals "
              "hold for all pairs at once). A pair differs when its adjusted p is below 0.05 and the metric's "
              "groups differ.",
        "zh": "每一对组的差异（前者 − 后者）及其 95% 区间和校正后的 p 值：占比和 NPS 用双比例 z 检验和 NPS z 检验，"
              "并对各对做 Holm 校正；均值用 Games-Howell 检验（其区间对所有组对同时成立）。校正后 p 低于 0.05 且该"
              "指标各组有差异时，才认为这一对不同。",
    },
    "compare.many.group_a": {"en": "First group", "zh": "前一组"},
    "compare.many.group_b": {"en": "Second group", "zh": "后一组"},
    "compare.many.difference": {"en": "Difference (first − second)", "zh": "差异（前者 − 后者）"},
    "compare.many.p_adjusted": {"en": "p (adjusted)", "zh": "p（校正后）"},
    "compare.many.pair.differs": {"en": "differ", "zh": "有差异"},
    "compare.many.pair.alike": {"en": "no clear difference", "zh": "无明确差异"},
    "compare.working": {"en": "Testing the differences…", "zh": "正在检验差异…"},
    "compare.findings": {"en": "{a} vs {b}", "zh": "{a} 对比 {b}"},
    "compare.thresholds": {"en": "What difference matters?", "zh": "多大的差异才有意义？"},
    "compare.thresholds_help": {
        "en": "A difference is called large enough to matter when it reaches these sizes, each in the metric's own "
              "unit. They are judgement calls: set them to what would change a decision in your business.",
        "zh": "差异达到以下幅度（按各指标自身的单位）时，才被认为有实际意义。这是业务判断：请设为足以改变您决策的幅度。",
    },
    "compare.threshold.nps": {"en": "NPS points", "zh": "NPS 分"},
    "compare.threshold.share": {"en": "Percentage points (CSAT, satisfied, conversion)",
                                "zh": "百分点（CSAT、满意占比、转化率）"},
    "compare.threshold.scale": {"en": "Share of a rating scale (CES, touchpoints)", "zh": "评分量表的比例（CES、触点）"},
    "compare.threshold.scale_help": {
        "en": "0.05 is 0.2 points on a 1–5 scale, 0.3 on 1–7, 0.5 on 0–10.",
        "zh": "0.05 相当于 1–5 量表上的 0.2 分、1–7 量表上的 0.3 分、0–10 量表上的 0.5 分。",
    },
    "compare.threshold.relative": {"en": "Share of the mean (customer value, order value, orders a year)",
                                   "zh": "占平均值的比例（客户价值、订单金额、年订单数）"},
    "compare.threshold.relative_help": {
        "en": "0.10: a difference of 10% of the average customer's value matters.",
        "zh": "0.10：差异达到平均客户价值的 10% 即有意义。",
    },
    "compare.top": {"en": "The largest differences that matter:", "zh": "有实际意义的最大差异："},
    "compare.all_findings": {"en": "Every comparison in words", "zh": "所有对比的文字说明"},
    "compare.multiple_testing": {
        "en": "Every metric is tested, so a few raw p-values below 0.05 are expected by chance alone; a difference "
              "is called significant only when its Holm-adjusted p is below 0.05.",
        "zh": "每个指标都做了检验，因此仅凭偶然也会有少数未校正的 p 值低于 0.05；只有 Holm 校正后的 p 值低于 0.05 时，"
              "差异才被认为显著。",
    },
    "compare.differences": {"en": "Differences with 95% intervals", "zh": "差异及 95% 置信区间"},
    "compare.table": {"en": "Side by side", "zh": "并排对比"},
    "compare.chart_title": {
        "en": "{count} of {total} metrics differ between {a} and {b}; largest: {metric}",
        "zh": "{a} 与 {b} 之间 {total} 个指标中有 {count} 个存在差异；差异最大：{metric}",
    },
    "compare.chart_title_none": {
        "en": "None of the {total} metrics differs significantly between {a} and {b}",
        "zh": "{a} 与 {b} 之间 {total} 个指标均无显著差异",
    },
    "compare.axis.share": {"en": "Difference {a} − {b}, percentage points", "zh": "差异 {a} − {b}，百分点"},
    "compare.axis.nps": {"en": "Difference {a} − {b}, NPS points", "zh": "差异 {a} − {b}，NPS 分"},
    "compare.axis.scale": {"en": "Difference {a} − {b}, rating points", "zh": "差异 {a} − {b}，评分分值"},
    "compare.axis.money": {"en": "Difference {a} − {b}, currency units", "zh": "差异 {a} − {b}，货币单位"},
    "compare.axis.rate": {"en": "Difference {a} − {b}, orders a year", "zh": "差异 {a} − {b}，单/年"},
    "compare.metric": {"en": "Metric", "zh": "指标"},
    "compare.difference": {"en": "Difference (A − B)", "zh": "差异（A − B）"},
    "compare.difference_help": {"en": "Difference (A − B), the estimate the 95% interval is centred on; for NPS the "
                                 "adjusted-Wald difference (3/4 of a respondent added to promoters and to detractors "
                                 "of each group), smaller than the raw one at small n",
                                "zh": "差异（A − B），即 95% 区间所对应的估计值；NPS 为调整 Wald 差值（每组的推荐者与贬损者"
                                 "各加 3/4 名受访者），小样本时小于原始差值"},
    "compare.low": {"en": "95% low", "zh": "95% 下限"},
    "compare.high": {"en": "95% high", "zh": "95% 上限"},
    "compare.interval": {"en": "95% interval", "zh": "95% 区间"},
    "compare.p_value": {"en": "p-value", "zh": "p 值"},
    "compare.p_holm": {"en": "p (Holm)", "zh": "p（Holm 校正）"},
    "compare.p_holm_help": {
        "en": "The p-value adjusted with Holm's method for testing every metric at once; the verdict uses this one.",
        "zh": "按 Holm 方法对同时检验所有指标做校正后的 p 值；结论以它为准。"},
    "compare.threshold": {"en": "Matters from", "zh": "有意义的幅度"},
    "compare.threshold_help": {
        "en": "The smallest difference that matters in practice for this metric, in its own unit (set above).",
        "zh": "该指标有实际意义的最小差异，按其自身单位（可在上方设置）。",
    },
    "compare.effect_size": {"en": "Effect size", "zh": "效应量"},
    "compare.value_help": {
        "en": "NPS in points, CSAT, satisfied and conversion as %, CES and touchpoints as the mean on their scale.",
        "zh": "NPS 为分值，CSAT、满意占比和转化率为 %，CES 和触点为其量表上的平均分。",
    },
    "compare.verdict": {"en": "Verdict", "zh": "结论"},
    "compare.verdict.matters": {"en": "differs, matters", "zh": "有差异，有意义"},
    "compare.verdict.too_small": {"en": "differs, too small", "zh": "有差异，但太小"},
    "compare.verdict.noise": {"en": "within noise", "zh": "随机波动"},
    "compare.verdict.untestable": {"en": "too few answers", "zh": "回答太少"},
    "compare.test": {"en": "Test", "zh": "检验方法"},
    "compare.finding": {"en": "Finding", "zh": "结论说明"},
    "download.png": {"en": "Chart (PNG)", "zh": "图表（PNG）"},
    "download.svg": {"en": "Chart (SVG)", "zh": "图表（SVG）"},
    "download.xlsx": {"en": "Data (XLSX)", "zh": "数据（XLSX）"},
    "download.csv": {"en": "Data (CSV)", "zh": "数据（CSV）"},
}


def t(key: str, lang: str, **fmt) -> str:
    """The text for ``key`` (a UI key or a library code) in ``lang`` (English if unknown), with ``fmt`` filled in.

    Values of ``fmt`` may be library messages or lists; they are rendered in ``lang``. Raises
    ``KeyError`` for an unknown key, so a typo fails loudly in tests.
    """
    entry = STRINGS[key] if key in STRINGS else CODES[key]
    text = entry.get(lang, entry["en"])
    return text.format(**{name: render(value, lang) for name, value in fmt.items()})


def known(key: str) -> bool:
    """True when ``key`` has words, in this table or the library's."""
    return key in STRINGS or key in CODES


__all__ = ["DELIMITER_NAMES", "LANGUAGES", "STRINGS", "known", "t"]
