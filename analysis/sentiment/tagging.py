"""Touchpoint tagging: which touchpoint a comment talks about, by editable keyword lists.

:func:`seed_keywords` proposes keywords for each touchpoint from its name (and its short label,
for a whole survey question): the topics the name points to in a hand-made bilingual table of
common journey touchpoints (``Inflight wifi service`` -> wifi, internet, 网络, 无线 ...) and the
name's own words. The analyst edits the lists as text (:func:`keywords_to_text`,
:func:`keywords_from_text`): they are the touchpoint codes of the codeframe, and
:func:`analysis.themes.touchpoints.tag_comments` codes each comment with them, tagging it with the
touchpoint whose keywords it mentions most. English keywords match whole words, with a plural or ``-ed``
/ ``-ing`` ending allowed and spaces or hyphens optional inside (``check-in`` matches
``check in`` and ``checkin``); Chinese keywords match anywhere in the text. A comment's journey
stage is its touchpoint's stage in :func:`analysis.journey.stage_map`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.errors import InputError, quoted
from analysis.journey import guess_stage
from analysis.labels import short_label
from analysis.schema import header_words
from analysis.sentiment.tokens import tokenize

LANGS = ("en", "zh", "both")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SEPARATOR = re.compile(r"[,，、;；]")
_COLON = re.compile(r"[:：](?=[^:：]*$)")
# Words in touchpoint names that say how something is rated or where, not what it is about.
_GENERIC = frozenset(["service", "services", "handling", "comfort", "comfortable", "quality", "experience", "overall", "process", "time", "ease", "easy", "convenient", "convenience", "inflight", "onboard", "board", "online", "satisfaction", "level", "rating", "score", "flight", "flights", "hotel", "airline", "store", "shop", "服务", "质量", "满意度", "满意", "体验", "整体", "总体", "方便", "便利", "舒适度", "舒适", "情况", "酒店", "航班", "机上", "店"])


@dataclass(frozen=True)
class Topic:
    """A common touchpoint: words in a touchpoint name that point to it, words comments use for it.

    ``generic`` names point to the topic only when the name points to no other topic, so
    "Checkin service" is check-in while "Inflight service" is staff.
    """

    names: tuple[str, ...]
    en: tuple[str, ...]
    zh: tuple[str, ...]
    generic: tuple[str, ...] = ()


def _topic(names: str, en: str, zh: str, generic: str = "") -> Topic:
    """A :class:`Topic` from comma-separated lists (the table below stays readable)."""
    def split(words):
        return tuple(word.strip() for word in words.split(",") if word.strip())
    return Topic(split(names), split(en), split(zh), split(generic))


TOPICS = (
    _topic("advertising, advert, ads, promotion, campaign, 广告, 宣传, 推广",
           "ad, ads, advert, advertising, commercial, campaign, promo, promotion, newsletter",
           "广告, 宣传, 推广, 推送"),
    _topic("booking, book, reservation, website, web site, app, 预订, 预定, 订票, 订房, 官网, 网站",
           "booking, book, reservation, website, site, app, online booking",
           "预订, 预定, 订票, 订房, 官网, 网站, app"),
    _topic("check in, checkin, 值机, 办理入住, 入住手续",
           "check-in, checkin, check in, counter, kiosk",
           "值机, 办理入住, 入住手续, 登记入住"),
    _topic("reception, front desk, 前台, 接待",
           "reception, front desk, receptionist, concierge", "前台, 接待"),
    _topic("boarding, 登机",
           "boarding, boarded, boarding pass, boarding group", "登机, 登机牌"),
    _topic("gate location, gate, terminal, airport, lounge, 登机口, 航站楼, 机场, 候机",
           "gate, terminal, airport, lounge", "登机口, 航站楼, 机场, 候机"),
    _topic("seat, seating, 座位, 座椅",
           "seat, seating, recline, reclining", "座位, 座椅, 坐位"),
    _topic("leg room, legroom, 腿部空间",
           "legroom, leg room, leg space, knees", "腿部空间, 伸腿, 空间小"),
    _topic("food, drink, meal, catering, dining, restaurant, 餐, 食物, 饮料, 餐饮",
           "food, meal, drink, beverage, snack, coffee, menu, catering, restaurant",
           "餐食, 飞机餐, 食物, 饭菜, 饮料, 餐饮, 餐厅, 好吃, 难吃"),
    _topic("breakfast, 早餐",
           "breakfast, buffet", "早餐, 早饭, 自助餐"),
    _topic("clean, cleanliness, hygiene, 卫生, 清洁, 干净",
           "clean, cleanliness, dirty, filthy, hygiene, stain, smell, smelly, dust",
           "干净, 卫生, 脏, 整洁, 异味, 灰尘, 清洁"),
    _topic("staff, crew, attendant, personnel, employee, service quality, 员工, 服务员, 乘务, 工作人员, 服务质量",
           "staff, crew, flight attendant, attendant, stewardess, employee, rude, friendly",
           "服务员, 空姐, 空乘, 乘务员, 员工, 工作人员, 态度", generic="service, 服务"),
    _topic("wifi, wi fi, internet, wireless, 网络, 无线",
           "wifi, wi-fi, internet, wireless", "网络, 无线, 上网, 宽带, 信号"),
    _topic("entertainment, movie, tv, 娱乐, 电影",
           "entertainment, movie, film, tv, screen, music", "娱乐, 电影, 电视, 屏幕, 节目"),
    _topic("baggage, luggage, bag, suitcase, 行李",
           "bag, baggage, luggage, suitcase, carry-on, carry on",
           "行李, 箱子, 托运"),
    _topic("delay, punctuality, on time, departure, arrival, schedule, 延误, 准点, 准时, 晚点",
           "delay, late, on time, punctual, schedule, departure, arrival",
           "延误, 晚点, 准点, 准时, 误点"),
    _topic("cancel, cancellation, 取消",
           "cancel, cancelled, canceled, cancellation, rebook, rebooked", "取消, 改签"),
    _topic("price, pricing, value, cost, fee, 价格, 价钱, 性价比, 收费",
           "price, cost, expensive, cheap, fee, value, worth, overpriced",
           "价格, 价钱, 性价比, 昂贵, 太贵, 偏贵, 便宜, 收费, 费用"),
    _topic("delivery, shipping, 配送, 物流, 快递, 送货",
           "delivery, deliver, delivered, shipping, shipped, courier, tracking",
           "配送, 快递, 送货, 物流, 发货"),
    _topic("refund, return, exchange, 退款, 退货, 退换",
           "refund, reimburse, money back, return policy, send back, sent back, exchange",
           "退款, 退货, 退换, 换货, 退钱"),
    _topic("customer service, customer care, support, call center, help desk, hotline, complaint, "
           "客服, 售后, 投诉, 热线",
           "customer service, customer care, support, call, phone, on hold, hotline, agent, representative",
           "客服, 售后, 投诉, 热线, 电话, 人工"),
    _topic("room, bedroom, 房间, 客房",
           "room, bed, bathroom, shower, toilet, air conditioning", "房间, 客房, 床, 卫生间, 浴室, 空调, 淋浴"),
    _topic("noise, quiet, 噪音, 安静, 隔音",
           "noise, noisy, loud, quiet", "噪音, 吵, 隔音, 安静"),
    _topic("location, 位置, 地段",
           "location, located, area, neighborhood, transport, subway, metro, station",
           "位置, 地段, 交通, 地铁, 周边"),
    _topic("parking, car park, 停车",
           "parking, car park, garage", "停车, 车位"),
    _topic("payment, pay, checkout, billing, 支付, 付款, 结账",
           "payment, pay, paid, credit card, card, checkout, charged, invoice",
           "支付, 付款, 付费, 刷卡, 结账, 发票"),
    _topic("product quality, product, material, 品质, 做工, 材质",
           "quality, material, fabric, broken, defective, durable",
           "质量, 品质, 做工, 材质, 面料, 破损", generic="quality, 质量"),
    _topic("size, fit, sizing, 尺码, 尺寸, 大小",
           "size, fit, sizing, too small, too big, too large, runs small, runs large, tight, loose",
           "尺码, 尺寸, 大小, 合身, 偏大, 偏小"),
    _topic("packaging, package, 包装",
           "packaging, package, packed, box, wrapping", "包装, 盒子, 纸箱"),
    _topic("information, communication, announcement, 通知, 信息",
           "information, announcement, update, notification", "通知, 广播, 信息"),
    _topic("loyalty, rewards, miles, points, member, 会员, 积分, 里程",
           "miles, points, rewards, member, membership", "会员, 积分, 里程"),
)


def seed_keywords(touchpoints: Sequence[str], lang: str = "both") -> dict[str, list[str]]:
    """Keywords for each touchpoint, ready for the analyst to edit.

    The name (its short label when it is a whole question) is matched against the topic table:
    "Seat comfort" gives seat, seating, recline, 座位, 座椅 ...; the words of the name that name
    no topic and are not generic ("service", "comfort", "online") are added as they are.
    ``lang`` is ``en``, ``zh`` or ``both``: which languages' keywords to give. A name that says
    nothing a comment would mention ("Overall experience") gets an empty list.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return {touchpoint: _seed(touchpoint, lang) for touchpoint in touchpoints}


def comment_topics(lang: str = "en") -> dict[str, str]:
    """The topic table's topics as touchpoints for comments when the survey rates none, so comments can still be
    placed on the journey: each topic named by its first name in ``lang`` (``en`` or ``zh``) -> its journey stage,
    guessed from its English name so both languages place it alike; :func:`seed_keywords` gives each its words."""
    han = lang == "zh"
    topics = {}
    for topic in TOPICS:
        name = next((name for name in topic.names if bool(_HAN.search(name)) == han), topic.names[0])
        topics[name if han else name[:1].upper() + name[1:]] = guess_stage(topic.names[0])
    return topics


def keywords_to_text(keywords: dict[str, list[str]]) -> str:
    """The keyword lists as editable lines: ``Seat comfort: seat, legroom, 座位``."""
    return "\n".join(f"{touchpoint}: {', '.join(words)}" for touchpoint, words in keywords.items())


def keywords_from_text(text: str) -> dict[str, list[str]]:
    """Keyword lists back from edited lines (the inverse of :func:`keywords_to_text`).

    The touchpoint ends at the line's last colon (``:`` or ``：``); keywords are separated by
    commas (``,`` ``，`` ``、``) or semicolons. Blank lines and lines starting with ``#`` are
    skipped; a touchpoint given twice gets both lines' keywords, repeats dropped. Raises
    :class:`InputError` naming the line when a line has no colon or no touchpoint before it.
    """
    keywords: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = _COLON.split(line)
        if len(parts) != 2 or not parts[0].strip():
            raise InputError("error.sentiment.keyword_line", line=number, text=quoted(line))
        words = [word.strip() for word in _SEPARATOR.split(parts[1]) if word.strip()]
        keywords[parts[0].strip()] = _unique(keywords.get(parts[0].strip(), []) + words)
    return keywords


def keywords_pattern(keywords: Sequence[str]) -> str:
    """A regular expression (for lower-case text) matching any of ``keywords`` as tagging does.

    Chinese keywords match anywhere. Others match whole words, spaces and hyphens optional
    between their words, with an ``s``/``es``/``ed``/``d``/``ing``/``'s`` ending allowed.
    Longer keywords are tried first, so ``customer service`` wins over ``service``.
    """
    words = sorted({word.strip().lower() for word in keywords if word.strip()}, key=lambda w: (-len(w), w))
    chinese = [re.escape(word) for word in words if _HAN.search(word)]
    english = [r"[\s\-]*".join(map(re.escape, re.split(r"[\s\-_]+", word.strip("-_")))) for word in words
               if not _HAN.search(word)]
    whole = rf"(?<![a-z0-9])(?:{'|'.join(english)})(?:s|es|ed|d|ing|'s)?(?![a-z0-9])" if english else ""
    return "|".join(filter(None, [whole] + chinese))


def _seed(touchpoint: str, lang: str) -> list[str]:
    """Keywords for one touchpoint name: its topics' keywords after its own remaining words."""
    name = " " + re.sub(r"[/_\-]+", " ", header_words(short_label(touchpoint))) + " "
    topics, rest = _topics_in(name, generic=False)
    if not topics:
        topics, rest = _topics_in(name, generic=True)
    words = [word for word in tokenize(rest) if word not in _GENERIC]
    for topic in topics:
        words += list(topic.en if lang != "zh" else ()) + list(topic.zh if lang != "en" else ())
    return _unique([word for word in words if lang == "both" or (lang == "zh") == bool(_HAN.search(word))])


def _topics_in(name: str, generic: bool) -> tuple[list[Topic], str]:
    """The topics (generic or not) a name points to, in the order named, and the name's other words.

    Longer name words are tried first and taken out once matched, so "leg room" is legroom,
    and its "room" does not also point to a hotel room.
    """
    triggers = sorted(((word, topic) for topic in TOPICS for word in (topic.generic if generic else topic.names)),
                      key=lambda pair: -len(pair[0]))
    found: dict[Topic, int] = {}
    for word, topic in triggers:
        pattern = re.compile(keywords_pattern([word]))
        for match in pattern.finditer(name):
            found[topic] = min(found.get(topic, match.start()), match.start())
        name = pattern.sub(lambda m: " " * len(m.group()), name)
    return sorted(found, key=found.get), name


def _unique(words: list[str]) -> list[str]:
    """The words without repeats (ignoring case), first spelling and order kept."""
    seen, unique = set(), []
    for word in words:
        if word.lower() not in seen:
            seen.add(word.lower())
            unique.append(word)
    return unique
