using CreativeGen.Ml.Common;

TorchRuntime.Initialize();
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseLocalhostClustering());
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.Run();
