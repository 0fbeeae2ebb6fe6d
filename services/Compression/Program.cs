using Platform.Compression.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCompression();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
