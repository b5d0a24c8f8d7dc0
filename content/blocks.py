"""StreamField blocks shared by every page type."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tiêu đề", max_length=200)

    class Meta:
        icon = "title"
        label = "Tiêu đề mục"
        template = "blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    """A boxed note: what to bring, a warning, a tip."""

    KINDS = [("info", "Thông tin"), ("warning", "Lưu ý"), ("success", "Hoàn thành")]

    kind = blocks.ChoiceBlock(choices=KINDS, default="info", label="Loại")
    title = blocks.CharBlock(label="Tiêu đề", max_length=200, required=False)
    text = blocks.RichTextBlock(label="Nội dung", features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = "Khung lưu ý"
        template = "blocks/callout_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        features=["h3", "bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock(label="Hình ảnh", template="blocks/image_block.html")
    callout = CalloutBlock()

    class Meta:
        label = "Nội dung"
