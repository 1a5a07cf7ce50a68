"""Editor Markdown becomes links only to the schemes the editors' guide names."""

from __future__ import annotations

import pytest

from generator.common.markup import markdown_to_html


@pytest.mark.parametrize("text", [
    "[x](//evil.example/x)",        # protocol-relative: leaves the site
    "[x](/etc/passwd)",             # site-absolute path
    "[x](../../du-lieu/x.csv)",     # relative path
    "[x](#nv-i-1)",                 # bare anchor
    "[x](ftp://example.org/x)",
    "[x](tel:+84123456)",
    "[x](sms:+84123456)",
    "[x](file:///etc/passwd)",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html,<b>x</b>)",
    "[x](https:///etc/passwd)",
    "<ftp://example.org/y>",
    "[x][r]\n\n[r]: //evil.example/x",
])
def test_other_links_stay_text(text: str) -> None:
    assert "<a " not in markdown_to_html(text)


@pytest.mark.parametrize(("text", "href"), [
    ("[a](https://example.org/a)", "https://example.org/a"),
    ("[a](http://example.org/a)", "http://example.org/a"),
    ("[a](HTTPS://EXAMPLE.ORG/A)", "HTTPS://EXAMPLE.ORG/A"),
    ("[b](mailto:a@example.org)", "mailto:a@example.org"),
    ("<https://example.org/c>", "https://example.org/c"),
    ("[d][r]\n\n[r]: https://example.org/d", "https://example.org/d"),
])
def test_the_documented_links_work(text: str, href: str) -> None:
    assert f'href="{href}"' in markdown_to_html(text)
