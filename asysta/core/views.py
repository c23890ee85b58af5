from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from asysta.core.http import AsystaRequest


def permission_denied(request: AsystaRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: AsystaRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: AsystaRequest) -> HttpResponse:
    # Rendered without the request context: the failure may lie in what the context needs.
    return HttpResponseServerError(loader.get_template("500.html").render())
