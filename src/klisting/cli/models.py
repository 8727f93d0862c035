"""``klisting models list|install|remove``: manage Argos translation packages."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, progress, stderr, stdout

models_app = typer.Typer(
    help="Manage offline translation models (Argos Translate packages).", no_args_is_help=True
)


@models_app.command("list")
def list_command(fmt: OutputFormat = FORMAT_OPTION) -> None:
    """List installed packages (klisting's model dir and an existing argostranslate install)."""
    from klisting.translate.packages import installed_packages, models_dir

    packages = installed_packages()
    if fmt is OutputFormat.json:
        print_json({"model_dir": str(models_dir()), "packages": [p.to_json() for p in packages]})
        return
    if not packages:
        stderr.print(
            f"no translation models installed in {models_dir()}; install one with: klisting models install ko-en"
        )
        return
    from rich.table import Table

    table = Table("pair", "version", "name", "path")
    for package in packages:
        table.add_row(package.pair, package.version, package.name, str(package.path.parent))
    stdout.print(table)


@models_app.command("install")
def install_command(
    source: str = typer.Argument(
        ..., help="A local .argosmodel file, or a language pair such as ko-en."
    ),
    index_url: str = typer.Option(
        None, "--index-url", help="Argos package index (index.json) URL."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Install a package from a file, or by language pair from the Argos package index."""
    from klisting.translate.index import DEFAULT_INDEX_URL, install_from_index
    from klisting.translate.packages import install_package_file, parse_pair

    path = Path(source)
    if path.suffix == ".argosmodel" or path.exists():
        package = install_package_file(path)
    else:
        parse_pair(source)  # "ko" alone is the user's mistake: say so before going online
        with progress() as bar:
            task = bar.add_task(f"downloading {source}", total=None)

            def report(done: int, total: int | None) -> None:
                bar.update(task, completed=done, total=total)

            package = install_from_index(source, index_url or DEFAULT_INDEX_URL, progress=report)
    if fmt is OutputFormat.json:
        print_json(package.to_json())
    else:
        stderr.print(
            f"installed {package.name} ({package.pair} {package.version}) in {package.path.parent}",
            highlight=False,
        )


@models_app.command("remove")
def remove_command(
    name: str = typer.Argument(..., help="Package name (translate-ko_en-1_1) or pair (ko-en)."),
) -> None:
    """Remove a package from klisting's model dir."""
    from klisting.errors import InputError
    from klisting.translate.packages import models_dir, remove_packages

    removed = remove_packages(name)
    if not removed:
        raise InputError(
            f"no package {name!r} in {models_dir()}", "See what is installed: klisting models list"
        )
    for path in removed:
        stderr.print(f"removed {path.name}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")
