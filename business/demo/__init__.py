"""Demo content of the business pillar; seed_demo calls seed(pillar_page, stdout). Idempotent:
a guide is found by its slug and left alone when it is there. Links to procedures and
documents are made by code and number, skipping those the database lacks (the tests' demo
ward has neither procedures nor documents)."""

from ..models import BusinessGuidePage, GuideDocument, GuideProcedure
from ..rules import flag_guides_for
from .guides import CHANGED_DOCUMENTS, CONTACT, GUIDES


def _paragraphs(texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def seed(pillar, stdout=None):
    """Fill the business pillar of one ward (``pillar``, a BusinessPage)."""
    from governance.models import OfficialDocumentPage
    from tthc.models import ProcedurePage

    home = pillar.get_parent()
    procedures = {
        page.procedure.code: page
        for page in ProcedurePage.objects.descendant_of(home).select_related("procedure")
    }
    documents = {page.number: page for page in OfficialDocumentPage.objects.descendant_of(home)}
    made = []
    for slug, topic, title, intro, steps, paragraphs, codes, numbers, source in GUIDES:
        if BusinessGuidePage.objects.child_of(pillar).filter(slug=slug).exists():
            continue
        guide = BusinessGuidePage(
            slug=slug,
            topic=topic,
            title=title,
            intro=intro,
            search_description=intro,
            checklist=[
                {"type": "step", "value": {"title": step, "text": f"<p>{text}</p>"}}
                for step, text in steps
            ],
            body=_paragraphs(paragraphs),
            source_reference=source,
            contact_point=CONTACT,
        )
        guide.procedures = [
            GuideProcedure(procedure=procedures[code]) for code in codes if code in procedures
        ]
        guide.documents = [
            GuideDocument(document=documents[number]) for number in numbers if number in documents
        ]
        pillar.add_child(instance=guide)
        guide.tags.add("doanh nghiệp", "hộ kinh doanh")
        guide.save_revision().publish(skip_permission_checks=True)
        made.append(guide)
    if made:
        for number in CHANGED_DOCUMENTS:
            if number in documents:
                flag_guides_for(documents[number])
    if stdout:
        stdout.write(f"Business pillar: {len(made)} new guides.")
    return made
