namespace CreativeGen.Cluster.Tests.Storage;

/// <summary>
/// The PostgreSQL test database. `.ci/run` starts a throwaway cluster and sets CREATIVEGEN_PG to its
/// connection string; without it the PostgreSQL tests report themselves skipped.
/// </summary>
public static class PostgresDatabase
{
    public const string EnvironmentVariable = "CREATIVEGEN_PG";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
        ? value
        : null;

    /// <summary>The connection string; skips the test without one, except in CI, where it fails.</summary>
    public static string RequireConnectionString()
    {
        if (ConnectionString is null && Environment.GetEnvironmentVariable("CI") == "true")
            throw new InvalidOperationException($"{EnvironmentVariable} must be set in CI: PostgreSQL tests never skip there.");
        Skip.If(ConnectionString is null, $"{EnvironmentVariable} is not set: PostgreSQL tests need `.ci/run` or a server of your own.");
        return ConnectionString!;
    }
}
