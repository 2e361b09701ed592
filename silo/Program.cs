using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Telemetry;
using CreativeGen.Ml.Common;
using CreativeGen.Silo.Health;
using OpenTelemetry.Metrics;

// A CreativeGen silo. Everything comes from appsettings.json (next to the program, whatever the working directory)
// and environment variables (section "CreativeGen", e.g. CreativeGen__Clustering=AdoNet, CreativeGen__ConnectionString=...,
// CreativeGen__ModelHost=false; CREATIVEGEN_DEVICE=cuda for a GPU).
try
{
    TorchRuntime.Initialize();
}
catch (TorchDeviceException error)
{
    Console.Error.WriteLine($"creativegen silo: {error.Message}");
    return 1;
}
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = builder.Configuration.GetSection(CreativeGenSiloOptions.Section).Get<CreativeGenSiloOptions>() ?? new();
builder.UseOrleans(silo => silo.AddCreativeGen(options));
builder.Services.AddDefaultModels(options.Models, options.ModelDirectory);
builder.Services.AddSiloHealthChecks(options);
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(CreativeGenMetrics.ExportedMeters).AddPrometheusExporter());
var app = builder.Build();
app.MapSiloHealthChecks(options);
app.MapPrometheusScrapingEndpoint(); // batch sizes and queue waits are recorded where the model grains run
app.Run();
return 0;
