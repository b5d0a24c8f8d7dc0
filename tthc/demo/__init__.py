"""Demo content of the procedures pillar: the catalogue as the national portal would send it
(catalogue.json), the ward's own guidance on top (ward_guidance.json), the FAQ library
(faq.json), life events (life_events.json), forms (forms/) and the guide to filing online
(guide/). Idempotent, like the rest of seed_demo."""

import json
from pathlib import Path

from django.core.files import File
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from content.models import StandardPage
from content.text import ascii_slug
from content.ward_pages import structure_page

from ..models import (
    FaqPage,
    LifeEventPage,
    ProcedureField,
    ProcedureFormItem,
    ProcedureIndexPage,
    ProcedurePage,
)
from ..sync import sync_from_file

HERE = Path(__file__).parent
CATALOGUE = HERE / "catalogue.json"
FAQ_SLUG = "cau-hoi-thuong-gap"
LIFE_EVENTS_SLUG = "su-kien-cuoc-doi"
HOW_TO_SLUG = "nop-ho-so-truc-tuyen"
CONTACT = "Bộ phận Một cửa phường, điện thoại đường dây nóng ghi ở chân trang"


def load(name):
    path = HERE / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def seed(index_page, stdout=None):
    """Fill the procedures pillar of one ward (``index_page``)."""
    if not CATALOGUE.exists():
        if stdout:
            stdout.write("No demo procedure catalogue (tthc/demo/catalogue.json); skipped.")
        return
    run = sync_from_file(CATALOGUE, publish_new=True)
    if stdout:
        stdout.write(f"Procedure catalogue: {run.summary()}.")
    collection = _collection(index_page)
    _apply_guidance(index_page, collection)
    procedures = {
        page.procedure.code: page
        for page in ProcedurePage.objects.child_of(index_page).select_related("procedure")
    }
    _faq(index_page, procedures)
    _life_events(index_page, procedures)
    _how_to(index_page, collection)
    _search_promotions(index_page, procedures)


def _publish(page):
    page.save_revision().publish(skip_permission_checks=True)


def _collection(index_page):
    """The ward's collection for the procedures section (made by setup_ward), or the root."""
    return (
        Collection.objects.filter(name=index_page.title).order_by("-depth").first()
        or Collection.get_first_root_node()
    )


def _document(title, path, collection):
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        with path.open("rb") as handle:
            document = Document(title=title, collection=collection)
            document.file.save(path.name, File(handle), save=False)
            document.save()
    return document


def _apply_guidance(index_page, collection):
    guidance = load("ward_guidance.json") or {}
    forms = load("forms/forms.json")
    forms_by_code = {}
    for form in forms:
        for code in form.get("procedures", []):
            forms_by_code.setdefault(code, []).append(form)
    for page in ProcedurePage.objects.child_of(index_page).select_related("procedure"):
        ward = guidance.get(page.procedure.code)
        if not ward or page.guidance:
            continue
        page.title = ward["plain_title"]
        page.intro = ward["summary"]
        page.search_description = ward["summary"]
        blocks = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in ward["guidance"]]
        if ward.get("tips"):
            items = "".join(f"<li>{tip}</li>" for tip in ward["tips"])
            blocks.append(
                {
                    "type": "callout",
                    "value": {"kind": "warning", "title": "Lưu ý", "text": f"<ul>{items}</ul>"},
                }
            )
        page.guidance = blocks
        page.cases_per_month = ward.get("cases_per_month", 0)
        for form in forms_by_code.get(page.procedure.code, []):
            blank = _document(form["title"], HERE / "forms" / form["blank"], collection)
            sample = _document(
                f"{form['title']} (mẫu đã điền)", HERE / "forms" / form["sample"], collection
            )
            page.forms.add(ProcedureFormItem(title=form["title"], blank=blank, sample=sample))
        _publish(page)


def _faq(index_page, procedures):
    library = structure_page(index_page, FAQ_SLUG)
    fields = {field.name: field for field in ProcedureField.objects.all()}
    existing = set(FaqPage.objects.child_of(library).values_list("slug", flat=True))
    for entry in load("faq.json"):
        slug = ascii_slug(entry["question"])[:80].rstrip("-")
        if slug in existing:
            continue
        existing.add(slug)
        faq = FaqPage(
            title=entry["question"],
            slug=slug,
            answer="".join(f"<p>{text}</p>" for text in entry["answer"]),
            field=fields.get(entry["field"]),
        )
        faq.procedures = [procedures[c] for c in entry.get("procedures", []) if c in procedures]
        library.add_child(instance=faq)
        _publish(faq)


def _life_events(index_page, procedures):
    events = structure_page(index_page, LIFE_EVENTS_SLUG)
    for event in load("life_events.json"):
        if LifeEventPage.objects.child_of(events).filter(slug=event["slug"]).exists():
            continue
        steps = [
            {
                "type": "step",
                "value": {
                    "title": step["title"],
                    "text": f"<p>{step['text']}</p>",
                    "procedures": [
                        procedures[code].pk for code in step["procedures"] if code in procedures
                    ],
                    "optional": step.get("optional", False),
                },
            }
            for step in event["steps"]
        ]
        page = LifeEventPage(
            title=event["title"],
            slug=event["slug"],
            intro=event["intro"],
            search_description=event["intro"],
            steps=steps,
        )
        events.add_child(instance=page)
        _publish(page)


def _how_to(index_page, collection):
    """The guide to filing online, with its pictures (when the demo assets are present)."""
    guide_file = HERE / "guide" / "guide.json"
    page = StandardPage.objects.child_of(index_page).filter(slug=HOW_TO_SLUG).first()
    if page is None or not guide_file.exists() or any(b.block_type == "image" for b in page.body):
        return
    blocks = [
        {
            "type": "paragraph",
            "value": "<p>Nộp hồ sơ trực tuyến giúp không phải xếp hàng, theo dõi hồ sơ ngay trên "
            "điện thoại và nhận kết quả tại nhà. Cần có điện thoại thông minh và tài khoản "
            "định danh điện tử VNeID mức 2 (làm tại Công an phường).</p>",
        }
    ]
    for number, step in enumerate(json.loads(guide_file.read_text(encoding="utf-8")), start=1):
        title = f"Bước {number}: {step['title']}"
        image = Image.objects.filter(title=title, collection=collection).first()
        if image is None:
            with (HERE / "guide" / step["image"]).open("rb") as handle:
                image = Image(title=title, collection=collection)
                image.file.save(step["image"], File(handle), save=False)
                image.save()
        blocks += [
            {"type": "heading", "value": {"text": title}},
            {"type": "paragraph", "value": f"<p>{step['text']}</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": step["alt"], "decorative": False},
            },
        ]
    page.body = blocks
    page.contact_point = page.contact_point or CONTACT
    page.source_reference = (
        page.source_reference or "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)"
    )
    _publish(page)


# Results the ward pins for what citizens search most (sitesearch.SearchPromotion):
# query → procedure codes, then life-event slugs.
PROMOTIONS = [
    ("khai sinh", ["1.001193"], ["sinh-con"]),
    ("kết hôn", ["1.000894"], ["ket-hon"]),
    ("hộ kinh doanh", ["1.001612"], ["mo-ho-kinh-doanh"]),
    ("tạm trú", ["1.004194"], []),
]


def _search_promotions(index_page, procedures):
    from sitesearch.models import SearchPromotion

    site = index_page.get_site()
    events = {page.slug: page for page in LifeEventPage.objects.descendant_of(index_page).live()}
    for query, codes, slugs in PROMOTIONS:
        pages = [procedures[c] for c in codes if c in procedures]
        pages += [events[s] for s in slugs if s in events]
        for order, page in enumerate(pages):
            if not SearchPromotion.objects.filter(site=site, page=page, query=query).exists():
                SearchPromotion.objects.create(site=site, query=query, page=page, sort_order=order)


__all__ = ["ProcedureIndexPage", "seed"]
