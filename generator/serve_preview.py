"""The preview server of `roadlog serve`: MkDocs' live-reload server, driven as `mkdocs serve --dirty`
drives it, except that a taken address fails before the first build, the URL is announced only once
the server answers, and what it made is removed however it stops."""

from __future__ import annotations

import ipaddress
import logging
import os
import shutil
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.commands.serve")


class AddressError(Exception):
    """The preview cannot listen on the address it was given."""


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, which calls `announce(url)` when it starts answering."""

    def __init__(self, announce: Callable[[str], None], **kwargs):
        super().__init__(**kwargs)
        self.announce = announce

    def server_bind(self) -> None:
        try:
            super().server_bind()
        except OSError as exc:  # taken since check_address
            raise _address_error(self.server_address, exc) from None

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        # Bound and listening already: a request sent now is answered by the loop below.
        self.announce(self.url)
        super().serve_forever(poll_interval)


def serve_preview(load: Callable[..., MkDocsConfig], announce: Callable[[str], None]) -> None:
    """Build into a temporary folder, then serve it and rebuild on edits until KeyboardInterrupt.

    `load(site_dir=…)` loads the MkDocs config (ConfigurationError if it cannot). Raises
    AddressError, before building, if the config's dev_addr cannot be listened on.
    """
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")  # named as `mkdocs serve` names it
    # A dirty build rebuilds only the pages whose source changed; the plugin makes that exact
    # (see keep_preview), so MkDocs' warning that a dirty build may be inaccurate is left out.
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: not record.getMessage().startswith("A 'dirty' build")
    )
    config = None
    try:
        config = load(site_dir=site_dir)
        # Inside the `try`: stopped during on_startup, the plugins still close what they opened.
        config.plugins.on_startup(command="serve", dirty=True)
        _serve(config, load, site_dir, announce)
    finally:
        if config is not None:
            config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(
    config: MkDocsConfig,
    load: Callable[..., MkDocsConfig],
    site_dir: str,
    announce: Callable[[str], None],
) -> None:
    host, port = config.dev_addr
    check_address(host, port)
    server = _Server(
        announce,
        builder=lambda: None,  # set below: the builder needs the server's URL
        host=host,
        port=port,
        root=site_dir,
        mount_path=urlsplit(config.site_url or "/").path,
    )
    url = config.site_url = server.url

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is None:  # a rebuild reads mkdocs.yml again: it may have changed
            try:
                config = load(site_dir=site_dir)
            except ConfigurationError as exc:
                log.error(str(exc))
                log.error("could not rebuild; the preview shows the last good site")
                return
            config.site_url = url
        build(config, serve_url=url, dirty=True)

    server.builder = builder
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for path in config.watch:
            server.watch(path)
        server.serve()
    finally:
        server.shutdown()


def check_address(host: str, port: int) -> None:
    """Raise AddressError unless the preview server could listen on host:port."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:  # a host name: the server binds it as IPv4
        family = socket.AF_INET
    try:
        socket.create_server((host, port), family=family).close()
    except OSError as exc:
        raise _address_error((host, port), exc) from None


def _address_error(address: tuple, exc: OSError) -> AddressError:
    host, port = address[:2]
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    return AddressError(
        f"cannot serve on {host}:{port} ({reason}); choose another address with -a HOST:PORT"
    )


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 or 500 page, as `mkdocs serve` shows it."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
