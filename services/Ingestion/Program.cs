using Platform.ServiceDefaults.Access;
using Platform.Ingestion.Apis;
using Platform.Ingestion.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddIngestion();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDatasetsApi();

app.Run();
