using Npgsql;

namespace CreativeGen.Cluster.Tests.Storage;

public sealed class PostgresConnectionTests
{
    [SkippableFact]
    public async Task Connection_OpensAndRoundTripsAValue()
    {
        var connectionString = PostgresDatabase.RequireConnectionString();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1::int + 1", connection) { Parameters = { new() { Value = 41 } } };
        var result = await command.ExecuteScalarAsync();

        Assert.Equal(42, Convert.ToInt32(result));
    }
}
