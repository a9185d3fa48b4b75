"""Where a visit came from (channel) and what it came on (device class), from referrer, URL and user agent.

Both work on the distinct values only (a log repeats a few hundred user agents thousands of
times), so they cost one regular-expression pass per distinct value.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.behaviour.pages import per_distinct

CHANNELS = ["direct", "organic_search", "paid_search", "social", "email", "affiliate", "display", "referral",
            "campaign", "unknown"]
DEVICES = ["mobile", "tablet", "desktop", "bot", "unknown"]

BOT = re.compile(r"bot\b|bot/|crawl|spider|slurp|headless|lighthouse|pingdom|ahrefs|semrush|python-requests|"
                 r"\bcurl/|wget|facebookexternalhit|preview|monitor|scrapy|phantomjs|uptime|bingpreview", re.I)
_TABLET = re.compile(r"ipad|tablet|kindle|silk/|playbook|android(?!.*mobile)", re.I)
_MOBILE = re.compile(r"mobi|iphone|ipod|android|windows phone|blackberry|opera mini", re.I)

_PAID_SEARCH_KEYS = re.compile(r"(?:^|[?&#])(gclid|gad_source|gbraid|wbraid|msclkid|dclid)=", re.I)
_AFFILIATE_KEYS = re.compile(r"(?:^|[?&#])(irclickid|affid|aff_id|affiliate|awc|cjevent|ranmid|clickref)=", re.I)
_SOCIAL_KEYS = re.compile(r"(?:^|[?&#])(fbclid|ttclid|twclid|li_fat_id|igshid|epik)=", re.I)
_EMAIL_KEYS = re.compile(r"(?:^|[?&#])(mc_cid|mc_eid|_kx|klaviyo_id)=", re.I)
_UTM_MEDIUM = re.compile(r"(?:^|[?&#])utm_medium=([^&#]*)", re.I)
_UTM_SOURCE = re.compile(r"(?:^|[?&#])utm_source=([^&#]*)", re.I)
_UTM_ANY = re.compile(r"(?:^|[?&#])utm_[a-z]+=", re.I)
_MEDIUMS = [
    ("paid_search", r"^(cpc|ppc|paid ?search|sem|paidsearch)$"),
    ("display", r"^(display|cpm|banner|programmatic|video)$"),
    ("affiliate", r"^(affiliates?|partner)$"),
    ("email", r"^(e-?mail|newsletter|crm)$"),
    ("social", r"^(social|social-network|social-media|sm|paid ?social|paidsocial)$"),
    ("organic_search", r"^organic$"),
    ("referral", r"^referral$"),
]
_SOURCES = [
    ("email", r"e-?mail|newsletter|klaviyo|mailchimp"),
    ("social", r"facebook|instagram|twitter|tiktok|linkedin|pinterest|youtube|reddit|snapchat|weibo|wechat|^fb$|^ig$"),
    ("organic_search", r"^(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia)$"),
]
_SEARCH_HOSTS = re.compile(r"(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|ask|naver|sogou|so)\.", re.I)
_SOCIAL_HOSTS = re.compile(r"(^|\.)(facebook|instagram|twitter|x|t|lnkd|linkedin|pinterest|reddit|tiktok|youtube|"
                           r"weibo|snapchat|threads|quora|vk|m\.facebook|l\.facebook|lm\.facebook)\.(com|co|in|net)",
                           re.I)
_MAIL_HOSTS = re.compile(r"(^|\.)(mail\.google|outlook\.live|mail\.yahoo|outlook\.office|mail\.)", re.I)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#:]+)", re.I)


def is_bot(user_agents: pd.Series) -> pd.Series:
    """True where a user agent names a crawler, monitor or headless browser (Googlebot, AhrefsBot, HeadlessChrome...)."""
    return per_distinct(user_agents, lambda ua: bool(BOT.search(ua)), False).astype(bool)


def device_class(user_agents: pd.Series) -> pd.Series:
    """``mobile``, ``tablet``, ``desktop`` or ``bot`` from each user agent; ``unknown`` where it is blank."""
    def one(ua: str) -> str:
        if BOT.search(ua):
            return "bot"
        if _TABLET.search(ua):
            return "tablet"
        return "mobile" if _MOBILE.search(ua) else "desktop"

    return per_distinct(user_agents, one, "unknown")


def _host(url: str) -> str:
    found = _HOST.match(url.strip())
    return found.group(1).lower() if found else ""


def _from_campaign(url: str) -> str | None:
    """The channel a landing URL's tracking parameters name, or None when it has none."""
    if _PAID_SEARCH_KEYS.search(url):
        return "paid_search"
    if _AFFILIATE_KEYS.search(url):
        return "affiliate"
    medium = _UTM_MEDIUM.search(url)
    if medium:
        value = medium.group(1).strip().lower().replace("+", " ").replace("%20", " ")
        for channel, pattern in _MEDIUMS:
            if re.search(pattern, value):
                return channel
    source = _UTM_SOURCE.search(url)
    if source:
        value = source.group(1).strip().lower()
        for channel, pattern in _SOURCES:
            if re.search(pattern, value):
                return channel
    if _SOCIAL_KEYS.search(url):
        return "social"
    if _EMAIL_KEYS.search(url):
        return "email"
    return "campaign" if _UTM_ANY.search(url) else None


def _from_referrer(referrer: str, own_host: str) -> str:
    host = _host(referrer)
    if not host or host == own_host:
        return "direct"
    if _MAIL_HOSTS.search(host):
        return "email"
    if _SEARCH_HOSTS.search(host):
        return "organic_search"
    if _SOCIAL_HOSTS.search(host):
        return "social"
    return "referral"


def channel(landing_urls: pd.Series, referrers: pd.Series, referrer_known: pd.Series | None = None) -> pd.Series:
    """The channel of each session from its landing URL's parameters and its referrer.

    Parameters
    ----------
    landing_urls : Series
        The URL (or page name) of each session's first event.
    referrers : Series
        Each session's first referrer; blank means none (a direct visit).
    referrer_known : Series of bool, optional
        False where the file had no referrer column at all: such a session without tracking
        parameters is ``unknown``, not ``direct``.

    Returns
    -------
    Series
        One of :data:`CHANNELS`: tracking parameters first (``gclid``/``gad_source`` -> paid
        search, affiliate click ids -> affiliate, ``utm_medium``/``utm_source`` values, ``fbclid``
        -> social; unreadable ``utm_*`` -> campaign), then the referrer's host (search engine ->
        organic search, social network -> social, web mail -> email, the site itself or none ->
        direct, any other -> referral).
    """
    urls = landing_urls.astype("string").fillna("")
    refs = referrers.astype("string").fillna("")
    known = pd.Series(True, index=urls.index) if referrer_known is None else referrer_known.astype(bool)
    pairs = pd.DataFrame({"url": urls.to_numpy(), "ref": refs.to_numpy(), "known": known.to_numpy()})
    distinct = pairs.drop_duplicates()
    labels = [_from_campaign(url) or (_from_referrer(ref, _host(url)) if ok or ref else "unknown")
              for url, ref, ok in distinct.itertuples(index=False)]
    distinct = distinct.assign(channel=labels)
    merged = pairs.merge(distinct, on=["url", "ref", "known"], how="left")
    return pd.Series(merged["channel"].to_numpy(), index=landing_urls.index)

