"""The emergency banner: the live notices of the requesting ward's site, on every public page
(templates/base.html, ``{% emergency_banner %}``).

The cache holds, per site, every live public notice that has not ended yet (also those that
start later), and each request keeps those with ``starts_at <= now < ends_at``. So a notice
appears at its start and disappears at its end on time, with no deploy and no cache flush:
the cache only has to follow publications, which ``society.signal_handlers`` forget it for
(publish, unpublish, move, delete). ``TTL`` bounds what another process with a local-memory
cache may miss. With a warm cache the banner costs no query; cold, two (notices and view
restrictions); Wagtail's site lookup is its own cached one."""

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from portal.caching import bound_cache

from .models.emergency import SEVERITY, EmergencyNoticePage

TTL = 60
MAX_NOTICES = 20


def cache_key(site_id):
    return f"society:emergency-banner:{site_id}"


def upcoming_notices(site, now=None):
    """Live public notices of ``site`` not yet ended, as plain dicts (cacheable)."""
    now = now or timezone.now()
    root_paths = {rp.site_id: rp for rp in Site.get_site_root_paths()}
    root = root_paths.get(site.pk)
    if root is None:
        return []
    notices = (
        EmergencyNoticePage.objects.live()
        .public()
        .filter(url_path__startswith=root.root_path, ends_at__gt=now)
        .only("id", "title", "level", "banner_message", "starts_at", "ends_at", "url_path")
        .order_by("starts_at", "pk")[:MAX_NOTICES]
    )
    return [
        {
            "id": notice.pk,
            "title": notice.title,
            "level": notice.level,
            "level_label": notice.get_level_display(),
            "message": notice.banner_message,
            "starts_at": notice.starts_at,
            "ends_at": notice.ends_at,
            "url": "/" + notice.url_path[len(root.root_path) :].lstrip("/"),
        }
        for notice in notices
    ]


def live_notices(request, now=None):
    """The notices to show on this request's page, most severe first."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    key = cache_key(site.pk)
    notices = cache.get(key)
    if notices is None:
        notices = upcoming_notices(site)
        cache.set(key, notices, TTL)
    now = now or timezone.now()
    # The page changes at the next start or end: no cached copy may outlive it.
    transitions = [t for n in notices for t in (n["starts_at"], n["ends_at"]) if t > now]
    if transitions:
        bound_cache(request, min(transitions))
    current = [n for n in notices if n["starts_at"] <= now < n["ends_at"]]
    return sorted(current, key=lambda n: (-SEVERITY.get(n["level"], 0), n["starts_at"]))


def forget(site_ids=None):
    """Drop the cached banner of ``site_ids`` (every site when None)."""
    ids = site_ids if site_ids is not None else Site.objects.values_list("pk", flat=True)
    cache.delete_many([cache_key(pk) for pk in ids])
