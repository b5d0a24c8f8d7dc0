"""When the law under a guide changes: flag the guides citing a document that was amended,
replaced or expired, so that their owner group reviews them (docs/business.md).

Called from the publishing signal of official documents (signal_handlers.py). It only writes
rows in the database, inside the publishing transaction, so a failed publication leaves no
flag; the e-mails to the owner group leave after commit (content.notifications.notify)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from content.notifications import notify, ward_members

from .models import BusinessGuidePage, GuideDocument, GuideReviewFlag, RuleChange


def changes_of(document):
    """``(cited document, change, newer document or None)`` for what publishing ``document``
    tells: its own new status, and the older documents that name it as amending or replacing
    them."""
    from governance.models import DocumentStatus, OfficialDocumentPage

    found = []
    if document.status == DocumentStatus.AMENDED:
        found.append((document, RuleChange.AMENDED, document.amended_by))
    elif document.status == DocumentStatus.REPLACED:
        superseded_by = document.superseded_by
        newer = superseded_by.specific if superseded_by else None
        if not isinstance(newer, OfficialDocumentPage):
            newer = None
        found.append((document, RuleChange.REPLACED, newer))
    elif document.status == DocumentStatus.EXPIRED:
        found.append((document, RuleChange.EXPIRED, None))
    older = OfficialDocumentPage.objects.filter(
        Q(amended_by=document, status=DocumentStatus.AMENDED)
        | Q(superseded_by=document, status=DocumentStatus.REPLACED)
    ).exclude(pk=document.pk)
    for old in older:
        change = RuleChange.AMENDED if old.amended_by_id == document.pk else RuleChange.REPLACED
        found.append((old, change, document))
    return found


def flag_guides_for(document, today=None):
    """Flag every guide citing a document that ``document``'s publication changed. Idempotent:
    a change already flagged and not yet reviewed is not flagged twice. Returns the new flags."""
    today = today or timezone.localdate()
    made = []
    for cited, change, newer in changes_of(document):
        guide_ids = GuideDocument.objects.filter(document=cited).values_list("guide_id", flat=True)
        for guide in BusinessGuidePage.objects.filter(pk__in=set(guide_ids)):
            with transaction.atomic():
                flag, created = GuideReviewFlag.objects.get_or_create(
                    guide=guide,
                    document=cited,
                    change=change,
                    resolved_at__isnull=True,
                    defaults={"changed_by": newer},
                )
            if not created:
                if newer and flag.changed_by_id != newer.pk:
                    flag.changed_by = newer
                    flag.save(update_fields=["changed_by"])
                continue
            made.append(flag)
            # Due for review now: the leaders' panel and the reminders see it (content.reviews).
            if guide.review_by is None or guide.review_by > today:
                BusinessGuidePage.objects.filter(pk=guide.pk).update(review_by=today)
            if guide.owner_group_id:
                what = f"{cited.heading} {change_label(change)}"
                if newer:
                    what += f" bởi {newer.heading}"
                notify(
                    ward_members([guide.owner_group], guide),
                    guide,
                    f"«{guide.title}» cần rà soát: {what}.",
                )
    return made


def change_label(change):
    return RuleChange(change).label


def resolve_flags(guide):
    """Publishing a guide again is its review: its open flags are resolved."""
    return GuideReviewFlag.objects.filter(guide=guide, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
