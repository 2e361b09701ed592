using CreativeGen.Grains.Hosting;
using CreativeGen.Ml.Common;

// A CreativeGen silo. Everything comes from appsettings.json and environment variables (section "CreativeGen",
// e.g. CreativeGen__Clustering=AdoNet, CreativeGen__ConnectionString=..., CreativeGen__ModelHost=false).
TorchRuntime.Initialize();
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(CreativeGenSiloOptions.Section).Get<CreativeGenSiloOptions>() ?? new();
builder.UseOrleans(silo => silo.AddCreativeGen(options));
builder.Services.AddDefaultModels(options.Models, options.ModelDirectory);
var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok", modelHost = options.ModelHost }));
app.Run();
