using System.CommandLine;
using CreativeGen.Grains.Hosting;
using Npgsql;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Db;

/// <summary>`creativegen db init`: applies the PostgreSQL schema (deploy/sql) that ADO.NET clustering and storage need.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "PostgreSQL connection string (Npgsql format); default: the CREATIVEGEN_PG environment variable.",
        };
        var init = new Command("init", "Create or update the tables, functions and Orleans queries (idempotent).") { connection };
        init.SetAction(async (parse, token) => await InitAsync(parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("CREATIVEGEN_PG"), token));
        return new Command("db", "Database administration for a PostgreSQL-backed cluster.") { init };
    }

    private static async Task<int> InitAsync(string? connectionString, CancellationToken token)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            AnsiConsole.MarkupLine("[red]No connection string[/]: pass --connection \"Host=...;Username=...;Database=...\" or set CREATIVEGEN_PG.");
            return 2;
        }
        try
        {
            foreach (var script in await PostgresSchema.ApplyAsync(connectionString, token))
                AnsiConsole.MarkupLine($"applied [bold]{Markup.Escape(script)}[/]");
            AnsiConsole.MarkupLine("[green]Schema is up to date.[/]");
            return 0;
        }
        catch (Exception error) when (error is NpgsqlException or ArgumentException)
        {
            AnsiConsole.MarkupLine($"[red]db init failed[/]: {Markup.Escape(error.Message)}");
            return 1;
        }
    }
}
