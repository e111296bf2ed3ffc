"""The Overvecht demo: loads every app's `demo.load()` in order (`wijkaanpak load_demo`).

An app of its own, above every domain app in the app map (docs/architecture.md,
docs/adr/0009-demo-loader-above-the-domain-apps.md): it is the one place that knows all of them.
"""
