"""The public pages in a real browser: Debian's chromium, at the size of a citizen's phone.

Each page is checked for what a machine can see of WCAG 2.1 AA: axe-core finds no serious or
critical violation, the language is declared (and the Vietnamese header and footer stay marked
Vietnamese around the English page), there is one h1, the skip link works from the keyboard and
nothing scrolls sideways. Phone-size screenshots of two pages are left in var/screenshots/ for a
human to look at; they are not compared to anything.

Seeding the demo ward for a live server takes about two seconds per test, so the nine pages are
subtests of one test: each failure is still reported on its own, with the page's path.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from content.models import SectionPage
from tests.site_map import PILLAR_SLUGS

from .conftest import PHONE, REFLOW, chromium_problem

# (path, language of the page) of every page checked at phone size.
PUBLIC_PAGES = [
    ("/", "vi"),
    *((f"/{slug}/", "vi") for slug in PILLAR_SLUGS),
    ("/gioi-thieu/", "vi"),
    ("/en/", "en"),
]
# Pages whose phone-size screenshot is saved for review.
SCREENSHOTS = {"/": "home-360.png", "/thu-tuc-hanh-chinh/": "thu-tuc-hanh-chinh-360.png"}
BLOCKING_IMPACTS = {"serious", "critical"}
MAIN_NAVIGATION = "Chuyên mục chính"

pytestmark = pytest.mark.browser

_axe = Axe()


def open_page(page, path):
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == 200, f"{path} answered {response.status}"


def blocking_violations(page):
    """axe-core's serious and critical violations on the page, as readable lines."""
    lines = []
    for violation in _axe.run(page).response["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary}")
    return lines


# Mobile chromium widens the layout viewport to fit content that overflows, so innerWidth grows
# with scrollWidth: both are compared with the width the context was given.
HORIZONTAL_EXTENT = """() => {
    const root = document.documentElement;
    const width = Math.min(window.innerWidth, root.clientWidth);
    const out = [...document.body.querySelectorAll("*")].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > width + 0.5;
    });
    const innermost = out
        .filter((el) => !out.some((other) => other !== el && el.contains(other)))
        .slice(0, 3)
        .map((el) => el.outerHTML.slice(0, 160).replace(/\\s+/g, " "));
    return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, innermost};
}"""


def assert_no_horizontal_scroll(page, width):
    extent = page.evaluate(HORIZONTAL_EXTENT)
    assert max(extent["scrollWidth"], extent["innerWidth"]) <= width, (
        f"{page.url} scrolls sideways at {width} CSS px: scrollWidth {extent['scrollWidth']}, "
        f"innerWidth {extent['innerWidth']}. Innermost elements sticking out: "
        f"{extent['innermost']}"
    )


LANGUAGE_OF = "(el) => el.closest('[lang]')?.getAttribute('lang')"


def check_public_page(page, path, lang, screenshot_dir, screenshot=None):
    """The checks every public page passes; ``screenshot`` names a file to save it in."""
    open_page(page, path)
    screenshot = screenshot or SCREENSHOTS.get(path)
    if screenshot:
        # Before anything is focused: the page as a citizen first sees it.
        page.screenshot(path=screenshot_dir / screenshot, full_page=True)

    assert page.locator("html").get_attribute("lang") == lang
    # The header, footer and skip link are Vietnamese on every page, the English one included.
    for chrome in (".skip-link", ".site-header", ".site-footer"):
        assert page.locator(chrome).evaluate(LANGUAGE_OF) == "vi", f"{chrome} on {path}"
    assert page.locator("h1").evaluate(LANGUAGE_OF) == lang

    headings = page.locator("h1")
    assert headings.count() == 1, f"h1s on {path}: {headings.all_inner_texts()}"

    # The skip link is the keyboard's first stop, shows itself, and moves focus to <main>.
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_have_attribute("href", "#main")
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    violations = blocking_violations(page)
    assert not violations, f"axe-core on {path}:\n" + "\n".join(violations)

    assert_no_horizontal_scroll(page, PHONE["viewport"]["width"])


def test_chromium_is_installed():
    """Without chromium the browser tests fail, saying why; they are never skipped."""
    problem = chromium_problem()
    if problem:
        pytest.fail(problem, pytrace=False)


def test_public_pages_on_a_phone(phone_context, screenshot_dir, subtests):
    for path, lang in PUBLIC_PAGES:
        with subtests.test(path=path):
            page = phone_context.new_page()
            try:
                check_public_page(page, path, lang, screenshot_dir)
            finally:
                page.close()


def test_home_page_links_to_the_six_pillars(phone_page, demo_ward):
    titles = dict(
        SectionPage.objects.child_of(demo_ward.root_page)
        .filter(slug__in=PILLAR_SLUGS)
        .values_list("slug", "title")
    )
    assert sorted(titles) == sorted(PILLAR_SLUGS)
    page = phone_page
    open_page(page, "/")
    main = page.locator("main")
    nav = page.get_by_role("navigation", name=MAIN_NAVIGATION)
    for slug, title in titles.items():
        card = main.get_by_role("link", name=title)
        expect(card).to_have_count(1)
        expect(card).to_have_attribute("href", f"/{slug}/")
        expect(nav.get_by_role("link", name=title, exact=True)).to_have_attribute(
            "href", f"/{slug}/"
        )


def test_main_navigation_works_without_javascript(phone_page_without_js):
    page = phone_page_without_js
    open_page(page, "/")
    nav = page.get_by_role("navigation", name=MAIN_NAVIGATION)
    nav.get_by_role("link", name="Thủ tục hành chính", exact=True).click()
    page.wait_for_url("**/thu-tuc-hanh-chinh/")
    expect(page.locator("h1")).to_have_text("Thủ tục hành chính")
    expect(nav.get_by_role("link", name="Thủ tục hành chính", exact=True)).to_have_attribute(
        "aria-current", "page"
    )


def test_pages_reflow_at_320_css_pixels(reflow_page):
    """WCAG 1.4.10: a 1280 px window zoomed to 400 % needs no scrolling sideways."""
    for path in ("/", "/thu-tuc-hanh-chinh/"):
        open_page(reflow_page, path)
        assert_no_horizontal_scroll(reflow_page, REFLOW["viewport"]["width"])
