"""Blocks of the business guides."""

from wagtail import blocks


class GuideStepBlock(blocks.StructBlock):
    """One item of a guide's checklist: what to do, then how, in plain words."""

    title = blocks.CharBlock(label="Việc cần làm", max_length=200)
    text = blocks.RichTextBlock(
        label="Giải thích", features=["bold", "italic", "link", "ul"], required=False
    )

    class Meta:
        icon = "tick"
        label = "Bước"
        template = "blocks/guide_step_block.html"
