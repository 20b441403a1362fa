"""The `warta` command: one entry point, one sub-command per job."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Iterable, Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from warta.record import Article

stderr = Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="warta")
def cli() -> None:
    """warta: Indonesian news into sourced, structured knowledge."""


def progress_bar(label: str, total: int | None = None) -> Progress:
    """A progress bar on stderr, shown only on a terminal."""
    return Progress(SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=stderr, transient=False, disable=not stderr.is_terminal)


def with_progress(records: Iterable[Article], label: str) -> Iterator[Article]:
    with progress_bar(label) as bar:
        task = bar.add_task(label, total=None)
        for record in records:
            bar.advance(task)
            yield record


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", default=None,
              help="pretty (default on a terminal), json (default otherwise), jsonl, events-tsv")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="write here instead of stdout")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="worker processes (default: n_process in settings, 1); records keep the input order")
def analyze(paths: tuple[str, ...], fmt: str | None, output: str | None, jobs: int | None) -> None:
    """Analyse articles: .txt .html .json .jsonl files, directories, globs, or - for stdin."""
    from warta.analyze import analyze_sources
    from warta.formats import load_formats, tee_errors
    from warta.sources import read_sources

    formats = load_formats()
    fmt = fmt or ("pretty" if sys.stdout.isatty() and not output else "json")
    if fmt not in formats:
        raise click.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(sorted(formats))}",
                                 param_hint="--format")
    failures: list[Article] = []
    with (open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)) as out:
        records = analyze_sources(read_sources(list(paths)), n_process=jobs)
        formats[fmt](tee_errors(with_progress(records, "analysing"), failures), out)
    for record in failures:
        stderr.print(f"[red]error[/red] {record.source}: {record.error}")
    sys.exit(1 if failures else 0)


@cli.command(name="eval")
@click.argument("gold", nargs=-1, required=True)
@click.option("--shared", type=click.Path(file_okay=False, exists=True), default="../shared",
              show_default=True, help="the shared/ folder the gold files' `file` paths are relative to")
@click.option("--verbose", "-v", is_flag=True, help="list every miss")
def eval_cmd(gold: tuple[str, ...], shared: str, verbose: bool) -> None:
    """Score the pipeline against gold records (shared/eval/GUIDELINE.md)."""
    from warta.evaluate import evaluate

    report = evaluate(list(gold), shared)
    if verbose:
        click.echo("\n".join(report.details))
    click.echo(report.summary())


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the article record (warta.article/1)."""
    import json

    from warta.record import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def register_commands() -> None:
    """Commands from the other stages (knowledge base, web, scale) register on import."""
    for module in ("warta.kb.cli", "warta.web.cli", "warta.scale.cli", "warta.training_cli"):
        try:
            __import__(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise


def main() -> None:
    register_commands()
    cli()


if __name__ == "__main__":
    main()
