from django.urls import path

from . import views

app_name = "wire"

urlpatterns = [
    path("", views.ninjs_list, name="list"),
    path("<path:guid>", views.ninjs_detail, name="detail"),
]
