"""Factories for small tests: a ward's home and site, sections, articles and places, built one
at a time (wagtail-factories, factory_boy) instead of the whole demo ward.

    home = ward_site("Phường Thử").root_page          # the default site, as the demo ward is
    other = ward_site("Xã Khác", hostname="xakhac.example")   # another ward beside it
    SectionPageFactory(parent=home, title="Văn hóa – xã hội", slug="van-hoa-xa-hoi")
"""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from content.models import HomePage, Place, SectionPage, StandardPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published with a first revision, as an editor's
    publish leaves it; ``publish=False`` makes it a draft instead."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is False:
            obj.live = False
            obj.save(update_fields=["live"])
            obj.save_revision()
        else:
            obj.save_revision().publish(skip_permission_checks=True)


class HomePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Phường Thử {n}")
    slug = factory.Sequence(lambda n: f"phuong-thu-{n}")
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class SectionPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
    show_in_menus = True

    class Meta:
        model = SectionPage


class StandardPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Bài viết thử số {n}")
    slug = factory.Sequence(lambda n: f"bai-viet-thu-so-{n}")
    intro = "Tóm tắt bài viết thử."

    class Meta:
        model = StandardPage


class PlaceFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"tdp-{n + 1:02d}")
    name = factory.Sequence(lambda n: f"Tổ dân phố số {n + 1}")
    sort_order = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = Place


def ward_site(title, slug=None, hostname=None, **home_fields):
    """A ward's published home page on a site of its own: the default site when ``hostname``
    is None (the one a test client reaches), otherwise a further site at that host name."""
    from django.utils.text import slugify

    home = HomePageFactory(
        title=title, slug=slug or slugify(title.replace("đ", "d")), **home_fields
    )
    if hostname is None:
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.site_name = title
        site.save()
        return site
    return Site.objects.create(hostname=hostname, root_page=home, site_name=title)
