using System.Reflection;
using Npgsql;

namespace CreativeGen.Grains.Hosting;

/// <summary>
/// Applies the PostgreSQL schema in deploy/sql (embedded in this assembly) in file-name order. The scripts
/// are idempotent; an advisory lock keeps silos that start together from applying them at the same time.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Orleans' ADO.NET invariant name for Npgsql.</summary>
    public const string Invariant = "Npgsql";

    private const long AdvisoryLockKey = 0x43_47_53_43_48_45_4D_41; // "CGSCHEMA"

    public static IReadOnlyList<string> ScriptNames =>
        [.. typeof(PostgresSchema).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("CreativeGen.Sql.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Runs every script; returns the names applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        foreach (var script in ScriptNames)
        {
            await using var command = new NpgsqlCommand(Read(script), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return ScriptNames;
    }

    private static string Read(string resourceName)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded SQL script {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
