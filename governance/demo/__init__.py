"""Demo content of the governance pillar: the document register (documents.py, with small
generated PDFs), four weeks of the leaders' schedule around today, a disclosure in every
category and announcements. Idempotent, like the rest of seed_demo: each page is found by its
slug and left alone when it is there."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from content.ward_pages import structure_page

from ..models import (
    AnnouncementPage,
    DisclosurePage,
    ListedPerson,
    OfficialDocumentPage,
    ScheduleEntry,
    WeekSchedulePage,
)
from ..models.documents import number_slug
from ..models.schedule import monday_of
from .documents import DOCUMENTS
from .pdf import demo_pdf
from .texts import ANNOUNCEMENTS, BENEFICIARIES, DISCLOSURES, WEEK_ENTRIES

CONTACT = "Văn phòng HĐND và UBND phường, điện thoại 0243 000 5678 (giờ hành chính)"
DEMO_NOTE = "Ban mo phong - du lieu minh hoa cua Cong thong tin (khong phai van ban that)."


def seed(pillar, stdout=None):
    """Fill the governance pillar of one ward (``pillar``, a GovernancePage)."""
    collection = _collection(pillar)
    register = structure_page(pillar, "van-ban")
    schedule = structure_page(pillar, "lich-cong-tac")
    disclosures = structure_page(pillar, "cong-khai")
    announcements = structure_page(pillar, "thong-bao-ke-hoach")
    made = _documents(register, collection)
    made += _weeks(schedule)
    made += _disclosures(disclosures, collection)
    made += _announcements(announcements, collection)
    if stdout:
        stdout.write(f"Governance pillar: {made} new pages.")


def _publish(page):
    page.save_revision().publish(skip_permission_checks=True)


def _collection(pillar):
    return (
        Collection.objects.filter(name=pillar.title).order_by("-depth").first()
        or Collection.get_first_root_node()
    )


def _pdf_document(title, filename, lines, collection):
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        content = demo_pdf([*lines, "", DEMO_NOTE])
        # The admin's upload form records the size; a document made in code says it itself.
        document = Document(title=title, collection=collection, file_size=len(content))
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
    return document


def _documents(register, collection):
    existing = set(OfficialDocumentPage.objects.child_of(register).values_list("slug", flat=True))
    made = []
    for row in DOCUMENTS:
        doc_type, number, subject, summary, issuer, signer, issued, effective, status = row[:9]
        if number_slug(number) in existing:
            continue
        page = OfficialDocumentPage(
            title=subject,
            slug=number_slug(number),
            intro=summary,
            search_description=summary,
            doc_type=doc_type,
            number=number,
            issuer=issuer,
            signer_title=signer[0],
            signer_name=signer[1],
            issued_on=issued,
            effective_on=effective,
            # Links to later documents are set once they all exist (below).
            status="con-hieu-luc" if status in ("bi-thay-the", "da-sua-doi") else status,
        )
        label = dict(OfficialDocumentPage._meta.get_field("doc_type").choices)[doc_type]
        page.file = _pdf_document(
            f"{label} {number}",
            f"{number_slug(number)}.pdf",
            [
                issuer.upper(),
                f"{label.upper()} So {number}",
                subject,
                f"Ngay {issued:%d/%m/%Y}",
                summary,
            ],
            collection,
        )
        register.add_child(instance=page)
        _publish(page)
        made.append(number)
    if made:
        pages = {p.number: p for p in OfficialDocumentPage.objects.child_of(register)}
        for row in DOCUMENTS:
            number, status, replaced_by, amended_by = row[1], row[8], row[9], row[10]
            page = pages[number]
            if number not in made or status == page.status:
                continue
            page.status = status
            page.superseded_by = pages[replaced_by] if replaced_by else None
            page.amended_by = pages[amended_by] if amended_by else None
            _publish(page)
    return len(made)


def _weeks(schedule):
    """Two weeks back, this week and next, around today."""
    this_monday = monday_of(timezone.localdate())
    made = 0
    for offset in (-2, -1, 0, 1):
        monday = this_monday + datetime.timedelta(weeks=offset)
        slug = f"tuan-{monday:%Y-%m-%d}"
        if WeekSchedulePage.objects.child_of(schedule).filter(slug=slug).exists():
            continue
        sunday = monday + datetime.timedelta(days=6)
        page = WeekSchedulePage(
            title=f"Lịch công tác tuần từ {monday:%d/%m} đến {sunday:%d/%m/%Y}",
            slug=slug,
            week_start=monday,
            intro="Lịch có thể thay đổi; mọi điều chỉnh được cập nhật trên trang này.",
            search_description=f"Lịch công tác của Lãnh đạo phường tuần từ {monday:%d/%m/%Y}.",
        )
        rotate = (offset + 2) % 3
        for order, (weekday, start, end, leader, content, place, participants, secret) in enumerate(
            WEEK_ENTRIES
        ):
            content = content[rotate] if isinstance(content, tuple) else content
            page.entries.add(
                ScheduleEntry(
                    sort_order=order,
                    day=monday + datetime.timedelta(days=weekday),
                    start_time=datetime.time(*start),
                    end_time=datetime.time(*end) if end else None,
                    leader=leader,
                    content=content,
                    place=place,
                    participants=participants,
                    confidential=secret,
                )
            )
        schedule.add_child(instance=page)
        _publish(page)
        made += 1
    return made


def _disclosures(index, collection):
    today = timezone.localdate()
    made = 0
    for item in DISCLOSURES:
        if DisclosurePage.objects.child_of(index).filter(slug=item["slug"]).exists():
            continue
        fields = {
            k: v for k, v in item.items() if k not in ("slug", "file_lines", "paragraphs", "days")
        }
        for name, days in item.get("days", {}).items():
            fields[name] = today + datetime.timedelta(days=days)
        page = DisclosurePage(
            slug=item["slug"],
            search_description=item["intro"],
            body=[{"type": "paragraph", "value": f"<p>{text}</p>"} for text in item["paragraphs"]],
            **fields,
        )
        if item.get("file_lines"):
            page.file = _pdf_document(
                item["title"], f"{item['slug']}.pdf", item["file_lines"], collection
            )
        if item["category"] == "doi-tuong-thu-huong":
            for order, (name, year, place, benefit, amount) in enumerate(BENEFICIARIES):
                page.people.add(
                    ListedPerson(
                        sort_order=order,
                        full_name=name,
                        birth_year=year,
                        place=place,
                        benefit=benefit,
                        amount_vnd=amount,
                    )
                )
        index.add_child(instance=page)
        _publish(page)
        made += 1
    return made


def _announcement_image(title, collection):
    """A plain banner (the demo has no photographs of its own)."""
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        canvas = PillowImage.new("RGB", (1200, 630), "#f7f3ee")
        draw = ImageDraw.Draw(canvas)
        draw.rectangle((0, 0, 1200, 90), fill="#a3120c")
        draw.rectangle((0, 540, 1200, 630), fill="#ffcd00")
        for x in range(120, 1100, 160):
            draw.ellipse((x, 230, x + 110, 340), fill="#1d6b2f")
            draw.rectangle((x + 45, 340, x + 65, 440), fill="#7a4a00")
        buffer = io.BytesIO()
        canvas.save(buffer, "PNG", optimize=True)
        image = Image(title=title, collection=collection)
        buffer.seek(0)
        image.file.save("tong-ve-sinh.png", ImageFile(buffer, name="tong-ve-sinh.png"), save=False)
        image.save()
    return image


def _announcements(index, collection):
    made = 0
    for order, item in enumerate(ANNOUNCEMENTS):
        if AnnouncementPage.objects.child_of(index).filter(slug=item["slug"]).exists():
            continue
        page = AnnouncementPage(
            # Newest first, one every few days (publishing keeps a date that is set).
            first_published_at=timezone.now() - datetime.timedelta(days=3 * order, hours=2),
            title=item["title"],
            slug=item["slug"],
            kind=item["kind"],
            intro=item["intro"],
            search_description=item["intro"],
            body=[{"type": "paragraph", "value": f"<p>{text}</p>"} for text in item["paragraphs"]],
            source_reference=item["source"],
            contact_point=CONTACT,
        )
        if item.get("image_alt"):
            page.image = _announcement_image(item["title"], collection)
            page.image_alt = item["image_alt"]
        index.add_child(instance=page)
        page.tags.add(*item.get("tags", []))
        _publish(page)
        made += 1
    return made
