"""The public pages, no login: the application form and the status lookup. Both are rate
limited per client address; the secret is compared with its hash only."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.procedure.events import EVENT_LABELS
from gongkai.web.agencies.selectors import public_agencies
from gongkai.web.applications.casefile import clock_of
from gongkai.web.applications.forms import LookupForm
from gongkai.web.applications.selectors import public_case
from gongkai.web.applications.services.intake import renew_secret_hash, submit_public
from gongkai.web.applications.tracking import secret_matches
from gongkai.web.errors import RateLimited
from gongkai.web.portal.access import grant
from gongkai.web.public.forms import PublicApplicationForm
from gongkai.web.public.ratelimit import client_address, forget, hit, release


def apply(request: HttpRequest) -> HttpResponse:
    """Only an accepted submission counts toward the rate limit: a form sent back with its
    errors uses up nothing. Counting and storing are one transaction, so a submission that fails
    on the way is not counted either."""
    form = PublicApplicationForm(request.POST or None, agencies=public_agencies())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                hit("submit", client_address(request))
                done = submit_public(data["agency"], data)
        except RateLimited as error:
            return render(
                request, "public/apply.html", {"form": form, "limited": error.message}, status=429
            )
        return render(
            request, "public/submitted.html", {"case": done.application, "secret": done.secret}
        )
    return render(
        request,
        "public/apply.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


SECRET_LOCKED = (
    "该申请编号的查询密码错误次数过多，已暂停查询，请{minutes}分钟后再试；"
    "如忘记查询密码，请与受理机关联系。"
)


def lookup(request: HttpRequest) -> HttpResponse:
    """Per address a few lookups an hour; per tracking number a few wrong secrets, then the
    number is locked for a while (whichever address they come from). Every lookup checks one
    hash, against a dummy when the number does not exist, so its time tells nothing."""
    form = LookupForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST":
        try:
            hit("lookup", client_address(request))
        except RateLimited as error:
            context["limited"] = error.message
            return render(request, "public/lookup.html", context, status=429)
        if form.is_valid():
            number = form.cleaned_data["tracking_number"].strip().upper()
            try:
                attempt = hit(
                    "secret",
                    number,
                    limit=settings.GONGKAI_SECRET_FAILURE_LIMIT,
                    window=settings.GONGKAI_SECRET_FAILURE_WINDOW,
                    message=SECRET_LOCKED,
                )
            except RateLimited as error:
                context["limited"] = error.message
                return render(request, "public/lookup.html", context, status=429)
            case = public_case(number)
            if not secret_matches(form.cleaned_data["secret"], case.secret_hash if case else None):
                form.add_error(None, "申请编号或查询密码不正确。")
            else:
                assert case is not None
                release(attempt)
                forget("secret", number)
                renew_secret_hash(case, form.cleaned_data["secret"])
                clock = clock_of(case, timezone.localdate())
                events = [
                    (e.occurred_on, EVENT_LABELS.get(e.kind, e.kind))
                    for e in case.events.order_by("seq")
                ]
                context.update(case=case, clock=clock, events=events)
                grant(request, case)  # the applicant's pages, for this application only
    return render(request, "public/lookup.html", context)
