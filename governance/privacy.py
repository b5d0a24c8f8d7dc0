"""How personal data on published lists is shown (DESIGN.md §6; docs/governance.md).

A list published online carries only the fields the law asks for (name, year of birth,
residential group, benefit, amount): the model has no field for an ID number, a phone or an
exact address, so none can be typed in. Names are masked on every public output: the family
name stays, every other word is cut to its initial ("Nguyễn Thị Hoa" → "Nguyễn T. H."). The
full list stays on the notice board at the ward office, where the law requires it."""


def mask_name(full_name):
    words = str(full_name).split()
    if len(words) <= 1:
        return f"{words[0][0]}." if words else ""
    return " ".join([words[0]] + [f"{word[0]}." for word in words[1:]])
