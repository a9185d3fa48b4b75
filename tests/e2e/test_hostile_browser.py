"""Hostile names in a real browser: a project, file, column label, saved view and persona named with Markdown
images and links, colour directives, HTML and bare addresses show as the same text on every page a viewer
opens, nothing in them is a link or an image, and no request leaves the machine."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness import ROOT
from test_projects_browser import publish

pytestmark = pytest.mark.e2e

IMAGE = "![x](http://10.255.255.1/x.png)"
PHISH = "[Session expired - sign in](http://evil.example/login) :red[**URGENT**]"
HTML = "<img src=x onerror=window.pwned=1>"
BARE = "www.evil.example"
PROJECT = f"{IMAGE} {PHISH} {HTML}"
FILE = f"{HTML} {BARE} [Sign in](mailto꞉x@evil.example).csv"  # no "/" in a file name
COLUMN = "Boarding www.evil.example"  # short enough to stay the label the ranking names
VIEW = f"[Sign in](http://evil.example/) {BARE}"
PERSONA = f"{IMAGE} :red[**URGENT**]"


def hostile_survey(folder):
    """The bundled sample with the strongest driver's header carrying a hostile label, in a file with a hostile
    name."""
    lines = (ROOT / "data/sample/airline_survey.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("Online boarding", f'"{COLUMN}"')
    path = folder / FILE
    path.write_text("\n".join([header, *lines[1:]]) + "\n", encoding="utf-8")
    return path


def outside_requests(page) -> list[str]:
    found = []
    page.on("request", lambda request: found.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    return found


def shown(app) -> str:
    """The app's text as a reader sees it (the invisible word joiners that keep addresses from becoming links
    left out)."""
    return app.page.locator('[data-testid="stApp"]').inner_text().replace("\u2060", "")


def nothing_active(app) -> None:
    """No link or image made of the hostile text, no script ran, the text is there as text."""
    page = app.page
    main = page.locator('[data-testid="stApp"]')
    expect(main.locator('a[href*="evil"], a[href^="mailto"], a[href*="10.255.255.1"]')).to_have_count(0)
    expect(main.locator('img[src*="10.255.255.1"], img[src="x"]')).to_have_count(0)
    expect(main.locator('[data-testid="stMarkdownContainer"] span[style*="color"]')).to_have_count(0)
    assert page.evaluate("() => window.pwned === undefined")


def test_hostile_names_show_as_text_and_nothing_leaves_the_machine(app, tmp_path):
    page = app.page
    links = publish(hostile_survey(tmp_path), app.url, "--project", PROJECT)
    requests = outside_requests(page)
    app.visit(links["edit_url"])
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Personas").click()
    page.locator("h1", has_text="Personas").wait_for()
    app.wait()
    name = page.locator('[class*="st-key-personas_names_"] input').first
    name.fill(PERSONA)
    app.act(lambda: name.press("Enter"))
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Share").click()
    page.get_by_label("Name this view (page and filters)").fill(VIEW)
    app.act(lambda: page.get_by_role("button", name="Save view").click())
    page.keyboard.press("Escape")

    app.visit(links["view_url"])
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Saved views").click()
    app.steady()
    for text in (f"Project: {PROJECT}", f"In use: {FILE} (your upload)", VIEW):
        assert text in shown(app), text
    nothing_active(app)
    for title in ("Journey", "Compare", "Personas"):
        page.locator('[data-testid="stSidebarNavLink"]', has_text=title).click()
        page.locator("h1", has_text=title).wait_for()
        app.wait()
        app.steady()
        nothing_active(app)
        if title == "Journey":
            assert COLUMN in shown(app)  # the key-driver ranking names it, as text
    assert PERSONA in shown(app)
    assert not requests, requests
    app.assert_no_exception()
