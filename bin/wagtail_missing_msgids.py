#!/usr/bin/env python
"""List Wagtail msgids that have no Vietnamese translation yet.

Wagtail ships only partial Vietnamese catalogs, so the portal supplies the
missing strings in its own project-level catalogs
(``locale/vi/LC_MESSAGES/django.po`` and ``djangojs.po``), which Django gives
precedence over the apps' catalogs (``LOCALE_PATHS``).

For every Wagtail app we use, this script reads the app's English catalog
(``<app>/locale/en/LC_MESSAGES/<domain>.po``, which lists every msgid) and
reports the entries that are translated neither in Wagtail's own Vietnamese
catalogs (any of the apps below, same domain -- Django merges them) nor in
our project catalogs.  Entries that are empty or ``#, fuzzy`` count as
untranslated.  msgctxt is part of an entry's identity, and plural entries are
reported with their ``msgid_plural``.

Typical use after a Wagtail upgrade::

    .venv/bin/python bin/wagtail_missing_msgids.py            # summary + list
    .venv/bin/python bin/wagtail_missing_msgids.py --format po > var/new.po
    # translate var/new.po (Vietnamese: nplurals=1, fill msgstr / msgstr[0]),
    # then merge it into the project catalog and recompile:
    msgcat --use-first locale/vi/LC_MESSAGES/django.po var/new.po \\
        -o locale/vi/LC_MESSAGES/django.po
    msgfmt --check -o locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.po

(``--format po`` writes one domain at a time; use ``--domain djangojs`` for the
JavaScript catalog.)  Only the Python standard library is needed; Wagtail is
located through the current interpreter unless ``--wagtail-dir`` is given.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

LANGUAGE = "vi"
PLURAL_FORMS = "nplurals=1; plural=0;"
PROJECT_LOCALE = Path(__file__).resolve().parent.parent / "locale"

# (app label used in output, path relative to the wagtail package, domains),
# in the order in which they should be translated (most visible first).
APPS = [
    ("admin", "admin", ("django", "djangojs")),
    ("core", ".", ("django",)),
    ("snippets", "snippets", ("django",)),
    ("users", "users", ("django",)),
    ("documents", "documents", ("django",)),
    ("images", "images", ("django",)),
    ("contrib.settings", "contrib/settings", ("django",)),
    ("sites", "sites", ("django",)),
    ("contrib.redirects", "contrib/redirects", ("django",)),
    ("search", "search", ("django",)),
    ("embeds", "embeds", ("django",)),
    ("contrib.search_promotions", "contrib/search_promotions", ("django",)),
]


@dataclass
class Entry:
    msgid: str | None = None
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # "#." extracted comments
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def is_translated(self) -> bool:
        if "fuzzy" in self.flags or not self.msgstr:
            return False
        return all(self.msgstr.values())


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted PO string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Parse a PO file (minimal, but sufficient for gettext-generated files).

    Obsolete (``#~``) entries are skipped; the header entry (empty msgid) is
    returned like any other entry.
    """
    entries: list[Entry] = []
    cur = Entry()
    target: tuple[str, int | None] | None = None

    def flush():
        nonlocal cur, target
        if cur.msgid is not None and not cur.obsolete:
            entries.append(cur)
        cur, target = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            cur.obsolete = True
            continue
        if line.startswith("#") and cur.msgstr:
            flush()  # a new entry starts without a separating blank line
        if line.startswith("#,"):
            cur.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif line.startswith("#."):
            cur.comments.append(line[2:].strip())
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            if cur.msgstr:
                flush()
            cur.msgctxt, target = _unquote(line[8:]), ("msgctxt", None)
        elif line.startswith("msgid_plural "):
            cur.msgid_plural, target = _unquote(line[13:]), ("msgid_plural", None)
        elif line.startswith("msgid "):
            if cur.msgstr:
                flush()
            cur.msgid, target = _unquote(line[6:]), ("msgid", None)
        elif line.startswith("msgstr["):
            idx = int(line[7 : line.index("]")])
            cur.msgstr[idx] = _unquote(line[line.index("]") + 1 :])
            target = ("msgstr", idx)
        elif line.startswith("msgstr "):
            cur.msgstr[0] = _unquote(line[7:])
            target = ("msgstr", 0)
        elif line.startswith('"') and target:
            name, idx = target
            if name == "msgstr":
                cur.msgstr[idx] += _unquote(line)
            else:
                setattr(cur, name, getattr(cur, name) + _unquote(line))
        else:
            raise ValueError(f"{path}: cannot parse line {raw!r}")
    flush()
    return entries


def find_wagtail_dir() -> Path:
    spec = importlib.util.find_spec("wagtail")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            "wagtail is not importable; run with the project's virtualenv or pass --wagtail-dir"
        )
    return Path(list(spec.submodule_search_locations)[0])


def catalog(base: Path, lang: str, domain: str) -> Path:
    return base / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"


def translated_keys(paths) -> set:
    keys = set()
    for path in paths:
        if path.exists():
            keys |= {e.key for e in parse_po(path) if e.msgid and e.is_translated}
    return keys


def find_missing(wagtail_dir: Path, apps, domains, project_locale: Path | None):
    """Return {domain: [(app_label, Entry), ...]} of untranslated entries.

    An entry that occurs in several apps is reported once, under the first app
    in ``apps`` order.
    """
    result = {}
    for domain in domains:
        vi_catalogs = [
            catalog(wagtail_dir / rel, LANGUAGE, domain) for _, rel, doms in APPS if domain in doms
        ]
        if project_locale is not None:
            vi_catalogs.append(project_locale / LANGUAGE / "LC_MESSAGES" / f"{domain}.po")
        done = translated_keys(vi_catalogs)
        seen = set()
        missing = []
        for label, rel, doms in APPS:
            if label not in apps or domain not in doms:
                continue
            source = catalog(wagtail_dir / rel, "en", domain)
            if not source.exists():
                continue
            for entry in parse_po(source):
                if not entry.msgid or entry.key in done or entry.key in seen:
                    continue
                seen.add(entry.key)
                missing.append((label, entry))
        result[domain] = missing
    return result


def _quote(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    if "\n" in text.rstrip("\n"):
        # one line per source line, as gettext tools do
        parts = text.split("\n")
        lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return '""\n' + "\n".join(f'"{line}"' for line in lines)
    return '"' + text.replace("\n", "\\n") + '"'


def format_po_entry(entry: Entry, msgstr: str = "", comment: str | None = None) -> str:
    """Render an entry as PO text for a Vietnamese (nplurals=1) catalog."""
    out = []
    if comment:
        out.append(f"#. {comment}")
    flags = [f for f in entry.flags if f != "fuzzy"]
    if flags:
        out.append("#, " + ", ".join(flags))
    if entry.msgctxt is not None:
        out.append(f"msgctxt {_quote(entry.msgctxt)}")
    out.append(f"msgid {_quote(entry.msgid)}")
    if entry.msgid_plural is not None:
        out.append(f"msgid_plural {_quote(entry.msgid_plural)}")
        out.append(f"msgstr[0] {_quote(msgstr)}")
    else:
        out.append(f"msgstr {_quote(msgstr)}")
    return "\n".join(out) + "\n"


PO_HEADER = f"""msgid ""
msgstr ""
"Project-Id-Version: ward-portal\\n"
"PO-Revision-Date: {date.today().isoformat()} 00:00+0700\\n"
"Last-Translator: ward-portal maintainers\\n"
"Language-Team: Vietnamese\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Language: {LANGUAGE}\\n"
"Plural-Forms: {PLURAL_FORMS}\\n"
"""


def main(argv=None):
    labels = [label for label, _, _ in APPS]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--app",
        action="append",
        choices=labels,
        dest="apps",
        help="restrict to this app (repeatable; default: all)",
    )
    parser.add_argument(
        "--domain",
        choices=["django", "djangojs"],
        action="append",
        dest="domains",
        help="restrict to this gettext domain (repeatable; default: both)",
    )
    parser.add_argument(
        "--format",
        choices=["text", "json", "po"],
        default="text",
        help="text: summary and list; json: machine-readable; po: untranslated stub catalog",
    )
    parser.add_argument(
        "--wagtail-dir", type=Path, help="path of the wagtail package (default: import it)"
    )
    parser.add_argument(
        "--project-locale",
        type=Path,
        default=PROJECT_LOCALE,
        help=f"project LOCALE_PATHS directory (default: {PROJECT_LOCALE})",
    )
    parser.add_argument(
        "--ignore-project",
        action="store_true",
        help="ignore the project catalogs (list what Wagtail alone lacks)",
    )
    args = parser.parse_args(argv)

    apps = args.apps or labels
    domains = args.domains or ["django", "djangojs"]
    if args.format == "po" and len(domains) != 1:
        parser.error("--format po needs exactly one --domain")
    wagtail_dir = args.wagtail_dir or find_wagtail_dir()
    missing = find_missing(
        wagtail_dir, apps, domains, None if args.ignore_project else args.project_locale
    )

    if args.format == "json":
        data = [
            {
                "domain": domain,
                "app": label,
                "msgctxt": e.msgctxt,
                "msgid": e.msgid,
                "msgid_plural": e.msgid_plural,
                "flags": [f for f in e.flags if f != "fuzzy"],
            }
            for domain, items in missing.items()
            for label, e in items
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.format == "po":
        print(PO_HEADER)
        for label, entry in missing[domains[0]]:
            print(format_po_entry(entry, comment=f"wagtail {label}"))
    else:
        for domain, items in missing.items():
            counts = {}
            for label, _ in items:
                counts[label] = counts.get(label, 0) + 1
            print(
                f"== {domain}: {len(items)} untranslated "
                + ", ".join(f"{k}={v}" for k, v in counts.items())
            )
            for label, e in items:
                ctxt = f"[{e.msgctxt}] " if e.msgctxt is not None else ""
                plural = f"  |  {e.msgid_plural!r}" if e.msgid_plural is not None else ""
                print(f"{label}\t{ctxt}{e.msgid!r}{plural}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
