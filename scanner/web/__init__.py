"""The local web page: `riskscan serve`, the second face over the application layer.

    server.py    binds 127.0.0.1 on a free port, prints the address with its key, runs uvicorn
    guard.py     the session key, cookie, CSRF values and Host header check
    uploads.py   streaming uploads into a private (0700) folder, with a size limit
    jobs.py      the scan (or workshop) running beside the server: progress, stop, result
    routes.py    the pages for staff; dsl.py the pages for the DSL
    templates/   jinja2 pages, which include the HTML report's own checklist
    static/      the page's stylesheet and its one small script; nothing comes from elsewhere
"""
