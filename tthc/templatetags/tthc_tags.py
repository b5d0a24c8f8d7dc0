from django import template
from wagtail.models import Site

from content.text import json_script_value

register = template.Library()


@register.filter
def vnd(amount):
    """``50000`` → ``50.000 đồng`` (Vietnamese thousands separator)."""
    try:
        amount = int(amount)
    except (TypeError, ValueError):
        return ""
    return f"{amount:,}".replace(",", ".") + " đồng"


@register.filter
def copies(count):
    """Number of copies of a required document as a one-stop desk says it.

    ``documents`` is free JSON (the catalogue, a file import, an editor): the value may be
    missing (the template passes ""), ``None`` (shown, not handed in), a number or a numeric
    string. Anything else says nothing rather than failing the page (issue 24)."""
    if count is None:
        return "Xuất trình"
    if isinstance(count, bool):
        return ""
    try:
        count = int(str(count).strip())
    except ValueError:
        return ""
    if count < 0:
        return ""
    if count == 0:
        return "Không cần nộp"
    return f"{count:02d} bản"


@register.filter
def min_fee(fees):
    amounts = [fee.get("amount_vnd") or 0 for fee in fees]
    return min((a for a in amounts if a), default=0)


@register.filter
def government_service_json(page, request):
    """schema.org GovernmentService data of a procedure page, safe inside <script>."""
    version = page.catalogue
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "alternateName": version.name,
        "identifier": page.procedure.code,
        "serviceType": version.field.name,
        "description": page.intro or version.result,
        "url": page.get_full_url(request),
        "provider": {"@type": "GovernmentOrganization", "name": version.agency},
        "areaServed": {
            "@type": "AdministrativeArea",
            "name": Site.find_for_request(request).site_name,
        },
    }
    if version.online_url:
        data["availableChannel"] = {
            "@type": "ServiceChannel",
            "serviceUrl": version.online_url,
            "name": "Cổng Dịch vụ công quốc gia",
        }
    return json_script_value(data)


@register.filter
def faq_page_json(faqs, request):
    """schema.org FAQPage data for a list of FAQ pages."""
    from django.utils.html import strip_tags

    return json_script_value(
        {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": faq.title,
                    "acceptedAnswer": {"@type": "Answer", "text": strip_tags(faq.answer).strip()},
                }
                for faq in faqs
            ],
        }
    )
