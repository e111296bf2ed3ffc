from django.urls import path

from wijkaanpak.participation import views
from wijkaanpak.participation import views_communication as comm

app_name = "participation"
urlpatterns = [
    path("", views.participation_index, name="index"),
    path("feed/<str:token>.ics", views.calendar_feed_private, name="feed_private"),
    path("activiteiten/<int:pk>/", views.activity_detail, name="activity"),
    path("activiteiten/<int:pk>/bewerken/", views.activity_edit, name="activity_edit"),
    path("vervolgacties/<int:pk>/", views.follow_up_act, name="follow_up"),
    path("verhalen/<int:pk>/", comm.story_detail, name="story"),
    path("verhalen/<int:pk>/foto.jpg", comm.story_image, name="story_image"),
    path("<slug:slug>/kalender/", views.calendar_page, name="calendar"),
    path("<slug:slug>/kalender.ics", views.calendar_feed, name="feed"),
    path("<slug:slug>/kalender/abonneren/", views.feed_tokens, name="feed_tokens"),
    path("<slug:slug>/activiteiten/", views.activity_list, name="activities"),
    path("<slug:slug>/activiteiten/nieuw/", views.activity_create, name="activity_create"),
    path("<slug:slug>/communicatie/", comm.communication, name="communication"),
    path("<slug:slug>/communicatie/nieuw/", comm.output_form, name="output_create"),
    path("<slug:slug>/communicatie/<int:pk>/", comm.output_form, name="output_edit"),
    path("<slug:slug>/verhalen/", comm.stories, name="stories"),
    path("<slug:slug>/verhalen/nieuw/", comm.story_form, name="story_create"),
    path("<slug:slug>/verhalen/<int:pk>/bewerken/", comm.story_form, name="story_edit"),
]
