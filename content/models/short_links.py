"""Short links for QR codes: ``/q/<code>`` leads to a page for as long as the ward exists.

A code belongs to a page, not to a URL: it follows the page when it is moved or renamed, and
when the page is unpublished or deleted the code leads to a page that says so and points to
the nearest live page above it (never a 404 on a board where the code is glued)."""

import secrets

from django.db import IntegrityError, models, transaction

from .counters import add_one

# Lower case letters and digits without those read alike on paper (0/o, 1/l/i).
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 5  # 31**5: 28 million codes


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


class ShortLink(models.Model):
    code = models.CharField("Mã", max_length=16, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="short_link",
        verbose_name="Trang",
    )
    # Where the page was when last published, for the helpful page after it is gone.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_url_path = models.CharField(max_length=2000, blank=True)
    last_title = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Mã QR"
        verbose_name_plural = "Mã QR"

    def __str__(self):
        return f"/q/{self.code}"

    @property
    def target_title(self):
        """The page's title, or the last one it had before it was deleted."""
        if self.page is not None:
            return self.page.title
        return f"{self.last_title} (đã xóa)" if self.last_title else "(trang đã xóa)"

    @classmethod
    def for_page(cls, page):
        """The page's short link, made on first use; its code never changes afterwards."""
        link = cls.objects.filter(page=page).first()
        if link is None:
            for _ in range(10):
                try:
                    with transaction.atomic():
                        link = cls.objects.create(code=new_code(), page=page)
                    break
                except IntegrityError:
                    link = cls.objects.filter(page=page).first()
                    if link:
                        break
            else:  # pragma: no cover - 10 collisions in a row means the space is full
                raise RuntimeError("no free short code")
        return link

    def remember(self, page, site):
        """Record where the page lives now (called on every publication)."""
        updates = {"last_url_path": page.url_path, "last_title": page.title[:255]}
        if site is not None:
            updates["site"] = site
        if any(getattr(self, name) != value for name, value in updates.items()):
            for name, value in updates.items():
                setattr(self, name, value)
            ShortLink.objects.filter(pk=self.pk).update(**updates)


class ShortLinkScan(models.Model):
    """Scans (visits of /q/<code>) per link, place and day: no address, no user, no cookie.

    ``place`` is where the printed code hangs when the code carries one (/q/<code>/<place>);
    scans of the plain code, or of a place code that no longer exists, count without a place."""

    link = models.ForeignKey(ShortLink, on_delete=models.CASCADE, related_name="scans")
    # PROTECT: a place with scans is retired (is_active off), not deleted, so counts stay.
    place = models.ForeignKey(
        "content.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scans",
        verbose_name="Nơi dán",
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        # Two partial constraints, because NULLs never clash in a plain unique constraint:
        # concurrent first scans of a day must add up in one row, with or without a place.
        constraints = [
            models.UniqueConstraint(
                fields=["link", "day"],
                condition=models.Q(place__isnull=True),
                name="content_scan_per_day",
            ),
            models.UniqueConstraint(
                fields=["link", "place", "day"],
                condition=models.Q(place__isnull=False),
                name="content_scan_per_place_day",
            ),
        ]
        indexes = [models.Index(fields=["day"], name="content_scan_day")]
        verbose_name = "Lượt quét mã QR"
        verbose_name_plural = "Lượt quét mã QR"

    def __str__(self):
        return f"{self.link_id} {self.place_id or '-'} {self.day}: {self.count}"

    @classmethod
    def record(cls, link, place_id=None):
        add_one(cls, link=link, place_id=place_id)
