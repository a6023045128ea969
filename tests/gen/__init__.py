"""The plan generators, shared by the tests and the benchmark (bench/ puts the repository root on
its import path to reach them).

- ``ledgers``: valid ledgers of any size in the real format, and plan documents in Markdown
  (``ledger(n)``, ``plan_markdown(n)``, ``taskwarrior_json(...)``);
- ``plans``: plan documents of any size as text, Word, Excel, a web page and PDF (``plan_text(n)``,
  ``plan_docx(path, n)``, ``plan_xlsx(path, n)``, ``plan_html(path, n)``, ``plan_pdf(path, n)``,
  ``plan_pdf_pages(path, pages)``);
- ``layouts``: ledgers on the real plan's header, with ids ``t-0`` ... (``make_ledger(n)``).

Everything is deterministic for a given size and seed: tests and the figures in bench/README.md
depend on the exact bytes.
"""
