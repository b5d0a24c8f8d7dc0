"""Small helpers of the society demo: pages are found by slug, so seeding is idempotent."""


def child(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``, made and published if missing; (page, created)."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page, False
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish(skip_permission_checks=True)
    return page, True
