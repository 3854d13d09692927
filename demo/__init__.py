"""The demo site: a fictional partnership's pages, settings and reports, loaded by
``manage.py load_demo_content``. The words are in ``demo/content/``; this app imports the
others and nothing imports it."""
