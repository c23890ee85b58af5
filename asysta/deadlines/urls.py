from django.urls import path

from asysta.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.board, name="board"),
    path("moje/", views.mine, name="mine"),
]
