using Platform.ServiceDefaults.Access;
using Platform.Compression.Apis;
using Platform.Compression.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddCompression();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCompressionJobsApi();

app.Run();
