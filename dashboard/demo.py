"""Demo readings for the demo ward.

- The baseline of seed 000, appendix C (1 July – 30 November 2025), split by month and field so
  that the sums are exactly the published totals: received 10,632 (online 6,993, direct 3,639),
  resolved 10,386 (early 9,361, on time 1,025, late 0), iHanoi feedback 413 (resolved 376),
  results digitised 69.3 %.
- DEMO FIGURES, invented: the months from December 2025 to last month, improving (online share
  rising toward 85 %, questions at the desk falling), so that 12-month charts have something
  to show; and the portal's own activity and the manual inputs for every month.
"""

import datetime
import math
import random

from django.utils import timezone

from .models import ManualFigure, Reading, Source
from .sources import base

BASELINE_MONTHS = [datetime.date(2025, month, 1) for month in range(7, 12)]
FIRST_DEMO_MONTH = datetime.date(2025, 12, 1)
# Appendix C of seed 000 (DESIGN.md §5).
BASELINE = {
    "received_online": 6993,
    "received_direct": 3639,
    "resolved_early": 9361,
    "resolved_on_time": 1025,
    "resolved_late": 0,
}
BASELINE_FEEDBACK = {"received": 413, "resolved": 376}
BASELINE_DIGITISED = 0.693
# Fields of the one-stop desk: (name, share of cases, share submitted online in the baseline,
# share resolved early).
FIELDS = [
    ("Chứng thực", 0.37, 0.74, 0.95),
    ("Hộ tịch", 0.24, 0.70, 0.93),
    ("Lao động – Thương binh và Xã hội", 0.11, 0.52, 0.88),
    ("Đất đai", 0.10, 0.44, 0.74),
    ("Kinh doanh", 0.09, 0.76, 0.90),
    ("Xây dựng", 0.06, 0.56, 0.78),
    ("Giáo dục và Đào tạo", 0.03, 0.40, 0.92),
]
# Cases per month in the baseline, relative (the summer months are quieter).
BASELINE_MONTH_WEIGHTS = [0.188, 0.184, 0.207, 0.212, 0.209]
ORIGIN = "Dữ liệu mẫu"
PLACES_FOR_QR = 6


def apportion(total, weights):
    """Integers proportional to ``weights`` that add up to exactly ``total`` (largest
    remainder)."""
    keys = list(weights)
    whole = sum(weights.values())
    if total == 0 or whole == 0:
        return dict.fromkeys(keys, 0)
    exact = {key: total * weights[key] / whole for key in keys}
    result = {key: math.floor(value) for key, value in exact.items()}
    short = total - sum(result.values())
    for key in sorted(keys, key=lambda k: exact[k] - result[k], reverse=True)[:short]:
        result[key] += 1
    return result


def demo_months(today=None):
    """December 2025 up to last month."""
    last = base.previous_month(base.month_start(today or timezone.localdate()))
    months, period = [], FIRST_DEMO_MONTH
    while period <= last:
        months.append(period)
        period = base.next_month(period)
    return months


def baseline_cases():
    """{period: {(metric, field): count}} of the baseline, summing to appendix C."""
    cells = [(m, i) for m in range(len(BASELINE_MONTHS)) for i in range(len(FIELDS))]
    # The online share grows a little month by month (guides published on the portal).
    shares = {
        "received_online": lambda f, m: f[1] * f[2] * (1 + 0.012 * (m - 2)),
        "received_direct": lambda f, m: f[1] * (1 - f[2]) * (1 - 0.024 * (m - 2)),
        "resolved_early": lambda f, m: f[1] * f[3],
        "resolved_on_time": lambda f, m: f[1] * (1 - f[3]),
        "resolved_late": lambda f, m: 0,
    }
    split = {
        metric: apportion(
            total,
            {(m, i): BASELINE_MONTH_WEIGHTS[m] * shares[metric](FIELDS[i], m) for m, i in cells},
        )
        for metric, total in BASELINE.items()
    }
    periods = {}
    for m, i in cells:
        values = periods.setdefault(BASELINE_MONTHS[m], {})
        for metric in BASELINE:
            values[(metric, FIELDS[i][0])] = split[metric][(m, i)]
    _add_pending(periods)
    return periods


def demo_cases(months):
    """Invented months after the baseline: online share rising toward 85 %, a few late cases
    in land and construction early in 2026, none since."""
    rng = random.Random(2026)  # noqa: S311 - made-up demo figures
    periods = {}
    for n, period in enumerate(months):
        online_share = 0.85 - (0.85 - 0.665) * math.exp(-n / 5)
        early_share = 0.925 + 0.02 * (1 - math.exp(-n / 6))
        volume = 2150 * (0.78 if period.month == 2 else 1.0) * rng.uniform(0.95, 1.06)
        values = periods.setdefault(period, {})
        for name, share, online, early in FIELDS:
            received = round(volume * share * rng.uniform(0.92, 1.08))
            field_online = min(0.97, online + (online_share - 0.6577))
            values[("received_online", name)] = round(received * field_online)
            values[("received_direct", name)] = received - values[("received_online", name)]
            resolved = round(received * rng.uniform(0.96, 1.0))
            late = 2 if name == "Đất đai" and period.month in (2, 3) and period.year == 2026 else 0
            late += 1 if name == "Xây dựng" and period == datetime.date(2026, 3, 1) else 0
            field_early = min(0.99, early + (early_share - 0.9013))
            values[("resolved_early", name)] = round((resolved - late) * field_early)
            values[("resolved_on_time", name)] = resolved - late - values[("resolved_early", name)]
            values[("resolved_late", name)] = late
    return periods


def _add_pending(periods, carried=None):
    """Cases still being handled at the end of each month: what came in minus what was
    resolved, carried month to month (none of them overdue in the baseline)."""
    carried = carried if carried is not None else {}
    for period in sorted(periods):
        values = periods[period]
        for name, *_ in FIELDS:
            came = values[("received_online", name)] + values[("received_direct", name)]
            done = sum(
                values[(m, name)] for m in ("resolved_early", "resolved_on_time", "resolved_late")
            )
            carried[name] = max(0, carried.get(name, 0) + came - done)
            values[("pending", name)] = carried[name]
            values[("pending_overdue", name)] = 0
    return carried


def feedback(months):
    """iHanoi baseline (413 received, 376 resolved) and invented later months; the portal's
    own form joins as a channel after the baseline."""
    rng = random.Random(413)  # noqa: S311
    received = apportion(
        BASELINE_FEEDBACK["received"], dict(zip(BASELINE_MONTHS, [76, 79, 84, 88, 86], strict=True))
    )
    resolved = apportion(
        BASELINE_FEEDBACK["resolved"],
        {p: received[p] * (0.88 + 0.01 * i) for i, p in enumerate(BASELINE_MONTHS)},
    )
    periods = {}
    for period in BASELINE_MONTHS:
        periods[period] = _feedback_values("ihanoi", received[period], resolved[period], 0.86, rng)
    for n, period in enumerate(months):
        share = min(0.97, 0.915 + 0.005 * n)
        on_time = min(0.97, 0.87 + 0.008 * n)
        values = _feedback_values("ihanoi", rng.randint(78, 96), None, on_time, rng, share)
        values.update(
            _feedback_values("portal", 8 + n + rng.randint(0, 4), None, on_time, rng, share)
        )
        periods[period] = values
    return periods


def _feedback_values(channel, received, resolved, on_time, rng, share=None):
    resolved = resolved if resolved is not None else round(received * share)
    closed = min(received, resolved + rng.randint(1, 4))
    rated = round(resolved * 0.58)
    satisfied = round(rated * rng.uniform(0.92, 0.96))
    rating_sum = satisfied * 5 - round(satisfied * 0.45) + (rated - satisfied) * 3
    return {
        ("received", channel): received,
        ("resolved", channel): resolved,
        ("closed", channel): closed,
        ("closed_on_time", channel): round(closed * on_time),
        ("rated", channel): rated,
        ("satisfied", channel): satisfied,
        ("rating_sum", channel): rating_sum,
    }


def portal(months, places):
    """The portal's own activity, invented: more posts, more complete, more downloads and
    scans, fewer corrections and fewer searches without a result as months go by."""
    rng = random.Random(360)  # noqa: S311
    periods = {}
    for n, period in enumerate(months):
        values = {}
        articles = 22 + n + rng.randint(0, 5)
        announcements = 9 + n // 2 + rng.randint(0, 3)
        for kind, posts in (("standardpage", articles), ("announcementpage", announcements)):
            values[("posts_published", kind)] = posts
            values[("posts_complete", kind)] = round(posts * min(0.97, 0.72 + 0.02 * n))
            values[("posts_with_image", kind)] = round(posts * min(0.9, 0.55 + 0.02 * n))
        due = 14 + rng.randint(0, 8)
        values[("pages_review_due", "")] = due
        values[("pages_reviewed_on_time", "")] = round(due * min(1.0, 0.8 + 0.015 * n))
        values[("corrections", "")] = max(0, 4 - n // 4 + rng.randint(-1, 1))
        values[("form_downloads", "")] = 900 + 55 * n + rng.randint(0, 120)
        for place in places:
            values[("qr_scans", place)] = 25 + 4 * n + rng.randint(0, 30)
        answers = 110 + 8 * n + rng.randint(0, 20)
        values[("page_answers", "")] = answers
        values[("page_useful", "")] = round(answers * min(0.9, 0.74 + 0.01 * n))
        votes = 380 + 12 * n + rng.randint(0, 40)
        values[("desk_votes", "")] = votes
        values[("desk_satisfied", "")] = round(votes * min(0.97, 0.925 + 0.003 * n))
        searches = 1800 + 90 * n + rng.randint(0, 150)
        values[("searches", "")] = searches
        values[("searches_without_result", "")] = round(searches * max(0.04, 0.14 - 0.007 * n))
        periods[period] = values
    return periods


def manual(months, cases):
    """Questions at the desk falling as the online share rises (seed 000 §2.5), the paper
    survey, and results digitised (69.3 % in the baseline)."""
    rng = random.Random(25)  # noqa: S311
    figures = {}
    resolved_baseline = BASELINE["resolved_early"] + BASELINE["resolved_on_time"]
    digitised_baseline = round(resolved_baseline * BASELINE_DIGITISED)
    results = apportion(
        resolved_baseline,
        {p: _sum(cases[p], "resolved_") for p in BASELINE_MONTHS},
    )
    digitised = apportion(digitised_baseline, results)
    for period in [*BASELINE_MONTHS, *months]:
        values = cases[period]
        online = _sum(values, "received_online")
        share = online / (online + _sum(values, "received_direct"))
        questions = round(3300 * (1 - share) + rng.randint(-40, 40))
        answers = 240 + rng.randint(0, 30)
        total = results[period] if period in results else _sum(values, "resolved_")
        done = (
            digitised[period]
            if period in digitised
            else round(total * min(0.95, 0.7 + 0.02 * months.index(period)))
        )
        figures[period] = {
            "desk_questions": questions,
            "survey_answers": answers,
            "survey_satisfied": round(answers * rng.uniform(0.92, 0.95)),
            "results_total": total,
            "results_digitised": done,
        }
    return figures


def _sum(values, prefix):
    return sum(v for (metric, _), v in values.items() if metric.startswith(prefix))


def seed(site, today=None, stdout=None):
    """Load the demo readings of ward ``site``; does nothing when it already has readings."""
    if Reading.objects.filter(site=site).exists():
        return 0
    from content.models import Place, SyncRun

    months = demo_months(today)
    cases = baseline_cases()
    later = demo_cases(months)
    carried = {}
    _add_pending(cases, carried)
    _add_pending(later, carried)
    cases.update(later)
    places = list(
        Place.objects.filter(site=site, is_active=True)
        .order_by("sort_order")
        .values_list("name", flat=True)[:PLACES_FOR_QR]
    )
    rows = []
    for source, periods in (
        (Source.CASES, cases),
        (Source.FEEDBACK, feedback(months)),
        (Source.PORTAL, portal([*BASELINE_MONTHS, *months], places)),
    ):
        errors = base.validate(source, periods, today)
        if errors:
            raise base.Rejected(errors)
        for period, values in periods.items():
            rows.extend(
                Reading(
                    site=site,
                    source=source,
                    metric=metric,
                    period=period,
                    breakdown=breakdown,
                    value=value,
                    origin=ORIGIN,
                )
                for (metric, breakdown), value in values.items()
            )
    # Manual figures, and their mirror in readings written alongside (bulk_create sends no
    # signal; sources.manual.mirror would write the same rows, more slowly).
    figures = manual(months, cases)
    ManualFigure.objects.bulk_create(
        ManualFigure(site=site, metric=metric, period=period, value=value, note=ORIGIN)
        for period, values in figures.items()
        for metric, value in values.items()
    )
    rows.extend(
        Reading(
            site=site,
            source=Source.MANUAL,
            metric=metric,
            period=period,
            value=value,
            origin=ORIGIN,
        )
        for period, values in figures.items()
        for metric, value in values.items()
    )
    Reading.objects.bulk_create(rows)
    # The demo's figures arrived "now", so that the dashboard does not call them stale.
    for source in (Source.CASES, Source.FEEDBACK, Source.PORTAL):
        SyncRun(
            source=base.sync_source(site, source),
            origin=ORIGIN,
            created=sum(1 for row in rows if row.source == source),
        ).finish(SyncRun.Status.SUCCESS, f"{ORIGIN}: nạp khi tạo phường mẫu.")
    if stdout is not None:
        stdout.write(f"Dashboard: {len(rows)} demo readings.")
    return len(rows)


# Light demo wards (``seed_demo --wards N``, content/demo/wards.py) -----------------------------

LIGHT_FIELDS = FIELDS[:4]  # the four largest fields are enough to show a breakdown


def light_profile(number):
    """Ward ``number``'s own size and rates, invented and fixed by its number: from a tenth to
    three times the demo ward's cases, online share 45–92 %, some with late cases, feedback
    resolved 72–99 %, satisfaction 80–98 %."""
    rng = random.Random(f"light-ward-{number}")  # noqa: S311 - made-up demo figures
    return {
        "size": round(math.exp(rng.uniform(math.log(0.1), math.log(3.0))), 3),
        "online": rng.uniform(0.45, 0.92),
        "growth": rng.uniform(-0.002, 0.012),  # change of the online share per month
        "early": rng.uniform(0.78, 0.97),
        "late": rng.choice([0, 0, 0, 0.002, 0.006, 0.015]),
        "feedback": rng.uniform(0.5, 1.6),
        "resolved": rng.uniform(0.72, 0.99),
        "on_time": rng.uniform(0.7, 0.98),
        "satisfied": rng.uniform(0.8, 0.98),
        "posts": rng.uniform(4, 40),
        "complete": rng.uniform(0.55, 0.98),
        "review": rng.uniform(0.6, 1.0),
        "digitised": rng.uniform(0.5, 0.95),
        "seed": rng.random(),
    }


def light_readings(site, number, months):
    """{source: {period: {(metric, breakdown): count}}} of light ward ``number``."""
    profile = light_profile(number)
    rng = random.Random(profile["seed"])  # noqa: S311
    cases, feedback_, portal_, manual_ = {}, {}, {}, {}
    for n, period in enumerate(months):
        volume = 2150 * profile["size"] * (0.78 if period.month == 2 else 1.0)
        online = min(0.97, max(0.2, profile["online"] + profile["growth"] * n))
        values = cases.setdefault(period, {})
        for name, share, _, _ in LIGHT_FIELDS:
            received = max(1, round(volume * share * rng.uniform(0.9, 1.1)))
            values[("received_online", name)] = round(received * online)
            values[("received_direct", name)] = received - values[("received_online", name)]
            resolved = round(received * rng.uniform(0.95, 1.0))
            late = round(resolved * profile["late"] * rng.uniform(0.5, 1.5))
            values[("resolved_early", name)] = round((resolved - late) * profile["early"])
            values[("resolved_on_time", name)] = resolved - late - values[("resolved_early", name)]
            values[("resolved_late", name)] = late
            values[("pending", name)] = received - resolved
            values[("pending_overdue", name)] = min(received - resolved, late // 2)
        received = max(
            1, round(85 * profile["size"] * profile["feedback"] * rng.uniform(0.85, 1.15))
        )
        resolved = round(received * profile["resolved"])
        closed = min(received, resolved + rng.randint(0, 3))
        rated = round(resolved * 0.55)
        satisfied = round(rated * profile["satisfied"])
        feedback_[period] = {
            ("received", "ihanoi"): received,
            ("resolved", "ihanoi"): resolved,
            ("closed", "ihanoi"): closed,
            ("closed_on_time", "ihanoi"): round(closed * profile["on_time"]),
            ("rated", "ihanoi"): rated,
            ("satisfied", "ihanoi"): satisfied,
            ("rating_sum", "ihanoi"): satisfied * 5
            - round(satisfied * 0.5)
            + (rated - satisfied) * 3,
        }
        posts = max(1, round(profile["posts"] * rng.uniform(0.8, 1.2)))
        due = rng.randint(4, 16)
        votes = max(1, round(380 * profile["size"] * rng.uniform(0.8, 1.2)))
        searches = max(1, round(1800 * profile["size"] * rng.uniform(0.8, 1.2)))
        portal_[period] = {
            ("posts_published", "standardpage"): posts,
            ("posts_complete", "standardpage"): round(posts * profile["complete"]),
            ("posts_with_image", "standardpage"): round(posts * profile["complete"] * 0.8),
            ("pages_review_due", ""): due,
            ("pages_reviewed_on_time", ""): round(due * profile["review"]),
            ("corrections", ""): rng.randint(0, 3),
            ("form_downloads", ""): round(900 * profile["size"] * rng.uniform(0.7, 1.3)),
            ("page_answers", ""): max(1, round(110 * profile["size"])),
            ("page_useful", ""): round(110 * profile["size"] * rng.uniform(0.65, 0.92)),
            ("desk_votes", ""): votes,
            ("desk_satisfied", ""): round(votes * profile["satisfied"]),
            ("searches", ""): searches,
            ("searches_without_result", ""): round(searches * rng.uniform(0.03, 0.16)),
        }
        total = _sum(values, "resolved_")
        answers = max(1, round(240 * profile["size"] * rng.uniform(0.8, 1.2)))
        manual_[period] = {
            ("desk_questions", ""): round(3300 * profile["size"] * (1 - online)),
            ("survey_answers", ""): answers,
            ("survey_satisfied", ""): round(answers * profile["satisfied"]),
            ("results_total", ""): total,
            ("results_digitised", ""): round(total * profile["digitised"]),
        }
    return {
        Source.CASES: cases,
        Source.FEEDBACK: feedback_,
        Source.PORTAL: portal_,
        Source.MANUAL: manual_,
    }


def seed_light(site, number, today=None):
    """Readings of light ward ``number`` from the baseline's first month to last month, each
    ward of its own size and rates, so that the city's dashboard has a spread to show. Does
    nothing when the ward already has readings."""
    if Reading.objects.filter(site=site).exists():
        return 0
    from content.models import SyncRun

    months = [*BASELINE_MONTHS, *demo_months(today)]
    rows = []
    for source, periods in light_readings(site, number, months).items():
        errors = base.validate(source, periods, today)
        if errors:
            raise base.Rejected(errors)
        rows.extend(
            Reading(
                site=site,
                source=source,
                metric=metric,
                period=period,
                breakdown=breakdown,
                value=value,
                origin=ORIGIN,
            )
            for period, values in periods.items()
            for (metric, breakdown), value in values.items()
        )
    Reading.objects.bulk_create(rows, batch_size=2000)
    for source in (Source.CASES, Source.FEEDBACK, Source.PORTAL):
        SyncRun(source=base.sync_source(site, source), origin=ORIGIN).finish(
            SyncRun.Status.SUCCESS, f"{ORIGIN}: nạp khi tạo phường mẫu."
        )
    return len(rows)
