"""Numbers as Vietnamese readers write them: 10.632 hồ sơ, 65,77 %."""

from decimal import ROUND_HALF_UP, Decimal


def vn_number(number, decimals=0):
    """``number`` rounded half up to ``decimals`` places, "." between thousands and "," before
    the decimals: vn_number(Decimal("65.7712"), 2) == "65,77"; vn_number(10632) == "10.632"."""
    rounded = Decimal(number).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    return f"{text},{fraction}" if fraction else text
