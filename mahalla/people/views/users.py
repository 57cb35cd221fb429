from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mahalla.people import selectors


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # People are reachable through the grants they hold in the viewer's scope; anyone else
    # is a 404, so the page does not reveal who has an account.
    person = get_object_or_404(selectors.people_with_grants_in_scope(user=request.user), pk=pk)
    grants = selectors.user_grants(viewer=request.user, person=person)
    return render(request, "people/user_detail.html", {"person": person, "grants": grants})
