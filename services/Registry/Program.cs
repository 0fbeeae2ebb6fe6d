using Platform.ServiceDefaults.Access;
using Platform.Registry.Apis;
using Platform.Registry.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddRegistry();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSolutionsApi();
app.MapBaseModelsApi();
app.MapDeploymentsApi();
app.MapRunsApi();
app.MapModelsApi();
app.MapDatasetVersionsApi();
app.MapRetrainingApi();
app.MapApiKeysApi();

app.Run();
