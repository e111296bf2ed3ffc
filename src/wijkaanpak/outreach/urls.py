from django.urls import path

from wijkaanpak.outreach import queue_views, views, work_views

app_name = "outreach"
urlpatterns = [
    path("", views.index, name="index"),
    path("mijn-werk/", work_views.my_work, name="work"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/visit/", views.visit_form, name="visit"),
    path("programmes/<slug:slug>/campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/team/", views.campaign_team, name="campaign_team"),
    path("campaigns/<int:pk>/addresses/", views.address_import, name="address_import"),
    path("households/", views.household_list, name="households"),
    path("households/<int:pk>/", views.household_detail, name="household"),
    path("households/<int:pk>/act/", views.household_action, name="household_action"),
    path("referrals/", queue_views.referral_queue, name="referrals"),
    path("referrals/<int:pk>/", work_views.referral_detail, name="referral"),
    path("referrals/<int:pk>/transition/", views.referral_transition, name="referral_transition"),
    path("escalations/", queue_views.escalation_queue, name="escalations"),
    path("escalations/<int:pk>/resolve/", views.escalation_resolve, name="escalation_resolve"),
    path("escalations/<int:pk>/assign/", views.escalation_assign, name="escalation_assign"),
    path(
        "programmes/<slug:slug>/reporting-deadlines/",
        views.reporting_deadlines,
        name="reporting_deadlines",
    ),
    path("audit/", views.audit_log, name="audit"),
    path("audit.csv", views.audit_log_csv, name="audit_csv"),
]
