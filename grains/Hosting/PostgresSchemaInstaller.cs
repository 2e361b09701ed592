namespace CreativeGen.Grains.Hosting;

/// <summary>Applies the schema as the very first step of silo start-up (before membership and storage initialize).</summary>
internal sealed class PostgresSchemaInstaller(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaInstaller), ServiceLifecycleStage.First, token => PostgresSchema.ApplyAsync(connectionString, token));
}
