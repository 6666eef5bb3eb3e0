"""``hinge-coach serve``: the app in a web page, one app process per browser tab.

``server.py`` is the web server (textual-serve's, with a limit on sessions and a page that
says so); ``process.py`` runs and, above all, ends each tab's app process.
"""
