using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Telemetry;
using CreativeGen.Ml.Common;
using OpenTelemetry.Metrics;

// A CreativeGen silo. Everything comes from appsettings.json and environment variables (section "CreativeGen",
// e.g. CreativeGen__Clustering=AdoNet, CreativeGen__ConnectionString=..., CreativeGen__ModelHost=false).
TorchRuntime.Initialize();
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(CreativeGenSiloOptions.Section).Get<CreativeGenSiloOptions>() ?? new();
builder.UseOrleans(silo => silo.AddCreativeGen(options));
builder.Services.AddDefaultModels(options.Models, options.ModelDirectory);
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(CreativeGenMetrics.ExportedMeters).AddPrometheusExporter());
var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok", modelHost = options.ModelHost }));
app.MapPrometheusScrapingEndpoint(); // batch sizes and queue waits are recorded where the model grains run
app.Run();
